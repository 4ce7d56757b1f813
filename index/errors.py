"""Domain exceptions for every layer of Ibid.

They live in the lowest layer so that index, rag, eval and ui can all raise them; only the ui
layer (CLI and Gradio) turns them into user-facing messages.
"""

from __future__ import annotations

from pathlib import Path


class IbidError(Exception):
    """Base class of every error Ibid raises on purpose."""


class ConfigError(IbidError):
    """A setting is invalid; the message says which one and what to do."""


class InputError(IbidError):
    """A request (question, filter, option) is invalid; the message says how to fix it.

    Raised from validators too: pydantic passes exceptions that are not ValueErrors through
    unchanged, so a model's own checks reach the user as this message, not a stack of
    validation errors."""


class ParseError(IbidError):
    """A source file could not be turned into an article."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class StoreError(IbidError):
    """The vector store, keyword index or manifest could not be read or written."""


class BusyError(IbidError):
    """Another process holds the archive for writing; the message names it."""


class NotFoundError(IbidError):
    """An article, chunk or source that was asked for does not exist."""


class EvalSetError(IbidError):
    """An eval-set file is malformed; the message names the line and field."""

    def __init__(self, path: Path | str, line: int, reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}: line {line}" if line else self.path
        super().__init__(f"{where}: {reason}")


class ModelError(IbidError):
    """A model file Ibid ships or was pointed at is missing, damaged or of the wrong kind; the
    message names the file and what to do."""
