"""PostgreSQL restarted under the bot (every server connection cut): the bot finds out before
using a pooled connection that sat idle, and mid-burst loses at most one answer, never half."""

from __future__ import annotations

import pytest

import bot.storage.db as db_module
from tests.conftest import BACKENDS, PG_ADMIN_URL
from tests.faults.test_faults import _at_kuantitas_target, _kuantitas_target

POSTGRES_ONLY = pytest.mark.parametrize("database_url", [BACKENDS[1]], indirect=True)


async def _cut_every_connection(database_url: str) -> int:
    """What a PostgreSQL restart does to the bot's pooled connections."""
    import asyncpg

    name = database_url.rsplit("/", 1)[1]
    admin = await asyncpg.connect(PG_ADMIN_URL.replace("postgresql://", "postgres://"))
    try:
        cut = await admin.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = $1 AND pid <> pg_backend_pid()",
            name,
        )
    finally:
        await admin.close()
    return int(cut)


@POSTGRES_ONLY
async def test_after_a_quiet_spell_a_restart_goes_unnoticed(harness, demo, database_url, monkeypatch):
    sekar = await _at_kuantitas_target(harness, 9201)
    assert await _cut_every_connection(database_url) >= 1
    monkeypatch.setattr(db_module, "PING_AFTER_IDLE_S", 0.0)  # as if the pool sat idle for long
    await sekar.send("2 dokumen")
    assert "kualitas" in sekar.last.plain.lower() and "coba lagi" not in sekar.last.plain
    assert await _kuantitas_target(harness) == ("2", "dokumen")


@POSTGRES_ONLY
async def test_a_restart_mid_burst_costs_one_retry_and_nothing_half_written(harness, demo, database_url, monkeypatch):
    sekar = await _at_kuantitas_target(harness, 9202)
    assert harness.tg is not None
    harness.tg.raise_errors = False
    monkeypatch.setattr(db_module, "PING_AFTER_IDLE_S", 3600.0)  # connections in use a moment ago: no ping
    assert await _cut_every_connection(database_url) >= 1
    await sekar.send("2 dokumen")
    assert "coba lagi" in sekar.last.plain
    assert await _kuantitas_target(harness) == (None, None)  # nothing half-written
    await sekar.send("2 dokumen")  # the pool was renewed: the same answer goes through
    assert "kualitas" in sekar.last.plain.lower()
    assert await _kuantitas_target(harness) == ("2", "dokumen")
