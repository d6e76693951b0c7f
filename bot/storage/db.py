"""Engine and sessions. Admins paste plain URLs; the async driver is chosen here."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

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


def create_engine(url: str) -> AsyncEngine:
    aurl = async_url(url)
    if is_sqlite(url):
        private_sqlite_file(url)
        # hide_parameters: an error must not carry a typed NIP or rencana kinerja into the logs.
        engine = create_async_engine(aurl, connect_args={"timeout": 30}, hide_parameters=True)

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
