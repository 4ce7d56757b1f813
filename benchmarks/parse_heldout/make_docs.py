#!/usr/bin/env python3
"""Generate the held-out footnote-parsing benchmark.

Every document and its gold file come from one in-memory model built here
from the content banks in src/ (corpus_en.py, corpus_tr_ru.py).  Sources
(.tex, .fodt, pandoc .md) are written to src/, finished documents and
NAME.gold.json to docs/.  Needs pdflatex, soffice, pandoc and pdftotext.

    python3 benchmarks/parse_heldout/make_docs.py            # build everything
    python3 benchmarks/parse_heldout/make_docs.py NAME ...   # build some
"""

import json
import random
import re
import shutil
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape as xesc

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
OUT = HERE / "docs"
sys.path.insert(0, str(SRC))
import corpus_en as C  # noqa: E402
import corpus_tr_ru as TRRU  # noqa: E402

URL_RE = re.compile(r"https?://[^\s]+")


def first_url(text):
    m = URL_RE.search(text)
    return m.group(0).rstrip(".,;)") if m else None


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------
SMALL = {
    "and",
    "of",
    "the",
    "in",
    "on",
    "for",
    "to",
    "a",
    "an",
    "as",
    "at",
    "by",
    "from",
    "with",
    "over",
    "after",
    "is",
    "its",
}


def titlecase(s):
    out = []
    words = s.split(" ")
    for i, w in enumerate(words):
        after_colon = i > 0 and words[i - 1].endswith(":")
        if any(ch.isupper() for ch in w) or (i > 0 and w in SMALL and not after_colon):
            out.append(w)
        else:
            out.append(w[:1].upper() + w[1:])
    return " ".join(out)


def cap1(s):
    return s[:1].upper() + s[1:]


def ascii_fold(s):
    s = s.replace("ı", "i").replace("İ", "I").replace("’", "").replace("'", "")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def slugify(s):
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(s).lower()).strip("-")


def slug_title(s):
    return "-".join(w[:1].upper() + w[1:] for w in slugify(s).split("-"))


def digits(rng, k):
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(k - 1))


def hexs(rng, k):
    return "".join(rng.choice("0123456789abcdef") for _ in range(k))


LOWERABLE = set(
    "The A In By Between Officials Critics What Few Data Negotiations For Local Industry Several "
    "Analysts None According Whether These Earlier It Skeptics Proponents Taken Much This There As At "
    "Independent Some Public Government Officials".split()
)

SECTIONS = [
    "world",
    "business",
    "markets",
    "technology",
    "world/asia-pacific",
    "business/energy",
    "world/europe",
    "sustainability",
    "china",
    "economy",
    "politics",
    "world/africa",
    "commodities",
]


def make_url(rng, shape, title, y, m, d, vals=None):
    if vals is None:
        vals = url_vals(rng, title, y, m, d)
    return shape.format(**vals)


def url_vals(rng, title, y, m, d):
    uid = hexs(rng, 32)
    vals = dict(
        y=y,
        m=m,
        d=d,
        yy=str(y)[2:],
        mon=C.MON3[m - 1],
        slug=slugify(title)[:90].strip("-"),
        Slug=slug_title(title)[:90].strip("-"),
        section=rng.choice(SECTIONS),
        Section=rng.choice(["Business", "Politics", "Spotlight", "Economy", "Business/Markets"]),
        uuid=f"{uid[:8]}-{uid[8:12]}-{uid[12:16]}-{uid[16:20]}-{uid[20:]}",
        hex8=hexs(rng, 8),
        hex24=hexs(rng, 24),
        hex32=hexs(rng, 32),
        code=rng.choice(["NG", "ET", "CM", "EP", "QE"]) + str(rng.randint(100, 199)),
    )
    for k in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 18):
        vals[f"n{k}"] = digits(rng, k)
    return vals


def date_before(rng, y, m, d, span_days=5 * 365, min_days=20):
    import datetime as dt

    base = dt.date(y, m, d)
    x = base - dt.timedelta(days=rng.randint(min_days, span_days))
    return x.year, x.month, x.day


# ---------------------------------------------------------------------------
# English: cited works, note texts
# ---------------------------------------------------------------------------
class Filler:
    """Fills {X} {A} ... slots from a topic bank."""

    def __init__(self, rng, topic, year):
        self.rng, self.T, self.year = rng, topic, year

    def __call__(self, tmpl):
        rng, T = self.rng, self.T
        v = {}
        v["X"], v["X2"] = rng.sample(T["X"], 2)
        v["A"], v["A2"] = rng.sample(T["A"], 2)
        v["Y"] = rng.choice(T["Y"])
        v["P"] = rng.choice(T["P"])
        v["M"] = rng.choice(T["M"])
        v["Xc"], v["Yc"] = titlecase(v["X"]), titlecase(v["Y"])
        if v["X"].startswith("the "):
            v["Xc"] = "the " + v["Xc"][4:]
        yr = rng.randint(self.year - 5, self.year - 1)
        v["yr"], v["yr0"], v["yr5"] = str(yr), str(yr - rng.randint(2, 7)), str(yr + 5)
        v["pct"] = str(rng.randint(8, 85))
        n1 = rng.randint(2, 40)
        v["n1"], v["n2"] = str(n1), str(n1 + rng.randint(5, 90))
        v["Q"] = rng.choice(C.QUOTES)
        s = re.sub(r"\{(\w+)\}", lambda m: v[m.group(1)], tmpl)
        s = re.sub(r"(: |\? )(the|a|an) ", lambda m: m.group(1) + m.group(2).capitalize() + " ", s)
        return cap1(s)


def person(rng):
    return f"{rng.choice(C.FIRST)} {rng.choice(C.LAST)}"


def people(rng, weights=(55, 30, 10, 5)):
    k = rng.choices([1, 2, 3, 4], weights=weights)[0]
    out = []
    while len(out) < k:
        p = person(rng)
        if p not in out:
            out.append(p)
    return out


def surname(name):
    return name.split(" ")[-1]


def authors_en(a):
    if not a:
        return ""
    if len(a) == 1:
        return a[0]
    if len(a) == 2:
        return f"{a[0]} and {a[1]}"
    if len(a) == 3:
        return f"{a[0]}, {a[1]}, and {a[2]}"
    return f"{a[0]} et al."


def pg(rng, style, plural=None):
    p = rng.randint(3, 180)
    if plural is None:
        plural = rng.random() < 0.25
    if style == "bare":
        return f"{p}–{p + rng.randint(1, 6)}" if plural else f"{p}"
    return f"pp. {p}–{p + rng.randint(1, 6)}" if plural else f"p. {p}"


def make_work(rng, fill, kind, doc_date):
    y, m, d = date_before(
        rng, *doc_date, span_days=6 * 365 if kind in ("book", "journal") else 4 * 365
    )
    w = dict(kind=kind, y=y, m=m, d=d)
    if kind == "news":
        outlet, shape = rng.choice(C.NEWS)
        w.update(
            authors=people(rng, (70, 25, 5, 0)) if rng.random() < 0.8 else [],
            title=fill(rng.choice(C.T_NEWS)),
            container=outlet,
        )
        w["url"] = make_url(rng, shape, w["title"], y, m, d)
    elif kind in ("report", "comment"):
        org, city, shape = rng.choice(C.THINK)
        w.update(
            authors=people(rng), title=fill(rng.choice(C.T_ANALYSIS)), container=org, place=city
        )
        w["url"] = make_url(rng, shape, w["title"], y, m, d)
    elif kind == "gov":
        ag, shape, rep = rng.choice(C.GOV)
        w.update(authors=[], title=fill(rng.choice(C.T_GOV)), container=ag)
        vals = url_vals(rng, w["title"], y, m, d)
        w["url"] = make_url(rng, shape, w["title"], y, m, d, vals)
        w["repno"] = make_url(rng, rep, w["title"], y, m, d, vals) if rep else None
    elif kind == "book":
        place, press = rng.choice(C.PRESSES)
        w.update(
            authors=people(rng, (75, 22, 3, 0)),
            title=fill(rng.choice(C.T_BOOK)),
            place=place,
            container=press,
        )
    elif kind == "journal":
        j, doi = rng.choice(C.JOURNALS)
        w.update(
            authors=people(rng, (50, 35, 12, 3)),
            title=fill(rng.choice(C.T_JOURNAL)),
            container=j,
            vol=str(rng.randint(8, 62)),
            issue=str(rng.randint(1, 6)),
        )
        p0 = rng.randint(1, 700)
        w["pp"] = f"{p0}–{p0 + rng.randint(14, 35)}"
        w["url"] = None
        if doi and rng.random() < 0.55:
            w["url"] = (
                f"https://doi.org/{doi}{y}.{digits(rng, 7)}"
                if doi.endswith(".")
                else f"https://doi.org/{doi}{digits(rng, 5)}"
            )
    elif kind == "data":
        org, city, shape = rng.choice(C.THINK)
        w.update(authors=[], title=fill(rng.choice(C.T_DATA)), container=org)
        w["url"] = make_url(rng, shape, w["title"], y, m, d)
        w["acc"] = date_before(rng, *doc_date, span_days=200, min_days=10)
    w["title"] = re.sub(
        r"(: |\? )(the|a|an) ",
        lambda m: m.group(1) + m.group(2).capitalize() + " ",
        cap1(titlecase(w["title"])),
    )
    w["acc"] = w.get("acc") or date_between(rng, (y, m, d), doc_date)
    return w


def date_between(rng, a, b):
    import datetime as dt

    a, b = dt.date(*a), dt.date(*b)
    if b <= a:
        return a.year, a.month, a.day
    x = a + dt.timedelta(days=rng.randint(0, min(400, (b - a).days)))
    return x.year, x.month, x.day


def fmt_date(y, m, d, style):
    if style == "eu":
        return f"{d} {C.MONTHS[m - 1]} {y}"
    return f"{C.MONTHS[m - 1]} {d}, {y}"


