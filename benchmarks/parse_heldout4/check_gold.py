#!/usr/bin/env python3
"""Sanity checks for the gold files of held-out set 4 (what is checked:
benchmarks/crs_gold/check.py). Exit status 1 on any failure.

    python check_gold.py            # every docs/*.gold.json listed in manifest.json
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", ".."))
from benchmarks.crs_gold.check import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(HERE))
