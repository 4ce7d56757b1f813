"""Book-length institute report (pdflatex, book class, Utopia): superscript
markers restart in every chapter; all notes are collected in one "Notes"
section at the end, grouped under "Chapter N: Title" subheadings."""

from . import compose, notes as notes_mod
from .latex import esc, note_tex, body_tex, compile_tex, zpages, ZREF
from .topics_a import BRAZIL
from .util import Doc, build_gold, write_gold

NAME = "book_brazil_energy_chapter_endnotes"
TITLE = "Power Shift: Brazil’s Energy Transition and the Politics of the Amazon"
AUTHOR = "Marina Teixeira Lobo"

PREAMBLE = r"""\documentclass[10pt,openany]{book}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{utopia}
\usepackage[english]{babel}
\usepackage[paperwidth=6in,paperheight=9in,top=0.8in,bottom=0.85in,inner=0.8in,outer=0.7in]{geometry}
\usepackage{microtype}
\usepackage{fancyhdr}
\setlength{\emergencystretch}{2em}
\usepackage{titlesec}
\usepackage{enumitem}
\usepackage[hidelinks,pdftitle={%(title)s},pdfauthor={%(author)s}]{hyperref}
\usepackage{xurl}
\urlstyle{same}
\Urlmuskip=0mu\relax
%(zref)s
\titleformat{\chapter}[display]{\normalfont\centering}{\small\scshape Chapter \thechapter}{0.6em}{\LARGE\itshape}
\titlespacing*{\chapter}{0pt}{1.2in}{0.5in}
\titleformat{\section}{\normalfont\scshape\centering}{}{0pt}{}
\titleformat{\subsection}{\normalfont\bfseries}{}{0pt}{}
\pagestyle{fancy}
\fancyhf{}
\fancyhead[LE]{\small\thepage\quad\scshape Power Shift}
\fancyhead[RO]{\small\scshape\nouppercase{\leftmark}\quad\upshape\thepage}
\renewcommand{\headrulewidth}{0pt}
\renewcommand{\chaptermark}[1]{\markboth{#1}{#1}}
\fancypagestyle{plain}{\fancyhf{}\fancyfoot[C]{\small\thepage}}
\newcommand{\mk}[1]{\textsuperscript{#1}}
\begin{document}
\frontmatter
\begin{titlepage}
\centering
\vspace*{1.1in}
{\Huge POWER SHIFT\par}
\vspace{0.25in}
{\Large\itshape Brazil’s Energy Transition and\\ the Politics of the Amazon\par}
\vspace{0.8in}
{\large Marina Teixeira Lobo\par}
\vfill
{\scshape Atlântico Policy Institute\par}
{\small Washington, DC \,$\cdot$\, São Paulo\par}
\vspace{0.3in}
\end{titlepage}
\thispagestyle{empty}
\vspace*{\fill}
{\footnotesize\noindent
\copyright{} 2024 Atlântico Policy Institute. All rights reserved.\\[0.6em]
Published in the United States of America by the Atlântico Policy Institute,
1730 Rhode Island Avenue NW, Washington, DC 20036.\\[0.6em]
The Atlântico Policy Institute does not take institutional positions on policy issues; the views
expressed in this publication are those of the author.\\[0.6em]
ISBN 978-1-96234-117-4 (paperback)\\ ISBN 978-1-96234-118-1 (ebook)\\[0.6em]
Cover photograph: transmission towers near Sobradinho, Bahia.\\
Designed and typeset by the institute’s publications office.\par}
\cleardoublepage
\tableofcontents
\chapter*{Acknowledgements}
\addcontentsline{toc}{chapter}{Acknowledgements}
%(ack)s
\mainmatter
"""

ACK = ("This book grew out of three years of research and more than eighty conversations in Brasília, Belém, "
       "Natal and Rio de Janeiro. I am grateful to the officials, engineers, activists and community leaders who "
       "gave their time, often on condition of anonymity. Colleagues at the institute read every chapter in draft "
       "and saved me from many errors; those that remain are my own. The research was supported by a grant from "
       "a private foundation that had no role in shaping its conclusions.")

