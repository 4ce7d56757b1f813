#!/usr/bin/env python3
"""Generate the held-out footnote-parsing benchmark.

Every document and its gold file come from one in-memory model built from the
content banks in src/ (corpus_en*.py, corpus_tr_ru.py).  Sources (.tex, .fodt,
pandoc .md) are written to src/, finished documents and NAME.gold.json to docs/.
Needs pdflatex, soffice, pandoc and pdftotext.  The generator itself is the
docgen/ package next to this script (see docgen/__init__.py for its modules).

    python3 benchmarks/parse_heldout/make_docs.py            # build everything
    python3 benchmarks/parse_heldout/make_docs.py NAME ...   # build some
    python3 benchmarks/parse_heldout/make_docs.py --check    # verify the built files
"""

import json
import sys

from docgen.check import check_all
from docgen.common import OUT, SRC, TRRU
from docgen.specs import FILE_OF, LAYOUT, SPECS


def main(argv):
    OUT.mkdir(exist_ok=True)
    SRC.mkdir(exist_ok=True)
    if "--check" in argv:
        check_all()
        return
    want = set(argv[1:])
    for spec in SPECS:
        if want and spec["name"] not in want:
            continue
        gold = spec["kind"](spec)
        fname = spec.get("file") or spec["name"] + FILE_OF[spec["fmt"]]
        for m in gold["markers"]:
            m.pop("_i", None)
        g = dict(file=fname)
        g.update(gold)
        g["layout"] = LAYOUT[spec["name"]]
        if spec.get("subtitle") or spec.get("lang"):
            g["subtitle"] = (
                spec.get("subtitle") or (TRRU.TR if spec["lang"] == "tr" else TRRU.RU)["subtitle"]
            )
        (OUT / f"{spec['name']}.gold.json").write_text(
            json.dumps(g, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"{fname:45s} notes={len(g['notes']):4d} markers={len(g['markers']):4d}")


if __name__ == "__main__":
    main(sys.argv)
