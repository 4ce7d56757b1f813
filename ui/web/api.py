"""Lookup handlers and the JSON endpoints `gradio_client` calls: /ask, /cite, /sources, /articles.

Results use the CLI's `--json` shapes, from the same typed rows. Errors become `gr.Error` with
ui.errors' message (no traceback leaves the server).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import gradio as gr
from pydantic import ValidationError

from index.errors import IbidError
from index.types import Paragraph
from rag.bibliography import entries_from_passages, entries_from_sources
from rag.chain import AnswerChain
from rag.lookup import cite, source_rows, sources
from rag.types import Answer, Filters, Passage, SourceRow, Turn, json_rows
from ui.errors import web_message
from ui.web.chat import HISTORY_TURNS
from ui.web.export import download
from ui.web.render import esc
from ui.web.views import passages_html, sources_html

T = TypeVar("T")


def _guard(what: str, fn: Callable[[], T], *, html: bool) -> T:
    try:
        return fn()
    except gr.Error:
        raise
    except Exception as exc:
        text = web_message(exc, what)
        raise gr.Error(esc(text) if html else text, print_exception=False) from None


class Service:
    def __init__(self, chain: AnswerChain, llm_configured: bool) -> None:
        self.chain = chain
        self.library = chain.library
        self.llm_configured = llm_configured

    # shared -----------------------------------------------------------------------------------
    def passages(self, claim: str, k: int) -> list[Passage]:
        ch = self.chain
        return cite(
            self.library,
            ch.retriever,
            ch.checker,
            claim,
            k=max(1, min(int(k), 20)),
            cover_preceding=ch.settings.answer.cover_preceding,
            reader=ch.reader,
            reader_top_n=ch.settings.reader.top_n,
        )

    def _paragraph(self, p: Passage) -> Paragraph | None:
        try:
            return self.library.article(p.article_id).paragraph(p.paragraph)
        except IbidError:
            return None

    # UI handlers --------------------------------------------------------------------------------
    def cite_view(self, claim: str, k: float) -> tuple[str, list[Passage]]:
        """Outputs: the passages as HTML, and as kept for a bibliography export."""

        def run() -> tuple[str, list[Passage]]:
            found = self.passages(claim, int(k or 5))
            return passages_html(claim, [(p, self._paragraph(p)) for p in found]), found

        return _guard("Citation lookup", run, html=True)

    def sources_view(self, url: str, publisher: str) -> tuple[str, list[SourceRow]]:
        """Outputs: the matching sources as HTML, and as kept for a bibliography export."""
        url, publisher = (url or "").strip(), (publisher or "").strip()
        rows = _guard(
            "Source search",
            lambda: source_rows(self.library, url=url or None, publisher=publisher or None),
            html=True,
        )
        return sources_html(rows, url, publisher), rows

    def export_passages(self, passages: list[Passage] | None, fmt: str | None) -> Any:
        """Output: the download of the last claim lookup's sources."""
        why = "No footnoted sources to export: look up a claim whose passages cite some."
        return _guard(
            "Export", lambda: download(entries_from_passages(passages or []), fmt, why), html=True
        )

    def export_sources(self, rows: list[SourceRow] | None, fmt: str | None) -> Any:
        """Output: the download of the last source search's sources, with their access dates."""
        why = "No sources to export: search the sources first."
        return _guard(
            "Export",
            lambda: download(entries_from_sources(rows or [], self.library), fmt, why),
            html=True,
        )

    # API endpoints (gr.api derives their schema from these signatures) --------------------------
    def ask(
        self,
        question: str,
        mode: str = "",
        k: int = 0,
        author: str = "",
        since: str = "",
        until: str = "",
        articles: list[str] | None = None,
        history: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Answer a question from the archive. Returns the `ibid ask --json` object: answer,
        citations (article, paragraph, quote, offsets, resolved footnotes), sentences with
        their support, see_also. `history`: earlier /ask results, oldest first, for follow-ups."""

        def run() -> dict[str, Any]:
            if mode and mode not in ("extractive", "llm"):
                raise IbidError(f"mode must be extractive or llm, got '{mode}'")
            if mode == "llm" and not self.llm_configured:
                raise IbidError("LLM mode is not configured on this server (see rag.llm)")
            try:
                turns = [
                    Turn(question=h["question"], answer=Answer.model_validate(h))
                    for h in (history or [])[-HISTORY_TURNS:]
                ]
            except (KeyError, TypeError, ValidationError) as exc:
                raise IbidError(f"history must be a list of earlier /ask results: {exc}") from None
            # Filters checks its own dates, as it does for the command line and the chat.
            filters = Filters(
                author=author, since=since, until=until, article_ids=list(articles or [])
            )
            answer = self.chain.invoke(
                {
                    "question": question or "",
                    "history": turns,
                    "mode": mode or None,
                    "k": k or None,
                    "filters": filters,
                }
            )
            return answer.to_json()

        return _guard("Answering", run, html=False)

    def cite(self, claim: str, k: int = 5) -> list[dict[str, Any]]:
        """Passages that support or contradict a claim, best first, each with verdict, support
        score and footnoted sources (the `ibid cite --json` list)."""
        return _guard(
            "Citation lookup",
            lambda: json_rows(self.passages(claim, k)),
            html=False,
        )

    def sources(self, url: str = "", publisher: str = "") -> list[dict[str, Any]]:
        """Footnoted sources whose URL / publisher contain the given text, each with the
        articles and paragraphs citing it (the `ibid sources --json` list)."""
        return _guard(
            "Source search",
            lambda: sources(self.library, url=url or None, publisher=publisher or None),
            html=False,
        )

    def articles(self) -> list[dict[str, Any]]:
        """The indexed articles: the `ibid articles --json` list, except that the file is under
        "source": gradio_client would try to download any dict's "path" as a file."""
        return [r.to_json(path_key="source") for r in self.library.articles()]

    def register(self, concurrency_id: str | None = None) -> None:
        """Inside a Blocks context: expose the endpoints under stable names."""
        gr.api(self.ask, api_name="ask", concurrency_id=concurrency_id)
        gr.api(self.cite, api_name="cite", concurrency_id=concurrency_id)
        gr.api(self.sources, api_name="sources")
        gr.api(self.articles, api_name="articles")
