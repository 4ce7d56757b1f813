#!/usr/bin/env python3
"""Build the gold files of held-out set 3 (real CRS reports): the documents below, through
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
    ("R45100v21-2026-04-22", "pdf/reports/R45100.21.pdf",
     "markdown/reports/R45100v21-the-10-20-30-provision-defining-persistent-pover.md", None, None),
    ("R45741v5-2026-04-21", "pdf/reports/R45741.pdf",
     "markdown/reports/R45741v5-memorials-and-commemorative-works-outside-washin.md",
     ["Jacob R. Straus", "Laura B. Comay", "Mark K. DeSantis"], None),
    ("R46646v17-2026-04-20", "pdf/reports/R46646.17.pdf",
     "markdown/reports/R46646v17-election-administration-federal-grant-programs-f.md", None, None),
    ("R46991v32-2026-04-15", "pdf/reports/R46991.32.pdf",
     "markdown/reports/R46991v32-economic-development-administration-an-overview-.md", None, None),
    ("R47324v18-2026-04-15", "pdf/reports/R47324.18.pdf",
     "markdown/reports/R47324v18-seabed-mining-in-areas-beyond-national-jurisdict.md", None, None),
    ("R48694v10-2026-04-17", "pdf/reports/R48694.10.pdf",
     "markdown/reports/R48694v10-federal-research-and-development-r-d-funding-fy2.md",
     ["Emily G. Blevins", "Joe Angert", "Marcy E. Gallo", "Laurie Harris", "Todd Kuiken",
      "Rachel Lindbergh", "Kavya Sekar"], None),
    ("R48883v4-2026-04-17", "pdf/reports/R48883.4.pdf",
     "markdown/reports/R48883v4-an-overview-of-decentralized-finance-defi.md", None, None),
    ("R48903v3-2026-04-10", "pdf/reports/R48903.3.pdf",
     "markdown/reports/R48903v3-the-strait-of-hormuz-in-brief-non-oil-shipments-.md", None, None),
    ("R48907v2-2026-04-15", "pdf/reports/R48907.2.pdf",
     "markdown/reports/R48907v2-military-discharges-character-of-service-and-eli.md",
     ["Madeline E. Moreno", "Kristy N. Kamarck", "Daniel T. Shedd", "Jared S. Sussman"], None),
    ("R48913v5-2026-04-21", "pdf/reports/R48913.pdf",
     "markdown/reports/R48913v5-corporate-taxation-the-revenue-maximizing-tax-ra.md", None, None),
    ("R48914v2-2026-04-22", "pdf/reports/R48914.2.pdf",
     "markdown/reports/R48914v2-cryptocurrency-mining-and-the-electricity-sector.md", None, None),
    ("R48917v2-2026-04-23", "pdf/reports/R48917.2.pdf",
     "markdown/reports/R48917v2-s-con-res-33-the-senate-adopted-fy2026-budget-re.md", None, None),
]

SET = GoldSet(here=HERE, docs=DOCS)

if __name__ == "__main__":
    main(SET, sys.argv)
