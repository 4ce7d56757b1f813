"""Cited works (invented) and their citation in several house styles.

A citation is a list of runs: str | ("i", italic) | ("u", url).
Styles: chicago (US notes), uk (Oxford-style notes), ieee (numbered
reference list), plain (newsletter, no italics).
"""
import re

from . import bank, urls
from .util import fmt_date, MONTHS, slugify

TITLE_TPL = [
    "{S} in {Pt}: Risks and Options", "Rethinking {S}", "The Geopolitics of {S}",
    "{S} after {Y}: What Has Changed?", "Managing {S}: Lessons from {Pt}", "Why {S} Matters for {Pt}",
    "{S}, {S2} and the Limits of Cooperation", "Between {S} and {S2}: Choices for Policymakers",
    "Who Pays for {S}?", "The Hidden Costs of {S}", "Governing {S} in an Age of Rivalry",
    "{S}: A Stocktake", "From {S} to {S2}", "Navigating {S}", "The Politics of {S} in {Pt}",
    "{S} and Its Discontents", "A New Agenda for {S}", "Beyond {S}", "{S} Under Pressure",
]
JOURNAL_TPL = [
    "Explaining {S}: Evidence from {Pt}", "{S} and {S2}: A Comparative Analysis",
    "Institutions and {S}: The Case of {Pt}", "Bargaining over {S}", "The Domestic Politics of {S}",
    "Power, Interests and {S}", "Measuring {S}: New Data and Old Puzzles",
]
BOOK_TPL = [
    "{S}: Power and Policy in {Pt}", "Contested Waters? {S} and the State",
    "The Long Road to {S}", "{S}: A History", "Unequal Exchange: {S} and {S2}",
]
NEWS_TPL = [
    "{a} moves to tighten rules on {t}", "{a} and {b} clash over {t}", "Talks on {t} stall as {a} hardens stance",
    "Exclusive: {a} weighs new curbs on {t}", "{a} braces for fallout from dispute over {t}",
    "Inside the fight over {t}", "{a} says deal on {t} is within reach", "Analysis: why the fight over {t} is back on the agenda",
    "{a} faces pressure over {t} as costs mount", "Explainer: what the row over {t} means for {b}",
    "{a} signals shift on {t} ahead of summit", "{a} accuses {b} of stalling on {t}",
    "Record numbers tied to {t} alarm officials in {b}", "{a} quietly expands role in {t}",
]
SPEECH_CITIES = ["Brussels", "Washington, DC", "London", "Paris", "Berlin", "Tokyo", "New Delhi",
                 "Oslo", "Geneva", "Singapore", "Canberra", "Ankara", "Brasília"]
STOP = {"and", "of", "the", "in", "for", "with", "on", "to", "a", "from", "after", "between", "at", "by", "as"}
SPEECH_TPL = ["Remarks on {S}", "Keynote Address on {S}", "Statement on {S} at the Annual Conference",
              "Address to Parliament on {S}"]


class Fill(dict):
    """Format-string values created on demand: n5 = five digits, hex8 = 8 hex chars."""
    def __init__(self, rng, d):
        super().__init__()
        y, m, dd = d
        self.rng = rng
        self.update(y=y, y2=y + 1, y2s=str(y)[2:], m=f"{m:02d}", dd=f"{dd:02d}", month=MONTHS[m - 1])

    def __missing__(self, k):
        r = self.rng
        if k.startswith("n") and k[1:].isdigit():
            n = int(k[1:])
            v = str(r.randint(10 ** (n - 1), 10 ** n - 1))
        elif k.startswith("hex"):
            v = "".join(r.choice("0123456789abcdef") for _ in range(int(k[3:])))
        elif k == "slug":
            v = slugify(self.get("title", "statement"), 8)
        else:
            raise KeyError(k)
        self[k] = v
        return v


