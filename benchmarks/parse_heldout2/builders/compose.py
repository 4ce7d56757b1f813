"""Assemble sections of body paragraphs with one new note per marker."""
import random

from .notes import NoteMaker
from .prose import Prose, spread
from .works import Works


def start(seed, topic, doc, works, prose_years, **notes):
    """The rng, NoteMaker and Prose of a document about `topic`. They draw from one rng seeded
    with `seed`, in this order, which fixes what the document says: the cited works (Works of
    the topic; `works` gives its years and until), the notes, the prose. The doc's notes are
    the NoteMaker's."""
    rng = random.Random(seed)
    nm = NoteMaker(rng, Works(rng, topic, **works), **notes)
    prose = Prose(rng, topic, years=prose_years)
    doc.notes = nm.notes
    return rng, nm, prose


def split_counts(rng, total, k, jitter=3):
    """k positive counts summing to total."""
    base = [total // k] * k
    for i in range(total - sum(base)):
        base[i % k] += 1
    for _ in range(k * 2):
        a, b = rng.randrange(k), rng.randrange(k)
        d = rng.randint(0, jitter)
        if base[a] - d >= 3:
            base[a] -= d
            base[b] += d
    return base


def section(doc, prose, nm, heading, n_notes, level="h1", per_para=(1, 3), style="after",
            extra=(0, 2), plain_every=4, opener=True):
    """Append a heading and paragraphs carrying n_notes new notes. Returns the note indices."""
    rng = prose.rng
    if heading:
        doc.blocks.append((level, heading))
    ids = [nm.add() for _ in range(n_notes)]
    for j, g in enumerate(spread(rng, ids, per_para)):
        if plain_every and j and j % plain_every == 0:
            doc.blocks.append(("p", prose.plain_paragraph(rng.randint(2, 4))))
        doc.blocks.append(("p", prose.paragraph(g, style=style, opener=opener, extra=extra)))
    return ids


def body(rng, doc, prose, nm, heads, total, untitled_first=False, **kw):
    """A section under each heading, the `total` notes split at random between them (the first
    section without its heading when untitled_first: a web page's lead); notes numbered 1..N."""
    counts = split_counts(rng, total, len(heads))
    for i, (hd, k) in enumerate(zip(heads, counts)):
        section(doc, prose, nm, hd if i or not untitled_first else None, k, **kw)
    number_labels(doc.notes)


def number_labels(notes, start=1):
    for i, n in enumerate(notes):
        n["label"] = str(start + i)
