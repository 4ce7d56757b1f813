"""Reading PDF lines: page furniture, footnote areas, endnote sections, markers, paragraphs.

Works on `pdf_layout.Line`s, which know their size, column and superscript glyphs. A footnote
is small type below the last body line of its column; a note starts where a line begins with
a label (superscript, or the next number in sequence) and runs on, across a page break if
need be, until the next label. A marker is a superscript run in body text whose label has a
note. Numbering that restarts (per page, per chapter) is scoped: "p3-2", "c2-14".
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from index.parse.blocks import Block, Heading, Para, marker_text
from index.parse.common import join_lines
from index.parse.pdf_layout import Line, Page

_PAGE_NO_RE = re.compile(
    r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$|^[ivxlc]{1,6}$",
    re.I,
)
_TOC_RE = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}$|\s\.{2,}\s*\d{1,4}$")
_NOTES_HEADING_RE = re.compile(
    r"^(?:\d{1,2}\.?\s+)?(?:end\s?notes|notes|footnotes|notes and references|references and notes|"
    r"dipnotlar|notlar|sonnotlar|примечания|сноски)\s*:?$",
    re.I,
)
_LABEL_RE = re.compile(r"^(?P<n>\d{1,4})(?:[.)]\s*|\s+)(?=\S)")
_TIGHT_LABEL_RE = re.compile(r"^(?P<n>\d{1,4})\.?(?=[^\W\d_]|[“\"‘'«])")
_SYMBOLS = "*†‡§¶"
_TERMINAL_RE = re.compile(r"[.!?:…][\"”’')\]]*\s*$")
_ITEM_RE = re.compile(r"^(?:\[\^?[\w.-]{1,24}\]|\d{1,3}[.)]|[•▪●–-])\s+\S")


@dataclass
class RawNote:
    page: int
    n: int | None  # None: a symbol mark
    label: str
    lines: list[str] = field(default_factory=list)
    scope: int = 0  # chapter of an endnote, page of a footnote
    first: Line | None = None  # the line the note starts on


def furniture(pages: list[Page]) -> set[int]:
    """ids of lines that are running headers, footers or page numbers: at a page's top or
    bottom edge and repeated (digits folded) on a third of the pages, or a bare number. A row
    is judged whole too: a footer read as two columns on some pages ("Publisher" | "7") is
    one line, "Publisher 7", on the others."""
    edges: list[list[list[Line]]] = []
    for page in pages:
        rows = _rows([ln for ln in page.lines if ln.text.strip()])
        edges.append(rows[:2] + rows[-2:] if len(rows) > 4 else rows)
    counts: Counter[str] = Counter()
    for edge in edges:
        counts.update({_key(ln) for row in edge for ln in row} | {_row_key(r) for r in edge})
    repeat = max(2, len(pages) // 3)

    def runs(key: str) -> bool:
        return len(pages) > 1 and counts[key] >= repeat

    return {
        id(ln)
        for edge in edges
        for row in edge
        for ln in row
        if _PAGE_NO_RE.match(ln.text.strip()) or runs(_key(ln)) or runs(_row_key(row))
    }


def _rows(lines: list[Line]) -> list[list[Line]]:
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (-ln.baseline, ln.x0)):
        if rows and abs(rows[-1][0].baseline - ln.baseline) < 1.0:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return rows


def _row_key(row: list[Line]) -> str:
    return " ".join(_key(ln) for ln in row)


def _key(line: Line) -> str:
    # Only free-standing numbers are page numbers; digits inside a word or URL are text.
    return re.sub(r"(?<!\S)\d{1,4}(?!\S)", "#", line.text.lower()).strip()


def _label_at_start(line: Line, expected: int) -> tuple[str, int] | None:
    """(label, length of the label in the text) when the line starts a note."""
    if line.sup_spans and line.sup_spans[0][0] == 0:
        a, b = line.sup_spans[0]
        label = line.text[a:b].strip()
        if label.isdigit() or (label and all(c in _SYMBOLS for c in label)):
            return label, b
    m = _LABEL_RE.match(line.text)
    if m and int(m.group("n")) in (expected, 1) and len(line.text) > m.end() + 2:
        return m.group("n"), m.end()
    # A wide label ("176") can run into its note's first letter when the hanging indent is
    # too narrow for it: accepted only as the very next number.
    m = _TIGHT_LABEL_RE.match(line.text)
    if m and int(m.group("n")) == expected and not line.text[m.end()].islower():
        return m.group("n"), m.end()
    if line.text[:1] in _SYMBOLS and line.text[1:2] == " ":
        return line.text[0], 1
    return None


def gather_notes(lines: list[Line], raw: list[RawNote], endnote: bool = False) -> None:
    """Append the notes in `lines` to `raw`; a line with no label continues the last note
    (that is how a note runs on to the next page)."""
    for whole in lines:
        expected = (raw[-1].n or 0) + 1 if raw else 1
        # Run-in notes are a footnote layout; an endnotes section sets one note per line.
        for ln in [whole] if endnote else _run_in_notes(whole, expected):
            _gather_line(ln, raw, endnote)


def _run_in_notes(line: Line, expected: int) -> list[Line]:
    """A footnote line cut where a superscript label inside it starts the next note: short
    notes set run-in, several to a line ("…2020. ³⁴ Dhillon, … ³⁵ Interview …")."""
    first = _label_at_start(line, expected)
    if first is not None and first[0].isdigit():
        expected = int(first[0]) + 1
    cuts: list[int] = []
    for a, b in line.sup_spans:
        label = line.text[a:b].strip()
        if a > 0 and label.isdigit() and int(label) == expected:
            cuts.append(a)
            expected += 1
    if not cuts:
        return [line]
    pieces: list[Line] = []
    for a, b in itertools.pairwise([0, *cuts, len(line.text)]):
        spans = [(x - a, y - a) for x, y in line.sup_spans if a <= x < b]
        pieces.append(dataclasses.replace(line, text=line.text[a:b].rstrip(), sup_spans=spans))
    return pieces


def _gather_line(ln: Line, raw: list[RawNote], endnote: bool) -> None:
    expected = (raw[-1].n or 0) + 1 if raw else 1
    found = _label_at_start(ln, expected)
    if found is not None and raw and found[0] == "1" != str(expected):
        found = found if _restarts_here(raw[-1], ln, found[1]) else None
    if found is None:
        if raw:
            raw[-1].lines.append(ln.text)
        return
    label, cut = found
    n = int(label) if label.isdigit() else None
    scope = ln.page
    if endnote:
        prev = next((r for r in reversed(raw) if r.n is not None), None)
        scope = (prev.scope if prev else 0) + (1 if n == 1 else 0)
    raw.append(RawNote(ln.page, n, label, [ln.text[cut:].strip()], scope, ln))


def _restarts_here(last: RawNote, line: Line, cut: int) -> bool:
    """Whether a line opening with "1" starts numbering again rather than continuing the last
    note ("… Foreign Policy," / "1 November 2021, https://…"): the label must be printed
    like the last note's ("1." after "7.") and not indented past it in its column."""
    first = last.first
    if first is None or (line.sup_spans[:1] and line.sup_spans[0][0] == 0):
        return True
    delim = re.sub(r"[\d\s]", "", line.text[:cut])
    last_cut = _LABEL_RE.match(first.text)
    if last_cut is not None and delim != re.sub(r"[\d\s]", "", first.text[: last_cut.end()]):
        return False
    same_column = (first.page, first.column) == (line.page, line.column)
    return not (same_column and line.x0 > first.x0 + 0.8 * line.size)


