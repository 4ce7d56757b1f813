"""Parsers for every source format: the real sample, FreshWiki, and hand-written fixtures."""

from __future__ import annotations

import hashlib
import io
import json
import re
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from eval.bundled import FRESHWIKI_DIR as FRESHWIKI
from eval.bundled import SAMPLE_ARTICLE as SAMPLE
from index.errors import ParseError
from index.notes import parse_note
from index.parse import parse_file
from index.parse.common import content_hash
from index.types import Article

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
FRESHWIKI_FILES = sorted((FRESHWIKI / "txt").glob("*.txt"))


def parse_one(path: Path) -> Article:
    articles = parse_file(path)
    assert len(articles) == 1
    return articles[0]


def markers_by_paragraph(article: Article) -> list[list[str]]:
    return [p.footnotes for p in article.paragraphs]


def all_text(article: Article) -> str:
    return "\n".join(p.text for p in article.paragraphs)


# --- a minimal PDF writer: one Helvetica text object per page, a correct xref table ----------


def _pdf_string(text: str) -> bytes:
    out = bytearray(b"(")
    for byte in text.encode("cp1252", "replace"):  # WinAnsiEncoding: curly quotes are one byte
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif byte > 126:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    return bytes(out + b")")


def make_pdf(pages: list[list[str]], info: dict[str, str] | None = None) -> bytes:
    objs: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    kids = []
    for k, lines in enumerate(pages):
        page_id, content_id = 4 + 2 * k, 5 + 2 * k
        kids.append(b"%d 0 R" % page_id)
        ops = [b"BT /F1 11 Tf 14 TL 72 760 Td", *(_pdf_string(x) + b" Tj T*" for x in lines), b"ET"]
        stream = b"\n".join(ops)
        objs[content_id] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        objs[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_id
        )
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(pages))
    trailer = b""
    if info:
        info_id = 4 + 2 * len(pages)
        entries = b" ".join(b"/%s %s" % (k.encode(), _pdf_string(v)) for k, v in info.items())
        objs[info_id] = b"<< " + entries + b" >>"
        trailer = b" /Info %d 0 R" % info_id
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for n in sorted(objs):
        offsets[n] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (n, objs[n])
    xref, size = len(out), max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        trailer,
        xref,
    )
    return bytes(out)


HEADER = "Eurasia Policy Centre | Policy Brief"
PDF_PAGES = [
    [
        HEADER,
        "Water Security in Central Asia",
        "Dr. Selin Arslan",
        "The Amu Darya and Syr Darya basins supply water to more than sixty million people, and",
        "their flows are falling as glaciers in the Pamir and Tien Shan retreat.[1] Afghanistan's",
        "Qosh Tepa canal will divert a further share of the Amu Darya once it opens.[2]",
        "Uzbekistan and Turkmenistan have asked for technical negoti-",
        "ations on the canal, but Kabul has not yet agreed to a joint commission.[3] The talks",
        "1",
    ],
    [
        HEADER,
        "are expected to resume after the harvest season, according to officials in Tashkent.",
        "Regional Cooperation",
        "The International Fund for Saving the Aral Sea remains the only forum where all five",
        "Central Asian states meet on water, yet Afghanistan is not a member.[4]",
        "Notes",
        "[1] “Glacier Loss in the Pamir”, Central Asia Climate Portal, "
        "https://centralasiaclimateportal.org/glacier-loss, (Accessed: 3 May 2025).",
        "[2] “Qosh Tepa Canal Progress”, The Diplomat, https://thediplomat.com/2025/qosh-tepa, "
        "(Accessed: 4 May 2025).",
        "[3] Ibid., p. 4.",
        "[4] “IFAS at Thirty”, CAREC Institute, https://www.carecinstitute.org/ifas-at-thirty, "
        "(Accessed: 5 May 2025).",
        "2",
    ],
]
PDF_INFO = {
    "Title": "Water Security in Central Asia",
    "Author": "Dr. Selin Arslan",
    "CreationDate": "D:20250512093000+03'00'",
}


@pytest.fixture
def policy_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "water-security.pdf"
    path.write_bytes(make_pdf(PDF_PAGES, PDF_INFO))
    return path


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.add_blank_page(width=612, height=792)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# --- the real sample ------------------------------------------------------------------------


