"""Answers about the archive itself, from the manifest: who wrote a piece, when, its title or
category, what an author has written, the latest piece on a topic, which sources a piece cites,
which pieces cite an outlet, how many notes a piece has.

The piece a question means ("the Black Sea insurance analysis") is found by retrieving its topic
and taking the article the evidence favours; authors and outlets are matched against the names the
manifest holds. Every statement cites the article(s) it names: a metadata statement cites the
article's opening sentence, a statement about a source cites the sentence carrying its marker.
`answer` returns None when the archive cannot say (no such piece, no author recorded), so the
chain falls back to passage answering instead of inventing a piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.library import Library
from index.types import Article
from rag.archive_text import (
    TITLES,
    ArchiveReply,
    Statement,
    article_sources,
    described,
    fold,
    human_date,
    labels_text,
    marker_anchor,
    opening,
    outlet_named,
    outlet_phrase,
    same_person,
    word_list,
)
from rag.citations import host
from rag.intent import Intent
from rag.retrieval import IbidRetriever, SearchOptions, evidence_of
from rag.types import Filters

_MAX_LISTED = 10


@dataclass(frozen=True)
class _Row:
    """An article as the manifest lists it, without loading its text."""

    id: str
    title: str
    authors: list[str]
    published: str | None
    category: str | None = None

    def by(self, named: list[str]) -> bool:
        return any(same_person(n, p) for n in named for p in self.authors)


class ArchiveAnswerer:
    def __init__(self, library: Library, retriever: IbidRetriever, min_relevance: float) -> None:
        self.library = library
        # The chain's own retriever: called inside the chain's run, with no config, its searches
        # become child runs through LangChain's context variable, as the chain's other searches are.
        self.retriever = retriever
        self.min_relevance = min_relevance
        self._listed: tuple[int, list[_Row]] | None = None

    # resolution -------------------------------------------------------------------------
    def pieces(self, topic: str, filters: Filters, k: int = 20) -> dict[str, float]:
        """Articles about `topic` (id → the relevance of its best evidence), best first."""
        if not topic.strip():
            return {}
        best: dict[str, float] = {}
        found = self.retriever.invoke(topic, search=SearchOptions(filters=filters, k=k))
        for ev in evidence_of(found):
            aid = ev.chunk.article_id
            best[aid] = max(best.get(aid, 0.0), ev.relevance)
        return dict(sorted(best.items(), key=lambda x: -x[1]))

    def piece(self, topic: str, filters: Filters, question: str = "") -> Article | None:
        """The article a question means. An author it names narrows the search to their
        pieces, and their name leaves the topic ("Cenk Tamer's piece on the thaw")."""
        named = self.authors_named(question) if question else []
        if named:
            theirs = [r.id for r in self._rows() if r.by(named)]
            ids = [i for i in theirs if not filters.article_ids or i in filters.article_ids]
            filters = filters.model_copy(update={"article_ids": ids})
            topic = _without(topic, named)
            if len(ids) == 1 or (ids and not topic.strip()):
                # "Varga's report": their only piece, or with no topic given, their latest.
                rows = [r for r in self._rows() if r.id in ids]
                return self.library.article(_newest_first(rows)[0].id)
        found = self.pieces(topic, filters)
        best = next(iter(found), None)
        if best is None or found[best] < self.min_relevance:
            return None
        return self.library.article(best)

    def authors_named(self, question: str) -> list[str]:
        """Author strings of the manifest whose every name word is in the question."""
        asked = set(word_list(question))
        people = {person for row in self._rows() for person in row.authors}
        words_of = {p: [w for w in word_list(p) if w not in TITLES] for p in people}
        surnames: dict[str, set[str]] = {}
        for words in words_of.values():
            if words:
                surnames.setdefault(words[-1], set()).add(" ".join(words))
        named = []
        for person, words in sorted(words_of.items()):
            if not words:
                continue
            # The full name, or a surname no other author of the archive has ("Popescu's piece").
            full = set(words) <= asked
            surname = len(words[-1]) >= 4 and words[-1] in asked and len(surnames[words[-1]]) == 1
            if full or surname:
                named.append(person)
        return named

    def _rows(self) -> list[_Row]:
        """The manifest's article list, read once per archive generation, not per lookup."""
        generation = self.library.generation()
        if self._listed is None or self._listed[0] != generation:
            self._listed = (generation, self._read_rows())
        return self._listed[1]

    def _read_rows(self) -> list[_Row]:
        return [
            _Row(
                id=r.id,
                title=r.title,
                authors=[a.strip() for a in (r.author or "").split(",") if a.strip()],
                published=r.published or None,
                category=r.category or None,
            )
            for r in self.library.articles()
        ]

    def _listing(self, head: str, rows: list[_Row]) -> ArchiveReply:
        statements = [Statement(head)]
        for r in rows[:_MAX_LISTED]:
            article = self.library.article(r.id)
            anchor = opening(article)
            statements.append(Statement(f"{described(article)}.", [anchor] if anchor else []))
        return ArchiveReply(statements)

    def _category_named(self, question: str) -> str | None:
        """A category of the archive the question filters on ("in the Report category")."""
        categories = {fold(r.category) for r in self._rows() if r.category}
        # "the latest report": a piece noun that is one of the archive's categories.
        after = re.search(r"\b(?:latest|most recent|newest|last)\s+(\w+)", question, re.I)
        if after and fold(after.group(1)).rstrip("s") in {c.rstrip("s") for c in categories}:
            noun = fold(after.group(1)).rstrip("s")
            return next(c for c in categories if c.rstrip("s") == noun)
        if not re.search(r"\b(?:category|categor\w+|section|series|filed|type)\b", question, re.I):
            return None
        asked = set(word_list(question))
        for category in categories:
            if set(word_list(category)) <= asked:
                return category
        return None

    # answers ------------------------------------------------------------------------------
    def answer(self, intent: Intent, question: str, filters: Filters) -> ArchiveReply | None:
        handler = {
            "author": self._author,
            "date": self._date,
            "title": self._title,
            "category": self._category,
            "by_author": self._by_author,
            "latest": self._latest,
            "sources_of": self._sources_of,
            "cited_by": self._cited_by,
            "count": self._count,
        }.get(intent.kind)
        return handler(intent, question, filters) if handler else None

    def _author(self, intent: Intent, question: str, filters: Filters) -> ArchiveReply | None:
        article = self.piece(intent.topic, filters, question)
        if article is None or not article.authors or not (anchor := opening(article)):
            return None
        who = " and ".join(article.authors)
        return ArchiveReply([Statement(f"“{article.title}” was written by {who}.", [anchor])])

    def _date(self, intent: Intent, question: str, filters: Filters) -> ArchiveReply | None:
        article = self.piece(intent.topic, filters, question)
        if article is None or not article.published or not (anchor := opening(article)):
            return None
        when = human_date(article.published)
        by = f" by {article.author}" if article.author else ""
        text = f"“{article.title}”{by} was published on {when}."
        return ArchiveReply([Statement(text, [anchor])])

    def _title(self, intent: Intent, question: str, filters: Filters) -> ArchiveReply | None:
        article = self.piece(intent.topic, filters, question)
        if article is None or not (anchor := opening(article)):
            return None
        return ArchiveReply([Statement(f"The piece is {described(article)}.", [anchor])])

    def _category(self, intent: Intent, question: str, filters: Filters) -> ArchiveReply | None:
        article = self.piece(intent.topic, filters, question)
        if article is None or not article.category or not (anchor := opening(article)):
            return None
        text = f"“{article.title}” is filed as {article.category}."
        return ArchiveReply([Statement(text, [anchor])])

    def _by_author(self, intent: Intent, question: str, filters: Filters) -> ArchiveReply | None:
        named = self.authors_named(question)
        exclude: set[str] = set()
        topic = _without(intent.topic, named)
        if not named:
            # "what else has its author written": the author of the piece the question names.
            article = self.piece(intent.topic, filters, question)
            if article is None or not article.authors:
                return None
            named, exclude, topic = list(article.authors), {article.id}, ""
        theirs = [r for r in self._rows() if r.id not in exclude and r.by(named)]
        if not theirs:
            return None
        who = " and ".join(named)
        if topic:
            relevance = self.pieces(topic, Filters(article_ids=[r.id for r in theirs]))
            on_topic = [r for r in theirs if relevance.get(r.id, 0.0) >= self.min_relevance]
            if on_topic:
                on_topic.sort(key=lambda r: -relevance.get(r.id, 0.0))
                head = f"{who} has written {len(on_topic)} piece(s) on this in the archive:"
                reply = self._listing(head, on_topic)
                rest = [r for r in _newest_first(theirs) if r not in on_topic]
                if rest:
                    # The rest of a small body of work, in case the topic was put more
                    # narrowly than the pieces are.
                    reply.statements += self._listing(f"Also by {who}:", rest).statements
                return reply
            head = f"The archive has no piece by {who} on that topic. {who}'s pieces are:"
            return self._listing(head, _newest_first(theirs))
        other = "other " if exclude else ""
        head = f"{who} has written {len(theirs)} {other}piece(s) in the archive:"
        return self._listing(head, _newest_first(theirs))

    def _latest(self, intent: Intent, question: str, filters: Filters) -> ArchiveReply | None:
        named = self.authors_named(question)
        topic = _without(intent.topic, named)
        wanted = self._category_named(question)
        others = intent.exclude_named
        if wanted:
            found = self._newest(named, others, _without(topic, [wanted]), wanted)
            if found is not None:
                return found
        return self._newest(named, others, topic, None)

    def _newest(
        self, named: list[str], others: bool, topic: str, category: str | None
    ) -> ArchiveReply | None:
        """The newest dated piece: by `named` (or, with `others`, by anyone else), on `topic`,
        in `category`."""
        pool = [r for r in self._rows() if r.published]
        if category:
            pool = [r for r in pool if r.category and fold(r.category) == category]
        if named:
            mine = [r for r in pool if r.by(named)]
            pool = [r for r in pool if r not in mine and r.authors] if others else mine
        if topic:
            relevance = self.pieces(topic, Filters(article_ids=[r.id for r in pool]))
            pool = [r for r in pool if relevance.get(r.id, 0.0) >= self.min_relevance]
        if not pool:
            return None
        newest = self.library.article(_newest_first(pool)[0].id)
        anchor = opening(newest)
        if anchor is None:
            return None
        text = f"The most recent is {described(newest)}, published {human_date(newest.published)}."
        return ArchiveReply([Statement(text, [anchor])])

    def _sources_of(self, intent: Intent, question: str, filters: Filters) -> ArchiveReply | None:
        article = self.piece(intent.topic, filters, question)
        if article is None or not (anchor := opening(article)):
            return None
        sources = article_sources(article)
        if not sources:
            text = f"“{article.title}” has no notes: it cites no sources."
            return ArchiveReply([Statement(text, [anchor])])
        n_notes = len(article.footnotes)
        head = f"“{article.title}” cites {len(sources)} source(s) in {n_notes} note(s):"
        statements = [Statement(head, [anchor])]
        for s in sources:
            title = f" — “{s.title}”" if s.title and s.title != s.name else ""
            where = marker_anchor(article, s.labels)
            statements.append(
                Statement(f"{s.name}{title} ({labels_text(s.labels)}).", [where] if where else [])
            )
        return ArchiveReply(statements)

    def _cited_by(self, intent: Intent, question: str, filters: Filters) -> ArchiveReply | None:
        asked = set(word_list(question))
        hits = [r for r in self.library.citations() if outlet_named(r, asked)]
        if not hits:
            outlet = outlet_phrase(question) or intent.topic
            return ArchiveReply([], refusal=f"No article in the archive cites “{outlet}”.")
        by_article: dict[str, list[str]] = {}
        for r in hits:
            by_article.setdefault(r.article_id, []).append(r.label)
        # The archive's own analyses (dated, signed) first, newest first; then the rest.
        citing = [r for r in self._rows() if r.id in by_article]
        citing.sort(key=lambda r: (bool(r.published), bool(r.authors), r.published or "", r.title))
        articles = [self.library.article(r.id) for r in reversed(citing)]
        outlets = sorted({r.publisher or host(r.url or "") or "" for r in hits} - {""})
        head = f"{len(articles)} article(s) cite {' / '.join(outlets[:3])}"
        head += f"; the first {_MAX_LISTED}:" if len(articles) > _MAX_LISTED else ":"
        statements = [Statement(head)]
        for a in articles[:_MAX_LISTED]:
            order = {n.label: i for i, n in enumerate(a.footnotes)}
            labels = tuple(sorted(set(by_article[a.id]), key=lambda x: order.get(x, len(order))))
            where = marker_anchor(a, labels)
            statements.append(
                Statement(f"{described(a)}, {labels_text(labels)}.", [where] if where else [])
            )
        return ArchiveReply(statements)

    def _count(self, intent: Intent, question: str, filters: Filters) -> ArchiveReply | None:
        article = self.piece(intent.topic, filters, question)
        if article is None or not (anchor := opening(article)):
            return None
        notes = len(article.footnotes)
        ibid = sum(1 for n in article.footnotes if n.ibid_of)
        sources = article_sources(article)
        publishers = {fold(s.name) for s in sources}
        text = (
            f"“{article.title}” has {notes} note(s) ({ibid} of them Ibid.), citing "
            f"{len(sources)} distinct source(s) from {len(publishers)} publisher(s)."
        )
        return ArchiveReply([Statement(text, [anchor])])


def _without(topic: str, names: list[str]) -> str:
    drop = {w for n in names for w in word_list(n)}
    words = [w for w in re.findall(r"[\w'’-]+", topic) if fold(w).strip("'’s") not in drop]
    words = [w for w in words if not re.fullmatch(r"['’]s?", w)]
    return " ".join(words)


def _newest_first(rows: list[_Row]) -> list[_Row]:
    return sorted(rows, key=lambda r: (r.published or "", r.title), reverse=True)
