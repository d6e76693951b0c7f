"""The 6/2022 SKP in chat, through the real Application: the employee drafts with 6/2022 wording
(no AK), the penilai cannot approve before the lampiran, accepts the default lampiran with one tap,
writes the team's ekspektasi khusus and adjusts it for one person; /salin gives e-Kinerja fields;
a penilai plans the matrix top-down and the subordinate sees it as the first suggestion."""

from __future__ import annotations

from bot.services.demo import KABID_NIP, SEKAR_NIP
from bot.storage import repo
from skp_domain.format6 import EXAMPLE_EKSPEKTASI
from skp_domain.formats import SkpFormat
from tests.conftest import linked_user
from tests.flows.helpers import answer_aspects, open_new_item, pdf_text, squash


async def _six(harness) -> None:  # type: ignore[no-untyped-def]
    async with harness.db.session() as session:
        period = await repo.active_period(session)
        assert period is not None
        period.format = SkpFormat.PERMENPANRB_6_2022.value
        session.add(period)
        await session.commit()


async def _draft_six(user, rk: str, parent: str = "2") -> None:  # type: ignore[no-untyped-def]
    await open_new_item(user, "Hasil Kerja Utama")
    assert "RHK pimpinan yang diintervensi" in user.last.plain, user.last.plain
    await user.press(parent)
    assert "Langkah 3 dari 7 — Rencana hasil kerja" in user.last.plain
    await user.send(rk)
    if "Periksa bahasa" in user.last.plain:
        await user.press("Tetap pakai teks saya")
    await answer_aspects(user, ("4850 data", "100 %", "12 bulan"))
    assert "Angka kredit" not in user.last.plain  # no AK under 6/2022
    await user.press("Simpan")
    await user.press("Selesai")


async def test_lampiran_before_approval_ekspektasi_and_salin(harness, demo):
    await _six(harness)
    sekar = await linked_user(harness, SEKAR_NIP, 9101, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 9102, "Bawono")
    await _draft_six(sekar, "Promosi ASN terlaksana sesuai peraturan")
    assert "A. Hasil Kerja Utama" in sekar.last.plain and "Pendekatan: Kuantitatif" in " ".join(sekar.buttons())
    await sekar.press("Ajukan")
    await sekar.press("Ya, ajukan")

    # The team's ekspektasi khusus, written once from /tim.
    await kabid.send("/tim")
    await kabid.press("Ekspektasi khusus tim")
    await kabid.press("2")  # Akuntabel
    assert "Panduan perilaku" in kabid.last.plain and "jujur" in kabid.last.plain
    await kabid.send(EXAMPLE_EKSPEKTASI)
    assert "disimpan" in kabid.last.plain and EXAMPLE_EKSPEKTASI in kabid.last.plain
    await kabid.press("Selesai")

    # Setujui without a lampiran: refused, and the lampiran card opens with the defaults.
    prompt = next(m for m in reversed(kabid.messages) if "Setujui" in " ".join(m.buttons))
    await kabid.press("Setujui", message=prompt)
    assert "Lampiran SKP belum diisi" in kabid.callback_answers()[-1]["text"]
    assert "Lampiran SKP" in kabid.last.plain and "DPA" in kabid.last.plain
    await kabid.press("Pakai isian baku ini")
    assert "Lampiran SKP SEKAR SATITI, S.STP. disimpan" in kabid.last.plain
    # Adjust one value for Sekar only, from the approval prompt's button.
    await kabid.press("Ekspektasi, lampiran, tanggal", message=prompt)
    assert "sudah diisi" in kabid.last.plain
    await kabid.press("Ekspektasi khusus orang ini")
    await kabid.press("6")  # Adaptif
    await kabid.send("Menguasai aplikasi e-Kinerja dan SIMPEG versi baru")
    await kabid.press("Kembali")
    await kabid.press("Selesai")
    await kabid.press("Setujui", message=prompt)  # again, now with its lampiran
    assert any("disetujui" in t.lower() for t in sekar.texts()[-3:])

    pdf = squash(pdf_text(sekar.documents[-2].document))
    for part in (
        "SASARANKINERJAPEGAWAI",
        "JABATANFUNGSIONAL",
        "PERILAKUKERJA",
        squash(EXAMPLE_EKSPEKTASI),
        squash("Menguasai aplikasi e-Kinerja dan SIMPEG versi baru"),
        "LAMPIRANSASARANKINERJAPEGAWAI",
        "4.850data",
    ):
        assert part in pdf, part

    await sekar.send("/salin")
    salin = "\n".join(sekar.texts()[-3:])
    assert "SKP untuk e-Kinerja" in salin
    assert "<code>Promosi ASN terlaksana sesuai peraturan</code>" in "\n".join(
        m.text or "" for m in sekar.messages[-3:]
    )
    assert "RHK pimpinan yang diintervensi" in salin and "Indikator kinerja individu" in salin
    assert EXAMPLE_EKSPEKTASI in salin and "4.850 data" in salin


async def test_matrix_planned_top_down_is_the_first_suggestion(harness, demo):
    kabid = await linked_user(harness, KABID_NIP, 9201, "Bawono")
    sekar = await linked_user(harness, SEKAR_NIP, 9202, "Sekar")
    await kabid.send("/matriks")
    # nobody in the team has drafted: every member's cells say so (beyond the legend's one mention)
    assert squash(pdf_text(kabid.documents[-2].document)).count("belumdisusun") > 7
    await kabid.press("Rencanakan peran anggota")
    await kabid.press("2")  # the Kabid's second result
    await kabid.press("SEKAR SATITI")
    await kabid.send("Promosi ASN terlaksana sesuai peraturan")
    assert "Promosi ASN terlaksana sesuai peraturan" in kabid.last.plain  # the member list shows the plan
    await kabid.send("/matriks")
    assert squash("Promosi ASN terlaksana sesuai peraturan (rencana)") in squash(pdf_text(kabid.documents[-2].document))

    await open_new_item(sekar)
    await sekar.press("2")
    assert sekar.buttons()[0] == "📌 Promosi ASN terlaksana sesuai peraturan"
    await sekar.press("📌 Promosi ASN terlaksana sesuai peraturan")
    assert "Indikator" in sekar.last.plain and "Promosi ASN terlaksana sesuai peraturan" in sekar.last.plain
