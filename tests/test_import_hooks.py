"""Importing Ibid's ui keeps Gradio from rewriting its type stubs, and Gradio still works."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import ROOT


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_ui_import_skips_gradio_stub_regeneration_and_blocks_still_build() -> None:
    out = _run(
        """
        import sys
        import ui
        import gradio as gr
        import gradio.component_meta as meta
        from gradio import blocks_events
        print(meta.create_or_modify_pyi.__name__, blocks_events.create_or_modify_pyi.__name__)
        with gr.Blocks() as demo:
            box = gr.Textbox(label="q")
            out = gr.Markdown()
            box.submit(lambda q: q.upper(), box, out)
        print(type(demo).__name__, len(demo.fns))
        ui.import_hooks.install()  # again: stays one finder
        print(sum(type(f).__name__ == "_SkipStubs" for f in sys.meta_path))
        """
    )
    assert out.splitlines() == ["_no_stub _no_stub", "Blocks 1", "1"]


def test_without_ui_gradio_keeps_its_own_stub_writer() -> None:
    # The finder is what changes Gradio, not some other import side effect.
    out = _run("import gradio.component_meta as m; print(m.create_or_modify_pyi.__name__)")
    assert out == "create_or_modify_pyi"
