"""Service tests: the use cases on a real database (SQLite, and PostgreSQL when reachable), no PTB."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.services.demo import load_demo_data
from bot.storage.db import Database
from bot.storage.migrate import upgrade_async


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    await upgrade_async(database.engine, database.url)
    await load_demo_data(database)
    try:
        yield database
    finally:
        await database.dispose()
