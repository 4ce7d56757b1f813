"""URL shapes copied from real publishers (all paths invented).

The URL patterns are data, kept in urls.json next to this module: one table
each for news outlets, think tanks and DOI prefixes.  A pattern is plain text
with fields in braces, each filled left to right: {name} or {name:02d} is a
value computed here (y, m, dd, s, ...); {randint A B}, {choice A B ...},
{hex N} and {uuid} draw from the rng; {slug N}, {capslug N} (words
capitalised) and {uslug N} (underscores) are slugs of the cited title.
Every pattern of a table is filled, in table order, before one is picked, so
the rng draws the same numbers whichever entry is wanted.
"""
import json
import os
import re

from .util import slugify, MONTHS

with open(os.path.splitext(__file__)[0] + ".json", encoding="utf-8") as _f:
    _TABLES = json.load(_f)
_FIELD = re.compile(r"\{([^{}:]+)(?::([^{}]+))?\}")


def _hex(rng, n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _uuid(rng):
    return f"{_hex(rng, 8)}-{_hex(rng, 4)}-{_hex(rng, 4)}-{_hex(rng, 4)}-{_hex(rng, 12)}"


_CALLS = {
    "randint": lambda rng, title, a, b: rng.randint(int(a), int(b)),
    "choice": lambda rng, title, *options: rng.choice(list(options)),
    "hex": lambda rng, title, n: _hex(rng, int(n)),
    "uuid": lambda rng, title: _uuid(rng),
    "slug": lambda rng, title, n: slugify(title, int(n)),
    "capslug": lambda rng, title, n: "-".join(w.capitalize() for w in slugify(title, int(n)).split("-")),
    "uslug": lambda rng, title, n: slugify(title, int(n)).replace("-", "_"),
}


def _pick(rng, table, key, title, values):
    """Fill every pattern of the table (in order, drawing from rng), return the one for key."""
    def field(m):
        name, *args = m.group(1).split(" ")
        value = _CALLS[name](rng, title, *args) if name in _CALLS else values[name]
        return format(value, m.group(2) or "")

    filled = {k: _FIELD.sub(field, pattern) for k, pattern in _TABLES[table].items()}
    return filled[key]


def news_url(rng, outlet, title, d):
    y, m, dd = d
    s = slugify(title, 14)
    mon = MONTHS[m - 1].lower()[:3]
    sec = rng.choice(["world", "business", "politics", "economy"])
    region = rng.choice(["europe", "asia-pacific", "middle-east", "africa", "americas"])
    values = dict(y=y, m=m, dd=dd, s=s, mon=mon, sec=sec, region=region, region0=region.split("-")[0])
    return _pick(rng, "news", outlet, title, values)


def tt_url(rng, tt, title, d, series):
    y, m, dd = d
    s = slugify(title, 10)
    rr = rng.randint(1000, 3999)
    values = dict(y=y, m=m, dd=dd, s=s, rr=rr, s0cap=s.split("-")[0].capitalize())
    return _pick(rng, "think_tanks", tt, title, values)


def doi(rng, key, y):
    n7 = rng.randint(2100000, 2299999)
    return _pick(rng, "doi", key, "", dict(y=y, n7=n7))


def archive_wrap(rng, url, d):
    y, m, dd = d
    return f"https://web.archive.org/web/{y}{m:02d}{dd:02d}{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}{rng.randint(0, 59):02d}/{url}"
