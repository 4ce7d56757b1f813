"""(question, sentence) pairs -> the reader's input ids, as the training script built them.

The layout and truncation must match `training.reader.model.PairTokenizer` token for token (a
test compares them): `[CLS] question [SEP] title: sentence [SEP]`, segment ids 0 then 1; when a
pair is too long, the longer side is cut, but the question keeps at least half the budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class PairBatch:
    input_ids: np.ndarray  # (batch, tokens) int64
    attention_mask: np.ndarray
    token_type_ids: np.ndarray


class BertPairs:
    """A BERT-vocabulary pair encoder over a `tokenizers` tokenizer.json (no torch)."""

    def __init__(self, tokenizer_json: Path) -> None:
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(tokenizer_json))
        tok.no_truncation()
        tok.no_padding()
        ids = [tok.token_to_id(t) for t in ("[CLS]", "[SEP]", "[PAD]")]
        if None in ids:
            raise ValueError(f"{tokenizer_json}: not a BERT tokenizer (no [CLS]/[SEP]/[PAD])")
        self.cls, self.sep, self.pad = (int(i) for i in ids)  # type: ignore[arg-type]
        self._tok = tok

    def _encode(self, texts: Sequence[str]) -> list[list[int]]:
        return [e.ids for e in self._tok.encode_batch(list(texts), add_special_tokens=False)]

    def __call__(
        self, questions: Sequence[str], sentences: Sequence[str], max_length: int
    ) -> PairBatch:
        qs, ss = self._encode(questions), self._encode(sentences)
        budget = max_length - 3
        rows: list[tuple[list[int], int]] = []
        for q, s in zip(qs, ss, strict=True):
            if len(q) + len(s) > budget:
                nq = min(len(q), max(budget // 2, budget - len(s)))
                q, s = q[:nq], s[: budget - nq]
            rows.append(([self.cls, *q, self.sep, *s, self.sep], len(q) + 2))
        width = max(len(ids) for ids, _ in rows)
        input_ids = np.full((len(rows), width), self.pad, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        types = np.zeros((len(rows), width), dtype=np.int64)
        for i, (ids, first) in enumerate(rows):
            input_ids[i, : len(ids)] = ids
            mask[i, : len(ids)] = 1
            types[i, first : len(ids)] = 1
        return PairBatch(input_ids, mask, types)


def sentence_text(sentence: str, title: str) -> str:
    """What the reader reads for a sentence: its article's title, then the sentence."""
    return f"{title}: {sentence}" if title else sentence
