"""A replaced penilai cannot act any more; the new one can (issue 15). The roster changes through the
real roster import (Sekar's atasan: the Kabid -> the Kepala), between the submission and the tap, and
between "Minta revisi" and the note."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from bot.services.demo import KABID_NIP, KEPALA_NIP, PEOPLE, SEKAR_NIP, UNIT
from bot.services.roster import import_roster
from bot.storage.models import Employee, Skp, SkpEvent, WizardSession
from tests.conftest import BotHarness, linked_user
from tests.flows.helpers import draft_item

JENIS = {
    "jpt_madya": "JPT Madya",
    "jpt_pratama": "JPT Pratama",
    "administrator": "Administrator",
    "jf_ahli_muda": "JF Ahli Muda",
    "jf_ahli_pertama": "JF Ahli Pertama",
    "jf_terampil": "JF Terampil",
    "pelaksana": "Pelaksana",
}


async def _sekar_now_reports_to_the_kepala(harness: BotHarness, tmp_path: Path) -> None:
    lines = ["nip;nama;pangkat_golongan;jabatan;jenis_jabatan;unit_kerja;nip_atasan"]
    for nip, nama, gol, jabatan, jenis, unit, atasan in PEOPLE:
        atasan = KEPALA_NIP if nip == SEKAR_NIP else atasan
        lines.append(";".join([nip, nama.replace(";", ","), gol, jabatan, JENIS[jenis], unit, atasan]))
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    async with harness.db.session() as session:
        report = await import_roster(session, path)
    assert report.ok, report.errors
    assert [m.pegawai.nip for m in report.moved] == [SEKAR_NIP], report.moved
    async with harness.db.session() as session:
        sekar = (await session.exec(select(Employee).where(Employee.nip == SEKAR_NIP))).one()
        kepala = (await session.exec(select(Employee).where(Employee.nip == KEPALA_NIP))).one()
        assert sekar.atasan_id == kepala.id and sekar.unit_kerja == UNIT


async def _submitted(harness: BotHarness):  # type: ignore[no-untyped-def]
    sekar = await linked_user(harness, SEKAR_NIP, 6101, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 6102, "Bawono")
    kepala = await linked_user(harness, KEPALA_NIP, 6103, "Kepala")
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,500")
    await sekar.press("Ajukan")
    await sekar.press("Ya, ajukan")
    prompt = kabid.last
    assert prompt.buttons[:2] == ["✅ Setujui", "✍️ Minta revisi"], prompt.plain
    return sekar, kabid, kepala, prompt


async def _status(harness: BotHarness) -> str:
    async with harness.db.session() as session:
        sekar = (await session.exec(select(Employee).where(Employee.nip == SEKAR_NIP))).one()
        return (await session.exec(select(Skp).where(Skp.employee_id == sekar.id))).one().status


async def test_old_penilai_refused_new_penilai_approves(harness, demo, tmp_path):
    sekar, kabid, kepala, prompt = await _submitted(harness)
    await _sekar_now_reports_to_the_kepala(harness, tmp_path)

    await kabid.press("Setujui", message=prompt)
    assert "Hanya pejabat penilai" in kabid.callback_answers()[-1]["text"]
    assert await _status(harness) == "SUBMITTED"

    # The new penilai finds the submission in /tim, with the buttons, and approves.
    await kepala.send("/tim")
    await kepala.press("SEKAR")
    assert "Promosi ASN terlaksana sesuai peraturan" in kepala.last.plain
    await kepala.press("Setujui")
    assert await _status(harness) == "APPROVED"
    # (the roster change's notice "Rencana kinerja atasan perlu dipilih ulang" goes out through
    # the outbox and may arrive around it)
    assert any("telah disetujui oleh H. MOH AMIRUDIN" in m.plain for m in sekar.messages[-4:])
    async with harness.db.session() as session:
        kepala_row = (await session.exec(select(Employee).where(Employee.nip == KEPALA_NIP))).one()
        approve = (await session.exec(select(SkpEvent).where(SkpEvent.action == "approve"))).all()
        assert [e.actor_id for e in approve if e.comment != "Data contoh"] == [kepala_row.id]


async def test_penilai_replaced_between_minta_revisi_and_the_note_is_refused(harness, demo, tmp_path):
    sekar, kabid, _kepala, prompt = await _submitted(harness)
    await kabid.press("Minta revisi", message=prompt)
    await kabid.press("Seluruh SKP")
    assert "catatan" in kabid.last.plain.lower()
    sekar_messages = len(sekar.messages)

    await _sekar_now_reports_to_the_kepala(harness, tmp_path)
    await kabid.send("Lengkapi sumber datanya")
    assert "Hanya pejabat penilai" in " ".join(m.plain for m in kabid.messages[-2:])
    assert await _status(harness) == "SUBMITTED"
    assert len(sekar.messages) == sekar_messages  # Sekar was told nothing
    async with harness.db.session() as session:
        assert not (await session.exec(select(SkpEvent).where(SkpEvent.action == "request_revision"))).all()
        wizard = await session.get(WizardSession, 6102)
        assert wizard is not None and wizard.step == "", wizard.step  # the flow ended; nothing to retype
    assert "Promosi ASN" not in kabid.last.plain  # the SKP is not shown to them any more
