"""pdflatex documents with endnotes: one Endnotes section at the end (a CSIS-style
report) or a two-column Notes section after every chapter, numbering restarting
in each (an institute report).
"""

from .body import Body, build_sections, collect_markers, distribute, english_parts
from .citations import gen_notes_checked
from .common import doc_setup, month_year
from .gold import arabic, body_must_not, en_gold_notes, gold_head, renumber, simple_gold
from .latex import endnote_list_tex, pdflatex, tex, tex_head, tex_sections


def doc_endnotes(spec):
    rng, T, dd, notes, body, secs = english_parts(
        spec, dict(cite="chicago", pstyle="bare"), notes_per_para=(1, 4)
    )
    mk = lambda i: r"\textsuperscript{" + str(i + 1) + "}"
    L = [
        tex_head(
            spec,
            "11pt,letterpaper",
            "\\usepackage[scaled]{helvet}\n\\renewcommand{\\familydefault}{\\sfdefault}",
            "left=1.1in,right=1.1in,top=1in,bottom=1in,headheight=14pt",
            spec["publisher"],
            creator="Adobe InDesign 18.2 (Macintosh)",
        )
    ]
    L.append(
        r"""\usepackage{titlesec}
\definecolor{brand}{RGB}{165,28,48}
\titleformat{\section}{\normalfont\Large\bfseries\color{brand}}{}{0em}{}
\pagestyle{fancy}\fancyhf{}
\fancyfoot[L]{\footnotesize %(short)s}\fancyfoot[R]{\footnotesize\bfseries\thepage}
\renewcommand{\headrulewidth}{0pt}
\linespread{1.12}
\begin{document}
\begin{titlepage}\setlength{\parindent}{0pt}
{\color{brand}\rule{\textwidth}{6pt}}\par\vspace{0.5cm}
{\small\bfseries\color{brand} A REPORT OF THE %(programU)s}\par\vspace{2.5cm}
{\fontsize{30}{36}\selectfont\bfseries %(title)s\par}\vspace{0.8cm}
{\Large %(subtitle)s\par}\vspace{1.5cm}
{\large\bfseries %(authors)s\par}\vfill
{\large %(month)s\par}\vspace{0.3cm}
{\bfseries\color{brand}\Large %(publisherU)s}\par
\end{titlepage}
"""
        % dict(
            short=tex(spec["short"]),
            programU=tex(spec["program"].upper()),
            title=tex(spec["title"]),
            subtitle=tex(spec["subtitle"]),
            authors=r"\\ ".join(tex(a) for a in spec["authors"]),
            month=tex(month_year(dd)),
            publisherU=tex(spec["publisher"].upper()),
        )
    )
    L.append(r"\tableofcontents\clearpage")
    L += tex_sections(secs, mk)
    L.append(r"\clearpage\section{About the Authors}")
    for a, bio in zip(spec["authors"], spec["bios"]):
        L.append(r"\textbf{" + tex(a) + "} " + tex(bio) + "\n")
    L.append(r"\clearpage\section{" + spec["notes_heading"] + r"}\small")
    L.append(endnote_list_tex(notes, range(len(notes)), arabic, "en"))
    L.append(r"\end{document}")
    pdflatex(spec["name"], "\n".join(L))
    return simple_gold(spec, notes, secs, rng)


CHAPTERS_PREAMBLE = r"""\usepackage{titlesec}
\usepackage{multicol}
\definecolor{sand}{RGB}{176,112,32}
\titleformat{\chapter}[display]{\normalfont\huge\bfseries}{\color{sand}\large CHAPTER \thechapter}{6pt}{}
\titlespacing*{\chapter}{0pt}{0pt}{24pt}
\titleformat{\section}{\normalfont\large\itshape}{}{0em}{}
\pagestyle{fancy}\fancyhf{}
\fancyhead[R]{\small\itshape %(short)s}\fancyhead[L]{\small\nouppercase{\leftmark}}
\fancyfoot[C]{\small\thepage}
\fancypagestyle{plain}{\fancyhf{}\fancyfoot[C]{\small\thepage}\renewcommand{\headrulewidth}{0pt}}
\begin{document}
\begin{titlepage}\centering
\vspace*{2cm}{\Large\scshape %(publisher)s\par}\vspace{3cm}
{\fontsize{28}{34}\selectfont %(title)s\par}\vspace{1cm}
{\Large\itshape %(subtitle)s\par}\vspace{2cm}
{\large %(authors)s\par}\vfill{\large %(month)s}\end{titlepage}
\tableofcontents
"""


