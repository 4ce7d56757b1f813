"""The embedder's backends side by side, in one run: torch, ONNX fp32, int8 and int8-ffn.

For each backend:
- ingest throughput on FreshWiki (100 articles) with the vector cache off, best of `--rounds`,
  rounds interleaved so drifting load hits every backend alike;
- a cold `ibid ask` on the sample (median of 5 new processes) and a cold `ibid serve` until its
  API has answered a first question (median of 3);
- quality: the hard question set's test half (`eval/sets/questions.jsonl`) and a 400-case
  FreshWiki claim set (`ibid eval build-claims`, seed 0), each through `ibid eval run`.
Ratios are against torch, the backend before this one existed. Writes
benchmarks/results/backends.json.

    python -m benchmarks.backends [--rounds 2] [--parts ingest,cold,quality]

A part left out keeps its figures from the last results file (to re-time the cold starts on a
quiet machine without redoing the rest); the file records when each part was measured.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from benchmarks.common import (
    FRESHWIKI,
    ROOT,
    SAMPLE,
    VENV_BIN,
    WORK,
    load_average,
    wait_for_quiet,
    write_result,
)
from index.library import Library
from index.settings import CrossLingualSettings, EmbeddingSettings, IndexSettings

BACKENDS = [("torch", "fp32"), ("onnx", "fp32"), ("onnx", "int8"), ("onnx", "int8-ffn")]
OUT = WORK / "backends"
MODELS = OUT / "models"
QUESTIONS = ROOT / "eval" / "sets" / "questions.jsonl"
QUESTION = "What tariff did the United States set on Indian goods?"
METRICS = [
    "answer_correctness",
    "sentence_hit",
    "paragraph_cited",
    "source_accuracy",
    "nearmiss_refusal",
    "false_refusal",
    "claim_sentence@1",
    "claim_source@1",
    "recall@k",
    "mrr",
    "claim_article@1",
    "claim_source@5",
]


def _name(backend: str, precision: str) -> str:
    return f"{backend}-{precision}"


def _env(backend: str, precision: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "IBID_INDEX__EMBEDDING__BACKEND": backend,
        "IBID_INDEX__EMBEDDING__PRECISION": precision,
        "IBID_INDEX__EMBEDDING__MODEL_CACHE": str(MODELS),
        **extra,
    }


def _ibid(
    *args: str, env: dict[str, str], timeout: float = 3600
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(VENV_BIN / "ibid"), *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(f"ibid {' '.join(args)} failed: {done.stderr[-2000:]}")
    return done


def ingest_round(backend: str, precision: str, round_no: int) -> dict[str, float]:
    # A new home per round: embedded Chroma keeps one client per path for the whole process,
    # so a deleted and re-created home would be written through a stale client.
    home = OUT / f"ingest-{_name(backend, precision)}-{round_no}"
    shutil.rmtree(home, ignore_errors=True)
    # The multilingual leg is one more model, the same whatever runs the English one: left out,
    # so the ratio is the English embedder's (its cost is measured in README: Languages).
    settings = IndexSettings(
        embedding=EmbeddingSettings(
            backend=backend, precision=precision, cache=False, model_cache=MODELS
        ),
        crosslingual=CrossLingualSettings(enabled=False),
    )
    lib = Library(home, settings)
    t0 = time.perf_counter()
    _ = lib.embeddings
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = lib.ingest([FRESHWIKI / "txt"])
    seconds = time.perf_counter() - t0
    lib.manifest.close()
    return {
        "chunks": report.chunks,
        "model_load_s": round(load_s, 2),
        "ingest_s": round(seconds, 2),
        "embed_s": round(report.timings_s["embed"], 2),
        "chunks_per_s": round(report.chunks / seconds, 2),
    }


def cold_ask(home: Path, env: dict[str, str], runs: int = 5) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        done = _ibid("--home", str(home), "ask", QUESTION, env=env, timeout=300)
        times.append(time.perf_counter() - t0)
        if "18%" not in done.stdout:
            raise RuntimeError(f"cold ask gave no answer: {done.stdout[-500:]}")
    return times


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cold_serve(home: Path, env: dict[str, str], runs: int = 3) -> list[float]:
    """Seconds from `ibid serve` starting to its /ask API returning a first answer."""
    from gradio_client import Client  # imported before the clock starts

    times = []
    for _ in range(runs):
        port = _port()
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [str(VENV_BIN / "ibid"), "--home", str(home), "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while True:
                if proc.poll() is not None or time.perf_counter() - t0 > 300:
                    raise RuntimeError("ibid serve did not come up")
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                        break
                except OSError:
                    time.sleep(0.05)
            answer = Client(f"http://127.0.0.1:{port}", verbose=False).predict(
                QUESTION, api_name="/ask"
            )
            times.append(time.perf_counter() - t0)
            if answer["refused"]:
                raise RuntimeError("cold serve refused the question")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return times


def seed_vectors() -> None:
    """Start the quality legs from the test suite's vector cache when there is one: its vectors
    are each backend's own (keyed by backend and precision), so quality is unchanged and the
    legs skip re-embedding ~12k texts that `make test` already embedded."""
    seed = ROOT / ".cache" / "test-vectors" / "embeddings.sqlite"
    target = OUT / "vectors" / "embeddings.sqlite"
    if seed.is_file() and not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(seed, target)


def quality(backend: str, precision: str, claims: Path) -> dict[str, float | None]:
    env = _env(backend, precision, IBID_INDEX__EMBEDDING__CACHE_DIR=str(OUT / "vectors"))
    home = OUT / f"quality-{_name(backend, precision)}"
    out: dict[str, float | None] = {}
    for label, args in [
        ("questions_test", ["--set", str(QUESTIONS), "--split", "test"]),
        ("freshwiki_claims", ["--set", str(claims)]),
    ]:
        report = OUT / "reports" / f"{label}-{_name(backend, precision)}"
        done = _ibid(
            "--home", str(home), "eval", "run", *args, "--report", str(report), "--json", env=env
        )
        metrics = json.loads(done.stdout)["metrics"]
        out.update({f"{label}.{m}": metrics.get(m) for m in METRICS if metrics.get(m) is not None})
    return out


def _previous() -> dict[str, Any]:
    path = ROOT / "benchmarks" / "results" / "backends.json"
    return json.loads(path.read_text()) if path.is_file() else {}


def export_graphs() -> None:
    """Export the ONNX graphs first, so no measured step pays for an export."""
    for backend, precision in BACKENDS:
        settings = EmbeddingSettings(
            backend=backend, precision=precision, cache=False, model_cache=MODELS
        )
        if backend == "onnx":
            from index.embed import load_embedder

            load_embedder(settings)


def ingest_part(rounds: int) -> dict[str, list[dict[str, float]]]:
    """Ingest rounds, interleaved across the backends."""
    ingest: dict[str, list[dict[str, float]]] = {_name(*b): [] for b in BACKENDS}
    for round_no in range(rounds):
        for backend, precision in BACKENDS:
            ingest[_name(backend, precision)].append(ingest_round(backend, precision, round_no))
            print(_name(backend, precision), ingest[_name(backend, precision)][-1], flush=True)
    return ingest


def cold_part() -> dict[str, dict[str, Any]]:
    """Cold `ibid ask` and `ibid serve` of each backend on the sample."""
    cold: dict[str, dict[str, Any]] = {}
    for backend, precision in BACKENDS:
        env = _env(backend, precision)
        home = OUT / f"sample-{_name(backend, precision)}"
        shutil.rmtree(home, ignore_errors=True)
        _ibid("--home", str(home), "ingest", str(SAMPLE), env=env)
        asks, serves = cold_ask(home, env), cold_serve(home, env)
        cold[_name(backend, precision)] = {
            "ask_s": [round(t, 2) for t in asks],
            "ask_median_s": round(statistics.median(asks), 2),
            "serve_ready_s": [round(t, 2) for t in serves],
            "serve_ready_median_s": round(statistics.median(serves), 2),
        }
        print(_name(backend, precision), cold[_name(backend, precision)], flush=True)
    return cold


def quality_part() -> dict[str, dict[str, float | None]]:
    """The question set's test half and the FreshWiki claim set through each backend."""
    qual: dict[str, dict[str, float | None]] = {}
    claims = OUT / "freshwiki-claims.jsonl"
    if not claims.is_file():
        _ibid("eval", "build-claims", str(FRESHWIKI), "--out", str(claims), "--limit", "400",
              "--seed", "0", env=_env("torch", "fp32"))  # fmt: skip
    seed_vectors()
    for backend, precision in BACKENDS:
        qual[_name(backend, precision)] = quality(backend, precision, claims)
        print(_name(backend, precision), qual[_name(backend, precision)], flush=True)
    return qual


