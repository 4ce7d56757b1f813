"""Claim lookup over FreshWiki: does `cite` find a claim's article and one of its gold sources?

A claim is a FreshWiki sentence (markers removed); gold = the reference URLs the JSON gives that
sentence. Writes benchmarks/results/freshwiki-cite.json.
"""

from __future__ import annotations

import argparse
import time

from benchmarks.common import FRESHWIKI, WORK, percentile, write_result
from eval.claims import build_claims, normalize_url
from index.library import Library
from rag.chain import AnswerChain
from rag.lookup import cite


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=300, help="claims to sample")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    lib = Library(WORK / "freshwiki-home")
    t0 = time.perf_counter()
    report = lib.ingest([FRESHWIKI / "txt"])
    ingest_s = time.perf_counter() - t0
    chain = AnswerChain(lib)
    cases = build_claims(FRESHWIKI, limit=args.n, seed=args.seed)
    hits = {"article@1": 0, "source@1": 0, "article@5": 0, "source@5": 0, "both@1": 0}
    latencies: list[float] = []
    misses: list[dict[str, object]] = []
    for case in cases:
        t = time.perf_counter()
        passages = cite(lib, chain.retriever, chain.checker, case.claim, k=5)
        latencies.append((time.perf_counter() - t) * 1e3)
        gold = {normalize_url(u) for u in case.gold_urls}

        def has_source(p: object, gold: set[str] = gold) -> bool:
            return any(f.url and normalize_url(f.url) in gold for f in p.footnotes)  # type: ignore[attr-defined]

        top = passages[:1]
        a1 = any(p.article_id == case.article_id for p in top)
        s1 = any(has_source(p) for p in top)
        hits["article@1"] += a1
        hits["source@1"] += s1
        hits["both@1"] += a1 and s1
        hits["article@5"] += any(p.article_id == case.article_id for p in passages)
        hits["source@5"] += any(has_source(p) for p in passages)
        if not s1 and len(misses) < 20:
            misses.append(
                {
                    "claim": case.claim,
                    "article": case.article_id,
                    "got": passages[0].quote if passages else None,
                }
            )
    n = len(cases)
    rates = {k: round(v / n, 4) for k, v in hits.items()}
    path = write_result(
        "freshwiki-cite",
        {
            "claims": n,
            "seed": args.seed,
            "rates": rates,
            "latency_ms": {
                "p50": round(percentile(latencies, 50), 1),
                "p95": round(percentile(latencies, 95), 1),
            },
            "index": {
                "articles": report.articles,
                "chunks": report.chunks,
                "ingest_s": round(ingest_s, 1),
            },
            "misses_sample": misses,
        },
    )
    print(f"{n} claims: {rates}  -> {path}")


if __name__ == "__main__":
    main()
