"""Technical policy report with IEEE-style numbered citations: markers are
bracketed numbers in body size ("... controls [12].") and a numbered
"References" list ends the report. References are numbered in order of
first citation and many are cited more than once (pdflatex, Latin Modern)."""
import random

from .latex import esc, note_tex, body_tex, compile_tex, zpages, ZREF
from .prose import Prose, spread
from .topics_a import AI
from .util import Doc, build_gold, write_gold
from .works import Works, cite

NAME = "techreport_ai_compute_ieee_refs"
TITLE = "Compute Thresholds and Export Controls: Governing the Hardware Behind Frontier AI"
AUTHORS = ["Jonah R. Whitfield", "Priyanka Raman", "Teodor Varga"]

PREAMBLE = r"""\documentclass[11pt,letterpaper]{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{lmodern}
\usepackage[margin=1in]{geometry}
\usepackage{booktabs}
\usepackage{microtype}
\usepackage{fancyhdr}
\usepackage{titlesec}
\usepackage[hidelinks,pdftitle={%(title)s},pdfauthor={%(authors)s}]{hyperref}
\usepackage{xurl}
\urlstyle{same}
\Urlmuskip=0mu\relax
%(zref)s
\renewcommand{\thesection}{\Roman{section}}
\renewcommand{\thesubsection}{\Alph{subsection}}
\titleformat{\section}{\normalfont\scshape\centering}{\thesection.}{0.5em}{}
\titleformat{\subsection}{\normalfont\itshape}{\thesubsection.}{0.5em}{}
\pagestyle{fancy}
\fancyhf{}
\fancyhead[L]{\footnotesize CCSP Technical Report TR-24-03}
\fancyhead[R]{\footnotesize Compute Thresholds and Export Controls}
\fancyfoot[C]{\footnotesize\thepage}
\renewcommand{\headrulewidth}{0.4pt}
\begin{document}
\thispagestyle{plain}
\begin{center}
{\small CENTER FOR COMPUTE AND SECURITY POLICY \quad$\vert$\quad TECHNICAL REPORT TR-24-03 \quad$\vert$\quad MARCH 2024}\\[1.5em]
{\LARGE Compute Thresholds and Export Controls:\\[0.3em] Governing the Hardware Behind Frontier AI\par}
\vspace{1.2em}
{\large Jonah R.~Whitfield, Priyanka Raman, and Teodor Varga\par}
\vspace{0.4em}
{\small Center for Compute and Security Policy, Washington, DC\par}
\end{center}
\vspace{0.8em}
\begin{abstract}
%(abstract)s
\end{abstract}
\vspace{0.5em}
"""

ABSTRACT = ("Governments increasingly use the amount of computation needed to train an AI model as a proxy for "
            "its risk, and they control the export of the chips that supply that computation. This report "
            "examines how compute thresholds are set, how quickly they erode as hardware improves, and how "
            "export controls on chips, tools and cloud services interact. We find that thresholds are a useful "
            "but perishable instrument and recommend a schedule of automatic review, allied reporting standards "
            "and know-your-customer obligations for large cloud providers.")

TABLE = r"""
\begin{table}[t]
\centering
\caption{Illustrative thresholds in current instruments}
\label{tab:thresholds}
\small
\begin{tabular}{@{}llr@{}}
\toprule
Instrument & Metric & Threshold \\
\midrule
US reporting requirement & training operations & $10^{26}$ \\
US reporting (biological data) & training operations & $10^{23}$ \\
EU systemic-risk presumption & training operations & $10^{25}$ \\
Chip export control & total processing performance & 4{,}800 \\
Chip export control & performance density & 5.92 \\
\bottomrule
\end{tabular}
\end{table}
"""

FINDINGS = [
    "Compute thresholds are easy to measure but lose their meaning as algorithms and chips improve.",
    "Controls on chips have shifted demand towards cloud access, which current rules cover only partially.",
    "Allied regimes differ in scope and timing, creating openings for diversion through third countries.",
    "Hardware-based verification is promising but several years away from deployment at scale.",
]