def test_sample_article() -> None:
    a = parse_one(SAMPLE)
    assert a.title == "A Period of Rapprochement in India-US Relations"
    assert a.authors == ["Dr. Cenk TAMER"]
    assert a.category == "Analysis"
    assert len(a.highlights) == 3
    assert [n.label for n in a.footnotes] == ["i", "ii", "iii", "iv", "v", "vi", "vii"]
    assert a.footnote("ii").ibid_of == "i"
    assert a.footnote("iv").ibid_of == "iii"
    assert a.resolved_footnote("ii").url == "https://www.bbc.com/news/articles/c5yve1x9zv0o"
    # Apostrophes inside a quoted title do not end it.
    assert a.footnote("vi").title.startswith("Avrasya’da İşbirliği")
    assert a.footnote("vi").publisher == "ANKASAM"
    assert a.paragraphs[0].text.startswith("On February 3, 2026")
    body = all_text(a)
    for chrome in ("Paylaş", "This post is also available", "Similar Posts", "Sakarya University"):
        assert chrome not in body
    assert a.author_bio and a.author_bio.startswith("Dr. Cenk Tamer graduated from Sakarya")
    marks = markers_by_paragraph(a)
    assert marks[:3] == [["i", "ii"], ["iii", "iv"], ["v", "vi"]]
    assert marks[-1] == ["vii"]
    assert all(m == [] for m in marks[3:-1])
    assert a.warnings == []


# --- FreshWiki ------------------------------------------------------------------------------

_REF_LINE_RE = re.compile(r"^\[(\d+)\] (.*)$")


