"""Coaching through the real Application on the fake Bot API (rules only): a phrase typed the way
people type it is cleaned and rewritten as a result, indicators and target chips follow it, AK is
optional for a Kinerja Tambahan, Batal says what was discarded, Ajukan and the penilai's prompt
repeat what still reads as an activity, and /bantuan teaches the basics."""

from __future__ import annotations

import re

from sqlmodel import select

from bot.services.demo import KABID_NIP, SEKAR_NIP
from bot.storage import repo
from bot.storage.models import Employee, Skp, SkpItem
from skp_domain.formats import SkpFormat
from skp_domain.result_language import classify, find_filler
from tests.conftest import BotHarness, linked_user
from tests.flows.helpers import draft_item, open_new_item

SLOPPY = "koordinasi dgn bappeda prov terkait jadwal musrenbang"
CLEANED = "Koordinasi dengan BAPPEDA Provinsi terkait jadwal Musrenbang"
FILLER = ("secara optimal", "dengan baik", "maksimal")


def numbered(text: str) -> list[str]:
    """The numbered suggestions of a screen ("1. …", "2. …")."""
    return [m.group(1).strip() for m in re.finditer(r"(?m)^\d+\. (.+)$", text)]


async def _items(harness: BotHarness, nip: str = SEKAR_NIP) -> list[SkpItem]:
    """The rencana kinerja of one person's SKP(s), oldest first."""
    async with harness.db.session() as session:
        query = (
            select(SkpItem)
            .join(Skp, Skp.id == SkpItem.skp_id)  # type: ignore[arg-type]
            .join(Employee, Employee.id == Skp.employee_id)  # type: ignore[arg-type]
            .where(Employee.nip == nip)
            .order_by(SkpItem.id)  # type: ignore[arg-type]
        )
        return list((await session.exec(query)).all())


async def test_sloppy_phrase_is_cleaned_and_the_first_suggestion_is_saved(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 5301, "Sekar")
    await open_new_item(sekar)
    assert "Langkah 2 dari 8 — Rencana kinerja atasan" in sekar.last.plain
    await sekar.press("2")
    assert "Langkah 3 dari 8 — Rencana kinerja" in sekar.last.plain
    await sekar.send(SLOPPY)
    screen = sekar.last.plain
    assert "Langkah 3 dari 8 — Rencana kinerja" in screen
    assert CLEANED in screen  # acronyms upper-case, chat abbreviations written out, sentence case
    assert "dgn" not in screen and "prov " not in screen and "bappeda" not in screen
    assert "AKTIVITAS" in screen
    suggestions = numbered(screen)
    assert 2 <= len(suggestions) <= 3, screen
    for s in suggestions:
        assert not any(f in s.lower() for f in FILLER), s
        assert not find_filler(s), s
    first = suggestions[0]
    assert classify(first).is_result, first
    assert "Musrenbang" in first and "BAPPEDA Provinsi" in first  # the content survives
    labels = sekar.buttons()
    assert labels[0] == "✅ Pakai saran" and "Saran 2" in labels and "✍️ Tetap pakai teks saya" in labels

    await sekar.press("Pakai saran")
    assert "Langkah 4 dari 8 — Indikator kuantitas" in sekar.last.plain
    assert first in sekar.last.plain
    items = await _items(harness)
    assert items[-1].rencana_kinerja == first


async def test_keeping_own_text_saves_the_cleaned_text(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 5302, "Sekar")
    await open_new_item(sekar)
    await sekar.press("2")
    await sekar.send(SLOPPY)
    await sekar.press("Tetap pakai teks saya")
    assert "Langkah 4 dari 8 — Indikator kuantitas" in sekar.last.plain
    assert (await _items(harness))[-1].rencana_kinerja == CLEANED


async def test_indicators_and_target_chips_follow_the_result(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 5303, "Sekar")
    await open_new_item(sekar)
    await sekar.press("2")
    await sekar.send("Laporan evaluasi promosi ASN tersusun lengkap dan tepat waktu")
    # Already a result: saved as typed, straight to the kuantitas indicator.
    kuantitas = sekar.last.plain
    assert "Langkah 4 dari 8 — Indikator kuantitas" in kuantitas
    options = numbered(kuantitas)
    assert options and all(o.startswith("Jumlah") or o.startswith("Dokumen") for o in options), options
    assert not any("jumlah" in o.lower().split(" ", 1)[1] for o in options)  # no "Jumlah … jumlah …"
    await sekar.press("1")
    chips = sekar.buttons()[:-2]  # without Kembali / Batal
    assert "Langkah 4 dari 8 — Target kuantitas" in sekar.last.plain
    assert chips and all(c.endswith(" laporan") for c in chips), chips  # the unit of the product
    await sekar.press(chips[0])

    kualitas = sekar.last.plain
    assert "Langkah 5 dari 8 — Indikator kualitas" in kualitas
    assert all(o.startswith("Persentase") or "kepuasan" in o.lower() or "akurasi" in o.lower()
               for o in numbered(kualitas))
    assert not any(o.lower().count("persentase") > 1 for o in numbered(kualitas))
    await sekar.press("1")
    chips = sekar.buttons()[:-2]
    assert chips and all(c.endswith("%") for c in chips), chips  # a persentase gets percentages
    await sekar.press(chips[0])

    assert "Langkah 6 dari 8 — Indikator waktu" in sekar.last.plain
    await sekar.press("1")
    chips = sekar.buttons()[:-2]
    assert chips and all(c.endswith(" bulan") and int(c.split()[0]) <= 12 for c in chips), chips
    await sekar.press(chips[0])
    assert "Langkah 7 dari 8 — Angka kredit" in sekar.last.plain


