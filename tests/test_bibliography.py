"""Bibliography export: every format parsed back with a real parser (bibtexparser + pylatexenc,
rispy, json + citeproc-py), then the CLI's --format and the web downloads on a real archive."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
import rispy
from pylatexenc.latex2text import LatexNodes2Text

from index.errors import IbidError, NotFoundError
from index.library import Library
from index.types import Article, Footnote
from rag.bibliography import (
    FORMATS,
    BibEntry,
    entries_from_answer,
    entries_from_passages,
    entries_from_sources,
    iso_date,
    render,
)
from rag.lookup import Passage
from rag.types import Answer, Citation, SourceRef
from tests.conftest import in_process_cli, sample_library

NASTY = 'Avrasya’da {İşbirliği}: "Trade" & US--India ties at 50% — café_#1 for $5 ~ back\\slash'
URL = "https://www.bbc.com/news/articles/c5y_ve1%20x?a=1&b=2#top"
KREMLIN = "http://en.kremlin.ru/events/president/news/1"
INTERVIEW = "Interview with a senior official, Ankara, 12 January 2026."
latex = LatexNodes2Text()


def _bbc(label: str, **kw: Any) -> SourceRef:
    fields = {"title": NASTY, "publisher": "BBC", "url": URL, "accessed": "05 Feb 2026"}
    return SourceRef(label=label, **{"text": f"“{NASTY}”, BBC, {URL}", **fields, **kw})


def _citation(n: int, article: str, title: str, para: int, notes: list[SourceRef]) -> Citation:
    return Citation(
        n=n, article_id=article, title=title, paragraph=para, quote="q", start=0, end=1,
        footnotes=notes,
    )  # fmt: skip


@pytest.fixture
def answer() -> Answer:
    ibid = _bbc("ii", text="Ibid.", ibid_of="i")  # resolved: the original's fields, its own text
    kremlin = SourceRef(
        label="3", title="Talks with the Prime Minister of India", publisher="Kremlin",
        url=KREMLIN, accessed="sometime in spring", text="…",
    )  # fmt: skip
    untitled = SourceRef(label="4", text=INTERVIEW)
    return Answer(
        question="q",
        answer="a [1] b [2] c [3]",
        citations=[
            _citation(1, "india-us", "India & the US", 2, [_bbc("i")]),
            _citation(2, "india-us", "India & the US", 3, [ibid, kremlin, untitled]),
            _citation(3, "ru-in", "Russia–India: “Old Friends”", 5, [_bbc("7")]),
        ],
    )


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Accessed: 05.02.2026", "2026-02-05"),
        ("accessed 3 March 2026", "2026-03-03"),
        ("March 3, 2026", "2026-03-03"),
        ("2026-02-05", "2026-02-05"),
        ("05 Feb 2026", "2026-02-05"),
        ("Erişim tarihi: 5 Şubat 2026", "2026-02-05"),
        ("12/25/2026", "2026-12-25"),  # cannot be day-first
        ("31.02.2026", None),
        ("sometime in spring", None),
        (None, None),
    ],
)
def test_access_dates_normalise_to_iso(text: str | None, iso: str | None) -> None:
    assert iso_date(text) == iso


def test_one_entry_per_source_with_every_citing_place(answer: Answer) -> None:
    entries = entries_from_answer(answer)
    assert [e.title for e in entries] == [
        NASTY,
        "Talks with the Prime Minister of India",
        INTERVIEW,
    ]
    bbc, kremlin, interview = entries
    assert [(p.article_id, p.paragraph, p.label) for p in bbc.cited_in] == [
        ("india-us", 2, "i"),
        ("india-us", 3, "ii"),  # the Ibid. is the same source, not a new entry
        ("ru-in", 5, "7"),
    ]
    assert bbc.accessed == "2026-02-05" and bbc.accessed_raw == "05 Feb 2026"
    assert kremlin.accessed is None and kremlin.accessed_raw == "sometime in spring"
    assert interview.url is None and interview.publisher is None
    assert bbc.key == "bbc2026-avrasyada-isbirligi-trade"
    assert len({e.key for e in entries}) == 3
    assert entries_from_answer(answer.model_copy(update={"refused": True})) == []


def test_keys_that_collide_get_letters() -> None:
    refs = [_bbc("1", url="https://bbc.com/a"), _bbc("2", url="https://bbc.com/b")]
    entries = entries_from_answer(
        Answer(question="q", answer="a", citations=[_citation(1, "x", "X", 1, refs)])
    )
    assert [e.key for e in entries] == [
        "bbc2026-avrasyada-isbirligi-trade-a",
        "bbc2026-avrasyada-isbirligi-trade-b",
    ]


def test_bibtex_parses_back_without_loss(answer: Answer) -> None:
    text = render(entries_from_answer(answer), "bibtex")
    parsed = bibtexparser.parse_string(text)
    assert parsed.failed_blocks == []
    bbc, kremlin, interview = parsed.entries
    assert {e.entry_type for e in parsed.entries} == {"online"}
    # text fields are LaTeX: decode them as LaTeX; url and urldate are verbatim
    assert latex.latex_to_text(bbc["title"]) == NASTY
    assert bbc["url"] == URL and bbc["urldate"] == "2026-02-05"
    assert latex.latex_to_text(bbc["organization"]) == "BBC"
    note = latex.latex_to_text(bbc["note"])
    assert 'Cited in "India & the US" (india-us), paragraph 2, note [i]' in note
    assert "paragraph 3, note [ii]" in note
    assert 'Cited in "Russia–India: “Old Friends”" (ru-in), paragraph 5, note [7]' in note
    assert "urldate" not in kremlin.fields_dict  # not a date: it goes in the note instead
    assert latex.latex_to_text(kremlin["note"]).endswith("Accessed: sometime in spring")
    assert latex.latex_to_text(interview["title"]) == INTERVIEW and "url" not in interview


def test_ris_parses_back_without_loss(answer: Answer) -> None:
    text = render(entries_from_answer(answer), "ris")
    assert text.startswith("TY  - ELEC\n")  # no "1." header line before the record
    bbc, kremlin, interview = rispy.loads(text)
    assert bbc["type_of_reference"] == "ELEC"
    assert bbc["title"] == NASTY and bbc["secondary_title"] == "BBC"
    assert bbc["urls"] == [URL] and bbc["access_date"] == "2026/02/05"
    assert "note [i]" in bbc["notes"][0] and "(ru-in), paragraph 5, note [7]" in bbc["notes"][0]
    assert "access_date" not in kremlin and "Accessed: sometime in spring" in kremlin["notes"][0]
    assert interview["title"] == INTERVIEW and "urls" not in interview


def test_csl_json_parses_back_and_citeproc_reads_it(answer: Answer) -> None:
    from citeproc import Citation as CslCitation
    from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(render(entries_from_answer(answer), "csl-json"))
    bbc, kremlin, interview = items
    assert bbc["type"] == "webpage" and bbc["title"] == NASTY and bbc["URL"] == URL
    assert bbc["container-title"] == "BBC"
    assert bbc["accessed"] == {"date-parts": [[2026, 2, 5]]}
    assert kremlin["accessed"] == {"raw": "sometime in spring"}
    assert "paragraph 3, note [ii]" in bbc["note"] and interview["title"] == INTERVIEW

    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bib.register(CslCitation([CitationItem(item["id"])]))
    first = str(bib.bibliography()[0])
    assert NASTY in first and "BBC" in first and URL in first
    assert "Accessed: February 5, 2026" in first


def test_unknown_format_names_the_valid_ones(answer: Answer) -> None:
    with pytest.raises(IbidError, match="bibtex, ris, csl-json"):
        render(entries_from_answer(answer), "endnote")
    from ui.cli.util import BIB_FORMATS

    assert BIB_FORMATS == FORMATS


def test_passages_and_source_rows_become_entries(answer: Answer) -> None:
    passage = Passage(
        article_id="india-us", title="India & the US", paragraph=2, quote="q", start=0, end=1,
        support=1.0, verdict="supports", footnotes=[_bbc("i"), _bbc("ii", text="Ibid.")],
    )  # fmt: skip
    [entry] = entries_from_passages([passage])
    assert entry.url == URL and [p.label for p in entry.cited_in] == ["i", "ii"]

    class Articles:
        def article(self, article_id: str) -> Article:
            if article_id != "india-us":
                raise NotFoundError(article_id)
            notes = [
                Footnote(label="i", text="…", title=NASTY, url=URL, accessed="05.02.2026"),
                Footnote(label="ii", text="Ibid.", ibid_of="i"),
                Footnote(label="4", text=INTERVIEW),
            ]
            return Article(id="india-us", title="India & the US", footnotes=notes)

    def cited(article: str, para: int, label: str) -> dict[str, Any]:
        return {"article_id": article, "title": article.upper(), "paragraph": para, "label": label}

    rows = [
        {"url": URL, "title": NASTY, "publisher": "BBC",
         "cited_by": [cited("india-us", 2, "i"), cited("india-us", 3, "ii"), cited("gone", 1, "9")]},
        {"url": None, "title": None, "publisher": None, "cited_by": [cited("india-us", 4, "4")]},
    ]  # fmt: skip
    bbc, interview = entries_from_sources(rows, Articles())
    assert bbc.accessed == "2026-02-05" and len(bbc.cited_in) == 3
    assert interview.title == INTERVIEW  # the note's text, read back from its article
    assert entries_from_sources(rows)[0].accessed is None  # without the library: no date


# the CLI and the web UI on a real archive ------------------------------------------------------
MODI = "What did Modi do in July 2025?"
GMFUS = "https://www.gmfus.org/news/has-united-states-really-lost-india"
BBC_SAMPLE = "https://www.bbc.com/news/articles/c5yve1x9zv0o"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> Iterator[Library]:
    yield from sample_library(tmp_path_factory, embedder, "bib-home")


@pytest.fixture
def ibid(library: Library, monkeypatch: pytest.MonkeyPatch) -> Any:
    """`ibid ARGS…` in-process on the test library (its embedder, its vector cache)."""
    return in_process_cli(library, monkeypatch)


def test_cli_sources_as_ris(ibid: Any) -> None:
    out = ibid("sources", "--format", "ris")
    assert out.exit_code == 0, out.stderr
    records = rispy.loads(out.stdout)
    assert len(records) == 5  # seven notes, two of them Ibid.
    assert {r["access_date"] for r in records} == {"2026/02/05"}
    bbc = next(r for r in records if r["urls"] == [BBC_SAMPLE])
    assert bbc["title"] == "US and India reach trade deal, Trump says after Modi call"
    assert bbc["secondary_title"] == "BBC"
    assert "note [i]" in bbc["notes"][0] and "note [ii]" in bbc["notes"][0]
    # --json is unchanged
    rows = json.loads(ibid("sources", "--json").stdout)
    assert set(rows[0]) == {"url", "title", "publisher", "cited_by"}


CLAIM_V = "World media analyses said the US had lost India to Russia and China"
ASK_V = "What did analyses in the world media suggest about India drifting towards Russia?"


def test_cli_cite_and_ask_as_bibtex(ibid: Any) -> None:
    # Sentences whose own marker [v] cites GMFUS: a quote with no marker exports no source.
    for args in (("cite", CLAIM_V), ("ask", ASK_V)):
        out = ibid(*args, "--format", "bibtex")
        assert out.exit_code == 0, out.stderr
        parsed = bibtexparser.parse_string(out.stdout)
        assert parsed.entries and parsed.failed_blocks == []
        assert all(e["urldate"] == "2026-02-05" for e in parsed.entries)
        assert GMFUS in {e["url"] for e in parsed.entries}
        assert all("india-us-rapprochement" in e["note"] for e in parsed.entries)


def test_cli_refusal_prints_no_bibliography(ibid: Any) -> None:
    out = ibid("ask", "What is the recipe for lasagna?", "--format", "csl-json")
    assert out.exit_code == 0 and out.stdout == ""
    assert "refused" in out.stderr
    out = ibid("ask", MODI, "--format", "ris", "--json")
    assert out.exit_code == 2 and "pick one" in out.stderr


def _download(file: Any) -> Path:
    """The file a `gr.File` update offers (gradio has copied it into its cache)."""
    return Path(file.value["path"])


def test_web_downloads(library: Library) -> None:
    from rag.chain import AnswerChain
    from ui.web.api import Service
    from ui.web.chat import Chat
    from ui.web.render import Exchange

    chain = AnswerChain(library)
    answer = chain.invoke(ASK_V)
    chat = Chat(chain, llm_configured=False)
    file = chat.bibliography([Exchange(question=ASK_V, answer=answer)], "csl-json")
    path = _download(file)
    assert file.visible and path.name == "ibid-sources.json"
    assert GMFUS in {item["URL"] for item in json.loads(path.read_text(encoding="utf-8"))}
    with pytest.warns(UserWarning, match="no answer"):
        assert chat.bibliography([], "ris").visible is False

    service = Service(chain, llm_configured=False)
    _, rows = service.sources_view("bbc.com", "")
    path = _download(service.export_sources(rows, "bibtex"))
    [bbc] = bibtexparser.parse_string(path.read_text(encoding="utf-8")).entries
    assert path.suffix == ".bib" and bbc["url"] == BBC_SAMPLE and bbc["urldate"] == "2026-02-05"
    _, passages = service.cite_view("Modi visited Moscow in July 2025", 5)
    assert _download(service.export_passages(passages, "ris")).suffix == ".ris"
    with pytest.warns(UserWarning, match="look up a claim"):
        service.export_passages([], "ris")


def test_render_is_stable() -> None:
    entry = BibEntry(key="k", title="T", url="https://e.org/x")
    assert render([entry], "bibtex") == "@online{k,\n  title = {T},\n  url = {https://e.org/x}\n}\n"
