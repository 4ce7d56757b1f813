"""Verify the built documents against their gold with the real tools:
pdftotext (-layout and raw), the docx XML, an HTML parser, pandoc for Markdown."""
import html.parser
import json
import os
import re
import zipfile

from .util import DOCS, HERE, norm, pdf_pages, run


def sq(s):
    """Compare key: NFKC, quotes unified, no whitespace, no hyphens of any kind."""
    s = norm(s.replace("\u00ad", ""))
    return re.sub(r"[\s\-]", "", s)


def load(name):
    return json.load(open(os.path.join(DOCS, name + ".gold.json"), encoding="utf-8"))


def followed_by(text_sq, ctx, label, fmt):
    """Is some occurrence of ctx directly followed by the marker label?"""
    c = sq(ctx)
    want = sq(fmt.format(label))
    i, hits, ok = text_sq.find(c), 0, False
    while i >= 0:
        hits += 1
        if text_sq[i + len(c):].startswith(want):
            ok = True
        i = text_sq.find(c, i + 1)
    return hits, ok


def check_pdf(g, marker_fmt):
    path = os.path.join(DOCS, g["file"])
    lay, raw = pdf_pages(path, True), pdf_pages(path, False)
    L, R = sq("\n".join(lay)), sq("\n".join(raw))
    res = {"pages": len(lay), "markers": len(g["markers"]), "notes": len(g["notes"])}
    ctx_found = ctx_marked = page_ok = page_n = 0
    miss = []
    for m in g["markers"]:
        h1, ok1 = followed_by(L, m["context"], m["label"], marker_fmt)
        h2, ok2 = followed_by(R, m["context"], m["label"], marker_fmt)
        ctx_found += bool(h1 or h2)
        ctx_marked += bool(ok1 or ok2)
        if not (ok1 or ok2):
            miss.append(m["context"])
        if m.get("page"):
            page_n += 1
            page_ok += sq(m["context"]) in sq(lay[m["page"] - 1]) or sq(m["context"]) in sq(raw[m["page"] - 1])
    notes_found = sum(1 for n in g["notes"] if sq(n["text"]) in L or sq(n["text"]) in R)
    notes_miss = [n["n"] for n in g["notes"] if not (sq(n["text"]) in L or sq(n["text"]) in R)]
    res.update(contexts_found=ctx_found, contexts_followed_by_marker=ctx_marked, pages_checked=page_n,
               marker_on_gold_page=page_ok, notes_found=notes_found, notes_missing=notes_miss[:10],
               contexts_missing=miss[:5])
    urls = [n["url"] for n in g["notes"] if n["url"]]
    res["urls_wrapped_in_layout_text"] = sum(1 for u in urls if not any(u in line for p in lay for line in p.split("\n")))
    res["urls"] = len(urls)
    return res


def xml_text(s):
    return html.unescape(re.sub(r"<[^>]+>", "", s))


def check_docx(g):
    z = zipfile.ZipFile(os.path.join(DOCS, g["file"]))
    doc = z.read("word/document.xml").decode()
    fns = z.read("word/footnotes.xml").decode()
    core = z.read("docProps/core.xml").decode()
    notes = {}
    for m in re.finditer(r'<w:footnote (?:[^>]*?)w:id="(-?\d+)"[^>]*>(.*?)</w:footnote>', fns, re.S):
        if "w:separator" in m.group(2) or "w:continuationSeparator" in m.group(2):
            continue
        body = re.sub(r"<w:footnoteRef/>", "", m.group(2))
        notes[m.group(1)] = norm(xml_text(re.sub(r"</w:p>", " ", body)))
    # body text with references as ⟦id⟧, paragraph ends as spaces
    t = re.sub(r'<w:footnoteReference w:id="(\d+)"/>', r"⟦\1⟧", doc)
    t = re.sub(r"</w:p>", " ", t)
    t = norm(xml_text(t))
    refs = re.findall(r"⟦(\d+)⟧", t)
    res = {"footnotes_in_xml": len(notes), "references_in_body": len(refs), "notes": len(g["notes"])}
    res["note_text_equal"] = sum(1 for n, rid in zip(g["notes"], refs) if norm(notes.get(rid, "")).strip() == norm(n["text"]))
    ctx_ok = 0
    for m, rid in zip(g["markers"], refs):
        ctx_ok += (norm(m["context"]) + f"⟦{rid}⟧") in t.replace(" ⟦", "⟦")
    res["contexts_directly_before_reference"] = ctx_ok
    res["core_title"] = re.search(r"<dc:title>(.*?)</dc:title>", core).group(1) == g["title"]
    res["core_creator"] = html.unescape(re.search(r"<dc:creator>(.*?)</dc:creator>", core).group(1))
    res["core_created"] = re.search(r"<dcterms:created[^>]*>(.*?)</dcterms:created>", core).group(1)
    res["notes_with_two_urls"] = sum(1 for v in notes.values() if v.count("http") >= 2)
    res["markers_in_table_cells"] = len(re.findall(r"<w:tc>(?:(?!</w:tc>).)*?w:footnoteReference", doc, re.S))
    return res


