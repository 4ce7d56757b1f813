"""Footnotes from real documents, measured against gold files written with the documents.

For every `X.gold.json` beside a document `X` in the given folders: notes found (a parsed note
whose text matches the gold note's), their URLs parsed, markers linked (the marker printed
right after the gold context words resolves to the matching note), the title, and no note text
left in the body. Gold markers map to gold notes by occurrence: the k-th marker labelled "2"
cites the k-th note labelled "2", which also covers numbering that restarts per page or
chapter.

    python -m eval.parse_gold benchmarks/parse_heldout/docs [--name parse-heldout]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from index.errors import ParseError
from index.parse import parse_file
from index.text import MARKER_RE, find_markers, normalize_space
from index.types import Article, Footnote

_WORD_RE = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text.casefold())


def _same_note(gold: str, text: str) -> bool:
    g, t = set(_words(gold)), set(_words(text))
    return bool(g) and len(g & t) / len(g | t) >= 0.6


def _url(u: str | None) -> str | None:
    return u.rstrip(".,;)") if u else None


def _match_notes(article: Article, gold: list[dict[str, Any]]) -> list[Footnote | None]:
    taken: set[int] = set()
    out: list[Footnote | None] = []
    for g in gold:
        hit = next(
            (
                i
                for i, n in enumerate(article.footnotes)
                if i not in taken and _same_note(g["text"], n.text)
            ),
            None,
        )
        if hit is not None:
            taken.add(hit)
        out.append(article.footnotes[hit] if hit is not None else None)
    return out


def _linked(article: Article, marker: dict[str, Any], note: Footnote | None) -> bool:
    """The gold marker's context is followed, in some paragraph, by a marker of `note`."""
    if note is None:
        return False
    context = " ".join(_words(marker["context"])[-6:])
    for p in article.paragraphs:
        for m in find_markers(p.text):
            if m.label != note.label:
                continue
            before = " ".join(_words(MARKER_RE.sub(" ", p.text[max(0, m.start - 200) : m.start])))
            if before.endswith(context):
                return True
    return False


def measure_file(gold_path: Path) -> dict[str, Any]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    doc = gold_path.with_name(gold["file"])
    try:
        article = parse_file(doc)[0]
    except ParseError as exc:
        return {"file": gold["file"], "error": exc.reason, "notes": len(gold["notes"])}
    matched = _match_notes(article, gold["notes"])
    by_label: dict[str, list[Footnote | None]] = {}
    for g, n in zip(gold["notes"], matched, strict=True):
        # An unnumbered note (a "↩" list) is numbered by its position.
        by_label.setdefault(g["label"] or str(g["n"]), []).append(n)
    seen: dict[str, int] = {}
    linked = 0
    for mk in gold["markers"]:
        label = mk.get("label") or str(mk.get("n"))
        k = seen.get(label, 0)
        seen[label] = k + 1
        notes = by_label.get(label, [])
        linked += _linked(article, mk, notes[k] if k < len(notes) else None)
    urls = [(g["url"], n) for g, n in zip(gold["notes"], matched, strict=True) if g.get("url")]
    body = " ".join(p.text for p in article.paragraphs)
    leaks = [s for s in gold.get("body_must_not_contain", []) if s in body]
    return {
        "file": gold["file"],
        "notes": len(gold["notes"]),
        "found": sum(n is not None for n in matched),
        "urls": len(urls),
        "urls_parsed": sum(1 for u, n in urls if n is not None and _url(n.url) == _url(u)),
        "markers": len(gold["markers"]),
        "linked": linked,
        "title": article.title,
        "title_right": normalize_space(article.title).casefold()
        == normalize_space(gold["title"]).casefold(),
        "authors_right": [a.casefold() for a in article.authors]
        == [a.casefold() for a in gold.get("authors") or []],
        "leaked_note_text": leaks,
    }


def measure(folders: list[Path]) -> dict[str, Any]:
    files = [measure_file(g) for d in folders for g in sorted(d.glob("*.gold.json"))]

    def share(a: str, b: str) -> float | None:
        den = sum(f.get(b, 0) for f in files)
        return round(sum(f.get(a, 0) for f in files) / den, 4) if den else None

    return {
        "files": len(files),
        "notes": sum(f["notes"] for f in files),
        "notes_found": share("found", "notes"),
        "urls_parsed": share("urls_parsed", "urls"),
        "notes_linked": share("linked", "markers"),
        "titles_right": round(sum(bool(f.get("title_right")) for f in files) / len(files), 4)
        if files
        else None,
        "files_with_leaked_note_text": sum(bool(f.get("leaked_note_text")) for f in files),
        "errors": [f for f in files if "error" in f],
        "per_file": files,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--name", default=None, help="write benchmarks/results/NAME.json")
    args = ap.parse_args()
    result = measure(args.folders)
    if args.name:
        from benchmarks.common import write_result

        print(write_result(args.name, result))
    summary = {k: v for k, v in result.items() if k != "per_file"}
    print(json.dumps(summary, indent=1))
    for f in result["per_file"]:
        print(
            f"{f['file']:<40} notes {f.get('found')}/{f['notes']} urls "
            f"{f.get('urls_parsed')}/{f.get('urls')} linked {f.get('linked')}/{f.get('markers')} "
            f"title {'ok' if f.get('title_right') else repr(f.get('title'))} "
            f"{f.get('error', '')}"
        )


if __name__ == "__main__":
    main()
