"""PDF articles, read from the glyphs: body paragraphs, headings, footnotes and endnotes.

pypdf opens and checks the file and reads its /Info metadata; pdfminer.six gives every glyph
with its font and position (`pdf_layout`), from which `pdf_read` finds the page furniture,
the footnote areas, the endnote sections and the superscript markers. The first page gives
the title when the metadata's is missing or junk ("Microsoft Word - draft.docx"), and the
byline and date printed under it.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from index.errors import ParseError
from index.parse.blocks import Block, DocMeta, Note, assemble
from index.parse.common import (
    content_hash,
    is_junk_title,
    join_lines,
    looks_like_name,
    parse_date,
    slugify,
    split_names,
)
from index.parse.pdf_foot import split_footnotes
from index.parse.pdf_layout import Line, Page, body_size, read_pages
from index.parse.pdf_read import (
    RawNote,
    Reader,
    endnote_sections,
    furniture,
    gather_notes,
    note_labels,
    restarts,
)
from index.text import normalize_space
from index.types import Article


def _reader(path: Path, data: bytes) -> PdfReader:
    if b"%PDF-" not in data[:1024]:
        raise ParseError(path, "not a PDF (no %PDF- header); is the file misnamed?")
    try:
        reader = PdfReader(io.BytesIO(data))
    # pypdf signals a damaged file with many exception types (PdfReadError, ValueError,
    # KeyError, ...); all of them mean the same thing here.
    except Exception as exc:
        raise ParseError(path, f"not a readable PDF (corrupt or truncated: {exc})") from exc
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")  # many PDFs are "encrypted" with an empty password
        except Exception as exc:
            raise ParseError(path, f"PDF is encrypted and cannot be opened ({exc})") from exc
        if not opened:
            raise ParseError(path, "PDF is password-protected; save a decrypted copy first")
    return reader


def _meta(reader: PdfReader) -> dict[str, Any]:
    try:
        info = reader.metadata
    except Exception:  # a broken /Info dictionary costs the metadata, not the article
        return {}
    if info is None:
        return {}
    meta: dict[str, Any] = {}
    title = normalize_space(str(info.title or ""))
    if title and not is_junk_title(title):
        meta["title"] = title
    author = normalize_space(str(info.author or ""))
    if author:
        meta["authors"] = split_names(author)
    try:
        created: datetime | None = info.creation_date
    except Exception:
        created = None
    if created is not None:
        meta["published"] = created.date().isoformat()
    return meta


def _front(lines: list[Line], body: float) -> tuple[DocMeta, set[int]]:
    """Title, byline and date from the top of the first page: the largest type before the
    body starts, and the short lines under it."""
    first = [ln for ln in lines if ln.page == lines[0].page] if lines else []
    top: list[Line] = []
    for ln in first:
        if ln.size <= 1.05 * body and len(ln.text) > 60:
            break  # body text has begun
        top.append(ln)
    if not top:
        return DocMeta(), set()
    biggest = max(ln.size for ln in top)
    if biggest < 1.25 * body:
        return DocMeta(), set()
    title_lines = _title_block(top, biggest)
    used = {id(ln) for ln in title_lines}
    meta = DocMeta(title=normalize_space(" ".join(ln.text for ln in title_lines)))
    end = max(i for i, ln in enumerate(top) if id(ln) in used)
    for ln in top[end + 1 :][:6]:
        text = ln.text.strip()
        names = split_names(text)
        if not meta.authors and names and all(looks_like_name(n) for n in names):
            meta.authors = names
            used.add(id(ln))
        elif meta.published is None and len(text) <= 40 and (d := parse_date(text)):
            meta.published = d
            used.add(id(ln))
    return meta, used


def _title_block(top: list[Line], size: float) -> list[Line]:
    """The lines of the title: the first line in the largest type and those in that type
    set under it line by line, top to bottom. Found by position, not reading order: a cover
    page's sparse lines may be read as columns, a title's first line full width and the
    rest in the left column."""
    same = sorted((ln for ln in top if abs(ln.size - size) < 0.5), key=lambda ln: -ln.baseline)
    block = [same[0]]
    for ln in same[1:]:
        prev = block[-1]
        near = 0 < prev.baseline - ln.baseline < 1.8 * size
        overlaps = ln.x0 < prev.x1 and prev.x0 < ln.x1
        if not near or not overlaps or (len(ln.text) <= 40 and parse_date(ln.text.strip())):
            break
        block.append(ln)
    return block


def parse_pdf(path: Path, data: bytes) -> Article:
    reader = _reader(path, data)
    try:
        pages: list[Page] = list(read_pages(data))
    except Exception as exc:  # pdfminer raises many types for one meaning: unreadable
        raise ParseError(path, f"not a readable PDF (its pages cannot be read: {exc})") from exc
    if not any(ln.text.strip() for p in pages for ln in p.lines):
        raise ParseError(path, "PDF has no extractable text (scanned image?); run OCR first")
    skip = furniture(pages)
    body = body_size(pages, skip)
    lines = [ln for p in pages for ln in p.lines if id(ln) not in skip and ln.text.strip()]
    # Notes sections first: set in small type, they would otherwise pass for footnotes.
    lines, end = endnote_sections(lines, body)
    lines, foot = split_footnotes(lines, body, pages)
    foot_notes: list[RawNote] = []
    gather_notes(foot, foot_notes)
    end_notes: list[RawNote] = []
    gather_notes(end, end_notes, endnote=True)
    if not foot_notes and not end_notes:
        from index.parse.pdf_plain import parse_flat

        return parse_flat(path, data, reader, _meta(reader))
    scoped_by = "chapter" if restarts(end_notes) else "page" if restarts(foot_notes) else ""
    scoped = note_labels(foot_notes, endnotes=False) | note_labels(end_notes, endnotes=True)
    front, used = _front(lines, body)
    lines = [ln for ln in lines if id(ln) not in used]
    blocks: list[Block] = Reader(body, scoped, scoped_by).read(lines)
    blocks += [Note(r.label, join_lines(r.lines)) for r in [*foot_notes, *end_notes]]
    # The metadata's title and authors are the document's own, unless junk; a date printed
    # on the first page beats the file's creation date.
    meta = DocMeta(**_meta(reader))
    meta = front.merged(meta.model_copy(update={"published": front.published or meta.published}))
    if not meta.title:
        meta.title = path.stem.replace("_", " ")
    article = assemble(blocks, meta, article_id=slugify(path.stem), source=str(path), fmt="pdf",
                       content_hash=content_hash(data))  # fmt: skip
    if not article.paragraphs:
        raise ParseError(path, "PDF has no extractable text (scanned image?); run OCR first")
    return article
