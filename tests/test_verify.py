"""The faithfulness checker: supported paraphrases, caught contradictions, backends, SummEdits."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

from eval.bundled import SAMPLE_ARTICLE, SUMMEDITS_DIR
from eval.summedits import Item, Scored, calibrate, evaluate, load_summedits, run
from index.errors import ConfigError
from rag.models import ScriptedChatModel
from rag.verify import (
    DEFAULT_THRESHOLD,
    CrossEncoderChecker,
    HeuristicChecker,
    LLMJudgeChecker,
    make_checker,
    parse_judgement,
)

SAMPLE = SAMPLE_ARTICLE
SUMMEDITS = SUMMEDITS_DIR

TARIFFS = (
    "Trump announced that he would reduce tariffs on Indian goods from 50% to 18%, and in return, "
    "India would reduce and stop its purchases of Russian oil."
)
MOSCOW = (
    "On the other hand, Modi visited Moscow in July 2025 and met with Russian President Vladimir "
    "Putin, and in December, he hosted Putin in his own country."
)
# As the article prints them: footnote markers and neighbouring sentences included.
PASSAGES = [
    " ".join(
        [
            "On February 3, 2026, United States President Donald Trump announced that an "
            "agreement had been reached with Indian Prime Minister Narendra Modi regarding "
            "tariffs.[i]",
            TARIFFS,
            "In this context, Trump also announced that India had agreed to purchase oil from "
            "the US and Venezuela.[ii]",
        ]
    ),
    "In this context, Modi attended the SCO Summit in Tianjin, China. " + MOSCOW,
]


@pytest.fixture(scope="module")
def checker(embedder: Embeddings) -> HeuristicChecker:
    return HeuristicChecker(embedder)


def test_verbatim_sentence_is_fully_supported(checker: HeuristicChecker) -> None:
    verdict = checker.check(MOSCOW, PASSAGES)
    assert verdict.support == 1.0 and verdict.supported
    assert verdict.evidence_index == 1
    assert verdict.sentence == MOSCOW
    assert verdict.reasons == []


def test_paraphrase_with_the_same_facts_is_supported(checker: HeuristicChecker) -> None:
    claim = "Trump said tariffs on Indian goods would be cut from 50% to 18 percent, with India "
    verdict = checker.check(claim + "stopping its purchases of Russian oil.", PASSAGES)
    assert verdict.supported, verdict
    assert verdict.evidence_index == 0
    assert verdict.sentence is not None and "from 50% to 18%" in verdict.sentence
    assert not [r for r in verdict.reasons if "not in evidence" in r]


@pytest.mark.parametrize(
    ("claim", "reason"),
    [
        (TARIFFS.replace("to 18%", "to 25%"), "number 25%"),
        (MOSCOW.replace("July 2025", "July 2024"), "year 2024"),
        (TARIFFS.replace("he would reduce", "he would not reduce"), "negation mismatch"),
        (MOSCOW.replace("Modi", "Sharif"), "entity 'Sharif'"),
        ("Sharif visited Moscow in July 2025 and met with Russian President Putin.", "'Sharif'"),
    ],
    ids=["number", "year", "negation", "entity", "entity-first-word"],
)
def test_changed_fact_is_unsupported_with_its_reason(
    checker: HeuristicChecker, claim: str, reason: str
) -> None:
    verdict = checker.check(claim, PASSAGES)
    assert not verdict.supported, verdict
    assert verdict.support < DEFAULT_THRESHOLD
    assert any(reason in r for r in verdict.reasons), verdict.reasons


def test_swapped_name_found_elsewhere_in_the_article_is_still_caught(
    checker: HeuristicChecker,
) -> None:
    article = SAMPLE.read_text(encoding="utf-8")
    assert "Sharif" in article
    verdict = checker.check(MOSCOW.replace("Modi", "Sharif"), [article])
    assert not verdict.supported
    assert any("'Sharif'" in r and "'Modi'" in r for r in verdict.reasons), verdict.reasons


def test_evidence_that_denies_the_claim_does_not_support_it(checker: HeuristicChecker) -> None:
    claim = "India stopped its purchases of Russian oil."
    denial = "Critics say it is not true that India stopped its purchases of Russian oil."
    assert checker.check(
        claim, ["Critics say India stopped its purchases of Russian oil."]
    ).supported
    verdict = checker.check(claim, [denial])
    assert not verdict.supported
    assert verdict.reasons == ["negation mismatch: the evidence negates, the claim does not"]


def test_claim_about_something_absent_is_unsupported(checker: HeuristicChecker) -> None:
    verdict = checker.check("The European Union approved a new fisheries agreement.", PASSAGES)
    assert not verdict.supported
    assert verdict.support < 0.3


def test_check_many_equals_one_by_one(embedder: Embeddings) -> None:
    claims = [
        MOSCOW,
        TARIFFS.replace("to 18%", "to 25%"),
        "India agreed to buy oil from the US and Venezuela.",
        "Modi hosted Putin in December.",
    ]
    batched = HeuristicChecker(embedder).check_many([(c, PASSAGES) for c in claims])
    single = HeuristicChecker(embedder)
    for claim, verdict in zip(claims, batched, strict=True):
        alone = single.check(claim, PASSAGES)
        assert alone.support == pytest.approx(verdict.support, abs=1e-5)
        assert alone.model_dump(exclude={"support"}) == verdict.model_dump(exclude={"support"})


@pytest.mark.parametrize("passages", [[], [""], ["   \n"]])
def test_no_evidence_is_unsupported_not_a_crash(
    checker: HeuristicChecker, passages: list[str]
) -> None:
    verdict = checker.check(TARIFFS, passages)
    assert verdict.support == 0.0 and not verdict.supported
    assert verdict.evidence_index is None
    assert verdict.reasons == ["no evidence passages"]


@pytest.mark.parametrize("claim", ["", "  "])
def test_empty_claim_is_a_clear_error(checker: HeuristicChecker, claim: str) -> None:
    with pytest.raises(ValueError, match="claim is empty"):
        checker.check(claim, PASSAGES)


def test_numbers_are_normalised_and_scaled() -> None:
    lexical = HeuristicChecker(None)  # lexical alignment only: the fact checks still apply
    evidence = ["Capital One earned $3.1 billion in the third quarter, and 1,000 staff left."]
    ok = lexical.check("Capital One earned $3,100 million in the third quarter.", evidence)
    assert not [r for r in ok.reasons if r.startswith("number")], ok.reasons
    assert not lexical.check("About 1000 staff left.", evidence).reasons
    wrong = lexical.check("Capital One earned $3.1 million in the third quarter.", evidence)
    assert not wrong.supported
    assert any("3.1 million" in r for r in wrong.reasons)


def test_threshold_is_validated() -> None:
    with pytest.raises(ConfigError, match=r"verify\.threshold must be between 0 and 1"):
        HeuristicChecker(None, threshold=1.5)


def test_make_checker_backends_and_errors(embedder: Embeddings) -> None:
    heuristic = make_checker("heuristic", embeddings=embedder)
    assert isinstance(heuristic, HeuristicChecker)
    assert heuristic.threshold == DEFAULT_THRESHOLD
    assert make_checker("heuristic", embeddings=None, threshold=0.7).threshold == 0.7
    with pytest.raises(ConfigError) as bad:
        make_checker("nli", embeddings=embedder)
    assert str(bad.value) == (
        "verify.backend must be one of heuristic, crossencoder, llm; got 'nli'"
    )
    with pytest.raises(ConfigError, match=r"verify\.model_path"):
        make_checker("crossencoder", embeddings=embedder)
    with pytest.raises(ConfigError, match="needs a chat model"):
        make_checker("llm", embeddings=embedder)


def test_crossencoder_with_a_missing_model_path_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is not a folder: point it at a local"):
        CrossEncoderChecker(str(tmp_path / "no-such-model"))


def test_llm_judge_maps_replies_to_support() -> None:
    # Rules keyed by the claim in the prompt keep batched (threaded) calls deterministic.
    script = {"A": "SUPPORTED", "B": "UNSUPPORTED.", "C": "Not supported."}
    chat = ScriptedChatModel(rules=[{"when": f"Claim: {c}", "reply": r} for c, r in script.items()])
    judge = make_checker("llm", embeddings=None, chat_model=chat)
    assert isinstance(judge, LLMJudgeChecker)
    verdicts = judge.check_many([("A", PASSAGES), ("B", PASSAGES), ("C", PASSAGES), ("A", [])])
    assert [v.support for v in verdicts] == [1.0, 0.0, 0.0, 0.0]
    assert [v.supported for v in verdicts] == [True, False, False, False]
    assert verdicts[1].reasons == ["judge: UNSUPPORTED."]
    assert len(chat.calls) == 3  # no call without evidence
    assert all("Venezuela" in p and "[i]" not in p for p in chat.calls)


@pytest.mark.parametrize(
    ("reply", "ok"),
    [
        ("SUPPORTED", True),
        ("**Supported** - the evidence says so", True),
        ("UNSUPPORTED", False),
        ("The claim is NOT SUPPORTED.", False),
        ("Answer: unsupported", False),
        ("", False),
        ("I cannot tell", False),
    ],
)
def test_parse_judgement(reply: str, ok: bool) -> None:
    assert parse_judgement(reply) is ok


def _scored(pairs: list[tuple[int, float]]) -> list[Scored]:
    return [
        Scored(Item(id=str(i), domain="d", doc="", summary="", label=lab, split="test"), s)
        for i, (lab, s) in enumerate(pairs)
    ]


def test_calibrate_and_evaluate() -> None:
    scored = _scored([(1, 0.9), (1, 0.8), (1, 0.3), (0, 0.2), (0, 0.1), (0, 0.85)])
    threshold = calibrate(scored)
    assert 0.2 < threshold <= 0.3
    report = evaluate(scored, threshold)
    assert report["balanced_accuracy"] == pytest.approx(5 / 6, abs=1e-3)
    assert report["unsupported_precision"] == 1.0
    assert report["unsupported_recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert report["n"] == 6 and report["per_domain_balanced_accuracy"] == {"d": 0.8333}


def test_load_summedits_without_files_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"no summedits_\*\.jsonl files"):
        load_summedits(tmp_path)


@pytest.mark.slow
def test_summedits_run_reports_held_out_metrics(embedder: Embeddings) -> None:
    report = run(SUMMEDITS, limit_per_domain=10, embeddings=embedder)
    assert report["limit_per_domain"] == 10
    for split in ("calibration", "test"):
        metrics = report[split]
        assert metrics["n"] > 0
        assert 0.0 <= metrics["balanced_accuracy"] <= 1.0
        assert not math.isnan(metrics["balanced_accuracy"])
        assert 0.0 <= metrics["threshold"] <= 1.0
        assert set(metrics["per_domain_balanced_accuracy"]) == {
            "ectsum", "news", "podcast", "qmsumm", "sales_call", "sales_email", "samsum", "scitldr"
        }  # fmt: skip
    assert report["test"]["threshold"] == report["calibration"]["threshold"]
