"""What a faithfulness checker returns, and the interface every checker backend implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

from index.errors import ConfigError

# Calibrated on SummEdits split "evaluation" only (n=986; `python -m eval.summedits`, MiniLM):
# best balanced accuracy there (0.657) at 0.3616. Held-out split "test" (n=3,695), 2026-11-25:
# balanced accuracy 0.641, ROC AUC 0.660, unsupported precision 0.807 / recall 0.514; the full
# 4,681-item run takes ~2 min on 2 CPU cores. Any failed fact check (factor 0.3) lands below it.
DEFAULT_THRESHOLD = 0.36

Pair = tuple[str, Sequence[str]]

CheckKind = Literal["number", "year", "date", "entity", "negation"]


class FailedCheck(BaseModel):
    """One fact of the claim that the evidence does not bear out, for code to act on: the
    human-readable `Verdict.reasons` are worded per backend and may change. For a negation,
    the words are the negating ones (the claim's none when only the evidence negates)."""

    kind: CheckKind
    claim_words: list[str] = Field(default_factory=list, description="The claim's, for the fact.")
    evidence_words: list[str] = Field(
        default_factory=list, description="What the evidence has in the fact's place, if found."
    )


class Verdict(BaseModel):
    """A checker's judgement of one claim. `failed` holds only checks the backend really ran:
    the heuristic's fact checks (which the cross-encoder passes on from its aligner); an LLM
    judge's one-word reply names none, so its unsupported verdicts have reasons but no
    `failed` entries."""

    support: float = Field(ge=0.0, le=1.0, description="How well the evidence supports the claim.")
    supported: bool = Field(description="support >= the checker's threshold.")
    evidence_index: int | None = Field(default=None, description="Passage that supports best.")
    sentence: str | None = Field(default=None, description="Best-aligned evidence sentence(s).")
    reasons: list[str] = Field(default_factory=list, description="Failed checks, for display.")
    failed: list[FailedCheck] = Field(
        default_factory=list, description="Failed fact checks, structured, for code to read."
    )


class Checker(ABC):
    threshold: float

    @abstractmethod
    def check_many(self, pairs: Sequence[Pair]) -> list[Verdict]:
        """One verdict per (claim, passages) pair, in order; batched where the backend can."""

    def check(self, claim: str, passages: Sequence[str]) -> Verdict:
        return self.check_many([(claim, passages)])[0]

    def _verdict(self, support: float, **fields: Any) -> Verdict:
        support = min(1.0, max(0.0, float(support)))
        return Verdict(support=support, supported=support >= self.threshold, **fields)


def _check_threshold(threshold: float) -> float:
    if not 0.0 <= threshold <= 1.0:
        raise ConfigError(f"verify.threshold must be between 0 and 1, got {threshold}")
    return float(threshold)


def _require_claims(pairs: Sequence[Pair]) -> None:
    if any(not claim or not claim.strip() for claim, _ in pairs):
        raise ValueError("claim is empty: pass the answer sentence to verify, not ''")
