"""Export a trained reader to ONNX, check ONNX Runtime against torch, and write its model card.

    python -m training.reader.export training/reader/runs/minilm

Reads `<run>/model` (see model.py), writes `<run>/model/reader.onnx` with dynamic batch and
token axes (inputs input_ids, attention_mask, token_type_ids; output `score`, one logit a pair),
scores check pairs of varied lengths with both runtimes and fails when any score differs by more
than `--atol` (default 1e-3). Then `<run>/export.json` and `<run>/MODEL_CARD.md`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import torch

from rag.reader.onnx_reader import sha256_file
from training.reader.model import PairTokenizer, ReaderConfig, load, score, sentence_text

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OPSET = 17  # as index.onnx_embed: what the installed ONNX Runtime runs everywhere
ONNX_NAME = "reader.onnx"

# Pairs of different lengths (and a refusal case), so both dynamic axes are exercised.
CHECK_PAIRS: list[dict[str, Any]] = [
    {
        "question": "When did the Netherlands extend its export licence rule?",
        "sentence": "On December 9, 2025, the Dutch government announced that ASML would need an "
        "export licence for older immersion tools.",
        "title": "Chip export controls",
    },
    {
        "question": "When did the Netherlands extend its export licence rule?",
        "sentence": "Prices rose.",
        "title": "",
    },
    {
        "question": "Who won the match?",
        "sentence": "Geelong won by a margin of 81 points, the club's tenth premiership, in front "
        "of 100,024 spectators at the Melbourne Cricket Ground on 24 September 2022 "
        "after a season of mixed form and injuries.",
        "title": "2022 AFL Grand Final",
    },
    {
        "question": "İstiklal Caddesi'ndeki saldırı saat kaçta oldu?",
        "sentence": "The explosion occurred at 4:20 pm on 13 November 2022.",
        "title": "2022 Istanbul bombing",
    },
    {"question": "Что случилось?", "sentence": "Nothing of the sort is reported.", "title": ""},
]


sha256 = sha256_file  # the name ship.py and the tests import


def export(model_dir: Path, dest: Path | None = None) -> Path:
    model, tok, cfg = load(model_dir)
    dest = dest or model_dir / ONNX_NAME
    enc = tok(
        [p["question"] for p in CHECK_PAIRS[:2]],
        [p["sentence"] for p in CHECK_PAIRS[:2]],
        cfg.max_length,
    )
    tmp = dest.with_name(dest.name + ".tmp")
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the tracer's warnings are about shapes made dynamic
        torch.onnx.export(
            model,
            tuple(enc[n] for n in INPUTS),
            str(tmp),
            input_names=list(INPUTS),
            output_names=["score"],
            dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in INPUTS}, "score": {0: "batch"}},
            opset_version=OPSET,
            dynamo=False,
        )
    os.replace(tmp, dest)  # a half-written graph is never taken for a finished one
    return dest


def onnx_scores(
    onnx_path: Path, tok: PairTokenizer, cfg: ReaderConfig, pairs: list[dict[str, Any]]
) -> list[float]:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    sess = ort.InferenceSession(str(onnx_path), opts, providers=["CPUExecutionProvider"])
    out: list[float] = []
    for i in range(0, len(pairs), 8):
        chunk = pairs[i : i + 8]
        enc = tok(
            [p["question"] for p in chunk],
            [sentence_text(p["sentence"], p.get("title", ""), cfg.title) for p in chunk],
            cfg.max_length,
        )
        feeds = {n: enc[n].numpy().astype(np.int64) for n in INPUTS}
        out.extend(float(x) for x in sess.run(["score"], feeds)[0].reshape(-1))
    return out


def verify(onnx_path: Path, model_dir: Path, pairs: list[dict[str, Any]], atol: float) -> float:
    """The largest |torch - onnx| score difference over `pairs`; raises past `atol`."""
    model, tok, cfg = load(model_dir)
    ref = score(model, tok, cfg, pairs, batch_size=8)
    got = onnx_scores(onnx_path, tok, cfg, pairs)
    diff = max(abs(a - b) for a, b in zip(ref, got, strict=True))
    if not all(np.isfinite(got)):
        raise ValueError(f"{onnx_path}: ONNX Runtime gave non-finite scores {got}")
    if diff > atol:
        raise ValueError(f"{onnx_path}: ONNX scores differ from torch by {diff:.2e} > {atol}")
    return diff


def run(run_dir: Path, atol: float = 1e-3, card: bool = True) -> dict[str, Any]:
    model_dir = run_dir / "model"
    if not (model_dir / "model.safetensors").is_file():
        raise FileNotFoundError(f"{model_dir}: no trained reader; run training.reader.train first")
    onnx_path = export(model_dir)
    diff = verify(onnx_path, model_dir, CHECK_PAIRS, atol)
    info = {
        "onnx": str(onnx_path),
        "onnx_sha256": sha256(onnx_path),
        "onnx_bytes": onnx_path.stat().st_size,
        "model_sha256": sha256(model_dir / "model.safetensors"),
        "check_pairs": len(CHECK_PAIRS),
        "max_abs_diff": diff,
        "atol": atol,
        "opset": OPSET,
    }
    (run_dir / "export.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    if card:
        from training.reader.card import write_card

        write_card(run_dir)
    return info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("run", type=Path, help="a training run folder (holding model/)")
    ap.add_argument("--atol", type=float, default=1e-3)
    ap.add_argument("--no-card", action="store_true")
    args = ap.parse_args(argv)
    try:
        info = run(args.run, args.atol, card=not args.no_card)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(info, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
