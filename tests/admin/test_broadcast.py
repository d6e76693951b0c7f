"""/siaran end to end, and the outbox worker under faults, crashes and restarts."""

from __future__ import annotations

import asyncio
import itertools

import pytest
from sqlalchemy import update
from sqlmodel import col, select

from bot.jobs import JobsConfig
from bot.services.broadcasts import Recipient, clean_broadcast_text, enqueue
from bot.storage.models import Broadcast, Employee, OutboxMessage
from bot.testing.fake_telegram import FakeBotApi
from bot.tg import outbox_worker as outbox
from bot.tg.outbox_worker import Pacing, drain
from skp_domain.errors import TextError
from tests.admin.conftest import (
    ADMIN_ID,
    FAST_JOBS,
    AdminHarness,
    add_employees,
    add_period,
    add_skp,
    outbox_rows,
    sends_per_chat,
)


async def _enqueue(h: AdminHarness, employees: list[Employee], text: str = "Halo", **kw: object) -> Broadcast:
    async with h.db.session() as session:
        broadcast = await enqueue(
            session, created_by=ADMIN_ID, kind="siaran", text=text, audience="all",
            recipients=[Recipient(e.chat_id or 0, e.id, text) for e in employees], **kw,  # type: ignore[arg-type]
        )
        await session.commit()
    outbox.wake(h.app)
    return broadcast


async def test_siaran_to_everyone_with_preview_progress_and_report(admin_harness: AdminHarness) -> None:
    h = admin_harness
    employees = await add_employees(h.db, 12)
    await add_employees(h.db, 2, first=50, linked=False)
    admin = h.user(ADMIN_ID, "Admin")

    await admin.send("/siaran")
    assert "Ketik teks pengumuman" in admin.last.plain
    await admin.send("  Rapat <SKP> & evaluasi\u200b\n\n\n\nbesok   pukul 09.00  ")
    await admin.press("Semua pegawai terhubung")
    preview = admin.last
    assert "12 orang" in preview.plain
    assert "Rapat <SKP> & evaluasi\n\nbesok pukul 09.00" in preview.plain
    await admin.press("Kirim ke 12 orang")
    await drain(h.app)

    per_chat = sends_per_chat(h.api)
    assert all(per_chat.get(e.chat_id or 0) == 1 for e in employees)
    assert (h.api.last(employees[0].chat_id or 0).plain or "").endswith("Rapat <SKP> & evaluasi\n\nbesok pukul 09.00")
    card = h.api.message(ADMIN_ID, preview.message_id)
    assert card is not None and "terkirim 12 / gagal 0 / diblokir 0 dari 12" in (card.plain or "")
    assert "selesai" in (card.plain or "")
    assert "Siaran #1 selesai" in admin.last.plain and "Terkirim: 12" in admin.last.plain
    async with h.db.session() as session:
        broadcast = (await session.exec(select(Broadcast))).one()
    assert broadcast.finished_at is not None and broadcast.total == 12
    assert broadcast.progress_chat_id == ADMIN_ID and broadcast.progress_message_id == preview.message_id


async def test_siaran_to_one_unit_through_pages(admin_harness: AdminHarness) -> None:
    h = admin_harness
    await add_employees(h.db, 24, unit=lambda n: f"Unit {n % 12:02d}")  # 12 units, 2 each
    admin = h.user(ADMIN_ID, "Admin")
    await admin.send("/siaran")
    await admin.send("Khusus unit")
    await admin.press("Satu OPD / unit kerja")  # no OPD column: each unit is its own OPD
    assert "halaman 1 dari 2" in admin.last.plain
    await admin.press("Berikutnya")
    assert "halaman 2 dari 2" in admin.last.plain and "Unit 11" in admin.last.plain
    await admin.press("12")  # the 12th OPD: "Unit 11"
    await admin.press("1")  # its one unit
    assert "unit kerja Unit 11" in admin.last.plain and "2 orang" in admin.last.plain
    await admin.press("Kirim ke 2 orang")
    await drain(h.app)
    assert sorted(sends_per_chat(h.api)) == [100011, 100023, ADMIN_ID]


