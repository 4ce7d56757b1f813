"""PDF pages as lines of glyphs: what the char and font data say, before any reading.

pdfminer.six (MIT licence, pure Python, no native code to build) gives every glyph with its
font, size and position. From those this module rebuilds lines in reading order (columns
found by their gutter), marks superscript glyphs (smaller and raised above the baseline), and
tells the body size apart from the smaller type of footnotes, so `index.parse.pdf` can read
markers and notes by what they are instead of by how their text happens to look.
"""

from __future__ import annotations

import io
import itertools
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

SUP_RATIO = 0.85  # a superscript glyph is at most this share of its line's size...
SUP_RISE = 0.2  # ...and its baseline is raised at least this share of that size
_GUTTER = 7.0  # points of empty page between two columns, at least (LaTeX: 10)


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    y0: float
    size: float
    bold: bool
    sup: bool = False


@dataclass
class Line:
    page: int
    glyphs: list[Glyph]
    column: int = 0  # 0: spans the page or one-column layout; 1, 2: left, right column
    size: float = 0.0
    baseline: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    text: str = ""
    bold: bool = False
    sup_spans: list[tuple[int, int]] = field(default_factory=list)

    def finish(self) -> Line:
        self.glyphs.sort(key=lambda g: g.x0)
        sizes = Counter(round(g.size, 1) for g in self.glyphs if g.text.strip())
        self.size = sizes.most_common(1)[0][0] if sizes else 0.0
        main = [g for g in self.glyphs if abs(g.size - self.size) < 0.3]
        self.baseline = statistics.median(g.y0 for g in main) if main else self.glyphs[0].y0
        self.x0, self.x1 = self.glyphs[0].x0, max(g.x1 for g in self.glyphs)
        for g in self.glyphs:
            g.sup = (
                g.size <= SUP_RATIO * self.size
                and g.y0 - self.baseline >= SUP_RISE * self.size
                and bool(g.text.strip())
            )
        self.bold = sum(g.bold for g in main) > len(main) / 2 if main else False
        self._spell()
        return self

    def _spell(self) -> None:
        """Text with spaces where the gap between glyphs is a word gap, and the offsets of
        each run of superscript glyphs in it."""
        out: list[str] = []
        spans: list[tuple[int, int]] = []
        prev: Glyph | None = None
        for g in self.glyphs:
            if g.text.isspace():
                if out and out[-1] != " ":
                    out.append(" ")
                prev = g
                continue
            gap = g.x0 - prev.x1 if prev is not None else 0.0
            # A line may start with a space glyph (prev set, nothing written yet).
            if prev is not None and gap > 0.18 * min(g.size, prev.size) and out and out[-1] != " ":
                out.append(" ")
            pos = len("".join(out))
            out.append(g.text)
            if g.sup:
                if spans and spans[-1][1] == pos:
                    spans[-1] = (spans[-1][0], pos + len(g.text))
                else:
                    spans.append((pos, pos + len(g.text)))
            prev = g
        self.text = "".join(out).rstrip()
        self.sup_spans = spans


@dataclass
class Page:
    n: int  # 1-based
    width: float
    height: float
    lines: list[Line]
    rules: list[tuple[float, float, float]]  # horizontal rules: (x0, x1, y)


def read_pages(data: bytes) -> Iterator[Page]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTCurve

    for n, layout in enumerate(extract_pages(io.BytesIO(data), laparams=None), start=1):
        glyphs: list[Glyph] = []
        rules: list[tuple[float, float, float]] = []
        for obj in _walk(layout):
            if isinstance(obj, LTChar):
                text = obj.get_text()
                if text and text != "\x00":
                    bold = "bold" in obj.fontname.lower() or "black" in obj.fontname.lower()
                    glyphs.append(Glyph(text, obj.x0, obj.x1, obj.y0, obj.size, bold))
            elif isinstance(obj, LTCurve) and obj.height < 1.5 and obj.width > 20:
                rules.append((obj.x0, obj.x1, obj.y0))
        yield Page(n, layout.width, layout.height, _lines(n, glyphs, layout.width), rules)


