"""The held-out benchmark generator behind make_docs.py.

common.py           paths, content banks (src/), URL and string helpers, running tools
works.py            cited works: authors, dates, URL shapes, work records
citations.py        note texts in each citation style; the English note mix
body.py             English body paragraphs and sections with markers; marker contexts
gold.py             gold notes, markers and body_must_not_contain
latex.py            LaTeX escaping, preamble, sections, endnote lists, pdflatex
latex_footnotes.py  government report and two-column journal article (footnotes)
latex_endnotes.py   report with endnotes; report with notes after each chapter
latex_labels.py     per-page footnote numbers; * and † author notes
fodt.py             LibreOffice flat ODT template and soffice conversion
lo_docs.py          LibreOffice documents (PDF and docx, footnotes or endnotes)
pandoc_docx.py      pandoc markdown -> docx
scraped.py          scraped English web pages (.md, .txt)
tr_ru.py            Turkish and Russian text documents
specs.py            the document list (SPECS) and gold layout names
check.py            --check against the built files
"""
