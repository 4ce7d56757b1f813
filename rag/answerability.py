"""Should the archive answer at all? A near-miss (same topic, a fact it lacks) must be refused.

Two checks, neither tuned per question:
1. The best sentence must be likely enough to answer (its fitted score, `min_sentence_score`,
   calibrated on the dev half of the question set).
2. What the question pins down must be in the article it would be answered from: its years,
   numbered ordinals ("65th", "season 32") and figures, and the multi-word names it mentions.
   When the article's title names an edition (a year or an ordinal: "2022 AFL Grand Final"), a
   year of the question must appear in the answering paragraph or the title itself:
   the 2022 final's article mentions 2023 in passing, but it is not about the 2023 final.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.text import strip_markers
from rag import answer_type
from rag.extractive import Candidate


@dataclass(frozen=True)
class Decision:
    answer: bool
    note: str | None = None


def _local_text(c: Candidate) -> str:
    return " ".join([c.article.title, c.para.section or "", strip_markers(c.para.text)])


def _article_text(c: Candidate) -> str:
    return " ".join([c.article.title, *(strip_markers(p.text) for p in c.article.paragraphs)])


def decide(question: str, best: Candidate, min_score: float) -> Decision:
    cons = answer_type.constraints(question)
    edition = answer_type.Constraints(cons.years, (), (), ())
    rest = answer_type.Constraints((), cons.ordinals, cons.numbers, cons.names)
    gone = answer_type.missing(rest, _article_text(best))
    if answer_type.names_edition(best.article.title):
        gone += answer_type.missing(edition, _local_text(best))
    else:
        gone += answer_type.missing(edition, _article_text(best))
    if gone:
        return Decision(False, near_miss_note(best, gone))
    kind = answer_type.wants(question)
    if kind is not None and not best.features.get("typed"):
        # Asked for a date, figure, name or place, and the best sentence holds none.
        return Decision(False, f"The archive's nearest passage, in “{best.article.title}”, "
                        f"gives no {_KIND_WORDS[kind]} for this.")  # fmt: skip
    if best.score < min_score:
        return Decision(False)
    return Decision(True)


_KIND_WORDS = {"date": "date", "number": "figure", "name": "name", "place": "place"}


def near_miss_note(best: Candidate, gone: list[str]) -> str:
    """'The archive has “2022 UEFA Champions League final”, not 2023.'"""
    missing = ", ".join(gone)
    return f"The archive has “{best.article.title}”, but it says nothing about {missing}."