async def test_siaran_audiences_not_submitted_and_waiting_penilai(admin_harness: AdminHarness) -> None:
    h = admin_harness
    period = await add_period(h.db)
    [boss] = await add_employees(h.db, 1, first=1)
    staff = await add_employees(h.db, 5, first=2, atasan_id=boss.id)
    await add_skp(h.db, staff[0], period, "SUBMITTED")
    await add_skp(h.db, staff[1], period, "APPROVED")
    await add_skp(h.db, staff[2], period, "DRAFT")
    await add_skp(h.db, staff[3], period, "REVISION_REQUESTED")  # staff[4]: no SKP yet
    admin = h.user(ADMIN_ID, "Admin")

    await admin.send("/siaran")
    await admin.send("Segera ajukan SKP")
    await admin.press("Belum mengajukan")
    assert "4 orang" in admin.last.plain  # boss (no SKP), staff 2, 3, 4
    await admin.press("Kembali")
    await admin.press("Pejabat penilai")
    assert "1 orang" in admin.last.plain
    await admin.press("Kirim ke 1 orang")
    await drain(h.app)
    assert sends_per_chat(h.api).get(boss.chat_id or 0) == 1
    assert all(s.chat_id not in sends_per_chat(h.api) for s in staff)


async def test_siaran_text_is_checked() -> None:
    with pytest.raises(TextError):
        clean_broadcast_text(" \u200b \n ")
    with pytest.raises(TextError, match="3500"):
        clean_broadcast_text("a" * 3501)
    assert clean_broadcast_text("a\r\n\r\n\r\nb  c") == "a\n\nb c"


async def test_retry_after_waits_and_forbidden_marks_blocked(admin_harness: AdminHarness) -> None:
    h = admin_harness
    employees = await add_employees(h.db, 6)
    slow, gone = employees[1], employees[3]
    h.api.inject("sendMessage", "retry_after", chat_id=slow.chat_id, retry_after=1)
    h.api.block_user(gone.chat_id or 0)
    started = asyncio.get_running_loop().time()
    await _enqueue(h, employees)
    await drain(h.app)

    assert asyncio.get_running_loop().time() - started >= 1.0  # RetryAfter honoured
    attempts = sends_per_chat(h.api, delivered_only=False)
    assert attempts[slow.chat_id or 0] == 2  # 429, then the retry
    assert sends_per_chat(h.api) == {e.chat_id: 1 for e in employees if e is not gone}
    rows = {r.chat_id: r for r in await outbox_rows(h.db)}
    assert rows[gone.chat_id or 0].status == "blocked"
    assert rows[slow.chat_id or 0].status == "sent" and rows[slow.chat_id or 0].attempts == 0
    async with h.db.session() as session:
        blocked = (await session.exec(select(Employee).where(col(Employee.blocked_at).is_not(None)))).all()
    assert [e.id for e in blocked] == [gone.id]


async def test_other_errors_retry_three_times_then_fail(admin_harness: AdminHarness) -> None:
    h = admin_harness
    employees = await add_employees(h.db, 3)
    flaky, broken, unsure = employees
    h.api.inject("sendMessage", "server_error", times=2, chat_id=flaky.chat_id)
    h.api.inject("sendMessage", "server_error", times=10, chat_id=broken.chat_id)
    h.api.inject("sendMessage", "timeout_after_send", chat_id=unsure.chat_id)
    await _enqueue(h, employees)
    await drain(h.app)
    rows = {r.chat_id: r for r in await outbox_rows(h.db)}
    assert rows[flaky.chat_id or 0].status == "sent" and rows[flaky.chat_id or 0].attempts == 2
    assert rows[broken.chat_id or 0].status == "failed" and rows[broken.chat_id or 0].attempts == 3
    assert "Bad Gateway" in (rows[broken.chat_id or 0].last_error or "")
    # A timeout may have been delivered: it is not sent again (at most once).
    assert rows[unsure.chat_id or 0].status == "failed"
    assert sends_per_chat(h.api, delivered_only=False)[unsure.chat_id or 0] == 1


