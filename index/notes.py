"""Footnote entries: split a note into title, publisher, URL and access date; resolve Ibid."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from index.dates import parse_date
from index.types import Footnote

_URL_RE = re.compile(r"https?://[^\s<>\"“”]+", re.IGNORECASE)
# Each opening quote with its own closing one, so an apostrophe inside a title does not end it
# (“Avrasya’da İşbirliği …”); the loose form catches mismatched pairs (“Title").
_QUOTED_RE = re.compile(
    r"“(?P<t>[^”]{3,400})”|\"(?P<t2>[^\"]{3,400})\"|«(?P<t3>[^»]{3,400})»|‘(?P<t4>.{3,400}?)’(?!\w)"
)
_LOOSE_QUOTED_RE = re.compile(r"[“\"«‘](?P<t>[^”\"»’]{3,400})[”\"»’]")
_ACCESSED_RE = re.compile(
    r"\(?(?<!\w)(?:access(?:ed)?(?:\s+date|\s+on)?|retrieved(?:\s+on)?|consulted|"
    r"eri[şs]im(?:\s+tarihi)?|дата\s+обращения|(?:дата\s+)?доступа?)\s*[:]?\s*"
    r"(?P<d>[^()\n]{4,40}?)\s*\)?\s*\.?\s*$",
    re.IGNORECASE,
)
# Ibid. as styles print it: Latin (Ibid., Ib., Idem, Id.), Turkish "adı geçen eser/makale"
# (a.g.e., a.g.m., age., agm.) and Russian (Там же). The word must end there, so "Ibn
# Khaldun" or "Idaho" never reads as one; the dotless Turkish forms need their dot ("age.")
# because "age" is an English word.
_IBID_RE = re.compile(
    r"^\s*(?:(?:ibid(?:em)?|idem|там\s+же|тамже|aynı\s+(?:eser|makale|yer)|a\.\s?g\.\s?[emy])"
    r"(?!\w)\.?|(?:ib|id|ag[emy])\.)"
    r"\s*(?:[,;:.]\s*)?(?P<loc>.*?)\s*\.?\s*$",
    re.IGNORECASE,
)
# Op. cit. after an author: the work of that author cited last ("Smith, op. cit., p. 4",
# "Yılmaz, a.g.e., s. 12", "Иванов И. И. Указ. соч. С. 12").
_OPCIT_RE = re.compile(
    r"^\s*(?P<author>[^\W\d][^,“\"«]{1,60}?)[,.]?\s+"
    r"(?:op\.\s?cit|loc\.\s?cit|указ\.\s?соч|цит\.\s?соч|a\.\s?g\.\s?[em]|ag[em])(?!\w)\.?"
    r"\s*(?:[,;:.]\s*)?(?P<loc>.*?)\s*\.?\s*$",
    re.IGNORECASE,
)


def _ibid_match(text: str) -> re.Match[str] | None:
    match = _IBID_RE.match(text)
    if match is None or len(text) >= 80:
        return None
    # "Idem, “Another Title”, 2020" names a new work by the same author: not a repeat.
    loc = match.group("loc")
    if _URL_RE.search(loc) or _QUOTED_RE.search(loc) or _LOOSE_QUOTED_RE.search(loc):
        return None
    return match


def is_ibid(text: str) -> bool:
    return _ibid_match(text.strip()) is not None


def _opcit_match(text: str) -> re.Match[str] | None:
    match = _OPCIT_RE.match(text)
    if match is None or len(text) >= 120 or _URL_RE.search(text):
        return None
    return match


def _surname(author: str) -> str:
    """The word of "Иванов И. И." / "Smith, J." / "Ahmet Yılmaz" that names the author: the
    longest one (initials are one letter)."""
    words = re.findall(r"[^\W\d_]{2,}", author)
    return max(words, key=len).lower() if words else ""


def _clean_url(url: str, note: str) -> str:
    if url == note:
        return url  # a note that is only a URL: nothing printed after it to strip
    url = url.rstrip(".,;]’”'\"")
    # A closing parenthesis belongs to the URL when it closes one the URL opened: '…(2021)'.
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(".,;]’”'\"")
    return url


def _parts(text: str) -> list[str]:
    # Commas separate parts in most styles; Wikipedia's ("Title". Publisher. Date.) uses full
    # stops, told from abbreviations ("U.S.", "Dr.") by the two lower-case letters before them.
    parts = [p.strip(" .,;:()") for p in re.split(r"[,;]|(?<=[a-z]{2})\.\s", text)]
    return [p for p in parts if p and not _DATE_ONLY.fullmatch(p)]


# A part that is only a date or a number: never a publisher.
_DATE_ONLY = re.compile(
    r"[\W\d]*|(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"(?:\s+\d{1,2})?(?:\s*,?\s*\d{4})?",
    re.IGNORECASE,
)


def parse_note(label: str, text: str) -> Footnote:
    text = text.strip()
    match = _ibid_match(text)
    if match:
        return Footnote(label=label, text=text, locator=match.group("loc") or None)
    opcit = _opcit_match(text)
    if opcit:
        return Footnote(label=label, text=text, locator=opcit.group("loc") or None)
    url_match = _URL_RE.search(text)
    url = _clean_url(url_match.group(0), text) if url_match else None
    accessed_match = _ACCESSED_RE.search(text)
    accessed = accessed_match.group("d").strip(" .,") if accessed_match else None
    title_match = _QUOTED_RE.search(text) or _LOOSE_QUOTED_RE.search(text)
    title = next(t for t in title_match.groups() if t).strip(" ,") if title_match else None

    publisher: str | None = None
    rest = text
    if accessed_match:
        rest = rest[: accessed_match.start()]
    if url_match:
        rest = rest[: url_match.start()] + " " + rest[url_match.end() :]
    before = ""
    if title_match:
        # What precedes a quoted title is its author ("Jane Doe, “Title”, Reuters, …"); the
        # publisher comes after it. Only a note with nothing after the title keeps the part
        # before it as the publisher ("BBC, “Title”").
        start = rest.find(title_match.group(0))
        if start >= 0:
            before, rest = rest[:start], rest[start + len(title_match.group(0)) :]
    parts = _parts(rest) or _parts(before)
    # Without a quoted title or a URL the parts are too ambiguous (author? title? press?) to
    # label, so the note keeps only its text.
    if parts and (title or url):
        publisher = parts[0]
    if publisher is None and url:
        host = urlparse(url).hostname or ""
        publisher = host.removeprefix("www.") or None
    return Footnote(
        label=label,
        text=text,
        title=title,
        publisher=publisher,
        url=url,
        accessed=accessed,
        accessed_iso=parse_date(accessed) if accessed else None,
    )


def resolve_ibids(notes: list[Footnote]) -> list[str]:
    """Point each Ibid. at the original note it repeats (in place); return warnings."""
    warnings: list[str] = []
    previous: Footnote | None = None
    for i, note in enumerate(notes):
        if is_ibid(note.text):
            if previous is None:
                warnings.append(f"note [{note.label}] says Ibid. but no note precedes it")
            else:
                note.ibid_of = previous.ibid_of or previous.label
        elif (opcit := _opcit_match(note.text)) is not None:
            name = _surname(opcit.group("author"))
            earlier = next(
                (n for n in reversed(notes[:i]) if name and name in n.text.lower()), None
            )
            if earlier is None:
                warnings.append(
                    f"note [{note.label}] cites an earlier work by {opcit.group('author')!r}, "
                    "but no earlier note names that author"
                )
            else:
                note.ibid_of = earlier.ibid_of or earlier.label
        previous = note
    return warnings
