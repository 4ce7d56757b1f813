"""Eval reports: report.json, report.md and a self-contained report.html (inline CSS and SVG)."""

from __future__ import annotations

import html
import json
from pathlib import Path

from eval.runner import RunReport

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


def _chart(report: RunReport) -> str:
    """Horizontal bars for the 0..1 metrics; the baseline as a tick."""
    gates = _gate_by_metric(report)
    rows = [(k, v) for k, v in report.metrics.items() if v is not None and k not in _PCT]
    height = 22 * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="640" height="{height}" '
        'role="img" aria-label="metrics chart">'
    ]
    for i, (name, value) in enumerate(rows):
        y = 5 + 22 * i
        width = max(0.0, min(1.0, value)) * 380
        colour = "#c0392b" if gates.get(name, {}).get("failed") else "#2e86c1"
        parts.append(f'<text x="0" y="{y + 14}" font-size="12">{html.escape(name)}</text>')
        parts.append(f'<rect x="190" y="{y}" width="{width:.1f}" height="16" fill="{colour}"/>')
        parts.append(f'<text x="{195 + width:.1f}" y="{y + 13}" font-size="11">{value:.3f}</text>')
        base = gates.get(name, {}).get("baseline")
        if isinstance(base, int | float):
            bx = 190 + max(0.0, min(1.0, float(base))) * 380
            parts.append(
                f'<line x1="{bx:.1f}" x2="{bx:.1f}" y1="{y - 2}" y2="{y + 18}" '
                'stroke="#222" stroke-width="2"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


def render_html(report: RunReport) -> str:
    e = html.escape
    gates = _gate_by_metric(report)
    metric_rows = []
    for name, value in report.metrics.items():
        g = gates.get(name)
        cls = ' class="fail"' if g and g["failed"] else ""
        base = _fmt(name, g["baseline"]) if g else ""  # type: ignore[arg-type]
        delta = f"{g['delta']:+.3f}" if g else ""
        metric_rows.append(
            f"<tr{cls}><td>{e(name)}</td><td>{_fmt(name, value)}</td>"
            f"<td>{base}</td><td>{delta}</td></tr>"
        )
    case_rows = []
    for c in report.cases:
        if c.kind == "claim":
            body = "".join(
                f"<li>{e(p.verdict)} {p.support:.2f} — ¶{p.paragraph} "
                f"{e(p.article_id)}: {e(p.quote)}</li>"
                for p in c.passages[:3]
            )
            answer = f"<ul>{body}</ul>"
        else:
            sentences = "".join(
                f'<li class="{"ok" if s.supported else "bad"}">{e(s.text)} '
                f"{''.join(f'[{n}]' for n in s.citations)}"
                f"{'' if s.joint or not s.citations else ' <em>(not entailed by its citations)</em>'}"
                "</li>"
                for s in c.sentences
            )
            answer = f"<ul>{sentences}</ul>" if sentences else e(c.answer or c.error or "")
        verdict = "refused" if c.refused else ("error" if c.error else "answered")
        case_rows.append(
            f"<tr><td>{e(c.id)}</td><td>{e(c.text)}</td><td>{verdict}</td>"
            f"<td>{answer}</td><td>{c.latency_ms:.0f}</td></tr>"
        )
    status = "FAILED" if report.failed_gate else "passed"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ibid eval — {e(Path(report.set).name)}</title>
<style>
body{{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px;color:#222}}
table{{border-collapse:collapse;width:100%;margin:1rem 0}}td,th{{border:1px solid #ddd;padding:4px 8px;vertical-align:top;font-size:14px}}
tr.fail td{{background:#fdecea}}li.bad{{color:#c0392b}}li.ok{{color:#1e5631}}
.status{{font-weight:bold;color:{"#c0392b" if report.failed_gate else "#1e5631"}}}
</style></head><body>
<h1>Eval report: {e(Path(report.set).name)}</h1>
<p>{len(report.cases)} cases · mode {e(report.mode)} · k {report.k} · {e(report.created)} ·
baseline {e(report.baseline or "none")} · gate <span class="status">{status}</span></p>
{_chart(report)}
<h2>Metrics</h2><table><tr><th>metric</th><th>value</th><th>baseline</th><th>delta</th></tr>
{"".join(metric_rows)}</table>
<h2>Cases</h2><table><tr><th>id</th><th>question / claim</th><th>outcome</th><th>answer (sentences and citations)</th><th>ms</th></tr>
{"".join(case_rows)}</table>
<script type="application/json" id="report-data">{e(json.dumps(report.metrics))}</script>
</body></html>
"""
