"""Word .docx articles, read from the package XML with the standard library.

A .docx says exactly which mark is which note (`w:footnoteReference w:id`), so nothing here
guesses: the body's references become markers at their exact position, numbered as Word
prints them, and the referenced notes become `Note` blocks for `assemble`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from index.errors import ParseError
from index.parse.blocks import Block, DocMeta, Heading, Note, Para, assemble, marker_text
from index.parse.common import (
    content_hash,
    is_junk_title,
    looks_like_name,
    parse_date,
    slugify,
    split_names,
    to_roman,
)
from index.parse.docx_package import CORE, MC, STRICT_W, NoteKey, Package, R, W
from index.text import normalize_space, strip_markers
from index.types import Article

# Never the paragraph's own text: deleted revisions, properties, and drawings, whose text boxes
# mostly repeat the body as pull quotes (and come twice, as AlternateContent and fallback).
_SKIP = {W + t for t in ("del", "moveFrom", "rPr", "pPr", "drawing", "pict", "object")}
_SKIP |= {MC + "AlternateContent"}
_KINDS = {W + "footnoteReference": "footnote", W + "endnoteReference": "endnote"}
_CHARS = {"tab": " ", "ptab": " ", "br": " ", "cr": " ", "noBreakHyphen": "-"}  # soft hyphens: ""

# Account names Word and tools write as the author of any file they create.
_JUNK_AUTHOR_RE = re.compile(
    r"^(?:microsoft office user|windows user|user|admin(?:istrator)?|owner|author|unknown|"
    r"python-docx|pandoc)$",
    re.I,
)
_HYPERLINK_FIELD_RE = re.compile(r'^\s*HYPERLINK\s+"([^"]+)"', re.I)
_MARK_NAMES = {"*": "star", "†": "dagger", "‡": "double-dagger", "§": "section"}
_LABEL_RE = re.compile(r"[\w.-]{1,24}")  # what `find_markers` reads back in "[^label]"
# A note's hyperlink target as placed by `_Text`, then any closing quotes or punctuation the
# URL must go after so it never lands inside a quoted title.
_LINK_SLOT_RE = re.compile(r"\ue000([^\ue001]*)\ue001([”’\"')\].,;:]*)")

Role = int | str | None  # heading level, "title"/"subtitle"/"author"/"date"/"toc", or body


def _styles(root: ET.Element | None) -> dict[str, Role]:
    """Paragraph styleId → role. Built-in style names are stored in English whatever the UI
    language ("heading 1" with styleId "berschrift1"), so names decide, then outline levels."""
    own: dict[str, Role] = {}
    parent: dict[str, str] = {}
    for style in root.iter(W + "style") if root is not None else ():
        sid = style.get(W + "styleId", "")
        level = _val(style.find(f"{W}pPr/{W}outlineLvl"))
        if (role := _named(_val(style.find(W + "name")) or sid)) is not None:
            own[sid] = role
        elif level is not None and level.isdecimal():
            own[sid] = int(level) + 1 if int(level) < 9 else None
        elif (based := _val(style.find(W + "basedOn"))) is not None:
            parent[sid] = based
    # A custom style based on "Heading 2" is a heading too; only levels inherit ("Subtitle" is
    # based on "Title" in pandoc's reference document).
    for sid, based in parent.items():
        for _ in range(10):  # a bounded walk: basedOn chains can loop in damaged files
            based = parent.get(based, based)
        if isinstance(own.get(based), int):
            own[sid] = own[based]
    return own


def _named(name: str) -> Role:
    name = name.strip().lower()
    if m := re.fullmatch(r"heading\s*([1-9])", name):
        return int(m.group(1))
    if name in ("title", "subtitle", "author", "date"):
        return name
    return "toc" if name.startswith("toc") or name == "contents heading" else None


def _val(el: ET.Element | None) -> str | None:
    return None if el is None else el.get(W + "val")


def _role(p: ET.Element, styles: dict[str, Role]) -> Role:
    sid = _val(p.find(f"{W}pPr/{W}pStyle")) or ""
    # A style used but not defined (tools that write no styles.xml) still says what it is.
    role = styles[sid] if sid in styles else _named(sid)
    level = _val(p.find(f"{W}pPr/{W}outlineLvl"))
    if level is not None and level.isdecimal() and not isinstance(role, str):
        role = int(level) + 1 if int(level) < 9 else None  # set on the paragraph itself
    return role


def _number(n: int, fmt: str) -> str:
    """Note `n` as Word prints it in numbering format `fmt` (w:numFmt)."""
    if fmt.endswith("Letter"):
        label = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # a … z, aa …
    elif fmt.endswith("Roman"):
        label = to_roman(n)
    else:
        return str(n)
    return label.upper() if fmt.startswith("upper") else label


class _NoteRefs:
    """Labels for the body's note references, numbered in order of first reference.

    A kind's numbering format is the section's or the document's (w:numFmt); unset, endnotes
    are roman beside footnotes, as in Word, so the two sequences never share a label."""

    def __init__(
        self, notes: dict[NoteKey, ET.Element], where: list[ET.Element | None], both: bool
    ) -> None:
        self.notes = notes
        self.formats = {"footnote": "decimal", "endnote": "lowerRoman" if both else "decimal"}
        for kind in self.formats:
            found = [_val(el.find(f"{W}{kind}Pr/{W}numFmt")) for el in where if el is not None]
            self.formats[kind] = next((f for f in found if f), self.formats[kind])
        self.labels: dict[NoteKey, str] = {}
        self.marks: dict[NoteKey, str] = {}
        self.counts: Counter[str] = Counter()
        self.warnings: list[str] = []

    def cite(self, kind: str, note_id: str, mark: str | None) -> str:
        key = (kind, note_id)
        if key not in self.labels:
            if key not in self.notes:
                self.warnings.append(f"the text refers to {kind} id {note_id}, which is missing")
                return ""
            self.labels[key] = self._new_label(kind, mark)
            if mark:
                self.marks[key] = mark
        return marker_text(self.labels[key])

    def _new_label(self, kind: str, mark: str | None) -> str:
        label = _mark_label(mark) if mark else None
        if label is None:
            self.counts[kind] += 1
            label = _number(self.counts[kind], self.formats[kind])
        # Only a custom mark can repeat a label ("*" twice, or "1" beside note 1).
        taken, k = set(self.labels.values()), 1
        while (unique := label if k == 1 else f"{label}-{k}") in taken:
            k += 1
        return unique


def _mark_label(mark: str) -> str | None:
    """A custom mark as a label `find_markers` reads back: "*" → "star"; None if hopeless."""
    for label in (mark.strip(), "-".join(_MARK_NAMES.get(c, c) for c in mark if not c.isspace())):
        if _LABEL_RE.fullmatch(label):
            return label
    return None


class _Text:
    """One paragraph's visible text. `cite` turns a note reference into its marker (body);
    `links`, given for notes, marks each hyperlink's URL for `_place_links`."""

    def __init__(
        self,
        cite: Callable[[str, str, str | None], str] | None = None,
        links: dict[str, str] | None = None,
    ) -> None:
        self.cite, self.links = cite, links
        self.out: list[str] = []
        self.instr = ""  # the open field's code: `HYPERLINK "url"` for a link
        self.pending: NoteKey | None = None  # a reference whose mark is the next text

    def paragraph(self, p: ET.Element) -> str:
        self._inline(p)
        if self.pending is not None:
            self._cite(*self.pending, None)
        return normalize_space("".join(self.out).replace("\u00ad", ""))

    def _inline(self, el: ET.Element) -> None:
        for child in el:
            if child.tag == W + "r":
                self._run(child)
            elif child.tag in (W + "hyperlink", W + "fldSimple"):
                self._inline(child)
                self._link((self.links or {}).get(child.get(R + "id", "")))
                self._link(_field_url(child.get(W + "instr", "")))
            elif child.tag not in _SKIP and child.tag != W + "p":  # a text box's paragraph
                self._inline(child)  # insertions, smart tags, content controls

    def _run(self, run: ET.Element) -> None:
        for c in run:
            tag = c.tag.removeprefix(W)
            if tag in ("t", "sym") and self.pending is not None:
                # Word puts a custom mark in the run after the reference, LibreOffice in the
                # same run: either way it is the next text (or a Symbol-font character).
                pending, self.pending = self.pending, None
                mark = (c.text or "").strip() if tag == "t" else _symbol(c.get(W + "char", ""))
                self._cite(*pending, mark if 0 < len(mark) <= 8 else None)
                if len(mark) > 8:  # no mark after all: this is the text that follows
                    self.out.append(c.text or "")
            elif tag == "t":
                self.out.append(c.text or "")
            elif tag in _CHARS:
                self.out.append(_CHARS[tag])
            elif tag == "instrText":
                self.instr += c.text or ""
            elif tag == "fldChar" and c.get(W + "fldCharType") == "end":
                self._link(_field_url(self.instr))
                self.instr = ""
            elif c.tag in _KINDS:
                if c.get(W + "customMarkFollows") in ("1", "true", "on"):
                    self.pending = (_KINDS[c.tag], c.get(W + "id", ""))
                else:
                    self._cite(_KINDS[c.tag], c.get(W + "id", ""), None)

    def _cite(self, kind: str, note_id: str, mark: str | None) -> None:
        if self.cite is not None:
            self.out.append(self.cite(kind, note_id, mark))

    def _link(self, url: str | None) -> None:
        if self.links is not None and url and re.match(r"https?://", url, re.I):
            self.out.append(f"\ue000{url}\ue001")


