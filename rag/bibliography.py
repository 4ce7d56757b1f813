"""Bibliography export: the primary sources of an answer or a lookup, for Zotero and LaTeX.

One `BibEntry` per distinct source (by URL, else title + publisher, else the note's text); an
Ibid. note counts as the source it repeats. Its note lists every place that cites it:
'Cited in "<article title>" (<article id>), paragraph N, note [label]'.

The formats, and why (checked against what Zotero's importers read):

- BibTeX: biblatex `@online`. Zotero imports `@online` as a Web Page (a plain-BibTeX `@misc` would
  arrive as a Book), `url`, `urldate` as "Accessed", `note` as a child note. The publisher goes in
  `organization`, the @online field biblatex defines for it. Written with bibtexparser; text
  fields are LaTeX-escaped (& % $ # _ { } ~ ^ \\) with accents left as UTF-8, which biber and
  Zotero read; `url` is verbatim, as biblatex reads it.
- RIS: `TY  - ELEC` (Zotero: Web Page), `TI` title, `T2` website title (the publisher), `UR`,
  `Y2` access date as YYYY/MM/DD, `N1` note. Written with rispy.
- CSL-JSON: type "webpage", `title`, `container-title` (the publisher), `URL`, `accessed` as
  date-parts, `note`.

An access date is normalised to YYYY-MM-DD when it parses; otherwise CSL-JSON keeps it as
`{"raw": …}`, and BibTeX and RIS, whose date fields must be dates, add it to the note.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Protocol

from pydantic import BaseModel, Field

from index.errors import IbidError
from index.types import Article
from rag.citations import host, source_key
from rag.types import Answer, SourceRef, SourceRow

FORMATS = ("bibtex", "ris", "csl-json")
EXTENSIONS = {"bibtex": ".bib", "ris": ".ris", "csl-json": ".json"}


class CitingPlace(BaseModel):
    """Where the archive cites a source: an article's paragraph and the note's label."""

    article_id: str
    article_title: str
    paragraph: int
    label: str

    def describe(self) -> str:
        title = " ".join(self.article_title.split())
        return f'Cited in "{title}" ({self.article_id}), paragraph {self.paragraph}, ' + (
            f"note [{self.label}]"
        )


class BibEntry(BaseModel):
    """One primary source, as every export format needs it."""

    key: str = Field(default="", description="Stable citation key, unique in its export.")
    title: str = Field(description="The note's title, or the note's text when it has none.")
    publisher: str | None = None
    url: str | None = None
    accessed: str | None = Field(default=None, description="Access date, YYYY-MM-DD.")
    accessed_raw: str | None = Field(default=None, description="Access date as printed.")
    cited_in: list[CitingPlace] = Field(default_factory=list)

    @property
    def note(self) -> str:
        return "; ".join(p.describe() for p in self.cited_in)

    def note_with_access(self) -> str:
        """The note, plus the printed access date when it is not a date the format can hold."""
        if self.accessed or not self.accessed_raw:
            return self.note
        return f"{self.note}. Accessed: {self.accessed_raw}" if self.note else self.accessed_raw


# access dates ---------------------------------------------------------------------------------
_MONTH_NAMES = (
    "january february march april may june july august september october november december",
    "jan feb mar apr may jun jul aug sep oct nov dec",
    # Turkish ("Erişim tarihi: 5 Şubat 2026"), with and without its own letters
    "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık",
    "ocak subat mart nisan mayis haziran temmuz agustos eylul ekim kasim aralik",
)
_MONTHS = {m: i for names in _MONTH_NAMES for i, m in enumerate(names.split(), 1)} | {"sept": 9}
_ISO_RE = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")
_NUMERIC_RE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")
_DAY_MONTH_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})\b")
_MONTH_DAY_RE = re.compile(r"\b([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


def iso_date(text: str | None) -> str | None:
    """'Accessed: 05.02.2026', '3 March 2026', 'March 3, 2026', '2026-02-05' -> YYYY-MM-DD.

    All-numeric dates are read day first (05.02.2026 is 5 February), unless the second number
    cannot be a month. None when no date parses.
    """
    if not text:
        return None
    candidates: list[tuple[int, int, int]] = []
    if m := _ISO_RE.search(text):
        candidates.append((int(m[1]), int(m[2]), int(m[3])))
    if m := _NUMERIC_RE.search(text):
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        day, month = (second, first) if second > 12 >= first else (first, second)
        candidates.append((year, month, day))
    if (m := _DAY_MONTH_RE.search(text)) and m[2].casefold() in _MONTHS:
        candidates.append((int(m[3]), _MONTHS[m[2].casefold()], int(m[1])))
    if (m := _MONTH_DAY_RE.search(text)) and m[1].casefold() in _MONTHS:
        candidates.append((int(m[3]), _MONTHS[m[1].casefold()], int(m[2])))
    for year, month, day in candidates:
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


# building entries -----------------------------------------------------------------------------
class ArticleSource(Protocol):
    """What `entries_from_sources` needs of a Library."""

    def article(self, article_id: str) -> Article: ...


class Cited(Protocol):
    """A Citation or a lookup Passage: a paragraph of an article and the notes it cites."""

    @property
    def article_id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def paragraph(self) -> int: ...
    @property
    def footnotes(self) -> list[SourceRef]: ...


class _Collector:
    """Entries in order of first citation, one per distinct source, places merged."""

    def __init__(self) -> None:
        self._entries: dict[str, BibEntry] = {}

    def add(
        self,
        place: CitingPlace,
        *,
        title: str | None,
        publisher: str | None,
        url: str | None,
        accessed: str | None,
        text: str | None = None,
    ) -> None:
        title, publisher, url = _clean(title), _clean(publisher), _clean(url)
        text, accessed = _clean(text), _clean(accessed)
        identity = source_key(url, title, publisher, text)
        if identity is None:
            return
        entry = self._entries.get(identity)
        if entry is None:
            entry = self._entries[identity] = BibEntry(title=title or text or url or "")
        entry.publisher = entry.publisher or publisher
        entry.url = entry.url or url
        if accessed and not entry.accessed:
            entry.accessed, entry.accessed_raw = iso_date(accessed), accessed
        if place not in entry.cited_in:
            entry.cited_in.append(place)

    def entries(self) -> list[BibEntry]:
        out = list(self._entries.values())
        assign_keys(out)
        return out


def _clean(value: str | None) -> str | None:
    """Whitespace collapsed (every format wants one-line values); None for nothing."""
    return (" ".join(value.split()) or None) if value else None


def _from_cited(cited: Iterable[Cited]) -> list[BibEntry]:
    """Entries from citations or passages. A resolved Ibid. carries its original's title and
    URL but its own text ('Ibid.'), so an untitled one takes the text of the note it repeats
    when that note is cited too."""
    rows: list[tuple[CitingPlace, SourceRef]] = []
    for c in cited:
        for f in c.footnotes:
            place = CitingPlace(
                article_id=c.article_id, article_title=c.title, paragraph=c.paragraph, label=f.label
            )
            rows.append((place, f))
    texts = {(p.article_id, f.label): f.text for p, f in rows if not f.ibid_of}
    found = _Collector()
    for place, ref in rows:
        text = ref.text
        if ref.ibid_of:
            text = texts.get((place.article_id, ref.ibid_of), f"Ibid. (note [{ref.ibid_of}])")
        found.add(
            place,
            title=ref.title,
            publisher=ref.publisher,
            url=ref.url,
            accessed=ref.accessed,
            text=text,
        )
    return found.entries()


def entries_from_answer(answer: Answer) -> list[BibEntry]:
    """The footnoted sources of an answer's citations (none for a refusal)."""
    return [] if answer.refused else _from_cited(answer.citations)


