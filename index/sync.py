"""Ingest: make the archive match a set of files, idempotently and safely under kill -9.

Per article: vectors go to Chroma first (upserts by content-hash id, then stale ids of that
article deleted), and only then is the manifest row committed. A run killed anywhere leaves the
manifest on the old version, so a re-run redoes that article; a "dirty" flag makes the next run
reconcile Chroma against the manifest in full.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from index.chunking import chunk_article
from index.embed import CachedEmbeddings
from index.errors import ParseError
from index.files import collect_files, time_budget
from index.parse import parse_file, read_bytes
from index.parse.common import content_hash
from index.sentences import article_sentence_texts
from index.types import Article, Chunk, FileNotes, IngestReport

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from langchain_core.embeddings import Embeddings

    from index.chunking import TokenCount
    from index.crosslingual import CrossLingualIndex
    from index.keyword import KeywordIndex
    from index.manifest import Manifest
    from index.settings import IndexSettings
    from index.store import VectorStore


class Library(Protocol):
    """The parts of an archive an ingest writes (index.library.Library has them): named here
    so that sync depends on what it uses, and the library on sync, not each on the other."""

    settings: IndexSettings
    manifest: Manifest
    collection_name: str

    @property
    def model(self) -> str: ...

    @property
    def embeddings(self) -> Embeddings: ...

    @property
    def token_count(self) -> TokenCount: ...

    @property
    def vectors(self) -> VectorStore: ...

    @property
    def crosslingual(self) -> CrossLingualIndex | None: ...

    def keyword(self) -> KeywordIndex: ...

    def writing(self) -> AbstractContextManager[None]: ...


def _article_id(lib: Library, article: Article, source: str) -> str:
    """The parser's slug, unless another file already owns it: then slug + hash of the path."""
    owner = lib.manifest.article_hash(article.id)
    if owner is None or owner.source == source:
        return article.id
    return f"{article.id}-{hashlib.sha256(source.encode()).hexdigest()[:6]}"


# Chunks embedded per `embed_documents` call. sentence-transformers sorts a call's texts by length
# before batching, so one call over several articles pads far less than one call per article
# (FreshWiki: 0.76 -> 0.91 of raw encode throughput; benchmarks/ingest.py).
EMBED_BATCH = 256


@dataclass
class _Job:
    article: Article
    chunks: list[Chunk]
    existing: bool


@dataclass
class _FileDone:
    source: str
    digest: str
    ids: list[str]
    gone: list[str]


