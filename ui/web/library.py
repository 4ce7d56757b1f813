"""Library tab: list articles, ingest uploads (checked server-side, one result per file), remove."""

from __future__ import annotations

import re
import shutil
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import Any

import gradio as gr

from index.errors import IbidError
from index.library import Library
from index.types import IngestReport
from ui.errors import web_message
from ui.web.render import esc
from ui.web.views import article_choices, article_table, author_choices

ALLOWED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".jsonl")
INGESTING = "Ingesting"


@dataclass(frozen=True)
class UploadResult:
    """One uploaded file's line in the Ingest results table."""

    file: str
    result: str  # added, updated, unchanged, no articles or failed
    articles: str = ""  # the ids of the file's articles, comma-separated
    message: str = ""

    @classmethod
    def of(cls, file: str, report: IngestReport, article_ids: list[str]) -> UploadResult:
        """The line for a file ingested alone, from the ingest's report."""
        if report.failed:
            return cls(file, "failed", message="; ".join(f["error"] for f in report.failed))
        result = (
            "added"
            if report.added
            else "updated"
            if report.updated
            else "unchanged"
            if report.unchanged
            else "no articles"
        )
        note = f"{len(report.warnings)} parse warning(s)" if report.warnings else ""
        return cls(file, result, ", ".join(article_ids), note)

    @property
    def failed(self) -> bool:
        return self.result == "failed"

    def row(self) -> list[str]:
        return list(astuple(self))


RESULT_HEADERS = [f.name for f in fields(UploadResult)]


def safe_name(name: str) -> str:
    """A file name that cannot leave the uploads folder or hide itself."""
    base = Path(name.replace("\\", "/")).name
    stem, dot, ext = base.rpartition(".")
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem if dot else base).strip("_.")[:100] or "upload"
    return f"{stem}.{ext.lower()}" if dot else stem


def check_upload(path: Path, name: str, max_mb: float) -> str | None:
    """Why this upload is refused, or None. Checked here whatever the browser enforced."""
    ext = Path(name).suffix.lower()
    if ext not in ALLOWED_EXTENSIONS:
        got = f"'{ext}' files" if ext else "files without an extension"
        return f"{got} are not accepted; upload {', '.join(ALLOWED_EXTENSIONS)}"
    try:
        size = path.stat().st_size
    except OSError:
        return "the upload could not be read; try again"
    if size > max_mb * 1_000_000:
        return (
            f"the file is {size / 1e6:.1f} MB; the upload limit is {max_mb:g} MB (ui.max_upload_mb)"
        )
    return None


def _ingest_one(library: Library, src: Path, dest: Path) -> UploadResult:
    """Copy an upload into the archive's uploads folder and ingest it alone."""
    previous = dest.read_bytes() if dest.exists() else None
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    try:
        report = library.ingest([dest])
    except IbidError as exc:
        outcome = UploadResult(src.name, "failed", message=web_message(exc, INGESTING))
    else:
        entry = None if report.failed else library.file(dest)
        outcome = UploadResult.of(src.name, report, entry.article_ids if entry else [])
    if outcome.failed:
        # Leave the archive's copy as it was: a bad upload must not replace a good file.
        if previous is None:
            dest.unlink(missing_ok=True)
        else:
            dest.write_bytes(previous)
    return outcome


class LibraryTab:
    def __init__(self, library: Library, max_upload_mb: float) -> None:
        self.library = library
        self.max_mb = max_upload_mb
        self.uploads = library.home / "uploads"

    def refresh(self) -> tuple[Any, ...]:
        """Outputs: articles table, remove dropdown, chat article filter, chat author filter."""
        rows = self.library.articles()
        choices = article_choices(rows)
        return (
            article_table(rows),
            gr.Dropdown(choices=choices, value=None),
            gr.Dropdown(choices=choices),
            gr.Dropdown(choices=author_choices(rows)),
        )

    def ingest_files(
        self,
        files: list[str] | None,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 - how Gradio injects a progress bar
    ) -> tuple[Any, ...]:
        """Outputs: per-file results, then `refresh()`'s outputs, then the cleared file box."""
        results: list[UploadResult] = []
        paths = [Path(f) for f in files or []]
        if not paths:
            gr.Warning("Choose one or more files to add first.")
        for i, src in enumerate(paths):
            name = src.name
            progress((i, len(paths)), desc=f"Ingesting {name}", unit="files")
            problem = check_upload(src, name, self.max_mb)
            if problem is not None:
                results.append(UploadResult(name, "failed", message=problem))
                continue
            try:
                results.append(_ingest_one(self.library, src, self.uploads / safe_name(name)))
            except Exception as exc:
                message = web_message(exc, INGESTING, name)
                results.append(UploadResult(name, "failed", message=message))
        progress((len(paths), len(paths)), desc="Done", unit="files")
        return ([r.row() for r in results], *self.refresh(), None)

    def remove(self, article_id: str | None) -> tuple[Any, ...]:
        if not article_id:
            gr.Warning("Choose an article to remove first.")
        else:
            try:
                self.library.remove(article_id)
                gr.Info("Article removed; ingesting its file again brings it back.")
            except IbidError as exc:
                gr.Warning(esc(web_message(exc, "Removing")))
        return self.refresh()
