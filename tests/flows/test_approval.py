"""Employee, penilai and a stranger: submit → revise → edit → resubmit → approve → cascade."""

from __future__ import annotations

from sqlmodel import select

from bot import callback_data
from bot.services.demo import KABID_NIP, SEKAR_NIP
from bot.storage.models import Skp, SkpEvent
from tests.conftest import linked_user
from tests.flows.helpers import draft_item, pdf_text, squash

IMAM_NIP = "198807152011011002"


async def test_submit_revise_resubmit_approve_and_cascade(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 6001, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 6002, "Bawono")
    stranger = await linked_user(harness, IMAM_NIP, 6003, "Imam")

    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,500")
    await draft_item(sekar, parent="3", rk="Pendidikan Lanjutan ASN terfasilitasi sesuai SOP", ak="0,250")
    await sekar.press("Ajukan")
    await sekar.press("Ya, ajukan")
    assert any("sudah menerima" in t for t in sekar.texts()[-3:])

    # The penilai gets the PDF and a summary with the two buttons.
    prompt = kabid.last
    assert "Pengajuan SKP" in prompt.plain and "SEKAR SATITI" in prompt.plain
    assert "Promosi ASN terlaksana sesuai peraturan" in prompt.plain
    assert prompt.buttons == ["✅ Setujui", "✍️ Minta revisi", "📅 Tanggal penetapan"]
    assert kabid.documents[-2].filename.endswith(".pdf")
    approve_v1, prompt_id = prompt.callback_data[0], prompt.message_id

    # A stranger taps the penilai's button (forwarded message, forged query): refused.
    await stranger.press_data(approve_v1, prompt_id)
    assert "Hanya pejabat penilai" in stranger.callback_answers()[-1]["text"]

    # Minta revisi for item U2 with a comment.
    await kabid.press("Minta revisi", message=prompt)
    await kabid.press("U2")
    await kabid.send("Tambahkan <ukuran> & sumber datanya")
    assert "Permintaan revisi terkirim" in kabid.last.plain
    note = sekar.last.plain
    assert "revisi" in note and "Tambahkan <ukuran> & sumber datanya" in note and "U2" in note

    # The old prompt's Setujui is now stale: nothing changes.
    await kabid.press_data(approve_v1, prompt_id)
    assert "Revisi" in kabid.callback_answers()[-1]["text"]

    # The employee sees the comment next to the item, edits, removes nothing, resubmits.
    await sekar.send("/skp")
    assert "Tambahkan <ukuran> & sumber datanya" in sekar.last.plain
    await sekar.press("Pendidikan Lanjutan")
    await sekar.press("Ubah")
    await sekar.press("Target kuantitas")
    await sekar.send("2 dokumen")
    await sekar.press("Daftar rencana kinerja")
    await draft_item(
        sekar, parent="4", rk="Pengembangan Karir dalam Jabatan Fungsional terlaksana sesuai peraturan", ak="0,100"
    )
    await sekar.press("Ajukan")
    await sekar.press("Ya, ajukan")
    prompt2 = kabid.last
    assert "Perubahan sejak pengajuan sebelumnya" in prompt2.plain
    assert "➕ Pengembangan Karier dalam Jabatan Fungsional" in prompt2.plain
    assert "✏️ Pendidikan Lanjutan ASN terfasilitasi sesuai SOP" in prompt2.plain

    # Double tap on Setujui approves once.
    approve_v2 = prompt2.callback_data[0]
    await kabid.press("Setujui", message=prompt2)
    await kabid.press_data(approve_v2, prompt2.message_id)
    assert "sudah disetujui" in kabid.callback_answers()[-1]["text"]
    async with harness.db.session() as session:
        skp = (
            await session.exec(
                select(Skp)
                .where(Skp.employee_id != None, Skp.status == "APPROVED")  # noqa: E711
                .order_by(Skp.id.desc())
            )
        ).first()  # type: ignore[union-attr]
        events = (await session.exec(select(SkpEvent).where(SkpEvent.skp_id == skp.id))).all()
        assert [e.action for e in events] == ["submit", "request_revision", "submit", "approve"]
        assert events[1].comment == "Tambahkan <ukuran> & sumber datanya"
    assert "disetujui" in sekar.texts()[-1] or "disetujui" in " ".join(sekar.texts()[-3:])
    final_pdf = squash(pdf_text(sekar.documents[-2].document))
    assert "DRAFT" not in final_pdf and squash("Pengembangan Karier dalam Jabatan Fungsional") in final_pdf

    # /riwayat shows the history.
    await sekar.send("/riwayat")
    assert "revisi diminta" in sekar.last.plain and "disetujui" in sekar.last.plain


async def test_approved_items_become_what_subordinates_cascade_from(harness, demo):
    # Kabid → approve Sekar; Sekar's approved items are what her own subordinate would pick.
    sekar = await linked_user(harness, SEKAR_NIP, 6101, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 6102, "Bawono")
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,500")
    await sekar.press("Ajukan")
    await sekar.press("Ya, ajukan")
    await kabid.press("Setujui")
    # Make Kurniawan report to Sekar (the seed's team shows him below her) and let him draft.
    from bot.storage.models import Employee

    async with harness.db.session() as session:
        sekar_row = (await session.exec(select(Employee).where(Employee.nip == SEKAR_NIP))).one()
        kurniawan = (await session.exec(select(Employee).where(Employee.nip == "198309212009031005"))).one()
        kurniawan.atasan_id = sekar_row.id
        session.add(kurniawan)
        await session.commit()
    kurniawan_user = await linked_user(harness, "198309212009031005", 6103, "Kurniawan")
    await kurniawan_user.send("/skp")
    await kurniawan_user.press("Tambah rencana kinerja")
    await kurniawan_user.press("Kinerja Utama")
    assert "Promosi ASN terlaksana sesuai peraturan" in kurniawan_user.last.plain


async def test_forged_and_garbage_callback_data_is_refused(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 6201, "Sekar")
    await sekar.send("/skp")
    card = sekar.last
    for data in ["garbage", "a1:999:1:ok", "a1:1:1:drop", "w1:x:add", "t1:1:sum", "x" * 80]:
        await sekar.press_data(data, card.message_id)
        assert sekar.callback_answers()[-1].get("show_alert"), data
    assert callback_data.approval(2**31, 2**31, "rev").encode().__len__() <= 64