class _Pipeline:
    """Articles wait here until EMBED_BATCH chunks are due, then embed in one call and go to
    Chroma in one write; manifest rows follow in arrival order, each after its vectors."""

    def __init__(self, lib: Library, report: IngestReport) -> None:
        self.lib = lib
        self.report = report
        self.items: list[_Job | _FileDone] = []
        self.pending_ids: set[str] = set()
        self.chunks = 0

    def article_id(self, article: Article, source: str) -> str:
        # Ids are decided from the manifest: an article still waiting here must land first.
        if self.pending_ids and (
            article.id in self.pending_ids
            or _article_id(self.lib, article, source) in self.pending_ids
        ):
            self.flush()
        return _article_id(self.lib, article, source)

    def add(self, article: Article) -> None:
        lib, report = self.lib, self.report
        existing = lib.manifest.article_hash(article.id)
        if existing is not None and existing.content_hash == article.content_hash:
            report.unchanged += 1
            return
        t0 = time.perf_counter()
        chunks = chunk_article(article, lib.settings.chunking, lib.token_count)
        report.timings_s["chunk"] += time.perf_counter() - t0
        self.items.append(_Job(article, chunks, existing is not None))
        self.pending_ids.add(article.id)
        self.chunks += len(chunks)
        if self.chunks >= EMBED_BATCH:
            self.flush()

    def file_done(self, done: _FileDone) -> None:
        self.items.append(done)
        if done.gone:
            self.flush()  # removals must land before the next file's ids are decided

    def flush(self) -> None:
        lib, report = self.lib, self.report
        items, self.items, self.chunks = self.items, [], 0
        self.pending_ids = set()
        jobs = [j for j in items if isinstance(j, _Job)]
        t0 = time.perf_counter()
        texts = [c.embed_text for j in jobs for c in j.chunks]
        # Sentence vectors for the extractive answerer ride in the same call (one length-sorted
        # batch) and stay in the vector cache, so a question embeds nothing but itself.
        xl = lib.crosslingual
        # Sentence texts only when a leg may keep their vectors in its cache (the multilingual
        # leg checks its own, in CrossLingualIndex.add).
        all_sentences = (
            [t for j in jobs for t in article_sentence_texts(j.article, j.chunks)]
            if xl is not None or isinstance(lib.embeddings, CachedEmbeddings)
            else []
        )
        sentences = all_sentences if isinstance(lib.embeddings, CachedEmbeddings) else []
        vectors = lib.embeddings.embed_documents(texts + sentences)[: len(texts)] if texts else []
        report.embedded_sentences += len(sentences)
        t1 = time.perf_counter()
        report.timings_s["embed"] += t1 - t0
        # One Chroma write for the batch: a write has a high fixed cost (10k chunks: 630 -> 1,120
        # stored/s). Each article's manifest row still lands only after its vectors.
        chunks = [c for j in jobs for c in j.chunks]
        lib.vectors.upsert(chunks, vectors, lib.settings.chroma.batch_size)
        report.timings_s["store"] += time.perf_counter() - t1
        if xl is not None:
            t2 = time.perf_counter()
            xl.add(chunks, all_sentences)
            report.timings_s["crosslingual"] = (
                report.timings_s.get("crosslingual", 0.0) + time.perf_counter() - t2
            )
        for item in items:
            if isinstance(item, _FileDone):
                for gone in item.gone:
                    if lib.manifest.article_hash(gone):
                        remove_article(lib, gone)
                        report.removed += 1
                lib.manifest.set_file(item.source, item.digest, item.ids)
                continue
            t1 = time.perf_counter()
            _store_article(lib, item.article, item.chunks)
            report.timings_s["store"] += time.perf_counter() - t1
            report.embedded_chunks += len(item.chunks)
            if item.existing:
                report.updated += 1
            else:
                report.added += 1


def _store_article(lib: Library, article: Article, chunks: list[Chunk]) -> None:
    """After its vectors are upserted: drop the article's stale vectors, commit its row."""
    keep = {c.id for c in chunks}
    stale = [cid for cid in lib.vectors.ids_for_article(article.id) if cid not in keep]
    lib.vectors.delete(stale)
    if lib.crosslingual is not None:
        lib.crosslingual.delete(stale)
    lib.manifest.put_article(article, chunks, lib.model)


def remove_article(lib: Library, article_id: str) -> None:
    ids = lib.vectors.ids_for_article(article_id)
    lib.vectors.delete(ids)
    if lib.crosslingual is not None:
        lib.crosslingual.delete(ids)
    source = lib.manifest.article_hash(article_id)
    lib.manifest.remove_article(article_id)
    if source is not None:
        # Forget the file too, so ingesting it again brings the article back.
        lib.manifest.drop_file(source.source)


def _ingest_file(lib: Library, path: Path, report: IngestReport, pipe: _Pipeline) -> None:
    source = str(path)
    max_bytes = int(lib.settings.ingest.max_file_mb * 1_000_000)
    prior = lib.manifest.file(source)
    t0 = time.perf_counter()
    try:
        data = read_bytes(path, max_bytes)
        digest = content_hash(data)
        if prior is not None and prior.content_hash == digest:
            report.unchanged += len(prior.article_ids)
            return
        with time_budget(lib.settings.ingest.max_parse_seconds, path):
            articles = parse_file(path, data=data)
    except ParseError as exc:
        report.failed.append({"path": source, "error": exc.reason})
        return
    except OSError as exc:
        report.failed.append({"path": source, "error": f"cannot read: {exc.strerror or exc}"})
        return
    finally:
        report.timings_s["parse"] += time.perf_counter() - t0
    ids: list[str] = []
    report.parsed.append(file_summary(source, articles))
    for article in articles:
        article = article.model_copy(
            update={"id": pipe.article_id(article, source), "source": source}
        )
        ids.append(article.id)
        report.warnings += [
            {"path": source, "article_id": article.id, "message": w} for w in article.warnings
        ]
        pipe.add(article)
    gone = sorted(set(prior.article_ids if prior else []) - set(ids))
    pipe.file_done(_FileDone(source, digest, ids, gone))


