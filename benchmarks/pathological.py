"""Parse + chunk time per MB of pathological files, next to ordinary articles.

Shapes that made earlier versions super-linear or stall: deep nesting, one enormous line,
text with no sentence punctuation, millions of markers, a huge table, a 20 MB file, a huge
notes list, a word longer than any token. Each is timed through the same parser and chunker
as `ibid ingest` (embedding is linear in the chunks and measured by benchmarks/ingest.py).
The target: none above 5x an ordinary article's seconds per MB.

    python -m benchmarks.pathological            # writes benchmarks/results/pathological.json
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import ROOT, SAMPLE, wait_for_quiet, write_result
from index.chunking import chunk_article, token_counter
from index.embed import model_path
from index.parse import parse_file
from index.settings import IndexSettings

WORDS = "trade energy market state water border region policy tariff quota levy port".split()


def _words(n: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    return " ".join(rnd.choice(WORDS) for _ in range(n))


def _sentences(n: int) -> str:
    rnd = random.Random(2)
    return " ".join(
        f"The {rnd.choice(WORDS)} rose by {rnd.randint(1, 99)} percent." for _ in range(n)
    )


SHAPES: dict[str, tuple[str, Callable[[], str]]] = {
    "deep-nesting.html": (
        "45,000 nested <div>s around one paragraph (550 KB)",
        lambda: (
            "<html><head><title>Deep</title></head><body>"
            + "<div>" * 45_000
            + "<p>The treaty was signed in Vienna by eleven states in 1998.</p>"
            + "</div>" * 45_000
            + "</body></html>"
        ),
    ),
    "deep-lists.html": (
        "20,000 nested <ul><li> with notes-like classes",
        lambda: (
            "<html><head><title>Lists</title></head><body><p>Intro text about policy.</p>"
            + '<ul class="footnotes"><li id="fn1">' * 20_000
            + "deep note"
            + "</li></ul>" * 20_000
            + "</body></html>"
        ),
    ),
    "one-line.txt": ("1 MB of sentences on one line", lambda: "One Line\n\n" + _sentences(30_000)),
    "no-punctuation.txt": ("1 MB of words, no sentence end", lambda: "Words\n\n" + _words(150_000)),
    "markers.txt": (
        "1,000,000 markers after one sentence, 900 notes",
        lambda: (
            "Markers\n\nThe claim is sourced."
            + "".join(f"[{i % 900 + 1}]" for i in range(1_000_000))
            + "\n\nNotes\n\n"
            + "\n".join(f"[{i}] Source {i}, https://s.example/{i}" for i in range(1, 901))
        ),
    ),
    "huge-table.html": (
        "a 60,000-row table under one paragraph",
        lambda: (
            "<html><head><title>Table</title></head><body><p>Tariffs by product.</p><table>"
            + "".join(f"<tr><td>item {i}</td><td>{i % 97}%</td></tr>" for i in range(60_000))
            + "</table></body></html>"
        ),
    ),
    "notes-list.md": (
        "20,000 notes, each cited once",
        lambda: (
            "# Notes Galore\n\n"
            + " ".join(f"Claim {i} holds.[^{i}]" for i in range(1, 20_001))
            + "\n\n"
            + "\n".join(f"[^{i}]: Report {i}, https://r.example/{i}" for i in range(1, 20_001))
        ),
    ),
    "long-word.txt": ("one 1 MB word", lambda: "Word\n\nThe code " + "x" * 1_000_000 + " ends."),
    "big-20mb.txt": (
        "12 MB of ordinary paragraphs",
        lambda: "Big File\n\n" + "\n\n".join(_sentences(12) for _ in range(33_000)),
    ),
}


def _time(path: Path, settings: IndexSettings, count: Callable[[str], int]) -> dict[str, float]:
    t0 = time.perf_counter()
    articles = parse_file(path, max_bytes=25_000_000)
    t1 = time.perf_counter()
    chunks = sum(len(chunk_article(a, settings.chunking, count)) for a in articles)
    t2 = time.perf_counter()
    mb = path.stat().st_size / 1e6
    return {
        "mb": round(mb, 3),
        "parse_s": round(t1 - t0, 3),
        "chunk_s": round(t2 - t1, 3),
        "chunks": chunks,
        "s_per_mb": round((t2 - t0) / mb, 3),
    }


def main() -> None:
    wait_for_quiet()
    settings = IndexSettings()
    count = token_counter(str(model_path(settings.embedding.model)))
    ordinary_files = [
        *sorted(SAMPLE.glob("*.txt")),
        *sorted((ROOT / "tests" / "fixtures" / "formats").glob("*.*")),
    ]
    _time(ordinary_files[0], settings, count)  # warm imports and the tokenizer
    ordinary = {p.name: _time(p, settings, count) for p in ordinary_files}
    base = sum(r["parse_s"] + r["chunk_s"] for r in ordinary.values()) / sum(
        r["mb"] for r in ordinary.values()
    )
    shapes: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (what, make) in SHAPES.items():
            path = Path(tmp) / name
            path.write_text(make(), encoding="utf-8")
            row: dict[str, object] = {"what": what, **_time(path, settings, count)}
            row["x_ordinary"] = round(float(row["s_per_mb"]) / base, 2)  # type: ignore[arg-type]
            shapes[name] = row
            print(f"{name:22} {row['mb']:>7} MB {row['s_per_mb']:>8} s/MB  {row['x_ordinary']}x")
            path.unlink()
    worst = max(float(r["x_ordinary"]) for r in shapes.values())  # type: ignore[arg-type]
    write_result(
        "pathological",
        {
            "ordinary_s_per_mb": round(base, 3),
            "ordinary": ordinary,
            "shapes": shapes,
            "worst_x_ordinary": worst,
            "target_x_ordinary": 5.0,
        },
    )
    print(f"ordinary {base:.3f} s/MB; worst shape {worst}x (target <= 5x)")


if __name__ == "__main__":
    main()
