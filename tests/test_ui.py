"""The web UI without a browser: HTML rendering on real answers, escaping, uploads, the
chat handler, and the gradio_client API of a running app."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import gradio as gr
import pytest

from index.errors import IbidError
from index.library import Library
from rag.chain import AnswerChain
from rag.citations import make_citation
from rag.lookup import Passage
from rag.types import Answer, AnswerSentence, Citation, Filters, SourceRef
from tests.conftest import SAMPLE
from ui.config import Settings, UISettings
from ui.web.chat import INTERNAL_ERROR, Chat
from ui.web.library import LibraryTab, check_upload, safe_name
from ui.web.render import (
    Exchange,
    answer_html,
    answer_markdown,
    card_html,
    esc_md,
    note_html,
    panel_html,
    source_link,
)
from ui.web.views import passages_html, sources_html

pytestmark = [
    # gradio's own queue code, under pandas 3
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated:DeprecationWarning"),
]

MODI = "What did Modi do in July 2025?"
GMFUS = "https://www.gmfus.org/news/has-united-states-really-lost-india"
PAYLOAD = (
    "<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1)) ${alert(1)}"
)
SAFE_TAGS = {
    "div",
    "p",
    "span",
    "a",
    "mark",
    "sup",
    "blockquote",
    "ul",
    "li",
    "h3",
    "h4",
    "nav",
    "article",
    "code",
    "b",
    "details",
    "summary",
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_inert(markup: str) -> None:
    """Only our own tags; no event-handler attributes; hrefs only https:// or our anchors."""
    parser = _Tags()
    parser.feed(markup)
    for tag, attrs in parser.tags:
        assert tag in SAFE_TAGS, (tag, markup)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert "javascript:" not in (value or "").lower() or name == "title", (tag, name)
            if name == "href":
                assert (value or "").startswith(("https://", "http://", "#ibid-cite-")), value


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> Iterator[Library]:
    lib = Library(tmp_path_factory.mktemp("ui-home"), embeddings=embedder)  # type: ignore[arg-type]
    assert lib.ingest([SAMPLE]).failed == []
    yield lib
    lib.manifest.close()


@pytest.fixture(scope="module")
def chain(library: Library) -> AnswerChain:
    return AnswerChain(library)


@pytest.fixture(scope="module")
def modi(chain: AnswerChain) -> Answer:
    answer = chain.invoke(MODI)
    assert not answer.refused and answer.citations
    return answer


def _exchange(chat: Chat, answer: Answer) -> Exchange:
    return Exchange(question=answer.question, answer=answer, paragraphs=chat.snapshot(answer))


# rendering real answers ----------------------------------------------------------------------
def test_answer_html_links_every_citation(modi: Answer) -> None:
    markup = answer_html(0, modi)
    for c in modi.citations:
        assert f'<a class="ibid-cite" href="#ibid-cite-0-{c.n}"' in markup
    assert "Modi visited Moscow in July 2025" in markup
    assert "ibid-unsupported" not in markup and "ibid-refusal" not in markup
    assert_inert(markup)


def test_citation_panel_shows_paragraph_quote_and_sources(chain: AnswerChain, modi: Answer) -> None:
    chat = Chat(chain, llm_configured=False)
    ex = _exchange(chat, modi)
    c = next(c for c in modi.citations if "Modi visited Moscow" in c.quote)
    markup = panel_html([ex], (0, c.n))
    card = markup[markup.index(f'id="ibid-card-0-{c.n}"') - 40 :]
    card = card[: card.index("</article>")]
    assert 'class="ibid-card is-active"' in card
    assert "A Period of Rapprochement in India-US Relations" in card
    assert "Dr. Cenk TAMER" in card and f"¶{c.paragraph}" in card
    assert f"<mark>{c.quote}</mark>" in card  # the quote, highlighted, inside its paragraph
    assert "Generally speaking, India" in card  # ...the rest of the paragraph is there too
    assert '<sup class="ibid-marker is-cited">[v]</sup>' in card
    assert f'href="{GMFUS}" target="_blank" rel="noopener noreferrer"' in card
    # The quote has no marker: [v] closes a later sentence, so it is shown as a note that may
    # cover the quote, not as its source.
    assert "No footnote marker in these words." in card and "may cover this one" in card
    assert_inert(markup)


def test_ibid_note_is_shown_resolved(library: Library) -> None:
    article = library.article("india-us-rapprochement")
    para = article.paragraph(1)
    assert para is not None
    start = para.text.index("Trump announced that he would reduce")
    c = make_citation(1, article, para, start, len(para.text))
    markup = card_html(0, c, para, [1], active=True)
    assert "Ibid. → [i]" in markup
    assert 'href="https://www.bbc.com/news/articles/c5yve1x9zv0o"' in markup
    assert "BBC" in markup


