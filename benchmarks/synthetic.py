"""Cheap but meaningful document vectors for the generated archive ("SyntheticEmbeddings").

Embedding 100k chunks with MiniLM takes over an hour on 2 cores, so the big archives get
document vectors built from real ones: every word and phrase the generator can write (names,
places, topic terms, concepts, template words; ~950 units) is embedded ONCE with the real
model and cached under benchmarks/work/. A chunk's vector is the L2-normalised, tf-idf weighted
sum of the real vectors of its 16 highest-weighted units (longest phrase match first), so it
sits near real MiniLM vectors of what it talks about and dense search against a REAL query
vector stays meaningful. Queries always go through the real embedder. `validate()` measures how
close the synthetic vectors are to real ones.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable

import numpy as np
from langchain_core.embeddings import Embeddings

from benchmarks import articles as A
from benchmarks import gen_words as W
from benchmarks.common import WORK
from index.text import STOPWORDS

_TOKEN_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_PHRASE = 5
TOP_UNITS = 16
METHOD = (
    "SyntheticEmbeddings (benchmarks/synthetic.py), documents only: each chunk vector is the "
    "L2-normalised tf-idf weighted sum of REAL all-MiniLM-L6-v2 vectors of its 16 top-weighted "
    "words/phrases, taken from a vocabulary table of every word and phrase the generator can "
    "write, embedded once with the real model and cached; queries use the real embed_query"
)


def tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.lower())


def vocabulary() -> list[str]:
    """Every unit the generator can emit: pool phrases, their words, template words."""
    phrases = [
        *W.COUNTRIES, *W.CITIES, *W.FIRST_NAMES, *W.LAST_NAMES, *W.ROLES, *W.ORGS,
        *(t for terms in W.TOPICS.values() for t in terms), *W.CONCEPTS, *W.PUBLISHERS,
        *W.CATEGORIES, *W.MONTHS, *W.SECTIONS, *W.BIO_FIELDS, *W.UNIVERSITIES,
        *A.TEMPLATES, *A.HEADLINES, *A.TITLES, *A.QUESTIONS,
    ]  # fmt: skip
    units: set[str] = set()
    for phrase in phrases:
        toks = tokens(re.sub(r"\{\w+\}", " ", phrase))
        if "{" not in phrase and 1 < len(toks) <= MAX_PHRASE:
            units.add(" ".join(toks))
        units.update(t for t in toks if t not in STOPWORDS and not t.isdigit() and len(t) > 1)
    return sorted(units)


class VocabTable:
    def __init__(self, units: list[str], vectors: np.ndarray, idf: np.ndarray) -> None:
        self.units, self.vectors, self.idf = units, vectors, idf
        self.index = {tuple(u.split()): i for i, u in enumerate(units)}

    def match(self, text: str) -> Counter[int]:
        """Unit counts of `text`: at each position the longest phrase in the table wins."""
        toks, counts, i = tokens(text), Counter[int](), 0
        while i < len(toks):
            for n in range(min(MAX_PHRASE, len(toks) - i), 0, -1):
                unit = self.index.get(tuple(toks[i : i + n]))
                if unit is not None:
                    counts[unit] += 1
                    i += n
                    break
            else:
                i += 1
        return counts

    def vector(self, text: str) -> np.ndarray:
        counts = self.match(text)
        if not counts:
            return np.full(self.vectors.shape[1], 1 / math.sqrt(self.vectors.shape[1]), np.float32)
        weights = {u: c * float(self.idf[u]) for u, c in counts.items()}
        top = sorted(weights, key=lambda u: -weights[u])[:TOP_UNITS]
        vec = np.asarray([weights[u] for u in top], np.float32) @ self.vectors[top]
        return vec / (np.linalg.norm(vec) or 1.0)


def load_table(
    real: Callable[[], Embeddings], model: str, seed: int = 0
) -> tuple[VocabTable, dict[str, float]]:
    """The vocabulary table, embedded once with the embedder `real()` makes, cached in WORK."""
    import time

    units = vocabulary()
    key = hashlib.sha256(("\n".join(units) + model).encode()).hexdigest()[:12]
    path = WORK / f"vocab-{key}.npz"
    info = {"units": float(len(units)), "cached": 1.0}
    if path.is_file():
        data = np.load(path)
        return VocabTable(units, data["vectors"], data["idf"]), info
    t0 = time.perf_counter()
    vectors = np.asarray(real().embed_documents(units), np.float32)
    info.update(cached=0.0, embed_s=round(time.perf_counter() - t0, 1))
    table = VocabTable(units, vectors, np.ones(len(units), np.float32))
    # idf from the body paragraphs of 100 generated articles.
    paragraphs = [
        p for i in range(100) for p in A.article(seed, i)[1].split("\n\n") if len(p) > 200
    ]
    df = Counter[int](u for p in paragraphs for u in table.match(p))
    n = len(paragraphs)
    table.idf = np.asarray(
        [math.log(1 + n / (df.get(i, 0) + 0.5)) for i in range(len(units))], np.float32
    )
    WORK.mkdir(parents=True, exist_ok=True)
    np.savez(path, vectors=table.vectors, idf=table.idf)
    return table, info


class SyntheticEmbeddings(Embeddings):
    """Document vectors from the vocabulary table (see the module docstring)."""

    def __init__(self, table: VocabTable) -> None:
        self.table = table
        self.texts = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.texts += len(texts)
        return [self.table.vector(t).tolist() for t in texts]

    def embed_query(self, text: str) -> list[float]:  # not used by the benchmarks
        return self.table.vector(text).tolist()


def validate(real: Embeddings, table: VocabTable, texts: list[str], queries: list[str]) -> dict:
    """How close synthetic document vectors are to real ones, on a sample of chunks: cosine of
    each pair, and whether a real query ranks the chunks the same way against either."""
    synth = np.asarray([table.vector(t) for t in texts], np.float32)
    real_docs = np.asarray(real.embed_documents(texts), np.float32)
    qv = np.asarray([real.embed_query(q) for q in queries], np.float32)
    pair_cos = (synth * real_docs).sum(axis=1)
    s_scores, r_scores = qv @ synth.T, qv @ real_docs.T
    rank_corr = [
        float(np.corrcoef(np.argsort(np.argsort(a)), np.argsort(np.argsort(b)))[0, 1])
        for a, b in zip(s_scores, r_scores, strict=True)
    ]
    top10 = [
        len(set(np.argsort(-a)[:10]) & set(np.argsort(-b)[:10])) / 10
        for a, b in zip(s_scores, r_scores, strict=True)
    ]
    # Baseline for the cosine: a real chunk vector against a random other real chunk.
    other = (real_docs * real_docs[np.roll(np.arange(len(texts)), 1)]).sum(axis=1)
    return {
        "chunks": len(texts),
        "queries": len(queries),
        "cosine_synthetic_vs_real_mean": round(float(pair_cos.mean()), 3),
        "cosine_real_vs_other_real_chunk_mean": round(float(other.mean()), 3),
        "query_rank_spearman_mean": round(float(np.mean(rank_corr)), 3),
        "query_top10_overlap_mean": round(float(np.mean(top10)), 3),
    }
