"""Whole drafting conversations through the real Application and the fake Bot API."""

from __future__ import annotations

from sqlmodel import select

from bot.services.demo import KABID_NIP, KEPALA_NIP, SEKAR_NIP
from bot.storage.models import Indicator, Skp, SkpItem, WizardSession
from tests.conftest import linked_user
from tests.flows.helpers import answer_aspects, docx_text, draft_item, open_new_item, pdf_text, squash

KURNIAWAN_NIP = "198309212009031005"


async def test_jf_draft_to_documents(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 5001, "Sekar")
    await open_new_item(sekar)
    # The penilai's approved results, numbered; pick "Pegawai ditempatkan … melalui promosi".
    assert "Pegawai ditempatkan sesuai ketentuan melalui promosi" in sekar.last.plain
    await sekar.press("2")
    await sekar.send("Menyusun evaluasi pelaksanaan promosi ASN dalam JPT Pratama")
    assert "AKTIVITAS" in sekar.last.plain
    assert any("Pakai saran" in b for b in sekar.buttons())
    await sekar.press("Pakai saran")
    await answer_aspects(
        sekar,
        ("1 dokumen", "100 %", "12 bulan"),
        (
            "Dokumen evaluasi pelaksanaan promosi ASN dalam JPT Pratama",
            "Persentase evaluasi pelaksanaan promosi ASN",
            "Ketepatan waktu pelaksanaan kegiatan",
        ),
    )
    assert "Angka kredit" in sekar.last.plain
    await sekar.send("0,500")
    card = sekar.last.plain
    assert "1 dokumen" in card and "100 %" in card and "12 bulan" in card and "0,500" in card
    await sekar.press("Simpan")
    await sekar.press("Selesai")
    await sekar.press("Dokumen")
    docs = sekar.documents
    assert [d.filename.rsplit(".", 1)[1] for d in docs[-2:]] == ["pdf", "docx"]
    pdf, docx = pdf_text(docs[-2].document), docx_text(docs[-1].document)
    for text in (squash(pdf), squash(docx)):
        assert squash("SASARAN KINERJA PEGAWAI JABATAN FUNGSIONAL") in text
        assert squash("SEKAR SATITI, S.STP.") in text
        assert squash("BAWONO ANDI WIDODO, S.STP.") in text
        assert squash("Dokumen evaluasi pelaksanaan promosi ASN dalam JPT Pratama") in text
        assert squash("Pegawai ditempatkan sesuai ketentuan melalui promosi") in text
        assert "0,500" in text and "DRAFT" in text
    async with harness.db.session() as session:
        item = (await session.exec(select(SkpItem))).all()[-1]
        assert item.complete and item.ak == "0.500"
        assert item.rencana_kinerja.startswith("Tersusunnya") or item.rencana_kinerja != ""


async def test_ja_draft_and_submit_waits_for_unlinked_penilai(harness, demo):
    # Kabid's SKP is already approved in the demo; use a pelaksana under him.
    citra = await linked_user(harness, "199408302016092007", 5002, "Citra")
    await draft_item(
        citra, parent="2", rk="Rekomendasi promosi ASN tersusun tepat waktu", targets=("3 kegiatan", "90 %", "12 bulan")
    )
    assert "Angka kredit" not in citra.texts()[-3]
    await citra.press("Ajukan")
    await citra.press("Ya, ajukan")
    assert any("menunggu" in t for t in citra.texts()), citra.texts()[-3:]
    async with harness.db.session() as session:
        skp = (await session.exec(select(Skp).where(Skp.status == "SUBMITTED"))).one()
        assert skp.submitted_at is not None