def preprint(rng, works):
    w = works.make("journal")
    y, m = w["date"][0] % 100, w["date"][1]
    aid = f"{y:02d}{m:02d}.{rng.randint(1000, 19999):05d}"
    return w, [", ".join(f"{f[0]}. {l}" for f, l in w["authors"][:-1]) +
               (", and " if len(w["authors"]) > 2 else " and " if len(w["authors"]) == 2 else "") +
               f"{w['authors'][-1][0][0]}. {w['authors'][-1][1]}, ",
               f"“{w['title']},” arXiv:{aid}, {y + 2000}. [Online]. Available: ", ("u", f"https://arxiv.org/abs/{aid}")]


def build(seed=404):
    rng = random.Random(seed)
    works = Works(rng, AI, years=(2019, 2024), until=(2024, 3, 1))
    prose = Prose(rng, AI, years=(2018, 2023))
    doc = Doc(NAME, "pdf", TITLE, AUTHORS, "2024-03-14", "numbered_references_brackets")
    n_refs, targets = 80, []
    while len(doc.notes) < n_refs:
        if len(doc.notes) > 6 and rng.random() < 0.22:
            j = rng.randrange(len(doc.notes))
            if not targets or targets[-1] != j:
                targets.append(j)
            continue
        r = rng.random()
        if r < 0.12:
            w, runs = preprint(rng, works)
        else:
            w = works.make(rng.choices(["news", "report", "gov", "journal", "book", "data"],
                                       weights=[28, 26, 20, 14, 5, 7])[0])
            runs = cite(w, "ieee")
        doc.notes.append({"kind": "full", "label": str(len(doc.notes) + 1), "runs": runs,
                          "ibid_of": None, "work": w})
        targets.append(len(doc.notes) - 1)
    heads = AI["headings"]
    per = [len(targets) // len(heads)] * len(heads)
    per[0] -= 4
    per[-1] += len(targets) - sum(per)
    i = 0
    for hi, (h, k) in enumerate(zip(heads, per)):
        doc.blocks.append(("h1", h))
        if hi == 0:
            doc.blocks.append(("p", prose.plain_paragraph(2)))
        for g in spread(rng, targets[i:i + k], (1, 3)):
            doc.blocks.append(("p", prose.paragraph(g, style="before", extra=(1, 2))))
        if hi == 2:
            doc.blocks.append(("table", None, None, []))
        i += k
    assert i == len(targets)

    parts = [PREAMBLE % dict(title=TITLE, authors=", ".join(AUTHORS), zref=ZREF, abstract=esc(ABSTRACT)),
             "\\noindent\\textbf{Key findings}\n\\begin{itemize}\n" +
             "".join(f"\\item {esc(x)}\n" for x in FINDINGS) + "\\end{itemize}\n"]
    k = [0]

    def marker(ni):
        k[0] += 1
        return "\\unskip~\\cite{r%d}\\zlabel{mk%d}" % (ni, k[0] - 1)

    for b in doc.blocks:
        if b[0] == "h1":
            parts.append("\n\\section{%s}\n" % esc(b[1]))
        elif b[0] == "p":
            parts.append(body_tex(b[1], marker) + "\n\n")
        elif b[0] == "table":
            parts.append(TABLE)
    parts.append("\n\\section*{Acknowledgments}\nThe authors thank colleagues at the Center for Compute and "
                 "Security Policy for comments on earlier drafts. Any errors are the authors’ own.\n\n")
    parts.append("\\begin{thebibliography}{99}\n\\small\n")
    for ni, n in enumerate(doc.notes):
        parts.append("\\bibitem{r%d}\\zlabel{nt%d}%s\n" % (ni, ni, note_tex(n["runs"])))
    parts.append("\\end{thebibliography}\n\\end{document}\n")
    aux = compile_tex(NAME, "".join(parts), passes=3)
    pages = zpages(aux)
    mp = {i: pages.get(f"mk{i}") for i in range(k[0])}
    npg = {i: pages.get(f"nt{i}") for i in range(len(doc.notes))}
    titles = [n["work"]["title"] for n in doc.notes if len(n["work"]["title"]) > 24]
    gold = build_gold(doc, rng.sample(titles, 3), mp, npg,
                      extra={"numbering": "IEEE: [n] in body size before the period; references numbered in order "
                                          "of first citation; a reference may be cited several times (marker.note_n)"})
    write_gold(doc, gold)
    return doc, gold