def summarize(
    ingest: dict[str, list[dict[str, float]]],
    cold: dict[str, dict[str, Any]],
    qual: dict[str, dict[str, float | None]],
) -> dict[str, dict[str, Any]]:
    """Each backend's best ingest, and its figures as ratios to torch's."""
    base = "torch-fp32"
    best = {k: max(r["chunks_per_s"] for r in v) for k, v in ingest.items()}

    def drop(name: str) -> float | None:
        if not qual:
            return None
        return round(
            max(abs((qual[name].get(m) or 0) - (qual[base].get(m) or 0)) for m in qual[base]), 4
        )

    return {
        name: {
            "ingest_chunks_per_s": best[name],
            "ingest_ratio_to_torch": round(best[name] / best[base], 2),
            "cold_ask_ratio_to_torch": round(
                cold[name]["ask_median_s"] / cold[base]["ask_median_s"], 2
            ),
            "serve_ready_ratio_to_torch": round(
                cold[name]["serve_ready_median_s"] / cold[base]["serve_ready_median_s"], 2
            ),
            "largest_quality_drop_vs_torch": drop(name),
        }
        for name in ingest
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--parts", default="ingest,cold,quality")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    previous = _previous()
    OUT.mkdir(parents=True, exist_ok=True)
    export_graphs()
    load_start = wait_for_quiet()
    ingest = ingest_part(args.rounds if "ingest" in parts else 0)
    cold = cold_part() if "cold" in parts else {}
    qual = quality_part() if "quality" in parts else {}

    stamp = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    measured = {p: stamp for p in parts} | {
        p: previous.get("measured", {}).get(p) for p in {"ingest", "cold", "quality"} - parts
    }
    ingest = ingest if "ingest" in parts else previous["ingest_rounds"]
    cold = cold if "cold" in parts else previous["cold"]
    qual = qual if "quality" in parts else previous["quality"]
    summary = summarize(ingest, cold, qual)
    result = {
        "backends": [_name(*b) for b in BACKENDS],
        "summary": summary,
        "targets": {
            "cold_ask_ratio": 0.3,
            "serve_ready_ratio": 0.5,
            "ingest_ratio": 2.0,
            "quality_within": 0.01,
        },
        "measured": measured,
        "ingest_rounds": ingest,
        "cold": cold,
        "quality": qual,
        "load_avg": {"start": load_start, "end": load_average()},
    }
    path = write_result("backends", result)
    print(json.dumps(summary, indent=1), "->", path)


if __name__ == "__main__":
    main()
