"""Turkish and Russian articles made with real tools (tests/fixtures/multilingual, with the
script that makes them): the think tank's Turkish and Russian pages of the India–US analysis
(WordPress + WPML), a Turkish .docx with Word footnotes (LibreOffice) and a Russian PDF with
LaTeX footnotes (pdflatex, babel russian).

Against each `<file>.gold.json`: every note found with its label and URL; Ibid.-type notes
("a.g.e.", "a.g.m.", "Aynı eser", "age.", "Там же", "Указ. соч.") pointing at the note they
repeat, with their locator; access dates as printed and as ISO dates; the article's language;
the pages' hreflang alternates; every marker linked to its note; and paragraphs full of
abbreviations ("vb.", "Prof.", "M.Ö.", "т. е.", "гг.", "рис.") split into the right sentences.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from index.parse import parse_file
from index.text import MARKER_RE, normalize_space, sentence_spans, strip_markers
from index.types import Article, Footnote

FIXTURES = Path(__file__).parent / "fixtures" / "multilingual"
GOLD = sorted(FIXTURES.glob("*.gold.json"))
IDS = [g.name.removesuffix(".gold.json") for g in GOLD]
PAGES = [g for g in GOLD if g.name.endswith(".html.gold.json")]


@cache
def gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def article(path: Path) -> Article:
    """The fixture parsed once per test session (tests only read it)."""
    articles = parse_file(path.with_name(gold(path)["file"]))
    assert len(articles) == 1
    return articles[0]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _compact(text: str) -> str:
    """Letters and digits only: a line-end hyphen ("транспорт- ной") or a space does not count."""
    return re.sub(r"[\W_]+", "", MARKER_RE.sub(" ", text).casefold())


def _note(a: Article, want: dict[str, Any]) -> Footnote:
    note = a.footnote(want["label"])
    assert note is not None, f"no note [{want['label']}] ({want['text'][:60]}…)"
    return note


def _require_field(model: type[BaseModel], name: str) -> None:
    if name not in model.model_fields:
        pytest.fail(f"{model.__name__} has no field '{name}' yet")


@pytest.mark.parametrize("path", GOLD, ids=IDS)
def test_every_note_found_with_its_label_and_url(path: Path) -> None:
    g, a = gold(path), article(path)
    assert [n.label for n in a.footnotes] == [n["label"] for n in g["notes"]]
    wrong = []
    for want in g["notes"]:
        note = _note(a, want)
        w, t = _words(want["text"]), _words(note.text)
        if len(w & t) / len(w | t) < 0.75:
            wrong.append((want["label"], "text", note.text))
        if note.url != want["url"]:
            wrong.append((want["label"], "url", note.url, want["url"]))
    assert wrong == []


@pytest.mark.parametrize("path", GOLD, ids=IDS)
def test_ibid_type_notes_point_at_the_note_they_repeat(path: Path) -> None:
    """'a.g.e., s. 45.' / 'Там же. С. 18.' repeat the previous note (chains resolved to the
    first note that is not one); 'Петров А. В. Указ. соч. С. 24.' repeats Petrov's earlier
    work, wherever it was cited. Notes that repeat nothing point at nothing."""
    g, a = gold(path), article(path)
    wrong = []
    for want in g["notes"]:
        note = _note(a, want)
        if note.ibid_of != want["ibid_of"]:
            wrong.append((want["label"], want["text"], "ibid_of", note.ibid_of, want["ibid_of"]))
        if want["ibid_of"] is not None and note.locator != want["locator"]:
            wrong.append((want["label"], want["text"], "locator", note.locator, want["locator"]))
    assert wrong == []


@pytest.mark.parametrize("path", GOLD, ids=IDS)
def test_access_dates_as_iso_dates(path: Path) -> None:
    """'(Erişim Tarihi: 12.01.2026)', 'Erişim tarihi: 12 Ocak 2026', '(Erişim: 3 Şubat 2026)',
    '(дата обращения: 05.02.2026)' -> '2026-01-12' …; None where a note prints no date."""
    _require_field(Footnote, "accessed_iso")
    g, a = gold(path), article(path)
    got = {n["label"]: getattr(_note(a, n), "accessed_iso", None) for n in g["notes"]}
    assert got == {n["label"]: n["accessed_iso"] for n in g["notes"]}


@pytest.mark.parametrize("path", GOLD, ids=IDS)
def test_access_dates_as_printed(path: Path) -> None:
    g, a = gold(path), article(path)
    got = {n["label"]: _note(a, n).accessed for n in g["notes"]}
    assert got == {n["label"]: n["accessed"] for n in g["notes"]}


@pytest.mark.parametrize("path", GOLD, ids=IDS)
def test_language(path: Path) -> None:
    assert article(path).language == gold(path)["language"]


@pytest.mark.parametrize("path", PAGES, ids=[p.name.removesuffix(".gold.json") for p in PAGES])
def test_the_pages_other_language_versions(path: Path) -> None:
    """The page's `<link rel="alternate" hreflang=…>` links as WPML prints them: one per
    language, the page's own included, x-default left out."""
    _require_field(Article, "alternates")
    assert getattr(article(path), "alternates", None) == gold(path)["alternates"]


