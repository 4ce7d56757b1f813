"""English topic banks for the four scraped web pages (.md and .txt).

A bank's keys are described in corpus_en.py.  The banks are data, kept in
corpus_en_topics_web.json next to this module.
"""

import json
from pathlib import Path

WEB_TOPICS = json.loads(Path(__file__).with_suffix(".json").read_text(encoding="utf-8"))