async def test_restart_mid_wizard_continues_with_everything_kept(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 5003, "Sekar")
    await open_new_item(sekar)
    await sekar.press("1")
    await sekar.send("Data kepegawaian yang valid dan akurat")
    await sekar.press("1")  # kuantitas indicator suggestion
    assert "Target" in sekar.last.plain
    # Kill the process; a brand-new Application on the same database takes over.
    tg = await harness.restart()
    sekar = tg.user(5003, "Sekar")
    await sekar.send("2 dokumen")  # answers the step the user was at
    assert "kualitas" in sekar.last.plain.lower()
    await sekar.send("/skp")
    assert "Melanjutkan" in sekar.last.plain
    async with harness.db.session() as session:
        wizard = await session.get(WizardSession, 5003)
        assert wizard is not None and wizard.step == "skp.ind.kualitas"
        item = (
            await session.exec(
                select(SkpItem).where(SkpItem.rencana_kinerja == "Data kepegawaian yang valid dan akurat")
            )
        ).one()
        row = (
            await session.exec(select(Indicator).where(Indicator.item_id == item.id, Indicator.aspek == "kuantitas"))
        ).one()
        assert (row.target_value, row.target_unit) == ("2", "dokumen")


async def test_back_and_edit(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 5004, "Sekar")
    await open_new_item(sekar)
    await sekar.press("1")
    await sekar.send("Data kepegawaian yang valid dan akurat")
    await sekar.press("Kembali")  # back to the RK question, the answer shown as current
    assert "Data kepegawaian yang valid dan akurat" in sekar.last.plain
    await sekar.send("Sistem informasi kepegawaian beroperasi optimal")
    await answer_aspects(sekar, ("1 dokumen", "100 %", "12 bulan"))
    await sekar.send("0,25")
    await sekar.press("Simpan")
    await sekar.press("Selesai")
    await sekar.press("Sistem informasi")  # open the item from the overview
    await sekar.press("Ubah")
    await sekar.press("Target kualitas")
    await sekar.send("95 %")
    assert "95 %" in sekar.last.plain and any("Ubah" in b for b in sekar.buttons())  # back on the card
    await sekar.press("Ubah")
    await sekar.press("Rencana kinerja")
    await sekar.send("Sistem informasi kepegawaian terpelihara dan beroperasi optimal")
    assert "terpelihara" in sekar.last.plain
    async with harness.db.session() as session:
        item = (await session.exec(select(SkpItem).where(SkpItem.rencana_kinerja.contains("terpelihara")))).one()  # type: ignore[attr-defined]
        rows = (await session.exec(select(Indicator).where(Indicator.item_id == item.id))).all()
        assert {(r.aspek, r.target_value) for r in rows} >= {("kualitas", "95")}


async def test_jpt_draft_from_pk_sasaran(harness, demo):
    sekda = await linked_user(harness, "196411171992011002", 5005, "Sekda")
    await sekda.send("/skp")
    # Kepala is already approved in the demo; the Sekda (JPT) drafts against typed sasaran.
    await sekda.press("Tambah rencana kinerja")
    await sekda.press("Kinerja Utama")
    await sekda.send("Meningkatnya kualitas tata kelola pemerintahan daerah")
    await sekda.send("Meningkatnya kualitas tata kelola pemerintahan daerah")
    await sekda.send("Indeks reformasi birokrasi")
    await sekda.send("75,50 %")
    await sekda.press("Lanjut")
    assert "75,50 %" in sekda.last.plain
    await sekda.press("Simpan")
    await sekda.press("Selesai")
    await sekda.press("Dokumen")
    pdf = squash(pdf_text(sekda.documents[-2].document))
    assert squash("SASARAN KINERJA PEGAWAI JABATAN PIMPINAN TINGGI (JPT) MADYA") in pdf and "75,50%" in pdf
    assert squash("Indeks reformasi birokrasi") in pdf


async def test_kepala_sees_pk_sasaran(harness, demo):
    # The Kepala's SKP is approved: the overview is read-only.
    kepala = await linked_user(harness, KEPALA_NIP, 5006, "Kepala")
    await kepala.send("/skp")
    assert "Disetujui" in kepala.last.plain and not any("Tambah rencana kinerja" in b for b in kepala.buttons())
    kabid = await linked_user(harness, KABID_NIP, 5007, "Kabid")
    await kabid.send("/skp")
    assert not any("Tambah rencana kinerja" in b for b in kabid.buttons())
