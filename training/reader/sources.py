"""Each source format read into question groups: a question and its labelled candidate sentences.

- answer-selection sets (SelQA, TrecQA, WikiQA) keep their own candidates and labels;
- span sets (SQuAD format: PolicyQA, COVID-QA) are cut into sentences: a sentence the answer span
  overlaps is positive; the sentences of the same paragraph that share most words with the
  question, and a few drawn from the document's other paragraphs, are the hard negatives;
- a question with no answer gives an all-negative group, which teaches the reader to refuse;
- Ibid's own eval sets (dev halves only) are read by `training.reader.ibid_sets`.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.text import sentence_spans
from training.reader.fetch import DataError

_WORD = re.compile(r"\w+", re.UNICODE)
# Words too common to make a negative "hard"; a short list is enough for ranking.
_STOP = frozenset(
    "a an the of in on at to for by with from and or is are was were be been what which who whom "
    "whose when where why how does do did that this these those it its as into than then".split()
)
MIN_NEGATIVE_WORDS = 4  # headings and stray fragments are no lesson as negatives


@dataclass
class Group:
    dataset: str
    gid: str
    question: str
    title: str
    candidates: list[tuple[str, int]] = field(default_factory=list)  # (sentence, label)

    @property
    def positives(self) -> int:
        return sum(label for _, label in self.candidates)


@dataclass(frozen=True)
class SpanOptions:
    para_negatives: int = 5  # hardest sentences of the answer's own paragraph
    doc_negatives: int = 2  # drawn from the document's other paragraphs
    seed: int = 13


def words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def overlap(question: set[str], sentence: str) -> int:
    return len(question & words(sentence))


_DETOK = [
    (re.compile(r"-LRB-|-LCB-"), "("),
    (re.compile(r"-RRB-|-RCB-"), ")"),
    (re.compile(r"-LSB-"), "["),
    (re.compile(r"-RSB-"), "]"),
    (re.compile(r"``|''"), '"'),
    (re.compile(r" ([,.;:!?%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$]) "), r"\1"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),
    (re.compile(r" -- "), " - "),
    (re.compile(r"\s+"), " "),
]


def detokenize(text: str) -> str:
    """Undo PTB-style tokenisation ("it 's , he said ``", -LRB-), so tokenised sets read like
    the running text the reader will score. TrecQA's `<num>` stands for numbers the set itself
    replaced; they cannot be restored."""
    for pattern, repl in _DETOK:
        text = pattern.sub(repl, text)
    return text.strip()


# --- answer-selection sets --------------------------------------------------------------------


def read_selqa(path: Path, dataset: str) -> Iterator[Group]:
    data = _load_json(path)
    if not isinstance(data, list):
        raise DataError(f"{path}: expected a JSON list of SelQA questions")
    for n, item in enumerate(data):
        try:
            answers = set(item["answers"])
            cands = [(c, int(i in answers)) for i, c in enumerate(item["candidates"])]
            yield Group(dataset, f"{dataset}:{n}", item["question"], item["article"], cands)
        except (KeyError, TypeError) as exc:
            raise DataError(f"{path}: question {n} lacks SelQA field {exc}") from None


def read_wang_csv(path: Path, dataset: str) -> Iterator[Group]:
    """TrecQA as brmson/dataset-sts writes it: qtext,label,atext, one question's rows together."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh)
        if rows.fieldnames is None or not {"qtext", "label", "atext"} <= set(rows.fieldnames):
            raise DataError(f"{path}: expected columns qtext,label,atext, got {rows.fieldnames}")
        group: Group | None = None
        for n, row in enumerate(rows, start=2):
            if row["label"] not in ("0", "1"):
                raise DataError(f"{path}:{n}: label {row['label']!r} is not 0 or 1")
            question = detokenize(row["qtext"])
            if group is None or group.question != question:
                if group is not None:
                    yield group
                group = Group(dataset, f"{dataset}:{n}", question, "")
            group.candidates.append((detokenize(row["atext"]), int(row["label"])))
        if group is not None:
            yield group


def read_wikiqa(paths: list[Path], dataset: str) -> Iterator[Group]:
    """castorini's WikiQA layout: a.toks (question per candidate), b.toks, sim.txt, id.txt."""
    by_name = {p.name: p for p in paths}
    try:
        cols = [
            by_name[n].read_text(encoding="utf-8").splitlines()
            for n in ("a.toks", "b.toks", "sim.txt", "id.txt")
        ]
    except KeyError as exc:
        raise DataError(
            f"WikiQA needs a.toks, b.toks, sim.txt and id.txt; {exc} is missing"
        ) from None
    if len({len(c) for c in cols}) != 1:
        raise DataError(f"{paths[0].parent}: WikiQA files differ in line count")
    groups: dict[str, Group] = {}
    for q, a, sim, qid in zip(*cols, strict=True):
        g = groups.setdefault(qid, Group(dataset, f"{dataset}:{qid}", detokenize(q), ""))
        g.candidates.append((detokenize(a), int(sim)))
    yield from groups.values()


