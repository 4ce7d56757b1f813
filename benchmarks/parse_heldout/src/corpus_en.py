"""English content banks for the held-out parse benchmark.

Everything here is invented for the benchmark: people, titles and report
numbers are fictitious; outlet names and URL shapes imitate real publishers
so that citations look like the ones found in real policy reports.

The banks are kept in five modules; this one gathers them under the names the
generator uses (C.NEWS, C.SENT, C.TOPICS, ...):

    corpus_en_sources.py         months, names, outlets, think tanks, journals,
                                 presses, agencies (with URL shapes), interview roles
    corpus_en_templates.py       body sentences, transitions, quotes, cited-title
                                 templates, discursive-note templates
    corpus_en_topics_reports.py  topic banks of the pdflatex reports
    corpus_en_topics_office.py   topic banks of the LibreOffice and pandoc documents
    corpus_en_topics_web.py      topic banks of the scraped web pages

A topic bank serves one document (SPECS in docgen/specs.py names it by "topic"):
X topic objects, Y broad themes, A actors, P places, M metrics, and the
section headings (heads; chapters for the Sahel report).
"""

from corpus_en_sources import (  # noqa: F401
    FIRST,
    GOV,
    JOURNALS,
    LAST,
    MON3,
    MONTHS,
    NEWS,
    PRESSES,
    ROLES,
    THINK,
)
from corpus_en_templates import (  # noqa: F401
    DISCURSIVE,
    QUOTES,
    SENT,
    T_ANALYSIS,
    T_BOOK,
    T_DATA,
    T_GOV,
    T_JOURNAL,
    T_NEWS,
    TRANS,
)
from corpus_en_topics_office import OFFICE_TOPICS
from corpus_en_topics_reports import REPORT_TOPICS
from corpus_en_topics_web import WEB_TOPICS

# one bank per English document, looked up by the "topic" of its spec
TOPICS = {**REPORT_TOPICS, **OFFICE_TOPICS, **WEB_TOPICS}
