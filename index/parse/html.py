"""Scraped article pages: BeautifulSoup takes the notes list and markers (`html_notes`) and the
author box out of the DOM, trafilatura finds the main text and metadata, `parse_text` does the rest.

Trafilatura drops `<sup>` digits and, on pages without an `<article>`-like wrapper, headings;
so both are turned into plain text (`[3]`, `## Heading`) before it sees the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import trafilatura
from bs4 import BeautifulSoup, Tag
from trafilatura.settings import Document

from index.errors import ParseError
from index.parse.blocks import DocMeta, attach_notes
from index.parse.common import looks_like_name, parse_date, slugify, with_title_heading
from index.parse.dom import Dom
from index.parse.html_notes import take_notes, tokens
from index.parse.plaintext import parse_text
from index.text import normalize_space
from index.types import Article

_CHROME_TAGS = [
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "template",
]
# Widgets trafilatura sometimes keeps inside the article container; matched per class/id token.
_CHROME_TOKEN_RE = re.compile(
    r"^(?:share|sharing|sharedaddy|share-buttons|social-share|social-links|related|related-posts|"
    r"newsletter|comments?|breadcrumbs?|cookie-notice|subscribe|mw-editsection|noprint|"
    r"post-navigation|screen-reader-text)$"
)
_BIO_TOKEN_RE = re.compile(
    r"author-?bio|author-description|author-?box|about-?the-?author|about-author|^bio$|^bio-|-bio$"
)
_TAG_RE = re.compile(r"</?(?:sup|sub|b|i|em|strong|span|a|p|div|br|small|u)\b[^>]*>", re.I)


def _take_bio(soup: BeautifulSoup) -> tuple[str | None, str | None]:
    """(author name, bio) from an author box, which is then removed from the page."""
    boxes = [t for t in soup.find_all(True) if any(_BIO_TOKEN_RE.search(x) for x in tokens(t))]
    # The outermost match holds the name as well as the text ('author-box' > 'author-description').
    boxes = [
        b for b in Dom(soup).outermost(boxes) if b.name not in ("body", "html", "article", "main")
    ]
    if not boxes:
        return None, None
    box = boxes[0]
    name_tag = box.find(class_=re.compile("name")) or box.find(["h2", "h3", "h4", "h5", "h6"])
    name = normalize_space(name_tag.get_text(" ")) if isinstance(name_tag, Tag) else None
    if name_tag is not None:
        name_tag.decompose()
    paras = [normalize_space(p.get_text(" ")) for p in box.find_all("p")]
    bio = " ".join(p for p in paras if p) or normalize_space(box.get_text(" "))
    for b in boxes:
        b.decompose()
    return (name if name and looks_like_name(name) else None), (bio or None)


def _outermost_where(soup: BeautifulSoup, match: Callable[[Tag, bool], bool]) -> list[Tag]:
    """The outermost tags `match(tag, inside_article)` accepts, found in one walk that does
    not descend into them: removing them then costs each subtree once."""
    found: list[Tag] = []
    stack: list[tuple[Tag, bool]] = [(soup, False)]
    while stack:
        tag, in_article = stack.pop()
        for child in tag.find_all(True, recursive=False):
            if match(child, in_article):
                found.append(child)
            else:
                stack.append((child, in_article or child.name in ("article", "main")))
    return found


def _drop_chrome(soup: BeautifulSoup) -> None:
    # Menus and scripts go first, and a site header (an article's own header holds its
    # title), so that what is left measures the page's text.
    for tag in _outermost_where(
        soup,
        lambda t, in_article: t.name in _CHROME_TAGS or (t.name == "header" and not in_article),
    ):
        tag.decompose()
    dom = Dom(soup)
    total = dom.text_len(soup)

    def widget(tag: Tag, _: bool) -> bool:
        # A wrapper holding most of the page ('category-social' on the <article>) is not one.
        return (
            tag.name not in ("html", "body", "main", "article")
            and any(_CHROME_TOKEN_RE.match(t) for t in tokens(tag))
            and dom.text_len(tag) < 0.5 * total
        )

    for tag in _outermost_where(soup, widget):
        tag.decompose()


def _headings_to_text(soup: BeautifulSoup) -> None:
    for level in range(2, 7):
        for h in soup.find_all(f"h{level}"):
            text = normalize_space(h.get_text(" "))
            if not text:
                h.decompose()
                continue
            h.name = "p"
            h.attrs = {}
            h.string = f"{'#' * level} {text}"


def _body_text(body: Any) -> str:
    """Trafilatura's XML body as text: one block per paragraph, `#` headings."""
    blocks: list[str] = []
    for child in body:
        if child.tag == "head":
            digit = re.search(r"\d", str(child.get("rend") or ""))
            level = int(digit.group()) if digit else 2
            blocks.append(f"{'#' * level} {_inline(child)}")
        elif child.tag == "list":
            blocks += [_inline(item) for item in child.iterchildren("item")]
        elif child.tag in ("table", "graphic", "image"):
            continue
        else:
            blocks.append(_inline(child))
    lines = [[normalize_space(x) for x in b.split("\n")] for b in blocks]
    return "\n\n".join("\n".join(x for x in b if x) for b in lines if any(b))


def _inline(elem: Any) -> str:
    """Element text with `<lb/>` as a newline (notes printed one per line inside one <p>)."""
    out = [elem.text or ""]
    for child in elem:
        out.append("\n" if child.tag == "lb" else _inline(child))
        out.append(child.tail or "")
    return _TAG_RE.sub("", "".join(out))


