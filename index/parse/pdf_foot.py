"""The footnote area of PDF pages: small type at the foot of a column, under the separator rule
when the document draws one.

Small type at a page's foot is not always notes: a table or a figure's source line set in small
type can end a page, and a page of a wide table is small type from top to bottom. Most word
processors and LaTeX draw a short rule over the notes, so when a document's note areas sit
under such rules, only small type under a rule is taken for notes.
"""

from __future__ import annotations

import re

from index.parse.pdf_layout import Line, Page

_NOTICE_RE = re.compile(r"\([^\W\d_]+\.?(?:\s[^\W\d_]+)?\s?(?:\.{3}|…)?\)")

Rule = tuple[float, float, float]  # x0, x1, y


def split_footnotes(
    lines: list[Line], body: float, pages: list[Page]
) -> tuple[list[Line], list[Line]]:
    """(body lines, footnote-area lines), each in reading order: a footnote line is small type
    with no body-size line below it in its column of its page, and under the page's separator
    rule if the document separates its notes by rules."""
    by_page: dict[int, list[Line]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln)
    foot = {id(ln) for ln in lines if _at_foot(ln, by_page[ln.page], body)}
    rules = {p.n: p.rules for p in pages}
    widths = {p.n: p.width for p in pages}
    seps: dict[int, list[tuple[Rule, int]]] = {}
    for n, page_lines in by_page.items():
        small = [ln for ln in page_lines if id(ln) in foot]
        found = _separators(small, rules.get(n, []), widths.get(n, 612.0))
        if found:
            seps[n] = found
    if _ruled(lines, foot, seps):
        foot = {id(ln) for ln in lines if id(ln) in foot and _under(ln, seps.get(ln.page, []))}
    text_lines = [ln for ln in lines if id(ln) not in foot]
    notes = [ln for ln in lines if id(ln) in foot]
    return text_lines, [ln for ln in notes if id(ln) not in _continuation_notices(notes)]


def _continuation_notices(notes: list[Line]) -> set[int]:
    """ids of the notices a word processor prints under a note that runs on to the next page,
    "(continued…)": the page's last note line, a word or two in parentheses, with no new note
    starting after it. Left in, it would split the note's text, often inside a URL."""
    last: dict[int, Line] = {}
    for ln in notes:
        if ln.page not in last or ln.baseline < last[ln.page].baseline:
            last[ln.page] = ln
    return {
        id(ln) for ln in last.values() if _NOTICE_RE.fullmatch(ln.text.strip()) and not ln.sup_spans
    }


def _at_foot(line: Line, page_lines: list[Line], body: float) -> bool:
    if line.size > 0.92 * body:
        return False
    return not any(
        m.baseline < line.baseline - 1
        and m.size > 0.92 * body
        and (m.column == line.column or 0 in (m.column, line.column))
        for m in page_lines
    )


def _separators(small: list[Line], rules: list[Rule], width: float) -> list[tuple[Rule, int]]:
    """(rule, column) for each note separator on a page: a short rule standing alone (a
    table's rules come in rows and columns) with small foot type right under it."""
    out: list[tuple[Rule, int]] = []
    for rule in rules:
        x0, x1, y = rule
        if x1 - x0 > 0.6 * width or any(
            o != rule and abs(o[2] - y) < 2 and o[0] < x1 + 2 and x0 < o[1] + 2 for o in rules
        ):
            continue
        under = [
            ln
            for ln in small
            if 0 < y - ln.baseline <= 2.5 * ln.size and ln.x0 >= x0 - 2 * ln.size and ln.x0 < x1
        ]
        if under:
            out.append((rule, max(under, key=lambda ln: ln.baseline).column))
    return out


def _under(line: Line, seps: list[tuple[Rule, int]]) -> bool:
    return any(
        line.baseline < y
        and line.x0 >= x0 - 2 * line.size
        and (column == line.column or 0 in (column, line.column))
        for (x0, _, y), column in seps
    )


def _ruled(lines: list[Line], foot: set[int], seps: dict[int, list[tuple[Rule, int]]]) -> bool:
    """Whether the document draws a rule over its notes: most pages whose foot type starts a
    note with a raised label have a separator."""
    noted = {ln.page for ln in lines if id(ln) in foot and ln.sup_spans and ln.sup_spans[0][0] == 0}
    return len(seps) >= 2 and len(noted & seps.keys()) >= 0.5 * len(noted)
