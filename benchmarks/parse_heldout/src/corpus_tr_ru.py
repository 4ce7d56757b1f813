"""Turkish and Russian content banks (invented people and titles; real-looking outlets).

The banks are data, kept in corpus_tr_ru.json next to this module.  JSON has no
tuples, so the entries of the lists named in _TUPLE_LISTS (sections as
(heading, sentences), cited articles, books and web pages) are made tuples again.
"""

import json
from pathlib import Path

_TUPLE_LISTS = ("sections", "articles", "books", "web")


def _bank(raw):
    return {k: [tuple(x) for x in v] if k in _TUPLE_LISTS else v for k, v in raw.items()}


_BANKS = json.loads(Path(__file__).with_suffix(".json").read_text(encoding="utf-8"))
TR = _bank(_BANKS["TR"])
RU = _bank(_BANKS["RU"])
