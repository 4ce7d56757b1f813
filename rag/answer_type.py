"""What a question asks for, and where in a sentence that kind of answer sits.

Small, general patterns (no lists of the archive's names): a date for "when", a figure for "how
many", a person's name for "who", a place for "where". Used to score candidate sentences, to
mark the answering words inside a quote, and to check a question's constraints (years,
ordinals, figures, names) against the evidence before answering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.dates import ENGLISH_MONTHS
from index.text import STOPWORDS
from rag.types import AnswerSpan

# Names before abbreviations, so "March" is not matched as "Mar".
MONTHS = "|".join(
    [names[0].capitalize() for names in ENGLISH_MONTHS]
    + [a.capitalize() for names in ENGLISH_MONTHS for a in names[1:]]
)
_DAY_MONTH = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?(?:,?\s+\d{{4}})?"
_MONTH_DAY = (
    rf"(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?(?:,?\s+\d{{4}})?"
)
_MONTH_YEAR = rf"(?:{MONTHS})\.?\s+\d{{4}}"
DATE_RE = re.compile(
    rf"\b(?:{_DAY_MONTH}|{_MONTH_DAY}|{_MONTH_YEAR}|(?:1[5-9]|20)\d\d(?:[-–]\d{{2,4}})?)\b"
)
YEAR_RE = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "forty|fifty|hundred|hundreds|thousand|thousands|dozen|dozens|million|billion"
)
FIGURE_RE = re.compile(
    rf"(?:[$€£₨¥]\s?)?\b\d[\d,.]*(?:\s?(?:%|percent|per cent|million|billion|trillion|"
    rf"thousand|km|kilometres|kilometers|miles|metres|meters|m|kg|tonnes|people|deaths|points|"
    rf"goals|votes|seats))?\b%?|\b(?:{_NUMBER_WORDS})\b(?:\s(?:{_NUMBER_WORDS}))*",
    re.IGNORECASE,
)
ORDINAL_RE = re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.IGNORECASE)
# Two or more capitalised words (optionally joined by "de", "van", "al-", initials...), or one
# capitalised word that is not at the start of the sentence.
NAME_RE = re.compile(
    r"\b[A-Z][\w'’.-]*[a-z][\w'’-]*(?:\s+(?:(?:de|da|del|van|von|der|bin|al|el|la|le)\s+)?"
    r"[A-Z][\w'’.-]*)+|\b[A-Z][a-z][\w'’-]+"
)
_WH = {
    "date": re.compile(
        r"\bwhen\b|\bwhat (?:year|date|month|day|time)\b|\bwhich (?:year|date|month|day)\b|"
        r"\bhow long ago\b|\bsince when\b|\bin what year\b|\bon what date\b",
        re.IGNORECASE,
    ),
    "number": re.compile(
        r"\bhow (?:many|much|big|large|long|far|high|tall|old|fast|deep|often)\b|"
        r"\bwhat (?:percentage|share|number|proportion|amount|figure|total|toll|sum|rate|"
        r"magnitude|score|margin|size|cost|price|death toll)\b|\bwhat was the (?:death )?toll\b|"
        r"\bby how\b|\bwhat (?:was|is) the (?:tally|count)\b|\bto what (?:level|extent|rate)\b|"
        r"\bat what (?:age|speed|rate|price|cost|level)\b|\bwhat (?:age|capacity)\b|"
        # "What was the Shakahola forest death toll": the head noun asks for a figure.
        r"\bwhat (?:is|was|were|are) the (?:[\w'’-]+ ){0,4}(?:toll|number|total|count|share|"
        r"percentage|cost|price|size|budget|population|capacity|turnout|margin|attendance|"
        r"revenue|amount|height|length|distance|duration)\b",
        re.IGNORECASE,
    ),
    "name": re.compile(
        r"\bwho\b|\bwhom\b|\bwhose\b|\bwhich (?:person|player|politician|minister|leader|"
        r"president|actor|actress|singer|artist|company|team|club|party|organi[sz]ation|"
        r"country|band|group|director|coach|candidate)\b|\bwhat (?:company|team|party|club|"
        r"organi[sz]ation|country|band|group)\b|\bname of\b|\bnamed\b",
        re.IGNORECASE,
    ),
    "place": re.compile(
        r"\bwhere\b|\bwhich (?:[\w'’-]+ ){0,3}?(?:city|cities|town|country|region|state|province|"
        r"stadium|venue|island|village|district|place|port|airport|river|location|site)\b|"
        r"\bin what (?:city|town|country|region|"
        r"place|state|province)\b|\bwhat (?:city|town|country|region|venue|stadium|location)\b",
        re.IGNORECASE,
    ),
}


# The same question words in Turkish (with or without its letters ç ğ ı ö ş ü, as phones
# type them) and Russian: read only when the question is in that language.
_TR_NAME = (
    r"(?:[sş]irket|tak[ıi]m|kul[uü]p|parti|oyuncu|lider|ba[sş]kan|bakan|[uü]lke|grup|kurulu[sş])"
)
_WH_OTHER: dict[str, dict[str, re.Pattern[str]]] = {
    "tr": {
        "date": re.compile(
            r"\bne zaman\b|\bhangi (?:tarih|g[uü]n|y[ıi]l|ay)\w*|\bka[cç]\w* y[ıi]l[ıi]nda\b|"
            r"\btarih(?:i|te)? ne\b|\bne vakit\b", re.IGNORECASE),
        "number": re.compile(
            r"\bka[cç]\w*|\bne kadar\b|\by[uü]zde ka[cç]\b|\bmiktar\w*", re.IGNORECASE),
        "name": re.compile(
            rf"\bkim\w*|\bhangi {_TR_NAME}\w*|\bad[ıi] ne\b|\bismi ne\b", re.IGNORECASE),
        "place": re.compile(
            r"\bnere\w*|\bhangi (?:[sş]ehir|kent|[uü]lke|b[oö]lge|stad|liman|yer|il)\w*",
            re.IGNORECASE),
    },
    "ru": {
        "date": re.compile(
            r"\bкогда\b|\bв как(?:ом|ой) (?:году|день|месяце|числе)\b|\bкакого числа\b|"
            r"\bкакого года\b|\bдат[аеуы]\b", re.IGNORECASE),
        "number": re.compile(
            r"\bсколько\b|\bкакой процент\b|\bна сколько\b|\bкаков\w* (?:размер|объ[её]м|"
            r"сумма|число|количество|доля)\b|\bкак(?:ая|ое|ой) (?:сумма|количество|доля|число)\b",
            re.IGNORECASE),
        "name": re.compile(
            r"\bкто\b|\bкого\b|\bкому\b|\bкем\b|\bчей\b|\bчья\b|\bчьё\b|\bчье\b|"
            r"\bкак (?:зовут|звали)\b|\bкак\w* (?:компани|команд|клуб|парти|стран|игрок|"
            r"президент|министр|лидер|организаци)\w*", re.IGNORECASE),
        "place": re.compile(
            r"\bгде\b|\bкуда\b|\bоткуда\b|\bв как(?:ом|ой) (?:город|стран|регион|мест|"
            r"порт|област)\w*|\bкакой город\b", re.IGNORECASE),
    },
}  # fmt: skip


# "Which fault…", "which EU leader…", "which cities…": a which-question whose head noun is
# not a date, figure or place asks for something named.
_WHICH = re.compile(r"\bwhich\b", re.IGNORECASE)


def wants(question: str, language: str | None = None) -> str | None:
    """The kind of answer the question asks for: date, number, name, place or None. The
    question word that comes first decides: "who ... when he died" asks for a name, and so
    does "which general died when…". `language`: the question's, when not English."""
    if language in _WH_OTHER:
        hits = sorted(
            (m.start(), kind)
            for kind, rx in _WH_OTHER[language].items()
            if (m := rx.search(question))
        )
        return hits[0][1] if hits else None
    found = sorted((m.start(), kind) for kind, rx in _WH.items() if (m := rx.search(question)))
    which = _WHICH.search(question)
    if which and (not found or which.start() < found[0][0]):
        return "name"
    if not found:
        return None
    # "When Al Gross withdrew, who did he back?": a leading clause, then the real question.
    comma = question.find(",")
    lead_when = found[0][1] == "date" and question[:4].lower() == "when"
    if len(found) > 1 and found[0][0] == 0 and lead_when and 0 < comma < found[1][0]:
        return found[1][1]
    return found[0][1]


