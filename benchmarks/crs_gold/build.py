"""Build the gold files of a held-out set of real CRS reports from a mirror of
the public repository ProfAmiot/crs-reports.

    python benchmarks/parse_heldout3/make_gold.py MIRROR_GIT_DIR [PREFIX ...]

For every document in DOCS it
  1. extracts the PDF with `git show COMMIT:PATH` into docs/PREFIX.pdf and
     records name, source path, commit, sha256 and page count in manifest.json;
  2. reads the congress.gov text of the same report version, which the same
     repository stores as Markdown converted from the congress.gov HTML page
     (markdown/reports/...md): title, authors, date, the numbered "Footnotes"
     list and the body text;
  3. finds where each note marker sits in the body. The Markdown conversion
     dropped every <sup> element, so the marker positions are not in the text
     source. They are taken from the PDF's superscript digits (poppler's
     `pdftotext -bbox`: a digit run set smaller than, raised above and touching
     the word before it). Each superscript is anchored in the Markdown body by
     the letters and digits of the PDF words before it; the context stored in
     the gold is the Markdown (congress.gov) text before that position. A
     marker is kept only if its anchor is found in the Markdown body; markers
     that sit in a table, a figure or a table/figure caption or source line
     are dropped (their notes are kept);
  4. checks every context against the words the PDF prints before the marker:
     ordinal suffixes that the Markdown lost with their <sup> ('117th') are put
     back, and where the HTML words a passage differently from the PDF the
     leading words that differ are dropped (one case in set 3).
  5. drops the PDF superscripts listed in NOT_MARKERS (checked by eye).
Every step is logged in build_log.json.

Only the Python standard library is used, plus the poppler `pdftotext` and
`pdfinfo` programs. No code of the project under test is read or run.
"""

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.crs_gold.pdf import (
    check_context,
    context_before,
    locate,
    pdf_markers,
    pdf_pages,
    pdf_words,
    sha256,
)
from benchmarks.crs_gold.text import (
    build_body,
    classify,
    clean_inline,
    first_url,
    fold,
    parse_markdown,
    squash,
    ws,
)


@dataclass
class GoldSet:
    """One held-out set: its folder, the mirror commit and the documents it takes."""

    here: str
    docs: list
    source_repo: str = "ProfAmiot/crs-reports"
    commit: str = "12265120e33ab237acd3f178b1d697ece3ac188f"
    # (prefix, label, PDF page) -> why: PDF superscripts that are not note markers
    not_markers: dict = field(default_factory=dict)

    @property
    def docs_dir(self):
        return os.path.join(self.here, "docs")


def git_show(mirror, commit, path):
    return subprocess.run(
        ["git", "--git-dir", mirror, "show", f"{commit}:{path}"], check=True, capture_output=True
    ).stdout


MONTHS = (
    "January February March April May June July August September October November December".split()
)


def extract(s, mirror, prefix, pdf_path, md_path):
    """The PDF into docs/ (rewritten only when its bytes changed) and the Markdown's text."""
    os.makedirs(s.docs_dir, exist_ok=True)
    pdf = os.path.join(s.docs_dir, prefix + ".pdf")
    data = git_show(mirror, s.commit, pdf_path)
    if not os.path.exists(pdf) or Path(pdf).read_bytes() != data:
        with open(pdf, "wb") as f:
            f.write(data)
    return pdf, git_show(mirror, s.commit, md_path).decode("utf-8")


def gold_notes(prefix, raw_notes):
    """The numbered Footnotes list as gold notes, kinds classified, Ibid. chains resolved."""
    notes = []
    for k, rn in enumerate(raw_notes, 1):
        assert rn["n"] == k, (prefix, rn["n"], k)
        t = ws(clean_inline(" ".join(rn["parts"])))
        notes.append(
            {
                "n": k,
                "label": str(k),
                "text": t,
                "url": first_url(t),
                "ibid_of": None,
                "page": None,
                "kind": None,
            }
        )
    for nt in notes:
        nt["kind"] = classify(nt["text"], notes[: nt["n"] - 1])
        if nt["kind"] == "ibid" and nt["n"] > 1:
            src = nt["n"] - 1  # Ibid./Id. repeats the note before it,
            while notes[src - 1]["kind"] == "ibid" and notes[src - 1]["ibid_of"]:
                src = notes[src - 1]["ibid_of"]  # or what that note repeats
            nt["ibid_of"] = src
    return notes


