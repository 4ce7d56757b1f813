"""Chat handlers: stream an answer, keep every Answer in session state, restore after refresh.

The chatbot's value is always rebuilt from the session's `Exchange` list (server-side objects),
never echoed back from what the browser sends, so a message can only contain HTML built here.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import gradio as gr
from pydantic import ValidationError

from index.errors import IbidError
from index.types import Article, Paragraph
from rag.bibliography import entries_from_answer
from rag.chain import AnswerChain
from rag.types import Answer, Filters, Turn, clean_text
from ui.errors import internal_message, web_message
from ui.web.export import download
from ui.web.render import (
    Exchange,
    answer_html,
    answer_markdown,
    error_html,
    esc,
    panel_html,
    question_html,
    streaming_html,
)

HISTORY_TURNS = 6  # previous exchanges handed to the chain for follow-ups
STORED_TURNS = 20  # exchanges kept in the browser's localStorage across refreshes
ACTION = "Answering"
INTERNAL_ERROR = internal_message(ACTION)


def history(exchanges: list[Exchange]) -> list[Turn]:
    return [Turn(question=e.question, answer=e.answer) for e in exchanges if e.answer is not None][
        -HISTORY_TURNS:
    ]


def messages(exchanges: list[Exchange]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for turn, ex in enumerate(exchanges):
        out.append({"role": "user", "content": question_html(ex.question)})
        body = answer_html(turn, ex.answer) if ex.answer else error_html(ex.error or "")
        out.append({"role": "assistant", "content": body})
    return out


def stored(exchanges: list[Exchange]) -> list[dict[str, Any]]:
    return [e.model_dump(mode="json") for e in exchanges[-STORED_TURNS:]]


def latest_active(exchanges: list[Exchange]) -> tuple[int, int] | None:
    """Open the newest answer's first citation, so checking it is visible at once."""
    if exchanges and exchanges[-1].answer and exchanges[-1].answer.citations:
        return len(exchanges) - 1, exchanges[-1].answer.citations[0].n
    return None


class Chat:
    def __init__(self, chain: AnswerChain, llm_configured: bool) -> None:
        self.chain = chain
        self.library = chain.library
        self.llm_configured = llm_configured

    def snapshot(self, answer: Answer) -> dict[str, Paragraph]:
        """The cited paragraphs as they are now, so the panel survives later edits."""
        articles: dict[str, Article | None] = {}
        out: dict[str, Paragraph] = {}
        for c in answer.citations:
            if c.article_id not in articles:
                try:
                    articles[c.article_id] = self.library.article(c.article_id)
                except IbidError:
                    articles[c.article_id] = None
            article = articles[c.article_id]
            para = article.paragraph(c.paragraph) if article else None
            if para is not None:
                out[f"{c.article_id}#{c.paragraph}"] = para
        return out

    def respond(
        self,
        question: str,
        exchanges: list[Exchange],
        author: str | None,
        since: str | None,
        until: str | None,
        article_ids: list[str] | None,
        mode: str | None,
        k: float | None,
    ) -> Iterator[tuple[Any, ...]]:
        """Outputs: chatbot, question box, exchanges, panel, browser store."""
        skip = gr.skip()
        exchanges = list(exchanges or [])
        if mode == "llm" and not self.llm_configured:
            gr.Warning("LLM mode is not configured on this server; answering extractively.")
            mode = "extractive"
        try:
            question = clean_text(question, "question")
            # Filters checks its own dates, as it does for the command line.
            filters = Filters(
                author=author, since=since, until=until, article_ids=list(article_ids or [])
            )
        except IbidError as exc:
            gr.Warning(esc(web_message(exc, ACTION)))
            yield skip, skip, skip, skip, skip
            return
        shown = messages(exchanges)
        pending = [*shown, {"role": "user", "content": question_html(question)}]
        text = ""
        yield [*pending, {"role": "assistant", "content": streaming_html("")}], "", skip, skip, skip
        answer: Answer | None = None
        paragraphs: dict[str, Paragraph] = {}
        error: str | None = None
        last = 0.0
        try:
            request = {
                "question": question,
                "history": history(exchanges),
                "filters": filters,
                "mode": mode or None,
                "k": int(k) if k else None,
            }
            for event in self.chain.stream(request):
                if event["type"] == "token":
                    text += event["text"]
                    if time.monotonic() - last > 0.05:
                        last = time.monotonic()
                        bubble = {"role": "assistant", "content": streaming_html(text)}
                        yield [*pending, bubble], skip, skip, skip, skip
                elif event["type"] == "answer":
                    # The session keeps the public Answer only (retrieval evidence is for eval).
                    answer = Answer.model_validate(event["answer"].model_dump())
            if answer is None:
                raise RuntimeError("the answer chain ended without an answer")
            paragraphs = self.snapshot(answer)
        except Exception as exc:
            answer, paragraphs, error = None, {}, web_message(exc, ACTION, question)
            if isinstance(exc, IbidError):  # a bug is shown in the conversation only
                gr.Warning(esc(error))
        ex = Exchange(question=question, answer=answer, error=error, paragraphs=paragraphs)
        exchanges = [*exchanges, ex]
        panel = panel_html(exchanges, latest_active(exchanges))
        yield messages(exchanges), skip, exchanges, panel, stored(exchanges)

    def restore(self, saved: Any) -> tuple[Any, ...]:
        """Page load: rebuild the conversation from the browser's store (validated)."""
        exchanges: list[Exchange] = []
        for item in saved if isinstance(saved, list) else []:
            try:
                exchanges.append(Exchange.model_validate(item))
            except ValidationError:
                continue
        return messages(exchanges), exchanges, panel_html(exchanges, latest_active(exchanges))

    def clear(self) -> tuple[Any, ...]:
        return [], [], panel_html([]), [], ""

    def export(self, exchanges: list[Exchange]) -> tuple[Any, ...]:
        """Outputs: the Markdown box and its accordion (opened to show what was copied)."""
        answered = [e.answer for e in exchanges or [] if e.answer is not None]
        if not answered:
            gr.Warning("There is no answer to copy yet.")
            return "", gr.skip()
        gr.Info("Copied the answer as Markdown, with its citations as footnotes.")
        return answer_markdown(answered[-1]), gr.Accordion(open=True)

    def bibliography(self, exchanges: list[Exchange], fmt: str | None) -> Any:
        """Output: the download of the newest answer's sources (BibTeX, RIS or CSL-JSON)."""
        answered = [e.answer for e in exchanges or [] if e.answer is not None]
        if not answered:
            return download([], fmt, "There is no answer to export yet.")
        last = answered[-1]
        why = "The last answer was refused, so it has no sources."
        if not last.refused:
            why = "The last answer's passages cite no footnoted sources."
        return download(entries_from_answer(last), fmt, why)