# --- span sets (SQuAD format) -----------------------------------------------------------------


@dataclass
class _Sentence:
    text: str
    start: int
    end: int
    unit: int  # which paragraph of the document (a context's newline-separated block)


def split_context(context: str, unit0: int) -> tuple[list[_Sentence], int]:
    """Sentences of a context with their offsets. Newline-separated blocks count as paragraphs:
    a COVID-QA context is a whole paper, a PolicyQA one a single passage."""
    out: list[_Sentence] = []
    unit = unit0
    for block in re.finditer(r"[^\n]+", context):
        text = block.group()
        if not text.strip():
            continue
        for a, b in sentence_spans(text, "en"):
            out.append(_Sentence(text[a:b], block.start() + a, block.start() + b, unit))
        unit += 1
    return out, unit


_LICENCE_LINE = re.compile(r"^License:\s*(\S+)", re.MULTILINE)


def context_licence(paragraphs: list[dict[str, Any]]) -> str | None:
    """The licence a document's own text states (COVID-QA contexts open with a
    `License:cc-by` line copied from CORD-19), lower-cased; None when it states none."""
    for par in paragraphs:
        m = _LICENCE_LINE.search(par.get("context", ""))
        if m:
            return m.group(1).lower()
    return None


def read_squad(
    path: Path, dataset: str, opts: SpanOptions, allowed_licences: list[str] | None = None
) -> Iterator[Group]:
    """`allowed_licences`: keep only documents whose text states one of these licences (the
    dataset's own licence covers the annotations, not necessarily each paper's text)."""
    data = _load_json(path)
    docs = data.get("data") if isinstance(data, dict) else None
    if not isinstance(docs, list):
        raise DataError(f"{path}: expected a SQuAD-format object with a 'data' list")
    for d, doc in enumerate(docs):
        paragraphs = doc.get("paragraphs") or []
        if allowed_licences is not None and context_licence(paragraphs) not in allowed_licences:
            continue
        sentences: list[list[_Sentence]] = []
        unit = 0
        for par in paragraphs:
            sents, unit = split_context(par.get("context", ""), unit)
            sentences.append(sents)
        pool = [s for sents in sentences for s in sents]
        title = doc.get("title") or _first_line(paragraphs)
        for par, sents in zip(paragraphs, sentences, strict=True):
            for qa in par.get("qas", []):
                group = _span_group(path, dataset, d, title, par["context"], sents, pool, qa, opts)
                if group is not None:
                    yield group


def _span_group(
    path: Path,
    dataset: str,
    doc: int,
    title: str,
    context: str,
    sents: list[_Sentence],
    pool: list[_Sentence],
    qa: dict[str, Any],
    opts: SpanOptions,
) -> Group | None:
    qid = str(qa.get("id", ""))
    question = qa.get("question", "").strip()
    if not question:
        return None
    spans: list[tuple[int, int]] = []
    texts: list[str] = []
    if not qa.get("is_impossible"):
        for ans in qa.get("answers", []):
            text, start = ans.get("text", ""), ans.get("answer_start", -1)
            if context[start : start + len(text)] != text:
                # Some releases count offsets differently; the first occurrence is then taken.
                start = context.find(text)
            if text and start >= 0:
                spans.append((start, start + len(text)))
                texts.append(text.lower())
    if not qa.get("is_impossible") and not spans:
        return None  # an answer we cannot place would make its sentence a false negative
    pos = [s for s in sents if any(s.start < b and s.end > a for a, b in spans)]
    pos_ids = {id(s) for s in pos}
    rng = random.Random(f"{opts.seed}:{dataset}:{doc}:{qid}")
    qwords = words(question)

    def usable(s: _Sentence) -> bool:
        # A sentence that repeats an answer elsewhere may answer too: never call it negative.
        low = s.text.lower()
        return (
            id(s) not in pos_ids
            and len(s.text.split()) >= MIN_NEGATIVE_WORDS
            and not any(len(t) >= 3 and t in low for t in texts)
        )

    units = {s.unit for s in pos}
    if units:
        near = [s for s in pool if s.unit in units and usable(s)]
        far = [s for s in pool if s.unit not in units and usable(s)]
    else:  # unanswerable: the whole document is "near"
        near, far = [s for s in pool if usable(s)], []
    # Hardest first: most question words shared, then document order (stable, deterministic).
    near.sort(key=lambda s: -overlap(qwords, s.text))
    negs = near[: opts.para_negatives + (0 if units else opts.doc_negatives)]
    if far:
        negs += rng.sample(far, min(opts.doc_negatives, len(far)))
    cands = [(s.text, 1) for s in pos] + [(s.text, 0) for s in negs]
    return Group(dataset, f"{dataset}:{qid or doc}", question, title, cands)


def _first_line(paragraphs: list[dict[str, Any]]) -> str:
    # COVID-QA documents have no title field; each context opens with the paper's title.
    for par in paragraphs:
        for line in par.get("context", "").splitlines():
            if line.strip():
                return line.strip()[:200]
    return ""


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"{path}: cannot read JSON ({exc})") from None
