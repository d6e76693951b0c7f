"""`/tim` and `/matriks` for the seed's BKPSDM team (demo data plus drafted SKPs)."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from bot import callback_data
from bot.services.demo import KABID_ITEMS, KABID_NIP, SEKAR_NIP
from tests.conftest import linked_user
from tests.flows.helpers import draft_item, pdf_text, squash

OKTI_NIP, IMAM_NIP = "198504122010012003", "198807152011011002"


async def test_matrix_of_the_seed_team_read_back_from_xlsx(harness, demo):
    okti = await linked_user(harness, OKTI_NIP, 8001, "Okti")
    imam = await linked_user(harness, IMAM_NIP, 8002, "Imam")
    sekar = await linked_user(harness, SEKAR_NIP, 8003, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 8004, "Bawono")
    # The seed's cells: Okti → column 1, Imam → columns 1 and 5, Sekar → columns 2, 3, 4.
    await draft_item(okti, parent="1", rk="Sistem Informasi Kepegawaian dikelola secara optimal", ak="0,5")
    await draft_item(imam, parent="1", rk="Sistem informasi kepegawaian beroperasi optimal", ak="0,5")
    await draft_item(imam, parent="5", rk="Terlayannya PPKP ASN dalam SIMPEG dengan baik", ak="0,5")
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,5")
    await draft_item(sekar, parent="3", rk="Pendidikan Lanjutan ASN terfasilitasi sesuai SOP", ak="0,5")
    await draft_item(sekar, parent="4", rk="Pengembangan Karir dalam Jabatan Fungsional terlaksana sesuai peraturan",
                     ak="0,5")

    await kabid.send("/matriks")
    pdf_doc, xlsx_doc = kabid.documents[-2:]
    assert pdf_doc.filename.endswith(".pdf") and xlsx_doc.filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(xlsx_doc.document)).worksheets[0]
    values = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    flat = [v for row in values for v in row if v is not None]
    for outcome in KABID_ITEMS:
        assert outcome in flat
    rows = {row[1]: row for row in values if row and len(row) > 1 and isinstance(row[1], str)}
    okti_row = next(r for n, r in rows.items() if n.startswith("OKTI"))
    sekar_row = next(r for n, r in rows.items() if n.startswith("SEKAR"))
    citra_row = next(r for n, r in rows.items() if n.startswith("CITRA"))
    # Drafts (not yet approved) are marked; "x" only for someone who drafted and plays no part there.
    assert okti_row[2:8] == ("Sistem Informasi Kepegawaian dikelola secara optimal (draf)", "x", "x", "x", "x", "x")
    assert sekar_row[2:8] == ("x", "Promosi ASN terlaksana sesuai peraturan (draf)",
                              "Pendidikan Lanjutan ASN terfasilitasi sesuai SOP (draf)",
                              "Pengembangan Karier dalam Jabatan Fungsional terlaksana sesuai peraturan (draf)", "x",
                              "x")
    assert citra_row[2:8] == ("belum disusun",) * 6  # has not drafted yet: not the same as "no role"
    # one matrix per outcome theme, with the period; the sheet's lines above the table are the PDF's
    assert values[1][0] == "1. TERWUJUDNYA BIROKRASI YANG KAPABEL"
    assert str(values[3][0]).startswith("Periode: ")
    pdf = squash(pdf_text(pdf_doc.document))
    assert squash("Matriks Pembagian Peran dan Hasil") in pdf
    for line in (values[1][0], values[2][0], values[3][0]):
        assert squash(str(line)) in pdf


async def test_team_status_and_member_summary(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 8101, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 8102, "Bawono")
    stranger = await linked_user(harness, IMAM_NIP, 8103, "Imam")
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,5")
    await kabid.send("/tim")
    text = kabid.last.plain
    assert "Belum mulai: 6" in text and "Draf: 1" in text
    await kabid.press("SEKAR SATITI")
    assert "Promosi ASN terlaksana sesuai peraturan" in kabid.last.plain
    member_button = kabid.last.callback_data[0]
    await kabid.press("Dokumen")
    assert kabid.documents[-2].filename.endswith(".pdf")
    # Someone else's team member: refused.
    await stranger.press_data(member_button, 1)
    assert "bukan anggota tim" in stranger.callback_answers()[-1]["text"]
    assert member_button.startswith("t1:") and len(member_button.encode()) <= callback_data.MAX_BYTES
