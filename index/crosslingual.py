"""The cross-lingual leg: one multilingual vector per chunk, in a collection beside the main one.

The main collection keeps the English-tuned model, whose figures the README reports; this one
lets a Turkish question reach an English chunk (and an English question a Russian one). Both hold
the same chunk ids, so a chunk's two vectors are found, replaced and deleted together.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from index.embed import CachedEmbeddings
from index.settings import IndexSettings
from index.store import VectorStore
from index.types import Chunk, Hit, Scope
from index.use_embed import MODEL_NAME, UseEmbeddings


class CrossLingualIndex:
    def __init__(
        self,
        client: Any,
        collection_name: str,
        settings: IndexSettings,
        cache_dir: Path | None,
        embeddings: Embeddings | None = None,
    ) -> None:
        inner = embeddings or UseEmbeddings(settings.crosslingual.threads)
        if embeddings is None and settings.embedding.cache and cache_dir is not None:
            inner = CachedEmbeddings(inner, cache_dir / "embeddings.sqlite", namespace=MODEL_NAME)
        self.embeddings = inner
        self.store = VectorStore(client, collection_name + "-xl", inner, MODEL_NAME)
        self.batch = settings.chroma.batch_size

    def add(self, chunks: Sequence[Chunk]) -> None:
        if chunks:
            vectors = self.embeddings.embed_documents([c.embed_text for c in chunks])
            self.store.upsert(chunks, vectors, self.batch)

    def delete(self, ids: Sequence[str]) -> None:
        self.store.delete(ids)

    def count(self) -> int:
        return self.store.count()

    def all_ids(self) -> list[str]:
        return self.store.all_ids()

    def search(self, vector: Sequence[float], k: int, scope: Scope | None = None) -> list[Hit]:
        return self.store.search(vector, k, scope)

    def cosines(self, vector: Sequence[float], ids: Sequence[str]) -> dict[str, float]:
        return self.store.cosines(vector, ids)

    def query_vector(self, text: str) -> list[float]:
        """The question's vector; retrieval and the sentence scorer both ask for it."""
        return list(self._query_vector(text))

    @lru_cache(maxsize=64)  # noqa: B019 - one index per Library, kept for its lifetime
    def _query_vector(self, text: str) -> tuple[float, ...]:
        return tuple(self.embeddings.embed_query(text))
