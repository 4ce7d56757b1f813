"""The reader on public answer-selection test sets it never trained or tuned on: WikiQA, TrecQA.

    python -m training.reader.fetch --from-git /work/.mirror   # the raw files (see its --help)
    python benchmarks/reader_yardstick.py [--reader FOLDER] [--out FILE]

Each set's test questions as published, in the "clean" setting the literature reports (questions
with at least one correct and one wrong candidate: WikiQA 237 of 633 questions, TrecQA 68 of
100), every candidate kept. MAP, MRR and P@1 for three scorers over the same candidates:
BM25 (idf over the set's candidate sentences, k1 1.2, b 0.75), the default embedder's cosine
(all-MiniLM-L6-v2 bi-encoder, what Ibid ranked sentences with before the reader), and the
shipped reader. Published figures for comparison are in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from training.reader.fetch import RAW, FileRef, load_manifest, resolve  # noqa: E402
from training.reader.sources import Group, read_wang_csv, read_wikiqa, words  # noqa: E402

SETS = {"wikiqa-test": "WikiQA test", "trecqa-test": "TrecQA test (Wang et al. 2007, clean)"}

Scorer = Callable[[Group], Sequence[float]]


def load_groups(name: str) -> list[Group]:
    ds = next(d for d in load_manifest()["datasets"] if d["name"] == name)
    refs = [
        FileRef(name, ds["role"], ds["repository"], ds.get("commit"), f["path"], f["sha256"])
        for f in ds["files"]
    ]
    paths = [resolve(r, RAW, ROOT) for r in refs]
    groups = list(
        read_wikiqa(paths, name) if name.startswith("wikiqa") else read_wang_csv(paths[0], name)
    )
    return [g for g in groups if 0 < g.positives < len(g.candidates)]


def rank_metrics(groups: list[Group], scores: list[Sequence[float]]) -> dict[str, float]:
    aps, rrs, p1 = [], [], []
    for g, s in zip(groups, scores, strict=True):
        order = np.argsort(-np.asarray(s, dtype=np.float64), kind="stable")
        labels = [g.candidates[i][1] for i in order]
        hits, precisions = 0, []
        for k, lab in enumerate(labels, start=1):
            if lab:
                hits += 1
                precisions.append(hits / k)
        aps.append(sum(precisions) / hits)
        rrs.append(1.0 / (labels.index(1) + 1))
        p1.append(float(labels[0]))
    return {
        "map": round(float(np.mean(aps)), 4),
        "mrr": round(float(np.mean(rrs)), 4),
        "p_at_1": round(float(np.mean(p1)), 4),
        "questions": len(groups),
    }


def bm25(groups: list[Group]) -> Scorer:
    docs = [words(t) for g in groups for t, _ in g.candidates]
    df = Counter(w for d in docs for w in d)
    n = len(docs)
    avg = sum(len(d) for d in docs) / n

    def score(g: Group) -> list[float]:
        q = words(g.question)
        out = []
        for text, _ in g.candidates:
            d = words(text)
            s = 0.0
            for w in q & d:
                idf = math.log(1 + (n - df[w] + 0.5) / (df[w] + 0.5))
                s += idf * 2.2 / (1 + 1.2 * (0.25 + 0.75 * len(d) / avg))
            out.append(s)
        return out

    return score


def embedder() -> Scorer:
    from index.embed import load_embedder
    from index.settings import IndexSettings

    emb = load_embedder(IndexSettings().embedding)

    def score(g: Group) -> list[float]:
        q = np.asarray(emb.embed_query(g.question))
        docs = np.asarray(emb.embed_documents([t for t, _ in g.candidates]))
        return list(docs @ q)

    return score


def reader(folder: Path | None) -> Scorer:
    from rag.reader import load_reader
    from rag.settings import ReaderSettings

    r = load_reader(ReaderSettings(model=str(folder) if folder else None))
    assert r is not None

    def score(g: Group) -> list[float]:
        return list(r.score(g.question, [(g.title, t) for t, _ in g.candidates]))

    return score


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--reader", type=Path, help="a reader folder (default: the shipped one)")
    ap.add_argument(
        "--out", type=Path, default=ROOT / "benchmarks" / "results" / "reader-yardstick.json"
    )
    ap.add_argument("--scorers", nargs="*", default=["bm25", "embedder", "reader"])
    args = ap.parse_args(argv)
    result: dict[str, object] = {
        "date": date.today().isoformat(),
        "machine": f"{platform.processor() or platform.machine()}, {platform.system()}",
        "reader": str(args.reader) if args.reader else "rag/reader/model (shipped)",
        "sets": {},
    }
    for name, label in SETS.items():
        groups = load_groups(name)
        per: dict[str, object] = {"label": label}
        for which in args.scorers:
            make = {
                "bm25": lambda groups=groups: bm25(groups),
                "embedder": embedder,
                "reader": lambda: reader(args.reader),
            }[which]
            scorer = make()
            t0 = time.perf_counter()
            scores = [scorer(g) for g in groups]
            per[which] = rank_metrics(groups, scores) | {
                "seconds": round(time.perf_counter() - t0, 1)
            }
            print(name, which, per[which], flush=True)
        result["sets"][name] = per  # type: ignore[index]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
