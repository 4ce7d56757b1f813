"""Questions about sources and about the archive itself (issue: name the source, answer from
metadata): the router, the manifest answers, and source-of-claim answers, over the sample, the
eval analyses and one FreshWiki article, with the real embedder and Chroma."""

from __future__ import annotations

import re

import pytest

from index.library import Library
from rag.chain import AnswerChain
from rag.citations import attribution
from rag.intent import classify
from rag.llm_answer import evidence_block
from rag.models import ScriptedChatModel
from rag.settings import AnswerSettings, RagSettings
from rag.types import Evidence, SourceRef
from tests.conftest import FRESHWIKI, ROOT, SAMPLE

ANALYSES = ROOT / "eval" / "corpus" / "analyses.jsonl"
BBC = "https://www.bbc.com/news/articles/c5yve1x9zv0o"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who penned our commentary about Arctic shipping lanes?", "author"),
        ("When did we put out the report on Sahel juntas?", "date"),
        ("What's the headline of the analysis about lithium deals?", "title"),
        ("Is the lithium piece a report or a commentary? Which category?", "category"),
        ("What has Jane Roe written about the Sahel?", "by_author"),
        ("What is the most recent report on Arctic shipping?", "latest"),
        ("Which sources does the lithium analysis cite?", "sources_of"),
        ("Which of our articles cite Bloomberg?", "cited_by"),
        ("How many footnotes does the Sahel commentary have?", "count"),
        ("Which outlet first reported the junta's withdrawal from ECOWAS?", "source"),
        ("According to whom did exports fall by a third?", "source"),
        ("Where does the 40% figure for lithium reserves come from?", "source"),
        # Questions about an article's subject, not about the article: passages.
        ("Who wrote the orchestral score for the 2022 film?", "passage"),
        ("When is the fourth film being released in cinemas?", "passage"),
        ("Which organisation had a monopoly on safety norms until 1995?", "passage"),
        ("How many people were injured in the blast?", "passage"),
    ],
)
def test_router_recognises_question_shapes(question: str, kind: str) -> None:
    assert classify(question).kind == kind


def test_topic_keeps_figures_and_the_country_us() -> None:
    topic = classify("Where does the 550,000-hectare target in the India-US piece come from?").topic
    assert "550,000-hectare" in topic and "US" in topic


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> Library:
    lib = Library(tmp_path_factory.mktemp("archive-home"), embeddings=embedder)  # type: ignore[arg-type]
    report = lib.ingest([SAMPLE, ANALYSES, FRESHWIKI / "txt" / "2022_Luzon_earthquake.txt"])
    assert report.failed == [] and report.articles == 7
    return lib


@pytest.fixture(scope="module")
def chain(library: Library) -> AnswerChain:
    return AnswerChain(library)


def _cited_articles(answer: object) -> set[str]:
    return {c.article_id for c in answer.citations}  # type: ignore[attr-defined]


def test_who_wrote_a_piece_is_answered_from_the_manifest(chain: AnswerChain) -> None:
    a = chain.invoke("Who is the author of our piece on war-risk cover for Black Sea shipping?")
    assert a.intent == "author" and not a.refused
    assert "Irina Popescu" in a.answer
    assert _cited_articles(a) == {"black-sea-war-risk-insurance"}
    assert all(s.citations for s in a.sentences)


def test_publication_date_gives_the_iso_date(chain: AnswerChain) -> None:
    a = chain.invoke("When did we publish the analysis on the Turkmen gas pipeline?")
    assert a.intent == "date" and "2025-11-18" in a.answer
    assert _cited_articles(a) == {"trans-caspian-pipeline-turkmen-gas"}


def test_sources_of_a_piece_list_each_source_citing_where_it_is_used(
    chain: AnswerChain, library: Library
) -> None:
    a = chain.invoke("Which sources does the India-US rapprochement analysis cite?")
    assert a.intent == "sources_of"
    assert "BBC" in a.answer and "Times of India" in a.answer.replace("timesofindia", "")
    article = library.article("india-us-rapprochement")
    for sentence in a.sentences[1:]:
        cited = a.citations[sentence.citations[0] - 1]
        # The cited sentence carries a marker of the source the statement names.
        assert any(f.label in re.findall(r"\b[ivx\d]+\b", sentence.text) for f in cited.footnotes)
    assert len(a.sentences) - 1 == len({(n.url or n.title) for n in _originals(article)})