@pytest.mark.parametrize("path", GOLD, ids=IDS)
def test_every_marker_links_to_its_note(path: Path) -> None:
    g, a = gold(path), article(path)
    labels = {n.label for n in a.footnotes}
    printed = [m.label for p in a.paragraphs for m in p.markers]
    assert printed == [m["label"] for m in g["markers"]]
    assert [x for x in printed if x not in labels] == []
    # Each gold marker is printed right after its context words, in some paragraph.
    unlinked = []
    for want in g["markers"]:
        context = _compact(" ".join(want["context"].split()[-6:]))
        if not any(
            _compact(p.text[: m.start]).endswith(context)
            for p in a.paragraphs
            for m in p.markers
            if m.label == want["label"]
        ):
            unlinked.append((want["label"], want["context"]))
    assert unlinked == []


@pytest.mark.parametrize("path", GOLD, ids=IDS)
def test_no_note_text_left_in_the_body(path: Path) -> None:
    body = " ".join(p.text for p in article(path).paragraphs)
    assert [s for s in gold(path)["body_must_not_contain"] if s in body] == []


@pytest.mark.parametrize("path", GOLD, ids=IDS)
def test_title_and_authors(path: Path) -> None:
    g, a = gold(path), article(path)
    assert (a.title, a.authors) == (g["title"], g["authors"])


SENTENCE_CASES = [
    (path, k) for path in GOLD for k in range(len(gold(path)["sentences_of_paragraph"]))
]


@pytest.mark.parametrize(
    ("path", "k"),
    SENTENCE_CASES,
    ids=[f"{p.name.removesuffix('.gold.json')}-{k + 1}" for p, k in SENTENCE_CASES],
)
def test_paragraph_splits_into_the_gold_sentences(path: Path, k: int) -> None:
    """Abbreviations that do not end a sentence ('vb. Orta Asya', '3. Orta Koridor Forumu',
    'M.Ö. 2. yy.', 'bkz. Sonuç', 'в 2022–2026 гг. Индия', 'см. рис. 1', 'В. В. Путин'), and
    sentences that do end after a period-final abbreviation or start with '%18' or '«'."""
    want = gold(path)["sentences_of_paragraph"][k]
    start = want["paragraph_starts_with"]
    paragraph = next(
        (
            p
            for p in article(path).paragraphs
            if normalize_space(strip_markers(p.text)).startswith(start)
        ),
        None,
    )
    assert paragraph is not None, f"no paragraph starts with {start!r}"
    got = [strip_markers(paragraph.text[s:e]) for s, e in sentence_spans(paragraph.text)]
    assert got == want["sentences"]
