"""The answer builders behind AnswerChain: extractive (the archive's own sentences) and by an
LLM, each streaming its text as events while it fills the Answer, every sentence cited and
checked by the faithfulness checker. The chat model and checker are built on first use.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import RunnableConfig

from index.library import Library
from index.text import strip_markers
from index.types import Article
from rag import answerability, extractive, i18n, llm_answer
from rag.citations import CitationBook, attribution, locate_in_chunk, source_ref, span_in_quote
from rag.intent import Intent
from rag.reader import Reader, load_reader
from rag.settings import RagSettings
from rag.types import Answer, AnswerSentence, Evidence, Plan, SeeAlso
from rag.verdict import Checker

# A stream event: {"type": "token", "text"}, then {"type": "citations"}, then {"type": "answer"}.
Event = dict[str, Any]


_UNSET = object()


class Answering:
    """What AnswerChain answers with, once the evidence is retrieved."""

    def __init__(
        self,
        library: Library,
        settings: RagSettings | None = None,
        *,
        chat_model: BaseChatModel | None = None,
        checker: Checker | None = None,
    ) -> None:
        self.library = library
        self.settings = settings or RagSettings()
        self._chat = chat_model
        self._checker = checker
        self._reader: Reader | object | None = _UNSET

    @property
    def chat_model(self) -> BaseChatModel:
        if self._chat is None:
            from rag.models import chat_model

            self._chat = chat_model(self.settings.llm)
        return self._chat

    @property
    def reader(self) -> Reader | None:
        """The reader model (rag.reader), or None when rag.reader.enabled is false."""
        if self._reader is _UNSET:
            self._reader = load_reader(self.settings.reader)
        return self._reader  # type: ignore[return-value]

    @property
    def checker(self) -> Checker:
        if self._checker is None:
            from rag.verify import make_checker

            v = self.settings.verify
            self._checker = make_checker(
                v.backend,
                embeddings=self.library.embeddings,
                threshold=v.threshold,
                model_path=v.model_path,
                chat_model=self.chat_model if v.backend == "llm" else None,
            )
        return self._checker

    # shared by the answerers -------------------------------------------------------------
    def _add_versions(self, answer: Answer) -> None:
        """Each cited article's language and its versions in other languages."""
        for c in answer.citations:
            c.versions = self.library.versions(c.article_id)
            if c.language is None:
                c.language = self.library.article(c.article_id).language

    def _book(self) -> CitationBook:
        return CitationBook(cover_preceding=self.settings.answer.cover_preceding)

    def _articles(self, evidence: list[Evidence]) -> dict[str, Article]:
        ids = dict.fromkeys(e.chunk.article_id for e in evidence)
        return {a: self.library.article(a) for a in ids}

    def _refuse(self, answer: Answer, evidence: list[Evidence], note: str | None = None) -> Answer:
        answer.refused = True
        refusal = i18n.text("refusal", answer.language)
        answer.answer = f"{note} {refusal}" if note else refusal
        seen: dict[str, SeeAlso] = {}
        for ev in evidence:
            if ev.chunk.article_id not in seen and len(seen) < 3:
                seen[ev.chunk.article_id] = SeeAlso(
                    article_id=ev.chunk.article_id, title=ev.chunk.title, score=round(ev.score, 4)
                )
        answer.see_also = list(seen.values())
        return answer

    def _extractive(
        self,
        answer: Answer,
        question: str,
        evidence: list[Evidence],
        extra: list[str],
        qvec: list[float],
        intent: Intent,
        plan: Plan,
    ) -> Iterator[Event]:
        s = self.settings.answer
        r = self.settings.reader
        ranked = extractive.rank(
            self.library, question, evidence, qvec, extra, s.sentence_weights, plan,
            reader=self.reader, reader_top_n=r.top_n,
        )  # fmt: skip
        decision = (
            answerability.decide_for(question, ranked[0], plan, s, r.min_score) if ranked else None
        )
        if decision is None or not decision.answer:
            self._refuse(answer, evidence, decision.note if decision else None)
            yield {"type": "token", "text": answer.answer}
            return
        chosen = extractive.select(
            ranked, self.settings.answer.max_sentences, self.settings.answer.keep_ratio
        )
        book = self._book()
        parts: list[str] = []
        for c in chosen:
            n = book.cite(c.article, c.para, c.start, c.end)
            verdict = self.checker.check(c.text, [strip_markers(c.para.text[c.start : c.end])])
            answer.sentences.append(
                AnswerSentence(
                    text=c.text,
                    citations=[n],
                    supported=verdict.supported,
                    support=round(verdict.support, 4),
                    reasons=verdict.reasons,
                    answer_span=span_in_quote(question, c.para.text[c.start : c.end]),
                )
            )
            text = c.text
            if intent.kind == "source":
                # The claim's primary source, named in the answer itself, not only in the note.
                cited = book.citations[n - 1]
                text = f"{attribution(cited.footnotes, cited.nearby_notes)}: {c.text}"
                answer.sentences[-1].text = text
                answer.sentences[-1].claim = c.text
            piece = f"{text} [{n}]"
            parts.append(piece)
            yield {"type": "token", "text": piece + " "}
        answer.citations = book.citations
        answer.answer = " ".join(parts)

    def _llm(
        self,
        answer: Answer,
        question: str,
        evidence: list[Evidence],
        language: str,
        config: RunnableConfig,
    ) -> Iterator[Event]:
        articles = self._articles(evidence)
        notes = {
            ev.chunk.id: [
                r
                for label in ev.chunk.footnotes
                if (r := source_ref(articles[ev.chunk.article_id], label)) is not None
            ]
            for ev in evidence
        }
        reply = ""
        chat = self.chat_model
        for delta in llm_answer.stream_reply(chat, question, evidence, notes, language, config):
            reply += delta
            yield {"type": "token", "text": delta}
        if llm_answer.is_refusal(reply):
            self._refuse(answer, evidence)
            return
        book = self._book()
        parts: list[str] = []
        for text, valid, dropped in llm_answer.parse_reply(reply, len(evidence)):
            reasons = [f"dropped citation [{n}]: no such evidence" for n in dropped]
            numbers: list[int] = []
            support, supported = 0.0, False
            if valid:
                passages = [strip_markers(evidence[n - 1].chunk.text) for n in valid]
                verdict = self.checker.check(text, passages)
                support, supported = verdict.support, verdict.supported
                reasons += verdict.reasons
                for i, n in enumerate(valid):
                    chunk = evidence[n - 1].chunk
                    aligned = verdict.sentence if verdict.evidence_index == i else None
                    para, start, end = locate_in_chunk(
                        articles[chunk.article_id], chunk, aligned or text
                    )
                    numbers.append(book.cite(articles[chunk.article_id], para, start, end))
            else:
                reasons.append("no valid citation")
            if self.settings.answer.strict and not supported:
                continue
            answer.sentences.append(
                AnswerSentence(
                    text=text,
                    citations=numbers,
                    supported=supported,
                    support=round(support, 4),
                    reasons=reasons,
                )
            )
            parts.append(text + "".join(f" [{n}]" for n in numbers))
        if not answer.sentences:
            self._refuse(answer, evidence)
            return
        answer.citations = book.citations
        answer.answer = " ".join(parts)
