"""Screenshots of the web UI for the docs: `python -m ui.web.screenshots --out docs/screenshots`.

Ingests the sample article into a temporary home, starts the app on a free loopback port, and
drives headless Chromium: asks a question and opens citation [1] (chat.png), then looks up a
claim and a source in the Citation lookup tab (lookup.png).
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
from pathlib import Path

from eval.bundled import SAMPLE_ARTICLE

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = SAMPLE_ARTICLE
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUESTION = "What did Modi do in July 2025?"
CLAIM = "Modi visited Moscow in July 2025 and met Putin."


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def shoot(out: Path, sample: Path, chromium: str) -> list[Path]:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from playwright.sync_api import sync_playwright

    from index.library import Library
    from ui.config import Settings
    from ui.web.app import build

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ibid-shots-") as home:
        settings = Settings(home=Path(home))
        library = Library(settings.home, settings.index)
        report = library.ingest([sample])
        if report.failed:
            raise SystemExit(f"cannot ingest {sample}: {report.failed}")
        demo = build(library, settings)
        port = _free_port()
        demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1440, "height": 1000})
                page.set_default_timeout(60_000)
                page.goto(f"http://127.0.0.1:{port}/")
                page.fill("#ibid-question textarea", QUESTION)
                page.keyboard.press("Enter")
                page.wait_for_selector("#ibid-chat .ibid-answer:not(.ibid-streaming) a.ibid-cite")
                page.locator("#ibid-chat a.ibid-cite", has_text="[1]").first.click()
                page.wait_for_selector("#ibid-panel .ibid-card.is-active mark")
                page.wait_for_timeout(400)
                chat = out / "chat.png"
                page.screenshot(path=str(chat))

                page.get_by_role("tab", name="Citation lookup").click()
                page.fill("#ibid-claim textarea", CLAIM)
                page.click("#ibid-lookup")
                page.wait_for_selector("#ibid-lookup-out .ibid-result")
                page.get_by_label("URL contains").fill("bbc.com")
                page.click("#ibid-sources")
                page.wait_for_selector("#ibid-sources-out .ibid-result")
                page.wait_for_timeout(400)
                lookup = out / "lookup.png"
                page.screenshot(path=str(lookup))
                browser.close()
        finally:
            demo.close()
            library.manifest.close()
    return [chat, lookup]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.web.screenshots", description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--sample", type=Path, default=SAMPLE, help="Article file to ingest.")
    parser.add_argument("--chromium", default=os.environ.get("IBID_CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    if not Path(args.chromium).exists():
        print(
            f"Chromium not found at {args.chromium}: run `apt-get install chromium`",
            file=sys.stderr,
        )
        return 2
    if not args.sample.is_file():
        print(f"sample article not found: {args.sample}", file=sys.stderr)
        return 2
    for path in shoot(args.out, args.sample, args.chromium):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
