"""The LLM answerer: numbered evidence in, one citation per sentence out, every sentence checked."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.runnables import RunnableConfig

from index.text import split_sentences, strip_markers
from rag import i18n
from rag.citations import describe_ref
from rag.types import Evidence, SourceRef, Turn

REFUSAL_TOKEN = "NOT_IN_ARCHIVE"

SYSTEM = f"""You answer questions from a think tank's archive using ONLY the numbered evidence.
Rules:
- Answer in at most four short sentences.
- End every sentence with the number of the evidence it comes from, like [2]. Cite only numbers
  that exist. Never cite more than two numbers for one sentence.
- Do not add facts, numbers, names or dates that are not in the cited evidence.
- When the question asks where a claim comes from (which outlet, what source, according to
  whom), name the publisher and title listed under "Sources" of the evidence you cite, with the
  note label, e.g. "According to BBC — “Title” (note ii) — ...".
- If the evidence does not answer the question, reply with exactly {REFUSAL_TOKEN} and nothing else.
"""

CONDENSE = """Rewrite the follow-up question as one standalone question, using the conversation
for context. Reply with the question only.

Conversation:
{history}

Follow-up: {question}
Standalone question:"""

_CITE_RE = re.compile(r"\[(\d{1,3})\](?:\s*\[(\d{1,3})\])*")
_NUM_RE = re.compile(r"\[(\d{1,3})\]")
_REFUSAL_RE = re.compile(
    rf"{REFUSAL_TOKEN}|\b(?:does not|doesn't|do not) (?:contain|cover|answer|say|mention)|"
    r"\bcannot (?:answer|find)\b|\bnot enough information\b|\bno information\b",
    re.IGNORECASE,
)


def evidence_block(
    evidence: list[Evidence], notes: Mapping[str, list[SourceRef]] | None = None
) -> str:
    """Numbered passages, each followed by the sources its own footnotes resolve to."""
    blocks = []
    for i, ev in enumerate(evidence, 1):
        c = ev.chunk
        where = f"{c.title}" + (f", {c.section}" if c.section else "") + f", ¶{c.para_start}"
        block = f"[{i}] ({where})\n{strip_markers(c.text)}"
        refs = (notes or {}).get(c.id) or []
        if refs:
            block += "\nSources: " + "; ".join(describe_ref(r) for r in refs)
        blocks.append(block)
    return "\n\n".join(blocks)


TRANSLATE = """Translate this question into English for a keyword search. Keep names, numbers
and dates; reply with the translation only.

Question: {question}
English:"""


def messages(
    question: str,
    evidence: list[Evidence],
    notes: Mapping[str, list[SourceRef]] | None = None,
    language: str | None = None,
) -> list[SystemMessage | HumanMessage]:
    system = SYSTEM
    if language and language != "en":
        name = i18n.english_name(language)
        system += (
            f"- Write the answer in {name}, the question's language, whatever the evidence's "
            "language; keep names and titles of sources as the evidence spells them.\n"
        )
    return [
        SystemMessage(system),
        HumanMessage(f"Evidence:\n\n{evidence_block(evidence, notes)}\n\nQuestion: {question}"),
    ]


def stream_reply(
    model: BaseChatModel,
    question: str,
    evidence: list[Evidence],
    notes: Mapping[str, list[SourceRef]] | None = None,
    language: str | None = None,
    config: RunnableConfig | None = None,
) -> Iterator[str]:
    for chunk in model.stream(messages(question, evidence, notes, language), config):
        text = chunk.content if isinstance(chunk.content, str) else str(chunk.content)
        if text:
            yield text


def is_refusal(reply: str) -> bool:
    return bool(_REFUSAL_RE.search(reply)) and len(reply) < 400


def parse_reply(reply: str, n_evidence: int) -> list[tuple[str, list[int], list[int]]]:
    """Sentences of the reply as (text without citations, valid evidence numbers, dropped ones)."""
    out = []
    for sentence in split_sentences(reply.strip()):
        numbers = [int(x) for x in _NUM_RE.findall(sentence)]
        valid = list(dict.fromkeys(n for n in numbers if 1 <= n <= n_evidence))
        dropped = [n for n in numbers if not 1 <= n <= n_evidence]
        text = re.sub(r"\s*\[\d{1,3}\]", "", sentence).strip()
        text = re.sub(r"\s+([.,;:!?])", r"\1", text)
        if text:
            out.append((text, valid, dropped))
    return out


def translate(model: BaseChatModel, question: str, config: RunnableConfig | None = None) -> str:
    """The question in English, for the English keyword leg; the question itself on failure."""
    reply = model.invoke(TRANSLATE.format(question=question), config)
    text = reply.content if isinstance(reply.content, str) else str(reply.content)
    return text.strip().splitlines()[0].strip() if text.strip() else question


def condense(
    model: BaseChatModel, question: str, history: list[Turn], config: RunnableConfig | None = None
) -> str:
    lines = []
    for turn in history[-3:]:
        lines.append(f"User: {turn.question}")
        if turn.answer is not None and not turn.answer.refused:
            lines.append("Assistant: " + re.sub(r" ?\[\d+\]", "", turn.answer.answer))
    reply = model.invoke(CONDENSE.format(history="\n".join(lines), question=question), config)
    text = reply.content if isinstance(reply.content, str) else str(reply.content)
    return text.strip().splitlines()[0].strip() if text.strip() else question
