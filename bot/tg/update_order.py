"""Updates of different people run concurrently; one person's updates run in the order sent.

PTB processes one update at a time unless told otherwise, so one slow Bot API round trip would
hold up everybody. Its plain concurrent processor would let one person's quick double answer
race itself (the wizard's compare-and-set keeps the data right, but the second answer would be
refused as a conflict). This processor queues each person's updates behind their previous one.

Two rules keep one account from stalling everyone:

- A processing slot is taken only when the sender's turn comes. PTB's `process_update` holds its
  semaphore around `do_process_update`; had we waited for the sender's lock inside it, 300 quick
  updates from one account would have held every slot while waiting on that one lock. So PTB's
  semaphore is replaced by a stand-in that takes nothing, and the real slots are taken here,
  after the sender's lock.
- Each sender has at most `max_queued` updates in flight (running or waiting). Beyond that the
  update is dropped, and the sender is told once per burst that they are sending too fast.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from telegram import Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import BaseUpdateProcessor

from bot.templating import render, render_plain

log = logging.getLogger(__name__)

DEFAULT_MAX_QUEUED = 20  # no person types or taps 20 times before the bot answers once


def sender_of(update: object) -> int | None:
    """Whose update this is: the user, else the chat; None for updates with neither."""
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    return update.effective_chat.id if update.effective_chat is not None else None


class _Slots:
    """The processing slots (at most `size` updates run at once), with the count PTB reports."""

    def __init__(self, size: int) -> None:
        self._semaphore = asyncio.Semaphore(size)
        self.current_value = size  # free slots, as PTB's TrackedBoundedSemaphore reports them

    async def __aenter__(self) -> None:
        await self._semaphore.acquire()
        self.current_value -= 1

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.current_value += 1
        self._semaphore.release()


class _NoSlot:
    """Stands in for PTB's semaphore in `BaseUpdateProcessor.process_update`: takes nothing (the
    slot is taken once the sender's turn comes) but reports the real slots' count."""

    def __init__(self, slots: _Slots) -> None:
        self._slots = slots

    @property
    def current_value(self) -> int:
        return self._slots.current_value

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None


@dataclass
class _SenderQueue:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)  # wakes waiters in arrival order
    in_flight: int = 0  # updates of this sender running or waiting
    told: bool = False  # "too fast" already said in this burst


class PerUserOrder(BaseUpdateProcessor):
    """At most `max_concurrent_updates` at once; per sender, one at a time, FIFO, at most
    `max_queued` in flight."""

    def __init__(self, max_concurrent_updates: int, max_queued: int = DEFAULT_MAX_QUEUED) -> None:
        super().__init__(max_concurrent_updates)
        if max_queued < 1:
            raise ValueError("max_queued must be a positive integer")
        self.max_queued = max_queued
        self._slots = _Slots(max_concurrent_updates)
        self._semaphore = _NoSlot(self._slots)  # type: ignore[assignment]
        self._queues: dict[int, _SenderQueue] = {}
        self.dropped = 0

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        sender = sender_of(update)
        if sender is None:
            async with self._slots:
                await coroutine
            return
        queue = self._queues.setdefault(sender, _SenderQueue())
        if queue.in_flight >= self.max_queued:
            await self._drop(update, coroutine, queue)
            return
        queue.in_flight += 1
        try:
            async with queue.lock, self._slots:  # the sender's turn first, then a slot
                await coroutine
        finally:
            queue.in_flight -= 1
            if queue.in_flight == 0:
                del self._queues[sender]  # nobody queued: forget the sender, memory stays flat

    async def _drop(self, update: object, coroutine: Awaitable[Any], queue: _SenderQueue) -> None:
        if inspect.iscoroutine(coroutine):
            coroutine.close()  # never awaited, on purpose
        self.dropped += 1
        if queue.told or not isinstance(update, Update):
            return
        queue.told = True
        log.warning("update %s dropped: sender has %s updates in flight", update.update_id, queue.in_flight)
        chat = update.effective_chat
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(render_plain("messages/too_fast.html.j2"), show_alert=True)
            elif chat is not None and chat.type == ChatType.PRIVATE:
                await chat.send_message(render("messages/too_fast.html.j2"), parse_mode=ParseMode.HTML)
        except TelegramError as exc:
            log.info("could not tell a sender they are too fast: %s", type(exc).__name__)

    @property
    def senders_in_flight(self) -> int:
        return len(self._queues)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
