"""The reader: a cross-encoder that reads a question and a candidate sentence together.

Bi-encoder cosines and word overlap never see the question and the sentence at once; the reader
does, so it can tell the sentence that answers from one that only shares the topic. Ibid ships
its own (trained by `training/reader`, card in `rag/reader/model/MODEL_CARD.md`); a user's own
sentence-transformers CrossEncoder folder works through the same interface.

    reader = load_reader(settings.reader)   # None when rag.reader.enabled is false
    logits = reader.score(question, [(title, sentence), ...])
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from index.errors import ConfigError

if TYPE_CHECKING:
    import numpy as np

    from rag.settings import ReaderSettings

SHIPPED = Path(__file__).resolve().parent / "model"


class Reader(Protocol):
    name: str

    def score(self, question: str, passages: Sequence[tuple[str, str]]) -> np.ndarray:
        """One logit per (title, sentence) passage, in order; higher means it answers."""
        ...


def load_reader(settings: ReaderSettings) -> Reader | None:
    """The configured reader (loaded lazily at its first score), or None when it is off."""
    if not settings.enabled:
        return None
    folder = Path(settings.model).expanduser() if settings.model else SHIPPED
    return _reader(str(folder.resolve()), settings.threads)


@lru_cache(maxsize=4)
def _reader(folder: str, threads: int) -> Reader:
    path = Path(folder)
    if not path.is_dir():
        raise ConfigError(
            f"rag.reader.model {folder!r} is not a folder: point it at an Ibid reader (holding "
            "reader.json) or a sentence-transformers CrossEncoder, or unset IBID_RAG__READER__MODEL"
        )
    if (path / "reader.json").is_file():
        from rag.reader.onnx_reader import OnnxReader

        return OnnxReader(path, threads=threads)
    if (path / "config.json").is_file():
        from rag.reader.st_reader import CrossEncoderReader

        return CrossEncoderReader(path)
    raise ConfigError(
        f"rag.reader.model {folder!r} holds neither reader.json (an Ibid reader) nor config.json "
        "(a sentence-transformers CrossEncoder)"
    )