def _symbol(code: str) -> str:
    """A w:sym character; Symbol-font codes sit at F000 + their ASCII code."""
    n = int(code, 16) if re.fullmatch(r"[0-9A-Fa-f]{1,4}", code) else 0
    return chr(n - 0xF000 if n >= 0xF020 else n) if n >= 0x20 else ""


def _field_url(instruction: str) -> str | None:
    m = _HYPERLINK_FIELD_RE.match(instruction)
    return m.group(1) if m else None


def _place_links(text: str) -> str:
    """Each hyperlink's URL after its visible text, unless the text already shows it."""
    visible = _LINK_SLOT_RE.sub(r"\2", text)
    shown: set[str] = set()

    def place(m: re.Match[str]) -> str:
        url = m.group(1)
        if url.rstrip("/") in visible or url in shown:
            return m.group(2)
        shown.add(url)
        return f"{m.group(2)} {url} "

    return normalize_space(_LINK_SLOT_RE.sub(place, text))


def _paragraphs(container: ET.Element) -> Iterator[ET.Element]:
    """w:p elements in reading order, inside tables and content controls too."""
    for child in container:
        if child.tag == W + "p":
            yield child
        elif child.tag not in _SKIP:
            yield from _paragraphs(child)


def _core(root: ET.Element | None) -> DocMeta:
    if root is None:
        return DocMeta()
    title = normalize_space(root.findtext("dc:title", "", CORE))
    creator = normalize_space(root.findtext("dc:creator", "", CORE))
    created = root.findtext("dcterms:created", "", CORE).strip()
    language = root.findtext("dc:language", "", CORE).strip()[:2].lower()
    return DocMeta(
        title=title if title and not is_junk_title(title) else None,
        authors=split_names(creator) if not _JUNK_AUTHOR_RE.match(creator) else [],
        published=created[:10] if re.match(r"\d{4}-\d\d-\d\d", created) else None,
        language=language if language.isalpha() and len(language) == 2 else None,
    )


