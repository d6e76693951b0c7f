"""Background work armed at start: the outbox worker, the reminder scheduler, admin menus.

JobQueue jobs live in memory, so everything they need is in the database and re-armed here
(`arm_jobs`, from post_init). The worker and the scheduler must run once per deployment, not
once per process: on PostgreSQL this process takes `pg_try_advisory_lock(ADVISORY_LOCK_KEY)`
on a dedicated connection held for as long as it runs them; a process that does not get the
lock serves updates only and tries again every `leader_retry` seconds (and takes over if the
owner dies — PostgreSQL frees the lock with its connection). On SQLite there is one process.

Tests and tools may put a `JobsConfig` in `application.bot_data["jobs_config"]` before start
(faster pacing, no scheduler...). `stop_jobs` (call it from post_stop / post_shutdown, before
the database is disposed) stops everything cleanly; it is idempotent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection
from telegram.ext import Application, ContextTypes

from bot.services import reminders
from bot.storage.db import is_sqlite
from bot.tg import outbox_worker as outbox
from bot.tg.deps import Deps
from bot.tg.menus import refresh_admin_menus, refresh_changed_menus

log = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

ADVISORY_LOCK_KEY = 0x534B5001  # "SKP" + 1: the outbox worker and reminder scheduler owner
JOBS_KEY = "admin_jobs"
CONFIG_KEY = outbox.JOBS_CONFIG_KEY
REMINDER_JOB = "reminders"
MENU_JOB = "admin-menus"


@dataclass(frozen=True)
class JobsConfig:
    pacing: outbox.Pacing = field(default_factory=outbox.Pacing)
    reminder_interval: float = 300.0  # seconds between looks for due reminders
    menu_interval: float = 60.0  # seconds between looks for admin grants/revokes made by the CLI
    leader_retry: float = 30.0  # seconds between tries for the lock (and health checks of it)
    run_worker: bool = True
    run_scheduler: bool = True
    set_menus: bool = True


def jobs_config(application: AnyApplication) -> JobsConfig:
    config = application.bot_data.get(CONFIG_KEY)
    return config if isinstance(config, JobsConfig) else JobsConfig()


def _deps(application: AnyApplication) -> Deps:
    d = application.bot_data["deps"]
    assert isinstance(d, Deps)
    return d


class Leadership:
    """The right to run the worker and the scheduler (PostgreSQL advisory lock; SQLite: always)."""

    def __init__(self, application: AnyApplication) -> None:
        self.db = _deps(application).db
        self.sqlite = is_sqlite(self.db.url)
        self._conn: AsyncConnection | None = None

    @property
    def held(self) -> bool:
        return self.sqlite or self._conn is not None

    async def try_acquire(self) -> bool:
        if self.held:
            return True
        conn = await self.db.engine.connect()
        try:
            got = (await conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})).scalar()
            await conn.commit()  # a session-level lock: it outlives the transaction, not the connection
        except Exception:
            await conn.close()
            raise
        if got:
            self._conn = conn
            return True
        await conn.close()
        return False

    async def alive(self) -> bool:
        """Is the locked connection still there? (If it died, PostgreSQL freed the lock.)"""
        if self.sqlite:
            return True
        if self._conn is None:
            return False
        try:
            await self._conn.execute(text("SELECT 1"))
            await self._conn.commit()
        except Exception:
            log.warning("jobs: lost the connection holding the advisory lock")
            with contextlib.suppress(Exception):
                await self._conn.invalidate()
            self._conn = None
            return False
        return True

    async def release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            await conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
            await conn.commit()
        except Exception:
            log.warning("jobs: could not release the advisory lock cleanly", exc_info=True)
        finally:
            with contextlib.suppress(Exception):
                await conn.close()


class Jobs:
    """This process's background work, kept in bot_data so stop_jobs can find it."""

    def __init__(self, application: AnyApplication, config: JobsConfig) -> None:
        self.application = application
        self.config = config
        self.leadership = Leadership(application)
        self.worker: outbox.OutboxWorker | None = None
        self._watch: asyncio.Task[None] | None = None
        self._stopped = False

    @property
    def leader(self) -> bool:
        return self.leadership.held

    async def start(self) -> None:
        try:
            acquired = await self.leadership.try_acquire()
        except Exception:
            log.exception("jobs: could not try the advisory lock; will retry")
            acquired = False
        if acquired:
            await self._become_leader()
        else:
            log.info("jobs: another process runs the outbox worker and reminders; standing by")
        if not self.leadership.sqlite:
            self._watch = asyncio.create_task(self._watch_leadership(), name="jobs-leadership")

    async def _become_leader(self) -> None:
        if self.config.run_worker:
            self.worker = outbox.OutboxWorker(self.application, self.config.pacing)
            self.application.bot_data[outbox.WORKER_KEY] = self.worker
            self.worker.start()
        if self.config.run_scheduler:
            await check_reminders(self.application)  # catch up at once (e.g. down at 08:00)
            job_queue = self.application.job_queue
            if job_queue is None:
                log.warning("jobs: no JobQueue (install python-telegram-bot[job-queue]); reminders at start only")
            else:
                job_queue.run_repeating(_reminder_job, interval=self.config.reminder_interval,
                                        first=self.config.reminder_interval, name=REMINDER_JOB)
        if self.config.set_menus and self.application.job_queue is not None:
            # `skp-bot admin grant/revoke` cannot reach Telegram: the owner process sets the menu.
            self.application.job_queue.run_repeating(
                _menu_job, interval=self.config.menu_interval, first=self.config.menu_interval, name=MENU_JOB
            )

    async def _step_down(self) -> None:
        job_queue = self.application.job_queue
        if job_queue is not None:
            for job in (*job_queue.get_jobs_by_name(REMINDER_JOB), *job_queue.get_jobs_by_name(MENU_JOB)):
                job.schedule_removal()
        if self.worker is not None:
            await self.worker.stop()
            self.application.bot_data.pop(outbox.WORKER_KEY, None)
            self.worker = None

    async def _watch_leadership(self) -> None:
        while not self._stopped:
            await asyncio.sleep(self.config.leader_retry)
            try:
                if self.leadership.held:
                    if not await self.leadership.alive():
                        await self._step_down()
                elif await self.leadership.try_acquire():
                    log.info("jobs: took over the outbox worker and reminders")
                    await self._become_leader()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("jobs: leadership check failed")

    async def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if self._watch is not None:
            self._watch.cancel()
            await asyncio.gather(self._watch, return_exceptions=True)
        await self._step_down()
        await self.leadership.release()


