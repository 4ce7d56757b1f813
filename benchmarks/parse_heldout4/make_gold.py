#!/usr/bin/env python3
"""Build the gold files of held-out set 4 (real CRS reports): the documents below, through
benchmarks/crs_gold/build.py, whose docstring says how.

    python make_gold.py MIRROR_GIT_DIR [PREFIX ...]
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", ".."))
from benchmarks.crs_gold.build import GoldSet, main  # noqa: E402

# prefix, PDF path, Markdown path, authors in cover order (checked by eye on the
# PDF's summary page; the Markdown lists them alphabetically), title override
# (None: the Markdown title, which was checked against the PDF's first page)
DOCS = [
    ("R47573v4-2026-04-14", "pdf/reports/R47573.4.pdf",
     "markdown/reports/R47573v4-funding-and-financing-highways-and-public-transp.md", None, None),
    ("R48447v6-2026-04-14", "pdf/reports/R48447.6.pdf",
     "markdown/reports/R48447v6-unemployment-insurance-legislative-issues-in-the.md",
     ["Julie M. Whittaker", "Katelin P. Isaacs"], None),
    ("R48469v6-2026-04-21", "pdf/reports/R48469.pdf",
     "markdown/reports/R48469v6-the-seafood-import-monitoring-program-simp.md", None, None),
    ("R48863v3-2026-04-23", "pdf/reports/R48863.3.pdf",
     "markdown/reports/R48863v3-local-and-regional-project-assistance-program-ba.md", None, None),
    ("R48902v1-2026-04-10", "pdf/reports/R48902.1.pdf",
     "markdown/reports/R48902v1-internet-architecture-a-layer-based-analysis-of-.md", None, None),
    ("R48905v2-2026-04-14", "pdf/reports/R48905.2.pdf",
     "markdown/reports/R48905v2-u-s-department-of-agriculture-usda-structure-and.md", None, None),
    ("R48906v2-2026-04-15", "pdf/reports/R48906.2.pdf",
     "markdown/reports/R48906v2-inflation-reduction-act-methane-emissions-charge.md", None, None),
    ("R48908v2-2026-04-15", "pdf/reports/R48908.2.pdf",
     "markdown/reports/R48908v2-the-u-s-and-foreign-commercial-service-overview-.md", None, None),
    ("R48910v2-2026-04-16", "pdf/reports/R48910.2.pdf",
     "markdown/reports/R48910v2-trump-accounts-overview-and-policy-consideration.md", None, None),
    ("R48916v2-2026-04-23", "pdf/reports/R48916.2.pdf",
     "markdown/reports/R48916v2-retailer-inventory-and-pricing-behavior-during-s.md",
     ["Michael Alan Havlin", "Clare Y. Cho"], None),
]

# PDF superscript digit runs that are not note markers, checked by eye:
# (prefix, label, PDF page) -> why
NOT_MARKERS = {
    ("R48906v2-2026-04-15", "2", 12): "the '2' of 'MTCO2e' in the heading 'WEC 25,000 MTCO2e Emissions "
                                      "Threshold'; congress.gov prints it as plain text",
}

SET = GoldSet(here=HERE, docs=DOCS, not_markers=NOT_MARKERS)

if __name__ == "__main__":
    main(SET, sys.argv)
