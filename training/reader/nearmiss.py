"""Near-miss twins: answerable training questions turned into ones their sentence no longer answers.

The public answer-selection sets almost never hold a question without an answer among its
candidates (10 of 7,070 training groups), so a reader trained on them ranks well but does not
learn to say "not here". Analysts' near-misses are mostly the same question with one detail
changed: another year, another figure, another person or place. That change is made here, from
the question's own words, with no knowledge of any evaluation set:

- a year in the question that the answering sentence also states becomes a nearby year that no
  candidate states;
- else a number the answering sentence states becomes another number no candidate states;
- else a capitalised name (not the question's first word) that the sentence states becomes a
  name taken from another question of the same dataset, one no candidate mentions.

The twin keeps the original sentence, now labelled 0, and a few of its negatives: a group with no
positive, which is what the refusal threshold is fitted against.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from training.reader.sources import Group

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
# A run of capitalised words, e.g. "Tobias Meyer", "World Health Organization".
_NAME = re.compile(r"\b[A-Z][\w'-]+(?:\s+(?:of\s+|the\s+)?[A-Z][\w'-]+)*")
_NOT_NAMES = {
    "What",
    "When",
    "Where",
    "Who",
    "Whom",
    "Whose",
    "Which",
    "Why",
    "How",
    "Is",
    "Are",
    "Do",
    "Does",
    "Did",
    "Can",
    "Could",
    "Will",
    "Would",
    "Should",
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "If",
    "I",
    "My",
    "Me",
    "You",
    "Your",
    "We",
    "Our",
    "They",
    "Their",
    "It",
    "Its",
    "Has",
    "Have",
    "Was",
    "Were",
    "For",
    "To",
    "Of",
    "And",
    "Or",
}


def _mentions(candidates: Sequence[str], text: str) -> bool:
    low = text.lower()
    return any(low in c.lower() for c in candidates)


def _names(question: str) -> list[str]:
    out = []
    for m in _NAME.finditer(question):
        if m.start() == 0 or m.group(0) in _NOT_NAMES:
            continue
        out.append(m.group(0))
    return out


def twin_question(
    group: Group, donors: Sequence[str], rng: random.Random
) -> tuple[str, str] | None:
    """(perturbed question, kind) or None where no detail of the question can be changed safely."""
    positives = [t for t, lab in group.candidates if lab]
    texts = [t for t, _ in group.candidates]
    q = group.question
    for m in _YEAR.finditer(q):
        if not _mentions(positives, m.group(0)):
            continue
        year = int(m.group(0))
        for delta in rng.sample([-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6], 12):
            other = str(year + delta)
            if not _mentions(texts, other):
                return q[: m.start()] + other + q[m.end() :], "year"
    for m in _NUMBER.finditer(q):
        if _YEAR.fullmatch(m.group(0)) or not _mentions(positives, m.group(0)):
            continue
        value = float(m.group(0).replace(",", ""))
        for factor in rng.sample([0.5, 2.0, 3.0, 1.5, 0.25, 10.0], 6):
            new = value * factor
            other = str(int(new)) if new == int(new) else f"{new:.1f}"
            if other != m.group(0) and not _mentions(texts, other):
                return q[: m.start()] + other + q[m.end() :], "number"
    names = [n for n in _names(q) if _mentions(positives, n)]
    if names and donors:
        name = rng.choice(names)
        for _ in range(8):
            pool = _names(rng.choice(donors))
            if not pool:
                continue
            other = rng.choice(pool)
            if other.lower() != name.lower() and not _mentions(texts, other):
                return q.replace(name, other, 1), "name"
    return None


def near_miss_twins(
    groups: Sequence[Group], share: float, seed: int, negatives: int = 3
) -> list[Group]:
    """Twins for about `share` of the answerable groups, in source order, deterministic."""
    by_dataset: dict[str, list[str]] = {}
    for g in groups:
        by_dataset.setdefault(g.dataset, []).append(g.question)
    twins = []
    for g in groups:
        rng = random.Random(f"{seed}:nearmiss:{g.gid}")
        if g.positives == 0 or rng.random() >= share:
            continue
        made = twin_question(g, by_dataset[g.dataset], rng)
        if made is None:
            continue
        question, kind = made
        pos = [t for t, lab in g.candidates if lab]
        neg = [t for t, lab in g.candidates if not lab][:negatives]
        twins.append(
            Group(
                dataset=g.dataset,
                gid=f"{g.gid}#nearmiss-{kind}",
                question=question,
                title=g.title,
                candidates=[(t, 0) for t in pos + neg],
            )
        )
    return twins
