"""Reminders before deadlines, with time travel: the right day and hour, once, to the right people."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlmodel import select

from bot.jobs import check_reminders
from bot.services.demo import SEKAR_NIP, load_demo_data
from bot.services.linking import link_directly
from bot.services.reminders import ReminderError, describe, ensure_rules, parse_schedule, set_rules
from bot.storage.models import ReminderFire, ReminderRule
from bot.tg.outbox_worker import drain
from tests.admin.conftest import AdminHarness, add_employees, add_period, add_skp, sends_per_chat

WIB = ZoneInfo("Asia/Jakarta")
SUBMIT_BY = dt.date(2027, 1, 15)
APPROVE_BY = dt.date(2027, 1, 31)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB)


async def _org(h: AdminHarness) -> dict[str, object]:
    period = await add_period(h.db, submission=SUBMIT_BY, approval=APPROVE_BY)
    [boss] = await add_employees(h.db, 1, first=1)
    staff = await add_employees(h.db, 4, first=2, atasan_id=boss.id)
    [unlinked] = await add_employees(h.db, 1, first=9, linked=False, atasan_id=boss.id)
    await add_skp(h.db, staff[0], period, "SUBMITTED")
    await add_skp(h.db, staff[1], period, "DRAFT")
    await add_skp(h.db, staff[2], period, "REVISION_REQUESTED")
    await add_skp(h.db, boss, period, "APPROVED")
    return {"period": period, "boss": boss, "submitted": staff[0], "draft": staff[1], "revision": staff[2],
            "none": staff[3], "unlinked": unlinked}


async def _reminders_by_chat(h: AdminHarness) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    for chat_id, messages in h.api.messages.items():
        texts = [m.plain or "" for m in messages.values() if m.from_bot and "Pengingat" in (m.plain or "")]
        if texts:
            result[chat_id] = texts
    return result


async def test_submission_reminder_fires_at_eight_once_and_skips_who_submitted(admin_harness: AdminHarness) -> None:
    h = admin_harness
    org = await _org(h)
    h7 = SUBMIT_BY - dt.timedelta(days=7)

    with time_machine.travel(at(h7, 7, 59), tick=False):
        assert await check_reminders(h.app) == []
    with time_machine.travel(at(h7, 8, 0), tick=False):
        fired = await check_reminders(h.app)
        assert [(f.deadline_kind, f.days_before) for f in fired] == [("submission", 7)]
        assert await check_reminders(h.app) == []  # second run the same day: nothing
        await drain(h.app)

    got = await _reminders_by_chat(h)
    expected = {org[k].chat_id for k in ("draft", "revision", "none")}  # type: ignore[attr-defined]
    assert set(got) == expected
    assert all(len(texts) == 1 for texts in got.values())
    text = got[org["none"].chat_id][0]  # type: ignore[attr-defined]
    assert "7 hari" in text and "15 Januari 2027" in text and "Belum mulai" in text
    reminder = h.api.last(org["none"].chat_id)  # type: ignore[attr-defined]
    assert reminder.callback_data == ["r1:open"]

    # A restart later that day does not repeat it.
    with time_machine.travel(at(h7, 9, 30), tick=False):
        await h.restart()
        await drain(h.app)
    assert await _reminders_by_chat(h) == got
    async with h.db.session() as session:
        fires = (await session.exec(select(ReminderFire))).all()
    assert [(f.deadline, f.day) for f in fires] == [("submission", h7)]


async def test_other_days_do_not_fire_and_missed_eight_oclock_is_sent_at_start(admin_harness: AdminHarness) -> None:
    h = admin_harness
    org = await _org(h)
    for day in (SUBMIT_BY - dt.timedelta(days=6), SUBMIT_BY - dt.timedelta(days=2), SUBMIT_BY + dt.timedelta(days=1)):
        with time_machine.travel(at(day, 10), tick=False):
            assert await check_reminders(h.app) == []
    # H-1: the bot was down at 08:00 and starts at 10:15: the reminder goes out at start.
    h1 = SUBMIT_BY - dt.timedelta(days=1)
    await h.stop()
    with time_machine.travel(at(h1, 10, 15), tick=False):
        await h.start()
        await drain(h.app)
    got = await _reminders_by_chat(h)
    assert set(got) == {org[k].chat_id for k in ("draft", "revision", "none")}  # type: ignore[attr-defined]
    assert "1 hari" in got[org["draft"].chat_id][0]  # type: ignore[attr-defined]
    # The next day (H-0) it was not caught up for H-1 again, only H-0 fires.
    with time_machine.travel(at(SUBMIT_BY, 8, 1), tick=False):
        fired = await check_reminders(h.app)
        await drain(h.app)
    assert [(f.days_before, f.day) for f in fired] == [(0, SUBMIT_BY)]
    assert "hari ini" in (await _reminders_by_chat(h))[org["none"].chat_id][-1]  # type: ignore[attr-defined]


async def test_approval_reminder_lists_waiting_submissions_for_the_penilai(admin_harness: AdminHarness) -> None:
    h = admin_harness
    org = await _org(h)
    with time_machine.travel(at(APPROVE_BY - dt.timedelta(days=3), 8, 0), tick=False):
        fired = await check_reminders(h.app)
        await drain(h.app)
    assert [(f.deadline_kind, f.days_before) for f in fired] == [("approval", 3)]
    got = await _reminders_by_chat(h)
    assert list(got) == [org["boss"].chat_id]  # type: ignore[attr-defined]
    assert org["submitted"].nama in got[org["boss"].chat_id][0]  # type: ignore[attr-defined]
    assert org["draft"].nama not in got[org["boss"].chat_id][0]  # type: ignore[attr-defined]


async def test_changed_schedule_is_used(admin_harness: AdminHarness) -> None:
    h = admin_harness
    org = await _org(h)
    async with h.db.session() as session:
        await set_rules(session, [10], 13, 30)
        await session.commit()
    h10 = SUBMIT_BY - dt.timedelta(days=10)
    with time_machine.travel(at(h10, 13, 29), tick=False):
        assert await check_reminders(h.app) == []
    with time_machine.travel(at(h10, 13, 30), tick=False):
        assert len(await check_reminders(h.app)) == 1
        await drain(h.app)
    assert org["none"].chat_id in sends_per_chat(h.api)  # type: ignore[attr-defined]


async def test_reminder_button_opens_the_draft(admin_harness: AdminHarness) -> None:
    h = admin_harness
    await load_demo_data(h.db)  # the seed's period: submission deadline 15 January 2027
    await link_directly(h.db, SEKAR_NIP, 7001, 7001)
    sekar = h.user(7001, "Sekar")
    with time_machine.travel(at(SUBMIT_BY - dt.timedelta(days=3), 8, 5), tick=False):
        await check_reminders(h.app)
        await drain(h.app)
    assert "Pengingat pengajuan SKP" in sekar.last.plain
    await sekar.press("Buka SKP saya")
    assert "SKP Tahun 2027" in sekar.last.plain and any("Tambah rencana kinerja" in b for b in sekar.buttons())
    assert h.api.callback_answers[-1]["callback_query_id"]


async def test_default_rules_are_seeded_and_schedules_parse(admin_harness: AdminHarness) -> None:
    async with admin_harness.db.session() as session:
        rules = (await session.exec(select(ReminderRule))).all()
        assert sorted(r.days_before for r in rules) == [0, 1, 3, 7]
        assert describe(await ensure_rules(session)) == "H-7, H-3, H-1, H-0 pukul 08:00 WIB"
    assert parse_schedule("7,3,1,0 08:00") == ([7, 3, 1, 0], 8, 0)
    assert parse_schedule("H-14, H-7 pukul 9") == ([14, 7], 9, 0)
    assert parse_schedule("5 2") == ([5, 2], 8, 0)
    for bad in ("", "besok", "7,3 25:00", "100"):
        with pytest.raises(ReminderError):
            parse_schedule(bad)
