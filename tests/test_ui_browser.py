"""The real app in headless Chromium: streamed answer, one-click citation check, refusal,
upload, persistence across a reload, and an article full of XSS payloads that must stay inert."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from index.library import Library
from tests.conftest import FIXTURES, SAMPLE
from ui.web.screenshots import CHROMIUM_ARGS

pytestmark = [
    pytest.mark.browser,
    # gradio's own queue code, under pandas 3
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated:DeprecationWarning"),
]

CHROMIUM = os.environ.get("IBID_CHROMIUM", "/usr/bin/chromium")
TIMEOUT_MS = 30_000

PAYLOAD_ARTICLE = """Analysis

Zanzibar Cloves <script>alert("title")</script><img src=x onerror=alert("title")>

The clove trade of Zanzibar <script>alert("para")</script> grew in 2024 <img src=x onerror=alert("para")> according to [the ministry](javascript:alert("md")) and {{constructor.constructor('alert(4)')()}} and ${alert(5)} reports.[1] Zanzibar clove exports reached record volumes <svg onload=alert(6)> that year.[2]

A second paragraph says the Zanzibar clove harvest <iframe src="javascript:alert(7)"></iframe> depends on rainfall on Pemba island.[3]

Notes

[1] “<img src=x onerror=alert(8)> Clove report”, Evil <b onmouseover=alert(9)>Press</b>, javascript:alert(10), (Access date: 05 Feb 2026).

[2] Ibid.

[3] javascript:alert(11)
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> Iterator[str]:
    from ui.config import Settings
    from ui.web.app import build

    home = tmp_path_factory.mktemp("browser-home")
    library = Library(home, embeddings=embedder)  # type: ignore[arg-type]
    assert library.ingest([SAMPLE]).failed == []
    demo = build(library, Settings(home=home))
    port = _free_port()
    demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    demo.close()
    library.manifest.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `apt-get install chromium` "
            "(`make test` does it when run as root), or set IBID_CHROMIUM"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, app_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    page.goto(app_url)
    page.wait_for_selector("#ibid-question textarea")
    yield page
    context.close()


def ask(page: Any, question: str) -> Any:
    """Ask and wait for the final (not streaming) answer bubble; returns it."""
    n = page.locator("#ibid-chat .ibid-answer:not(.ibid-streaming)").count()
    page.fill("#ibid-question textarea", question)
    page.keyboard.press("Enter")
    final = page.locator("#ibid-chat .ibid-answer:not(.ibid-streaming)")
    page.wait_for_function(
        "n => document.querySelectorAll('#ibid-chat .ibid-answer:not(.ibid-streaming)').length > n",
        arg=n,
    )
    return final.last


def test_answer_citation_opens_paragraph_and_source(page: Any) -> None:
    # A broad question, so the answer quotes more than one sentence ([2] is used below).
    bubble = ask(page, "What did Modi do in 2025?")
    assert "[1]" in bubble.inner_text()
    bubble.locator("a.ibid-cite", has_text="[1]").click()
    card = page.locator("#ibid-panel .ibid-card.is-active")
    assert card.get_attribute("id") == "ibid-card-0-1"
    assert "A Period of Rapprochement in India-US Relations" in card.inner_text()
    # The card marks the very words [1] quotes, inside its whole paragraph.
    mark = card.locator("blockquote mark")
    quote = " ".join(mark.all_inner_texts())
    assert mark.first.is_visible() and "Modi" in quote and "2025" in quote
    assert quote.split(",")[0] in bubble.inner_text()
    assert len(card.locator("blockquote").inner_text()) > len(quote)
    source = card.locator("a.ibid-src").first
    assert source.get_attribute("href").startswith("https://")
    assert source.get_attribute("target") == "_blank"
    assert "noopener" in source.get_attribute("rel")
    # [2] switches the panel in one click; a reload keeps the answer and its citations
    bubble.locator("a.ibid-cite", has_text="[2]").click()
    assert page.locator("#ibid-panel .ibid-card.is-active").get_attribute("id") == "ibid-card-0-2"
    page.reload()
    page.locator("#ibid-chat a.ibid-cite", has_text="[1]").first.click()
    assert page.locator("#ibid-panel .ibid-card.is-active mark").is_visible()


def test_off_topic_question_is_refused(page: Any) -> None:
    bubble = ask(page, "What is the recipe for lasagna?")
    assert "ibid-refusal" in bubble.get_attribute("class")
    text = bubble.inner_text()
    assert "Not in the archive" in text and "See also" in text
    assert bubble.locator("a.ibid-cite").count() == 0


def test_upload_then_payload_article_stays_inert(page: Any, tmp_path: Path) -> None:
    payload = tmp_path / "zanzibar-payload.txt"
    payload.write_text(PAYLOAD_ARTICLE, encoding="utf-8")
    clean = FIXTURES / "formats" / "arctic-shipping.md"
    page.get_by_role("tab", name="Library").click()
    page.set_input_files("#ibid-upload input[type=file]", [str(clean), str(payload)])
    # both files uploaded (each has its server-side download link) before ingesting
    page.wait_for_function("document.querySelectorAll('#ibid-upload a.download-link').length == 2")
    page.click("#ibid-ingest")
    results = page.locator("#ibid-ingest-results")
    shows = "([sel, text]) => document.querySelector(sel).innerText.includes(text)"
    page.wait_for_function(shows, arg=["#ibid-ingest-results", "zanzibar-payload.txt\nadded"])
    rows = results.inner_text()
    assert rows.count("added") == 2, rows
    table = page.locator("#ibid-articles")
    page.wait_for_function(shows, arg=["#ibid-articles", "zanzibar-payload"])
    listed = table.inner_text()
    assert '<script>alert("title")</script>' in listed  # the title, shown as text
    assert "Shipping Through the Northern Sea Route" in listed

    page.get_by_role("tab", name="Chat").click()
    bubble = ask(page, "What happened to Zanzibar clove exports? <img src=x onerror=alert('q')>")
    links = bubble.locator("a.ibid-cite")
    assert links.count() >= 1
    for i in range(links.count()):
        links.nth(i).click()
        card = page.locator("#ibid-panel .ibid-card.is-active")
        assert "Zanzibar" in card.inner_text()
    page.wait_for_timeout(300)  # give any injected handler the chance to fire
    assert page.dialogs == []  # type: ignore[attr-defined]
    scripts = page.evaluate(
        "[...document.querySelectorAll('script')].filter(s => s.textContent.includes('alert'))"
        ".length"
    )
    assert scripts == 0
    live = page.evaluate(
        "document.querySelectorAll('img[onerror], svg[onload], iframe, [onmouseover], "
        'a[href^="javascript:"]\').length'
    )
    assert live == 0
    assert "<script>" in page.locator("#ibid-panel .ibid-card.is-active").inner_text()  # as text