# Capitalised, but not names: calendar words, and the words that start a clause ("On July 10").
_NOT_NAMES = frozenset(
    (MONTHS + "|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday").lower().split("|")
)


_WH_LEAD = re.compile(
    r"^(?:(?:in|at|on|for|to|by|from|of|with|after|before|according to)\s+)?"
    r"(?:how (?:many|much|long|far|old|big|large)|what|which|who|whom|whose|when|where|why|how)\b"
    r"(?:\s+(?:is|was|were|are|did|does|do|has|have|had|will|would|can|could))?\s*",
    re.IGNORECASE,
)


def statement(question: str) -> str:
    """The question without its leading question words: "How many firefighters were sent to
    the site?" → "firefighters were sent to the site". A claim comes back unchanged."""
    q = question.strip().rstrip("?").strip()
    return _WH_LEAD.sub("", q, count=1) or q


def _spans(kind: str, text: str) -> list[tuple[int, int]]:
    if kind == "date":
        return [m.span() for m in DATE_RE.finditer(text)]
    if kind == "number":
        # A day of the month ("December 9, 2025") is a date, not a figure.
        dates = [m.span() for m in DATE_RE.finditer(text)]
        return [
            m.span()
            for m in FIGURE_RE.finditer(text)
            if m.group().strip()
            and not YEAR_RE.fullmatch(m.group().strip())
            and not any(a <= m.start() < b for a, b in dates)
        ]
    spans = []
    for m in NAME_RE.finditer(text):
        a = m.start()
        words = m.group().split()
        while words and (words[0].lower() in STOPWORDS or words[0].lower() in _NOT_NAMES):
            a = text.index(words[1], a + len(words[0])) if len(words) > 1 else m.end()
            words = words[1:]
        words = [w for w in words if w.lower() not in _NOT_NAMES]
        if not words or (len(words) == 1 and (m.start() == 0 or words[0].lower() in STOPWORDS)):
            continue
        spans.append((a, m.end()))
    return spans


