"""Shared fixtures: a database per test (SQLite always, PostgreSQL when reachable), the real
Application on the fake Bot API, and the seed's demo organisation."""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from bot.app import build_application
from bot.services.demo import load_demo_data
from bot.services.linking import link_directly
from bot.settings import Settings
from bot.storage.db import Database
from bot.testing.fake_telegram import FakeBotApi, FakeTelegram

PG_HOST, PG_PORT = "127.0.0.1", 5432
PG_ADMIN_URL = os.environ.get("SKP_TEST_PG_URL", f"postgresql://postgres@{PG_HOST}:{PG_PORT}/test")


def _pg_reachable() -> bool:
    if os.environ.get("SKP_TEST_NO_PG"):
        return False
    try:
        with socket.create_connection((PG_HOST, PG_PORT), timeout=0.5):
            return True
    except OSError:
        return False


PG_AVAILABLE = _pg_reachable()
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgresql: needs PostgreSQL at 127.0.0.1:5432 (skipped otherwise)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if PG_AVAILABLE:
        return
    skip = pytest.mark.skip(reason="PostgreSQL at 127.0.0.1:5432 is not reachable")
    for item in items:
        if "postgresql" in item.keywords:
            item.add_marker(skip)


async def _pg_admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN_URL.replace("postgresql://", "postgres://"))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@contextmanager
def fresh_pg_database(prefix: str = "skp_test") -> Iterator[str]:
    """A new, empty PostgreSQL database for one test; dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/skp.sqlite3"
        return
    with fresh_pg_database() as url:
        yield url


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=None,
        database_url=database_url,
        skp_admin_ids=[424242],
    )


class BotHarness:
    """The real Application on a fake Bot API, restartable on the same database."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.api = FakeBotApi()
        self.app: Any = None
        self.tg: FakeTelegram | None = None

    async def start(self) -> FakeTelegram:
        self.app = build_application(self.settings, request=self.api, get_updates_request=self.api)
        self.tg = FakeTelegram(self.app, self.api)
        await self.tg.__aenter__()
        return self.tg

    async def stop(self) -> None:
        if self.tg is not None:
            await self.tg.__aexit__(None, None, None)
            self.tg = None

    async def restart(self) -> FakeTelegram:
        """Kill and start again: a new Application, same database, same fake Telegram."""
        await self.stop()
        return await self.start()

    @property
    def db(self) -> Database:
        return self.app.bot_data["deps"].db


@pytest.fixture
async def harness(settings: Settings) -> AsyncIterator[BotHarness]:
    h = BotHarness(settings)
    await h.start()
    try:
        yield h
    finally:
        await h.stop()


@pytest.fixture
async def demo(harness: BotHarness) -> dict[str, str]:
    """The seed's organisation; returns {nip: activation code}."""
    return await load_demo_data(harness.db)


async def linked_user(harness: BotHarness, nip: str, telegram_id: int, name: str = "Uji") -> Any:
    await link_directly(harness.db, nip, telegram_id, telegram_id)
    assert harness.tg is not None
    return harness.tg.user(telegram_id, name)
