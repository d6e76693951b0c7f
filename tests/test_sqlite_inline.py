"""SQLite runs on the event loop's thread (bot/storage/db.py InlineSqliteConnection), and a write
lock held by another process is waited for off the loop, as aiosqlite's thread did."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

from sqlalchemy import text

from bot.storage.db import Database, InlineSqliteConnection


async def test_statements_run_inline_and_a_foreign_write_lock_is_waited_for(tmp_path: Path) -> None:
    path = tmp_path / "inline.sqlite3"
    db = Database(f"sqlite:///{path}")
    try:
        async with db.session() as session:
            await session.exec(text("CREATE TABLE t (x INTEGER)"))  # type: ignore[call-overload]
            await session.commit()
            raw = await (await session.connection()).get_raw_connection()
            assert isinstance(raw.driver_connection, InlineSqliteConnection)
        threads_before = threading.active_count()

        other = sqlite3.connect(path, isolation_level=None)  # "another process"
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO t VALUES (1)")

        async def write() -> None:
            async with db.session() as session:
                await session.exec(text("INSERT INTO t VALUES (2)"))  # type: ignore[call-overload]
                await session.commit()

        writer = asyncio.create_task(write())
        ticks = 0
        while not writer.done() and ticks < 20:  # the loop keeps running while the writer waits
            await asyncio.sleep(0.01)
            ticks += 1
        assert not writer.done() and ticks == 20
        other.execute("COMMIT")
        other.close()
        await asyncio.wait_for(writer, 10)
        async with db.session() as session:
            rows = (await session.exec(text("SELECT x FROM t ORDER BY x"))).all()  # type: ignore[call-overload]
        assert [r[0] for r in rows] == [1, 2]
        assert threading.active_count() <= threads_before + 1  # no aiosqlite thread per connection
    finally:
        await db.dispose()
