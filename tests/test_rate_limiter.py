"""The production rate limiter (bot/tg/rate_limit.py): per chat, no overall bucket on replies."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from telegram.error import RetryAfter

from bot.app import build_application
from bot.settings import Settings
from bot.testing.fake_telegram import FakeBotApi
from bot.tg.rate_limit import ChatRateLimiter, outbox_args


def _bot(api: FakeBotApi, tmp_path: Path):  # type: ignore[no-untyped-def]
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, telegram_bot_token=None, database_url=f"sqlite:///{tmp_path}/rl.sqlite3"
    )
    app = build_application(settings, request=api, get_updates_request=api, rate_limiter=True)
    assert isinstance(app.bot.rate_limiter, ChatRateLimiter)  # what `skp-bot run` uses
    return app.bot


def _times(api: FakeBotApi, chat_id: int, status: int = 200) -> list[float]:
    return [c.time for c in api.calls_to("sendMessage") if c.chat_id == chat_id and c.status == status]


async def test_many_chats_are_not_held_by_an_overall_bucket_but_one_chat_is_paced(tmp_path: Path) -> None:
    api = FakeBotApi()
    async with _bot(api, tmp_path) as bot:
        busy = [bot.send_message(7, f"balasan {i}") for i in range(4)]  # burst of 3, then ~1/s
        others = [bot.send_message(1000 + i, "balasan") for i in range(40)]
        await asyncio.gather(*busy, *others)
    # 40 people answered at once: an overall 30/s bucket would have pushed 10+ into the next second
    assert api.max_sends_per_second() >= 40
    sevens = sorted(_times(api, 7))
    assert max(t for c in range(40) for t in _times(api, 1000 + c)) < sevens[3]
    assert len(sevens) == 4
    assert sevens[2] - sevens[0] < 0.5  # the burst
    assert sevens[3] - sevens[0] >= 0.9  # then one a second in that chat


async def test_retry_after_is_waited_out_in_that_chat_only(tmp_path: Path) -> None:
    api = FakeBotApi()
    async with _bot(api, tmp_path) as bot:
        api.inject("sendMessage", "retry_after", chat_id=7, retry_after=1)
        await asyncio.gather(bot.send_message(7, "ditahan"), bot.send_message(8, "lancar"))
        assert [c.status for c in api.calls_to("sendMessage") if c.chat_id == 7] == [429, 200]
        retried = _times(api, 7)[0] - _times(api, 7, 429)[0]
        assert retried >= 1.0
        assert _times(api, 8)[0] < _times(api, 7)[0]  # chat 8 did not wait for chat 7's pause

        # the outbox paces itself and wants RetryAfter at once, not a retry here
        api.inject("sendMessage", "retry_after", chat_id=9, retry_after=1)
        with pytest.raises(RetryAfter):
            await bot.send_message(9, "siaran", **outbox_args(bot))
        assert [c.status for c in api.calls_to("sendMessage") if c.chat_id == 9] == [429]


async def test_callback_answers_and_chat_actions_are_not_paced(tmp_path: Path) -> None:
    limiter = ChatRateLimiter(per_chat_per_second=0.01, burst=1)  # one send per 100 s
    api = FakeBotApi()
    async with _bot(api, tmp_path) as bot:
        bot._rate_limiter = limiter
        await limiter.initialize()
        await bot.send_message(5, "satu")  # the chat's one slot
        await asyncio.wait_for(
            asyncio.gather(
                *(bot.answer_callback_query(f"cq{i}") for i in range(5)),
                *(bot.send_chat_action(5, "typing") for _ in range(5)),
            ),
            timeout=2,
        )
    assert limiter.waits == 0
