"""The default faithfulness checker, built from what runs offline.

It aligns the claim to its best evidence sentences (lexical preselection, then MiniLM cosine),
then checks the hard facts embeddings are blind to: numbers, dates, names and negation.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings
from pydantic import BaseModel, Field

from index.text import STOPWORDS, split_sentences, strip_markers, tokenize
from rag import overlap
from rag.verdict import (
    DEFAULT_THRESHOLD,
    Checker,
    Pair,
    Verdict,
    _check_threshold,
    _require_claims,
)

# ---- facts in text ---------------------------------------------------------------------------

_MONTHS = "january february march april may june july august september october november december"
_MONTH_RE = re.compile(
    r"\b(?:(?:" + "|".join(m.title() for m in _MONTHS.split()) + r")(?!\w)"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
)
_CARDINALS = "two three four five six seven eight nine ten eleven twelve"
_ORDINALS = "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
_CLAIM_NUMBER_WORDS = {
    w: i for words in (_CARDINALS, _ORDINALS) for i, w in enumerate(words.split(), 2)
}
# "one" and "first" count only as evidence: in a claim they are rarely quantities.
_EVIDENCE_NUMBER_WORDS = {**_CLAIM_NUMBER_WORDS, "one": 1, "first": 1}
_NUMBER_RE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(%|percent\b|per cent\b))?"
    r"(?:\s*(thousand|million|billion|trillion)\b)?",
    re.I,
)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_TOKEN_RE = re.compile(r"\d[\d,.]*\d|\d|[A-Za-z](?:\.[A-Za-z])+\.?|\w[\w'’-]*")
_NEGATION_RE = re.compile(
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


def _kind(value: str) -> str:
    year = value.isdigit() and 1000 <= int(value) <= 2100
    return "date" if value.startswith("month:") else "year" if year else "number"


def _key(token: str) -> str:
    """Case-, possessive- and plural-insensitive form of a token; numbers stay as written."""
    if token[0].isdigit():
        return token
    word = re.sub(r"['’]s$", "", token.lower().replace(".", "").strip("'’-"))
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


def _names(sentence: str, known: set[str]) -> list[list[tuple[str, str]]]:
    """Runs of (key, surface) capitalised words and acronyms; sentence-initial only if known."""
    runs: list[list[tuple[str, str]]] = [[]]
    for i, tok in enumerate(_TOKEN_RE.findall(sentence)):
        head, _, rest = tok.partition("-")
        if rest.islower():  # "Sims-based" names Sims
            tok = head
        low = tok.lower()
        is_name = tok[0].isupper() and low not in STOPWORDS and low not in _MONTHS.split()
        if is_name and i == 0 and sum(c.isupper() for c in tok) < 2:
            is_name = _key(tok) in known
        if is_name and low != "i":
            runs[-1].append((_key(tok), re.sub(r"['’]s$", "", tok)))
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _negated(text: str) -> set[tuple[str, ...]]:
    """What each negation governs: roots of the next two content words ("not reduce tariffs")."""
    scopes = set()
    for m in _NEGATION_RE.finditer(text):
        following = [t for t in tokenize(text[m.end() : m.end() + 80]) if t not in _AUXILIARIES]
        scopes.add(tuple(t[:5] for t in following[:2]))
    return scopes


def _substitute(
    claim: list[str], keys: list[str], evidence: list[_Sentence], name: bool
) -> str | None:
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
                return " ".join(filler)
    return None


@dataclass
class _Sentence:
    text: str
    tokens: set[str]  # content-word stems, for coverage
    keys: list[str]  # every token in order, for fact look-ups and slots
    surfaces: list[str]
    numbers: dict[str, str]
    negated: set[tuple[str, ...]]
    words: set[str]  # keys, plus the parts of hyphenated ones


def _sentence(text: str, number_words: dict[str, int] = _EVIDENCE_NUMBER_WORDS) -> _Sentence:
    surfaces = _TOKEN_RE.findall(text)
    return _Sentence(
        text,
        set(tokenize(text)),
        [_key(t) for t in surfaces],
        surfaces,
        _numbers(text, number_words, evidence=number_words is _EVIDENCE_NUMBER_WORDS),
        _negated(text),
        {p for t in surfaces for k in [_key(t)] for p in (k, *k.split("-"))},
    )


@dataclass
class _Passage:
    norm: str
    sentences: list[_Sentence]
    names: set[str]  # keys of words capitalised mid-sentence: names, even at a sentence start


def _normalise(text: str) -> str:
    return " " + re.sub(r"[\W_]+", " ", strip_markers(text).lower()).strip() + " "


def _analyse(passage: str) -> _Passage:
    sentences = [_sentence(t) for t in map(strip_markers, split_sentences(passage)) if t]
    names = {k for s in sentences for run in _names(s.text, set()) for k, _ in run}
    return _Passage(_normalise(passage), sentences, names)


class HeuristicWeights(BaseModel):
    """Tuned on SummEdits split "evaluation" only (eval/summedits.py)."""

    cosine: float = Field(default=0.9, description="Weight of cosine vs idf-weighted coverage.")
    top_k: int = Field(default=6, description="Evidence sentences preselected lexically.")
    number: float = Field(default=0.3, description="Factor for a number or date not in evidence.")
    entity: float = Field(default=0.3, description="Factor for a name not in the evidence.")
    negation: float = Field(default=0.3, description="Factor when negation differs.")
    displaced: float = Field(
        default=0.9, description="Factor for a number or name found only outside the alignment."
    )


@dataclass
class _Unit:
    passage: int
    members: tuple[int, ...]  # indexes into _Plan.sentences: one sentence or two adjacent
    coverage: float


@dataclass
class _Plan:
    claim: _Sentence
    sentences: list[_Sentence]
    units: list[_Unit]
    known: set[str]
    words: set[str]
    numbers: set[str]


class HeuristicChecker(Checker):
    """Lexical preselection, cosine alignment over sentences and adjacent pairs, fact checks."""

    def __init__(
        self,
        embeddings: Embeddings | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        weights: HeuristicWeights | None = None,
        cache_size: int = 50_000,
    ) -> None:
        self.embeddings = embeddings
        self.threshold = _check_threshold(threshold)
        self.weights = weights or HeuristicWeights()
        self._cache_size = cache_size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._passages: OrderedDict[str, _Passage] = OrderedDict()

    def check_many(self, pairs: Sequence[Pair]) -> list[Verdict]:
        _require_claims(pairs)
        plans = [self._plan(strip_markers(claim), passages) for claim, passages in pairs]
        # One embedding call for every claim and preselected sentence of the batch.
        self._embed([t for p in plans if isinstance(p, _Plan) for t in (p.claim.text, *_texts(p))])
        return [self._score(p) if isinstance(p, _Plan) else p for p in plans]

    def _passage(self, text: str) -> _Passage:
        if text not in self._passages:
            self._passages[text] = _analyse(text)
            if len(self._passages) > 2_000:
                self._passages.popitem(last=False)
        self._passages.move_to_end(text)
        return self._passages[text]

    def _embed(self, texts: list[str]) -> None:
        if self.embeddings is None:
            return
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            for t, v in zip(missing, self.embeddings.embed_documents(missing), strict=True):
                vec = np.asarray(v, dtype=np.float32)
                self._vectors[t] = vec / (np.linalg.norm(vec) or 1.0)
        for t in texts:
            self._vectors.move_to_end(t)
        while len(self._vectors) > max(self._cache_size, len(texts)):
            self._vectors.popitem(last=False)

    def _plan(self, claim: str, passages: Sequence[str]) -> _Plan | Verdict:
        """A verdict straight away when the claim is verbatim or there is nothing to align."""
        analysed = [self._passage(p) for p in passages]
        sentences = [(i, s) for i, p in enumerate(analysed) for s in p.sentences]
        if not sentences:
            return self._verdict(0.0, reasons=["no evidence passages"])
        norm = _normalise(claim)
        for i, p in enumerate(analysed):
            at = p.norm.find(norm) if norm.strip() else -1
            # "it is not true that <claim>" quotes the claim but does not support it.
            if at >= 0 and not _NEGATION_RE.search(p.norm[max(0, at - 30) : at]):
                inside = [s for s in p.sentences if norm in _normalise(s.text)]
                parts = [s for s in p.sentences if _normalise(s.text) in norm]
                best = (inside or parts or p.sentences)[0]
                return self._verdict(1.0, evidence_index=i, sentence=best.text)
        tokens = tokenize(claim)
        df: dict[str, int] = {}
        for _, s in sentences:
            for t in s.tokens:
                df[t] = df.get(t, 0) + 1
        # Rare words carry the claim: idf over the evidence sentences at hand.
        # Unsmoothed: a word every evidence sentence has weighs almost nothing here.
        idf = {t: math.log((len(sentences) + 1) / (df.get(t, 0) + 0.5)) for t in tokens}

        def coverage(*members: int) -> float:
            have = set().union(*(sentences[k][1].tokens for k in members))
            return overlap.coverage(tokens, have, idf)

        ranked = sorted(range(len(sentences)), key=lambda k: (-coverage(k), k))
        top = sorted(ranked[: self.weights.top_k])
        units = [_Unit(sentences[k][0], (k,), coverage(k)) for k in top]
        # Claims often fuse two neighbouring sentences.
        units += [
            _Unit(sentences[a][0], (a, b), coverage(a, b))
            for a, b in itertools.pairwise(top)
            if b == a + 1 and sentences[a][0] == sentences[b][0]
        ]
        every = [s for _, s in sentences]
        return _Plan(
            _sentence(claim, _CLAIM_NUMBER_WORDS),
            every,
            units,
            known=set().union(*(p.names for p in analysed)),
            words={k for s in every for k in s.words},
            numbers={v for s in every for v in s.numbers},
        )

    def _score(self, plan: _Plan) -> Verdict:
        cos: dict[tuple[int, ...], float] = {}
        if self.embeddings is not None:
            q = self._vectors[plan.claim.text]
            for u in plan.units:
                v = np.sum([self._vectors[plan.sentences[k].text] for k in u.members], axis=0)
                cos[u.members] = float(q @ v / (np.linalg.norm(v) or 1.0))
        weight = self.weights.cosine if cos else 0.0

        def combined(u: _Unit) -> float:
            return weight * max(0.0, cos.get(u.members, 0.0)) + (1 - weight) * u.coverage

        best = max(plan.units, key=lambda u: (combined(u), -len(u.members), -u.members[0]))
        aligned = [plan.sentences[k] for k in best.members]
        factor, reasons = self._facts(plan, aligned)
        return self._verdict(
            combined(best) * factor,
            evidence_index=best.passage,
            sentence=" ".join(s.text for s in aligned),
            reasons=reasons,
        )

    def _facts(self, plan: _Plan, aligned: list[_Sentence]) -> tuple[float, list[str]]:
        """Multiplicative penalty and reasons: numbers, dates, names, then negation."""
        w = self.weights
        claim = plan.claim
        words = {k for s in aligned for k in s.words}
        numbers = {v for s in aligned for v in s.numbers}
        facts: list[tuple[str, str, list[str], bool, bool]] = []
        for value, surface in claim.numbers.items():
            slot = [_key(t) for t in _TOKEN_RE.findall(surface)[:1]]
            label = f"'{surface}'" if value.startswith("month:") else surface
            facts.append((_kind(value), label, slot, value in numbers, value in plan.numbers))
        for sent in split_sentences(claim.text):
            runs = _names(sent, plan.known)
            # An unknown capitalised first word ("Sharif visited") is a name if a name of the
            # evidence fills the same slot.
            head = _TOKEN_RE.findall(sent)[:1]
            key = _key(head[0]) if head else ""
            unknown = key and head[0][0].isupper() and key not in plan.words | STOPWORDS
            if unknown and _substitute(claim.keys, [key], aligned, name=True):
                runs.insert(0, [(key, head[0])])
            for run in runs:
                keys = [k for k, _ in run]
                label = "'" + " ".join(s for k, s in run if k not in words) + "'"
                present = all(k in words for k in keys)
                facts.append(("entity", label, keys, present, all(k in plan.words for k in keys)))
        penalty = {"number": 1.0, "entity": 1.0}
        reasons = []
        for kind, label, keys, present, anywhere in facts:
            if present:
                continue
            group = "entity" if kind == "entity" else "number"
            other = _substitute(claim.keys, keys, aligned, name=kind == "entity")
            if not anywhere or other:
                penalty[group] = getattr(w, group)
                if anywhere:
                    reasons.append(f"{kind} {label} where the evidence has '{other}'")
                else:
                    reasons.append(
                        f"{kind} {label} not in evidence" + (f" ('{other}')" if other else "")
                    )
            else:
                penalty[group] = min(penalty[group], w.displaced)
                reasons.append(f"{kind} {label} not in the aligned sentence")
        factor = penalty["number"] * penalty["entity"]
        # A negation the evidence lacks is suspect anywhere; one the claim drops only when the
        # claim still mentions what was negated (else that negation is about something else).
        negated = {scope for s in aligned for scope in s.negated}
        roots = {t[:5] for t in claim.tokens}
        if claim.negated and not negated:
            reasons.append("negation mismatch: the claim negates, the evidence does not")
            factor *= w.negation
        elif not claim.negated and any(scope and set(scope) <= roots for scope in negated):
            reasons.append("negation mismatch: the evidence negates, the claim does not")
            factor *= w.negation
        return factor, reasons


def _texts(plan: _Plan) -> list[str]:
    return [plan.sentences[k].text for k in sorted({k for u in plan.units for k in u.members})]
