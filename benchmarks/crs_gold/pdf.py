"""The PDF side: poppler's words with their boxes, the superscript digit runs that are note
markers, and anchoring each one in the congress.gov body to take its context."""

import hashlib
import re
import subprocess

from benchmarks.crs_gold.text import fold, squash

CTX_WORDS = 12  # words of context wanted (8-15 allowed)
MIN_WORDS = 4


# ---------------------------------------------------------------- PDF
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def pdf_words(pdf):
    out = subprocess.run(
        ["pdftotext", "-bbox", pdf, "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    pages = out.split("<page ")[1:]
    words = []
    for pno, pg in enumerate(pages, 1):
        for m in WORD.finditer(pg):
            x0, y0, x1, y1 = map(float, m.group(1, 2, 3, 4))
            t = (
                m.group(5)
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", '"')
                .replace("&apos;", "'")
            )
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
            nxt = [
                k
                for k in range(i + 1, min(len(words), i + 30))
                if ok[k] and words[k]["p"] == w["p"]
            ]
            for lab in [x for x in w["t"].split(",") if x]:
                marks.append(
                    {
                        "label": lab,
                        "page": w["p"],
                        "i": i,
                        "prev_words": [words[k]["t"] for k in prev][-10:],
                        "next_words": [words[k]["t"] for k in nxt][:6],
                    }
                )
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
                continue  # the body word goes on: not a word end
            run = re.match(r"[^\sA-Za-z0-9]*", text[pos:]).group(0)
            punct_ok = fold(run).startswith(tp.strip()) if tp.strip() else True
            mpos = pos + len(tp.strip()) if punct_ok else pos
            # congress.gov kept some markers (in text boxes) as plain digits
            inline = text.startswith(lab, mpos) and not text[mpos + len(lab) :][:1].isdigit()
            if inline:
                end += len(lab)
            f = 0
            while f < min(len(fwd), 30) and end + f < len(body_sq) and body_sq[end + f] == fwd[f]:
                f += 1
            fwd_ok = f >= min(len(fwd), 12) and len(fwd) > 0
            after = h >= cursor
            scored.append(
                (
                    (punct_ok, fwd_ok, after, -abs(h - cursor)),
                    h,
                    end,
                    mpos,
                    punct_ok,
                    fwd_ok,
                    len(lab) if inline else 0,
                )
            )
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
    ords = [
        (re.search(r"(\d+)$", words[k - 1]["t"]).group(1), words[k]["t"])
        for k in ks
        if sup[k]
        and ORD.fullmatch(words[k]["t"])
        and k > 0
        and re.search(r"\d$", words[k - 1]["t"])
    ]
    while not fits(ctx) and ords:
        best, score = None, common_suffix(squash(ctx)[0], pdf_sq)
        for num, suf in ords:
            for m in re.finditer(rf"\b{num}(?![0-9A-Za-z])", ctx):
                cand = ctx[: m.end()] + suf + ctx[m.end() :]
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
            notes.append(
                "leading words that the PDF words differently dropped: " + " ".join(ws_[:cut])
            )
            return " ".join(ws_[cut:]), "; ".join(notes)
    notes.append("CONTEXT NOT CONFIRMED IN PDF")
    return ctx, "; ".join(notes)


def context_before(text, spans, pos, prev_positions):
    """8-15 words of body text ending at pos; not crossing a previous marker."""
    blk = next((s for s in spans if s[0] <= pos <= s[1]), None)
    lo = blk[0] if blk else 0
    bound = max([p for p in prev_positions if p < pos] + [0])
    seg = text[max(lo, bound) : pos]
    words = seg.split()
    if len(words) < MIN_WORDS and lo > bound:
        # heading or very short start of block: reach back into the block before
        words = text[bound:pos].split()
    return " ".join(words[-CTX_WORDS:])


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def pdf_pages(path):
    out = subprocess.run(["pdfinfo", path], check=True, capture_output=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