def _norm(s: str) -> str:
    return re.sub(r"[^\w]+", " ", s.lower()).strip()


def answer_span(question: str, sentence: str, kind: str | None = None) -> AnswerSpan | None:
    """The words of `sentence` that answer `question`: the wanted kind of span (`kind`, else
    `wants(question)`) that the question itself does not already contain, nearest to the words
    it shares with the question."""
    kind = kind or wants(question)
    if kind is None:
        return None
    q = f" {_norm(question)} "
    q_words = {w for w in q.split() if w not in STOPWORDS}
    # Whole words: "23" is new in a question about 2023.
    found = [
        (a, b)
        for a, b in _spans(kind, sentence)
        if _norm(sentence[a:b]) and f" {_norm(sentence[a:b])} " not in q
    ]
    if not found:
        return None
    anchors = [
        m.start() for m in re.finditer(r"\w+", sentence) if m.group().lower() in q_words
    ] or [0]

    def distance(span: tuple[int, int]) -> int:
        return min(abs(span[0] - x) for x in anchors)

    a, b = min(found, key=distance)
    return AnswerSpan(start=a, end=b)


@dataclass(frozen=True)
class Constraints:
    """What a question pins down that the evidence must also hold."""

    years: tuple[str, ...]
    ordinals: tuple[str, ...]
    numbers: tuple[str, ...]
    names: tuple[str, ...]


def names_edition(title: str) -> bool:
    """A title that names one edition of a recurring thing: a year or an ordinal in it."""
    return bool(
        YEAR_RE.search(title) or re.search(r"\b\d+(?:st|nd|rd|th)\b|\bseason \d+", title, re.I)
    )


def constraints(question: str) -> Constraints:
    years = tuple(dict.fromkeys(YEAR_RE.findall(question)))
    ordinals = tuple(dict.fromkeys(m.group().lower() for m in ORDINAL_RE.finditer(question)))
    numbers = tuple(
        dict.fromkeys(
            m.group()
            for m in re.finditer(r"\b\d[\d,.]*\b", question)
            if not YEAR_RE.fullmatch(m.group())
            and not re.fullmatch(r"\d+(?:st|nd|rd|th)", m.group())
        )
    )
    # Only multi-word names: a single capitalised word is as often a demonym or a paraphrase
    # ("Americans", "the French island") as a name the article must hold.
    names = []
    for m in NAME_RE.finditer(question):
        words = [w for w in m.group().split() if w.lower() not in STOPWORDS]
        if m.start() == 0:
            words = words[1:]  # capitalised because it starts the question: "Besides America"
        if len(words) >= 2:
            names.append(" ".join(words))
    return Constraints(years, ordinals, numbers, tuple(dict.fromkeys(names)))


def missing(c: Constraints, text: str) -> list[str]:
    """The constraints of `c` that `text` does not hold (names: any of their words counts)."""
    low = text.lower()
    norm = _norm(text)
    # A season "2021–22" holds 2022 as well: a year also counts when it ends a range.
    out = [
        y for y in c.years if y not in text and not re.search(rf"{y[:2]}\d\d[-–]{y[2:]}\b", text)
    ]
    out += [o for o in c.ordinals if o not in low and not re.search(rf"\b{o[:-2]}\b", low)]
    out += [n for n in c.numbers if n not in text]
    for name in c.names:
        words = [w for w in _norm(name).split() if len(w) > 2]
        if words and not any(re.search(rf"\b{re.escape(w)}", norm) for w in words):
            out.append(name)
    return out