def _reference_lines(path: Path) -> dict[str, str | None]:
    refs: dict[str, str | None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := _REF_LINE_RE.match(line):
            url = re.search(r"https?://\S+", m.group(2))
            refs[m.group(1)] = url.group(0) if url else None
    return refs


@pytest.mark.parametrize("path", FRESHWIKI_FILES, ids=lambda p: p.stem)
def test_freshwiki_article(path: Path) -> None:
    a = parse_one(path)
    assert a.paragraphs
    assert "_" not in a.title
    refs = _reference_lines(path)
    assert len(a.footnotes) == len(refs)
    for note in a.footnotes:
        if refs[note.label]:
            assert note.url == refs[note.label], note.label


def test_freshwiki_urls_match_json_references() -> None:
    for path in FRESHWIKI_FILES[::10]:
        a = parse_one(path)
        refs = json.loads((FRESHWIKI / "json" / f"{path.stem}.json").read_text())["references"]
        for label, url in refs.items():
            if url.startswith("http"):
                assert a.footnote(label).url == url, (path.name, label)


# --- HTML -----------------------------------------------------------------------------------


def test_html_article_page() -> None:
    a = parse_one(FIXTURES / "think-tank-page.html")
    assert (a.id, a.format) == ("think-tank-page", "html")
    assert a.title == "Water Diplomacy on the Mekong"
    assert a.authors == ["Dr. Selin ARSLAN"]
    assert a.published == "2025-11-18"
    assert a.category == "Analysis"
    assert a.language == "en"
    assert a.url == "https://www.example-policy.org/analysis/water-diplomacy-on-the-mekong/"
    assert markers_by_paragraph(a) == [["1", "2"], ["3"], ["4"], []]
    assert [p.section for p in a.paragraphs] == [None, None, "Beijing's Offer", "Conclusion"]
    assert a.paragraphs[0].text.endswith("shared hydrological database.[2]")
    first = a.footnote("1")
    assert first.title == "Mekong River Commission Council Meets in Vientiane"
    assert first.publisher == "Mekong River Commission"
    assert first.url == "https://www.mrcmekong.org/news/council-meeting-2025/"
    assert first.accessed == "20 November 2025"
    assert "↩" not in first.text
    ibid = a.footnote("4")
    assert (ibid.ibid_of, ibid.locator) == ("3", "p. 4")
    assert a.resolved_footnote("4").publisher == "Stimson Center"
    assert a.author_bio and a.author_bio.startswith("Dr. Selin Arslan is a water security")
    body = all_text(a)
    for junk in (
        "About Us",
        "Facebook",
        "Related Posts",
        "Indus Waters",
        "SCRIPT-TEXT",
        "All rights reserved",
        "Search the archive",
        "water security researcher",
        "Selin ARSLAN",
        "<",
        "dataLayer",
    ):
        assert junk not in body
    assert a.warnings == []


def test_html_wikipedia_citations() -> None:
    a = parse_one(FIXTURES / "wikipedia-snippet.html")
    assert markers_by_paragraph(a) == [["1", "2"], ["1"], ["3", "2"]]
    assert [p.section for p in a.paragraphs] == [None, "Background", "Withdrawal"]
    body = all_text(a)
    assert "citation needed" not in body and "edit" not in body
    assert "References" not in {p.section for p in a.paragraphs}
    bbc = a.footnote("1")
    # The URL is only in the link's href; the note text is as printed.
    assert bbc.url == "https://www.bbc.com/news/world-europe-62720367"
    assert bbc.title == "Ukraine launches counter-offensive in Kherson"
    assert bbc.publisher == "BBC News"
    assert bbc.accessed == "30 August 2022"
    assert bbc.text.startswith('"Ukraine launches') and "^" not in bbc.text
    assert [n.label for n in a.footnotes] == ["1", "2", "3"]
    assert a.warnings == []


def test_html_variants(tmp_path: Path) -> None:
    """Pandoc footnote refs, bare roman <sup>s, notes one per <br> inside the text."""
    pandoc = tmp_path / "pandoc.html"
    pandoc.write_text(
        '<html lang="en"><head><title>Sanctions and Shipping</title></head><body>'
        "<p>The shadow fleet grew to some 600 tankers by 2024, according to estimates."
        '<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a> '
        "Most sail under flags of convenience and without Western insurance.</p>"
        '<section id="footnotes" class="footnotes" role="doc-endnotes"><hr><ol>'
        '<li id="fn1"><p>“The Shadow Fleet”, Lloyd’s List, https://www.lloydslist.com/fleet, '
        '(Accessed: 2 March 2025).<a href="#fnref1" class="footnote-back">↩︎</a></p></li>'
        "</ol></section></body></html>",
        encoding="utf-8",
    )
    a = parse_one(pandoc)
    assert markers_by_paragraph(a) == [["1"]]
    assert a.footnote("1").url == "https://www.lloydslist.com/fleet"
    assert a.warnings == []

    roman = tmp_path / "roman.html"
    roman.write_text(
        '<html lang="tr"><head><title>Astana Zirvesi</title></head><body><article>'
        "<p>The summit in Astana ended with a joint declaration on transport corridors.<sup>i"
        "</sup> Delegations agreed to meet again in the spring.<sup>ii</sup></p>"
        "<p>Rail freight through Kazakhstan should grow as a result.<sup>[iii]</sup> Volumes have"
        " risen for three consecutive years, and the area is 2,700 km<sup>2</sup>.</p>"
        "<p>[i] “Astana Summit Declaration”, Astana Times, https://astanatimes.com/summit, "
        "(Accessed: 1 May 2025).<br>[ii] Ibid.<br>[iii] “Rail Freight”, Railway Gazette, "
        "https://www.railwaygazette.com/kz, (Accessed: 2 May 2025).</p></article></body></html>",
        encoding="utf-8",
    )
    a = parse_one(roman)
    assert a.language == "tr"
    assert markers_by_paragraph(a) == [["i", "ii"], ["iii"]]  # km² is not a marker
    assert "2,700 km2" in a.paragraphs[1].text
    assert a.footnote("ii").ibid_of == "i"
    assert a.warnings == []

    # A notes-like class on the article body is not the notes list: the body stays text.
    body_class = tmp_path / "has-notes.html"
    body_class.write_text(
        "<html><head><title>Corridors</title></head><body><nav>Home</nav><article>"
        '<div class="entry-content has-notes"><p>The summit ended with a declaration on '
        "transport corridors and customs cooperation.[1] Delegations will meet again.</p>"
        "<ul><li>First bullet point of the body.</li><li>Second bullet point.</li></ul>"
        "<p>[1] “Astana Summit Declaration”, Astana Times, https://astanatimes.com/s.</p>"
        "</div></article></body></html>",
        encoding="utf-8",
    )
    a = parse_one(body_class)
    assert [p.text for p in a.paragraphs][1:] == [
        "First bullet point of the body.",
        "Second bullet point.",
    ]
    assert a.footnote("1").publisher == "Astana Times"
    assert a.warnings == []


# --- Markdown and plain text ----------------------------------------------------------------


def test_markdown_caret_footnotes() -> None:
    a = parse_one(FIXTURES / "arctic-shipping.md")
    assert (a.format, a.title) == ("md", "Shipping Through the Northern Sea Route")
    assert a.authors == ["Maria Lindqvist"]
    assert a.published == "2025-03-04"
    assert markers_by_paragraph(a) == [["1", "2"], ["3", "4"], ["5"]]
    assert [p.section for p in a.paragraphs] == [None, "Infrastructure Gaps", "Outlook"]
    assert a.footnote("1").publisher == "High North News"
    assert a.footnote("1").accessed == "10 January 2025"
    assert a.footnote("2").ibid_of == "1"
    assert (a.footnote("4").ibid_of, a.footnote("4").locator) == ("3", "p. 4")
    assert "[^1]:" not in all_text(a)
    assert a.warnings == []


def test_text_superscript_markers_and_numbered_notes() -> None:
    a = parse_one(FIXTURES / "balkan-energy.txt")
    assert (a.category, a.title) == ("Commentary", "Gas Interconnectors in the Western Balkans")
    assert markers_by_paragraph(a) == [["1", "2"], ["3", "4"]]
    assert [n.label for n in a.footnotes] == ["1", "2", "3", "4"]
    assert (
        a.footnote("2").url
        == "https://www.reuters.com/business/energy/serbia-bulgaria-gas-link-2023/"
    )
    assert a.footnote("3").ibid_of == "2"
    assert a.resolved_footnote("3").publisher == "Reuters"
    assert "Notes" not in all_text(a)
    assert a.warnings == []


# --- JSONL ----------------------------------------------------------------------------------


def test_jsonl_articles() -> None:
    path = FIXTURES / "articles.jsonl"
    first, second = parse_file(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert first.id == "caspian-corridor"
    assert first.authors == ["Aigerim Sadykova", "Tomas Brandt"]
    assert (first.published, first.category, first.language) == ("2025-09-02", "Analysis", "en")
    assert len(first.highlights) == 2
    assert first.author_bio == "Aigerim Sadykova researches Central Asian transport policy."
    assert markers_by_paragraph(first) == [["1", "2"], ["3"]]
    assert first.paragraphs[1].section == "Bottlenecks"
    assert first.footnote("2").ibid_of == "1"
    assert first.footnote("3").publisher == "World Bank"
    # Each line hashes alone (a changed line re-embeds only its article), with the parser version.
    assert first.content_hash == content_hash(lines[0].encode()) != content_hash(lines[1].encode())
    assert first.content_hash != hashlib.sha256(lines[0].encode()).hexdigest()
    assert first.source == str(path) and first.format == "jsonl"

    assert second.id == "fisheries-disputes-in-the-south-pacific"
    assert (second.authors, second.published) == (["Leilani Kaho"], "2025-07-14")
    assert markers_by_paragraph(second) == [["i", "ii"], ["iii"]]
    assert [n.label for n in second.footnotes] == ["i", "ii", "iii"]
    assert second.resolved_footnote("ii").url.startswith("https://www.rnz.co.nz/")
    assert second.content_hash == content_hash(lines[1].encode())
    assert first.warnings == second.warnings == []


def test_jsonl_notes_as_text_block(tmp_path: Path) -> None:
    path = tmp_path / "block.jsonl"
    row = {
        "title": "Grain Corridor",
        "body": "Exports resumed in August.[1] Insurance costs fell.[2]",
        "notes": "[1] “Grain Exports Resume”, Reuters, https://www.reuters.com/grain,\n"
        "(Accessed: 1 September 2025).\n[2] Ibid.",
    }
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    (a,) = parse_file(path)
    assert a.footnote("1").accessed == "1 September 2025"
    assert a.footnote("2").ibid_of == "1"
    assert a.warnings == []


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"title": "A", "body": "Text."}', "{not json"], "line 2: not valid JSON"),
        (['{"title": "A"}'], "line 1: missing required field 'body'"),
        (['{"body": "Text."}'], "line 1: missing required field 'title'"),
        (['{"title": "A", "body": "T.", "authors": [1, 2]}'], "field 'authors' must be a list"),
        (['{"title": "A", "body": "T.", "footnotes": 3}'], "line 1: field 'footnotes' must be"),
        (["[1, 2]"], "line 1: expected a JSON object, got list"),
        (
            ['{"title": "A", "body": "One."}', "", '{"title": "A", "body": "Two."}'],
            "line 3: duplicate article id 'a' (first on line 1)",
        ),
    ],
)
def test_jsonl_malformed_line_fails_file(tmp_path: Path, lines: list[str], message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ParseError) as err:
        parse_file(path)
    assert err.value.path == str(path)
    assert message in err.value.reason


