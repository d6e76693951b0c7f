"""Who is an admin: ids in SKP_ADMIN_IDS, plus employees granted with `skp-bot admin grant`."""

from __future__ import annotations

from bot.deps import Deps
from bot.storage import repo


async def is_admin(d: Deps, telegram_id: int) -> bool:
    if telegram_id in d.settings.skp_admin_ids:
        return True
    async with d.db.session() as session:
        employee = await repo.employee_by_telegram(session, telegram_id)
    return bool(employee and employee.is_admin)
