"""The `ibid` command: a thin layer over the library. Errors become messages only here, in the
words of ui.errors."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from index.errors import IbidError
from ui.cli.util import (
    App,
    _bib_check,
    _bib_option,
    _bibliography,
    _common,
    _emit,
    _filter_options,
)
from ui.errors import cli_message

if TYPE_CHECKING:
    from rag.types import Filters


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except IbidError as exc:
            click.echo(f"ibid: error: {cli_message(exc, _command(ctx))}", err=True)
            ctx.exit(2)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("ibid: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # `ibid sources | head`: the reader has gone; nothing is left to say.
            os._exit(141)
        except Exception as exc:
            # A bug, not bad input: still a message, not a stack, unless asked for.
            if os.environ.get("IBID_DEBUG"):
                raise
            click.echo(f"ibid: error: {cli_message(exc, _command(ctx))}", err=True)
            ctx.exit(1)


def _command(ctx: click.Context) -> str:
    """The command that failed, as an internal error's message names it: `ibid ask`."""
    return f"`{' '.join(filter(None, ('ibid', ctx.invoked_subcommand)))}`"


@click.group(cls=_Group)
@click.option("--home", type=click.Path(path_type=Path), default=None, help="State folder.")
@click.option(
    "--config",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="An ibid.toml settings file.",
)
@click.version_option(package_name="ibid")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, config: Path | None) -> None:
    """Ibid: answers from your analysis archive, cited down to each article's footnotes."""
    ctx.obj = App()
    ctx.obj.home, ctx.obj.config = home, config


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--sample",
    is_flag=True,
    help="Also ingest the sample analysis that ships with Ibid (what `make demo` shows).",
)
@click.option("--prune", is_flag=True, help="Remove articles whose files are gone.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@_common
def ingest(app: App, paths: tuple[Path, ...], sample: bool, prune: bool, as_json: bool) -> None:
    """Add or update articles from files and folders (recursive); unchanged ones are skipped."""
    import signal

    if sample:
        from eval.bundled import SAMPLE_DIR

        paths = (*paths, SAMPLE_DIR)
    if not paths:
        raise click.UsageError("name the files or folders to ingest (or --sample for the demo).")

    # SIGTERM (a service manager, `timeout`) stops the run the way Ctrl-C does: between
    # files, with a report of what was committed.
    signal.signal(signal.SIGTERM, _terminate)
    library = app.library()
    with library.owning("ibid ingest"):
        report = library.ingest(list(paths), prune=prune, progress=not as_json)
    if as_json:
        _emit(report.to_json())
    else:
        from ui.cli.render import ingest_text

        click.echo(ingest_text(report))
    if report.interrupted:
        sys.exit(130)
    sys.exit(1 if report.failed else 0)


def _terminate(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@_common
def articles(app: App, as_json: bool) -> None:
    """List indexed articles."""
    rows = app.library().articles()
    if as_json:
        _emit([r.to_json() for r in rows])
        return
    from ui.cli.render import articles_text

    click.echo(articles_text(rows))


@cli.command()
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True)
@_common
def show(app: App, article_id: str, as_json: bool) -> None:
    """Show one article: metadata, paragraphs with their notes, and the resolved notes list."""
    from ui.cli.render import article_json, article_text

    library = app.library()
    article = library.article(article_id)
    versions = library.versions(article_id)
    if as_json:
        _emit(article_json(article, versions))
    else:
        click.echo(article_text(article, versions))


@cli.command()
@click.argument("article_id")
@_common
def remove(app: App, article_id: str) -> None:
    """Remove an article from the archive (ingesting its file again brings it back)."""
    library = app.library()
    with library.owning("ibid remove"):
        library.remove(article_id)
    click.echo(f"removed {article_id}")


@cli.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True)
# 50 is rag.types.MAX_K, spelled out so that `--help` does not import the rag layer.
@click.option(
    "--k", type=click.IntRange(1, 50), default=None, help="Evidence chunks to use (1-50)."
)
@click.option("--mode", type=click.Choice(["extractive", "llm"]), default=None)
@_bib_option
@_filter_options
@_common
def ask(
    app: App,
    question: str,
    as_json: bool,
    k: int | None,
    mode: str | None,
    fmt: str | None,
    filters: Filters,
) -> None:
    """Answer a question from the archive, every sentence cited."""
    _bib_check(fmt, as_json)
    from ui.cli.render import answer_text

    request = {"question": question, "k": k, "mode": mode, "filters": filters}
    answer = app.chain().invoke(request)
    if fmt:
        from rag.bibliography import entries_from_answer

        why = "the answer was refused" if answer.refused else "the answer cites no footnotes"
        _bibliography(entries_from_answer(answer), fmt, why)
    elif as_json:
        _emit(answer.to_json())
    else:
        click.echo(answer_text(answer))


