"""Shared pieces of the CLI: the per-invocation App, common options, JSON output."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


class App:
    """Settings and Library for one invocation, built on first use."""

    def __init__(self) -> None:
        self.home: Path | None = None
        self.config: Path | None = None
        self._library: Any = None

    def settings(self) -> Any:
        import os

        from ui.config import load_settings

        if self.config is not None:
            os.environ["IBID_CONFIG"] = str(self.config)
        return load_settings(home=self.home)

    def chain(self) -> Any:
        from rag.chain import AnswerChain

        return AnswerChain(self.library(), self.settings().rag)

    def library(self) -> Any:
        if self._library is None:
            from index.library import Library

            settings = self.settings()
            self._library = lib = Library(settings.home, settings.index)
            others = lib.other_indexes()
            if others and lib.counts().articles == 0:
                click.echo(
                    f"note: {settings.home} has articles indexed under other embedding or "
                    f"chunking settings ({', '.join(others)}), not under the current ones "
                    f"({lib.collection_name}, backend {lib.backend}). Run `ibid ingest` on the "
                    "same files to index them for these settings, or set "
                    "index.embedding.backend = 'torch' if they were made before ONNX became "
                    "the default.",
                    err=True,
                )
        return self._library


def _common(fn: F) -> F:
    """--home and --config on every subcommand as well as on the group."""

    @click.option(
        "--home",
        type=click.Path(path_type=Path),
        default=None,
        help="State folder (default $IBID_HOME or ~/.local/share/ibid).",
    )
    @click.option(
        "--config",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help="An ibid.toml settings file.",
    )
    @click.pass_obj
    @wraps(fn)
    def wrapper(app: App, home: Path | None, config: Path | None, *args: Any, **kw: Any) -> Any:
        app.home = home or app.home
        app.config = config or app.config
        return fn(app, *args, **kw)

    return wrapper  # type: ignore[return-value]


def json_safe(data: Any) -> Any:
    """`data` with NaN and infinities as null: JSON has no such numbers, and a reader that
    follows the standard rejects the whole document over one."""
    if isinstance(data, float) and not math.isfinite(data):
        return None
    if isinstance(data, dict):
        return {k: json_safe(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [json_safe(v) for v in data]
    return data


def _emit(data: Any) -> None:
    click.echo(json.dumps(json_safe(data), ensure_ascii=False, indent=2, allow_nan=False))


def _filter_options(fn: F) -> F:
    """--author, --since, --until, --article and --language, handed to the command as one
    `filters` (rag.types.Filters): it checks the dates, with the words the web chat shows."""

    @wraps(fn)
    def wrapper(
        *args: Any,
        author: str | None,
        since: str | None,
        until: str | None,
        article: tuple[str, ...],
        language: str | None,
        **kw: Any,
    ) -> Any:
        from rag.types import Filters

        kw["filters"] = Filters(
            author=author, since=since, until=until, article_ids=list(article), language=language
        )
        return fn(*args, **kw)

    options = [
        click.option("--author", default=None, help="Only articles whose author contains this."),
        click.option("--since", default=None, help="Published on/after (YYYY-MM-DD)."),
        click.option("--until", default=None, help="Published on/before (YYYY-MM-DD)."),
        click.option("--article", multiple=True, help="Only this article id (repeatable)."),
        click.option("--language", default=None, help="Only articles in this language (en, tr…)."),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


# rag.bibliography.FORMATS, spelled out so that `--help` does not import the rag layer.
BIB_FORMATS = ("bibtex", "ris", "csl-json")


def _bib_option(fn: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(BIB_FORMATS),
        default=None,
        help="Print the cited sources as a bibliography (for Zotero) instead.",
    )(fn)


def _bib_check(fmt: str | None, as_json: bool) -> None:
    if fmt and as_json:
        raise click.UsageError("--json and --format print different things; pick one")


def _bibliography(entries: list[Any], fmt: str, nothing: str) -> None:
    """Print `entries` as a bibliography; with none, say why on stderr (exit status 0)."""
    if not entries:
        click.echo(f"ibid: {nothing}: no bibliography to print", err=True)
        return
    from rag.bibliography import render

    click.echo(render(entries, fmt), nl=False)
