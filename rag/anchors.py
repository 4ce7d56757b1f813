"""What a question in another language names, and whether the article it would be answered from
names it too: the cross-lingual stand-in for the English near-miss check on multi-word names.

A Turkish or Russian question's names ("Fukushima'daki", "Чабахар") are compared with the
article's words after transliteration to Latin letters (anyascii), allowing the few letters a
transliteration or a case ending changes (rapidfuzz). Names a language spells its own way
("Hindistan", "Сирия", "Гренландию") are also looked for under their English names, from the
Unicode CLDR tables of country and language names (Babel); month and weekday names are not
names at all. An off-archive question usually names something the nearest article never
mentions; an answerable one names something it does.
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


@lru_cache(maxsize=8)
def _cldr(language: str) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """For `language`: each one-word country or language name (in Latin letters) with its
    English names, and the language's month and weekday names in all their forms."""
    from babel import Locale, UnknownLocaleError

    try:
        local, english = Locale.parse(language), Locale("en")
    except (UnknownLocaleError, ValueError):
        return {}, frozenset()
    aliases: dict[str, set[str]] = {}
    for mine, theirs in (
        (local.territories, english.territories),
        (local.languages, english.languages),
    ):
        for code, full in mine.items():
            name = full.split(" (")[0]  # "Мьянма (Бирма)"
            if " " not in name and (en := theirs.get(code)):
                aliases.setdefault(_latin(name), set()).add(en.split(" (")[0])
    calendar = {
        _latin(name)
        for table in (local.months, local.days)
        for context in table.values()
        for width in context.values()
        for name in width.values()
    }
    return {k: frozenset(v) for k, v in aliases.items()}, frozenset(calendar)


def _near(a: str, w: str) -> bool:
    """`w` starts with `a` give or take the letters a case ending or a transliteration changes."""
    from rapidfuzz.distance import Levenshtein

    allowed = max(1, len(a) // 4)
    near = len(w) >= 3 and abs(len(w) - len(a)) <= 3 + allowed
    return near and Levenshtein.distance(a, w[: len(a)]) <= allowed


def english_names(name: str, language: str) -> frozenset[str]:
    """The English names of the country or language `name` spells in `language` ("Rusya'nın" →
    Russia), or nothing."""
    aliases, _ = _cldr(language)
    a = _latin(name)
    found = aliases.get(a)
    if found is not None:
        return found
    hits = [v for k, v in aliases.items() if len(k) >= 4 and _near(k, a) and _near(a, k)]
    return frozenset().union(*hits) if hits else frozenset()


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
        if _near_calendar(base, language):
            continue  # "Ağustos 2025'te": a month is capitalised in Turkish, but no name
        latin_in_cyrillic = language == "ru" and base.isascii()
        # Turkish puts an apostrophe only between a proper noun and its suffix ("Gazze'deki"),
        # so such a first word is a name; any other is capitalised for starting the sentence.
        proper = language == "tr" and base != m.group()
        if m.start() == 0 and not latin_in_cyrillic and not proper:
            continue
        if base[:1].isupper() or latin_in_cyrillic:
            out.append(base)
    return list(dict.fromkeys(out))


def _near_calendar(word: str, language: str) -> bool:
    """A month or weekday in any case form: only its ending may differ ("январе", "Ekim'de"),
    so that "Akım" is not taken for "Ekim"."""
    a = _latin(word)
    return any(
        a[: len(c) - 1] == c[:-1] and len(a) <= len(c) + 1
        for c in _cldr(language)[1]
        if len(c) >= 3
    )


@lru_cache(maxsize=256)
def _words(text: str) -> frozenset[str]:
    return frozenset(_latin(w) for w in _TEXT_WORD_RE.findall(text))


def present(name: str, text: str) -> bool:
    """`name` or a near spelling of it starts a word of `text` (in Latin letters)."""
    a = _latin(name)
    return any(_near(a, w) for w in _words(text))


def _named(name: str, language: str, text: str) -> bool:
    """`name` is in `text` as it is spelt, or under one of its English names (every word)."""
    if present(name, text):
        return True
    return any(
        all(present(w, text) for w in en.split() if len(w) >= 3)
        for en in english_names(name, language)
    )


def missing_names(question: str, language: str, text: str) -> list[str]:
    """The question's names, when none of them is in `text` (else nothing is missing)."""
    names = question_names(question, language)
    if names and not any(_named(n, language, text) for n in names):
        return names
    return []
