"""The answer chain is a real LangChain Runnable: `config` reaches every run inside it.

A callback handler passed to `invoke`/`stream` sees the chain run, the IbidRetriever run it
searched through (with its documents) and, when an LLM answers, the chat model runs, all as
children of the chain run, with the config's tags and metadata; `astream_events` yields the same.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.documents import Document
from langchain_core.runnables import RunnableConfig
from langchain_core.runnables.schema import StreamEvent

from index.errors import IbidError
from index.library import Library
from rag.chain import AnswerChain
from rag.models import ScriptedChatModel
from rag.retrieval import EvidenceDocument, IbidRetriever, SearchOptions, evidence_of
from rag.settings import AnswerSettings, RagSettings, VerifySettings
from rag.types import Answer, Filters, Turn
from tests.conftest import SAMPLE

QUESTION = "What did Modi do in July 2025?"
REPLY = "Modi visited Moscow in July 2025 and met Vladimir Putin [1]."
CONFIG: RunnableConfig = {"tags": ["ibid-test"], "metadata": {"session": "s1"}, "run_name": "ask"}


@dataclass
class Run:
    kind: str  # chain_start, retriever_end, chat_model_start, llm_end, ...
    run_id: UUID
    parent: UUID | None
    name: str | None = None
    tags: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    data: Any = None


class Recorder(BaseCallbackHandler):
    """Every callback it is given, in order."""

    def __init__(self) -> None:
        self.runs: list[Run] = []

    def _add(self, kind: str, data: Any, kw: dict[str, Any]) -> None:
        self.runs.append(
            Run(
                kind,
                kw["run_id"],
                kw.get("parent_run_id"),
                kw.get("name"),
                list(kw.get("tags") or []),
                dict(kw.get("metadata") or {}),
                data,
            )
        )

    def on_chain_start(self, serialized: Any, inputs: Any, **kw: Any) -> None:
        self._add("chain_start", inputs, kw)

    def on_chain_end(self, outputs: Any, **kw: Any) -> None:
        self._add("chain_end", outputs, kw)

    def on_chain_error(self, error: BaseException, **kw: Any) -> None:
        self._add("chain_error", error, kw)

    def on_retriever_start(self, serialized: Any, query: str, **kw: Any) -> None:
        self._add("retriever_start", query, kw)

    def on_retriever_end(self, documents: Any, **kw: Any) -> None:
        self._add("retriever_end", documents, kw)

    def on_chat_model_start(self, serialized: Any, messages: Any, **kw: Any) -> None:
        self._add("chat_model_start", messages, kw)

    def on_llm_end(self, response: Any, **kw: Any) -> None:
        self._add("llm_end", response, kw)

    def kinds(self) -> list[str]:
        return [r.kind for r in self.runs]

    def first(self, kind: str) -> Run:
        return next(r for r in self.runs if r.kind == kind)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> Library:
    lib = Library(tmp_path_factory.mktemp("callbacks-home"), embeddings=embedder)  # type: ignore[arg-type]
    assert lib.ingest([SAMPLE]).articles == 1
    return lib


@pytest.fixture(scope="module")
def chain(library: Library) -> AnswerChain:
    return AnswerChain(library)


def _llm_chain(library: Library, **verify: Any) -> AnswerChain:
    settings = RagSettings(answer=AnswerSettings(mode="llm"), verify=VerifySettings(**verify))
    # Rules by prompt keep the judge's batched (threaded) calls deterministic.
    judge = {"when": "Does the evidence support the claim?", "reply": "SUPPORTED"}
    chat = ScriptedChatModel(replies=[REPLY], rules=[judge])
    return AnswerChain(library, settings, chat_model=chat)


def _is_child_of(recorder: Recorder, kind: str, parent: Run) -> bool:
    runs = [r for r in recorder.runs if r.kind == kind]
    return bool(runs) and all(r.parent == parent.run_id for r in runs)


def test_invoke_reports_the_chain_run_and_its_retriever(chain: AnswerChain) -> None:
    rec = Recorder()
    answer = chain.invoke(QUESTION, {**CONFIG, "callbacks": [rec]})
    assert rec.kinds() == ["chain_start", "retriever_start", "retriever_end", "chain_end"]
    start, end = rec.first("chain_start"), rec.first("chain_end")
    assert start.parent is None and start.name == "ask" and start.data == QUESTION
    assert end.run_id == start.run_id and end.data is answer
    retrieved = rec.first("retriever_start")
    assert retrieved.parent == start.run_id and retrieved.data == QUESTION
    assert retrieved.name == "IbidRetriever", "run_name names the chain run only"
    for run in (start, retrieved):
        assert "ibid-test" in run.tags and run.metadata["session"] == "s1"
    # The answer was built from exactly what the retriever run returned.
    documents = rec.first("retriever_end").data
    assert documents and all(isinstance(d, EvidenceDocument) for d in documents)
    assert evidence_of(documents) == answer.evidence
    assert documents[0].metadata["evidence"] == answer.evidence[0].model_dump()
    # Callbacks change nothing in the answer.
    assert chain.invoke(QUESTION).model_dump(exclude={"timings_ms"}) == answer.model_dump(
        exclude={"timings_ms"}
    )


def test_stream_reports_the_same_runs_and_keeps_its_events(chain: AnswerChain) -> None:
    rec = Recorder()
    events = list(chain.stream(QUESTION, {"callbacks": [rec]}))
    plain = list(chain.stream(QUESTION))
    assert [e["type"] for e in events] == [e["type"] for e in plain]
    assert [e.get("text") for e in events] == [e.get("text") for e in plain]
    kinds = [e["type"] for e in events]
    assert set(kinds[:-2]) == {"token"} and kinds[-2:] == ["citations", "answer"]
    assert rec.kinds() == ["chain_start", "retriever_start", "retriever_end", "chain_end"]
    assert rec.first("chain_start").name == "AnswerChain"
    assert rec.first("chain_end").data is events[-1]["answer"]
    assert _is_child_of(rec, "retriever_start", rec.first("chain_start"))


def test_llm_mode_reports_chat_model_runs_inside_the_chain(library: Library) -> None:
    rec = Recorder()
    answer = _llm_chain(library).invoke(QUESTION, {**CONFIG, "callbacks": [rec]})
    assert not answer.refused
    assert rec.kinds() == [
        "chain_start",
        "retriever_start",
        "retriever_end",
        "chat_model_start",
        "llm_end",
        "chain_end",
    ]
    start = rec.first("chain_start")
    chat = rec.first("chat_model_start")
    assert _is_child_of(rec, "chat_model_start", start)
    assert "ibid-test" in chat.tags and chat.metadata["session"] == "s1"
    prompt = "\n".join(str(m.content) for m in chat.data[0])
    assert "Moscow in July 2025" in prompt, "the evidence the retriever run returned"
    assert REPLY.split(" [")[0] in rec.first("llm_end").data.generations[0][0].text


def test_follow_up_condensing_and_the_llm_judge_are_children_too(library: Library) -> None:
    chain = _llm_chain(library, backend="llm")
    first = chain.invoke(QUESTION)
    rec = Recorder()
    follow = {"question": "And then?", "history": [Turn(question=QUESTION, answer=first)]}
    chain.invoke(follow, {"callbacks": [rec]})
    # condense, then the search, then the answer, then the judge of its one cited sentence
    assert rec.kinds() == [
        "chain_start",
        "chat_model_start",
        "llm_end",
        "retriever_start",
        "retriever_end",
        "chat_model_start",
        "llm_end",
        "chat_model_start",
        "llm_end",
        "chain_end",
    ]
    assert _is_child_of(rec, "chat_model_start", rec.first("chain_start"))
    judged = [r for r in rec.runs if r.kind == "chat_model_start"][-1]
    assert "Does the evidence support the claim?" in str(judged.data[0][-1].content)


def test_errors_end_the_chain_run(chain: AnswerChain) -> None:
    rec = Recorder()
    with pytest.raises(IbidError, match="mode must be extractive or llm"):
        chain.invoke({"question": QUESTION, "mode": "poetry"}, {"callbacks": [rec]})
    assert rec.kinds() == ["chain_start", "chain_error"]


def test_a_reader_that_stops_early_ends_the_run(chain: AnswerChain) -> None:
    rec = Recorder()
    events = chain.stream(QUESTION, {"callbacks": [rec]})
    assert next(iter(events))["type"] == "token"
    events.close()  # type: ignore[attr-defined]
    assert rec.kinds()[0] == "chain_start" and rec.kinds()[-1] == "chain_end"


def _events(chain: AnswerChain, question: str) -> list[StreamEvent]:
    async def collect() -> list[StreamEvent]:
        config: RunnableConfig = {"tags": ["ibid-test"]}
        return [e async for e in chain.astream_events(question, config, version="v2")]

    return asyncio.run(collect())


def test_astream_events_without_an_llm(chain: AnswerChain) -> None:
    events = _events(chain, QUESTION)
    names = [(e["event"], e["name"]) for e in events]
    assert names[0] == ("on_chain_start", "AnswerChain")
    assert names[-1] == ("on_chain_end", "AnswerChain")
    assert ("on_retriever_start", "IbidRetriever") in names
    assert ("on_retriever_end", "IbidRetriever") in names
    assert not [n for n in names if n[0].startswith("on_chat_model")]
    root = events[0]["run_id"]
    retriever = next(e for e in events if e["event"] == "on_retriever_end")
    assert retriever["parent_ids"] == [root] and "ibid-test" in retriever["tags"]
    assert retriever["data"]["output"] and isinstance(retriever["data"]["output"][0], Document)
    # The chain's stream events are `stream`'s, in order; its output is the Answer.
    chunks = [e["data"]["chunk"] for e in events if e["event"] == "on_chain_stream"]
    assert [c["type"] for c in chunks] == [e["type"] for e in chain.stream(QUESTION)]
    output = events[-1]["data"]["output"]
    assert isinstance(output, Answer) and output.answer == chain.invoke(QUESTION).answer


def test_astream_events_with_an_llm(library: Library) -> None:
    events = _events(_llm_chain(library), QUESTION)
    kinds = [e["event"] for e in events]
    assert kinds[0] == "on_chain_start" and kinds[-1] == "on_chain_end"
    for kind in ("on_retriever_start", "on_retriever_end", "on_chat_model_start"):
        assert kind in kinds
    assert "on_chat_model_stream" in kinds and "on_chat_model_end" in kinds
    assert kinds.index("on_retriever_end") < kinds.index("on_chat_model_start")
    root = events[0]["run_id"]
    chat = next(e for e in events if e["event"] == "on_chat_model_end")
    assert chat["parent_ids"] == [root] and "ibid-test" in chat["tags"]
    tokens = [
        e["data"]["chunk"]["text"]
        for e in events
        if e["event"] == "on_chain_stream" and e["data"]["chunk"]["type"] == "token"
    ]
    assert "".join(tokens).strip() == REPLY


def test_astream_and_ainvoke_match_stream_and_invoke(chain: AnswerChain) -> None:
    async def both() -> tuple[list[dict[str, Any]], Answer]:
        streamed = [e async for e in chain.astream(QUESTION)]
        return streamed, await chain.ainvoke(QUESTION)

    streamed, answer = asyncio.run(both())
    plain = list(chain.stream(QUESTION))
    assert [e.get("text") for e in streamed] == [e.get("text") for e in plain]
    assert answer.answer == streamed[-1]["answer"].answer == plain[-1]["answer"].answer


def test_ibid_retriever_takes_search_options(chain: AnswerChain) -> None:
    retriever = IbidRetriever(retriever=chain.retriever)
    two = retriever.invoke(QUESTION, search=SearchOptions(k=2))
    assert len(two) == 2
    assert evidence_of(two) == chain.retriever.search(QUESTION, k=2)
    none = retriever.invoke(QUESTION, search=SearchOptions(filters=Filters(author="Nobody")))
    assert none == []
    later = asyncio.run(retriever.ainvoke(QUESTION, search=SearchOptions(k=2)))
    assert evidence_of(later) == evidence_of(two)
    with pytest.raises(TypeError, match="IbidRetriever"):
        evidence_of([Document(page_content="x")])


def test_archive_answers_search_inside_the_chain_run(chain: AnswerChain) -> None:
    # "Who wrote …" is answered from the archive's records, yet finding the piece is a search:
    # it reaches the callbacks as a child retriever run, like the chain's other searches.
    rec = Recorder()
    answer = chain.invoke(
        "Who wrote the piece on India and the United States?", {"callbacks": [rec]}
    )
    assert answer.intent == "author" and not answer.refused
    start = rec.first("chain_start")
    assert "retriever_start" in rec.kinds()
    assert _is_child_of(rec, "retriever_start", start)
