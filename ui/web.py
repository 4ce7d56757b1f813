"""Gradio app. Placeholder until the chat UI lands: lists the archive's articles."""

from __future__ import annotations

import os
from typing import Any


def build(library: Any) -> Any:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr

    with gr.Blocks(title="Ibid") as demo:
        gr.Markdown("# Ibid\nThe chat arrives with the retrieval chain. Indexed articles:")
        gr.Dataframe(
            value=[
                [r["id"], r["title"], r["n_chunks"], r["n_footnotes"]] for r in library.articles()
            ],
            headers=["id", "title", "chunks", "footnotes"],
            interactive=False,
        )
    return demo


def serve(library: Any, settings: Any, *, host: str, port: int, auth: str | None) -> None:
    demo = build(library)
    credentials = tuple(auth.split(":", 1)) if auth else None
    demo.queue(default_concurrency_limit=settings.ui.concurrency).launch(
        server_name=host, server_port=port, auth=credentials, show_error=False
    )
