"""Periods and deadlines: Indonesian dates, validation, the /periode wizard and the CLI."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from bot.cli import build_parser
from bot.services.periods import PeriodError, check_deadlines, check_range, clean_name, parse_date
from bot.settings import Settings
from bot.storage.models import Period, ReminderRule
from bot.templating import tanggal
from tests.admin.conftest import ADMIN_ID, AdminHarness

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]


async def _cli(settings: Settings, *argv: str) -> int:
    args = build_parser().parse_args(list(argv))
    return int(await asyncio.to_thread(args.func, args, settings))


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_dates_round_trip_in_every_written_form(day: dt.date) -> None:
    assert parse_date(day.strftime("%d-%m-%Y")) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day
    assert parse_date(f"{day.day} {MONTHS[day.month - 1]} {day.year}") == day
    assert parse_date(f"{day.day} {MONTHS[day.month - 1][:3].lower()} {day.year}") == day
    assert parse_date(tanggal(day)) == day
    assert parse_date(day.isoformat()) == day


@pytest.mark.parametrize(("text", "message"), [
    ("", "belum diisi"),
    ("besok", "tidak terbaca"),
    ("31-02-2027", "tidak ada di kalender"),
    ("1 Brumaire 2027", "nama bulan"),
    ("01-01-1999", "di luar rentang"),
])
def test_bad_dates_are_explained(text: str, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        parse_date(text)


def test_period_rules() -> None:
    start, end = dt.date(2027, 1, 1), dt.date(2027, 12, 31)
    check_range(start, end)
    check_deadlines(start, end, dt.date(2026, 12, 15), dt.date(2027, 1, 31))
    with pytest.raises(PeriodError, match="sesudah tanggal mulai"):
        check_range(end, start)
    with pytest.raises(PeriodError, match="paling lama"):
        check_range(start, dt.date(2028, 6, 30))
    with pytest.raises(PeriodError, match="sebelum periode berakhir"):
        check_deadlines(start, end, dt.date(2028, 1, 15), None)
    with pytest.raises(PeriodError, match="terlalu jauh"):
        check_deadlines(start, end, dt.date(2026, 6, 1), None)
    with pytest.raises(PeriodError, match="tidak boleh sebelum"):
        check_deadlines(start, end, dt.date(2027, 1, 31), dt.date(2027, 1, 15))
    with pytest.raises(PeriodError):
        clean_name(" x ")


async def test_periode_wizard_creates_sets_deadlines_and_activates(admin_harness: AdminHarness) -> None:
    h = admin_harness
    admin = h.user(ADMIN_ID, "Admin")
    await admin.send("/periode")
    assert "Belum ada periode" in admin.last.plain
    await admin.press("Periode baru")
    await admin.send("SKP Tahun 2027")
    await admin.send("1 Januari 2027")
    await admin.send("31-12-2026")
    assert "harus sesudah tanggal mulai" in admin.last.plain
    await admin.send("31 Desember 2027")
    assert "dibuat" in admin.last.plain and "belum aktif" in admin.last.plain
    await admin.press("Tenggat pengajuan")
    await admin.send("15-01-2028")
    assert "sebelum periode berakhir" in admin.last.plain
    await admin.send("15 Januari 2027")
    assert "15 Januari 2027" in admin.last.plain and "Tenggat disimpan" in admin.last.plain
    await admin.press("Tenggat persetujuan")
    await admin.send("10-01-2027")
    assert "tidak boleh sebelum tenggat pengajuan" in admin.last.plain
    await admin.send("31-01-2027")
    await admin.press("Jadikan periode aktif")
    assert "sekarang periode aktif" in admin.last.plain

    async with h.db.session() as session:
        period = (await session.exec(select(Period))).one()
    assert (period.name, period.start, period.end) == ("SKP Tahun 2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert (period.submission_deadline, period.approval_deadline) == (dt.date(2027, 1, 15), dt.date(2027, 1, 31))
    assert period.active and period.format == "permenpanrb-6-2022"  # new periods: PermenPANRB 6/2022

    # A second period made active switches the first off.
    await admin.press("Kembali")
    assert "✅" in admin.last.plain
    await admin.press("Periode baru")
    for answer in ("SKP Tahun 2028", "01-01-2028", "31-12-2028"):
        await admin.send(answer)
    await admin.press("Jadikan periode aktif")
    async with h.db.session() as session:
        active = (await session.exec(select(Period).where(Period.active == True))).all()  # noqa: E712
    assert [p.name for p in active] == ["SKP Tahun 2028"]


async def test_periode_wizard_changes_the_reminder_schedule(admin_harness: AdminHarness) -> None:
    h = admin_harness
    admin = h.user(ADMIN_ID, "Admin")
    await admin.send("/periode")
    await admin.press("Jadwal pengingat")
    assert "H-7, H-3, H-1, H-0 pukul 08:00 WIB" in admin.last.plain
    await admin.send("14, 7, 2 pukul 09:30")
    assert "H-14, H-7, H-2 pukul 09:30 WIB" in admin.last.plain
    async with h.db.session() as session:
        rules = (await session.exec(select(ReminderRule))).all()
    assert sorted((r.days_before, r.hour, r.minute) for r in rules) == [(2, 9, 30), (7, 9, 30), (14, 9, 30)]
    await admin.press("Jadwal pengingat")
    await admin.press("Pakai bawaan")
    assert "H-7, H-3, H-1, H-0 pukul 08:00 WIB" in admin.last.plain


async def test_period_cli(admin_harness: AdminHarness, capsys: pytest.CaptureFixture[str]) -> None:
    s = admin_harness.settings
    assert await _cli(s, "period", "create", "SKP Tahun 2027", "01-01-2027", "31 Desember 2027",
                      "--submission-deadline", "15-01-2027", "--approval-deadline", "31-01-2027", "--activate") == 0
    assert await _cli(s, "period", "create", "SKP Tahun 2028", "01-01-2028", "31-12-2027") == 1
    assert "sesudah tanggal mulai" in capsys.readouterr().err
    assert await _cli(s, "period", "create", "SKP Tahun 2028", "01-01-2028", "31-12-2028") == 0
    assert await _cli(s, "period", "deadlines", "2", "--submission", "20-01-2028", "--approval", "10-02-2028") == 0
    assert await _cli(s, "period", "activate", "2") == 0
    assert await _cli(s, "period", "activate", "9") == 1
    assert await _cli(s, "period", "list") == 0
    out = capsys.readouterr().out
    assert "SKP Tahun 2028" in out and "20 Januari 2028" in out
    assert await _cli(s, "reminders", "set", "7,3,1,0", "--hour", "9") == 0
    assert "pukul 09:00" in capsys.readouterr().out
    async with admin_harness.db.session() as session:
        periods = {p.id: p for p in (await session.exec(select(Period))).all()}
    assert periods[2].active and not periods[1].active
    assert periods[1].submission_deadline == dt.date(2027, 1, 15)
