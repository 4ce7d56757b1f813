"""The default, offline answerer: the evidence sentences that answer the question, cited.

Faithful by construction (every sentence is quoted verbatim). Sentences are scored by how
much of the question's weighted vocabulary they cover, the rank of the chunk they came from,
and whether they carry what the question asks for (a date for "when", a number for "how many").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from index.text import strip_markers, tokenize
from index.types import Article, Paragraph
from rag.citations import chunk_sentences
from rag.types import Evidence

_DATE_RE = re.compile(
    r"\b(1[89]\d\d|20\d\d)\b|\b(January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b"
)
_NUMBER_RE = re.compile(r"\b\d[\d,.]*\b|%|\bpercent\b")
_NAME_RE = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")


@dataclass
class Candidate:
    article: Article
    para: Paragraph
    start: int
    end: int
    text: str
    tokens: set[str]
    chunk_score: float
    score: float = 0.0


def _wants(question: str) -> str | None:
    q = question.lower()
    if re.search(r"\bwhen\b|\bwhat (year|date|month|day)\b", q):
        return "date"
    if re.search(r"\bhow (many|much|big|large)\b|\bwhat (percentage|share|number)\b", q):
        return "number"
    if re.search(r"\bwho\b|\bwhom\b", q):
        return "name"
    return None


def _has(kind: str | None, text: str) -> bool:
    if kind == "date":
        return bool(_DATE_RE.search(text))
    if kind == "number":
        return bool(_NUMBER_RE.search(text))
    if kind == "name":
        return bool(_NAME_RE.search(text))
    return False


def candidates(evidence: list[Evidence], articles: dict[str, Article]) -> list[Candidate]:
    top = max((e.score for e in evidence), default=1.0) or 1.0
    seen: set[tuple[str, int, int]] = set()
    out: list[Candidate] = []
    for ev in evidence:
        article = articles[ev.chunk.article_id]
        for para, a, b in chunk_sentences(article, ev.chunk):
            if (article.id, para.n, a) in seen:
                continue
            seen.add((article.id, para.n, a))
            text = strip_markers(para.text[a:b])
            out.append(Candidate(article, para, a, b, text, set(tokenize(text)), ev.score / top))
    return out


def select(
    question: str, cands: list[Candidate], max_sentences: int, extra_terms: list[str] | None = None
) -> list[Candidate]:
    q = list(dict.fromkeys(tokenize(question) + (extra_terms or [])))
    if not q or not cands:
        return []
    n = len(cands)
    idf = {t: math.log(1 + (n + 1) / (sum(t in c.tokens for c in cands) + 0.5)) for t in q}
    total = sum(idf.values())
    wants = _wants(question)
    for c in cands:
        cover = sum(idf[t] for t in q if t in c.tokens) / total
        # Long sentences cover more words by chance; a mild length penalty prefers the one
        # that says the thing.
        length = 1.0 / (1.0 + max(0, len(c.tokens) - 25) / 40)
        c.score = 0.6 * cover * length + 0.3 * c.chunk_score + 0.1 * _has(wants, c.text)
    ranked = sorted(cands, key=lambda c: -c.score)
    best = ranked[0]
    if not any(t in best.tokens for t in q):
        return []
    chosen: list[Candidate] = []
    for c in ranked:
        if len(chosen) == max_sentences or c.score < 0.7 * best.score:
            break
        if any(_overlap(c.tokens, o.tokens) > 0.5 for o in chosen):
            continue
        chosen.append(c)
    # The most direct answer leads; the rest follow in reading order, grouped by article.
    lead, rest = chosen[0], chosen[1:]
    order = {lead.article.id: 0}
    for c in rest:
        order.setdefault(c.article.id, len(order))
    rest.sort(key=lambda c: (order[c.article.id], c.para.n, c.start))
    return [lead, *rest]


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))