async def check_reminders(application: AnyApplication) -> list[reminders.Due]:
    d = _deps(application)
    try:
        fired = await reminders.fire_due(
            d.db, d.settings.tz, outside=reminders.Outside(d.settings.skp_admin_ids, d.settings.skp_penilai_luar_nama)
        )
    except Exception:
        log.exception("reminders: check failed")
        return []
    if fired:
        outbox.wake(application)
    return fired


async def _reminder_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await check_reminders(context.application)


async def _menu_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    try:
        await refresh_changed_menus(context.application)
    except Exception:
        log.exception("admin menus: refresh failed")


async def arm_jobs(application: AnyApplication) -> None:
    """post_init: admin menus, then (if this process owns them) the worker and the scheduler."""
    config = jobs_config(application)
    if config.set_menus:
        try:
            await refresh_admin_menus(application)
        except Exception:
            log.exception("jobs: could not set the admin menus")
    jobs = Jobs(application, config)
    application.bot_data[JOBS_KEY] = jobs
    await jobs.start()


async def stop_jobs(application: AnyApplication) -> None:
    """post_stop / post_shutdown: stop the worker (in-flight sends finish), the scheduler, the lock."""
    jobs = application.bot_data.get(JOBS_KEY)
    if isinstance(jobs, Jobs):
        await jobs.stop()


def jobs_of(application: AnyApplication) -> Jobs | None:
    jobs = application.bot_data.get(JOBS_KEY)
    return jobs if isinstance(jobs, Jobs) else None
