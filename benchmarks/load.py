"""20 concurrent chat sessions against `ibid serve`, through gradio_client, on loopback only.

Starts `.venv/bin/ibid --home H serve --port P` on a free 127.0.0.1 port (H holds the sample
article and FreshWiki; vectors come from the benchmarks' cache when present), waits until it
answers, then runs N sessions in threads. Each session is its own `gradio_client.Client` and
asks 3 questions through the `/ask` endpoint: one, a follow-up that hands the first answer back
as `history`, and one more. Bounded: sessions x 3 requests, a per-request timeout and a global
deadline; the server is killed at the end whatever happens. Writes benchmarks/results/load.json.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

from benchmarks.common import (
    FRESHWIKI,
    SAMPLE,
    VENV_BIN,
    WORK,
    latency_stats,
    load_average,
    peak_rss_mb,
    write_result,
)

QUESTIONS = [
    ("What did Modi do in July 2025?", "And what about China?"),
    ("Why did Trump reduce tariffs on Indian goods?", "What did India agree to buy?"),
    ("Who won the 2022 AFL Grand Final?", "How many spectators attended?"),
    ("What caused the Crimean Bridge explosion?", "Who was blamed for it?"),
    ("Who won the 2022 Hungarian parliamentary election?", "What was the turnout?"),
    ("How many people died in the 2022 Pakistan floods?", "And what about the damage?"),
    ("What happened in the 2022 Istanbul bombing?", "Who was arrested?"),
    ("Where did the 2022 Luzon earthquake strike?", "How strong was it?"),
    ("What happened at the 2023 Monterey Park shooting?", "What was the motive?"),
    ("What damage did the 2023 Emilia-Romagna floods cause?", "How many were evacuated?"),
]
THIRD = [
    "Did India stop buying Russian oil?",
    "What is India's strategic autonomy?",
    "Who won the 2022 Welsh Open snooker?",
    "What did the Shanghai Cooperation Organization summit discuss?",
]


def prepare_home(home: Path) -> dict[str, Any]:
    """Sample + FreshWiki, seeding the vector cache from another benchmark home if it has one."""
    cache = home / "cache" / "embeddings.sqlite"
    seed = WORK / "freshwiki-home" / "cache" / "embeddings.sqlite"
    if not cache.exists() and seed.exists():
        cache.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(seed, cache)
    from index.library import Library

    report = Library(home).ingest([SAMPLE, FRESHWIKI / "txt"])
    return {"articles": report.articles, "chunks": report.chunks}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, proc: subprocess.Popen[bytes], timeout_s: float) -> float:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout_s:
        if proc.poll() is not None:
            raise RuntimeError(f"ibid serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/config", timeout=2) as r:
                if r.status == 200:
                    return time.perf_counter() - t0
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"ibid serve did not answer within {timeout_s:g}s")


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.followups_with_standalone = 0
        self.refused = 0

    def ask(self, client: Any, timeout_s: float, deadline: float, **kw: Any) -> Any:
        if time.monotonic() > deadline:
            with self.lock:
                self.errors.append("global deadline passed before the request was sent")
            return None
        t = time.perf_counter()
        try:
            result = client.submit(api_name="/ask", **kw).result(timeout=timeout_s)
        except Exception as exc:  # any failure is an error of the run, kept with its message
            with self.lock:
                self.errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")
            return None
        with self.lock:
            self.latencies.append((time.perf_counter() - t) * 1e3)
            self.refused += bool(result.get("refused"))
        return result


def session(url: str, i: int, rec: Recorder, timeout_s: float, deadline: float) -> None:
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
    except Exception as exc:
        with rec.lock:
            rec.errors += [f"client {i}: {type(exc).__name__}: {exc}"] * 3
        return
    r = random.Random(i)
    first, follow = QUESTIONS[i % len(QUESTIONS)]
    one = rec.ask(client, timeout_s, deadline, question=first)
    two = rec.ask(client, timeout_s, deadline, question=follow, history=[one] if one else [])
    if two and two.get("standalone_question"):
        with rec.lock:
            rec.followups_with_standalone += 1
    rec.ask(client, timeout_s, deadline, question=r.choice(THIRD))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=120.0, help="per request, seconds")
    parser.add_argument("--deadline", type=float, default=600.0, help="whole run, seconds")
    parser.add_argument("--home", type=Path, default=WORK / "serve-home")
    args = parser.parse_args()

    index = prepare_home(args.home)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = (WORK / "load-serve.log").open("wb")
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "IBID_HOME": str(args.home)}
    t_start = time.perf_counter()
    proc = subprocess.Popen(
        [str(VENV_BIN / "ibid"), "--home", str(args.home), "serve", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env=env,
    )  # fmt: skip
    result: dict[str, Any] = {"index": index, "sessions": args.sessions, "requests_per_session": 3}
    try:
        startup_s = wait_until_up(url, proc, 180)
        result["server_startup_s"] = round(time.perf_counter() - t_start, 1)
        result["server_up_wait_s"] = round(startup_s, 1)
        rec = Recorder()
        load = load_average()
        deadline = time.monotonic() + args.deadline
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.sessions) as pool:
            futures = [
                pool.submit(session, url, i, rec, args.timeout, deadline)
                for i in range(args.sessions)
            ]
            _done, pending = wait(futures, timeout=args.deadline + args.timeout)
            for f in pending:
                f.cancel()
                rec.errors.append("session still running at the global deadline")
        wall = time.perf_counter() - t0
        result |= {
            "requests_ok": len(rec.latencies),
            "errors": len(rec.errors),
            "error_samples": rec.errors[:10],
            "wall_s": round(wall, 1),
            "throughput_rps": round(len(rec.latencies) / wall, 2),
            "latency_ms": latency_stats(rec.latencies),
            "followups_carried_over": rec.followups_with_standalone,
            "refused_answers": rec.refused,
            "server_peak_rss_mb": peak_rss_mb(_server_pid(proc)),
            "load_avg": {"start": load, "end": load_average()},
            "target_zero_errors": len(rec.errors) == 0,
        }
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    print(result)
    print(write_result("load", result))


def _server_pid(proc: subprocess.Popen[bytes]) -> int:
    return proc.pid  # .venv/bin/ibid is a Python script: the process itself is the server


if __name__ == "__main__":
    main()
