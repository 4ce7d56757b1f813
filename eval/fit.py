"""Fit the extractive answerer's sentence weights and its refusal threshold on the dev half.

    python -m eval.fit --set eval/sets/questions.jsonl --home /tmp/evalhome

For every answerable dev question, its candidate sentences and which one is the gold sentence;
a conditional logit (gold against its rivals, per question) gives `rag.extractive.WEIGHTS`.
Then, with those weights, the
best sentence's score on answerable dev questions against near-miss and off-topic dev questions
gives `answer.min_sentence_score`: the highest threshold that refuses at most `--max-false`
of the answerable ones. Prints both; nothing reads the test half.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eval.evalset import EvalCase, load_set
from eval.metrics import same_sentence
from index.library import Library
from index.settings import IndexSettings
from rag import answerability, extractive
from rag.chain import AnswerChain
from rag.settings import READER_FEATURES, RagSettings


def ranked(chain: AnswerChain, case: EvalCase) -> list[extractive.Candidate]:
    lib = chain.library
    plan = chain.retriever.plan(case.question)
    qvec = lib.embeddings.embed_query(case.question) if plan.english else []
    k = max(chain.settings.retrieval.k, chain.settings.answer.candidate_chunks)
    evidence = chain.retriever.search(case.question, k=k, query_vector=qvec or None, plan=plan)
    floor = chain.settings.retrieval.relevance_floor(plan.crosslingual)
    if not any(e.relevance >= floor for e in evidence):
        return []
    return extractive.rank(
        lib, case.question, evidence, qvec, plan=plan,
        reader=chain.reader, reader_top_n=chain.settings.reader.top_n,
    )  # fmt: skip


def fit_weights(
    chain: AnswerChain,
    cases: list[EvalCase],
    l2: float = 0.01,
    features: tuple[str, ...] = extractive.FEATURES,
) -> tuple[float, ...]:
    """A conditional logit: per question, the softmax over its candidates should put the
    gold sentence first. That is the answerer's real task (choose one of N), which a pointwise
    classifier over all sentences of all questions does not optimise. The intercept, which a
    softmax cannot see, is then set so that scores are calibrated probabilities (a pointwise
    logistic fit of the intercept alone)."""
    import numpy as np
    from scipy.optimize import minimize

    groups: list[tuple[np.ndarray, int]] = []
    for case in cases:
        cands = ranked(chain, case)
        cands = [c for c in cands if all(f in c.features for f in features)]  # the read ones
        labels = [same_sentence(c.text, case.gold_sentence) for c in cands]
        if not any(labels):
            continue  # retrieval missed it: nothing for the sentence scorer to learn
        x = np.array([[c.features[f] for f in features] for c in cands])
        groups.append((x, labels.index(True)))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = l2 * float(w @ w), 2 * l2 * w
        for x, gold in groups:
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            total -= float(np.log(p[gold] + 1e-12))
            grad -= x[gold] - p @ x
        return total / len(groups), grad / len(groups)

    w = minimize(loss, np.zeros(len(features)), jac=True, method="L-BFGS-B").x
    z = np.concatenate([x @ w for x, _ in groups])
    y = np.concatenate([np.eye(len(x))[gold] for x, gold in groups])

    def nll(b: np.ndarray) -> float:
        p = 1 / (1 + np.exp(-(z + b[0])))
        return float(-(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12)).sum())

    b = minimize(nll, np.zeros(1), method="Nelder-Mead").x[0]
    return (float(b), *(float(v) for v in w))


def fit_threshold(chain: AnswerChain, cases: list[EvalCase], max_false: float) -> dict[str, object]:
    pos: list[float] = []
    neg: list[float] = []
    blocked_pos = blocked_neg = 0
    no_floor = chain.settings.answer.model_copy(
        update={"min_sentence_score": 0.0, "crosslingual_min_sentence_score": 0.0}
    )
    for case in cases:
        cands = ranked(chain, case)
        plan = chain.retriever.last_plan
        if not cands or plan is None:
            (pos if case.answerable else neg).append(-1.0)
            continue
        decision = answerability.decide_for(case.question, cands[0], plan, no_floor, 0.0)
        if not decision.answer:
            blocked_pos += case.answerable
            blocked_neg += not case.answerable
            (pos if case.answerable else neg).append(-1.0)
            continue
        (pos if case.answerable else neg).append(cands[0].score)
    best = 0.0
    for t in sorted({float(f"{x:.2g}") for x in pos + neg if x >= 0}):
        if sum(x < t for x in pos) / len(pos) <= max_false:
            best = t
    return {
        "min_sentence_score": best,
        "false_refusal": sum(x < best for x in pos) / len(pos),
        "unanswerable_refused": sum(x < best for x in neg) / len(neg) if neg else None,
        "constraint_blocked": {"answerable": blocked_pos, "unanswerable": blocked_neg},
        "n": {"answerable": len(pos), "unanswerable": len(neg)},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", type=Path, required=True, nargs="+")
    ap.add_argument(
        "--crosslingual",
        action="store_true",
        help="fit WEIGHTS_XL and the crosslingual thresholds (sets of non-English questions)",
    )
    ap.add_argument(
        "--reader",
        action="store_true",
        help="fit WEIGHTS_READER and rag.reader.min_score for the reader (the shipped one, or "
        "--reader-model)",
    )
    ap.add_argument("--reader-model", default=None, help="a reader folder (see rag.reader)")
    ap.add_argument("--home", type=Path, required=True)
    ap.add_argument("--max-false", type=float, default=0.03)
    ap.add_argument("--only", choices=["weights", "threshold"], default=None)
    args = ap.parse_args(argv)
    lib = Library(args.home, IndexSettings())
    settings = RagSettings()
    settings.reader.enabled = args.reader
    settings.reader.model = args.reader_model
    chain = AnswerChain(lib, settings)
    cases = [c for path in args.set for c in load_set(path).cases]
    dev = [c for c in cases if c.split == "dev" and c.kind == "question"]
    out: dict[str, object] = {}
    if args.only != "threshold":
        answerable = [c for c in dev if c.answerable and c.gold_sentence and not c.history]
        features = READER_FEATURES if args.reader else extractive.FEATURES
        weights = fit_weights(chain, answerable, features=features)
        out["weights"] = dict(zip(("intercept", *features), weights, strict=True))
        if args.reader:
            extractive.WEIGHTS_READER = weights
        elif args.crosslingual:
            extractive.WEIGHTS_XL = weights
        else:
            extractive.WEIGHTS = weights
    if args.only != "weights":
        plain = [c for c in dev if not c.history]
        out["threshold"] = fit_threshold(chain, plain, args.max_false)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
