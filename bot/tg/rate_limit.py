"""The bot's rate limiter: per chat only, never one bucket for the whole bot.

Telegram's limits (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this):
about one message a second in one chat (short bursts are tolerated), 20 a minute in one group, and
about 30 a second for *bulk notifications*. Answering people who write to the bot has no overall
limit, and ``answerCallbackQuery`` is not limited at all. PTB's ``AIORateLimiter`` applies its
overall 30/s bucket to every request that carries a ``chat_id`` and pauses every request while one
``RetryAfter`` is waited out; on deadline day that made every reply queue behind every other
reply (and behind a running broadcast). So:

* **Per chat**: a GCRA bucket per chat id - ``per_chat_per_second`` on average with a burst of
  ``burst`` - for the methods that put something in the chat (``send*``, ``edit*``, ``copy*``,
  ``forward*``; not ``sendChatAction``). Groups and channels (negative ids, ``@names``) get
  ``per_group_per_minute``. Everything else (``answerCallbackQuery``, ``getUpdates``, ``getMe``,
  ``deleteMessage``...) goes straight through.
* **No overall bucket.** Broadcasts are paced by the outbox worker (bot/tg/outbox_worker.py: 30/s
  budget, per-chat gap, its own ``RetryAfter`` pause); it sends with ``rate_limit_args=OUTBOX`` so
  a ``RetryAfter`` reaches it at once instead of being retried here.
* **RetryAfter**: the chat's bucket is held until the delay given has passed, and the request is
  retried after it, at most ``max_retries`` times; other chats are not held.

The reservation (compute the slot, move the chat's theoretical arrival time) happens without an
``await`` in between, so concurrent requests on one event loop need no lock.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]
OUTBOX = {"outbox": True}  # rate_limit_args of the outbox worker: paced there, RetryAfter raised

_UNPACED_SENDS = frozenset({"sendChatAction"})
_PACED_PREFIXES = ("send", "edit", "copy", "forward")
_MAX_TRACKED = 10_000  # chats remembered before idle ones are dropped


def outbox_args(bot: object) -> dict[str, Any]:
    """``rate_limit_args=OUTBOX`` for a bot with a rate limiter (PTB refuses it on one without)."""
    return {"rate_limit_args": OUTBOX} if getattr(bot, "rate_limiter", None) is not None else {}


def _is_paced(endpoint: str) -> bool:
    return endpoint.startswith(_PACED_PREFIXES) and endpoint not in _UNPACED_SENDS


def _retry_seconds(exc: RetryAfter) -> float:
    value = exc.retry_after
    return float(value.total_seconds() if hasattr(value, "total_seconds") else value)


class ChatRateLimiter(BaseRateLimiter[dict[str, Any]]):
    """Per-chat pacing with bursts, RetryAfter retried per chat; no overall bucket. See the module."""

    def __init__(
        self,
        *,
        per_chat_per_second: float = 1.0,
        burst: int = 3,
        per_group_per_minute: float = 20.0,
        group_burst: int = 3,
        max_retries: int = 2,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.chat_interval = 1.0 / per_chat_per_second
        self.chat_tolerance = (burst - 1) * self.chat_interval
        self.group_interval = 60.0 / per_group_per_minute
        self.group_tolerance = (group_burst - 1) * self.group_interval
        self.max_retries = max_retries
        self._clock = clock
        self._tat: dict[int | str, float] = {}  # chat -> theoretical arrival time of its next send
        self.waits = 0  # requests that had to wait for their chat's bucket (for tests / logs)
        self.retries = 0

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    def _now(self) -> float:
        return self._clock() if self._clock is not None else asyncio.get_running_loop().time()

    def _reserve(self, chat: int | str) -> float:
        """Seconds to wait before this chat's next send; books the slot."""
        group = isinstance(chat, str) or chat < 0
        interval = self.group_interval if group else self.chat_interval
        tolerance = self.group_tolerance if group else self.chat_tolerance
        now = self._now()
        tat = max(self._tat.get(chat, now), now)
        wait = max(0.0, tat - tolerance - now)
        self._tat[chat] = tat + interval
        if len(self._tat) > _MAX_TRACKED:
            self._forget_idle(now)
        return wait

    def _forget_idle(self, now: float) -> None:
        for key in [key for key, tat in self._tat.items() if tat <= now]:
            del self._tat[key]

    def _hold(self, chat: int | str, seconds: float) -> None:
        """Nothing goes to this chat for ``seconds`` (a RetryAfter)."""
        self._tat[chat] = max(self._tat.get(chat, 0.0), self._now() + seconds + self.chat_tolerance)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, Any] | None,
    ) -> bool | JSONDict | list[JSONDict]:
        chat: int | str | None = None
        raw = data.get("chat_id")
        if raw is not None and _is_paced(endpoint):
            try:
                chat = int(raw)
            except (TypeError, ValueError):
                chat = str(raw)
        outbox = bool(rate_limit_args and rate_limit_args.get("outbox"))
        retries = 0 if outbox else self.max_retries
        attempt = 0
        while True:
            if chat is not None:
                wait = self._reserve(chat)
                if wait > 0:
                    self.waits += 1
                    await asyncio.sleep(wait)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                seconds = _retry_seconds(exc)
                if chat is not None:
                    self._hold(chat, seconds)
                if attempt >= retries:
                    raise
                attempt += 1
                self.retries += 1
                log.info("%s: RetryAfter %.1fs; retry %d of %d", endpoint, seconds, attempt, retries)
                if chat is None:
                    await asyncio.sleep(seconds)
