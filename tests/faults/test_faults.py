"""Faults: Telegram timing out or failing, the database dropping, the process being killed."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import select

from bot.services.demo import KABID_NIP, SEKAR_NIP
from bot.storage.db import Database
from bot.storage.models import Employee, Indicator, Skp, SkpEvent, SkpItem
from tests.conftest import linked_user
from tests.flows.helpers import open_new_item

CITRA_NIP = "199408302016092007"


async def _at_kuantitas_target(harness, telegram_id: int):
    sekar = await linked_user(harness, SEKAR_NIP, telegram_id, "Sekar")
    await open_new_item(sekar)
    await sekar.press("1")
    await sekar.send("Data kepegawaian yang valid dan akurat")
    await sekar.press("1")
    assert "Target" in sekar.last.plain
    return sekar


async def _kuantitas_target(harness) -> tuple[str | None, str | None] | None:
    async with harness.db.session() as session:
        item = (
            await session.exec(
                select(SkpItem).where(SkpItem.rencana_kinerja == "Data kepegawaian yang valid dan akurat")
            )
        ).one()
        row = (await session.exec(select(Indicator).where(Indicator.item_id == item.id))).first()
        return (row.target_value, row.target_unit) if row else None


@pytest.mark.parametrize("fault", ["timeout", "server_error", "retry_after", "network"])
async def test_reply_is_retried_and_the_answer_is_kept(harness, demo, fault):
    sekar = await _at_kuantitas_target(harness, 9101)
    harness.api.inject("sendMessage", fault, times=1, chat_id=9101, retry_after=1)
    await sekar.send("2 dokumen")
    assert "kualitas" in sekar.last.plain.lower()  # the retried reply arrived
    assert await _kuantitas_target(harness) == ("2", "dokumen")


async def test_persistent_telegram_failure_keeps_the_answer_and_reports_to_admins(harness, demo, caplog):
    caplog.set_level(logging.INFO)
    sekar = await _at_kuantitas_target(harness, 9102)
    assert harness.tg is not None
    harness.tg.raise_errors = False
    harness.api.inject("sendMessage", "server_error", times=10, chat_id=9102)
    await sekar.send("2 dokumen")
    assert await _kuantitas_target(harness) == ("2", "dokumen")
    report = harness.api.last(424242)
    assert "Galat bot" in report.plain and "NetworkError" in report.plain
    assert SEKAR_NIP not in report.text and "SEKAR" not in report.text
    for record in caplog.records:
        text = record.getMessage() + (record.exc_text or "")
        assert SEKAR_NIP not in text and "SEKAR SATITI" not in text
    # Telegram is back: the next message continues from the saved step.
    await sekar.send("95 %")
    assert "Target" in sekar.last.plain or "Indikator" in sekar.last.plain


async def test_database_briefly_unavailable_gets_a_reply_and_recovers(harness, demo, monkeypatch):
    sekar = await _at_kuantitas_target(harness, 9103)
    assert harness.tg is not None
    harness.tg.raise_errors = False
    real_session = Database.session
    failures = {"left": 1}

    def flaky_session(self: Database):  # type: ignore[no-untyped-def]
        if failures["left"]:
            failures["left"] -= 1
            raise OperationalError("SELECT 1", {}, Exception("connection refused"))
        return real_session(self)

    monkeypatch.setattr(Database, "session", flaky_session)
    await sekar.send("2 dokumen")
    assert "coba lagi" in sekar.last.plain
    assert await _kuantitas_target(harness) == (None, None)  # nothing half-written
    await sekar.send("2 dokumen")
    assert "kualitas" in sekar.last.plain.lower()
    assert await _kuantitas_target(harness) == ("2", "dokumen")


DRAFT_SCRIPT: list[tuple[str, str]] = [
    ("send", "/skp"),
    ("press", "Tambah rencana kinerja"),
    ("press", "Kinerja Utama"),
    ("press", "2"),
    ("send", "Promosi ASN terlaksana sesuai peraturan"),
    ("press", "1"),
    ("send", "1 dokumen"),
    ("press", "1"),
    ("send", "100 %"),
    ("press", "1"),
    ("send", "12 bulan"),
    ("send", "0,5"),
    ("press", "Simpan"),
    ("press", "Selesai"),
]


@pytest.mark.parametrize("kill_after", range(1, len(DRAFT_SCRIPT)))
async def test_killed_at_any_wizard_step_loses_nothing_and_repeats_nothing(harness, demo, kill_after):
    user = await linked_user(harness, SEKAR_NIP, 9200, "Sekar")
    for n, (kind, value) in enumerate(DRAFT_SCRIPT):
        if n == kill_after:
            tg = await harness.restart()
            user = tg.user(9200, "Sekar")  # taps the card they still see, or types the answer
        await (user.send(value) if kind == "send" else user.press(value))
    async with harness.db.session() as session:
        skp = (await session.exec(select(Skp).where(Skp.penilai_id != None, Skp.status == "DRAFT"))).one()  # noqa: E711
        items = (await session.exec(select(SkpItem).where(SkpItem.skp_id == skp.id))).all()
        assert len(items) == 1 and items[0].complete
        indicators = (await session.exec(select(Indicator).where(Indicator.item_id == items[0].id))).all()
        assert sorted((i.aspek, i.target_value, i.target_unit) for i in indicators) == [
            ("kualitas", "100", "%"),
            ("kuantitas", "1", "dokumen"),
            ("waktu", "12", "bulan"),
        ]
    assert "U1. Promosi ASN terlaksana sesuai peraturan" in user.last.plain


async def test_approval_survives_a_restart_and_applies_once(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 9301, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 9302, "Bawono")
    for kind, value in DRAFT_SCRIPT:
        await (sekar.send(value) if kind == "send" else sekar.press(value))
    await sekar.press("Ajukan")
    await sekar.press("Ya, ajukan")
    prompt = kabid.last
    approve, prompt_id = prompt.callback_data[0], prompt.message_id
    tg = await harness.restart()  # killed after the prompt went out
    kabid = tg.user(9302, "Bawono")
    await kabid.press_data(approve, prompt_id)
    await kabid.press_data(approve, prompt_id)
    assert "sudah disetujui" in kabid.callback_answers()[-1]["text"]
    async with harness.db.session() as session:
        events = (await session.exec(select(SkpEvent).where(SkpEvent.action == "approve"))).all()
        # the demo's two approvals plus exactly one new one
        assert len([e for e in events if e.comment != "Data contoh"]) == 1


async def test_submission_waits_for_a_penilai_who_links_later(harness, demo):
    citra = await linked_user(harness, CITRA_NIP, 9401, "Citra")
    for kind, value in DRAFT_SCRIPT[:11]:
        await (citra.send(value) if kind == "send" else citra.press(value))
    await citra.press("Simpan")
    await citra.press("Selesai")
    await citra.press("Ajukan")
    await citra.press("Ya, ajukan")
    assert any("menunggu" in t for t in citra.texts()[-3:])
    assert harness.tg is not None
    kabid = harness.tg.user(9402, "Bawono")
    await kabid.send("/start")
    await kabid.send(KABID_NIP)
    await kabid.send(demo[KABID_NIP])
    assert any("Pengajuan SKP" in m.plain and "CITRA" in m.plain for m in kabid.messages)
    assert any(m.buttons[:2] == ["✅ Setujui", "✍️ Minta revisi"] for m in kabid.messages)


# An approval round trip, one step per line: (who, how, what). Sekar submits, the Kabid asks for
# a revision of U1 with a comment, Sekar resubmits from /skp, the Kabid approves.
APPROVAL_SCRIPT = [
    ("sekar", "press", "Ajukan"),
    ("sekar", "press", "Ya, ajukan"),
    ("kabid", "press", "Minta revisi"),
    ("kabid", "press", "U1"),
    ("kabid", "send", "Lengkapi sumber datanya"),
    ("sekar", "send", "/skp"),
    ("sekar", "press", "Ajukan"),
    ("sekar", "press", "Ya, ajukan"),
    ("kabid", "press", "Setujui"),
]


@pytest.mark.parametrize("kill_after", range(1, len(APPROVAL_SCRIPT)))
async def test_killed_at_any_approval_step_loses_nothing_and_repeats_nothing(harness, demo, kill_after):
    users = {
        "sekar": await linked_user(harness, SEKAR_NIP, 9501, "Sekar"),
        "kabid": await linked_user(harness, KABID_NIP, 9502, "Bawono"),
    }
    for kind, value in DRAFT_SCRIPT:
        await (users["sekar"].send(value) if kind == "send" else users["sekar"].press(value))
    for n, (who, kind, value) in enumerate(APPROVAL_SCRIPT):
        if n == kill_after:
            tg = await harness.restart()
            users = {"sekar": tg.user(9501, "Sekar"), "kabid": tg.user(9502, "Bawono")}
        user = users[who]
        await (user.send(value) if kind == "send" else user.press(value))
    async with harness.db.session() as session:
        employee = (await session.exec(select(Employee).where(Employee.nip == SEKAR_NIP))).one()
        skp = (await session.exec(select(Skp).where(Skp.employee_id == employee.id))).one()
        events = (await session.exec(select(SkpEvent).where(SkpEvent.skp_id == skp.id).order_by(SkpEvent.id))).all()
    assert skp.status == "APPROVED"
    assert [e.action for e in events] == ["submit", "request_revision", "submit", "approve"]
    assert events[1].comment == "Lengkapi sumber datanya"
    # Each notice reached its reader exactly once.
    sekar, kabid = users["sekar"], users["kabid"]
    assert sum("meminta revisi" in m.plain for m in sekar.messages) == 1
    assert sum("Pengajuan SKP" in m.plain for m in kabid.messages) == 2
    assert sum("telah disetujui" in m.plain for m in sekar.messages) == 1
