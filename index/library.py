"""`Library`: one archive (manifest + Chroma collection + keyword index) under IBID_HOME.

Heavy parts (embedder, Chroma client, BM25) load on first use, so listing articles is instant.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langchain_core.embeddings import Embeddings

from index.chunking import TokenCount, token_counter
from index.embed import load_embedder, model_path, resolve_backend
from index.errors import BusyError, NotFoundError
from index.keyword import KeywordIndex
from index.locks import flock
from index.manifest import Manifest
from index.settings import IndexSettings
from index.store import VectorStore, make_client
from index.types import (
    Article,
    ArticleRow,
    Chunk,
    CitationRow,
    Counts,
    FileRecord,
    Hit,
    IngestReport,
    Scope,
)
from index.versions import Version, group_versions

if TYPE_CHECKING:
    from index.crosslingual import CrossLingualIndex


class Library:
    def __init__(
        self,
        home: Path,
        settings: IndexSettings | None = None,
        *,
        embeddings: Embeddings | None = None,
        token_count: TokenCount | None = None,
        crosslingual_embeddings: Embeddings | None = None,
    ) -> None:
        self.home = Path(home).expanduser()
        self.settings = settings or IndexSettings()
        self.backend = resolve_backend(self.settings.embedding)
        self.collection_name = self.settings.collection_name(self.backend)
        self.dir = self.home / "indexes" / self.collection_name
        self.manifest = Manifest(self.dir / "manifest.sqlite")
        self._embeddings = embeddings
        self._token_count = token_count
        self._vectors: VectorStore | None = None
        self._client: Any = None
        self._xl_embeddings = crosslingual_embeddings
        self._crosslingual: CrossLingualIndex | None = None
        self._keyword: KeywordIndex | None = None
        self._keyword_lock = threading.Lock()
        self._versions: tuple[int, dict[str, list[Version]]] | None = None
        self._langs: tuple[int, set[str]] | None = None

    @property
    def model(self) -> str:
        return self.settings.embedding.model

    @property
    def embeddings(self) -> Embeddings:
        if self._embeddings is None:
            cache = self.settings.embedding.cache_dir or self.home / "cache"
            self._embeddings = load_embedder(self.settings.embedding, cache)
        return self._embeddings

    @property
    def token_count(self) -> TokenCount:
        if self._token_count is None:
            self._token_count = token_counter(str(model_path(self.model)))
        return self._token_count

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = make_client(self.home, self.settings.chroma.url)
        return self._client

    @property
    def vectors(self) -> VectorStore:
        if self._vectors is None:
            self._vectors = VectorStore(
                self.client, self.collection_name, self.embeddings, self.model
            )
        return self._vectors

    @property
    def crosslingual(self) -> CrossLingualIndex | None:
        """The multilingual leg (None when `index.crosslingual.enabled` is off)."""
        if not self.settings.crosslingual.enabled:
            return None
        if self._crosslingual is None:
            from index.crosslingual import CrossLingualIndex

            self._crosslingual = CrossLingualIndex(
                self.client,
                self.collection_name,
                self.settings,
                self.settings.embedding.cache_dir or self.home / "cache",
                self._xl_embeddings,
            )
        return self._crosslingual

    def warm(self) -> None:
        """Load the embedder, the vector store and the keyword index now, not on first use."""
        # One query, because ONNX Runtime builds its session on the first encode (~0.2 s).
        self.embeddings.embed_query("warm")
        _ = self.vectors
        if self.counts().articles:  # an empty archive has no keyword index until an ingest
            self.keyword()

    def keyword(self) -> KeywordIndex:
        """The BM25 index for the manifest's current generation, rebuilt if stale."""
        generation = self.manifest.generation()
        current = self._keyword
        if current is not None and current.generation == generation:
            return current
        # One rebuild at a time: concurrent UI requests right after an ingest would otherwise
        # each build (and save) the same index.
        with self._keyword_lock:
            if self._keyword is not None and self._keyword.generation == generation:
                return self._keyword
            path = self.dir / "bm25"
            index = KeywordIndex.load(path, generation)
            if index is None:
                rows = self.manifest.chunk_texts()
                index = KeywordIndex.build(rows.ids, rows.texts, generation, rows.languages)
                index.save(path)
            self._keyword = index
            return index

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One writer at a time per archive: a second ingest waits instead of interleaving."""
        with flock(self.dir / ".write.lock", wait=True):
            yield

    @contextmanager
    def owning(self, command: str) -> Iterator[None]:
        """Hold the archive as its one writing process while the block runs.

        Embedded Chroma keeps its index in the memory of the process that opened it: a second
        process writing the same files leaves the first one answering from a stale index
        ("Error finding id"). So `ibid serve`, `ibid ingest` and `ibid remove` each take this
        lock and a second one is refused, naming the holder. A Chroma server has no such
        limit: there the lock is not taken, and the manifest's generation tells readers to
        reload.
        """
        if self.settings.chroma.url:
            yield
            return
        path = self.home / ".owner.lock"
        held = ExitStack()
        try:
            fd = held.enter_context(flock(path, wait=False))
        except BlockingIOError:
            holder = path.read_text(encoding="utf-8", errors="replace").strip() or "a process"
            raise BusyError(
                f"{holder} is writing the archive in {self.home}; wait for it to finish, "
                "add files through the running server's Library tab, or run a Chroma server "
                "(IBID_CHROMA_URL) so that several processes can write"
            ) from None
        with held:
            os.ftruncate(fd, 0)
            started = time.strftime("%Y-%m-%d %H:%M:%S")
            os.pwrite(fd, f"`{command}` (pid {os.getpid()}, since {started})".encode(), 0)
            yield

    # reads ------------------------------------------------------------------------------
    def other_indexes(self) -> list[str]:
        """Indexes in this home made under other embedding or chunking settings (e.g. the torch
        backend before ONNX became the default): their articles are invisible from here."""
        root = self.home / "indexes"
        if not root.is_dir():
            return []
        return sorted(
            d.name
            for d in root.iterdir()
            if d.name != self.collection_name and (d / "manifest.sqlite").is_file()
        )

    def counts(self) -> Counts:
        return self.manifest.counts()

    def file(self, path: Path) -> FileRecord | None:
        """What the archive holds of the file at `path`: its hash and the articles it gave."""
        return self.manifest.file(str(path.resolve()))

    def articles(self) -> list[ArticleRow]:
        return self.manifest.article_rows()

    def article(self, article_id: str) -> Article:
        article = self.manifest.article(article_id)
        if article is None:
            raise NotFoundError(f"no article with id '{article_id}' (see `ibid articles`)")
        return article

    def chunks(self, ids: Sequence[str]) -> dict[str, Chunk]:
        return self.manifest.chunks(ids)

    # reads for retrieval: what rag sees of the stores ------------------------------------
    def generation(self) -> int:
        """Bumped by every write to the archive, so a derived cache knows it is stale."""
        return self.manifest.generation()

    def languages(self) -> set[str]:
        """The languages of the archive's articles ('' for unknown), read once per generation:
        every question's plan asks."""
        generation = self.manifest.generation()
        if self._langs is None or self._langs[0] != generation:
            self._langs = (generation, set(self.manifest.languages()))
        return self._langs[1]

    def scope(
        self,
        *,
        author: str | None = None,
        since: str | None = None,
        until: str | None = None,
        language: str | None = None,
        article_ids: Sequence[str] = (),
    ) -> Scope:
        """The chunks of the articles passing these filters (author: a substring, dates: ISO,
        inclusive). An id the archive does not hold is an error, not an empty result."""
        missing = [a for a in article_ids if self.manifest.article_hash(a) is None]
        if missing:
            raise NotFoundError(
                f"no article '{missing[0]}' in this archive; `ibid articles` lists the ids"
            )
        articles = self.manifest.matching_articles(
            author=author, since=since, until=until, language=language, ids=list(article_ids)
        )
        return Scope(frozenset(articles), frozenset(self.manifest.chunk_ids_of(articles)))

    def dense_search(
        self, vector: Sequence[float], k: int, scope: Scope | None = None
    ) -> list[Hit]:
        """The k chunks nearest to `vector` (the embedder's), within `scope`."""
        return self.vectors.search(vector, k, scope)

    def dense_cosines(self, vector: Sequence[float], ids: Sequence[str]) -> dict[str, float]:
        """The cosine of `vector` with each of these chunks' stored vectors."""
        return self.vectors.cosines(vector, ids)

    def keyword_search(
        self, query: str, k: int, scope: Scope | None = None, language: str | None = None
    ) -> list[Hit]:
        """The k best BM25 chunks for `query`, tokenized as `language` (None: English)."""
        allowed = scope.chunk_ids if scope is not None else None
        return self.keyword().search(query, k, allowed, language)

    def note_sources(self, article_ids: Iterable[str]) -> dict[tuple[str, str], tuple[str, ...]]:
        """(article id, note label) -> (title, publisher) of the source each note cites."""
        return self.manifest.note_sources(article_ids)

    def citations(self, url: str | None = None, publisher: str | None = None) -> list[CitationRow]:
        """Every note that cites a source, by URL or publisher substring (None: all)."""
        return self.manifest.citations(url=url, publisher=publisher)

    def versions(self, article_id: str) -> list[Version]:
        """The article's versions in other languages (README: translations)."""
        generation = self.manifest.generation()
        if self._versions is None or self._versions[0] != generation:
            self._versions = (generation, group_versions(self.manifest.version_rows()))
        return self._versions[1].get(article_id, [])

    # writes -----------------------------------------------------------------------------
    def ingest(
        self, paths: Sequence[Path], *, prune: bool = False, progress: bool = False
    ) -> IngestReport:
        from index.sync import ingest

        return ingest(self, paths, prune=prune, progress=progress)

    def remove(self, article_id: str) -> None:
        from index.sync import remove_article

        self.article(article_id)
        with self.writing():
            remove_article(self, article_id)
            self.keyword()
