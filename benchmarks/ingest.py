"""Ingest speed on FreshWiki against the embedder's raw `encode` throughput, in one run.

A fresh home with the vector cache off, so every chunk is embedded for real. The raw figure is
`embed_documents` of the very embedder the ingest uses (backend and precision as given) over the
same chunk `embed_text`s, in one call; it runs before and after the ingest so load drift from
other processes hits both sides. The figure that matters is
ingest chunks/s ÷ raw encode chunks/s (target >= 0.8). Writes benchmarks/results/ingest.json.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from pathlib import Path

from langchain_core.embeddings import Embeddings

from benchmarks.common import (
    FRESHWIKI,
    WORK,
    load_average,
    peak_rss_mb,
    wait_for_quiet,
    write_result,
)
from index import sync
from index.chunking import chunk_article
from index.files import collect_files
from index.library import Library
from index.parse import parse_file
from index.settings import EmbeddingSettings, IndexSettings


def embed_texts(lib: Library, corpus: Path) -> tuple[int, list[str]]:
    """Articles and the chunk texts an ingest of `corpus` embeds (same parser, chunker, counter)."""
    files = collect_files([corpus], lib.settings.ingest.extensions).files
    articles = [a for f in files for a in parse_file(f)]
    texts = [
        c.embed_text
        for a in articles
        for c in chunk_article(a, lib.settings.chunking, lib.token_count)
    ]
    return len(articles), texts


def raw_encode(embedder: Embeddings, texts: list[str]) -> float:
    """Seconds for one `embed_documents` call over `texts` (no pipeline, no store)."""
    t0 = time.perf_counter()
    embedder.embed_documents(texts)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=FRESHWIKI / "txt")
    parser.add_argument("--home", type=Path, default=WORK / "ingest-home")
    parser.add_argument("--name", default="ingest", help="result file name")
    parser.add_argument(
        "--embed-batch",
        type=int,
        default=None,
        help="override index.sync.EMBED_BATCH; 1 = one embed call and one Chroma write per "
        "article (the behaviour before cross-article batching)",
    )
    parser.add_argument("--backend", choices=["auto", "onnx", "torch"], default="auto")
    parser.add_argument("--precision", choices=["fp32", "int8", "int8-ffn"], default="fp32")
    args = parser.parse_args()
    if args.embed_batch:
        sync.EMBED_BATCH = args.embed_batch

    load_start = wait_for_quiet()
    shutil.rmtree(args.home, ignore_errors=True)
    settings = IndexSettings(
        embedding=EmbeddingSettings(cache=False, backend=args.backend, precision=args.precision)
    )
    batch = settings.embedding.batch_size or 32
    lib = Library(args.home, settings)
    t0 = time.perf_counter()
    inner = lib.embeddings  # cache=False: the backend's own Embeddings, no CachedEmbeddings
    model_load_s = time.perf_counter() - t0
    n_articles, texts = embed_texts(lib, args.corpus)
    raw_encode(inner, texts[:batch])  # warm-up: first-call allocations on neither side

    raw_before = raw_encode(inner, texts)
    load_ingest = load_average()
    t0 = time.perf_counter()
    report = lib.ingest([args.corpus])
    ingest_s = time.perf_counter() - t0
    raw_after = raw_encode(inner, texts)
    load_end = load_average()

    assert report.embedded_chunks == len(texts), (report.embedded_chunks, len(texts))
    raw_s = statistics.fmean([raw_before, raw_after])
    raw_cps = len(texts) / raw_s
    ingest_cps = report.chunks / ingest_s
    timings = {k: round(v, 2) for k, v in report.timings_s.items()}
    other = ingest_s - sum(report.timings_s.values())
    result = {
        "corpus": str(args.corpus.relative_to(args.corpus.parents[2])),
        "articles": report.articles,
        "chunks": report.chunks,
        "embed_batch_size": batch,
        "ingest_embed_call_chunks": sync.EMBED_BATCH,
        "vector_cache": False,
        "backend": lib.backend,
        "precision": settings.embedding.precision,
        "model_load_s": round(model_load_s, 2),
        "ingest_s": round(ingest_s, 2),
        "timings_s": {**timings, "other (files, keyword index, reconcile)": round(other, 2)},
        "ingest_articles_per_s": round(n_articles / ingest_s, 2),
        "ingest_chunks_per_s": round(ingest_cps, 2),
        "embed_stage_chunks_per_s": round(report.chunks / report.timings_s["embed"], 2),
        "raw_encode_s": {"before": round(raw_before, 2), "after": round(raw_after, 2)},
        "raw_encode_chunks_per_s": round(raw_cps, 2),
        "ratio_ingest_to_raw": round(ingest_cps / raw_cps, 3),
        "target_ratio": 0.8,
        "target_reached": ingest_cps / raw_cps >= 0.8,
        "mean_tokens_per_chunk": round(statistics.fmean(lib.token_count(t) for t in texts), 1),
        "peak_rss_mb": peak_rss_mb(),
        "load_avg": {"start": load_start, "ingest_start": load_ingest, "end": load_end},
    }
    path = write_result(args.name, result)
    print(
        f"{report.articles} articles, {report.chunks} chunks in {ingest_s:.1f}s "
        f"({ingest_cps:.1f} chunks/s; raw encode {raw_cps:.1f}/s; "
        f"ratio {ingest_cps / raw_cps:.2f}) {timings} -> {path}"
    )


if __name__ == "__main__":
    main()