def _originals(article: object) -> list[object]:
    notes = article.footnotes  # type: ignore[attr-defined]
    return [n for n in notes if not n.ibid_of]


def test_which_pieces_cite_an_outlet_and_an_outlet_nobody_cites(chain: AnswerChain) -> None:
    a = chain.invoke("Which of our analyses rely on Anadolu Agency?")
    assert a.intent == "cited_by" and not a.refused
    cited = _cited_articles(a)
    assert {"trans-caspian-pipeline-turkmen-gas", "black-sea-war-risk-insurance"} <= cited
    assert "chip-export-controls-allied-alignment" not in cited
    none = chain.invoke("Which of our analyses cite the Sydney Morning Herald?")
    assert none.refused and "No article in the archive cites" in none.answer


def test_note_count_matches_the_notes_list(chain: AnswerChain, library: Library) -> None:
    a = chain.invoke("How many notes does the Black Sea insurance analysis have?")
    n = len(library.article("black-sea-war-risk-insurance").footnotes)
    assert a.intent == "count" and f"has {n} note" in a.answer


def test_latest_by_an_author_and_what_else_they_wrote(chain: AnswerChain) -> None:
    a = chain.invoke("What is the most recent piece by Cenk Tamer?")
    assert a.intent == "latest" and _cited_articles(a) == {"gulf-capital-east-african-ports"}
    b = chain.invoke("Has Cenk Tamer written anything on Caspian gas?")
    assert b.intent == "by_author"
    assert "trans-caspian-pipeline-turkmen-gas" in _cited_articles(b)


def test_a_piece_without_the_asked_metadata_falls_back_to_passages(chain: AnswerChain) -> None:
    # FreshWiki articles record no author: never invent one, answer from passages instead.
    a = chain.invoke("Who wrote the article on the 2022 Luzon earthquake?")
    assert a.intent == "passage" and "was written by" not in a.answer


def test_source_of_claim_names_publisher_title_and_ibid_chain(chain: AnswerChain) -> None:
    a = chain.invoke(
        "According to which outlet did Trump say India would buy oil from the US and Venezuela?"
    )
    assert a.intent == "source" and not a.refused
    assert a.answer.startswith("According to ")
    assert "bbc" in a.answer.lower() and "Ibid. of note i" in a.answer
    assert any(f.url == BBC for c in a.citations for f in c.footnotes)


def test_source_naming_can_be_switched_off(library: Library) -> None:
    plain = AnswerChain(library, RagSettings(answer=AnswerSettings(name_sources=False)))
    a = plain.invoke("Which outlet reported that Trump cut tariffs on Indian goods to 18%?")
    assert a.intent == "passage" and not a.answer.startswith("According to")


def test_attribution_says_when_there_is_no_source() -> None:
    assert attribution([]) == "The article gives no source of its own for this"
    own = SourceRef(label="2", publisher="BBC", title="S")
    assert attribution([own]) == "According to BBC — “S” (note 2)"
    near = SourceRef(label="3", publisher="Reuters", title="T", attached="following")
    assert attribution([], [near]) == (
        "The article gives no source of its own for this; the note closing the next sentence, "
        "Reuters — “T” (note 3, closing the next sentence), may cover it"
    )


def test_llm_sees_each_passages_resolved_sources(library: Library) -> None:
    model = ScriptedChatModel(replies=["NOT_IN_ARCHIVE"])
    chain = AnswerChain(library, RagSettings(answer=AnswerSettings(mode="llm")), chat_model=model)
    chain.invoke("Which outlet reported the Trump-Modi phone call about tariffs?")
    prompt = model.calls[-1]
    assert "Sources: " in prompt and "Ibid. of note i" in prompt
    assert "name the publisher and title" in prompt


def test_evidence_block_without_notes_is_unchanged() -> None:
    from index.types import Chunk

    chunk = Chunk(id="c", article_id="a", ord=0, para_start=1, para_end=1, char_start=0,
                  char_end=5, text="Hello", embed_text="Hello", title="T")  # fmt: skip
    block = evidence_block([Evidence(chunk=chunk, score=1.0)])
    assert block == "[1] (T, ¶1)\nHello"