def test_refusal_looks_like_a_refusal(chain: AnswerChain) -> None:
    answer = chain.invoke("What is the recipe for lasagna?")
    assert answer.refused
    markup = answer_html(0, answer)
    assert "ibid-refusal" in markup and "Not in the archive" in markup
    assert "See also" in markup and "A Period of Rapprochement" in markup
    assert "ibid-cite" not in markup


def test_unsupported_sentence_is_marked_with_reasons(modi: Answer) -> None:
    answer = modi.model_copy(deep=True)
    answer.sentences[0].supported = False
    answer.sentences[0].reasons = ["date 1999 not in the passage"]
    markup = answer_html(0, answer)
    assert 'class="ibid-s ibid-unsupported"' in markup
    assert "date 1999 not in the passage" in markup  # in the tooltip (title attribute)
    assert "1 sentence is not supported" in markup
    assert markup.count("ibid-unsupported") == 1
    assert markup.count("date 1999 not in the passage") == 2  # tooltip, and listed visibly


def test_markdown_export_has_footnotes(modi: Answer) -> None:
    md = answer_markdown(modi)
    body, _, notes = md.partition("\n\n[1] ")
    assert modi.answer in body and "[1]" in body
    first = modi.citations[0]
    assert notes.startswith(f"{first.title}, ¶{first.paragraph} — “{first.quote}” — source: ")
    assert f"GMFUS {GMFUS}" in md
    assert md.count("\n[") == len(modi.citations)


# escaping ------------------------------------------------------------------------------------
def _evil_citation() -> tuple[Citation, Any]:
    from index.types import Marker, Paragraph

    text = f"Before {PAYLOAD} quoted words.[1] After."
    para = Paragraph(
        n=1,
        text=text,
        markers=[Marker(label="1", start=text.index("[1]"), end=text.index("[1]") + 3)],
    )
    note = SourceRef(
        label="1",
        title=PAYLOAD,
        publisher='<b onmouseover="alert(1)">P</b>',
        url="javascript:alert(1)",
        text=PAYLOAD,
    )
    raw = SourceRef(label="2", text="javascript:alert(2) <img src=x onerror=alert(2)>")
    c = Citation(
        n=1,
        article_id="evil<script>",
        title=PAYLOAD,
        author=PAYLOAD,
        published=PAYLOAD,
        url="javascript:alert(3)",
        paragraph=1,
        section=PAYLOAD,
        quote=text[7:-7],
        start=7,
        end=len(text) - 7,
        footnotes=[note, raw],
    )
    return c, para


def test_corpus_text_renders_inert_everywhere() -> None:
    c, para = _evil_citation()
    answer = Answer(
        question=PAYLOAD,
        answer=PAYLOAD,
        citations=[c],
        sentences=[AnswerSentence(text=PAYLOAD, citations=[1], supported=False, reasons=[PAYLOAD])],
    )
    ex = Exchange(question=PAYLOAD, answer=answer, paragraphs={"evil<script>#1": para})
    refused = Answer(question="q", answer=PAYLOAD, refused=True, see_also=[])
    passage = Passage(
        article_id="e",
        title=PAYLOAD,
        paragraph=1,
        quote=c.quote,
        start=c.start,
        end=c.end,
        support=0.5,
        verdict="related",
        reasons=[PAYLOAD],
        footnotes=c.footnotes,
    )
    rows = [
        {
            "url": "javascript:alert(1)",
            "title": PAYLOAD,
            "publisher": PAYLOAD,
            "cited_by": [
                {"article_id": PAYLOAD, "title": PAYLOAD, "paragraph": 1, "label": PAYLOAD}
            ],
        }
    ]
    outputs = [
        answer_html(0, answer),
        answer_html(0, refused),
        panel_html([ex], (0, 1)),
        passages_html(PAYLOAD, [(passage, para)]),
        sources_html(rows, PAYLOAD, PAYLOAD),
    ]
    for markup in outputs:
        assert_inert(markup)
        assert "<script" not in markup and "<img" not in markup and "<b " not in markup
    panel = outputs[2]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel  # shown as text
    assert '<span class="ibid-url-inert">javascript:alert(1)</span>' in panel
    assert "javascript:alert(2)" in panel  # a note without parsed fields shows its text
    # chatbot text cannot form Markdown links or template expressions
    assert "](javascript" not in outputs[0] and "${" not in outputs[0]


