"""End to end: the real ``skp-bot run`` (polling) against the fake Bot API over HTTP, N people
drafting, and a bare PTB echo bot on the same transport in the same run.

    python bench/bench_e2e.py                                  # 200 people, no pause, SQLite
    python bench/bench_e2e.py --think 3                        # people answer every ~3 s
    python bench/bench_e2e.py --db postgresql --think 3 --broadcast 5000
    python bench/bench_e2e.py --users 50 --items 1 --json

How it works:

* This process serves :class:`bot.testing.fake_telegram.FakeBotApi` over HTTP on 127.0.0.1
  (bot/testing/fake_telegram_server.py) with long polling (``getUpdates`` waits until an update
  is queued, as Telegram does) and sees every call the bot makes as it arrives.
* The database (a temp SQLite file, or a fresh PostgreSQL database with ``--db postgresql``,
  dropped afterwards) is migrated here, the demo organisation is loaded and N synthetic JF
  employees under the demo Kabid are inserted and linked to Telegram ids 100000+n (linking itself
  is not timed: activation codes are slow-hashed on purpose).
* ``skp-bot run`` is started as a subprocess with production settings (polling, its rate
  limiter, its outbox worker and scheduler), ``TELEGRAM_API_BASE_URL`` pointing here.
* Each simulated person drafts ``--items`` complete Kinerja Utama items through the wizard
  (bench/bench_drafting.py's script: /skp, buttons, texts), one step at a time: the update is
  queued for ``getUpdates`` and the person waits for the bot's answer - a typed message is
  answered by the bot's next message or edit in that chat, a button press by its
  ``answerCallbackQuery`` - then pauses ``--think`` x uniform(0.5, 1.5) seconds. Latency is the
  time from queueing the update to that answer (it includes the long-poll hop, as for Telegram).
  ``--duration S`` instead keeps everyone drafting items until S seconds have passed.
* ``--broadcast N`` links N more people and, a few seconds into the load, enqueues a broadcast to
  them the way another process would (one transaction, bot/services/broadcasts.enqueue); the bot's
  outbox worker sends it. The fake answers 429 when broadcast messages exceed 30 in any second or
  1 per chat per second (replies to the drafting people are not limited: Telegram has no overall
  limit on answering users); the broadcast rate and its 429s are reported.
* Then the bot is stopped (SIGINT) and the echo bot (bench/echo_polling_bot.py, same
  ``concurrent_updates``) serves the same number of people sending the same number of text
  messages per person with the same think time.

Exit code 1 when an update got no answer within ``--step-timeout``, a person saw an unexpected
screen, the database does not hold every item drafted, the broadcast did not finish, or a bot
process exited early.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import gc
import itertools
import json
import logging
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bot` and `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert
from sqlmodel import col, select

from bench.bench_drafting import AK, DEFAULT_PG_ADMIN_URL, RK_PHRASES, TARGETS, add_employees, database_url
from bench.loadgen import percentile
from bot.services.broadcasts import Recipient, enqueue
from bot.services.demo import load_demo_data
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.migrate import upgrade_async
from bot.storage.models import Broadcast, Employee, Indicator, Skp, SkpItem
from bot.testing.fake_telegram import FakeBotApi, FakeMessage, _command_entities
from bot.testing.fake_telegram_server import FakeTelegramServer

ROOT = Path(__file__).resolve().parents[1]
FIRST_TELEGRAM_ID = 100_000
FIRST_BROADCAST_ID = 600_000
TOKEN = "123456:BENCH"  # noqa: S105 - the fake Bot API accepts any token
ALLOWED_BROADCAST_PER_S = 30
_REPLY_METHODS = frozenset(
    {"sendMessage", "editMessageText", "editMessageReplyMarkup", "editMessageCaption", "sendDocument"}
)

log = logging.getLogger("bench_e2e")


# --------------------------------------------------------------------------------------------
# The fake Bot API, observed
# --------------------------------------------------------------------------------------------


@dataclass
class ChatCall:
    method: str
    status: int
    params: dict[str, Any]


class ObservedApi(FakeBotApi):
    """FakeBotApi with long polling, a per-chat call log that wakes the waiting person, and
    Telegram's broadcast limits (30 msg/s, 1 msg/s per chat) applied to broadcast chats only."""

    def __init__(self) -> None:
        super().__init__(long_poll=True, record_calls=False, enforce_limits=True)
        self.chat_calls: dict[int, list[ChatCall]] = {}
        self.chat_events: dict[int, asyncio.Event] = {}
        self.broadcast_chats: set[int] = set()
        self.broadcast_sent: list[float] = []
        self.broadcast_received: Counter[int] = Counter()  # per chat
        self.limited: list[str] = []  # each 429: which limit it was
        self.get_updates_calls = 0
        self.total_calls = 0

    def _check_rate(self, chat_id: int | str | None, now: float) -> None:
        if chat_id not in self.broadcast_chats:
            return
        window = [t for t in self._window_global if now - t < 1.0]
        try:
            super()._check_rate(chat_id, now)
        except Exception:  # the 429: which limit, and the arrivals of the second before it
            gaps = [round(1000 * (b - a), 1) for a, b in itertools.pairwise(window)]
            kind = "30/s" if len(window) >= self.global_per_second else "1/s per chat"
            into = now - self.broadcast_sent[0] if self.broadcast_sent else 0.0
            self.limited.append(
                f"{kind} at {into:.2f} s into the broadcast: {len(window)} in the last second, gaps ms {gaps}"
            )
            raise

    async def do_request(self, url: str, method: str, request_data: Any = None, *args: Any, **kwargs: Any) -> Any:
        status, payload = await super().do_request(url, method, request_data, *args, **kwargs)
        api_method = url.rsplit("/", 1)[-1]
        self.total_calls += 1
        if api_method == "getUpdates":
            self.get_updates_calls += 1
            return status, payload
        params = dict(request_data.parameters) if request_data is not None else {}
        chat: Any = params.get("chat_id")
        if api_method == "answerCallbackQuery":
            chat = str(params.get("callback_query_id", "")).split("-", 1)[0].lstrip("c")
        try:
            chat_id = int(str(chat))
        except ValueError:
            return status, payload
        if chat_id in self.broadcast_chats and api_method == "sendMessage" and status == 200:
            self.broadcast_sent.append(time.monotonic())
            self.broadcast_received[chat_id] += 1
        self.chat_calls.setdefault(chat_id, []).append(ChatCall(api_method, status, params))
        event = self.chat_events.get(chat_id)
        if event is not None:
            event.set()
        return status, payload

    async def wait_for(self, chat_id: int, done: Callable[[], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        event = self.chat_events.setdefault(chat_id, asyncio.Event())
        while not done():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            event.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)
        return True


# --------------------------------------------------------------------------------------------
# Simulated people
# --------------------------------------------------------------------------------------------


class StepFailed(Exception):
    pass


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    lost: int = 0
    failures: list[str] = field(default_factory=list)
    items_done: int = 0


class Person:
    def __init__(self, api: ObservedApi, user_id: int, stats: Stats, think: float, step_timeout: float) -> None:
        self.api = api
        self.user_id = user_id
        self.chat_id = user_id
        self.user_json = {"id": user_id, "is_bot": False, "first_name": f"Pengguna{user_id}", "language_code": "id"}
        self.chat_json = {"id": user_id, "type": "private", "first_name": f"Pengguna{user_id}"}
        self.stats = stats
        self.think = think
        self.step_timeout = step_timeout
        self.presses = 0
        self.updates = 0
        self._keyboard_before: tuple[int, int] | None = None
        api.register_chat(self.chat_json)

    # -- what the person sees --------------------------------------------------------------

    def _calls(self) -> list[ChatCall]:
        return self.api.chat_calls.setdefault(self.chat_id, [])

    def keyboard_message(self) -> FakeMessage | None:
        for msg in reversed(list(self.api.messages.get(self.chat_id, {}).values())):
            if msg.from_bot and not msg.deleted and msg.reply_markup:
                return msg
        return None

    def _keyboard_state(self) -> tuple[int, int] | None:
        msg = self.keyboard_message()
        return None if msg is None else (msg.message_id, len(msg.history))

    def screen(self) -> str:
        sent = [m for m in self.api.messages.get(self.chat_id, {}).values() if m.from_bot and not m.deleted]
        return (sent[-1].plain or "") if sent else ""

    @staticmethod
    def labels(msg: FakeMessage | None) -> list[str]:
        return [str(b.get("text", "")) for row in (msg.reply_markup if msg else None) or [] for b in row]

    @staticmethod
    def _pick(msg: FakeMessage | None, labels: tuple[str, ...]) -> tuple[str, dict[str, Any]] | None:
        """The first of ``labels`` on the keyboard: an exact label, else one button containing it."""
        flat = [b for row in (msg.reply_markup if msg else None) or [] for b in row]
        for label in labels:
            exact = [b for b in flat if b.get("text") == label]
            partial = [b for b in flat if label.casefold() in str(b.get("text", "")).casefold()]
            if len(exact) == 1:
                return label, exact[0]
            if not exact and len(partial) == 1:
                return label, partial[0]
        return None

    # -- acting ----------------------------------------------------------------------------

    async def pause(self) -> None:
        if self.think:
            await asyncio.sleep(random.uniform(0.5, 1.5) * self.think)

    async def _deliver(self, update: dict[str, Any], answered: Callable[[int], bool], what: str) -> None:
        since = len(self._calls())
        keyboard_before = self._keyboard_state()
        started = time.monotonic()
        self.api.queue_update(update)
        self.updates += 1
        ok = await self.api.wait_for(self.chat_id, lambda: answered(since), self.step_timeout)
        if not ok:
            self.stats.lost += 1
            raise StepFailed(f"user {self.user_id}: no answer to {what} within {self.step_timeout} s")
        self.stats.latencies.append(time.monotonic() - started)
        self._keyboard_before = keyboard_before

    async def send(self, text: str) -> None:
        await self.pause()
        entities = _command_entities(text)
        msg = self.api._new_message(
            self.chat_id, kind="text", text=text, plain=text, entities=entities, from_bot=False, sender_id=self.user_id
        )
        data: dict[str, Any] = {
            "message_id": msg.message_id,
            "date": msg.date,
            "chat": self.chat_json,
            "from": self.user_json,
            "text": text,
        }
        if entities:
            data["entities"] = entities
        update = {"update_id": self.api.next_update_id(), "message": data}

        def answered(since: int) -> bool:
            return any(c.method in _REPLY_METHODS and c.status == 200 for c in self._calls()[since:])

        await self._deliver(update, answered, repr(text))

    async def press(self, *labels: str) -> str:
        """Press the first of ``labels`` found on the latest keyboard, once the previous answer
        has produced a keyboard (new or edited); returns the label pressed."""
        before = self._keyboard_before

        def ready() -> bool:
            state = self._keyboard_state()
            if state is None or state == before:
                return False
            return self._pick(self.keyboard_message(), labels) is not None

        if not await self.api.wait_for(self.chat_id, ready, self.step_timeout):
            msg = self.keyboard_message()
            raise StepFailed(
                f"user {self.user_id}: none of {labels!r} on the keyboard {self.labels(msg)!r}; "
                f"screen {self.screen()[:200]!r}"
            )
        msg = self.keyboard_message()
        assert msg is not None
        label, button = self._pick(msg, labels) or ("", {})
        await self.pause()
        self.presses += 1
        callback_id = f"c{self.chat_id}-{self.presses}"
        update = {
            "update_id": self.api.next_update_id(),
            "callback_query": {
                "id": callback_id,
                "from": self.user_json,
                "chat_instance": f"ci{self.chat_id}",
                "data": button.get("callback_data"),
                "message": self.api.message_json(msg),
            },
        }

        def answered(since: int) -> bool:
            return any(
                c.method == "answerCallbackQuery" and c.params.get("callback_query_id") == callback_id
                for c in self._calls()[since:]
            )

        await self._deliver(update, answered, f"button {label!r}")
        return label

    async def wait_text(self, fragment: str) -> None:
        """Until the bot's latest message shows ``fragment`` (the answer may come in several calls)."""
        if not await self.api.wait_for(self.chat_id, lambda: fragment in self.screen(), self.step_timeout):
            raise StepFailed(f"user {self.user_id}: expected {fragment!r}, screen {self.screen()[:200]!r}")


async def draft_item(person: Person, n: int, k: int) -> None:
    """One complete Kinerja Utama item (bench/bench_drafting.py's script)."""
    await person.send("/skp")
    await person.press("Tambah rencana kinerja")
    await person.press("Kinerja Utama")
    await person.press("1")  # the Kabid's first approved item
    await person.send(RK_PHRASES[k % len(RK_PHRASES)].format(n=n))
    if await person.press("Tetap pakai teks saya", "1") == "Tetap pakai teks saya":
        await person.press("1")
    await person.wait_text("Target")
    await person.send(TARGETS[0])
    for target in TARGETS[1:]:
        await person.press("1")
        await person.wait_text("Target")
        await person.send(target)
    await person.wait_text("Angka kredit")
    await person.send(AK)
    await person.press("Simpan")
    await person.press("Selesai")


# --------------------------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------------------------


def _env(**values: str) -> dict[str, str]:
    fields = {name.upper() for name in Settings.model_fields}
    env = {k: v for k, v in os.environ.items() if k.upper() not in fields}
    env.update(values)
    env["PYTHONUNBUFFERED"] = "1"
    for key in ("NO_PROXY", "no_proxy"):
        env[key] = ",".join(filter(None, [env.get(key, ""), "127.0.0.1", "localhost"]))
    return env


def _skp_bot_command() -> list[str]:
    script = Path(sys.executable).parent / "skp-bot"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]


