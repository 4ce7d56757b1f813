"""Text formats: a pandoc Markdown paper with [^n] footnotes and YAML front
matter, and a plain-text email newsletter with "(n)" markers and a "Sources:" list."""
from . import compose, notes as notes_mod
from .topics_b import CBAM, SHADOW
from .util import Doc, build_gold, write_gold, DOCS, note_paras, render_runs, runs_text

# ------------------------------------------------------------------ markdown
MD_NAME = "markdown_cbam_india_pandoc_footnotes"
MD_TITLE = "India and the EU’s Carbon Border Tax: Exposure, Politics and a Way Forward"
MD_AUTHORS = ["Aditi Raghavan", "Lukas Verbeke"]

MD_MORE = [
    "A second caveat concerns timing. The transitional period requires reporting only, so any estimate of costs before 2026 is necessarily hypothetical.",
    "We are grateful to two officials who reviewed this calculation; they bear no responsibility for the result.",
    "Readers interested in the legal detail should note that the relevant provisions were renumbered in the final text.",
]


def md_runs(runs, marker=None, angle=False):
    return render_runs(
        runs, lambda s: s.replace("*", "\\*"),
        i=lambda r: f"*{r[1]}*",
        u=lambda r: f"<{r[1]}>" if angle else r[1],
        a=lambda r: f"[{r[1]}]({r[2]})",
        m=lambda r: marker(r[1]),
    )


# How these notes cite: style, page format, the mix of note kinds, where interviews took place.
MD_NOTES = dict(style="chicago", pfmt="{}",
                weights=dict(full=48, ibid=9, ibid_page=6, short=10, opcit=0, two=8, discursive=12, interview=7),
                interview_cities=["New Delhi", "Brussels", "Mumbai", "Geneva", "Bhubaneswar"])


def build_md(seed=808):
    doc = Doc(MD_NAME, "md", MD_TITLE, MD_AUTHORS, "2024-01-25", "markdown_pandoc_footnotes")
    rng, nm, prose = compose.start(seed, CBAM, doc, dict(years=(2019, 2024), until=(2024, 1, 15)),
                                   (2016, 2023), **MD_NOTES)
    compose.body(rng, doc, prose, nm, CBAM["headings"], 60, per_para=(1, 3), extra=(0, 2), plain_every=4)
    notes_mod.finalize(doc.notes)
    disc = [n for n in doc.notes if n["kind"] == "discursive"]
    for n, extra in zip(disc[:3], MD_MORE):
        n["runs"] = n["runs"] + [("p",), extra]
    angle = {i for i in range(len(doc.notes)) if rng.random() < 0.3}

    out = ["---",
           f'title: "{MD_TITLE}"',
           "author:", *[f"  - {a}" for a in MD_AUTHORS],
           "date: 2024-01-25",
           'publisher: "Delhi–Brussels Dialogue"',
           "series: Policy Paper No. 9",
           "tags: [CBAM, trade, climate, India, European Union]",
           "lang: en-GB",
           "abstract: |",
           "  The EU’s carbon border adjustment mechanism entered its reporting phase in October 2023. India is among",
           "  the exporters most exposed to it, through steel and aluminium. This paper estimates that exposure,",
           "  explains why New Delhi has reacted so sharply, and proposes a package that both sides could accept.",
           "---", ""]
    for b in doc.blocks:
        if b[0] == "h1":
            out += [f"## {b[1]}", ""]
        elif b[0] == "p":
            out += [md_runs(b[1], lambda ni: f"[^{doc.notes[ni]['label']}]"), ""]
    out += ["---", "", "*Aditi Raghavan is a fellow and Lukas Verbeke a visiting researcher at the Delhi–Brussels "
            "Dialogue. The views expressed are their own.*", ""]
    for i, n in enumerate(doc.notes):
        paras = note_paras(n["runs"])
        out.append(f"[^{n['label']}]: " + md_runs(paras[0], angle=i in angle))
        for p in paras[1:]:
            out += ["", "    " + md_runs(p, angle=i in angle)]
    text = "\n".join(out) + "\n"
    with open(f"{DOCS}/{MD_NAME}.md", "w", encoding="utf-8") as f:
        f.write(text)
    gold = build_gold(doc, notes_mod.phrases(rng, doc.notes),
                      extra={"numbering": "pandoc [^n] footnotes, definitions at the end; three notes have an indented second paragraph; "
                                          "about a third of the URLs are written as <autolinks> (gold text has no angle brackets)"})
    write_gold(doc, gold)
    return doc, gold


