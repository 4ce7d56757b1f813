"""Eval tab: run an eval set through the server's own chain, compare with a baseline.

Sets and baselines are picked from the project's `eval/sets` and `eval/baselines` folders (or an
uploaded set), never from free-form server paths.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from eval.orchestrate import evaluate
from eval.report import write_reports
from eval.runner import RunReport
from eval.settings import EvalSettings
from index.errors import IbidError
from rag.chain import AnswerChain
from ui.errors import web_message

METRIC_HEADERS = ["metric", "value", "baseline", "delta", "tolerance", "gate"]
CASE_HEADERS = ["id", "question / claim", "outcome", "answer", "unsupported sentences", "ms"]
NO_BASELINE = "(no baseline)"


def _fmt(value: object) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def metric_rows(report: RunReport) -> list[list[str]]:
    gates = {str(g["metric"]): g for g in report.gate}
    rows = []
    for name, value in report.metrics.items():
        g = gates.get(name)
        rows.append(
            [
                name,
                _fmt(value),
                _fmt(g["baseline"]) if g else "",
                f"{g['delta']:+.3f}" if g else "",
                _fmt(g["tolerance"]) if g else "",
                ("FAIL" if g["failed"] else "ok") if g else "",
            ]
        )
    return rows


def case_rows(report: RunReport) -> list[list[str]]:
    rows = []
    for c in report.cases:
        outcome = "error" if c.error else ("refused" if c.refused else "answered")
        answer = c.answer or (c.passages[0].quote if c.passages else c.error or "")
        unsupported = sum(1 for s in c.sentences if not s.supported)
        rows.append([c.id, c.text, outcome, answer[:300], str(unsupported), f"{c.latency_ms:.0f}"])
    return rows


class EvalTab:
    def __init__(self, chain: AnswerChain, settings: EvalSettings | None = None) -> None:
        self.chain = chain
        self.settings = settings or EvalSettings()

    def set_choices(self) -> list[str]:
        return self.settings.set_names()

    def baseline_choices(self) -> list[str]:
        return [NO_BASELINE, *self.settings.baseline_names()]

    def run(
        self,
        set_name: str | None,
        uploaded: str | None,
        baseline_name: str | None,
        ingest_corpus: bool,
        mode: str | None,
    ) -> tuple[str, list[list[str]], list[list[str]], str | None]:
        """Outputs: status Markdown, metric rows, case rows, report.html to download."""
        try:
            if uploaded:
                path = Path(uploaded)
            elif set_name and set_name in self.set_choices():
                path = self.settings.sets_dir / set_name
            else:
                return "Pick an eval set or upload one.", [], [], None
            chosen = baseline_name if baseline_name in self.settings.baseline_names() else None
            report = evaluate(
                self.chain,
                path,
                ingest_corpus=ingest_corpus,
                baseline=self.settings.baselines_dir / chosen if chosen else None,
                mode=mode or None,
            )
        except Exception as exc:
            text = web_message(exc, "Running the set")
            # A domain error says what to fix in the set or the settings; a bug only that it was.
            lead = "**Could not run the set:** " if isinstance(exc, IbidError) else ""
            return f"{lead}{text}", [], [], None
        out = Path(tempfile.mkdtemp(prefix="ibid-eval-"))
        paths = write_reports(report, out)
        if report.baseline is None:
            status = f"Ran {len(report.cases)} cases (no baseline to compare with)."
        elif report.failed_gate:
            failed = ", ".join(g["metric"] for g in report.gate if g["failed"])
            status = f"**Gate FAILED** against {Path(report.baseline).name}: {failed} regressed."
        else:
            status = (
                f"Gate passed against {Path(report.baseline).name} ({len(report.cases)} cases)."
            )
        return status, metric_rows(report), case_rows(report), str(paths["html"])

    def render(self, mode_choices: list[str]) -> dict[str, Any]:
        """Lay out the tab; returns the components the event wiring needs."""
        gr.Markdown(
            "Run an eval set through this server's answer pipeline. Metrics are defined in the "
            "README; a baseline shows what regressed."
        )
        with gr.Row():
            sets = self.set_choices()
            set_name = gr.Dropdown(sets, value=sets[0] if sets else None, label="Eval set")
            uploaded = gr.File(
                label="…or upload a set (.jsonl)", file_types=[".jsonl"], type="filepath"
            )
            baselines = self.baseline_choices()
            baseline = gr.Dropdown(baselines, value=baselines[-1], label="Baseline")
        with gr.Row():
            ingest = gr.Checkbox(
                value=False,
                label="Ingest the set's corpus first (adds its articles to this archive)",
            )
            mode = gr.Radio(mode_choices, value=mode_choices[0], label="Answer mode")
            run = gr.Button("Run eval", variant="primary")
        status = gr.Markdown()
        metrics = gr.Dataframe(headers=METRIC_HEADERS, interactive=False, label="Metrics")
        cases = gr.Dataframe(headers=CASE_HEADERS, interactive=False, label="Cases", wrap=True)
        report = gr.File(label="report.html", interactive=False)
        return {
            "inputs": [set_name, uploaded, baseline, ingest, mode],
            "outputs": [status, metrics, cases, report],
            "run": run,
        }