@cli.command()
@click.argument("claim")
@click.option("--json", "as_json", is_flag=True)
@click.option("--k", type=click.IntRange(1, 50), default=5, help="Passages to return (1-50).")
@_bib_option
@_filter_options
@_common
def cite(
    app: App,
    claim: str,
    as_json: bool,
    k: int,
    fmt: str | None,
    filters: Filters,
) -> None:
    """Where does the archive say CLAIM, and on what source? Passages for and against it."""
    _bib_check(fmt, as_json)
    from rag.lookup import cite as find

    chain = app.chain()
    passages = find(
        chain.library,
        chain.retriever,
        chain.checker,
        claim,
        k=k,
        filters=filters,
        cover_preceding=chain.settings.answer.cover_preceding,
        reader=chain.reader,
        reader_top_n=chain.settings.reader.top_n,
    )
    if fmt:
        from rag.bibliography import entries_from_passages

        _bibliography(entries_from_passages(passages), fmt, "no passage cites a source")
    elif as_json:
        from rag.types import json_rows

        _emit(json_rows(passages))
    else:
        from ui.cli.render import passages_text

        click.echo(passages_text(passages))


@cli.command()
@click.option("--url", default=None, help="Only sources whose URL contains this.")
@click.option("--publisher", default=None, help="Only sources whose publisher contains this.")
@click.option("--json", "as_json", is_flag=True)
@_bib_option
@_common
def sources(
    app: App, url: str | None, publisher: str | None, as_json: bool, fmt: str | None
) -> None:
    """Every footnoted source in the archive, with the articles and paragraphs that cite it."""
    from rag.lookup import source_rows

    _bib_check(fmt, as_json)
    rows = source_rows(app.library(), url=url, publisher=publisher)
    if fmt:
        from rag.bibliography import entries_from_sources

        entries = entries_from_sources(rows, app.library())
        _bibliography(entries, fmt, "no footnoted source matches")
    elif as_json:
        from rag.types import json_rows

        _emit(json_rows(rows))
    else:
        from ui.cli.render import sources_text

        click.echo(sources_text(rows))


@cli.command()
@click.option("--host", default=None, help="Bind address (default 127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default 7860).")
@click.option(
    "--auth",
    default=None,
    help="user:password to require a login (IBID_UI__AUTH keeps it out of the process list).",
)
@click.option(
    "--allow-no-login",
    is_flag=True,
    help="Serve on a non-loopback address without --auth (anyone who reaches it can upload "
    "and remove articles).",
)
@_common
def serve(
    app: App, host: str | None, port: int | None, auth: str | None, allow_no_login: bool
) -> None:
    """Serve the web UI: chat with clickable citations, citation lookup, library."""
    from ui.address import check_address

    settings = app.settings()
    host, port, auth = host or settings.ui.host, port or settings.ui.port, auth or settings.ui.auth
    # Fail on a bad address in a second, not after Gradio and the models have loaded.
    check_address(host, port, login=bool(auth), allow_no_login=allow_no_login)
    library = app.library()
    with library.owning("ibid serve"):
        # Load the embedder, Chroma and BM25 while the main thread imports Gradio (~2 s): ONNX
        # Runtime and Chroma initialise in native code, so on two cores the two overlap.
        warming = threading.Thread(target=_warm_quietly, args=(library,), daemon=True)
        warming.start()
        from ui.web.app import serve as run

        warming.join()
        run(library, settings, host=host, port=port, auth=auth, allow_no_login=allow_no_login)


def _warm_quietly(library: Any) -> None:
    try:
        library.warm()
    except Exception:  # serve warms again in the main thread and reports the error there
        return


def _register_eval() -> None:
    from ui.cli.evaluation import eval_group

    cli.add_command(eval_group)


_register_eval()


# Commands that only read the archive. After one of them, the process exits without
# interpreter teardown: freeing torch, Chroma and BM25 took ~1.1 s of a ~6 s cold `ibid ask`
# (benchmarks/query.py), and a read leaves nothing to save.
READ_ONLY = {"ask", "cite", "articles", "show", "sources"}


def main() -> None:
    try:
        cli(prog_name="ibid")
    except SystemExit as exc:
        if _invoked(sys.argv[1:]) in READ_ONLY and (exc.code is None or isinstance(exc.code, int)):
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(exc.code or 0)
        raise


def _invoked(args: list[str]) -> str | None:
    """The subcommand name in `args`, skipping the group's own options."""
    i = 0
    while i < len(args):
        if args[i] in ("--home", "--config"):
            i += 2
        elif args[i].startswith("-"):
            return None  # --help, --version or an unknown option: the normal exit path
        else:
            return args[i]
    return None
