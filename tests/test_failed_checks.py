"""Verdicts carry structured failed checks, and citation lookup decides from those, never from
the wording of the human-readable reasons."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from langchain_core.embeddings import Embeddings

from index.library import Library
from rag.heuristic import HeuristicChecker
from rag.lookup import cite
from rag.models import ScriptedChatModel
from rag.retrieval import Retriever
from rag.verdict import Checker, FailedCheck, Pair, Verdict
from rag.verify import CrossEncoderChecker, make_checker
from tests.conftest import SAMPLE
from tests.test_verify import MOSCOW, PASSAGES, TARIFFS

WRONG_TARIFF = "Trump said he would cut tariffs on Indian goods from 50% to 25%"


@pytest.mark.parametrize(
    ("claim", "failed"),
    [
        (TARIFFS.replace("to 18%", "to 25%"), FailedCheck(kind="number", claim_words=["25%"])),
        (MOSCOW.replace("July 2025", "July 2024"), FailedCheck(kind="year", claim_words=["2024"])),
        (MOSCOW.replace("Modi", "Sharif"), FailedCheck(kind="entity", claim_words=["Sharif"])),
        (
            TARIFFS.replace("he would reduce", "he would not reduce"),
            FailedCheck(kind="negation", claim_words=["not"]),
        ),
    ],
    ids=["number", "year", "entity", "negation"],
)
def test_heuristic_names_the_failed_check(claim: str, failed: FailedCheck) -> None:
    verdict = HeuristicChecker(None).check(claim, PASSAGES)
    assert not verdict.supported
    assert [(f.kind, f.claim_words) for f in verdict.failed] == [(failed.kind, failed.claim_words)]


def test_failed_check_says_what_the_evidence_has_instead() -> None:
    checker = HeuristicChecker(None)
    [number] = checker.check(TARIFFS.replace("to 18%", "to 25%"), PASSAGES).failed
    assert number.evidence_words == ["18"]
    [name] = checker.check(MOSCOW.replace("Modi", "Sharif"), PASSAGES).failed
    assert name.evidence_words == ["Modi"]
    claim = "India stopped its purchases of Russian oil."
    denial = "Critics say it is not true that India stopped its purchases of Russian oil."
    [negation] = checker.check(claim, [denial]).failed
    assert negation == FailedCheck(kind="negation", claim_words=[], evidence_words=["not"])


def test_supported_and_empty_verdicts_have_no_failed_checks() -> None:
    checker = HeuristicChecker(None)
    assert checker.check(MOSCOW, PASSAGES).failed == []
    assert checker.check(MOSCOW, []).failed == []


class _StubNLI:
    """Stands in for a sentence-transformers CrossEncoder: a fixed P(entailment) per call."""

    def __init__(self, entailment: float) -> None:
        self.entailment = entailment

    def predict(
        self, inputs: Sequence[tuple[str, str]], apply_softmax: bool = False
    ) -> list[list[float]]:
        return [[1 - self.entailment, self.entailment] for _ in inputs]


def _crossencoder(entailment: float) -> CrossEncoderChecker:
    # No NLI model ships offline: the checker is built around a stub, the aligner is real.
    checker = CrossEncoderChecker.__new__(CrossEncoderChecker)
    checker.threshold = 0.5
    checker.aligner = HeuristicChecker(None, threshold=0.0)
    checker.model = _StubNLI(entailment)
    checker.entail_index = 1
    return checker


def test_crossencoder_passes_on_its_aligners_checks_when_unsupported() -> None:
    claim = TARIFFS.replace("to 18%", "to 25%")
    low = _crossencoder(0.2).check(claim, PASSAGES)
    assert not low.supported and low.support == pytest.approx(0.2)
    assert [(f.kind, f.claim_words) for f in low.failed] == [("number", ["25%"])]
    assert low.reasons[0] == "NLI entailment 0.20 below 0.50"
    high = _crossencoder(0.9).check(claim, PASSAGES)
    assert high.supported and high.failed == [] and high.reasons == []
    verbatim = _crossencoder(0.2).check(MOSCOW, PASSAGES)
    assert verbatim.supported and verbatim.failed == []


def test_llm_judge_names_no_failed_checks() -> None:
    judge = make_checker("llm", chat_model=ScriptedChatModel(replies=["UNSUPPORTED: the number"]))
    verdict = judge.check(TARIFFS.replace("to 18%", "to 25%"), PASSAGES)
    assert not verdict.supported and verdict.failed == []
    assert verdict.reasons == ["judge: UNSUPPORTED: the number"]


# Citation lookup -------------------------------------------------------------------------------


class _Reworded(Checker):
    """The heuristic's verdicts, with reasons in other words (or failed checks dropped)."""

    def __init__(self, inner: HeuristicChecker, *, keep_failed: bool) -> None:
        self.inner = inner
        self.threshold = inner.threshold
        self.keep_failed = keep_failed

    def check_many(self, pairs: Sequence[Pair]) -> list[Verdict]:
        out = []
        for v in self.inner.check_many(pairs):
            if self.keep_failed:
                update = {"reasons": ["Zahlenangabe weicht ab"] if v.failed else []}
            else:
                # Reason text full of the words lookup once searched for, and no checks.
                update = {"reasons": ["number date entity negation year percent"], "failed": []}
            out.append(v.model_copy(update=update))
        return out


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, embedder: Embeddings) -> Library:
    lib = Library(tmp_path_factory.mktemp("checks-home"), embeddings=embedder)
    assert lib.ingest([SAMPLE]).articles == 1
    return lib


def _verdicts(library: Library, checker: Checker, claim: str) -> list[tuple[str, str]]:
    found = cite(library, Retriever(library), checker, claim)
    return [(p.quote, p.verdict) for p in found]


def test_lookup_reads_failed_checks_not_reason_words(library: Library) -> None:
    heuristic = HeuristicChecker(library.embeddings)
    plain = _verdicts(library, heuristic, WRONG_TARIFF)
    tariff = next(v for q, v in plain if "50% to 18%" in q)
    assert tariff == "contradicts"
    reworded = _verdicts(library, _Reworded(heuristic, keep_failed=True), WRONG_TARIFF)
    assert reworded == plain
    wordy = _verdicts(library, _Reworded(heuristic, keep_failed=False), WRONG_TARIFF)
    assert "contradicts" not in {v for _, v in wordy}
    assert next(v for q, v in wordy if "50% to 18%" in q) == "related"
