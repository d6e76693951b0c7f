"""Sending after the commit: the answer is already saved, so a failed reply is retried.

RetryAfter waits as Telegram says (capped); a timeout or a 5xx (NetworkError) is retried after a
short pause. A duplicate is harmless for wizard cards (the same buttons, the same version); if every
attempt fails the error propagates to the error handler, which logs it and reports to admins.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.warnings import PTBUserWarning

log = logging.getLogger(__name__)
T = TypeVar("T")

ATTEMPTS = 3
MAX_WAIT = 30.0
PAUSE = 0.5


def _seconds(error: RetryAfter) -> float:
    value = error.retry_after
    return float(value.total_seconds() if hasattr(value, "total_seconds") else value)


async def with_retry(send: Callable[[], Awaitable[T]], attempts: int = ATTEMPTS) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await send()
        except RetryAfter as exc:
            if attempt == attempts:
                raise
            await asyncio.sleep(min(_seconds(exc), MAX_WAIT))
        except BadRequest:
            raise  # our own mistake (or "message is not modified"): retrying cannot help
        except NetworkError as exc:  # TimedOut and 5xx answers
            if attempt == attempts:
                raise
            log.info("send failed (%s), retrying", type(exc).__name__)
            await asyncio.sleep(PAUSE * attempt)
    raise AssertionError("unreachable")


# `Bot.do_api_request` warns when a method has its own `Bot` method; `raw_call` uses it on purpose.
warnings.filterwarnings(
    "ignore", message=r"Please use 'Bot\.(editMessageText|sendMessage)'", category=PTBUserWarning
)


async def raw_call(bot: Bot, method: str, **params: Any) -> Any:
    """An HTML message call whose answer is not needed as objects: the same request as
    `bot.send_message`/`edit_message_text` (rate limiter included), the answer left as JSON."""
    return await bot.do_api_request(method, api_kwargs={"parse_mode": ParseMode.HTML, **params})
