"""The default, offline answerer: the evidence sentences that answer the question, cited.

Faithful by construction (every sentence is quoted verbatim). Each sentence of the evidence
chunks is scored on what the question means as well as its words:

- `sim`: the embedder's cosine between the question and the sentence (read with its article's
  title, so "the floods" in a sentence knows which floods);
- `cover`: the share of the question's idf-weighted vocabulary the sentence holds;
- `focus`: the same for the question's words that are not in the article's title (what the
  question asks about the topic, rather than the topic);
- `typed`: the sentence holds the kind of answer asked for (a date for when, a figure for how
  many, a name for who, a place for where) beyond what the question already says;
- `rank`: the retrieval score of the chunk the sentence came from;
- `wh`: what the question words add to `sim` (the cosine with the question less the cosine
  with its statement, "how many firefighters were sent" less "firefighters were sent"): a
  sentence that holds the kind of thing asked about gains, one that only restates the
  question's topic does not. Centred over the candidates; zero for a claim, which has no
  question words.

The weights are fitted on the dev half of `eval/sets/questions.jsonl` (`python -m eval.fit`);
the test half is never seen by the fit.

With the reader on (`rag.reader`, English question and articles), the feature score's best
`top_n` sentences are read against the question by the cross-encoder, and its logit joins the
features (`reader`, weights `WEIGHTS_READER`, fitted the same way with `--reader`). Then, when
the best sentence restates another one nearly word for word (a highlight or summary bullet over
its body sentence) and only the other carries a footnote marker, the one with the source leads.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from index.lang import analyze
from index.library import Library
from index.sentences import chunk_sentences, sentence_embed_text
from index.text import find_markers, strip_markers
from index.types import Article, Paragraph
from rag import answer_type, overlap
from rag.settings import FEATURES, READER_FEATURES
from rag.types import Evidence

if TYPE_CHECKING:
    from rag.reader import Reader
    from rag.types import Plan

# Fitted on the dev half (python -m eval.fit, a conditional logit: per question, the gold
# sentence against its rivals); intercept, then one weight per feature of FEATURES.
WEIGHTS: tuple[float, ...] = (-22.661, 14.794, -3.344, 9.179, 7.309, 4.076, -3.086, 17.106)
# The same, fitted on the dev halves of the Turkish and Russian sets (questions over English
# articles), with `sim` from the multilingual embedder, e5-small (python -m eval.fit
# --crosslingual). USE-multilingual's, for index.crosslingual.model = "use-m3", are kept below.
WEIGHTS_XL: tuple[float, ...] = (-40.480, 35.739, 2.782, 5.927, 5.934, 3.627, -6.485, 0.0)
WEIGHTS_XL_USE: tuple[float, ...] = (-21.497, 21.293, 3.115, 6.570, 5.997, 5.235, -1.886, 0.0)
# With the reader: intercept, the weights of READER_FEATURES (FEATURES, then `reader`), fitted
# on the dev half with the shipped reader (python -m eval.fit --reader).
WEIGHTS_READER: tuple[float, ...] = (
    -18.064,
    10.891,
    -4.782,
    5.687,
    7.291,
    3.868,
    -1.585,
    16.641,
    0.660,
)
_ENGLISH = (None, "en")

Embed = Callable[[list[str]], Sequence[Sequence[float]]]


@dataclass
class Candidate:
    article: Article
    para: Paragraph
    start: int
    end: int
    text: str
    tokens: set[str]
    chunk_score: float
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0

    @property
    def embed_text(self) -> str:
        return sentence_embed_text(self.article, self.para, self.start, self.end)


def candidates(evidence: list[Evidence], articles: dict[str, Article]) -> list[Candidate]:
    """Every sentence of the evidence chunks, once, tokenized by its article's language."""
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
            tokens = set(analyze(text, article.language))
            out.append(Candidate(article, para, a, b, text, tokens, ev.score / top))
    return out


def rank(
    library: Library,
    question: str,
    evidence: list[Evidence],
    qvec: Sequence[float],
    extra_terms: list[str] | None = None,
    weights: dict[str, float] | None = None,
    plan: Plan | None = None,
    reader: Reader | None = None,
    reader_top_n: int = 10,
) -> list[Candidate]:
    """The sentences of `evidence`'s chunks, scored, best first.

    `reader` (when given, and question and articles are English) reads the feature score's
    best `reader_top_n` sentences; they come first, the rest follow unread with score 0.

    When question and passages are not all English (`plan.crosslingual`), `sim` comes from
    the multilingual embedder and the weights are those fitted on the Turkish and Russian
    dev questions: that model's cosines have another scale, and word overlap means less."""
    ids = dict.fromkeys(e.chunk.article_id for e in evidence)
    articles = {a: library.article(a) for a in ids}
    cands = candidates(evidence, articles)
    xl = library.crosslingual if plan is not None and plan.crosslingual else None
    if plan is not None and xl is not None:
        fitted = WEIGHTS_XL_USE if library.settings.crosslingual.model == "use-m3" else WEIGHTS_XL
        w = dict(zip(("intercept", *FEATURES), fitted, strict=True)) | (weights or {})
        xvec = xl.query_vector(question)
        return score(
            question, cands, xvec, xl.embeddings.embed_documents, extra_terms, w, None,
            language=plan.language,
        )  # fmt: skip
    stated = answer_type.statement(question)
    svec = library.embeddings.embed_query(stated) if stated != question else None
    ranked = score(
        question, cands, qvec, library.embeddings.embed_documents, extra_terms, weights, svec
    )
    language = plan.language if plan is not None else None
    if reader is not None and readable(question, ranked, language):
        ranked = read(reader, question, ranked, reader_top_n, weights)
    return prefer_sourced(ranked)


