"""Eval metrics over per-case results. Each returns None when no case applies, never 0/0.

Definitions (also in the README):
- retrieval_recall@k: share of cases with gold paragraphs whose top-k evidence covers one.
- article_recall@k: the same at article level. mrr: mean 1/rank of the first covering chunk.
- citation_validity: share of [n] in answer texts that resolve to a citation whose quote is the
  cited paragraph's text at [start:end].
- citation_recall / citation_precision: ALCE (Gao et al. 2023), judged by the faithfulness
  checker with each citation's paragraph as its passage. Recall of an answer = share of its
  sentences entailed by the concatenation of their citations. Precision = precise citations /
  all citations, where a citation of a supported multi-citation sentence is imprecise
  ("irrelevant") when it alone does not entail the sentence and the other citations without it
  still do; a single-citation sentence counts 1 if entailed, else 0. Averaged over answers.
- faithfulness: share of all answer sentences the answer pipeline's checker marked supported.
- answer_correctness: share of answerable cases with expected facts whose (non-refused) answer
  contains every expect_all string and at least one expect_any string (case-insensitive).
- source_accuracy: share of cases with gold URLs where a cited footnote's URL is one of them.
- source_shown: the same, also counting the notes a citation shows as nearby (a quote with no
  marker of its own, and the note closing the next sentence, which may cover it).
- refusal_precision / refusal_recall: refusal as the positive class, against `answerable`.
- claim_article@1, claim_source@1, claim_source@5: claim cases, top passage (or top 5) from the
  right article / citing a gold URL.
- sentence_hit: share of answerable cases with a gold sentence where a cited quote is that
  sentence (either contains the other, markers and spacing ignored).
- paragraph_cited: share of answerable cases with gold paragraphs where a citation points at one.
- false_refusal: share of answerable question cases refused (lower is better).
- nearmiss_refusal / offtopic_refusal: share of cases tagged near-miss / offtopic refused.
- source_named: share of cases with expected source names where the answer text names one.
- article_cited: share of answerable cases with gold articles where every gold article is among
  the answer's citations (questions about the archive must cite the pieces they name).
- claim_sentence@1: claim cases with a gold sentence, the top passage is that sentence.
- latency p50/p95 in ms.
"""

from __future__ import annotations

from statistics import mean
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from rag.types import Passage

GATED = (
    "retrieval_recall@k",
    "mrr",
    "citation_validity",
    "citation_recall",
    "citation_precision",
    "faithfulness",
    "answer_correctness",
    "source_accuracy",
    "source_shown",
    "refusal_precision",
    "refusal_recall",
    "claim_article@1",
    "claim_source@1",
    "claim_source@5",
    "sentence_hit",
    "paragraph_cited",
    "false_refusal",
    "nearmiss_refusal",
    "offtopic_refusal",
    "source_named",
    "claim_sentence@1",
    "article_cited",
)
# Gated metrics where a rise, not a fall, is the regression.
LOWER_IS_BETTER = frozenset({"false_refusal"})


class SentenceJudgement(BaseModel):
    text: str
    citations: list[int] = Field(default_factory=list)
    supported: bool = False
    joint: bool = False
    single: list[bool] = Field(default_factory=list)
    without: list[bool] = Field(default_factory=list)


class ClaimPassage(BaseModel):
    """What a claim case keeps of a `rag.lookup.cite` passage (report.json's passages)."""

    article_id: str = ""
    paragraph: int = 0
    quote: str = ""
    support: float = 0.0
    verdict: str = ""
    urls: list[str] = Field(default_factory=list, description="The URLs of the quote's notes.")

    @classmethod
    def of(cls, p: Passage) -> ClaimPassage:
        return cls(
            article_id=p.article_id,
            paragraph=p.paragraph,
            quote=p.quote,
            support=p.support,
            verdict=p.verdict,
            urls=[f.url for f in p.footnotes if f.url],
        )


