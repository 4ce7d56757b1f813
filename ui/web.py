"""The Gradio app: chat with clickable citations, citation lookup, library, eval placeholder.

`build(library, settings, chain=None)` makes the Blocks (tests inject a Library built with the
session's embedder); `serve(...)` is what `ibid serve` runs. One Library and one AnswerChain
serve every session of the process, so the models stay loaded.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from index.errors import ConfigError
from index.library import Library
from rag.chain import AnswerChain
from ui.address import check_address
from ui.config import Settings
from ui.web_api import Service
from ui.web_chat import Chat
from ui.web_eval import EvalTab
from ui.web_export import controls as export_controls
from ui.web_export import hide_download
from ui.web_library import ALLOWED_EXTENSIONS, RESULT_HEADERS, LibraryTab
from ui.web_render import panel_html
from ui.web_views import ARTICLE_HEADERS, article_choices, article_rows, author_choices

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


def build(
    library: Library, settings: Settings | None = None, chain: AnswerChain | None = None
) -> gr.Blocks:
    settings = settings or Settings()
    chain = chain or AnswerChain(library, settings.rag)
    llm = settings.rag.llm.configured
    chat = Chat(chain, llm)
    service = Service(chain, llm)
    lib_tab = LibraryTab(library, settings.ui.max_upload_mb)
    eval_tab = EvalTab(chain)
    rows = library.articles()
    modes = ["extractive", "llm"] if llm else ["extractive"]
    default_mode = settings.rag.answer.mode if settings.rag.answer.mode in modes else "extractive"

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
                        article_choices(rows),
                        value=[],
                        multiselect=True,
                        label="Only these articles",
                    )
                    k = gr.Slider(
                        1, 12, value=settings.rag.retrieval.k, step=1, label="Evidence passages"
                    )
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
                    chat_fmt, chat_export, chat_file = export_controls("ibid-chat")
                with gr.Column(scale=4, min_width=320):
                    panel = gr.HTML(
                        panel_html([]), elem_id="ibid-panel", js_on_load=None, label="Citation"
                    )

            with gr.Tab("Citation lookup", id="lookup"), gr.Row(equal_height=False):
                with gr.Column(scale=3):
                    gr.Markdown(
                        "### Where does the archive say this?\nPaste a claim: the passages "
                        "that support or contradict it, with the sources they cite."
                    )
                    claim = gr.Textbox(
                        label="Claim", lines=2, elem_id="ibid-claim", max_length=2000
                    )
                    with gr.Row():
                        lookup_k = gr.Slider(1, 20, value=5, step=1, label="Passages", scale=3)
                        lookup = gr.Button(
                            "Look up", variant="primary", elem_id="ibid-lookup", scale=1
                        )
                    lookup_out = gr.HTML(elem_id="ibid-lookup-out", js_on_load=None)
                    found = gr.State([])
                    cite_fmt, cite_export, cite_file = export_controls("ibid-lookup")
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
                    src_fmt, src_export, src_file = export_controls("ibid-sources")

            with gr.Tab("Library", id="library"):
                table = gr.Dataframe(
                    article_rows(rows),
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
                            f"{settings.ui.max_upload_mb:g} MB each)",
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
                    doomed = gr.Dropdown(
                        article_choices(rows), value=None, scale=4, label="Remove an article"
                    )
                    remove = gr.Button("Remove", variant="stop", scale=1)

            with gr.Tab("Eval", id="eval"):
                eval_ui = eval_tab.render(modes)

        # events: UI handlers are private (not part of the client API) ----------------------
        private: dict[str, Any] = {"api_visibility": "private"}
        respond_io = {
            "fn": chat.respond,
            "inputs": [question, exchanges, author, since, until, articles, mode, k],
            "outputs": [chatbot, question, exchanges, panel, saved],
            "show_progress": "minimal",
            "concurrency_id": ANSWERING,
            **private,
        }
        question.submit(**respond_io)
        ask.click(**respond_io)
        copy.click(chat.export, [exchanges], [markdown, md_box], **private).then(
            None,
            [markdown],
            None,
            js="(md) => { if (md && navigator.clipboard) "
            "navigator.clipboard.writeText(md).catch(() => {}); }",
            **private,
        )
        for reset in (clear.click, chatbot.clear):
            reset(chat.clear, None, [chatbot, exchanges, panel, saved, markdown], **private)
        demo.load(chat.restore, [saved], [chatbot, exchanges, panel], **private)

        library_outputs = [table, doomed, articles, author]
        demo.load(lib_tab.refresh, None, library_outputs, **private)
        add.click(
            lib_tab.ingest_files,
            [files],
            [results, *library_outputs, files],
            concurrency_limit=1,
            concurrency_id="library-write",
            **private,
        )
        remove.click(
            lib_tab.remove,
            [doomed],
            library_outputs,
            concurrency_limit=1,
            concurrency_id="library-write",
            **private,
        )

        for look in (lookup.click, claim.submit):
            look(service.cite_view, [claim, lookup_k], [lookup_out, found],
                 concurrency_id=ANSWERING, **private)  # fmt: skip
        for trigger in (src_btn.click, src_url.submit, src_pub.submit):
            trigger(service.sources_view, [src_url, src_pub], [sources_out, source_rows], **private)

        # bibliography downloads: the newest answer's sources, or the lookup's
        chat_export.click(chat.bibliography, [exchanges, chat_fmt], [chat_file], **private)
        cite_export.click(service.export_passages, [found, cite_fmt], [cite_file], **private)
        src_export.click(service.export_sources, [source_rows, src_fmt], [src_file], **private)
        for kept, file in ((exchanges, chat_file), (found, cite_file), (source_rows, src_file)):
            kept.change(hide_download, None, [file], **private)  # a new result: the old file goes

        eval_ui["run"].click(
            eval_tab.run,
            eval_ui["inputs"],
            eval_ui["outputs"],
            concurrency_limit=1,
            concurrency_id="eval",
            **private,
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
