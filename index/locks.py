"""An exclusive file lock, shared by the archive's writer locks and the model export."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def flock(path: Path, *, wait: bool) -> Iterator[int]:
    """An exclusive lock on `path` for the block (its descriptor is yielded); without `wait`,
    BlockingIOError when another process holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield fd
    finally:
        os.close(fd)  # closing the descriptor releases the lock
