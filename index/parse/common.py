"""Heuristics shared by every format: boilerplate, dates, language, names, ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from index.dates import parse_date as parse_date  # the parsers read dates through here
from index.text import STOPWORDS

# Whole lines a scraped page carries that are never article text (share widgets in several
# languages, print/email buttons, language switchers).
_BOILERPLATE_RE = re.compile(
    r"^(?:share(?: this(?: article| post)?)?|paylaş|поделиться|teilen|partager|compartir|"
    r"condividi|tweet|print|e-?mail|facebook|twitter|linkedin|whatsapp|telegram|copy link|"
    r"x|save|bookmark|subscribe|follow us|advertisement|reklam|"
    r"this (?:post|article|page) is also available in\s*:?.*|also available in\s*:.*|"
    r"bu (?:yazı|içerik) .*dilde de mevcuttur.*|read in\s*:.*|"
    r"skip to (?:main )?content|back to top|tags?\s*:.*|etiketler\s*:.*)$",
    re.IGNORECASE,
)
# A heading after which a scraped page lists other posts: it and everything below are dropped.
_RELATED_RE = re.compile(
    r"^(?:similar posts|related posts|related articles|related|you may also like|read more|"
    r"more from .*|recommended|benzer yazılar|ilgili yazılar|похожие записи|popular posts|"
    r"latest posts|recent posts|other articles)\s*:?$",
    re.IGNORECASE,
)


# The same headings inside a page flattened onto one line: only the phrases ordinary prose
# never uses, and only capitalised.
_RELATED_INLINE_RE = re.compile(
    r"(?<!\S)(?:similar posts|related posts|related articles|you may also like|benzer yazılar|"
    r"ilgili yazılar|похожие записи|popular posts|latest posts|recent posts|other articles)\b",
    re.IGNORECASE,
)


def related_heading_at(text: str) -> int | None:
    """Where a related-posts heading starts inside running text, if it does."""
    m = next((m for m in _RELATED_INLINE_RE.finditer(text) if m.group()[0].isupper()), None)
    return m.start() if m else None


def is_boilerplate(line: str) -> bool:
    return bool(_BOILERPLATE_RE.match(line.strip()))


def is_related_heading(line: str) -> bool:
    return bool(_RELATED_RE.match(line.strip()))


_STOPWORDS = {
    "en": "the and of to in is that for with as was on by it are this from be have which",
    "tr": "ve bir bu da de ile için olarak olan gibi daha çok ise ancak sonra kadar",
    "de": "der die und das ist nicht mit den von zu dem ein eine auch sich auf für",
    "fr": "le la les et des est une pour dans que qui sur pas par au avec ce",
    "es": "el la los las y de que en un una es por con para del se su al",
    "ru": "и в не на что он с по как это из но за от к",
}
_STOPSETS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
STOPWORDS_ANY = frozenset().union(*_STOPSETS.values(), STOPWORDS)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of an article's text (index.lang), None when too short to tell."""
    from index.lang import detect

    sample = text[:20000]
    if len(re.findall(r"\w+", sample)) < 8:
        return None
    code = detect(sample, default="")
    return code or None


_NAME_WORD = r"(?:[A-ZÇĞİÖŞÜ][a-zà-ÿçğıöşü'’-]+|[A-ZÇĞİÖŞÜ]{2,}|[A-Z]\.)"
_NAME_RE = re.compile(
    rf"^(?:(?:Dr|Prof|Assoc|Asst|Mr|Mrs|Ms)\.?\s+)*{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}$"
)


def looks_like_name(line: str) -> bool:
    line = line.strip()
    return len(line) <= 60 and bool(_NAME_RE.match(line))


def surname(name: str) -> str:
    return name.split()[-1].strip(".").lower()


def slugify(text: str, max_len: int = 64) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    return slug[:max_len].strip("-") or "article"