def _soup_text(soup: BeautifulSoup) -> str:
    """Fallback when trafilatura finds nothing (short pages): the page's own text blocks,
    innermost first (a <li> holding a <p> gives the <p>)."""
    dom = Dom(soup)
    blocks = [
        normalize_space(t.get_text(" "))
        for t in dom.innermost(soup.find_all(["p", "li", "blockquote", "h1"]))
    ]
    return "\n\n".join(b for b in blocks if b)


_SITE_SEP_RE = re.compile(r"\s+[-|–—:·•»]+\s+")


def _without_site(title: str, soup: BeautifulSoup) -> str:
    """ "Headline - Site Name" as the headline: the site's name (og:site_name, or what is left
    when the page's <h1> is the part before the separator) is not the article's title."""
    site = soup.find("meta", attrs={"property": "og:site_name"})
    names = (
        {normalize_space(str(site.get("content") or "")).casefold()}
        if isinstance(site, Tag)
        else set()
    )
    h1 = soup.find("h1")
    heading = normalize_space(h1.get_text(" ")) if isinstance(h1, Tag) else ""
    for m in reversed(list(_SITE_SEP_RE.finditer(title))):
        head, tail = title[: m.start()], title[m.end() :]
        if tail.casefold() in names or (heading and head.casefold() == heading.casefold()):
            return head
    return title


def _meta(html: str, soup: BeautifulSoup) -> dict[str, Any]:
    doc = trafilatura.extract_metadata(html, extensive=False)
    has_title = soup.find(["title", "h1"]) or soup.find("meta", attrs={"property": "og:title"})
    meta_author = soup.find("meta", attrs={"name": "author"})
    authors: list[str] = []
    if isinstance(meta_author, Tag) and meta_author.get("content"):
        authors = [str(meta_author["content"]).strip()]
    elif doc.author:
        authors = [a.strip() for a in re.split(r";|\band\b", doc.author) if a.strip()]
    lang = soup.html.get("lang") if soup.html else None
    if lang is None and (tag := soup.find(lang=True)) is not None:
        lang = tag.get("lang")
    return {
        "title": _without_site(normalize_space(doc.title), soup)
        if doc.title and has_title
        else None,
        "authors": authors,
        "published": parse_date(doc.date) if doc.date else None,
        "url": doc.url,
        "language": str(lang).split("-")[0].lower() if lang else None,
        "category": doc.categories[0] if doc.categories else None,
        "alternates": _alternates(soup),
    }


def _alternates(soup: BeautifulSoup) -> dict[str, str]:
    """Language -> URL of the page's versions (its own included, x-default left out):
    `<link rel="alternate" hreflang>` in the head, else a language switcher's `<a hreflang>`."""
    found: dict[str, str] = {}
    links = soup.find_all("link", hreflang=True) or soup.find_all("a", hreflang=True)
    for tag in links:
        if not isinstance(tag, Tag):
            continue
        code = str(tag.get("hreflang") or "").split("-")[0].lower()
        href = str(tag.get("href") or "").strip()
        if tag.name == "link" and "alternate" not in (tag.get("rel") or []):
            continue
        if code and code != "x" and href.startswith("http"):
            found.setdefault(code, href)
    return found


_TITLE_OPEN_RE = re.compile(r"<title\b[^>]*>", re.I)
_TITLE_END_RE = re.compile(r"</title\s*>|<(?:/head|body|h1|p|div|meta|link|script)\b", re.I)


def _close_title(html: str) -> str:
    """A `<title>` left open swallows the page up to a `</title>` that never comes: close it
    where the page goes on (a tag that cannot be inside a title, or the end of the line)."""
    m = _TITLE_OPEN_RE.search(html)
    if m is None:
        return html
    end = _TITLE_END_RE.search(html, m.end())
    if end is not None and end.group().lower().startswith("</title"):
        return html
    stop = end.start() if end is not None else len(html)
    newline = html.find("\n", m.end(), stop)
    cut = newline if newline != -1 else stop
    return f"{html[:cut]}</title>{html[cut:]}"


def parse_html(path: Path, text: str, content_hash: str) -> Article:
    text = _close_title(text)
    soup = BeautifulSoup(text, "html.parser")
    meta = _meta(text, soup)
    for tag in soup.find_all(["script", "style", "noscript", "template"]):
        tag.decompose()
    notes = take_notes(soup)
    name, bio = _take_bio(soup)
    _drop_chrome(soup)
    _headings_to_text(soup)
    doc = trafilatura.bare_extraction(
        str(soup),
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_recall=True,
        with_metadata=False,
    )
    body = _body_text(doc.body) if isinstance(doc, Document) and doc.body is not None else ""
    if not body.strip():
        body = _soup_text(soup)
    if not body.strip():
        raise ParseError(path, "no article text found in the HTML")
    if name:
        # The author box prints the name as the site spells it; trafilatura normalises it
        # ("Dr. X" -> "Dr X").
        meta["authors"] = [name]
    meta["author_bio"] = bio
    title = meta["title"] or path.stem.replace("_", " ")
    meta["title"] = title
    article = parse_text(
        with_title_heading(body, title),
        article_id=slugify(path.stem),
        source=str(path),
        fmt="html",
        content_hash=content_hash,
        meta=DocMeta(**meta),
    )
    if not article.paragraphs:
        raise ParseError(path, "no article text found in the HTML")
    return attach_notes(article, notes)
