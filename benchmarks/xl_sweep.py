"""Choose the multilingual leg's refusal floors on the dev halves of the Turkish and Russian sets.

A small grid over `retrieval.crosslingual_min_relevance` and `answer.crosslingual_anchor_score`
(the sentence weights are fitted first: python -m eval.fit --crosslingual). The objective is the
expected fact on answerable questions plus half the share of unanswerable ones refused, with at
most `--max-false` answerable questions refused. Nothing reads the test halves.

    python -m benchmarks.xl_sweep --home DIR   # a home with the sets' corpus ingested
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from eval.evalset import load_set
from eval.runner import run_set
from index.library import Library
from index.settings import IndexSettings
from rag.chain import AnswerChain
from rag.settings import RagSettings

ROOT = Path(__file__).resolve().parents[1]
SETS = [ROOT / "eval" / "sets" / f"questions-{lang}.jsonl" for lang in ("tr", "ru")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--home", type=Path, required=True)
    ap.add_argument("--max-false", type=float, default=0.1)
    ap.add_argument("--floors", type=float, nargs="+", default=[0.15, 0.25, 0.35, 0.45])
    ap.add_argument("--anchors", type=float, nargs="+", default=[0.01, 0.05, 0.2, 1.0])
    args = ap.parse_args()
    lib = Library(args.home, IndexSettings())
    sets = [load_set(p).only_split("dev") for p in SETS]
    rows = []
    for floor, anchor in itertools.product(args.floors, args.anchors):
        rag = RagSettings.model_validate(
            {
                "retrieval": {"crosslingual_min_relevance": floor},
                "answer": {"crosslingual_anchor_score": anchor},
            }
        )
        chain = AnswerChain(lib, rag)
        ms = [run_set(s, chain).metrics for s in sets]
        fact = sum(m["answer_correctness"] or 0 for m in ms) / len(ms)
        false = sum(m["false_refusal"] or 0 for m in ms) / len(ms)
        unans = [
            (m["offtopic_refusal"] or 0) * 0.5 + (m["nearmiss_refusal"] or 0) * 0.5 for m in ms
        ]
        row = {"floor": floor, "anchor": anchor, "fact": fact, "false_refusal": false,
               "unanswerable_refused": sum(unans) / len(unans)}  # fmt: skip
        row["objective"] = fact + 0.5 * row["unanswerable_refused"]
        print(json.dumps(row), flush=True)
        rows.append(row)
    ok = [r for r in rows if r["false_refusal"] <= args.max_false] or rows
    print("best:", json.dumps(max(ok, key=lambda r: r["objective"])))


if __name__ == "__main__":
    main()
