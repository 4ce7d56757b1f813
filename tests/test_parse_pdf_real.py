"""PDFs made with pdflatex at test time, each with one property real reports have that broke
the PDF reader: footnotes that outweigh the body text, a title set over several lines."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from index.parse import parse_file

pytestmark = pytest.mark.skipif(shutil.which("pdflatex") is None, reason="needs pdflatex")

_NOTE = (
    r"\footnote{Author {N}, ``A Study of Part {N},'' Journal of Long Notes, vol. {N} (2019), "
    r"pp. 1--20, cited at length here because its account of the method, the sample and the "
    r"reasons its findings still matter is the fullest one in print, "
    r"https://example.org/study/{N}.}"
)


def _pdf(tmp_path: Path, name: str, body: str, preamble: str = "") -> Path:
    tex = tmp_path / f"{name}.tex"
    tex.write_text(
        "\\documentclass[11pt]{article}\n\\usepackage[margin=1in]{geometry}\n"
        f"{preamble}\\begin{{document}}\n{body}\n\\end{{document}}\n"
    )
    subprocess.run(
        ["pdflatex", "-interaction=batchmode", "-halt-on-error", tex.name],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=60,
    )
    return tmp_path / f"{name}.pdf"


def _sentences(n: int, first: int = 1) -> str:
    return " ".join(
        f"Claim {i} is made in a sentence of its own.{_NOTE.replace('{N}', str(i))}"
        for i in range(first, first + n)
    )


def test_footnotes_outweighing_the_body_are_still_footnotes(tmp_path: Path) -> None:
    # Three long notes per short paragraph: most glyphs on each page are footnote type.
    paras = "\n\n".join(_sentences(3).replace("Claim ", f"P{k} claim ") for k in range(4))
    pdf = _pdf(tmp_path, "heavy", "\\section*{Introduction}\n" + paras)
    article = parse_file(pdf)[0]
    assert len(article.footnotes) == 12
    assert all(n.url and n.url.startswith("https://example.org/study/") for n in article.footnotes)
    body = " ".join(p.text for p in article.paragraphs)
    assert body.count("[") == 12  # every marker linked, written "[n]"
    assert "Journal of Long Notes" not in body


def test_a_title_over_several_lines_is_read_whole(tmp_path: Path) -> None:
    cover = (
        "\\begin{titlepage}\\raggedright\n"
        "{\\Huge Corporate Taxation and the\\\\[4pt] Revenue-Maximizing\\\\[4pt] Tax Rate\\par}\n"
        "\\vspace{24pt}{\\Large April 21, 2026\\par}\n"
        "\\vfill\\hfill\\begin{tabular}{r}Research Office\\\\https://example.org\\end{tabular}\n"
        "\\end{titlepage}\n"
    )
    pdf = _pdf(tmp_path, "cover", cover + "\\section*{Introduction}\n" + _sentences(3))
    article = parse_file(pdf)[0]
    assert article.title == "Corporate Taxation and the Revenue-Maximizing Tax Rate"
    assert article.published == "2026-04-21"
    assert len(article.footnotes) == 3


def test_small_type_at_a_page_foot_without_a_rule_over_it_is_no_note(tmp_path: Path) -> None:
    # A table in footnote-size type closes a page that has no notes: its rows (one starts
    # with "1", like a note numbered afresh) stay out of the note before them.
    table = (
        "\\vfill\n{\\footnotesize\\noindent\\begin{tabular}{lrr}\n"
        "Agency & FY2024 & FY2025\\\\\n1 Commerce & 4,307 & 3,883\\\\\n"
        "2 Defense & 101,308 & 91,865\\\\\nTotal funding in millions & 105,615 & 95,748\\\\\n"
        "\\end{tabular}\\par}\n\\newpage\n"
    )
    body = (
        "\\section*{Introduction}\n" + _sentences(3) + "\n\\newpage\n"
        "A page of text with a table and no notes.\n" + table + _sentences(2, first=4)
    )
    pdf = _pdf(tmp_path, "table", body)
    article = parse_file(pdf)[0]
    assert [n.label for n in article.footnotes] == ["1", "2", "3", "4", "5"]
    assert all("Commerce" not in n.text and "Total" not in n.text for n in article.footnotes)
    assert "Commerce" in " ".join(p.text for p in article.paragraphs)