def test_only_http_urls_become_links() -> None:
    assert (
        source_link("javascript:alert(1)")
        == '<span class="ibid-url-inert">javascript:alert(1)</span>'
    )
    assert source_link("data:text/html,<script>").startswith('<span class="ibid-url-inert">')
    assert source_link('https://x.org/"onmouseover="alert(1)').startswith("<span")
    assert 'href="https://x.org/a?b=1&amp;c=2"' in source_link("https://x.org/a?b=1&c=2")
    assert "ibid-ibid" in note_html(SourceRef(label="ii", ibid_of="i", text="Ibid."))
    assert not set(esc_md("[a](b) *c* `d` $e$ _f_ {{g}}")) & set("[]()*`$_{}")


# uploads ---------------------------------------------------------------------------------------
def test_upload_validation(tmp_path: Path) -> None:
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    assert "'.exe' files are not accepted" in (check_upload(exe, exe.name, 20) or "")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 1_200_000)
    problem = check_upload(big, big.name, 1)
    assert problem is not None and "1.2 MB" in problem and "limit is 1 MB" in problem
    ok = tmp_path / "fine.md"
    ok.write_text("# Title\n\nText.")
    assert check_upload(ok, ok.name, 1) is None
    assert safe_name("../../etc/passwd.txt") == "passwd.txt"
    assert safe_name("..\\..\\evil <b>.HTML") == "evil_b.html"
    assert safe_name(".md") == "upload.md"  # never a hidden file


def test_ingest_uploads_reports_each_file(tmp_path: Path, make_library: Any) -> None:
    lib = make_library()
    tab = LibraryTab(lib, max_upload_mb=1)
    sample = tmp_path / "in" / SAMPLE.name
    sample.parent.mkdir()
    sample.write_bytes(SAMPLE.read_bytes())
    bad = tmp_path / "in" / "notes.exe"
    bad.write_bytes(b"MZ")
    big = tmp_path / "in" / "huge.txt"
    big.write_bytes(b"word " * 300_000)
    empty = tmp_path / "in" / "empty.txt"
    empty.write_text("   ")
    rows, table, *_ = tab.ingest_files([str(p) for p in (sample, bad, big, empty)])
    by_file = {r[0]: r for r in rows}
    assert by_file[sample.name][1:3] == ["added", "india-us-rapprochement"]
    assert by_file["notes.exe"][1] == "failed" and "not accepted" in by_file["notes.exe"][3]
    assert by_file["huge.txt"][1] == "failed" and "upload limit" in by_file["huge.txt"][3]
    assert by_file["empty.txt"][1] == "failed" and by_file["empty.txt"][3]
    assert [r[0] for r in table] == ["india-us-rapprochement"]
    assert not (lib.home / "uploads" / "empty.txt").exists()  # a failed upload leaves nothing
    rows, *_ = tab.ingest_files([str(sample)])
    assert rows[0][1] == "unchanged"
    tab.remove("india-us-rapprochement")
    assert lib.articles() == []


# chat handler -----------------------------------------------------------------------------------
def _run(chat: Chat, question: str, exchanges: list[Exchange]) -> list[tuple[Any, ...]]:
    return list(chat.respond(question, exchanges, None, "", "", [], "extractive", 6))


def test_respond_streams_then_keeps_answer_in_state(chain: AnswerChain) -> None:
    chat = Chat(chain, llm_configured=False)
    steps = _run(chat, MODI, [])
    assert "ibid-streaming" in steps[0][0][-1]["content"] and steps[0][1] == ""
    messages, _, exchanges, panel, saved = steps[-1]
    assert len(messages) == 2 and 'href="#ibid-cite-0-1"' in messages[1]["content"]
    assert (
        exchanges[0].answer.citations and 'class="ibid-card is-active" id="ibid-card-0-1"' in panel
    )
    assert saved[0]["answer"]["citations"][0]["quote"] == exchanges[0].answer.citations[0].quote
    # a follow-up uses the conversation, and the first answer's citations stay
    messages, _, exchanges, panel, saved = _run(chat, "And what about China?", exchanges)[-1]
    assert len(exchanges) == 2 and "Read as:" in messages[3]["content"]
    assert 'id="ibid-card-0-1"' in panel and 'id="ibid-card-1-1"' in panel
    # a refresh rebuilds the same conversation from the browser's store
    restored, again, _ = chat.restore(saved)
    assert [e.model_dump() for e in again] == [e.model_dump() for e in exchanges]
    assert restored == messages
    assert chat.restore([{"bogus": 1}, "x"])[1] == []