class Works:
    def __init__(self, rng, topic, years=(2019, 2024), until=None):
        self.rng, self.t, self.years = rng, topic, years
        self.until = until or (years[1], 12, 31)
        self.titles = set()
        self.people = set()

    # -- pieces
    def date(self):
        r = self.rng
        while True:
            d = (r.randint(*self.years), r.randint(1, 12), r.randint(1, 28))
            if d < self.until:
                return d

    def person(self):
        while True:
            p = (self.rng.choice(bank.FIRST), self.rng.choice(bank.LAST))
            if p not in self.people:
                self.people.add(p)
                return p

    def authors(self, lo=1, hi=3):
        k = self.rng.choices(range(lo, hi + 1), weights=[6, 3, 1][: hi - lo + 1])[0]
        return [self.person() for _ in range(k)]

    def _title(self, tpls):
        r, t = self.rng, self.t
        for _ in range(100):
            s, s2 = r.sample(t["subjects"], 2)
            pt = " ".join(x if x in ("the", "of", "and", "do", "de", "da", "dos") else x[:1].upper() + x[1:]
                          for x in r.choice(t["places"]).split())
            title = r.choice(tpls).format(S=s, S2=s2, Pt=pt, Y=r.randint(2014, 2022))
            title = re.sub(r"([:?] )the ", r"\1The ", title)
            title = title[0].upper() + title[1:]
            if title not in self.titles:
                self.titles.add(title)
                return title
        raise RuntimeError("titles exhausted")

    def headline(self):
        r, t = self.rng, self.t
        for _ in range(100):
            a, b = r.sample(t["actors_short"], 2)
            h = r.choice(NEWS_TPL).format(a=a, b=b, t=r.choice(t["things"]))
            h = h[0].upper() + h[1:]
            if h not in self.titles:
                self.titles.add(h)
                return h
        raise RuntimeError

    # -- works
    def make(self, kind=None):
        r, t = self.rng, self.t
        kind = kind or r.choices(["news", "report", "gov", "journal", "book", "data", "speech"],
                                 weights=[30, 22, 15, 12, 8, 6, 4])[0]
        d = self.date()
        w = {"kind": kind, "date": d, "authors": [], "url": None}
        if kind == "news":
            w["outlet"] = r.choice(t["news"])
            w["title"] = self.headline()
            w["authors"] = self.authors(1, 2) if r.random() < 0.8 else []
            w["url"] = urls.news_url(r, w["outlet"], w["title"], d)
            if r.random() < 0.08:
                w["url"] = urls.archive_wrap(r, w["url"], (d[0], d[1], min(d[2] + 1, 28)))
        elif kind == "report":
            w["tt"] = r.choice(t["tts"])
            w["title"] = self._title(TITLE_TPL)
            w["authors"] = self.authors()
            w["series"] = r.choice(bank.REPORT_SERIES)
            w["pin"] = r.randint(3, 48)
            w["url"] = urls.tt_url(r, w["tt"], w["title"], d, w["series"])
        elif kind == "gov":
            agency, title, ufmt, rfmt = r.choice(t["gov"])
            f = Fill(r, d)
            f["title"] = title
            w.update(agency=agency, title=title.format_map(f), url=ufmt.format_map(f),
                     repno=rfmt.format_map(f) if rfmt else None, pin=r.randint(2, 90))
            w["title"] = w["title"].replace("{", "").replace("}", "")
        elif kind == "journal":
            jname = r.choice(t["journals"])
            key = dict(bank.JOURNALS)[jname]
            w.update(journal=jname, title=self._title(JOURNAL_TPL), authors=self.authors(1, 2),
                     vol=r.randint(18, 99), no=r.randint(1, 6))
            p1 = r.randint(5, 700)
            w["pages"] = (p1, p1 + r.randint(14, 30))
            w["pin"] = r.randint(*w["pages"])
            w["doi"] = urls.doi(r, key, d[0])
            w["url"] = "https://doi.org/" + w["doi"]
        elif kind == "book":
            city, press = r.choice(bank.CITIES_PRESS)
            w.update(title=self._title(BOOK_TPL), authors=self.authors(1, 2), city=city, press=press,
                     pin=r.randint(12, 310))
        elif kind == "data":
            agency, ds, ufmt = r.choice(t["data"])
            w.update(agency=agency, title=ds, url=ufmt.format_map(Fill(r, d)))
        elif kind == "speech":
            w["authors"] = [self.person()]
            w["title"] = self._title(SPEECH_TPL)
            w["where"] = r.choice(SPEECH_CITIES)
            w["url"] = r.choice([
                f"https://www.youtube.com/watch?v={''.join(r.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-') for _ in range(11))}",
                f"https://www.consilium.europa.eu/en/press/press-releases/{d[0]}/{d[1]:02d}/{d[2]:02d}/{slugify(w['title'], 8)}/",
                f"https://www.state.gov/{slugify(w['title'], 8)}/",
            ])
        return w

    def short_title(self, w):
        t = w["title"].split(":")[0].split("?")[0]
        words = t.split()[:4 if w["kind"] == "news" else 5]
        while len(words) > 1 and words[-1].lower().strip(",") in STOP:
            words.pop()
        return " ".join(words).rstrip(",")


# ------------------------------------------------------------------ names
def names(authors, style):
    if style in ("uk", "ieee"):
        ns = [f"{f[0]}. {l}" for f, l in authors]
    else:
        ns = [f"{f} {l}" for f, l in authors]
    if len(ns) <= 1:
        return "".join(ns)
    if len(ns) == 2:
        return f"{ns[0]} and {ns[1]}"
    return ", ".join(ns[:-1]) + ", and " + ns[-1]


def lead(w, style):
    """Author or issuing body that opens a citation."""
    if w["authors"]:
        return names(w["authors"], style)
    if w["kind"] in ("gov", "data"):
        return w["agency"]
    return None


