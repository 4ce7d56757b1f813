#!/usr/bin/env python3
"""Extract the PDFs of held-out set 3 from a mirror of ProfAmiot/crs-reports and
verify them against manifest.json (how: benchmarks/crs_gold/fetch.py).

    python get_docs.py MIRROR_GIT_DIR
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", ".."))
from benchmarks.crs_gold.fetch import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(HERE, sys.argv))
