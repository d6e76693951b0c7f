"""Text that would become a formula: refused where people type it (rencana kinerja, indikator, dasar
penugasan, revision notes), and stored as text in every spreadsheet the bot writes (Matriks,
recap), whatever got into the database."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from bot.documents.matrix import MatrixView, render_matrix_xlsx
from bot.documents.recap import RecapRow, render_recap_xlsx
from bot.services.demo import KABID_NIP, SEKAR_NIP
from bot.storage.models import Indicator, SkpItem
from skp_domain.errors import TextError
from skp_domain.safety import check_plain
from tests.conftest import linked_user
from tests.flows.helpers import draft_item, open_new_item

HYPERLINK = '=HYPERLINK("http://phish.example/x","Tersusunnya laporan")'
HOSTILE = [HYPERLINK, "+SUM(1,2)", "-2+3", "@A1", "=1+1", "-cmd|' /C calc'!A0"]


def _cells(xlsx: bytes):  # type: ignore[no-untyped-def]
    workbook = load_workbook(io.BytesIO(xlsx))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            yield from row


def _assert_text(xlsx: bytes, expected: list[str]) -> None:
    found = {}
    for cell in _cells(xlsx):
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str):
            found[cell.value] = cell
    for text in expected:
        assert text in found, (text, sorted(found)[:20])
        assert found[text].data_type == "s" and found[text].quotePrefix, text


def test_matrix_xlsx_keeps_formulas_as_text() -> None:
    view = MatrixView(
        title=HYPERLINK,
        unit="@unit",
        penilai_nama="=Kepala",
        columns=(HOSTILE[1], "Hasil biasa"),
        rows=((HOSTILE[2], HOSTILE[3], (HOSTILE[4], HOSTILE[5])),),
    )
    _assert_text(render_matrix_xlsx(view), [HYPERLINK, *HOSTILE[1:]])


def test_recap_xlsx_keeps_roster_text_as_text() -> None:
    row = RecapRow(
        nip="199106112012062001", nama=HYPERLINK, unit_kerja="@SUM(1,2)", jabatan="-2+3",
        penilai="=1+1", status="Draf", submitted="", approved="",
    )
    xlsx = render_recap_xlsx("=Periode", [row], [("+Unit", {"draft": 1})])
    _assert_text(xlsx, [HYPERLINK, "@SUM(1,2)", "-2+3", "=1+1", "+Unit"])


@pytest.mark.parametrize("text", [HYPERLINK, "+SUM(A1:A3)", "@A1", "=1+1", "Laporan di http://x.example/a",
                                  "Lihat www.contoh.com", "Unduh di bkpsdm.kebumenkab.go.id/laporan"])
def test_the_domain_refuses_formulas_and_links(text: str) -> None:
    with pytest.raises(TextError, match=r"Rencana kinerja (terbaca sebagai rumus|tidak boleh memuat tautan)"):
        check_plain(text, "Rencana kinerja")


@pytest.mark.parametrize("text", ["- Tersusunnya laporan evaluasi", "Laporan 100% tepat waktu",
                                  "Nilai IKM +5 poin", "Dokumen e-SKP tersusun", "Rp 5.000.000 terserap"])
def test_ordinary_sentences_pass(text: str) -> None:
    assert check_plain(text, "Rencana kinerja") == text


async def test_a_formula_or_a_link_typed_in_the_wizard_is_refused(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 8501, "Sekar")
    await open_new_item(sekar)
    await sekar.press("1")
    await sekar.send(HYPERLINK)
    assert "terbaca sebagai rumus spreadsheet" in sekar.last.plain
    await sekar.send("Tersusunnya laporan, lihat https://phish.example/x")
    assert "tidak boleh memuat tautan" in sekar.last.plain
    await sekar.send("Data kepegawaian yang valid dan akurat")
    if "Periksa bahasa" in sekar.last.plain:
        await sekar.press("Tetap pakai teks saya")
    await sekar.send("=SUM(1;2)")  # the kuantitas indicator
    assert "Indikator terbaca sebagai rumus" in sekar.last.plain
    async with harness.db.session() as session:
        rks = [i.rencana_kinerja for i in (await session.exec(select(SkpItem))).all()]
        indicators = [i.indikator for i in (await session.exec(select(Indicator))).all()]
    assert HYPERLINK not in rks and not any("phish" in rk for rk in rks)
    assert "=SUM(1;2)" not in indicators
    # A Kinerja Tambahan's dasar penugasan.
    citra = await linked_user(harness, "199408302016092007", 8504, "Citra")
    await open_new_item(citra, "Kinerja Tambahan")
    await citra.send("Surat tugas: http://phish.example/st.pdf")
    assert "Dasar penugasan tidak boleh memuat tautan" in citra.last.plain
    async with harness.db.session() as session:
        assert not any("phish" in (i.basis or "") for i in (await session.exec(select(SkpItem))).all())


async def test_a_revision_note_with_a_link_is_refused(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 8502, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 8503, "Bawono")
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,500")
    await sekar.press("Ajukan")
    await sekar.press("Ya, ajukan")
    await kabid.press("Minta revisi")
    await kabid.press("Seluruh SKP")
    await kabid.send("Perbaiki sesuai contoh di http://phish.example/contoh")
    assert "Catatan revisi tidak boleh memuat tautan" in kabid.last.plain
    assert "phish" not in sekar.last.plain
