"""Follow-up questions without an LLM: carry the previous turn's terms and articles forward."""

from __future__ import annotations

import re

from index.text import tokenize
from rag.types import Turn

_LEANS_ON = re.compile(
    r"^(?:and|but|also|so|what about|how about|and what|then)\b|"
    r"\b(?:it|its|they|them|their|he|him|his|she|her|this|that|these|those|there|the same)\b",
    re.IGNORECASE,
)


def leans_on_history(question: str) -> bool:
    """Short questions and ones with pronouns or a leading 'and…' refer to the last turn."""
    return bool(_LEANS_ON.search(question)) or len(tokenize(question)) <= 2


def carry_over(question: str, history: list[Turn]) -> tuple[list[str], dict[str, float]]:
    """Extra query terms and per-article score boosts taken from the last answered turn."""
    if not history or not leans_on_history(question):
        return [], {}
    last = next((t for t in reversed(history) if t.answer and not t.answer.refused), None)
    if last is None or last.answer is None:
        return [], {}
    own = set(tokenize(question))
    terms = [t for t in dict.fromkeys(tokenize(last.question)) if t not in own]
    boost = {c.article_id: 0.15 for c in last.answer.citations}
    return terms, boost
