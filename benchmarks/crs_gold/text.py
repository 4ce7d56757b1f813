"""The congress.gov side: text folding, the Markdown page (title, authors, date, notes list and
body) and what kind of citation a note is."""

import re
import unicodedata


def ws(s):
    return re.sub(r"\s+", " ", s).strip()


QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u2010": "-",
        "\u2011": "-",
    }
)


def fold(s):
    return unicodedata.normalize("NFKC", s).translate(QUOTES)


def squash(s):
    """letters and digits only, lower case, with the index of each kept char."""
    out, idx = [], []
    for i, ch in enumerate(s):
        for c in fold(ch):
            if c.isalnum():
                out.append(c.lower())
                idx.append(i)
    return "".join(out), idx


# ---------------------------------------------------------------- markdown
LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)")


def clean_inline(line):
    """Markdown inline syntax -> the text congress.gov printed."""
    line = LINK.sub(r"\1", line)
    line = line.replace("**", "")
    line = re.sub(r"_{2,}(?=[.,;:])", "", line)  # '_net profit__._' -> 'net profit.'
    line = re.sub(r"_{2,}", " ", line)  # empty emphasis runs
    line = re.sub(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", "", line)  # _italic_
    return line


def parse_markdown(md):
    lines = md.split("\n")
    meta = {}
    title = lines[0].lstrip("# ").strip()
    for ln in lines[:40]:
        m = re.match(r"\| \*\*Authors?:\*\* \| (.*)", ln)
        if m and "authors" not in meta:
            meta["authors"] = [
                ws(" ".join(reversed([p.strip() for p in a.split(",", 1)])))
                for a in m.group(1).strip().split(";")
                if a.strip()
            ]
        m = re.match(r"\*\*Publication Date:\*\* (\d\d)/(\d\d)/(\d{4})", ln)
        if m and "date" not in meta:
            meta["date"] = f"{m.group(3)}-{m.group(1)}-{m.group(2)}"
    meta["title"] = title
    # notes
    i_fn = next(i for i, ln in enumerate(lines) if ln.strip() == "# Footnotes")
    notes, cur = [], None
    for ln in lines[i_fn + 1 :]:
        if "Disclaimer:" in ln:
            break
        m = re.match(r"\| (\d+)\. \| ?(.*)$", ln)
        if m:
            cur = {"n": int(m.group(1)), "parts": [m.group(2)]}
            notes.append(cur)
        elif ln.strip() and cur is not None:
            cur["parts"].append(ln)
    # body: after the last table-of-contents link, before "# Footnotes"
    i_start = max(i for i, ln in enumerate(lines[:i_fn]) if "#_Toc" in ln) + 1
    body_lines = lines[i_start:i_fn]
    return meta, notes, body_lines


def build_body(body_lines):
    """Cleaned body text plus a list of blocks (start, end, kind)."""
    blocks, cur = [], []
    for ln in [*body_lines, ""]:
        if ln.strip() == "" or ln.strip() == "---":
            if cur:
                blocks.append(cur)
            cur = []
        else:
            cur.append(ln)
    text, spans = "", []
    for blk in blocks:
        first = blk[0].strip()
        if first.startswith("|"):
            ncol = first.count(" | ") + 1
            if (
                ncol > 1
                or re.match(r"\|\s*(Figure|Table)\s+[A-Z]?-?\d+\.", first)
                or any(re.match(r"\|\s*(\*\*)?(Source|Notes?)s?:", b.strip()) for b in blk)
            ):
                kind = "table"
            else:
                kind = "textbox"
        elif re.match(r"(\*\*)?(Figure|Table)\s+[A-Z]?-?\d+\.", first) or re.match(
            r"(\*\*)?(Sources?|Notes?)\s*:", first
        ):
            kind = "caption"
        else:
            kind = "prose"
        t = " ".join(
            clean_inline(re.sub(r"^\s*[-*] ", "", b.lstrip("|").replace(" | ", " "))) for b in blk
        )
        t = ws(t)
        start = len(text)
        text += t
        spans.append((start, len(text), kind))
        text += "\n"
    return text, spans


# ---------------------------------------------------------------- notes
URL = re.compile(r"https?:/+[^\s<>\"]+")


def first_url(t):
    m = URL.search(t)
    if not m:
        return None
    u = m.group(0)
    while u and u[-1] in ".,;:)]'\u2019\u201d":
        if u[-1] == ")" and u.count("(") >= u.count(")"):
            break
        u = u[:-1]
    return u


IBID = re.compile(r"^\s*(ibid|id)\b\.?", re.I)
QTITLE = re.compile(r'"([^"]{12,}?)[,.]?"')
DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.) \d{1,2}, \d{4}"
)


def classify(text, earlier):
    """ibid: the note starts with Ibid./Id.; short: no URL, no full date, and it
    repeats the quoted title of a longer note before it (a short-form cite); full: a URL, or a
    dated reference of some length; other: the rest (statute cites,
    explanations)."""
    t = text.strip()
    if IBID.match(t):
        return "ibid"
    titles = [m.group(1).lower() for m in QTITLE.finditer(t)]
    if (
        not URL.search(t)
        and len(t) < 220
        and titles
        and not DATE.search(t)
        and any(
            ti in e["text"].lower() and len(e["text"]) > len(t) for ti in titles for e in earlier
        )
    ):
        return "short"
    if URL.search(t) or (re.search(r"\b(19|20)\d\d\b", t) and len(t) > 80):
        return "full"
    return "other"
