"""Footnotes in an HTML page: find the notes list, read its entries, and turn the reference
links and superscripts that point to them into literal `[3]` markers.

Labels come, best first, from the marker that links to a note (what the reader sees), a label
printed at the start of the entry, the entry's id ('fn3'), then its position in the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag

from index.notes import is_ibid, parse_note
from index.parse.common import to_roman
from index.parse.dom import Dom
from index.text import normalize_space
from index.types import Footnote

_NOTES_TOKEN_RE = re.compile(r"footnotes?|endnotes?|notes|references|reflist")
_NOTE_ID_RE = re.compile(
    r"^(?:cite_note-.+|_?(?:fn|ftn|edn|footnote|endnote|note)[-_:]?(?P<n>\d{1,4}|[ivxlcdm]{1,8}))$"
)
_LABEL_RE = re.compile(r"^(?:\d{1,4}|[ivxlcdm]{1,8})$")
_LEADING_LABEL_RE = re.compile(
    r"^\s*(?:\[\^?(?P<a>[\w.-]{1,24})\]:?|(?P<b>\d{1,4}|[ivxlcdm]{1,8})[.)]|(?P<c>[⁰¹²³⁴⁵⁶⁷⁸⁹]+))\s+"
)
_SUP_LABELS_RE = re.compile(
    r"^\[?(?:\d{1,4}|[ivxlcdm]{1,8})\]?(?:\s*[,–-]\s*\[?(?:\d{1,4}|[ivxlcdm]{1,8})\]?)*$"
)
_NOTES_HEADING_RE = re.compile(
    r"^(?:notes|footnotes|endnotes|references|sources|citations|dipnotlar|kaynaklar|kaynakça)$",
    re.I,
)
_BACKLINK_TEXT = {"↩", "↩︎", "↑", "^", "⤴"}
_SUPER_DIGITS = {c: str(i) for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}


@dataclass
class _NoteItem:
    elem: Tag
    fallback: str  # label from the item's id ('fn3') or its position, if nothing better
    label: str | None = None  # as printed by the marker that links to it
    url: str | None = None


def _item(elem: Tag, position: int, roman: bool) -> _NoteItem:
    m = _NOTE_ID_RE.match(str(elem.get("id") or ""))
    if m and m.group("n"):
        return _NoteItem(elem, m.group("n"))
    return _NoteItem(elem, to_roman(position) if roman else str(position))


def tokens(tag: Tag) -> list[str]:
    classes: list[str] = list(tag.get_attribute_list("class"))
    return [t.lower() for t in [*classes, tag.get("id")] if isinstance(t, str) and t]


def _clean_label(text: str) -> str | None:
    label = text.strip().strip("[]()^ ").strip()
    if label.lower() and _LABEL_RE.match(label.lower()):
        return label.lower()
    label = re.sub(r"\s+", "-", label)
    return label if re.fullmatch(r"[\w.-]{1,24}", label) else None


def _marker_text(label: str) -> str:
    # Labels the shared marker regex would not see as bracket markers ('a', 'note-1') get the
    # Markdown caret form, which it accepts for any word label.
    return f"[{label}]" if _LABEL_RE.match(label) else f"[^{label}]"


def _find_note_items(soup: BeautifulSoup, dom: Dom) -> list[_NoteItem]:
    containers = [
        t
        for t in soup.find_all(["ol", "ul", "div", "section", "aside"])
        if any(_NOTES_TOKEN_RE.search(tok) for tok in tokens(t))
    ]
    # The innermost match is the list; outer ones are wrappers ('reflist' > 'references').
    total = dom.text_len(soup)
    containers = [c for c in dom.innermost(containers) if not _is_body(c, total, dom)]
    items: list[_NoteItem] = []
    seen = dom.spans([])
    for box in containers:
        lists = [box] if box.name in ("ol", "ul") else dom.outermost(box.find_all(["ol", "ul"]))
        entries: list[tuple[Tag, int, bool]] = []
        for lst in lists:
            start = str(lst.get("start") or "1")
            first = int(start) if start.isdigit() else 1
            roman = lst.get("type") == "i" or "lower-roman" in str(lst.get("style") or "")
            lis = lst.find_all("li", recursive=False)
            entries += [(li, first + k, roman) for k, li in enumerate(lis)]
        if not entries:
            blocks = [
                b for b in box.find_all(["p", "div"], recursive=False) if b.get_text(strip=True)
            ]
            entries = [(b, k + 1, False) for k, b in enumerate(blocks)]
        for elem, pos, roman in entries:
            seen.add(elem)
            items.append(_item(elem, pos, roman))
    # Notes outside a named container, recognisable by their ids ('fn3', 'cite_note-x-3').
    for k, elem in enumerate(soup.find_all(["li", "p", "div", "dd", "section"], id=_NOTE_ID_RE)):
        # Block elements only: an id like 'note-3' on a <sup> marks the reference, not the note.
        if seen.covers(elem):
            continue
        items.append(_item(elem, k + 1, False))
        seen.add(elem)
    return items


def _is_body(box: Tag, total: int, dom: Dom) -> bool:
    """A notes-like class on the article body itself ('has-footnotes'): most of the page's
    text, and not a list. Its notes, if printed as text, are left to the text stage."""
    if box.find("h1"):
        return True
    size = dom.text_len(box)
    listed = sum(dom.text_len(li) for li in dom.outermost(box.find_all("li")))
    return size > 0.5 * total and listed < 0.8 * size


def _target_map(items: list[_NoteItem]) -> dict[str, _NoteItem]:
    targets: dict[str, _NoteItem] = {}
    for item in items:
        for tag in [item.elem, *item.elem.find_all(True)]:
            for key in ("id", "name"):
                if isinstance(value := tag.get(key), str):
                    targets.setdefault(value, item)
    return targets


def _replace_refs(soup: BeautifulSoup, items: list[_NoteItem]) -> None:
    """Turn note reference links into literal `[label]` text; label the notes they point to."""
    targets = _target_map(items)
    inside_notes = {id(t) for item in items for t in [item.elem, *item.elem.find_all(True)]}
    for link in soup.find_all("a", href=True):
        if id(link) in inside_notes or link.parent is None:
            continue
        href = str(link["href"])
        frag = href.split("#", 1)[1] if "#" in href else None
        classes = " ".join(tokens(link))
        item = targets.get(frag) if frag else None
        if item is None and "footnote-ref" not in classes and link.get("role") != "doc-noteref":
            continue
        label = _clean_label(link.get_text())
        if label is None:
            continue
        if item is not None and item.label is None:
            item.label = label
        node: Tag = link
        parent = link.parent
        if parent.name == "sup" and parent.get_text(strip=True) == link.get_text(strip=True):
            node = parent
        node.replace_with(NavigableString(_marker_text(label)))


def _replace_bare_sups(soup: BeautifulSoup, known: set[str]) -> None:
    for sup in soup.find_all("sup"):
        text = sup.get_text(strip=True)
        if not _SUP_LABELS_RE.match(text):
            continue
        labels = [x.strip("[] ") for x in re.split(r"[,–-]", text)]
        # When the page's notes are known, a superscript that names none of them is more likely
        # a power (km²) than a marker.
        if known and not all(x in known for x in labels):
            continue
        sup.replace_with(NavigableString("".join(_marker_text(x) for x in labels)))


def _read_note(item: _NoteItem) -> tuple[str, str]:
    elem = item.elem
    for a in elem.find_all("a", href=True):
        classes = " ".join(tokens(a))
        if a.get_text(strip=True) in _BACKLINK_TEXT or "back" in classes:
            a.decompose()
    for span in elem.select(".mw-cite-backlink"):
        span.decompose()
    external = elem.find("a", href=re.compile(r"^https?://"))
    item.url = str(external["href"]) if isinstance(external, Tag) else None
    text = normalize_space(elem.get_text())
    label = item.label
    if m := _LEADING_LABEL_RE.match(text):
        lead = m.group("a") or m.group("b") or "".join(_SUPER_DIGITS[c] for c in m.group("c"))
        label = label or _clean_label(lead)
        text = text[m.end() :]
    return label or item.fallback, text.strip()


def take_notes(soup: BeautifulSoup) -> list[Footnote]:
    dom = Dom(soup)
    items = _find_note_items(soup, dom)
    _replace_refs(soup, items)
    notes: list[Footnote] = []
    for item in items:
        label, text = _read_note(item)
        if not text:
            continue
        note = parse_note(label, text)
        if note.url is None and item.url and not is_ibid(text):
            # Wikipedia-style citations carry the URL only in the link.
            note = note.model_copy(update={"url": item.url})
        notes.append(note)
    if items:
        # A "Notes"/"References" heading right above the list goes with it.
        first = items[0].elem
        heading = first.find_previous(["h2", "h3", "h4", "h5", "h6"])
        if heading and _NOTES_HEADING_RE.match(heading.get_text(strip=True)):
            nxt = heading.find_next(["p", "li"])
            if nxt is None or nxt is first or dom.inside(nxt, first):
                heading.decompose()
        for item in items:
            if item.elem.parent is not None:
                item.elem.decompose()
    # Notes printed as text ("[iv] ...", one per paragraph or line) also name the labels.
    in_text = re.findall(r"(?m)^\s*\[(\d{1,4}|[ivxlcdm]{1,8})\][ \t]+\S", soup.get_text("\n"))
    _replace_bare_sups(soup, {n.label for n in notes} | set(in_text))
    return notes
