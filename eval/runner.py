"""Run an eval set through the real chain, judge every cited sentence, compute the metrics."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field

from eval import metrics as m
from eval.evalset import EvalCase, EvalSet
from index.errors import IbidError
from index.library import Library
from index.text import strip_markers
from rag.chain import AnswerChain
from rag.lookup import cite
from rag.types import Answer, Turn


class RunReport(BaseModel):
    set: str
    created: str
    mode: str
    k: int
    settings: dict[str, Any] = Field(default_factory=dict)
    metrics: dict[str, float | None]
    cases: list[m.CaseResult]
    gate: list[dict[str, Any]] = Field(default_factory=list)
    baseline: str | None = None

    @property
    def failed_gate(self) -> bool:
        return any(g["failed"] for g in self.gate)


def _judge(answer: Answer, chain: AnswerChain, library: Library) -> list[m.SentenceJudgement]:
    """ALCE judgements: each citation's passage is its paragraph, markers removed."""
    passages: dict[int, str] = {}
    for c in answer.citations:
        para = library.article(c.article_id).paragraph(c.paragraph)
        passages[c.n] = strip_markers(para.text) if para else c.quote
    out = []
    checker = chain.checker
    for s in answer.sentences:
        if s.basis == "archive":
            continue  # a statement from the manifest: no passage is meant to entail it
        claim = s.claim or s.text
        cited = [passages[n] for n in s.citations if n in passages]
        j = m.SentenceJudgement(text=s.text, citations=s.citations, supported=s.supported)
        if cited:
            j.joint = checker.check(claim, ["\n".join(cited)]).supported
            if j.joint and len(cited) > 1:
                j.single = [checker.check(claim, [p]).supported for p in cited]
                j.without = [
                    checker.check(claim, ["\n".join(cited[:i] + cited[i + 1 :])]).supported
                    for i in range(len(cited))
                ]
        out.append(j)
    return out


def _valid_numbers(answer: Answer, library: Library) -> list[int]:
    valid = []
    for c in answer.citations:
        para = library.article(c.article_id).paragraph(c.paragraph)
        if para is not None and para.text[c.start : c.end] == c.quote:
            valid.append(c.n)
    return valid


def _run_question(case: EvalCase, chain: AnswerChain, mode: str | None) -> m.CaseResult:
    import re

    history: list[Turn] = []
    for q in case.history:
        prior = chain.invoke({"question": q, "history": history, "mode": mode})
        history.append(Turn(question=q, answer=prior))
    t0 = time.perf_counter()
    answer = chain.invoke({"question": case.question, "history": history, "mode": mode})
    latency = (time.perf_counter() - t0) * 1e3
    lib = chain.library
    return m.CaseResult(
        id=case.id,
        kind="question",
        text=case.question,
        answerable=case.answerable,
        tags=case.tags,
        refused=answer.refused,
        answer=answer.answer,
        sentences=_judge(answer, chain, lib) if not answer.refused else [],
        numbers_in_text=[int(x) for x in re.findall(r"\[(\d+)\]", answer.answer)],
        valid_numbers=_valid_numbers(answer, lib),
        cited_urls=[f.url for c in answer.citations for f in c.footnotes if f.url],
        nearby_urls=[f.url for c in answer.citations for f in c.nearby_notes if f.url],
        retrieved=[
            (e.chunk.article_id, e.chunk.para_start, e.chunk.para_end) for e in answer.evidence
        ],
        gold_articles=case.gold_articles,
        gold_paragraphs=[(g.article_id, g.paragraph) for g in case.gold_paragraphs],
        gold_urls=case.gold_urls,
        expect_all=case.expect_all,
        expect_any=case.expect_any,
        expect_source=case.expect_source,
        gold_sentence=case.gold_sentence,
        quotes=[(c.article_id, c.paragraph, c.quote) for c in answer.citations],
        latency_ms=round(latency, 2),
    )


def _run_claim(case: EvalCase, chain: AnswerChain) -> m.CaseResult:
    t0 = time.perf_counter()
    passages = cite(
        chain.library,
        chain.retriever,
        chain.checker,
        case.claim,
        k=5,
        cover_preceding=chain.settings.answer.cover_preceding,
        reader=chain.reader,
        reader_top_n=chain.settings.reader.top_n,
    )
    latency = (time.perf_counter() - t0) * 1e3
    return m.CaseResult(
        id=case.id,
        kind="claim",
        text=case.claim,
        tags=case.tags,
        passages=[m.ClaimPassage.of(p) for p in passages],
        gold_articles=case.gold_articles,
        gold_urls=case.gold_urls,
        gold_sentence=case.gold_sentence,
        latency_ms=round(latency, 2),
    )


def run_set(
    evalset: EvalSet, chain: AnswerChain, *, mode: str | None = None, progress: bool = False
) -> RunReport:
    results: list[m.CaseResult] = []
    bar = None
    if progress and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(evalset.cases), unit="case", desc="eval", file=sys.stderr)
    for case in evalset.cases:
        try:
            if case.kind == "claim":
                results.append(_run_claim(case, chain))
            else:
                results.append(_run_question(case, chain, case.mode or mode))
        except IbidError as exc:
            if "llm" in str(exc).lower() or "mode" in str(exc).lower():
                raise  # a configuration problem, not a property of one case
            results.append(m.CaseResult(id=case.id, kind=case.kind, text=case.text, error=str(exc)))
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    k = chain.settings.retrieval.k
    return RunReport(
        set=evalset.path,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        mode=mode or chain.settings.answer.mode,
        k=k,
        settings={
            "rag": chain.settings.model_dump(mode="json", exclude={"llm": {"api_key"}}),
            "collection": chain.library.collection_name,
        },
        metrics=m.compute(results, k),
        cases=results,
    )


def gate(
    current: dict[str, float | None],
    baseline: dict[str, float | None],
    tolerances: dict[str, float],
    default_tolerance: float = 0.02,
) -> list[dict[str, Any]]:
    """Each gated metric against the baseline: failed when it fell by more than its tolerance."""
    rows = []
    for name in m.GATED:
        now, before = current.get(name), baseline.get(name)
        if now is None or before is None:
            continue
        tol = tolerances.get(name, default_tolerance)
        delta = round(now - before, 4)
        worse = -delta if name in m.LOWER_IS_BETTER else delta
        rows.append(
            {
                "metric": name,
                "value": now,
                "baseline": before,
                "delta": delta,
                "tolerance": tol,
                "failed": worse < -tol - 1e-9,
            }
        )
    return rows
