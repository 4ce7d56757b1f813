"""Query latency at 1k, 10k and 100k chunks: retrieval, extractive `ask`, `cite`, cold start, RSS.

Needs the archives benchmarks/generate.py builds. Each size runs in its own worker process (so
its peak RSS is the query process's own): one Library + AnswerChain, a few warm-up queries
excluded, then N queries (half keyword style, half questions, drawn from the generated
articles; see benchmarks/articles.py), each timed through Retriever.search, AnswerChain.invoke
(extractive) and rag.lookup.cite. Query vectors come from the REAL embedder. Cold start is the
wall time of `.venv/bin/ibid --home H ask "..."` in a new process, median of 3.
Writes benchmarks/results/query.json.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import subprocess
import sys
import time
from typing import Any

from benchmarks.common import (
    VENV_BIN,
    latency_stats,
    load_average,
    peak_rss_mb,
    wait_for_quiet,
    write_result,
)
from benchmarks.generate import ENGLISH_ONLY, SEED, SIZES, home_for

TARGETS = {"retrieval_p95_ms": 50, "ask_p95_ms": 300, "cold_ask_s": 4.0, "peak_rss_mb": 2048}


def _ids(size: str, qs: list[dict[str, Any]]) -> dict[int, str]:
    from benchmarks.articles import article
    from index.parse.common import slugify

    return {int(q["article"]): slugify(article(SEED, int(q["article"]))[0]) for q in qs}


def _timed(fn: Any) -> tuple[Any, float]:
    t = time.perf_counter()
    out = fn()
    return out, (time.perf_counter() - t) * 1e3


def worker(size: str, n: int, warmup: int, profile: bool) -> dict[str, Any]:
    from benchmarks.articles import queries
    from index.library import Library
    from rag.chain import AnswerChain
    from rag.lookup import cite

    startup: dict[str, float] = {}
    t0 = time.perf_counter()
    lib = Library(home_for(size), ENGLISH_ONLY)
    chain = AnswerChain(lib)
    _, startup["embedder_ms"] = _timed(lambda: lib.embeddings)
    _, startup["chroma_open_ms"] = _timed(lambda: lib.vectors)
    _, startup["bm25_load_ms"] = _timed(lib.keyword)
    _, startup["checker_ms"] = _timed(lambda: chain.checker)
    startup["total_ms"] = (time.perf_counter() - t0) * 1e3
    # Each operation gets its own queries, never seen before by the process: ask and cite do
    # not profit from caches warmed by the retrieval of the same question.
    qs = queries(SEED, SIZES[size], warmup + 3 * n)
    gold = _ids(size, qs)
    first_ms = 0.0
    for i, q in enumerate(qs[:warmup]):
        _, ms = _timed(lambda q=q: chain.retriever.search(str(q["query"])))
        first_ms = ms if i == 0 else first_ms
        chain.invoke(str(q["query"]))
        cite(lib, chain.retriever, chain.checker, str(q["query"]), k=5)
    ops: dict[str, Any] = {
        "retrieval": lambda text: chain.retriever.search(text),
        "ask": lambda text: chain.invoke(text),
        "cite": lambda text: cite(lib, chain.retriever, chain.checker, text, k=5),
    }
    lat: dict[str, list[float]] = {op: [] for op in ops}
    parts: dict[str, list[float]] = {}
    hits = {"article@1": 0, "article@5": 0, "dense_only_article@10": 0}
    refused = 0
    prof = cProfile.Profile() if profile else None
    for j, q in enumerate(qs[warmup:]):
        op = list(ops)[j % 3]
        text, want = str(q["query"]), gold[int(q["article"])]
        if prof:
            prof.enable()
        got, ms = _timed(lambda text=text, op=op: ops[op](text))
        if prof:
            prof.disable()
        lat[op].append(ms)
        if op == "retrieval":
            for k, v in chain.retriever.timings_ms.items():
                parts.setdefault(f"retrieval.{k}", []).append(v)
            hits["article@1"] += bool(got) and got[0].chunk.article_id == want
            hits["article@5"] += any(e.chunk.article_id == want for e in got[:5])
            qvec = lib.embeddings.embed_query(text)
            dense = lib.chunks([cid for cid, _ in lib.vectors.search(qvec, 10)])
            hits["dense_only_article@10"] += any(c.article_id == want for c in dense.values())
        elif op == "ask":
            refused += got.refused
            for k, v in got.timings_ms.items():
                if k in ("retrieve", "total"):
                    parts.setdefault(f"ask.{k}", []).append(v)
    out: dict[str, Any] = {
        "chunks": lib.manifest.counts()[1],
        "articles": lib.manifest.counts()[0],
        "queries_per_operation": n,
        "warmup_excluded": warmup,
        "startup_ms": {k: round(v, 1) for k, v in startup.items()},
        "first_query_retrieval_ms": round(first_ms, 1),
        "latency_ms": {k: latency_stats(v) for k, v in lat.items()},
        "breakdown_mean_ms": {k: round(statistics.fmean(v), 2) for k, v in parts.items()},
        "answers_refused": refused,
        "sanity_hit_rates": {k: round(v / n, 3) for k, v in hits.items()},
        "peak_rss_mb": peak_rss_mb(),
        "load_avg": load_average(),
    }
    if prof:
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(35)
        out["profile"] = buf.getvalue().splitlines()
    return out


def cold_ask(size: str, runs: int) -> dict[str, Any]:
    """Wall time of a fresh `ibid ask` process (import, load, answer, print)."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(
            [str(VENV_BIN / "ibid"), "--home", str(home_for(size)), "ask",
             "What did the foreign minister say about oil imports?"],
            check=True, capture_output=True,
        )  # fmt: skip
        times.append(time.perf_counter() - t)
    return {"runs_s": [round(t, 2) for t in times], "median_s": round(statistics.median(times), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1k,10k,100k")
    parser.add_argument("--n", type=int, default=60, help="timed queries per operation and size")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="cProfile the timed queries")
    parser.add_argument("--name", default="query", help="result file name")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.n, args.warmup, args.profile)))
        return
    result: dict[str, Any] = {"targets": TARGETS, "sizes": {}}
    for size in args.sizes.split(","):
        load = wait_for_quiet()
        cmd = [sys.executable, "-m", "benchmarks.query", "--worker", size, "--n", str(args.n),
               "--warmup", str(args.warmup)] + (["--profile"] if args.profile else [])  # fmt: skip
        out = subprocess.run(cmd, check=True, capture_output=True, text=True)
        entry = json.loads(out.stdout.strip().splitlines()[-1])
        entry["load_avg_before"] = load
        entry["cold_ask"] = cold_ask(size, args.cold_runs) | {"load_avg_after": load_average()}
        result["sizes"][size] = entry
        lat = entry["latency_ms"]
        print(
            f"{size}: {entry['chunks']} chunks  retrieval p50/p95 {lat['retrieval']['p50']}/"
            f"{lat['retrieval']['p95']} ms  ask {lat['ask']['p50']}/{lat['ask']['p95']} ms  "
            f"cite {lat['cite']['p50']}/{lat['cite']['p95']} ms  cold ask "
            f"{entry['cold_ask']['median_s']} s  rss {entry['peak_rss_mb']} MB  load {load}",
            flush=True,
        )
    if "100k" in result["sizes"]:
        big = result["sizes"]["100k"]
        lat = big["latency_ms"]
        result["targets_reached"] = {
            "retrieval_p95_ms": lat["retrieval"]["p95"] <= TARGETS["retrieval_p95_ms"],
            "ask_p95_ms": lat["ask"]["p95"] <= TARGETS["ask_p95_ms"],
            "cold_ask_s": big["cold_ask"]["median_s"] <= TARGETS["cold_ask_s"],
            "peak_rss_mb": big["peak_rss_mb"] <= TARGETS["peak_rss_mb"],
        }
    print(write_result(args.name, result))


if __name__ == "__main__":
    main()