class _Broken:
    def __init__(self, library: Library, exc: Exception) -> None:
        self.library, self.exc = library, exc

    def stream(self, request: Any) -> Iterator[Any]:
        raise self.exc
        yield


def test_errors_become_messages_not_tracebacks(library: Library) -> None:
    chat = Chat(_Broken(library, IbidError("the index is <b>locked</b>")), False)  # type: ignore[arg-type]
    with pytest.warns(UserWarning, match="locked"):
        messages, _, exchanges, _, _ = _run(chat, "q", [])[-1]
    assert "ibid-error" in messages[1]["content"] and "&lt;b&gt;locked" in messages[1]["content"]
    assert exchanges[0].answer is None
    chat = Chat(_Broken(library, RuntimeError("secret stack detail")), False)  # type: ignore[arg-type]
    messages, *_ = _run(chat, "q", [])[-1]
    assert INTERNAL_ERROR in messages[1]["content"].replace("&#39;", "'")
    assert "secret stack detail" not in messages[1]["content"]
    with pytest.raises(IbidError, match="date like"):
        Filters(since="2025-13-01")


# the running app ---------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def app_url(library: Library, chain: AnswerChain) -> Iterator[str]:
    from ui.web.app import build

    demo = build(library, Settings(home=library.home), chain)
    port = _free_port()
    demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    demo.close()


def test_gradio_client_api(app_url: str) -> None:
    from gradio_client import Client

    client = Client(app_url, verbose=False)
    answer = client.predict(MODI, api_name="/ask")
    assert not answer["refused"] and answer["citations"]
    assert any("Modi visited Moscow" in c["quote"] for c in answer["citations"])
    follow = client.predict("And what about China?", history=[answer], api_name="/ask")
    assert follow["standalone_question"]
    passages = client.predict("Modi visited Moscow in July 2025", 3, api_name="/cite")
    assert passages[0]["verdict"] == "supports"
    assert passages[0]["footnotes"] or passages[0]["nearby_notes"]
    rows = client.predict(url="bbc.com", api_name="/sources")
    assert rows[0]["cited_by"][0]["article_id"] == "india-us-rapprochement"
    assert client.predict(api_name="/articles")[0]["id"] == "india-us-rapprochement"
    with pytest.raises(Exception, match="mode must be extractive or llm"):
        client.predict(MODI, "bogus", api_name="/ask")
    with pytest.raises(Exception, match="history must be a list of earlier /ask results"):
        client.predict(MODI, history=[{"x": 1}], api_name="/ask")
    names = set(client.view_api(return_format="dict", print_info=False)["named_endpoints"])
    assert names == {"/ask", "/cite", "/sources", "/articles"}  # UI handlers stay private


def test_twenty_concurrent_users_are_all_answered(app_url: str) -> None:
    from gradio_client import Client

    client = Client(app_url, verbose=False)
    jobs = [
        client.submit(MODI if i % 2 else "What is the recipe for lasagna?", api_name="/ask")
        for i in range(20)
    ]
    results = [job.result(timeout=120) for job in jobs]
    assert sum(r["refused"] for r in results) == 10
    assert all(r["citations"] for r in results if not r["refused"])


# serve -------------------------------------------------------------------------------------------
def test_serve_binds_loopback_with_optional_login(
    monkeypatch: pytest.MonkeyPatch, library: Library
) -> None:
    import ui.web.app

    seen: dict[str, Any] = {}
    monkeypatch.setattr(ui.web.app, "warm", lambda chain: None)
    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **kw: seen.update(kw))
    settings = Settings(home=library.home, ui=UISettings(max_upload_mb=5))
    ui.web.app.serve(library, settings, host=settings.ui.host, port=7861, auth="ann:s3cret:x")
    assert seen["server_name"] == "127.0.0.1" and seen["auth"] == ("ann", "s3cret:x")
    assert seen["max_file_size"] == "5mb" and seen["show_error"] is False
    with pytest.raises(IbidError, match="user:password"):
        ui.web.app.serve(library, settings, host="127.0.0.1", port=7861, auth="ann:")


