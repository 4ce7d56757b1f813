"""Facts in text that embeddings are blind to: numbers, dates, names and negation.

What the heuristic checker (rag.heuristic) compares between a claim and its evidence.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Literal

from index.text import STOPWORDS, tokenize

_MONTHS = "january february march april may june july august september october november december"
_MONTH_RE = re.compile(
    r"\b(?:(?:" + "|".join(m.title() for m in _MONTHS.split()) + r")(?!\w)"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
)
_CARDINALS = "two three four five six seven eight nine ten eleven twelve"
_ORDINALS = "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
CLAIM_NUMBER_WORDS = {
    w: i for words in (_CARDINALS, _ORDINALS) for i, w in enumerate(words.split(), 2)
}
# "one" and "first" count only as evidence: in a claim they are rarely quantities.
_EVIDENCE_NUMBER_WORDS = {**CLAIM_NUMBER_WORDS, "one": 1, "first": 1}
_NUMBER_RE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(%|percent\b|per cent\b))?"
    r"(?:\s*(thousand|million|billion|trillion)\b)?",
    re.I,
)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
TOKEN_RE = re.compile(r"\d[\d,.]*\d|\d|[A-Za-z](?:\.[A-Za-z])+\.?|\w[\w'’-]*")
NEGATION_RE = re.compile(
    r"\b(?:not|no|never|without|none|neither|nor|nobody|nothing|nowhere|cannot)\b|n['’]t\b", re.I
)
_AUXILIARIES = frozenset(
    "be been being have has had do does did can could yet even longer true".split()
)


def _numbers(text: str, words: dict[str, int], *, evidence: bool = False) -> dict[str, str]:
    """Value -> surface: "1,000" = "1000", "18%" = "18 percent", "1.5 billion" = "1,500 million".
    Evidence also offers the unscaled figure, so a claim may drop the unit."""
    found: dict[str, str] = {}
    for m in _NUMBER_RE.finditer(text):
        raw = float(m.group(1).replace(",", ""))
        scale = _SCALE.get((m.group(3) or "").lower(), 1.0)
        found.setdefault(f"{raw * scale:.12g}", m.group(0).strip())
        if evidence:
            found.setdefault(f"{raw:.12g}", m.group(0).strip())
    for w in re.findall(r"\b[a-z]+\b", text.lower()):
        if w in words:
            found.setdefault(str(words[w]), w)
    for month in _MONTH_RE.findall(text):
        found.setdefault("month:" + month.lower()[:3], month)
    return found


def kind(value: str) -> Literal["date", "year", "number"]:
    year = value.isdigit() and 1000 <= int(value) <= 2100
    return "date" if value.startswith("month:") else "year" if year else "number"


def key(token: str) -> str:
    """Case-, possessive- and plural-insensitive form of a token; numbers stay as written."""
    if token[0].isdigit():
        return token
    word = re.sub(r"['’]s$", "", token.lower().replace(".", "").strip("'’-"))
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


def names(sentence: str, known: set[str]) -> list[list[tuple[str, str]]]:
    """Runs of (key, surface) capitalised words and acronyms; sentence-initial only if known."""
    runs: list[list[tuple[str, str]]] = [[]]
    for i, tok in enumerate(TOKEN_RE.findall(sentence)):
        head, _, rest = tok.partition("-")
        if rest.islower():  # "Sims-based" names Sims
            tok = head
        low = tok.lower()
        is_name = tok[0].isupper() and low not in STOPWORDS and low not in _MONTHS.split()
        if is_name and i == 0 and sum(c.isupper() for c in tok) < 2:
            is_name = key(tok) in known
        if is_name and low != "i":
            runs[-1].append((key(tok), re.sub(r"['’]s$", "", tok)))
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def cues(text: str) -> list[str]:
    """The negating words of `text`, as written."""
    return [m.group(0) for m in NEGATION_RE.finditer(text)]


def _negated(text: str) -> set[tuple[str, ...]]:
    """What each negation governs: roots of the next two content words ("not reduce tariffs")."""
    scopes = set()
    for m in NEGATION_RE.finditer(text):
        following = [t for t in tokenize(text[m.end() : m.end() + 80]) if t not in _AUXILIARIES]
        scopes.add(tuple(t[:5] for t in following[:2]))
    return scopes


def substitute(
    claim: list[str], keys: list[str], evidence: list[Sentence], name: bool
) -> list[str] | None:
    """The name (or number) the evidence puts in the claim's slot for `keys` ("Modi" in
    "_ visited Moscow"): same neighbours on both sides, three of the four nearest (or all)."""
    n = len(keys)
    starts = [i for i in range(len(claim) - n + 1) if claim[i : i + n] == keys]
    if not starts:
        return None
    left, right = claim[max(0, starts[0] - 2) : starts[0]], claim[starts[0] + n : starts[0] + n + 2]
    need = min(3, len(left) + len(right))
    for m, sent in itertools.product((1, 2, 3), evidence):
        ev = sent.keys
        for j in range(len(ev) - m + 1):
            before, after = ev[max(0, j - len(left)) : j], ev[j + m : j + m + len(right)]
            middle, filler = ev[j : j + m], sent.surfaces[j : j + m]
            # "his own country" in the slot is coreference, not a contradiction.
            if middle == keys or middle[0] in STOPWORDS:
                continue
            if not any(t[0].isupper() if name else t[0].isdigit() for t in filler):
                continue
            if left and before[-1:] != left[-1:]:
                continue
            if right and after[:1] != right[:1]:
                continue
            hits = sum(a == b for a, b in zip(left[::-1], before[::-1], strict=False))
            if hits + sum(a == b for a, b in zip(right, after, strict=False)) >= max(need, 1):
                return filler
    return None


@dataclass
class Sentence:
    text: str
    tokens: set[str]  # content-word stems, for coverage
    keys: list[str]  # every token in order, for fact look-ups and slots
    surfaces: list[str]
    numbers: dict[str, str]
    negated: set[tuple[str, ...]]
    words: set[str]  # keys, plus the parts of hyphenated ones


def sentence(text: str, number_words: dict[str, int] = _EVIDENCE_NUMBER_WORDS) -> Sentence:
    surfaces = TOKEN_RE.findall(text)
    return Sentence(
        text,
        set(tokenize(text)),
        [key(t) for t in surfaces],
        surfaces,
        _numbers(text, number_words, evidence=number_words is _EVIDENCE_NUMBER_WORDS),
        _negated(text),
        {p for t in surfaces for k in [key(t)] for p in (k, *k.split("-"))},
    )
