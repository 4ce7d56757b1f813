"""The hard question set: its shape, and the gate on its test half (issue: answers that answer).

The set is hand-written (eval/sets/src), compiled with gold paragraphs and reference URLs
(eval/compile_set.py), split into dev and test by article. The gate runs the test half through
`ibid eval run` against the committed baseline; a worse sentence selection must fail it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from eval.evalset import load_set
from rag import answer_type
from tests.conftest import ROOT, VECTOR_CACHE, run_cli

QUESTIONS = ROOT / "eval" / "sets" / "questions.jsonl"
BASELINE = ROOT / "eval" / "baselines" / "questions-test.json"
SOURCES = ROOT / "eval" / "sets" / "sources.jsonl"
SOURCES_BASELINE = ROOT / "eval" / "baselines" / "sources-test.json"


def test_question_set_has_the_shape_the_issue_asks_for() -> None:
    s = load_set(QUESTIONS)
    questions = [c for c in s.cases if c.kind == "question"]
    answerable = [c for c in questions if c.answerable and not c.history]
    assert len(answerable) >= 220
    articles = {c.gold_articles[0] for c in answerable if c.gold_articles}
    assert len(articles) >= 81
    assert "india-us-rapprochement" in articles
    assert sum("near-miss" in c.tags for c in questions) >= 45
    assert sum("offtopic" in c.tags for c in questions) >= 10
    assert sum(bool(c.history) for c in questions) >= 15
    assert sum(c.kind == "claim" for c in s.cases) >= 60
    for c in answerable:
        assert c.gold_paragraphs and c.gold_sentence and c.split in ("dev", "test"), c.id
    # Split by article: no article in both halves.
    halves: dict[str, set[str]] = {"dev": set(), "test": set()}
    for c in s.cases:
        for a in c.gold_articles:
            halves[c.split or "dev"].add(a)
    assert not halves["dev"] & halves["test"]


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("How many people were hurt?", "The blast killed 6 and injured 81 people on 13 May.", "81"),
        ("When did the storm reach land?", "It made landfall on 20 August 2023 near Ensenada.",
         "20 August 2023"),
        ("Who replaced Lee as leader?", "Lee was succeeded by Rishi Sunak in October.",
         "Rishi Sunak"),
        ("What did they say?", "They said nothing.", None),
        # A figure is new as a whole word: "23" is not the "2023" of the question.
        ("How many categories did Tokyo license in 2023?",
         "Japan followed in July 2023 by placing 23 categories under licence.", "23"),
        # A day of the month is part of a date, not a figure.
        ("How many machines did ASML ship?", "On December 9, 2025, the government acted.", None),
        # Months and clause openers are not names; the name new to the question is.
        ("After Billie Eilish, who was the next surprise name?",
         "On July 10, Sam Smith was announced as the second surprise artist.", "Sam Smith"),
        ("After Billie Eilish, who was the next surprise name?",
         "On July 6, Billie Eilish was announced as the first surprise artist.", None),
    ],
)  # fmt: skip
def test_answer_span_marks_the_answering_words(
    question: str, sentence: str, expected: str | None
) -> None:
    span = answer_type.answer_span(question, sentence)
    got = None if span is None else sentence[span.start : span.end]
    if expected is None:
        assert got is None
    else:
        assert got is not None and expected in got


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which senior army general died when a helicopter went down?", "name"),
        ("Which fault was the source of the quake?", "name"),
        ("In which town did he die?", "place"),
        ("Which cities were floated as venues?", "place"),
        ("What was the Shakahola forest death toll as of August?", "number"),
        ("How long was the boy without a pulse, counting from when his mother found him?",
         "number"),
        ("When Al Gross withdrew, who did he back?", "name"),
        ("What did the coroner decide?", None),
    ],
)  # fmt: skip
def test_the_kind_of_answer_a_question_asks_for(question: str, kind: str | None) -> None:
    assert answer_type.wants(question) == kind


def test_statement_drops_only_the_question_words() -> None:
    assert answer_type.statement("How many firefighters were sent?") == "firefighters were sent"
    assert answer_type.statement("In which town did he die?") == "town did he die"
    claim = "India will buy oil from Venezuela."
    assert answer_type.statement(claim) == claim.rstrip("?")


def test_near_miss_constraints() -> None:
    c = answer_type.constraints("Who won the 2023 AFL Grand Final?")
    assert c.years == ("2023",)
    assert answer_type.missing(c, "The 2022 AFL Grand Final was won by Geelong.") == ["2023"]
    assert answer_type.names_edition("2022 AFL Grand Final")
    assert not answer_type.names_edition("Silicon Valley Bank")


@pytest.fixture(scope="module")
def gate_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("questions-home")


@pytest.fixture(scope="module")
def xl_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The Turkish and Russian gates' own archive, with the multilingual leg."""
    yield tmp_path_factory.mktemp("questions-xl-home")