def _blocks(paras: list[tuple[Role, str]], meta: DocMeta) -> tuple[list[Block], DocMeta]:
    """Body blocks, the title, byline and date paragraphs taken out into the metadata."""
    plain = [normalize_space(strip_markers(text)) for _, text in paras]
    title = meta.title or next(
        (plain[i] for i, (role, _) in enumerate(paras) if role == "title"),
        next((plain[i] for i, (role, _) in enumerate(paras) if role == 1), None),
    )
    byline: list[str] = []
    date: str | None = None
    blocks: list[Block] = []
    title_done = title is None
    for (role, text), line in zip(paras, plain, strict=True):
        if not title_done and line.casefold() == (title or "").casefold() and len(blocks) < 3:
            title_done = True  # the title as printed, already in the metadata
        elif role in ("author", "subtitle", "date") and (found := _byline(line, role)):
            byline += found[0]
            date = date or found[1]
        elif isinstance(role, int) or role == "title":
            blocks.append(Heading(line, role if isinstance(role, int) else 1))
        elif role != "toc":
            blocks.append(Para(text))
    # pandoc stamps dcterms:created with the conversion time, so a printed date wins.
    update = {
        "title": title,
        "authors": meta.authors or byline,
        "published": date or meta.published,
    }
    return blocks, meta.model_copy(update=update)


