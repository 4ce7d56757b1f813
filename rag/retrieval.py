"""Hybrid retrieval: dense (Chroma) + BM25 fused by RRF, reranked, filtered, diversified.

No cross-encoder ships offline, so the default rerank blends signals that are cheap and
available for every candidate: cosine (re-computed from stored vectors, so BM25-only hits get
one too), BM25, how much of the question's weighted vocabulary the chunk covers, and whether the
question names the article's title or the sources in its footnotes.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np
from langchain_core.callbacks import (
    AsyncCallbackManagerForRetrieverRun,
    CallbackManagerForRetrieverRun,
)
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables.config import run_in_executor
from pydantic import ConfigDict, PrivateAttr

from index.lang import analyze, detect
from index.library import Library
from index.types import Chunk, Hit, Scope
from rag import overlap
from rag.settings import RetrievalSettings
from rag.types import Evidence, Filters, Plan

# Rerank weights: chosen by hand, not fitted; the sample eval set and the FreshWiki claim set
# (README, Measured figures) are what a change to them must not regress.
W_DENSE, W_BM25, W_COVER, W_TITLE, W_NOTES = 0.45, 0.15, 0.30, 0.05, 0.05


@lru_cache(maxsize=4096)
def _token_set(text: str, language: str | None = None) -> frozenset[str]:
    """Tokens of short texts that recur across chunks and queries: titles, note sources."""
    return frozenset(analyze(text, language))


# Languages read by the English model and tokenizer ('' : not detected, mostly short English).
_ENGLISH = ("en", "")


def _fuse(legs: list[list[Hit]], rrf_k: int) -> dict[str, float]:
    """Reciprocal rank fusion of the legs' rankings."""
    rrf: dict[str, float] = defaultdict(float)
    for ranked in legs:
        for rank, hit in enumerate(ranked):
            rrf[hit.chunk_id] += 1.0 / (rrf_k + rank + 1)
    return rrf


def _known_or_stored(
    ids: list[str],
    found: list[Hit],
    vector: np.ndarray,
    stored: Callable[[Sequence[float], Sequence[str]], dict[str, float]],
) -> dict[str, float]:
    """Each id's cosine: from its leg's hits when that leg found it, else from its stored vector."""
    known = dict(found)
    out = {cid: known[cid] for cid in ids if cid in known}
    return out | stored(vector.tolist(), [cid for cid in ids if cid not in known])


def _note_tokens(chunk: Chunk, sources: dict[tuple[str, str], tuple[str, ...]]) -> frozenset[str]:
    """Words of the titles and publishers of the sources the chunk's footnotes cite."""
    words: frozenset[str] = frozenset()
    for label in chunk.footnotes:
        if source := sources.get((chunk.article_id, label)):
            words |= _token_set(" ".join(source), chunk.language)
    return words


