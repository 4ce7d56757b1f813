"""The archive answerer's values and wording: statements with the spans they cite, an
article's distinct sources (Ibid. folded into the note it repeats), names, dates and outlets as
questions and notes spell them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from index.text import MARKER_RE, sentence_spans
from index.types import Article, CitationRow, Footnote, Paragraph
from rag.citations import host, source_key

TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "phd", "dr.", "prof."}


@dataclass(frozen=True)
class Anchor:
    """A span of an article a statement cites."""

    article: Article
    para: Paragraph
    start: int
    end: int


@dataclass
class Statement:
    text: str
    anchors: list[Anchor] = field(default_factory=list)


@dataclass
class ArchiveReply:
    statements: list[Statement]
    refusal: str | None = None  # set when the archive has nothing (e.g. no piece cites an outlet)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def word_list(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def human_date(iso: str | None) -> str | None:
    if not iso:
        return None
    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{d.day} {d.strftime('%B')} {d.year} ({d.isoformat()})"


def opening(article: Article) -> Anchor | None:
    for para in article.paragraphs:
        spans = sentence_spans(para.text)
        if spans:
            a, b = spans[0]
            return Anchor(article, para, a, b)
    return None


def described(article: Article) -> str:
    bits = [b for b in (article.category, article.author, article.published) if b]
    return f"“{article.title}”" + (f" ({', '.join(bits)})" if bits else "")


@dataclass(frozen=True)
class Source:
    """One primary source of an article: its notes (Ibid. resolved) grouped by URL or title."""

    key: str
    name: str
    title: str | None
    labels: tuple[str, ...]


def article_sources(article: Article) -> list[Source]:
    grouped: dict[str, list[Footnote]] = {}
    for note in article.footnotes:
        resolved = article.resolved_footnote(note.label) or note
        key = source_key(resolved.url, resolved.title, resolved.publisher, resolved.text)
        grouped.setdefault(key or f"label:{note.label}", []).append(resolved)
    out = []
    for key, notes in grouped.items():
        first = notes[0]
        name = first.publisher or host(first.url) or first.title or first.text[:60]
        out.append(Source(key, name, first.title, tuple(n.label for n in notes)))
    return out


def labels_text(labels: tuple[str, ...]) -> str:
    return ("note " if len(labels) == 1 else "notes ") + ", ".join(labels)


def marker_anchor(article: Article, labels: tuple[str, ...]) -> Anchor | None:
    """The sentence carrying the first marker of any of `labels`."""
    for para in article.paragraphs:
        for m in para.markers:
            if m.label in labels:
                for a, b in sentence_spans(para.text):
                    if a <= m.start < b or (m.start >= b and m.start == len(para.text.rstrip())):
                        return Anchor(article, para, a, b)
                return Anchor(article, para, 0, len(para.text))
    return None


def same_person(a: str, b: str) -> bool:
    wa = [w for w in word_list(a) if w not in TITLES]
    wb = [w for w in word_list(b) if w not in TITLES]
    return bool(wa) and wa == wb


def outlet_named(row: CitationRow, asked: set[str]) -> bool:
    publisher = row.publisher or ""
    names = [re.sub(r"\(.*?\)", " ", publisher), *re.findall(r"\(([^)]+)\)", publisher)]
    for name in names:
        words = [w for w in word_list(name) if w not in {"the", "of", "and", "news"}]
        if len(words) and (len(words) > 1 or len(words[0]) >= 3) and set(words) <= asked:
            return True
    web = host(row.url or "") or ""
    label = web.split(".")[0] if web else ""
    if web and re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}", publisher.lower()):
        label = publisher.lower().split(".")[0]
    return len(label) >= 3 and label in asked


def outlet_phrase(question: str) -> str | None:
    m = re.search(
        r"\b(?:cite[sd]?|quote[sd]?|rel(?:y|ies) on|draws? on|refer(?:s)? to|reference|use)\s+"
        r"(?:the\s+)?(.+?)(?:\s+(?:reporting|publications|articles|data|reports))?\s*\??$",
        question.strip(),
        re.I,
    )
    return MARKER_RE.sub("", m.group(1)).strip() if m else None
