"""Calibrate retrieval.min_relevance: the relevance below which Ibid refuses.

Positives: FreshWiki claims whose article is in the searchable archive. Negatives: claims whose
article is held out (filtered away), so the archive truly does not cover them — including
neighbours on similar topics (other earthquakes, other elections), which is the hard case.
Picks the threshold with the best balanced accuracy; writes benchmarks/results/refusal.json.
"""

from __future__ import annotations

import argparse
import random

from benchmarks.common import FRESHWIKI, WORK, write_result
from eval.claims import build_claims
from eval.summedits import balanced_accuracy
from index.library import Library
from index.text import tokenize
from rag.retrieval import Retriever
from rag.settings import RetrievalSettings
from rag.types import Filters


def best_threshold(pos: list[float], neg: list[float]) -> tuple[float, float]:
    """The lowest observed relevance with the best balanced accuracy, and that accuracy."""
    best = (0.0, 0.0)
    for t in sorted(set(pos + neg)):
        bal = balanced_at(pos, neg, t)
        if bal > best[1]:
            best = (t, bal)
    return best


def balanced_at(pos: list[float], neg: list[float], threshold: float) -> float:
    """Balanced accuracy of answering (relevance >= threshold) the covered claims `pos` and
    refusing the others."""
    truth = [True] * len(pos) + [False] * len(neg)
    return balanced_accuracy(truth, [r >= threshold for r in pos + neg])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200, help="claims per class")
    parser.add_argument("--held-out", type=int, default=25, help="articles held out")
    args = parser.parse_args()
    lib = Library(WORK / "freshwiki-home")
    lib.ingest([FRESHWIKI / "txt"])
    ids = sorted(a.id for a in lib.articles())
    held = set(random.Random(1).sample(ids, args.held_out))
    kept = [i for i in ids if i not in held]
    cases = build_claims(FRESHWIKI, seed=2)
    pos_cases = [c for c in cases if c.article_id not in held][: args.n]
    neg_cases = [c for c in cases if c.article_id in held][: args.n]
    retriever = Retriever(lib)
    filters = Filters(article_ids=kept)

    def top_relevance(claim: str) -> float:
        ev = retriever.search(claim, filters, k=3)
        return max((e.relevance for e in ev), default=0.0)

    def probe(claim: str) -> str:
        # A question shares only a few words with the passage that answers it: keep the first
        # six content words, as a short keyword question would.
        return " ".join(tokenize(claim)[:6])

    result: dict[str, object] = {"held_out_articles": len(held), "per_class": args.n}
    for name, make in (("verbatim", lambda c: c), ("keywords", probe)):
        pos = [top_relevance(make(c.claim)) for c in pos_cases]
        neg = [top_relevance(make(c.claim)) for c in neg_cases]
        threshold, bal = best_threshold(pos, neg)
        t0 = RetrievalSettings().min_relevance
        at_default = balanced_at(pos, neg, t0)
        result[name] = {
            "threshold": round(threshold, 4),
            "balanced_accuracy": round(bal, 4),
            "default_threshold": t0,
            "balanced_accuracy_at_default": round(at_default, 4),
            "pos_median": round(sorted(pos)[len(pos) // 2], 4),
            "neg_median": round(sorted(neg)[len(neg) // 2], 4),
        }
        print(name, result[name])
    path = write_result("refusal", result)
    print(path)


if __name__ == "__main__":
    main()
