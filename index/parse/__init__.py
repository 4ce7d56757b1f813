"""Turn a source file into Articles. One entry point, `parse_file`, dispatching on the ending.

Every failure is a `ParseError` naming the file and the reason, so ingest can report it and go
on with the other files.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from index.errors import ParseError
from index.parse.common import content_hash, detect_language, slugify
from index.parse.plaintext import parse_text
from index.types import Article

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".jsonl": "jsonl",
}


def read_bytes(path: Path, max_bytes: int) -> bytes:
    if not path.is_file():
        raise ParseError(path, "not a file")
    size = path.stat().st_size
    if size == 0:
        raise ParseError(path, "file is empty")
    if size > max_bytes:
        raise ParseError(
            path,
            f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit "
            "(raise IBID_INDEX__INGEST__MAX_FILE_MB to allow it)",
        )
    return path.read_bytes()


def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ParseError(path, f"not valid UTF-16 text ({exc.reason})") from exc
    if b"\x00" in data[:8192]:
        raise ParseError(path, "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(
            path, f"not UTF-8 text: invalid byte at offset {exc.start}; re-save it as UTF-8"
        ) from exc
    if not text.strip():
        raise ParseError(path, "file has no text (only whitespace)")
    return text


def decode_html(path: Path, data: bytes) -> str:
    """UTF-8 as for text, else the charset the page declares (scraped pages are often
    windows-1252 or ISO-8859-x); undeclared non-UTF-8 bytes are still refused, not guessed."""
    try:
        return decode_text(path, data)
    except ParseError:
        from bs4.dammit import EncodingDetector

        # Only the head is searched (4 KB, where a <meta charset> or an XML declaration
        # stands), so a page quoting a charset in its text does not redeclare itself.
        name = EncodingDetector.find_declared_encoding(
            data[:4096], is_html=True, search_entire_document=True
        )
        if name is None:
            raise
        try:
            codecs.lookup(name)
        except LookupError:
            raise ParseError(path, f"the page declares an unknown charset '{name}'") from None
        try:
            return data.decode(name)
        except UnicodeDecodeError as exc:
            raise ParseError(path, f"not valid {name} text as the page declares") from exc


def parse_file(
    path: Path, *, max_bytes: int = 20_000_000, data: bytes | None = None
) -> list[Article]:
    """Parse one file into its articles (a .jsonl file holds many; other formats one).

    `data`: the file's bytes when the caller has already read them (ingest hashes them first).
    Every article leaves with a language: the one its file declares, else the one detected.
    """
    articles = _parse(path, max_bytes, data)
    for article in articles:
        if article.language:
            article.language = article.language.split("-")[0].split("_")[0].lower()
        else:
            article.language = detect_language(" ".join(p.text for p in article.paragraphs[:40]))
    return articles


def _parse(path: Path, max_bytes: int, data: bytes | None) -> list[Article]:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ParseError(
            path, f"unsupported file type '{path.suffix}' (supported: {', '.join(sorted(FORMATS))})"
        )
    if data is None:
        data = read_bytes(path, max_bytes)
    if fmt == "pdf":
        from index.parse.pdf import parse_pdf

        return [parse_pdf(path, data)]
    if fmt == "docx":
        from index.parse.docx import parse_docx

        return [parse_docx(path, data)]
    text = decode_html(path, data) if fmt == "html" else decode_text(path, data)
    if fmt == "jsonl":
        from index.parse.jsonl import parse_jsonl

        return parse_jsonl(path, text)
    if fmt == "html":
        from index.parse.html import parse_html

        return [parse_html(path, text, content_hash(data))]
    article = parse_text(
        text,
        article_id=slugify(path.stem),
        source=str(path),
        fmt=fmt,
        content_hash=content_hash(data),
    )
    check_article(path, article)
    return [article]


def check_article(path: Path, article: Article) -> None:
    if not article.paragraphs:
        raise ParseError(
            path, "no article text found (no body paragraphs after removing page chrome)"
        )
