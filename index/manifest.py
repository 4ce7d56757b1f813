"""SQLite manifest: which files and articles are indexed, their chunks, and their footnotes.

It is the source of truth that Chroma and the keyword index are reconciled against. Every
article is written in one transaction after its vectors are in Chroma, so a killed ingest
leaves either the old or the new article here, never half of one.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from index.errors import StoreError
from index.sqlbatch import rows_in
from index.types import (
    Article,
    ArticleRecord,
    ArticleRow,
    Chunk,
    CitationRow,
    Counts,
    FileRecord,
)
from index.versions import VersionRow


@dataclass(frozen=True)
class ChunkTexts:
    ids: list[str]
    texts: list[str]
    languages: list[str | None]


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, content_hash TEXT NOT NULL, article_ids TEXT NOT NULL,
    ingested_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, content_hash TEXT NOT NULL, title TEXT NOT NULL,
    author TEXT, published TEXT, language TEXT, format TEXT NOT NULL, n_chunks INTEGER NOT NULL,
    n_footnotes INTEGER NOT NULL, model TEXT NOT NULL, ingested_at TEXT NOT NULL,
    data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL, ord INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
CREATE TABLE IF NOT EXISTS citations (
    article_id TEXT NOT NULL, paragraph INTEGER NOT NULL, label TEXT NOT NULL, url TEXT,
    title TEXT, publisher TEXT);
CREATE INDEX IF NOT EXISTS citations_article ON citations(article_id);
"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Manifest:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(path, check_same_thread=False, timeout=60)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open manifest {path}: {exc}") from exc

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                yield self._db
                self._db.execute(
                    "INSERT INTO meta VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE "
                    "SET value = CAST(value AS INTEGER) + 1"
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def generation(self) -> int:
        """Bumped by every write, so derived indexes know when they are stale."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        # Not through _tx: bookkeeping flags must not bump the generation.
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
            self._db.commit()

    # files -----------------------------------------------------------------------------
    def file(self, path: str) -> FileRecord | None:
        with self._lock:
            row = self._db.execute(
                "SELECT content_hash, article_ids FROM files WHERE path=?", (path,)
            ).fetchone()
        return FileRecord(row[0], json.loads(row[1])) if row else None

    def files(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT path FROM files ORDER BY path")]

    def set_file(self, path: str, content_hash: str, article_ids: list[str]) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                (path, content_hash, json.dumps(article_ids), _now()),
            )

    def drop_file(self, path: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM files WHERE path=?", (path,))

    # articles --------------------------------------------------------------------------
    def article_hash(self, article_id: str) -> ArticleRecord | None:
        """The source file and content hash of an indexed article."""
        with self._lock:
            row = self._db.execute(
                "SELECT source, content_hash FROM articles WHERE id=?", (article_id,)
            ).fetchone()
        return ArticleRecord(row[0], row[1]) if row else None

    def put_article(self, article: Article, chunks: list[Chunk], model: str) -> None:
        with self._tx() as db:
            self._delete_article(db, article.id)
            db.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id,
                    article.source,
                    article.content_hash,
                    article.title,
                    article.author,
                    article.published,
                    article.language,
                    article.format,
                    len(chunks),
                    len(article.footnotes),
                    model,
                    _now(),
                    article.model_dump_json(),
                ),
            )
            db.executemany(
                "INSERT INTO chunks VALUES (?, ?, ?, ?)",
                [(c.id, c.article_id, c.ord, c.model_dump_json()) for c in chunks],
            )
            rows = []
            for para in article.paragraphs:
                for label in para.footnotes:
                    note = article.resolved_footnote(label)
                    rows.append(
                        (
                            article.id,
                            para.n,
                            label,
                            note.url if note else None,
                            note.title if note else None,
                            note.publisher if note else None,
                        )
                    )
            db.executemany("INSERT INTO citations VALUES (?, ?, ?, ?, ?, ?)", rows)

    def remove_article(self, article_id: str) -> None:
        with self._tx() as db:
            self._delete_article(db, article_id)

    @staticmethod
    def _delete_article(db: sqlite3.Connection, article_id: str) -> None:
        for table, column in (
            ("articles", "id"),
            ("chunks", "article_id"),
            ("citations", "article_id"),
        ):
            db.execute(f"DELETE FROM {table} WHERE {column}=?", (article_id,))

    def article(self, article_id: str) -> Article | None:
        with self._lock:
            row = self._db.execute("SELECT data FROM articles WHERE id=?", (article_id,)).fetchone()
        return Article.model_validate_json(row[0]) if row else None

    def article_rows(self) -> list[ArticleRow]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, title, author, published, source, n_chunks, n_footnotes, language, "
                "format, json_extract(data, '$.category') FROM articles ORDER BY title, id"
            ).fetchall()
        names = ArticleRow.model_fields  # in the SELECT's order
        return [ArticleRow.model_validate(dict(zip(names, r, strict=True))) for r in rows]

    def article_ids(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT id FROM articles")]

    def matching_articles(
        self,
        *,
        author: str | None = None,
        since: str | None = None,
        until: str | None = None,
        language: str | None = None,
        ids: list[str] | None = None,
    ) -> list[str]:
        """Ids of articles passing metadata filters (author is a case-insensitive substring)."""
        sql, args = "SELECT id FROM articles WHERE 1=1", []
        if author:
            sql += " AND author LIKE ?"
            args.append(f"%{author}%")
        if since:
            sql += " AND published >= ?"
            args.append(since)
        if until:
            sql += " AND published <= ?"
            args.append(until)
        if language:
            sql += " AND language = ?"
            args.append(language)
        if ids:
            sql += f" AND id IN ({','.join('?' * len(ids))})"
            args += ids
        with self._lock:
            return [r[0] for r in self._db.execute(sql, args)]

    def counts(self) -> Counts:
        with self._lock:
            articles = self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            chunks = self._db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
        return Counts(int(articles), int(chunks))

    # chunks ----------------------------------------------------------------------------
    def chunk_ids(self, article_id: str | None = None) -> list[str]:
        with self._lock:
            if article_id is None:
                return [r[0] for r in self._db.execute("SELECT id FROM chunks ORDER BY rowid")]
            return [
                r[0]
                for r in self._db.execute(
                    "SELECT id FROM chunks WHERE article_id=? ORDER BY ord", (article_id,)
                )
            ]

    def chunk_ids_of(self, article_ids: Iterable[str]) -> set[str]:
        """Chunk ids of many articles, in a few queries rather than one per article."""
        ids = list(article_ids)
        out: set[str] = set()
        with self._lock:
            sql = "SELECT id FROM chunks WHERE article_id IN ({marks})"
            out.update(r[0] for r in rows_in(self._db, sql, ids))
        return out

    def chunks(self, ids: Iterable[str]) -> dict[str, Chunk]:
        ids = list(ids)
        out: dict[str, Chunk] = {}
        with self._lock:
            for cid, data in rows_in(
                self._db, "SELECT id, data FROM chunks WHERE id IN ({marks})", ids
            ):
                out[cid] = Chunk.model_validate_json(data)
        return out

    def chunk_texts(self) -> ChunkTexts:
        """Ids, embedded texts and languages of every chunk, in insertion order, without
        building Chunk objects (a keyword-index rebuild at 100k chunks needs only these)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, json_extract(data, '$.embed_text'), json_extract(data, '$.language') "
                "FROM chunks ORDER BY rowid"
            ).fetchall()
        return ChunkTexts([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])

    def version_rows(self) -> list[VersionRow]:
        """What tells translations apart and together: language, URL, language links, notes."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, title, language, json_extract(data, '$.url'), "
                "json_extract(data, '$.alternates'), json_extract(data, '$.translation_of') "
                "FROM articles"
            ).fetchall()
            cited = self._db.execute(
                "SELECT article_id, url FROM citations WHERE url IS NOT NULL"
            ).fetchall()
        urls: dict[str, set[str]] = {}
        for aid, url in cited:
            urls.setdefault(aid, set()).add(url)
        return [
            VersionRow(
                id=r[0],
                title=r[1],
                language=r[2],
                url=r[3],
                alternates=json.loads(r[4]) if r[4] else {},
                translation_of=r[5],
                note_urls=frozenset(urls.get(r[0], ())),
            )
            for r in rows
        ]

    def languages(self) -> dict[str, int]:
        """How many articles the archive holds in each language ('' for unknown)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT COALESCE(language, ''), COUNT(*) FROM articles GROUP BY 1"
            ).fetchall()
        return {str(lang): int(n) for lang, n in rows}

    def all_chunks(self) -> Iterator[Chunk]:
        with self._lock:
            rows = self._db.execute("SELECT data FROM chunks ORDER BY rowid").fetchall()
        for (data,) in rows:
            yield Chunk.model_validate_json(data)

    # footnoted sources ---------------------------------------------------------------
    def note_sources(self, article_ids: Iterable[str]) -> dict[tuple[str, str], tuple[str, ...]]:
        """(article_id, label) -> (title, publisher) of the note each cited label resolves to
        (Ibid. followed), without loading whole articles: retrieval needs only these."""
        ids = list(article_ids)
        out: dict[tuple[str, str], tuple[str, ...]] = {}
        sql = (
            "SELECT DISTINCT article_id, label, title, publisher FROM citations "
            "WHERE article_id IN ({marks})"
        )
        with self._lock:
            for article_id, label, title, publisher in rows_in(self._db, sql, ids):
                out[(article_id, label)] = tuple(x for x in (title, publisher) if x)
        return out

    def citations(self, url: str | None = None, publisher: str | None = None) -> list[CitationRow]:
        """Every (article, paragraph, label) that cites a source, filtered by URL/publisher text."""
        sql = (
            "SELECT c.url, c.title, c.publisher, c.article_id, a.title, c.paragraph, c.label "
            "FROM citations c JOIN articles a ON a.id = c.article_id WHERE 1=1"
        )
        args: list[str] = []
        if url:
            sql += " AND c.url LIKE ? ESCAPE '\\'"
            args.append(
                "%" + url.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            )
        if publisher:
            sql += " AND c.publisher LIKE ? ESCAPE '\\'"
            args.append("%" + publisher.replace("%", "\\%").replace("_", "\\_") + "%")
        sql += " ORDER BY c.url, a.title, c.paragraph"
        with self._lock:
            return [CitationRow(*row) for row in self._db.execute(sql, args)]