# English questions over an English archive never read the multilingual leg (their answers are
# the same with it on or off; docs/benchmarks.md), and embedding the sets' corpus with e5 costs
# ~200 s on a fresh clone. So the English gates run without it, in the default suite, and the
# Turkish and Russian gates with it, marked `ci` (.ci/run runs them after `make test`).
ENGLISH_ONLY = {"IBID_INDEX__CROSSLINGUAL__ENABLED": "false"}


def _gate(
    home: Path,
    report: Path,
    env: dict[str, str] | None = None,
    questions: Path = QUESTIONS,
    baseline: Path = BASELINE,
    split: str | None = "test",
    *,
    multilingual: bool = False,
) -> dict[str, object]:
    args = ["--set", str(questions), "--baseline", str(baseline)]
    args += ["--split", split] if split else []
    legs = {} if multilingual else ENGLISH_ONLY
    out = run_cli(
        "--home", str(home), "eval", "run", *args, "--report", str(report), "--json",
        env={"IBID_INDEX__EMBEDDING__CACHE_DIR": str(VECTOR_CACHE), **legs, **(env or {})},
        timeout=1500,
    )  # fmt: skip
    assert out.returncode in (0, 1), out.stderr[-3000:]
    summary: dict[str, object] = json.loads(out.stdout)
    summary["returncode"] = out.returncode
    return summary


def test_test_half_passes_the_committed_baseline(gate_home: Path, tmp_path: Path) -> None:
    summary = _gate(gate_home, tmp_path / "rep")
    failed = [g for g in summary["gate"] if g["failed"]]  # type: ignore[attr-defined]
    assert summary["returncode"] == 0 and not failed, failed


# A negative control of the gate (it can fail): worth CI's time, not every default run's.
@pytest.mark.ci
def test_worse_sentence_selection_fails_the_gate(gate_home: Path, tmp_path: Path) -> None:
    # Words only, as the answerer chose before it understood paraphrase.
    lexical = {"intercept": 0.0, "sim": 0.0, "focus": 0.0, "cover": 6.0, "typed": 1.0,
               "rank": 3.0, "length": -1.0, "wh": 0.0, "reader": 0.0}  # fmt: skip
    env = {"IBID_RAG__ANSWER__SENTENCE_WEIGHTS": json.dumps(lexical)}
    summary = _gate(gate_home, tmp_path / "rep", env)
    assert summary["returncode"] == 1
    failed = {g["metric"] for g in summary["gate"] if g["failed"]}  # type: ignore[attr-defined]
    assert {"sentence_hit", "answer_correctness"} & failed, failed


@pytest.mark.ci
@pytest.mark.parametrize("lang", ["tr", "ru"])
def test_turkish_and_russian_test_halves_pass_their_baselines(
    xl_home: Path, tmp_path: Path, lang: str
) -> None:
    """Questions in Turkish and Russian over the English archive (issue 13), gated like the
    English set: the multilingual leg, the language's question words and the anchor check."""
    questions = ROOT / "eval" / "sets" / f"questions-{lang}.jsonl"
    baseline = ROOT / "eval" / "baselines" / f"questions-{lang}-test.json"
    summary = _gate(
        xl_home, tmp_path / "rep", questions=questions, baseline=baseline, multilingual=True
    )
    failed = [g for g in summary["gate"] if g["failed"]]  # type: ignore[attr-defined]
    assert summary["returncode"] == 0 and not failed, failed


