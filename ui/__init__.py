"""Ibid's ui layer."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType


class _OnGradioImport(MetaPathFinder):
    """Installs ui.gradio_stubs' finder when Gradio is first imported, so that a command which
    never imports Gradio (`ibid --help`, `ibid ask`) does not load even that module."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname == "gradio":
            sys.meta_path.remove(self)
            from ui import gradio_stubs

            gradio_stubs.install()
        return None  # Gradio itself is found as usual


# Before any ui module imports Gradio: the finder costs nothing until Gradio is imported.
sys.meta_path.insert(0, _OnGradioImport())