def entries_from_passages(passages: Iterable[Cited]) -> list[BibEntry]:
    """The footnoted sources of `rag.lookup.cite` passages."""
    return _from_cited(passages)


def entries_from_sources(
    rows: Iterable[SourceRow | Mapping[str, Any]], library: ArticleSource | None = None
) -> list[BibEntry]:
    """Entries from `rag.lookup.source_rows` (or their JSON, as `ibid sources --json` prints
    them). The rows carry no access date or note text; with `library`, each citing note is read
    back from its article for them."""
    found = _Collector()
    articles: dict[str, Article | None] = {}
    for row in map(SourceRow.model_validate, rows):
        for c in row.cited_by:
            place = CitingPlace(
                article_id=c.article_id,
                article_title=c.title,
                paragraph=c.paragraph,
                label=c.label,
            )
            accessed, text = None, ""
            if library is not None:
                if place.article_id not in articles:
                    try:
                        articles[place.article_id] = library.article(place.article_id)
                    except IbidError:
                        articles[place.article_id] = None
                article = articles[place.article_id]
                note = article.resolved_footnote(place.label) if article else None
                if article and note:
                    accessed, text = note.accessed, note.text
                    original = article.footnote(note.ibid_of) if note.ibid_of else None
                    text = original.text if original else text
            found.add(
                place,
                title=row.title,
                publisher=row.publisher,
                url=row.url,
                accessed=accessed,
                text=text,
            )
    return found.entries()


