"""One type per stage after the index: Evidence (chunk + scores) -> Answer with Citations; and
the rows of a lookup: Passage (`ibid cite`) and SourceRow (`ibid sources`)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, PrivateAttr, field_validator, model_validator

from index.errors import InputError
from index.types import Chunk, CitationRow
from index.versions import Version

MAX_TEXT_CHARS = 2000  # longest question or claim accepted (the embedder reads ~256 pieces)
MAX_K = 50  # most evidence chunks or passages one request may ask for

_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def clean_text(text: str | None, what: str) -> str:
    """A question or claim fit to search with: not empty, not huge, valid Unicode."""
    text = (text or "").strip()
    if not text:
        raise InputError(f"the {what} is empty: type what you want to find in the archive")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"the {what} is {len(text)} characters long; the limit is {MAX_TEXT_CHARS}"
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Bytes that are not UTF-8 reach Python as lone surrogates (a terminal in Latin-1).
        raise InputError(
            f"the {what} is not valid UTF-8 text; set your terminal to UTF-8 and type it again"
        ) from None
    return text


def check_k(k: int | None) -> None:
    if k is not None and not 1 <= k <= MAX_K:
        raise InputError(f"k must be between 1 and {MAX_K}, got {k}")


def iso_day(value: str | None, name: str, *, last: bool = False) -> str | None:
    """'2024', '2024-05' or '2024-05-17' as an ISO day: the first day of the year or month
    (the last with `last`, for an inclusive upper bound)."""
    value = (value or "").strip()
    if not value:
        return None
    m = _DATE_RE.fullmatch(value)
    try:
        if m is None:
            raise ValueError
        y, mo, d = int(m[1]), int(m[2] or (12 if last else 1)), m[3]
        day = int(d) if d else (calendar.monthrange(y, mo)[1] if last else 1)
        return date(y, mo, day).isoformat()
    except ValueError:
        raise InputError(
            f"{name} must be a date like 2025-07-01 (or 2025-07, or 2025), got '{value}'"
        ) from None


@dataclass(frozen=True)
class Plan:
    """How one question is searched (rag.retrieval.Retriever.plan)."""

    language: str  # the question's
    english: bool  # the English model's leg runs
    crosslingual: bool  # the multilingual leg runs, and its cosines replace the English ones


class Evidence(BaseModel):
    """A chunk retrieved for one question, with the signals that ranked it."""

    chunk: Chunk
    score: float = Field(description="Final rerank score (higher is better).")
    relevance: float = Field(default=0.0, description="Calibrated relevance used for refusal.")
    dense: float | None = Field(default=None, description="Cosine similarity, when dense found it.")
    bm25: float | None = Field(default=None, description="BM25 score, when keywords found it.")
    rrf: float = 0.0


class Filters(BaseModel):
    author: str | None = None
    since: str | None = Field(default=None, description="ISO date, inclusive.")
    until: str | None = Field(default=None, description="ISO date, inclusive.")
    article_ids: list[str] = Field(default_factory=list)
    language: str | None = None

    @field_validator("since")
    @classmethod
    def _since(cls, v: str | None) -> str | None:
        return iso_day(v, "since")

    @field_validator("until")
    @classmethod
    def _until(cls, v: str | None) -> str | None:
        return iso_day(v, "until", last=True)

    @field_validator("author", "language")
    @classmethod
    def _blank(cls, v: str | None) -> str | None:
        return (v or "").strip() or None

    @model_validator(mode="after")
    def _range(self) -> Filters:
        if self.since and self.until and self.since > self.until:
            raise InputError(
                f"the date range is empty: since {self.since} is after until {self.until}"
            )
        return self

    @property
    def active(self) -> bool:
        return bool(self.author or self.since or self.until or self.article_ids or self.language)


class SourceRef(BaseModel):
    """An article footnote, resolved: what the article itself cites for a sentence."""

    label: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    accessed: str | None = None
    text: str = ""
    ibid_of: str | None = None
    attached: str = Field(
        default="sentence",
        description="'sentence': the marker is in the quoted sentence; 'following': the quote "
        "has no marker, and the note closes the next marked sentence of the paragraph, which "
        "by a common convention may cover the sentences before it.",
    )


class Citation(BaseModel):
    n: int
    article_id: str
    title: str
    author: str | None = None
    published: str | None = None
    url: str | None = None
    paragraph: int
    section: str | None = None
    quote: str = Field(description="Exact words of the paragraph, text[start:end].")
    start: int
    end: int
    footnotes: list[SourceRef] = Field(
        default_factory=list,
        description="The quote's primary sources: notes whose markers are in the quote (and, "
        "with answer.cover_preceding, the notes closing the next marked sentence).",
    )
    nearby_notes: list[SourceRef] = Field(
        default_factory=list,
        description="When the quote has no marker: the notes closing the paragraph's next "
        "marked sentence, shown as possibly covering it but not attached as its source.",
    )
    language: str | None = Field(default=None, description="The cited article's language.")
    versions: list[Version] = Field(
        default_factory=list,
        description="The cited article in other languages (id, language, title, url).",
    )


class AnswerSpan(BaseModel):
    """The words that answer, as offsets into the cited quote (quote[start:end])."""

    start: int
    end: int


class AnswerSentence(BaseModel):
    text: str
    citations: list[int] = Field(default_factory=list)
    supported: bool = True
    support: float = 1.0
    reasons: list[str] = Field(default_factory=list)
    basis: str = Field(
        default="passage",
        description="'passage': the cited quote supports the sentence; 'archive': the "
        "statement comes from the archive's records (author, date, notes list) and its "
        "citations show the articles it names.",
    )
    claim: str | None = Field(
        default=None,
        description="The part of `text` the cited passage must support, when the sentence "
        'also names the claim\'s source ("According to BBC — …: <claim>").',
    )
    answer_span: AnswerSpan | None = Field(
        default=None,
        description="Within the first citation's quote, the words that answer (the figure, the "
        "date, the name); None when the question asks for no such thing.",
    )


class SeeAlso(BaseModel):
    article_id: str
    title: str
    score: float = 0.0


class Answer(BaseModel):
    question: str
    answer: str = Field(description="Answer text with [n] after each sentence.")
    refused: bool = False
    mode: str = "extractive"
    standalone_question: str | None = None
    intent: str = Field(
        default="passage",
        description="What the question asked for: passage, source (where a claim comes from), "
        "or a fact about the archive (author, date, title, category, by_author, latest, "
        "sources_of, cited_by, count), answered from the manifest.",
    )
    citations: list[Citation] = Field(default_factory=list)
    sentences: list[AnswerSentence] = Field(default_factory=list)
    see_also: list[SeeAlso] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    language: str = Field(
        default="en",
        description="The question's language (ISO 639-1): Ibid's own texts (refusal, labels) "
        "are written in it; quotes keep their article's language.",
    )
    # What retrieval returned, for evaluation; not part of the JSON contract.
    _evidence: list[Evidence] = PrivateAttr(default_factory=list)

    @property
    def evidence(self) -> list[Evidence]:
        return self._evidence

    def to_json(self) -> dict[str, Any]:
        """`ibid ask --json`, and what the web API's /ask returns."""
        return self.model_dump(mode="json")