class Retriever:
    def __init__(self, library: Library, settings: RetrievalSettings | None = None) -> None:
        self.library = library
        self.settings = settings or RetrievalSettings()
        self._cross: Any = None
        if self.settings.cross_encoder:
            from rag.rerank import load_cross_encoder

            self._cross = load_cross_encoder(self.settings.cross_encoder)
        self.timings_ms: dict[str, float] = {}
        self.last_plan: Plan | None = None

    def _scope(self, filters: Filters) -> Scope | None:
        if not filters.active:
            return None
        return self.library.scope(
            author=filters.author,
            since=filters.since,
            until=filters.until,
            language=filters.language,
            article_ids=filters.article_ids,
        )

    def plan(self, query: str, language: str | None = None) -> Plan:
        """Which legs answer `query`: the English model when question and articles are
        English, the multilingual leg when either is not (and it is on)."""
        qlang = language or detect(query)
        foreign = any(lang not in _ENGLISH for lang in self.library.languages())
        enabled = self.library.settings.crosslingual.enabled
        xl = enabled and (qlang not in _ENGLISH or foreign)
        return Plan(language=qlang, english=qlang in _ENGLISH or not xl, crosslingual=xl)

    def search(
        self,
        query: str,
        filters: Filters | None = None,
        *,
        k: int | None = None,
        boost_articles: dict[str, float] | None = None,
        extra_terms: list[str] | None = None,
        query_vector: list[float] | None = None,
        plan: Plan | None = None,
        english_query: str | None = None,
    ) -> list[Evidence]:
        """Ranked evidence for `query`: the top `k` after rerank and diversity. Pass the
        query's vector when the caller has it already (the answerer needs it too), and its
        plan when made already (else it is made here). `english_query`: the question translated
        (by the chat model), searched as one more keyword leg over English chunks."""
        s = self.settings
        k = k or s.k
        filters = filters or Filters()
        plan = plan or self.plan(query)
        self.last_plan = plan
        t0 = time.perf_counter()
        scope = self._scope(filters)
        if scope is not None and scope.empty:
            return []
        legs: list[list[Hit]] = []
        dense_en: list[Hit] = []
        dense_xl: list[Hit] = []
        qvec: np.ndarray | None = None
        xvec: np.ndarray | None = None
        embed_s = 0.0
        if plan.english:
            if query_vector is None:
                query_vector = self.library.embeddings.embed_query(query)
            qvec = np.asarray(query_vector, dtype=np.float32)
            embed_s = time.perf_counter() - t0
            dense_en = self.library.dense_search(qvec.tolist(), s.candidates, scope)
            legs.append(dense_en)
        # Opened only for a question that reads across languages: English stays as it was.
        xl = self.library.crosslingual if plan.crosslingual else None
        if xl is not None:
            te = time.perf_counter()
            xvec = np.asarray(xl.query_vector(query), dtype=np.float32)
            embed_s += time.perf_counter() - te
            # An English question reads English chunks through the English model.
            xscope = replace(scope or Scope(), skip_languages=_ENGLISH) if plan.english else scope
            dense_xl = xl.search(xvec.tolist(), s.candidates, xscope)
            legs.append(dense_xl)
        t1 = time.perf_counter()
        keyword_query = query + (" " + " ".join(extra_terms) if extra_terms else "")
        if english_query and not plan.english:
            legs.append(self.library.keyword_search(english_query, s.candidates, scope))
        legs.append(self.library.keyword_search(keyword_query, s.candidates, scope, plan.language))
        t2 = time.perf_counter()

        rrf = _fuse(legs, s.rrf_k)
        pool = sorted(rrf, key=lambda c: -rrf[c])[: 2 * s.candidates]
        chunks = self.library.chunks(pool)
        pool = [c for c in pool if c in chunks]
        cosine = self._cosines(plan, [chunks[c] for c in pool], qvec, xvec, dense_en, dense_xl)
        evidence = self._rerank(
            keyword_query,
            [chunks[c] for c in pool],
            cosine,
            dict(legs[-1]),
            rrf,
            boost_articles or {},
            plan,
        )
        evidence = self._own_language(evidence, plan.language)
        t3 = time.perf_counter()
        self.timings_ms = {
            "embed_query": embed_s * 1e3,
            "dense": (t1 - t0 - embed_s) * 1e3,
            "bm25": (t2 - t1) * 1e3,
            "rerank": (t3 - t2) * 1e3,
        }
        return self._diversify(evidence, k)

    def _cosines(
        self,
        plan: Plan,
        chunks: list[Chunk],
        qvec: np.ndarray | None,
        xvec: np.ndarray | None,
        dense_en: list[Hit],
        dense_xl: list[Hit],
    ) -> dict[str, float]:
        """Each chunk's cosine with the question, by the model that reads both: the English
        one for an English question and chunk, the multilingual one otherwise. Chunks found
        by another leg get theirs from the stored vectors."""
        english = [
            c.id
            for c in chunks
            if plan.english and ((c.language or "") in _ENGLISH or not plan.crosslingual)
        ]
        taken = set(english)
        other = [c.id for c in chunks if c.id not in taken]
        cosine: dict[str, float] = {}
        if english and qvec is not None:
            cosine |= _known_or_stored(english, dense_en, qvec, self.library.dense_cosines)
        xl = self.library.crosslingual if other and xvec is not None else None
        if xl is not None and xvec is not None:
            cosine |= _known_or_stored(other, dense_xl, xvec, xl.cosines)
        return cosine

    def _rerank(
        self,
        query: str,
        chunks: list[Chunk],
        cosine: dict[str, float],
        bm25: dict[str, float],
        rrf: dict[str, float],
        boost: dict[str, float],
        plan: Plan,
    ) -> list[Evidence]:
        if not chunks:
            return []
        q = list(dict.fromkeys(analyze(query, plan.language)))
        token_sets = [set(analyze(c.embed_text, c.language)) for c in chunks]
        idf = overlap.idf(q, token_sets)
        top_bm25 = max(bm25.values(), default=0.0) or 1.0
        cross = self._cross_scores(query, chunks) if self._cross is not None else None
        sources = self.library.note_sources({c.article_id for c in chunks if c.footnotes})
        out: list[Evidence] = []
        for i, (chunk, tokens) in enumerate(zip(chunks, token_sets, strict=True)):
            cover = overlap.coverage(q, tokens, idf)
            title = overlap.coverage(q, _token_set(chunk.title, chunk.language), idf)
            notes = overlap.coverage(q, _note_tokens(chunk, sources), idf)
            dense = cosine.get(chunk.id, 0.0)
            score = (
                W_DENSE * dense
                + W_BM25 * bm25.get(chunk.id, 0.0) / top_bm25
                + W_COVER * cover
                + W_TITLE * title
                + W_NOTES * notes
                + boost.get(chunk.article_id, 0.0)
            )
            if cross is not None:
                score = 0.5 * score + 0.5 * cross[i]
            out.append(
                Evidence(
                    chunk=chunk,
                    score=score,
                    relevance=0.6 * dense + 0.4 * cover,
                    dense=cosine.get(chunk.id),
                    bm25=bm25.get(chunk.id),
                    rrf=rrf[chunk.id],
                )
            )
        out.sort(key=lambda e: -e.score)
        return out

    def _own_language(self, evidence: list[Evidence], language: str) -> list[Evidence]:
        """When both an article and its version in the question's language were found, the
        answer quotes that version: the other one's chunks go."""
        found = {e.chunk.article_id for e in evidence}
        if len(found) < 2:
            return evidence
        shadowed = {
            aid
            for aid in found
            if any(
                v.language == language and v.article_id in found for v in self.library.versions(aid)
            )
        }
        return [e for e in evidence if e.chunk.article_id not in shadowed]

    def _cross_scores(self, query: str, chunks: list[Chunk]) -> list[float]:
        raw = self._cross.predict([(query, c.embed_text) for c in chunks])
        return [1.0 / (1.0 + math.exp(-float(x))) for x in raw]

    def _diversify(self, ranked: list[Evidence], k: int) -> list[Evidence]:
        """Cap chunks per article, unless no other article is relevant enough to fill a slot."""
        cap = self.settings.max_per_article
        chosen: list[Evidence] = []
        per: dict[str, int] = defaultdict(int)
        held: list[Evidence] = []
        for ev in ranked:
            if len(chosen) == k:
                break
            if per[ev.chunk.article_id] >= cap:
                held.append(ev)
                continue
            if chosen and ev.relevance < self.settings.min_relevance and held:
                break  # an irrelevant other article is worse than more of a relevant one
            chosen.append(ev)
            per[ev.chunk.article_id] += 1
        # Held-back chunks of capped articles fill what is left, after every article's best.
        return chosen + held[: k - len(chosen)]