def cite_full(rng, w, st):
    """Full first citation, without final period.  st: chicago | eu | md | pipe."""
    ps = st.get("pstyle", "p")
    style = st["cite"]
    au = authors_en(w.get("authors") or [])
    k = w["kind"]
    date = fmt_date(w["y"], w["m"], w["d"], style)
    cq = "”," if style == "eu" else ",”"  # comma outside/inside quotes
    if style == "pipe":
        parts = []
        if au:
            parts.append(au)
        parts.append(w["title"])
        parts.append(w["container"])
        if k == "journal":
            parts[-1] = f"{w['container']} {w['vol']}({w['issue']}): {w['pp']}"
            parts.append(str(w["y"]))
        elif k == "book":
            parts.append(str(w["y"]))
        else:
            parts.append(date)
        if w.get("url"):
            parts.append(w["url"])
        return ". ".join(p.rstrip(".") for p in parts[:-1]) + ". " + parts[-1]
    if style == "md":
        head = f"{au}, " if au else ""
        if k == "journal":
            s = f"{head}“{w['title']}”, {w['container']} {w['vol']}, no. {w['issue']} ({w['y']}): {w['pp']}"
        elif k == "book":
            s = f"{head}{w['title']} ({w['place']}: {w['container']}, {w['y']})"
        else:
            s = f"{head}“{w['title']}” ({w['container']}, {fmt_date(w['y'], w['m'], w['d'], 'eu')})"
        return s + (f", {w['url']}" if w.get("url") else "")
    # chicago / eu
    head = f"{au}, " if au else ""
    if k == "news":
        s = f"{head}“{w['title']}{cq} {w['container']}, {date}, {w['url']}"
        if style == "eu":
            s += f" (accessed {fmt_date(*w['acc'], 'eu')})"
        return s
    if k == "report":
        when = (
            f"{C.MONTHS[w['m'] - 1]} {w['y']}"
            if style != "eu"
            else f"{C.MONTHS[w['m'] - 1]} {w['y']}"
        )
        return f"{head}{w['title']} ({w['place']}: {w['container']}, {when}), {pg(rng, ps)}, {w['url']}"
    if k == "comment":
        return f"{head}“{w['title']}{cq} {w['container']}, {date}, {w['url']}"
    if k == "gov":
        rep = f", {w['repno']}" if w.get("repno") else ""
        return f"{w['container']}, {w['title']}{rep} ({C.MONTHS[w['m'] - 1]} {w['y']}), {pg(rng, ps)}, {w['url']}"
    if k == "book":
        return f"{head}{w['title']} ({w['place']}: {w['container']}, {w['y']}), {pg(rng, ps)}"
    if k == "journal":
        s = f"{head}“{w['title']}{cq} {w['container']} {w['vol']}, no. {w['issue']} ({w['y']}): {w['pp']}"
        return s + (f", {w['url']}" if w.get("url") else "")
    if k == "data":
        return (
            f"{w['container']}, “{w['title']}{cq} accessed {fmt_date(*w['acc'], style)}, {w['url']}"
        )
    raise ValueError(k)


def short_title(w):
    t = w["title"].split(":")[0]
    words = t.split()
    t = " ".join(words[:4]) if len(words) > 5 else t
    return t


def cite_short(rng, w, st):
    ps = st.get("pstyle", "p")
    who = surname(w["authors"][0]) if w.get("authors") else w["container"]
    if len(w.get("authors") or []) == 2:
        who = f"{surname(w['authors'][0])} and {surname(w['authors'][1])}"
    t = short_title(w)
    if w["kind"] in ("news", "journal", "comment", "data"):
        cq = "”," if st["cite"] == "eu" else ",”"
        return f"{who}, “{t}{cq} {pg(rng, ps)}"
    return f"{who}, {t}, {pg(rng, ps)}"


def end(s):
    return s if s.endswith((".", "?", "!", ".”")) else s + "."


def gen_notes_en(rng, T, n, st, doc_date, allow_discursive=True):
    """Returns a list of note dicts: text, kind, work, ibid_of_n, source_n."""
    fill = Filler(rng, T, doc_date[0])
    kinds = (
        ["news"] * 30
        + ["report"] * 16
        + ["comment"] * 8
        + ["gov"] * 12
        + ["book"] * 10
        + ["journal"] * 14
        + ["data"] * 4
    )
    if st["cite"] == "pipe":
        kinds = [k for k in kinds if k not in ("book",)]
    notes = []
    works = []  # (work, first n)
    cited_first = {}

    def new_work():
        w = make_work(rng, fill, rng.choice(kinds), doc_date)
        works.append(w)
        return w

    for i in range(1, n + 1):
        prev = notes[-1] if notes else None
        r = rng.random()
        rec = dict(n=i, work=None, ibid_of_n=None, source_n=None, op_cit=False)
        if prev and prev["work"] is not None and r < 0.15 and st.get("ibid", True):
            w = prev["work"]
            if rng.random() < 0.45 or w["kind"] in ("news", "data", "comment"):
                txt = "Ibid."
            else:
                txt = f"Ibid., {pg(rng, st.get('pstyle', 'p'))}."
            rec.update(
                text=txt, kind="ibid", work=w, ibid_of_n=prev["n"], source_n=cited_first[id(w)]
            )
        elif len(works) > 4 and r < 0.25 and st["cite"] in ("chicago", "eu"):
            cand = [
                w for w in works if w.get("authors") and (prev is None or prev["work"] is not w)
            ]
            w = rng.choice(cand) if cand else None
            if w is None:
                w = new_work()
                rec.update(text=end(cite_full(rng, w, st)), kind="full", work=w)
                cited_first[id(w)] = i
            elif st.get("opcit", 0.5) > rng.random():
                a = w["authors"]
                who = surname(a[0]) if len(a) != 2 else f"{surname(a[0])} and {surname(a[1])}"
                rec.update(
                    text=f"{who}, op. cit., {pg(rng, st.get('pstyle', 'p'))}.",
                    kind="opcit",
                    work=w,
                    source_n=cited_first[id(w)],
                    op_cit=True,
                )
            else:
                rec.update(
                    text=end(cite_short(rng, w, st)),
                    kind="short",
                    work=w,
                    source_n=cited_first[id(w)],
                )
        elif r < 0.32 and st["cite"] != "pipe":
            w1, w2 = new_work(), new_work()
            lead = rng.choice(["See ", "See ", "", "For example, see "])
            txt = (
                f"{lead}{cite_full(rng, w1, st)}; and {cite_full(rng, w2, st)}"
                if lead
                else f"{cite_full(rng, w1, st)}; {cite_full(rng, w2, st)}"
            )
            rec.update(text=end(txt), kind="two")
            cited_first[id(w1)] = cited_first[id(w2)] = i
        elif r < 0.37 and allow_discursive and st["cite"] != "pipe":
            tmpl = rng.choice(C.DISCURSIVE)
            ws = [new_work() for _ in range(tmpl.count("{c"))]
            vals = dict(
                x=rng.choice(T["X"]),
                m=rng.choice(T["M"]),
                a=rng.choice(T["A"]),
                p=rng.choice(T["P"]),
                yr=str(doc_date[0] - rng.randint(1, 4)),
            )
            for j, w in enumerate(ws):
                vals[f"c{j + 1}"] = cite_full(rng, w, st)
                cited_first[id(w)] = i
            txt = tmpl.format(**vals)
            txt = re.sub(r"(https?://\S+?)\.\s", r"\1. ", txt)
            rec.update(text=cap1(txt), kind="discursive", work=ws[0] if len(ws) == 1 else None)
            if len(ws) == 1 and not txt.startswith(tuple("0123456789")):
                rec["work"] = None  # commentary around the cite: no ibid after it
        elif r < 0.39 and st["cite"] in ("chicago", "eu"):
            y, m, d = date_before(rng, *doc_date, span_days=500)
            rec.update(
                text=f"Author interview with a {rng.choice(C.ROLES)}, {rng.choice(T['P'])}, {C.MONTHS[m - 1]} {y}.",
                kind="interview",
            )
        else:
            w = new_work()
            full = cite_full(rng, w, st)
            rec.update(
                text=full if st["cite"] == "pipe" and first_url(full) else end(full),
                kind="full",
                work=w,
            )
            cited_first[id(w)] = i
        notes.append(rec)
    return notes


def notes_ok(notes):
    kinds = [x["kind"] for x in notes]
    need = {"ibid": 3, "full": 5}
    return all(kinds.count(k) >= v for k, v in need.items())


def gen_notes_checked(seed, T, n, st, doc_date, need_opcit=True):
    for s in range(seed, seed + 500):
        rng = random.Random(s)
        notes = gen_notes_en(rng, T, n, st, doc_date)
        kinds = [x["kind"] for x in notes]
        if not notes_ok(notes):
            continue
        if st["cite"] in ("chicago", "eu") and (
            kinds.count("two") < 2 or (need_opcit and kinds.count("opcit") < 2)
        ):
            continue
        if st["cite"] in ("chicago", "eu") and kinds.count("discursive") < 1:
            continue
        urls = sum(1 for x in notes if first_url(x["text"]) and len(first_url(x["text"])) > 70)
        if urls < n // 8:
            continue
        return notes
    raise RuntimeError("could not generate notes")


# ---------------------------------------------------------------------------
# English body
# ---------------------------------------------------------------------------
def ctx_of(text, k=10):
    words = text.split()
    return " ".join(words[-k:])


class Body:
    """Paragraph model.  A paragraph is a list of str and ('m', note_index0)."""

    def __init__(self, rng, T, year, sent_bank=None):
        self.rng, self.fill = rng, Filler(rng, T, year)
        self.bank = sent_bank or C.SENT
        self.used = set()

    def sentence(self):
        rng = self.rng
        s = self.fill(rng.choice(self.bank))
        tr = rng.choice(C.TRANS)
        if tr and "," not in " ".join(s.split(" ")[:5]):
            first = s.split(" ")[0]
            s = tr + (s[:1].lower() + s[1:] if first in LOWERABLE else s)
        if s.endswith("”"):
            return s[:-1] + ".”"
        return s + "."

    def paragraph(self, note_ids, nsent=None):
        rng = self.rng
        nsent = nsent or rng.randint(max(3, len(note_ids) + 1), max(4, len(note_ids) + 3))
        slots = sorted(rng.sample(range(nsent), len(note_ids)))
        items, seg = [], ""
        note_iter = iter(note_ids)
        for j in range(nsent):
            for _ in range(50):
                s = self.sentence()
                c = ctx_of((seg + " " + s).strip())
                if j in slots and (c in self.used or len(s.split()) < 7):
                    continue
                break
            seg = (seg + " " + s).strip()
            if j in slots:
                self.used.add(ctx_of(seg))
                items.append(seg)
                items.append(("m", next(note_iter)))
                seg = ""
        if seg:
            items.append(seg)
        # spaces between sentences: a str item after a marker starts with " "
        out = []
        for it in items:
            if isinstance(it, str) and out and isinstance(out[-1], tuple):
                it = " " + it
            out.append(it)
        return out


