"""Generate the 1k / 10k / 100k-chunk archives and ingest each through the real Library path.

Articles come from benchmarks/articles.py (seeded; ~20 chunks each), 50 per folder, so the 1k
archive is folder 0, the 10k one folders 0-9 and the 100k one folders 0-99. Each archive is
ingested into a fresh home by a worker process (its peak RSS is the ingest's) through
`Library.ingest`: real parser, chunker, Chroma, manifest and BM25; only document vectors are
synthetic (benchmarks/synthetic.py). Writes benchmarks/results/archive.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.common import WORK, load_average, peak_rss_mb, write_result
from index.settings import CrossLingualSettings, IndexSettings

ENGLISH_ONLY = IndexSettings(crosslingual=CrossLingualSettings(enabled=False))
SIZES = {"1k": 50, "10k": 500, "100k": 5000}  # articles; ~20.1 chunks per article
PER_FOLDER = 50
SEED = 0


def articles_dir(seed: int = SEED) -> Path:
    return WORK / "gen" / f"seed-{seed}"


def home_for(size: str) -> Path:
    return WORK / f"archive-{size}"


def folders(n_articles: int, seed: int = SEED) -> list[Path]:
    return [articles_dir(seed) / f"part-{p:03d}" for p in range(-(-n_articles // PER_FOLDER))]


def write_articles(n_articles: int, seed: int = SEED) -> dict[str, Any]:
    from benchmarks.articles import article

    root = articles_dir(seed)
    shutil.rmtree(root, ignore_errors=True)
    t0 = time.perf_counter()
    size = 0
    for i in range(n_articles):
        folder = root / f"part-{i // PER_FOLDER:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        stem, text = article(seed, i)
        data = text.encode()
        (folder / f"{stem}.txt").write_bytes(data)
        size += len(data)
    seconds = time.perf_counter() - t0
    return {
        "articles": n_articles,
        "seed": seed,
        "mb": round(size / 1e6, 1),
        "generate_s": round(seconds, 1),
        "articles_per_s": round(n_articles / seconds, 1),
    }


def real_embedder() -> Any:
    from index.embed import load_embedder
    from index.settings import EmbeddingSettings

    return load_embedder(EmbeddingSettings(cache=False))


def ingest_worker(size: str, embed_batch: int | None = None) -> dict[str, Any]:
    """Run in a fresh process: ingest one archive with synthetic vectors, time every stage."""
    from benchmarks.synthetic import SyntheticEmbeddings, load_table
    from index import keyword as kw
    from index import sync
    from index.library import Library
    from index.settings import IndexSettings

    if embed_batch:
        sync.EMBED_BATCH = embed_batch
    table, _ = load_table(real_embedder, IndexSettings().embedding.model)  # cached by now
    home = home_for(size)
    shutil.rmtree(home, ignore_errors=True)
    # Through the vector cache, as a real ingest: the sentence vectors the extractive answerer
    # reads at question time land there (synthetic, like the chunk vectors).
    from index.embed import CachedEmbeddings

    model = IndexSettings().embedding.model
    cached = CachedEmbeddings(
        SyntheticEmbeddings(table), home / "cache" / "embeddings.sqlite", model
    )
    # English generated articles: the multilingual leg would embed every chunk again with the
    # real e5 model (an hour at 100k), and English questions never read it.
    lib = Library(home, ENGLISH_ONLY, embeddings=cached)
    bm25 = {"build_s": 0.0, "save_s": 0.0}
    build, save = kw.KeywordIndex.build, kw.KeywordIndex.save

    def timed_build(*a: Any, **k: Any) -> Any:
        t = time.perf_counter()
        out = build(*a, **k)
        bm25["build_s"] += time.perf_counter() - t
        return out

    def timed_save(self: Any, directory: Path) -> None:
        t = time.perf_counter()
        save(self, directory)
        bm25["save_s"] += time.perf_counter() - t

    kw.KeywordIndex.build = timed_build  # type: ignore[method-assign]
    kw.KeywordIndex.save = timed_save  # type: ignore[method-assign]
    load = load_average()
    t0 = time.perf_counter()
    report = lib.ingest(folders(SIZES[size]))
    seconds = time.perf_counter() - t0
    assert not report.failed, report.failed[:3]
    t = report.timings_s
    return {
        "articles": report.articles,
        "chunks": report.chunks,
        "sentences": report.embedded_sentences,
        "ingest_embed_call_chunks": sync.EMBED_BATCH,
        "ingest_s": round(seconds, 1),
        "timings_s": {k: round(v, 1) for k, v in t.items()}
        | {
            k: round(v, 1)
            for k, v in (("bm25_build", bm25["build_s"]), ("bm25_save", bm25["save_s"]))
        },
        "articles_per_s": round(report.articles / seconds, 1),
        "chunks_per_s": round(report.chunks / seconds, 1),
        "chroma_store_chunks_per_s": round(report.chunks / t["store"], 1),
        "warnings": len(report.warnings),
        "peak_rss_mb": peak_rss_mb(),
        "load_avg_start": load,
        "load_avg_end": load_average(),
        "disk_mb": round(sum(f.stat().st_size for f in home.rglob("*") if f.is_file()) / 1e6, 1),
    }


def validation() -> dict[str, Any]:
    """Synthetic vs real vectors on 200 chunks of the 1k archive, with 40 benchmark queries."""
    import random

    from benchmarks.articles import queries
    from benchmarks.synthetic import load_table, validate
    from index.library import Library
    from index.settings import IndexSettings

    real = real_embedder()
    table, _ = load_table(lambda: real, IndexSettings().embedding.model)
    chunks = list(Library(home_for("1k")).manifest.all_chunks())
    sample = random.Random(3).sample(chunks, min(200, len(chunks)))
    qs = [str(q["query"]) for q in queries(SEED, SIZES["1k"], 40)]
    return validate(real, table, [c.embed_text for c in sample], qs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1k,10k,100k")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--embed-batch", type=int, default=None, help="override EMBED_BATCH")
    parser.add_argument("--no-validate", action="store_true", help="skip synthetic-vs-real check")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(ingest_worker(args.worker, args.embed_batch)))
        return
    sizes = args.sizes.split(",")
    from benchmarks.synthetic import METHOD, load_table
    from index.settings import IndexSettings

    result: dict[str, Any] = {"vectors": METHOD, "load_avg_start": load_average()}
    result["generation"] = write_articles(max(SIZES[s] for s in sizes))
    print("generated", result["generation"], flush=True)
    t0 = time.perf_counter()
    _, info = load_table(real_embedder, IndexSettings().embedding.model)
    result["vocabulary"] = info | {"load_or_build_s": round(time.perf_counter() - t0, 1)}
    result["sizes"] = {}
    for size in sizes:
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.generate", "--worker", size]
            + (["--embed-batch", str(args.embed_batch)] if args.embed_batch else []),
            check=True,
            capture_output=True,
            text=True,
        )
        result["sizes"][size] = json.loads(out.stdout.strip().splitlines()[-1])
        print(size, result["sizes"][size], flush=True)
    if "1k" in sizes and not args.no_validate:
        result["validation"] = validation()
        print("validation", result["validation"], flush=True)
    result["load_avg_end"] = load_average()
    print(write_result("archive", result))


if __name__ == "__main__":
    main()
