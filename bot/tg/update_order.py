"""Updates of different people run concurrently; one person's updates run in the order sent.

PTB processes one update at a time unless told otherwise, so one slow Bot API round trip would
hold up everybody. Its plain concurrent processor would let one person's quick double answer
race itself (the wizard's compare-and-set keeps the data right, but the second answer would be
refused as a conflict). This processor queues each person's updates behind their previous one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def sender_of(update: object) -> int | None:
    """Whose update this is: the user, else the chat; None for updates with neither."""
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    return update.effective_chat.id if update.effective_chat is not None else None


class PerUserOrder(BaseUpdateProcessor):
    """At most `max_concurrent_updates` at once (PTB's semaphore); per sender, one at a time, FIFO."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._queues: dict[int, tuple[asyncio.Lock, int]] = {}  # sender -> (lock, updates holding it)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        sender = sender_of(update)
        if sender is None:
            await coroutine
            return
        lock, waiting = self._queues.get(sender, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._queues[sender] = (lock, waiting + 1)
        try:
            async with lock:  # asyncio.Lock wakes waiters in arrival order
                await coroutine
        finally:
            lock, waiting = self._queues[sender]
            if waiting == 1:
                del self._queues[sender]  # nobody queued: forget the sender, memory stays flat
            else:
                self._queues[sender] = (lock, waiting - 1)

    @property
    def senders_in_flight(self) -> int:
        return len(self._queues)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