def distribute(total, parts, rng):
    base = [total // parts] * parts
    for i in range(total - sum(base)):
        base[i % parts] += 1
    for _ in range(parts):  # jitter
        a, b = rng.randrange(parts), rng.randrange(parts)
        if base[a] > 3:
            base[a] -= 1
            base[b] += 1
    return base


def build_sections(rng, body, heads, note_start, note_count, subheads=None, notes_per_para=(1, 3)):
    """Returns [(heading, [ (subheading|None, [para...]) ])]."""
    counts = distribute(note_count, len(heads), rng)
    out, k = [], note_start
    for h, c in zip(heads, counts):
        paras = []
        ids = list(range(k, k + c))
        k += c
        while ids:
            take = min(len(ids), rng.randint(*notes_per_para))
            paras.append(body.paragraph(ids[:take]))
            ids = ids[take:]
            if rng.random() < 0.2:
                paras.append(body.paragraph([]))
        if not paras:
            paras.append(body.paragraph([]))
        if subheads:
            subs = rng.sample(subheads, 2)
            cut = max(1, len(paras) // 2)
            out.append(
                (h, [(None, paras[:1]), (subs[0], paras[1 : cut + 1]), (subs[1], paras[cut + 1 :])])
            )
        else:
            out.append((h, [(None, paras)]))
    return out


def para_plain(p, marker=lambda i: ""):
    return "".join(x if isinstance(x, str) else marker(x[1]) for x in p)


def collect_markers(sections_list, label_of, page_of=None):
    """markers in reading order with verbatim context."""
    marks = []
    for p in iter_paras(sections_list):
        seg = ""
        for x in p:
            if isinstance(x, str):
                seg += x
            else:
                i = x[1]
                words = seg.split()
                ctx = " ".join(words[-10:])
                assert len(words) >= 6, (seg, i)
                marks.append(dict(label=label_of(i), context=ctx, page=None, _i=i))
                seg = ""
    return marks


def iter_paras(sections_list):
    for sec in sections_list:
        for sub, paras in sec[1]:
            for p in paras:
                yield p


# ---------------------------------------------------------------------------
# LaTeX rendering
# ---------------------------------------------------------------------------
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
    out, pos = [], 0
    for m in URL_RE.finditer(s):
        u = m.group(0).rstrip(".,;)")
        out.append(tex(s[pos : m.start()]))
        out.append(r"\url{" + u + "}")
        pos = m.start() + len(u)
    out.append(tex(s[pos:]))
    return "".join(out)


def tex_para(p, marker):
    return "".join(tex(x) if isinstance(x, str) else marker(x[1]) for x in p)


def run(cmd, cwd, timeout=300):
    r = subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=timeout
    )
    return r


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


# ---------------------------------------------------------------------------
# Document builders.  Each returns gold dict (without 'file') and writes output.
# ---------------------------------------------------------------------------
def en_gold_notes(notes, label_of, page_of=lambda i: None, extra=lambda i: {}):
    out = []
    for i, x in enumerate(notes):
        g = dict(
            n=i + 1,
            label=label_of(i),
            text=x["text"],
            url=first_url(x["text"]),
            ibid_of=label_of(x["ibid_of_n"] - 1) if x["ibid_of_n"] else None,
            page=page_of(i),
        )
        g["kind"] = x["kind"]
        if x["ibid_of_n"]:
            g["ibid_of_n"] = x["ibid_of_n"]
        if x["source_n"] and x["source_n"] != x["ibid_of_n"]:
            g["source_n"] = x["source_n"]
        g.update(extra(i))
        out.append(g)
    return out


def must_not(notes, body_text, k=8, rng=None):
    """distinctive phrases from note texts (titles) absent from the body."""
    cands = []
    for x in notes:
        for m in re.finditer(r"“([^”]{25,90})”", x["text"]):
            t = m.group(1).rstrip(",")
            if t not in body_text:
                cands.append(t)
        if x["kind"] == "discursive":
            s = x["text"].split(". ")[0]
            if 25 < len(s) < 120 and s not in body_text and "http" not in s:
                cands.append(s)
        if x["kind"] == "interview":
            cands.append(x["text"].split(",")[0])
        if (
            x["kind"] == "full"
            and x.get("work")
            and len(x["work"]["title"]) > 25
            and x["work"]["title"] not in body_text
        ):
            cands.append(x["work"]["title"])
    seen, out = set(), []
    for c in cands:
        if c not in seen:
            seen.add(c)
            out.append(c)
    rng = rng or random.Random(0)
    pick = rng.sample(out, min(k, len(out)))
    for p in pick:
        assert p not in body_text
    return pick


def plain_body(sections_list, title=""):
    return (
        title
        + "\n"
        + "\n".join(para_plain(p) for p in iter_paras(sections_list))
        + "\n"
        + "\n".join(s[0] + " " + " ".join(sub or "" for sub, _ in s[1]) for s in sections_list)
    )


SUBHEADS = [
    "Background",
    "Key Findings",
    "Current Approach",
    "Challenges",
    "Recent Developments",
    "Assessment",
    "Market Dynamics",
    "Institutional Arrangements",
    "Gaps in Current Policy",
    "Outlook",
]


# ---- 1. government report ---------------------------------------------------
def doc_gov(spec):
    rng = random.Random(spec["seed"])
    T = C.TOPICS[spec["topic"]]
    dd = tuple(int(x) for x in spec["date"].split("-"))
    notes = gen_notes_checked(spec["seed"], T, spec["n"], dict(cite="chicago", pstyle="p"), dd)
    body = Body(rng, T, dd[0])
    secs = build_sections(rng, body, T["heads"], 0, len(notes), subheads=SUBHEADS)
    mk = lambda i: r"\footnote{" + tex_note(notes[i]["text"]) + "}"
    # executive summary: no notes
    es = [body.paragraph([]) for _ in range(3)]
    bullets = [body.sentence() for _ in range(5)]
    L = [
        TEX_HEAD
        % dict(
            opts="11pt,letterpaper",
            cls="article",
            fonts="\\usepackage{mathptmx}\n\\usepackage[scaled=0.9]{helvet}",
            geom="margin=1in,headheight=14pt",
            pdftitle=pdfsafe(spec["title"]),
            pdfauthor=pdfsafe("; ".join(spec["authors"])),
            pdfsubject=pdfsafe(spec["agency"]),
            creator="LaTeX with hyperref",
            urlstyle="same",
        )
    ]
    L.append(
        r"""\usepackage{titlesec}
\usepackage{tikz}
\usepackage{booktabs}
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
        % dict(
            short=tex(spec["short"]),
            month=tex(f"{C.MONTHS[dd[1] - 1]} {dd[0]}"),
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
    )
    L.append(r"\tableofcontents\clearpage")
    L.append(r"\section*{Executive Summary}\addcontentsline{toc}{section}{Executive Summary}")
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
    L.append(r"\clearpage")
    for si, (h, subs) in enumerate(secs):
        L.append(r"\section{" + tex(h) + "}")
        for sub, paras in subs:
            if sub:
                L.append(r"\subsection{" + tex(sub) + "}")
            for p in paras:
                L.append(tex_para(p, mk) + "\n")
        if si == 2:
            rows = [(rng.choice(T["P"]), rng.randint(5, 70), rng.randint(5, 90)) for _ in range(5)]
            L.append(
                r"""\begin{table}[ht]\centering\sffamily\small
\caption*{\textbf{Table 1.} Estimated share of global %s and import reliance, selected jurisdictions}
\begin{tabular}{lrr}\toprule Jurisdiction & Share of output (\%%) & Import reliance (\%%)\\\midrule
%s\bottomrule\end{tabular}\par\vspace{3pt}
\parbox{0.8\textwidth}{\footnotesize Source: %s analysis of industry data, %d. Figures are rounded and may not sum to totals.}
\end{table}"""
                % (
                    tex(T["M"][0]),
                    "".join(f"{tex(a)} & {b} & {c}\\\\\n" for a, b, c in rows),
                    tex(spec["agency"]),
                    dd[0] - 1,
                )
            )
    L.append(r"\end{document}")
    src = "\n".join(L)
    src = src.replace(r"\usepackage{booktabs}", "\\usepackage{booktabs}\n\\usepackage{caption}")
    pdflatex(spec["name"], src)
    label_of = lambda i: str(i + 1)
    gold = dict(
        title=spec["title"] + ": " + spec["subtitle"]
        if spec.get("title_with_subtitle")
        else spec["title"],
        authors=spec["authors"],
        date=spec["date"],
        notes=en_gold_notes(notes, label_of),
        markers=collect_markers(secs, label_of),
    )
    bt = plain_body(secs, spec["title"]) + "\n".join(para_plain(p) for p in es) + " ".join(bullets)
    gold["body_must_not_contain"] = must_not(notes, bt, rng=rng)
    return gold


# ---- 2. two-column journal article -----------------------------------------
def doc_journal(spec):
    rng = random.Random(spec["seed"])
    T = C.TOPICS[spec["topic"]]
    dd = tuple(int(x) for x in spec["date"].split("-"))
    notes = gen_notes_checked(spec["seed"], T, spec["n"], dict(cite="chicago", pstyle="bare"), dd)
    body = Body(rng, T, dd[0])
    secs = build_sections(rng, body, T["heads"], 0, len(notes))
    mk = lambda i: r"\footnote{" + tex_note(notes[i]["text"]) + "}"
    abstract = " ".join(body.sentence() for _ in range(6))
    L = [
        TEX_HEAD
        % dict(
            opts="10pt,a4paper,twocolumn",
            cls="article",
            fonts="\\usepackage{mathptmx}",
            geom="top=2.2cm,bottom=2.4cm,left=1.8cm,right=1.8cm,columnsep=0.7cm,headheight=12pt",
            pdftitle=pdfsafe(spec["title"]),
            pdfauthor=pdfsafe(", ".join(spec["authors"])),
            pdfsubject=pdfsafe(spec["journal"]),
            creator="LaTeX",
            urlstyle="same",
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
    for h, subs in secs:
        L.append(r"\section{" + tex(h) + "}")
        for _, paras in subs:
            for p in paras:
                L.append(tex_para(p, mk) + "\n")
    L.append(
        r"\section*{Disclosure statement}No potential conflict of interest was reported by the authors."
    )
    L.append(r"\section*{Funding}" + tex(spec["funding"]))
    L.append(r"\end{document}")
    pdflatex(spec["name"], "\n".join(L))
    label_of = lambda i: str(i + 1)
    gold = dict(
        title=spec["title"],
        authors=spec["authors"],
        date=spec["date"],
        notes=en_gold_notes(notes, label_of),
        markers=collect_markers(secs, label_of),
    )
    gold["body_must_not_contain"] = must_not(
        notes, plain_body(secs, spec["title"]) + abstract, rng=rng
    )
    return gold


# ---- 3. endnotes at the end / per chapter ------------------------------------
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


def doc_endnotes(spec):
    rng = random.Random(spec["seed"])
    T = C.TOPICS[spec["topic"]]
    dd = tuple(int(x) for x in spec["date"].split("-"))
    notes = gen_notes_checked(spec["seed"], T, spec["n"], dict(cite="chicago", pstyle="bare"), dd)
    body = Body(rng, T, dd[0])
    secs = build_sections(rng, body, T["heads"], 0, len(notes), notes_per_para=(1, 4))
    mk = lambda i: r"\textsuperscript{" + str(i + 1) + "}"
    L = [
        TEX_HEAD
        % dict(
            opts="11pt,letterpaper",
            cls="article",
            fonts="\\usepackage[scaled]{helvet}\n\\renewcommand{\\familydefault}{\\sfdefault}",
            geom="left=1.1in,right=1.1in,top=1in,bottom=1in,headheight=14pt",
            pdftitle=pdfsafe(spec["title"]),
            pdfauthor=pdfsafe(", ".join(spec["authors"])),
            pdfsubject=pdfsafe(spec["publisher"]),
            creator="Adobe InDesign 18.2 (Macintosh)",
            urlstyle="same",
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
            month=tex(f"{C.MONTHS[dd[1] - 1]} {dd[0]}"),
            publisherU=tex(spec["publisher"].upper()),
        )
    )
    L.append(r"\tableofcontents\clearpage")
    for h, subs in secs:
        L.append(r"\section{" + tex(h) + "}")
        for _, paras in subs:
            for p in paras:
                L.append(tex_para(p, mk) + "\n")
    L.append(r"\clearpage\section{About the Authors}")
    for a, bio in zip(spec["authors"], spec["bios"]):
        L.append(r"\textbf{" + tex(a) + "} " + tex(bio) + "\n")
    L.append(r"\clearpage\section{" + spec["notes_heading"] + r"}\small")
    label_of = lambda i: str(i + 1)
    L.append(endnote_list_tex(notes, range(len(notes)), label_of, "en"))
    L.append(r"\end{document}")
    pdflatex(spec["name"], "\n".join(L))
    gold = dict(
        title=spec["title"],
        authors=spec["authors"],
        date=spec["date"],
        notes=en_gold_notes(notes, label_of),
        markers=collect_markers(secs, label_of),
    )
    gold["body_must_not_contain"] = must_not(notes, plain_body(secs, spec["title"]), rng=rng)
    return gold


def doc_chapters(spec):
    rng = random.Random(spec["seed"])
    T = C.TOPICS[spec["topic"]]
    dd = tuple(int(x) for x in spec["date"].split("-"))
    chs = T["chapters"]
    counts = distribute(spec["n"], len(chs), rng)
    body = Body(rng, T, dd[0])
    all_notes, ch_secs, ch_of = [], [], []
    for ci, ((ch_title, subs), cnt) in enumerate(zip(chs, counts)):
        notes = gen_notes_checked(
            spec["seed"] * 100 + ci, T, cnt, dict(cite="eu", pstyle="p", opcit=0.8), dd
        )
        start = len(all_notes)
        for x in notes:  # renumber n to document positions
            x["n"] += start
            if x["ibid_of_n"]:
                x["ibid_of_n"] += start
            if x["source_n"]:
                x["source_n"] += start
        all_notes += notes
        ch_of += [ci + 1] * cnt
        ch_secs.append(build_sections(rng, body, [s for s in subs], start, cnt))
    local = lambda i: str(i + 1 - sum(counts[: ch_of[i] - 1]))
    mk = lambda i: r"\textsuperscript{" + local(i) + r"}\label{mk" + str(i) + "}"
    L = [
        TEX_HEAD
        % dict(
            opts="11pt,a4paper,openany",
            cls="report",
            fonts="\\usepackage{mathpazo}",
            geom="left=2.6cm,right=2.6cm,top=2.5cm,bottom=2.5cm,headheight=14pt",
            pdftitle=pdfsafe(spec["title"]),
            pdfauthor=pdfsafe(", ".join(spec["authors"])),
            pdfsubject=pdfsafe(spec["publisher"]),
            creator="LaTeX",
            urlstyle="same",
        )
    ]
    L.append(
        r"""\usepackage{titlesec}
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
        % dict(
            short=tex(spec["short"]),
            publisher=tex(spec["publisher"]),
            title=tex(spec["title"]),
            subtitle=tex(spec["subtitle"]),
            authors=r"\\[4pt] ".join(tex(a) for a in spec["authors"]),
            month=tex(f"{C.MONTHS[dd[1] - 1]} {dd[0]}"),
        )
    )
    for ci, ((ch_title, _), secs) in enumerate(zip(chs, ch_secs)):
        L.append(r"\chapter{" + tex(ch_title) + "}")
        for h, subs in secs:
            L.append(r"\section{" + tex(h) + "}")
            for _, paras in subs:
                for p in paras:
                    L.append(tex_para(p, mk) + "\n")
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
    markers = collect_markers(allsecs, local)
    for m in markers:
        m["page"] = labels[f"mk{m['_i']}"][1]
        m["chapter"] = ch_of[m["_i"]]
    gold = dict(
        title=spec["title"],
        authors=spec["authors"],
        date=spec["date"],
        notes=gold_notes,
        markers=markers,
    )
    gold["body_must_not_contain"] = must_not(all_notes, plain_body(allsecs, spec["title"]), rng=rng)
    gold["numbering"] = (
        "restarts each chapter; 'page' is the PDF page (1-based) and 'chapter' the chapter number"
    )
    return gold


# ---- 4. footnotes numbered per page ------------------------------------------
def doc_perpage(spec):
    rng = random.Random(spec["seed"])
    T = C.TOPICS[spec["topic"]]
    dd = tuple(int(x) for x in spec["date"].split("-"))
    notes = gen_notes_checked(
        spec["seed"], T, spec["n"], dict(cite="eu", pstyle="p", opcit=0.7), dd
    )
    body = Body(rng, T, dd[0])
    secs = build_sections(rng, body, T["heads"], 0, len(notes))
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
        TEX_HEAD
        % dict(
            opts="10.5pt,a4paper",
            cls="article",
            fonts="\\usepackage{charter}\n\\usepackage[scaled=0.9]{helvet}",
            geom="left=3.4cm,right=3.4cm,top=2.6cm,bottom=2.8cm,headheight=14pt",
            pdftitle=pdfsafe(spec["title"]),
            pdfauthor=pdfsafe(", ".join(spec["authors"])),
            pdfsubject=pdfsafe(spec["series"]),
            creator="LaTeX",
            urlstyle="same",
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
    for h, subs in secs:
        L.append(r"\section{" + tex(h) + "}")
        for _, paras in subs:
            for p in paras:
                L.append(tex_para(p, mk) + "\n")
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
    markers = collect_markers(secs, label_of)
    for m in markers:
        m["page"] = page_of(m["_i"])
    gold = dict(
        title=spec["title"], authors=spec["authors"], date=spec["date"], notes=gn, markers=markers
    )
    gold["body_must_not_contain"] = must_not(notes, plain_body(secs, spec["title"]), rng=rng)
    gold["numbering"] = (
        "restarts on every page; 'page' is the PDF page (1-based) of the marker and of the note"
    )
    return gold


# ---- 5. commentary with symbol author notes ----------------------------------
def doc_symbols(spec):
    rng = random.Random(spec["seed"])
    T = C.TOPICS[spec["topic"]]
    dd = tuple(int(x) for x in spec["date"].split("-"))
    notes = gen_notes_checked(spec["seed"], T, spec["n"], dict(cite="chicago", pstyle="p"), dd)
    body = Body(rng, T, dd[0])
    secs = build_sections(rng, body, T["heads"], 0, len(notes))
    mk = lambda i: r"\footnote{" + tex_note(notes[i]["text"]) + "}"
    sym_notes = spec["author_notes"]
    L = [
        TEX_HEAD
        % dict(
            opts="11pt,a4paper",
            cls="article",
            fonts="\\usepackage{mathpazo}",
            geom="left=2.5cm,right=5cm,top=2.5cm,bottom=2.5cm,headheight=14pt,marginparwidth=3.6cm",
            pdftitle=pdfsafe(spec["title"]),
            pdfauthor=pdfsafe(", ".join(spec["authors"])),
            pdfsubject=pdfsafe(spec["series"]),
            creator="LaTeX",
            urlstyle="same",
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
            month=tex(f"{C.MONTHS[dd[1] - 1]} {dd[0]}"),
            title=tex(spec["title"]),
            a1=tex(spec["authors"][0]),
            a2=tex(spec["authors"][1]),
            s1=tex(sym_notes[0]),
            s2=tex(sym_notes[1]),
            pull=tex(body.sentence()),
        )
    )
    for h, subs in secs:
        L.append(r"\section{" + tex(h) + "}")
        for _, paras in subs:
            for p in paras:
                L.append(tex_para(p, mk) + "\n")
    L.append(r"\end{document}")
    pdflatex(spec["name"], "\n".join(L))
    gn = [
        dict(n=1, label="*", text=sym_notes[0], url=None, ibid_of=None, page=None, kind="author"),
        dict(n=2, label="†", text=sym_notes[1], url=None, ibid_of=None, page=None, kind="author"),
    ]
    for g in en_gold_notes(notes, lambda i: str(i + 1)):
        g["n"] += 2
        for k in ("ibid_of_n", "source_n"):
            if k in g:
                g[k] += 2
        gn.append(g)
    markers = [
        dict(label="*", context=spec["authors"][0], page=None),
        dict(label="†", context=spec["authors"][1], page=None),
    ]
    markers += collect_markers(secs, lambda i: str(i + 1))
    gold = dict(
        title=spec["title"], authors=spec["authors"], date=spec["date"], notes=gn, markers=markers
    )
    gold["body_must_not_contain"] = must_not(notes, plain_body(secs, spec["title"]), rng=rng)
    gold["numbering"] = "two author notes marked * and † on the title block, then arabic 1..N"
    return gold


# ---------------------------------------------------------------------------
# LibreOffice flat ODT
# ---------------------------------------------------------------------------
FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta>
 <dc:title>{meta_title}</dc:title><dc:subject>{subject}</dc:subject><meta:initial-creator>{creator}</meta:initial-creator>
 <dc:creator>{creator}</dc:creator><meta:creation-date>{cdate}T09:12:00</meta:creation-date><dc:date>{cdate}T16:40:00</dc:date>
 <meta:keyword>{keywords}</meta:keyword><meta:generator>{generator}</meta:generator>
</office:meta>
<office:font-face-decls>
 <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman" style:font-pitch="variable"/>
 <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss" style:font-pitch="variable"/>
 <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'" style:font-family-generic="swiss" style:font-pitch="variable"/>
 <style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'" style:font-family-generic="roman" style:font-pitch="variable"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:paragraph-properties style:tab-stop-distance="1.25cm"/>
  <style:text-properties style:font-name="{bodyfont}" fo:font-size="{bodysize}" fo:language="{lang}" fo:country="{country}" fo:hyphenate="{hyph}"/></style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="{pgap}" fo:line-height="{lh}" fo:text-align="{align}" fo:text-indent="{indent}"/></style:style>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter">
  <style:paragraph-properties fo:margin-top="{title_top}" fo:margin-bottom="0.4cm" fo:text-align="{title_align}"/>
  <style:text-properties style:font-name="{headfont}" fo:font-size="{title_size}" fo:font-weight="bold" fo:color="{accent}"/></style:style>
 <style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.6cm" fo:text-align="{title_align}"/>
  <style:text-properties style:font-name="{headfont}" fo:font-size="{sub_size}" fo:font-style="italic"/></style:style>
 <style:style style:name="Byline" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.15cm" fo:text-align="{title_align}"/>
  <style:text-properties style:font-name="{headfont}" fo:font-size="12pt"/></style:style>
 <style:style style:name="Kicker" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.3cm" fo:padding="0.15cm" fo:background-color="{accent}"/>
  <style:text-properties style:font-name="{headfont}" fo:font-size="10pt" fo:font-weight="bold" fo:color="#ffffff"/></style:style>
 <style:style style:name="Summary" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.25cm" fo:padding="0.3cm" fo:background-color="{boxbg}" fo:line-height="125%"/>
  <style:text-properties style:font-name="{headfont}" fo:font-size="10pt"/></style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:default-outline-level="1" style:class="text">
  <style:paragraph-properties fo:margin-top="0.55cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>
  <style:text-properties style:font-name="{headfont}" fo:font-size="{h1size}" fo:font-weight="bold" fo:color="{accent}"/></style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:default-outline-level="2" style:class="text">
  <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/>
  <style:text-properties style:font-name="{headfont}" fo:font-size="11.5pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
  <style:paragraph-properties fo:margin-left="0.45cm" fo:text-indent="-0.45cm" fo:margin-bottom="0.05cm"/>
  <style:text-properties fo:font-size="{fnsize}"/></style:style>
 <style:style style:name="Endnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
  <style:paragraph-properties fo:margin-left="0.6cm" fo:text-indent="-0.6cm" fo:margin-bottom="0.1cm"/>
  <style:text-properties fo:font-size="{fnsize}"/></style:style>
 <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
  <style:paragraph-properties fo:text-align="{hdr_align}"/><style:text-properties style:font-name="{headfont}" fo:font-size="8.5pt" fo:color="#555555"/></style:style>
 <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
  <style:paragraph-properties fo:text-align="{ftr_align}"/><style:text-properties style:font-name="{headfont}" fo:font-size="8.5pt" fo:color="#555555"/></style:style>
 <style:style style:name="Footnote_20_Symbol" style:display-name="Footnote Symbol" style:family="text"/>
 <style:style style:name="Footnote_20_anchor" style:display-name="Footnote anchor" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
 <style:style style:name="Endnote_20_Symbol" style:display-name="Endnote Symbol" style:family="text"/>
 <style:style style:name="Endnote_20_anchor" style:display-name="Endnote anchor" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
 <text:notes-configuration text:note-class="footnote" text:citation-style-name="Footnote_20_Symbol" text:citation-body-style-name="Footnote_20_anchor" style:num-format="{fn_format}" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
 <text:notes-configuration text:note-class="endnote" text:citation-style-name="Endnote_20_Symbol" text:citation-body-style-name="Endnote_20_anchor" style:num-format="1" text:start-value="0"/>
</office:styles>
<office:automatic-styles>
 <style:style style:name="P1" style:family="paragraph" style:parent-style-name="{first_style}" style:master-page-name="First_20_Page"/>
 <style:style style:name="PB" style:family="paragraph" style:parent-style-name="Heading_20_1"><style:paragraph-properties fo:break-before="page"/></style:style>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="{pw}" fo:page-height="{ph}" fo:margin-top="1.4cm" fo:margin-bottom="1.4cm" fo:margin-left="{ml}" fo:margin-right="{mr}" style:footnote-max-height="0cm">
  <style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.15cm" style:distance-after-sep="0.1cm" style:line-style="solid" style:adjustment="left" style:rel-width="25%" style:color="#000000"/></style:page-layout-properties>
  <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.5cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p text:style-name="Header">{header}</text:p></style:header>
  <style:footer><text:p text:style-name="Footer">{footer}</text:p></style:footer></style:master-page>
 <style:master-page style:name="First_20_Page" style:display-name="First Page" style:page-layout-name="pm1" style:next-style-name="Standard">
  <style:footer><text:p text:style-name="Footer">{first_footer}</text:p></style:footer></style:master-page>
</office:master-styles>
<office:body><office:text>
"""

FODT_DEFAULTS = dict(
    bodyfont="Liberation Serif",
    headfont="Liberation Sans",
    bodysize="11pt",
    lang="en",
    country="US",
    hyph="false",
    pgap="0.22cm",
    lh="135%",
    align="justify",
    indent="0cm",
    title_top="1cm",
    title_align="start",
    title_size="26pt",
    sub_size="15pt",
    accent="#1F4E79",
    boxbg="#E8EEF5",
    h1size="14pt",
    fnsize="8.5pt",
    hdr_align="end",
    ftr_align="center",
    fn_format="1",
    pw="21.001cm",
    ph="29.7cm",
    ml="2.4cm",
    mr="2.4cm",
    generator="LibreOffice/7.4",
    keywords="",
    subject="",
    first_style="Kicker",
    first_footer="",
)


def fodt_para(p, note_xml, style="Text_20_body"):
    return (
        f'<text:p text:style-name="{style}">'
        + "".join(xesc(x) if isinstance(x, str) else note_xml(x[1]) for x in p)
        + "</text:p>\n"
    )


def note_xml_factory(notes, cls_of, cit_of):
    def f(i):
        cls = cls_of(i)
        pst = "Footnote" if cls == "footnote" else "Endnote"
        return (
            f'<text:note text:id="{cls[:3]}{i + 1}" text:note-class="{cls}"><text:note-citation>{xesc(cit_of(i))}</text:note-citation>'
            f'<text:note-body><text:p text:style-name="{pst}">{xesc(notes[i]["text"])}</text:p></text:note-body></text:note>'
        )

    return f


def soffice(name, fodt_src, fmt):
    (SRC / f"{name}.fodt").write_text(fodt_src, encoding="utf-8")
    bdir = SRC / "build"
    bdir.mkdir(exist_ok=True)
    filt = {"pdf": "pdf:writer_pdf_Export", "docx": "docx:MS Word 2007 XML"}[fmt]
    r = run(
        [
            "soffice",
            "--headless",
            "--norestore",
            "-env:UserInstallation=file:///tmp/lo_parse_heldout",
            "--convert-to",
            filt,
            "--outdir",
            str(bdir),
            str(SRC / f"{name}.fodt"),
        ],
        HERE,
        timeout=300,
    )
    outp = bdir / f"{name}.{fmt}"
    if not outp.exists():
        raise RuntimeError(f"soffice failed for {name}: {r.stdout} {r.stderr}")
    shutil.copy(outp, OUT / f"{name}.{fmt}")


def doc_lo(spec):
    """LibreOffice documents: brief (pdf), junk-title report (pdf), docx with footnotes / endnotes."""
    rng = random.Random(spec["seed"])
    T = C.TOPICS[spec["topic"]]
    dd = tuple(int(x) for x in spec["date"].split("-"))
    st = dict(cite=spec.get("cite", "chicago"), pstyle="p")
    notes = gen_notes_checked(spec["seed"], T, spec["n"], st, dd)
    body = Body(rng, T, dd[0])
    secs = build_sections(rng, body, T["heads"], 0, len(notes), subheads=spec.get("subheads"))
    asides = spec.get("asides", 0)  # lettered footnotes in an endnote document
    # build note list in document order: endnotes 1..N plus lettered footnotes inserted as separate notes
    seq = []  # (kind, idx) per marker in order
    aside_notes = []
    if asides:
        fill = Filler(rng, T, dd[0])
        aside_txt = [
            "Throughout this paper, “{X}” refers to measures adopted at the national level; regional measures are treated separately.",
            "The term is used here in its technical sense; see the glossary at the end of this paper.",
            "Interviews were conducted between {yr0} and {yr} under the Chatham House Rule.",
            "Some of the figures in this section were revised after the first edition of this paper was published.",
            "We follow the official transliteration used by the ministry itself.",
        ]
        aside_notes = [
            dict(text=fill(t), kind="aside", ibid_of_n=None, source_n=None, work=None)
            for t in aside_txt[:asides]
        ]
    paras_flat = list(iter_paras(secs))
    # choose paragraphs that receive an aside marker at the end of their first sentence
    cands = [
        k
        for k, p in enumerate(paras_flat)
        if k > 0
        and isinstance(p[0], str)
        and re.search(r"\. ", p[0])
        and len(p[0][: re.search(r"\. ", p[0]).start()].split()) >= 6
    ]
    aside_para_ids = sorted(rng.sample(cands, asides)) if asides else []
    combined = list(notes) + aside_notes
    for k, pi in enumerate(aside_para_ids):
        p = paras_flat[pi]
        s0 = p[0]
        m = re.search(r"\. ", s0)
        p[0:1] = [s0[: m.start() + 1], ("m", len(notes) + k), s0[m.start() + 1 :]]
    # labels in document order
    order = [x[1] for p in iter_paras(secs) for x in p if isinstance(x, tuple)]
    is_aside = lambda i: i >= len(notes)
    letters = "abcdefghij"
    lab = {}
    if spec["notes"] == "endnote":
        ne = na = 0
        for i in order:
            if is_aside(i):
                lab[i] = letters[na]
                na += 1
            else:
                ne += 1
                lab[i] = str(ne)
    else:
        for k, i in enumerate(order):
            lab[i] = str(k + 1)
    cls_of = lambda i: "footnote" if (spec["notes"] == "footnote" or is_aside(i)) else "endnote"
    nx = note_xml_factory(combined, cls_of, lambda i: lab[i])
    v = dict(FODT_DEFAULTS)
    v.update(spec.get("fodt", {}))
    month = f"{C.MONTHS[dd[1] - 1]} {dd[0]}"
    v.update(
        meta_title=xesc(spec.get("meta_title", spec["title"])),
        creator=xesc(spec.get("meta_creator", spec["authors"][0])),
        cdate=spec["date"],
        subject=xesc(spec.get("publisher", "")),
        keywords=xesc(spec.get("keywords", "")),
        header=xesc(spec.get("header", spec["title"])),
        footer=xesc(spec.get("footer", spec.get("publisher", "")))
        + ' | <text:page-number text:select-page="current"/>',
        fn_format="a" if spec["notes"] == "endnote" else "1",
    )
    v["first_footer"] = xesc(spec.get("first_footer", ""))
    head = FODT_HEAD
    for k2, val in v.items():
        head = head.replace("{" + k2 + "}", str(val))
    X = [head]
    X.append(f'<text:p text:style-name="P1">{xesc(spec["kicker"])}</text:p>\n')
    X.append(f'<text:p text:style-name="Title">{xesc(spec["title"])}</text:p>\n')
    if spec.get("subtitle"):
        X.append(f'<text:p text:style-name="Subtitle">{xesc(spec["subtitle"])}</text:p>\n')
    X.append(
        f'<text:p text:style-name="Byline">{xesc(spec.get("byline", ", ".join(spec["authors"])))}</text:p>\n'
    )
    X.append(f'<text:p text:style-name="Byline">{xesc(spec.get("dateline", month))}</text:p>\n')
    summary = [body.sentence() for _ in range(4)]
    X.append(
        f'<text:p text:style-name="Summary"><text:span>{xesc(spec.get("summary_label", "Key points"))}: </text:span>{xesc(" ".join(summary))}</text:p>\n'
    )
    for h, subs in secs:
        X.append(
            f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{xesc(h)}</text:h>\n'
        )
        for sub, paras in subs:
            if sub:
                X.append(
                    f'<text:h text:style-name="Heading_20_2" text:outline-level="2">{xesc(sub)}</text:h>\n'
                )
            for p in paras:
                X.append(fodt_para(p, nx))
    if spec.get("about"):
        X.append(
            '<text:h text:style-name="Heading_20_1" text:outline-level="1">About the authors</text:h>\n'
        )
        X.append(f'<text:p text:style-name="Text_20_body">{xesc(spec["about"])}</text:p>\n')
    X.append("</office:text></office:body></office:document>\n")
    soffice(spec["name"], "".join(X), spec["fmt"])
    # gold: n = order of markers in the document
    gnotes = []
    pos = {i: k + 1 for k, i in enumerate(order)}
    for i in order:
        x = combined[i]
        g = dict(
            n=pos[i],
            label=lab[i],
            text=x["text"],
            url=first_url(x["text"]),
            ibid_of=lab[x["ibid_of_n"] - 1] if x["ibid_of_n"] else None,
            page=None,
            kind=x["kind"],
        )
        if spec["notes"] == "endnote":
            g["note_class"] = cls_of(i)
        if x["ibid_of_n"]:
            g["ibid_of_n"] = pos[x["ibid_of_n"] - 1]
        if x.get("source_n") and x["source_n"] != x.get("ibid_of_n"):
            g["source_n"] = pos[x["source_n"] - 1]
        gnotes.append(g)
    markers = collect_markers(secs, lambda i: lab[i])
    gold = dict(
        title=spec["title"],
        authors=spec["authors"],
        date=spec["date"],
        notes=gnotes,
        markers=markers,
    )
    gold["body_must_not_contain"] = must_not(
        notes, plain_body(secs, spec["title"]) + " ".join(summary), rng=rng
    )
    if spec.get("meta_title"):
        gold["note"] = (
            f"PDF metadata Title is deliberately wrong ({spec['meta_title']!r}); the real title is the large type on page 1."
        )
    if spec["notes"] == "endnote":
        gold["numbering"] = (
            "citations are Word/LibreOffice endnotes 1..N; a few explanatory footnotes are lettered a, b, ...; n follows marker order"
        )
    return gold


# ---------------------------------------------------------------------------
# pandoc docx
# ---------------------------------------------------------------------------
def doc_pandoc(spec):
    rng = random.Random(spec["seed"])
    T = C.TOPICS[spec["topic"]]
    dd = tuple(int(x) for x in spec["date"].split("-"))
    notes = gen_notes_checked(spec["seed"], T, spec["n"], dict(cite="chicago", pstyle="p"), dd)
    body = Body(rng, T, dd[0])
    secs = build_sections(rng, body, T["heads"], 0, len(notes))
    esc = lambda s: re.sub(r"([*_\[\]\\`#<>$])", r"\\\1", s)
    md = ["---", f'title: "{spec["title"]}"', f'subtitle: "{spec["subtitle"]}"', "author:"]
    md += [f"  - {a}" for a in spec["authors"]]
    md += [f"date: {C.MONTHS[dd[1] - 1]} {dd[2]}, {dd[0]}", "---", ""]
    for h, subs in secs:
        md.append(f"# {h}\n")
        for _, paras in subs:
            for p in paras:
                md.append(
                    "".join(esc(x) if isinstance(x, str) else f"[^{x[1] + 1}]" for x in p) + "\n"
                )
    for i, x in enumerate(notes):
        t = x["text"]
        parts, pos = [], 0
        for m in URL_RE.finditer(t):
            u = m.group(0).rstrip(".,;)")
            parts.append(esc(t[pos : m.start()]))
            parts.append(f"<{u}>")
            pos = m.start() + len(u)
        parts.append(esc(t[pos:]))
        md.append(f"[^{i + 1}]: " + "".join(parts))
    (SRC / f"{spec['name']}.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    r = run(
        [
            "pandoc",
            "-f",
            "markdown",
            "-t",
            "docx",
            "-o",
            str(OUT / f"{spec['name']}.docx"),
            f"{spec['name']}.md",
        ],
        SRC,
    )
    if r.returncode:
        raise RuntimeError(r.stderr)
    label_of = lambda i: str(i + 1)
    gold = dict(
        title=spec["title"],
        authors=spec["authors"],
        date=spec["date"],
        notes=en_gold_notes(notes, label_of),
        markers=collect_markers(secs, label_of),
    )
    gold["body_must_not_contain"] = must_not(notes, plain_body(secs, spec["title"]), rng=rng)
    return gold


# ---------------------------------------------------------------------------
# scraped text files
# ---------------------------------------------------------------------------
SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def doc_text(spec):
    rng = random.Random(spec["seed"])
    T = C.TOPICS[spec["topic"]]
    dd = tuple(int(x) for x in spec["date"].split("-"))
    shape = spec["shape"]
    cite = {"md_flat": "md", "pipe": "pipe"}.get(shape, "chicago")
    notes = gen_notes_checked(spec["seed"], T, spec["n"], dict(cite=cite, pstyle="p"), dd)
    body = Body(rng, T, dd[0])
    secs = build_sections(rng, body, T["heads"], 0, len(notes), notes_per_para=(1, 3))
    if shape == "md_flat":
        mk = lambda i: f"[{i + 1}]"
    elif shape == "pipe":
        mk = lambda i: f"{i + 1}"
    elif shape == "arrow":
        mk = lambda i: f"{i + 1}".translate(SUP)
    elif shape == "spaced":
        mk = lambda i: f" {i + 1}"
    paras = []
    for h, subs in secs:
        paras.append(("h", h))
        for _, ps in subs:
            for p in ps:
                paras.append(("p", "".join(x if isinstance(x, str) else mk(x[1]) for x in p)))
    by = spec["authors"]
    bytxt = "By " + (", ".join(by[:-1]) + " and " + by[-1] if len(by) > 1 else by[0])
    date_h = f"{C.MONTHS[dd[1] - 1]} {dd[2]}, {dd[0]}"
    out = []
    if shape == "md_flat":
        out += (
            ["---", f'title: "{spec["title"]}"', "authors:"]
            + [f"  - {a}" for a in by]
            + [f"date: {spec['date']}", f"source_url: {spec['source_url']}", "---", ""]
        )
        line = [spec["title"], bytxt, date_h, spec.get("standfirst", "")]
        for k, t in paras:
            line.append(t)
        notes_s = " ".join(
            f"[{i + 1}] . "
            + (
                x["text"][:-1] + " ."
                if x["text"].endswith(".")
                and first_url(x["text"])
                and x["text"][:-1].endswith(first_url(x["text"]))
                else x["text"]
            )
            for i, x in enumerate(notes)
        )
        line.append("Share this: Twitter LinkedIn Email Print")
        line.append("Endnotes " + notes_s)
        line.append(spec.get("trailer", ""))
        out.append(" ".join(s for s in line if s))
    elif shape == "pipe":
        out += [spec["title"], "", bytxt, f"Published {date_h}", spec.get("standfirst", ""), ""]
        for k, t in paras:
            out += [t.upper() if k == "h" else t, ""]
        out += ["Endnotes", ""]
        out += [f"{i + 1} | {x['text']}" for i, x in enumerate(notes)]
        out += ["", spec.get("trailer", "")]
    elif shape == "arrow":
        out += [f"# {spec['title']}", "", f"*{bytxt}* · {date_h}", ""]
        for k, t in paras:
            out += [f"## {t}" if k == "h" else t, ""]
        out += ["* * *", "", "Footnotes", ""]
        for x in notes:
            out += [x["text"] + " ↩", ""]
        out += [spec.get("trailer", "")]
    elif shape == "spaced":
        out += [spec["title"].upper(), spec.get("subtitle", ""), "", bytxt, date_h, ""]
        for k, t in paras:
            out += [t, ""] if k == "h" else [t, ""]
        out += ["Notes", ""]
        for i, x in enumerate(notes):
            w = textwrap.wrap(
                f"{i + 1}. {x['text']}", width=96, break_long_words=True, break_on_hyphens=False
            )
            out += w
        out += ["", spec.get("trailer", "")]
    (OUT / spec["file"]).write_text("\n".join(out).rstrip() + "\n", encoding="utf-8")
    label_of = lambda i: str(i + 1)
    markers = collect_markers(secs, label_of)
    gold = dict(
        title=spec["title"],
        authors=by,
        date=spec["date"],
        notes=en_gold_notes(notes, label_of),
        markers=markers,
    )
    if shape == "arrow":
        for g in gold["notes"]:
            g["label"] = None
        gold["numbering"] = (
            "endnotes are unnumbered (each ends with ↩); position n gives the number; body markers are Unicode superscript digits"
        )
        for m in markers:
            m["label"] = m["label"]
    if shape == "spaced":
        gold["numbering"] = (
            "body markers are bare digits after a space; notes list hard-wrapped at 96 columns (URLs split across lines)"
        )
    gold["body_must_not_contain"] = must_not(notes, plain_body(secs, spec["title"]), rng=rng)
    return gold


# ---------------------------------------------------------------------------
# Turkish and Russian
# ---------------------------------------------------------------------------
TR_AY = [
    "Ocak",
    "Şubat",
    "Mart",
    "Nisan",
    "Mayıs",
    "Haziran",
    "Temmuz",
    "Ağustos",
    "Eylül",
    "Ekim",
    "Kasım",
    "Aralık",
]
RU_MES = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]


def gen_notes_lang(rng, B, n, lang, dd):
    notes, works, first = [], [], {}
    web_cache = {}
    for i in range(1, n + 1):
        prev = notes[-1] if notes else None
        r = rng.random()
        rec = dict(n=i, work=None, ibid_of_n=None, source_n=None, kind="full")
        p = rng.randint(5, 240)
        if prev and prev["work"] and prev["work"]["kind"] in ("book", "article") and r < 0.2:
            w = prev["work"]
            if lang == "tr":
                t = ("a.g.e." if w["kind"] == "book" else "a.g.m.") + (
                    f", s. {p}." if rng.random() < 0.8 else ""
                )
            else:
                t = "Там же." + (f" С. {p}." if rng.random() < 0.8 else "")
            rec.update(text=t, kind="ibid", work=w, ibid_of_n=prev["n"], source_n=first[id(w)])
        elif r < 0.3 and [
            w
            for w in works
            if w["kind"] in ("book", "article") and (not prev or prev["work"] is not w)
        ]:
            w = rng.choice(
                [
                    w
                    for w in works
                    if w["kind"] in ("book", "article") and (not prev or prev["work"] is not w)
                ]
            )
            if lang == "tr":
                t = f"{surname(w['author'])}, {'a.g.e.' if w['kind'] == 'book' else 'a.g.m.'}, s. {p}."
            else:
                t = f"{w['author']} Указ. соч. С. {p}."
            rec.update(text=t, kind="opcit", work=w, source_n=first[id(w)])
        else:
            kind = rng.choice(["book", "article", "web", "web", "web"])
            y, m, d = date_before(rng, *dd, span_days=5 * 365)
            w = dict(kind=kind, y=y, m=m, d=d)
            if kind == "book":
                ttl, place, pub = rng.choice(B["books"])
                w["author"] = rng.choice(B["names"])
                t = (
                    f"{w['author']}, {ttl}, {place}, {pub}, {y}, s. {p}."
                    if lang == "tr"
                    else f"{w['author']} {ttl}. {place}: {pub}, {y}. С. {p}."
                )
            elif kind == "article":
                ttl, jr = rng.choice(B["articles"])
                w["author"] = rng.choice(B["names"])
                p0 = rng.randint(10, 200)
                t = (
                    f"{w['author']}, “{ttl}”, {jr}, Cilt {rng.randint(3, 20)}, Sayı {rng.randint(1, 80)}, {y}, s. {p0}-{p0 + rng.randint(12, 30)}."
                    if lang == "tr"
                    else f"{w['author']} {ttl} // {jr}. {y}. Т. {rng.randint(5, 20)}, № {rng.randint(1, 6)}. С. {p0}–{p0 + rng.randint(12, 30)}."
                )
            else:
                ttl, outlet, shape = rng.choice(B["web"])
                if ttl not in web_cache:  # one web page has one date and one address
                    web_cache[ttl] = (y, m, d, make_url(rng, shape, ttl, y, m, d))
                y, m, d, url = web_cache[ttl]
                ay, am, ad = date_before(rng, *dd, span_days=60, min_days=2)
                if (ay, am, ad) < (y, m, d):
                    ay, am, ad = y, m, d
                if lang == "tr":
                    t = f"“{ttl}”, {outlet}, {d} {TR_AY[m - 1]} {y}, {url}, (Erişim tarihi: {ad} {TR_AY[am - 1]} {ay})."
                else:
                    t = f"{ttl} // {outlet}. {y}. {d} {RU_MES[m - 1]}. URL: {url} (дата обращения: {ad:02d}.{am:02d}.{ay})."
            works.append(w)
            first[id(w)] = i
            rec.update(text=t, work=w)
        notes.append(rec)
    return notes


def doc_lang(spec):
    lang = spec["lang"]
    B = TRRU.TR if lang == "tr" else TRRU.RU
    dd = tuple(int(x) for x in B["date"].split("-"))
    sents = [s for _, ss in B["sections"] for s in ss]
    n = len(sents)
    for seed in range(spec["seed"], spec["seed"] + 300):
        rng = random.Random(seed)
        notes = gen_notes_lang(rng, B, n, lang, dd)
        ks = [x["kind"] for x in notes]
        if ks.count("ibid") >= 3 and ks.count("opcit") >= 2:
            break
    out, markers, k = [], [], 0
    mk = lambda i: f"[{i + 1}]"
    if lang == "tr":
        out += [
            B["title"],
            B["subtitle"],
            "",
            " - ".join(B["authors"]),
            f"{B['publisher']} | {int(dd[2])} {TR_AY[dd[1] - 1]} {dd[0]}",
            "",
        ]
    else:
        out += [
            f"# {B['title']}",
            "",
            f"*{B['subtitle']}*",
            "",
            ", ".join(B["authors"]),
            f"{int(dd[2])} {RU_MES[dd[1] - 1]} {dd[0]} г.",
            "",
        ]
    body_text = ""
    for h, ss in B["sections"]:
        out += [h if lang == "tr" else f"## {h}", ""]
        para = ""
        for j, s in enumerate(ss):
            s_full = s + "."
            ctx = " ".join((s_full).split()[-10:])
            markers.append(dict(label=str(k + 1), context=ctx, page=None))
            para += s_full + mk(k) + " "
            k += 1
            if rng.random() < 0.4:
                para += rng.choice(B["fillers"]) + " "
            if j % 3 == 2 or j == len(ss) - 1:
                out += [para.strip(), ""]
                body_text += para
                para = ""
    if lang == "tr":
        out += ["Dipnotlar", ""] + [f"[{i + 1}] {x['text']}" for i, x in enumerate(notes)]
        out += [
            "",
            "Bu analizde yer alan görüşler yazarlara aittir ve kurumun resmi görüşünü yansıtmayabilir.",
        ]
    else:
        out += ["## Примечания", ""] + [f"{i + 1}. {x['text']}" for i, x in enumerate(notes)]
        out += ["", "Мнение авторов может не совпадать с позицией Центра."]
    (OUT / spec["file"]).write_text("\n".join(out) + "\n", encoding="utf-8")
    gn = []
    for i, x in enumerate(notes):
        g = dict(
            n=i + 1,
            label=str(i + 1),
            text=x["text"],
            url=first_url(x["text"]),
            ibid_of=str(x["ibid_of_n"]) if x["ibid_of_n"] else None,
            page=None,
            kind=x["kind"],
        )
        if x["ibid_of_n"]:
            g["ibid_of_n"] = x["ibid_of_n"]
        if x["source_n"] and x["source_n"] != x["ibid_of_n"]:
            g["source_n"] = x["source_n"]
        gn.append(g)
    mnc = []
    for x in notes:
        m = re.search(r"“([^”]{15,})”", x["text"]) or re.match(r"([^/]{25,}?) //", x["text"])
        if m and m.group(1) not in body_text and m.group(1) not in mnc:
            mnc.append(m.group(1))
    gold = dict(
        title=B["title"],
        authors=B["authors"],
        date=B["date"],
        notes=gn,
        markers=markers,
        body_must_not_contain=mnc[:8],
        language=lang,
    )
    return gold


# ---------------------------------------------------------------------------
# the document list
# ---------------------------------------------------------------------------
SPECS = [
    dict(
        name="gov_critical_minerals",
        kind=doc_gov,
        fmt="pdf",
        seed=11,
        topic="minerals",
        n=164,
        date="2023-11-14",
        title="Securing Critical Mineral Supply Chains",
        subtitle="Allied Options for Processing, Stockpiling, and Recycling",
        short="Critical Mineral Supply Chains",
        authors=["Margaret L. Hensley", "Daniel R. Okafor"],
        roles=["Analyst in Industrial Policy", "Specialist in Natural Resources"],
        agency="Economic Security Review Office",
        dept="Department of Commerce",
        repno="ESRO-23-0417",
    ),
    dict(
        name="journal_bri_paradiplomacy",
        kind=doc_journal,
        fmt="pdf",
        seed=22,
        topic="bri",
        n=74,
        date="2023-06-01",
        title="Provinces Abroad: Subnational Paradiplomacy and the Belt and Road Initiative, 2013–2022",
        authors=["Lin Xiaoming", "Catherine A. Morrow"],
        affils=[
            "School of International Studies, University of Leeds, UK",
            "Department of Political Science, National University of Singapore",
        ],
        journal="Journal of Contemporary Asian Affairs",
        volno="18(2)",
        pages="145–178",
        doi="10.1080/17552109.2023.2201184",
        received="14 September 2022",
        accepted="2 March 2023",
        keywords="Belt and Road Initiative; paradiplomacy; center–local relations; Yunnan; Guangxi",
        funding="This work was supported by the Economic and Social Research Council under grant ES/V012345/1.",
    ),
    dict(
        name="brief_gas_storage",
        kind=doc_lo,
        fmt="pdf",
        seed=33,
        topic="gas",
        n=42,
        date="2023-10-05",
        notes="footnote",
        title="Europe’s Gas Storage Gamble: What Two Winters Taught Policymakers",
        subtitle=None,
        authors=["Ingrid Halvorsen", "Paolo Ventresca"],
        publisher="Centre for European Energy Policy",
        kicker="POLICY BRIEF  No. 14/2023",
        header="Policy Brief 14/2023 · Europe’s Gas Storage Gamble",
        footer="Centre for European Energy Policy · Rue de la Loi 42 · Brussels",
        first_footer="Centre for European Energy Policy · www.ceep-brussels.eu",
        about="Ingrid Halvorsen is a Senior Fellow and Paolo Ventresca a Research Analyst at the Centre for European Energy Policy.",
        fodt=dict(
            bodyfont="Liberation Sans",
            bodysize="10pt",
            accent="#0B6E4F",
            boxbg="#E6F2EE",
            align="start",
            title_size="22pt",
        ),
    ),
    dict(
        name="report_maritime_militia_endnotes",
        kind=doc_endnotes,
        fmt="pdf",
        seed=44,
        topic="maritime",
        n=178,
        date="2024-02-20",
        title="Below the Threshold",
        subtitle="Maritime Militias and Gray-Zone Coercion in the South China Sea",
        short="Below the Threshold | Maritime Militias in the South China Sea",
        authors=["Gregory B. Whitcombe", "Ana Liza Reyes", "Thomas Kjeldsen"],
        program="Maritime Security Initiative",
        publisher="Institute for Maritime Strategy",
        notes_heading="Endnotes",
        bios=[
            "is a senior fellow and director of the Maritime Security Initiative at the Institute for Maritime Strategy. He previously served in the Office of the Secretary of Defense.",
            "is a fellow with the Maritime Security Initiative. Her research focuses on Philippine maritime policy and the law of the sea.",
            "is a research associate with the Maritime Security Initiative, where he manages the initiative's vessel-tracking database.",
        ],
    ),
    dict(
        name="report_sahel_chapter_notes",
        kind=doc_chapters,
        fmt="pdf",
        seed=55,
        topic="sahel",
        n=112,
        date="2022-09-12",
        title="Water, Food, and Mobility in the Sahel",
        subtitle="Climate Stress and Policy Responses in a Fragile Region",
        short="Water, Food, and Mobility in the Sahel",
        authors=["Aminata Diallo", "Jonathan Pryce", "Moussa Abdou Issoufou"],
        publisher="Institute for Development and Security Studies",
    ),
    dict(
        name="research_paper_digital_sovereignty",
        kind=doc_perpage,
        fmt="pdf",
        seed=66,
        topic="digital",
        n=68,
        date="2023-06-28",
        title="Digital Sovereignty in the European Union",
        subtitle="Cloud, Chips and Standards as Instruments of Strategic Autonomy",
        short="Digital Sovereignty in the EU",
        authors=["Annegret Vollmer", "Julian Becker-Stahl"],
        series="SEP Research Paper 7 · June 2023",
        publisher="Stiftung Europäische Politik · German Institute for European Policy",
        imprint="© Stiftung Europäische Politik, 2023. All rights reserved. This Research Paper reflects the authors’ views. ISSN 1863-1053. doi: 10.18449/2023RP07",
    ),
    dict(
        name="report_flood_finance_msword",
        kind=doc_lo,
        fmt="pdf",
        seed=77,
        topic="floods",
        n=47,
        date="2022-07-14",
        notes="footnote",
        title="Paying for Resilience: Municipal Finance After the 2021 Floods",
        subtitle="How German and Belgian municipalities financed reconstruction, and what it means for the next disaster",
        authors=["Katharina Brenner", "Luc Vandersmissen", "Emma Schuurman"],
        publisher="Forum for Local Public Finance",
        meta_title="Microsoft Word - draft_v7.docx",
        meta_creator="kbrenner",
        kicker="WORKING PAPER 2022/03",
        byline="Katharina Brenner, Luc Vandersmissen and Emma Schuurman",
        header="Paying for Resilience – Working Paper 2022/03",
        footer="Forum for Local Public Finance",
        summary_label="Summary",
        fodt=dict(
            bodyfont="Liberation Serif",
            headfont="Liberation Sans",
            title_size="30pt",
            sub_size="16pt",
            accent="#222222",
            boxbg="#F2F2F2",
            title_top="3cm",
            pw="21.59cm",
            ph="27.94cm",
            ml="2.54cm",
            mr="2.54cm",
            generator="Microsoft Office Word",
        ),
    ),
    dict(
        name="commentary_northern_sea_route",
        kind=doc_symbols,
        fmt="pdf",
        seed=88,
        topic="arctic",
        n=54,
        date="2023-04-17",
        title="Ice, Sanctions and Shipping: The Northern Sea Route After 2022",
        authors=["Sigrid Aasland", "Pavel Lindström"],
        series="Nordic Arctic Institute Commentary No. 12",
        author_notes=[
            "Sigrid Aasland is a senior research fellow at the Nordic Arctic Institute, Tromsø. Correspondence: sigrid.aasland@example.org.",
            "Pavel Lindström is a doctoral researcher at Uppsala University. The authors thank two anonymous reviewers for their comments on an earlier draft.",
        ],
    ),
    dict(
        name="paper_cbdc_payments",
        kind=doc_lo,
        fmt="docx",
        seed=99,
        topic="cbdc",
        n=48,
        date="2023-03-09",
        notes="footnote",
        title="Central Bank Digital Currencies and the Future of Cross-Border Payments",
        subtitle="A Policy Paper",
        authors=["Rebecca Tan", "Marcus Oyelaran"],
        publisher="Global Finance Policy Forum",
        kicker="POLICY PAPER",
        header="CBDCs and Cross-Border Payments",
        footer="Global Finance Policy Forum",
        fodt=dict(bodyfont="Liberation Serif", accent="#5B2C6F", boxbg="#F1EAF5"),
    ),
    dict(
        name="assessment_chip_export_controls",
        kind=doc_lo,
        fmt="docx",
        seed=111,
        topic="chips",
        n=60,
        date="2024-01-22",
        notes="endnote",
        asides=4,
        title="Semiconductor Export Controls: A Two-Year Assessment",
        subtitle="What the October 2022 Rules Have and Have Not Achieved",
        authors=["Hiroshi Matsuda", "Elaine Borowski", "Samir Qureshi"],
        publisher="Center for Technology and Statecraft",
        kicker="ASSESSMENT",
        header="Semiconductor Export Controls",
        footer="Center for Technology and Statecraft",
        fodt=dict(bodyfont="Liberation Sans", bodysize="10.5pt", accent="#B03A2E", boxbg="#FBEEE6"),
    ),
    dict(
        name="brief_zoning_reform",
        kind=doc_pandoc,
        fmt="docx",
        seed=122,
        topic="housing",
        n=36,
        date="2023-08-03",
        title="Zoning Reform in Mid-Sized Cities",
        subtitle="Early Evidence from Minneapolis, Spokane, and Boise",
        authors=["Laura Whitaker", "Andre Mbeki-Jones"],
    ),
    dict(
        name="scraped_lithium_andes",
        kind=doc_text,
        file="scraped_lithium_andes.md",
        shape="md_flat",
        seed=133,
        topic="lithium",
        n=56,
        date="2023-05-11",
        title="The Politics of Lithium in the Andean Triangle",
        authors=["Sofía Carrasco", "Daniel Brandt"],
        source_url="https://www.wilsoncenter.org/article/politics-lithium-andean-triangle-chile-bolivia-argentina-2023",
        standfirst="Chile, Bolivia and Argentina hold more than half of the world's identified lithium resources, but their strategies could hardly be more different.",
        trailer="The views expressed are the authors' own. Related: Latin America Program | Energy & Environment",
    ),
    dict(
        name="scraped_food_inflation",
        kind=doc_text,
        file="scraped_food_inflation.txt",
        shape="pipe",
        seed=144,
        topic="food",
        n=40,
        date="2022-12-06",
        title="Food Inflation and Social Protection in South Asia",
        authors=["Priya Raman", "Tariq Siddiqui"],
        standfirst="Safety nets built for a world of stable prices are being tested.",
        trailer="© 2022 South Asia Policy Network. All rights reserved.",
    ),
    dict(
        name="scraped_undersea_cables",
        kind=doc_text,
        file="scraped_undersea_cables.md",
        shape="arrow",
        seed=155,
        topic="cables",
        n=45,
        date="2024-03-02",
        title="Cables, Chokepoints and Control: The Geopolitics of Undersea Infrastructure",
        authors=["Eleanor Voss"],
        trailer="Subscribe to get new essays by email.",
    ),
    dict(
        name="scraped_shanghai_ports",
        kind=doc_text,
        file="scraped_shanghai_ports.txt",
        shape="spaced",
        seed=166,
        topic="ports",
        n=62,
        date="2021-10-19",
        title="Automation at the Port of Shanghai",
        subtitle="Labor, Productivity and the Yangshan Model",
        authors=["Kevin Zhao", "Martina Hollis"],
        trailer="Asia Maritime Research Group | Working Paper Series",
    ),
    dict(name="tr_dogu_akdeniz", kind=doc_lang, lang="tr", file="tr_dogu_akdeniz.txt", seed=177),
    dict(
        name="ru_koridor_sever_yug",
        kind=doc_lang,
        lang="ru",
        file="ru_koridor_sever_yug.md",
        seed=188,
    ),
]


# ---------------------------------------------------------------------------
# verification against the built files (pdftotext -layout, docx xml, text)
# ---------------------------------------------------------------------------
def _alnum(s):
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", s)).lower()


def pdf_pages(path):
    n = int(re.search(r"Pages:\s+(\d+)", run(["pdfinfo", str(path)], HERE).stdout).group(1))
    return [
        run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), str(path), "-"], HERE).stdout
        for p in range(1, n + 1)
    ]


def pdf_pages_raw(path):
    n = int(re.search(r"Pages:\s+(\d+)", run(["pdfinfo", str(path)], HERE).stdout).group(1))
    return [
        run(["pdftotext", "-f", str(p), "-l", str(p), str(path), "-"], HERE).stdout
        for p in range(1, n + 1)
    ]


def check_one(gold_path):
    g = json.loads(gold_path.read_text(encoding="utf-8"))
    f = OUT / g["file"]
    rep = dict(file=g["file"], notes=len(g["notes"]), markers=len(g["markers"]))
    bad_ctx = [
        m
        for m in g["markers"]
        if not (6 <= len(m["context"].split()) <= 12) and m["label"] not in "*†"
    ]
    rep["ctx_len_bad"] = len(bad_ctx)
    if f.suffix == ".pdf":
        pages = pdf_pages(f)
        A = [_alnum(p) for p in pages]
        R = [_alnum(p) for p in pdf_pages_raw(f)]  # reading order; helps with two-column pages
        whole, whole_r = "".join(A), "".join(R)
        rep["pages"] = len(pages)
        rep["ctx_found"] = sum(
            _alnum(m["context"]) in whole or _alnum(m["context"]) in whole_r for m in g["markers"]
        )
        rep["note_found"] = sum(
            _alnum(nt["text"])[:60] in whole or _alnum(nt["text"])[:60] in whole_r
            for nt in g["notes"]
        )
        wrapped = intact = 0
        for nt in g["notes"]:
            u = nt.get("url")
            if u and (_alnum(u) in whole or _alnum(u) in whole_r):
                if any(u in p for p in pages):
                    intact += 1
                else:
                    wrapped += 1
        rep["urls_wrapped"], rep["urls_on_one_line"] = wrapped, intact
        if g.get("layout") == "footnotes":
            ok = bad = 0
            for m, nt in zip(g["markers"], g["notes"]):
                ctx = _alnum(m["context"])
                pre = _alnum((nt["label"] or "") + " " + nt["text"])[:50]
                good = False
                for P in (A, R):
                    for i, a in enumerate(P):
                        y = a.find(ctx)
                        if y < 0 and i + 1 < len(P) and ctx in a[-400:] + P[i + 1][:400]:
                            y = (
                                0 if ctx in P[i + 1][:400] else len(a)
                            )  # context runs over the page break
                            if ctx not in P[i + 1][:400]:
                                continue
                            i += 1
                            a = P[i]
                        if y >= 0 and a.find(pre, y) > y:
                            good = True
                            break
                    if good:
                        break
                ok += good
                bad += not good
            rep["footnote_text_below_marker_on_same_page"] = f"{ok}/{ok + bad}"
        rep["pdf_title"] = (
            re.search(r"Title:\s*(.*)", run(["pdfinfo", str(f)], HERE).stdout).group(1).strip()
        )
    elif f.suffix == ".docx":
        import zipfile

        z = zipfile.ZipFile(f)
        names = z.namelist()
        fn = z.read("word/footnotes.xml").decode() if "word/footnotes.xml" in names else ""
        en = z.read("word/endnotes.xml").decode() if "word/endnotes.xml" in names else ""
        rep["docx_footnotes"] = fn.count("<w:footnote ") - len(
            re.findall(r'w:type="(separator|continuationSeparator)"', fn)
        )
        rep["docx_endnotes"] = en.count("<w:endnote ") - len(
            re.findall(r'w:type="(separator|continuationSeparator)"', en)
        )
        plain = _alnum(run(["pandoc", "-t", "plain", str(f)], HERE).stdout)
        rep["ctx_found"] = sum(_alnum(m["context"]) in plain for m in g["markers"])
        rep["note_found"] = sum(_alnum(nt["text"])[:60] in plain for nt in g["notes"])
    else:
        t = f.read_text(encoding="utf-8")
        rep["ctx_found"] = sum(m["context"] in t for m in g["markers"])
        rep["note_found"] = sum(
            nt["text"].rstrip(".") in t or _alnum(nt["text"]) in _alnum(t) for nt in g["notes"]
        )
    return rep


def check_all():
    out = []
    for gp in sorted(OUT.glob("*.gold.json")):
        r = check_one(gp)
        out.append(r)
        print(json.dumps(r, ensure_ascii=False))
    (HERE / "check_report.json").write_text(
        json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


FILE_OF = {"pdf": ".pdf", "docx": ".docx"}
LAYOUT = {
    "gov_critical_minerals": "footnotes",
    "journal_bri_paradiplomacy": "footnotes",
    "brief_gas_storage": "footnotes",
    "report_maritime_militia_endnotes": "endnotes",
    "report_sahel_chapter_notes": "endnotes-per-chapter",
    "research_paper_digital_sovereignty": "footnotes",
    "report_flood_finance_msword": "footnotes",
    "commentary_northern_sea_route": "footnotes",
    "paper_cbdc_payments": "footnotes",
    "assessment_chip_export_controls": "endnotes+lettered-footnotes",
    "brief_zoning_reform": "footnotes",
    "scraped_lithium_andes": "scraped-md-flat",
    "scraped_food_inflation": "scraped-txt-pipe",
    "scraped_undersea_cables": "scraped-md-unnumbered-arrow",
    "scraped_shanghai_ports": "scraped-txt-spaced-digits",
    "tr_dogu_akdeniz": "scraped-txt-tr",
    "ru_koridor_sever_yug": "scraped-md-ru",
}


def main(argv):
    OUT.mkdir(exist_ok=True)
    SRC.mkdir(exist_ok=True)
    if "--check" in argv:
        check_all()
        return
    want = set(argv[1:])
    for spec in SPECS:
        if want and spec["name"] not in want:
            continue
        gold = spec["kind"](spec)
        fname = spec.get("file") or spec["name"] + FILE_OF[spec["fmt"]]
        for m in gold["markers"]:
            m.pop("_i", None)
        g = dict(file=fname)
        g.update(gold)
        g["layout"] = LAYOUT[spec["name"]]
        if spec.get("subtitle") or spec.get("lang"):
            g["subtitle"] = (
                spec.get("subtitle") or (TRRU.TR if spec["lang"] == "tr" else TRRU.RU)["subtitle"]
            )
        (OUT / f"{spec['name']}.gold.json").write_text(
            json.dumps(g, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"{fname:45s} notes={len(g['notes']):4d} markers={len(g['markers']):4d}")


if __name__ == "__main__":
    main(sys.argv)