def anchor_marks(s, prefix, marks, text, spans, body_sq, body_idx):
    """Each PDF superscript anchored in the Markdown body (step 3): the log of every mark, and
    (order, mark, position, kind, log entry) of those found."""
    cursor, dlog, found = 0, [], []
    for order, mk in enumerate(marks):
        why = s.not_markers.get((prefix, mk["label"], mk["page"]))
        if why:
            dlog.append(
                {
                    "label": mk["label"],
                    "pdf_page": mk["page"],
                    "status": "not_a_marker",
                    "why": why,
                    "pdf_before": " ".join(mk["prev_words"][-6:]),
                }
            )
            continue
        pos, end, k, strength, nhits, inline = locate(mk, text, body_sq, body_idx, cursor)
        entry = {
            "label": mk["label"],
            "pdf_page": mk["page"],
            "pdf_before": " ".join(mk["prev_words"][-6:]),
            "pdf_after": " ".join(mk["next_words"][:4]),
        }
        if pos is None:
            entry["status"] = "unmatched"
            dlog.append(entry)
            continue
        kind = next((sp[2] for sp in spans if sp[0] <= pos <= sp[1]), "prose")
        entry.update(
            {
                "status": kind,
                "anchor_words": k,
                "match": strength,
                "candidates": nhits,
                "md_pos": pos,
                "inline_digits": inline,
            }
        )
        found.append((order, mk, pos, kind, entry))
        dlog.append(entry)
        if kind in ("prose", "textbox"):
            cursor = end
    return dlog, found


def gold_markers(found, text, spans, words, sup, n_notes):
    """The markers in running text with their contexts, checked against the PDF (step 4)."""
    markers = []
    # a later context never reaches back over an earlier marker (nor over the
    # plain digits of a marker kept in the text)
    all_pos = [f[2] + f[4]["inline_digits"] for f in found]
    for _order, mk, pos, kind, entry in found:
        if kind not in ("prose", "textbox"):
            continue
        ctx = context_before(text, spans, pos, all_pos)
        ctx, note = check_context(ctx, words, sup, mk["i"])
        if note:
            entry["context_fix"] = note
        entry["context"] = ctx
        n = int(mk["label"])
        markers.append(
            {
                "label": mk["label"],
                "context": ctx,
                "page": None,
                "note_n": n if 1 <= n <= n_notes else None,
            }
        )
    return markers


