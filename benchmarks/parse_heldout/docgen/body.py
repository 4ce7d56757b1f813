"""English body text: the paragraph model, sections, and marker contexts.

A paragraph is a list of str and ('m', i) items, where i is the 0-based index
of the note whose marker stands there.  Sections are
[(heading, [(subheading or None, [paragraph, ...]), ...]), ...].
"""

from .citations import gen_notes_checked
from .common import C, doc_setup
from .works import Filler

LOWERABLE = set(
    "The A In By Between Officials Critics What Few Data Negotiations For Local Industry Several "
    "Analysts None According Whether These Earlier It Skeptics Proponents Taken Much This There As At "
    "Independent Some Public Government Officials".split()
)


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
                ctx = ctx_of(seg)
                assert len(seg.split()) >= 6, (seg, i)
                page = page_of(i) if page_of else None
                marks.append(dict(label=label_of(i), context=ctx, page=page, _i=i))
                seg = ""
    return marks


def iter_paras(sections_list):
    for sec in sections_list:
        for sub, paras in sec[1]:
            for p in paras:
                yield p


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


def english_parts(spec, st, **section_args):
    """The pieces every English document starts from.

    Returns rng, topic bank T, date dd, notes, Body, and sections with all the
    note markers placed (build_sections keywords: subheads, notes_per_para).
    """
    rng, T, dd = doc_setup(spec)
    notes = gen_notes_checked(spec["seed"], T, spec["n"], st, dd)
    body = Body(rng, T, dd[0])
    secs = build_sections(rng, body, T["heads"], 0, len(notes), **section_args)
    return rng, T, dd, notes, body, secs
