"""Citation lookup: where the archive makes a claim (and on what source), and who cites a URL."""

from __future__ import annotations

from typing import Any

from index.library import Library
from index.text import tokenize
from rag import extractive
from rag.citations import split_sources
from rag.reader import Reader
from rag.retrieval import Retriever
from rag.types import (
    CitingParagraph,
    Filters,
    Passage,
    SourceRow,
    check_k,
    clean_text,
    json_rows,
)
from rag.verdict import CheckKind

# A passage that talks about the claim's subject contradicts it when a fact check failed on it:
# the checker found a different number, date, name or negation, not merely no support. Read
# from the verdict's structured checks: reasons are display text, worded per backend.
_CONTRADICTING: frozenset[CheckKind] = frozenset({"number", "year", "date", "entity", "negation"})


def cite(
    library: Library,
    retriever: Retriever,
    checker: Any,
    claim: str,
    *,
    k: int = 5,
    filters: Filters | None = None,
    pool: int = 12,
    cover_preceding: bool = False,
    reader: Reader | None = None,
    reader_top_n: int = 10,
) -> list[Passage]:
    """Passages that support or contradict `claim`, best support first. `reader` (the
    chain's) reads the claim against its candidate sentences, as for answers."""
    claim = clean_text(claim, "claim")
    check_k(k)
    qvec = library.embeddings.embed_query(claim)
    evidence = retriever.search(claim, filters, k=max(2 * k, 10), query_vector=qvec)
    if not evidence:
        return []
    claim_tokens = set(tokenize(claim))
    # The same paraphrase-aware sentence score as answers; only the best go to the checker.
    top = extractive.rank(
        library, claim, evidence, qvec, reader=reader, reader_top_n=max(pool, reader_top_n)
    )[:pool]
    verdicts = checker.check_many([(claim, [c.text]) for c in top])
    out: list[Passage] = []
    for c, v in zip(top, verdicts, strict=True):
        attached, nearby = split_sources(
            c.article, c.para, c.start, c.end, cover_preceding=cover_preceding
        )
        overlap = len(claim_tokens & c.tokens) / (len(claim_tokens) or 1)
        if v.supported:
            verdict = "supports"
        elif overlap >= 0.5 and any(f.kind in _CONTRADICTING for f in v.failed):
            verdict = "contradicts"
        else:
            verdict = "related"
        out.append(
            Passage(
                article_id=c.article.id,
                title=c.article.title,
                author=c.article.author,
                published=c.article.published,
                paragraph=c.para.n,
                section=c.para.section,
                quote=c.para.text[c.start : c.end],
                start=c.start,
                end=c.end,
                support=round(v.support, 4),
                verdict=verdict,
                reasons=v.reasons,
                score=round(c.score, 4),
                footnotes=attached,
                nearby_notes=nearby,
            )
        )
    rank = {"supports": 0, "contradicts": 1, "related": 2}
    by_passage = {id(p): c for p, c in zip(out, top, strict=True)}
    if any("reader" in c.features for c in top):
        # The reader's fused score ranks passages of one verdict better than the checker's
        # support, which measures word and fact overlap, not whether the sentence says it.
        # the unrounded score
        out.sort(key=lambda p: (rank[p.verdict], -by_passage[id(p)].score))
    else:
        out.sort(key=lambda p: (rank[p.verdict], -p.support, -p.score))
    return _sourced_first(out, by_passage)[:k]


def _sourced_first(
    out: list[Passage], by_passage: dict[int, extractive.Candidate]
) -> list[Passage]:
    """The first passage gives way to one of the same verdict that restates it with its own
    footnote (extractive.prefer_sourced, for passages): the body sentence and its source, not
    the key-point bullet."""
    if not out or out[0].footnotes:
        return out
    first = by_passage[id(out[0])]
    for i, p in enumerate(out[1:], start=1):
        if p.verdict != out[0].verdict:
            break
        if p.footnotes and extractive.restates(first, by_passage[id(p)]):
            return [p, *out[:i], *out[i + 1 :]]
    return out


def source_rows(
    library: Library, url: str | None = None, publisher: str | None = None
) -> list[SourceRow]:
    """Every footnoted source (by URL, else by title) with the paragraphs that cite it, the most
    cited first."""
    grouped: dict[str, SourceRow] = {}
    for row in library.citations(url=url, publisher=publisher):
        key = str(row.url or f"{row.title}|{row.publisher}")
        if key not in grouped:
            grouped[key] = SourceRow(url=row.url, title=row.title, publisher=row.publisher)
        grouped[key].cited_by.append(CitingParagraph.of(row))
    return sorted(grouped.values(), key=lambda e: (-len(e.cited_by), str(e.url)))


def sources(
    library: Library, url: str | None = None, publisher: str | None = None
) -> list[dict[str, Any]]:
    """`source_rows` as JSON: the `ibid sources --json` list, the web API's /sources."""
    return json_rows(source_rows(library, url=url, publisher=publisher))
