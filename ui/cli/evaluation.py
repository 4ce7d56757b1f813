"""`ibid eval …`: regression runs, claim-set building, and checker validation."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ui.cli.util import _common, _emit


def _parse_tolerances(values: tuple[str, ...]) -> dict[str, float]:
    out = {}
    for item in values:
        name, _, value = item.partition("=")
        try:
            out[name.strip()] = float(value)
        except ValueError:
            raise click.BadParameter(
                f"--tolerance must look like metric=0.02, got {item!r}"
            ) from None
    return out


@click.group(name="eval")
def eval_group() -> None:
    """Evaluate faithfulness and citations; gate regressions against a baseline."""


@eval_group.command(name="run")
@click.option(
    "--set",
    "set_path",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Eval-set JSONL file.",
)
@click.option(
    "--report",
    "report_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder for report.json, report.md and report.html.",
)
@click.option("--mode", type=click.Choice(["extractive", "llm"]), default=None)
@click.option("--k", type=int, default=None, help="Evidence chunks (retrieval.k).")
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Compare with this baseline and fail (exit 1) on a regression.",
)
@click.option(
    "--save-baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write this run's metrics as a baseline file.",
)
@click.option("--tolerance", multiple=True, help="metric=drop allowed (repeatable).")
@click.option(
    "--ingest",
    "ingest_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Ingest these files/folders first (idempotent).",
)
@click.option(
    "--split",
    type=click.Choice(["dev", "test"]),
    default=None,
    help="Run only the cases of this half (tune on dev, report test).",
)
@click.option("--json", "as_json", is_flag=True)
@_common
def run_cmd(
    app: Any,
    set_path: Path,
    report_dir: Path,
    mode: str | None,
    k: int | None,
    baseline: Path | None,
    save_baseline: Path | None,
    tolerance: tuple[str, ...],
    ingest_paths: tuple[Path, ...],
    split: str | None,
    as_json: bool,
) -> None:
    """Run an eval set and write reports; exit 1 when a gated metric regressed."""
    from eval.evalset import load_set
    from eval.orchestrate import evaluate
    from eval.orchestrate import save_baseline as write_baseline
    from eval.report import write_reports
    from rag.chain import AnswerChain

    evalset = load_set(set_path)
    if split is not None:
        evalset = evalset.only_split(split)
    settings = app.settings()
    if k is not None:
        settings.rag.retrieval.k = k
        settings.rag.retrieval.candidates = max(settings.rag.retrieval.candidates, k)
    report = evaluate(
        AnswerChain(app.library(), settings.rag),
        evalset,
        ingest=ingest_paths,
        baseline=baseline,
        tolerances=_parse_tolerances(tolerance),
        mode=mode,
        progress=not as_json,
    )
    paths = write_reports(report, report_dir)
    if save_baseline is not None:
        write_baseline(report, save_baseline)
    failed = [g for g in report.gate if g["failed"]]
    if as_json:
        _emit(
            {
                "metrics": report.metrics,
                "gate": report.gate,
                "failed": bool(failed),
                "cases": len(report.cases),
                "report": {k_: str(v) for k_, v in paths.items()},
            }
        )
    else:
        width = max(len(n) for n in report.metrics)
        for name, value in report.metrics.items():
            shown = "—" if value is None else f"{value:.4g}"
            click.echo(f"{name:<{width}}  {shown}")
        for g in failed:
            click.echo(
                f"REGRESSION {g['metric']}: {g['value']} vs baseline {g['baseline']} "
                f"(delta {g['delta']:+.3f}, tolerance {g['tolerance']})",
                err=True,
            )
        click.echo(f"report: {paths['html']}")
    sys.exit(1 if failed else 0)


@eval_group.command(name="build-claims")
@click.argument("corpus", type=click.Path(path_type=Path, exists=True))
@click.option("--out", required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--limit", type=int, default=None, help="Sample this many claims.")
@click.option("--seed", type=int, default=0)
@_common
def build_claims_cmd(app: Any, corpus: Path, out: Path, limit: int | None, seed: int) -> None:
    """Turn articles whose sentences carry markers (FreshWiki JSON/text) into claim cases."""
    from eval.claims import build_claims
    from eval.evalset import EvalCase, write_set

    claims = build_claims(corpus, limit=limit, seed=seed)
    cases = [
        EvalCase(
            id=c.id,
            kind="claim",
            claim=c.claim,
            gold_articles=[c.article_id],
            gold_urls=c.gold_urls,
            tags=c.tags,
        )
        for c in claims
    ]
    write_set(out, cases)
    click.echo(f"{len(cases)} claim cases -> {out}")


@eval_group.command(name="checker")
@click.option(
    "--data",
    default=None,
    type=click.Path(path_type=Path, file_okay=False),
    help="SummEdits folder (summedits_*.jsonl or .jsonl.gz); default: the copy Ibid ships.",
)
@click.option(
    "--limit-per-domain", type=int, default=None, help="Items per domain and split (default: all)."
)
@click.option("--json", "as_json", is_flag=True)
@_common
def checker_cmd(app: Any, data: Path | None, limit_per_domain: int | None, as_json: bool) -> None:
    """Balanced accuracy of the faithfulness checker on SummEdits (tuned on 'evaluation',
    reported on the held-out 'test' split)."""
    from eval.bundled import SUMMEDITS_DIR
    from eval.summedits import run
    from index.embed import load_embedder

    settings = app.settings()
    embeddings = load_embedder(settings.index.embedding, settings.home / "cache")
    result = run(data or SUMMEDITS_DIR, limit_per_domain=limit_per_domain, embeddings=embeddings)
    if as_json:
        _emit(result)
    else:
        test = result.get("test", result)
        for key in (
            "balanced_accuracy",
            "unsupported_precision",
            "unsupported_recall",
            "threshold",
            "n",
        ):
            if key in test:
                click.echo(f"{key:<24} {test[key]}")
