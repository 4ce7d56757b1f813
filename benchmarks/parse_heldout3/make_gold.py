#!/usr/bin/env python3
"""Build the gold files of held-out set 3 (real CRS reports): the documents in docs.json, through
benchmarks/crs_gold/build.py, whose docstring says how.

    python make_gold.py MIRROR_GIT_DIR [PREFIX ...]
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", ".."))
from benchmarks.crs_gold.build import GoldSet, main  # noqa: E402

# docs.json next to this script lists the documents, one entry each: prefix,
# PDF path, Markdown path, authors in cover order (checked by eye on the PDF's
# summary page; the Markdown lists them alphabetically) or null, title override
# or null (null: the Markdown title, which was checked against the PDF's first page)
with open(os.path.join(HERE, "docs.json"), encoding="utf-8") as f:
    DOCS = [tuple(doc) for doc in json.load(f)]

SET = GoldSet(here=HERE, docs=DOCS)

if __name__ == "__main__":
    main(SET, sys.argv)
