"""make_docs.py --check: every gold file against the built document.

PDFs through pdftotext (-layout and reading order), docx through its footnote and
endnote XML and pandoc -t plain, text files as they are.  Writes check_report.json.
"""

import json
import re
import unicodedata
import zipfile

from .common import HERE, OUT, run


def _alnum(s):
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", s)).lower()


def pdf_pages(path, layout=True):
    """pdftotext of each page: -layout, or reading order with layout=False."""
    n = int(re.search(r"Pages:\s+(\d+)", run(["pdfinfo", str(path)], HERE).stdout).group(1))
    opts = ["-layout"] if layout else []
    return [
        run(["pdftotext", *opts, "-f", str(p), "-l", str(p), str(path), "-"], HERE).stdout
        for p in range(1, n + 1)
    ]


def docx_note_count(z, part, tag):
    """Footnotes or endnotes in word/<part>.xml, without the separator notes."""
    xml = z.read(f"word/{part}.xml").decode() if f"word/{part}.xml" in z.namelist() else ""
    return xml.count(f"<w:{tag} ") - len(
        re.findall(r'w:type="(separator|continuationSeparator)"', xml)
    )


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
        R = [
            _alnum(p) for p in pdf_pages(f, layout=False)
        ]  # reading order; helps with two-column pages
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
        z = zipfile.ZipFile(f)
        rep["docx_footnotes"] = docx_note_count(z, "footnotes", "footnote")
        rep["docx_endnotes"] = docx_note_count(z, "endnotes", "endnote")
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
