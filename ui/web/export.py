"""Bibliography downloads (BibTeX, RIS, CSL-JSON) for the Chat and Citation lookup tabs.

Like the Eval tab's report.html: the handler writes a file in a fresh temporary folder and a
`gr.File` offers it for download.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from rag.bibliography import EXTENSIONS, BibEntry, render

FORMAT_CHOICES = [("BibTeX", "bibtex"), ("RIS", "ris"), ("CSL-JSON", "csl-json")]


def write_bibliography(entries: list[BibEntry], fmt: str) -> Path:
    """The entries as ibid-sources.bib / .ris / .json in a new temporary folder."""
    text = render(entries, fmt)
    path = Path(tempfile.mkdtemp(prefix="ibid-bib-")) / f"ibid-sources{EXTENSIONS[fmt]}"
    path.write_text(text, encoding="utf-8")
    return path


def download(entries: list[BibEntry] | None, fmt: str | None, nothing: str) -> Any:
    """Output for the download `gr.File`: shown with the file, or hidden with a warning."""
    if not entries:
        gr.Warning(nothing)
        return hide_download()
    return gr.File(value=str(write_bibliography(entries, fmt or "bibtex")), visible=True)


def hide_download() -> Any:
    return gr.File(value=None, visible=False)


def controls(elem_id: str) -> tuple[gr.Dropdown, gr.Button, gr.File]:
    """Inside a Blocks context: a format picker, an export button and the (hidden) file."""
    with gr.Row(equal_height=True):
        fmt = gr.Dropdown(
            FORMAT_CHOICES,
            value="bibtex",
            label="Bibliography format",
            show_label=False,
            container=False,
            scale=2,
            min_width=120,
        )
        button = gr.Button("Export sources", size="sm", scale=1, elem_id=f"{elem_id}-export")
    file = gr.File(
        label="Sources for Zotero", interactive=False, visible=False, elem_id=f"{elem_id}-file"
    )
    return fmt, button, file