# --- PDF ------------------------------------------------------------------------------------


def test_generated_pdf_is_readable_by_pypdf() -> None:
    text = PdfReader(io.BytesIO(make_pdf(PDF_PAGES, PDF_INFO))).pages[1].extract_text()
    assert "“Glacier Loss in the Pamir”" in text and "Regional Cooperation" in text


def test_pdf_article(policy_pdf: Path) -> None:
    a = parse_one(policy_pdf)
    assert (a.id, a.format) == ("water-security", "pdf")
    assert a.title == "Water Security in Central Asia"
    assert a.authors == ["Dr. Selin Arslan"]
    assert a.published == "2025-05-12"
    assert markers_by_paragraph(a) == [["1", "2"], ["3"], ["4"]]
    assert [p.section for p in a.paragraphs] == [None, None, "Regional Cooperation"]
    second = a.paragraphs[1].text
    assert "technical negotiations on the canal" in second  # de-hyphenated
    # The paragraph runs on across the page break, past the running header and page number.
    assert second.endswith(
        "The talks are expected to resume after the harvest season, "
        "according to officials in Tashkent."
    )
    body = all_text(a)
    assert HEADER not in body and "Notes" not in body
    assert a.footnote("1").url == "https://centralasiaclimateportal.org/glacier-loss"
    assert a.footnote("2").publisher == "The Diplomat"
    assert (a.footnote("3").ibid_of, a.footnote("3").locator) == ("2", "p. 4")
    assert a.warnings == []


