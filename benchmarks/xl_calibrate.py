"""Fit the map of the multilingual model's cosines onto the English model's scale.

Retrieval mixes both models' cosines (an English question reads English chunks through MiniLM and
foreign ones through the multilingual model), and its relevance floors are on MiniLM's scale. e5
puts every pair in a narrow high band, so its cosines need an affine map `offset + scale x cos`.
It is fitted by matching two points of each model's distribution on the dev half of the English
question set: the mean cosine of a question with its gold paragraph, and with three paragraphs of
other articles. Writes benchmarks/results/xl-calibration.json.

    python -m benchmarks.xl_calibrate
"""

from __future__ import annotations

import random
import statistics
from pathlib import Path

import numpy as np

from benchmarks.common import machine, write_result
from eval.evalset import load_set
from index.crosslingual import xl_embeddings
from index.embed import load_embedder
from index.parse import parse_file
from index.settings import IndexSettings

ROOT = Path(__file__).resolve().parents[1]


def paragraphs() -> dict[tuple[str, int], str]:
    from eval.bundled import FRESHWIKI_DIR, SAMPLE_ARTICLE

    out: dict[tuple[str, int], str] = {}
    files = [SAMPLE_ARTICLE, *sorted((FRESHWIKI_DIR / "txt").glob("*.txt"))]
    files.append(ROOT / "eval" / "corpus" / "analyses.jsonl")
    for path in files:
        for article in parse_file(path):
            for para in article.paragraphs:
                out[(article.id, para.n)] = para.text
    return out


def main() -> None:
    cases = [
        c
        for c in load_set(ROOT / "eval" / "sets" / "questions.jsonl").cases
        if c.split == "dev" and c.gold_paragraphs and c.kind == "question"
    ]
    paras = paragraphs()
    keys = sorted(paras)
    rng = random.Random(0)
    pairs: list[tuple[str, str, bool]] = []
    for c in cases:
        gold = (c.gold_paragraphs[0].article_id, c.gold_paragraphs[0].paragraph)
        if gold not in paras:
            continue
        pairs.append((c.question, paras[gold], True))
        others = [k for k in rng.sample(keys, 12) if k[0] != gold[0]][:3]
        pairs += [(c.question, paras[k], False) for k in others]
    settings = IndexSettings()
    models = {
        "minilm": load_embedder(settings.embedding),
        "e5-small": xl_embeddings(settings.model_copy(deep=True)),
    }
    texts = sorted({p for _, p, _ in pairs})
    questions = sorted({q for q, _, _ in pairs})
    cos: dict[str, dict[str, list[float]]] = {}
    for name, emb in models.items():
        pv = dict(zip(texts, np.asarray(emb.embed_documents(texts)), strict=True))
        qv = {q: np.asarray(emb.embed_query(q)) for q in questions}
        cos[name] = {"gold": [], "other": []}
        for q, p, gold in pairs:
            cos[name]["gold" if gold else "other"].append(float(qv[q] @ pv[p]))
    m = {n: (statistics.mean(c["gold"]), statistics.mean(c["other"])) for n, c in cos.items()}
    scale = (m["minilm"][0] - m["minilm"][1]) / (m["e5-small"][0] - m["e5-small"][1])
    offset = m["minilm"][1] - scale * m["e5-small"][1]
    mapped = [offset + scale * x for x in cos["e5-small"]["gold"] + cos["e5-small"]["other"]]
    english = cos["minilm"]["gold"] + cos["minilm"]["other"]
    result = {
        "set": "eval/sets/questions.jsonl dev half: gold paragraph and 3 other-article paragraphs",
        "questions": len(questions),
        "pairs": len(pairs),
        "mean_cosine": {n: {"gold": g, "other": o} for n, (g, o) in m.items()},
        "e5_offset": round(offset, 3),
        "e5_scale": round(scale, 3),
        "correlation_after_map": float(np.corrcoef(mapped, english)[0, 1]),
        "machine": machine(),
    }
    print(result)
    write_result("xl-calibration", result)


if __name__ == "__main__":
    main()
