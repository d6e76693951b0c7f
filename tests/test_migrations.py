"""Alembic: up, down and up again on both databases, and the models match the migrations."""

from __future__ import annotations

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import bot.storage.models  # noqa: F401 - registers the tables
from bot.storage.db import create_engine
from bot.storage.migrate import downgrade, upgrade


def _diff(url: str) -> list[object]:
    async def go() -> list[object]:
        engine = create_engine(url)
        async with engine.connect() as connection:
            diff = await connection.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), SQLModel.metadata)
            )
        await engine.dispose()
        return list(diff)

    return asyncio.run(go())


def test_upgrade_downgrade_upgrade_and_no_drift(database_url: str) -> None:
    upgrade(database_url)
    downgrade(database_url, "base")
    upgrade(database_url)
    assert _diff(database_url) == []
