"""The outbox: one row per message to send, and the one worker that sends them.

Broadcasts (`/siaran`) and reminders insert `OutboxMessage` rows in the same transaction as
their `Broadcast` (and `ReminderFire`) row; nothing is sent inside a handler. One worker per
deployment (see `bot.jobs` for the PostgreSQL advisory lock) claims pending rows in batches
and sends them with its own pacing — at most `global_per_second` overall and
`per_chat_per_second` per chat, as Telegram counts them on arrival (see `Pacer`). The bot's
rate limiter (bot/tg/rate_limit.py) has no overall bucket and lets the worker's sends
(`rate_limit_args=OUTBOX`) raise RetryAfter at once.

Delivery is **at most once**. Before a row is sent it is switched `pending -> sending` (a
compare-and-set, committed); right after the Bot API answers, its final status is committed
(`sent`, `blocked`, `failed`, or back to `pending` for a retry). A restart resumes with the
`pending` rows, so nobody gets a message twice. The price is a window of one in-flight request
per send slot: if the process dies after Telegram accepted a message but before the status was
committed, the row is left `sending`; at the next start it becomes `failed` with
`last_error = "interrupted"` instead of being sent again (that person may or may not have it).
The window is one HTTP round-trip per slot (`max_in_flight`, default 8); a graceful stop
(`stop_jobs`) never opens it: it stops taking rows and lets in-flight sends finish and commit.
A `TimedOut` is treated the same way (the request may have reached Telegram), so it is never
retried.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, update
from sqlmodel import col, select
from telegram import InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application

from bot.services.broadcasts import (
    BLOCKED,
    FAILED,
    PENDING,
    SENDING,
    SENT,
    Progress,
    progress_of,
)
from bot.storage.models import Broadcast, Employee, OutboxMessage, utcnow
from bot.templating import render
from bot.tg.deps import Deps
from bot.tg.rate_limit import outbox_args

log = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

WORKER_KEY = "outbox_worker"
JOBS_CONFIG_KEY = "jobs_config"  # bot.jobs.JobsConfig (tests put a faster one there); its .pacing
INTERRUPTED = "interrupted: the process stopped during the send; delivery unknown, not resent"


@dataclass(frozen=True)
class Pacing:
    """How fast the worker sends. Telegram allows ~30 msg/s overall and ~1 msg/s per chat."""

    global_per_second: float = 30.0  # Telegram's 30/s, never exceeded on arrival (see Pacer)
    per_chat_per_second: float = 1.0
    per_chat_margin: float = 0.05  # seconds added to the per-chat gap (clock jitter)
    max_in_flight: int = 8  # concurrent requests, so a slow round-trip does not cap the rate
    batch_size: int = 200
    progress_interval: float = 5.0  # seconds between edits of the admin's progress message (each counts against 30/s)
    idle_poll: float = 2.0  # seconds between looks for rows other processes enqueued
    max_attempts: int = 3
    retry_backoff: float = 5.0  # seconds before a failed row is tried again (times attempts)


@dataclass
class Stats:
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    retry_after: int = 0
    retries: int = 0


@dataclass(frozen=True)
class _Row:
    id: int
    chat_id: int
    employee_id: int | None
    text: str
    reply_markup: dict[str, Any] | None
    attempts: int
    broadcast_id: int | None


# --- pacing -------------------------------------------------------------------------------


class Pacer:
    """When each send may leave: at most `global_per_second` in any one second overall *as
    Telegram counts them* (on arrival), one per `chat_gap` per chat, and nothing while
    Telegram's RetryAfter lasts.

    Two stages. `reserve` (when a row is taken) follows a timeline at the nominal rate that may
    run up to `CATCH_UP` seconds behind the clock, so a send the busy loop made late is caught up
    instead of lost. `sending` (around the request itself, after the row was marked in the
    database) is the gate that guarantees the limits. A request holds one of the
    `global_per_second` slots from the moment it leaves until one second after its answer came
    back; a new one leaves only while a slot is free. Every request Telegram received within one
    second of another was still holding its slot when the later of the two left (it left before,
    and was answered after it arrived), so Telegram never sees more than `global_per_second` in
    any second, whatever the round-trip time and however the network bunches the requests. A
    chat is held the same way for its gap. Consecutive departures are also kept `MIN_GAP` of the
    nominal gap apart, so catching up is quick but never a burst."""

    CATCH_UP = 0.25  # seconds the reservation timeline may lag the clock
    MIN_GAP = 0.85  # share of the nominal gap two departures keep between them at least

    def __init__(self, pacing: Pacing) -> None:
        self.global_gap = 1.0 / pacing.global_per_second
        self.chat_gap = (1.0 / pacing.per_chat_per_second + pacing.per_chat_margin
                         if pacing.per_chat_per_second > 0 else 0.0)
        self.slots = max(1, int(pacing.global_per_second))
        self.window = self.slots / pacing.global_per_second  # 1 s at a whole rate
        self._next_global = 0.0
        self._paused_until = 0.0
        self._chat_next: dict[int, float] = {}
        self._chat_free: dict[int, float] = {}  # when each chat may receive again (answer + gap)
        self._last_departure = float("-inf")
        self._in_flight = 0
        self._held_until: deque[float] = deque()  # answered requests: when their slot frees, ascending
        self._answered = asyncio.Event()

    def global_ready_at(self) -> float:
        return max(self._next_global, self._paused_until)

    def chat_ready_at(self, chat_id: int) -> float:
        return self._chat_next.get(chat_id, 0.0)

    def reserve(self, chat_id: int, now: float) -> None:
        self._next_global = max(self._next_global, now - self.CATCH_UP) + self.global_gap
        if self.chat_gap:
            self._chat_next[chat_id] = now + self.chat_gap
            if len(self._chat_next) > 20_000:
                self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}

    def departure_ready_at(self, chat_id: int, now: float) -> float:
        """When a request to this chat may leave; +inf while every slot is in flight."""
        held = self._held_until
        while held and held[0] <= now:
            held.popleft()
        ready = max(self._paused_until, self._last_departure + self.global_gap * self.MIN_GAP)
        excess = self._in_flight + len(held) - (self.slots - 1)
        if excess > len(held):
            return float("inf")
        if excess > 0:
            ready = max(ready, held[excess - 1])
        if self.chat_gap:
            ready = max(ready, self._chat_free.get(chat_id, 0.0))
        return ready

    async def depart(self, chat_id: int) -> None:
        """Wait until this request may leave, and count it as in flight (see `answered`)."""
        while True:
            now = time.monotonic()
            ready = self.departure_ready_at(chat_id, now)
            if ready <= now:
                break
            if ready == float("inf"):
                self._answered.clear()
                await self._answered.wait()
            else:
                await asyncio.sleep(ready - now)
        self._in_flight += 1
        self._last_departure = now
        if self.chat_gap:
            # Held until the answer (see `answered`); `reserve` keeps other rows of it back too.
            self._chat_free[chat_id] = float("inf")
            self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), now + self.chat_gap)

    def answered(self, chat_id: int) -> None:
        """The request that `depart` let go has its answer (or gave up): its slot frees a
        second from now, its chat a `chat_gap` from now."""
        now = time.monotonic()
        self._in_flight -= 1
        self._held_until.append(now + self.window)
        self._answered.set()
        if self.chat_gap:
            self._chat_free[chat_id] = now + self.chat_gap
            self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), now + self.chat_gap)
            if len(self._chat_free) > 20_000:
                self._chat_free = {c: t for c, t in self._chat_free.items() if t > now}

    @contextlib.asynccontextmanager
    async def sending(self, chat_id: int) -> AsyncIterator[None]:
        """`async with pacer.sending(chat): await bot.send_message(...)`: the request leaves
        when the limits allow, and holds its slot until a second after its answer."""
        await self.depart(chat_id)
        try:
            yield
        finally:
            self.answered(chat_id)

    def pause(self, seconds: float) -> None:
        """Telegram said RetryAfter: nothing goes out until then."""
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    async def wait_turn(self, chat_id: int) -> None:
        """The reservation stage alone, for a single message outside the row queue; then
        `sending` as for any row."""
        while True:
            now = time.monotonic()
            ready = max(self.global_ready_at(), self.chat_ready_at(chat_id))
            if ready <= now:
                self.reserve(chat_id, now)
                return
            await asyncio.sleep(ready - now)


def _retry_seconds(exc: RetryAfter) -> float:
    value = getattr(exc, "_retry_after", None)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return float(exc.retry_after if isinstance(exc.retry_after, int) else exc.retry_after.total_seconds())


# --- the worker ---------------------------------------------------------------------------


@dataclass
class _Outcome:
    status: str
    error: str | None = None
    count_attempt: bool = True


@dataclass
class OutboxWorker:
    application: AnyApplication
    pacing: Pacing = field(default_factory=Pacing)
    stats: Stats = field(default_factory=Stats)

    def __post_init__(self) -> None:
        deps = self.application.bot_data["deps"]
        assert isinstance(deps, Deps)
        self.db = deps.db
        self.pacer = Pacer(self.pacing)
        self._lock = asyncio.Lock()
        self._wake = asyncio.Event()
        self._slots = asyncio.Semaphore(max(1, self.pacing.max_in_flight))
        self._in_flight: set[asyncio.Task[None]] = set()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None
        self._touched: set[int] = set()
        self._last_progress = 0.0
        self._shown: dict[int, str] = {}
        self._reporting = asyncio.Lock()  # one progress report at a time (see report_progress)

    # -- lifecycle ----------------------------------------------------------------------

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._stopping = False
            self._task = asyncio.create_task(self._run(), name="outbox-worker")

    @property
    def stopping(self) -> bool:
        return self._stopping

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def wake(self) -> None:
        self._wake.set()

    async def stop(self, grace: float = 15.0) -> None:
        """Stop taking rows; in-flight sends finish and commit (no row is left `sending`)."""
        self._stopping = True
        self._wake.set()
        task = self._task
        if task is not None and not task.done():
            done, _ = await asyncio.wait({task}, timeout=grace)
            if not done:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        await self._wait_in_flight(grace)
        self._task = None

    def crash(self) -> None:
        """Tests: kill the loop at its current await, as a dying process would."""
        if self._task is not None:
            self._task.cancel()

    async def _run(self) -> None:
        try:
            await self.recover()
        except Exception:
            log.exception("outbox: could not recover interrupted rows")
        while not self._stopping:
            self._wake.clear()
            processed = 0
            try:
                processed = await self.run_once()
                # Idle with results not yet reported: finish those broadcasts now, not in 2 s.
                await self.report_progress(force=processed == 0 and bool(self._touched))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox: batch failed; retrying shortly")
            if processed == 0 and not self._stopping:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=self.pacing.idle_poll)

    # -- the work -------------------------------------------------------------------------

    async def recover(self) -> int:
        """Rows left `sending` by a process that died mid-send: delivery unknown, never resent."""
        async with self.db.session() as session:
            ids = (await session.exec(select(OutboxMessage.broadcast_id)
                                      .where(OutboxMessage.status == SENDING).distinct())).all()
            result = await session.exec(
                update(OutboxMessage).where(col(OutboxMessage.status) == SENDING)
                .values(status=FAILED, last_error=INTERRUPTED)
            )
            await session.commit()
        self._touched.update(i for i in ids if i is not None)
        if result.rowcount:
            log.warning("outbox: %d interrupted rows marked failed (not resent)", result.rowcount)
        return int(result.rowcount or 0)

    async def _claim(self) -> list[_Row]:
        now = utcnow()
        query = (
            select(OutboxMessage)
            .where(OutboxMessage.status == PENDING)
            .where((col(OutboxMessage.not_before).is_(None)) | (col(OutboxMessage.not_before) <= now))
            .order_by(col(OutboxMessage.id))
            .limit(self.pacing.batch_size)
        )
        async with self.db.session() as session:
            rows = (await session.exec(query)).all()
        return [_Row(r.id or 0, r.chat_id, r.employee_id, r.text, r.reply_markup, r.attempts, r.broadcast_id)
                for r in rows]

    async def run_once(self) -> int:
        """Send one batch of due pending rows; returns how many were handed to a send."""
        async with self._lock:
            queue = await self._claim()
            taken = 0
            while queue and not self._stopping:
                row = await self._next_ready(queue)
                taken += 1
                await self._slots.acquire()
                task = asyncio.create_task(self._deliver(row))
                self._in_flight.add(task)
                task.add_done_callback(self._finished)
                if time.monotonic() - self._last_progress >= self.pacing.progress_interval:
                    await self.report_progress()
            await self._wait_in_flight()
            return taken

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._in_flight.discard(task)
        self._slots.release()
        if not task.cancelled() and task.exception() is not None:
            log.error("outbox: delivery task failed", exc_info=task.exception())

    async def _wait_in_flight(self, grace: float | None = None) -> None:
        if self._in_flight:
            await asyncio.wait(set(self._in_flight), timeout=grace)

    async def _next_ready(self, queue: list[_Row]) -> _Row:
        """The first row whose chat may receive now, waiting for the global and chat gaps."""
        while True:
            now = time.monotonic()
            gate = self.pacer.global_ready_at()
            if gate > now:
                await asyncio.sleep(gate - now)
                continue
            soonest = float("inf")
            for index, row in enumerate(queue):
                ready = self.pacer.chat_ready_at(row.chat_id)
                if ready <= now:
                    del queue[index]
                    self.pacer.reserve(row.chat_id, now)
                    return row
                soonest = min(soonest, ready)
            await asyncio.sleep(max(0.0, soonest - now))

    async def _deliver(self, row: _Row) -> None:
        if not await self._mark_sending(row.id):
            return  # another worker took it (should not happen with the lock; harmless)
        outcome = await self._send(row)
        # Shielded: once Telegram answered, the status must reach the database.
        await asyncio.shield(self._record(row, outcome))

    async def _mark_sending(self, row_id: int) -> bool:
        async with self.db.session() as session:
            result = await session.exec(
                update(OutboxMessage)
                .where(col(OutboxMessage.id) == row_id, col(OutboxMessage.status) == PENDING)
                .values(status=SENDING)
            )
            await session.commit()
        return bool(result.rowcount == 1)

    async def _send(self, row: _Row) -> _Outcome:
        bot = self.application.bot
        try:
            markup = InlineKeyboardMarkup.de_json(row.reply_markup, bot) if row.reply_markup else None
            async with self.pacer.sending(row.chat_id):
                await bot.send_message(
                    row.chat_id, row.text, parse_mode=ParseMode.HTML, reply_markup=markup, **outbox_args(bot)
                )
        except RetryAfter as exc:
            seconds = _retry_seconds(exc)
            self.pacer.pause(seconds)
            self.stats.retry_after += 1
            log.info("outbox: RetryAfter %.1fs; pausing", seconds)
            return _Outcome(PENDING, f"RetryAfter {seconds:g}s", count_attempt=False)
        except Forbidden as exc:
            return _Outcome(BLOCKED, str(exc)[:500])
        except TimedOut as exc:
            # The request may have reached Telegram: not retried (at most once).
            return _Outcome(FAILED, f"TimedOut (delivery unknown): {exc}"[:500])
        except BadRequest as exc:
            return _Outcome(FAILED, f"BadRequest: {exc}"[:500])
        except TelegramError as exc:
            return self._retry_or_fail(row, f"{type(exc).__name__}: {exc}")
        except Exception as exc:
            log.exception("outbox: unexpected error sending row %s", row.id)
            return self._retry_or_fail(row, f"{type(exc).__name__}: {exc}")
        return _Outcome(SENT, count_attempt=False)  # `attempts` counts failed tries only

    def _retry_or_fail(self, row: _Row, error: str) -> _Outcome:
        if row.attempts + 1 >= self.pacing.max_attempts:
            return _Outcome(FAILED, error[:500])
        self.stats.retries += 1
        return _Outcome(PENDING, error[:500])

    async def _record(self, row: _Row, outcome: _Outcome) -> None:
        now = utcnow()
        attempts = row.attempts + (1 if outcome.count_attempt else 0)
        values: dict[str, Any] = {"status": outcome.status, "attempts": attempts, "last_error": outcome.error}
        if outcome.status == SENT:
            values["sent_at"] = now
        elif outcome.status == PENDING and outcome.count_attempt:
            values["not_before"] = now + dt.timedelta(seconds=self.pacing.retry_backoff * attempts)
        async with self.db.session() as session:
            await session.exec(
                update(OutboxMessage).where(col(OutboxMessage.id) == row.id).values(**values)
            )
            if outcome.status == BLOCKED and row.employee_id is not None:
                await session.exec(
                    update(Employee).where(col(Employee.id) == row.employee_id).values(blocked_at=now)
                )
            await session.commit()
        if outcome.status == SENT:
            self.stats.sent += 1
        elif outcome.status == FAILED:
            self.stats.failed += 1
        elif outcome.status == BLOCKED:
            self.stats.blocked += 1
        if row.broadcast_id is not None:
            self._touched.add(row.broadcast_id)

    async def next_due(self) -> float | None:
        """Seconds until the earliest pending row may go (0 = now), or None when none is pending."""
        async with self.db.session() as session:
            query = select(func.count(), func.min(OutboxMessage.not_before)).where(OutboxMessage.status == PENDING)
            count, earliest = (await session.exec(query)).one()
        if not count:
            return None
        if earliest is None:
            return 0.0
        if earliest.tzinfo is None:
            earliest = earliest.replace(tzinfo=dt.UTC)
        return max(0.0, (earliest - utcnow()).total_seconds())

    # -- progress reports -------------------------------------------------------------------

    async def report_progress(self, *, force: bool = False) -> None:
        """Edit admins' progress messages (every `progress_interval`) and finish done broadcasts.
        A report already under way (its edits wait out the admin chat's gap) is finished first,
        so `drain` returns with every report shown, whichever loop made it."""
        async with self._reporting:
            await self._report(force=force)

    async def _report(self, *, force: bool) -> None:
        now = time.monotonic()
        if not force and now - self._last_progress < self.pacing.progress_interval:
            return
        self._last_progress = now
        touched, self._touched = self._touched, set()
        async with self.db.session() as session:
            unfinished = (await session.exec(
                select(Broadcast).where(col(Broadcast.finished_at).is_(None)).order_by(col(Broadcast.id))
            )).all()
            reports: list[tuple[Broadcast, Progress, bool]] = []
            for broadcast in unfinished:
                progress = await progress_of(session, broadcast)
                if progress.done:
                    result = await session.exec(
                        update(Broadcast)
                        .where(col(Broadcast.id) == broadcast.id, col(Broadcast.finished_at).is_(None))
                        .values(finished_at=utcnow())
                    )
                    if result.rowcount == 1:
                        reports.append((broadcast, progress, True))
                elif broadcast.id in touched or broadcast.id not in self._shown:
                    reports.append((broadcast, progress, False))
            await session.commit()
        for broadcast, progress, final in reports:
            await self._show(broadcast, progress, final)

    async def _show(self, broadcast: Broadcast, progress: Progress, final: bool) -> None:
        if final:
            log.info("outbox: broadcast %s done: %s", broadcast.id, progress)
        chat_id = broadcast.progress_chat_id
        if chat_id is None:
            return
        bot = self.application.bot
        text = render("messages/admin_broadcast_progress.html.j2", broadcast=broadcast, p=progress, final=final)
        if broadcast.progress_message_id is not None and self._shown.get(broadcast.id or 0) != text:
            await self.pacer.wait_turn(chat_id)
            try:
                async with self.pacer.sending(chat_id):
                    await bot.edit_message_text(
                        text, chat_id, broadcast.progress_message_id, parse_mode=ParseMode.HTML,
                        **outbox_args(bot),
                    )
            except RetryAfter as exc:
                self.pacer.pause(_retry_seconds(exc))
            except TelegramError as exc:
                log.info("outbox: progress edit for broadcast %s failed: %s", broadcast.id, exc)
            self._shown[broadcast.id or 0] = text
        if final:
            self._shown.pop(broadcast.id or 0, None)
            await self.pacer.wait_turn(chat_id)
            try:
                async with self.pacer.sending(chat_id):
                    await bot.send_message(
                        chat_id,
                        render("messages/admin_broadcast_done.html.j2", broadcast=broadcast, p=progress),
                        parse_mode=ParseMode.HTML,
                    )
            except TelegramError as exc:
                log.warning("outbox: final report for broadcast %s failed: %s", broadcast.id, exc)


# --- module-level helpers -------------------------------------------------------------------


def worker_of(application: AnyApplication) -> OutboxWorker | None:
    worker = application.bot_data.get(WORKER_KEY)
    return worker if isinstance(worker, OutboxWorker) else None


def wake(application: AnyApplication) -> None:
    """A handler enqueued rows: let the worker (if it runs in this process) start at once."""
    worker = worker_of(application)
    if worker is not None:
        worker.wake()


async def drain(application: AnyApplication) -> None:
    """Send everything pending now (waiting out backoffs and RetryAfter) and return. For tests and
    tools; shares the worker's lock, so it never races the background loop."""
    worker = worker_of(application)
    if worker is None or worker.stopping:
        pacing = getattr(application.bot_data.get(JOBS_CONFIG_KEY), "pacing", None)
        worker = OutboxWorker(application, pacing if isinstance(pacing, Pacing) else Pacing())
    while True:
        if await worker.run_once():
            continue
        wait = await worker.next_due()
        if wait is None:
            break
        await asyncio.sleep(min(wait, 1.0) + 0.01)
    await worker.report_progress(force=True)
