"""Gold records: the notes, markers and body_must_not_contain of a document."""

import random
import re

from .body import collect_markers, plain_body
from .common import first_url


def arabic(i):
    """Label 1, 2, 3 ... of the note with 0-based index i."""
    return str(i + 1)


def gold_head(spec, notes, markers):
    """title, authors, date, notes, markers: the first keys of every gold file."""
    return dict(
        title=spec["title"],
        authors=spec["authors"],
        date=spec["date"],
        notes=notes,
        markers=markers,
    )


def renumber(rec, by):
    """Shift the note positions n, ibid_of_n and source_n of a note or gold note."""
    for k in ("n", "ibid_of_n", "source_n"):
        if rec.get(k):
            rec[k] += by


def en_gold_notes(notes, label_of, page_of=lambda i: None, extra=lambda i: {}):
    out = []
    for i, x in enumerate(notes):
        g = dict(
            n=i + 1,
            label=label_of(i),
            text=x["text"],
            url=first_url(x["text"]),
            ibid_of=label_of(x["ibid_of_n"] - 1) if x["ibid_of_n"] else None,
            page=page_of(i),
        )
        g["kind"] = x["kind"]
        if x["ibid_of_n"]:
            g["ibid_of_n"] = x["ibid_of_n"]
        if x["source_n"] and x["source_n"] != x["ibid_of_n"]:
            g["source_n"] = x["source_n"]
        g.update(extra(i))
        out.append(g)
    return out


def must_not(notes, body_text, k=8, rng=None):
    """distinctive phrases from note texts (titles) absent from the body."""
    cands = []
    for x in notes:
        for m in re.finditer(r"“([^”]{25,90})”", x["text"]):
            t = m.group(1).rstrip(",")
            if t not in body_text:
                cands.append(t)
        if x["kind"] == "discursive":
            s = x["text"].split(". ")[0]
            if 25 < len(s) < 120 and s not in body_text and "http" not in s:
                cands.append(s)
        if x["kind"] == "interview":
            cands.append(x["text"].split(",")[0])
        if (
            x["kind"] == "full"
            and x.get("work")
            and len(x["work"]["title"]) > 25
            and x["work"]["title"] not in body_text
        ):
            cands.append(x["work"]["title"])
    seen, out = set(), []
    for c in cands:
        if c not in seen:
            seen.add(c)
            out.append(c)
    rng = rng or random.Random(0)
    pick = rng.sample(out, min(k, len(out)))
    for p in pick:
        assert p not in body_text
    return pick


def body_must_not(notes, secs, spec, rng, extra=""):
    """must_not against the plain body text (title, paragraphs, headings, + extra)."""
    return must_not(notes, plain_body(secs, spec["title"]) + extra, rng=rng)


def simple_gold(spec, notes, secs, rng, extra=""):
    """Gold of a document whose notes are labelled 1..N in marker order."""
    gold = gold_head(spec, en_gold_notes(notes, arabic), collect_markers(secs, arabic))
    gold["body_must_not_contain"] = body_must_not(notes, secs, spec, rng, extra)
    return gold
