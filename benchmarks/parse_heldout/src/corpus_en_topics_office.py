"""English topic banks for the documents written with LibreOffice (PDF and docx) and pandoc (docx).

A bank's keys are described in corpus_en.py.  The banks are data, kept in
corpus_en_topics_office.json next to this module.
"""

import json
from pathlib import Path

OFFICE_TOPICS = json.loads(Path(__file__).with_suffix(".json").read_text(encoding="utf-8"))
