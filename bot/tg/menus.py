"""The command menus: the users' menu for every private chat, and the admins' menu per chat.

Admins get the admin commands in their menu through a per-chat scope (`BotCommandScopeChat`)
on top of the users' menu. It is set at start for every admin with a known chat (a settings
id is its own private chat id; a granted employee has `chat_id`). The CLI cannot reach
Telegram, so the running bot looks for grants and revokes every minute (`refresh_changed_menus`,
armed in `bot.jobs`) and sets or clears those menus (the rights themselves apply at once).
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError
from telegram.ext import Application

from bot.services import admins
from bot.tg.deps import Deps

log = logging.getLogger(__name__)

USER_COMMANDS = [
    BotCommand("skp", "Susun atau lihat SKP"),
    BotCommand("dokumen", "Unduh dokumen SKP (PDF dan DOCX)"),
    BotCommand("salin", "Salin isian SKP untuk e-Kinerja"),
    BotCommand("riwayat", "Riwayat persetujuan SKP"),
    BotCommand("tim", "Status SKP tim (pejabat penilai)"),
    BotCommand("matriks", "Matriks Pembagian Peran dan Hasil"),
    BotCommand("bantuan", "Bantuan"),
]

ADMIN_COMMANDS = [
    BotCommand("periode", "Periode, tenggat dan jadwal pengingat (admin)"),
    BotCommand("siaran", "Kirim pengumuman ke pegawai (admin)"),
    BotCommand("rekap", "Rekap kemajuan SKP (admin)"),
]


def admin_menu() -> list[BotCommand]:
    return [*USER_COMMANDS, *ADMIN_COMMANDS]


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


async def refresh_changed_menus(application: Application[Any, Any, Any, Any, Any, Any]) -> int:
    """Only what changed since the last look (`skp-bot admin grant/revoke`, a granted employee who
    linked): set or clear those chats' menus. Returns how many menus changed."""
    d = application.bot_data["deps"]
    assert isinstance(d, Deps)
    async with d.db.session() as session:
        stale = [(e.id, e.chat_id, e.is_admin) for e in await admins.menus_out_of_date(session)]
    if not stale:
        return 0
    done: list[tuple[int | None, bool]] = []
    for employee_id, chat_id, is_admin in stale:
        if chat_id is None:
            continue
        if is_admin:
            if await set_admin_menu(application.bot, chat_id):
                done.append((employee_id, True))
        else:
            await clear_admin_menu(application.bot, chat_id)
            done.append((employee_id, False))
    async with d.db.write_session() as session:
        await admins.mark_menus(session, done)
        await session.commit()
    return len(done)


async def refresh_admin_menus(application: Application[Any, Any, Any, Any, Any, Any]) -> int:
    """At start: every admin with a known chat gets the admin menu, and revoked admins lose it.
    Returns how many menus were set. (No Telegram call while a database session is open.)"""
    d = application.bot_data["deps"]
    assert isinstance(d, Deps)
    async with d.db.session() as session:
        chats = await admins.admin_chat_ids(session, d.settings.skp_admin_ids)
        stale = [(e.id, e.chat_id, e.is_admin) for e in await admins.menus_out_of_date(session)]
    count = 0
    for chat_id in chats:
        count += await set_admin_menu(application.bot, chat_id)
    for _employee_id, stale_chat, is_admin in stale:
        if not is_admin and stale_chat is not None:
            await clear_admin_menu(application.bot, stale_chat)
    async with d.db.write_session() as session:
        await admins.mark_menus(session, [(employee_id, is_admin) for employee_id, _chat, is_admin in stale])
        await session.commit()
    return count
