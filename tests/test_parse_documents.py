"""Documents made with real tools (pdflatex, LibreOffice, pandoc; tests/fixtures/docs, with
the script that makes them): every note found, its URL parsed, every marker linked to it,
the right title and authors, and no note text left in the body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.parse_gold import measure_file
from index.parse import parse_file

DOCS = Path(__file__).parent / "fixtures" / "docs"
GOLD = sorted(DOCS.glob("*.gold.json"))


@pytest.mark.parametrize("gold", GOLD, ids=[g.name.removesuffix(".gold.json") for g in GOLD])
def test_every_note_found_and_linked(gold: Path) -> None:
    r = measure_file(gold)
    assert "error" not in r, r
    assert r["found"] == r["notes"], r
    assert r["urls_parsed"] == r["urls"], r
    assert r["linked"] == r["markers"], r
    assert r["title_right"] and r["authors_right"], r
    assert r["leaked_note_text"] == [], r


def test_numbering_restarting_per_page_is_scoped() -> None:
    article = parse_file(DOCS / "latex-perpage.pdf")[0]
    labels = [n.label for n in article.footnotes]
    assert len(labels) == len(set(labels)) == 12
    assert all(label.startswith("p") for label in labels)  # "p2-1": page 2, note 1
    assert article.warnings == []


def test_a_footnote_running_on_to_the_next_page_is_one_note() -> None:
    article = parse_file(DOCS / "latex-onecol.pdf")[0]
    long_note = next(n for n in article.footnotes if "Suez Canal Transit Monitor" in n.text)
    assert "Journal of Maritime Economics" in long_note.text  # its end, on the next page
    body = " ".join(p.text for p in article.paragraphs)
    assert "Lunar New Year" not in body


def test_two_columns_are_read_column_by_column() -> None:
    article = parse_file(DOCS / "latex-twocol.pdf")[0]
    first = article.paragraphs[0].text
    assert first.startswith("Europe’s electricity systems are more tightly bound together")
    assert "Britain’s experience" not in first  # the right column's text


def test_ingest_reports_notes_per_file_and_show_marks_urls(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    home = str(tmp_path / "home")
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("latex-perpage.pdf", "pandoc-notes.docx"):
        (docs / name).write_bytes((DOCS / name).read_bytes())
    out = run_cli("--home", home, "ingest", str(docs))
    assert out.returncode == 0, out.stderr
    assert "notes: 22 found in 2 parsed file(s), 7 with a URL; markers: 22 of 22 linked" in (
        out.stdout
    ), out.stdout
    again = run_cli("--home", home, "ingest", str(docs), "--json")
    assert json.loads(again.stdout)["parsed"] == []  # unchanged files are not parsed again
    shown = run_cli("--home", home, "show", "pandoc-notes").stdout
    assert "● [1]" in shown or "○ [1]" in shown
    assert shown.count("●") >= 2 and "○" in shown
