"""Background jobs armed at start (reminders, the broadcast outbox worker)."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application


async def arm_jobs(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Filled in by the admin side: re-arm reminder schedules and the outbox worker from the DB."""