async def test_typed_jumlah_indicator_gets_its_own_unit_as_chips(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 5304, "Sekar")
    await open_new_item(sekar)
    await sekar.press("2")
    await sekar.send("Data kepegawaian valid dan akurat")
    await sekar.send("Jumlah berkas usulan promosi yang terverifikasi")
    chips = sekar.buttons()[:-2]
    assert chips and all(c.endswith(" berkas") for c in chips), chips
    await sekar.send("sepuluh berkas")  # words for numbers
    assert "Langkah 5 dari 8 — Indikator kualitas" in sekar.last.plain
    await sekar.send("Persentase berkas usulan yang lengkap sesuai ketentuan")
    chips = sekar.buttons()[:-2]
    assert chips and all(c.endswith("%") for c in chips), chips


async def test_ak_may_be_left_empty_for_kinerja_tambahan(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 5305, "Sekar")
    await open_new_item(sekar, "Kinerja Tambahan")
    assert "Langkah 2 dari 8 — Dasar penugasan" in sekar.last.plain
    await sekar.send("Surat Tugas Kepala BKPSDM Nomor 800/123/2026")
    assert "Langkah 3 dari 8 — Rencana kinerja" in sekar.last.plain
    await sekar.send("Materi bimtek SIMPEG tersusun lengkap dan tepat waktu")
    for _ in range(3):
        await sekar.press("1")
        await sekar.press(0)
    ak = sekar.last.plain
    assert "Langkah 7 dari 8 — Angka kredit" in ak and "boleh tanpa AK" in ak
    await sekar.send("-")
    assert "Langkah 8 dari 8 — Periksa dan simpan" in sekar.last.plain
    await sekar.press("Simpan")
    item = (await _items(harness))[-1]
    assert item.section == "TAMBAHAN" and item.complete and item.ak is None


async def test_ak_stays_required_for_kinerja_utama(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 5306, "Sekar")
    await open_new_item(sekar)
    await sekar.press("2")
    await sekar.send("Materi bimtek SIMPEG tersusun lengkap dan tepat waktu")
    for _ in range(3):
        await sekar.press("1")
        await sekar.press(0)
    assert "boleh tanpa AK" not in sekar.last.plain
    await sekar.send("-")
    assert "Langkah 7 dari 8 — Angka kredit" in sekar.last.plain  # asked again, with the reason


async def test_batal_says_an_unfinished_item_is_not_saved(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 5307, "Sekar")
    await open_new_item(sekar)
    await sekar.press("2")
    await sekar.send(SLOPPY)
    await sekar.press("Pakai saran")
    await sekar.press("1")  # half-way: the kuantitas indicator is chosen
    assert len(await _items(harness)) == 1
    await sekar.press("Batal")
    said = "\n".join(sekar.texts()[-2:])
    assert "Rencana kinerja yang belum selesai tidak disimpan." in said
    assert await _items(harness) == []


async def test_batal_without_an_unsaved_item_says_nothing_was_discarded(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 5308, "Sekar")
    # Nothing begun yet: Batal at the first question (Kinerja Utama or Tambahan).
    await sekar.send("/skp")
    await sekar.press("Tambah rencana kinerja")
    assert "Langkah 1 dari" in sekar.last.plain
    await sekar.press("Batal")
    said = "\n".join(sekar.texts()[-2:])
    assert "Dibatalkan" in said and "tidak disimpan" not in said
    # A saved item being edited: Batal keeps it, and says nothing about discarding.
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,500")
    await sekar.press("Promosi ASN")
    await sekar.press("Ubah")
    await sekar.press(0)
    await sekar.press("Batal")
    said = "\n".join(sekar.texts()[-2:])
    assert "Dibatalkan" in said and "tidak disimpan" not in said
    items = await _items(harness)
    assert len(items) == 1 and items[0].complete


