"""Plain text and Markdown articles, and the shared text stage every other format ends in.

A scraped article page reads, top to bottom: category line, title, highlight bullets,
share-widget words, body (with `#` or plain headings and footnote markers), the notes list,
author name(s) and bio, then a related-posts list. `parse_text` sorts blocks into those parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from index.parse.blocks import Block, DocMeta, Heading, Note, Para, assemble
from index.parse.common import (
    STOPWORDS_ANY,
    is_boilerplate,
    is_related_heading,
    looks_like_name,
    parse_date,
    surname,
    with_title_heading,
)
from index.parse.notes_list import NOTES_HEADING_RE, link_bare_numbers, normalize_notes
from index.text import normalize_space, split_sentences
from index.types import Article

_NOTE_RE = re.compile(
    r"^(?:\[(?P<caret>\^)?(?P<br>\d{1,4}|[ivxlcdm]{1,8}|(?(caret)[\w.-]{1,24}|(?!)))\](?P<colon>:)?"
    r"|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+))\s*(?P<text>\S.*)$",
    re.DOTALL,
)
_NUMBERED_NOTE_RE = re.compile(
    r"^(?:(?P<label>\d{1,4}|[ivxlcdm]{1,8})[.)]|\((?P<paren>\d{1,4})\))\s+(?P<text>\S.*)$"
)
_HEADING_MD_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*$")
_BYLINE_RE = re.compile(r"^(?:by|author|authors|yazar|written by)\s*[:\-]?\s+(?P<names>.+)$", re.I)
_URL_LINE_RE = re.compile(r"^(?:url|source|canonical|link)\s*:\s*(?P<url>https?://\S+)$", re.I)
_CATEGORY_LINE_RE = re.compile(r"^(?:category|section|kategori)\s*:\s*(?P<c>.+)$", re.I)
_DATE_LINE_RE = re.compile(
    r"^(?:published|date|posted|updated|tarih)?\s*:?\s*(?P<d>.{6,40})$", re.I
)

# A Markdown horizontal rule ("---", "* * *"): page layout, never text.
_RULE_RE = re.compile(r"^(?:[-*_]\s*){3,}$")
_SUPER = {c: str(i) for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}


@dataclass
class _Block:
    kind: str  # text | heading | note | boiler | related | notes_heading
    text: str
    label: str = ""
    level: int = 0


@dataclass
class _Parts:
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


_TRAILING_MARKERS_RE = re.compile(r"(?:\s?(?:\[\^?[\w.-]{1,24}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+))+$")


def _heading_like(text: str) -> bool:
    # "It was denied.[4]" ends a sentence: the marker after the full stop must not hide it.
    bare = _TRAILING_MARKERS_RE.sub("", text)
    return (
        len(text) < 200
        and len(text.split()) <= 25
        and not re.search(r"[.!?:;,]$", bare)
        and "\n" not in text
    )


def _wrapped(line: str) -> bool:
    """Whether a title line stops where a wrapped line would, mid-phrase, not where it ends."""
    last = line.split()[-1]
    return last[-1] in "-–—:,&/" or (last.islower() and len(last) <= 3) or last in STOPWORDS_ANY


def _title_lines(raw: str) -> list[str]:
    """The opening block as its lines when they are a title and a subtitle set one per line
    ("Energy Finds in the Eastern Mediterranean" / "Risks and Options for Turkey"); a title
    wrapped mid-phrase (its next line begins in lower case, or it breaks after "of", "and",
    a colon) stays one block."""
    lines = [normalize_space(line) for line in raw.splitlines() if line.strip()]
    if not 2 <= len(lines) <= 3 or not all(_heading_like(line) for line in lines):
        return [raw]
    out = [lines[0]]
    for line in lines[1:]:
        if line[0].islower() or _wrapped(out[-1]):
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def _classify(raw: str) -> list[_Block]:
    lines = [normalize_space(line) for line in raw.splitlines()]
    lines = [line for line in lines if line and not _RULE_RE.match(line)]
    if not lines:
        return []
    # Notes lists, headings, bullet highlights and repeated author names come one per line
    # without blank lines between them; soft-wrapped prose lines are joined back together.
    all_terminal = all(re.search(r"[.!?\"”’)]$", line) for line in lines)
    all_short = all(len(line.split()) <= 8 and not re.search(r"[.!?]$", line) for line in lines)
    blocks: list[_Block] = []
    prose: list[str] = []
    for line in lines:
        if all_terminal or all_short or _stands_alone(line):
            if prose:
                blocks += _classify_line(" ".join(prose))
                prose = []
            blocks += _classify_line(line)
        else:
            prose.append(line)
    if prose:
        blocks += _classify_line(" ".join(prose))
    return blocks


def _stands_alone(line: str) -> bool:
    return bool(
        _NOTE_RE.match(line)
        or _HEADING_MD_RE.match(line)
        or NOTES_HEADING_RE.match(line)
        or looks_like_name(line)
        or is_boilerplate(line)
        or is_related_heading(line)
    )


def _classify_line(text: str) -> list[_Block]:
    if m := _HEADING_MD_RE.match(text):
        inner = m.group("text")
        if NOTES_HEADING_RE.match(inner):
            return [_Block("notes_heading", inner)]
        if len(inner.split()) > 25:
            # A page flattened onto one line that opens with its "# Title": the rest is text.
            return [_Block("text", inner)]
        return [_Block("heading", inner, level=len(m.group("hashes")))]
    if NOTES_HEADING_RE.match(text):
        return [_Block("notes_heading", text)]
    if m := _NOTE_RE.match(text):
        label = m.group("br") or "".join(_SUPER[c] for c in (m.group("sup") or ""))
        if m.group("caret") or m.group("br") or len(text) > 8:
            return [_Block("note", m.group("text").strip(), label=label)]
    if is_related_heading(text):
        return [_Block("related", text)]
    if is_boilerplate(text):
        return [_Block("boiler", text)]
    return [_Block("text", text)]


def _split_header(blocks: list[_Block], parts: _Parts) -> list[_Block]:
    """Take title, category, byline, date, URL and highlights off the top; return the rest."""
    meta = parts.meta
    i = 0
    texts = [b for b in blocks[:2]]
    if texts and texts[0].kind == "heading" and texts[0].level == 1:
        meta["title"] = texts[0].text
        i = 1
    elif (
        len(texts) == 2
        and all(b.kind == "text" and _heading_like(b.text) for b in texts)
        and len(texts[0].text.split()) <= 4
    ):
        meta["category"], meta["title"] = texts[0].text, texts[1].text
        i = 2
    elif texts and texts[0].kind in ("text", "heading") and _heading_like(texts[0].text):
        meta["title"] = texts[0].text
        i = 1
    # Metadata lines and highlights sit between the title and the first share widget.
    boiler_at = next(
        (j for j in range(i, min(len(blocks), i + 10)) if blocks[j].kind == "boiler"), None
    )
    highlights: list[str] = []
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "boiler":
            i += 1
            continue
        if b.kind != "text" or len(b.text) > 300:
            break
        if m := _BYLINE_RE.match(b.text):
            meta.setdefault("authors", re.split(r"\s*(?:,|\band\b|&)\s*", m.group("names")))
        elif m := _URL_LINE_RE.match(b.text):
            meta.setdefault("url", m.group("url"))
        elif m := _CATEGORY_LINE_RE.match(b.text):
            meta.setdefault("category", m.group("c"))
        elif len(b.text) <= 60 and (d := parse_date(b.text)) and _DATE_LINE_RE.match(b.text):
            meta.setdefault("published", d)
        elif boiler_at is not None and i < boiler_at and len(split_sentences(b.text)) <= 2:
            highlights.append(b.text)
        else:
            break
        i += 1
    if highlights:
        meta.setdefault("highlights", highlights)
    return blocks[i:]


def _split_trailer(blocks: list[_Block], parts: _Parts) -> list[_Block]:
    """Take the author line(s) and bio off the end of `blocks`; drop any related-posts list."""
    cut = next((j for j, b in enumerate(blocks) if b.kind == "related"), len(blocks))
    blocks = blocks[:cut]
    texts = [j for j, b in enumerate(blocks) if b.kind == "text"]
    if not texts:
        return blocks
    last = texts[-1]
    bio = None if looks_like_name(blocks[last].text) else last
    pos = len(texts) - (1 if bio is None else 2)
    first_name = None
    while pos >= 0 and looks_like_name(blocks[texts[pos]].text):
        first_name = texts[pos]
        pos -= 1
    if first_name is None:
        return blocks
    stop = bio if bio is not None else len(blocks)
    names = list(dict.fromkeys(blocks[j].text for j in texts if first_name <= j < stop))
    if bio is not None and not any(surname(n) in blocks[bio].text.lower() for n in names):
        return blocks  # a name-like line inside the body, not an author block
    parts.meta.setdefault("authors", names)
    if bio is not None:
        parts.meta.setdefault("author_bio", blocks[bio].text)
    return blocks[:first_name]


_FRONT_MATTER_RE = re.compile(
    r"\A\s*---[ \t]*\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M
)
# Front matter is a mapping: a page that merely opens with a horizontal rule is not.
_YAML_KEY_RE = re.compile(r"\A(?:\s*#.*\n)*\s*[\w-]+\s*:(?:\s|$)")
_FRONT_KEYS = {
    "title": ("title", "headline"),
    "authors": ("authors", "author", "creator", "byline"),
    "published": (
        *("date", "published", "publishdate", "publish_date", "pubdate", "date_published"),
        *("published_at", "datepublished", "created"),
    ),
    "url": ("source_url", "canonical_url", "canonical", "url", "link", "permalink", "source"),
    "category": ("category", "categories", "section", "tags"),
    "language": ("lang", "language", "locale"),
}


def _split_front_matter(text: str) -> tuple[DocMeta, str, list[str]]:
    """Metadata from a YAML front matter block (Jekyll, Hugo, Pandoc) and the text after it."""
    m = _FRONT_MATTER_RE.match(text)
    if m is None or not (_YAML_KEY_RE.match(m.group("yaml")) or not m.group("yaml").strip()):
        return DocMeta(), text, []
    rest = text[m.end() :]
    try:
        data = yaml.safe_load(m.group("yaml")) or {}
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: an impossible date, 2024-13-45
        problem = getattr(exc, "problem", None) or str(exc) or type(exc).__name__
        return DocMeta(), rest, [f"front matter is not valid YAML ({problem}); ignored"]
    if not isinstance(data, dict):
        return DocMeta(), rest, ["front matter is not a YAML mapping; ignored"]
    fields = {str(k).strip().lower().replace("-", "_"): v for k, v in data.items()}
    meta: dict[str, Any] = {}
    for name, keys in _FRONT_KEYS.items():
        for key in keys:
            value = _front_value(name, fields.get(key))
            if value:
                meta[name] = value
                break
    return DocMeta(**meta), rest, []


def _front_value(name: str, value: Any) -> Any:
    if name == "authors":
        return _front_names(value)
    if isinstance(value, list):
        value = value[0] if value else None  # categories, tags: the first is the main one
    if value is None or isinstance(value, dict | list):
        return None
    if name == "published":
        return value.isoformat()[:10] if isinstance(value, date) else parse_date(str(value))
    text = normalize_space(str(value))
    if name == "url":
        return text if re.match(r"https?://\S+$", text) else None
    if name == "language":
        code = re.split(r"[-_]", text)[0].lower()
        return code if re.fullmatch(r"[a-z]{2,3}", code) else None
    return text


def _front_names(value: Any) -> list[str]:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        # Each item is one person, even "Doe, Jane".
        items = [v.get("name") if isinstance(v, dict) else v for v in value]
        return [normalize_space(str(v)) for v in items if v]
    if not isinstance(value, str):
        return []
    names: list[str] = []
    for part in re.split(r"\s*(?:;|&|\band\b|\bve\b|\bи\b)\s*", value):
        pieces = [x.strip() for x in part.split(",")]
        # "Jane Doe, John Roe" lists two people; "Doe, Jane" is one.
        names += pieces if all(len(x.split()) >= 2 for x in pieces) else [part.strip()]
    return [normalize_space(n) for n in names if n]


def parse_text(
    text: str,
    *,
    article_id: str,
    source: str = "",
    fmt: str = "txt",
    content_hash: str = "",
    meta: DocMeta | None = None,
) -> Article:
    """Parse article text into an Article. `meta` values (from HTML or JSONL) win over guesses."""
    guessed, blocks, warnings = text_blocks(text)
    return assemble(
        blocks,
        guessed.merged(meta) if meta else guessed,
        article_id=article_id,
        source=source,
        fmt=fmt,
        content_hash=content_hash,
        warnings=warnings,
    )


def text_blocks(text: str) -> tuple[DocMeta, list[Block], list[str]]:
    """What the conventions of scraped text say: metadata, typed blocks, warnings."""
    parts = _Parts()
    front, text, parts.warnings = _split_front_matter(text.replace("\r\n", "\n"))
    # A title from front matter goes first, so the body's opening line is never taken for it.
    text = with_title_heading(normalize_notes(text), front.title)
    raws = re.split(r"\n\s*\n", text.strip("\n"))
    blocks = [b for raw in [*_title_lines(raws[0]), *raws[1:]] for b in _classify(raw)]
    blocks = _split_header(blocks, parts)

    notes: list[Note] = []
    body: list[_Block] = []
    trailer: list[_Block] = []
    last_note = max((j for j, b in enumerate(blocks) if b.kind == "note"), default=-1)
    in_notes_section = False
    for j, b in enumerate(blocks):
        if b.kind == "note":
            notes.append(Note(b.label, b.text))
            in_notes_section = True
        elif b.kind == "notes_heading":
            in_notes_section = True
        elif in_notes_section and b.kind == "text" and (m := _NUMBERED_NOTE_RE.match(b.text)):
            notes.append(Note(m.group("label") or m.group("paren"), m.group("text")))
        elif 0 <= last_note < j:
            trailer.append(b)
        else:
            body.append(b)
    if trailer:
        # After the notes list only the author block is article text; the rest is page chrome.
        _split_trailer(trailer, parts)
    else:
        body = _split_trailer(body, parts)

    out: list[Block] = []
    for j, b in enumerate(body):
        if b.kind == "heading":
            out.append(Heading(b.text, b.level))
        elif b.kind == "text":
            nxt = body[j + 1] if j + 1 < len(body) else None
            if _heading_like(b.text) and len(b.text.split()) <= 12 and nxt and nxt.kind == "text":
                out.append(Heading(b.text, 2))
            else:
                out.append(Para(b.text))
    texts = iter(
        link_bare_numbers([b.text for b in out if isinstance(b, Para)], [n.label for n in notes])
    )
    out = [Para(next(texts)) if isinstance(b, Para) else b for b in out]
    return DocMeta(**parts.meta).merged(front), [*out, *notes], parts.warnings
