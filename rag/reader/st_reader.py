"""A user's own sentence-transformers CrossEncoder folder, behind the same interface."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np


class CrossEncoderReader:
    def __init__(self, folder: Path, batch_size: int = 32) -> None:
        self.folder = Path(folder)
        self.name = self.folder.name
        self.batch_size = batch_size
        self._model: Any = None

    def _load(self) -> Any:
        # The same loader as the retrieval reranker (rag.rerank): offline, local files only.
        from rag.rerank import load_cross_encoder

        return load_cross_encoder(str(self.folder))

    def score(self, question: str, passages: Sequence[tuple[str, str]]) -> np.ndarray:
        """Logits, whatever activation the model applies: a probability p becomes log(p/(1-p)),
        so the fused weights read one scale."""
        if not passages:
            return np.zeros(0, dtype=np.float32)
        if self._model is None:
            self._model = self._load()
        pairs = [(question, f"{t}: {s}" if t else s) for t, s in passages]
        raw = np.asarray(
            self._model.predict(pairs, batch_size=self.batch_size, show_progress_bar=False),
            dtype=np.float64,
        ).reshape(len(pairs), -1)[:, -1]
        if raw.min() >= 0.0 and raw.max() <= 1.0:
            p = np.clip(raw, 1e-6, 1 - 1e-6)
            raw = np.log(p / (1 - p))
        return raw.astype(np.float32)
