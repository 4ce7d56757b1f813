"""`IN (…)` queries over many ids: SQLite caps the variables of one statement, so they go in
batches."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

BATCH = 500


def rows_in(
    db: sqlite3.Connection, sql: str, ids: Sequence[str], before: Sequence[Any] = ()
) -> Iterator[Any]:
    """The rows of `sql`, whose `{marks}` is the placeholder list of an `IN`, for all `ids`;
    `before` are the arguments of the placeholders that precede it."""
    for i in range(0, len(ids), BATCH):
        batch = ids[i : i + BATCH]
        yield from db.execute(sql.format(marks=",".join("?" * len(batch))), [*before, *batch])