def test_cli_serve_passes_host_port_auth(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from click.testing import CliRunner

    import ui.web.app
    from ui.cli import cli

    for name in ("IBID_UI__AUTH", "IBID_UI__HOST", "IBID_UI__PORT", "IBID_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(ui.web.app, "serve", lambda library, settings, **kw: calls.append(kw))
    runner = CliRunner()
    assert runner.invoke(cli, ["--home", str(tmp_path), "serve"]).exit_code == 0
    assert calls[-1] == {"host": "127.0.0.1", "port": 7860, "auth": None, "allow_no_login": False}
    env = {"IBID_UI__AUTH": "a:b"}
    assert (
        runner.invoke(cli, ["--home", str(tmp_path), "serve", "--port", "9000"], env=env).exit_code
        == 0
    )
    assert calls[-1] == {"host": "127.0.0.1", "port": 9000, "auth": "a:b", "allow_no_login": False}
    args = ["serve", "--home", str(tmp_path), "--host", "0.0.0.0", "--auth", "u:p"]
    assert runner.invoke(cli, args).exit_code == 0
    assert calls[-1] == {"host": "0.0.0.0", "port": 7860, "auth": "u:p", "allow_no_login": False}
    # Reachable from other machines with no login: refused unless asked for, then warned.
    open_args = ["serve", "--home", str(tmp_path), "--host", "0.0.0.0"]
    refused = runner.invoke(cli, open_args)
    assert refused.exit_code == 2 and "--allow-no-login" in refused.output
    n = len(calls)
    assert runner.invoke(cli, [*open_args, "--allow-no-login"]).exit_code == 0
    assert len(calls) == n + 1 and calls[-1]["allow_no_login"] is True


def test_llm_mode_is_offered_only_when_configured(library: Library, chain: AnswerChain) -> None:
    from rag.settings import LLMSettings, RagSettings
    from ui.web.app import build

    def modes(settings: Settings) -> list[Any]:
        radio = next(b for b in build(library, settings, chain).blocks.values()
                     if isinstance(b, gr.Radio))  # fmt: skip
        return [value for _, value in radio.choices]

    assert modes(Settings(home=library.home)) == ["extractive"]
    llm = RagSettings(llm=LLMSettings(provider="openai", model="m", base_url="http://127.0.0.1:9"))
    assert modes(Settings(home=library.home, rag=llm)) == ["extractive", "llm"]


def test_launch_with_login_refuses_anonymous_clients(library: Library, chain: AnswerChain) -> None:
    from gradio_client import Client

    from ui.web.app import build

    demo = build(library, Settings(home=library.home), chain)
    port = _free_port()
    demo.launch(
        prevent_thread_lock=True,
        server_name="127.0.0.1",
        server_port=port,
        quiet=True,
        auth=("ann", "pw"),
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        with pytest.raises(Exception):  # noqa: B017 - gradio_client raises a plain ValueError
            Client(url, verbose=False)
        assert Client(url, auth=("ann", "pw"), verbose=False).predict(api_name="/articles")
    finally:
        demo.close()


def test_eval_tab_runs_a_set_and_gates_against_a_baseline(
    chain: AnswerChain, tmp_path: Path
) -> None:
    from eval.settings import EvalSettings
    from ui.web.eval_tab import EvalTab

    sets = tmp_path / "eval" / "sets"
    baselines = tmp_path / "eval" / "baselines"
    sets.mkdir(parents=True)
    baselines.mkdir(parents=True)
    rows = [
        {"id": "a", "question": "What did Modi do in July 2025?", "expect_all": ["Moscow"]},
        {"id": "b", "question": "What is the recipe for lasagna?", "answerable": False},
    ]
    (sets / "mini.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    (baselines / "good.json").write_text(json.dumps({"metrics": {"answer_correctness": 1.0}}))
    (baselines / "too-good.json").write_text(json.dumps({"metrics": {"refusal_recall": 2.0}}))
    tab = EvalTab(chain, EvalSettings(sets_dir=sets, baselines_dir=baselines))
    assert tab.set_choices() == ["mini.jsonl"]
    assert tab.baseline_choices() == ["(no baseline)", "good.json", "too-good.json"]

    status, metrics, cases, report = tab.run("mini.jsonl", None, "good.json", False, "extractive")
    assert status.startswith("Gate passed")
    by = {r[0]: r for r in metrics}
    assert by["answer_correctness"][1] == "1.000" and by["answer_correctness"][5] == "ok"
    assert [c[2] for c in cases] == ["answered", "refused"]
    assert report and Path(report).name == "report.html" and Path(report).is_file()

    status, *_ = tab.run("mini.jsonl", None, "too-good.json", False, "extractive")
    assert "Gate FAILED" in status and "refusal_recall" in status
    status, *_ = tab.run("../../etc/passwd", None, None, False, "extractive")
    assert status == "Pick an eval set or upload one.", "only listed sets can be run"
    (sets / "bad.jsonl").write_text('{"id": "x"}\n')
    status, *_ = tab.run("bad.jsonl", None, None, False, "extractive")
    assert "Could not run the set" in status and "line 1" in status
