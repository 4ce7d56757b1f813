"""Notes lists as scraped text prints them, and the bare numbers in the body that point into them.

A page's notes list survives scraping in many shapes: one note a line after a label ("1.", "1)",
"[1]", "[1]:", "^1", "1 |", a bare "1"), unnumbered entries that each end in a back-link arrow
(↩), or the whole list flattened onto one line with the rest of the page. `normalize_notes`
rewrites what follows the notes heading as one "[n] text" line per note, the form the text parser
reads. Labels are taken in sequence (1, 2, 3 …), so a page number or a year inside a note never
starts a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from index.parse.blocks import marker_text
from index.parse.common import (
    continues_url,
    from_roman,
    is_boilerplate,
    is_related_heading,
    join_wrapped,
    looks_like_name,
    related_heading_at,
    to_roman,
)
from index.text import find_markers

_HEADINGS = (
    r"notes|endnotes|footnotes|references|sources|bibliography|citations|works\s+cited|"
    r"kaynakça|kaynaklar|dipnotlar|notlar|примечания|источники|литература|сноски"
)
NOTES_HEADING_RE = re.compile(rf"^#*\s*(?:\*\*)?\s*(?:{_HEADINGS})\s*:?\s*(?:\*\*)?\s*:?$", re.I)
_INLINE_HEADING_RE = re.compile(rf"(?<!\S)(?:#+\s*)?(?P<w>{_HEADINGS})\s*:?(?:\s+|(?=\[))", re.I)
# A sentence's end, with its marker: "…a year.[3]", "…growth”.4", "…said.²".
_SENTENCE_END_RE = re.compile(r"(?:[.!?\"”’)\]⁰¹²³⁴⁵⁶⁷⁸⁹]|[.!?][\"”’)]*\d{1,3})$")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_LABEL_RE = re.compile(
    r"\[(?P<br>\d{1,4}|[ivxlcdm]{1,8})\](?:\s*[:.](?!\S))?"
    r"|\^(?P<caret>\d{1,4})(?!\S)"
    rf"|(?P<sup>[{_SUPERSCRIPTS}]{{1,4}})(?![{_SUPERSCRIPTS}])"
    r"|(?P<pipe>\d{1,4})\s*\|"
    r"|(?P<num>\d{1,4}|[ivxlcdm]{1,8})(?P<sep>[.)])(?!\S)"
    r"|(?P<bare>\d{1,4})(?!\S)"
)
# Forms prose never prints, so a label in them may follow any text.
_DISTINCT = ("br", "caret", "sup")
# A number after one of these is a locator inside a note ("p. 4", "s. 12", "No. 3").
_LOCATOR_WORDS = frozenset(
    (
        "p pp s ss vol no nos n nr ch chap para art sec fig tab bd op cilt sayı с сс стр т вып § №"
    ).split()
)
_ENTRY_END_RE = re.compile(r"(?:[.)\]”\"’»]|↩[\ufe0e\ufe0f]?|https?://\S+)$")
_BACKLINK_RE = re.compile(r"\s*↩[\ufe0e\ufe0f]?(?:[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+(?!\S))?")


def _value(label: str) -> int | None:
    return int(label) if label.isdigit() else from_roman(label)


@dataclass(frozen=True)
class _Label:
    style: str  # a _LABEL_RE group name
    value: int
    roman: bool
    sep: str
    start: int
    end: int

    @property
    def text(self) -> str:
        return to_roman(self.value) if self.roman else str(self.value)


def _label_at(text: str, pos: int = 0) -> _Label | None:
    m = _LABEL_RE.match(text, pos)
    if m is None:
        return None
    style = next(k for k in ("br", "caret", "sup", "pipe", "num", "bare") if m.group(k))
    raw = m.group(style)
    if style == "sup":
        raw = "".join(str(_SUPERSCRIPTS.index(c)) for c in raw)
    value = _value(raw)
    if not value:
        return None
    end = len(text) - len(text[m.end() :].lstrip())
    return _Label(style, value, not raw.isdigit(), m.group("sep") or "", m.start(), end)


def _next_label_re(label: _Label) -> re.Pattern[str]:
    """The label that may follow `label`: the next number printed the same way, or, in
    brackets, any number after a space (Wikipedia's lists run in order of first citation)."""
    return _label_pattern(label.style, label.value + 1, label.roman, label.sep)


@lru_cache(maxsize=4096)  # one per label number and style: too many for re's own cache
def _label_pattern(style: str, value: int, roman: bool, sep: str) -> re.Pattern[str]:
    text = re.escape(to_roman(value) if roman else str(value))
    any_number = r"[ivxlcdm]{1,8}" if roman else r"\d{1,4}"
    form = {
        "br": rf"(?:(?<!\S)\[(?P<v>{any_number})\]|\[{text}\])(?:\s*[:.](?!\S))?",
        "caret": rf"(?<!\S)\^{text}(?!\S)",
        # "km²" inside a note is a unit, not note 2: a label never touches a word.
        "sup": "(?<![\\w{0}]){1}(?![{0}])".format(
            _SUPERSCRIPTS, "".join(_SUPERSCRIPTS[int(d)] for d in str(value))
        ),
        "pipe": rf"(?<!\S){text}\s*\|",
        "num": rf"(?<!\S){text}{re.escape(sep)}(?!\S)",
        "bare": rf"(?<!\S){text}(?!\S)",
    }[style]
    return re.compile(form + r"\s*")


def _ends_entry(before: str, style: str) -> bool:
    """May a note that reads `before` so far end here, where the next label seems to start?"""
    before = before.rstrip()
    if not before:
        return False
    if style in _DISTINCT:
        return True
    if before.rsplit(None, 1)[-1].strip(".,").lower() in _LOCATOR_WORDS:
        return False
    return bool(_ENTRY_END_RE.search(before))


def _split_entries(text: str, first: _Label) -> list[tuple[_Label, str]]:
    """The notes in `text`, which starts with label `first`: each runs to the next number in
    sequence printed the same way."""
    entries: list[tuple[_Label, str]] = []
    label = first
    while True:
        nxt = None
        for m in _next_label_re(label).finditer(text, label.end):
            printed = m.groupdict().get("v")
            value = _value(printed) if printed else label.value + 1
            if value and _ends_entry(text[label.end : m.start()], label.style):
                nxt = _Label(label.style, value, label.roman, label.sep, m.start(), m.end())
                break
        entries.append((label, text[label.end : nxt.start if nxt else len(text)].strip()))
        if nxt is None:
            return entries
        label = nxt


def _opens_note(label: _Label, expected: int) -> bool:
    # A bare number or a Roman numeral ("v.", "mix.") at a line start is a note only in turn.
    return (
        label.style in _DISTINCT
        or not (label.style == "bare" or label.roman)
        or (label.value == expected)
    )


def _stands_alone(line: str) -> bool:
    return bool(
        re.match(rf"#|\[\^|[{_SUPERSCRIPTS}]", line)
        or NOTES_HEADING_RE.match(line)
        or looks_like_name(line)
        or is_boilerplate(line)
        or is_related_heading(line)
    )


def _continues(note: str, line: str) -> bool:
    """Is `line`, right under `note`, the rest of a note wrapped onto the next line?"""
    if _stands_alone(line):
        return False
    return (
        not _ENTRY_END_RE.search(note)
        or line[:1].islower()
        or line.startswith(("http", "www.", "("))
        or (bool(note.split()) and continues_url(note.split()[-1], line.split()[0]))
    )


@dataclass
class _Entry:
    label: str
    text: str

    def lines(self) -> list[str]:
        # Back-links and the " ." some sites print between entries ("[1] . Note . [2] . …")
        # are page furniture.
        text = _BACKLINK_RE.sub(" ", self.text) if "↩" in self.text else self.text
        text = " ".join(text.split()).removesuffix(" .")
        return ["", f"[{self.label}] {text}", ""] if text else []


def _numbered(lines: list[str]) -> tuple[list[str], int]:
    """The notes under a heading that numbers them, and how many there are."""
    out: list[str | _Entry] = []
    expected = 1
    last: _Entry | None = None  # the note a next line may continue
    for line in lines:
        s = line.strip()
        label = _label_at(s) if s else None
        if not s or NOTES_HEADING_RE.match(s):
            out.append(s)
            last = None
            if s:
                expected = 1  # a second list (Notes, then Sources) numbers afresh
        elif label is not None and _opens_note(label, expected):
            for lab, text in _split_entries(s, label):
                last = _Entry(lab.text, text)
                out.append(last)
                expected = lab.value + 1
            if last is not None and (cut := related_heading_at(last.text)) is not None:
                # A flattened page runs on past its last note into the related-posts list.
                last.text, last = last.text[:cut], None
        elif last is not None and (not last.text or _continues(last.text, s)):
            # A label alone on its line ("1.") has its note on the next one.
            last.text = join_wrapped(last.text, s)
        else:
            out.append(line)
            last = None
    notes = sum(isinstance(item, _Entry) for item in out)
    return [
        x for item in out for x in (item.lines() if isinstance(item, _Entry) else [item])
    ], notes


def _backlinked(lines: list[str]) -> list[str]:
    """Unnumbered notes that each end in a back-link arrow: their place gives the number."""
    pieces = _BACKLINK_RE.split("\n".join(lines))
    out: list[str] = []
    n = 0
    for piece in pieces[:-1]:
        text = " ".join(piece.split())
        if not re.search(r"[^\W\d_]", text):
            continue  # a second back-link to the same note ("↩ ↩2")
        label = _label_at(text)
        if label is None or label.value != n + 1:
            n += 1
            out += _Entry(str(n), text).lines()
            continue
        # Numbered too: a note cited nowhere has no back-link, so the numbers split the rest.
        for lab, entry in _split_entries(text, label):
            n = lab.value
            out += _Entry(lab.text, entry).lines()
    return [*out, *pieces[-1].split("\n")]


def _inline_heading(line: str) -> tuple[int, int] | None:
    """Where a notes heading sits inside a line that runs on into the notes (a page flattened
    onto one line): a capitalised heading word opening a sentence, then the notes."""
    for m in _INLINE_HEADING_RE.finditer(line):
        before = line[: m.start()].rstrip()
        # A Markdown "#" marks a heading wherever it stands; a bare word must open a sentence.
        hashed = m.group().startswith("#")
        opens = not before or hashed or _SENTENCE_END_RE.search(before)
        if not m.group("w")[0].isupper():
            continue
        rest = line[m.end() :]
        label = _label_at(rest)
        if label is None:
            if "↩" in rest and opens:
                return m.start(), m.end()
            continue
        # After page chrome ("Share this: Twitter LinkedIn Email Print Endnotes [1] . …") the
        # heading opens no sentence; it still opens the notes when note 1 is printed in a form
        # prose never uses and at least three notes follow, most of them cited before.
        chrome = label.style in _DISTINCT and label.value == 1
        if not (opens or chrome) or not (label.value == 1 or label.style == "br"):
            continue
        entries = _split_entries(rest, label)
        cited = set() if hashed else _cited(before)
        if not opens and (len(entries) < 3 or not cited):
            continue
        if _is_list(entries, label, cited):
            return m.start(), m.end()
    return None


def _cited(text: str) -> set[str]:
    return {m.label for m in find_markers(text)}


def _is_list(entries: list[tuple[_Label, str]], first: _Label, cited: set[str]) -> bool:
    """Do `entries` read as a notes list rather than a sentence with markers in it?"""
    # Note 1 in a form prose never prints is enough; anything else must run on into a
    # second note.
    if len(entries) < (1 if first.style in _DISTINCT and first.value == 1 else 2):
        return False
    # A list's notes are the ones the text before it cites; "References [3] to the treaty
    # were frequent.[4]" goes on citing new ones.
    return not cited or 2 * sum(lab.text in cited for lab, _ in entries) >= len(entries)


def _rewrite(lines: list[str]) -> list[str]:
    numbered, count = _numbered(lines)
    # Printed numbers win; back-links number the notes only of a list that prints none.
    return numbered if count or not any("↩" in line for line in lines) else _backlinked(lines)


def normalize_notes(text: str) -> str:
    """`text` with its notes list, from the first notes heading on, as one "[n] text" line per
    note; lines that are not notes (an author block, related posts) are kept as they are."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        s = line.strip()
        if NOTES_HEADING_RE.match(s):
            return "\n".join([*lines[: i + 1], *_rewrite(lines[i + 1 :])])
        if cut := _inline_heading(s):
            head = [s[: cut[0]].rstrip(), "", s[cut[0] : cut[1]].strip(), ""]
            return "\n".join([*lines[:i], *head, *_rewrite([s[cut[1] :], *lines[i + 1 :]])])
        if re.search(r"↩[\ufe0e\ufe0f]?$", s):
            # Notes with back-links but no heading (a Markdown footnotes block after a rule).
            return "\n".join([*lines[:i], "", *_backlinked(lines[i:])])
    return text


_MONTH_RE = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|ocak|şubat|mart|nisan|mayıs|haziran|temmuz|"
    r"ağustos|eylül|ekim|kasım|aralık|января|февраля|марта|апреля|мая|июня|июля|августа|"
    r"сентября|октября|ноября|декабря)\b",
    re.I,
)
# A number printed right after a sentence's end: "region. 31 Another", "in 2023.31 Another",
# "growth”.12". Three digits at most, so a year is never one.
_BARE_NUMBER_RE = re.compile(r"(?P<end>[.!?][\"”’)]*)(?P<space> ?)(?P<n>[1-9]\d{0,2})(?=\s|$)")


# "…acute. (12) Next": a number in parentheses after a sentence, as newsletters print notes.
_PAREN_NUMBER_RE = re.compile(r"(?P<end>[.!?][\"”’)]*) ?\((?P<n>[1-9]\d{0,2})\)(?=\s|$)")


def _bare_candidates(texts: list[str], labels: set[str]) -> list[tuple[int, re.Match[str]]]:
    found: list[tuple[int, re.Match[str]]] = []
    for i, text in enumerate(texts):
        paren = [m for m in _PAREN_NUMBER_RE.finditer(text) if m.group("n") in labels]
        for m in sorted([*_BARE_NUMBER_RE.finditer(text), *paren], key=lambda m: m.start()):
            if m.re is _PAREN_NUMBER_RE:
                found.append((i, m))
                continue
            after = text[m.end() :].lstrip()
            # The word before, within reach: searching the whole text before it was quadratic.
            word = re.search(r"(\S*)$", text[max(0, m.start() - 40) : m.start()])
            token = (word.group(1) if word else "").strip(".").lower()
            if m.group("n") not in labels or token in _LOCATOR_WORDS or len(token) == 1:
                continue  # "p. 4", "Op. 13", "d. 19": a locator or an abbreviation
            if after and not (after[0].isupper() or after[0] in "“\"‘'([¿¡"):
                continue  # "31 countries": a quantity starts the sentence
            if _MONTH_RE.match(after):
                continue  # "19 February 2022": a date
            if not m.group("space") and re.search(r"(?<!\d)\d{1,2}$", text[: m.start()]):
                continue  # "4.5 Billion": a decimal, not "in 2023.31"
            found.append((i, m))
    return found


def _increasing(values: list[int]) -> set[int]:
    """Indices of a longest strictly increasing run through `values` (patience sorting)."""
    tails: list[int] = []  # index of the smallest tail of an increasing run of each length
    parent: list[int | None] = []
    for i, v in enumerate(values):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            lo, hi = (mid + 1, hi) if values[tails[mid]] < v else (lo, mid)
        parent.append(tails[lo - 1] if lo else None)
        tails[lo : lo + 1] = [i]
    keep: set[int] = set()
    at = tails[-1] if tails else None
    while at is not None:
        keep.add(at)
        at = parent[at]
    return keep


def link_bare_numbers(texts: list[str], labels: list[str]) -> list[str]:
    """`texts` (body paragraphs) with note numbers printed as bare digits rewritten as markers.

    A number counts only if the notes list has that label, no bracketed or superscript marker
    already cites it, and it fits the order in which the numbers run through the text.
    """
    cited = {m.label for t in texts for m in find_markers(t)}
    open_labels = {x for x in labels if x.isdigit() and x not in cited}
    if not open_labels:
        return texts
    found = _bare_candidates(texts, open_labels)
    keep = _increasing([int(m.group("n")) for _, m in found])
    if len(keep) < min(2, len(open_labels)) or len(keep) * 2 < len(open_labels):
        # Numbers that cite notes run through most of them; a stray one or two in a text that
        # leaves many notes uncited are dates, counts or catalogue numbers.
        return texts
    out = list(texts)
    for k in sorted(keep, reverse=True):
        i, m = found[k]
        out[i] = out[i][: m.end("end")] + marker_text(m.group("n")) + out[i][m.end() :]
    return out
