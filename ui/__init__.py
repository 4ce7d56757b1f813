"""Ibid's ui layer."""

from ui import import_hooks

# Before any ui module imports Gradio; the finder costs nothing until Gradio is imported.
import_hooks.install()
