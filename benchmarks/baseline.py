"""Ibid beside a naive LangChain RAG on the FreshWiki claim set: one run, one table.

Naive RAG, as the LangChain tutorial builds it: each FreshWiki .txt file loaded whole as one
Document (what TextLoader does; langchain-community is not installed), split by
RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200), stored with
Chroma.from_documents (langchain-chroma, default settings), queried with similarity_search,
top-4 (the tutorial's k; @5 is also reported). Same embedder as Ibid: HuggingFaceEmbeddings on
the same all-MiniLM-L6-v2 folder, batch 32; its vectors are cached in benchmarks/work so re-runs
skip embedding.

Claims: eval.claims.build_claims(FRESHWIKI, limit=300, seed=0), verbatim (easy) and reduced to
keywords (first six content words via index.text.tokenize, harder). Article hit: a retrieved
chunk comes from the claim's article. Source hit: the naive RAG resolves no footnotes, so it
counts when the retrieved chunk text contains one of the claim's gold references, as its `[n]`
marker (URL -> n from the article's JSON "references") or as the URL itself (the reference list
is part of the naive chunks). Ibid's source hit: a gold URL among the resolved footnotes of the
retrieved passage (cite) or chunk (Retriever). Writes benchmarks/results/baseline.json.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import FRESHWIKI, WORK, latency_stats, load_average, write_result
from eval.claims import ClaimCase, build_claims, normalize_url
from index.library import Library
from index.parse.common import slugify
from index.text import tokenize

VARIANTS: dict[str, Callable[[str], str]] = {
    "verbatim": lambda claim: claim,
    "keywords": lambda claim: " ".join(tokenize(claim)[:6]),
}


def naive_index(embeddings: Any) -> tuple[Any, dict[str, Any]]:
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    files = sorted((FRESHWIKI / "txt").glob("*.txt"))
    docs = [Document(page_content=f.read_text(), metadata={"source": str(f)}) for f in files]
    t0 = time.perf_counter()
    splits = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(
        docs
    )
    t1 = time.perf_counter()
    import chromadb

    client = chromadb.EphemeralClient()  # in memory: rebuilt each run from cached vectors
    store = Chroma.from_documents(splits, embedding=embeddings, client=client)
    t2 = time.perf_counter()
    info = {"chunks": len(splits), "split_s": round(t1 - t0, 2), "build_s": round(t2 - t1, 1)}
    return store, info


def gold_markers(case: ClaimCase, stem: str) -> set[str]:
    data = json.loads((FRESHWIKI / "json" / f"{stem}.json").read_text())
    gold = {normalize_url(u) for u in case.gold_urls}
    return {f"[{n}]" for n, url in data.get("references", {}).items() if normalize_url(url) in gold}


def naive_hits(docs: list[Any], case: ClaimCase, markers: set[str]) -> list[tuple[bool, bool]]:
    urls = list(case.gold_urls)
    out = []
    for d in docs:
        article = slugify(Path(d.metadata["source"]).stem) == case.article_id
        text = d.page_content
        source = any(m in text for m in markers) or any(u in text for u in urls)
        out.append((article, source))
    return out


def ibid_chunk_hits(lib: Library, evidence: list[Any], gold: set[str]) -> list[tuple[str, bool]]:
    out = []
    for ev in evidence:
        article = lib.article(ev.chunk.article_id)
        urls = {
            normalize_url(n.url)
            for label in ev.chunk.footnotes
            if (n := article.resolved_footnote(label)) is not None and n.url
        }
        out.append((ev.chunk.article_id, bool(urls & gold)))
    return out


def cited(passage: Any, gold: set[str]) -> bool:
    return any(f.url and normalize_url(f.url) in gold for f in passage.footnotes)


def rates(rows: list[list[tuple[bool, bool]]], ks: tuple[int, ...]) -> dict[str, float]:
    n = len(rows) or 1
    out: dict[str, float] = {}
    for k in ks:
        out[f"article@{k}"] = round(sum(any(a for a, _ in r[:k]) for r in rows) / n, 3)
        out[f"source@{k}"] = round(sum(any(s for _, s in r[:k]) for r in rows) / n, 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    from index.embed import CachedEmbeddings, load_embedder, resolve_backend
    from index.settings import EmbeddingSettings
    from rag.chain import AnswerChain
    from rag.lookup import cite

    load_start = load_average()
    settings = EmbeddingSettings(cache=False)
    inner = load_embedder(settings)
    naive_emb = CachedEmbeddings(
        inner,
        WORK / "baseline-vectors.sqlite",
        namespace=settings.vector_key(resolve_backend(settings)),
    )
    store, naive_info = naive_index(naive_emb)
    naive_info["vectors_embedded_this_run"] = naive_emb.misses

    lib = Library(WORK / "freshwiki-home")
    t0 = time.perf_counter()
    report = lib.ingest([FRESHWIKI / "txt"])
    ibid_info = {"chunks": report.chunks, "ingest_s": round(time.perf_counter() - t0, 1)}
    chain = AnswerChain(lib)

    cases = build_claims(FRESHWIKI, limit=args.n, seed=args.seed)
    stems = {slugify(p.stem): p.stem for p in (FRESHWIKI / "json").glob("*.json")}
    markers = {c.id: gold_markers(c, stems[c.article_id]) for c in cases}
    # Warm up both sides (first query pays lazy loads).
    store.similarity_search(cases[0].claim, k=4)
    cite(lib, chain.retriever, chain.checker, cases[0].claim, k=5)

    result: dict[str, Any] = {"claims": len(cases), "seed": args.seed, "variants": {}}
    for variant, make in VARIANTS.items():
        rows: dict[str, list[list[tuple[bool, bool]]]] = {"naive": [], "retriever": [], "cite": []}
        lat: dict[str, list[float]] = {k: [] for k in rows}
        for case in cases:
            query = make(case.claim)
            gold = {normalize_url(u) for u in case.gold_urls}
            t = time.perf_counter()
            docs = store.similarity_search(query, k=5)
            lat["naive"].append((time.perf_counter() - t) * 1e3)
            rows["naive"].append(naive_hits(docs, case, markers[case.id]))
            t = time.perf_counter()
            evidence = chain.retriever.search(query, k=5)
            lat["retriever"].append((time.perf_counter() - t) * 1e3)
            hits = ibid_chunk_hits(lib, evidence, gold)
            rows["retriever"].append([(a == case.article_id, s) for a, s in hits])
            t = time.perf_counter()
            passages = cite(lib, chain.retriever, chain.checker, query, k=5)
            lat["cite"].append((time.perf_counter() - t) * 1e3)
            want = case.article_id
            rows["cite"].append([(p.article_id == want, cited(p, gold)) for p in passages])
        result["variants"][variant] = {
            "naive_rag (top-4; @5 with k=5)": rates(rows["naive"], (1, 4, 5))
            | {"latency_ms": latency_stats(lat["naive"])},
            "ibid_retriever": rates(rows["retriever"], (1, 5))
            | {"latency_ms": latency_stats(lat["retriever"])},
            "ibid_cite": rates(rows["cite"], (1, 5)) | {"latency_ms": latency_stats(lat["cite"])},
        }
        print(variant, json.dumps(result["variants"][variant]), flush=True)
    result["index"] = {"naive": naive_info, "ibid": ibid_info}
    result["source_hit_definition"] = (
        "naive: retrieved chunk text contains a gold reference's [n] marker (URL -> n via the "
        "article JSON 'references') or the gold URL itself; Ibid: a gold URL among the resolved "
        "footnotes of the retrieved chunk (Retriever) or passage (cite)"
    )
    result["load_avg"] = {"start": load_start, "end": load_average()}
    print(write_result("baseline", result))


if __name__ == "__main__":
    main()
