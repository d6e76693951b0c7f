"""A database error logs no personal data (SQL parameters hidden, the error handler logs the class,
the update id and the code location only); the SQLite file is readable by its owner only."""

from __future__ import annotations

import asyncio
import logging
import os
import stat
from pathlib import Path

from sqlalchemy import text

from bot.services.demo import SEKAR_NIP
from bot.storage.db import Database, is_sqlite
from bot.storage.migrate import upgrade
from tests.conftest import linked_user
from tests.flows.helpers import open_new_item

RK = "Data RAHASIA kepegawaian yang valid dan akurat"

SQLITE_TRIGGER = """
CREATE TRIGGER refuse_rk BEFORE UPDATE OF rencana_kinerja ON skpitem
WHEN NEW.rencana_kinerja LIKE '%RAHASIA%' BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END
"""
PG_FUNCTION = """
CREATE FUNCTION refuse_rk() RETURNS trigger AS $$ BEGIN
  IF NEW.rencana_kinerja LIKE '%RAHASIA%' THEN RAISE EXCEPTION 'refused by a test trigger'; END IF;
  RETURN NEW; END $$ LANGUAGE plpgsql
"""
PG_TRIGGER = "CREATE TRIGGER refuse_rk BEFORE UPDATE ON skpitem FOR EACH ROW EXECUTE FUNCTION refuse_rk()"


async def test_a_database_error_logs_neither_the_rencana_kinerja_nor_the_nip(harness, demo, caplog):
    caplog.set_level(logging.INFO)  # what `skp-bot run` logs (aiosqlite's DEBUG prints statements)
    async with harness.db.engine.begin() as conn:
        if is_sqlite(harness.db.url):
            await conn.execute(text(SQLITE_TRIGGER))
        else:
            await conn.execute(text(PG_FUNCTION))
            await conn.execute(text(PG_TRIGGER))
    sekar = await linked_user(harness, SEKAR_NIP, 8701, "Sekar")
    await open_new_item(sekar)
    await sekar.press("1")
    harness.tg.raise_errors = False
    caplog.clear()
    await sekar.send(RK)
    errors = [r for r, e in [(r, r.levelno >= logging.ERROR) for r in caplog.records] if e]
    assert errors, "the database error was not logged"
    assert any("error" in r.getMessage() and "while handling update" in r.getMessage() for r in errors)
    assert harness.tg.errors, "the trigger did not fire"
    for record in caplog.records:
        logged = record.getMessage() + (record.exc_text or "") + str(record.exc_info or "")
        for secret in ("RAHASIA", SEKAR_NIP):
            assert secret not in logged, (secret, record.name, logged[:300])
    assert "RAHASIA" not in str(harness.tg.errors[-1][1])  # hide_parameters: not even in the exception


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_the_sqlite_file_is_created_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)  # the usual umask: files come out 0644 unless created otherwise
    try:
        migrated = tmp_path / "migrated.sqlite3"
        await asyncio.to_thread(upgrade, f"sqlite:///{migrated}")  # `skp-bot db upgrade`
        assert _mode(migrated) == 0o600
        fresh = tmp_path / "fresh.sqlite3"
        db = Database(f"sqlite:///{fresh}")
        async with db.session() as session:
            await session.exec(text("CREATE TABLE t (x INTEGER)"))  # type: ignore[call-overload]
            await session.commit()
        await db.dispose()
        assert _mode(fresh) == 0o600
        for extra in tmp_path.glob("*-wal"):
            assert _mode(extra) == 0o600, extra
        loose = tmp_path / "loose.sqlite3"
        loose.touch(mode=0o644)
        Database(f"sqlite:///{loose}")
        assert _mode(loose) == 0o600  # an existing world-readable file is tightened
    finally:
        os.umask(old)
