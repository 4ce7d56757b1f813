"""A generator's work reported to LangChain callbacks as one chain run, sync and async.

What `Runnable._transform_stream_with_config` does for a transform, for work that takes the
run's child config rather than an input iterator: the handlers in `config` see the run start
and end (or fail) with its name, tags and metadata, and whatever Runnable the work calls, with
the child config or with none (LangChain's context variable then carries it), is a child run.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Generator, Iterator
from types import GeneratorType
from typing import Any, TypeVar

from langchain_core.runnables import Runnable, RunnableConfig
from langchain_core.runnables.config import (
    ensure_config,
    get_callback_manager_for_config,
    patch_config,
    run_in_executor,
    set_config_context,
)

T = TypeVar("T")


def stream_run(
    runnable: Runnable[Any, Any],
    input: Any,
    config: RunnableConfig | None,
    work: Callable[[RunnableConfig], Iterator[T]],
    output: Callable[[T | None], Any],
) -> Generator[T, None, None]:
    """`work(child_config)`'s items inside one chain run of `runnable`; the run's output is
    `output(last item)`, given when the items are spent (or the reader stops)."""
    config = ensure_config(config)
    run = get_callback_manager_for_config(config).on_chain_start(
        None,
        input,
        name=config.get("run_name") or runnable.get_name(),
        run_id=config.pop("run_id", None),
    )
    last: T | None = None
    try:
        child = patch_config(config, callbacks=run.get_child())
        with set_config_context(child) as context:
            items = context.run(work, child)
            while True:
                try:
                    item = context.run(next, items)
                except StopIteration:
                    break
                last = item
                yield item
    except GeneratorExit:
        # The reader stopped early: as in LangChain's own streams, the run ends, not fails.
        run.on_chain_end(output(last))
        raise
    except BaseException as e:
        run.on_chain_error(e)
        raise
    run.on_chain_end(output(last))


async def in_threads(items: Iterator[T]) -> AsyncIterator[T]:
    """`items` for an async reader, each step run in a worker thread: the steps block
    (embedding, Chroma, the checker), the event loop must not. Items must not be None."""
    try:
        while (item := await run_in_executor(None, next, items, None)) is not None:
            yield item
    finally:
        # A step still running in its thread (the reader was cancelled) cannot be closed from
        # here; that generator is closed when collected.
        if isinstance(items, GeneratorType) and not items.gi_running:
            items.close()
