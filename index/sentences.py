"""The sentences of a chunk: what the extractive answerer and claim lookup choose among.

Sentence vectors are computed at ingest, beside the chunk vectors, so answering a question
embeds nothing but the question (see `index.sync`); they are read back through the embedder's
vector cache, keyed by the same text.
"""

from __future__ import annotations

from collections.abc import Iterator

from index.text import sentence_spans, strip_markers
from index.types import Article, Chunk, Paragraph


def chunk_sentences(article: Article, chunk: Chunk) -> Iterator[tuple[Paragraph, int, int]]:
    """The sentences of `article` that overlap `chunk`, as whole-sentence paragraph spans.

    A sentence cut by a chunk boundary belongs to both chunks: quoting it whole from the
    paragraph is still exact, and dropping it would lose answers that sit on a boundary."""
    for n in range(chunk.para_start, chunk.para_end + 1):
        para = article.paragraph(n)
        if para is None:
            continue
        lo = chunk.char_start if n == chunk.para_start else 0
        hi = chunk.char_end if n == chunk.para_end else len(para.text)
        for a, b in sentence_spans(para.text):
            if a < hi and b > lo:
                yield para, a, b


def sentence_embed_text(article: Article, para: Paragraph, start: int, end: int) -> str:
    """What is embedded for a sentence: its article's title gives it its topic."""
    return f"{article.title}: {strip_markers(para.text[start:end])}"


def article_sentence_texts(article: Article, chunks: list[Chunk]) -> list[str]:
    seen: set[tuple[int, int]] = set()
    out: list[str] = []
    for chunk in chunks:
        for para, a, b in chunk_sentences(article, chunk):
            if (para.n, a) not in seen:
                seen.add((para.n, a))
                out.append(sentence_embed_text(article, para, a, b))
    return out
