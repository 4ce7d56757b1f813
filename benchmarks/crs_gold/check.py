"""Sanity checks for the gold files of a held-out set of real CRS reports.

    python check_gold.py            # every docs/*.gold.json listed in manifest.json

Checks: the schema keys; notes numbered 1..N without gaps, label == n, kinds,
ibid_of pointing to an earlier note, URLs; every marker's note_n exists and
matches its label; contexts non-empty, 1-15 words, with no stray markdown;
every note has at least one marker (a note cited only from a table would be
listed in TABLE_ONLY below; there are none in this set); body_must_not_contain
has 2-4 phrases that occur in a note and in no context; and, where the PDF has
been fetched (get_docs.py), its sha256 and page count. Standard library only
(pdfinfo is used if installed). Exit status 1 on any failure.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

KEYS = {
    "file",
    "title",
    "authors",
    "date",
    "notes",
    "markers",
    "body_must_not_contain",
    "layout",
    "numbering",
}
NOTE_KEYS = {"n", "label", "text", "url", "ibid_of", "page", "kind"}
MARKER_KEYS = {"label", "context", "page", "note_n"}
KINDS = {"full", "short", "ibid", "other"}
TABLE_ONLY = {}  # file -> set of note numbers cited only from tables or figures


def check_head(gold, entry, errs):
    if set(gold) != KEYS:
        errs.append(f"keys {sorted(set(gold) ^ KEYS)}")
    if gold["file"] != entry["file"]:
        errs.append("file name differs from manifest")
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", gold["date"]):
        errs.append(f"date {gold['date']!r}")
    if not gold["title"]:
        errs.append("empty title")


def check_note(i, n, errs):
    """Note at position i (1-based): numbering, label, text, kind, ibid_of and URL."""
    if n["n"] != i:
        errs.append(f"note numbering: position {i} has n={n['n']}")
    if n["label"] != str(n["n"]):
        errs.append(f"note {n['n']}: label {n['label']!r}")
    if not n["text"].strip() or n["text"] != " ".join(n["text"].split()):
        errs.append(f"note {n['n']}: empty or not whitespace-normalised")
    if n["kind"] not in KINDS:
        errs.append(f"note {n['n']}: kind {n['kind']!r}")
    if (n["kind"] == "ibid") != (n["ibid_of"] is not None):
        errs.append(f"note {n['n']}: kind {n['kind']} with ibid_of {n['ibid_of']}")
    if n["ibid_of"] is not None and not 1 <= n["ibid_of"] < n["n"]:
        errs.append(f"note {n['n']}: ibid_of {n['ibid_of']} is not an earlier note")
    if n["url"] is not None:
        if (
            not re.match(r"https?:/", n["url"])
            or n["url"] not in n["text"]
            or n["url"][-1] in ".,;)"
        ):
            errs.append(f"note {n['n']}: url {n['url']!r}")
    elif re.search(r"https?://", n["text"]):
        errs.append(f"note {n['n']}: URL in text but url is null")


def check_markers(gold, nset, errs, warns):
    """Each marker's note and context; returns the note numbers cited."""
    cited = set()
    for j, m in enumerate(gold["markers"]):
        if set(m) != MARKER_KEYS:
            errs.append(f"marker {j}: keys {sorted(set(m) ^ MARKER_KEYS)}")
            continue
        if m["note_n"] not in nset:
            errs.append(f"marker {j} ({m['label']}): note_n {m['note_n']} does not exist")
        elif m["label"] != str(m["note_n"]):
            errs.append(f"marker {j}: label {m['label']} but note_n {m['note_n']}")
        cited.add(m["note_n"])
        words = m["context"].split()
        if not words:
            errs.append(f"marker {j} ({m['label']}): empty context")
        elif len(words) > 15:
            errs.append(f"marker {j} ({m['label']}): {len(words)} context words")
        elif len(words) < 4:
            warns.append(
                f"marker {m['label']}: short context ({len(words)} words; an earlier "
                f"marker or the start of the text is that close): {m['context']!r}"
            )
        if re.search(r"\*\*|\]\(|\|\s|__", m["context"]):
            errs.append(f"marker {j} ({m['label']}): markdown left in context {m['context']!r}")
    return cited


def check_phrases(gold, errs):
    ph = gold["body_must_not_contain"]
    if not 2 <= len(ph) <= 4:
        errs.append(f"{len(ph)} body_must_not_contain phrases")
    for p in ph:
        if not any(p in n["text"] for n in gold["notes"]):
            errs.append(f"phrase not from a note: {p!r}")
        if any(p in m["context"] for m in gold["markers"]):
            errs.append(f"phrase found in a marker context: {p!r}")


def check_pdf(here, gold, entry, errs, warns):
    """The fetched PDF's sha256 and page count against the manifest."""
    pdf = os.path.join(here, "docs", gold["file"])
    if not os.path.exists(pdf):
        warns.append("PDF not fetched (run get_docs.py): file checks skipped")
        return
    digest = hashlib.sha256(Path(pdf).read_bytes()).hexdigest()
    if digest != entry["sha256"]:
        errs.append("PDF sha256 differs from manifest")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        mm = re.search(r"^Pages:\s+(\d+)", info, re.M)
        if not mm or int(mm.group(1)) != entry["pages"]:
            errs.append("page count differs from manifest")


def check(here, gold, entry):
    errs, warns = [], []
    check_head(gold, entry, errs)
    notes = gold["notes"]
    for i, n in enumerate(notes, 1):
        if set(n) != NOTE_KEYS:
            errs.append(f"note {i}: keys {sorted(set(n) ^ NOTE_KEYS)}")
            continue
        check_note(i, n, errs)
    nset = {n["n"] for n in notes}
    cited = check_markers(gold, nset, errs, warns)
    uncited = sorted(nset - cited - TABLE_ONLY.get(gold["file"], set()))
    if uncited:
        errs.append(f"notes without a marker: {uncited}")
    check_phrases(gold, errs)
    check_pdf(here, gold, entry, errs, warns)
    return errs, warns


def main(here):
    man = json.loads(Path(here, "manifest.json").read_text())
    failed = 0
    tot_n = tot_m = 0
    print(f"{'file':28} {'pages':>5} {'notes':>5} {'markers':>7}  result")
    for e in man["documents"]:
        gpath = os.path.join(here, "docs", e["file"][:-4] + ".gold.json")
        gold = json.loads(Path(gpath).read_text(encoding="utf-8"))
        errs, warns = check(here, gold, e)
        tot_n += len(gold["notes"])
        tot_m += len(gold["markers"])
        print(
            f"{e['file']:28} {e['pages']:>5} {len(gold['notes']):>5} {len(gold['markers']):>7}  "
            f"{'FAIL' if errs else 'ok'}"
        )
        for x in errs:
            print("    ERROR", x)
        for x in warns:
            print("    note:", x)
        failed += bool(errs)
    print(
        f"{len(man['documents'])} documents, {tot_n} notes, {tot_m} markers; "
        f"{len(man['documents']) - failed} passed, {failed} failed"
    )
    return 1 if failed else 0
