"""The whole year in chat, through the real Application: withdraw, act from /tim after the prompt
is gone, Utama first everywhere, one revision note for several items, Ingatkan once a day."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from sqlmodel import select

from bot import callback_data
from bot.services.demo import KABID_NIP, SEKAR_NIP
from bot.storage.models import ApprovalPrompt, Nudge, Skp, SkpEvent, SkpItem
from tests.conftest import linked_user
from tests.flows.helpers import docx_text, draft_item, pdf_text, squash

IMAM_NIP = "198807152011011002"
CITRA_NIP = "199408302016092007"
WIB = ZoneInfo("Asia/Jakarta")


async def overview(user) -> None:
    await user.send("/skp")
    if "📋 Daftar rencana kinerja" in user.buttons():  # resumed on an item card
        await user.press("Daftar rencana kinerja")


async def submit(user) -> None:
    await overview(user)
    await user.press("📨 Ajukan")
    await user.press("Ya, ajukan")


async def skp_of(harness, nip: str) -> Skp:
    from bot.storage import repo

    async with harness.db.session() as session:
        employee = await repo.employee_by_nip(session, nip)
        period = await repo.active_period(session)
        skp = await repo.skp_of(session, employee.id, period.id)
        assert skp is not None
        return skp


async def test_withdraw_before_the_penilai_acts(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 9001, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 9002, "Bawono")
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,5")
    await submit(sekar)
    prompt = kabid.last
    assert "Pengajuan SKP" in prompt.plain and prompt.buttons[:2] == ["✅ Setujui", "✍️ Minta revisi"]
    approve = prompt.callback_data[0]
    # No doubled full stop after a name that ends with one.
    assert not any("S.STP.." in t for t in sekar.texts())
    assert "diajukan kepada BAWONO ANDI WIDODO, S.STP.\n" in sekar.messages[-1].plain + "\n"

    # The overview while submitted: read-only, with Tarik pengajuan.
    await sekar.send("/skp")
    assert "↩️ Tarik pengajuan" in sekar.buttons() and "📨 Ajukan" not in sekar.buttons()
    await sekar.press("Tarik pengajuan")
    assert "Tarik pengajuan?" in sekar.last.plain
    await sekar.press("Ya, tarik")
    assert "Pengajuan ditarik" in sekar.last.plain and "Status: Draf" in sekar.last.plain
    assert "📨 Ajukan" in sekar.buttons()

    # The penilai's prompt now says so and has no buttons; its old Setujui changes nothing.
    closed = harness.api.message(kabid.chat_id, prompt.message_id)
    assert closed.reply_markup is None and "Pengajuan ditarik oleh SEKAR SATITI" in closed.plain
    await kabid.press_data(approve, prompt.message_id)
    assert "ditarik" in kabid.callback_answers()[-1]["text"]
    assert (await skp_of(harness, SEKAR_NIP)).status == "DRAFT"

    # Edit and submit again: a new prompt, and /riwayat tells the story.
    await sekar.press("U1.")
    await sekar.press("Ubah")
    await sekar.press("Target kuantitas")
    await sekar.send("2 dokumen")
    await submit(sekar)
    assert kabid.last.message_id != prompt.message_id and kabid.last.buttons[:2] == ["✅ Setujui", "✍️ Minta revisi"]
    await sekar.send("/riwayat")
    assert "pengajuan ditarik oleh SEKAR SATITI" in sekar.last.plain
    async with harness.db.session() as session:
        events = (await session.exec(select(SkpEvent).order_by(SkpEvent.id))).all()
        assert [e.action for e in events if e.actor_id is not None][-3:] == ["submit", "withdraw", "submit"]


async def test_approve_from_tim_when_the_prompt_is_lost(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 9101, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 9102, "Bawono")
    stranger = await linked_user(harness, IMAM_NIP, 9103, "Imam")
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,5")
    await submit(sekar)
    prompt = kabid.last
    approve = prompt.callback_data[0]
    version = (await skp_of(harness, SEKAR_NIP)).version

    # The prompt scrolled away: /tim marks who waits, and the card carries the decision.
    await kabid.send("/tim")
    assert "SEKAR SATITI, S.STP. — Diajukan ⏳" in kabid.last.plain
    await kabid.press("SEKAR SATITI")
    card = kabid.last
    assert "Menunggu keputusan Anda" in card.plain
    assert card.buttons[:2] == ["✅ Setujui", "✍️ Minta revisi"]
    card_data = list(card.callback_data)
    assert card.callback_data[0] == callback_data.approval((await skp_of(harness, SEKAR_NIP)).id, version, "ok")

    # Only the penilai: the same button from someone else is refused.
    await stranger.press_data(card_data[0], card.message_id)
    assert "Hanya pejabat penilai" in stranger.callback_answers()[-1]["text"]

    await kabid.press("Setujui", message=card)
    assert (await skp_of(harness, SEKAR_NIP)).status == "APPROVED"
    assert "disetujui oleh BAWONO ANDI WIDODO, S.STP. Dokumen final" in sekar.messages[-3].plain
    assert "DRAFT" not in squash(pdf_text(sekar.documents[-2].document))
    # The original prompt was closed too; once: a second tap on either changes nothing.
    assert harness.api.message(kabid.chat_id, prompt.message_id).reply_markup is None
    assert "Disetujui pada" in harness.api.message(kabid.chat_id, prompt.message_id).plain
    await kabid.press_data(approve, prompt.message_id)
    assert "sudah disetujui" in kabid.callback_answers()[-1]["text"]
    async with harness.db.session() as session:
        events = (await session.exec(select(SkpEvent).where(SkpEvent.action == "approve"))).all()
        assert len([e for e in events if e.skp_id == (await skp_of(harness, SEKAR_NIP)).id]) == 1
        prompts = (await session.exec(select(ApprovalPrompt))).all()
        assert prompts and all(p.closed for p in prompts)


async def test_utama_first_everywhere_and_one_note_for_several_items(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 9201, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 9202, "Bawono")
    # A Kinerja Tambahan drafted first, then two Kinerja Utama.
    await sekar.send("/skp")
    await sekar.press("Tambah rencana kinerja")
    await sekar.press("Kinerja Tambahan")
    await sekar.send("Surat Tugas Kepala BKPSDM Nomor 800/123")
    await sekar.send("Materi sosialisasi SKP tersusun lengkap")
    if "Periksa bahasa" in sekar.last.plain:
        await sekar.press("Tetap pakai teks saya")
    for target in ("1 dokumen", "100 %", "12 bulan"):
        await sekar.press("1")
        await sekar.send(target)
    await sekar.send("0,1")
    await sekar.press("Simpan")
    await sekar.press("Selesai")
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,5")
    await draft_item(sekar, parent="3", rk="Pendidikan Lanjutan ASN terfasilitasi sesuai SOP", ak="0,25")
    await submit(sekar)

    prompt = kabid.last.plain
    assert prompt.index("U1.") < prompt.index("U2.") < prompt.index("T1.")
    await kabid.send("/tim")
    await kabid.press("SEKAR SATITI")
    card = kabid.last.plain
    assert card.index("U1.") < card.index("U2.") < card.index("T1.")
    docx = docx_text(kabid.documents[-1].document)
    assert docx.index("Promosi ASN") < docx.index("Pendidikan Lanjutan") < docx.index("Materi sosialisasi")

    # Minta revisi: the picker lists U1, U2, T1 in that order; two items get one note.
    await kabid.press("Minta revisi", message=kabid.last)
    picker = [b for b in kabid.buttons() if b[1:3] in (" U", " T")]
    assert [b.split(".")[0][-2:] for b in picker] == ["U1", "U2", "T1"]
    await kabid.press("U1.")
    await kabid.press("T1.")
    assert "Dipilih: U1 dan T1" in kabid.last.plain and "✍️ Tulis catatan (2 dipilih)" in kabid.buttons()
    await kabid.press("U1.")  # a tap again takes it out ...
    assert "Dipilih: T1" in kabid.last.plain
    await kabid.press("U1.")  # ... and back in
    await kabid.press("Tulis catatan")
    assert "U1." in kabid.last.plain and "T1." in kabid.last.plain
    await kabid.send("Sebutkan sumber data dan nomor surat tugasnya")
    assert "Permintaan revisi terkirim kepada SEKAR SATITI, S.STP." in kabid.last.plain
    assert "S.STP.." not in kabid.last.plain
    assert "pada rencana kinerja U1 dan T1" in sekar.last.plain
    async with harness.db.session() as session:
        items = (await session.exec(select(SkpItem).order_by(SkpItem.id))).all()
        note = "Sebutkan sumber data dan nomor surat tugasnya"
        noted = {i.rencana_kinerja for i in items if i.revision_comment == note}
    assert noted == {"Materi sosialisasi SKP tersusun lengkap", "Promosi ASN terlaksana sesuai peraturan"}
    await sekar.send("/skp")
    assert sekar.last.plain.count("Revisi: Sebutkan sumber data") == 2


async def test_stale_buttons_of_a_penilai_point_to_tim(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 9301, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 9302, "Bawono")
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,5")
    await submit(sekar)
    prompt = kabid.last
    await kabid.press("Minta revisi", message=prompt)
    picker = kabid.last
    older = list(picker.callback_data)
    await kabid.press("U1.", message=picker)
    await kabid.press_data(older[0], picker.message_id)  # a button of the picker as it was before
    alert = kabid.callback_answers()[-1]
    assert alert["show_alert"] and "/tim" in alert["text"] and "/skp" not in alert["text"]
    await kabid.press_data("a1:garbage", prompt.message_id)
    assert "/tim" in kabid.callback_answers()[-1]["text"] and "/skp" not in kabid.callback_answers()[-1]["text"]
    # The employee withdraws meanwhile: the picker says so instead of sending a note.
    await sekar.send("/skp")
    await sekar.press("Tarik pengajuan")
    await sekar.press("Ya, tarik")
    await kabid.send("Catatan yang terlambat")
    assert "sudah ditarik pegawai" in kabid.last.plain
    assert (await skp_of(harness, SEKAR_NIP)).status == "DRAFT"


async def test_ingatkan_once_a_day(harness, demo):
    kabid = await linked_user(harness, KABID_NIP, 9401, "Bawono")
    citra = await linked_user(harness, CITRA_NIP, 9402, "Citra")
    sekar = await linked_user(harness, SEKAR_NIP, 9403, "Sekar")
    day = dt.datetime(2027, 1, 10, 9, 0, tzinfo=WIB)
    with time_machine.travel(day, tick=False):
        await kabid.send("/tim")
        await kabid.press("CITRA AMALIA")
        card = kabid.last
        assert "🔔 Ingatkan" in card.buttons and "Setujui" not in " ".join(card.buttons)
        card_data = list(card.callback_data)
        await kabid.press("Ingatkan", message=card)
        assert "Pengingat terkirim kepada CITRA AMALIA PRIMADANI, S.STP." in kabid.callback_answers()[-1]["text"]
        assert "Pengingat dari BAWONO ANDI WIDODO" in citra.last.plain and citra.last.buttons == ["📝 Buka SKP saya"]
        sent = len(citra.messages)
        await kabid.press("Ingatkan", message=card)  # twice the same day: nothing sent
        assert "sudah diingatkan hari ini" in kabid.callback_answers()[-1]["text"]
        assert len(citra.messages) == sent
        await citra.press("Buka SKP saya")
        assert "SKP Tahun 2027" in citra.last.plain
    with time_machine.travel(day + dt.timedelta(days=1), tick=False):
        tg = await harness.restart()  # stored, not remembered in memory
        kabid, citra, sekar = tg.user(9401, "Bawono"), tg.user(9402, "Citra"), tg.user(9403, "Sekar")
        await kabid.press("Ingatkan", message=card)
        assert "Pengingat terkirim" in kabid.callback_answers()[-1]["text"]
        assert len(citra.messages) == sent + 2  # the nudge, plus /skp opened above
    async with harness.db.session() as session:
        assert len((await session.exec(select(Nudge))).all()) == 2
    # Someone who has submitted is not nudged; a stranger cannot nudge.
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,5")
    await submit(sekar)
    await kabid.send("/tim")
    await kabid.press("SEKAR SATITI")
    assert "🔔 Ingatkan" not in kabid.last.buttons
    await kabid.press_data(callback_data.team((await skp_of(harness, SEKAR_NIP)).employee_id, "nudge"),
                           kabid.last.message_id)
    assert "sudah mengajukan" in kabid.callback_answers()[-1]["text"]
    await citra.press_data(card_data[0], card.message_id)
    assert "bukan anggota tim" in citra.callback_answers()[-1]["text"]