@pytest.mark.ci
def test_without_the_multilingual_leg_turkish_questions_fail(xl_home: Path, tmp_path: Path) -> None:
    questions = ROOT / "eval" / "sets" / "questions-tr.jsonl"
    baseline = ROOT / "eval" / "baselines" / "questions-tr-test.json"
    env = {"IBID_INDEX__CROSSLINGUAL__ENABLED": "false"}
    summary = _gate(
        xl_home, tmp_path / "rep", env, questions=questions, baseline=baseline, multilingual=True
    )
    assert summary["returncode"] == 1
    failed = {g["metric"] for g in summary["gate"] if g["failed"]}  # type: ignore[attr-defined]
    assert "answer_correctness" in failed, failed


def test_source_and_archive_questions_pass_their_baseline(gate_home: Path, tmp_path: Path) -> None:
    summary = _gate(gate_home, tmp_path / "rep", questions=SOURCES, baseline=SOURCES_BASELINE)
    failed = [g for g in summary["gate"] if g["failed"]]  # type: ignore[attr-defined]
    assert summary["returncode"] == 0 and not failed, failed
    metrics = summary["metrics"]
    # The issue's targets, on the test half.
    assert metrics["answer_correctness"] >= 0.9  # type: ignore[index]
    assert metrics["source_named"] >= 0.9  # type: ignore[index]
    # The right URL shown with the citation: attached, or as the next sentence's note that may
    # cover it. Attached alone is lower (README): precision over coverage by default.
    assert metrics["source_shown"] >= 0.9  # type: ignore[index]


def test_without_the_router_source_and_archive_questions_fail(
    gate_home: Path, tmp_path: Path
) -> None:
    env = {
        "IBID_RAG__ANSWER__ARCHIVE_QUESTIONS": "false",
        "IBID_RAG__ANSWER__NAME_SOURCES": "false",
    }
    summary = _gate(gate_home, tmp_path / "rep", env, SOURCES, SOURCES_BASELINE)
    assert summary["returncode"] == 1
    failed = {g["metric"] for g in summary["gate"] if g["failed"]}  # type: ignore[attr-defined]
    assert {"answer_correctness", "source_named"} <= failed, failed


def test_answer_span_is_bold_in_the_panel_and_the_markdown() -> None:
    from index.text import find_markers
    from index.types import Paragraph
    from rag.types import Answer, AnswerSentence, AnswerSpan, Citation
    from ui.web.render import answer_markdown, paragraph_html

    text = "The blast injured 81 people.[3] Police arrested a suspect."
    para = Paragraph(n=1, text=text, markers=find_markers(text))
    quote_end = text.index(" Police")
    span = AnswerSpan(start=text.index("81"), end=text.index("81") + 2)
    html = paragraph_html(para, 0, quote_end, {"3"}, (span.start, span.end))
    assert (
        '<mark><strong class="ibid-answer-span">81</strong></mark>'
        in html.replace("</mark><mark>", "")
        or '<strong class="ibid-answer-span">81</strong>' in html
    )
    citation = Citation(n=1, article_id="a", title="T", paragraph=1, quote=text[:quote_end],
                        start=0, end=quote_end)  # fmt: skip
    answer = Answer(
        question="How many were hurt?", answer="The blast injured 81 people. [1]",
        citations=[citation],
        sentences=[AnswerSentence(text="The blast injured 81 people.", citations=[1],
                                  answer_span=span)],
    )  # fmt: skip
    assert "“The blast injured **81** people.[3]”" in answer_markdown(answer)


@pytest.mark.parametrize("name", ["heldout", "heldout2", "heldout3"])
def test_held_out_source_and_archive_questions(gate_home: Path, tmp_path: Path, name: str) -> None:
    # Written by people who never saw the router, over three more analyses; whole sets, since
    # nothing was fitted on them. Last in this module: they add those analyses to the home.
    questions = ROOT / "eval" / "sets" / f"sources-{name}.jsonl"
    baseline = ROOT / "eval" / "baselines" / f"sources-{name}.json"
    summary = _gate(gate_home, tmp_path / "rep", None, questions, baseline, split=None)
    failed = [g for g in summary["gate"] if g["failed"]]  # type: ignore[attr-defined]
    assert summary["returncode"] == 0 and not failed, failed
