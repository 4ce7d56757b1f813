"""One typed row per kind (articles, sources, cite passages, the ingest report), serialised the
same way by the CLI's --json and the web API; one wording of every error; one date check."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import gradio as gr
import pytest

from index.errors import InputError
from index.library import Library
from index.types import ArticleRow, IngestReport
from rag.bibliography import entries_from_sources
from rag.chain import AnswerChain
from rag.lookup import source_rows, sources
from rag.types import Filters, Passage, SourceRow, json_rows
from tests.conftest import SAMPLE, in_process_cli, sample_library
from ui.errors import cli_message, internal_message, web_message

pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]

ARTICLE_KEYS = ["id", "title", "author", "published", "path", "chunks", "footnotes"]
ARTICLE_KEYS += ["language", "format"]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> Iterator[Library]:
    yield from sample_library(tmp_path_factory, embedder, "contracts-home")


@pytest.fixture
def ibid(library: Library, monkeypatch: pytest.MonkeyPatch) -> Any:
    """`ibid ARGS…` in-process on the test library."""
    return in_process_cli(library, monkeypatch)


def _service(library: Library, chain: AnswerChain | None = None) -> Any:
    """The web API's handlers; without a chain, for endpoints that only read the library."""
    from ui.web.api import Service

    return Service(chain or SimpleNamespace(library=library), llm_configured=False)  # type: ignore[arg-type]


def test_articles_row_is_the_cli_json_and_the_api_json(library: Library, ibid: Any) -> None:
    [row] = library.articles()
    assert isinstance(row, ArticleRow) and row.path == str(SAMPLE.resolve())
    out = ibid("articles", "--json")
    assert out.exit_code == 0, out.stderr
    [cli_row] = json.loads(out.stdout)
    assert list(cli_row) == ARTICLE_KEYS and cli_row == row.to_json()
    # The web API names the file "source" (gradio_client downloads a dict's "path"), in place.
    [api_row] = _service(library).articles()
    assert list(api_row) == [k if k != "path" else "source" for k in ARTICLE_KEYS]
    assert api_row == {("source" if k == "path" else k): v for k, v in cli_row.items()}


def test_sources_rows_serialise_once(library: Library, ibid: Any) -> None:
    rows = source_rows(library, url="gmfus")
    assert all(isinstance(r, SourceRow) for r in rows)
    as_json = sources(library, url="gmfus")
    assert as_json == json_rows(rows)
    assert list(as_json[0]) == ["url", "title", "publisher", "cited_by"]
    assert list(as_json[0]["cited_by"][0]) == ["article_id", "title", "paragraph", "label"]
    out = ibid("sources", "--url", "gmfus", "--json")
    assert out.exit_code == 0, out.stderr
    assert json.loads(out.stdout) == as_json == _service(library).sources(url="gmfus")
    # A bibliography from the rows or from their JSON is the same.
    assert entries_from_sources(rows, library) == entries_from_sources(as_json, library)


def test_cite_rows_serialise_once(library: Library, ibid: Any) -> None:
    claim = "Modi visited Moscow in July 2025"
    out = ibid("cite", claim, "--k", "3", "--json")
    assert out.exit_code == 0, out.stderr
    printed = json.loads(out.stdout)
    assert printed and json_rows(Passage.model_validate(p) for p in printed) == printed
    assert _service(library, AnswerChain(library)).cite(claim, 3) == printed


def test_ingest_report_json_is_its_fields() -> None:
    report = IngestReport(added=1, collection="c")
    report.failed.append({"path": "x.txt", "error": "binary file"})
    report.skipped.append({"path": ".hidden", "reason": "hidden"})
    data = report.to_json()
    assert data["failed"] == [{"path": "x.txt", "error": "binary file"}]
    assert data["skipped"] == [{"path": ".hidden", "reason": "hidden"}]
    assert set(data) >= {"added", "updated", "unchanged", "removed", "warnings", "parsed"}


# one wording of every error --------------------------------------------------------------------
def test_a_domain_error_reads_the_same_everywhere(caplog: pytest.LogCaptureFixture) -> None:
    exc = InputError("k must be between 1 and 50, got 0")
    assert cli_message(exc, "`ibid ask`") == web_message(exc, "Answering") == str(exc)
    assert not caplog.records, "a domain error is the user's to fix: nothing to log"


def test_a_bug_is_named_on_the_command_line_and_only_logged_on_a_server(
    caplog: pytest.LogCaptureFixture,
) -> None:
    bug = RuntimeError("secret stack detail")
    local = cli_message(bug, "`ibid ask`")
    assert "RuntimeError: secret stack detail" in local and "IBID_DEBUG=1" in local
    with caplog.at_level(logging.ERROR, logger="ibid.ui"):
        shown = web_message(bug, "Answering", "the question")
    assert shown == internal_message("Answering") and "secret" not in shown
    [record] = caplog.records
    assert record.exc_info and "the question" in record.getMessage()


def test_cli_bug_is_a_message_with_the_command(ibid: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.cli.util import App

    def broken(self: App) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(App, "library", broken)
    out = ibid("articles")
    assert out.exit_code == 1
    assert out.stderr.strip() == "ibid: error: " + internal_message(
        "`ibid articles`", RuntimeError("boom")
    )


# one date check ---------------------------------------------------------------------------------
BAD = "2025-02-30"


def _filters_message() -> str:
    with pytest.raises(InputError) as caught:
        Filters(until=BAD)
    return str(caught.value)


def test_bad_date_is_one_message_in_cli_chat_and_api(
    library: Library, ibid: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _filters_message()
    assert "until must be a date like 2025-07-01" in expected and BAD in expected
    from ui.cli.util import App

    def no_chain(self: App) -> Any:
        raise AssertionError("the dates are checked before the models load")

    monkeypatch.setattr(App, "chain", no_chain)
    for command in (["ask", "q"], ["cite", "a claim"]):
        out = ibid(*command, "--until", BAD)
        assert out.exit_code == 2 and out.stderr == f"ibid: error: {expected}\n", out.stderr

    from ui.web.chat import Chat

    chat = Chat(SimpleNamespace(library=library), llm_configured=False)  # type: ignore[arg-type]
    with pytest.warns(UserWarning) as warned:
        steps = list(chat.respond("q", [], None, "", BAD, [], "extractive", 6))
    assert len(steps) == 1, "nothing is asked with a bad date"
    from ui.web.render import esc

    assert esc(expected) in [str(w.message) for w in warned]

    with pytest.raises(gr.Error) as api_error:
        _service(library).ask("q", until=BAD)
    assert api_error.value.message == expected