class CaseResult(BaseModel):
    id: str
    kind: str = "question"
    text: str
    answerable: bool = True
    tags: list[str] = Field(default_factory=list)
    refused: bool = False
    answer: str = ""
    sentences: list[SentenceJudgement] = Field(default_factory=list)
    numbers_in_text: list[int] = Field(default_factory=list)
    valid_numbers: list[int] = Field(default_factory=list)
    cited_urls: list[str] = Field(default_factory=list)
    nearby_urls: list[str] = Field(default_factory=list)
    retrieved: list[tuple[str, int, int]] = Field(default_factory=list)
    gold_articles: list[str] = Field(default_factory=list)
    gold_paragraphs: list[tuple[str, int]] = Field(default_factory=list)
    gold_urls: list[str] = Field(default_factory=list)
    expect_all: list[str] = Field(default_factory=list)
    expect_any: list[str] = Field(default_factory=list)
    expect_source: list[str] = Field(default_factory=list)
    gold_sentence: str = ""
    quotes: list[tuple[str, int, str]] = Field(
        default_factory=list, description="(article_id, paragraph, quote) of each citation."
    )
    passages: list[ClaimPassage] = Field(default_factory=list)
    latency_ms: float = 0.0
    error: str | None = None


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def _norm_url(url: str) -> str:
    from eval.claims import normalize_url

    return normalize_url(url)


def retrieval_recall(cases: list[CaseResult], k: int) -> float | None:
    return _share(
        [
            any(
                a == ga and s <= gp <= e
                for a, s, e in c.retrieved[:k]
                for ga, gp in c.gold_paragraphs
            )
            for c in cases
            if c.kind == "question" and c.gold_paragraphs
        ]
    )


def article_recall(cases: list[CaseResult], k: int) -> float | None:
    return _share(
        [
            any(a in c.gold_articles for a, _, _ in c.retrieved[:k])
            for c in cases
            if c.kind == "question" and c.gold_articles
        ]
    )


def mrr(cases: list[CaseResult]) -> float | None:
    ranks = []
    for c in cases:
        if c.kind != "question" or not c.gold_paragraphs:
            continue
        rr = 0.0
        for i, (a, s, e) in enumerate(c.retrieved, 1):
            if any(a == ga and s <= gp <= e for ga, gp in c.gold_paragraphs):
                rr = 1.0 / i
                break
        ranks.append(rr)
    return mean(ranks) if ranks else None


def citation_validity(cases: list[CaseResult]) -> float | None:
    numbers = [(n, c) for c in cases for n in c.numbers_in_text]
    return _share([n in c.valid_numbers for n, c in numbers])


def alce(cases: list[CaseResult]) -> tuple[float | None, float | None]:
    """(citation recall, citation precision) per ALCE, averaged over answered cases."""
    recalls, precisions = [], []
    for c in cases:
        if c.refused or not c.sentences:
            continue
        entail = 0
        entail_prec = 0
        total_citations = 0
        for s in c.sentences:
            joint = bool(s.citations) and s.joint
            entail += joint
            total_citations += len(s.citations)
            if joint and len(s.citations) > 1:
                for alone, rest in zip(s.single, s.without, strict=True):
                    entail_prec += alone or not rest
            else:
                entail_prec += joint
        recalls.append(entail / len(c.sentences))
        precisions.append(entail_prec / total_citations if total_citations else 0.0)
    return (mean(recalls) if recalls else None, mean(precisions) if precisions else None)


def faithfulness(cases: list[CaseResult]) -> float | None:
    return _share([s.supported for c in cases if not c.refused for s in c.sentences])


def _fold(text: str) -> str:
    """Lower case, any run of spaces (no-break included) as one space."""
    return " ".join(text.lower().split())


def correct(c: CaseResult) -> bool:
    if c.refused or c.error:
        return False
    text = _fold(c.answer)
    return all(_fold(x) in text for x in c.expect_all) and (
        not c.expect_any or any(_fold(x) in text for x in c.expect_any)
    )


def answer_correctness(cases: list[CaseResult]) -> float | None:
    return _share(
        [
            correct(c)
            for c in cases
            if c.kind == "question" and c.answerable and (c.expect_all or c.expect_any)
        ]
    )


def source_accuracy(cases: list[CaseResult], *, nearby: bool = False) -> float | None:
    def shown(c: CaseResult) -> set[str]:
        return {_norm_url(u) for u in [*c.cited_urls, *(c.nearby_urls if nearby else [])]}

    return _share(
        [
            bool(shown(c) & {_norm_url(u) for u in c.gold_urls})
            for c in cases
            if c.kind == "question" and c.gold_urls
        ]
    )


