"""The retrieval chain over the real sample article, real embedder, real Chroma."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from langchain_core.documents import Document

from index.library import Library
from rag.chain import REFUSAL, AnswerChain
from rag.lookup import cite, sources
from rag.models import ScriptedChatModel
from rag.retrieval import IbidRetriever
from rag.settings import AnswerSettings, RagSettings
from rag.types import Filters, Turn
from tests.conftest import FRESHWIKI, SAMPLE, run_cli

BBC = "https://www.bbc.com/news/articles/c5yve1x9zv0o"
TOI = "timesofindia.indiatimes.com"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> Library:
    lib = Library(tmp_path_factory.mktemp("rag-home"), embeddings=embedder)  # type: ignore[arg-type]
    corpus = [SAMPLE] + [
        FRESHWIKI / "txt" / f"{n}.txt" for n in ("2022_Luzon_earthquake", "2022_Istanbul_bombing")
    ]
    report = lib.ingest(corpus)
    assert report.failed == [] and report.articles == 3
    return lib


@pytest.fixture(scope="module")
def chain(library: Library) -> AnswerChain:
    return AnswerChain(library)


def _cited_quote(answer: object, words: str) -> object:
    for c in answer.citations:  # type: ignore[attr-defined]
        if words in c.quote:
            return c
    raise AssertionError(f"no citation quotes {words!r}: {answer.answer}")  # type: ignore[attr-defined]


def test_answer_cites_the_right_sentence(chain: AnswerChain) -> None:
    a = chain.invoke("What did Modi do in July 2025?")
    assert not a.refused
    c = _cited_quote(a, "Modi visited Moscow in July 2025")
    assert c.article_id == "india-us-rapprochement" and c.paragraph == 3
    para = chain.library.article(c.article_id).paragraph(c.paragraph)
    assert para is not None and para.text[c.start : c.end] == c.quote
    assert all(s.citations and s.supported for s in a.sentences)
    assert f"[{c.n}]" in a.answer


def test_footnote_source_resolved_through_ibid(chain: AnswerChain) -> None:
    a = chain.invoke("By how much did Trump reduce tariffs on Indian goods?")
    c = _cited_quote(a, "from 50% to 18%")
    # The tariff sentence has no marker: [ii] closes the next sentence, so it is shown as a
    # note that may cover the quote, resolved through its Ibid., but not attached.
    assert c.footnotes == []
    notes = {f.label: f for f in c.nearby_notes}
    assert "ii" in notes, c.nearby_notes
    assert notes["ii"].ibid_of == "i" and notes["ii"].url == BBC and notes["ii"].publisher == "BBC"

    b = chain.invoke("Which outlet reported that Modi turned down Trump's phone calls?")
    c = _cited_quote(b, "Modi rejected both")
    assert [(f.label, f.ibid_of) for f in c.footnotes] == [("iv", "iii")]
    assert TOI in (c.footnotes[0].url or "")


def test_off_topic_question_is_refused_with_see_also(chain: AnswerChain) -> None:
    a = chain.invoke("What is the best recipe for lasagna with spinach?")
    assert a.refused and a.answer == REFUSAL
    assert a.citations == [] and a.see_also


def test_follow_up_is_answered_from_the_same_article(chain: AnswerChain) -> None:
    first = chain.invoke("What did Modi do in July 2025?")
    follow = chain.invoke(
        {
            "question": "And what about China?",
            "history": [Turn(question=first.question, answer=first)],
        }
    )
    assert not follow.refused
    assert {c.article_id for c in follow.citations} == {"india-us-rapprochement"}
    assert any("Xi Jinping" in c.quote or "Tianjin" in c.quote for c in follow.citations)
    alone = chain.invoke("And what about China?")
    assert alone.standalone_question is None


def test_stream_yields_text_then_citations_then_answer(chain: AnswerChain) -> None:
    events = list(chain.stream("Where did Modi meet Xi Jinping?"))
    kinds = [e["type"] for e in events]
    assert kinds[0] == "token" and kinds[-2:] == ["citations", "answer"]
    text = "".join(e["text"] for e in events if e["type"] == "token").strip()
    assert text == events[-1]["answer"].answer


def test_filters_restrict_the_archive(chain: AnswerChain) -> None:
    q = "What did Modi do in July 2025?"
    assert chain.invoke({"question": q, "filters": Filters(author="Nobody")}).refused
    only_wiki = chain.invoke(
        {"question": q, "filters": Filters(article_ids=["2022-luzon-earthquake"])}
    )
    assert all(c.article_id == "2022-luzon-earthquake" for c in only_wiki.citations)
    by_author = chain.invoke({"question": q, "filters": Filters(author="tamer")})
    assert not by_author.refused


def test_langchain_retriever_interface(chain: AnswerChain) -> None:
    docs = IbidRetriever(retriever=chain.retriever).invoke("earthquake in Abra province")
    assert docs and isinstance(docs[0], Document)
    assert docs[0].metadata["article_id"] == "2022-luzon-earthquake"
    assert docs[0].metadata["evidence"]["score"] == docs[0].metadata["score"]


def test_diversity_caps_chunks_per_article(library: Library) -> None:
    from index.types import Chunk
    from rag.retrieval import Retriever
    from rag.settings import RetrievalSettings
    from rag.types import Evidence

    def ev(article: str, n: int, score: float, relevance: float) -> Evidence:
        chunk = Chunk(
            id=f"{article}-{n}",
            article_id=article,
            ord=n,
            para_start=n,
            para_end=n,
            char_start=0,
            char_end=1,
            text="x",
            embed_text="x",
        )
        return Evidence(chunk=chunk, score=score, relevance=relevance)

    retriever = Retriever(library, RetrievalSettings(k=4, max_per_article=2))
    ranked = [
        ev("a", 1, 0.9, 0.8),
        ev("a", 2, 0.8, 0.7),
        ev("a", 3, 0.7, 0.7),
        ev("b", 1, 0.6, 0.5),
        ev("c", 1, 0.5, 0.1),
    ]
    picked = [e.chunk.id for e in retriever._diversify(ranked, 4)]
    assert picked == ["a-1", "a-2", "b-1", "a-3"], "cap a at 2, give b a slot, skip irrelevant c"
    only_one = [ev("a", i, 1 - i / 10, 0.8) for i in range(1, 6)] + [ev("z", 1, 0.1, 0.05)]
    picked = [e.chunk.article_id for e in retriever._diversify(only_one, 4)]
    assert picked == ["a", "a", "a", "a"], "the only relevant article may fill every slot"


def test_cite_finds_paraphrase_and_flags_contradiction(chain: AnswerChain) -> None:
    lib = chain.library
    found = cite(
        lib, chain.retriever, chain.checker, "In July 2025 Modi travelled to Moscow to meet Putin"
    )
    assert found[0].verdict == "supports" and found[0].paragraph == 3
    assert "Moscow in July 2025" in found[0].quote
    wrong = cite(
        lib,
        chain.retriever,
        chain.checker,
        "Trump said he would cut tariffs on Indian goods from 50% to 25%",
    )
    top = wrong[0]
    assert "50% to 18%" in top.quote and top.verdict == "contradicts"
    # No marker in the quote: BBC's note closes the next sentence and is shown as nearby.
    assert top.footnotes == [] and [f.url for f in top.nearby_notes] == [BBC]


def test_sources_lists_citing_paragraphs(library: Library) -> None:
    rows = sources(library, url="gmfus")
    assert len(rows) == 1 and rows[0]["publisher"] == "GMFUS"
    assert rows[0]["cited_by"] == [
        {
            "article_id": "india-us-rapprochement",
            "title": "A Period of Rapprochement in India-US Relations",
            "paragraph": 3,
            "label": "v",
        }
    ]
    bbc = sources(library, url="bbc.com/news/articles/c5yve1x9zv0o")[0]
    assert {c["label"] for c in bbc["cited_by"]} == {"i", "ii"}, "Ibid. [ii] cites the BBC too"


# LLM mode, with a scripted chat model standing in for the LLM ---------------------------------


def _llm_chain(library: Library, reply: str, strict: bool = False) -> AnswerChain:
    settings = RagSettings(answer=AnswerSettings(mode="llm", strict=strict))
    return AnswerChain(library, settings, chat_model=ScriptedChatModel(replies=[reply]))


def test_llm_made_up_citation_is_dropped_and_uncited_sentence_flagged(library: Library) -> None:
    reply = (
        "Modi visited Moscow in July 2025 and met Vladimir Putin [1]. "
        "He also signed a treaty on Mars [9]."
    )
    a = _llm_chain(library, reply).invoke("What did Modi do in July 2025?")
    assert not a.refused and len(a.sentences) == 2
    first, second = a.sentences
    assert first.supported and first.citations == [1]
    assert "Moscow in July 2025" in a.citations[0].quote
    assert second.citations == [] and not second.supported
    assert "dropped citation [9]: no such evidence" in second.reasons
    assert "[9]" not in a.answer


def test_llm_unsupported_sentence_is_flagged_and_strict_drops_it(library: Library) -> None:
    reply = (
        "Modi visited Moscow in July 2025 and met Vladimir Putin [1]. "
        "Modi visited Moscow in March 2019 and met Boris Yeltsin [1]."
    )
    a = _llm_chain(library, reply).invoke("What did Modi do in July 2025?")
    assert [s.supported for s in a.sentences] == [True, False]
    assert a.sentences[1].reasons
    strict = _llm_chain(library, reply, strict=True).invoke("What did Modi do in July 2025?")
    assert len(strict.sentences) == 1 and "Yeltsin" not in strict.answer


def test_llm_refusal_passes_through(library: Library) -> None:
    a = _llm_chain(library, "NOT_IN_ARCHIVE").invoke("What did Modi do in July 2025?")
    assert a.refused and a.answer == REFUSAL and a.mode == "llm"


def test_llm_mode_without_a_model_is_a_clear_error(library: Library) -> None:
    from index.errors import ConfigError

    chain = AnswerChain(library, RagSettings(answer=AnswerSettings(mode="llm")))
    with pytest.raises(ConfigError, match="IBID_RAG__LLM__MODEL"):
        chain.invoke("What did Modi do in July 2025?")


def test_ask_cite_sources_cli_json(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    assert run_cli("--home", home, "ingest", str(SAMPLE)).returncode == 0
    out = run_cli("--home", home, "ask", "What did Modi do in July 2025?", "--json")
    assert out.returncode == 0, out.stderr
    a = json.loads(out.stdout)
    for key in ("question", "answer", "refused", "citations", "sentences", "timings_ms"):
        assert key in a
    c = a["citations"][0]
    for key in (
        "n",
        "article_id",
        "title",
        "author",
        "published",
        "url",
        "paragraph",
        "quote",
        "footnotes",
    ):
        assert key in c
    # Modi's Moscow visit has no marker of its own: the next sentence's note is nearby.
    for key in ("label", "title", "publisher", "url", "accessed", "text", "attached"):
        assert key in (c["footnotes"] or c["nearby_notes"])[0]
    for key in ("text", "citations", "supported", "support"):
        assert key in a["sentences"][0]

    passages = json.loads(
        run_cli("--home", home, "cite", "Modi met Putin in Moscow", "--json").stdout
    )
    for key in ("article_id", "title", "paragraph", "quote", "support", "footnotes"):
        assert key in passages[0]
    rows = json.loads(run_cli("--home", home, "sources", "--url", "gmfus", "--json").stdout)
    assert rows[0]["cited_by"][0]["paragraph"] == 3
    for key in ("url", "title", "publisher", "cited_by"):
        assert key in rows[0]


def test_missing_cross_encoder_is_a_clear_error(library: Library) -> None:
    from index.errors import ConfigError
    from rag.retrieval import Retriever
    from rag.settings import RetrievalSettings

    with pytest.raises(ConfigError, match="is not a folder"):
        Retriever(library, RetrievalSettings(cross_encoder="/nonexistent/reranker"))


def test_llm_follow_up_is_condensed_into_a_standalone_question(library: Library) -> None:
    model = ScriptedChatModel(
        rules=[
            {"when": "Standalone question:", "reply": "Whom did Modi meet in China?"},
            {
                "when": "Question: Whom did Modi meet in China?",
                "reply": "Modi met Chinese President Xi Jinping at the SCO summit in Tianjin [1].",
            },
        ]
    )
    settings = RagSettings(answer=AnswerSettings(mode="llm"))
    chain = AnswerChain(library, settings, chat_model=model)
    first = chain.invoke("What did Modi do in July 2025?")
    follow = chain.invoke(
        {"question": "And in China?", "history": [Turn(question=first.question, answer=first)]}
    )
    assert follow.standalone_question == "Whom did Modi meet in China?"
    assert not follow.refused and follow.sentences[0].supported
    assert any("Xi Jinping" in c.quote for c in follow.citations)
    assert "What did Modi do in July 2025?" in model.calls[-2], (
        "history goes into the condense prompt"
    )


def test_note_attachment_is_precise() -> None:
    from index.text import find_markers
    from index.types import Paragraph
    from rag.citations import covering_markers

    text = (
        "India will buy oil from Venezuela. It was a shift. Russia declared[7] a partnership. "
        "Analysts agree. Relations improved.[8] Later news came."
    )
    para = Paragraph(n=1, text=text, markers=find_markers(text))

    def labels(sentence: str) -> tuple[list[str], str]:
        a = text.index(sentence)
        marks, how = covering_markers(para, a, a + len(sentence))
        return [m.label for m in marks], how

    # A marker inside a later sentence covers nothing before it.
    assert labels("India will buy oil from Venezuela.") == ([], "sentence")
    assert labels("Russia declared[7] a partnership.") == (["7"], "sentence")
    # A marker closing a sentence covers the unmarked sentences back to the previous marker.
    assert labels("Analysts agree.") == (["8"], "following")
    assert labels("Later news came.") == ([], "sentence")


def test_a_note_closing_the_next_sentence_is_shown_not_attached(library: Library) -> None:
    from rag.citations import make_citation

    article = library.article("india-us-rapprochement")
    para = next(p for p in article.paragraphs if "Modi visited Moscow" in p.text)
    start = para.text.index("On the other hand, Modi visited Moscow")
    end = para.text.index("In short,")
    plain = make_citation(1, article, para, start, end)
    # [v] closes "In short, ... China”.[v]": by default a presumption, not the quote's source.
    assert plain.footnotes == []
    assert [f.label for f in plain.nearby_notes] == ["v"]
    assert plain.nearby_notes[0].attached == "following"
    covered = make_citation(1, article, para, start, end, cover_preceding=True)
    assert [f.label for f in covered.footnotes] == ["v"] and covered.nearby_notes == []