def note_phrases(notes, text):
    """Phrases from notes that must not appear in the body: 8 plain words (letters, digits,
    commas, full stops, hyphens; no quotes), found in no other note and nowhere in the body
    text; up to three, from the longest notes."""
    bmnc = []
    body_fold = fold(text).lower()
    for nt in sorted(notes, key=lambda x: -len(x["text"])):
        cands = []
        for seg in re.split(r"https?:\S+", nt["text"]):  # never across a URL
            w = seg.split()
            cands += [
                " ".join(w[st : st + 8])
                for st in range(len(w) - 7)
                if all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9,.\-]*", x) for x in w[st : st + 8])
            ]
        for ph in cands[len(cands) // 3 :] + cands[: len(cands) // 3]:
            if (
                len(ph) >= 40
                and ph.lower() not in body_fold
                and not any(ph.lower() in fold(o["text"]).lower() for o in notes if o is not nt)
            ):
                bmnc.append(ph)
                break
        if len(bmnc) == 3:
            break
    return bmnc


def page_one_checks(words, title, date):
    """Whether the PDF's first page prints the gold title and date."""
    page1 = " ".join(w["t"] for w in words if w["p"] == 1)
    y, mo, d = date.split("-")
    return {
        "title_on_page_1": squash(title)[0] in squash(page1)[0],
        "date_on_page_1": f"{MONTHS[int(mo) - 1]} {int(d)}, {y}" in page1,
    }


def log_entry(checks, marks, dlog, markers, notes):
    return {
        "checks": checks,
        "pdf_superscripts": len(marks),
        "context_fixes": [d for d in dlog if d.get("context_fix")],
        "unmatched": [d for d in dlog if d["status"] == "unmatched"],
        "skipped_table_or_caption": [d for d in dlog if d["status"] in ("table", "caption")],
        "not_a_marker": [d for d in dlog if d["status"] == "not_a_marker"],
        "weak": [d for d in dlog if d.get("match") == "weak"],
        "all": dlog,
        "markers": len(markers),
        "notes": len(notes),
    }


# ---------------------------------------------------------------- main
def build(s, mirror, doc, log):
    prefix, pdf_path, md_path, authors_override, title_override = doc
    pdf, md = extract(s, mirror, prefix, pdf_path, md_path)
    meta, raw_notes, body_lines = parse_markdown(md)
    text, spans = build_body(body_lines)
    body_sq, body_idx = squash(text)
    notes = gold_notes(prefix, raw_notes)
    words = pdf_words(pdf)
    marks, sup = pdf_markers(words)
    dlog, found = anchor_marks(s, prefix, marks, text, spans, body_sq, body_idx)
    markers = gold_markers(found, text, spans, words, sup, len(notes))
    title = title_override or meta["title"]
    gold = {
        "file": prefix + ".pdf",
        "title": title,
        "authors": authors_override or meta.get("authors", []),
        "date": meta["date"],
        "notes": notes,
        "markers": markers,
        "body_must_not_contain": note_phrases(notes, text),
        "layout": "crs_pdf",
        "numbering": "continuous superscript arabic digits 1..N in the body; "
        "notes at the foot of each page",
    }
    with open(os.path.join(s.docs_dir, prefix + ".gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
        f.write("\n")
    checks = page_one_checks(words, title, meta["date"])
    log[prefix] = log_entry(checks, marks, dlog, markers, notes)
    return {
        "file": prefix + ".pdf",
        "source_repo": s.source_repo,
        "source_path": pdf_path,
        "text_source_path": md_path,
        "commit": s.commit,
        "sha256": sha256(pdf),
        "pages": pdf_pages(pdf),
    }


def main(s, argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    mirror, only = argv[1], set(argv[2:])
    man_path = os.path.join(s.here, "manifest.json")
    manifest = (
        {d["file"]: d for d in json.loads(Path(man_path).read_text())["documents"]}
        if os.path.exists(man_path)
        else {}
    )
    log_path = os.path.join(s.here, "build_log.json")
    log = json.loads(Path(log_path).read_text()) if os.path.exists(log_path) and only else {}
    for doc in s.docs:
        if only and doc[0] not in only:
            continue
        entry = build(s, mirror, doc, log)
        manifest[entry["file"]] = entry
        print(
            f"{doc[0]}: notes {log[doc[0]]['notes']}, markers {log[doc[0]]['markers']}, "
            f"pdf superscripts {log[doc[0]]['pdf_superscripts']}, "
            f"unmatched {len(log[doc[0]]['unmatched'])}, "
            f"in tables/captions {len(log[doc[0]]['skipped_table_or_caption'])}"
        )
    keep = [d[0] + ".pdf" for d in s.docs]
    docs = [manifest[k] for k in keep if k in manifest]
    with open(man_path, "w") as f:
        json.dump(
            {"source_repo": s.source_repo, "commit": s.commit, "documents": docs}, f, indent=1
        )
        f.write("\n")
    with open(log_path, "w") as f:
        json.dump(log, f, ensure_ascii=False, indent=1)
        f.write("\n")
