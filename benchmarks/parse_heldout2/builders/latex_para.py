"""Working paper with footmisc [para] footnotes: several short notes run
together on one line at the foot of the page (pdflatex, TeX Gyre Schola)."""

from . import compose, notes as notes_mod
from .latex import esc, note_tex, body_tex, compile_tex, zpages, ZREF, breakable_url
from .topics_a import WATER
from .util import Doc, build_gold, write_gold

NAME = "wp_amu_darya_para_footnotes"
TITLE = "Water, Power and a Canal: The Amu Darya Basin after Qosh Tepa"
AUTHORS = ["Dilnoza Sultanova", "Matthias Brandtner"]

PREAMBLE = r"""\documentclass[10.5pt,a4paper]{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{newcent}
\usepackage[english]{babel}
\usepackage[a4paper,top=2.6cm,bottom=2.8cm,left=2.6cm,right=2.6cm,footskip=1.2cm]{geometry}
\usepackage[para]{footmisc}
\usepackage{xcolor}
\definecolor{vces}{RGB}{0,84,119}
\usepackage{fancyhdr}
\usepackage{titlesec}
\usepackage[hidelinks,pdftitle={%(title)s},pdfauthor={%(authors)s}]{hyperref}
\usepackage{xurl}
\urlstyle{same}
\Urlmuskip=0mu\relax
%(zref)s
\titleformat{\section}{\large\bfseries\color{vces}}{\thesection}{0.8em}{}
\titlespacing*{\section}{0pt}{1.4em}{0.6em}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.55em}
\renewcommand{\footnotelayout}{\small}
\setlength{\footnotesep}{0pt}
\pagestyle{fancy}
\fancyhf{}
\fancyhead[L]{\small\color{vces} VCES Working Paper 7/2024}
\fancyhead[R]{\small Sultanova \& Brandtner: Water, Power and a Canal}
\fancyfoot[C]{\small\thepage}
\renewcommand{\headrulewidth}{0.3pt}
\fancypagestyle{first}{\fancyhf{}\fancyfoot[C]{\small\thepage}\renewcommand{\headrulewidth}{0pt}}
\begin{document}
\thispagestyle{first}
"""

TITLEBLOCK = r"""{\color{vces}\rule{\linewidth}{2pt}}\\[0.3em]
{\small\color{vces}\textsc{Vienna Centre for Eurasian Studies} \hfill Working Paper No.~7 $\cdot$ June 2024}\\[1.6em]
{\LARGE\bfseries %(title_a)s\par}\vspace{0.3em}
{\Large %(title_b)s\par}\vspace{1.2em}
{\large Dilnoza Sultanova and Matthias Brandtner\par}\vspace{1.2em}
\fbox{\parbox{0.96\linewidth}{\small\textbf{Abstract.} %(abstract)s\\[0.4em]
\textbf{Keywords:} Amu Darya; Afghanistan; Uzbekistan; Tajikistan; water–energy nexus; hydropower}}
\vspace{1em}
"""

ABSTRACT = ("Afghanistan’s Qosh Tepa canal will divert a significant share of the Amu Darya’s flow "
            "within the decade. This paper traces how the canal interacts with the Rogun dam, with winter "
            "power shortages and with the ageing institutions that still allocate the basin’s water. It argues "
            "that downstream governments have few good options and that European partners should focus on "
            "data, irrigation efficiency and power-market integration rather than on new treaties.")

ENDMATTER = r"""
\section*{About the authors}
\textbf{Dilnoza Sultanova} is a Senior Fellow at the Vienna Centre for Eurasian Studies, where she leads the
programme on Central Asian resources. \textbf{Matthias Brandtner} is a Research Associate in the same programme.

\vfill
{\footnotesize\color{vces}\rule{\linewidth}{0.4pt}\\
\copyright{} Vienna Centre for Eurasian Studies, 2024. All rights reserved. The views expressed are those of the
authors alone. VCES Working Papers are peer-reviewed by members of the institute’s academic board.
Reproduction in part is permitted with attribution.\\
Vienna Centre for Eurasian Studies $\cdot$ Schwarzenbergplatz 8 $\cdot$ 1030 Vienna $\cdot$
\url{https://www.vces.at/publications/working-papers/wp-7-2024}\par}
\end{document}
"""


# How these notes cite: style, page format, the mix of note kinds, where interviews took place.
NOTES = dict(style="chicago", pfmt="{}",
             weights=dict(full=34, ibid=15, ibid_page=13, short=18, opcit=0, two=5, discursive=6, interview=9),
             interview_cities=["Tashkent", "Dushanbe", "Nukus", "Termez", "Almaty"])


def build(seed=202):
    doc = Doc(NAME, "pdf", TITLE, AUTHORS, "2024-06-12", "footnotes_para")
    rng, nm, prose = compose.start(seed, WATER, doc, dict(years=(2018, 2024), until=(2024, 5, 30)),
                                   (2012, 2023), **NOTES)
    compose.body(rng, doc, prose, nm, WATER["headings"], 96, per_para=(1, 3), extra=(0, 2))
    notes_mod.finalize(doc.notes)

    # ---- TeX
    parts = [PREAMBLE % dict(title=TITLE, authors=", ".join(AUTHORS), zref=ZREF),
             TITLEBLOCK % dict(title_a="Water, Power and a Canal:", title_b="The Amu Darya Basin after Qosh Tepa",
                               abstract=esc(ABSTRACT))]
    k = [0]

    def marker(ni):
        k[0] += 1
        return r"\footnote{\zlabel{nt%d}%s}\zlabel{mk%d}" % (ni, note_tex(doc.notes[ni]["runs"], breakable_url), k[0] - 1)

    sec = 0
    for b in doc.blocks:
        if b[0] == "h1":
            sec += 1
            parts.append("\n\\section{%s}\n" % esc(b[1]))
        elif b[0] == "p":
            parts.append(body_tex(b[1], marker) + "\n\n")
    parts.append(ENDMATTER)
    aux = compile_tex(NAME, "".join(parts), passes=2)
    pages = zpages(aux)
    mp = {i: pages.get(f"mk{i}") for i in range(k[0])}
    npg = {i: pages.get(f"nt{i}") for i in range(len(doc.notes))}
    gold = build_gold(doc, notes_mod.phrases(rng, doc.notes), mp, npg,
                      extra={"numbering": "1..N; footnotes set with footmisc [para]: several notes share one line"})
    write_gold(doc, gold)
    return doc, gold
