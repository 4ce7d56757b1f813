"""One evaluation, start to end: ingest the set's corpus, run it, compare with a baseline, gate.

The CLI (`ibid eval run`) and the web UI's eval tab both call `evaluate`; they differ only in
how they show the result. Sets and baselines are found through `EvalSettings`, which default to
the folders shipped inside this package (eval.settings), never the current directory.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from eval.evalset import EvalSet, load_set
from eval.runner import RunReport, gate, run_set
from index.errors import ConfigError

if TYPE_CHECKING:
    from rag.chain import AnswerChain


def load_baseline(path: Path) -> dict[str, float | None]:
    """The metrics of a baseline file, or a ConfigError that says how to make one."""
    if not path.is_file():
        raise ConfigError(f"baseline {path} does not exist; create it with --save-baseline")
    try:
        metrics = json.loads(path.read_text(encoding="utf-8"))["metrics"]
    except (ValueError, KeyError, TypeError):
        metrics = None
    if not isinstance(metrics, dict):
        raise ConfigError(
            f"baseline {path} is not a baseline file (JSON with 'metrics'); "
            "make one with --save-baseline"
        )
    return metrics


def save_baseline(report: RunReport, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "set": report.set,
        "created": report.created,
        "mode": report.mode,
        "k": report.k,
        "metrics": report.metrics,
    }
    path.write_text(json.dumps(data, indent=2) + "\n")


def evaluate(
    chain: AnswerChain,
    evalset: EvalSet | Path,
    *,
    ingest: Sequence[Path] = (),
    ingest_corpus: bool = True,
    baseline: Path | None = None,
    tolerances: dict[str, float] | None = None,
    mode: str | None = None,
    progress: bool = False,
) -> RunReport:
    """Ingest the set's corpus (when `ingest_corpus`) and `ingest`, run every case, and gate
    against `baseline` with the set's tolerances overridden by `tolerances`."""
    if isinstance(evalset, Path):
        evalset = load_set(evalset)
    to_ingest = [*(evalset.corpus if ingest_corpus else []), *ingest]
    if to_ingest:
        ingested = chain.library.ingest(to_ingest)
        if ingested.failed:
            raise ConfigError(f"eval corpus failed to ingest: {ingested.failed}")
    report = run_set(evalset, chain, mode=mode, progress=progress)
    if baseline is not None:
        metrics = load_baseline(baseline)
        report.gate = gate(report.metrics, metrics, {**evalset.tolerances, **(tolerances or {})})
        report.baseline = str(baseline)
    return report