def readable(question: str, ranked: list[Candidate], language: str | None) -> bool:
    """The shipped reader learnt English: other questions and articles keep the features."""
    if language is None:
        from index.lang import detect

        language = detect(question)
    return language == "en" and all(c.article.language in _ENGLISH for c in ranked)


def read(
    reader: Reader,
    question: str,
    ranked: list[Candidate],
    top_n: int,
    weights: dict[str, float] | None = None,
) -> list[Candidate]:
    """The best `top_n` re-scored with the reader's logit among the features, best first;
    the rest after them, unread, with score 0."""
    head, tail = ranked[:top_n], ranked[top_n:]
    w = dict(zip(("intercept", *READER_FEATURES), WEIGHTS_READER, strict=True)) | (weights or {})
    logits = reader.score(question, [(c.article.title, c.text) for c in head])
    for c, logit in zip(head, logits, strict=True):
        c.features["reader"] = float(logit)
        z = w["intercept"] + sum(w[f] * c.features[f] for f in READER_FEATURES)
        c.score = _sigmoid(z)
    for c in tail:
        c.score = 0.0
    return sorted(head, key=lambda c: -c.score) + tail


def has_marker(c: Candidate) -> bool:
    return bool(find_markers(c.para.text[c.start : c.end]))


def prefer_sourced(ranked: list[Candidate], closeness: float = 0.5) -> list[Candidate]:
    """When the best sentence has no footnote marker of its own and a close rival restates it
    (most of the shorter one's words in the other) with a marker, the rival leads: the body
    sentence and its source, not the highlight bullet that repeats it."""
    if len(ranked) < 2 or has_marker(ranked[0]):
        return ranked
    best = ranked[0]
    for i, c in enumerate(ranked[1:], start=1):
        if c.score < closeness * best.score:
            break
        if restates(best, c) and has_marker(c):
            return [c, *ranked[:i], *ranked[i + 1 :]]
    return ranked


def restates(a: Candidate, b: Candidate) -> bool:
    """Most of the shorter sentence's words are in the other: one says what the other does."""
    return _overlap(a.tokens, b.tokens) >= 0.7


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def score(
    question: str,
    cands: list[Candidate],
    qvec: Sequence[float],
    embed: Embed,
    extra_terms: list[str] | None = None,
    weights: dict[str, float] | None = None,
    svec: Sequence[float] | None = None,
    *,
    language: str | None = None,
) -> list[Candidate]:
    """Fill each candidate's features and score; returns them best first. `weights` overrides
    the fitted ones, key by key; `svec` is the vector of the question's statement;
    `language` the question's (how its words are tokenized)."""
    w = dict(zip(("intercept", *FEATURES), WEIGHTS, strict=True)) | (weights or {})
    q = list(dict.fromkeys(analyze(question, language) + (extra_terms or [])))
    if not cands:
        return []
    idf = overlap.idf(q, [c.tokens for c in cands])
    kind = answer_type.wants(question, language)
    vecs = np.asarray(embed([c.embed_text for c in cands]), dtype=np.float32)
    sims = vecs @ np.asarray(qvec, dtype=np.float32)
    # Centred over the candidates: it ranks them, and leaves the score's level (which the
    # refusal threshold reads) the same for a question as for a claim, where it is zero.
    wh = np.zeros_like(sims)
    if svec is not None:
        wh = sims - vecs @ np.asarray(svec, dtype=np.float32)
        wh -= wh.mean()
    for c, sim, w_h in zip(cands, sims, wh, strict=True):
        # "focus": the question's words that are not its topic (the article's title): in
        # "which contractor rebuilt the Kerch Strait bridge", contractor and rebuilt.
        title = _title_tokens(c.article.title, c.article.language)
        focus = [t for t in q if t not in title]
        c.features = {
            "sim": float(sim),
            "cover": overlap.coverage(q, c.tokens, idf),
            "focus": overlap.coverage(focus, c.tokens, idf),
            "typed": float(
                kind is not None and answer_type.answer_span(question, c.text, kind) is not None
            ),
            "rank": c.chunk_score,
            # Long sentences cover more words by chance.
            "length": max(0, len(c.tokens) - 25) / 40,
            "wh": float(w_h),
        }
        z = w["intercept"] + sum(w[f] * c.features[f] for f in FEATURES)
        c.score = _sigmoid(z)
    return sorted(cands, key=lambda c: -c.score)


@lru_cache(maxsize=1024)
def _title_tokens(title: str, language: str | None) -> frozenset[str]:
    return frozenset(analyze(title, language))


def select(ranked: list[Candidate], max_sentences: int, ratio: float = 0.7) -> list[Candidate]:
    """The best sentence, then others close to it in score, near-duplicates dropped; the most
    direct answer leads, the rest follow in reading order, grouped by article."""
    if not ranked:
        return []
    best = ranked[0]
    chosen: list[Candidate] = []
    for c in ranked:
        if len(chosen) == max_sentences or c.score < ratio * best.score:
            break
        if any(_overlap(c.tokens, o.tokens) > 0.5 for o in chosen):
            continue
        chosen.append(c)
    lead, rest = chosen[0], chosen[1:]
    order = {lead.article.id: 0}
    for c in rest:
        order.setdefault(c.article.id, len(order))
    rest.sort(key=lambda c: (order[c.article.id], c.para.n, c.start))
    return [lead, *rest]


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))
