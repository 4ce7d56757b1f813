"""Keep `import gradio` from regenerating Gradio's own type stubs on every start.

Gradio's component metaclass, for each of its ~80 component classes, re-reads the class's source,
parses it, renders a stub from a template and compares it with the `.pyi` in site-packages,
rewriting it when they differ (gradio/component_meta.py, `create_or_modify_pyi`). That serves
Gradio's own development; for an installed Gradio the stubs already ship in the wheel. On Python
3.11 it is half of `import gradio` (1.95 s → 1.02 s here), and `ibid serve` pays it before its
port opens. Skipping it changes nothing at run time: stubs are read only by type checkers.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

TARGET = "gradio.component_meta"
HOOK = "create_or_modify_pyi"


def _no_stub(*_args: Any, **_kwargs: Any) -> None:
    """Stands in for Gradio's stub writer."""


class _SkipStubs(importlib.abc.MetaPathFinder):
    """Finds `gradio.component_meta` as usual and replaces its stub writer once it has run."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != TARGET:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        run = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run(module)
            # A Gradio without the hook (renamed, or gated upstream) is left as it is.
            if callable(getattr(module, HOOK, None)):
                setattr(module, HOOK, _no_stub)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def install() -> None:
    """Put the finder first on the import path; a no-op once Gradio is imported or it is there."""
    if TARGET in sys.modules or any(isinstance(f, _SkipStubs) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _SkipStubs())
