"""Word .docx parsing: the LibreOffice and pandoc fixtures against their gold files, and
hand-written packages for what those tools do not produce (custom marks, fields, both kinds of
note, damaged files)."""

from __future__ import annotations

import functools
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from index.errors import ParseError
from index.parse import parse_file
from index.text import normalize_space, strip_markers
from index.types import Article

DOCS = Path(__file__).parent / "fixtures" / "docs"
GOLD_DOCX = sorted(p for p in DOCS.glob("*.docx") if Path(f"{p}.gold.json").is_file())


def parse_one(path: Path) -> Article:
    articles = parse_file(path)
    assert len(articles) == 1
    return articles[0]


@functools.cache
def parsed(path: Path) -> tuple[Article, dict]:
    """A fixture and its gold; parsed once for all the tests that read it (none changes it)."""
    return parse_one(path), json.loads(Path(f"{path}.gold.json").read_text(encoding="utf-8"))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- the fixtures made by real tools ----------------------------------------------------------


def test_fixtures_are_there() -> None:
    # An empty parametrisation would skip every fixture test without a word.
    names = {p.name for p in GOLD_DOCX}
    assert {"lo-footnotes.docx", "lo-endnotes.docx", "pandoc-notes.docx"} <= names


@pytest.mark.parametrize("path", GOLD_DOCX, ids=lambda p: p.name)
def test_fixture_metadata(path: Path) -> None:
    a, g = parsed(path)
    assert (a.format, a.title, a.authors) == ("docx", g["title"], g["authors"])
    assert a.published == g["date"]
    assert a.warnings == []


@pytest.mark.parametrize("path", GOLD_DOCX, ids=lambda p: p.name)
def test_fixture_notes_found_with_label_text_and_url(path: Path) -> None:
    a, g = parsed(path)
    assert [n.label for n in a.footnotes] == [n["label"] for n in g["notes"]]
    for want in g["notes"]:
        note = a.footnote(want["label"])
        assert note is not None, want["label"]
        assert squash(note.text) == squash(want["text"])
        got_url = note.url.rstrip(".,;)") if note.url else None
        assert got_url == (want["url"].rstrip(".,;)") if want["url"] else None), want["label"]


@pytest.mark.parametrize("path", GOLD_DOCX, ids=lambda p: p.name)
def test_fixture_markers_sit_after_their_words(path: Path) -> None:
    a, g = parsed(path)
    placed = [(m.label, p.text[: m.start]) for p in a.paragraphs for m in p.markers]
    assert [label for label, _ in placed] == [m["label"] for m in g["markers"]]
    for (label, before), want in zip(placed, g["markers"], strict=True):
        assert normalize_space(strip_markers(before)).endswith(squash(want["context"])), label


@pytest.mark.parametrize("path", GOLD_DOCX, ids=lambda p: p.name)
def test_fixture_note_text_stays_out_of_the_body(path: Path) -> None:
    a, g = parsed(path)
    body = " ".join(p.text for p in a.paragraphs)
    for phrase in g.get("body_must_not_contain", []):
        assert phrase not in body
    for note in g["notes"]:
        assert squash(note["text"]) not in body
    assert g["title"] not in body  # printed once, as the title


# --- hand-written packages ---------------------------------------------------------------------

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_STYLES = f"""<w:styles {_NS}>
<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Brief2"><w:name w:val="Brief Heading"/>
  <w:basedOn w:val="berschrift2"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style>
</w:styles>"""


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*runs: str, style: str | None = None) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{''.join(runs)}</w:p>"


def ref(kind: str, note_id: int, custom: bool = False) -> str:
    flag = ' w:customMarkFollows="1"' if custom else ""
    return f'<w:r><w:{kind}Reference w:id="{note_id}"{flag}/></w:r>'


def notes_part(kind: str, notes: dict[int, str]) -> str:
    separators = (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p>{run("CONT")}</w:p></w:{kind}>'
    )
    body = "".join(
        f'<w:{kind} w:id="{i}"><w:p><w:r><w:{kind}Ref/></w:r>{xml}</w:p></w:{kind}>'
        for i, xml in notes.items()
    )
    return f"<w:{kind}s {_NS}>{separators}{body}</w:{kind}s>"


