"""pdflatex documents whose footnote labels are unusual: numbering that restarts on
every page (an SWP-style research paper) and author notes marked * and † before
arabic footnotes (a Nordic commentary).
"""

from .body import collect_markers, english_parts
from .common import month_year
from .gold import arabic, body_must_not, en_gold_notes, gold_head, renumber
from .latex import footnote_marker, pdflatex, tex, tex_head, tex_note, tex_sections


# ---- 4. footnotes numbered per page ------------------------------------------
def doc_perpage(spec):
    rng, T, dd, notes, body, secs = english_parts(spec, dict(cite="eu", pstyle="p", opcit=0.7))
    mk = lambda i: (
        r"\label{mk"
        + str(i)
        + r"}\footnote{\label{fn"
        + str(i)
        + "}"
        + tex_note(notes[i]["text"])
        + "}"
    )
    L = [
        tex_head(
            spec,
            "10.5pt,a4paper",
            "\\usepackage{charter}\n\\usepackage[scaled=0.9]{helvet}",
            "left=3.4cm,right=3.4cm,top=2.6cm,bottom=2.8cm,headheight=14pt",
            spec["series"],
        )
    ]
    L.append(
        r"""\usepackage{perpage}\MakePerPage{footnote}
\usepackage{titlesec}
\titleformat{\section}{\normalfont\sffamily\large\bfseries}{}{0em}{}
\pagestyle{fancy}\fancyhf{}
\fancyhead[L]{\footnotesize\sffamily %(series)s}\fancyhead[R]{\footnotesize\sffamily %(short)s}
\fancyfoot[R]{\footnotesize\sffamily\thepage}
\renewcommand{\headrulewidth}{0.3pt}
\makeatletter\renewcommand\footnoterule{\kern-3pt\hrule width 0.3\columnwidth\kern 2.6pt}\makeatother
\begin{document}
\thispagestyle{empty}
{\sffamily\small %(publisher)s\par}\vspace{2.5cm}
{\sffamily\bfseries\small %(seriesU)s\par}\vspace{0.5cm}
{\sffamily\large %(authors)s\par}\vspace{0.4cm}
{\sffamily\bfseries\fontsize{22}{27}\selectfont %(title)s\par}\vspace{0.3cm}
{\sffamily\large %(subtitle)s\par}\vspace{1.2cm}
\noindent\fbox{\parbox{0.95\textwidth}{\sffamily\small %(summary)s}}
\clearpage
"""
        % dict(
            series=tex(spec["series"]),
            short=tex(spec["short"]),
            publisher=tex(spec["publisher"]),
            seriesU=tex(spec["series"].upper()),
            authors=tex(", ".join(spec["authors"])),
            title=tex(spec["title"]),
            subtitle=tex(spec["subtitle"]),
            summary=tex(" ".join(body.sentence() for _ in range(7))),
        )
    )
    L += tex_sections(secs, mk)
    L.append(r"\vfill\noindent\rule{3cm}{0.3pt}\par\footnotesize\sffamily " + tex(spec["imprint"]))
    L.append(r"\end{document}")
    labels = pdflatex(spec["name"], "\n".join(L), runs=4)
    label_of = lambda i: labels[f"fn{i}"][0]
    page_of = lambda i: labels[f"mk{i}"][1]
    for i in range(len(notes)):
        assert labels[f"mk{i}"][1] == labels[f"fn{i}"][1], (
            "footnote text does not start on marker page",
            i,
        )
    gn = en_gold_notes(notes, label_of, page_of=page_of)
    markers = collect_markers(secs, label_of, page_of=page_of)
    gold = gold_head(spec, gn, markers)
    gold["body_must_not_contain"] = body_must_not(notes, secs, spec, rng)
    gold["numbering"] = (
        "restarts on every page; 'page' is the PDF page (1-based) of the marker and of the note"
    )
    return gold


# ---- 5. commentary with symbol author notes ----------------------------------
def doc_symbols(spec):
    rng, T, dd, notes, body, secs = english_parts(spec, dict(cite="chicago", pstyle="p"))
    mk = footnote_marker(notes)
    sym_notes = spec["author_notes"]
    L = [
        tex_head(
            spec,
            "11pt,a4paper",
            "\\usepackage{mathpazo}",
            "left=2.5cm,right=5cm,top=2.5cm,bottom=2.5cm,headheight=14pt,marginparwidth=3.6cm",
            spec["series"],
        )
    ]
    L.append(
        r"""\usepackage{titlesec}
\definecolor{ice}{RGB}{20,90,140}
\titleformat{\section}{\normalfont\large\bfseries\color{ice}}{}{0em}{}
\pagestyle{fancy}\fancyhf{}
\fancyhead[L]{\small\color{ice}\scshape %(series)s}\fancyhead[R]{\small\thepage}
\renewcommand{\headrulewidth}{0pt}
\begin{document}
\thispagestyle{empty}
{\color{ice}\small\scshape %(series)s\hfill %(month)s}\par\vspace{0.2cm}{\color{ice}\rule{\textwidth}{1pt}}\par\vspace{1.2cm}
{\huge\bfseries %(title)s\par}\vspace{0.5cm}
\renewcommand{\thefootnote}{\fnsymbol{footnote}}
{\large %(a1)s\footnote{%(s1)s}\quad and\quad %(a2)s\footnote{%(s2)s}\par}
\setcounter{footnote}{0}\renewcommand{\thefootnote}{\arabic{footnote}}
\vspace{0.8cm}
\marginpar{\small\itshape\color{ice} %(pull)s}
"""
        % dict(
            series=tex(spec["series"]),
            month=tex(month_year(dd)),
            title=tex(spec["title"]),
            a1=tex(spec["authors"][0]),
            a2=tex(spec["authors"][1]),
            s1=tex(sym_notes[0]),
            s2=tex(sym_notes[1]),
            pull=tex(body.sentence()),
        )
    )
    L += tex_sections(secs, mk)
    L.append(r"\end{document}")
    pdflatex(spec["name"], "\n".join(L))
    gn = [
        dict(n=1, label="*", text=sym_notes[0], url=None, ibid_of=None, page=None, kind="author"),
        dict(n=2, label="†", text=sym_notes[1], url=None, ibid_of=None, page=None, kind="author"),
    ]
    for g in en_gold_notes(notes, arabic):
        renumber(g, 2)
        gn.append(g)
    markers = [
        dict(label="*", context=spec["authors"][0], page=None),
        dict(label="†", context=spec["authors"][1], page=None),
    ]
    markers += collect_markers(secs, arabic)
    gold = gold_head(spec, gn, markers)
    gold["body_must_not_contain"] = body_must_not(notes, secs, spec, rng)
    gold["numbering"] = "two author notes marked * and † on the title block, then arabic 1..N"
    return gold
