"""The document list: one spec per document, in build order.

The specs are data, kept in specs.json next to this module: "specs" is the
list and "layout" the layout name copied into each gold file.  In a spec, kind
names the builder (a function below); seed, topic (a bank in
src/corpus_en_topics_*.py), n (notes) and date drive the generated text; the
rest is title-page and layout detail.  FILE_OF gives the output ending by format.
"""

import json
from pathlib import Path

from .latex_endnotes import doc_chapters, doc_endnotes
from .latex_footnotes import doc_gov, doc_journal
from .latex_labels import doc_perpage, doc_symbols
from .lo_docs import doc_lo
from .pandoc_docx import doc_pandoc
from .scraped import doc_text
from .tr_ru import doc_lang

_KINDS = {
    f.__name__: f
    for f in (
        doc_gov,
        doc_journal,
        doc_lo,
        doc_endnotes,
        doc_chapters,
        doc_perpage,
        doc_symbols,
        doc_pandoc,
        doc_text,
        doc_lang,
    )
}
_DATA = json.loads(Path(__file__).with_suffix(".json").read_text(encoding="utf-8"))

SPECS = [dict(spec, kind=_KINDS[spec["kind"]]) for spec in _DATA["specs"]]
FILE_OF = {"pdf": ".pdf", "docx": ".docx"}
LAYOUT = _DATA["layout"]
