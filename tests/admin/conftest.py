"""Fixtures for the admin side: an app whose background jobs use fast pacing, a roster builder.

SQLite (a file in tmp_path) by default; tests that need PostgreSQL (the advisory lock) ask
for `pg_settings` and are skipped when it is not reachable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from sqlmodel import select

from bot.app import build_application
from bot.jobs import JobsConfig, jobs_of, stop_jobs
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.models import Employee, OutboxMessage, Period, Skp
from bot.testing.fake_telegram import FakeBotApi, FakeTelegram
from bot.tg.outbox_worker import Pacing
from tests.conftest import PG_AVAILABLE, fresh_pg_database

ADMIN_ID = 424242
WIB = dt.timezone(dt.timedelta(hours=7))

FAST = Pacing(
    global_per_second=2000, per_chat_per_second=0, per_chat_margin=0, max_in_flight=4, batch_size=100,
    progress_interval=0.05, idle_poll=0.05, retry_backoff=0.0,
)
FAST_JOBS = JobsConfig(pacing=FAST, leader_retry=0.2)


def make_settings(url: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=None,
        database_url=url,
        skp_admin_ids=[ADMIN_ID],
    )


@pytest.fixture
def admin_settings(tmp_path: Any) -> Settings:
    return make_settings(f"sqlite:///{tmp_path}/admin.sqlite3")


@pytest.fixture
def pg_settings() -> Iterator[Settings]:
    if not PG_AVAILABLE:
        pytest.skip("PostgreSQL at 127.0.0.1:5432 is not reachable")
    with fresh_pg_database("skp_admin") as url:
        yield make_settings(url)


class AdminHarness:
    """The real Application on a fake Bot API; restartable on the same database and fake."""

    def __init__(self, settings: Settings, api: FakeBotApi | None = None, config: JobsConfig = FAST_JOBS) -> None:
        self.settings = settings
        self.api = api or FakeBotApi()
        self.config = config
        self.app: Any = None
        self.tg: FakeTelegram | None = None

    async def start(self, config: JobsConfig | None = None) -> FakeTelegram:
        self.app = build_application(self.settings, request=self.api, get_updates_request=self.api)
        self.app.bot_data["jobs_config"] = config or self.config
        self.tg = FakeTelegram(self.app, self.api)
        await self.tg.__aenter__()
        return self.tg

    async def stop(self) -> None:
        if self.tg is not None:
            await stop_jobs(self.app)  # bot.app's post_shutdown may not call it yet
            await self.tg.__aexit__(None, None, None)
            self.tg = None

    async def restart(self, config: JobsConfig | None = None) -> FakeTelegram:
        await self.stop()
        return await self.start(config)

    @property
    def db(self) -> Database:
        db = self.app.bot_data["deps"].db
        assert isinstance(db, Database)
        return db

    @property
    def worker(self) -> Any:
        jobs = jobs_of(self.app)
        assert jobs is not None and jobs.worker is not None
        return jobs.worker

    def user(self, telegram_id: int, name: str = "Uji") -> Any:
        assert self.tg is not None
        return self.tg.user(telegram_id, name)


@pytest.fixture
async def admin_harness(admin_settings: Settings) -> AsyncIterator[AdminHarness]:
    h = AdminHarness(admin_settings)
    await h.start()
    try:
        yield h
    finally:
        await h.stop()


# --- data -------------------------------------------------------------------------------------


def nip_for(n: int) -> str:
    return f"19900101201501{n:04d}"


async def add_employees(
    db: Database,
    count: int,
    *,
    first: int = 1,
    unit: str | Any = "Bagian Umum",
    linked: bool = True,
    atasan_id: int | None = None,
    jenis: str = "pelaksana",
) -> list[Employee]:
    """Employees with telegram id = chat id = 100000 + n (private chats)."""
    employees = []
    async with db.session() as session:
        for n in range(first, first + count):
            unit_name = unit(n) if callable(unit) else unit
            employee = Employee(
                nip=nip_for(n), nama=f"PEGAWAI {n:04d}", pangkat="III/a", jabatan="Pengelola Data",
                jenis_jabatan=jenis, unit_kerja=unit_name, atasan_id=atasan_id,
                telegram_id=100000 + n if linked else None, chat_id=100000 + n if linked else None,
                linked_at=dt.datetime.now(dt.UTC) if linked else None,
            )
            session.add(employee)
            employees.append(employee)
        await session.commit()
    return employees


async def add_period(
    db: Database,
    *,
    name: str = "SKP Tahun 2027",
    start: dt.date = dt.date(2027, 1, 1),
    end: dt.date = dt.date(2027, 12, 31),
    submission: dt.date | None = dt.date(2027, 1, 15),
    approval: dt.date | None = dt.date(2027, 1, 31),
    active: bool = True,
) -> Period:
    async with db.session() as session:
        period = Period(name=name, start=start, end=end, submission_deadline=submission, approval_deadline=approval,
                        active=active)
        session.add(period)
        await session.commit()
        return period


async def add_skp(
    db: Database, employee: Employee, period: Period, status: str, penilai: Employee | None = None
) -> Skp:
    async with db.session() as session:
        now = dt.datetime.now(dt.UTC)
        skp = Skp(employee_id=employee.id or 0, period_id=period.id or 0, status=status,
                  penilai_id=penilai.id if penilai else employee.atasan_id,
                  submitted_at=now if status in {"SUBMITTED", "APPROVED"} else None,
                  approved_at=now if status == "APPROVED" else None)
        session.add(skp)
        await session.commit()
        return skp


async def outbox_rows(db: Database) -> list[OutboxMessage]:
    async with db.session() as session:
        return list((await session.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all())  # type: ignore[arg-type]


def sends_per_chat(api: FakeBotApi, *, delivered_only: bool = True) -> dict[int, int]:
    counts: dict[int, int] = {}
    for call in api.calls_to("sendMessage"):
        if delivered_only and call.status != 200:
            continue
        if isinstance(call.chat_id, int):
            counts[call.chat_id] = counts.get(call.chat_id, 0) + 1
    return counts
