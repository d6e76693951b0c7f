"""Document renders in worker processes, so the event loop never shares the GIL with WeasyPrint.

A render is ~100 ms of pure Python (layout) plus C; in a thread it holds the GIL most of that
time and every other person's update waits behind it (the loop lagged ~95 ms with 10 renders in
threads). `skp-bot run` starts the pool (`start(n)`), whose workers warm up fonts and stylesheets
once; `render` then sends the view (plain dataclasses, pickled) to a worker. Without a pool
(tests, the console, the CLI) renders run in a thread as before. A worker that dies is replaced
and the render tried once more in a thread, so a broken pool never loses a document.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
_pool: ProcessPoolExecutor | None = None
_size = 0


_initializer: Callable[[], None] | None = None


def start(processes: int, warm_up: Callable[[], None] | None = None) -> None:
    """Start `processes` render workers (0: renders stay in threads), each running `warm_up` (a
    module-level function: fonts, stylesheets) first. Idempotent."""
    global _pool, _size, _initializer
    if processes <= 0 or _pool is not None:
        return
    _size, _initializer = processes, warm_up
    # spawn: a fork of a process that already runs threads and an event loop is not safe.
    context = multiprocessing.get_context("spawn")
    _pool = ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=warm_up)
    for _ in range(processes):  # start and warm every worker now, not on the first user's request
        _pool.submit(int)


def stop() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None


def running() -> bool:
    return _pool is not None


async def render(fn: Callable[..., T], *args: object) -> T:
    """`fn(*args)` in a worker process when the pool runs, else in a thread. `fn` must be a
    module-level function and its arguments picklable."""
    global _pool
    pool = _pool
    if pool is None:
        return await asyncio.to_thread(fn, *args)
    try:
        return await asyncio.get_running_loop().run_in_executor(pool, fn, *args)
    except BrokenProcessPool:
        log.warning("render pool broken (a worker died); starting a new one, this render in a thread")
        if _pool is pool:
            _pool = None
            start(_size, _initializer)
        return await asyncio.to_thread(fn, *args)


__all__ = ["render", "running", "start", "stop"]
