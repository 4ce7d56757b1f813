"""Deterministic article-shaped text with footnotes, for the generated archive.

Article `i` of seed `s` depends on (s, i) only, so the 1k archive is the first articles of the
10k one, and that of the 100k one. Each article reads like the sample: category line, title,
date, highlights, share widget, body (sections in half of them), numbered or Roman footnote
markers, a notes list with URLs and "Ibid." notes, then the author block.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from benchmarks import gen_words as W

TEMPLATES = [
    "On {date}, {a_leader} announced that {A} would expand cooperation with {B} on {T1} and {T2}.",
    "{A} and {B} signed an agreement on {T1} worth ${bn} billion during the {O} meeting in {city}.",
    "According to {pub}, {A}'s {T1} rose by {pct}% in {year}, the highest level since {year0}.",
    "{L1} emphasized that {T2} remains central to {A}'s {K}.",
    "Analysts argue that the dispute over {T1} has pushed {B} closer to {C}.",
    "In this context, {A} is seeking {K} while keeping its options open on {U}.",
    "The talks in {city} focused on {T1}, {T2} and {U}, but no joint statement was issued.",
    "{b_leader} criticised {A}'s approach to {T3}, calling it a threat to {K}.",
    "It is worth remembering that in {month} {year}, {B} imposed restrictions on {T1} after a "
    "row with {A}.",
    "Officials in {capB} said that {n} delegations attended the {O} summit on {T2}.",
    "Therefore, {T1} and {T3} are likely to shape relations between {A} and {B} in the coming "
    "months.",
    "Western sources claimed that {L1} rejected an invitation to {capB} over disagreements on {U}.",
    "{A} has reduced its dependence on {B} for {T2} from {pct}% to {pct2}% since {year0}.",
    "Many observers stated that {K} explains why {A} keeps its distance from {O}.",
    "Meanwhile, {C} offered to mediate between {A} and {B} on {T3}.",
    "The agreement reportedly covers {T1}, {U} and a new mechanism for {T2}.",
    "Trade between {A} and {C} reached ${bn} billion in {year}, driven largely by {T1}.",
    "From a political standpoint, {A}'s {K} depends on managing {T3} without alienating {B}.",
    "{a_leader} met {c_leader} in {city} on {date} to discuss {T2} and {U}.",
    "Critics in {A} warned that {T1} could deepen the {U} problem and weaken {K}.",
    "In short, {A} appears determined to turn {T2} into leverage over {B}.",
    "A report by {pub} estimated that {n} projects related to {T3} are now stalled.",
    "{B} responded by suspending talks on {T2} and recalling its ambassador from {capA}.",
    "The {O} has so far avoided taking sides in the dispute over {T1}.",
]
HEADLINES = [
    "{A} and {B} reach deal on {T1}",
    "{L1} says {T2} talks with {B} will continue",
    "{B} warns {A} over {T1}",
    "Why {A} is rethinking {T2}",
    "{O} divided over {T3}",
    "{A}'s {T1} plans face resistance in {capA}",
]
TITLES = [
    "{A}-{B} Relations: {K} and {T1}",
    "A Period of {Kc} in {A}-{B} Relations",
    "{A}'s {T1c} Gamble",
    "Why {A} Is Rethinking {T2c}",
    "{O} and the Future of {T1c}",
    "{A}, {B} and the Politics of {T2c}",
]
QUESTIONS = [
    "What did {L1} say about {T2}?",
    "How did {B} respond to {A}'s position on {T1}?",
    "What agreement did {A} and {B} sign on {T1}?",
    "Why is {A} seeking {K}?",
    "Who mediated between {A} and {B} on {T3}?",
    "What happened at the {O} meeting in {city}?",
]
_ROMAN = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def roman(n: int) -> str:
    out = ""
    for value, digits in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), *_ROMAN):
        while n >= value:
            out, n = out + digits, n - value
    return out


_SMALL = {"of", "and", "the", "for", "on", "in", "to"}


def _cap(text: str) -> str:
    return " ".join(w if w in _SMALL else w[:1].upper() + w[1:] for w in text.split())


@dataclass
class Spec:
    """What an article is about: its slots, fixed per article so its sentences cohere."""

    i: int
    rng: random.Random
    slots: dict[str, str]
    terms: list[str]
    extra: list[str]
    concepts: list[str]

    def fill(self, template: str) -> str:
        r = self.rng
        t1, t2, t3 = r.sample(self.terms, 3)
        year = r.randint(2019, 2026)
        values = {
            **self.slots,
            "T1": t1,
            "T2": t2,
            "T3": t3,
            "U": r.choice(self.extra),
            "T1c": _cap(t1),
            "T2c": _cap(t2),
            "K": r.choice(self.concepts),
            "city": r.choice([self.slots["city"], r.choice(W.CITIES)]),
            "date": f"{r.choice(W.MONTHS)} {r.randint(1, 28)}, {year}",
            "month": r.choice(W.MONTHS),
            "year": str(year),
            "year0": str(year - r.randint(3, 15)),
            "n": str(r.randint(3, 90)),
            "bn": f"{r.randint(1, 95)}.{r.randint(1, 9)}",
            "pct": str(r.randint(5, 60)),
            "pct2": str(r.randint(1, 4)),
            "pub": r.choice(list(W.PUBLISHERS)),
        }
        text = template.format(**values)
        return text[:1].upper() + text[1:]


def spec(seed: int, i: int) -> Spec:
    r = random.Random(f"ibid-bench:{seed}:{i}")
    a, b, c = r.sample(range(len(W.COUNTRIES)), 3)
    topic, other = r.sample(sorted(W.TOPICS), 2)
    people = [f"{r.choice(W.FIRST_NAMES)} {r.choice(W.LAST_NAMES)}" for _ in range(3)]
    roles = r.sample(W.ROLES, 3)
    slots = {
        "A": W.COUNTRIES[a],
        "B": W.COUNTRIES[b],
        "C": W.COUNTRIES[c],
        "capA": W.CITIES[a],
        "capB": W.CITIES[b],
        "a_leader": f"{W.COUNTRIES[a]}'s {roles[0]} {people[0]}",
        "b_leader": f"{W.COUNTRIES[b]}'s {roles[1]} {people[1]}",
        "c_leader": f"{W.COUNTRIES[c]}'s {roles[2]} {people[2]}",
        "L1": people[0],
        "O": r.choice(W.ORGS),
        "city": r.choice(W.CITIES),
        "Kc": _cap(r.choice(W.CONCEPTS)),
    }
    terms, extra = r.sample(W.TOPICS[topic], 6), r.sample(W.TOPICS[other], 4)
    return Spec(i, r, slots, terms, extra, r.sample(W.CONCEPTS, 3))


def _note(s: Spec) -> str:
    r = s.rng
    headline = s.fill(r.choice(HEADLINES))
    publisher, domain = r.choice(list(W.PUBLISHERS.items()))
    slug = re.sub(r"[^a-z0-9]+", "-", headline.lower()).strip("-")
    accessed = f"{r.randint(1, 28):02d} {r.choice(W.MONTHS)[:3]} {r.randint(2020, 2026)}"
    return (
        f"“{headline}”, {publisher}, https://www.{domain}/{slug}-{r.randint(10**5, 10**7)}, "
        f"(Access date: {accessed})."
    )


def article(seed: int, i: int) -> tuple[str, str]:
    """(file stem, text) of article `i`."""
    s = spec(seed, i)
    r = s.rng
    label = roman if r.random() < 0.25 else str
    title = s.fill(r.choice(TITLES))
    published = f"{r.randint(2019, 2026)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
    author = f"{r.choice(W.FIRST_NAMES)} {r.choice(W.LAST_NAMES)}"
    lines = [r.choice(W.CATEGORIES), title, f"Published: {published}"]
    lines += [s.fill(t) for t in r.sample(TEMPLATES, 3)]
    lines += ["Share"]
    notes: list[str] = []
    sections = r.sample(W.SECTIONS, 4) if r.random() < 0.5 else []
    n_paras = r.randint(16, 24)
    for p in range(n_paras):
        if sections and p % (n_paras // len(sections) + 1) == 0:
            lines.append(f"# {sections.pop(0)}")
        sentences = []
        for template in r.sample(TEMPLATES, r.randint(3, 6)):
            sentence = s.fill(template)
            if r.random() < 0.3:
                if notes and r.random() < 0.3:
                    locator = f", p. {r.randint(2, 40)}" if r.random() < 0.3 else ""
                    notes.append(f"Ibid.{locator}")
                else:
                    notes.append(_note(s))
                sentence += f"[{label(len(notes))}]"
            sentences.append(sentence)
        lines.append(" ".join(sentences))
    lines += [f"[{label(n + 1)}] {note}" for n, note in enumerate(notes)]
    field = r.choice(W.BIO_FIELDS)
    lines += [
        f"Dr. {author}",
        f"Dr. {author} graduated from {r.choice(W.UNIVERSITIES)}, Department of {field}. "
        f"{author.split()[-1]} works on {s.slots['A']}, {s.slots['B']} and {s.terms[0]}.",
    ]
    stem = f"{i:05d}-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:48]
    return stem, "\n\n".join(lines) + "\n"


def queries(seed: int, n_articles: int, count: int, qseed: int = 7) -> list[dict[str, Any]]:
    """Half keyword queries (six content words of one body sentence, shuffled, one dropped
    sometimes), half questions built from an article's own slots; each with its article index."""
    from index.text import STOPWORDS

    r = random.Random(qseed)
    glue = {w.lower() for t in TEMPLATES for w in re.findall(r"[A-Za-z]+", t)}
    out: list[dict[str, Any]] = []
    for q in range(count):
        i = r.randrange(n_articles)
        s = spec(seed, i)
        if q % 2 == 0:
            # The article's own words (names, places, terms) rather than template glue.
            words = [
                w
                for w in re.findall(r"[A-Za-z][\w'-]*", s.fill(r.choice(TEMPLATES)))
                if w.lower() not in STOPWORDS and w.lower() not in glue
            ][:6]
            r.shuffle(words)
            text, style = " ".join(words), "keywords"
        else:
            text, style = s.fill(r.choice(QUESTIONS)), "question"
        out.append({"query": text, "article": i, "style": style})
    return out
