"""The note mix: first citations, Ibid., short cites, op. cit., two-source,
discursive and interview notes, in one house style."""
from .works import cite, short_cite
from .util import fmt_date, MONTHS, cap

DISCURSIVE = [
    "The figure excludes {t}, for which no reliable data exist.",
    "Here and below, the term refers only to arrangements in {p}.",
    "Officials in {p} dispute this figure but have not published an estimate of their own.",
    "This section draws on the author’s fieldwork in {p} in {M} {Y}.",
    "Figures are rounded and converted at the average exchange rate for {Y}.",
    "The distinction matters legally, although it is often blurred in public debate about {t}.",
    "Earlier drafts of the text, seen by the author, were considerably more ambitious on {t}.",
    "Not all observers agree; some see {t} as a secondary issue compared with {t2}.",
    "The numbers should be read with caution, since reporting on {t} is voluntary.",
    "The original wording is ambiguous, and the translation here is the author’s own.",
]
INTERVIEW = [
    "Author interview with {r}, {c}, {d}.",
    "Interview with {r}, conducted by video link, {my}.",
    "Conversation with {r}, {c}, {my}.",
    "Author’s interview with {r}, {d}. The interviewee asked not to be named.",
]


class NoteMaker:
    def __init__(self, rng, works, style="chicago", pfmt="{}", weights=None,
                 ibid="Ibid.", opcit="op. cit.", see="See ", interview_cities=None):
        self.rng, self.w, self.style, self.pfmt = rng, works, style, pfmt
        self.ibid, self.opcit, self.see = ibid, opcit, see
        self.weights = weights or dict(full=48, ibid=10, ibid_page=6, short=10, opcit=3,
                                       two=8, discursive=8, interview=5)
        self.cities = interview_cities or ["Brussels", "London", "Washington, DC", "Berlin"]
        self.notes = []
        self.cited = []          # (work, n of the full note)
        self.prev = None         # (work, n) when the previous note cites one work
        self.ibid_run = 0

    def reset(self):
        """Chapter boundary: nothing for Ibid. to refer to."""
        self.prev = None

    def _end(self, runs):
        last = runs[-1]
        if self.style == "ieee":
            return runs
        if isinstance(last, tuple):
            return runs + ["."]
        if not last.rstrip().endswith((".", ".”", ".’", '."')):
            runs[-1] = last.rstrip() + "."
        return runs

    def _full(self, kinds=None, pin=True):
        w = self.w.make(self.rng.choice(kinds) if kinds else None)
        return w, cite(w, self.style, pin=pin and self.rng.random() < 0.7, pfmt=self.pfmt)

    def add(self, kind=None):
        r = self.rng
        kind = kind or self._choose()
        n = len(self.notes) + 1
        note = {"kind": kind, "label": None, "ibid_of": None}
        if kind == "full":
            w, runs = self._full()
            note["work"] = w
            self.cited.append((w, n))
            self.prev = (w, n)
            self.ibid_run = 0
        elif kind in ("ibid", "ibid_page"):
            w, src = self.prev
            if kind == "ibid_page" and w.get("pin"):
                runs = [f"{self.ibid}, {self.pfmt.format(r.randint(2, 99))}."] if not self.ibid.endswith(",") else [f"{self.ibid} {self.pfmt.format(r.randint(2, 99))}."]
            else:
                kind = note["kind"] = "ibid"
                runs = [self.ibid if self.ibid.endswith(".") else self.ibid + "."]
            note["ibid"] = True
            note["source_n"] = src
            self.ibid_run += 1
        elif kind == "short":
            w, src = self._earlier()
            runs = short_cite(w, self.w, self.style, self.pfmt)
            note["source_n"] = src
            self.prev = (w, src)
            self.ibid_run = 0
        elif kind == "opcit":
            w, src = self._earlier(authored=True)
            runs = [f"{w['authors'][0][1]}, {self.opcit}, {self.pfmt.format(r.randint(2, 80))}."]
            note["source_n"] = src
            self.prev = (w, src)
            self.ibid_run = 0
        elif kind == "two":
            w1, c1 = self._full(["news", "report", "gov", "journal", "data"], pin=False)
            w2, c2 = self._full(["news", "report", "gov", "journal", "data"], pin=False)
            if r.random() < 0.5:
                runs = [self.see] + c1 + ["; and "] + c2
            else:
                runs = c1 + ["; "] + c2
            self.cited += [(w1, n), (w2, n)]
            self.prev = None
        elif kind == "discursive":
            t1, t2 = r.sample(self.w.t["things"], 2)
            s = r.choice(DISCURSIVE).format(t=t1, t2=t2, p=r.choice(self.w.t["places"]), M=r.choice(MONTHS),
                                            Y=r.randint(2020, 2023))
            runs = [cap(s)]
            self.prev = None
            if r.random() < 0.6:
                w, c = self._full(["news", "report", "journal", "gov"], pin=False)
                runs = [cap(s) + " " + self.see] + c
                self.cited.append((w, n))
                self.prev = (w, n)
        elif kind == "interview":
            d = self.w.date()
            s = r.choice(INTERVIEW).format(r=r.choice(self.w.t["roles"]), c=r.choice(self.cities),
                                           d=fmt_date(d, "uk" if self.style == "uk" else "us"), my=fmt_date(d, "my"))
            runs = [s]
            self.prev = None
        note["runs"] = self._end(runs)
        self.notes.append(note)
        return len(self.notes) - 1

    def _earlier(self, authored=False):
        pool = [(w, n) for w, n in self.cited
                if (not self.prev or w is not self.prev[0]) and (w["authors"] or not authored)]
        return self.rng.choice(pool)

    def _choose(self):
        r = self.rng
        while True:
            k = r.choices(list(self.weights), weights=list(self.weights.values()))[0]
            if k in ("ibid", "ibid_page") and (not self.prev or self.ibid_run >= 2):
                continue
            if k == "short" and len([1 for w, _ in self.cited if not self.prev or w is not self.prev[0]]) < 2:
                continue
            if k == "opcit" and len([1 for w, _ in self.cited if w["authors"] and (not self.prev or w is not self.prev[0])]) < 2:
                continue
            return k


def finalize(notes):
    """Set ibid_of from the labels (call after labels are assigned)."""
    for i, n in enumerate(notes):
        if n.get("ibid"):
            assert i > 0
            n["ibid_of"] = notes[i - 1]["label"]


def phrases(rng, notes, k=3):
    """Distinctive titles of cited works (for body_must_not_contain)."""
    titles = [n["work"]["title"] for n in notes if n.get("work") and len(n["work"]["title"]) > 24]
    return rng.sample(titles, k)