def test_sample_article_laid_out_as_pdf(tmp_path: Path) -> None:
    """The sample wrapped at 95 columns, 45 lines a page, with a running header and page
    numbers and no blank lines: paragraphs must come back from line lengths alone."""
    lines: list[str] = []
    for block in SAMPLE.read_text(encoding="utf-8").split("\n\n"):
        for line in block.strip().splitlines():
            if line != "Paylaş":  # share widgets are not printed
                lines += textwrap.wrap(line, 95)
    pages = [
        ["ANKASAM | Analysis", *lines[i : i + 45], str(i // 45 + 1)]
        for i in range(0, len(lines), 45)
    ]
    path = tmp_path / "sample.pdf"
    path.write_bytes(make_pdf(pages))
    a, txt = parse_one(path), parse_one(SAMPLE)
    assert (a.title, a.authors, a.category) == (txt.title, txt.authors, txt.category)
    assert a.highlights == txt.highlights
    assert [p.text for p in a.paragraphs] == [p.text for p in txt.paragraphs]
    for got, want in zip(a.footnotes, txt.footnotes, strict=True):
        assert (got.label, got.url, got.accessed, got.ibid_of) == (
            want.label,
            want.url,
            want.accessed,
            want.ibid_of,
        )
        if want.text == want.text.encode("cp1252", "replace").decode("cp1252"):
            assert got == want  # (other notes lost letters to the PDF's WinAnsi encoding)
    assert a.author_bio == txt.author_bio
    assert a.warnings == []


# --- warnings, not crashes ------------------------------------------------------------------


def test_note_problems_are_warnings(tmp_path: Path) -> None:
    path = tmp_path / "problems.txt"
    path.write_text(
        "Problems\n\nThe first claim cites a note that is missing.[3] The second is fine.[1]\n\n"
        "[1] “Source One”, Publisher, https://example.org/one.\n\n"
        "[1] “Source One Again”, Publisher, https://example.org/again.\n\n"
        "[2] “Never Cited”, Publisher, https://example.org/two.\n",
        encoding="utf-8",
    )
    a = parse_one(path)
    assert "paragraph 1 cites [3] but the notes list has no such note" in a.warnings
    assert "note [2] is never cited in the text" in a.warnings
    assert any(w.startswith("note label [1] appears more than once") for w in a.warnings)
    # The note printed again keeps its own source instead of taking the first one's.
    assert a.footnote("1.2").url == "https://example.org/again"  # type: ignore[union-attr]
    assert a.footnote("1").url == "https://example.org/one"  # type: ignore[union-attr]


def test_html_note_warnings_are_recomputed(tmp_path: Path) -> None:
    path = tmp_path / "partial.html"
    path.write_text(
        "<html><head><title>Partial Notes</title></head><body><article>"
        "<p>A claim with a note that exists, made at some length for the extractor.<sup>"
        '<a href="#fn1">1</a></sup> Another claim whose note was lost.<sup>[2]</sup></p>'
        '<ol class="footnotes"><li id="fn1">“Source”, Publisher, https://example.org/s.</li>'
        '<li id="fn3">“Orphan”, Publisher, https://example.org/o.</li></ol>'
        "</article></body></html>",
        encoding="utf-8",
    )
    a = parse_one(path)
    # parse_text saw no notes at all; only the real problems survive attaching the list.
    assert a.warnings == [
        "paragraph 1 cites [2] but the notes list has no such note",
        "note [3] is never cited in the text",
    ]


# --- notes: URL edges the corpora exposed ---------------------------------------------------


def test_note_urls_keep_balanced_parentheses_and_bare_urls() -> None:
    movie = "https://www.the-numbers.com/movie/Jackass-Forever-(2021)"
    assert parse_note("5", movie).url == movie
    assert parse_note("5", f"“Box office”, The Numbers, {movie}, (Accessed: 1 May 2022).").url == (
        movie
    )
    assert parse_note("1", "See (https://example.org/page).").url == "https://example.org/page"
    bare = "https://example.org/report#:~:text=Jeju."
    assert parse_note("2", bare).url == bare  # a note that is only a URL is taken verbatim
    assert parse_note("3", '"The Title". U.S. News. 2 May 2022.').publisher == "U.S. News"


# --- parse_file errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.md", b"  \n\t\n", "only whitespace"),
        ("binary.txt", b"abc\x00def", "NUL bytes"),
        ("latin1.txt", "Café".encode("latin-1"), "not UTF-8"),
        ("notes.odt", b"PK\x03\x04", "unsupported file type '.odt'"),
        (
            "menu.html",
            b"<html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>",
            "no article text found in the HTML",
        ),
        ("scan.pdf", blank_pdf(), "PDF has no extractable text (scanned image?); run OCR first"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage", "not a readable PDF"),
        ("misnamed.pdf", b"hello, this is text", "not a PDF"),
        ("bad.jsonl", b'{"title": "A", "body": "B."}\n{"title": 1, "body": "B."}\n', "line 2:"),
    ],
)
def test_parse_file_errors_name_file_and_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ParseError) as err:
        parse_file(path)
    assert err.value.path == str(path)
    assert reason in err.value.reason
    assert str(err.value).startswith(str(path))


