"""Note attachment on FreshWiki: per-sentence precision and recall of the attached source URLs.

FreshWiki's JSON lists each sentence's own reference URLs: ground truth for which notes a
sentence cites. For every sentence of every paragraph of the 100 articles (parsed from the .txt
as Ibid ingests them), the URLs `rag.citations.sources_for_span` attaches are compared with the
gold URLs of the matching JSON sentence (best token overlap, Jaccard >= 0.6; sentences with no
match are skipped). Recall is over "what the markers allow": gold URLs that some marker of the
same paragraph points at (a gold URL with no marker anywhere cannot be attached by anyone).
Writes benchmarks/results/note-attachment.json.

    python -m benchmarks.note_attachment
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks.common import write_result
from eval.bundled import FRESHWIKI_DIR
from eval.claims import normalize_url
from index.parse import parse_file
from index.text import sentence_spans, strip_markers, tokenize
from rag.citations import sources_for_span

FRESHWIKI = FRESHWIKI_DIR


def _gold(path: Path) -> list[tuple[set[str], set[str]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        (set(tokenize(s["sentence"])), {normalize_url(u) for u in s.get("refs") or []})
        for sec in data["content"]
        for s in sec["section_content"]
    ]


def measure(freshwiki: Path = FRESHWIKI, *, cover_preceding: bool = False) -> dict[str, Any]:
    tp = attached = allowed = sentences = with_gold = matched = 0
    by_kind: dict[str, list[int]] = {"sentence": [0, 0], "following": [0, 0]}
    for txt in sorted((freshwiki / "txt").glob("*.txt")):
        article = parse_file(txt)[0]
        gold_sentences = _gold(freshwiki / "json" / f"{txt.stem}.json")
        for para in article.paragraphs:
            reachable = set()
            for m in para.markers:
                note = article.resolved_footnote(m.label)
                if note and note.url:
                    reachable.add(normalize_url(note.url))
            for a, b in sentence_spans(para.text):
                sentences += 1
                words = set(tokenize(strip_markers(para.text[a:b])))
                best, score = set(), 0.0
                for toks, urls in gold_sentences:
                    j = len(words & toks) / (len(words | toks) or 1)
                    if j > score:
                        best, score = urls, j
                if score < 0.6:
                    continue
                matched += 1
                refs = sources_for_span(article, para, a, b, cover_preceding=cover_preceding)
                got = {normalize_url(r.url) for r in refs if r.url}
                gold = best & reachable
                with_gold += bool(gold)
                tp += len(got & best)
                attached += len(got)
                allowed += len(gold)
                for r in refs:
                    if r.url:
                        by_kind[r.attached][0] += normalize_url(r.url) in best
                        by_kind[r.attached][1] += 1
    return {
        "cover_preceding": cover_preceding,
        "sentences": sentences,
        "sentences_matched_to_json": matched,
        "sentences_with_reachable_gold": with_gold,
        "attached_urls": attached,
        "precision": round(tp / attached, 4) if attached else None,
        "recall_of_what_markers_allow": round(tp / allowed, 4) if allowed else None,
        "precision_by_attachment": {
            k: round(v[0] / v[1], 4) if v[1] else None for k, v in by_kind.items()
        },
        "attached_by_kind": {k: v[1] for k, v in by_kind.items()},
    }


def main() -> None:
    # The default (own markers only) is what Ibid attaches; the convention is measured too,
    # since `answer.cover_preceding` can turn it on.
    result = measure()
    result["with_cover_preceding"] = measure(cover_preceding=True)
    print(write_result("note-attachment", result))


if __name__ == "__main__":
    main()
