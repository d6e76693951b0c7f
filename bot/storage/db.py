"""Engine and sessions. Admins paste plain URLs; the async driver is chosen here."""

from __future__ import annotations

import asyncio
import functools
import os
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import InvalidatePoolError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession


def async_url(url: str) -> str:
    """`sqlite:///x.db` -> aiosqlite, `postgresql://...` / `postgres://...` -> asyncpg."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    elif backend == "postgresql":
        parsed = parsed.set(drivername="postgresql+asyncpg")
    else:
        raise ValueError(f"DATABASE_URL tidak didukung: {backend} (pakai sqlite:/// atau postgresql://)")
    return parsed.render_as_string(hide_password=False)


def is_sqlite(url: str) -> bool:
    return make_url(async_url(url)).get_backend_name() == "sqlite"


def private_sqlite_file(url: str) -> None:
    """Create the SQLite file readable by its owner only (0600) before SQLite creates it with the
    umask's mode (usually world-readable); an existing file is tightened the same way. SQLite
    gives its -wal and -shm files the database file's mode."""
    database = make_url(async_url(url)).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    try:
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        os.close(fd)
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
    except OSError:
        return  # e.g. a read-only or foreign-owned file: SQLite reports what matters


BUSY_TIMEOUT_S = 30  # how long a statement waits for another process's write lock (off the loop)


class _Inline:
    """Stands in for aiosqlite's queue to its worker thread: runs the function at once."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as exc:
            if future is not None and not future.done():
                future.set_exception(exc)
            return
        if future is not None and not future.done():
            future.set_result(result)


class InlineSqliteConnection(aiosqlite.Connection):
    """aiosqlite's API without its thread: each call runs on the event loop's thread.

    aiosqlite hands every call (execute, fetch, close the cursor, commit...) to a worker thread
    and back, about 5 hand-offs per statement; under load those hand-offs and the GIL ping-pong
    they cause were a third of the bot's CPU. A statement on a local SQLite file in WAL mode takes
    microseconds, so here it runs inline, with SQLite's busy timeout at 0: when another process
    (a CLI command, a second replica) holds the write lock, the statement fails at once with
    "database is locked" and is run again in a worker thread that waits up to ``BUSY_TIMEOUT_S``
    for the lock, as aiosqlite did - the loop never sleeps in SQLite's busy handler. Within this
    process writers already take turns (``Database.write_session``).
    """

    def __init__(self, connector: Callable[[], sqlite3.Connection], iter_chunk_size: int = 64) -> None:
        super().__init__(connector, iter_chunk_size)
        self._tx = _Inline()  # type: ignore[assignment]

    def __await__(self) -> Any:
        return self._connect().__await__()  # no worker thread to start

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        try:
            return fn(*args, **kwargs)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
        return await asyncio.to_thread(self._patiently, fn, args, kwargs)

    def _patiently(self, fn: Callable[..., Any], args: Any, kwargs: Any) -> Any:
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        try:
            return fn(*args, **kwargs)
        finally:
            conn.execute("PRAGMA busy_timeout = 0")


def _inline_sqlite_creator(database: str) -> Callable[[], Any]:
    async def connect() -> InlineSqliteConnection:
        connector = functools.partial(sqlite3.connect, database, timeout=0, check_same_thread=False)
        connection = InlineSqliteConnection(connector)
        await connection._connect()
        return connection

    return connect


def inline_sqlite(url: str) -> bool:
    """A SQLite file: its statements run on the loop's thread (`InlineSqliteConnection`)."""
    if not is_sqlite(url):
        return False
    database = make_url(async_url(url)).database or ""
    return bool(database) and database != ":memory:" and not database.startswith("file:")


def create_engine(url: str) -> AsyncEngine:
    aurl = async_url(url)
    if is_sqlite(url):
        private_sqlite_file(url)
        database = make_url(aurl).database or ""
        # hide_parameters: an error must not carry a typed NIP or rencana kinerja into the logs.
        if inline_sqlite(url):
            engine = create_async_engine(aurl, async_creator=_inline_sqlite_creator(database), hide_parameters=True)
        else:
            engine = create_async_engine(aurl, connect_args={"timeout": BUSY_TIMEOUT_S}, hide_parameters=True)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            # WAL lets a second bot process read while one writes; foreign keys on.
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    engine = create_async_engine(aurl, pool_size=10, max_overflow=20, hide_parameters=True)
    ping_after_idle(engine)
    return engine


PING_AFTER_IDLE_S = 2.0


def ping_after_idle(engine: AsyncEngine) -> None:
    """Make sure a pooled PostgreSQL connection still works before using it - when it may not.

    SQLAlchemy's `pool_pre_ping` pings at every checkout; on asyncpg a ping is BEGIN, a query and
    ROLLBACK: three round trips before each update's own statements, about a tenth of the bot's
    CPU per update on deadline day (bench/bench_e2e.py --db postgresql). Here a connection is
    pinged only when it sat in the pool longer than `PING_AFTER_IDLE_S` - after a quiet spell,
    when a database restart may have passed unnoticed. A failed ping invalidates the whole pool,
    as `pool_pre_ping` does, and the checkout gets a new connection. A restart in the middle of a
    burst is seen by the first statement instead: SQLAlchemy then invalidates the pool too, that
    one update is answered "coba lagi" with nothing half-written, and the next goes through."""

    @event.listens_for(engine.sync_engine, "checkin")
    def _idle_from(_dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _ping_if_idle(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop("idle_since", None)
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_S:
            return  # a fresh connection, or one in use a moment ago
        try:
            dbapi_conn.ping()
        except Exception as exc:
            raise InvalidatePoolError(f"ping after {time.monotonic() - since:.0f} s idle failed: {exc}") from exc


class Database:
    """Owns the engine; `async with db.session() as s:` gives one unit of work."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        self._sessions = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)
        self._sqlite = is_sqlite(url)
        self._inline = inline_sqlite(url)
        self._writer = asyncio.Lock()

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        if not self._inline:
            # SQLAlchemy closes the session in a task of its own, so that a cancellation cannot
            # leave a connection half returned to the pool while the driver awaits.
            async with self._sessions() as session:
                yield session
            return
        # On a SQLite file every statement runs inline and closing never suspends, so nothing
        # can interrupt it: closed here directly, without the extra task and its two trips
        # through the event loop (every update opens a session).
        session = self._sessions()
        try:
            yield session
        finally:
            await session.close()

    @asynccontextmanager
    async def write_session(self) -> AsyncIterator[AsyncSession]:
        """A unit of work that writes and then commits quickly, without awaiting Telegram inside.

        SQLite has one writer at a time. Concurrent writers otherwise queue in SQLite's busy
        handler, which sleeps up to 100 ms between tries (the long tail under load), so on SQLite
        this process's writers take turns here instead. PostgreSQL locks rows: no queue."""
        if not self._sqlite:
            async with self.session() as session:
                yield session
            return
        async with self._writer, self.session() as session:
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()