ABOUT = ("Marina Teixeira Lobo is a senior fellow in the Energy and Climate Program at the Atlântico Policy "
         "Institute. She previously worked at the Brazilian Development Bank and as a correspondent covering "
         "energy markets in São Paulo. She holds a doctorate in political economy.")


# How these notes cite: style, page format, the mix of note kinds, where interviews took place.
NOTES = dict(style="chicago", pfmt="{}",
             interview_cities=["Brasília", "Belém", "Natal", "Rio de Janeiro", "São Paulo"])


def build(seed=303):
    doc = Doc(NAME, "pdf", TITLE, [AUTHOR], "2024-04-18", "chapter_endnotes_restart")
    doc.subtitle = "Brazil’s Energy Transition and the Politics of the Amazon"
    rng, nm, prose = compose.start(seed, BRAZIL, doc, dict(years=(2017, 2024), until=(2024, 3, 1)),
                                   (2003, 2023), **NOTES)
    counts = [27, 31, 26, 30, 25]
    chapters = []  # (num, title, first note index, last+1)
    heads = BRAZIL["headings"]
    for ci, (title, k) in enumerate(zip(BRAZIL["chapters"], counts), 1):
        nm.reset()
        first = len(nm.notes)
        doc.blocks.append(("chapter", ci, title))
        subs = compose.split_counts(rng, k, 3)
        hs = rng.sample(heads, 3)
        for j, (h, kk) in enumerate(zip(hs, subs)):
            compose.section(doc, prose, nm, h if j else None, kk, level="h2", per_para=(1, 3), extra=(1, 3),
                            plain_every=3)
        for i, n in enumerate(nm.notes[first:]):
            n["label"] = str(i + 1)
            n["chapter"] = ci
        chapters.append((ci, title, first, len(nm.notes)))
    notes_mod.finalize(doc.notes)

    parts = [PREAMBLE % dict(title=TITLE, author=AUTHOR, zref=ZREF, ack=esc(ACK))]
    k = [0]

    def marker(ni):
        k[0] += 1
        return r"\mk{%s}\zlabel{mk%d}" % (doc.notes[ni]["label"], k[0] - 1)

    for b in doc.blocks:
        if b[0] == "chapter":
            parts.append("\n\\chapter{%s}\n" % esc(b[2]))
        elif b[0] == "h2":
            parts.append("\n\\section*{%s}\n" % esc(b[1]))
        elif b[0] == "p":
            parts.append(body_tex(b[1], marker) + "\n\n")
    parts.append("\n\\backmatter\n\\chapter{Notes}\n\\markboth{Notes}{Notes}\n{\\small\n")
    for ci, title, a, z in chapters:
        parts.append("\\subsection*{Chapter %d: %s}\n\\begin{enumerate}[label={\\arabic*.},leftmargin=1.6em,"
                     "itemsep=0.15em,parsep=0pt,topsep=0.3em]\n" % (ci, esc(title)))
        for ni in range(a, z):
            parts.append("\\item \\zlabel{nt%d}%s\n" % (ni, note_tex(doc.notes[ni]["runs"])))
        parts.append("\\end{enumerate}\n")
    parts.append("}\n\\chapter{About the Author}\n%s\n\\end{document}\n" % esc(ABOUT))
    aux = compile_tex(NAME, "".join(parts), passes=3)
    pages = zpages(aux)
    mp = {i: pages.get(f"mk{i}") for i in range(k[0])}
    npg = {i: pages.get(f"nt{i}") for i in range(len(doc.notes))}
    gold = build_gold(doc, notes_mod.phrases(rng, doc.notes), mp, npg,
                      extra={"numbering": "restarts at 1 in every chapter; notes grouped by chapter in one Notes section at the end",
                             "chapters": [{"chapter": c, "title": t, "notes": z - a} for c, t, a, z in chapters]})
    write_gold(doc, gold)
    return doc, gold
