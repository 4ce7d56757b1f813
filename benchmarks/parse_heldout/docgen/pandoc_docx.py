"""A policy brief written as pandoc markdown and converted to docx by pandoc."""

import re

from .body import english_parts
from .common import OUT, SRC, mark_urls, run
from .gold import simple_gold
from .works import fmt_date


def doc_pandoc(spec):
    rng, T, dd, notes, body, secs = english_parts(spec, dict(cite="chicago", pstyle="p"))
    esc = lambda s: re.sub(r"([*_\[\]\\`#<>$])", r"\\\1", s)
    md = ["---", f'title: "{spec["title"]}"', f'subtitle: "{spec["subtitle"]}"', "author:"]
    md += [f"  - {a}" for a in spec["authors"]]
    md += [f"date: {fmt_date(*dd, 'chicago')}", "---", ""]
    for h, subs in secs:
        md.append(f"# {h}\n")
        for _, paras in subs:
            for p in paras:
                md.append(
                    "".join(esc(x) if isinstance(x, str) else f"[^{x[1] + 1}]" for x in p) + "\n"
                )
    for i, x in enumerate(notes):
        md.append(f"[^{i + 1}]: " + mark_urls(x["text"], esc, lambda u: f"<{u}>"))
    (SRC / f"{spec['name']}.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    r = run(
        [
            "pandoc",
            "-f",
            "markdown",
            "-t",
            "docx",
            "-o",
            str(OUT / f"{spec['name']}.docx"),
            f"{spec['name']}.md",
        ],
        SRC,
    )
    if r.returncode:
        raise RuntimeError(r.stderr)
    return simple_gold(spec, notes, secs, rng)