async def test_crash_mid_broadcast_resumes_without_gaps_or_repeats(admin_settings: object) -> None:
    api = FakeBotApi(record_calls=True)
    slow = JobsConfig(pacing=Pacing(global_per_second=400, per_chat_per_second=0, per_chat_margin=0,
                                    max_in_flight=2, batch_size=50, progress_interval=0.1, idle_poll=0.05,
                                    retry_backoff=0.0), leader_retry=0.2)
    h = AdminHarness(admin_settings, api, slow)  # type: ignore[arg-type]
    await h.start()
    try:
        employees = await add_employees(h.db, 300)
        await _enqueue(h, employees, "Siaran penting", progress_chat_id=ADMIN_ID)
        for _ in range(500):
            if len(api.calls_to("sendMessage")) >= 120:
                break
            await asyncio.sleep(0.01)
        h.worker.crash()  # the loop dies at whatever await it was in
        before = len(sends_per_chat(api))
        await h.restart()  # a NEW Application on the same database and the same fake Telegram
        await drain(h.app)
    finally:
        await h.stop()

    per_chat = sends_per_chat(api)
    assert 120 <= before < 300, before  # really interrupted mid-way
    assert all(per_chat.get(e.chat_id or 0) == 1 for e in employees), "someone missed or got it twice"
    statuses = {r.status for r in await outbox_rows(h.db)}
    assert statuses == {"sent"}


async def test_row_left_sending_by_a_dead_process_is_not_resent(admin_harness: AdminHarness) -> None:
    h = admin_harness
    employees = await add_employees(h.db, 3)
    await h.stop()
    async with h.db.session() as session:  # as if the process died during the first send
        broadcast = await enqueue(session, created_by=ADMIN_ID, kind="siaran", text="x", audience="all",
                                  recipients=[Recipient(e.chat_id or 0, e.id, "x") for e in employees])
        await session.flush()
        first = (await session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id)))).first()
        assert first is not None
        await session.exec(update(OutboxMessage).where(col(OutboxMessage.id) == first.id)
                           .values(status="sending"))
        await session.commit()
    await h.start()
    await drain(h.app)
    rows = await outbox_rows(h.db)
    assert [r.status for r in rows] == ["failed", "sent", "sent"]
    assert "interrupted" in (rows[0].last_error or "")
    assert (employees[0].chat_id or 0) not in sends_per_chat(h.api)
    async with h.db.session() as session:
        done = await session.get(Broadcast, broadcast.id)
    assert done is not None and done.finished_at is not None


async def test_real_pacing_one_message_per_second_per_chat(admin_settings: object) -> None:
    api = FakeBotApi(enforce_limits=True, global_per_second=30, per_chat_per_second=1)
    h = AdminHarness(admin_settings, api, JobsConfig(pacing=Pacing(), leader_retry=0.2))  # type: ignore[arg-type]
    await h.start()
    try:
        [employee] = await add_employees(h.db, 1)
        for n in range(5):
            await _enqueue(h, [employee], f"Pesan {n}")
        await drain(h.app)
    finally:
        await h.stop()
    times = [c.time for c in api.calls_to("sendMessage") if c.chat_id == employee.chat_id]
    assert len(times) == 5 and api.rate_limited_429 == 0
    assert api.max_sends_per_second(employee.chat_id) == 1
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(times))
    assert [m.plain for m in api.sent(employee.chat_id or 0)] == [f"Pesan {n}" for n in range(5)]


async def test_only_one_worker_across_processes_on_postgresql(pg_settings: object) -> None:
    api = FakeBotApi()
    first = AdminHarness(pg_settings, api, FAST_JOBS)  # type: ignore[arg-type]
    second = AdminHarness(pg_settings, api, FAST_JOBS)  # type: ignore[arg-type]
    await first.start()
    await second.start()
    try:
        from bot.jobs import jobs_of

        one, two = jobs_of(first.app), jobs_of(second.app)
        assert one is not None and two is not None
        assert one.leader and one.worker is not None
        assert not two.leader and two.worker is None
        employees = await add_employees(second.db, 20)
        await _enqueue(second, employees)  # enqueued by the standby process ...
        for _ in range(200):  # ... sent by the leader's worker
            if len(sends_per_chat(api)) >= 20:
                break
            await asyncio.sleep(0.02)
        assert len(sends_per_chat(api)) == 20
        await first.stop()  # the leader goes away: the standby takes over
        for _ in range(100):
            if two.leader:
                break
            await asyncio.sleep(0.05)
        assert two.leader and two.worker is not None
        more = await add_employees(second.db, 5, first=500)
        await _enqueue(second, more)
        await drain(second.app)
        assert all(v == 1 for v in sends_per_chat(api).values()) and len(sends_per_chat(api)) == 25
    finally:
        await first.stop()
        await second.stop()
