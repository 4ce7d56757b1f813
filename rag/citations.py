"""Citations: a quoted span of a paragraph, resolved through the paragraph's own footnotes."""

from __future__ import annotations

from index.sentences import chunk_sentences  # re-exported: rag's callers use it
from index.text import sentence_spans
from index.types import Article, Paragraph
from rag.types import Citation, SourceRef


def sources_for_span(article: Article, para: Paragraph, start: int, end: int) -> list[SourceRef]:
    """Footnotes whose markers fall in text[start:end]; failing that, the next marker in the
    paragraph, which by the usual convention covers the sentences before it."""
    inside = [m for m in para.markers if start <= m.start < end]
    attached = "sentence"
    if not inside:
        after = [m for m in para.markers if m.start >= end]
        inside, attached = after[:1], "following"
    refs: list[SourceRef] = []
    for label in dict.fromkeys(m.label for m in inside):
        note = article.resolved_footnote(label)
        if note is None:
            continue
        refs.append(
            SourceRef(
                label=label,
                title=note.title,
                publisher=note.publisher,
                url=note.url,
                accessed=note.accessed,
                text=note.text,
                ibid_of=note.ibid_of,
                attached=attached,
            )
        )
    return refs


def make_citation(n: int, article: Article, para: Paragraph, start: int, end: int) -> Citation:
    return Citation(
        n=n,
        article_id=article.id,
        title=article.title,
        author=article.author,
        published=article.published,
        url=article.url,
        paragraph=para.n,
        section=para.section,
        quote=para.text[start:end],
        start=start,
        end=end,
        footnotes=sources_for_span(article, para, start, end),
    )


def sentence_at(para: Paragraph, start: int, end: int) -> tuple[int, int]:
    """The sentence span of `para` that overlaps [start, end) most."""
    best, best_overlap = (start, end), -1
    for a, b in sentence_spans(para.text):
        overlap = min(b, end) - max(a, start)
        if overlap > best_overlap:
            best, best_overlap = (a, b), overlap
    return best


class CitationBook:
    """Numbers citations in order of first use; the same quote always gets the same number."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []
        self._index: dict[tuple[str, int, int, int], int] = {}

    def cite(self, article: Article, para: Paragraph, start: int, end: int) -> int:
        key = (article.id, para.n, start, end)
        if key not in self._index:
            n = len(self.citations) + 1
            self.citations.append(make_citation(n, article, para, start, end))
            self._index[key] = n
        return self._index[key]


__all__ = ["CitationBook", "chunk_sentences", "make_citation", "sentence_at", "sources_for_span"]
