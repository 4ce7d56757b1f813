"""LaTeX helpers: escaping, runs to TeX, compiling, reading zref page labels."""
import os
import re
import shutil
import tempfile

from .util import DOCS, SRC, render_runs, run

EPOCH = "1717200000"  # fixed SOURCE_DATE_EPOCH so rebuilds are byte-stable

_ESC = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
        "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def esc(s):
    return "".join(_ESC.get(c, c) for c in s)


def esc_url(u):
    return u.replace("%", r"\%").replace("#", r"\#")


def breakable_url(u):
    """URL as text with explicit break points (survives footmisc's para boxes,
    where math-mode \\url breakpoints are lost). Pieces are \\mbox-ed so TeX
    never hyphenates inside a URL."""
    import re as _re
    pieces = _re.findall(r"[^/.\-_?&=#%]*[/.\-_?&=#%]?", u)
    out = []
    for p in pieces:
        if not p:
            continue
        while len(p) > 14:
            out.append(p[:12])
            p = p[12:]
        out.append(p)
    def lig(x):
        for a, b in (("ff", "f{}f"), ("fi", "f{}i"), ("fl", "f{}l"), ("--", "-{}-")):
            x = x.replace(a, b)
        return x
    body = "\\allowbreak ".join(r"\mbox{" + lig(esc(p)) + "}" for p in out)
    return r"\href{" + esc_url(u) + "}{" + body + "}"


def note_tex(runs, url=None):
    url = url or (lambda u: r"\url{" + esc_url(u) + "}")
    return render_runs(runs, esc, i=lambda r: r"\emph{" + esc(r[1]) + "}", u=lambda r: url(r[1]))


def body_tex(runs, marker):
    """marker(note_index, k) -> TeX for the k-th marker of the document."""
    return render_runs(
        runs, esc,
        i=lambda r: r"\emph{" + esc(r[1]) + "}",
        b=lambda r: r"\textbf{" + esc(r[1]) + "}",
        m=lambda r: marker(r[1]),
    )


ZREF = r"""\usepackage{zref-user,zref-abspage}
\makeatletter\zref@addprop{main}{abspage}\makeatother
"""


def compile_tex(name, tex, engine="pdflatex", passes=2):
    """Write src/NAME.tex, compile in a temp dir, copy the PDF to docs/. Returns the .aux text."""
    os.makedirs(SRC, exist_ok=True)
    with open(os.path.join(SRC, name + ".tex"), "w", encoding="utf-8") as f:
        f.write(tex)
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(os.path.join(SRC, name + ".tex"), tmp)
        for _ in range(passes):
            try:
                run([engine, "-interaction=nonstopmode", "-halt-on-error", name + ".tex"], cwd=tmp,
                    env={"SOURCE_DATE_EPOCH": EPOCH, "FORCE_SOURCE_DATE": "1"})
            except RuntimeError:
                log = open(os.path.join(tmp, name + ".log"), encoding="latin-1").read()
                raise RuntimeError(log[-4000:])
        shutil.copy(os.path.join(tmp, name + ".pdf"), os.path.join(DOCS, name + ".pdf"))
        aux = open(os.path.join(tmp, name + ".aux"), encoding="utf-8").read()
        log = open(os.path.join(tmp, name + ".log"), encoding="latin-1").read()
    over = log.count("Overfull \\hbox")
    if over:
        print(f"  {name}: {over} overfull hboxes")
    if "Rerun to get" in log or "undefined references" in log:
        print(f"  warning: {name} may need another pass")
    return aux


def zpages(aux):
    """{label: absolute page} from zref labels in the .aux."""
    return {m.group(1): int(m.group(2))
            for m in re.finditer(r"\\zref@newlabel\{([^}]*)\}\{.*?\\abspage\{(\d+)\}", aux)}
