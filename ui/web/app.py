"""The Gradio app: chat with clickable citations, citation lookup, library, eval placeholder.

`build(library, settings, chain=None)` makes the Blocks (tests inject a Library built with the
session's embedder); `serve(...)` is what `ibid serve` runs. One Library and one AnswerChain
serve every session of the process, so the models stay loaded.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from index.errors import ConfigError
from index.library import Library
from index.types import ArticleRow
from rag.chain import AnswerChain
from ui.address import check_address
from ui.config import Settings
from ui.web.api import Service
from ui.web.chat import Chat
from ui.web.eval_tab import EvalTab
from ui.web.export import controls as export_controls
from ui.web.export import hide_download
from ui.web.library import ALLOWED_EXTENSIONS, RESULT_HEADERS, LibraryTab
from ui.web.render import panel_html
from ui.web.views import ARTICLE_HEADERS, article_choices, article_table, author_choices

log = logging.getLogger("ibid.ui")
STATIC = Path(__file__).parent / "static"
QUEUE_MAX = 100  # waiting requests beyond the running ones; more get a "queue full" message
# Chat, /ask and claim lookups share one pool of `ui.concurrency` workers: they all run the
# embedder and checker, so more at once on a small CPU only makes each slower.
ANSWERING = "ibid-answering"

ASK_HINT = "Ask about the archive, e.g. *What did Modi do in July 2025?*"
EMPTY_ARCHIVE = "The archive is empty: add articles in the **Library** tab, then ask."


def _assets() -> str:
    css = (STATIC / "ibid.css").read_text(encoding="utf-8")
    js = (STATIC / "ibid.js").read_text(encoding="utf-8")
    return f"<style>{css}</style><script>{js}</script>"


@dataclass
class _ChatUI:
    mode: Any
    author: Any
    since: Any
    until: Any
    articles: Any
    k: Any
    chatbot: Any
    question: Any
    ask: Any
    copy: Any
    clear: Any
    md_box: Any
    markdown: Any
    export: tuple[Any, Any, Any]  # format, button, file
    panel: Any


@dataclass
class _LookupUI:
    claim: Any
    k: Any
    lookup: Any
    out: Any
    found: Any
    export: tuple[Any, Any, Any]
    src_url: Any
    src_pub: Any
    src_btn: Any
    sources_out: Any
    source_rows: Any
    src_export: tuple[Any, Any, Any]


@dataclass
class _LibraryUI:
    table: Any
    files: Any
    add: Any
    results: Any
    doomed: Any
    remove: Any


def _chat_tab(rows: list[ArticleRow], settings: Settings, modes: list[str], llm: bool) -> _ChatUI:
    default_mode = settings.rag.answer.mode if settings.rag.answer.mode in modes else "extractive"
    with gr.Column(scale=2, min_width=210, elem_classes="ibid-options"):
        mode = gr.Radio(
            modes,
            value=default_mode,
            label="Answer mode",
            info=None if llm else "LLM mode: configure rag.llm to enable it.",
        )
        author = gr.Dropdown(
            author_choices(rows), value=None, label="Author", allow_custom_value=True
        )
        since = gr.Textbox(label="Published since", placeholder="YYYY-MM-DD")
        until = gr.Textbox(label="Published until", placeholder="YYYY-MM-DD")
        articles = gr.Dropdown(
            article_choices(rows), value=[], multiselect=True, label="Only these articles"
        )
        k = gr.Slider(1, 12, value=settings.rag.retrieval.k, step=1, label="Evidence passages")
    with gr.Column(scale=5, min_width=360):
        chatbot = gr.Chatbot(
            elem_id="ibid-chat",
            label="Ibid",
            height=560,
            layout="bubble",
            sanitize_html=True,
            allow_tags=False,
            latex_delimiters=[],
            buttons=[],
            feedback_options=None,
            autoscroll=True,
            placeholder=EMPTY_ARCHIVE if not rows else ASK_HINT,
        )
        with gr.Row():
            question = gr.Textbox(
                show_label=False,
                placeholder="Ask a question…",
                scale=8,
                elem_id="ibid-question",
                max_length=2000,
                autofocus=True,
            )
            ask = gr.Button("Ask", variant="primary", scale=1, min_width=80)
        with gr.Row():
            copy = gr.Button("Copy answer", size="sm", elem_id="ibid-copy")
            clear = gr.Button("New conversation", size="sm")
        with gr.Accordion("Answer as Markdown", open=False) as md_box:
            markdown = gr.Textbox(
                show_label=False,
                lines=8,
                interactive=False,
                buttons=["copy"],
                elem_id="ibid-markdown",
            )
        export = export_controls("ibid-chat")
    with gr.Column(scale=4, min_width=320):
        panel = gr.HTML(panel_html([]), elem_id="ibid-panel", js_on_load=None, label="Citation")
    return _ChatUI(
        mode, author, since, until, articles, k, chatbot, question, ask, copy, clear, md_box,
        markdown, export, panel,
    )  # fmt: skip


def _lookup_tab() -> _LookupUI:
    with gr.Column(scale=3):
        gr.Markdown(
            "### Where does the archive say this?\nPaste a claim: the passages "
            "that support or contradict it, with the sources they cite."
        )
        claim = gr.Textbox(label="Claim", lines=2, elem_id="ibid-claim", max_length=2000)
        with gr.Row():
            k = gr.Slider(1, 20, value=5, step=1, label="Passages", scale=3)
            lookup = gr.Button("Look up", variant="primary", elem_id="ibid-lookup", scale=1)
        out = gr.HTML(elem_id="ibid-lookup-out", js_on_load=None)
        found = gr.State([])
        export = export_controls("ibid-lookup")
    with gr.Column(scale=2):
        gr.Markdown(
            "### Who cites a source?\nSearch the footnoted sources by URL or "
            "publisher: the articles and paragraphs citing them."
        )
        src_url = gr.Textbox(label="URL contains", placeholder="bbc.com")
        src_pub = gr.Textbox(label="Publisher contains", placeholder="Reuters")
        src_btn = gr.Button("Search sources", elem_id="ibid-sources")
        sources_out = gr.HTML(elem_id="ibid-sources-out", js_on_load=None)
        source_rows = gr.State([])
        src_export = export_controls("ibid-sources")
    return _LookupUI(
        claim, k, lookup, out, found, export, src_url, src_pub, src_btn, sources_out,
        source_rows, src_export,
    )  # fmt: skip


def _library_tab(rows: list[ArticleRow], max_upload_mb: float) -> _LibraryUI:
    table = gr.Dataframe(
        article_table(rows),
        headers=ARTICLE_HEADERS,
        datatype="str",
        interactive=False,
        wrap=True,
        elem_id="ibid-articles",
        label="Articles",
        max_height=420,
        column_widths=["15%", "30%", "12%", "9%", "7%", "8%", "19%"],
    )
    with gr.Row():
        with gr.Column():
            files = gr.File(
                file_count="multiple",
                file_types=list(ALLOWED_EXTENSIONS),
                label=f"Add articles ({', '.join(ALLOWED_EXTENSIONS)}; at most "
                f"{max_upload_mb:g} MB each)",
                elem_id="ibid-upload",
            )
            add = gr.Button("Ingest files", variant="primary", elem_id="ibid-ingest")
        results = gr.Dataframe(
            headers=RESULT_HEADERS,
            datatype="str",
            interactive=False,
            wrap=True,
            label="Ingest results",
            elem_id="ibid-ingest-results",
        )
    with gr.Row():
        doomed = gr.Dropdown(article_choices(rows), value=None, scale=4, label="Remove an article")
        remove = gr.Button("Remove", variant="stop", scale=1)
    return _LibraryUI(table, files, add, results, doomed, remove)


# UI handlers are private (not part of the client API).
_PRIVATE: dict[str, Any] = {"api_visibility": "private"}


def _wire_chat(demo: gr.Blocks, c: _ChatUI, chat: Chat, exchanges: Any, saved: Any) -> None:
    respond_io = {
        "fn": chat.respond,
        "inputs": [c.question, exchanges, c.author, c.since, c.until, c.articles, c.mode, c.k],
        "outputs": [c.chatbot, c.question, exchanges, c.panel, saved],
        "show_progress": "minimal",
        "concurrency_id": ANSWERING,
        **_PRIVATE,
    }
    c.question.submit(**respond_io)
    c.ask.click(**respond_io)
    c.copy.click(chat.export, [exchanges], [c.markdown, c.md_box], **_PRIVATE).then(
        None,
        [c.markdown],
        None,
        js="(md) => { if (md && navigator.clipboard) "
        "navigator.clipboard.writeText(md).catch(() => {}); }",
        **_PRIVATE,
    )
    for reset in (c.clear.click, c.chatbot.clear):
        reset(chat.clear, None, [c.chatbot, exchanges, c.panel, saved, c.markdown], **_PRIVATE)
    demo.load(chat.restore, [saved], [c.chatbot, exchanges, c.panel], **_PRIVATE)
    # the newest answer's sources as a bibliography download
    fmt, button, file = c.export
    button.click(chat.bibliography, [exchanges, fmt], [file], **_PRIVATE)
    exchanges.change(hide_download, None, [file], **_PRIVATE)  # a new result: the old file goes


def _wire_lookup(u: _LookupUI, service: Service) -> None:
    for look in (u.lookup.click, u.claim.submit):
        look(service.cite_view, [u.claim, u.k], [u.out, u.found],
             concurrency_id=ANSWERING, **_PRIVATE)  # fmt: skip
    for trigger in (u.src_btn.click, u.src_url.submit, u.src_pub.submit):
        trigger(service.sources_view, [u.src_url, u.src_pub], [u.sources_out, u.source_rows],
                **_PRIVATE)  # fmt: skip
    for (fmt, button, file), export, kept in (
        (u.export, service.export_passages, u.found),
        (u.src_export, service.export_sources, u.source_rows),
    ):
        button.click(export, [kept, fmt], [file], **_PRIVATE)
        kept.change(hide_download, None, [file], **_PRIVATE)


def _wire_library(demo: gr.Blocks, u: _LibraryUI, tab: LibraryTab, chat: _ChatUI) -> None:
    outputs = [u.table, u.doomed, chat.articles, chat.author]
    demo.load(tab.refresh, None, outputs, **_PRIVATE)
    writes: dict[str, Any] = {"concurrency_limit": 1, "concurrency_id": "library-write"}
    u.add.click(tab.ingest_files, [u.files], [u.results, *outputs, u.files], **writes, **_PRIVATE)
    u.remove.click(tab.remove, [u.doomed], outputs, **writes, **_PRIVATE)


def build(
    library: Library, settings: Settings | None = None, chain: AnswerChain | None = None
) -> gr.Blocks:
    settings = settings or Settings()
    chain = chain or AnswerChain(library, settings.rag)
    llm = settings.rag.llm.configured
    chat = Chat(chain, llm)
    service = Service(chain, llm)
    lib_tab = LibraryTab(library, settings.ui.max_upload_mb)
    eval_tab = EvalTab(chain, settings.eval)
    rows = library.articles()
    modes = ["extractive", "llm"] if llm else ["extractive"]

    # delete_cache: Gradio's copies of uploads are removed after a day (ingest keeps its own).
    with gr.Blocks(title="Ibid", fill_width=True, delete_cache=(3600, 86400)) as demo:
        gr.HTML(
            '<header class="ibid-header"><h1>Ibid</h1><p>Answers from the archive. Every sentence '
            "cites its paragraph, and every paragraph its sources.</p></header>",
            head=_assets(),
            js_on_load=None,
        )
        exchanges = gr.State([])
        saved = gr.BrowserState([], storage_key="ibid-conversation")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"), gr.Row(equal_height=False):
                chat_ui = _chat_tab(rows, settings, modes, llm)
            with gr.Tab("Citation lookup", id="lookup"), gr.Row(equal_height=False):
                lookup_ui = _lookup_tab()
            with gr.Tab("Library", id="library"):
                library_ui = _library_tab(rows, settings.ui.max_upload_mb)
            with gr.Tab("Eval", id="eval"):
                eval_ui = eval_tab.render(modes)

        _wire_chat(demo, chat_ui, chat, exchanges, saved)
        _wire_library(demo, library_ui, lib_tab, chat_ui)
        _wire_lookup(lookup_ui, service)
        eval_ui["run"].click(
            eval_tab.run,
            eval_ui["inputs"],
            eval_ui["outputs"],
            concurrency_limit=1,
            concurrency_id="eval",
            **_PRIVATE,
        )
        service.register(concurrency_id=ANSWERING)

    demo.queue(default_concurrency_limit=settings.ui.concurrency, max_size=QUEUE_MAX)
    return demo


def warm(chain: AnswerChain) -> None:
    """Load the embedder, vector store, keyword index and checker before the first request."""
    chain.library.warm()
    _ = chain.checker


def parse_auth(auth: str | None) -> tuple[str, str] | None:
    if not auth:
        return None
    user, _, password = auth.partition(":")
    if not user or not password:
        raise ConfigError("ui.auth / --auth must look like user:password, both non-empty")
    return user, password


def serve(
    library: Library,
    settings: Settings,
    *,
    host: str,
    port: int,
    auth: str | None,
    allow_no_login: bool = False,
) -> None:
    credentials = parse_auth(auth)
    if check_address(host, port, login=credentials is not None, allow_no_login=allow_no_login):
        log.warning(
            "serving on %s without a login: anyone who can reach it can upload and remove articles",
            host,
        )
    chain = AnswerChain(library, settings.rag)
    warm(chain)
    demo = build(library, settings, chain)
    demo.launch(
        server_name=host,
        server_port=port,
        auth=credentials,
        show_error=False,
        max_file_size=f"{settings.ui.max_upload_mb:g}mb",
        footer_links=["api", "settings"],
        auth_message="Ibid: sign in to ask the archive.",
    )