def file_summary(source: str, articles: list[Article]) -> FileNotes:
    """The parse report of one file: notes found (and with a URL), markers linked to a note,
    and the labels that do not match (first 20 of each)."""
    sums = [a.note_summary() for a in articles]
    return {
        "path": source,
        "articles": len(articles),
        "notes": sum(s.notes for s in sums),
        "notes_with_url": sum(s.notes_with_url for s in sums),
        "markers": sum(s.markers for s in sums),
        "linked": sum(s.linked for s in sums),
        "markers_without_note": [x for s in sums for x in s.markers_without_note][:20],
        "notes_never_cited": [x for s in sums for x in s.notes_never_cited][:20],
    }


def reconcile(lib: Library) -> int:
    """Make Chroma hold exactly the manifest's chunks; returns how many ids it fixed."""
    wanted = set(lib.manifest.chunk_ids())
    have = set(lib.vectors.all_ids())
    extra = have - wanted
    lib.vectors.delete(sorted(extra))
    missing = lib.manifest.chunks(sorted(wanted - have))
    if missing:
        chunks = list(missing.values())
        vectors = lib.embeddings.embed_documents([c.embed_text for c in chunks])
        lib.vectors.upsert(chunks, vectors, lib.settings.chroma.batch_size)
    fixed = len(extra) + len(missing)
    if (xl := lib.crosslingual) is not None:
        have_xl = set(xl.all_ids())
        xl.delete(sorted(have_xl - wanted))
        absent = lib.manifest.chunks(sorted(wanted - have_xl))
        xl.add(list(absent.values()))
        fixed += len(have_xl - wanted) + len(absent)
    return fixed


def ingest(
    lib: Library, paths: Sequence[Path], *, prune: bool = False, progress: bool = False
) -> IngestReport:
    """Make the archive match `paths`. Ctrl-C (or SIGTERM, which the CLI turns into it) stops
    between files: the report then says what was committed, and the next run resumes."""
    report = IngestReport(collection=lib.collection_name)
    s = lib.settings.ingest
    chosen = collect_files(paths, s.extensions, follow_symlinks=s.follow_symlinks)
    report.skipped = chosen.skipped
    report.failed += [{"path": p, "error": "no such file or directory"} for p in chosen.missing]
    files = chosen.files
    with lib.writing():
        was_dirty = lib.manifest.get_meta("dirty") == "1"
        lib.manifest.set_meta("dirty", "1")
        bar = _progress(len(files)) if progress else None
        pipe = _Pipeline(lib, report)
        try:
            for path in files:
                _ingest_file(lib, path, report, pipe)
                if bar is not None:
                    bar.set_postfix(chunks=report.embedded_chunks + pipe.chunks, refresh=False)
                    bar.update(1)
            pipe.flush()
        except KeyboardInterrupt:
            # Articles still waiting for their vectors are dropped; the dirty flag stays set,
            # so the next run checks Chroma against the manifest.
            report.interrupted = True
        finally:
            if bar is not None:
                bar.close()
        if not report.interrupted:
            if prune:
                _prune(lib, report)
            n_chunks = lib.manifest.counts().chunks
            xl = lib.crosslingual
            if (
                was_dirty
                or lib.vectors.count() != n_chunks
                or (xl is not None and xl.count() != n_chunks)
            ):
                reconcile(lib)
            lib.keyword()
            lib.manifest.set_meta("dirty", "0")
    report.articles, report.chunks = lib.manifest.counts()
    return report


def _progress(total: int) -> Any:
    """A bar on stderr (files, chunks, ETA) when a person is watching it."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", desc="ingest", file=sys.stderr)


def _prune(lib: Library, report: IngestReport) -> None:
    for source in lib.manifest.files():
        if not Path(source).exists():
            record = lib.manifest.file(source)
            for article_id in record.article_ids if record else []:
                if lib.manifest.article_hash(article_id):
                    remove_article(lib, article_id)
                    report.removed += 1
            lib.manifest.drop_file(source)
