"""Only admins may use /periode, /siaran, /rekap; admins see them in their own command menu."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlmodel import select

from bot.cli import build_parser
from bot.settings import Settings
from bot.storage.models import Broadcast, Employee, Period, WizardSession
from bot.tg.menus import ADMIN_COMMANDS, USER_COMMANDS
from tests.admin.conftest import ADMIN_ID, AdminHarness, add_employees, nip_for


def _menu(api: object, chat_id: int) -> list[str] | None:
    key = json.dumps([{"chat_id": chat_id, "type": "chat"}, ""], sort_keys=True)
    commands = api.commands.get(key)  # type: ignore[attr-defined]
    return None if commands is None else [c["command"] for c in commands]


async def _cli(settings: Settings, *argv: str) -> int:
    args = build_parser().parse_args(list(argv))
    return int(await asyncio.to_thread(args.func, args, settings))


@pytest.mark.parametrize("command", ["/periode", "/siaran", "/rekap"])
async def test_non_admins_are_refused_and_nothing_happens(admin_harness: AdminHarness, command: str) -> None:
    h = admin_harness
    [employee] = await add_employees(h.db, 1)
    user = h.user(employee.telegram_id or 0, "Biasa")
    stranger = h.user(555, "Orang Lain")  # not even linked
    for who in (user, stranger):
        await who.send(command)
        assert "khusus untuk admin" in who.last.plain
        assert who.last.reply_markup is None
    await user.send("Teks yang seharusnya tidak jadi siaran")
    async with h.db.session() as session:
        wizards = (await session.exec(select(WizardSession))).all()
        assert all(w.step == "" for w in wizards)
        assert (await session.exec(select(Broadcast))).all() == []
        assert (await session.exec(select(Period))).all() == []
    assert not h.api.documents(user.chat_id)


async def test_admin_menu_for_configured_and_granted_admins(admin_harness: AdminHarness) -> None:
    h = admin_harness
    admin_menu = [c.command for c in [*USER_COMMANDS, *ADMIN_COMMANDS]]
    assert _menu(h.api, ADMIN_ID) == admin_menu  # settings id: its private chat, set at start
    employees = await add_employees(h.db, 2)
    granted, plain = employees
    assert await _cli(h.settings, "admin", "grant", granted.nip) == 0
    assert await _cli(h.settings, "admin", "grant", "199999999999999999") == 1
    assert _menu(h.api, granted.chat_id or 0) is None  # the CLI cannot reach Telegram ...
    await h.restart()
    assert _menu(h.api, granted.chat_id or 0) == admin_menu  # ... the next start sets it
    assert _menu(h.api, plain.chat_id or 0) is None

    # The granted employee can now use the admin commands.
    admin = h.user(granted.telegram_id or 0, "Admin Baru")
    await admin.send("/periode")
    assert "Periode SKP" in admin.last.plain

    # Revoked: refused, and the admin menu of that chat is dropped.
    assert await _cli(h.settings, "admin", "revoke", nip_for(1)) == 0
    async with h.db.session() as session:
        assert (await session.get(Employee, granted.id)).is_admin is False  # type: ignore[union-attr]
    await admin.send("/siaran")
    assert "khusus untuk admin" in admin.last.plain
    assert _menu(h.api, granted.chat_id or 0) is None