@dataclass(frozen=True)
class SearchOptions:
    """What `Retriever.search` takes besides the query, for one `IbidRetriever` call."""

    filters: Filters | None = None  # None: the IbidRetriever's own
    k: int | None = None
    boost_articles: dict[str, float] | None = None
    extra_terms: list[str] | None = None
    query_vector: list[float] | None = None
    plan: Plan | None = None
    english_query: str | None = None


class EvidenceDocument(Document):
    """A retrieved chunk as a LangChain Document that keeps its Evidence, typed, for the chain;
    the metadata carries the same Evidence as plain data for any other reader."""

    _evidence: Evidence = PrivateAttr()

    @classmethod
    def of(cls, ev: Evidence) -> EvidenceDocument:
        doc = cls(
            id=ev.chunk.id,
            page_content=ev.chunk.text,
            metadata={
                "article_id": ev.chunk.article_id,
                "score": ev.score,
                "evidence": ev.model_dump(),
            },
        )
        doc._evidence = ev
        return doc

    @property
    def evidence(self) -> Evidence:
        return self._evidence


def evidence_of(documents: Sequence[Document]) -> list[Evidence]:
    """The Evidence behind an IbidRetriever's documents, in their order."""
    out = []
    for doc in documents:
        if not isinstance(doc, EvidenceDocument):
            raise TypeError(f"expected the documents of an IbidRetriever, got {type(doc)}")
        out.append(doc.evidence)
    return out


class IbidRetriever(BaseRetriever):
    """The retriever as a LangChain `BaseRetriever`: what the answer chain searches through, so
    callbacks see each search. Pass `search=SearchOptions(...)` to `invoke` for more than the
    query; each Document is an EvidenceDocument."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    retriever: Retriever
    filters: Filters = Filters()

    def _get_relevant_documents(
        self,
        query: str,
        *,
        run_manager: CallbackManagerForRetrieverRun,
        search: SearchOptions | None = None,
    ) -> list[Document]:
        o = search or SearchOptions()
        found = self.retriever.search(
            query,
            self.filters if o.filters is None else o.filters,
            k=o.k,
            boost_articles=o.boost_articles,
            extra_terms=o.extra_terms,
            query_vector=o.query_vector,
            plan=o.plan,
            english_query=o.english_query,
        )
        return [EvidenceDocument.of(ev) for ev in found]

    async def _aget_relevant_documents(
        self,
        query: str,
        *,
        run_manager: AsyncCallbackManagerForRetrieverRun,
        search: SearchOptions | None = None,
    ) -> list[Document]:
        # The search blocks (embedding, Chroma): a worker thread keeps the event loop free.
        sync = run_manager.get_sync()
        return await run_in_executor(
            None, self._get_relevant_documents, query, run_manager=sync, search=search
        )
