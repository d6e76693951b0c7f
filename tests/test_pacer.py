"""The outbox's pacing (bot/tg/outbox_worker.Pacer), measured at the moment each request leaves:
a loop kept busy by other work makes sends late, and the pacer catches up on them without ever
letting more than 29 leave in one second, nor two to one chat within its gap."""

from __future__ import annotations

import asyncio
import itertools
import random
import time

from bot.tg.outbox_worker import Pacer, Pacing


def busiest_second(times: list[float]) -> int:
    return max(sum(1 for t in times[i:] if t - start < 1.0) for i, start in enumerate(times))


async def test_late_sends_are_caught_up_but_no_second_holds_more_than_29() -> None:
    pacer = Pacer(Pacing())
    rng = random.Random(16)
    departures: list[float] = []

    async def other_updates() -> None:  # the loop busy with people's updates, 2-12 ms each
        while True:
            await asyncio.sleep(rng.uniform(0.0, 0.02))
            time.sleep(rng.uniform(0.002, 0.012))  # holding the loop on purpose

    busy = asyncio.create_task(other_updates())
    try:
        started = time.monotonic()
        chat = 0
        while time.monotonic() - started < 3.0:
            await pacer.acquire(chat)
            departures.append(time.monotonic())
            chat += 1
    finally:
        busy.cancel()
    rate = (len(departures) - 1) / (departures[-1] - departures[0])
    assert busiest_second(departures) <= 29
    # Without catch-up every late wake-up pushed all later sends back (≈ 26/s here).
    assert rate >= 28.0, f"{rate:.1f} msg/s"


async def test_a_chat_waits_its_gap_measured_between_its_own_requests() -> None:
    pacer = Pacer(Pacing())
    sent: list[float] = []
    for _ in range(3):
        await pacer.acquire(7)
        sent.append(time.monotonic())
    gaps = [b - a for a, b in itertools.pairwise(sent)]
    assert min(gaps) >= pacer.chat_gap - 0.005


async def test_retry_after_holds_every_departure() -> None:
    pacer = Pacer(Pacing())
    await pacer.acquire(1)
    pacer.pause(0.3)
    before = time.monotonic()
    await asyncio.wait_for(pacer.acquire(2), 2)
    assert time.monotonic() - before >= 0.29
