"""What a question asks for: a passage (the default), the source behind a claim, or a fact about
the archive itself (who wrote a piece, when, its title or category, what an author has written,
the latest piece on a topic, the sources a piece cites, the pieces citing an outlet, counts).

A small router of cue patterns, each a way analysts phrase the request in English; everything
that is not one of these goes to passage retrieval. The patterns name kinds of request, never
articles, people or outlets: those are resolved against the manifest at answer time.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

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
# Everything but passages and claim sources is a question about the archive's own records.
ARCHIVE_KINDS: frozenset[str] = frozenset(get_args(Kind)) - {"passage", "source"}

# Words that name a piece of the archive ("the Black Sea insurance analysis").
_PIECE = (
    r"(?:piece|pieces|analys[ie]s|articles?|reports?|commentar(?:y|ies)|papers?|stud(?:y|ies)|"
    r"briefs?|notes?|essays?|publications?|work|writing)"
)
_SOURCE_NOUN = (
    r"(?:sources?|outlets?|publications?|newspapers?|papers?|media|agenc(?:y|ies)|broadcasters?|"
    r"websites?|reports?|references?|services?|wires?)"
)
_CITE_VERB = (
    r"(?:cite[sd]?|citing|quote[sd]?|quoting|rel(?:y|ies|ied) on|draws? on|drew on|"
    r"refer(?:s|red)? to|references?|uses?|used|mentions?|leans? on|leant on|leaned on)"
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
            rf".*\b{_CITE_VERB}\b|\b(?:notes|bibliography|reference list|references|sources|"
            rf"citations) (?:of|for|in|behind) (?:the |our |this |that )?[\w'’ -]{{0,80}}"
            rf"\b{_PIECE}\b"
            rf"|\bwhat (?:does|did|do) (?:the|our|this|that)\b.{{0,80}}\b{_PIECE}\s+{_CITE_VERB}\b"
            rf"|\b(?:sources|references|outlets)\b.{{0,40}}\b{_CITE_VERB}\b.{{0,60}}\b{_PIECE}\b"
            rf"|\bwhere (?:does|do|did) (?:the|our|this|that)\b.{{0,80}}\b{_PIECE}\s+(?:get|take|"
            rf"draw)\b",
            re.I,
        ),
    ),
    (
        "cited_by",
        re.compile(
            rf"\b(?:which|what)\b(?: of)?(?: (?:our|the|its|this|think tank's|archive's))*"
            rf"(?: \w+)?\s+{_PIECE}\s+(?:\w+\s+)?{_CITE_VERB}\b"
            rf"|\b(?:do|does|did|have|has) (?:any|some|all|none)(?: of)?(?: (?:our|the|your|its))?"
            rf"(?: \w+)?\s+{_PIECE}\s+(?:ever\s+)?{_CITE_VERB}\b"
            rf"|\b(?:have|has|did|do) (?:we|you|the archive|the think tank)\s+(?:ever\s+)?"
            rf"(?:cited|quoted|used|relied on|referenced|drawn on|cite|quote|use|rely on)\b"
            rf"|\b{_PIECE}\s+(?:that|which)\s+{_CITE_VERB}\b|\b{_PIECE} citing\b"
            rf"|\b(?:anything|something) (?:of ours |we (?:have |'ve )?(?:published |written ))?"
            rf"(?:that|which) {_CITE_VERB}\b",
            re.I,
        ),
    ),
    (
        "latest",
        re.compile(
            rf"\b(?:latest|most recent|newest|last|recent)\b\s+(?:\w+\s+)?{_PIECE}\b"
            rf"|\b{_PIECE}\b.*\b(?:most recent(?:ly)?|latest|newest)\b"
            r"|\b(?:latest|most recent|newest)\b.*\b(?:by|from|written|published|put out|"
            r"thing|one)\b",
            re.I,
        ),
    ),
    (
        "by_author",
        re.compile(
            r"\bwhat (?:else )?(?:has|have|did)\b.+\b(?:written|write|published|publish)\b"
            r"|\b(?:has|have|did)\b.+\b(?:written|published|write|publish)\s+(?:anything|"
            r"something|much|any|pieces?|articles?|analys[ie]s)\b"
            r"|\b(?:pieces|articles|analyses|work|anything|something) (?:by|from)\b"
            r"|['’]s (?:work|pieces|articles|writing|analyses|output|reports) (?:on|about)\b"
            r"|\b(?:has|have|did)\b.+\b(?:covered|cover|tackled|looked at|analy[sz]ed|written "
            r"(?:on|about))\b",
            re.I,
        ),
    ),
    (
        "author",
        re.compile(
            r"\bwho (?:wrote|writes|authored|penned|is (?:the )?(?:author|writer)|is behind)\b"
            r"|\b(?:author|writer)s? of\b|\bwritten by whom\b|\bby whom\b.*\bwritten\b"
            r"|\bbyline\b|\bwho\b.{0,30}\b(?:wrote|write|authored|penned)\b"
            r"|\b(?:which|what) (?:of (?:our|the) )?(?:researchers?|analysts?|authors?|experts?|"
            r"writers?|fellows?|colleagues?|staff(?:ers)?)\b.*\b(?:wrote|write|authored|penned|"
            r"behind)\b",
            re.I,
        ),
    ),
    (
        "date",
        re.compile(
            r"\b(?:publication|release) date\b"
            r"|\bwhen\b.*\b(?:published|publish|come out|came out|released|appear(?:ed)?|"
            r"put out|posted|written|go(?:es)? (?:online|live|up|out)|"
            r"went (?:online|live|up|out))\b"
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
            r"|\bwhat(?:'s| is| was) the (?:title|headline)\b|\b(?:full|exact|complete|"
            r"precise) (?:title|headline)\b|\b(?:title|headline)\b.{0,60}\b(?:run|use|give|put)\b",
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
            r"support|underpin|quote|give|behind|source|say|said|claim|state|according|ran|"
            r"carried|broke|publish|wrote)"
            r"|\b(?:is there|do we have|do you have|have we got) (?:a |any |the )?(?:source|"
            r"reference|citation|basis|footnote)\b"
            r"|^(?:the )?(?:source|basis|reference|citation|footnote)s? (?:for|behind|of)\b"
            r"|\b(?:what|which) (?:is|was|are) the (?:source|basis|reference|citation|footnote)s?"
            r" (?:for|behind|of)\b"
            r"|\bwhere\b.+\b(?:comes?|came) from\b"
            r"|\b(?:who|what|which \w+)\b.{0,20}\b(?:reported|said|says|wrote)\s+(?:that|this|it)"
            r"\s*\??$|\b(?:that|this|it)\s+(?:attributed|sourced|credited)\s+to\s*\??$"
            r"|\bcited for (?:that|this|it)\b"
            r"|\bwhere(?: is| was)? (?:that|this|it) from\b"
            r"|\b(?:sources?|ref|refs|references?|cites?|citations?)\s*\??$"
            r"|\b(?:source|ref|reference|cite|citation)s? (?:on|for|behind)\b"
            r"|\b(?:need|got|have|find) (?:a |the |any )?(?:cite|citation|source|ref|reference)\b"
            r"|\baccording to (?:whom|which|what)\b"
            r"|\bwho (?:are|is|were|was) (?:we|they|you|it|the (?:article|piece|paper|author))"
            r" (?:citing|quoting|relying on)\b"
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

# "latest" is not here: without a dated piece on the topic it falls back to passages anyway.
_NAMES_A_PIECE = frozenset({"author", "date", "title", "category", "count", "sources_of"})
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
    rf"someone|outlets?|bodies|organi[sz]ations|institutions|information|data|byline|whose|"
    rf"full|exact|complete|thing|ever|anywhere|basis|there|saying|claim|"
    rf"go|went|online|live|put|run|covered|cover|month|year|separate|{_PIECE})\b",
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


# Chat phrasing around the request itself: "tell me who wrote…", "I'm trying to find out where…".
_WRAPPER = re.compile(
    r"^(?:(?:please|hi|hey|ok|so)[,!]?\s+)?(?:(?:can|could|would) you\s+)?(?:please\s+)?"
    r"(?:tell me|give me|show me|find me|get me|list|find|look up|i need|i want|i'd like|"
    r"i(?:'m| am) (?:trying|looking|hoping) to (?:find out|find|see|know|learn)|"
    r"do you know|i wonder|remind me)\b[,:]?\s*",
    re.I,
)
_CONTRACTIONS = [
    (re.compile(r"\b(what|who|where|when|which|that|it|how)['’]?s\b", re.I), r"\1 is"),
    (re.compile(r"\b(we|you|they)['’]ve\b", re.I), r"\1 have"),
    (re.compile(r"\bwho['’]d\b", re.I), "who did"),
]


def normalise(question: str) -> str:
    q = " ".join(question.replace("’", "'").split())
    for pattern, repl in _CONTRACTIONS:
        q = pattern.sub(repl, q)
    return _WRAPPER.sub("", q).strip()


# A pasted claim followed by a short question about it: "… 3% of hull value. who says?"
_TAIL_WH = re.compile(r"\b(?:who|which|what|where)\b", re.I)
_TAIL_SOURCE = re.compile(
    r"\b(?:says?|said|had|ran|citing|cited|cite|from|sources?|sourced|outlet|paper|newspaper|"
    r"agency|reported|reporting|attributed)\b",
    re.I,
)


def _asks_source_at_the_end(q: str) -> bool:
    clauses = [c for c in re.split(r"(?<=[.?!])\s+|\s+[-–—]\s+", q) if c.strip()]
    if len(clauses) < 2:
        return False
    tail = clauses[-1]
    return len(tail.split()) <= 9 and bool(_TAIL_WH.search(tail) and _TAIL_SOURCE.search(tail))


def classify(question: str) -> Intent:
    """The first matching rule wins; rules run from the most to the least specific."""
    q = normalise(question)
    kind: Kind = "source" if _asks_source_at_the_end(q) else "passage"
    for name, pattern in _RULES if kind == "passage" else []:
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