def _walk(obj: object) -> Iterator[object]:
    yield obj
    if hasattr(obj, "__iter__") and not isinstance(obj, str | bytes):
        for child in obj:
            yield from _walk(child)


def _lines(page: int, glyphs: list[Glyph], width: float) -> list[Line]:
    """Glyphs to lines in reading order: rows by baseline, split at the column gutter."""
    rows: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (-round(g.y0, 1), g.x0)):
        if rows and abs(rows[-1][0].y0 - g.y0) <= 0.25 * max(g.size, 1.0):
            rows[-1].append(g)
        else:
            rows.append([g])
    gutter, start = _columns(rows, width)
    lines: list[Line] = []
    for i, row in enumerate(rows):
        for seg in _segments(row, gutter if i >= start else None):
            line = Line(page, seg).finish()
            line.column = -1 if i < start else 0  # -1: above the columns, full width
            lines.append(line)
    lines = _attach_raised(lines)
    for line in lines:
        if gutter is None or line.column == -1 or (line.x0 < gutter < line.x1):
            line.column = 0
        else:
            line.column = 1 if line.x1 <= gutter else 2
    return _reading_order(lines)


def _columns(rows: list[list[Glyph]], width: float) -> tuple[float | None, int]:
    """(gutter, first row set in columns). A page is in two columns, or it opens full width
    and turns to two columns below a break (a chapter's notes set in two columns under its
    last paragraph); then the lowest break above which the rows below still stand in two
    columns is where the columns begin."""
    if (x := _gutter(rows, width)) is not None:
        return x, 0
    gaps = [a[0].y0 - b[0].y0 for a, b in itertools.pairwise(rows)]
    if len(rows) < 16 or not gaps:
        return None, 0
    usual = statistics.median(gaps)
    breaks = [
        k
        for k in range(1, len(rows) - 3)
        if gaps[k - 1] > 1.5 * usual or abs(rows[k][0].size - rows[k - 1][0].size) > 0.5
    ]
    for k in breaks:
        x = _gutter(rows[k:], width)
        # Most rows of a region set in two columns have text on both sides of the gutter;
        # short lines of footnotes under a one-column page would only seem to leave a gap.
        if x is not None and sum(_both_sides(r, x) for r in rows[k:]) >= 0.5 * (len(rows) - k):
            return x, k
    return None, 0


def _both_sides(row: list[Glyph], x: float) -> bool:
    return any(g.x1 < x for g in row) and any(g.x0 > x for g in row)


