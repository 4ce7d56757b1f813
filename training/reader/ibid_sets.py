"""Ibid's own eval sets as reader groups: dev halves only, test halves are never read.

Each set file opens with `{"corpus": [...]}`, paths relative to the set file; the articles are
parsed by Ibid's own parser, so the sentences are the ones the answerer chooses among.

- an answerable question: its gold sentence is the positive; the gold article's sentences that
  share most words with the question and the gold sentence are the negatives (the gold sentence's
  words make this work for Turkish and Russian questions over English articles too);
- an unanswerable near miss: the gold article's closest sentences, all negative;
- an off-topic question (no gold article): the closest sentences of the whole corpus, all negative.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from index.parse import parse_file
from index.parse.common import slugify
from index.text import sentence_spans, strip_markers
from training.reader.fetch import DataError
from training.reader.sources import MIN_NEGATIVE_WORDS, Group, overlap, words

DEV_NEGATIVES = 12  # the dev half is Ibid's own yardstick: give each question more to beat


def read_ibid_sets(
    paths: list[Path], dataset: str, negatives: int = DEV_NEGATIVES
) -> Iterator[Group]:
    corpus: dict[str, tuple[str, list[str]]] = {}  # article id -> (title, sentences)
    loaded: set[Path] = set()
    for path in paths:
        header, cases = _read_set(path)
        for entry in header.get("corpus", []):
            folder = (path.parent / entry).resolve()
            if folder not in loaded:
                loaded.add(folder)
                corpus.update(_load_corpus(folder))
        for case in cases:
            if case.get("split") != "dev":
                continue  # the test half is for measurement only
            group = _group(path, dataset, case, corpus, negatives)
            if group is not None:
                yield group


def _read_set(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    try:
        rows = [json.loads(ln) for ln in lines]
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not JSON lines ({exc})") from None
    if not rows or "corpus" not in rows[0]:
        raise DataError(f'{path}: the first line must be the {{"corpus": [...]}} header')
    return rows[0], rows[1:]


def _load_corpus(target: Path) -> dict[str, tuple[str, list[str]]]:
    if not target.exists():
        raise DataError(f"{target}: corpus named by an eval set is missing")
    files = (
        [target]
        if target.is_file()
        else sorted(p for p in target.iterdir() if p.suffix in (".txt", ".md", ".jsonl"))
    )
    out: dict[str, tuple[str, list[str]]] = {}
    for f in files:
        try:
            articles = parse_file(f)
        except Exception as exc:  # the parser's own errors name the file; keep going
            raise DataError(f"{f}: cannot parse ({exc})") from None
        for art in articles:
            sents = [
                strip_markers(p.text[a:b])
                for p in art.paragraphs
                for a, b in sentence_spans(p.text)
            ]
            entry = (art.title, [s for s in sents if s])
            out[art.id] = entry
            out.setdefault(slugify(f.stem), entry)  # gold ids are file-name slugs for .txt
    return out


def _group(
    path: Path,
    dataset: str,
    case: dict[str, Any],
    corpus: dict[str, tuple[str, list[str]]],
    negatives: int,
) -> Group | None:
    if case.get("kind") == "claim" or not case.get("question"):
        return None  # claims are statements to verify, not questions to answer
    question = case["question"]
    gold = (case.get("gold_sentence") or "").strip()
    answerable = case.get("answerable", True) is not False and bool(gold)
    ids = case.get("gold_articles") or []
    missing = [a for a in ids if a not in corpus]
    if missing:
        raise DataError(
            f"{path}: case {case.get('id')} names articles not in its corpus: {missing}"
        )
    if ids:
        title = corpus[ids[0]][0]
        pool = [s for a in ids for s in corpus[a][1]]
    else:
        title = ""
        pool = sorted({s for _, sents in corpus.values() for s in sents})
    key = words(question) | (words(gold) if answerable else set())
    answers = [a.lower() for a in case.get("expect_any", []) + case.get("expect_all", [])]
    norm_gold = " ".join(gold.split())

    def usable(s: str) -> bool:
        n = " ".join(s.split())
        low = n.lower()
        return (
            len(n.split()) >= MIN_NEGATIVE_WORDS
            and not (norm_gold and (n in norm_gold or norm_gold in n))
            and not any(len(a) >= 3 and a in low for a in answers)
        )

    negs = sorted((s for s in dict.fromkeys(pool) if usable(s)), key=lambda s: -overlap(key, s))
    cands = ([(gold, 1)] if answerable else []) + [(s, 0) for s in negs[:negatives]]
    return Group(dataset, f"{dataset}:{case.get('id')}", question, title, cands)