def endnote_sections(lines: list[Line], body: float) -> tuple[list[Line], list[Line]]:
    """(body lines, lines of the notes sections: after a "Notes"/"Endnotes" heading whose
    next line starts a numbered note, up to a heading that is not followed by one)."""
    out: list[Line] = []
    notes: list[Line] = []
    inside = False

    def opens(j: int) -> bool:
        return j < len(lines) and _label_at_start(lines[j], 1) is not None

    for i, ln in enumerate(lines):
        starts = opens(i + 1)
        titled = is_heading(ln, body) or ln.bold
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        # Notes grouped by chapter: "Notes" / "Chapter 1: Title" (small bold) / "1. …".
        grouped = nxt is not None and (is_heading(nxt, body) or nxt.bold) and opens(i + 2)
        if _NOTES_HEADING_RE.match(ln.text.strip()) and (starts or grouped):
            inside = True
            continue
        if inside and is_heading(ln, body) and not starts:
            inside = False
        if inside and titled and starts:
            continue  # a chapter's title inside the notes section
        (notes if inside else out).append(ln)
    return out, notes


def is_heading(line: Line, body: float) -> bool:
    words = len(line.text.split())
    if words == 0 or words > 16 or (_TERMINAL_RE.search(line.text) and not line.bold):
        return False
    return line.size >= 1.12 * body or (line.bold and words <= 12 and line.size >= 0.95 * body)


