"""After approval and before the top is done: amendments with the approved version kept, provisional
cascade confirmed or flagged when the superior's SKP is approved, the next period from last
period's SKP, a JPT's PK indicators and index targets, the reminder's buttons. Real Application."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from sqlmodel import select

from bot.jobs import check_reminders
from bot.services import lifecycle
from bot.services.demo import KABID_NIP, KEPALA_NIP, SEKAR_NIP, SEKDA_NIP, UNIT
from bot.services.lifecycle import Actor
from bot.storage import repo
from bot.storage.models import Employee, Indicator, OutboxMessage, Period, PkSasaran, Skp, SkpItem, SkpVersion
from bot.tg.outbox_worker import drain
from skp_domain.skp import Action
from tests.conftest import linked_user
from tests.flows.helpers import answer_aspects, docx_text, draft_item, pdf_text, squash
from tests.flows.test_year import overview, skp_of, submit

KURNIAWAN_NIP = "198309212009031005"
WIB = ZoneInfo("Asia/Jakarta")
TAMBAHAN_RK = "Materi sosialisasi SKP tersusun lengkap"


async def report_to(harness, nip: str, atasan_nip: str) -> None:
    async with harness.db.session() as session:
        employee = await repo.employee_by_nip(session, nip)
        atasan = await repo.employee_by_nip(session, atasan_nip)
        employee.atasan_id = atasan.id
        session.add(employee)
        await session.commit()


async def item_named(harness, rk: str) -> SkpItem:
    async with harness.db.session() as session:
        return (await session.exec(select(SkpItem).where(SkpItem.rencana_kinerja == rk))).one()


async def add_tambahan(user, rk: str = TAMBAHAN_RK) -> None:
    await user.press("Tambah Kinerja Tambahan")
    assert user.buttons()[:1] == ["➕ Kinerja Tambahan"]  # in the owner's amendment: no Kinerja Utama
    await user.press("Kinerja Tambahan")
    await user.send("Surat Tugas Kepala BKPSDM Nomor 800/77")
    await user.send(rk)
    if "Periksa bahasa" in user.last.plain:
        await user.press("Tetap pakai teks saya")
    await answer_aspects(user, ("1 dokumen", "100 %", "6 bulan"))
    await user.send("0,1")
    await user.press("Simpan")
    await user.press("Selesai")


async def approved_sekar(harness, sekar, kabid) -> None:
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,5")
    await submit(sekar)
    await kabid.press("Setujui", message=kabid.last)
    assert (await skp_of(harness, SEKAR_NIP)).status == "APPROVED"


async def test_a_kinerja_tambahan_added_during_the_year_keeps_the_approved_version(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 7001, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 7002, "Bawono")
    kurniawan = await linked_user(harness, KURNIAWAN_NIP, 7003, "Kurniawan")
    await approved_sekar(harness, sekar, kabid)
    await report_to(harness, KURNIAWAN_NIP, SEKAR_NIP)

    await overview(sekar)
    assert "Kinerja Tambahan dapat ditambahkan pada tahun berjalan" in sekar.last.plain
    assert "➕ Tambah Kinerja Tambahan" in sekar.buttons() and "📨 Ajukan" not in sekar.buttons()
    await sekar.press("Tambah Kinerja Tambahan")
    assert "versi 1 yang sudah disetujui tetap berlaku" in sekar.last.plain
    await sekar.press("Ya, mulai perubahan")
    menu = sekar.last.plain
    assert "Status: Perubahan disusun" in menu and "calon versi 2" in menu
    assert "🔎 U1. Promosi ASN" in " ".join(sekar.buttons())  # the approved Kinerja Utama stays as it is
    await sekar.press("📨 Ajukan perubahan")
    assert "Belum ada perubahan dibanding versi yang disetujui" in sekar.last.plain
    await sekar.press("U1.")
    assert "✏️ Ubah" not in sekar.buttons() and "🗑 Hapus" not in sekar.buttons()
    await sekar.press("Daftar rencana kinerja")
    await add_tambahan(sekar)
    assert f"➕ {TAMBAHAN_RK}" in sekar.last.plain

    # Meanwhile the approved version is what counts: documents, and what subordinates pick from.
    await sekar.send("/dokumen")
    v1_pdf, _, draft_pdf, _ = sekar.documents[-4:]
    assert v1_pdf.filename.endswith("_v1.pdf") and "Versi 1" in v1_pdf.plain and "berlaku" in v1_pdf.plain
    v1_text, draft_text = squash(pdf_text(v1_pdf.document)), squash(pdf_text(draft_pdf.document))
    assert "DRAFT" not in v1_text and squash(TAMBAHAN_RK) not in v1_text
    assert "DRAFT" in draft_text and squash(TAMBAHAN_RK) in draft_text
    await kurniawan.send("/skp")
    await kurniawan.press("Tambah rencana kinerja")
    await kurniawan.press("Kinerja Utama")
    assert "Promosi ASN terlaksana sesuai peraturan" in kurniawan.last.plain and "⏳" not in kurniawan.last.plain

    await overview(sekar)
    await sekar.press("📨 Ajukan perubahan")
    assert f"➕ {TAMBAHAN_RK}" in sekar.last.plain and "Ajukan perubahan SKP?" in sekar.last.plain
    await sekar.press("Ya, ajukan")
    assert "Perubahan SKP Anda telah diajukan" in " ".join(m.plain for m in sekar.messages[-2:])
    prompt = kabid.last.plain
    assert "Pengajuan perubahan SKP" in prompt and "Versi 1 yang telah disetujui tetap berlaku" in prompt
    assert f"Perubahan dari versi 1 yang disetujui:\n➕ {TAMBAHAN_RK}" in prompt
    await kabid.send("/tim")
    assert "SEKAR SATITI, S.STP. — Perubahan diajukan ⏳" in kabid.last.plain
    await kabid.press("Setujui", message=kabid.messages[-2])
    assert "Perubahan SKP Anda telah disetujui oleh BAWONO ANDI WIDODO, S.STP. Versi 2 kini berlaku." in \
        sekar.messages[-3].plain
    assert squash(TAMBAHAN_RK) in squash(pdf_text(sekar.documents[-2].document))

    # /riwayat lists every version; each one's document is a tap away.
    await sekar.send("/riwayat")
    history = sekar.last.plain
    assert "Versi 1 —" in history and "Versi 2 —" in history and "berlaku" in history
    assert "perubahan diajukan" in history and "perubahan disetujui" in history
    assert sekar.last.buttons == ["📄 Versi 1", "📄 Versi 2"]
    await sekar.press("Versi 1")
    assert sekar.documents[-2].filename.endswith("_v1.pdf")
    assert squash(TAMBAHAN_RK) not in squash(pdf_text(sekar.documents[-2].document))
    await sekar.press("Versi 2", message=sekar.messages[-3])
    assert squash(TAMBAHAN_RK) in squash(pdf_text(sekar.documents[-2].document))
    await kurniawan.press_data(sekar.messages[-5].callback_data[0], 1)  # someone else's versions
    assert "bukan anggota tim" in kurniawan.callback_answers()[-1]["text"]
    async with harness.db.session() as session:
        sekar_id = (await session.exec(select(Employee.id).where(Employee.nip == SEKAR_NIP))).one()
        sekar_skp = (await session.exec(select(Skp.id).where(Skp.employee_id == sekar_id))).one()
        kept = (
            await session.exec(
                select(SkpVersion).where(SkpVersion.skp_id == sekar_skp).order_by(SkpVersion.number)
            )
        ).all()
        assert [v.number for v in kept] == [1, 2]
        assert [len(v.items) for v in kept] == [1, 2]


async def test_reopened_result_changes_flag_the_subordinate_and_a_change_can_be_dropped(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 7101, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 7102, "Bawono")
    kurniawan = await linked_user(harness, KURNIAWAN_NIP, 7103, "Kurniawan")
    await approved_sekar(harness, sekar, kabid)
    await report_to(harness, KURNIAWAN_NIP, SEKAR_NIP)
    await draft_item(kurniawan, parent="1", rk="Data promosi ASN tersaji lengkap", ak="0,2")

    # The penilai opens Sekar's approved SKP for any change.
    await kabid.send("/tim")
    await kabid.press("SEKAR SATITI")
    await kabid.press("Buka untuk perubahan")
    assert "Buka SKP ini untuk perubahan?" in kabid.last.plain
    await kabid.press("Ya, buka")
    assert "dibuka untuk perubahan" in kabid.callback_answers()[-1]["text"]
    assert "membuka SKP Anda untuk perubahan" in sekar.last.plain
    await overview(sekar)
    assert "dibuka pejabat penilai untuk semua perubahan" in sekar.last.plain
    await sekar.press("U1.")
    await sekar.press("Ubah")
    await sekar.press("Rencana kinerja")
    await sekar.send("Promosi ASN terlaksana tepat waktu sesuai peraturan")
    if "Periksa bahasa" in sekar.last.plain:
        await sekar.press("Tetap pakai teks saya")
    await sekar.press("Daftar rencana kinerja")
    await sekar.press("Ajukan perubahan")
    await sekar.press("Ya, ajukan")
    assert "✏️ Promosi ASN terlaksana tepat waktu sesuai peraturan" in kabid.last.plain
    # Until approved, Kurniawan's link stands on version 1.
    linked = await item_named(harness, "Data promosi ASN tersaji lengkap")
    assert linked.relink is None and linked.parent_text == "Promosi ASN terlaksana sesuai peraturan"
    await kabid.press("Setujui", message=kabid.last)
    await drain(harness.app)
    notice = kurniawan.last
    assert "Rencana kinerja atasan perlu dipilih ulang" in notice.plain
    assert "rencana kinerja atasan yang didukung telah diubah (sebelumnya: Promosi ASN terlaksana sesuai peraturan)" \
        in notice.plain
    assert "• Promosi ASN terlaksana tepat waktu sesuai peraturan" in notice.plain
    assert notice.buttons == ["📝 Buka SKP saya"]
    await kurniawan.press("Buka SKP saya")
    assert "⚠️ Pilih ulang rencana kinerja atasan" in kurniawan.last.plain
    await kurniawan.press("Ajukan")
    assert "telah berubah atau tidak berlaku lagi; pilih ulang" in kurniawan.last.plain
    await kurniawan.press("U1.")
    await kurniawan.press("Pilih ulang rencana kinerja atasan")
    await kurniawan.press("1")
    assert "Pilih ulang" not in kurniawan.last.plain
    linked = await item_named(harness, "Data promosi ASN tersaji lengkap")
    assert linked.relink is None and linked.parent_text == "Promosi ASN terlaksana tepat waktu sesuai peraturan"

    # A change started and dropped: back to the approved version 2, nothing of it left.
    await overview(sekar)
    await sekar.press("Tambah Kinerja Tambahan")
    await sekar.press("Ya, mulai perubahan")
    await add_tambahan(sekar, "Laporan kegiatan tambahan tersusun")
    await sekar.press("Batalkan perubahan")
    assert "kembali ke versi 2" in sekar.last.plain and "➕ Laporan kegiatan tambahan tersusun" in sekar.last.plain
    await sekar.press("Ya, batalkan perubahan")
    assert "Status: Disetujui" in sekar.last.plain and "Laporan kegiatan tambahan" not in sekar.last.plain
    async with harness.db.session() as session:
        skp = await skp_of(harness, SEKAR_NIP)
        items = await repo.items_of(session, skp.id)
        assert [i.rencana_kinerja for i in items] == ["Promosi ASN terlaksana tepat waktu sesuai peraturan"]
        assert len((await session.exec(select(SkpVersion).where(SkpVersion.skp_id == skp.id))).all()) == 2


async def test_cascade_from_a_draft_is_provisional_then_confirmed_or_flagged(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 7201, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 7202, "Bawono")
    kurniawan = await linked_user(harness, KURNIAWAN_NIP, 7203, "Kurniawan")
    await report_to(harness, KURNIAWAN_NIP, SEKAR_NIP)
    # Sekar (Kurniawan's penilai) has only a draft: three saved results.
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,5")
    await draft_item(sekar, parent="3", rk="Pendidikan Lanjutan ASN terfasilitasi sesuai SOP", ak="0,5")
    await draft_item(sekar, parent="4", rk="Uji kompetensi JF terselenggara", ak="0,5")

    await kurniawan.send("/skp")
    await kurniawan.press("Tambah rencana kinerja")
    await kurniawan.press("Kinerja Utama")
    options = kurniawan.last.plain
    assert "Promosi ASN terlaksana sesuai peraturan ⏳" in options and "sementara" in options
    await kurniawan.press("Batal")
    await draft_item(kurniawan, parent="1", rk="Data promosi ASN tersaji lengkap", ak="0,2")
    await draft_item(kurniawan, parent="2", rk="Usulan tugas belajar diproses tepat waktu", ak="0,2")
    await draft_item(kurniawan, parent="3", rk="Bahan uji kompetensi tersusun", ak="0,2")
    await overview(kurniawan)
    assert kurniawan.last.plain.count("(sementara)") == 3
    await kurniawan.send("/dokumen")
    assert squash("Promosi ASN terlaksana sesuai peraturan (sementara)") in squash(
        pdf_text(kurniawan.documents[-2].document))
    assert "Promosi ASN terlaksana sesuai peraturan (sementara)" in docx_text(kurniawan.documents[-1].document)
    # A provisional SKP can be submitted; its penilai sees which links are provisional.
    await overview(kurniawan)
    await kurniawan.press("📨 Ajukan")
    assert "3 rencana kinerja menjabarkan rencana kinerja atasan yang belum disetujui" in kurniawan.last.plain
    await kurniawan.press("Ya, ajukan")
    prompt = sekar.last.plain
    assert "3 rencana kinerja menjabarkan rencana kinerja Anda yang belum disetujui" in prompt
    assert "Promosi ASN terlaksana sesuai peraturan (sementara) → Data promosi ASN tersaji lengkap" in prompt

    # Sekar rewords U2 and drops U3 before submitting; Kabid approves.
    await overview(sekar)
    await sekar.press("U2.")
    await sekar.press("Ubah")
    await sekar.press("Rencana kinerja")
    await sekar.send("Tugas belajar ASN terfasilitasi sesuai SOP")
    if "Periksa bahasa" in sekar.last.plain:
        await sekar.press("Tetap pakai teks saya")
    await sekar.press("Daftar rencana kinerja")
    await sekar.press("U3.")
    await sekar.press("Hapus")
    await sekar.press("Ya, hapus")
    await submit(sekar)
    await kabid.press("Setujui", message=kabid.last)
    await drain(harness.app)

    async with harness.db.session() as session:
        rows = {i.rencana_kinerja: i for i in (await session.exec(select(SkpItem))).all()}
    confirmed = rows["Data promosi ASN tersaji lengkap"]
    changed = rows["Usulan tugas belajar diproses tepat waktu"]
    vanished = rows["Bahan uji kompetensi tersusun"]
    assert (confirmed.provisional, confirmed.relink) == (False, None)  # silently confirmed
    assert (changed.relink, vanished.relink) == ("changed", "vanished")
    notices = [m for m in kurniawan.messages if "perlu dipilih ulang" in (m.plain or "")]
    assert len(notices) == 1  # one notice listing both
    text = notices[0].plain
    assert "U2. Usulan tugas belajar diproses tepat waktu" in text and "telah diubah" in text
    assert "U3. Bahan uji kompetensi tersusun" in text and "telah dihapus" in text
    assert "• Tugas belajar ASN terfasilitasi sesuai SOP" in text
    assert "tarik pengajuannya" in text  # Kurniawan's SKP is waiting for Sekar
    assert "Data promosi ASN" not in text
    # Sekar sees the flags on Kurniawan's card in /tim.
    await sekar.send("/tim")
    await sekar.press("KURNIAWAN")
    assert sekar.last.plain.count("⚠️") == 2 and "(sementara)" not in sekar.last.plain


async def test_the_superiors_approval_from_the_cli_path_confirms_links_too(harness, demo):
    """`lifecycle.change_status` is where it happens, whoever calls it (no Telegram involved)."""
    kurniawan = await linked_user(harness, KURNIAWAN_NIP, 7301, "Kurniawan")
    sekar = await linked_user(harness, SEKAR_NIP, 7302, "Sekar")
    await report_to(harness, KURNIAWAN_NIP, SEKAR_NIP)
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,5")
    await draft_item(kurniawan, parent="1", rk="Data promosi ASN tersaji lengkap", ak="0,2")
    await submit(sekar)
    async with harness.db.write_session() as session:
        kabid = await repo.employee_by_nip(session, KABID_NIP)
        skp = await skp_of(harness, SEKAR_NIP)
        change = await lifecycle.change_status(session, skp.id, Action.APPROVE, Actor(kabid.id))
        await session.commit()
    assert change.flagged == 0 and change.version_number == 1
    item = await item_named(harness, "Data promosi ASN tersaji lengkap")
    assert item.provisional is False and item.relink is None
    async with harness.db.session() as session:
        assert (await session.exec(select(OutboxMessage))).all() == []


async def test_next_period_starts_from_last_periods_skp(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 7401, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 7402, "Bawono")
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,5")
    await draft_item(sekar, parent="3", rk="Pendidikan Lanjutan ASN terfasilitasi sesuai SOP", ak="0,25")
    await submit(sekar)
    await kabid.press("Setujui", message=kabid.last)
    # 2028: the Kabid keeps one result word for word (in a draft), drops the other.
    async with harness.db.session() as session:
        for period in (await session.exec(select(Period))).all():
            period.active = False
            session.add(period)
        new = Period(name="SKP Tahun 2028", start=dt.date(2028, 1, 1), end=dt.date(2028, 12, 31), active=True)
        session.add(new)
        await session.flush()
        kabid_row = await repo.employee_by_nip(session, KABID_NIP)
        kabid_skp = Skp(employee_id=kabid_row.id, period_id=new.id, penilai_id=kabid_row.atasan_id)
        session.add(kabid_skp)
        await session.flush()
        session.add(SkpItem(skp_id=kabid_skp.id, position=1, parent_text="Terwujudnya birokrasi yang kapabel",
                            rencana_kinerja="Pegawai ditempatkan sesuai ketentuan melalui promosi.", complete=True))
        session.add(SkpItem(skp_id=kabid_skp.id, position=2, parent_text="Terwujudnya birokrasi yang kapabel",
                            rencana_kinerja="Manajemen talenta ASN diterapkan", complete=True))
        await session.commit()

    await sekar.send("/skp")
    start = sekar.last
    assert "SKP periode baru" in start.plain
    assert "SKP Tahun 2027 (2 rencana kinerja, versi yang disetujui)" in start.plain
    assert start.buttons == ["📋 Salin dari SKP Tahun 2027", "🆕 Mulai dari kosong"]
    await sekar.press("Salin dari SKP Tahun 2027")
    menu = sekar.last.plain
    assert "2 rencana kinerja disalin dari SKP Tahun 2027. 1 tersambung lagi" in menu
    assert "1 perlu dipilih ulang" in menu
    assert "SKP Tahun 2028" in menu and "Status: Draf" in menu
    assert "⏳ Menjabarkan rencana kinerja atasan yang belum disetujui" in menu
    assert "⚠️ Pilih ulang rencana kinerja atasan: disalin dari periode lalu" in menu
    await sekar.press("📨 Ajukan")
    assert "Kinerja Utama 2: rencana kinerja atasan yang didukung telah berubah" in sekar.last.plain
    await sekar.press("U2.")
    await sekar.press("Pilih ulang rencana kinerja atasan")
    assert "Manajemen talenta ASN diterapkan ⏳" in sekar.last.plain
    await sekar.press("2")
    await sekar.press("Daftar rencana kinerja")
    await sekar.press("📨 Ajukan")
    assert "Ajukan SKP?" in sekar.last.plain
    async with harness.db.session() as session:
        owner = await repo.employee_by_nip(session, SEKAR_NIP)
        skps = (await session.exec(select(Skp).where(Skp.employee_id == owner.id))).all()
        assert sorted(s.status for s in skps) == ["APPROVED", "DRAFT"]
        copied = await repo.items_of(session, max(s.id for s in skps))
        indicators = (await session.exec(select(Indicator).where(Indicator.item_id == copied[0].id))).all()
        assert [i.target_unit for i in indicators] == ["dokumen", "%", "bulan"]
    # Someone without an earlier SKP starts empty at once.
    citra = await linked_user(harness, "199408302016092007", 7403, "Citra")
    await citra.send("/skp")
    assert "SKP Tahun 2028" in citra.last.plain and "Tambah rencana kinerja" in " ".join(citra.buttons())


async def test_jpt_takes_the_pk_indicator_and_an_index_target(harness, demo):
    kepala = await linked_user(harness, KEPALA_NIP, 7501, "Kepala")
    async with harness.db.session() as session:
        session.add(PkSasaran(unit_kerja=UNIT, sasaran="Meningkatnya kualitas pelayanan publik",
                              indikator="Indeks pelayanan publik", target="3,10"))
        await session.commit()
        sekda = await repo.employee_by_nip(session, SEKDA_NIP)
        kepala_skp = await skp_of(harness, KEPALA_NIP)
    async with harness.db.write_session() as session:  # the Sekda opens the Kepala's SKP for changes
        await lifecycle.change_status(session, kepala_skp.id, Action.REOPEN, Actor(sekda.id))
        await session.commit()
    await kepala.send("/skp")
    await kepala.press("Tambah rencana kinerja")
    await kepala.press("Kinerja Utama")
    options = kepala.last.plain
    assert options.count("Meningkatnya kualitas pelayanan publik") == 1  # two indicators, listed once
    await kepala.press("1")
    await kepala.send("Kualitas pelayanan kepegawaian meningkat")
    if "Periksa bahasa" in kepala.last.plain:
        await kepala.press("Tetap pakai teks saya")
    assert "1. Indeks kepuasan masyarakat\n2. Indeks pelayanan publik" in kepala.last.plain
    await kepala.press("1")
    assert kepala.last.buttons[0] == "83,00 %"  # the PK's own target first
    await kepala.press("83,00 %")
    await kepala.press("Tambah indikator")
    await kepala.press("2")
    assert kepala.last.buttons[0] == "3,10"
    await kepala.send("3,10")  # an index, typed without a unit
    await kepala.press("Lanjut")
    card = kepala.last.plain
    assert "Indeks kepuasan masyarakat — 83,00 %" in card and "Indeks pelayanan publik — 3,10" in card


async def test_the_approval_reminder_lists_buttons_that_open_the_member(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 7601, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 7602, "Bawono")
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,5")
    await submit(sekar)
    with time_machine.travel(dt.datetime(2027, 1, 24, 8, 5, tzinfo=WIB), tick=False):
        fired = await check_reminders(harness.app)
        assert [(f.deadline_kind, f.days_before) for f in fired] == [("approval", 7)]
        await drain(harness.app)
    reminder = kabid.last
    assert "Pengingat persetujuan SKP" in reminder.plain and "Ketuk nama di bawah" in reminder.plain
    assert reminder.buttons == ["⏳ SEKAR SATITI, S.STP."]
    await kabid.press("SEKAR SATITI", message=reminder)
    await kabid.press("Setujui", message=kabid.last)
    assert (await skp_of(harness, SEKAR_NIP)).status == "APPROVED"


async def test_a_new_atasan_from_the_roster_flags_the_links(harness, demo, tmp_path):
    """The roster import moves a pending SKP to the new atasan; its links to the old penilai's
    results are flagged and the employee is told (outbox)."""
    from bot.services.demo import PEOPLE
    from bot.services.roster import import_roster

    sekar = await linked_user(harness, SEKAR_NIP, 7701, "Sekar")
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,5")
    lines = ["nip,nama,pangkat_golongan,jabatan,jenis_jabatan,unit_kerja,nip_atasan"]
    for nip, nama, gol, jabatan, jenis, unit, atasan in PEOPLE:
        if nip == SEKAR_NIP:
            atasan = KEPALA_NIP  # Sekar now reports to the Kepala
        lines.append(",".join(f'"{v}"' for v in (nip, nama, gol, jabatan, jenis, unit, atasan)))
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    async with harness.db.write_session() as session:
        report = await import_roster(session, path)
    assert not report.errors, report.errors
    assert [m.pegawai.nip for m in report.moved] == [SEKAR_NIP]
    item = await item_named(harness, "Promosi ASN terlaksana sesuai peraturan")
    assert (item.relink, item.parent_item_id) == ("moved", None)
    async with harness.db.session() as session:
        assert (await session.get(Employee, (await skp_of(harness, SEKAR_NIP)).penilai_id)).nip == KEPALA_NIP
    await drain(harness.app)
    assert "Pejabat penilai Anda kini H. MOH AMIRUDIN, S.IP.,M.M." in sekar.last.plain
    assert "• Meningkatnya kualitas pelayanan publik" in sekar.last.plain
