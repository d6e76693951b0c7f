"""Who is an admin: ids in SKP_ADMIN_IDS, plus employees granted with `skp-bot admin grant`.

Admins also get the admin commands in their command menu: a per-chat scope
(`BotCommandScopeChat`) on top of the users' menu. It is set at start for every admin with a
known chat (a settings id is its own private chat id; a granted employee has `chat_id`); the
CLI cannot reach Telegram, so a grant shows in the menu at the next start.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlmodel import col, select
from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError
from telegram.ext import Application

from bot.deps import Deps
from bot.storage import repo
from bot.storage.models import Employee

log = logging.getLogger(__name__)

ADMIN_COMMANDS = [
    BotCommand("periode", "Periode, tenggat dan jadwal pengingat (admin)"),
    BotCommand("siaran", "Kirim pengumuman ke pegawai (admin)"),
    BotCommand("rekap", "Rekap kemajuan SKP (admin)"),
]


class AdminError(ValueError):
    """`skp-bot admin grant/revoke` could not do it; the message is Indonesian."""


async def is_admin(d: Deps, telegram_id: int) -> bool:
    if telegram_id in d.settings.skp_admin_ids:
        return True
    async with d.db.session() as session:
        employee = await repo.employee_by_telegram(session, telegram_id)
    return bool(employee and employee.is_admin)


def admin_menu() -> list[BotCommand]:
    from bot.app import USER_COMMANDS

    return [*USER_COMMANDS, *ADMIN_COMMANDS]


async def admin_chat_ids(d: Deps) -> list[int]:
    """Chats whose menu shows the admin commands: settings ids and granted, linked employees."""
    chats = {int(i) for i in d.settings.skp_admin_ids}
    async with d.db.session() as session:
        query = select(Employee.chat_id).where(Employee.is_admin == True, col(Employee.chat_id).is_not(None))  # noqa: E712
        chats.update(int(c) for c in (await session.exec(query)).all() if c is not None)
    return sorted(chats)


async def set_admin_menu(bot: Bot, chat_id: int) -> bool:
    try:
        await bot.set_my_commands(admin_menu(), scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:  # e.g. the admin never opened a chat with the bot
        log.info("admin menu for chat %s not set: %s", chat_id, exc)
        return False
    return True


async def clear_admin_menu(bot: Bot, chat_id: int) -> None:
    """Drop a chat's own menu (it falls back to the users' menu), e.g. after a revoke."""
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:
        log.info("admin menu for chat %s not cleared: %s", chat_id, exc)


async def refresh_admin_menus(application: Application[Any, Any, Any, Any, Any, Any]) -> int:
    """At start: every admin with a known chat gets the admin menu, and revoked admins lose it.
    Returns how many menus were set."""
    d = application.bot_data["deps"]
    assert isinstance(d, Deps)
    count = 0
    for chat_id in await admin_chat_ids(d):
        count += await set_admin_menu(application.bot, chat_id)
    async with d.db.session() as session:
        query = select(Employee).where(col(Employee.chat_id).is_not(None))
        query = query.where((Employee.is_admin == True) != (Employee.admin_menu_set == True))  # noqa: E712
        for employee in (await session.exec(query)).all():
            if not employee.is_admin and employee.chat_id is not None:
                await clear_admin_menu(application.bot, employee.chat_id)
            employee.admin_menu_set = employee.is_admin
            session.add(employee)
        await session.commit()
    return count


# --- grant / revoke (CLI) -------------------------------------------------------------------


async def set_admin(session: Any, nip: str, value: bool) -> Employee:
    employee = await repo.employee_by_nip(session, nip.replace(" ", ""))
    if employee is None:
        raise AdminError(f"Pegawai dengan NIP {nip} tidak ada di daftar pegawai.")
    employee.is_admin = value
    session.add(employee)
    await session.flush()
    return employee


async def list_admins(session: Any) -> list[Employee]:
    query = select(Employee).where(Employee.is_admin == True).order_by(col(Employee.nama))  # noqa: E712
    return list((await session.exec(query)).all())
