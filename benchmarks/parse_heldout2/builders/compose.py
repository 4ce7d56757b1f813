"""Assemble sections of body paragraphs with one new note per marker."""
from .prose import spread


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


def number_labels(notes, start=1):
    for i, n in enumerate(notes):
        n["label"] = str(start + i)
