"""Who is acting, from a Telegram account: an employee of the roster, an admin (who may act for a
penilai outside the roster), and/or the account of a penilai outside the roster (an ajudan's).
Read fresh on every action: rights granted or revoked take effect at once."""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services import admins, outside
from bot.services.lifecycle import Actor
from bot.storage import repo


async def actor_for(session: AsyncSession, admin_ids: Collection[int], telegram_id: int) -> Actor:
    employee = await repo.employee_by_telegram(session, telegram_id)
    admin = await admins.is_admin(session, admin_ids, telegram_id)
    external = await outside.by_telegram(session, telegram_id)
    return Actor.of(
        employee, admin=admin, telegram_id=telegram_id, external_penilai_id=external.id if external else None
    )
