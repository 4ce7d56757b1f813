"""Optional cross-encoder reranker, loaded from a local folder (no model ships offline here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from index.embed import offline_env
from index.errors import ConfigError


def load_cross_encoder(path: str, device: str = "cpu") -> Any:
    folder = Path(path).expanduser()
    if not folder.is_dir():
        raise ConfigError(
            f"retrieval.cross_encoder {path!r} is not a folder: point it at a local "
            "sentence-transformers CrossEncoder model, or unset IBID_RAG__RETRIEVAL__CROSS_ENCODER"
        )
    offline_env()
    from sentence_transformers import CrossEncoder

    try:
        return CrossEncoder(str(folder), device=device, local_files_only=True)
    except Exception as exc:
        raise ConfigError(f"cannot load a CrossEncoder from {folder}: {exc}") from exc
