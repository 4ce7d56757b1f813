"""The `ibid` CLI in real subprocesses: --json contracts, exit codes, --home everywhere."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from tests.conftest import ROOT, SAMPLE, run_cli


def test_help_is_instant_and_lists_commands() -> None:
    t0 = time.perf_counter()
    out = run_cli("--help")
    assert out.returncode == 0
    for command in ("ingest", "articles", "show", "serve"):
        assert command in out.stdout
    # Heavy imports must be lazy: help never loads torch, chromadb or gradio.
    probe = run_cli("--help", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert "torch" not in probe.stderr and "gradio" not in probe.stderr
    assert "chromadb" not in probe.stderr
    assert time.perf_counter() - t0 < 60


def test_ingest_articles_show_json_contracts(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLE, corpus)
    (corpus / "broken.txt").write_bytes(b"\x00\x00")
    home = str(tmp_path / "home")

    out = run_cli("ingest", str(corpus), "--json", "--home", home)
    assert out.returncode == 1, "a failed file makes the exit status 1"
    report = json.loads(out.stdout)
    for key in (
        "added",
        "updated",
        "unchanged",
        "removed",
        "failed",
        "warnings",
        "articles",
        "chunks",
    ):
        assert key in report
    assert report["added"] == 1 and report["articles"] == 1 and report["chunks"] > 1
    assert report["failed"] == [
        {"path": str(corpus / "broken.txt"), "error": "binary file (NUL bytes), not text"}
    ]

    rows = json.loads(run_cli("--home", home, "articles", "--json").stdout)
    assert rows == [
        {
            "id": "india-us-rapprochement",
            "title": "A Period of Rapprochement in India-US Relations",
            "author": "Dr. Cenk TAMER",
            "published": None,
            "path": str(corpus / SAMPLE.name),
            "chunks": report["chunks"],
            "footnotes": 7,
            "language": "en",
            "format": "txt",
        }
    ]

    shown = json.loads(run_cli("show", "india-us-rapprochement", "--json", "--home", home).stdout)
    for key in (
        "id",
        "title",
        "author",
        "published",
        "url",
        "language",
        "highlights",
        "paragraphs",
        "footnotes",
        "author_bio",
    ):
        assert key in shown
    assert shown["paragraphs"][0]["n"] == 1 and shown["paragraphs"][0]["footnotes"] == ["i", "ii"]
    notes = {n["label"]: n for n in shown["footnotes"]}
    assert notes["ii"]["ibid_of"] == "i" and notes["ii"]["text"] == "Ibid."
    assert (
        notes["ii"]["url"] == notes["i"]["url"] == "https://www.bbc.com/news/articles/c5yve1x9zv0o"
    )
    assert notes["iv"]["publisher"] == "Times of India"
    for key in ("label", "text", "title", "publisher", "url", "accessed", "ibid_of"):
        assert key in notes["i"]

    again = json.loads(
        run_cli("ingest", str(corpus / SAMPLE.name), "--json", "--home", home).stdout
    )
    assert (again["unchanged"], again["added"]) == (1, 0)

    missing = run_cli("show", "no-such-article", "--home", home)
    assert missing.returncode == 2 and "no article with id 'no-such-article'" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_bad_setting_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    out = run_cli(
        "articles", "--home", str(tmp_path), env={"IBID_INDEX__CHUNKING__MAX_TOKENS": "9"}
    )
    assert out.returncode == 2
    assert "max_tokens must be between 32 and 256" in out.stderr and "Traceback" not in out.stderr
    assert ROOT.is_dir()
