#!/usr/bin/env python3
"""Sanity checks for the gold files of held-out set 4.

    python check_gold.py            # every docs/*.gold.json listed in manifest.json

Checks: the schema keys; notes numbered 1..N without gaps, label == n, kinds,
ibid_of pointing to an earlier note, URLs; every marker's note_n exists and
matches its label; contexts non-empty, 1-15 words, with no stray markdown;
every note has at least one marker (a note cited only from a table would be
listed in TABLE_ONLY below; there are none in this set); body_must_not_contain
has 2-4 phrases that occur in a note and in no context; and, where the PDF has
been fetched (get_docs.py), its sha256 and page count. Standard library only
(pdfinfo is used if installed). Exit status 1 on any failure.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", ".."))
from benchmarks.crs_gold.check import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(HERE))