def make_docx(
    body: str,
    *,
    footnotes: dict[int, str] | None = None,
    endnotes: dict[int, str] | None = None,
    links: dict[str, str] | None = None,
    core: str = "",
) -> bytes:
    parts = {
        "word/document.xml": f"<w:document {_NS}><w:body>{body}</w:body></w:document>",
        "word/styles.xml": _STYLES,
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            f'xmlns:dcterms="http://purl.org/dc/terms/">{core}</cp:coreProperties>'
        ),
    }
    if footnotes:
        parts["word/footnotes.xml"] = notes_part("footnote", footnotes)
    if endnotes:
        parts["word/endnotes.xml"] = notes_part("endnote", endnotes)
    rels = "".join(
        f'<Relationship Id="{rid}" TargetMode="External" Target="{url}" Type="hyperlink"/>'
        for rid, url in (links or {}).items()
    )
    for kind in ("footnotes", "endnotes"):
        parts[f"word/_rels/{kind}.xml.rels"] = (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{rels}</Relationships>'
        )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            z.writestr(name, xml)
    return buf.getvalue()


def parse_bytes(tmp_path: Path, data: bytes, name: str = "brief.docx") -> Article:
    path = tmp_path / name
    path.write_bytes(data)
    return parse_one(path)


def test_footnotes_and_endnotes_have_separate_sequences(tmp_path: Path) -> None:
    body = para(
        run("First claim."),
        ref("endnote", 7),
        run(" Second claim."),
        ref("footnote", 3),
        run(" Third."),
        ref("footnote", 2),
        ref("endnote", 5),
    ) + para(run("Again."), ref("footnote", 3))
    a = parse_bytes(
        tmp_path,
        make_docx(
            body,
            footnotes={2: run("Foot two."), 3: run("Foot one.")},
            endnotes={5: run("End two."), 7: run("End one.")},
        ),
    )
    assert a.paragraphs[0].text == "First claim.[i] Second claim.[1] Third.[2][ii]"
    assert a.paragraphs[1].text == "Again.[1]"  # the same note id, the same label
    assert [(n.label, n.text) for n in a.footnotes] == [
        ("1", "Foot one."),
        ("2", "Foot two."),
        ("i", "End one."),
        ("ii", "End two."),
    ]
    assert "CONT" not in " ".join(n.text for n in a.footnotes)
    assert a.warnings == []


def test_custom_marks(tmp_path: Path) -> None:
    body = para(run("Author note"), ref("footnote", 4, custom=True), run("*"), run(" then"))
    body += para(run("A numbered one."), ref("footnote", 5))
    symbol = '<w:r><w:sym w:font="Symbol" w:char="F02A"/></w:r>'  # Symbol-font "*"
    body += para(run("Symbol"), ref("footnote", 6, custom=True), symbol, run(" mark."))
    notes = {4: run("* Senior fellow."), 5: run("Numbered."), 6: run("Symbol note.")}
    a = parse_bytes(tmp_path, make_docx(body, footnotes=notes))
    assert [p.text for p in a.paragraphs] == [
        "Author note[^star] then",  # Word puts the mark in the run after the reference
        "A numbered one.[1]",  # a custom mark takes no number
        "Symbol[^star-2] mark.",  # the same mark twice: two notes, two labels
    ]
    assert [(n.label, n.text) for n in a.footnotes] == [
        ("star", "Senior fellow."),
        ("1", "Numbered."),
        ("star-2", "Symbol note."),
    ]


def test_numbering_format_set_in_the_document(tmp_path: Path) -> None:
    section = '<w:sectPr><w:footnotePr><w:numFmt w:val="lowerLetter"/></w:footnotePr></w:sectPr>'
    body = para(run("One."), ref("footnote", 1), run(" Two."), ref("footnote", 2)) + section
    a = parse_bytes(tmp_path, make_docx(body, footnotes={1: run("A."), 2: run("B.")}))
    assert a.paragraphs[0].text == "One.[^a] Two.[^b]"
    assert [n.label for n in a.footnotes] == ["a", "b"]


