"""The answer chain: a LangChain Runnable that streams answer text, then citations.

question (+ history, filters) -> standalone question -> Evidence -> answer sentences, each cited
and checked by the faithfulness checker -> Answer. Refuses when no evidence is relevant enough.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableConfig
from pydantic import BaseModel, Field

from index.errors import IbidError
from index.library import Library
from index.text import strip_markers
from index.types import Article
from rag import answerability, extractive, i18n, llm_answer
from rag.archive import ArchiveAnswerer, ArchiveReply
from rag.citations import (
    CitationBook,
    attribution,
    locate_in_chunk,
    source_ref,
    span_in_quote,
)
from rag.followup import carry_over
from rag.intent import Intent, classify
from rag.retrieval import Retriever
from rag.settings import RagSettings
from rag.types import (
    Answer,
    AnswerSentence,
    Evidence,
    Filters,
    Plan,
    SeeAlso,
    Turn,
    check_k,
    clean_text,
)

REFUSAL = i18n.text("refusal", "en")


class AskInput(BaseModel):
    question: str
    history: list[Turn] = Field(default_factory=list)
    filters: Filters = Field(default_factory=Filters)
    mode: str | None = None
    k: int | None = None


Event = dict[str, Any]


class AnswerChain(Runnable[Any, Any]):
    # Output is Any: `invoke` returns the Answer while `stream` yields events (text, then
    # citations, then the Answer), which no single output type describes.
    def __init__(
        self,
        library: Library,
        settings: RagSettings | None = None,
        *,
        chat_model: BaseChatModel | None = None,
        checker: Any = None,
    ) -> None:
        self.library = library
        self.settings = settings or RagSettings()
        self.retriever = Retriever(library, self.settings.retrieval)
        self.archive = ArchiveAnswerer(
            library, self.retriever, self.settings.retrieval.min_relevance
        )
        self._chat = chat_model
        self._checker = checker

    # lazily built parts ------------------------------------------------------------------
    @property
    def chat_model(self) -> BaseChatModel:
        if self._chat is None:
            from rag.models import chat_model

            self._chat = chat_model(self.settings.llm)
        return self._chat

    @property
    def checker(self) -> Any:
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

    # Runnable ----------------------------------------------------------------------------
    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Answer:
        answer = None
        for event in self.stream(input, config):
            if event["type"] == "answer":
                answer = event["answer"]
        assert answer is not None
        return answer

    def stream(
        self, input: Any, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Iterator[Event]:
        req = _coerce(input)
        question = clean_text(req.question, "question")
        check_k(req.k)
        mode = req.mode or self.settings.answer.mode
        if mode not in ("extractive", "llm"):
            raise IbidError(f"mode must be extractive or llm, got '{mode}'")
        t0 = time.perf_counter()
        timings: dict[str, float] = {}
        standalone = question
        extra: list[str] = []
        boost: dict[str, float] = {}
        if req.history:
            if mode == "llm":
                standalone = llm_answer.condense(self.chat_model, question, req.history)
            else:
                extra, boost = carry_over(question, req.history)
        intent = classify(standalone)
        if intent.about_archive and self.settings.answer.archive_questions:
            # Questions about the archive itself are answered from the manifest, in both modes.
            reply = self.archive.answer(intent, standalone, req.filters)
            if reply is not None:
                answer = Answer(question=question, answer="", mode=mode, intent=intent.kind)
                yield from self._from_archive(answer, reply, standalone, req.filters)
                self._add_versions(answer)
                yield from _finish(answer, t0, timings)
                return
        naming = intent.kind == "source" and self.settings.answer.name_sources
        if intent.about_archive or (intent.kind == "source" and not naming):
            intent = Intent(kind="passage", topic=intent.topic)
        # "Which outlet reported that X?" is answered by the sentence saying X: the cue words
        # would only pull retrieval and the answer type towards outlets and people.
        query = intent.topic if intent.kind == "source" and intent.topic else standalone
        plan = self.retriever.plan(query)
        # A follow-up's meaning includes the terms carried over from the last turn.
        qvec = (
            self.library.embeddings.embed_query(" ".join([query, *extra])) if plan.english else []
        )
        k = req.k or self.settings.retrieval.k
        # The extractive answerer chooses among more chunks than an LLM is shown.
        # An explicit k is obeyed as given.
        wide = mode == "extractive" and req.k is None
        pool = max(k, self.settings.answer.candidate_chunks) if wide else k
        english = None
        if mode == "llm" and not plan.english:
            english = llm_answer.translate(self.chat_model, query)
        evidence = self.retriever.search(
            query,
            req.filters,
            k=pool,
            boost_articles=boost,
            extra_terms=extra,
            query_vector=qvec or None,
            plan=plan,
            english_query=english,
        )
        timings.update(self.retriever.timings_ms)
        timings["retrieve"] = (time.perf_counter() - t0) * 1e3
        min_relevance = self.settings.retrieval.relevance_floor(plan.crosslingual)
        relevant = [e for e in evidence[:k] if e.relevance >= min_relevance]
        answer = Answer(
            question=question, answer="", mode=mode, intent=intent.kind, language=plan.language
        )
        answer._evidence = evidence
        if standalone != question or extra:
            answer.standalone_question = (
                standalone if standalone != question else (f"{question} (+ {' '.join(extra)})")
            )
        if not relevant:
            answer = self._refuse(answer, evidence)
            yield {"type": "token", "text": answer.answer}
        elif mode == "extractive":
            yield from self._extractive(answer, query, evidence, extra, qvec, intent, plan)
        else:
            yield from self._llm(answer, standalone, relevant, plan.language)
        self._add_versions(answer)
        yield from _finish(answer, t0, timings)

    def _add_versions(self, answer: Answer) -> None:
        """Each cited article's language and its versions in other languages."""
        for c in answer.citations:
            c.versions = self.library.versions(c.article_id)
            if c.language is None:
                c.language = self.library.article(c.article_id).language

    # answerers ---------------------------------------------------------------------------
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
        ranked = extractive.rank(
            self.library, question, evidence, qvec, extra, s.sentence_weights, plan
        )
        decision = answerability.decide_for(question, ranked[0], plan, s) if ranked else None
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

    def _from_archive(
        self, answer: Answer, reply: ArchiveReply, question: str, filters: Filters
    ) -> Iterator[Event]:
        if reply.refusal:
            evidence = self.retriever.search(question, filters, k=self.settings.retrieval.k)
            self._refuse(answer, evidence, reply.refusal)
            yield {"type": "token", "text": answer.answer}
            return
        book = self._book()
        numbers = [
            [book.cite(a.article, a.para, a.start, a.end) for a in s.anchors]
            for s in reply.statements
        ]
        parts: list[str] = []
        for i, statement in enumerate(reply.statements):
            cited = numbers[i]
            if not cited:
                # A heading ("3 articles cite BBC:") stands for the items listed under it.
                items = []
                for later in numbers[i + 1 :]:
                    if not later:
                        break  # the next heading
                    items += later
                cited = sorted(set(items))
            answer.sentences.append(
                AnswerSentence(
                    text=statement.text,
                    citations=cited,
                    basis="archive",
                    reasons=["from the archive's own records (manifest), not a passage"],
                )
            )
            piece = statement.text + "".join(f" [{n}]" for n in cited)
            parts.append(piece)
            yield {"type": "token", "text": piece + " "}
        answer.citations = book.citations
        answer.answer = " ".join(parts)

    def _llm(
        self, answer: Answer, question: str, evidence: list[Evidence], language: str
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
        for delta in llm_answer.stream_reply(self.chat_model, question, evidence, notes, language):
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


def _finish(answer: Answer, t0: float, timings: dict[str, float]) -> Iterator[Event]:
    """The stream's last events: the citations, then the timed Answer."""
    timings["total"] = (time.perf_counter() - t0) * 1e3
    answer.timings_ms = {k: round(v, 2) for k, v in timings.items()}
    yield {"type": "citations", "citations": answer.citations}
    yield {"type": "answer", "answer": answer}


def _coerce(input: Any) -> AskInput:
    if isinstance(input, AskInput):
        return input
    if isinstance(input, str):
        return AskInput(question=input)
    if isinstance(input, dict):
        return AskInput.model_validate(input)
    raise TypeError(f"AnswerChain takes a question string, a dict or AskInput, got {type(input)}")