# ------------------------------------------------------------------ newsletter
NL_NAME = "newsletter_shadow_fleet_sources"
NL_TITLE = "The Shadow Fleet’s Bad Winter"
NL_AUTHORS = ["Hannah Lindqvist", "Tomás Reyes"]

NL_HEAD = """The Shadow Fleet’s Bad Winter
By Hannah Lindqvist and Tomás Reyes | 3 March 2024

Sanctions Watch · Issue 47 · Read online: https://sanctionswatch.substack.com/p/the-shadow-fleets-bad-winter

Good morning, and welcome to the 2,300 new subscribers who joined after last month’s issue on insurance. This week we look at what a hard winter in the Baltic did to the tankers carrying Russian oil, and why enforcement is finally starting to bite.
"""

NL_FOOT = """
Thanks for reading Sanctions Watch. If someone forwarded you this email, you can subscribe here: https://sanctionswatch.substack.com/subscribe?utm_source=email&utm_medium=footer

Sanctions Watch is written by Hannah Lindqvist and Tomás Reyes. Nothing in this newsletter is legal advice.

© 2024 Sanctions Watch
548 Market Street PMB 72296, San Francisco, CA 94104
Unsubscribe https://sanctionswatch.substack.com/action/disable_email?token=eyJ1c2VyX2lkIjo5MTI0NTcsInBvc3RfaWQiOjE0MjA5ODc3fQ
"""


# How these notes cite: style, page format, the mix of note kinds, where interviews took place.
NL_NOTES = dict(style="plain", pfmt="p. {}", see="See ",
                weights=dict(full=70, ibid=0, ibid_page=0, short=0, opcit=0, two=12, discursive=8, interview=6),
                interview_cities=["London", "Copenhagen", "Dubai", "Athens"])


def build_newsletter(seed=909):
    doc = Doc(NL_NAME, "txt", NL_TITLE, NL_AUTHORS, "2024-03-03", "plain_text_newsletter_paren_markers")
    rng, nm, prose = compose.start(seed, SHADOW, doc, dict(years=(2022, 2024), until=(2024, 3, 1)),
                                   (2019, 2023), **NL_NOTES)
    heads = SHADOW["headings"]
    counts = [11, 12, 10, 7]
    for hd, k in zip(heads, counts):
        compose.section(doc, prose, nm, hd, k, per_para=(1, 3), style="paren", extra=(0, 1), plain_every=0)
    compose.number_labels(doc.notes)
    notes_mod.finalize(doc.notes)
    out = [NL_HEAD]
    for b in doc.blocks:
        if b[0] == "h1":
            out.append(f"\n{b[1]}\n")
        elif b[0] == "p":
            s = []
            for r in b[1]:
                if isinstance(r, tuple) and r[0] == "m":
                    s.append(f" ({doc.notes[r[1]]['label']})")
                else:
                    s.append(runs_text([r]))
            out.append("".join(s).strip() + "\n")
    out.append("\nSources:")
    for n in doc.notes:
        out.append(f"({n['label']}) {runs_text(n['runs'])}")
    out.append("")
    out.append(NL_FOOT)
    with open(f"{DOCS}/{NL_NAME}.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(x.strip("\n") + ("\n" if not x.startswith("(") and x.strip() else "") for x in out) + "\n")
    gold = build_gold(doc, notes_mod.phrases(rng, doc.notes),
                      extra={"numbering": "markers '(n)' after the sentence; notes '(n) …' under 'Sources:'"})
    write_gold(doc, gold)
    return doc, gold
