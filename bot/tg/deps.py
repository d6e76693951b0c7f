"""What handlers need from the application, in one typed place (bot_data holds it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram.ext import CallbackContext

from bot.services import admins
from bot.settings import Settings
from bot.storage.db import Database


@dataclass
class Deps:
    settings: Settings
    db: Database


def deps(context: CallbackContext[Any, Any, Any, Any]) -> Deps:
    value = context.application.bot_data["deps"]
    assert isinstance(value, Deps)
    return value


async def user_is_admin(d: Deps, telegram_id: int) -> bool:
    """Admin rights, read fresh (a grant or revoke applies at once)."""
    async with d.db.session() as session:
        return await admins.is_admin(session, d.settings.skp_admin_ids, telegram_id)
