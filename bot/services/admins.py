"""Who is an admin: ids in SKP_ADMIN_IDS, plus employees granted with `skp-bot admin grant`.

The rights are read from the database on every admin action, so a grant or a revoke takes
effect at once (the command menu that shows the admin commands is Telegram's side:
`bot.tg.menus`).
"""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.storage import repo
from bot.storage.models import Employee


class AdminError(ValueError):
    """`skp-bot admin grant/revoke` could not do it; the message is Indonesian."""


async def is_admin(session: AsyncSession, admin_ids: Collection[int], telegram_id: int) -> bool:
    if telegram_id in admin_ids:
        return True
    employee = await repo.employee_by_telegram(session, telegram_id)
    return bool(employee and employee.is_admin and employee.active)  # a leaver's rights end with him


async def admin_chat_ids(session: AsyncSession, admin_ids: Collection[int]) -> list[int]:
    """Chats whose menu shows the admin commands: settings ids and granted, linked employees."""
    chats = {int(i) for i in admin_ids}
    query = select(Employee.chat_id).where(
        Employee.is_admin == True, Employee.active == True, col(Employee.chat_id).is_not(None)  # noqa: E712
    )
    chats.update(int(c) for c in (await session.exec(query)).all() if c is not None)
    return sorted(chats)


async def menus_out_of_date(session: AsyncSession) -> list[Employee]:
    """Linked employees whose admin flag differs from the menu last set for their chat."""
    query = select(Employee).where(col(Employee.chat_id).is_not(None))
    query = query.where((Employee.is_admin == True) != (Employee.admin_menu_set == True))  # noqa: E712
    return list((await session.exec(query)).all())


async def set_admin(session: AsyncSession, nip: str, value: bool) -> Employee:
    employee = await repo.employee_by_nip(session, nip.replace(" ", ""))
    if employee is None:
        raise AdminError(f"Pegawai dengan NIP {nip} tidak ada di daftar pegawai.")
    employee.is_admin = value
    session.add(employee)
    await session.flush()
    return employee


async def list_admins(session: AsyncSession) -> list[Employee]:
    query = select(Employee).where(Employee.is_admin == True).order_by(col(Employee.nama))  # noqa: E712
    return list((await session.exec(query)).all())


async def mark_menus(session: AsyncSession, flags: Collection[tuple[int | None, bool]]) -> None:
    """Record which menu each employee's chat now has (`admin_menu_set`)."""
    for employee_id, value in flags:
        employee = await session.get(Employee, employee_id)
        if employee is not None:
            employee.admin_menu_set = value
            session.add(employee)
