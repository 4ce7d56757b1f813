"""Paths, the document model, text helpers, tool runners and gold output."""
import json
import os
import re
import subprocess
import unicodedata

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = os.path.join(HERE, "docs")
SRC = os.path.join(HERE, "src")

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
MON3 = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.",
        "Sep.", "Oct.", "Nov.", "Dec."]


def load_banks(module_file, tuple_lists=()):
    """The banks in the JSON file next to module_file (name -> bank dict).

    JSON has no tuples: in each bank, the entries of the lists named in
    tuple_lists are made tuples again."""
    with open(os.path.splitext(module_file)[0] + ".json", encoding="utf-8") as f:
        banks = json.load(f)
    return {name: {k: [tuple(x) for x in v] if k in tuple_lists else v for k, v in bank.items()}
            for name, bank in banks.items()}


# ---------------------------------------------------------------- model
# A body paragraph is a list of runs:
#   "plain text" | ("i", text) | ("b", text) | ("a", text, href) | ("m", note_index)
# A note is a dict: label, runs (str | ("i", t) | ("u", url)), kind, ibid_of,
#   source_n, chapter (optional).
# Blocks: ("h1", text) ("h2", text) ("p", runs) ("chapter", num, title)
#   ("table", caption, header, rows)  rows = list of list of runs
#   ("bullets", [runs, ...]) ("quote", runs)

class Doc:
    def __init__(self, name, ext, title, authors, date, layout):
        self.name, self.ext, self.title = name, ext, title
        self.authors, self.date, self.layout = authors, date, layout
        self.blocks, self.notes, self.extra = [], [], {}
        self.subtitle = None

    @property
    def file(self):
        return f"{self.name}.{self.ext}"


def render_runs(runs, text, **kinds):
    """Runs as markup: each plain string through `text`, each ("k", ...) run through
    kinds["k"](run) (a marker is an "m" run); kinds not given are left out."""
    out = []
    for r in runs:
        if isinstance(r, str):
            out.append(text(r))
        elif r[0] in kinds:
            out.append(kinds[r[0]](r))
    return "".join(out)


def run_text(r):
    if isinstance(r, str):
        return r
    if r[0] in ("i", "b", "u"):
        return r[1]
    if r[0] == "a":
        return r[1]
    if r[0] == "p":
        return " "  # paragraph break inside a note
    return ""  # marker


def runs_text(runs):
    return "".join(run_text(r) for r in runs)


def note_text(note):
    return re.sub(r"\s+", " ", runs_text(note["runs"])).strip()


def first_url(note):
    for r in note["runs"]:
        if isinstance(r, tuple) and r[0] == "u":
            return r[1]
        if isinstance(r, tuple) and r[0] == "a":
            return r[2]
    return None


def note_paras(runs):
    """Split note runs at ("p",) paragraph breaks."""
    out = [[]]
    for r in runs:
        if isinstance(r, tuple) and r[0] == "p":
            out.append([])
        else:
            out[-1].append(r)
    return out


def iter_runs_blocks(doc):
    """Yield every run list of the body in reading order."""
    for b in doc.blocks:
        if b[0] in ("p", "quote"):
            yield b[1]
        elif b[0] == "bullets":
            yield from b[1]
        elif b[0] == "table":
            for row in b[3]:
                yield from row


def contexts(runs, nwords=10, minwords=6):
    """(note_index, context) for each marker of a run list."""
    out, buf = [], ""
    for r in runs:
        if isinstance(r, tuple) and r[0] == "m":
            words = buf.split()
            assert len(words) >= minwords, ("short context", buf)
            out.append((r[1], " ".join(words[-nwords:])))
            buf = ""
        else:
            buf += run_text(r)
    return out


def body_plain(doc):
    parts = []
    for b in doc.blocks:
        if b[0] in ("h1", "h2"):
            parts.append(b[1])
        elif b[0] == "chapter":
            parts.append(b[2])
    for runs in iter_runs_blocks(doc):
        parts.append(runs_text(runs))
    return "\n".join(parts)


# ---------------------------------------------------------------- text
def cap(s):
    return s[:1].upper() + s[1:] if s else s


