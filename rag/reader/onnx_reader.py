"""Ibid's own reader on ONNX Runtime: a folder with `reader.onnx` and `reader.json`.

The graph holds what training changed (the transformer layers, position and segment
embeddings, the head). The word-embedding matrix stayed frozen during training, so it is not
shipped twice: it is read from the installed package named in `reader.json`, gathered here in
numpy and fed to the graph as `inputs_embeds`. Both files are checked against the sha256 in
`reader.json` before the first score, so a damaged or swapped file fails with a message rather
than scoring nonsense.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from index.errors import ModelError
from rag.reader.pairs import BertPairs, sentence_text

if TYPE_CHECKING:
    import onnxruntime

CONFIG = "reader.json"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_config(folder: Path) -> dict[str, Any]:
    path = folder / CONFIG
    try:
        cfg = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(
            f"{path}: missing; a reader folder needs reader.json and reader.onnx"
        ) from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: not a reader config ({exc})") from None
    need = {"onnx", "onnx_sha256", "max_length", "word_embeddings"}
    if not isinstance(cfg, dict) or not need <= cfg.keys():
        raise ModelError(f"{path}: lacks {sorted(need - set(cfg or {}))}")
    return cfg


class OnnxReader:
    """Scores (question, sentence) pairs: one logit each, higher = the sentence answers."""

    def __init__(self, folder: Path, threads: int = 2, batch_size: int | None = None) -> None:
        if threads <= 0 or (batch_size is not None and batch_size <= 0):
            raise ValueError("threads and batch_size must be > 0")
        self.folder = Path(folder)
        self.config = read_config(self.folder)
        if batch_size is None:
            # Dynamic int8 quantisation scales activations by each run's range, so in a batch
            # a sentence's score would depend on its neighbours (and their padding): one pair
            # a run keeps it the sentence's own, at about the same cost on 2 cores.
            batch_size = 1 if self.config.get("precision") == "int8" else 32
        self.name = str(self.config.get("name", self.folder.name))
        self.max_length = int(self.config["max_length"])
        self.use_title = bool(self.config.get("title", True))
        self.threads, self.batch_size = threads, batch_size
        self._lock = threading.Lock()
        self._session: onnxruntime.InferenceSession | None = None
        self._embeddings: np.ndarray | None = None
        self._pairs: BertPairs | None = None

    def _package_folder(self) -> Path:
        spec = self.config["word_embeddings"]
        try:
            module = importlib.import_module(spec["package"])
        except ImportError:
            raise ModelError(
                f"{self.folder / CONFIG}: its word embeddings come from the package "
                f"{spec['package']!r}, which is not installed; reinstall Ibid (pip install -e .)"
            ) from None
        return Path(module.get_model_path())

    def _load(self) -> None:
        import onnxruntime as ort
        from safetensors import safe_open

        onnx_path = self.folder / self.config["onnx"]
        if not onnx_path.is_file():
            raise ModelError(f"{onnx_path}: missing; reinstall Ibid or set rag.reader.model")
        if sha256_file(onnx_path) != self.config["onnx_sha256"]:
            raise ModelError(
                f"{onnx_path}: checksum mismatch (the file is damaged or not the one "
                f"{CONFIG} describes); restore it with `git checkout -- {onnx_path.name}` or "
                "reinstall Ibid"
            )
        spec = self.config["word_embeddings"]
        package = self._package_folder()
        weights = package / spec.get("file", "model.safetensors")
        try:
            with safe_open(str(weights), "np") as fh:
                matrix = fh.get_tensor(spec["tensor"])
        except Exception as exc:
            raise ModelError(f"{weights}: cannot read {spec['tensor']!r} ({exc})") from None
        digest = hashlib.sha256(np.ascontiguousarray(matrix).tobytes()).hexdigest()
        if digest != spec["sha256"]:
            raise ModelError(
                f"{weights}: its word embeddings are not the ones the reader was trained with "
                f"(sha256 {digest[:12]}…, expected {spec['sha256'][:12]}…); install the "
                f"version pinned in pyproject.toml"
            )
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        try:
            session = ort.InferenceSession(
                str(onnx_path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:
            raise ModelError(f"{onnx_path}: ONNX Runtime cannot load it ({exc})") from None
        self._pairs = BertPairs(package / spec.get("tokenizer", "tokenizer.json"))
        self._embeddings = matrix
        self._session = session

    def score(self, question: str, passages: Sequence[tuple[str, str]]) -> np.ndarray:
        """Logits for (title, sentence) passages read against `question`, in order."""
        if not passages:
            return np.zeros(0, dtype=np.float32)
        with self._lock:
            if self._session is None:
                self._load()
        assert self._session is not None and self._pairs is not None
        assert self._embeddings is not None
        texts = [sentence_text(s, t if self.use_title else "") for t, s in passages]
        out = []
        for i in range(0, len(texts), self.batch_size):
            chunk = texts[i : i + self.batch_size]
            enc = self._pairs([question] * len(chunk), chunk, self.max_length)
            feeds = {
                "inputs_embeds": self._embeddings[enc.input_ids],
                "attention_mask": enc.attention_mask,
                "token_type_ids": enc.token_type_ids,
            }
            out.append(self._session.run(["score"], feeds)[0].reshape(-1))
        return np.concatenate(out).astype(np.float32)
