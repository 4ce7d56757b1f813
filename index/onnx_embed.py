"""The default embedder on ONNX Runtime: the same model, without importing torch to use it.

Importing sentence-transformers (and with it torch) costs ~5 s of every cold CLI call that embeds;
`tokenizers` and `onnxruntime` load in a fraction of that. The ONNX graph is exported once from
the weights the model package ships (this step alone needs torch), into the state folder's model
cache, and then only read. Pooling and normalisation are done here exactly as
sentence-transformers does them for a mean-pooled model (masked mean, then L2), so fp32 vectors
match the torch backend's to ~1e-7.

The int8 variant quantises the MatMul weights per output channel (dynamic activations):
per-tensor int8 drifts too far (cosine to fp32 as low as 0.86 on FreshWiki paragraphs), while
per-channel MatMul-only stays above 0.98 and keeps most of the speed-up.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from langchain_core.embeddings import Embeddings

from index.errors import ConfigError
from index.locks import flock

if TYPE_CHECKING:
    import onnxruntime
    from tokenizers import Tokenizer

# Bump when the export itself changes (opset, wrapper, quantisation), so old graphs are redone.
# 2: attention exported in its eager form (see _export_fp32).
EXPORT_VERSION = 2
OPSET = 17
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def _modules(model_dir: Path) -> list[dict[str, Any]]:
    """The sentence-transformers pipeline of a model folder (modules.json), [] if none."""
    path = model_dir / "modules.json"
    return list(json.loads(path.read_text())) if path.is_file() else []


def onnx_compatible(model_dir: Path) -> str | None:
    """None when the ONNX backend reproduces this sentence-transformers model, else why not."""
    if not (model_dir / "tokenizer.json").is_file():
        return "it has no tokenizer.json"
    modules = _modules(model_dir)
    if not modules:
        return "it has no modules.json (not a sentence-transformers folder)"
    kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    if kinds[:2] != ["Transformer", "Pooling"] or any(k != "Normalize" for k in kinds[2:]):
        return f"its modules are {kinds}; the ONNX path handles Transformer + mean Pooling only"
    pool_config = model_dir / (modules[1].get("path") or "1_Pooling") / "config.json"
    if pool_config.is_file():
        modes = {k for k, v in json.loads(pool_config.read_text()).items() if v is True}
        if modes != {"pooling_mode_mean_tokens"}:
            return f"its pooling is {sorted(modes)}; the ONNX path does mean pooling only"
    return None


def _max_seq_length(model_dir: Path) -> int:
    config = model_dir / "sentence_bert_config.json"
    if config.is_file():
        return int(json.loads(config.read_text()).get("max_seq_length") or 512)
    return 512


@contextlib.contextmanager
def quiet_root_logger() -> Iterator[None]:
    """ONNX Runtime's quantiser logs advice through the root logger; quiet it for one call."""
    import logging

    root = logging.getLogger()
    level = root.level
    root.setLevel(max(level, logging.ERROR))
    try:
        yield
    finally:
        root.setLevel(level)