class Passage(BaseModel):
    """A claim's lookup result: a citation (the quote and its notes) plus how well it supports
    the claim."""

    article_id: str
    title: str
    author: str | None = None
    published: str | None = None
    paragraph: int
    section: str | None = None
    quote: str
    start: int
    end: int
    support: float
    verdict: str = Field(
        description="supports, contradicts (same subject, facts disagree) or related"
    )
    reasons: list[str] = Field(default_factory=list)
    score: float = 0.0
    footnotes: list[SourceRef] = Field(default_factory=list)
    nearby_notes: list[SourceRef] = Field(
        default_factory=list,
        description="With no marker in the quote: the notes closing the next marked sentence, "
        "which may cover it (not attached).",
    )


class CitingParagraph(BaseModel):
    """Where a source is cited: one note (its label) in one paragraph of an article."""

    article_id: str
    title: str = Field(description="The citing article's title.")
    paragraph: int
    label: str

    @classmethod
    def of(cls, row: CitationRow) -> CitingParagraph:
        return cls(
            article_id=row.article_id,
            title=row.article_title,
            paragraph=row.paragraph,
            label=row.label,
        )


class SourceRow(BaseModel):
    """A footnoted source (one URL, or one title and publisher) and every note citing it."""

    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    cited_by: list[CitingParagraph] = Field(default_factory=list)


def json_rows(rows: Iterable[BaseModel]) -> list[dict[str, Any]]:
    """Rows as `--json` prints them and the web API returns them."""
    return [r.model_dump(mode="json") for r in rows]


class Turn(BaseModel):
    """One exchange of a conversation, as the chain needs it for follow-ups."""

    question: str
    answer: Answer | None = None