class Child:
    def __init__(self, name: str, cmd: list[str], env: dict[str, str], log_path: Path) -> None:
        self.name = name
        self.log_path = log_path
        self._log = log_path.open("wb")
        self.proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT)

    def check_alive(self) -> None:
        if self.proc.poll() is not None:
            raise RuntimeError(f"{self.name} exited with {self.proc.returncode}:\n{self.tail()}")

    def tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    async def stop(self, timeout: float = 20.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            deadline = time.monotonic() + timeout
            while self.proc.poll() is None and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return int(self.proc.returncode)


async def wait_polling(api: ObservedApi, child: Child, timeout: float = 60.0) -> None:
    """Until the child has asked for updates twice (started, and past its start-up calls)."""
    start = api.get_updates_calls
    deadline = time.monotonic() + timeout
    while api.get_updates_calls < start + 1:
        child.check_alive()
        if time.monotonic() > deadline:
            raise RuntimeError(f"{child.name} did not start polling within {timeout} s:\n{child.tail()}")
        await asyncio.sleep(0.05)


# --------------------------------------------------------------------------------------------
# Runs
# --------------------------------------------------------------------------------------------


@dataclass
class Phase:
    label: str
    users: int
    updates: int
    wall_s: float
    updates_per_s: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    lost: int
    failures: int
    first_failure: str
    cpu_s: float  # the bot process's user+system CPU seconds during the load
    driver_cpu_s: float = 0.0  # this process's (fake Bot API + simulated people)

    def format(self) -> str:
        return (
            f"[{self.label}] {self.users} people, {self.updates} updates in {self.wall_s:.1f} s -> "
            f"{self.updates_per_s:.1f} updates/s; latency ms p50 {self.p50_ms:.0f} p90 {self.p90_ms:.0f} "
            f"p99 {self.p99_ms:.0f} max {self.max_ms:.0f}; lost {self.lost}, failed people {self.failures}; "
            f"bot CPU {self.cpu_s:.1f} s ({1000 * self.cpu_s / max(self.updates, 1):.1f} ms/update), "
            f"driver CPU {self.driver_cpu_s:.1f} s"
        )


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def run_people(
    label: str,
    api: ObservedApi,
    child: Child,
    users: int,
    scenario: Callable[[Person, int], Awaitable[None]],
    think: float,
    step_timeout: float,
) -> tuple[Phase, Stats, list[Person]]:
    stats = Stats()
    people = [Person(api, FIRST_TELEGRAM_ID + n, stats, think, step_timeout) for n in range(users)]

    async def one(person: Person, n: int) -> None:
        if think:  # spread the first steps over one think time, as people arrive
            await asyncio.sleep(random.uniform(0, think))
        try:
            await scenario(person, n)
        except StepFailed as exc:
            stats.failures.append(str(exc))

    cpu_before = _cpu_seconds(child.proc.pid)
    own_before = _cpu_seconds(os.getpid())
    started = time.monotonic()
    await asyncio.gather(*(one(p, n) for n, p in enumerate(people)))
    wall = time.monotonic() - started
    cpu = _cpu_seconds(child.proc.pid) - cpu_before
    own = _cpu_seconds(os.getpid()) - own_before
    ms = [x * 1000 for x in stats.latencies]
    phase = Phase(
        label=label,
        users=users,
        updates=len(ms),
        wall_s=wall,
        updates_per_s=len(ms) / wall if wall else 0.0,
        p50_ms=percentile(ms, 50),
        p90_ms=percentile(ms, 90),
        p99_ms=percentile(ms, 99),
        max_ms=max(ms, default=0.0),
        lost=stats.lost,
        failures=len(stats.failures),
        first_failure=stats.failures[0] if stats.failures else "",
        cpu_s=cpu,
        driver_cpu_s=own,
    )
    return phase, stats, people


async def count_complete_items(db: Database, nips: list[str]) -> int:
    ours = select(Employee.id).where(col(Employee.nip).in_(nips))
    async with db.session() as session:
        skp_ids = select(Skp.id).where(col(Skp.employee_id).in_(ours))
        complete = select(SkpItem.id).where(col(SkpItem.skp_id).in_(skp_ids), col(SkpItem.complete).is_(True))
        full = (
            select(Indicator.item_id)
            .where(col(Indicator.item_id).in_(complete), col(Indicator.target_value).is_not(None))
            .group_by(col(Indicator.item_id))
            .having(func.count(col(Indicator.id)) == 3)
        )
        return int((await session.exec(select(func.count()).select_from(full.subquery()))).one())


@dataclass
class BroadcastResult:
    recipients: int
    sent: int
    rate_per_s: float
    share_of_30: float
    http_429: int
    finished: bool
    busiest_1s: int
    limited: list[str]
    reached: int = 0  # distinct people who got it
    twice: int = 0  # people who got it more than once


async def add_broadcast_people(db: Database, n: int) -> list[Recipient]:
    now = dt.datetime.now(dt.UTC)
    rows = [
        {"nip": f"1985010120100{k:05d}", "nama": f"PENERIMA {k}", "jabatan": "Pelaksana", "jenis_jabatan": "pelaksana",
         "unit_kerja": f"Unit {k % 40}", "pangkat": "", "telegram_id": FIRST_BROADCAST_ID + k,
         "chat_id": FIRST_BROADCAST_ID + k, "linked_at": now, "is_admin": False}
        for k in range(n)
    ]
    async with db.session() as session:
        await session.exec(insert(Employee), params=rows)
        await session.commit()
        employees = (
            await session.exec(select(Employee).where(col(Employee.telegram_id) >= FIRST_BROADCAST_ID))
        ).all()
    return [Recipient(e.chat_id or 0, e.id, f"Pengumuman uji untuk {e.nama}") for e in employees]


async def start_broadcast(db: Database, recipients: list[Recipient]) -> int:
    async with db.session() as session:
        broadcast = await enqueue(
            session, created_by=FIRST_BROADCAST_ID - 1, kind="siaran", text="Bench", audience="all",
            recipients=recipients,
        )
        await session.commit()
        return int(broadcast.id or 0)


async def broadcast_finished(db: Database, broadcast_id: int) -> bool:
    async with db.session() as session:
        row = (await session.exec(select(Broadcast).where(Broadcast.id == broadcast_id))).one()
        return row.finished_at is not None


def _busiest_window(times: list[float]) -> int:
    best, window = 0, deque[float]()
    for t in times:
        window.append(t)
        while t - window[0] >= 1.0:
            window.popleft()
        best = max(best, len(window))
    return best


async def run(args: argparse.Namespace) -> dict[str, Any]:
    random.seed(args.seed)
    api = ObservedApi()
    result: dict[str, Any] = {"users": args.users, "think_s": args.think, "db": args.db}
    async with FakeTelegramServer(api) as server, database_url(args.db, args.pg_admin_url) as url:
        # -- the database, as an operator would have it before deadline day
        db = Database(url)
        try:
            await upgrade_async(db.engine, db.url)
            await load_demo_data(db)
            nips = await add_employees(db, args.users)
            recipients = await add_broadcast_people(db, args.broadcast) if args.broadcast else []
        finally:
            await db.dispose()
        api.broadcast_chats = {r.chat_id for r in recipients}

        tmp = Path(tempfile.mkdtemp(prefix="skp-e2e-"))
        env = _env(
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=server.url,
            DATABASE_URL=url,
            **dict(setting.split("=", 1) for setting in args.bot_env),
        )
        command = [*_skp_bot_command(), "run"]
        if args.profile:  # the same bot under cProfile, dumped when it stops (SIGINT ends run_polling)
            command = [sys.executable, "-m", "cProfile", "-o", args.profile, "-m", "bot.cli", "run"]
        bot = Child("skp-bot run", command, env, tmp / "skp-bot.log")
        bot_rc = 0
        broadcast: BroadcastResult | None = None
        try:
            await wait_polling(api, bot)

            async def drafting(person: Person, n: int) -> None:
                k = 0
                deadline = time.monotonic() + args.duration if args.duration else None
                while (deadline is None and k < args.items) or (deadline is not None and time.monotonic() < deadline):
                    await draft_item(person, n, k)
                    person.stats.items_done += 1
                    k += 1

            broadcast_task: asyncio.Task[BroadcastResult] | None = None
            if recipients:
                broadcast_task = asyncio.create_task(_broadcast(api, url, recipients, args.broadcast_delay))
            bot_phase, stats, people = await run_people(
                "skp-bot", api, bot, args.users, drafting, args.think, args.step_timeout
            )
            if broadcast_task is not None:
                broadcast = await broadcast_task
            bot.check_alive()
        finally:
            bot_rc = await bot.stop()
        db = Database(url)
        try:
            complete = await count_complete_items(db, nips)
        finally:
            await db.dispose()
        per_person = [p.updates for p in people]
        result["bot"] = asdict(bot_phase)
        result["db_check"] = {"items_drafted": stats.items_done, "complete_in_db": complete}
        result["bot_exit_code"] = bot_rc
        result["bot_log"] = str(tmp / "skp-bot.log")
        if broadcast is not None:
            result["broadcast"] = asdict(broadcast)

        # -- the echo bot on the same transport, the same people and updates per person
        if not args.no_echo:
            echo = Child(
                "echo bot",
                [sys.executable, str(ROOT / "bench" / "echo_polling_bot.py"), "--base-url", server.url,
                 "--concurrent-updates", str(Settings.model_fields["skp_concurrent_updates"].default),
                 "--client", args.echo_client],
                _env(),
                tmp / "echo.log",
            )
            try:
                await wait_polling(api, echo)

                async def chatting(person: Person, n: int) -> None:
                    for i in range(per_person[n]):
                        await person.send(f"pesan {i} dari {person.user_id}")

                echo_phase, _, _ = await run_people(
                    "echo bot", api, echo, args.users, chatting, args.think, args.step_timeout
                )
            finally:
                await echo.stop()
            result["echo"] = asdict(echo_phase)
            result["echo_client"] = args.echo_client
            result["ratio"] = bot_phase.updates_per_s / echo_phase.updates_per_s if echo_phase.updates_per_s else 0.0
    return result


async def _broadcast(api: ObservedApi, url: str, recipients: list[Recipient], delay: float) -> BroadcastResult:
    await asyncio.sleep(delay)
    db = Database(url)
    try:
        broadcast_id = await start_broadcast(db, recipients)
        finished = False
        deadline = time.monotonic() + len(recipients) / 10 + 60
        while time.monotonic() < deadline:
            await asyncio.sleep(1.0)
            if await broadcast_finished(db, broadcast_id):
                finished = True
                break
    finally:
        await db.dispose()
    times = api.broadcast_sent
    rate = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 and times[-1] > times[0] else 0.0
    return BroadcastResult(
        recipients=len(recipients),
        sent=len(times),
        rate_per_s=rate,
        share_of_30=rate / ALLOWED_BROADCAST_PER_S,
        http_429=api.rate_limited_429,
        finished=finished,
        busiest_1s=_busiest_window(times),
        limited=list(api.limited),
        reached=len(api.broadcast_received),
        twice=sum(1 for n in api.broadcast_received.values() if n > 1),
    )


def format_report(result: dict[str, Any]) -> str:
    lines = [f"bench_e2e: {result['users']} people, think {result['think_s']} s, database {result['db']}"
             + (f", echo bot on {result['echo_client']}" if "echo" in result else "")]
    bot = Phase(**result["bot"])
    lines.append("  " + bot.format())
    if "echo" in result:
        echo = Phase(**result["echo"])
        lines.append("  " + echo.format())
        lines.append(
            f"  ratio skp-bot/echo throughput: {result['ratio']:.2f}; p99 skp-bot {bot.p99_ms:.0f} ms "
            f"vs echo {echo.p99_ms:.0f} ms"
        )
    check = result["db_check"]
    lines.append(f"  DB check: {check['complete_in_db']} complete items / {check['items_drafted']} drafted")
    if "broadcast" in result:
        b = result["broadcast"]
        lines.append(
            f"  broadcast: {b['sent']}/{b['recipients']} sent at {b['rate_per_s']:.1f} msg/s "
            f"({b['share_of_30']:.0%} of 30), busiest second {b['busiest_1s']}, 429s {b['http_429']}, "
            f"finished {b['finished']}; {b['reached']} people reached, {b['twice']} twice"
        )
        lines.extend(f"    429 ({what})" for what in b["limited"])
    return "\n".join(lines)


def failures_of(result: dict[str, Any]) -> list[str]:
    problems = []
    for key in ("bot", "echo"):
        phase = result.get(key)
        if phase and (phase["lost"] or phase["failures"]):
            problems.append(f"{key}: {phase['lost']} update(s) unanswered, {phase['failures']} people failed; "
                            f"first: {phase['first_failure']}")
    check = result["db_check"]
    if check["complete_in_db"] != check["items_drafted"]:
        problems.append(f"database holds {check['complete_in_db']} complete items, {check['items_drafted']} drafted")
    if result.get("bot_exit_code") not in (0, None):
        problems.append(f"skp-bot exited with {result['bot_exit_code']} (log {result['bot_log']})")
    b = result.get("broadcast")
    if b and (not b["finished"] or b["reached"] < b["recipients"]):
        problems.append(f"broadcast unfinished: {b['reached']}/{b['recipients']} people reached")
    if b and b["twice"]:
        problems.append(f"broadcast: {b['twice']} people got it more than once")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--items", type=int, default=2, help="complete items each person drafts (2)")
    parser.add_argument("--duration", type=float, default=0.0, help="instead of --items: draft for S seconds")
    parser.add_argument("--think", type=float, default=0.0, help="mean pause before each step, s (0: saturation)")
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--pg-admin-url", default=DEFAULT_PG_ADMIN_URL)
    parser.add_argument("--broadcast", type=int, default=0, help="broadcast to N more people during the load")
    parser.add_argument("--broadcast-delay", type=float, default=3.0, help="seconds into the load (3)")
    parser.add_argument("--step-timeout", type=float, default=60.0, help="an update unanswered this long is lost")
    parser.add_argument("--no-echo", action="store_true", help="skip the echo bot")
    parser.add_argument("--echo-client", choices=["httpx", "aiohttp"], default="httpx",
                        help="the echo bot's HTTP client: PTB's default httpx (the bare baseline) or the "
                             "aiohttp client skp-bot uses (bot/tg/http_client.py)")
    parser.add_argument("--emulator-loop", choices=["asyncio", "uvloop"], default="asyncio",
                        help="event loop of this process (the fake Telegram, the people): uvloop stamps "
                             "arrivals with less delay under load (asyncio)")
    parser.add_argument("--bot-env", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting for skp-bot run, e.g. SKP_EVENT_LOOP=asyncio (repeatable; "
                             "the caller's own SKP_*/DATABASE_URL/TELEGRAM_* are never passed on)")
    parser.add_argument("--profile", metavar="PATH", help="run the bot under cProfile, stats dumped to PATH")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    load_before = os.getloadavg()
    # This process plays Telegram (and the people): its own collector pauses would bunch the
    # arrival times it stamps and count them against the bot (a 30 ms pause makes 31 sends that
    # left 1.03 s apart arrive within a second). Long-lived objects out of the collector's sight.
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
    if args.emulator_loop == "uvloop":  # the fake Telegram and the people on libuv (a steadier clock)
        import uvloop

        result = uvloop.run(run(args))
    else:
        result = asyncio.run(run(args))
    result["host"] = {"cpus": os.cpu_count(), "loadavg_before": load_before, "loadavg_after": os.getloadavg()}
    print(json.dumps(result, indent=2) if args.json else format_report(result))
    problems = failures_of(result)
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