def test_parse_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Title\n\n" + "A sentence of text. " * 100, encoding="utf-8")
    with pytest.raises(ParseError, match="over the"):
        parse_file(path, max_bytes=500)


def test_encrypted_pdf(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(PDF_PAGES, PDF_INFO))))
    writer.encrypt("secret", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    path = tmp_path / "locked.pdf"
    path.write_bytes(buf.getvalue())
    with pytest.raises(ParseError, match="password-protected"):
        parse_file(path)


def test_html_in_a_declared_legacy_charset_is_decoded(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>Caf\u00e9 diplomacy</title></head><body><article><h1>Caf\u00e9 diplomacy</h1>"
        "<p>The minister\u2019s caf\u00e9 meeting in M\u00fcnchen lasted two hours and ended "
        "with a joint statement on grain exports through the Black Sea corridor.</p>"
        "<p>Officials said the talks would resume in the spring after technical work on "
        "inspections and insurance for cargo ships had been completed.</p></article></body></html>"
    )
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1252"))
    article = parse_file(path)[0]
    assert "caf\u00e9 meeting in M\u00fcnchen" in article.paragraphs[0].text
    assert "minister\u2019s" in article.paragraphs[0].text
    undeclared = tmp_path / "undeclared.html"
    undeclared.write_bytes(page.replace("charset=windows-1252", "").encode("cp1252"))
    with pytest.raises(ParseError, match="not UTF-8"):
        parse_file(undeclared)
