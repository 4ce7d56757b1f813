"""Ibid's ui layer."""

from ui import gradio_stubs

# Before any ui module imports Gradio: the finder costs nothing until Gradio is imported.
gradio_stubs.install()
