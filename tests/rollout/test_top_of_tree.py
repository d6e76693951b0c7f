"""The blocker of issue 13: a kepala dinas whose penilai is the Bupati (no NIP, never in the
roster) goes from draft to approved, and the dinas below him cascades from his results.

The example dinas roster, imported as a BKPSDM admin would; the real Application on the fake Bot
API; SQLite and PostgreSQL."""

from __future__ import annotations

from sqlmodel import select

from bot.storage.models import AuditEntry, Skp, SkpEvent
from bot.tg.outbox_worker import drain
from tests.admin.conftest import ADMIN_ID, AdminHarness
from tests.flows.helpers import draft_item, pdf_text, squash
from tests.rollout.conftest import (
    KABID,
    KEPALA,
    SEKRETARIS,
    cli,
    draft_jpt_item,
    link,
    submit,
)

SASARAN_1 = "Meningkatnya derajat kesehatan masyarakat"
SASARAN_2 = "Meningkatnya mutu pelayanan kesehatan"


async def _kepala_drafts(kepala) -> None:  # type: ignore[no-untyped-def]
    await draft_jpt_item(kepala, parent="1", rk=SASARAN_1,
                         indicator="Angka kematian ibu per 100.000 kelahiran hidup", target="85 kasus")
    await draft_jpt_item(kepala, parent="2", rk=SASARAN_2,
                         indicator="Persentase puskesmas terakreditasi paripurna", target="60 %")


async def _skp_of(h: AdminHarness, nip: str) -> Skp:
    from bot.storage import repo

    async with h.db.session() as session:
        employee = await repo.employee_by_nip(session, nip)
        period = await repo.active_period(session)
        assert employee is not None and period is not None
        skp = await repo.skp_of(session, employee.id or 0, period.id or 0)
        assert skp is not None
        return skp


