"""English note texts: citation styles (chicago, eu, md, pipe) and the note mix.

gen_notes_checked draws a list of notes (full citations, Ibid., op. cit., short
cites, two-source notes, discursive notes, interviews) and retries seeds until
the mix has enough of each kind.
"""

import random
import re

from .common import C, cap1, first_url
from .works import Filler, authors_en, date_before, fmt_date, make_work, pg, surname


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
        when = f"{C.MONTHS[w['m'] - 1]} {w['y']}"
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


def short_names(a):
    """Surnames for a short cite: 'Chen' (one author, or three and more), 'Chen and Rossi'."""
    return surname(a[0]) if len(a) != 2 else f"{surname(a[0])} and {surname(a[1])}"


def cite_short(rng, w, st):
    ps = st.get("pstyle", "p")
    who = short_names(w["authors"]) if w.get("authors") else w["container"]
    t = short_title(w)
    if w["kind"] in ("news", "journal", "comment", "data"):
        cq = "”," if st["cite"] == "eu" else ",”"
        return f"{who}, “{t}{cq} {pg(rng, ps)}"
    return f"{who}, {t}, {pg(rng, ps)}"


def end(s):
    return s if s.endswith((".", "?", "!", ".”")) else s + "."


NOTE_KINDS = (
    ["news"] * 30
    + ["report"] * 16
    + ["comment"] * 8
    + ["gov"] * 12
    + ["book"] * 10
    + ["journal"] * 14
    + ["data"] * 4
)


class NoteWriter:
    """One English note list being written: the works cited so far and the note that first
    cited each. Each method fills in one kind of note record; all draw from the same rng."""

    def __init__(self, rng, T, st, doc_date):
        self.rng, self.T, self.st, self.doc_date = rng, T, st, doc_date
        self.fill = Filler(rng, T, doc_date[0])
        self.kinds = NOTE_KINDS
        if st["cite"] == "pipe":
            self.kinds = [k for k in self.kinds if k not in ("book",)]
        self.works = []  # (work, first n)
        self.cited_first = {}

    def new_work(self):
        w = make_work(self.rng, self.fill, self.rng.choice(self.kinds), self.doc_date)
        self.works.append(w)
        return w

    def ibid(self, rec, prev):
        rng, st = self.rng, self.st
        w = prev["work"]
        if rng.random() < 0.45 or w["kind"] in ("news", "data", "comment"):
            txt = "Ibid."
        else:
            txt = f"Ibid., {pg(rng, st.get('pstyle', 'p'))}."
        rec.update(
            text=txt, kind="ibid", work=w, ibid_of_n=prev["n"], source_n=self.cited_first[id(w)]
        )

    def repeat(self, rec, prev, i):
        """An earlier work again (not the one just cited): op. cit. or a short cite."""
        rng, st = self.rng, self.st
        cand = [
            w for w in self.works if w.get("authors") and (prev is None or prev["work"] is not w)
        ]
        w = rng.choice(cand) if cand else None
        if w is None:
            w = self.new_work()
            rec.update(text=end(cite_full(rng, w, st)), kind="full", work=w)
            self.cited_first[id(w)] = i
        elif st.get("opcit", 0.5) > rng.random():
            rec.update(
                text=f"{short_names(w['authors'])}, op. cit., {pg(rng, st.get('pstyle', 'p'))}.",
                kind="opcit",
                work=w,
                source_n=self.cited_first[id(w)],
                op_cit=True,
            )
        else:
            rec.update(
                text=end(cite_short(rng, w, st)),
                kind="short",
                work=w,
                source_n=self.cited_first[id(w)],
            )

    def two(self, rec, i):
        rng, st = self.rng, self.st
        w1, w2 = self.new_work(), self.new_work()
        lead = rng.choice(["See ", "See ", "", "For example, see "])
        txt = (
            f"{lead}{cite_full(rng, w1, st)}; and {cite_full(rng, w2, st)}"
            if lead
            else f"{cite_full(rng, w1, st)}; {cite_full(rng, w2, st)}"
        )
        rec.update(text=end(txt), kind="two")
        self.cited_first[id(w1)] = self.cited_first[id(w2)] = i

    def discursive(self, rec, i):
        rng, st, T, doc_date = self.rng, self.st, self.T, self.doc_date
        tmpl = rng.choice(C.DISCURSIVE)
        ws = [self.new_work() for _ in range(tmpl.count("{c"))]
        vals = dict(
            x=rng.choice(T["X"]),
            m=rng.choice(T["M"]),
            a=rng.choice(T["A"]),
            p=rng.choice(T["P"]),
            yr=str(doc_date[0] - rng.randint(1, 4)),
        )
        for j, w in enumerate(ws):
            vals[f"c{j + 1}"] = cite_full(rng, w, st)
            self.cited_first[id(w)] = i
        txt = tmpl.format(**vals)
        txt = re.sub(r"(https?://\S+?)\.\s", r"\1. ", txt)
        rec.update(text=cap1(txt), kind="discursive", work=ws[0] if len(ws) == 1 else None)
        if len(ws) == 1 and not txt.startswith(tuple("0123456789")):
            rec["work"] = None  # commentary around the cite: no ibid after it

    def interview(self, rec):
        rng = self.rng
        y, m, d = date_before(rng, *self.doc_date, span_days=500)
        rec.update(
            text=f"Author interview with a {rng.choice(C.ROLES)}, {rng.choice(self.T['P'])}, {C.MONTHS[m - 1]} {y}.",
            kind="interview",
        )

    def full(self, rec, i):
        rng, st = self.rng, self.st
        w = self.new_work()
        full = cite_full(rng, w, st)
        rec.update(
            text=full if st["cite"] == "pipe" and first_url(full) else end(full),
            kind="full",
            work=w,
        )
        self.cited_first[id(w)] = i


def gen_notes_en(rng, T, n, st, doc_date, allow_discursive=True):
    """Returns a list of note dicts: text, kind, work, ibid_of_n, source_n."""
    nw = NoteWriter(rng, T, st, doc_date)
    notes = []
    for i in range(1, n + 1):
        prev = notes[-1] if notes else None
        r = rng.random()
        rec = dict(n=i, work=None, ibid_of_n=None, source_n=None, op_cit=False)
        if prev and prev["work"] is not None and r < 0.15 and st.get("ibid", True):
            nw.ibid(rec, prev)
        elif len(nw.works) > 4 and r < 0.25 and st["cite"] in ("chicago", "eu"):
            nw.repeat(rec, prev, i)
        elif r < 0.32 and st["cite"] != "pipe":
            nw.two(rec, i)
        elif r < 0.37 and allow_discursive and st["cite"] != "pipe":
            nw.discursive(rec, i)
        elif r < 0.39 and st["cite"] in ("chicago", "eu"):
            nw.interview(rec)
        else:
            nw.full(rec, i)
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