def cite(w, style, pin=True, pfmt="{}"):
    """Full citation runs (without final period handling beyond the style)."""
    k = w["kind"]
    by = lead(w, style)
    d = w["date"]
    runs = []
    q1, q2 = ("‘", "’") if style == "uk" else ("“", "”")
    if style == "plain":
        q1 = q2 = '"'
    it = (lambda s: s) if style == "plain" else (lambda s: ("i", s))
    sep = ", " if style != "ieee" else ", "
    pg = (pfmt.format(w["pin"]) if pin and w.get("pin") else None)
    if by:
        runs.append(by + ", ")
    if style == "ieee":
        date = fmt_date(d, "ieee")
        if k == "news":
            runs += [f"“{w['title']},” ", ("i", w["outlet"]), f", {date}. [Online]. Available: ", ("u", w["url"])]
        elif k == "report":
            runs += [f"“{w['title']},” {w['tt']}, {w['series']}, {bank.MONTHS_IEEE(d)}. [Online]. Available: ", ("u", w["url"])]
        elif k == "gov":
            runs += [f"“{w['title']},” " + (f"{w['repno']}, " if w["repno"] else "") + f"{bank.MONTHS_IEEE(d)}. [Online]. Available: ", ("u", w["url"])]
        elif k == "journal":
            runs += [f"“{w['title']},” ", ("i", w["journal"]), f", vol. {w['vol']}, no. {w['no']}, pp. {w['pages'][0]}–{w['pages'][1]}, {d[0]}, doi: {w['doi']}."]
        elif k == "book":
            runs += [("i", w["title"]), f". {w['city']}: {w['press']}, {d[0]}."]
        elif k == "data":
            runs += [f"“{w['title']}.” ", ("u", w["url"]), f" (accessed {date})."]
        elif k == "speech":
            runs += [f"“{w['title']},” speech, {w['where']}, {date}. [Online]. Available: ", ("u", w["url"])]
        return runs
    ds = fmt_date(d, "uk" if style in ("uk", "plain") else "us")
    dm = fmt_date(d, "my")
    if k == "news":
        runs += [f"{q1}{w['title']},{q2} " if style == "chicago" else f"{q1}{w['title']}{q2}, ", it(w["outlet"]), f", {ds}, ", ("u", w["url"])]
    elif k == "report":
        tt = bank.TT_SHORT.get(w["tt"], w["tt"]) if style == "plain" else w["tt"]
        if style == "chicago":
            runs += [it(w["title"]), f", {w['series']} ({tt}, {dm})" + (f", {pg}" if pg else "") + ", ", ("u", w["url"])]
        else:
            runs += [it(w["title"]) if style != "plain" else f"{q1}{w['title']}{q2}", f", {tt} {w['series']}, {dm}" + (f", {pg}" if pg else "") + ", ", ("u", w["url"])]
    elif k == "gov":
        rep = f", {w['repno']}" if w["repno"] else ""
        runs += [it(w["title"]), f"{rep} ({dm})" + (f", {pg}" if pg else "") + ", ", ("u", w["url"])]
    elif k == "journal":
        if style == "chicago":
            runs += [f"“{w['title']},” ", it(w["journal"]), f" {w['vol']}, no. {w['no']} ({d[0]}): {w['pin'] if pin else str(w['pages'][0]) + '–' + str(w['pages'][1])}, ", ("u", w["url"])]
        else:
            runs += [f"{q1}{w['title']}{q2}, ", it(w["journal"]), f", {w['vol']}:{w['no']} ({d[0]}), pp. {w['pages'][0]}–{w['pages'][1]}, ", ("u", w["url"])]
    elif k == "book":
        runs += [it(w["title"]), f" ({w['city']}: {w['press']}, {d[0]})" + (f", {pg}" if pg else "")]
    elif k == "data":
        if style == "chicago":
            runs += [f"“{w['title']},” accessed {ds}, ", ("u", w["url"])]
        else:
            runs += [f"{q1}{w['title']}{q2}, ", ("u", w["url"]), f" (accessed {ds})"]
    elif k == "speech":
        runs += [f"{q1}{w['title']}{q2} (speech, {w['where']}, {ds}), ", ("u", w["url"])]
    return runs


def short_cite(w, works, style, pfmt="{}"):
    """Later short reference: Surname, Short Title, page."""
    by = w["authors"][0][1] if w["authors"] else w.get("agency") or w.get("outlet")
    if len(w["authors"]) == 2:
        by = f"{w['authors'][0][1]} and {w['authors'][1][1]}"
    elif len(w["authors"]) > 2:
        by = f"{w['authors'][0][1]} et al."
    st = works.short_title(w)
    pin = works.rng.randint(2, 60) if w["kind"] != "journal" else works.rng.randint(*w["pages"])
    q1, q2 = ("‘", "’") if style == "uk" else ("“", "”")
    if w["kind"] in ("news", "journal", "data", "speech"):
        title = [f"{q1}{st},{q2} " if style == "chicago" else f"{q1}{st}{q2}, "]
    else:
        title = [("i", st), ", "]
    if w["kind"] in ("news", "data"):
        return [by + ", ", f"{q1}{st}.{q2}" if style == "chicago" else f"{q1}{st}{q2}."]
    return [by + ", "] + title + [pfmt.format(pin) + "."]