def _byline(line: str, role: Role) -> tuple[list[str], str | None] | None:
    """Names and date of a byline ("By Laura Chen · 19 November 2024", pandoc's "Author" and
    "Date" paragraphs); None for anything else under the title (a subtitle, a series name)."""
    names: list[str] = []
    date: str | None = None
    for part in re.split(r"\s+[·|•–—]\s+", line):
        if (when := parse_date(part)) and len(part) < 40:
            date = date or when
        elif role == "author" or all(looks_like_name(n) for n in split_names(part)):
            names += split_names(part)
        else:
            return None
    return names, date


def _note_blocks(pkg: Package, refs: _NoteRefs) -> list[Note]:
    """The cited notes, footnotes before endnotes, each kind in order of first reference."""
    links = {kind: pkg.links(f"{kind}s.xml") for kind in ("footnote", "endnote")}
    blocks: list[Note] = []
    for key in sorted(refs.labels, key=lambda k: k[0] == "endnote"):
        parts = (_Text(links=links[key[0]]).paragraph(p) for p in _paragraphs(refs.notes[key]))
        text = _place_links(" ".join(parts))
        if key in refs.marks:  # a custom mark is typed into the note too, not generated
            text = text.removeprefix(refs.marks[key]).lstrip()
        blocks.append(Note(refs.labels[key], text))
    return blocks


def parse_docx(path: Path, data: bytes) -> Article:
    pkg = Package(path, data)
    doc = pkg.xml("word/document.xml")
    if doc is None:
        raise ParseError(path, "no word/document.xml in the package: not a Word document")
    if doc.tag.startswith(STRICT_W):
        raise ParseError(path, "a Strict Open XML document; save it as a regular Word .docx")
    body = doc.find(W + "body")
    if body is None:
        raise ParseError(path, "word/document.xml has no body; the file is damaged")
    where = [body.find(W + "sectPr"), pkg.optional("word/settings.xml")]
    kinds = {_KINDS[el.tag] for el in body.iter() if el.tag in _KINDS}
    refs = _NoteRefs(pkg.notes(), where, both=kinds == {"footnote", "endnote"})
    styles = _styles(pkg.optional("word/styles.xml"))
    paras = [(_role(p, styles), _Text(refs.cite).paragraph(p)) for p in _paragraphs(body)]
    meta = _core(pkg.optional("docProps/core.xml"))
    blocks, meta = _blocks([(r, t) for r, t in paras if t], meta)
    blocks += _note_blocks(pkg, refs)
    article = assemble(
        blocks,
        meta,
        article_id=slugify(path.stem),
        source=str(path),
        fmt="docx",
        content_hash=content_hash(data),
        warnings=[*pkg.warnings, *refs.warnings],
    )
    if not article.paragraphs:
        raise ParseError(path, "the document has no body text (only images or text boxes?)")
    return article
