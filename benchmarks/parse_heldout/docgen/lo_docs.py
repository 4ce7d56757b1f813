"""Documents written as LibreOffice flat ODT and converted with soffice: a policy
brief and a Word-exported working paper (PDF), a policy paper with footnotes and
an assessment with endnotes plus lettered footnotes (docx).
"""

import re
from xml.sax.saxutils import escape as xesc

from .body import collect_markers, english_parts, iter_paras
from .common import first_url, month_year
from .fodt import fodt_head, fodt_para, note_xml_factory, soffice
from .gold import body_must_not, gold_head
from .works import Filler


ASIDES = [
    "Throughout this paper, “{X}” refers to measures adopted at the national level; regional measures are treated separately.",
    "The term is used here in its technical sense; see the glossary at the end of this paper.",
    "Interviews were conducted between {yr0} and {yr} under the Chatham House Rule.",
    "Some of the figures in this section were revised after the first edition of this paper was published.",
    "We follow the official transliteration used by the ministry itself.",
]


def add_asides(spec, rng, T, dd, notes, secs):
    """Lettered explanatory footnotes of an endnote document (spec["asides"] of them), each
    marked at the end of the first sentence of a chosen paragraph; returns their notes, which
    follow the endnotes in the combined note list."""
    asides = spec.get("asides", 0)
    aside_notes = []
    if asides:
        fill = Filler(rng, T, dd[0])
        aside_notes = [
            dict(text=fill(t), kind="aside", ibid_of_n=None, source_n=None, work=None)
            for t in ASIDES[:asides]
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
    for k, pi in enumerate(aside_para_ids):
        p = paras_flat[pi]
        s0 = p[0]
        m = re.search(r"\. ", s0)
        p[0:1] = [s0[: m.start() + 1], ("m", len(notes) + k), s0[m.start() + 1 :]]
    return aside_notes


def note_labels(spec, order, n_notes):
    """Label of each note index: endnotes 1..N and asides a, b, ... in an endnote document,
    else 1..N in marker order."""
    letters = "abcdefghij"
    lab = {}
    if spec["notes"] == "endnote":
        ne = na = 0
        for i in order:
            if i >= n_notes:
                lab[i] = letters[na]
                na += 1
            else:
                ne += 1
                lab[i] = str(ne)
    else:
        for k, i in enumerate(order):
            lab[i] = str(k + 1)
    return lab


def lo_head(spec, month):
    return fodt_head(
        spec.get("fodt", {}),
        dict(
            meta_title=xesc(spec.get("meta_title", spec["title"])),
            creator=xesc(spec.get("meta_creator", spec["authors"][0])),
            cdate=spec["date"],
            subject=xesc(spec.get("publisher", "")),
            keywords=xesc(spec.get("keywords", "")),
            header=xesc(spec.get("header", spec["title"])),
            footer=xesc(spec.get("footer", spec.get("publisher", "")))
            + ' | <text:page-number text:select-page="current"/>',
            fn_format="a" if spec["notes"] == "endnote" else "1",
            first_footer=xesc(spec.get("first_footer", "")),
        ),
    )


def lo_front(spec, month, summary):
    """Kicker, title, subtitle, byline, dateline and the key-points summary."""
    X = [f'<text:p text:style-name="P1">{xesc(spec["kicker"])}</text:p>\n']
    X.append(f'<text:p text:style-name="Title">{xesc(spec["title"])}</text:p>\n')
    if spec.get("subtitle"):
        X.append(f'<text:p text:style-name="Subtitle">{xesc(spec["subtitle"])}</text:p>\n')
    X.append(
        f'<text:p text:style-name="Byline">{xesc(spec.get("byline", ", ".join(spec["authors"])))}</text:p>\n'
    )
    X.append(f'<text:p text:style-name="Byline">{xesc(spec.get("dateline", month))}</text:p>\n')
    X.append(
        f'<text:p text:style-name="Summary"><text:span>{xesc(spec.get("summary_label", "Key points"))}: </text:span>{xesc(" ".join(summary))}</text:p>\n'
    )
    return X


def lo_sections(spec, secs, nx):
    """The body's sections and paragraphs, then "About the authors" when the spec has one."""
    X = []
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
    return X


def lo_gold_notes(spec, order, combined, lab, cls_of):
    """Gold notes, n = order of markers in the document."""
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
    return gnotes


def doc_lo(spec):
    """LibreOffice documents: brief (pdf), junk-title report (pdf), docx with footnotes / endnotes."""
    st = dict(cite=spec.get("cite", "chicago"), pstyle="p")
    rng, T, dd, notes, body, secs = english_parts(spec, st, subheads=spec.get("subheads"))
    # build note list in document order: endnotes 1..N plus lettered footnotes inserted as separate notes
    combined = list(notes) + add_asides(spec, rng, T, dd, notes, secs)
    # labels in document order
    order = [x[1] for p in iter_paras(secs) for x in p if isinstance(x, tuple)]
    lab = note_labels(spec, order, len(notes))
    cls_of = lambda i: "footnote" if (spec["notes"] == "footnote" or i >= len(notes)) else "endnote"
    nx = note_xml_factory(combined, cls_of, lambda i: lab[i])
    month = month_year(dd)
    X = [lo_head(spec, month)]
    summary = [body.sentence() for _ in range(4)]
    X += lo_front(spec, month, summary)
    X += lo_sections(spec, secs, nx)
    X.append("</office:text></office:body></office:document>\n")
    soffice(spec["name"], "".join(X), spec["fmt"])
    markers = collect_markers(secs, lambda i: lab[i])
    gold = gold_head(spec, lo_gold_notes(spec, order, combined, lab, cls_of), markers)
    gold["body_must_not_contain"] = body_must_not(notes, secs, spec, rng, " ".join(summary))
    if spec.get("meta_title"):
        gold["note"] = (
            f"PDF metadata Title is deliberately wrong ({spec['meta_title']!r}); the real title is the large type on page 1."
        )
    if spec["notes"] == "endnote":
        gold["numbering"] = (
            "citations are Word/LibreOffice endnotes 1..N; a few explanatory footnotes are lettered a, b, ...; n follows marker order"
        )
    return gold