def restarts(raw: list[RawNote]) -> bool:
    """Whether the numbering of these notes starts again somewhere (a number repeats)."""
    numbers = [r.n for r in raw if r.n is not None]
    return len(numbers) != len(set(numbers))


def note_labels(raw: list[RawNote], endnotes: bool) -> dict[tuple[int, int], str]:
    """Scoped labels: a plain number when numbering never restarts, else "p3-2" (footnotes
    numbered per page) or "c2-5" (endnotes numbered per chapter)."""
    scoped = restarts(raw)
    labels: dict[tuple[int, int], str] = {}
    for r in raw:
        if scoped and r.n is not None:
            r.label = f"{'c' if endnotes else 'p'}{r.scope}-{r.label}"
        labels[(r.scope if scoped else 0, r.n if r.n is not None else -1)] = r.label
    return labels


@dataclass
class Reader:
    """Body lines to blocks, markers written in where a superscript has a note."""

    body: float
    labels: dict[tuple[int, int], str]
    scoped_by: str  # "page", "chapter" or ""
    chapter: int = 0
    last_marker: int = 0
    blocks: list[Block] = field(default_factory=list)
    linked: int = 0

    def text_of(self, line: Line) -> str:
        text, pos = "", 0
        for a, b in line.sup_spans:
            label = self._marker(line, line.text[a:b].strip())
            text += line.text[pos:a].rstrip() if label else line.text[pos:a]
            text += marker_text(label) if label else line.text[a:b]
            pos = b
        return text + line.text[pos:]

    def _marker(self, line: Line, sup: str) -> str | None:
        if not sup.isdigit() and not (sup and all(c in _SYMBOLS for c in sup)):
            return None
        n = int(sup) if sup.isdigit() else -1
        if self.scoped_by == "chapter" and n == 1 and self.last_marker != 1:
            self.chapter += 1  # numbering starts again: the next chapter
        scope = {"page": line.page, "chapter": self.chapter}.get(self.scoped_by, 0)
        label = self.labels.get((scope, n))
        if label is not None:
            self.last_marker = max(n, 0)
            self.linked += 1
        return label

    def read(self, lines: list[Line]) -> list[Block]:
        para: list[str] = []
        prev: Line | None = None
        right = _right_edges(lines)
        for ln in lines:
            if _TOC_RE.search(ln.text):
                continue
            if is_heading(ln, self.body):
                self._flush(para)
                para = []
                last = self.blocks[-1] if self.blocks else None
                if isinstance(last, Heading) and prev is not None and _same_heading(prev, ln):
                    self.blocks[-1] = Heading(f"{last.text} {ln.text}", last.level)
                    prev = ln
                    continue
                self.blocks.append(Heading(ln.text, 1 if ln.size >= 1.3 * self.body else 2))
            else:
                if para and prev is not None and _breaks(prev, ln, right):
                    self._flush(para)
                    para = []
                para.append(self.text_of(ln))
            prev = ln
        self._flush(para)
        return self.blocks

    def _flush(self, para: list[str]) -> None:
        if para:
            self.blocks.append(Para(join_lines(para)))


def _same_heading(prev: Line, line: Line) -> bool:
    """A heading set on two lines: same page, same size, the next line down."""
    return (
        prev.page == line.page
        and abs(prev.size - line.size) < 0.5
        and 0 < prev.baseline - line.baseline < 1.6 * line.size
    )


def _right_edges(lines: list[Line]) -> dict[tuple[int, int], float]:
    """Where full lines end, per page and column: most lines' right end, so a URL running
    past the margin does not move it."""
    ends: dict[tuple[int, int], list[float]] = {}
    for ln in lines:
        ends.setdefault((ln.page, ln.column), []).append(ln.x1)
    return {k: sorted(v)[int(0.75 * (len(v) - 1))] for k, v in ends.items()}


def _breaks(prev: Line, line: Line, right: dict[tuple[int, int], float]) -> bool:
    edge = right[(prev.page, prev.column)]
    width = max(edge - prev.x0, 1.0)
    ended = bool(_TERMINAL_RE.search(prev.text))
    short = prev.x1 < edge - 0.08 * width
    if _ITEM_RE.match(line.text):
        return True  # a list item or a note of a printed notes list
    if (prev.page, prev.column) != (line.page, line.column):
        return ended and short
    gap = prev.baseline - line.baseline
    if gap > 1.9 * line.size or gap < 0:
        return True
    if prev.x1 < edge - 0.3 * width and not prev.text.endswith((",", "-", ";")):
        return True  # a line well short of the margin: a title, heading or byline alone
    indented = line.x0 > prev.x0 + 0.8 * line.size
    return ended and (short or indented)
