"""Shared fixtures: the real embedder (loaded once), a real `chroma run` server, corpora paths."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from eval.bundled import FRESHWIKI_DIR, SAMPLE_ARTICLE
from index.library import Library
from index.settings import IndexSettings

ROOT = Path(__file__).resolve().parents[1]
# The corpora ship in the package (eval/corpus): the tests read nothing outside the clone.
SAMPLE = SAMPLE_ARTICLE
FRESHWIKI = FRESHWIKI_DIR
FIXTURES = Path(__file__).parent / "fixtures"
# Vectors persist between local runs (a fresh CI clone starts empty): re-embedding the same
# FreshWiki text on every run would cost minutes and prove nothing new.
VECTOR_CACHE = ROOT / ".cache" / "test-vectors"
# The exported ONNX graph, shared by this process and every `ibid` the tests start.
MODEL_CACHE = ROOT / ".cache" / "models"
os.environ.setdefault("IBID_INDEX__EMBEDDING__MODEL_CACHE", str(MODEL_CACHE))


@pytest.fixture(scope="session")
def embedder() -> object:
    """The real MiniLM embedder (the default ONNX backend), loaded once per session, vectors
    cached on disk. Loading it here also exports the graph before any `ibid` process needs it."""
    from index.embed import CachedEmbeddings, load_embedder, resolve_backend
    from index.settings import EmbeddingSettings

    settings = EmbeddingSettings(cache=False, model_cache=MODEL_CACHE)
    inner = load_embedder(settings)
    return CachedEmbeddings(
        inner,
        VECTOR_CACHE / "embeddings.sqlite",
        namespace=settings.vector_key(resolve_backend(settings)),
    )


@pytest.fixture(scope="session")
def crosslingual_embedder() -> object:
    """The real multilingual embedder (the default model), vectors cached on disk."""
    from index.crosslingual import xl_embeddings, xl_model
    from index.embed import CachedEmbeddings

    settings = IndexSettings()
    return CachedEmbeddings(
        xl_embeddings(settings), VECTOR_CACHE / "embeddings.sqlite", xl_model(settings).key
    )


@pytest.fixture
def make_library(
    tmp_path: Path, embedder: object, crosslingual_embedder: object
) -> Callable[..., Library]:
    libraries: list[Library] = []

    def make(home: Path | None = None, settings: IndexSettings | None = None) -> Library:
        lib = Library(
            home or tmp_path / "home",
            settings or IndexSettings(),
            embeddings=embedder,  # type: ignore[arg-type]
            crosslingual_embeddings=crosslingual_embedder,  # type: ignore[arg-type]
        )
        libraries.append(lib)
        return lib

    yield make  # type: ignore[misc]
    for lib in libraries:
        lib.manifest.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `chroma run` server on loopback, for the scale-out code path."""
    exe = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    if exe is None:
        pytest.fail("the `chroma` CLI (from the chromadb package) is not installed")
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = open(data / "server.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [exe, "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    import chromadb

    deadline = time.time() + 60
    while True:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
            break
        except Exception:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                pytest.fail(f"chroma server did not start: {(data / 'server.log').read_text()}")
            time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the real `ibid` entry point in a new process."""
    return subprocess.run(
        [sys.executable, "-c", "from ui.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


def sample_library(
    tmp_path_factory: pytest.TempPathFactory, embedder: object, name: str
) -> Iterator[Library]:
    """A module's own home with the sample ingested (for a module-scoped fixture to yield from)."""
    lib = Library(tmp_path_factory.mktemp(name), embeddings=embedder)  # type: ignore[arg-type]
    assert lib.ingest([SAMPLE]).failed == []
    yield lib
    lib.manifest.close()


def in_process_cli(library: Library, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """`ibid ARGS…` run in-process on `library` (its embedder, its vector cache)."""
    from click.testing import CliRunner

    from ui.cli import cli
    from ui.cli.util import App

    monkeypatch.delenv("IBID_CONFIG", raising=False)
    monkeypatch.setattr(App, "library", lambda self: library)

    def run(*args: str) -> Any:
        return CliRunner().invoke(cli, ["--home", str(library.home), *args])

    return run
