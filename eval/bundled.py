"""The corpora that ship inside the package: the demo sample, FreshWiki and SummEdits.

They live under `eval/corpus/` so that a clone, an editable install and `pip install .` all find
them at the same place relative to this module; nothing reads a folder outside the package.
Each folder holds its source and licence (`SOURCE.md`, `README.md`, `LICENSE`, `NOTICE.md`).
"""

from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
# The user's sample analysis (ANKASAM), the demo corpus of `make demo` and `ibid ingest --sample`.
SAMPLE_DIR = CORPUS / "sample"
SAMPLE_ARTICLE = SAMPLE_DIR / "india-us-rapprochement.txt"
# 100 Wikipedia articles with per-sentence reference URLs (CC BY-SA 4.0): `txt/`, `json/`.
FRESHWIKI_DIR = CORPUS / "freshwiki"
# SummEdits (Apache-2.0), one gzipped JSON-lines file per domain.
SUMMEDITS_DIR = CORPUS / "summedits"