async def test_kepala_approved_in_chat_on_behalf_of_the_bupati_then_the_dinas_cascades(
    day_one: AdminHarness,
) -> None:
    h = day_one
    s = h.settings
    admin = h.user(ADMIN_ID, "Admin BKPSDM")
    kepala = await link(h, KEPALA, 701, "Kepala")
    sekretaris = await link(h, SEKRETARIS, 702, "Sekretaris")
    kabid = await link(h, KABID, 703, "Kabid")
    # A second admin: an employee of the dinas granted admin rights (linked: the kabid).
    assert await cli(s, "admin", "grant", KABID) == 0

    # Before: nothing to cascade from, and /matriks is empty.
    await sekretaris.send("/skp")
    await sekretaris.press("Tambah rencana kinerja")
    await sekretaris.press("Utama")
    assert "belum ada rencana kinerja" in sekretaris.last.plain.lower()
    await sekretaris.press("Batal")
    await kepala.send("/matriks")
    assert "Matriks" in kepala.last.plain and not kepala.documents

    # The kepala drafts from the PK and submits: told it goes to BKPSDM on behalf of the Bupati.
    await _kepala_drafts(kepala)
    await submit(kepala)
    told = " ".join(kepala.texts()[-2:])
    assert "diajukan" in told and "Bupati Kebumen" in told and "admin BKPSDM" in told
    assert "belum menghubungkan" not in told

    # Every admin gets the prompt with the PDF, marked "atas nama Bupati Kebumen", the same buttons.
    for who in (admin, kabid):
        prompt = who.last
        assert prompt.buttons == ["✅ Setujui", "✍️ Minta revisi", "🧭 Ekspektasi, lampiran, tanggal"], prompt.plain
        assert "atas nama Bupati Kebumen" in prompt.plain and "dr. H. SUTRISNO WIBOWO" in prompt.plain
        assert SASARAN_1 in prompt.plain
        assert who.documents[-2].filename.endswith(".pdf")
    first_prompt = admin.last
    first_approve = first_prompt.callback_data[0] or ""

    # A non-admin employee tapping the admin's button is refused; nothing changes.
    await sekretaris.press_data(first_approve, first_prompt.message_id)
    assert "Hanya pejabat penilai" in sekretaris.callback_answers()[-1]["text"]

    # The admin asks for a revision on the Bupati's behalf; the kepala sees who asked.
    await admin.press("Minta revisi", message=first_prompt)
    await admin.press("Seluruh SKP")
    await admin.send("Target angka kematian ibu disesuaikan dengan RPJMD")
    assert "revisi" in admin.last.plain.lower()
    note = kepala.last.plain
    assert "Bupati Kebumen meminta revisi" in note and "RPJMD" in note

    # The kabid's copy of the prompt is closed (it says what happened); a tap on it changes nothing.
    old = kabid.last
    assert not old.buttons and "Revisi diminta" in old.plain
    await kabid.press_data(first_approve, old.message_id)
    assert "Revisi" in kabid.callback_answers()[-1]["text"]

    # The kepala resubmits; the granted admin approves in chat.
    await submit(kepala)
    prompt = kabid.last
    await kabid.press("Setujui", message=prompt)  # 6/2022: the lampiran first
    told = [kabid.last.plain, *[a["text"] for a in kabid.callback_answers()[-1:]]]
    assert "Lampiran SKP belum diisi" in " ".join(told)
    await kabid.press("Ekspektasi, lampiran, tanggal", message=prompt)
    assert "Bagian pejabat penilai" in kabid.last.plain
    await kabid.press("Lampiran")
    assert "Lampiran SKP — dr. H. SUTRISNO WIBOWO" in kabid.last.plain
    await kabid.press("Pakai isian baku ini")
    assert "SKP ini sekarang dapat disetujui" in kabid.last.plain
    await kabid.press("Setujui", message=prompt)
    approved = next(t for t in reversed(kepala.texts()) if "disetujui" in t)
    assert "atas nama Bupati Kebumen" in approved
    final = squash(pdf_text(kepala.documents[-2].document or b""))
    assert "DRAFT" not in final and squash("Bupati Kebumen") in final
    # The other admin's prompt is closed now, saying so; its old button changes nothing.
    assert not admin.last.buttons and "Disetujui" in admin.last.plain
    await admin.press_data(first_approve, admin.last.message_id)
    assert "sudah disetujui" in admin.callback_answers()[-1]["text"] or "Revisi" in admin.callback_answers()[-1]["text"]

    # /riwayat: who acted for whom.
    await kepala.send("/riwayat")
    history = kepala.last.plain
    assert "revisi diminta oleh admin atas nama Bupati Kebumen" in history
    assert "disetujui oleh dr. BAMBANG SUSILO, M.M. (admin) atas nama Bupati Kebumen" in history
    skp = await _skp_of(h, KEPALA)
    async with h.db.session() as session:
        events = (await session.exec(select(SkpEvent).where(SkpEvent.skp_id == skp.id).order_by(SkpEvent.id))).all()  # type: ignore[arg-type]
        audit_rows = (await session.exec(select(AuditEntry).order_by(AuditEntry.id))).all()  # type: ignore[arg-type]
    assert [(e.action, e.on_behalf_of) for e in events] == [
        ("submit", None), ("request_revision", "Bupati Kebumen"), ("submit", None), ("approve", "Bupati Kebumen"),
    ]
    assert events[1].actor_telegram_id == ADMIN_ID and events[3].actor_id is not None  # the granted kabid
    actions = [a.action for a in audit_rows]
    assert {"import-roster", "import-pk", "admin-grant", "revision-on-behalf", "approve-on-behalf"} <= set(actions)
    assert any("SUTRISNO" in a.detail and "Bupati Kebumen" in a.detail for a in audit_rows
               if a.action == "approve-on-behalf")

    # The dinas cascades from the kepala's approved results.
    await draft_item(sekretaris, parent="1", rk="Dokumen perencanaan program kesehatan tersusun tepat waktu")
    await submit(sekretaris)
    prompt = kepala.last
    assert prompt.buttons == ["✅ Setujui", "✍️ Minta revisi", "🧭 Ekspektasi, lampiran, tanggal"]
    assert "atas nama" not in prompt.plain  # the kepala decides for himself
    await kepala.press("Ekspektasi, lampiran, tanggal", message=prompt)
    await kepala.press("Lampiran")
    await kepala.press("Pakai isian baku ini")
    await kepala.press("Setujui", message=prompt)
    await kepala.send("/matriks")
    assert [d.filename for d in kepala.documents[-2:]] == ["Matriks_Peran_Hasil.pdf", "Matriks_Peran_Hasil.xlsx"]
    matrix = squash(pdf_text(kepala.documents[-2].document or b""))
    assert squash(SASARAN_1) in matrix and squash("Dokumen perencanaan program kesehatan") in matrix
    assert "Dinas Kesehatan" in matrix or squash("Dinas Kesehatan") in matrix
    await drain(h.app)


async def test_an_admin_kepala_never_decides_his_own_and_the_admins_are_reminded(day_one: AdminHarness) -> None:
    import datetime as dt
    from zoneinfo import ZoneInfo

    import time_machine

    from bot.jobs import check_reminders

    h, s = day_one, day_one.settings
    assert await cli(s, "period", "deadlines", "1", "--submission", "15-01-2027", "--approval", "31-01-2027") == 0
    admin = h.user(ADMIN_ID, "Admin BKPSDM")
    kepala = await link(h, KEPALA, 721, "Kepala")
    assert await cli(s, "admin", "grant", KEPALA) == 0  # the kepala is also an admin of the bot
    await _kepala_drafts(kepala)
    await submit(kepala)
    prompt = admin.last
    assert "atas nama Bupati Kebumen" in prompt.plain
    assert not any("✅ Setujui" in m.buttons for m in kepala.messages)  # not his own
    await kepala.press_data(prompt.callback_data[0] or "", prompt.message_id)  # a forwarded prompt
    assert "Hanya pejabat penilai" in kepala.callback_answers()[-1]["text"]
    assert (await _skp_of(h, KEPALA)).status == "SUBMITTED"

    # The approval deadline's reminder reaches whoever decides for the Bupati: the admins.
    with time_machine.travel(dt.datetime(2027, 1, 31, 8, 5, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False):
        await check_reminders(h.app)
    await drain(h.app)
    reminder = next(m.plain or "" for m in reversed(admin.messages) if "Pengingat persetujuan" in (m.plain or ""))
    assert "Admin BKPSDM (atas nama Bupati Kebumen)" in reminder and "SUTRISNO" in reminder
    assert not any("Pengingat persetujuan" in (m.plain or "") for m in kepala.messages)
