"""The multilingual leg's models compared on the Turkish and Russian question sets.

For each model (`index.crosslingual.model`): ingest the sets' corpus into its own home (vectors
cached in benchmarks/work/xl-vectors), then, on each split, how often the extractive answerer's
sentence scorer ranks the answering sentence first and among the first three (answerable
questions; a question whose retrieval finds nothing to rank counts as a miss), and the split's
eval metrics. The weights and floors in force are the committed ones, fitted on the dev halves
(python -m eval.fit --crosslingual). Writes benchmarks/results/xl-models.json.

    python -m benchmarks.xl_models [--models e5-small use-m3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from benchmarks.common import WORK, write_result
from eval.evalset import load_set
from eval.fit import ranked
from eval.metrics import same_sentence
from eval.runner import run_set

ROOT = Path(__file__).resolve().parents[1]
SETS = {lang: ROOT / "eval" / "sets" / f"questions-{lang}.jsonl" for lang in ("tr", "ru")}


def rank_hits(chain: Any, cases: list[Any]) -> dict[str, float]:
    first = top3 = 0
    for case in cases:
        labels = [same_sentence(c.text, case.gold_sentence) for c in ranked(chain, case)]
        first += bool(labels[:1] and labels[0])
        top3 += any(labels[:3])
    n = len(cases) or 1
    return {"p@1": round(first / n, 4), "p@3": round(top3 / n, 4), "n": len(cases)}


def measure(model: str) -> dict[str, Any]:
    from index.library import Library
    from index.settings import IndexSettings
    from rag.chain import AnswerChain
    from rag.settings import RagSettings

    # Vectors cached across runs: the English model's are the same for every choice.
    settings = IndexSettings.model_validate(
        {"crosslingual": {"model": model}, "embedding": {"cache_dir": str(WORK / "xl-vectors")}}
    )
    home = WORK / f"xl-home-{model}"
    out: dict[str, Any] = {}
    for lang, path in SETS.items():
        evalset = load_set(path)
        t0 = time.perf_counter()
        lib = Library(home, settings)
        report = lib.ingest(list(evalset.corpus))
        res: dict[str, Any] = {
            "ingest_s": round(time.perf_counter() - t0, 1),
            "crosslingual_embed_s": round(report.timings_s.get("crosslingual", 0.0), 1),
            "chunks": lib.counts().chunks,
        }
        chain = AnswerChain(lib, RagSettings())
        for split in ("dev", "test"):
            cases = [c for c in evalset.cases if c.split == split and c.kind == "question"]
            answerable = [c for c in cases if c.answerable and c.gold_sentence and not c.history]
            res[split] = {"rank": rank_hits(chain, answerable)}
            res[split]["metrics"] = run_set(evalset.only_split(split), chain).metrics
        out[lang] = res
        lib.manifest.close()
    return out


def cold_ingest(model: str) -> dict[str, Any]:
    """The sets' corpus into a new home with no cached vectors: what the choice costs."""
    import tempfile

    from index.library import Library
    from index.settings import IndexSettings

    with tempfile.TemporaryDirectory() as tmp:
        settings = IndexSettings.model_validate({"crosslingual": {"model": model}})
        lib = Library(Path(tmp), settings)
        t0 = time.perf_counter()
        report = lib.ingest(list(load_set(SETS["tr"]).corpus))
        total = time.perf_counter() - t0
        xl_s = report.timings_s.get("crosslingual", 0.0)
        out = {
            "chunks": report.chunks,
            "sentences": report.embedded_sentences,
            "ingest_s": round(total, 1),
            "english_embed_s": round(report.timings_s["embed"], 1),
            "crosslingual_embed_s": round(xl_s, 1),
            "crosslingual_chunks_per_s": round(report.chunks / xl_s, 1) if xl_s else None,
        }
        lib.manifest.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", nargs="+", default=["e5-small", "use-m3"])
    ap.add_argument("--cold", action="store_true", help="also time a cold ingest per model")
    args = ap.parse_args()
    results = {m: measure(m) for m in args.models}
    if args.cold:
        for m in args.models:
            results[m]["cold_ingest"] = cold_ingest(m)
    print(results)
    write_result("xl-models", {"models": results})


if __name__ == "__main__":
    main()
