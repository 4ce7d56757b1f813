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
from typing import TYPE_CHECKING

from index.text import strip_markers
from rag import anchors, answer_type, i18n
from rag.extractive import Candidate

if TYPE_CHECKING:
    from rag.settings import AnswerSettings
    from rag.types import Plan


@dataclass(frozen=True)
class Decision:
    answer: bool
    note: str | None = None


def _local_text(c: Candidate) -> str:
    return " ".join([c.article.title, c.para.section or "", strip_markers(c.para.text)])


def _article_text(c: Candidate) -> str:
    return " ".join([c.article.title, *(strip_markers(p.text) for p in c.article.paragraphs)])


def decide(
    question: str,
    best: Candidate,
    min_score: float,
    language: str | None = None,
    crosslingual: bool = False,
    anchor_score: float = 0.0,
) -> Decision:
    """`language`: the question's (its notes are written in it). `crosslingual`: question and
    passage are in different languages, so only the question's years and figures can be looked
    for in the article as they are; its names are spelt in another language ("Hindistan",
    "Моди"), so when the best sentence scores below `anchor_score`, at least one of them must
    be in the article in a near spelling (rag.anchors)."""
    cons = answer_type.constraints(question)
    edition = answer_type.Constraints(cons.years, (), (), ())
    rest = answer_type.Constraints((), cons.ordinals, cons.numbers, cons.names)
    if crosslingual:
        rest = answer_type.Constraints((), (), (), ())
    gone = answer_type.missing(rest, _article_text(best))
    if answer_type.names_edition(best.article.title):
        gone += answer_type.missing(edition, _local_text(best))
    else:
        gone += answer_type.missing(edition, _article_text(best))
    if crosslingual and language and best.score < anchor_score:
        gone += anchors.missing_names(question, language, _article_text(best))
    if gone:
        return Decision(False, near_miss_note(best, gone, language))
    kind = answer_type.wants(question, language)
    if kind is not None and not best.features.get("typed"):
        # Asked for a date, figure, name or place, and the best sentence holds none.
        what = i18n.text(kind, language)
        return Decision(False, i18n.text("no_kind", language, title=best.article.title, kind=what))
    if best.score < min_score:
        return Decision(False)
    return Decision(True)


def near_miss_note(best: Candidate, gone: list[str], language: str | None = None) -> str:
    """'The archive has “2022 UEFA Champions League final”, but it says nothing about 2023.'"""
    return i18n.text("near_miss", language, title=best.article.title, missing=", ".join(gone))


def decide_for(
    question: str,
    best: Candidate,
    plan: Plan,
    settings: AnswerSettings,
    reader_floor: float | None = None,
) -> Decision:
    """`decide` with the thresholds of how the question was read (`plan`): across languages
    when the best passage is in another language than the question; `reader_floor` when the
    reader scored the best sentence (its fused score runs on another scale)."""
    floor = (
        settings.crosslingual_min_sentence_score
        if plan.crosslingual
        else settings.min_sentence_score
    )
    if reader_floor is not None and "reader" in best.features:
        floor = reader_floor
    return decide(
        question,
        best,
        floor,
        plan.language,
        crosslingual=(best.article.language or "en") != plan.language,
        anchor_score=settings.crosslingual_anchor_score,
    )
