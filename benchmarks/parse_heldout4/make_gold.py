#!/usr/bin/env python3
"""Build the gold files of held-out set 4 (real CRS reports) from a mirror of
the public repository ProfAmiot/crs-reports.

    python make_gold.py MIRROR_GIT_DIR [PREFIX ...]

For every document in DOCS it
  1. extracts the PDF with `git show COMMIT:PATH` into docs/PREFIX.pdf and
     records name, source path, commit, sha256 and page count in manifest.json;
  2. reads the congress.gov text of the same report version, which the same
     repository stores as Markdown converted from the congress.gov HTML page
     (markdown/reports/...md): title, authors, date, the numbered "Footnotes"
     list and the body text;
  3. finds where each note marker sits in the body. The Markdown conversion
     dropped every <sup> element, so the marker positions are not in the text
     source. They are taken from the PDF's superscript digits (poppler's
     `pdftotext -bbox`: a digit run set smaller than, raised above and touching
     the word before it). Each superscript is anchored in the Markdown body by
     the letters and digits of the PDF words before it; the context stored in
     the gold is the Markdown (congress.gov) text before that position. A
     marker is kept only if its anchor is found in the Markdown body; markers
     that sit in a table, a figure or a table/figure caption or source line
     are dropped (their notes are kept);
  4. checks every context against the words the PDF prints before the marker:
     ordinal suffixes that the Markdown lost with their <sup> ('117th') are put
     back, and where the HTML words a passage differently from the PDF the
     leading words that differ are dropped (none in set 4).
  5. drops the PDF superscripts listed in NOT_MARKERS (checked by eye).
Every step is logged in build_log.json.

Only the Python standard library is used, plus the poppler `pdftotext` and
`pdfinfo` programs. No code of the project under test is read or run.
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS_DIR = os.path.join(HERE, "docs")
SOURCE_REPO = "ProfAmiot/crs-reports"
COMMIT = "12265120e33ab237acd3f178b1d697ece3ac188f"

# prefix, PDF path, Markdown path, authors in cover order (checked by eye on the
# PDF's summary page; the Markdown lists them alphabetically), title override
# (None: the Markdown title, which was checked against the PDF's first page)
DOCS = [
    ("R47573v4-2026-04-14", "pdf/reports/R47573.4.pdf",
     "markdown/reports/R47573v4-funding-and-financing-highways-and-public-transp.md", None, None),
    ("R48447v6-2026-04-14", "pdf/reports/R48447.6.pdf",
     "markdown/reports/R48447v6-unemployment-insurance-legislative-issues-in-the.md",
     ["Julie M. Whittaker", "Katelin P. Isaacs"], None),
    ("R48469v6-2026-04-21", "pdf/reports/R48469.pdf",
     "markdown/reports/R48469v6-the-seafood-import-monitoring-program-simp.md", None, None),
    ("R48863v3-2026-04-23", "pdf/reports/R48863.3.pdf",
     "markdown/reports/R48863v3-local-and-regional-project-assistance-program-ba.md", None, None),
    ("R48902v1-2026-04-10", "pdf/reports/R48902.1.pdf",
     "markdown/reports/R48902v1-internet-architecture-a-layer-based-analysis-of-.md", None, None),
    ("R48905v2-2026-04-14", "pdf/reports/R48905.2.pdf",
     "markdown/reports/R48905v2-u-s-department-of-agriculture-usda-structure-and.md", None, None),
    ("R48906v2-2026-04-15", "pdf/reports/R48906.2.pdf",
     "markdown/reports/R48906v2-inflation-reduction-act-methane-emissions-charge.md", None, None),
    ("R48908v2-2026-04-15", "pdf/reports/R48908.2.pdf",
     "markdown/reports/R48908v2-the-u-s-and-foreign-commercial-service-overview-.md", None, None),
    ("R48910v2-2026-04-16", "pdf/reports/R48910.2.pdf",
     "markdown/reports/R48910v2-trump-accounts-overview-and-policy-consideration.md", None, None),
    ("R48916v2-2026-04-23", "pdf/reports/R48916.2.pdf",
     "markdown/reports/R48916v2-retailer-inventory-and-pricing-behavior-during-s.md",
     ["Michael Alan Havlin", "Clare Y. Cho"], None),
]

# PDF superscript digit runs that are not note markers, checked by eye:
# (prefix, label, PDF page) -> why
NOT_MARKERS = {
    ("R48906v2-2026-04-15", "2", 12): "the '2' of 'MTCO2e' in the heading 'WEC 25,000 MTCO2e Emissions "
                                      "Threshold'; congress.gov prints it as plain text",
}

CTX_WORDS = 12   # words of context wanted (8-15 allowed)
MIN_WORDS = 4


# ---------------------------------------------------------------- helpers
def git_show(mirror, path):
    return subprocess.run(["git", "--git-dir", mirror, "show", f"{COMMIT}:{path}"],
                          check=True, capture_output=True).stdout


def ws(s):
    return re.sub(r"\s+", " ", s).strip()


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u00a0": " ", "\u2010": "-", "\u2011": "-"})


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
    line = re.sub(r"_{2,}(?=[.,;:])", "", line)               # '_net profit__._' -> 'net profit.'
    line = re.sub(r"_{2,}", " ", line)                       # empty emphasis runs
    line = re.sub(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", "", line)  # _italic_
    return line


def parse_markdown(md):
    lines = md.split("\n")
    meta = {}
    title = lines[0].lstrip("# ").strip()
    for ln in lines[:40]:
        m = re.match(r"\| \*\*Authors?:\*\* \| (.*)", ln)
        if m and "authors" not in meta:
            meta["authors"] = [ws(" ".join(reversed([p.strip() for p in a.split(",", 1)])))
                               for a in m.group(1).strip().split(";") if a.strip()]
        m = re.match(r"\*\*Publication Date:\*\* (\d\d)/(\d\d)/(\d{4})", ln)
        if m and "date" not in meta:
            meta["date"] = f"{m.group(3)}-{m.group(1)}-{m.group(2)}"
    meta["title"] = title
    # notes
    i_fn = next(i for i, ln in enumerate(lines) if ln.strip() == "# Footnotes")
    notes, cur = [], None
    for ln in lines[i_fn + 1:]:
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
    for ln in body_lines + [""]:
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
            if ncol > 1 or re.match(r"\|\s*(Figure|Table)\s+[A-Z]?-?\d+\.", first) \
                    or any(re.match(r"\|\s*(\*\*)?(Source|Notes?)s?:", b.strip()) for b in blk):
                kind = "table"
            else:
                kind = "textbox"
        elif re.match(r"(\*\*)?(Figure|Table)\s+[A-Z]?-?\d+\.", first) \
                or re.match(r"(\*\*)?(Sources?|Notes?)\s*:", first):
            kind = "caption"
        else:
            kind = "prose"
        t = " ".join(clean_inline(re.sub(r"^\s*[-*] ", "", b.lstrip("|").replace(" | ", " ")))
                     for b in blk)
        t = ws(t)
        start = len(text)
        text += t
        spans.append((start, len(text), kind))
        text += "\n"
    return text, spans


# ---------------------------------------------------------------- PDF
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def pdf_words(pdf):
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    pages = out.split("<page ")[1:]
    words = []
    for pno, pg in enumerate(pages, 1):
        for m in WORD.finditer(pg):
            x0, y0, x1, y1 = map(float, m.group(1, 2, 3, 4))
            t = m.group(5).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") \
                .replace("&quot;", '"').replace("&apos;", "'")
            words.append({"p": pno, "x0": x0, "y0": y0, "x1": x1, "y1": y1, "t": t})
    return words


def is_raised_small(w, prev):
    if prev is None or prev["p"] != w["p"]:
        return False
    h, hp = w["y1"] - w["y0"], prev["y1"] - prev["y0"]
    same_line = w["y0"] < prev["y1"] and prev["y0"] < w["y1"]
    touching = -0.5 <= w["x0"] - prev["x1"] <= 2.5
    return same_line and touching and h < 0.82 * hp and w["y1"] < prev["y1"] - 0.8


def in_margin(w):
    """running header (title, top of page) or footer (CRS name, page number)"""
    return w["y1"] < 58 or w["y0"] > 735


def pdf_markers(words):
    """Superscript digit runs in reading order with the PDF words around them."""
    sup = [False] * len(words)
    for i in range(1, len(words)):
        if is_raised_small(words[i], words[i - 1]):
            sup[i] = True
    ok = [not sup[k] and not in_margin(words[k]) for k in range(len(words))]
    marks = []
    for i, w in enumerate(words):
        if sup[i] and re.fullmatch(r"\d+(,\d+)*,?", w["t"]):
            prev = [k for k in range(max(0, i - 60), i) if ok[k] and words[k]["p"] == w["p"]]
            nxt = [k for k in range(i + 1, min(len(words), i + 30)) if ok[k] and words[k]["p"] == w["p"]]
            for lab in [x for x in w["t"].split(",") if x]:
                marks.append({"label": lab, "page": w["p"], "i": i,
                              "prev_words": [words[k]["t"] for k in prev][-10:],
                              "next_words": [words[k]["t"] for k in nxt][:6]})
    return marks, sup


# ---------------------------------------------------------------- alignment
def locate(mark, text, body_sq, body_idx, cursor):
    """Position in the body text right after the words the PDF prints before the
    marker. The longest run of preceding words found in the body wins; among its
    occurrences the one followed by the same punctuation and the same next words
    as in the PDF, then the first one after the previous marker, is taken."""
    pw, nw = mark["prev_words"], mark["next_words"]
    tp = fold(re.search(r"[^A-Za-z0-9]*$", pw[-1]).group(0)) if pw else ""
    fwd, _ = squash(" ".join(nw))
    for k in range(len(pw), 0, -1):
        anc, _ = squash(" ".join(pw[-k:]))
        if not anc or (len(anc) < 4 and k < len(pw)):
            continue
        hits = [m.start() for m in re.finditer(re.escape(anc), body_sq)]
        if not hits:
            continue
        scored = []
        lab = mark["label"]
        for h in hits:
            end = h + len(anc)
            pos = body_idx[end - 1] + 1
            if pos < len(text) and text[pos].isalnum() and not text.startswith(lab, pos):
                continue                      # the body word goes on: not a word end
            run = re.match(r"[^\sA-Za-z0-9]*", text[pos:]).group(0)
            punct_ok = fold(run).startswith(tp.strip()) if tp.strip() else True
            mpos = pos + len(tp.strip()) if punct_ok else pos
            # congress.gov kept some markers (in text boxes) as plain digits
            inline = text.startswith(lab, mpos) and not text[mpos + len(lab):][:1].isdigit()
            if inline:
                end += len(lab)
            f = 0
            while f < min(len(fwd), 30) and end + f < len(body_sq) and body_sq[end + f] == fwd[f]:
                f += 1
            fwd_ok = f >= min(len(fwd), 12) and len(fwd) > 0
            after = h >= cursor
            scored.append(((punct_ok, fwd_ok, after, -abs(h - cursor)), h, end, mpos,
                           punct_ok, fwd_ok, len(lab) if inline else 0))
        if not scored:
            continue
        scored.sort(key=lambda x: x[0], reverse=True)
        best = scored[0]
        strength = "strong" if (k >= 4 or best[5]) and best[4] else "weak"
        return best[3], best[2], k, strength, len(scored), best[6]
    return None, None, 0, "none", 0, 0


ORD = re.compile(r"(st|nd|rd|th)")


def common_suffix(a, b):
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def check_context(ctx, words, sup, i):
    """Compare a context (congress.gov text) with the words the PDF prints before
    the marker on the same page. The Markdown dropped every <sup>, so ordinals
    set as superscripts ('117th', 'September 30th') lost their suffix: put it
    back where that makes the context agree with the PDF. Where the two texts
    still differ (a wording change between the HTML and the PDF), drop leading
    words until the context is printed in the PDF too (never below 4 words)."""
    p = words[i]["p"]
    ks = [k for k in range(max(0, i - 120), i) if words[k]["p"] == p and not in_margin(words[k])]
    keep = [k for k in ks if not sup[k] or ORD.fullmatch(words[k]["t"])]
    pdf_sq = squash(" ".join(words[k]["t"] for k in keep))[0]

    def fits(c):
        c = squash(c)[0]
        return pdf_sq.endswith(c) or (len(pdf_sq) < len(c) and c.endswith(pdf_sq))

    notes = []
    ords = [(re.search(r"(\d+)$", words[k - 1]["t"]).group(1), words[k]["t"]) for k in ks
            if sup[k] and ORD.fullmatch(words[k]["t"]) and k > 0 and re.search(r"\d$", words[k - 1]["t"])]
    while not fits(ctx) and ords:
        best, score = None, common_suffix(squash(ctx)[0], pdf_sq)
        for num, suf in ords:
            for m in re.finditer(r"\b%s(?![0-9A-Za-z])" % num, ctx):
                cand = ctx[:m.end()] + suf + ctx[m.end():]
                sc = common_suffix(squash(cand)[0], pdf_sq)
                if sc > score:
                    best, score = cand, sc
        if best is None:
            break
        ctx = best
        notes.append("ordinal suffix restored")
    if fits(ctx):
        return ctx, "; ".join(notes)
    ws_ = ctx.split()
    for cut in range(1, len(ws_) - MIN_WORDS + 1):
        if fits(" ".join(ws_[cut:])):
            notes.append("leading words that the PDF words differently dropped: " + " ".join(ws_[:cut]))
            return " ".join(ws_[cut:]), "; ".join(notes)
    notes.append("CONTEXT NOT CONFIRMED IN PDF")
    return ctx, "; ".join(notes)


def context_before(text, spans, pos, prev_positions):
    """8-15 words of body text ending at pos; not crossing a previous marker."""
    blk = next((s for s in spans if s[0] <= pos <= s[1]), None)
    lo = blk[0] if blk else 0
    bound = max([p for p in prev_positions if p < pos] + [0])
    seg = text[max(lo, bound):pos]
    words = seg.split()
    if len(words) < MIN_WORDS and lo > bound:
        # heading or very short start of block: reach back into the block before
        words = text[bound:pos].split()
    return " ".join(words[-CTX_WORDS:])


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
DATE = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|"
                  r"November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.) \d{1,2}, \d{4}")


def classify(text, earlier):
    """ibid: the note starts with Ibid./Id.; short: no URL, no full date, and it
    repeats the quoted title of a longer note before it (a short-form cite); full: a URL, or a
    dated reference of some length; other: the rest (statute cites,
    explanations)."""
    t = text.strip()
    if IBID.match(t):
        return "ibid"
    titles = [m.group(1).lower() for m in QTITLE.finditer(t)]
    if not URL.search(t) and len(t) < 220 and titles and not DATE.search(t) and any(
            ti in e["text"].lower() and len(e["text"]) > len(t) for ti in titles for e in earlier):
        return "short"
    if URL.search(t) or (re.search(r"\b(19|20)\d\d\b", t) and len(t) > 80):
        return "full"
    return "other"


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def pdf_pages(path):
    out = subprocess.run(["pdfinfo", path], check=True, capture_output=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


# ---------------------------------------------------------------- main
def build(mirror, doc, log):
    prefix, pdf_path, md_path, authors_override, title_override = doc
    os.makedirs(DOCS_DIR, exist_ok=True)
    pdf = os.path.join(DOCS_DIR, prefix + ".pdf")
    data = git_show(mirror, pdf_path)
    if not os.path.exists(pdf) or open(pdf, "rb").read() != data:
        with open(pdf, "wb") as f:
            f.write(data)
    md = git_show(mirror, md_path).decode("utf-8")
    meta, raw_notes, body_lines = parse_markdown(md)
    text, spans = build_body(body_lines)
    body_sq, body_idx = squash(text)

    notes = []
    for k, rn in enumerate(raw_notes, 1):
        assert rn["n"] == k, (prefix, rn["n"], k)
        t = ws(clean_inline(" ".join(rn["parts"])))
        notes.append({"n": k, "label": str(k), "text": t, "url": first_url(t),
                      "ibid_of": None, "page": None, "kind": None})
    for nt in notes:
        nt["kind"] = classify(nt["text"], notes[:nt["n"] - 1])
        if nt["kind"] == "ibid" and nt["n"] > 1:
            src = nt["n"] - 1                      # Ibid./Id. repeats the note before it,
            while notes[src - 1]["kind"] == "ibid" and notes[src - 1]["ibid_of"]:
                src = notes[src - 1]["ibid_of"]     # or what that note repeats
            nt["ibid_of"] = src

    words = pdf_words(pdf)
    marks, sup = pdf_markers(words)
    cursor, markers, dlog, found = 0, [], [], []
    for order, mk in enumerate(marks):
        why = NOT_MARKERS.get((prefix, mk["label"], mk["page"]))
        if why:
            dlog.append({"label": mk["label"], "pdf_page": mk["page"], "status": "not_a_marker",
                         "why": why, "pdf_before": " ".join(mk["prev_words"][-6:])})
            continue
        pos, end, k, strength, nhits, inline = locate(mk, text, body_sq, body_idx, cursor)
        entry = {"label": mk["label"], "pdf_page": mk["page"],
                 "pdf_before": " ".join(mk["prev_words"][-6:]),
                 "pdf_after": " ".join(mk["next_words"][:4])}
        if pos is None:
            entry["status"] = "unmatched"
            dlog.append(entry)
            continue
        kind = next((s[2] for s in spans if s[0] <= pos <= s[1]), "prose")
        entry.update({"status": kind, "anchor_words": k, "match": strength,
                      "candidates": nhits, "md_pos": pos, "inline_digits": inline})
        found.append((order, mk, pos, kind, entry))
        dlog.append(entry)
        if kind in ("prose", "textbox"):
            cursor = end
    # a later context never reaches back over an earlier marker (nor over the
    # plain digits of a marker kept in the text)
    all_pos = [f[2] + f[4]["inline_digits"] for f in found]
    for order, mk, pos, kind, entry in found:
        if kind not in ("prose", "textbox"):
            continue
        ctx = context_before(text, spans, pos, all_pos)
        ctx, note = check_context(ctx, words, sup, mk["i"])
        if note:
            entry["context_fix"] = note
        entry["context"] = ctx
        n = int(mk["label"])
        markers.append({"label": mk["label"], "context": ctx, "page": None,
                        "note_n": n if 1 <= n <= len(notes) else None})

    # phrases from notes that must not appear in the body: 8 plain words (letters,
    # digits, commas, full stops, hyphens; no quotes), found in no other note and
    # nowhere in the body text
    bmnc = []
    body_fold = fold(text).lower()
    for nt in sorted(notes, key=lambda x: -len(x["text"])):
        cands = []
        for seg in re.split(r"https?:\S+", nt["text"]):   # never across a URL
            w = seg.split()
            cands += [" ".join(w[st:st + 8]) for st in range(len(w) - 7)
                      if all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9,.\-]*", x) for x in w[st:st + 8])]
        for ph in cands[len(cands) // 3:] + cands[:len(cands) // 3]:
            if len(ph) >= 40 and ph.lower() not in body_fold and \
                    not any(ph.lower() in fold(o["text"]).lower() for o in notes if o is not nt):
                bmnc.append(ph)
                break
        if len(bmnc) == 3:
            break

    page1 = " ".join(w["t"] for w in words if w["p"] == 1)
    title = title_override or meta["title"]
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    y, mo, d = meta["date"].split("-")
    checks = {"title_on_page_1": squash(title)[0] in squash(page1)[0],
              "date_on_page_1": f"{months[int(mo) - 1]} {int(d)}, {y}" in page1}
    gold = {"file": prefix + ".pdf",
            "title": title,
            "authors": authors_override or meta.get("authors", []),
            "date": meta["date"],
            "notes": notes,
            "markers": markers,
            "body_must_not_contain": bmnc,
            "layout": "crs_pdf",
            "numbering": "continuous superscript arabic digits 1..N in the body; "
                         "notes at the foot of each page"}
    with open(os.path.join(DOCS_DIR, prefix + ".gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
        f.write("\n")
    log[prefix] = {"checks": checks, "pdf_superscripts": len(marks),
                   "context_fixes": [d for d in dlog if d.get("context_fix")],
                   "unmatched": [d for d in dlog if d["status"] == "unmatched"],
                   "skipped_table_or_caption": [d for d in dlog if d["status"] in ("table", "caption")],
                   "not_a_marker": [d for d in dlog if d["status"] == "not_a_marker"],
                   "weak": [d for d in dlog if d.get("match") == "weak"],
                   "all": dlog,
                   "markers": len(markers), "notes": len(notes)}
    return {"file": prefix + ".pdf", "source_repo": SOURCE_REPO, "source_path": pdf_path,
            "text_source_path": md_path, "commit": COMMIT, "sha256": sha256(pdf),
            "pages": pdf_pages(pdf)}


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    mirror, only = argv[1], set(argv[2:])
    man_path = os.path.join(HERE, "manifest.json")
    manifest = {d["file"]: d for d in json.load(open(man_path))["documents"]} \
        if os.path.exists(man_path) else {}
    log_path = os.path.join(HERE, "build_log.json")
    log = json.load(open(log_path)) if os.path.exists(log_path) and only else {}
    for doc in DOCS:
        if only and doc[0] not in only:
            continue
        entry = build(mirror, doc, log)
        manifest[entry["file"]] = entry
        print(f"{doc[0]}: notes {log[doc[0]]['notes']}, markers {log[doc[0]]['markers']}, "
              f"pdf superscripts {log[doc[0]]['pdf_superscripts']}, "
              f"unmatched {len(log[doc[0]]['unmatched'])}, "
              f"in tables/captions {len(log[doc[0]]['skipped_table_or_caption'])}")
    keep = [d[0] + ".pdf" for d in DOCS]
    docs = [manifest[k] for k in keep if k in manifest]
    with open(man_path, "w") as f:
        json.dump({"source_repo": SOURCE_REPO, "commit": COMMIT, "documents": docs}, f, indent=1)
        f.write("\n")
    with open(log_path, "w") as f:
        json.dump(log, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv)
