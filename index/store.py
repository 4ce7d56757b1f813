"""Chroma: an embedded PersistentClient under IBID_HOME, or a server when a URL is set.

Writes go through the chromadb collection with precomputed vectors (so embedding is timed and
cached apart from storage); searches go through LangChain's `Chroma`, and LangChain `Document`s
never leave this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from langchain_core.embeddings import Embeddings

from index.errors import ConfigError, StoreError
from index.types import Chunk, Hit, Scope


def make_client(home: Path, url: str | None) -> Any:
    import chromadb
    from chromadb.config import Settings as ClientSettings

    settings = ClientSettings(anonymized_telemetry=False)
    if not url:
        return chromadb.PersistentClient(path=str(home / "chroma"), settings=settings)
    parsed = urlparse(url if "://" in url else f"http://{url}")
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ConfigError(f"IBID_CHROMA_URL must look like http://host:port, got {url!r}")
    ssl = parsed.scheme == "https"
    port = parsed.port or (443 if ssl else 8000)
    try:
        client = chromadb.HttpClient(host=parsed.hostname, port=port, ssl=ssl, settings=settings)
        client.heartbeat()
    except Exception as exc:
        raise StoreError(
            f"cannot reach the Chroma server at {url} ({exc.__class__.__name__}: {exc}); start "
            "one with `chroma run --path DIR --port N`, or unset IBID_CHROMA_URL to use the "
            "embedded store"
        ) from exc
    return client


def chunk_metadata(chunk: Chunk) -> dict[str, str | int]:
    # Chroma metadata holds scalars only, and range filters work on numbers: dates become
    # YYYYMMDD integers (0 when unknown).
    published = chunk.published or ""
    return {
        "article_id": chunk.article_id,
        "ord": chunk.ord,
        "section": chunk.section or "",
        "para_start": chunk.para_start,
        "para_end": chunk.para_end,
        "title": chunk.title,
        "author": chunk.author or "",
        "published": published,
        "published_int": int(published.replace("-", "")) if published else 0,
        "language": chunk.language or "",
        "footnotes": ",".join(chunk.footnotes),
    }


class VectorStore:
    def __init__(self, client: Any, name: str, embeddings: Embeddings, model: str) -> None:
        from langchain_chroma import Chroma

        self.name = name
        try:
            self.collection = client.get_or_create_collection(
                name,
                embedding_function=None,
                configuration={"hnsw": {"space": "cosine"}},
                metadata={"ibid_model": model},
            )
        except Exception as exc:
            raise StoreError(f"cannot open Chroma collection {name}: {exc}") from exc
        self._lc = Chroma(client=client, collection_name=name, embedding_function=embeddings)

    def count(self) -> int:
        return int(self.collection.count())

    def upsert(
        self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]], batch: int
    ) -> None:
        for i in range(0, len(chunks), batch):
            part = chunks[i : i + batch]
            self.collection.upsert(
                ids=[c.id for c in part],
                embeddings=[list(v) for v in vectors[i : i + batch]],
                documents=[c.text for c in part],
                metadatas=[chunk_metadata(c) for c in part],
            )

    def ids_for_article(self, article_id: str) -> list[str]:
        return list(self.collection.get(where={"article_id": article_id}, include=[])["ids"])

    def delete(self, ids: Sequence[str]) -> None:
        ids = list(ids)
        for i in range(0, len(ids), 5000):
            self.collection.delete(ids=ids[i : i + 5000])

    def all_ids(self, page: int = 10000) -> list[str]:
        ids: list[str] = []
        offset = 0
        while True:
            got = self.collection.get(include=[], limit=page, offset=offset)["ids"]
            ids += got
            if len(got) < page:
                return ids
            offset += page

    def cosines(self, vector: Sequence[float], ids: Sequence[str]) -> dict[str, float]:
        """The cosine of `vector` with the stored vector of each of `ids` (absent ids left out):
        for chunks another retrieval leg found."""
        if not ids:
            return {}
        import numpy as np

        got = self.collection.get(ids=list(ids), include=["embeddings"])
        q = np.asarray(vector, dtype=np.float32)
        return {
            cid: float(np.dot(q, np.asarray(vec, dtype=np.float32)))
            for cid, vec in zip(got["ids"], got["embeddings"], strict=True)
        }

    def search(self, vector: Sequence[float], k: int, scope: Scope | None = None) -> list[Hit]:
        """The k nearest chunks within `scope`, with their cosine similarity."""
        if k <= 0:
            return []
        docs = self._lc.similarity_search_by_vector_with_relevance_scores(
            list(vector), k=k, filter=_where(scope)
        )
        return [Hit(str(doc.id), 1.0 - float(distance)) for doc, distance in docs]


def _where(scope: Scope | None) -> dict[str, Any] | None:
    """`scope` in Chroma's filter language, which stays inside this module."""
    if scope is None:
        return None
    parts: list[dict[str, Any]] = []
    if scope.article_ids is not None:
        # Chroma rejects an empty $in; an id no article has selects nothing instead.
        parts.append({"article_id": {"$in": sorted(scope.article_ids) or ["\0none"]}})
    if scope.skip_languages:
        parts.append({"language": {"$nin": list(scope.skip_languages)}})
    if len(parts) > 1:
        return {"$and": parts}
    return parts[0] if parts else None
