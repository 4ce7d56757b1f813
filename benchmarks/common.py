"""Shared benchmark plumbing: paths, machine info, load, memory, latency stats, result files."""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import time
from pathlib import Path
from typing import Any

from eval.bundled import FRESHWIKI_DIR, SAMPLE_DIR

ROOT = Path(__file__).resolve().parents[1]
FRESHWIKI = FRESHWIKI_DIR
SAMPLE = SAMPLE_DIR
WORK = ROOT / "benchmarks" / "work"
RESULTS = ROOT / "benchmarks" / "results"
VENV_BIN = ROOT / ".venv" / "bin"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def load_average() -> list[float]:
    """1, 5 and 15-minute load averages: other processes share these 2 cores."""
    return [round(x, 2) for x in os.getloadavg()]


def wait_for_quiet(limit: float = 1.0, tries: int = 3, pause_s: float = 20.0) -> list[float]:
    """Wait (bounded) until the 1-minute load is below `limit`; return the load either way."""
    load = load_average()
    for _ in range(tries):
        if load[0] < limit:
            break
        print(f"load {load} >= {limit}: waiting {pause_s:g}s", flush=True)
        time.sleep(pause_s)
        load = load_average()
    return load


def peak_rss_mb(pid: int | None = None) -> float:
    """Peak resident set (VmHWM) of this process or of `pid`, in MiB."""
    path = Path(f"/proc/{pid or 'self'}/status")
    try:
        for line in path.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def machine() -> dict[str, Any]:
    import torch

    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "load_avg_at_write": load_average(),
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def write_result(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), **data}, indent=2, ensure_ascii=False))
    return path


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    i = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[i]


def latency_stats(values_ms: list[float]) -> dict[str, float]:
    """n, p50, p95, max and mean of latencies in milliseconds, rounded for result files."""
    if not values_ms:
        return {"n": 0}
    return {
        "n": len(values_ms),
        "p50": round(percentile(values_ms, 50), 1),
        "p95": round(percentile(values_ms, 95), 1),
        "max": round(max(values_ms), 1),
        "mean": round(statistics.fmean(values_ms), 1),
    }
