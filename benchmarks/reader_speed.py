"""What the reader costs: scoring 20 sentences, and a cold `ibid ask` with the reader on and off.

    python -m benchmarks.reader_speed [--runs 5]

The sentences are the hand-written paraphrase cases (tests/fixtures/reader), each lengthened to
a typical analysis sentence (~40 words). The cold `ask` is `.venv/bin/ibid --home H ask Q` in
a new process, over the bundled sample ingested once into a temporary home, median of `--runs`.
Writes benchmarks/results/reader-speed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.common import VENV_BIN, wait_for_quiet, write_result

ROOT = Path(__file__).resolve().parents[1]
CASES = json.loads((ROOT / "tests" / "fixtures" / "reader" / "paraphrase_cases.json").read_text())
QUESTION = "By how much did Trump reduce tariffs on Indian goods?"


def score_latency(rounds: int = 30) -> dict[str, float]:
    from rag.reader import load_reader
    from rag.settings import ReaderSettings

    reader = load_reader(ReaderSettings())
    assert reader is not None
    tail = " The report adds context on prices, volumes and the politics of the decision."
    passages = [
        (c["title"], s + tail) for c in CASES["cases"] for s in [c["answer"], *c["distractors"]]
    ][:20]
    t0 = time.perf_counter()
    reader.score("Who paid?", [("t", "The bank paid.")])
    first = time.perf_counter() - t0
    times = []
    for i in range(rounds):
        t0 = time.perf_counter()
        reader.score(CASES["cases"][i % len(CASES["cases"])]["question"], passages)
        times.append(time.perf_counter() - t0)
    return {
        "load_and_first_ms": round(first * 1e3, 1),
        "p50_ms": round(float(np.percentile(times, 50)) * 1e3, 1),
        "p95_ms": round(float(np.percentile(times, 95)) * 1e3, 1),
        "sentences": len(passages),
    }


def cold_ask(home: Path, enabled: bool, runs: int) -> list[float]:
    env = {**os.environ, "IBID_RAG__READER__ENABLED": "true" if enabled else "false"}
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run(
            [str(VENV_BIN / "ibid"), "--home", str(home), "ask", QUESTION],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        out.append(round(time.perf_counter() - t0, 3))
        if "18%" not in done.stdout:
            raise RuntimeError(f"cold ask did not answer: {done.stdout[-400:]}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    wait_for_quiet()
    result: dict[str, object] = {"score_20_sentences": score_latency()}
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        subprocess.run(
            [str(VENV_BIN / "ibid"), "--home", str(home), "ingest", "--sample"],
            capture_output=True,
            check=True,
        )
        cold_ask(home, True, 1)  # the first run exports nothing, but warms the OS file cache
        for name, enabled in (("reader_off", False), ("reader_on", True)):
            runs = cold_ask(home, enabled, args.runs)
            result[f"cold_ask_{name}"] = {"runs_s": runs, "median_s": statistics.median(runs)}
    print(json.dumps(result, indent=2))
    write_result("reader-speed", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
