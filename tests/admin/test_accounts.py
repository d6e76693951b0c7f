"""Accounts and codes, as an admin runs them with the bot running (issue 13): the code handout and
--not-linked, codes that survive a second run, `skp-bot unlink NIP`, and `admin grant` taking
effect in the running bot without a restart. The CLI runs in a thread on the bot's database."""

from __future__ import annotations

import asyncio
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from bot.cli import main
from bot.jobs import JobsConfig
from bot.services.demo import KABID_NIP, SEKAR_NIP, load_demo_data
from bot.services.linking import link_directly
from bot.storage.models import Employee, WizardSession
from bot.templating import render_plain
from tests.admin.conftest import FAST, AdminHarness
from tests.flows.helpers import open_new_item

CITRA_NIP = "199408302016092007"
IMAM_NIP = "198807152011011002"


@pytest.fixture
def cli_env(admin_harness: AdminHarness, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("DATABASE_URL", admin_harness.settings.database_url)
    monkeypatch.setenv("TELEGRAM_BOT_USERNAME", "@skp_kebumen_bot")
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def _cli(*args: str) -> int:
    return await asyncio.to_thread(main, list(args))


async def _employee(h: AdminHarness, nip: str) -> Employee:
    async with h.db.session() as session:
        return (await session.exec(select(Employee).where(Employee.nip == nip))).one()


async def test_codes_handout_not_linked_and_a_second_run(admin_harness: AdminHarness, cli_env: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    h = admin_harness
    demo = await load_demo_data(h.db)
    await link_directly(h.db, KABID_NIP, 7101, 7101)
    async with h.db.session() as session:
        imam = (await session.exec(select(Employee).where(Employee.nip == IMAM_NIP))).one()
        imam.active = False  # a leaver
        session.add(imam)
        await session.commit()
    # Every active, unlinked person already holds a demo code: a run "just to look" changes nothing.
    assert await _cli("activation-codes", "--not-linked", "--out", "kode.xlsx") == 0
    err = capsys.readouterr().err
    assert "8 pegawai sudah memegang kode" in err and "--renew" in err
    assert not (cli_env / "kode.xlsx").exists()
    user = h.user(7102, "Sekar")
    await user.send("/start")
    await user.send(SEKAR_NIP)
    await user.send(demo[SEKAR_NIP])  # the code handed out earlier still links
    assert "Akun terhubung" in user.last.plain

    # --renew: new codes for the active people not linked yet, with the handout's columns.
    assert await _cli("activation-codes", "--not-linked", "--renew", "--expires", "14", "--out", "kode.xlsx") == 0
    out = capsys.readouterr()
    assert "7 kode aktivasi" in out.out and "1 pegawai nonaktif" in out.err
    sheet = load_workbook(io.BytesIO((cli_env / "kode.xlsx").read_bytes())).active
    assert sheet is not None
    assert sheet["A2"].value == "Bot: https://t.me/skp_kebumen_bot"
    assert "/start" in sheet["A3"].value and "NIP" in sheet["A3"].value
    header = [c.value for c in sheet[5]]
    assert header[:5] == ["No", "NIP", "Nama", "Jabatan", "Unit Kerja"] and header[-1] == "Kode Aktivasi"
    nips = {row[1] for row in sheet.iter_rows(min_row=6, values_only=True)}
    assert CITRA_NIP in nips and SEKAR_NIP not in nips and KABID_NIP not in nips and IMAM_NIP not in nips
    assert all(sheet.column_dimensions[letter].width >= 5 for letter in "ABCDEFG")
    assert sheet.cell(6, 2).data_type == "s"  # the NIP is text


async def test_unlink_frees_the_nip_tells_the_old_account_once_and_resets_its_wizard(
    admin_harness: AdminHarness, cli_env: Path, capsys  # type: ignore[no-untyped-def]
) -> None:
    h = admin_harness
    await load_demo_data(h.db)
    await link_directly(h.db, SEKAR_NIP, 7201, 7201)
    old = h.user(7201, "Sekar HP lama")
    await open_new_item(old)  # in the middle of drafting
    assert await _cli("unlink", SEKAR_NIP) == 0
    assert "dilepas" in capsys.readouterr().out
    notice = render_plain("messages/unlinked.html.j2").split("\n")[0]
    deadline = time.monotonic() + 10
    while not any(m.plain.startswith(notice) for m in old.messages) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    assert sum(m.plain.startswith(notice) for m in old.messages) == 1
    assert (await _employee(h, SEKAR_NIP)).telegram_id is None
    async with h.db.session() as session:
        wizard = await session.get(WizardSession, 7201)
        assert wizard is not None and wizard.step == ""
    await old.send("Data kepegawaian yang valid dan akurat")  # nothing is written anywhere
    await old.send("/start")
    assert "NIP" in old.last.plain  # linking starts again
    await asyncio.sleep(0.3)
    assert sum(m.plain.startswith(notice) for m in old.messages) == 1  # told once
    assert await _cli("unlink", SEKAR_NIP) == 0  # already free: said so, nothing sent
    assert "belum terhubung" in capsys.readouterr().out
    assert await _cli("unlink", "199001012015011999") == 1


def _menu(h: AdminHarness, chat_id: int) -> list[Any] | None:
    key = json.dumps([{"chat_id": chat_id, "type": "chat"}, ""], sort_keys=True)
    return h.api.commands.get(key)


async def test_admin_grant_and_revoke_reach_the_running_bot(admin_harness: AdminHarness, cli_env: Path) -> None:
    h = admin_harness
    await h.restart(JobsConfig(pacing=FAST, leader_retry=0.2, menu_interval=0.2))
    await load_demo_data(h.db)
    await link_directly(h.db, SEKAR_NIP, 7301, 7301)
    assert _menu(h, 7301) is None
    assert await _cli("admin", "grant", SEKAR_NIP) == 0
    deadline = time.monotonic() + 5
    while _menu(h, 7301) is None and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    menu = _menu(h, 7301)
    assert menu is not None and "siaran" in {c["command"] for c in menu}
    sekar = h.user(7301, "Sekar")
    await sekar.send("/rekap")  # and the rights apply at once
    assert "khusus untuk admin" not in sekar.last.plain
    assert await _cli("admin", "revoke", SEKAR_NIP) == 0
    deadline = time.monotonic() + 5
    while _menu(h, 7301) is not None and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    assert _menu(h, 7301) is None
    calls = len(h.api.calls_to("setMyCommands"))
    await asyncio.sleep(0.6)  # nothing changed: the bot does not keep setting menus
    assert len(h.api.calls_to("setMyCommands")) == calls
