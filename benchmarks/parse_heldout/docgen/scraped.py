"""Scraped web pages as plain text: four English shapes of body markers and notes lists.

md_flat  Wilson Center page as markdown: YAML front matter, all on one line, [n]
pipe     article text: headings in capitals, "n | note" lines
arrow    Substack/Ghost essay: superscript digits, unnumbered notes ending in ↩
spaced   text copied from a PDF: " n" markers, notes hard-wrapped at 96 columns
"""

import textwrap

from .body import collect_markers, english_parts, para_plain
from .common import OUT, first_url
from .gold import arabic, body_must_not, en_gold_notes, gold_head
from .works import fmt_date

SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


MARKERS = {
    "md_flat": lambda i: f"[{i + 1}]",
    "pipe": lambda i: f"{i + 1}",
    "arrow": lambda i: f"{i + 1}".translate(SUP),
    "spaced": lambda i: f" {i + 1}",
}


def md_flat(spec, paras, notes, bytxt, date_h):
    """YAML front matter, then the whole page on one line."""
    out = (
        ["---", f'title: "{spec["title"]}"', "authors:"]
        + [f"  - {a}" for a in spec["authors"]]
        + [f"date: {spec['date']}", f"source_url: {spec['source_url']}", "---", ""]
    )
    line = [spec["title"], bytxt, date_h, spec.get("standfirst", "")]
    for k, t in paras:
        line.append(t)
    notes_s = " ".join(
        f"[{i + 1}] . "
        + (
            x["text"][:-1] + " ."
            if x["text"].endswith(".")
            and first_url(x["text"])
            and x["text"][:-1].endswith(first_url(x["text"]))
            else x["text"]
        )
        for i, x in enumerate(notes)
    )
    line.append("Share this: Twitter LinkedIn Email Print")
    line.append("Endnotes " + notes_s)
    line.append(spec.get("trailer", ""))
    out.append(" ".join(s for s in line if s))
    return out


def pipe(spec, paras, notes, bytxt, date_h):
    out = [spec["title"], "", bytxt, f"Published {date_h}", spec.get("standfirst", ""), ""]
    for k, t in paras:
        out += [t.upper() if k == "h" else t, ""]
    out += ["Endnotes", ""]
    out += [f"{i + 1} | {x['text']}" for i, x in enumerate(notes)]
    out += ["", spec.get("trailer", "")]
    return out


def arrow(spec, paras, notes, bytxt, date_h):
    out = [f"# {spec['title']}", "", f"*{bytxt}* · {date_h}", ""]
    for k, t in paras:
        out += [f"## {t}" if k == "h" else t, ""]
    out += ["* * *", "", "Footnotes", ""]
    for x in notes:
        out += [x["text"] + " ↩", ""]
    out += [spec.get("trailer", "")]
    return out


def spaced(spec, paras, notes, bytxt, date_h):
    out = [spec["title"].upper(), spec.get("subtitle", ""), "", bytxt, date_h, ""]
    for k, t in paras:
        out += [t, ""]
    out += ["Notes", ""]
    for i, x in enumerate(notes):
        w = textwrap.wrap(
            f"{i + 1}. {x['text']}", width=96, break_long_words=True, break_on_hyphens=False
        )
        out += w
    out += ["", spec.get("trailer", "")]
    return out


LAYOUTS = {"md_flat": md_flat, "pipe": pipe, "arrow": arrow, "spaced": spaced}


def doc_text(spec):
    shape = spec["shape"]
    cite = {"md_flat": "md", "pipe": "pipe"}.get(shape, "chicago")
    st = dict(cite=cite, pstyle="p")
    rng, T, dd, notes, body, secs = english_parts(spec, st, notes_per_para=(1, 3))
    mk = MARKERS[shape]
    paras = []
    for h, subs in secs:
        paras.append(("h", h))
        for _, ps in subs:
            for p in ps:
                paras.append(("p", para_plain(p, mk)))
    by = spec["authors"]
    bytxt = "By " + (", ".join(by[:-1]) + " and " + by[-1] if len(by) > 1 else by[0])
    date_h = fmt_date(*dd, "chicago")
    out = LAYOUTS[shape](spec, paras, notes, bytxt, date_h)
    (OUT / spec["file"]).write_text("\n".join(out).rstrip() + "\n", encoding="utf-8")
    gold = gold_head(spec, en_gold_notes(notes, arabic), collect_markers(secs, arabic))
    if shape == "arrow":  # the notes lose their labels; the markers keep theirs
        for g in gold["notes"]:
            g["label"] = None
        gold["numbering"] = (
            "endnotes are unnumbered (each ends with ↩); position n gives the number; body markers are Unicode superscript digits"
        )
    if shape == "spaced":
        gold["numbering"] = (
            "body markers are bare digits after a space; notes list hard-wrapped at 96 columns (URLs split across lines)"
        )
    gold["body_must_not_contain"] = body_must_not(notes, secs, spec, rng)
    return gold