# Bumped when parsing changes what an unchanged file yields (notes, paragraphs, metadata), so
# the next ingest re-parses every file instead of keeping what the old parser made of it.
PARSER_VERSION = "3"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(PARSER_VERSION.encode() + b"\0" + data).hexdigest()


def with_title_heading(text: str, title: str | None) -> str:
    """Put `# title` first unless the text already starts with it, so the header heuristics
    never take the first body line for the title."""
    if not title:
        return text
    first = text.lstrip().split("\n", 1)[0].lstrip("# ").strip()
    return text if first == title else f"# {title}\n\n{text}"


_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def to_roman(n: int) -> str:
    """n in lower-case roman numerals, as notes are labelled: 4 -> "iv"."""
    out = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def from_roman(text: str) -> int | None:
    """The value of a well-formed lower-case roman numeral, else None."""
    total, rest = 0, text
    for value, letters in _ROMAN:
        while rest.startswith(letters):
            total, rest = total + value, rest[len(letters) :]
    return total if text and not rest and to_roman(total) == text else None


_JUNK_TITLE_RE = re.compile(
    r"^(?:microsoft word\s*-|untitled|document\s*\d*$)|\.(?:docx?|pdf|indd|odt|rtf|tex)$", re.I
)
_NAMES_SPLIT_RE = re.compile(r"\s*(?:;|,|&|\band\b)\s*")


def is_junk_title(title: str) -> bool:
    """A title the authoring tool made up: "Microsoft Word - draft_v7.docx", "Untitled"."""
    return bool(_JUNK_TITLE_RE.search(title))


def split_names(text: str) -> list[str]:
    """Authors as a metadata field or byline lists them: "A; B", "A, B and C", "by A & B"."""
    text = re.sub(r"^(?:by|authors?:?)\s+", "", text.strip(), flags=re.I)
    return [n for n in _NAMES_SPLIT_RE.split(text) if n]


_URLISH_RE = re.compile(r"(?:https?://|www\.)\S*$")
_URL_CONT_RE = re.compile(r"^[\w\-./%?=&#~+:@!$,;*()']+")


def join_lines(lines: list[str]) -> str:
    """One paragraph or note from its lines: hyphenated breaks undone, URLs broken across
    lines rejoined."""
    out = ""
    for text in lines:
        text = text.strip()
        if not out or not text:
            out = out or text
            continue
        if continues_url(out.split()[-1], text.split()[0]):
            out += text
        elif re.search(r"[^\W\d_]-$", out) and out[-2].islower() and text[:1].islower():
            out = out[:-1] + text
        else:
            out += " " + text
    return out


# Words that follow a complete URL in a note: the next line starts a new part, not more URL.
_AFTER_URL = {"accessed", "retrieved", "last", "viewed", "consulted", "available", "erişim"}


def continues_url(last: str, first: str) -> bool:
    """A URL broken at the end of a line (LaTeX's url and xurl break anywhere): the last word
    is a URL in progress and the next line starts with more URL characters."""
    if not (_URLISH_RE.search(last) or (last.endswith(("http:", "https:")))):
        return False
    if last.endswith((")", ";", ",")) or not _URL_CONT_RE.fullmatch(first):
        return False
    if first[:1] in "([":
        return False
    # A capital starts a new sentence, unless the URL stopped mid-path ("…nikkei.com/" then
    # "Business/Markets/…") and the line goes on with more path.
    if first[:1].isupper() and not (
        last.endswith(("/", "-", "_")) and re.search(r"\w[/\-_.=]\w", first)
    ):
        return False
    word = first.rstrip(".,;:").casefold()
    return word not in _AFTER_URL and word not in STOPWORDS


def join_wrapped(text: str, line: str) -> str:
    """`text` continued by the next `line` of a hard-wrapped list: a URL broken at the line's
    end ("https:" / "//www.example.org/a-lo" / "ng-path.html") is rejoined without a space."""
    if text and line and continues_url(text.split()[-1], line.split()[0]):
        return text + line.strip()
    return f"{text} {line.strip()}".strip()
