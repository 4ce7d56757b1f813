"""pdflatex documents with ordinary footnotes: a government report and a journal article."""

from .body import SUBHEADS, english_parts, para_plain
from .common import month_year
from .gold import simple_gold
from .latex import footnote_marker, pdflatex, tex, tex_head, tex_para, tex_sections
from .works import surname


# ---- 1. government report ---------------------------------------------------
GOV_PREAMBLE = r"""\usepackage{titlesec}
\usepackage{tikz}
\usepackage{booktabs}
\usepackage{caption}
\definecolor{agency}{RGB}{0,45,98}
\titleformat{\section}{\normalfont\sffamily\Large\bfseries\color{agency}}{\thesection.}{0.6em}{}
\titleformat{\subsection}{\normalfont\sffamily\large\bfseries}{\thesubsection}{0.6em}{}
\pagestyle{fancy}\fancyhf{}
\fancyhead[L]{\small\sffamily %(short)s}\fancyhead[R]{\small\sffamily %(month)s}
\fancyfoot[L]{\small\sffamily %(agency)s}\fancyfoot[R]{\small\sffamily\thepage}
\renewcommand{\headrulewidth}{0.4pt}\renewcommand{\footrulewidth}{0.4pt}
\setlength{\footnotesep}{9pt}
\begin{document}
\begin{titlepage}
\begin{tikzpicture}[remember picture,overlay]
\fill[agency] (current page.north west) rectangle ([yshift=-5.2cm]current page.north east);
\node[anchor=north west,text=white,font=\sffamily\bfseries\Large] at ([xshift=1in,yshift=-1.2cm]current page.north west) {%(agencyU)s};
\node[anchor=north west,text=white,font=\sffamily] at ([xshift=1in,yshift=-2.1cm]current page.north west) {%(dept)s};
\end{tikzpicture}\setlength{\parindent}{0pt}
\vspace*{5.4cm}
{\sffamily\small Report to Congressional Committees \hfill %(repno)s}\par\vspace{1.2cm}
{\sffamily\bfseries\fontsize{26}{31}\selectfont\color{agency} %(title)s\par}\vspace{0.6cm}
{\sffamily\Large %(subtitle)s\par}\vspace{2cm}
{\sffamily\large %(month)s\par}\vfill
{\sffamily\small Prepared by\\ %(authorlines)s\par}
\end{titlepage}
"""

GOV_TABLE = r"""\begin{table}[ht]\centering\sffamily\small
\caption*{\textbf{Table 1.} Estimated share of global %s and import reliance, selected jurisdictions}
\begin{tabular}{lrr}\toprule Jurisdiction & Share of output (\%%) & Import reliance (\%%)\\\midrule
%s\bottomrule\end{tabular}\par\vspace{3pt}
\parbox{0.8\textwidth}{\footnotesize Source: %s analysis of industry data, %d. Figures are rounded and may not sum to totals.}
\end{table}"""


def gov_title_page(spec, dd):
    """Preamble, running heads and the agency's title page."""
    return GOV_PREAMBLE % dict(
        short=tex(spec["short"]),
        month=tex(month_year(dd)),
        agency=tex(spec["agency"]),
        agencyU=tex(spec["agency"].upper()),
        dept=tex(spec["dept"]),
        repno=tex(spec["repno"]),
        title=tex(spec["title"]),
        subtitle=tex(spec["subtitle"]),
        authorlines=r"\\ ".join(
            tex(a) + r", \emph{" + tex(r) + "}" for a, r in zip(spec["authors"], spec["roles"])
        ),
    )


def gov_summary(es, bullets, mk):
    """The executive summary (no notes): a paragraph, key findings, more paragraphs."""
    L = [r"\section*{Executive Summary}\addcontentsline{toc}{section}{Executive Summary}"]
    L.append(
        tex_para(es[0], mk)
        + "\n\n"
        + r"\paragraph{Key findings.}"
        + "\n"
        + r"\begin{itemize}"
        + "".join(r"\item " + tex(b) + "\n" for b in bullets)
        + r"\end{itemize}"
        + "\n"
    )
    for p in es[1:]:
        L.append(tex_para(p, mk) + "\n")
    return L


def gov_table(spec, rng, T, dd):
    """after_section for tex_sections: Table 1 after the third section; its "Source:" line is
    not a note. Draws from rng only when it is placed."""

    def table(si):
        if si != 2:
            return []
        rows = [(rng.choice(T["P"]), rng.randint(5, 70), rng.randint(5, 90)) for _ in range(5)]
        return [
            GOV_TABLE
            % (
                tex(T["M"][0]),
                "".join(f"{tex(a)} & {b} & {c}\\\\\n" for a, b, c in rows),
                tex(spec["agency"]),
                dd[0] - 1,
            )
        ]

    return table


