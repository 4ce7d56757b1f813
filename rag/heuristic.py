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
from dataclasses import dataclass, field

import numpy as np
from langchain_core.embeddings import Embeddings
from pydantic import BaseModel, Field

from index.text import STOPWORDS, split_sentences, strip_markers, tokenize
from rag import facts, overlap
from rag.verdict import (
    DEFAULT_THRESHOLD,
    Checker,
    CheckKind,
    FailedCheck,
    Pair,
    Verdict,
    _check_threshold,
    _require_claims,
)


@dataclass
class _Passage:
    norm: str
    sentences: list[facts.Sentence]
    names: set[str]  # keys of words capitalised mid-sentence: names, even at a sentence start


def _normalise(text: str) -> str:
    return " " + re.sub(r"[\W_]+", " ", strip_markers(text).lower()).strip() + " "


def _analyse(passage: str) -> _Passage:
    sentences = [facts.sentence(t) for t in map(strip_markers, split_sentences(passage)) if t]
    names = {k for s in sentences for run in facts.names(s.text, set()) for k, _ in run}
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
    claim: facts.Sentence
    sentences: list[facts.Sentence]
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
            if at >= 0 and not facts.NEGATION_RE.search(p.norm[max(0, at - 30) : at]):
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
            facts.sentence(claim, facts.CLAIM_NUMBER_WORDS),
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
        found = self._facts(plan, aligned)
        return self._verdict(
            combined(best) * found.factor,
            evidence_index=best.passage,
            sentence=" ".join(s.text for s in aligned),
            reasons=found.reasons,
            failed=found.failed,
        )

    def _facts(self, plan: _Plan, aligned: list[facts.Sentence]) -> _Findings:
        """Multiplicative penalty, reasons and failed checks: numbers, dates, names, negation."""
        w = self.weights
        claim = plan.claim
        penalty = {"number": 1.0, "entity": 1.0}
        out = _Findings()
        for fact in _claim_facts(plan, aligned):
            if fact.present:
                continue
            kind, label = fact.kind, fact.label
            group = "entity" if kind == "entity" else "number"
            other = facts.substitute(claim.keys, fact.keys, aligned, name=kind == "entity")
            out.failed.append(
                FailedCheck(kind=kind, claim_words=fact.claim_words, evidence_words=other or [])
            )
            if not fact.anywhere or other:
                penalty[group] = getattr(w, group)
                said = " ".join(other or [])
                if fact.anywhere:
                    out.reasons.append(f"{kind} {label} where the evidence has '{said}'")
                else:
                    out.reasons.append(
                        f"{kind} {label} not in evidence" + (f" ('{said}')" if other else "")
                    )
            else:
                penalty[group] = min(penalty[group], w.displaced)
                out.reasons.append(f"{kind} {label} not in the aligned sentence")
        out.factor = penalty["number"] * penalty["entity"]
        # A negation the evidence lacks is suspect anywhere; one the claim drops only when the
        # claim still mentions what was negated (else that negation is about something else).
        negated = {scope for s in aligned for scope in s.negated}
        roots = {t[:5] for t in claim.tokens}
        if claim.negated and not negated:
            out.reasons.append("negation mismatch: the claim negates, the evidence does not")
            out.failed.append(FailedCheck(kind="negation", claim_words=facts.cues(claim.text)))
            out.factor *= w.negation
        elif not claim.negated and any(scope and set(scope) <= roots for scope in negated):
            out.reasons.append("negation mismatch: the evidence negates, the claim does not")
            cues = [c for s in aligned for c in facts.cues(s.text)]
            out.failed.append(FailedCheck(kind="negation", evidence_words=cues))
            out.factor *= w.negation
        return out


@dataclass
class _Fact:
    """A number, date or name of the claim, and whether the evidence has it."""

    kind: CheckKind
    label: str  # as the reason shows it
    claim_words: list[str]
    keys: list[str]  # its slot in the claim, for finding what the evidence says instead
    present: bool  # in the aligned sentence(s)
    anywhere: bool  # in any evidence sentence


@dataclass
class _Findings:
    factor: float = 1.0
    reasons: list[str] = field(default_factory=list)
    failed: list[FailedCheck] = field(default_factory=list)


def _claim_facts(plan: _Plan, aligned: list[facts.Sentence]) -> list[_Fact]:
    claim = plan.claim
    words = {k for s in aligned for k in s.words}
    numbers = {v for s in aligned for v in s.numbers}
    found: list[_Fact] = []
    for value, surface in claim.numbers.items():
        slot = [facts.key(t) for t in facts.TOKEN_RE.findall(surface)[:1]]
        label = f"'{surface}'" if value.startswith("month:") else surface
        found.append(
            _Fact(
                facts.kind(value), label, [surface], slot, value in numbers, value in plan.numbers
            )
        )
    for sent in split_sentences(claim.text):
        runs = facts.names(sent, plan.known)
        # An unknown capitalised first word ("Sharif visited") is a name if a name of the
        # evidence fills the same slot.
        head = facts.TOKEN_RE.findall(sent)[:1]
        key = facts.key(head[0]) if head else ""
        unknown = key and head[0][0].isupper() and key not in plan.words | STOPWORDS
        if unknown and facts.substitute(claim.keys, [key], aligned, name=True):
            runs.insert(0, [(key, head[0])])
        for run in runs:
            keys = [k for k, _ in run]
            missing = [s for k, s in run if k not in words]
            present = all(k in words for k in keys)
            anywhere = all(k in plan.words for k in keys)
            found.append(
                _Fact("entity", f"'{' '.join(missing)}'", missing, keys, present, anywhere)
            )
    return found


def _texts(plan: _Plan) -> list[str]:
    return [plan.sentences[k].text for k in sorted({k for u in plan.units for k in u.members})]
