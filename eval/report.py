"""Eval reports: report.json, report.md and a self-contained report.html (inline CSS and SVG)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from eval.runner import RunReport

if TYPE_CHECKING:
    from jinja2 import Template

_PCT = {"latency_p50_ms", "latency_p95_ms", "errors"}


def _fmt(name: str, value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}" if name in _PCT else f"{value:.3f}"


def write_reports(report: RunReport, directory: Path) -> dict[str, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = {
        "json": directory / "report.json",
        "md": directory / "report.md",
        "html": directory / "report.html",
    }
    paths["json"].write_text(report.model_dump_json(indent=2))
    paths["md"].write_text(markdown(report))
    paths["html"].write_text(render_html(report))
    return paths


def _gate_by_metric(report: RunReport) -> dict[str, dict[str, object]]:
    return {str(g["metric"]): g for g in report.gate}


def markdown(report: RunReport) -> str:
    gates = _gate_by_metric(report)
    lines = [
        f"# Eval report: {Path(report.set).name}",
        "",
        f"{len(report.cases)} cases · mode {report.mode} · k {report.k} · {report.created}",
        f"Baseline: {report.baseline or 'none'} · gate: "
        + ("**FAILED**" if report.failed_gate else "passed"),
        "",
        "| metric | value | baseline | delta | tolerance | gate |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, value in report.metrics.items():
        g = gates.get(name)
        if g:
            status = "FAIL" if g["failed"] else "ok"
            lines.append(
                f"| {name} | {_fmt(name, value)} | {_fmt(name, g['baseline'])} "  # type: ignore[arg-type]
                f"| {g['delta']:+.3f} | {g['tolerance']} | {status} |"
            )
        else:
            lines.append(f"| {name} | {_fmt(name, value)} | | | | |")
    lines += [
        "",
        "## Cases",
        "",
        "| id | refused | answer | unsupported |",
        "| --- | --- | --- | --- |",
    ]
    for c in report.cases:
        bad = sum(1 for s in c.sentences if not s.supported)
        first = c.passages[0].quote if c.passages else ""
        text = (c.answer or first or c.error or "")[:160].replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {c.id} | {c.refused} | {text} | {bad} |")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class _Bar:
    name: str
    value: float
    width: float
    failed: bool
    baseline_x: float | None


@dataclass(frozen=True)
class _MetricRow:
    name: str
    value: str
    baseline: str
    delta: str
    failed: bool


def _bars(report: RunReport) -> list[_Bar]:
    """Horizontal bars for the 0..1 metrics, 380 px for 1.0; the baseline as a tick."""
    gates = _gate_by_metric(report)
    bars = []
    for name, value in report.metrics.items():
        if value is None or name in _PCT:
            continue
        gate = gates.get(name, {})
        base = gate.get("baseline")
        tick = None
        if isinstance(base, int | float):
            tick = 190 + max(0.0, min(1.0, float(base))) * 380
        width = max(0.0, min(1.0, value)) * 380
        bars.append(_Bar(name, value, width, bool(gate.get("failed")), tick))
    return bars


def _metric_rows(report: RunReport) -> list[_MetricRow]:
    gates = _gate_by_metric(report)
    rows = []
    for name, value in report.metrics.items():
        g = gates.get(name)
        rows.append(
            _MetricRow(
                name=name,
                value=_fmt(name, value),
                baseline=_fmt(name, g["baseline"]) if g else "",  # type: ignore[arg-type]
                delta=f"{g['delta']:+.3f}" if g else "",
                failed=bool(g and g["failed"]),
            )
        )
    return rows


@cache
def _template() -> Template:
    from jinja2 import Environment, PackageLoader

    env = Environment(
        loader=PackageLoader("eval", "templates"), autoescape=True, keep_trailing_newline=True
    )
    # The metrics stay in the report's order in the page's JSON, as in report.json.
    env.policies["json.dumps_kwargs"] = {"sort_keys": False}
    return env.get_template("report.html.j2")


def render_html(report: RunReport) -> str:
    return _template().render(
        report=report,
        name=Path(report.set).name,
        failed=report.failed_gate,
        bars=_bars(report),
        metric_rows=_metric_rows(report),
    )
