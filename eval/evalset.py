"""Eval-set files: JSONL, one case per line, validated with line numbers and field names.

A case is either a question (answered by `ask`) or a claim (looked up by `cite`):

    {"id": "s01", "question": "What did Modi do in July 2025?", "answerable": true,
     "expect_all": ["Moscow"], "expect_any": [], "gold_articles": ["india-us-rapprochement"],
     "gold_paragraphs": [{"article_id": "india-us-rapprochement", "paragraph": 3}],
     "gold_urls": ["https://www.gmfus.org/…"], "history": [], "tags": ["when"]}
    {"id": "c1", "kind": "claim", "claim": "…", "gold_articles": ["…"], "gold_urls": ["…"]}

A line `{"gate": {"faithfulness": 0.02, ...}}` sets per-metric tolerances for the regression
gate (how far a metric may fall below the baseline); `--tolerance` flags override it. A line
`{"corpus": ["../corpus/sample", ...]}` names the files the set is about, relative
to the set file; `ibid eval run` ingests them first (idempotently).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from index.errors import EvalSetError


class GoldParagraph(BaseModel):
    model_config = ConfigDict(extra="forbid")
    article_id: str
    paragraph: int = Field(ge=1)


class EvalCase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    kind: Literal["question", "claim"] = "question"
    question: str = ""
    claim: str = ""
    answerable: bool = True
    history: list[str] = Field(default_factory=list, description="Earlier questions, asked first.")
    expect_all: list[str] = Field(default_factory=list)
    expect_any: list[str] = Field(default_factory=list)
    gold_articles: list[str] = Field(default_factory=list)
    gold_paragraphs: list[GoldParagraph] = Field(default_factory=list)
    gold_urls: list[str] = Field(default_factory=list)
    gold_sentence: str = Field(
        default="", description="The sentence that answers (or makes the claim), markers removed."
    )
    expect_source: list[str] = Field(
        default_factory=list, description="Source names (publishers) the answer text must name."
    )
    covers: str = Field(
        default="", description="For a near-miss: what the archive covers instead (for reading)."
    )
    split: Literal["dev", "test"] | None = Field(
        default=None, description="dev (fit and tune on it) or test (report it); split by article."
    )
    mode: Literal["extractive", "llm"] | None = None
    tags: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> EvalCase:
        if self.kind == "question" and not self.question.strip():
            raise ValueError("a question case needs a non-empty 'question'")
        if self.kind == "claim" and not self.claim.strip():
            raise ValueError("a claim case needs a non-empty 'claim'")
        if not self.answerable and (self.expect_all or self.expect_any or self.gold_paragraphs):
            raise ValueError("an unanswerable case cannot have expected facts or gold paragraphs")
        return self

    @property
    def text(self) -> str:
        return self.question if self.kind == "question" else self.claim


class EvalSet(BaseModel):
    path: str
    cases: list[EvalCase]
    tolerances: dict[str, float] = Field(default_factory=dict)
    corpus: list[Path] = Field(default_factory=list)

    def only_split(self, split: str) -> EvalSet:
        """The cases of one half; cases without a split belong to both."""
        cases = [c for c in self.cases if c.split in (None, split)]
        if not cases:
            raise EvalSetError(Path(self.path), 0, f"no cases in the '{split}' split")
        return self.model_copy(update={"cases": cases})


def load_set(path: Path) -> EvalSet:
    if not path.is_file():
        raise EvalSetError(path, 0, "no such eval-set file")
    cases: list[EvalCase] = []
    tolerances: dict[str, float] = {}
    corpus: list[Path] = []
    seen: dict[str, int] = {}
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalSetError(
                path, no, f"not valid JSON ({exc.msg} at column {exc.colno})"
            ) from exc
        if not isinstance(data, dict):
            raise EvalSetError(path, no, "each line must be a JSON object")
        if set(data) == {"gate"}:
            gate = data["gate"]
            if not isinstance(gate, dict) or not all(
                isinstance(v, int | float) and v >= 0 for v in gate.values()
            ):
                raise EvalSetError(path, no, "'gate' must map metric names to tolerances >= 0")
            tolerances.update({str(k): float(v) for k, v in gate.items()})
            continue
        if set(data) == {"corpus"}:
            if not isinstance(data["corpus"], list) or not all(
                isinstance(x, str) for x in data["corpus"]
            ):
                raise EvalSetError(path, no, "'corpus' must be a list of paths")
            for item in data["corpus"]:
                target = (path.parent / item).resolve()
                if not target.exists():
                    raise EvalSetError(path, no, f"corpus path {item} ({target}) does not exist")
                corpus.append(target)
            continue
        try:
            case = EvalCase.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"]) or "case"
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = "unknown field (check the spelling; see eval/sets.py for the format)"
            raise EvalSetError(path, no, f"field '{where}': {msg}") from exc
        if case.id in seen:
            raise EvalSetError(
                path, no, f"duplicate id '{case.id}' (first on line {seen[case.id]})"
            )
        seen[case.id] = no
        cases.append(case)
    if not cases:
        raise EvalSetError(path, 0, "the eval set has no cases")
    return EvalSet(path=str(path), cases=cases, tolerances=tolerances, corpus=corpus)


def write_set(path: Path, cases: list[EvalCase], corpus: list[str] | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        if corpus:
            fh.write(json.dumps({"corpus": corpus}) + "\n")
        for case in cases:
            fh.write(case.model_dump_json(exclude_defaults=True) + "\n")
