#!/usr/bin/env python3
"""Build the second held-out footnote-parsing set (see README.md).

    python3 make_docs.py              build every document, then check them
    python3 make_docs.py NAME ...     build only these (file stems)
    python3 make_docs.py --check      only check the built files (writes check_report.json)

Standard library only, plus pdflatex, soffice (LibreOffice), pandoc and pdftotext.
Every builder is seeded, so text and gold are the same on every run.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from builders import (check, latex_book, latex_ieee, latex_para, lo_columns, lo_docx,  # noqa: E402
                      ru_doc, text_docs, web_hugo, web_wp)
from builders.util import DOCS, SRC  # noqa: E402

BUILDERS = {
    lo_columns.NAME: lo_columns.build,
    latex_para.NAME: latex_para.build,
    latex_book.NAME: latex_book.build,
    latex_ieee.NAME: latex_ieee.build,
    lo_docx.NAME: lo_docx.build,
    web_wp.NAME: web_wp.build,
    web_hugo.NAME: web_hugo.build,
    text_docs.MD_NAME: text_docs.build_md,
    text_docs.NL_NAME: text_docs.build_newsletter,
    ru_doc.NAME: ru_doc.build,
}


def main(argv):
    os.makedirs(DOCS, exist_ok=True)
    os.makedirs(SRC, exist_ok=True)
    only_check = "--check" in argv
    names = [a for a in argv if not a.startswith("--")] or list(BUILDERS)
    unknown = [n for n in names if n not in BUILDERS]
    if unknown:
        sys.exit(f"unknown document(s): {unknown}; choose from {list(BUILDERS)}")
    if not only_check:
        for n in names:  # one at a time: LibreOffice and LaTeX are run sequentially
            t = time.time()
            doc, gold = BUILDERS[n]()
            print(f"built {doc.file:50s} notes={len(gold['notes']):4d} markers={len(gold['markers']):4d} ({time.time() - t:.1f}s)")
    rep = check.check_all(list(BUILDERS) if only_check else names)
    print(json.dumps(rep, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
