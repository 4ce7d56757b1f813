"""Paths, content banks, and small helpers shared by every document builder."""

import random
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent  # benchmarks/parse_heldout
SRC = HERE / "src"
OUT = HERE / "docs"
sys.path.insert(0, str(SRC))  # the content banks (TRRU is used by tr_ru.py and make_docs.py)
import corpus_en as C  # noqa: E402
import corpus_tr_ru as TRRU  # noqa: E402,F401

URL_RE = re.compile(r"https?://[^\s]+")


def url_at(m):
    """The URL of a URL_RE match, without the punctuation that ends the sentence."""
    return m.group(0).rstrip(".,;)")


def first_url(text):
    m = URL_RE.search(text)
    return url_at(m) if m else None


def mark_urls(s, esc, wrap):
    """s with the text between URLs passed through esc and every URL through wrap."""
    out, pos = [], 0
    for m in URL_RE.finditer(s):
        u = url_at(m)
        out.append(esc(s[pos : m.start()]))
        out.append(wrap(u))
        pos = m.start() + len(u)
    out.append(esc(s[pos:]))
    return "".join(out)


def run(cmd, cwd, timeout=300):
    r = subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=timeout
    )
    return r


def parse_date(s):
    """'2023-11-14' -> (2023, 11, 14)"""
    return tuple(int(x) for x in s.split("-"))


def doc_setup(spec):
    """The random generator, topic bank and (y, m, d) date of a document spec."""
    rng = random.Random(spec["seed"])
    T = C.TOPICS[spec["topic"]]
    dd = parse_date(spec["date"])
    return rng, T, dd


def month_year(dd):
    return f"{C.MONTHS[dd[1] - 1]} {dd[0]}"


# ---------------------------------------------------------------------------
# strings
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


def cap_after_colon(s):
    """'Title: the rest' -> 'Title: The rest' (also after '? ')."""
    return re.sub(r"(: |\? )(the|a|an) ", lambda m: m.group(1) + m.group(2).capitalize() + " ", s)


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
