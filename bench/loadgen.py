"""Reusable async load driver: N fake users run a scenario against a real Application on FakeBotApi.

Method (the same for the echo baseline and the real bot, so their numbers compare):

* Updates are dispatched in-process, without polling/webhook: each ``FakeUser.send``/``press`` builds
  the update dict, ``Update.de_json`` turns it into an object and the driver awaits
  ``app.process_update(update)`` (``mode="direct"``, default). Latency is the time around that
  await, i.e. the whole handler chain including every Bot API call it makes (answered by the fake,
  optionally with ``latency`` seconds of artificial delay).
* ``mode="processor"`` instead awaits ``app.update_processor.process_update(update,
  app.process_update(update))`` - exactly what PTB's update fetcher does after taking an update off
  ``app.update_queue`` - so the app's ``concurrent_updates`` setting applies (default 1 = one update
  at a time) and latency then includes the wait for a processing slot. We do not go through
  ``update_queue`` + ``app.start()`` itself because per-update completion is not observable
  there; the queue hop it skips is one ``asyncio.Queue.get``.
* Users run concurrently (``asyncio.gather``), each user's steps sequentially (a person waits for
  the reply before typing again); ``concurrency`` caps how many users are active at once.
* Handler exceptions are captured (not raised) and counted in ``errors``.

Usage from a benchmark script::

    api = FakeBotApi()
    app = build_application(settings, request=api, get_updates_request=api)
    report = asyncio.run(run_load(app, scenario, users=200, api=api, label="skp-bot"))
    print(report.format())
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from bot.testing.fake_telegram import AnyApplication, FakeBotApi, FakeTelegram, FakeUser

Scenario = Callable[[FakeUser], Awaitable[None]]
Mode = Literal["direct", "processor"]


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of ``values``; 0.0 for an empty sequence."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


@dataclass
class LoadReport:
    label: str
    mode: str
    users: int
    concurrency: int | None
    updates: int
    errors: int
    wall_s: float
    updates_per_s: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    peak_rss_mb: float
    api_calls: int
    bot_messages: int
    rate_limited_429: int

    def format(self) -> str:
        cap = self.concurrency if self.concurrency else "∞"
        return (
            f"[{self.label}] mode={self.mode} users={self.users} concurrency={cap}\n"
            f"  updates      {self.updates} in {self.wall_s:.2f} s  ->  {self.updates_per_s:,.0f} updates/s\n"
            f"  latency ms   p50 {self.p50_ms:.2f}  p90 {self.p90_ms:.2f}  p99 {self.p99_ms:.2f}  "
            f"max {self.max_ms:.2f}\n"
            f"  api calls    {self.api_calls}  bot messages {self.bot_messages}  "
            f"429s {self.rate_limited_429}  handler errors {self.errors}\n"
            f"  peak RSS     {self.peak_rss_mb:.1f} MiB"
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


async def run_load(
    app: AnyApplication,
    scenario: Scenario,
    *,
    users: int,
    api: FakeBotApi | None = None,
    concurrency: int | None = None,
    mode: Mode = "direct",
    first_user_id: int = 100_000,
    prepare: Scenario | None = None,
    manage_lifecycle: bool = True,
    label: str = "load",
) -> LoadReport:
    """Run ``scenario`` for ``users`` fake users concurrently and measure every update.

    ``prepare(user)`` runs for every user before the clock starts (e.g. linking the account).
    With ``manage_lifecycle`` the app is initialized (+post_init) and started first and stopped
    afterwards (steps the caller already did are skipped).
    """
    latencies: list[float] = []
    tg = FakeTelegram(app, api, raise_errors=False, settle=True, mode=mode, latencies=latencies)
    api = tg.api
    fake_users = [tg.user(first_user_id + i, f"Pengguna{i}") for i in range(users)]
    if manage_lifecycle:
        await tg.start()
    try:
        if prepare is not None:
            for user in fake_users:
                await prepare(user)
        latencies.clear()
        errors_before = len(tg.errors)
        calls_before = len(api.calls)
        messages_before = sum(len(api.sent(u.chat_id)) for u in fake_users)
        limited_before = api.rate_limited_429
        semaphore = asyncio.Semaphore(concurrency) if concurrency else None

        async def run_user(user: FakeUser) -> None:
            if semaphore is None:
                await scenario(user)
                return
            async with semaphore:
                await scenario(user)

        started = time.perf_counter()
        await asyncio.gather(*(run_user(u) for u in fake_users))
        wall = time.perf_counter() - started
    finally:
        if manage_lifecycle:
            await tg.stop()

    ms = [x * 1000 for x in latencies]
    return LoadReport(
        label=label,
        mode=mode,
        users=users,
        concurrency=concurrency,
        updates=len(latencies),
        errors=len(tg.errors) - errors_before,
        wall_s=wall,
        updates_per_s=len(latencies) / wall if wall > 0 else 0.0,
        p50_ms=percentile(ms, 50),
        p90_ms=percentile(ms, 90),
        p99_ms=percentile(ms, 99),
        max_ms=max(ms, default=0.0),
        peak_rss_mb=peak_rss_mb(),
        api_calls=len(api.calls) - calls_before,
        bot_messages=sum(len(api.sent(u.chat_id)) for u in fake_users) - messages_before,
        rate_limited_429=api.rate_limited_429 - limited_before,
    )


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """CLI options shared by the benchmark scripts."""
    parser.add_argument("--users", type=int, default=200, help="concurrent fake users (200)")
    parser.add_argument("--concurrency", type=int, default=None, help="cap on simultaneously active users")
    parser.add_argument(
        "--mode",
        choices=["direct", "processor"],
        default="processor",
        help="via app.update_processor as polling/webhook do (default), or direct app.process_update",
    )
    parser.add_argument("--latency", type=float, default=0.0, help="fake Bot API latency per call, seconds")
    parser.add_argument(
        "--enforce-limits",
        action="store_true",
        help="fake answers 429 above 30 msg/s overall and 1 msg/s per chat",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def api_from_args(args: argparse.Namespace) -> FakeBotApi:
    return FakeBotApi(latency=args.latency, enforce_limits=args.enforce_limits)
