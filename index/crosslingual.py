"""The cross-lingual leg: one multilingual vector per chunk, in a collection beside the main one.

The main collection keeps the English-tuned model, whose figures docs/benchmarks.md reports;
this one lets a Turkish question reach an English chunk (and an English question a Russian one).
Both hold the same chunk ids, so a chunk's two vectors are found, replaced and deleted together.
Each multilingual model has its own collection, so changing the model never mixes vectors: the
next ingest fills the new one in (index.sync's repair).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from index.embed import CachedEmbeddings
from index.settings import IndexSettings
from index.store import VectorStore
from index.types import Chunk, Hit, Scope


@dataclass(frozen=True)
class XLModel:
    """What the rest of Ibid needs to know of a multilingual encoder."""

    key: str  # vector-cache namespace and the collection's `ibid_model`
    suffix: str  # appended to the main collection's name
    # Its cosines mapped onto the English model's scale (offset + scale x cosine), because
    # retrieval mixes both models' cosines when an English question reads foreign chunks, and
    # its refusal floors were fitted on that scale. e5 puts unrelated text at ~0.7 and answers
    # at ~0.85; the map matches the two models' mean cosines of dev questions with their gold
    # paragraphs and with other articles' paragraphs (benchmarks/xl_calibrate.py).
    offset: float = 0.0
    scale: float = 1.0

    def calibrate(self, cosine: float) -> float:
        return self.offset + self.scale * cosine


def xl_model(settings: IndexSettings) -> XLModel:
    name = settings.crosslingual.model
    if name == "use-m3":
        from index.use_embed import MODEL_NAME

        # The collection and cache keys from before there was a choice, so archives keep theirs.
        return XLModel(MODEL_NAME, "-xl")
    from index.e5.convert import CONVERT_VERSION

    return XLModel(f"e5-small@onnx-fp32-v{CONVERT_VERSION}", "-xl-e5s", E5_OFFSET, E5_SCALE)


# Fitted by benchmarks/xl_calibrate.py on the English dev half (results/xl-calibration.json).
E5_OFFSET, E5_SCALE = -3.324, 4.496


def xl_embeddings(settings: IndexSettings) -> Embeddings:
    """The configured multilingual encoder, uncached."""
    threads = settings.crosslingual.threads
    if settings.crosslingual.model == "use-m3":
        from index.use_embed import UseEmbeddings

        return UseEmbeddings(threads)
    from index.e5 import E5Embeddings

    return E5Embeddings(threads=threads, cache=settings.embedding.model_cache)


class CrossLingualIndex:
    def __init__(
        self,
        client: Any,
        collection_name: str,
        settings: IndexSettings,
        cache_dir: Path | None,
        embeddings: Embeddings | None = None,
    ) -> None:
        self.model = xl_model(settings)
        inner = embeddings or xl_embeddings(settings)
        if embeddings is None and settings.embedding.cache and cache_dir is not None:
            inner = CachedEmbeddings(inner, cache_dir / "embeddings.sqlite", self.model.key)
        self.embeddings = inner
        self.store = VectorStore(client, collection_name + self.model.suffix, inner, self.model.key)
        self.batch = settings.chroma.batch_size

    def add(self, chunks: Sequence[Chunk], sentences: Sequence[str] = ()) -> None:
        """Store the chunks' vectors. `sentences` ride in the same call only to land in the
        vector cache: the extractive answerer scores a cross-lingual question's candidate
        sentences with this model, and embedding them then would cost seconds a question."""
        if chunks:
            texts = [c.embed_text for c in chunks]
            if isinstance(self.embeddings, CachedEmbeddings):
                texts += list(sentences)
            vectors = self.embeddings.embed_documents(texts)[: len(chunks)]
            self.store.upsert(chunks, vectors, self.batch)

    def delete(self, ids: Sequence[str]) -> None:
        self.store.delete(ids)

    def count(self) -> int:
        return self.store.count()

    def all_ids(self) -> list[str]:
        return self.store.all_ids()

    def search(self, vector: Sequence[float], k: int, scope: Scope | None = None) -> list[Hit]:
        hits = self.store.search(vector, k, scope)
        return [Hit(h.chunk_id, self.model.calibrate(h.score)) for h in hits]

    def cosines(self, vector: Sequence[float], ids: Sequence[str]) -> dict[str, float]:
        raw = self.store.cosines(vector, ids)
        return {cid: self.model.calibrate(c) for cid, c in raw.items()}

    def query_vector(self, text: str) -> list[float]:
        """The question's vector; retrieval and the sentence scorer both ask for it."""
        return list(self._query_vector(text))

    @lru_cache(maxsize=64)  # noqa: B019 - one index per Library, kept for its lifetime
    def _query_vector(self, text: str) -> tuple[float, ...]:
        return tuple(self.embeddings.embed_query(text))
