"""Typographically flat PDFs: pypdf text, page by page, rebuilt into paragraphs for `parse_text`.

pypdf gives lines as laid out on the page, so this module undoes the layout: drops running
headers, footers and page numbers, re-joins wrapped lines (and words hyphenated at a line end),
and puts a blank line wherever a paragraph, heading or note starts.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from index.errors import ParseError
from index.parse.blocks import DocMeta
from index.parse.common import (
    content_hash,
    looks_like_name,
    slugify,
    surname,
    with_title_heading,
)
from index.parse.plaintext import parse_text
from index.text import normalize_space
from index.types import Article

_PAGE_NO_RE = re.compile(
    r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.I
)
_NOTE_START_RE = re.compile(r"^(?:\[\^?[\w.-]{1,24}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*\S")
_NUMBERED_RE = re.compile(r"^(?:\d{1,3}|[ivxlcdm]{1,6})[.)]\s+\S")
_TERMINAL_RE = re.compile(r"[.!?:…][\"”’')\]]*(?:\s?(?:\[\^?[\w.-]{1,24}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+))*$")
_EDGE = 2  # lines at the top and bottom of a page where running headers and footers sit


def _page_lines(path: Path, reader: PdfReader) -> tuple[list[list[str]], list[str]]:
    pages: list[list[str]] = []
    warnings: list[str] = []
    try:
        page_list = list(reader.pages)
    except Exception as exc:
        raise ParseError(path, f"not a readable PDF (page tree is damaged: {exc})") from exc
    for n, page in enumerate(page_list, start=1):
        try:
            text = page.extract_text() or ""
        except Exception as exc:
            warnings.append(f"page {n}: text could not be extracted ({exc})")
            text = ""
        pages.append([normalize_space(line) for line in text.splitlines()])
    return pages, warnings


def _edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower())


def _drop_page_furniture(pages: list[list[str]]) -> list[str]:
    """All lines in reading order, without running headers/footers and page numbers."""
    edges: list[list[int]] = []
    for lines in pages:
        idx = [i for i, line in enumerate(lines) if line]
        edges.append(idx[:_EDGE] + idx[-_EDGE:] if len(idx) > _EDGE else idx)
    counts: Counter[str] = Counter()
    for lines, idx in zip(pages, edges, strict=True):
        counts.update({_edge_key(lines[i]) for i in idx})
    # A line at a page edge repeated on at least half the pages (and on two or more) is a
    # running header or footer; page numbers are folded into '#' so "Page 3" repeats too.
    repeat = max(2, (len(pages) + 1) // 2)
    out: list[str] = []
    for lines, idx in zip(pages, edges, strict=True):
        drop = {
            i
            for i in idx
            if _PAGE_NO_RE.match(lines[i])
            or (len(pages) > 1 and counts[_edge_key(lines[i])] >= repeat)
        }
        out += [line for i, line in enumerate(lines) if i not in drop]
        out.append("")  # a page end is a possible paragraph end; _join decides
    return out


def _heading_like(line: str) -> bool:
    return len(line.split()) <= 12 and not _TERMINAL_RE.search(line) and not line.endswith(",")


def _breaks(para: list[str], line: str, width: int) -> bool:
    prev = para[-1]
    if _NOTE_START_RE.match(line) or line.startswith("#"):
        return True
    if len(para) == 1 and _heading_like(prev) and len(prev) < 0.7 * width and line[0].isupper():
        return True  # a heading, title or byline line on its own
    if not _TERMINAL_RE.search(prev):
        return False
    if _NUMBERED_RE.match(line) or (_heading_like(line) and len(line) < 0.7 * width):
        return True
    # A sentence ending well short of the right margin ends its paragraph.
    return len(prev) < 0.85 * width and (line[0].isupper() or line[0] in "“\"‘'([0123456789")


def _join(lines: list[str]) -> str:
    """Paragraphs separated by blank lines, hyphenated line breaks undone."""
    full = sorted(len(line) for line in lines if len(line) > 20)
    width = full[int(len(full) * 0.75)] if full else 80
    paras: list[list[str]] = []
    cur: list[str] = []
    pending_break = False
    for line in lines:
        if not line:
            pending_break = True
            continue
        if cur and (
            _breaks(cur, line, width) or (pending_break and not _continues(cur[-1], line, width))
        ):
            paras.append(cur)
            cur = []
        pending_break = False
        cur.append(line)
    if cur:
        paras.append(cur)
    return "\n\n".join(_merge(p) for p in paras)


def _continues(prev: str, line: str, width: int) -> bool:
    """Across a blank line or a page break, a paragraph goes on if the sentence does."""
    if _TERMINAL_RE.search(prev) or _NOTE_START_RE.match(line):
        return False
    return line[0].islower() or prev.endswith((",", "-")) or len(prev) >= 0.85 * width


def _merge(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        last = text.rsplit(" ", 1)[-1]
        if ("://" in last or last.startswith("www.")) and (
            re.search(r"[-/_.=&?#%]$", last) or "/" in line.split(" ", 1)[0]
        ):
            text += line  # a URL broken across lines: its hyphens are its own
        elif re.search(r"\w-$", text) and line[:1].islower():
            text = text[:-1] + line  # "negoti-" + "ations"
        else:
            text = f"{text} {line}"
    return text


def _mark_byline(text: str, authors: list[str]) -> str:
    """A name on its own line under the title is the byline; say so for the header parser.

    "Executive Summary" looks like a name too, so the line must also name a metadata author,
    carry an honorific or print the surname in capitals.
    """
    paras = text.split("\n\n")
    for j in range(1, min(4, len(paras))):
        line = paras[j]
        if len(line.split()) > 20:
            break
        if looks_like_name(line) and (
            any(surname(a) in line.lower() for a in authors)
            or re.match(r"(?:Dr|Prof|Mr|Mrs|Ms)\.?\s", line)
            or re.search(r"\b[A-ZÇĞİÖŞÜ]{3,}$", line)
        ):
            paras[j] = f"By {line}"
    return "\n\n".join(paras)


def parse_flat(path: Path, data: bytes, reader: PdfReader, meta: dict[str, Any]) -> Article:
    """A PDF whose type says nothing (one size, no superscripts: text printed to PDF), read
    from pypdf's text as text is: a "Notes" list, bracketed markers, a byline."""
    pages, warnings = _page_lines(path, reader)
    lines = _drop_page_furniture(pages)
    if not any(re.search(r"\w", line) for line in lines):
        raise ParseError(path, "PDF has no extractable text (scanned image?); run OCR first")
    text = _mark_byline(_join(lines), meta.get("authors", []))
    article = parse_text(
        with_title_heading(text, meta.get("title")),
        article_id=slugify(path.stem),
        source=str(path),
        fmt="pdf",
        content_hash=content_hash(data),
        meta=DocMeta(**meta),
    )
    if not article.paragraphs:
        raise ParseError(path, "PDF has no extractable text (scanned image?); run OCR first")
    if warnings:
        article = article.model_copy(update={"warnings": [*warnings, *article.warnings]})
    return article