def refusal(cases: list[CaseResult]) -> tuple[float | None, float | None]:
    qs = [c for c in cases if c.kind == "question"]
    refused = [c for c in qs if c.refused]
    unanswerable = [c for c in qs if not c.answerable]
    hits = sum(1 for c in refused if not c.answerable)
    precision = hits / len(refused) if refused else None
    recall = hits / len(unanswerable) if unanswerable else None
    return precision, recall


def claim_hits(cases: list[CaseResult]) -> dict[str, float | None]:
    claims = [c for c in cases if c.kind == "claim"]

    def has_source(p: ClaimPassage, gold: list[str]) -> bool:
        return bool({_norm_url(u) for u in p.urls} & {_norm_url(u) for u in gold})

    out: dict[str, list[bool]] = {"claim_article@1": [], "claim_source@1": [], "claim_source@5": []}
    for c in claims:
        gold = c.gold_urls
        top = c.passages[:1]
        if c.gold_articles:
            out["claim_article@1"].append(any(p.article_id in c.gold_articles for p in top))
        if gold:
            out["claim_source@1"].append(any(has_source(p, gold) for p in top))
            out["claim_source@5"].append(any(has_source(p, gold) for p in c.passages[:5]))
    return {k: _share(v) for k, v in out.items()}


def same_sentence(quote: str, gold: str) -> bool:
    """A quote is the gold sentence when either contains the other (markers, case and spacing
    ignored) and the shorter is at least 60% of the longer: sentence splitters differ."""
    from index.text import strip_markers

    a, b = (" ".join(strip_markers(x).lower().split()).rstrip(".") for x in (quote, gold))
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return short in long_ and len(short) >= 0.6 * len(long_)


def answer_hits(cases: list[CaseResult]) -> dict[str, float | None]:
    answerable = [c for c in cases if c.kind == "question" and c.answerable and not c.error]
    sentence = [
        any(same_sentence(q, c.gold_sentence) for _, _, q in c.quotes) and not c.refused
        for c in answerable
        if c.gold_sentence
    ]
    para = [
        any((a, p) in c.gold_paragraphs for a, p, _ in c.quotes) and not c.refused
        for c in answerable
        if c.gold_paragraphs
    ]
    qs = [c for c in cases if c.kind == "question" and not c.error]
    named = [
        not c.refused and any(_fold(x) in _fold(c.answer) for x in c.expect_source)
        for c in qs
        if c.expect_source
    ]
    claims = [c for c in cases if c.kind == "claim" and c.gold_sentence and not c.error]
    articles = [
        not c.refused and set(c.gold_articles) <= {a for a, _, _ in c.quotes}
        for c in answerable
        if c.gold_articles
    ]
    return {
        "article_cited": _share(articles),
        "sentence_hit": _share(sentence),
        "paragraph_cited": _share(para),
        "false_refusal": _share([c.refused for c in answerable]),
        "nearmiss_refusal": _share([c.refused for c in qs if "near-miss" in c.tags]),
        "offtopic_refusal": _share([c.refused for c in qs if "offtopic" in c.tags]),
        "source_named": _share(named),
        "claim_sentence@1": _share(
            [
                bool(c.passages) and same_sentence(c.passages[0].quote, c.gold_sentence)
                for c in claims
            ]
        ),
    }


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def compute(cases: list[CaseResult], k: int) -> dict[str, float | None]:
    recall, precision = alce(cases)
    ref_p, ref_r = refusal(cases)
    latencies = [c.latency_ms for c in cases if not c.error]
    metrics: dict[str, float | None] = {
        "retrieval_recall@k": retrieval_recall(cases, k),
        "article_recall@k": article_recall(cases, k),
        "mrr": mrr(cases),
        "citation_validity": citation_validity(cases),
        "citation_recall": recall,
        "citation_precision": precision,
        "faithfulness": faithfulness(cases),
        "answer_correctness": answer_correctness(cases),
        "source_accuracy": source_accuracy(cases),
        "source_shown": source_accuracy(cases, nearby=True),
        "refusal_precision": ref_p,
        "refusal_recall": ref_r,
        **claim_hits(cases),
        **answer_hits(cases),
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
        "errors": float(sum(1 for c in cases if c.error)),
    }
    return {k_: (round(v, 4) if v is not None else None) for k_, v in metrics.items()}