def cache_folder(folder: Path) -> None:
    """Create a model-cache folder, or say which setting points it somewhere writable."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(
            f"cannot write the model cache {folder} ({exc.strerror}); set "
            "IBID_INDEX__EMBEDDING__MODEL_CACHE (index.embedding.model_cache) to a writable folder"
        ) from None


def _source_stamp(model_dir: Path) -> dict[str, Any]:
    """What identifies the weights an export came from, cheaply (no hashing of 90 MB)."""
    files = sorted(model_dir.glob("*.safetensors")) + sorted(model_dir.glob("*.bin"))
    return {
        "model_dir": str(model_dir.resolve()),
        "weights": [[f.name, f.stat().st_size, f.stat().st_mtime_ns] for f in files],
        "export_version": EXPORT_VERSION,
    }


def onnx_file(model_dir: Path, cache: Path, precision: str, label: str = "") -> Path:
    """The exported graph for `model_dir` at `precision`, exporting it first if needed."""
    import hashlib

    stamp = _source_stamp(model_dir)
    digest = hashlib.sha256(json.dumps(stamp, sort_keys=True).encode()).hexdigest()[:12]
    name = "".join(c if c.isalnum() or c in "-_." else "_" for c in (label or model_dir.name))
    folder = cache / f"{name[-60:]}-{digest}"
    target = folder / f"model-{precision}.onnx"
    if target.is_file():
        return target
    cache_folder(folder)
    with flock(folder / ".export.lock", wait=True):
        if target.is_file():  # another process finished it while we waited
            return target
        fp32 = folder / "model-fp32.onnx"
        if not fp32.is_file():
            print(
                f"ibid: preparing the ONNX embedder for {label or model_dir.name} "
                f"(one time, ~10 s) into {folder} ...",
                file=sys.stderr,
                flush=True,
            )
            _export_fp32(model_dir, fp32)
        if precision != "fp32" and not target.is_file():
            _quantize(fp32, target, feed_forward_only=precision == "int8-ffn")
        (folder / "source.json").write_text(json.dumps(stamp, indent=1))
    return target


def _export_fp32(model_dir: Path, dest: Path) -> None:
    try:
        import torch
        from transformers import AutoModel
    except ImportError as exc:  # pragma: no cover - torch is a dependency
        raise ConfigError(
            "exporting the ONNX embedder needs torch and transformers; install them or set "
            "index.embedding.backend = 'torch'"
        ) from exc

    # Eager attention exports as plain MatMul/Softmax, which ONNX Runtime runs 1.2x faster on
    # two cores than the graph traced from PyTorch's fused SDPA (FreshWiki passages, 2026-12-06),
    # with the same vectors (cosine 0.9999998).
    model = AutoModel.from_pretrained(
        str(model_dir), local_files_only=True, attn_implementation="eager"
    ).eval()

    class _LastHidden(torch.nn.Module):
        # The exporter must see the three inputs by keyword and one tensor out.
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    ids = torch.ones(2, 8, dtype=torch.long)
    tmp = dest.with_suffix(".tmp")
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _LastHidden(model),
            (ids, ids, torch.zeros_like(ids)),
            str(tmp),
            input_names=list(_INPUTS),
            output_names=["last_hidden_state"],
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in (*_INPUTS, "last_hidden_state")},
            opset_version=OPSET,
            dynamo=False,
        )
    os.replace(tmp, dest)  # a half-written graph is never mistaken for a finished one


def _quantize(fp32: Path, dest: Path, *, feed_forward_only: bool = False) -> None:

    from onnxruntime.quantization import QuantType, quantize_dynamic

    tmp = dest.with_suffix(".tmp")
    nodes = _feed_forward_matmuls(fp32) if feed_forward_only else None
    with quiet_root_logger():
        quantize_dynamic(
            str(fp32),
            str(tmp),
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"],
            nodes_to_quantize=nodes,
        )
    os.replace(tmp, dest)


def _feed_forward_matmuls(graph: Path) -> list[str]:
    """The MatMuls of each layer's feed-forward input (BERT's `intermediate.dense`): the largest
    weights, and the ones whose int8 form moved vectors least when measured layer type by layer
    type (cosine to fp32 0.9985 on FreshWiki paragraphs, against 0.994 for every MatMul)."""
    import onnx

    nodes = onnx.load(str(graph), load_external_data=False).graph.node
    return [n.name for n in nodes if n.op_type == "MatMul" and "intermediate" in n.name]


class OnnxEmbeddings(Embeddings):
    """LangChain `Embeddings` over an exported sentence-transformers model on ONNX Runtime."""

    def __init__(
        self,
        model_dir: Path,
        graph: Path,
        *,
        batch_size: int = 32,
        threads: int = 0,
    ) -> None:
        if not graph.is_file():
            raise ConfigError(f"ONNX graph {graph} does not exist; delete its folder to redo it")
        if batch_size <= 0:
            raise ConfigError(f"batch_size must be > 0, got {batch_size}")
        self.model_dir = model_dir
        self.graph = graph
        self.batch_size = batch_size
        self.threads = threads or (os.cpu_count() or 1)
        self.max_length = _max_seq_length(model_dir)
        self.normalize = any(m.get("type", "").endswith("Normalize") for m in _modules(model_dir))
        self._session: onnxruntime.InferenceSession | None = None
        self._tokenizer: Tokenizer | None = None
        self._inputs: tuple[str, ...] = ()
        self._lock = threading.Lock()

    def _load(self) -> tuple[onnxruntime.InferenceSession, Tokenizer]:
        with self._lock:
            if self._session is None or self._tokenizer is None:
                import onnxruntime as ort
                from tokenizers import Tokenizer

                tok = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
                tok.enable_truncation(self.max_length)
                tok.no_padding()  # batches are padded here, after sorting by length
                options = ort.SessionOptions()
                options.intra_op_num_threads = self.threads
                options.inter_op_num_threads = 1
                options.log_severity_level = 3
                session = ort.InferenceSession(
                    str(self.graph), options, providers=["CPUExecutionProvider"]
                )
                self._inputs = tuple(i.name for i in session.get_inputs())
                self._session, self._tokenizer = session, tok
            return self._session, self._tokenizer

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        session, tok = self._load()
        # Newlines become spaces, as LangChain's HuggingFaceEmbeddings does before encoding.
        encodings = tok.encode_batch([t.replace("\n", " ") for t in texts])
        ids = [e.ids for e in encodings]
        # Sorted by length so a batch pads to its own longest text, not the call's.
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        pooled: list[np.ndarray] = []
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            width = max(len(ids[i]) for i in batch)
            input_ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                input_ids[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1
            feeds = {"input_ids": input_ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feeds["token_type_ids"] = np.zeros_like(input_ids)
            hidden = session.run(None, feeds)[0]
            weights = mask[..., None].astype(np.float32)
            pooled.append((hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None))
        stacked = np.concatenate(pooled)
        vectors = np.empty_like(stacked)
        vectors[order] = stacked  # back to the caller's order
        if self.normalize:
            vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
        return vectors

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text])[0].tolist()