async def test_ajukan_repeats_activity_language_and_the_penilai_sees_the_flags(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 5309, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 5310, "Bawono")
    await draft_item(sekar, parent="2", rk="input data absensi ke aplikasi", ak="0,500", keep_own=True)
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,500")
    await draft_item(sekar, parent="3", rk="menyusun laporan bulanan", ak="0,250", keep_own=True)
    await sekar.press("Ajukan")
    confirm = sekar.last.plain
    assert "2 rencana kinerja masih berbahasa aktivitas" in confirm
    assert "U1. Input data absensi ke aplikasi" in confirm
    assert "U3. Menyusun laporan bulanan" in confirm
    assert "U2." not in confirm
    assert "Ya, ajukan" in " ".join(sekar.buttons())  # still allowed
    await sekar.press("Ya, ajukan")

    prompt = kabid.last.plain
    assert "Pengajuan SKP" in prompt
    assert "2 rencana kinerja masih berbahasa aktivitas" in prompt
    blocks = re.split(r"\n(?=U\d\.)", prompt)
    flagged = {b.split(".", 1)[0] for b in blocks if "masih berbahasa aktivitas" in b and b.startswith("U")}
    assert flagged == {"U1", "U3"}, prompt

    # /tim shows the same marks where the penilai may also decide.
    await kabid.send("/tim")
    await kabid.press("SEKAR SATITI")
    member = kabid.last.plain
    blocks = re.split(r"\n(?=U\d\.)", member)
    flagged = {b.split(".", 1)[0] for b in blocks if "masih berbahasa aktivitas" in b and b.startswith("U")}
    assert flagged == {"U1", "U3"}, member


async def test_ajukan_without_activity_language_says_nothing_about_it(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 5311, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 5312, "Bawono")
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,500")
    await sekar.press("Ajukan")
    assert "berbahasa aktivitas" not in sekar.last.plain
    await sekar.press("Ya, ajukan")
    assert "Pengajuan SKP" in kabid.last.plain and "berbahasa aktivitas" not in kabid.last.plain


async def test_bantuan_teaches_results_indicators_and_contact(harness, demo):
    user = harness.tg.user(5313, "Tamu")  # not linked: help is for everyone
    await user.send("/bantuan")
    text = user.last.plain
    # Results vs activities and categories, from the seed's table.
    assert "Permohonan bantuan teknis diproses dengan cepat dan akurat" in text
    assert "Menyusun materi sosialisasi aplikasi SIMPEG" in text and "(aktivitas)" in text
    assert "Monitoring dan supervisi" in text and "(kategori)" in text
    # Indicators: one example per aspect.
    for aspek, example in (
        ("Kuantitas", "Jumlah kegiatan pengelolaan promosi ASN"),
        ("Kualitas", "Persentase kesesuaian penempatan pegawai dalam jabatan"),
        ("Waktu", "Ketepatan waktu pelaksanaan kegiatan"),
    ):
        assert f"{aspek}: {example}" in text
    assert "hubungi admin BKPSDM di instansi Anda" in text
    assert "/skp" in text and "/periode" not in text
    assert len(text) <= 1600 and len(text.splitlines()) <= 36  # one phone screen or two, not a manual


async def test_bantuan_names_the_configured_contact_and_omits_an_empty_one(settings):
    for contact, expected in (("BKPSDM Kebumen, Bidang PKA, 0287-381234", True), ("", False)):
        h = BotHarness(settings.model_copy(update={"skp_admin_contact": contact}))
        tg = await h.start()
        try:
            user = tg.user(5314, "Tamu")
            await user.send("/bantuan")
            text = user.last.plain
            assert ("hubungi BKPSDM Kebumen, Bidang PKA, 0287-381234." in text) is expected
            assert ("hubungi" in text) is expected
            assert "Kuantitas" in text
        finally:
            await h.stop()


async def test_ajukan_reminder_uses_the_6_2022_wording(harness, demo):
    async with harness.db.session() as session:
        period = await repo.active_period(session)
        assert period is not None
        period.format = SkpFormat.PERMENPANRB_6_2022.value
        session.add(period)
        await session.commit()
    sekar = await linked_user(harness, SEKAR_NIP, 5315, "Sekar")
    await open_new_item(sekar, "Hasil Kerja Utama")
    await sekar.press("2")
    assert "Langkah 3 dari 7 — Rencana hasil kerja" in sekar.last.plain
    await sekar.send("input data absensi ke aplikasi")
    await sekar.press("Tetap pakai teks saya")
    for _ in range(3):
        await sekar.press("1")
        await sekar.press(0)
    await sekar.press("Simpan")
    await sekar.press("Selesai")
    await sekar.press("Ajukan")
    confirm = sekar.last.plain
    assert "1 rencana hasil kerja masih berbahasa aktivitas" in confirm
    assert "U1. Input data absensi ke aplikasi" in confirm