def _gutter(rows: list[list[Glyph]], width: float) -> float | None:
    """The x of a vertical band in the middle third no row of text crosses, if most rows
    stop on either side of it: a two-column page."""
    if not rows:
        return None
    bins = [0] * (int(width // 2) + 1)
    for row in rows:
        row = sorted(row, key=lambda g: g.x0)
        for a, b in itertools.pairwise(row):
            if _word_gap(a, b):  # glyphs of one run of text: their span is covered
                # Text may run off the page's edge: only the page's own width counts.
                for i in range(max(0, int(a.x0 // 2)), min(len(bins), int(b.x1 // 2) + 1)):
                    bins[i] += 1
    lo, hi = int(width / 3 // 2), int(2 * width / 3 // 2)
    best = min(range(lo, hi), key=lambda i: (bins[i], abs(i - len(bins) // 2)), default=None)
    if best is None:
        return None
    x = best * 2.0 + 1.0
    # Two columns: many rows have text left of the band, many right of it, and the rows
    # that run across it (titles, abstracts, headings) stay a minority.
    left = sum(1 for row in rows if any(g.x1 < x for g in row))
    right = sum(1 for row in rows if any(g.x0 > x for g in row))
    crossing = bins[best]
    n = len(rows)
    return x if left >= 0.25 * n and right >= 0.25 * n and crossing <= 0.35 * n else None


def _word_gap(a: Glyph, b: Glyph) -> bool:
    """Whether the space between two glyphs of a row is too narrow for a column gutter: a
    word space in large type (a title's) is wider than the narrowest gutter."""
    return b.x0 - a.x1 < max(_GUTTER, 0.5 * max(a.size, b.size))


def _segments(row: list[Glyph], gutter: float | None) -> list[list[Glyph]]:
    row = sorted(row, key=lambda g: g.x0)
    if gutter is None:
        return [row]
    left = [g for g in row if g.x1 <= gutter]
    right = [g for g in row if g.x1 > gutter]
    if left and right and _word_gap(max(left, key=lambda g: g.x1), right[0]):
        return [row]  # text runs across the gutter: a full-width line (title, heading)
    return [s for s in (left, right) if s]


def _attach_raised(lines: list[Line]) -> list[Line]:
    """A row of only small raised glyphs (a superscript the baseline grouping set apart) joins
    the line it is raised above."""
    out: list[Line] = []
    for i, line in enumerate(lines):
        small = len(line.glyphs) <= 6
        host = next(
            (
                other
                for other in lines[i + 1 : i + 4]
                if small
                and line.size <= SUP_RATIO * other.size
                and 0 < line.baseline - other.baseline <= 0.9 * other.size
                and other.x0 - 2 * other.size <= line.x0 <= other.x1 + 2
            ),
            None,
        )
        if host is None:
            out.append(line)
        else:
            host.glyphs.extend(line.glyphs)
            host.finish()
    return out


def _reading_order(lines: list[Line]) -> list[Line]:
    """Full-width lines above the columns, the left column, the right column, then the rest
    of the full-width lines (a page's foot), each top to bottom."""
    cols = [ln for ln in lines if ln.column]
    if not cols:
        return sorted(lines, key=lambda ln: -ln.baseline)
    # A blank line (a space or an empty glyph in a corner) does not start the columns.
    top = max((ln.baseline for ln in cols if ln.text.strip()), default=0.0)
    head = [ln for ln in lines if not ln.column and ln.baseline > top]
    foot = [ln for ln in lines if not ln.column and ln.baseline <= top]
    return [
        *sorted(head, key=lambda ln: -ln.baseline),
        *sorted((ln for ln in cols if ln.column == 1), key=lambda ln: -ln.baseline),
        *sorted((ln for ln in cols if ln.column == 2), key=lambda ln: -ln.baseline),
        *sorted(foot, key=lambda ln: -ln.baseline),
    ]


def body_size(pages: list[Page], furniture: set[int] | None = None) -> float:
    """The size the running text is set in: the commonest size, unless that type sits at the
    foot of its pages under a larger size that carries more of the document's superscript
    markers. Long footnotes can outweigh the body they hang from, and their type would then
    pass for the body's; headings over a page of body text carry no markers."""
    sizes: Counter[float] = Counter()
    markers: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
            # Ordinals ("119th") and table-note letters are raised too; markers are numbers.
            markers[line.size] += sum(
                1 for a, b in line.sup_spans if a > 0 and line.text[a:b].strip().isdigit()
            )
    if not sizes:
        return 10.0
    common = sizes.most_common(1)[0][0]
    for size, n in sizes.most_common(4):
        if (
            size > common
            and n >= 0.1 * sizes[common]
            and markers[size] > markers[common]
            and _foot_share(pages, common, size, furniture or set()) >= 0.6
        ):
            return size
    return common


def _foot_share(pages: list[Page], small: float, large: float, skip: set[int]) -> float:
    """The share of the text in `small` type on pages that also carry `large` type which sits
    below every `large` line of its column (page numbers and running footers aside)."""
    total = below = 0
    for page in pages:
        big = [ln for ln in page.lines if ln.size == large and id(ln) not in skip]
        if not big:
            continue
        for line in page.lines:
            if line.size != small:
                continue
            total += len(line.text)
            over = [b for b in big if b.column == line.column or 0 in (b.column, line.column)]
            if over and all(b.baseline > line.baseline for b in over):
                below += len(line.text)
    return below / total if total else 0.0
