"""JSON Lines exports: one article per line, for archives that come out of a CMS or a scraper.

Fields of each line's object (unknown fields are ignored):

- `title` (str, required)
- `body` or `text` (str, required): paragraphs separated by blank lines; may hold `[n]`, `[iv]`,
  `[^n]` or superscript markers, `#` headings and even its own notes list at the end.
- `id` (str, optional): defaults to slugify(title); ids must be unique within the file.
- `author` or `authors`: a name (str) or a list of names
- `published` or `date` (str): any date `parse_date` reads; stored as YYYY-MM-DD.
- `url`, `language`, `category`, `author_bio`, `translation_of` (id or URL of the original) (str)
- `alternates`: the same article in other languages, {"tr": URL, ...}
- `highlights` (list of str)
- `footnotes` or `notes`: a list of `{"label": ..., "text": ...}` objects (label defaults to
  the 1-based position), a dict label -> text, or a string of `[n] text` / `n. text` lines.

A bad line (not JSON, missing or mistyped field) fails the whole file with a ParseError naming
the line and the field: importing half a file would silently leave articles out.
Each article's `content_hash` is the sha256 of its line, so editing one line re-indexes one
article; `source` is the file path.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from index.errors import ParseError
from index.notes import parse_note
from index.parse.blocks import DocMeta, attach_notes
from index.parse.common import content_hash, parse_date, slugify
from index.parse.plaintext import parse_text
from index.types import Article, Footnote

_NOTE_LINE_RE = re.compile(
    r"^\s*(?:\[\^?(?P<a>[\w.-]{1,24})\]:?|(?P<b>\d{1,4}|[ivxlcdm]{1,8})[.)])\s+(?P<t>\S.*)$"
)
_STR_FIELDS = ("id", "url", "language", "category", "author_bio", "translation_of")


class _LineError(Exception):
    """A problem with one line; `parse_jsonl` adds the path and line number."""


def _alternates(obj: dict[str, Any]) -> dict[str, str]:
    value = obj.get("alternates") or {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise _LineError("field 'alternates' must map language codes to URLs, e.g. {\"tr\": URL}")
    return {k.strip().lower(): v.strip() for k, v in value.items() if v.strip()}


def _str_field(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _LineError(f"field '{key}' must be a string, got {type(value).__name__}")
    return value.strip() or None


def _str_list(obj: dict[str, Any], key: str) -> list[str]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _LineError(f"field '{key}' must be a list of strings")
    return [v.strip() for v in value if v.strip()]


def _authors(obj: dict[str, Any]) -> list[str]:
    """`authors` or `author`, each either one name or a list of names."""
    for key in ("authors", "author"):
        if isinstance(obj.get(key), str):
            return [name] if (name := _str_field(obj, key)) else []
        if key in obj:
            return _str_list(obj, key)
    return []


def _label(value: Any, key: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _LineError(f"field '{key}' has a note label that is not a string or number")
    label = str(value).strip().strip("[]^").strip()
    if not label:
        raise _LineError(f"field '{key}' has an empty note label")
    return label


def _notes(obj: dict[str, Any]) -> list[Footnote]:
    key = "footnotes" if "footnotes" in obj else "notes"
    value = obj.get(key)
    if value is None:
        return []
    pairs: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for label, text in value.items():
            if not isinstance(text, str):
                raise _LineError(f"field '{key}' must map labels to strings")
            pairs.append((_label(label, key), text))
    elif isinstance(value, list):
        for pos, entry in enumerate(value, start=1):
            if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
                raise _LineError(
                    f"field '{key}' entry {pos} must be an object with a 'text' string"
                )
            pairs.append((_label(entry.get("label", pos), key), entry["text"]))
    elif isinstance(value, str):
        pairs = _note_block(value, key)
    else:
        raise _LineError(f"field '{key}' must be a list, an object or a string")
    return [parse_note(label, text) for label, text in pairs if text.strip()]


def _note_block(block: str, key: str) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for line in block.splitlines():
        if not line.strip():
            continue
        if m := _NOTE_LINE_RE.match(line):
            pairs.append((m.group("a") or m.group("b"), m.group("t").strip()))
        elif pairs:
            # A wrapped note: the line carries on the one before it.
            pairs[-1] = (pairs[-1][0], f"{pairs[-1][1]} {line.strip()}")
        else:
            raise _LineError(f"field '{key}' is a string but does not start with a '[n] text' line")
    return pairs


def _article(obj: Any, path: Path, line: str) -> Article:
    if not isinstance(obj, dict):
        raise _LineError(f"expected a JSON object, got {type(obj).__name__}")
    title = _str_field(obj, "title")
    if title is None:
        raise _LineError("missing required field 'title'")
    body_key = "body" if "body" in obj else "text"
    body = _str_field(obj, body_key)
    if body is None:
        raise _LineError("missing required field 'body'")
    for key in _STR_FIELDS:
        _str_field(obj, key)
    authors = _authors(obj)
    date_key = "published" if "published" in obj else "date"
    date_text = _str_field(obj, date_key)
    published = parse_date(date_text) if date_text else None
    meta = DocMeta(
        title=title,
        authors=authors,
        published=published,
        url=_str_field(obj, "url"),
        language=_str_field(obj, "language"),
        category=_str_field(obj, "category"),
        highlights=_str_list(obj, "highlights"),
        author_bio=_str_field(obj, "author_bio"),
        translation_of=_str_field(obj, "translation_of"),
        alternates=_alternates(obj),
    )
    notes = _notes(obj)
    # The title heading goes first so the header heuristics never take the body's opening
    # paragraph or heading for the title.
    first = body.lstrip().split("\n", 1)[0].lstrip("# ").strip()
    text = body if first == title else f"# {title}\n\n{body}"
    article = parse_text(
        text,
        article_id=_str_field(obj, "id") or slugify(title),
        source=str(path),
        fmt="jsonl",
        content_hash=content_hash(line.encode("utf-8")),
        meta=meta,
    )
    if not article.paragraphs:
        raise _LineError(f"field '{body_key}' has no paragraphs of text")
    article = attach_notes(article, notes)
    if date_text and published is None:
        warning = f"field '{date_key}' ({date_text!r}) is not a date I can read; left empty"
        article = article.model_copy(update={"warnings": [*article.warnings, warning]})
    return article


def parse_jsonl(path: Path, text: str) -> list[Article]:
    articles: list[Article] = []
    first_line: dict[str, int] = {}
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ParseError(
                path, f"line {line_no}: not valid JSON ({exc.msg} at column {exc.colno})"
            ) from exc
        try:
            article = _article(obj, path, line)
        except _LineError as exc:
            raise ParseError(path, f"line {line_no}: {exc}") from exc
        if article.id in first_line:
            raise ParseError(
                path,
                f"line {line_no}: duplicate article id '{article.id}' (first on line "
                f"{first_line[article.id]}); give each article a unique 'id'",
            )
        first_line[article.id] = line_no
        articles.append(article)
    if not articles:
        raise ParseError(path, "no articles (every line is blank)")
    return articles
