"""Eval: metric definitions on hand-built cases, set validation, and the regression gate."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from eval import metrics as m
from eval.evalset import load_set
from eval.runner import gate
from index.errors import EvalSetError
from tests.conftest import FRESHWIKI, ROOT, run_cli

SAMPLE_SET = ROOT / "eval" / "sets" / "sample.jsonl"
BASELINE = ROOT / "eval" / "baselines" / "sample.json"


def _case(**kw: object) -> m.CaseResult:
    return m.CaseResult(id=str(kw.pop("id", "c")), text="q", **kw)  # type: ignore[arg-type]


def S(
    cites: list[int],
    joint: bool,
    single: list[bool] | None = None,
    without: list[bool] | None = None,
    supported: bool = True,
) -> m.SentenceJudgement:
    return m.SentenceJudgement(
        text="s",
        citations=cites,
        joint=joint,
        single=single or [],
        without=without or [],
        supported=supported,
    )


# metrics --------------------------------------------------------------------------------------


def test_empty_inputs_give_none_not_zero() -> None:
    assert m.retrieval_recall([], 5) is None
    assert m.mrr([]) is None
    assert m.citation_validity([]) is None
    assert m.alce([]) == (None, None)
    assert m.faithfulness([]) is None
    assert m.answer_correctness([]) is None
    assert m.source_accuracy([]) is None
    assert m.refusal([]) == (None, None)
    assert m.compute([], 5)["citation_recall"] is None


def test_retrieval_recall_and_mrr() -> None:
    hit_second = _case(gold_paragraphs=[("a", 3)], retrieved=[("b", 1, 1), ("a", 2, 4)])
    miss = _case(gold_paragraphs=[("a", 9)], retrieved=[("a", 1, 2), ("a", 3, 3)])
    no_gold = _case(retrieved=[("a", 1, 1)])
    assert m.retrieval_recall([hit_second, miss, no_gold], k=1) == 0.0
    assert m.retrieval_recall([hit_second, miss, no_gold], k=2) == 0.5
    assert m.mrr([hit_second, miss]) == pytest.approx(0.25)


def test_alce_recall_and_precision_with_irrelevant_citation() -> None:
    # Sentence 1: two citations, jointly entailed; citation 2 alone does not entail and
    # citation 1 alone (the rest without 2) still does -> citation 2 is irrelevant.
    s1 = S([1, 2], joint=True, single=[True, False], without=[False, True])
    # Sentence 2: one citation, not entailed.
    s2 = S([3], joint=False)
    # Sentence 3: one citation, entailed.
    s3 = S([1], joint=True)
    recall, precision = m.alce([_case(sentences=[s1, s2, s3])])
    assert recall == pytest.approx(2 / 3)
    # citations: 2 + 1 + 1 = 4; precise: s1 -> 1 (c1), s2 -> 0, s3 -> 1
    assert precision == pytest.approx(2 / 4)
    # Both citations needed (neither alone entails, neither is redundant): both precise.
    both = S([1, 2], joint=True, single=[False, False], without=[False, False])
    assert m.alce([_case(sentences=[both])]) == (1.0, 1.0)
    # A sentence without citations counts against recall and adds no citations.
    bare = S([], joint=False)
    assert m.alce([_case(sentences=[bare, s3])]) == (0.5, 1.0)
    # Refused answers are not scored.
    assert m.alce([_case(refused=True, sentences=[s2])]) == (None, None)


def test_citation_validity_faithfulness_correctness_sources_refusal() -> None:
    a = _case(
        numbers_in_text=[1, 2, 2],
        valid_numbers=[1, 2],
        answer="Modi visited Moscow",
        expect_all=["moscow"],
        sentences=[S([1], True), S([2], True, supported=False)],
        gold_urls=["https://www.gmfus.org/x/"],
        cited_urls=["http://gmfus.org/x"],
    )
    b = _case(
        numbers_in_text=[1, 7],
        valid_numbers=[1],
        answer="Nothing",
        expect_any=["Putin"],
        gold_urls=["https://bbc.com/y"],
        cited_urls=[],
    )
    u = _case(answerable=False, refused=True)
    wrong_refusal = _case(refused=True, expect_all=["x"])
    cases = [a, b, u, wrong_refusal]
    assert m.citation_validity(cases) == pytest.approx(4 / 5)
    assert m.faithfulness(cases) == pytest.approx(1 / 2)
    assert m.answer_correctness(cases) == pytest.approx(1 / 3)
    assert m.source_accuracy(cases) == pytest.approx(1 / 2), "URLs compare without scheme/www/slash"
    assert m.refusal(cases) == (0.5, 1.0)


def test_claim_hits() -> None:
    good = _case(
        kind="claim",
        gold_articles=["a"],
        gold_urls=["https://x.org/1"],
        passages=[{"article_id": "a", "urls": ["https://x.org/1"]}],
    )
    late = _case(
        kind="claim",
        gold_articles=["a"],
        gold_urls=["https://x.org/2"],
        passages=[
            {"article_id": "b", "urls": []},
            {"article_id": "a", "urls": ["https://x.org/2"]},
        ],
    )
    hits = m.claim_hits([good, late])
    assert hits == {"claim_article@1": 0.5, "claim_source@1": 0.5, "claim_source@5": 1.0}


def test_gate_flags_drops_beyond_tolerance_only() -> None:
    rows = gate(
        {"faithfulness": 0.9, "mrr": 0.79, "source_accuracy": None, "latency_p50_ms": 900},
        {"faithfulness": 0.91, "mrr": 0.9, "source_accuracy": 0.5, "latency_p50_ms": 10},
        {"mrr": 0.05},
    )
    by = {r["metric"]: r for r in rows}
    assert not by["faithfulness"]["failed"] and by["mrr"]["failed"]
    assert "source_accuracy" not in by and "latency_p50_ms" not in by


# eval-set files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "a", "question": "q"', "line 2: not valid JSON"),
        (
            '{"id": "a", "question": "q", "expect_al": ["x"]}',
            "line 2: field 'expect_al': unknown field",
        ),
        ('{"id": "a"}', "line 2: field 'case': a question case needs a non-empty 'question'"),
        (
            '{"id": "a", "question": "q", "gold_paragraphs": [{"article_id": "x", "paragraph": 0}]}',
            "line 2: field 'gold_paragraphs.0.paragraph'",
        ),
        ('{"id": "ok", "question": "again"}', "line 2: duplicate id 'ok' (first on line 1)"),
        ('{"gate": {"mrr": -1}}', "line 2: 'gate' must map"),
        ('{"corpus": ["nowhere/at/all"]}', "line 2: corpus path nowhere/at/all"),
        (
            '{"id": "u", "question": "q", "answerable": false, "expect_any": ["x"]}',
            "unanswerable case cannot have expected facts",
        ),
    ],
)
def test_eval_set_errors_name_line_and_field(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text('{"id": "ok", "question": "fine"}\n' + line + "\n")
    with pytest.raises(EvalSetError) as info:
        load_set(path)
    assert message in str(info.value) and str(path) in str(info.value)


def test_sample_set_meets_the_brief() -> None:
    s = load_set(SAMPLE_SET)
    assert len(s.cases) >= 25
    assert sum(not c.answerable for c in s.cases) >= 5
    assert any(c.history for c in s.cases), "follow-ups"
    assert sum("ibid" in c.tags for c in s.cases) >= 3, "source questions needing Ibid. resolution"
    assert s.corpus and all(p.exists() for p in s.corpus)


# the gate, end to end -----------------------------------------------------------------------


def _gate_sample_set(tmp_path: Path, *extra: str, env: dict[str, str] | None = None) -> Any:
    """`ibid eval run` of the sample set against the committed baseline, in a new process."""
    home, report = str(tmp_path / "home"), str(tmp_path / "rep")
    args = ["--set", str(SAMPLE_SET), "--baseline", str(BASELINE), "--report", report, "--json"]
    return run_cli("--home", home, "eval", "run", *args, *extra, env=env)


def test_sample_set_passes_the_committed_baseline(tmp_path: Path) -> None:
    out = _gate_sample_set(tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    summary = json.loads(out.stdout)
    assert summary["failed"] is False and summary["cases"] >= 25
    for name in ("report.json", "report.md", "report.html"):
        assert (tmp_path / "rep" / name).is_file()
    html = (tmp_path / "rep" / "report.html").read_text()
    assert "<svg" in html and "What did Modi do in July 2025?" in html


# A negative control of the gate (it can fail): worth CI's time, not every default run's.
@pytest.mark.ci
def test_llm_citing_wrong_passages_fails_the_gate(tmp_path: Path) -> None:
    script = tmp_path / "script.json"
    # Every answer cites evidence block [2] for a claim it does not make.
    script.write_text(json.dumps({"replies": ["The summit was held in Oslo in 1999 [2]."]}))
    env = {"IBID_RAG__LLM__PROVIDER": "scripted", "IBID_RAG__LLM__SCRIPT": str(script)}
    out = _gate_sample_set(tmp_path, "--mode", "llm", env=env)
    assert out.returncode == 1, out.stdout + out.stderr
    failed = {g["metric"] for g in json.loads(out.stdout)["gate"] if g["failed"]}
    assert {"faithfulness", "citation_recall", "answer_correctness"} <= failed


def test_build_claims_then_run_a_claim_set(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("2022_Luzon_earthquake", "2023_Monterey_Park_shooting"):
        shutil.copy(FRESHWIKI / "txt" / f"{name}.txt", corpus)
    claims = tmp_path / "claims.jsonl"
    built = run_cli("eval", "build-claims", str(corpus), "--out", str(claims), "--limit", "12")
    assert built.returncode == 0, built.stderr
    cases = load_set(claims).cases
    assert len(cases) == 12 and all(c.kind == "claim" and c.gold_urls for c in cases)
    out = run_cli(
        "--home",
        str(tmp_path / "home"),
        "eval",
        "run",
        "--set",
        str(claims),
        "--ingest",
        str(corpus),
        "--report",
        str(tmp_path / "rep"),
        "--json",
    )
    assert out.returncode == 0, out.stderr
    metrics = json.loads(out.stdout)["metrics"]
    assert metrics["claim_source@5"] >= 0.75 and metrics["claim_article@1"] >= 0.9


def test_eval_checker_command_reports_held_out_figures(tmp_path: Path) -> None:
    doc = "Trump said tariffs on Indian goods would fall from 50% to 18%. Modi visited Moscow in July."
    rows = []
    for split in ("evaluation", "test"):
        for i, (summary, label) in enumerate(
            [
                ("Tariffs on Indian goods would fall to 18%.", 1),
                ("Tariffs on Indian goods would fall to 25%.", 0),
                ("Modi visited Moscow in July.", 1),
                ("Modi did not visit Moscow in July.", 0),
            ]
        ):
            rows.append(
                {
                    "id": f"{split}-{i}",
                    "doc": doc,
                    "summary": summary,
                    "label": label,
                    "split": split,
                    "edit_types": [],
                }
            )
    (tmp_path / "summedits_news.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = run_cli(
        "--home", str(tmp_path / "home"), "eval", "checker", "--data", str(tmp_path), "--json"
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    test = report["test"]
    assert test["n"] == 4 and 0.0 <= test["balanced_accuracy"] <= 1.0
    assert test["balanced_accuracy"] == 1.0, "numbers and negation are the checker's strengths"
    for key in ("unsupported_precision", "unsupported_recall", "threshold"):
        assert key in test
    empty = run_cli("eval", "checker", "--data", str(tmp_path / "home"))
    assert empty.returncode == 2 and "summedits" in empty.stderr.lower()
