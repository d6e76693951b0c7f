"""A regency's first day: the example dinas roster (its kepala assessed by the Bupati) and its PK
imported with the real CLI, a 2027 period, the real Application with fast outbox pacing. SQLite
and PostgreSQL (the `database_url` fixture)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.cli import build_parser
from bot.services.linking import link_directly
from bot.settings import Settings
from tests.admin.conftest import ADMIN_ID, AdminHarness, admin_harness, admin_settings, make_settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ROSTER, PK = EXAMPLES / "roster_contoh.csv", EXAMPLES / "pk_contoh.csv"

KEPALA = "197003121998031004"  # Kepala Dinas Kesehatan: nip_atasan empty, the Bupati assesses him
SEKRETARIS = "197505152000032002"  # Administrator, assessed by the kepala
KABID = "197808202005011003"  # Kepala Bidang Pelayanan Kesehatan
KASUBBAG = "198305252009012006"  # Pengawas under the sekretaris
SLAMET = "199002142014021001"  # Pelaksana under the kasubbag
ADMIN2 = 777001  # a second admin: an employee granted with `skp-bot admin grant`


async def cli(settings: Settings, *argv: str) -> int:
    """`skp-bot …` in-process on the same database (the command runs its own event loop)."""
    args = build_parser().parse_args(list(argv))
    return int(await asyncio.to_thread(args.func, args, settings))


@pytest.fixture
def rollout_settings(database_url: str) -> Settings:
    return make_settings(database_url)


@pytest.fixture
async def day_one(rollout_settings: Settings) -> AsyncIterator[AdminHarness]:
    """Roster and PK imported, SKP 2027 active; nobody linked yet."""
    h = AdminHarness(rollout_settings)
    await h.start()
    try:
        s = rollout_settings
        assert await cli(s, "import-roster", str(ROSTER)) == 0
        assert await cli(s, "import-pk", str(PK)) == 0
        assert await cli(s, "period", "create", "SKP Tahun 2027", "01-01-2027", "31-12-2027", "--activate") == 0
        yield h
    finally:
        await h.stop()


async def link(h: AdminHarness, nip: str, telegram_id: int, name: str = "Uji") -> Any:
    await link_directly(h.db, nip, telegram_id, telegram_id)
    return h.user(telegram_id, name)


async def draft_jpt_item(user: Any, *, parent: str, rk: str, indicator: str, target: str) -> None:
    """A JPT item cascaded from a PK sasaran, from /skp to Selesai."""
    await user.send("/skp")
    await user.press("Tambah rencana kinerja")
    await user.press("Utama")
    await user.press(parent)
    await user.send(rk)
    if "Periksa bahasa" in user.last.plain:
        await user.press("Tetap pakai teks saya")
    await user.send(indicator)
    await user.send(target)
    await user.press("Lanjut")
    if "Perspektif" in user.last.plain:  # JPT under 6/2022
        await user.press("Perspektif Penerima Layanan")
    await user.press("Simpan")
    await user.press("Selesai")


async def submit(user: Any) -> None:
    await user.send("/skp")
    await user.press("Ajukan")
    await user.press("Ya, ajukan")


__all__ = ["ADMIN_ID", "admin_harness", "admin_settings", "cli", "draft_jpt_item", "link", "submit"]
