"""English cited works: authors, dates, URLs, and the work records notes cite."""

import datetime as dt
import re

from .common import C, cap1, cap_after_colon, digits, hexs, slug_title, slugify, titlecase

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
    base = dt.date(y, m, d)
    x = base - dt.timedelta(days=rng.randint(min_days, span_days))
    return x.year, x.month, x.day


def date_between(rng, a, b):
    a, b = dt.date(*a), dt.date(*b)
    if b <= a:
        return a.year, a.month, a.day
    x = a + dt.timedelta(days=rng.randint(0, min(400, (b - a).days)))
    return x.year, x.month, x.day


def fmt_date(y, m, d, style):
    if style == "eu":
        return f"{d} {C.MONTHS[m - 1]} {y}"
    return f"{C.MONTHS[m - 1]} {d}, {y}"


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
        return cap1(cap_after_colon(s))


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
    w["title"] = cap_after_colon(cap1(titlecase(w["title"])))
    w["acc"] = w.get("acc") or date_between(rng, (y, m, d), doc_date)
    return w
