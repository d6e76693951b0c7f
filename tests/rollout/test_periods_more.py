"""Periods as admins get them wrong and right: overlap refused (or allowed on purpose and warned),
rename, delete only while empty, the format (6/2022 by default, 8/2021 on request) — in /periode
and with `skp-bot period`. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.storage.models import AuditEntry, Period
from tests.admin.conftest import ADMIN_ID, AdminHarness, add_employees, add_skp
from tests.rollout.conftest import cli


@pytest.fixture
async def h(rollout_settings):  # type: ignore[no-untyped-def]
    harness = AdminHarness(rollout_settings)
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()


async def _periods(h: AdminHarness) -> dict[str, Period]:
    async with h.db.session() as session:
        return {p.name: p for p in (await session.exec(select(Period))).all()}


async def test_period_cli_overlap_rename_delete_format(h: AdminHarness, capsys: pytest.CaptureFixture[str]) -> None:
    s = h.settings
    assert await cli(s, "period", "create", "SKP Tahun 2027", "01-01-2027", "31-12-2027", "--activate") == 0
    assert "format 6/2022" in capsys.readouterr().out
    assert await cli(s, "period", "create", "SKP Semester I", "01-06-2027", "30-11-2027") == 1
    err = capsys.readouterr().err
    assert "bertumpang tindih dengan “SKP Tahun 2027” (ID 1" in err and "--allow-overlap" in err
    assert await cli(s, "period", "create", "SKP Semester I", "01-06-2027", "30-11-2027", "--allow-overlap",
                     "--format", "8/2021") == 0
    out = capsys.readouterr().out
    assert "Peringatan" in out and "format 8/2021" in out
    assert await cli(s, "period", "create", "SKP 2028", "01-01-2028", "31-12-2028", "--format", "9/2099") == 1
    assert "tidak dikenal" in capsys.readouterr().err

    assert await cli(s, "period", "rename", "2", "SKP Tahun 2027") == 1  # taken
    assert "sudah ada" in capsys.readouterr().err
    assert await cli(s, "period", "rename", "2", "SKP Mutasi 2027") == 0
    assert await cli(s, "period", "format", "2", "6/2022") == 0
    # A period somebody drafted in keeps its SKPs: no delete, no format change.
    [employee] = await add_employees(h.db, 1)
    periods = await _periods(h)
    await add_skp(h.db, employee, periods["SKP Tahun 2027"], "DRAFT")
    assert await cli(s, "period", "delete", "1") == 1
    assert "sudah berisi 1 SKP" in capsys.readouterr().err
    assert await cli(s, "period", "format", "1", "8/2021") == 1
    assert await cli(s, "period", "delete", "2") == 0
    assert await cli(s, "period", "delete", "2") == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    periods = await _periods(h)
    assert list(periods) == ["SKP Tahun 2027"] and periods["SKP Tahun 2027"].format == "permenpanrb-6-2022"
    async with h.db.session() as session:
        query = select(AuditEntry).where(AuditEntry.action == "period")
        details = [a.detail for a in (await session.exec(query)).all()]
    assert any("ganti nama: SKP Semester I -> SKP Mutasi 2027" in d for d in details)
    assert any(d.startswith("dihapus: SKP Mutasi 2027") for d in details)


async def test_periode_chat_overlap_rename_format_delete(h: AdminHarness) -> None:
    admin = h.user(ADMIN_ID, "Admin")
    await admin.send("/periode")
    await admin.press("Periode baru")
    for answer in ("SKP Tahun 2027", "01-01-2027", "31-12-2027"):
        await admin.send(answer)
    assert "dibuat" in admin.last.plain and "PermenPANRB 6/2022" in admin.last.plain
    await admin.press("Kembali")
    await admin.press("Periode baru")
    for answer in ("SKP Tahun 2027 ulang", "01-07-2027"):
        await admin.send(answer)
    await admin.send("30-06-2028")
    assert "bertumpang tindih" in admin.last.plain and "SKP Tahun 2027" in admin.last.plain
    await admin.send("30-06-2027")  # an end before the start is said first
    assert "sesudah tanggal mulai" in admin.last.plain
    await admin.press("Batal")

    await admin.send("/periode")
    await admin.press("SKP Tahun 2027")
    await admin.press("Ganti nama")
    await admin.send("SKP Tahun 2027 (Dinkes)")
    assert "Nama periode sekarang SKP Tahun 2027 (Dinkes)" in admin.last.plain
    await admin.press("Ganti format ke 8/2021")
    assert "PermenPANRB 8/2021" in admin.last.plain
    await admin.press("Hapus periode")
    assert "Hapus periode SKP Tahun 2027 (Dinkes)?" in admin.last.plain
    await admin.press("Ya, hapus")
    assert "dihapus" in admin.last.plain and "Belum ada periode" in admin.last.plain
    assert await _periods(h) == {}

    # With an SKP in it, the card offers neither delete nor a format change.
    await admin.press("Periode baru")
    for answer in ("SKP Tahun 2027", "01-01-2027", "31-12-2027"):
        await admin.send(answer)
    [employee] = await add_employees(h.db, 1)
    await add_skp(h.db, employee, (await _periods(h))["SKP Tahun 2027"], "DRAFT")
    await admin.send("/periode")
    await admin.press("SKP Tahun 2027")
    assert "SKP di periode ini: 1" in admin.last.plain
    assert not any("Hapus" in b or "format" in b for b in admin.buttons())
