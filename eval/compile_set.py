"""Compile hand-written question sources (`eval/sets/src/*.jsonl`) into a gold-annotated set.

The writers give each case its article, its question and the exact sentence that answers it.
This step finds that sentence in the article as Ibid parses it (paragraph number), takes the
sentence's own reference URLs (FreshWiki's JSON, which lists each sentence's references; else
the markers inside the sentence), and assigns the `dev`/`test` split by article, so no article
is in both halves. Nothing here looks at Ibid's answers.

    python -m eval.compile_set --out eval/sets/questions.jsonl eval/sets/src/*.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from eval.bundled import FRESHWIKI_DIR, SAMPLE_DIR
from eval.evalset import EvalCase, GoldParagraph, write_set
from index.parse import parse_file
from index.text import sentence_spans, strip_markers, tokenize
from index.types import Article

ROOT = Path(__file__).resolve().parent.parent
FRESHWIKI = FRESHWIKI_DIR
SAMPLE = SAMPLE_DIR
CORPUS_DIR = ROOT / "eval" / "corpus"
# Paths in the set file are relative to the set's folder (eval/sets).
CORPUS = ["../corpus/sample", "../corpus/freshwiki/txt", "../corpus/analyses.jsonl"]


def _norm(text: str) -> str:
    text = strip_markers(text)
    text = re.sub(r"[“”″]", '"', re.sub(r"[‘’′]", "'", text))
    return re.sub(r"\s+", " ", text).strip().lower().rstrip(".")


def split_of(key: str) -> Literal["dev", "test"]:
    """dev or test, from a hash of the article id: stable, and independent of the cases."""
    return "dev" if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2 == 0 else "test"


@dataclass
class Located:
    article: Article
    paragraph: int
    start: int
    end: int


class Archive:
    def __init__(self) -> None:
        self._articles: dict[str, Article] = {}
        self._json: dict[str, list[tuple[set[str], list[str]]]] = {}

    def article(self, key: str) -> Article:
        if key not in self._articles:
            self._load(key)
        return self._articles[key]

    def _load(self, key: str) -> None:
        path = FRESHWIKI / "txt" / f"{key}.txt"
        if path.exists():
            self._articles[key] = parse_file(path)[0]
            return
        if (SAMPLE / f"{key}.txt").exists():
            self._articles[key] = parse_file(SAMPLE / f"{key}.txt")[0]
            return
        for path in sorted(CORPUS_DIR.glob("*.jsonl")):
            for art in parse_file(path):
                self._articles[art.id] = art
        if key not in self._articles:
            raise KeyError(f"unknown article '{key}'")

    def locate(self, key: str, sentence: str) -> Located:
        art = self.article(key)
        target = _norm(sentence)
        for para in art.paragraphs:
            plain = strip_markers(para.text)
            norm = _norm(plain)
            i = norm.find(target)
            if i >= 0:
                return Located(art, para.n, i, i + len(target))
        raise LookupError(f"{key}: sentence not found: {sentence[:80]}")

    def refs(self, key: str, sentence: str, loc: Located) -> list[str]:
        path = FRESHWIKI / "json" / f"{key}.json"
        if path.exists():
            if key not in self._json:
                data = json.loads(path.read_text(encoding="utf-8"))
                self._json[key] = [
                    (set(tokenize(s["sentence"])), list(s.get("refs") or []))
                    for sec in data["content"]
                    for s in sec["section_content"]
                ]
            words = set(tokenize(sentence))
            best, score = [], 0.0
            for toks, urls in self._json[key]:
                j = len(words & toks) / (len(words | toks) or 1)
                if j > score:
                    best, score = urls, j
            return best if score >= 0.6 else []
        # Our own articles: the notes whose markers sit in the sentence (Ibid. resolved).
        para = loc.article.paragraph(loc.paragraph)
        assert para is not None
        norm_sentence = _norm(sentence)
        urls = []
        for a, b in sentence_spans(para.text):
            if norm_sentence[:40] in _norm(para.text[a:b]):
                for m in para.markers:
                    if a <= m.start < b + 8:
                        note = loc.article.resolved_footnote(m.label)
                        if note and note.url:
                            urls.append(note.url)
        return list(dict.fromkeys(urls))


class Source(BaseModel):
    """One hand-written line of `eval/sets/src/*.jsonl`."""

    type: Literal["question", "nearmiss", "offtopic", "followup", "claim", "source", "meta"]
    article: str = ""
    question: str = ""
    claim: str = ""
    sentence: str = ""
    history: list[str] = Field(default_factory=list)
    expect_any: list[str] = Field(default_factory=list)
    expect_all: list[str] = Field(default_factory=list)
    expect_source: list[str] = Field(default_factory=list)
    gold_urls: list[str] | None = None
    gold_articles: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    covers: str = ""
    kind: str = "other"
    shape: str = ""


def compile_cases(sources: list[Path], types: set[str] | None = None) -> list[EvalCase]:
    arch = Archive()
    cases: list[EvalCase] = []
    counters: dict[str, int] = {}
    for src in sources:
        for no, line in enumerate(src.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            raw = Source.model_validate_json(line)
            counters[raw.type] = counters.get(raw.type, 0) + 1
            if types is not None and raw.type not in types:
                continue
            cid = f"{src.stem}-{raw.type}-{counters[raw.type]:03d}"
            try:
                cases.append(_compile(arch, raw, cid))
            except (LookupError, KeyError) as exc:
                print(f"skipped: {src.name}:{no}: {exc}", file=sys.stderr)
    return cases


def _compile(arch: Archive, raw: Source, cid: str) -> EvalCase:
    if raw.type == "offtopic":
        return EvalCase(id=cid, question=raw.question, answerable=False, tags=["offtopic"],
                        split=split_of(cid))  # fmt: skip
    if raw.type == "meta":
        return EvalCase(
            id=cid, question=raw.question, tags=["meta", raw.shape], expect_any=raw.expect_any,
            expect_all=raw.expect_all, gold_articles=raw.gold_articles,
            split=split_of(raw.gold_articles[0] if raw.gold_articles else cid),
        )  # fmt: skip
    art = arch.article(raw.article)
    split = split_of(art.id)
    if raw.type == "nearmiss":
        return EvalCase(
            id=cid, question=raw.question, answerable=False, tags=["near-miss", raw.kind],
            split=split, covers=raw.covers, gold_articles=[art.id],
        )  # fmt: skip
    loc = arch.locate(raw.article, raw.sentence)
    plain = strip_markers(raw.sentence).strip()
    low = " ".join(plain.lower().split())
    for x in raw.expect_all:
        if " ".join(x.lower().split()) not in low:
            raise LookupError(f"expected string '{x}' is not in the sentence")
    if raw.expect_any and not any(" ".join(x.lower().split()) in low for x in raw.expect_any):
        raise LookupError(f"none of {raw.expect_any} is in the sentence")
    refs = raw.gold_urls if raw.gold_urls is not None else arch.refs(raw.article, raw.sentence, loc)
    gold: dict[str, object] = {
        "gold_articles": [art.id],
        "gold_paragraphs": [GoldParagraph(article_id=art.id, paragraph=loc.paragraph)],
        "gold_sentence": plain,
        "gold_urls": refs,
        "split": split,
    }
    if raw.type == "claim":
        claim: dict[str, object] = {"id": cid, "kind": "claim", "claim": raw.claim}
        return EvalCase.model_validate({**claim, "tags": ["paraphrase"], **gold})
    tags = ["source", *raw.tags] if raw.type == "source" else raw.tags
    fields: dict[str, object] = {
        "id": cid, "question": raw.question, "history": raw.history, "tags": tags,
        "expect_any": raw.expect_any, "expect_all": raw.expect_all,
        "expect_source": raw.expect_source,
    }  # fmt: skip
    return EvalCase.model_validate({**fields, **gold})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sources", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--types", default=None, help="Comma-separated record types to keep.")
    ap.add_argument(
        "--extra-corpus",
        action="append",
        default=[],
        help="Another corpus path for the set's header, relative to eval/sets (repeatable).",
    )
    args = ap.parse_args(argv)
    cases = compile_cases(args.sources, set(args.types.split(",")) if args.types else None)
    write_set(args.out, cases, corpus=CORPUS + args.extra_corpus)
    by: dict[tuple[str, str], int] = {}
    for c in cases:
        key = (c.tags[0] if c.tags and c.tags[0] in ("near-miss", "offtopic", "meta", "source")
               else c.kind, c.split or "-")  # fmt: skip
        by[key] = by.get(key, 0) + 1
    print(json.dumps({f"{k[0]}/{k[1]}": v for k, v in sorted(by.items())}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