class Visible(html.parser.HTMLParser):
    """Visible text; <sup> markers become ⟦label⟧; footnote <li> texts collected."""
    def __init__(self, marker_sup, note_li):
        super().__init__(convert_charrefs=True)
        self.marker_sup, self.note_li = marker_sup, note_li
        self.out, self.skip, self.in_sup, self.li, self.notes = [], 0, False, None, []
        self.backref = 0

    def handle_starttag(self, tag, a):
        a = dict(a)
        if tag in ("script", "style", "head"):
            self.skip += 1
        if tag == "sup" and self.marker_sup(a):
            self.in_sup = True
            self.out.append("⟦")
        if tag == "li" and self.note_li(a):
            self.li = []
        if tag == "a" and ("footnote-backref" in a.get("class", "") or "Jump to footnote" in a.get("aria-label", "")):
            self.backref += 1
        if tag in ("p", "li", "h1", "h2", "h3", "div", "br") and self.li is not None and self.li:
            self.li.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head"):
            self.skip -= 1
        if tag == "sup" and self.in_sup:
            self.in_sup = False
            self.out.append("⟧")
        if tag == "a" and self.backref:
            self.backref -= 1
        if tag == "li" and self.li is not None:
            self.notes.append(norm("".join(self.li)))
            self.li = None
        if tag in ("p", "li", "h1", "h2", "h3", "div"):
            self.out.append(" ")

    def handle_data(self, d):
        if self.skip:
            return
        if self.li is not None:
            if not self.backref:
                self.li.append(d)
            return
        self.out.append(d)


def check_html(g, kind):
    src = open(os.path.join(DOCS, g["file"]), encoding="utf-8").read()
    if kind == "wp":
        p = Visible(lambda a: a.get("class") == "fn", lambda a: bool(re.fullmatch(r"[0-9a-f-]{36}", a.get("id", ""))))
    else:
        p = Visible(lambda a: a.get("id", "").startswith("fnref"), lambda a: a.get("id", "").startswith("fn:"))
    p.feed(src)
    body = norm("".join(p.out))
    res = {"notes_in_list": len(p.notes), "notes": len(g["notes"]), "markers": len(g["markers"])}
    res["note_text_equal"] = sum(1 for n, t in zip(g["notes"], p.notes) if norm(n["text"]) == t.strip())
    res["contexts_directly_before_marker"] = sum(
        1 for m in g["markers"] if f"{norm(m['context'])}⟦{m['label']}⟧" in body)
    res["body_must_not_contain_absent"] = all(norm(x) not in body for x in g["body_must_not_contain"])
    res["h1_is_title"] = f">{html.escape(g['title'], quote=False)}</h1>" in src
    return res


def check_md(g):
    path = os.path.join(DOCS, g["file"])
    raw = open(path, encoding="utf-8").read()
    js = json.loads(run(["pandoc", "-f", "markdown", "-t", "json", path]))
    n_notes = json.dumps(js).count('"t": "Note"') + json.dumps(js).count('"t":"Note"')
    defs = {}
    cur = None
    for line in raw.split("\n"):
        m = re.match(r"\[\^(\d+)\]: (.*)", line)
        if m:
            cur = m.group(1)
            defs[cur] = m.group(2)
        elif cur and line.startswith("    "):
            defs[cur] += " " + line.strip()
    strip = lambda s: norm(re.sub(r"<(https?://[^>]+)>", r"\1", s).replace("\\*", "\0").replace("*", "").replace("\0", "*"))
    body = strip(raw.split("\n[^1]: ")[0])
    res = {"pandoc_notes": n_notes, "definitions": len(defs), "notes": len(g["notes"])}
    res["note_text_equal"] = sum(1 for n in g["notes"] if strip(defs.get(n["label"], "")) == norm(n["text"]))
    res["contexts_directly_before_marker"] = sum(1 for m in g["markers"] if f"{norm(m['context'])}[^{m['label']}]" in body)
    res["body_must_not_contain_absent"] = all(norm(x) not in body for x in g["body_must_not_contain"])
    return res


def check_txt(g):
    raw = open(os.path.join(DOCS, g["file"]), encoding="utf-8").read()
    body, _, src = raw.partition("\nSources:\n")
    lines = {m.group(1): m.group(2) for m in re.finditer(r"^\((\d+)\) (.*)$", src, re.M)}
    res = {"source_lines": len(lines), "notes": len(g["notes"])}
    res["note_text_equal"] = sum(1 for n in g["notes"] if norm(lines.get(n["label"], "")) == norm(n["text"]))
    res["contexts_directly_before_marker"] = sum(1 for m in g["markers"] if f"{norm(m['context'])} ({m['label']})" in norm(body))
    res["first_line_is_title"] = raw.split("\n")[0] == g["title"]
    res["body_must_not_contain_absent"] = all(norm(x) not in norm(body) for x in g["body_must_not_contain"])
    return res


def check_all(names):
    path = os.path.join(HERE, "check_report.json")
    report = json.load(open(path, encoding="utf-8")) if os.path.exists(path) else {}
    for name in names:
        g = load(name)
        ext = g["file"].rsplit(".", 1)[1]
        if ext == "pdf":
            fmt = "[{}]" if "ieee" in name else "{}"
            report[g["file"]] = check_pdf(g, fmt)
        elif ext == "docx":
            report[g["file"]] = check_docx(g)
        elif ext == "html":
            report[g["file"]] = check_html(g, "wp" if "wordpress" in name else "hugo")
        elif ext == "md":
            report[g["file"]] = check_md(g)
        else:
            report[g["file"]] = check_txt(g)
    report = dict(sorted(report.items()))
    with open(path, "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    return report