# citation keys --------------------------------------------------------------------------------
_STOPWORDS = set("a an and the of in on at for to from by with as is are was its de la le".split())


def _ascii_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.replace("ı", "i")).encode("ascii", "ignore")
    return re.findall(r"[a-z0-9]+", folded.decode().lower())


def _base_key(e: BibEntry) -> str:
    stem = "".join(_ascii_words(e.publisher or ""))[:20]
    if not stem and e.url:
        stem = "".join(_ascii_words((host(e.url) or "").split(".")[0]))
    year = e.accessed[:4] if e.accessed else ""
    words = [w for w in _ascii_words(e.title) if w not in _STOPWORDS][:3]
    return "-".join(x for x in (f"{stem or 'source'}{year}", *words) if x)


def assign_keys(entries: list[BibEntry]) -> None:
    """publisher (or domain) + access year + three title words: 'bbc2026-us-india-reach';
    entries sharing one get -a, -b, … in order."""
    bases = [_base_key(e) for e in entries]
    counts = Counter(bases)
    seen: dict[str, int] = {}
    for e, base in zip(entries, bases, strict=True):
        if counts[base] == 1:
            e.key = base
            continue
        i = seen[base] = seen.get(base, -1) + 1
        e.key = f"{base}-{chr(ord('a') + i) if i < 26 else i}"


# rendering ------------------------------------------------------------------------------------
_TEX_ESCAPES = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
        "`": "{`}",
    }
)


def tex(text: str) -> str:
    """Plain text as a BibTeX field value that LaTeX (and Zotero) reads back as the same text:
    special characters escaped, and no -- or '' ligature forming a dash or a curly quote."""
    return re.sub(r"(?<=[-'])(?=[-'])", "{}", text.translate(_TEX_ESCAPES))


def _tex_url(url: str) -> str:
    """A URL for biblatex's verbatim `url` field: only what would break the .bib is encoded."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def _bibtex(entries: Sequence[BibEntry]) -> str:
    import bibtexparser
    from bibtexparser.model import Entry
    from bibtexparser.model import Field as BibField

    library = bibtexparser.Library()
    for e in entries:
        fields = [BibField("title", tex(e.title))]
        if e.publisher:
            fields.append(BibField("organization", tex(e.publisher)))
        if e.url:
            fields.append(BibField("url", _tex_url(e.url)))
        if e.accessed:
            fields.append(BibField("urldate", e.accessed))
        if note := e.note_with_access():
            fields.append(BibField("note", tex(note)))
        library.add(Entry("online", e.key, fields))
    layout = bibtexparser.BibtexFormat()
    layout.indent, layout.block_separator = "  ", "\n"
    return str(bibtexparser.write_string(library, bibtex_format=layout))


def _ris(entries: Sequence[BibEntry]) -> str:
    import rispy

    class Writer(rispy.RisWriter):
        def set_header(self, count: int) -> str:
            return ""  # no "1." line before each record: Zotero would keep it as junk

    refs: list[dict[str, Any]] = []
    for e in entries:
        ref: dict[str, Any] = {"type_of_reference": "ELEC", "title": e.title}
        if e.publisher:
            ref["secondary_title"] = e.publisher
        if e.url:
            ref["urls"] = [e.url]
        if e.accessed:
            ref["access_date"] = e.accessed.replace("-", "/")
        if note := e.note_with_access():
            ref["notes"] = [note]
        refs.append(ref)
    return str(rispy.dumps(refs, implementation=Writer))


def csl_items(entries: Sequence[BibEntry]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for e in entries:
        item: dict[str, Any] = {"id": e.key, "type": "webpage", "title": e.title}
        if e.publisher:
            item["container-title"] = e.publisher
        if e.url:
            item["URL"] = e.url
        if e.accessed:
            item["accessed"] = {"date-parts": [[int(x) for x in e.accessed.split("-")]]}
        elif e.accessed_raw:
            item["accessed"] = {"raw": e.accessed_raw}
        if e.note:
            item["note"] = e.note
        items.append(item)
    return items


def render(entries: Sequence[BibEntry], fmt: str) -> str:
    """The entries as a BibTeX, RIS or CSL-JSON document."""
    if fmt == "bibtex":
        return _bibtex(entries)
    if fmt == "ris":
        return _ris(entries)
    if fmt == "csl-json":
        return json.dumps(csl_items(entries), ensure_ascii=False, indent=2) + "\n"
    raise IbidError(f"unknown bibliography format '{fmt}'; use one of: {', '.join(FORMATS)}")
