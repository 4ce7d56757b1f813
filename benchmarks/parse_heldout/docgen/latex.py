"""LaTeX: escaping, the shared preamble, section and note markup, running pdflatex."""

import re
import shutil

from .common import OUT, SRC, mark_urls, run

TEX_ESC = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def tex(s):
    return "".join(TEX_ESC.get(ch, ch) for ch in s)


def tex_note(s):
    return mark_urls(s, tex, lambda u: r"\url{" + u + "}")


def tex_para(p, marker):
    return "".join(tex(x) if isinstance(x, str) else marker(x[1]) for x in p)


def footnote_marker(notes):
    """marker(i) that sets note i as a LaTeX footnote."""
    return lambda i: r"\footnote{" + tex_note(notes[i]["text"]) + "}"


def tex_sections(secs, mk, after_section=None):
    """\\section / \\subsection headings and paragraphs; after_section(k) may add lines."""
    L = []
    for si, (h, subs) in enumerate(secs):
        L.append(r"\section{" + tex(h) + "}")
        for sub, paras in subs:
            if sub:
                L.append(r"\subsection{" + tex(sub) + "}")
            for p in paras:
                L.append(tex_para(p, mk) + "\n")
        if after_section:
            L += after_section(si)
    return L


def pdflatex(name, tex_src, runs=3):
    bdir = SRC / "build"
    bdir.mkdir(exist_ok=True)
    (SRC / f"{name}.tex").write_text(tex_src, encoding="utf-8")
    shutil.copy(SRC / f"{name}.tex", bdir / f"{name}.tex")
    for _ in range(runs):
        r = run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"], bdir)
        if r.returncode != 0:
            log = (bdir / f"{name}.log").read_text(errors="replace")
            raise RuntimeError(f"pdflatex failed for {name}:\n" + log[-3000:])
    shutil.copy(bdir / f"{name}.pdf", OUT / f"{name}.pdf")
    aux = (bdir / f"{name}.aux").read_text(errors="replace")
    labels = {}
    for m in re.finditer(r"\\newlabel\{([^}]*)\}\{\{([^}]*)\}\{([^}]*)\}", aux):
        labels[m.group(1)] = (m.group(2), int(m.group(3)))
    return labels


TEX_HEAD = r"""\documentclass[%(opts)s]{%(cls)s}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{textcomp}
%(fonts)s
\usepackage[%(geom)s]{geometry}
\usepackage{xcolor}
\usepackage{fancyhdr}
\usepackage{xurl}
\usepackage[hidelinks,pdftitle={%(pdftitle)s},pdfauthor={%(pdfauthor)s},pdfsubject={%(pdfsubject)s},pdfcreator={%(creator)s}]{hyperref}
\urlstyle{%(urlstyle)s}
"""


def pdfsafe(s):
    return s.replace(",", "{,}")


def tex_head(spec, opts, fonts, geom, subject, cls="article", creator="LaTeX", author_sep=", "):
    """TEX_HEAD filled in: document class, fonts, page geometry and PDF metadata."""
    return TEX_HEAD % dict(
        opts=opts,
        cls=cls,
        fonts=fonts,
        geom=geom,
        pdftitle=pdfsafe(spec["title"]),
        pdfauthor=pdfsafe(author_sep.join(spec["authors"])),
        pdfsubject=pdfsafe(subject),
        creator=creator,
        urlstyle="same",
    )


def endnote_list_tex(notes, idx, label_of, labels_prefix):
    out = []
    for i in idx:
        out.append(
            r"\noindent\hangindent=1.6em\hangafter=1\makebox[1.6em][l]{"
            + label_of(i)
            + r".}"
            + tex_note(notes[i]["text"])
            + r"\label{"
            + labels_prefix
            + str(i)
            + "}\\par\n"
        )
    return "".join(out)
