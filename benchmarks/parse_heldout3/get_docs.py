#!/usr/bin/env python3
"""Extract the PDFs of held-out set 3 from a mirror of ProfAmiot/crs-reports
and verify them against manifest.json.

    python get_docs.py MIRROR_GIT_DIR

MIRROR_GIT_DIR is a (bare) git directory of https://github.com/ProfAmiot/crs-reports
that holds the commit named in manifest.json. Each PDF is taken with
`git show COMMIT:PATH`, written to docs/FILE and checked by sha256 (and, when
poppler's pdfinfo is installed, by page count). Exit status 1 on any mismatch.
Standard library only.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", ".."))
from benchmarks.crs_gold.fetch import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(HERE, sys.argv))
