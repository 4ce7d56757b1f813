"""The answer chain: a LangChain Runnable that streams answer text, then citations.

question (+ history, filters) -> standalone question -> Evidence -> answer sentences, each cited
and checked by the faithfulness checker -> Answer. Refuses when no evidence is relevant enough.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableConfig
from pydantic import BaseModel, Field

from index.errors import IbidError
from index.library import Library
from rag import i18n, llm_answer
from rag.answering import Answering, Event
from rag.archive import ArchiveAnswerer, ArchiveReply
from rag.followup import carry_over
from rag.intent import Intent, classify
from rag.retrieval import IbidRetriever, Retriever, SearchOptions, evidence_of
from rag.runs import in_threads, stream_run
from rag.settings import RagSettings
from rag.types import (
    Answer,
    AnswerSentence,
    Evidence,
    Filters,
    Plan,
    Turn,
    check_k,
    clean_text,
)
from rag.verdict import Checker

REFUSAL = i18n.text("refusal", "en")


class AskInput(BaseModel):
    question: str
    history: list[Turn] = Field(default_factory=list)
    filters: Filters = Field(default_factory=Filters)
    mode: str | None = None
    k: int | None = None


@dataclass(frozen=True)
class _Found:
    plan: Plan
    vector: list[float]  # the query's, [] when the English model's leg does not run
    evidence: list[Evidence]


class AnswerChain(Answering, Runnable[Any, Any]):
    # Output is Any: `invoke` returns the Answer while `stream` yields events (text, then
    # citations, then the Answer), which no single output type describes.
    def __init__(
        self,
        library: Library,
        settings: RagSettings | None = None,
        *,
        chat_model: BaseChatModel | None = None,
        checker: Checker | None = None,
    ) -> None:
        super().__init__(library, settings, chat_model=chat_model, checker=checker)
        self.retriever = Retriever(library, self.settings.retrieval)
        # What the chain searches through, so that callbacks see every search.
        self.ibid_retriever = IbidRetriever(retriever=self.retriever)
        self.archive = ArchiveAnswerer(
            library, self.ibid_retriever, self.settings.retrieval.min_relevance
        )

    # Runnable ----------------------------------------------------------------------------
    # Each call is one chain run for the callbacks in `config`; the retriever and chat model
    # runs inside it are its children (rag.runs).
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
        return stream_run(self, input, config, lambda child: self._events(input, child), _output)

    async def astream(
        self, input: Any, config: RunnableConfig | None = None, **kwargs: Any
    ) -> AsyncIterator[Event]:
        # The same events as `stream`, not Runnable's default of `ainvoke`'s one output.
        async for event in in_threads(self.stream(input, config)):
            yield event

    def _events(self, input: Any, config: RunnableConfig) -> Iterator[Event]:
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
                standalone = llm_answer.condense(self.chat_model, question, req.history, config)
            else:
                extra, boost = carry_over(question, req.history)
        intent = classify(standalone)
        if intent.about_archive and self.settings.answer.archive_questions:
            # Questions about the archive itself are answered from the manifest, in both modes.
            reply = self.archive.answer(intent, standalone, req.filters)
            if reply is not None:
                answer = Answer(question=question, answer="", mode=mode, intent=intent.kind)
                yield from self._from_archive(answer, reply, standalone, req.filters, config)
                self._add_versions(answer)
                yield from _finish(answer, t0, timings)
                return
        naming = intent.kind == "source" and self.settings.answer.name_sources
        if intent.about_archive or (intent.kind == "source" and not naming):
            intent = Intent(kind="passage", topic=intent.topic)
        # "Which outlet reported that X?" is answered by the sentence saying X: the cue words
        # would only pull retrieval and the answer type towards outlets and people.
        query = intent.topic if intent.kind == "source" and intent.topic else standalone
        found = self._retrieve(query, req, mode, extra, boost, config)
        timings.update(self.retriever.timings_ms)
        timings["retrieve"] = (time.perf_counter() - t0) * 1e3
        plan, evidence = found.plan, found.evidence
        k = req.k or self.settings.retrieval.k
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
            yield from self._extractive(answer, query, evidence, extra, found.vector, intent, plan)
        else:
            yield from self._llm(answer, standalone, relevant, plan.language, config)
        self._add_versions(answer)
        yield from _finish(answer, t0, timings)

    def _retrieve(
        self,
        query: str,
        req: AskInput,
        mode: str,
        extra: list[str],
        boost: dict[str, float],
        config: RunnableConfig,
    ) -> _Found:
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
            english = llm_answer.translate(self.chat_model, query, config)
        search = SearchOptions(
            filters=req.filters,
            k=pool,
            boost_articles=boost,
            extra_terms=extra,
            query_vector=qvec or None,
            plan=plan,
            english_query=english,
        )
        return _Found(plan, qvec, self._search(query, search, config))

    def _search(self, query: str, search: SearchOptions, config: RunnableConfig) -> list[Evidence]:
        """Retrieval through the LangChain retriever, as a child run of the chain's."""
        return evidence_of(self.ibid_retriever.invoke(query, config, search=search))

    def _from_archive(
        self,
        answer: Answer,
        reply: ArchiveReply,
        question: str,
        filters: Filters,
        config: RunnableConfig,
    ) -> Iterator[Event]:
        if reply.refusal:
            search = SearchOptions(filters=filters, k=self.settings.retrieval.k)
            evidence = self._search(question, search, config)
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


def _finish(answer: Answer, t0: float, timings: dict[str, float]) -> Iterator[Event]:
    """The stream's last events: the citations, then the timed Answer."""
    timings["total"] = (time.perf_counter() - t0) * 1e3
    answer.timings_ms = {k: round(v, 2) for k, v in timings.items()}
    yield {"type": "citations", "citations": answer.citations}
    yield {"type": "answer", "answer": answer}


def _output(last: Event | None) -> Answer | None:
    """The chain run's output, for callbacks: the Answer, the stream's last event."""
    return last["answer"] if last is not None and last["type"] == "answer" else None


def _coerce(input: Any) -> AskInput:
    if isinstance(input, AskInput):
        return input
    if isinstance(input, str):
        return AskInput(question=input)
    if isinstance(input, dict):
        return AskInput.model_validate(input)
    raise TypeError(f"AnswerChain takes a question string, a dict or AskInput, got {type(input)}")
