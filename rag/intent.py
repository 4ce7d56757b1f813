"""What a question asks for: a passage (the default), the source behind a claim, or a fact about
the archive itself (who wrote a piece, when, its title or category, what an author has written,
the latest piece on a topic, the sources a piece cites, the pieces citing an outlet, counts).

A small router of cue patterns, each a way analysts phrase the request in English; everything
that is not one of these goes to passage retrieval. The patterns name kinds of request, never
articles, people or outlets: those are resolved against the manifest at answer time.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

Kind = Literal[
    "passage",
    "source",
    "author",
    "date",
    "title",
    "category",
    "by_author",
    "latest",
    "sources_of",
    "cited_by",
    "count",
]
ARCHIVE_KINDS: frozenset[str] = frozenset(
    {
        "author",
        "date",
        "title",
        "category",
        "by_author",
        "latest",
        "sources_of",
        "cited_by",
        "count",
    }
)

# Words that name a piece of the archive ("the Black Sea insurance analysis").
_PIECE = (
    r"(?:piece|pieces|analys[ie]s|articles?|reports?|commentar(?:y|ies)|papers?|stud(?:y|ies)|"
    r"briefs?|notes?|essays?|publications?|work|writing)"
)
_SOURCE_NOUN = (
    r"(?:sources?|outlets?|publications?|newspapers?|papers?|media|agenc(?:y|ies)|broadcasters?|"
    r"websites?|reports?|references?)"
)
_CITE_VERB = (
    r"(?:cite[sd]?|citing|quote[sd]?|quoting|rel(?:y|ies|ied) on|draws? on|drew on|"
    r"refer(?:s|red)? to|references?|uses?|used|mentions?)"
)

_RULES: list[tuple[Kind, re.Pattern[str]]] = [
    (
        "count",
        re.compile(
            r"\bhow many\b.{0,40}\b(?:foot|end)?notes\b|\bhow many\b.{0,30}\b"
            r"(?:distinct |different |separate )?"
            r"(?:sources|references|publications|outlets|citations)\b",
            re.I,
        ),
    ),
    (
        "sources_of",
        re.compile(
            rf"\b(?:which|what)\s+(?:\w+\s+)?(?:sources|publications|outlets|references|works|"
            rf"documents)\b.*\b(?:{_CITE_VERB}|in|by|behind|underpin)\b.*\b{_PIECE}\b"
            rf"|\b(?:which|what)\s+(?:sources|publications|outlets|references)\b.*\b{_PIECE}\b"
            rf".*\b{_CITE_VERB}\b|\b(?:notes|bibliography|reference list|sources) (?:of|for|in) "
            rf"(?:the|our|this)\b.*\b{_PIECE}\b",
            re.I,
        ),
    ),
    (
        "cited_by",
        re.compile(
            rf"\b(?:which|what)\b(?: of)?(?: (?:our|the|its|this|think tank's|archive's))*"
            rf"(?: \w+)?\s+{_PIECE}\s+(?:\w+\s+)?{_CITE_VERB}\b",
            re.I,
        ),
    ),
    (
        "latest",
        re.compile(
            rf"\b(?:latest|most recent|newest|last|recent)\b\s+(?:\w+\s+)?{_PIECE}\b"
            rf"|\b{_PIECE}\b.*\b(?:most recent(?:ly)?|latest|newest)\b"
            r"|\b(?:latest|most recent|newest)\b.*\b(?:by|from|written)\b",
            re.I,
        ),
    ),
    (
        "by_author",
        re.compile(
            r"\bwhat (?:else )?(?:has|have|did)\b.+\b(?:written|write|published|publish)\b"
            r"|\b(?:has|have|did)\b.+\b(?:written|published|write|publish)\s+(?:anything|"
            r"something|much|any|pieces?|articles?|analys[ie]s)\b"
            r"|\b(?:pieces|articles|analyses|work) (?:by|from)\b",
            re.I,
        ),
    ),
    (
        "author",
        re.compile(
            r"\bwho (?:wrote|writes|authored|penned|is (?:the )?(?:author|writer)|is behind)\b"
            r"|\b(?:author|writer)s? of\b|\bwritten by whom\b|\bby whom\b.*\bwritten\b",
            re.I,
        ),
    ),
    (
        "date",
        re.compile(
            r"\b(?:publication|release) date\b"
            r"|\bwhen\b.*\b(?:published|publish|come out|came out|released|appear(?:ed)?|"
            r"put out|posted|written)\b"
            r"|\b(?:what|which) (?:date|day|month|year)\b.*\b(?:published|publish|come out|came "
            r"out|released|appear(?:ed)?|posted)\b",
            re.I,
        ),
    ),
    (
        "title",
        re.compile(
            rf"\b(?:title|headline|name) of\b.*\b{_PIECE}\b"
            r"|^what(?:'s| is| was) (?:the|our|this|that)\b.*\b(?:called|titled|entitled)\??$"
            r"|\bwhat(?:'s| is| was) the (?:title|headline)\b",
            re.I,
        ),
    ),
    (
        "category",
        re.compile(
            r"\b(?:category|categories|section|rubric|type of (?:publication|piece|article)|"
            r"kind of (?:publication|piece|article)|filed (?:as|under))\b",
            re.I,
        ),
    ),
    (
        "source",
        re.compile(
            rf"\b(?:which|what)\s+(?:\w+\s+)?{_SOURCE_NOUN}\b.*\b(?:report|cover|cite|back|"
            r"support|underpin|quote|give|behind|source|say|claim|state|according)"
            r"|\baccording to (?:whom|which|what)\b"
            r"|\bwhere (?:does|do|did) .+\b(?:come from|originate|stem from)\b"
            r"|^who (?:reported|says|said|claims|claimed|is cited|is quoted|covered|"
            r"first reported)\b"
            r"|\b(?:what|who) (?:is|was) the (?:source|basis)\b"
            r"|\bon what (?:source|basis|evidence)\b|\bsourced? (?:from|to)\b"
            r"|\bwhat (?:is|are) .+ based on\b",
            re.I,
        ),
    ),
]

_NAMES_A_PIECE = frozenset({"author", "date", "title", "category", "latest", "count", "sources_of"})
_REFERS = re.compile(rf"\b{_PIECE}\b|\b(?:we|our|us)\b", re.I)

# Cue words dropped from the question to leave what it is about ("the Black Sea insurance").
_CUE = re.compile(
    rf"\b(?:who|what|which|when|where|whom|how many|is|are|was|were|has|have|had|did|does|do|"
    rf"according|reported|reports|covered|backs|supports|underpins|given|quoted|quotes|"
    rf"the|a|an|of|our|its|this|that|for|on|about|in|by|from|to|any|anything|else|"
    rf"wrote|written|write|writes|authored|author|writer|behind|penned|published|publish|"
    rf"publication|date|day|come|came|out|released|title|headline|called|named|titled|"
    rf"category|type|kind|filed|as|under|latest|most|recent|newest|last|sources?|cite[sd]?|"
    rf"citing|draws?|drew|rel(?:y|ies)|use|uses|used|references?|distinct|different|notes?|"
    rf"footnotes?|endnotes?|contain|contains|think|tank's|tank|archive|apart|other|than|"
    rf"someone|{_PIECE})\b",
    re.I,
)


class Intent(BaseModel):
    kind: Kind = "passage"
    topic: str = Field(
        default="",
        description="The question without its cue words: what the piece (or passage) is about.",
    )
    counts: str | None = Field(
        default=None, description="For count questions: 'notes' or 'sources'."
    )
    exclude_named: bool = Field(
        default=False,
        description="'other than X', 'apart from the X piece': X is excluded, not wanted.",
    )

    @property
    def about_archive(self) -> bool:
        return self.kind in ARCHIVE_KINDS


def classify(question: str) -> Intent:
    """The first matching rule wins; rules run from the most to the least specific."""
    q = " ".join(question.split())
    kind: Kind = "passage"
    for name, pattern in _RULES:
        # "Who wrote the score for the film?" asks about the article's subject, not the article:
        # questions about a piece's metadata name the piece (or "we", "our").
        if name in _NAMES_A_PIECE and not _REFERS.search(q):
            continue
        if pattern.search(q):
            kind = name
            break
    counts = None
    if kind == "count":
        counts = "notes" if re.search(r"\b(?:foot|end)?notes\b", q, re.I) else "sources"
    exclude = bool(re.search(r"\b(?:other than|apart from|except|besides|not by)\b", q, re.I))
    return Intent(kind=kind, topic=topic_of(q), counts=counts, exclude_named=exclude)


def topic_of(question: str) -> str:
    # Punctuation goes, but not inside figures ("550,000", "2.5").
    words = _CUE.sub(" ", re.sub(r"[?!.,;:“”\"](?!\d)", " ", question))
    # Lower-case only: "US" is a country, "us" the archive's owner.
    words = re.sub(r"\b(?:we|us)\b", " ", words)
    return " ".join(words.split())