def doc_gov(spec):
    rng, T, dd, notes, body, secs = english_parts(
        spec, dict(cite="chicago", pstyle="p"), subheads=SUBHEADS
    )
    mk = footnote_marker(notes)
    # executive summary: no notes
    es = [body.paragraph([]) for _ in range(3)]
    bullets = [body.sentence() for _ in range(5)]
    L = [
        tex_head(
            spec,
            "11pt,letterpaper",
            "\\usepackage{mathptmx}\n\\usepackage[scaled=0.9]{helvet}",
            "margin=1in,headheight=14pt",
            spec["agency"],
            creator="LaTeX with hyperref",
            author_sep="; ",
        )
    ]
    L.append(gov_title_page(spec, dd))
    L.append(r"\tableofcontents\clearpage")
    L += gov_summary(es, bullets, mk)
    L.append(r"\clearpage")
    L += tex_sections(secs, mk, after_section=gov_table(spec, rng, T, dd))
    L.append(r"\end{document}")
    pdflatex(spec["name"], "\n".join(L))
    extra = "\n".join(para_plain(p) for p in es) + " ".join(bullets)
    gold = simple_gold(spec, notes, secs, rng, extra)
    if spec.get("title_with_subtitle"):
        gold["title"] = spec["title"] + ": " + spec["subtitle"]
    return gold


# ---- 2. two-column journal article -----------------------------------------
def doc_journal(spec):
    rng, T, dd, notes, body, secs = english_parts(spec, dict(cite="chicago", pstyle="bare"))
    mk = footnote_marker(notes)
    abstract = " ".join(body.sentence() for _ in range(6))
    L = [
        tex_head(
            spec,
            "10pt,a4paper,twocolumn",
            "\\usepackage{mathptmx}",
            "top=2.2cm,bottom=2.4cm,left=1.8cm,right=1.8cm,columnsep=0.7cm,headheight=12pt",
            spec["journal"],
        )
    ]
    L.append(
        r"""\usepackage{titlesec}
\titleformat{\section}{\normalfont\bfseries\normalsize}{\thesection}{0.5em}{}
\pagestyle{fancy}\fancyhf{}
\fancyhead[LE]{\footnotesize\thepage\quad \textit{%(journal)s} %(volno)s}
\fancyhead[RO]{\footnotesize\textit{%(runauth)s}\quad\thepage}
\fancyhead[RE,LO]{}
\renewcommand{\headrulewidth}{0pt}
\fancypagestyle{first}{\fancyhf{}\fancyhead[L]{\footnotesize\textit{%(journal)s} %(volno)s, %(pages)s\\ \url{https://doi.org/%(doi)s}}\fancyfoot[C]{\footnotesize\copyright\ %(year)s %(journal)s}}
\setcounter{page}{%(first)s}
\makeatletter\renewcommand\@makefntext[1]{\noindent\makebox[1.2em][r]{\@thefnmark.\ }#1}\makeatother
\begin{document}
\twocolumn[{\thispagestyle{first}\vspace*{0.4cm}
{\small\scshape Research Article}\par\vspace{0.3cm}
{\LARGE\bfseries %(title)s\par}\vspace{0.4cm}
{\large %(authors)s\par}\vspace{0.15cm}
{\footnotesize\itshape %(affils)s\par}\vspace{0.2cm}
{\footnotesize Received %(recv)s; accepted %(acc)s}\par\vspace{0.4cm}
\begin{minipage}{\textwidth}\small\textbf{Abstract}\enspace %(abstract)s\par\vspace{0.2cm}
\textbf{Keywords}\enspace %(keywords)s\end{minipage}\vspace{0.8cm}}]
"""
        % dict(
            journal=tex(spec["journal"]),
            volno=spec["volno"],
            pages=spec["pages"],
            doi=spec["doi"],
            year=dd[0],
            runauth=tex(" and ".join(surname(a) for a in spec["authors"])),
            first=spec["pages"].split("–")[0],
            title=tex(spec["title"]),
            authors=r" \quad ".join(
                tex(a) + r"$^{" + str(j + 1) + "}$" for j, a in enumerate(spec["authors"])
            ),
            affils=r"\\ ".join(f"$^{j + 1}$" + tex(a) for j, a in enumerate(spec["affils"])),
            recv=spec["received"],
            acc=spec["accepted"],
            abstract=tex(abstract),
            keywords=tex(spec["keywords"]),
        )
    )
    L += tex_sections(secs, mk)
    L.append(
        r"\section*{Disclosure statement}No potential conflict of interest was reported by the authors."
    )
    L.append(r"\section*{Funding}" + tex(spec["funding"]))
    L.append(r"\end{document}")
    pdflatex(spec["name"], "\n".join(L))
    return simple_gold(spec, notes, secs, rng, abstract)
