"""Engine and sessions. Admins paste plain URLs; the async driver is chosen here."""

from __future__ import annotations

import asyncio
import functools
import os
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite
from sqlalchemy import event
from sqlalchemy.engine import make_url
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


def create_engine(url: str) -> AsyncEngine:
    aurl = async_url(url)
    if is_sqlite(url):
        private_sqlite_file(url)
        database = make_url(aurl).database or ""
        file_db = bool(database) and database != ":memory:" and not database.startswith("file:")
        # hide_parameters: an error must not carry a typed NIP or rencana kinerja into the logs.
        if file_db:
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
    return create_async_engine(aurl, pool_size=10, max_overflow=20, pool_pre_ping=True, hide_parameters=True)


class Database:
    """Owns the engine; `async with db.session() as s:` gives one unit of work."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        self._sessions = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)
        self._sqlite = is_sqlite(url)
        self._writer = asyncio.Lock()

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        async with self._sessions() as session:
            yield session

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
