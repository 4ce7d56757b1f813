"""BM25 keyword index (bm25s), persisted beside Chroma and rebuilt from the manifest.

The saved index is stamped with the manifest generation it was built from; a stale or missing
index is rebuilt on load, so it can never disagree with what the manifest says is indexed.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable, Set
from pathlib import Path

import numpy as np

from index.lang import analyze
from index.types import Hit

_EMPTY = "__empty__"
# Bumped when tokenization changes, so an index saved by an older Ibid is rebuilt on load.
TOKENIZER_VERSION = 2


class KeywordIndex:
    def __init__(self, ids: list[str], model: object | None, generation: int) -> None:
        self.ids = ids
        self.generation = generation
        self._model = model
        self._pos = {cid: i for i, cid in enumerate(ids)}

    @classmethod
    def build(
        cls,
        ids: list[str],
        texts: Iterable[str],
        generation: int,
        languages: Iterable[str | None] | None = None,
    ) -> KeywordIndex:
        """Each text is tokenized by the rules of its language (its article's)."""
        import bm25s

        if not ids:
            return cls([], None, generation)
        # Token ids as each text is tokenized, not a list of token strings per chunk (which
        # bm25s would turn into ids anyway): at 100k chunks those strings took ~400 MB.
        vocab: dict[str, int] = {}
        langs = languages if languages is not None else (None for _ in ids)
        corpus = [
            [vocab.setdefault(t, len(vocab)) for t in analyze(x, lang) or [_EMPTY]]
            for x, lang in zip(texts, langs, strict=False)
        ]
        model = bm25s.BM25()
        model.index((corpus, vocab), show_progress=False)
        return cls(ids, model, generation)

    def save(self, directory: Path) -> None:
        """Write to a temp folder and swap it in, so a kill never leaves a half-written index."""
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".bm25-", dir=directory.parent))
        if self._model is not None:
            self._model.save(str(tmp), show_progress=False)  # type: ignore[attr-defined]
        (tmp / "ibid.json").write_text(
            json.dumps(
                {"generation": self.generation, "tokenizer": TOKENIZER_VERSION, "ids": self.ids}
            )
        )
        old = directory.with_name(directory.name + ".old")
        if directory.exists():
            shutil.rmtree(old, ignore_errors=True)
            directory.rename(old)
        tmp.rename(directory)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path, generation: int) -> KeywordIndex | None:
        """The saved index if it matches `generation`, else None (caller rebuilds)."""
        meta_path = directory / "ibid.json"
        if not meta_path.is_file():
            return None
        try:
            meta = json.loads(meta_path.read_text())
        except (OSError, ValueError):
            return None
        if meta.get("generation") != generation or meta.get("tokenizer") != TOKENIZER_VERSION:
            return None
        ids = meta["ids"]
        if not ids:
            return cls([], None, generation)
        import bm25s

        model = bm25s.BM25.load(str(directory), show_progress=False)
        return cls(ids, model, generation)

    def search(
        self,
        query: str,
        k: int,
        allowed: Set[str] | None = None,
        language: str | None = None,
    ) -> list[Hit]:
        """Top-k chunks with their BM25 score (> 0), optionally restricted to `allowed` ids;
        the query is tokenized as `language` (None: English)."""
        tokens = analyze(query, language)
        if self._model is None or not tokens or k <= 0:
            return []
        vocab = self._model.vocab_dict  # type: ignore[attr-defined]
        tokens = [t for t in tokens if t in vocab]
        if not tokens:
            return []
        mask = None
        if allowed is not None:
            mask = np.zeros(len(self.ids), dtype=np.float32)
            for cid in allowed:
                if (i := self._pos.get(cid)) is not None:
                    mask[i] = 1.0
            if not mask.any():
                return []
        k = min(k, len(self.ids))
        docs, scores = self._model.retrieve(  # type: ignore[attr-defined]
            [tokens], k=k, show_progress=False, weight_mask=mask, n_threads=1
        )
        return [
            Hit(self.ids[int(d)], float(s))
            for d, s in zip(docs[0], scores[0], strict=True)
            if s > 0
        ]
