"""How much of a query's vocabulary a text holds, each word weighted by its rarity (idf)
among the texts being compared: retrieval's rerank, the answerer's sentence features and the
heuristic checker all read this one measure."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence


def idf(terms: Sequence[str], docs: Sequence[Collection[str]]) -> dict[str, float]:
    """Smoothed idf of each term over `docs` (sets of tokens): never zero, so a word every
    document has still counts a little."""
    n = len(docs)
    return {t: math.log(1 + (n + 1) / (sum(t in d for d in docs) + 0.5)) for t in terms}


def coverage(terms: Sequence[str], have: Collection[str], weights: dict[str, float]) -> float:
    """The idf-weighted share of `terms` that `have` holds (0 when the terms weigh nothing)."""
    total = sum(weights[t] for t in terms)
    return sum(weights[t] for t in terms if t in have) / total if total else 0.0