def chapter_notes(spec, rng, T, dd, body, counts):
    """Each chapter's notes (numbered by document position) and sections; ch_of gives the
    chapter (1-based) of each note."""
    all_notes, ch_secs, ch_of = [], [], []
    for ci, ((ch_title, subs), cnt) in enumerate(zip(T["chapters"], counts)):
        notes = gen_notes_checked(
            spec["seed"] * 100 + ci, T, cnt, dict(cite="eu", pstyle="p", opcit=0.8), dd
        )
        start = len(all_notes)
        for x in notes:  # renumber n to document positions
            renumber(x, start)
        all_notes += notes
        ch_of += [ci + 1] * cnt
        ch_secs.append(build_sections(rng, body, [s for s in subs], start, cnt))
    return all_notes, ch_secs, ch_of


def chapters_title_page(spec, dd):
    return CHAPTERS_PREAMBLE % dict(
        short=tex(spec["short"]),
        publisher=tex(spec["publisher"]),
        title=tex(spec["title"]),
        subtitle=tex(spec["subtitle"]),
        authors=r"\\[4pt] ".join(tex(a) for a in spec["authors"]),
        month=tex(month_year(dd)),
    )


def doc_chapters(spec):
    rng, T, dd = doc_setup(spec)
    chs = T["chapters"]
    counts = distribute(spec["n"], len(chs), rng)
    body = Body(rng, T, dd[0])
    all_notes, ch_secs, ch_of = chapter_notes(spec, rng, T, dd, body, counts)
    local = lambda i: str(i + 1 - sum(counts[: ch_of[i] - 1]))
    mk = lambda i: r"\textsuperscript{" + local(i) + r"}\label{mk" + str(i) + "}"
    L = [
        tex_head(
            spec,
            "11pt,a4paper,openany",
            "\\usepackage{mathpazo}",
            "left=2.6cm,right=2.6cm,top=2.5cm,bottom=2.5cm,headheight=14pt",
            spec["publisher"],
            cls="report",
        )
    ]
    L.append(chapters_title_page(spec, dd))
    for ci, ((ch_title, _), secs) in enumerate(zip(chs, ch_secs)):
        L.append(r"\chapter{" + tex(ch_title) + "}")
        L += tex_sections(secs, mk)
        idx = [i for i in range(len(all_notes)) if ch_of[i] == ci + 1]
        L.append(r"\section*{Notes}\begin{multicols}{2}\footnotesize\raggedright")
        L.append(endnote_list_tex(all_notes, idx, local, "en"))
        L.append(r"\end{multicols}")
    L.append(r"\end{document}")
    labels = pdflatex(spec["name"], "\n".join(L))
    gold_notes = en_gold_notes(
        all_notes,
        local,
        page_of=lambda i: labels[f"en{i}"][1],
        extra=lambda i: dict(chapter=ch_of[i]),
    )
    allsecs = [s for secs in ch_secs for s in secs]
    markers = collect_markers(allsecs, local, page_of=lambda i: labels[f"mk{i}"][1])
    for m in markers:
        m["chapter"] = ch_of[m["_i"]]
    gold = gold_head(spec, gold_notes, markers)
    gold["body_must_not_contain"] = body_must_not(all_notes, allsecs, spec, rng)
    gold["numbering"] = (
        "restarts each chapter; 'page' is the PDF page (1-based) and 'chapter' the chapter number"
    )
    return gold