def slugify(s, maxwords=12):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", s.lower())
    return "-".join(words[:maxwords])


def fmt_date(d, style="us"):
    y, m, dd = d
    if style == "us":
        return f"{MONTHS[m-1]} {dd}, {y}"
    if style == "uk":
        return f"{dd} {MONTHS[m-1]} {y}"
    if style == "ieee":
        return f"{MON3[m-1]} {dd}, {y}"
    if style == "iso":
        return f"{y}-{m:02d}-{dd:02d}"
    if style == "my":
        return f"{MONTHS[m-1]} {y}"
    raise ValueError(style)


def norm(s):
    """Normalise extracted text for containment checks."""
    s = unicodedata.normalize("NFKC", s)
    s = s.replace("\u00ad", "").replace("\u00a0", " ")
    s = re.sub(r"[‘’′]", "'", s)
    s = re.sub(r"[“”„«»]", '"', s)
    s = re.sub(r"[‐‑‒–—]", "-", s)
    return re.sub(r"\s+", " ", s).strip()


def squash(s):
    """Normalise and drop all whitespace and line-end hyphens (for wrapped URLs)."""
    s = unicodedata.normalize("NFKC", s).replace("\u00ad", "")
    s = re.sub(r"-\s*\n\s*", "-", s)
    return re.sub(r"\s+", "", norm(s))


# ---------------------------------------------------------------- tools
def run(cmd, cwd=None, timeout=300, env=None):
    e = dict(os.environ)
    if env:
        e.update(env)
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace",
                       timeout=timeout, env=e)
    if p.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({p.returncode}):\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}")
    return p.stdout


def pdftotext(path, layout=True):
    cmd = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [path, "-"]
    return run(cmd)


def pdf_pages(path, layout=True):
    pages = pdftotext(path, layout).split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return pages


def soffice_convert(src, fmt, outdir):
    """Convert with LibreOffice (isolated profile so nothing else is touched)."""
    import tempfile
    profile = os.path.join(tempfile.gettempdir(), "ibid_heldout2_lo_profile")
    run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", fmt, "--outdir", outdir, src], timeout=600)


# ---------------------------------------------------------------- gold
def build_gold(doc, phrases, marker_pages=None, note_pages=None, extra=None):
    notes_out = []
    for i, n in enumerate(doc.notes):
        d = {"n": i + 1, "label": n["label"], "text": note_text(n),
             "url": first_url(n), "ibid_of": n.get("ibid_of"),
             "page": (note_pages or {}).get(i), "kind": "ibid" if n["kind"] == "ibid_page" else n["kind"]}
        if n.get("source_n"):
            d["source_n"] = n["source_n"]
        if n.get("chapter") is not None:
            d["chapter"] = n["chapter"]
        notes_out.append(d)
    markers = []
    k = 0
    for runs in iter_runs_blocks(doc):
        for ni, ctx in contexts(runs):
            m = {"label": doc.notes[ni]["label"], "context": ctx,
                 "page": (marker_pages or {}).get(k)}
            if doc.notes[ni].get("chapter") is not None:
                m["chapter"] = doc.notes[ni]["chapter"]
            m["note_n"] = ni + 1
            markers.append(m)
            k += 1
    body = norm(body_plain(doc))
    for ph in phrases:
        assert norm(ph) not in body, ("phrase in body", ph)
        assert any(norm(ph) in norm(x["text"]) for x in notes_out), ("phrase not in notes", ph)
    gold = {"file": doc.file, "title": doc.title, "authors": doc.authors,
            "date": doc.date, "notes": notes_out, "markers": markers,
            "body_must_not_contain": phrases, "layout": doc.layout}
    if doc.subtitle:
        gold["subtitle"] = doc.subtitle
    gold.update(doc.extra)
    if extra:
        gold.update(extra)
    return gold


def write_gold(doc, gold):
    with open(os.path.join(DOCS, doc.name + ".gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
        f.write("\n")


def marker_count(doc):
    return sum(len(contexts(r)) for r in iter_runs_blocks(doc))