def test_note_hyperlinks_and_fields(tmp_path: Path) -> None:
    link = '<w:hyperlink r:id="rId9"><w:r><w:t>the report</w:t></w:r></w:hyperlink>'
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/b" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>Brief B</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    shown = '<w:hyperlink r:id="rId8"><w:r><w:t>https://example.org/c</w:t></w:r></w:hyperlink>'
    notes = {
        1: run("Jane Roe, “") + link + run("”, Reuters, accessed 3 May 2021."),
        2: field + run(", 2020."),
        3: run("See ") + shown + run("."),
    }
    links = {"rId9": "https://example.org/a", "rId8": "https://example.org/c"}
    body = para(run("One."), ref("footnote", 1), run(" Two."), ref("footnote", 2))
    body += para(run("Three."), ref("footnote", 3))
    a = parse_bytes(tmp_path, make_docx(body, footnotes=notes, links=links))
    one, two, three = a.footnotes
    assert one.text == "Jane Roe, “the report”, https://example.org/a Reuters, accessed 3 May 2021."
    assert (one.url, one.title, one.accessed) == (
        "https://example.org/a",
        "the report",
        "3 May 2021",
    )
    assert (two.text, two.url) == ("Brief B, https://example.org/b 2020.", "https://example.org/b")
    assert three.text == "See https://example.org/c."  # shown already: not repeated


def test_body_text_details(tmp_path: Path) -> None:
    body = (
        para(run("Real Heading"), style="berschrift1")
        + para(
            run("Tab"),
            "<w:r><w:tab/><w:t>and</w:t><w:br/><w:t>break; co\u00adoperation</w:t></w:r>",
            "<w:r><w:softHyphen/><w:t>s</w:t></w:r>",
            '<w:del w:id="1"><w:r><w:delText>deleted</w:delText></w:r></w:del>',
            '<w:ins w:id="2"><w:r><w:t> inserted</w:t></w:r></w:ins>',
        )
        + para(run("Sub part"), style="Brief2")
        + "<w:tbl><w:tr><w:tc>"
        + para(run("cell text"))
        + "</w:tc></w:tr></w:tbl>"
        + para(run("   "))
        + para(run("Dangling."), ref("footnote", 99))
    )
    core = "<dc:title>Microsoft Word - draft.docx</dc:title><dc:creator>Windows User</dc:creator>"
    core += "<dcterms:created>2023-04-05T10:00:00Z</dcterms:created>"
    a = parse_bytes(tmp_path, make_docx(body, core=core))
    # Junk metadata (Word's defaults) gives way: no Title paragraph, so the first Heading 1.
    assert (a.title, a.authors, a.published) == ("Real Heading", [], "2023-04-05")
    assert [(p.text, p.section) for p in a.paragraphs] == [
        ("Tab and break; cooperations inserted", None),
        ("cell text", "Sub part"),  # a style based on Heading 2 is a heading
        ("Dangling.", "Sub part"),
    ]
    assert a.warnings == ["the text refers to footnote id 99, which is missing"]


def test_title_and_byline_from_styles(tmp_path: Path) -> None:
    body = (
        para(run("Arctic Shipping Routes"), style="Titel")
        + para(run("By Jane Doe and John Smith · 3 May 2021"), style="Subtitle")
        + para(run("The route opened."))
    )
    a = parse_bytes(tmp_path, make_docx(body))
    assert (a.title, a.authors, a.published) == (
        "Arctic Shipping Routes",
        ["Jane Doe", "John Smith"],
        "2021-05-03",
    )
    assert [p.text for p in a.paragraphs] == ["The route opened."]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"plain text, misnamed", "not a .docx (not a zip package)"),
        (b"PK\x03\x04truncated", "corrupt or truncated zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "password-protected .docx"),
    ],
)
def test_unreadable_files_name_the_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    with pytest.raises(ParseError) as err:
        parse_file(path)
    assert err.value.path == str(path)
    assert reason in err.value.reason


def test_zip_without_document_xml(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    path = tmp_path / "sheet.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(ParseError, match=r"no word/document\.xml"):
        parse_file(path)


def test_damaged_parts(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document><w:body>")
    path = tmp_path / "broken.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(ParseError, match=r"document\.xml is not valid XML"):
        parse_file(path)
    path.write_bytes(make_docx(para(run(" "))))
    with pytest.raises(ParseError, match="no body text"):
        parse_file(path)
    # Damaged metadata costs the metadata, not the article.
    path.write_bytes(make_docx(para(run("Text.")), core="<dc:title>Broken</dc:title"))
    a = parse_one(path)
    assert (a.title, [p.text for p in a.paragraphs]) == ("broken", ["Text."])
    assert a.warnings[0].startswith("not a readable .docx (docProps/core.xml is not valid XML")
