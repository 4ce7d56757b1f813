"""Text primitives shared by parsing, chunking and retrieval: markers, sentences, tokens."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from index.types import Marker

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = {c: str(i) for i, c in enumerate(_SUPERSCRIPTS)}

# [i] [xii] [12] [^3] [^note-1] and runs of superscript digits. Roman numerals are lower case
# only: "[I]" in running text is more often an editorial insertion than a note.
MARKER_RE = re.compile(
    r"\[(?P<caret>\^)(?P<md>[\w.-]{1,24})\]"
    r"|\[(?P<br>\d{1,4}|[ivxlcdm]{1,8})\]"
    r"|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
)


def find_markers(text: str) -> list[Marker]:
    markers: list[Marker] = []
    for m in MARKER_RE.finditer(text):
        if m.group("md") is not None:
            label = m.group("md")
        elif m.group("br") is not None:
            label = m.group("br")
        else:
            label = "".join(_SUPER_TO_DIGIT[c] for c in m.group("sup"))
        markers.append(Marker(label=label, start=m.start(), end=m.end()))
    return markers


def strip_markers(text: str) -> str:
    """Text without footnote markers, for embedding and display of quotes."""
    out = MARKER_RE.sub("", text)
    out = re.sub(r"[ \t]+([.,;:!?])", r"\1", out)
    return re.sub(r"[ \t]{2,}", " ", out).strip()


def normalize_space(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u200b", "")
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "sr",
    "jr",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "gov",
    "sen",
    "rep",
    "pres",
    "rev",
    "hon",
    "no",
    "nos",
    "vol",
    "pp",
    "p",
    "fig",
    "eg",
    "ie",
    "etc",
    "vs",
    "cf",
    "al",
    "approx",
    "inc",
    "ltd",
    "co",
    "corp",
    "dept",
    "univ",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "us",
    "uk",
    "un",
    "eu",
}

# Turkish and Russian abbreviations that a full stop does not end a sentence after ("örn.
# Bakü", "2022–2026 гг. Индия"); read when the text is in that language.
_ABBREVIATIONS_BY_LANGUAGE = {
    "tr": frozenset(
        "vb vs vd örn bkz yy yüzyıl mö ms dr prof doç yrd sn s ss çev yay haz ed no nr cilt "
        "krş age agm".split()
    ),
    "ru": frozenset(
        "г гг см рис табл т.е т.н т.ч т.к др пр с стр им ул англ напр ок проф акад гл ст "
        "прим ред изд вып".split()
    ),
}
_TURKISH_LETTERS_RE = re.compile("[ğşıİĞŞ]")
_CYRILLIC_RE = re.compile("[а-яёА-ЯЁ]")


def script_language(text: str) -> str | None:
    """'ru' for Cyrillic text, 'tr' for text with Turkish letters, else None: enough to pick
    sentence rules without a language model."""
    sample = text[:2000]
    letters = sum(c.isalpha() for c in sample) or 1
    if len(_CYRILLIC_RE.findall(sample)) > 0.3 * letters:
        return "ru"
    if len(_TURKISH_LETTERS_RE.findall(sample)) >= max(3, 0.01 * letters):
        return "tr"
    return None


_BOUNDARY_RE = re.compile(
    r"(?P<punct>[.!?…]+)(?P<close>[\"”’')\]]*)"
    r"(?P<marks>(?:\s?(?:\[\^?[\w.-]{1,24}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+))*)"
    r"(?P<space>\s+|(?=[A-Z][a-z]))"
)


_LAST_WORD_RE = re.compile(r"([\w.]+)$")


def _is_boundary(text: str, m: re.Match[str], language: str | None = None) -> bool:
    nxt = text[m.end() : m.end() + 2]
    if not nxt:
        return False
    if not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "“\"‘'([¿¡%«"):
        return False
    if m.group("punct") != ".":
        return True
    # Only the word before the stop matters; looking further back made splitting quadratic.
    before = text[max(0, m.start() - 64) : m.start()]
    word = _LAST_WORD_RE.search(before)
    token = word.group(1) if word else ""
    bare = token.replace(".", "").lower()
    if bare in _ABBREVIATIONS:
        return False
    if language is not None:
        own = _ABBREVIATIONS_BY_LANGUAGE.get(language, frozenset())
        if bare in own or token.lower() in own:
            return False
        if language == "tr" and token.isdigit() and len(token) <= 3:
            return False  # a Turkish ordinal: "25. Şanghay Zirvesi"
        if language == "ru" and re.search(r"\bт\.\s?[ечнк]$", before):
            return False  # "т. е.", "в т. ч.": that is, including
        if len(bare) == 1 and bare.isalpha() and token.islower():
            return True  # a unit or a word, not an initial: "80 млн т. Эта"
    if len(bare) == 1 and bare.isalpha():
        return False  # an initial: "J. Smith"
    if not m.group("space"):
        # "others.No group": a missing space after a full stop, seen in scraped text.
        return len(token) >= 3 and token[-1].islower()
    return True


def sentence_spans(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets; markers after a full stop stay with their sentence.
    `language`: whose abbreviations count (default: Turkish or Russian when the text's letters
    say so, else English)."""
    spans: list[tuple[int, int]] = []
    start = 0
    language = language or script_language(text)
    for m in _BOUNDARY_RE.finditer(text):
        if not _is_boundary(text, m, language):
            continue
        end = m.end() - len(m.group("space"))
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not of off on once only or other our ours ourselves
    out over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours yourself yourselves said says say according did
    whats s t""".split()
)

_WORD_RE = re.compile(r"[\w][\w'’-]*", re.UNICODE)


def _stem(word: str) -> str:
    if word.endswith(("'s", "’s")):  # possessive (a plain suffix test: 40% of tokenize's time)
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokenize(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Lower-cased, lightly stemmed word tokens for keyword search and lexical overlap."""
    tokens = []
    for raw in _WORD_RE.findall(strip_markers(text).lower()):
        word = raw.strip("'’-")
        if not word or (not keep_stopwords and word in STOPWORDS):
            continue
        tokens.append(_stem(word))
    return tokens


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
