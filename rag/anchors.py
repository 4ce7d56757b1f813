"""What a question in another language names, and whether the article it would be answered from
names it too: the cross-lingual stand-in for the English near-miss check on multi-word names.

A Turkish or Russian question's names ("Fukushima'daki", "Чабахар") are compared with the
article's words after transliteration to Latin letters (anyascii), allowing the few letters a
transliteration or a case ending changes (rapidfuzz). An off-archive question usually names
something the nearest article never mentions; an answerable one names something it does.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.lang import stopwords

_WORD_RE = re.compile(r"[^\W\d_][^\W_]*(?:['’][^\W\d_]+)?")
_TEXT_WORD_RE = re.compile(r"[^\W\d_]+")


def _latin(word: str) -> str:
    from anyascii import anyascii

    return str(anyascii(word)).lower()


def question_names(question: str, language: str) -> list[str]:
    """The capitalised words of the question that are not its first word, a stop word or a
    three-letter acronym (without a Turkish apostrophe suffix), and in a Cyrillic question its
    Latin-script words."""
    stop = stopwords(language)
    out: list[str] = []
    for m in _WORD_RE.finditer(question):
        base = re.split(r"['’]", m.group())[0]
        if len(base) < 3 or base.lower() in stop:
            continue
        if base.isupper() and len(base) <= 3:
            continue  # ABD, США, AB: a country's acronym in the asker's language, not a name
        latin_in_cyrillic = language == "ru" and base.isascii()
        if m.start() == 0 and not latin_in_cyrillic:
            continue  # capitalised because it starts the sentence
        if base[:1].isupper() or latin_in_cyrillic:
            out.append(base)
    return list(dict.fromkeys(out))


@lru_cache(maxsize=256)
def _words(text: str) -> frozenset[str]:
    return frozenset(_latin(w) for w in _TEXT_WORD_RE.findall(text))


def present(name: str, text: str) -> bool:
    """`name` or a near spelling of it starts a word of `text` (in Latin letters)."""
    from rapidfuzz.distance import Levenshtein

    a = _latin(name)
    allowed = max(1, len(a) // 4)
    for w in _words(text):
        near = len(w) >= 3 and abs(len(w) - len(a)) <= 3 + allowed
        if near and Levenshtein.distance(a, w[: len(a)]) <= allowed:
            return True
    return False


def missing_names(question: str, language: str, text: str) -> list[str]:
    """The question's names, when none of them is in `text` (else nothing is missing)."""
    names = question_names(question, language)
    if names and not any(present(n, text) for n in names):
        return names
    return []
