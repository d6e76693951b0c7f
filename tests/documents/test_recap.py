"""Recap XLSX: NIPs stay text; counts per unit by status."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from bot.documents.recap import HEADER_ROW, PER_UNIT_HEADERS, RecapRow, recap_title, render_recap_xlsx

BKPSDM = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"

ROWS = [
    RecapRow(
        "199106112012062001",
        "SEKAR SATITI, S.STP.",
        BKPSDM,
        "Analis SDM Aparatur Ahli Muda",
        "BAWONO ANDI WIDODO, S.STP.",
        "Disetujui",
        "20 Januari 2026",
        "24 Januari 2026",
    ),
    RecapRow(
        "198103021999121001",
        "BAWONO ANDI WIDODO, S.STP.",
        BKPSDM,
        "Kepala Bidang",
        "H. MOH AMIRUDIN, S.IP.,M.M.",
        "Diajukan",
        "22 Januari 2026",
        "",
    ),
    RecapRow(
        "198902252024211013",
        "PPPK <Contoh> & Co",
        "Dinas Pendidikan",
        "Guru Ahli Pertama",
        "-",
        "Belum mulai",
        "",
        "",
    ),
]
COUNTS = [
    (BKPSDM, {"Disetujui": 1, "Diajukan": 1, "Draf": 3}),
    ("Dinas Pendidikan", {"not_started": 4, "approved": 2, "needs_revision": 1}),
]


def test_recap_reads_back() -> None:
    wb = load_workbook(io.BytesIO(render_recap_xlsx("SKP 2026", ROWS, COUNTS)))
    assert wb.sheetnames == ["Pegawai", "Per Unit"]
    ws = wb["Pegawai"]
    assert ws["A1"].value == "Rekap SKP 2026"  # not "Rekap SKP SKP 2026"
    assert wb["Per Unit"]["A1"].value == "Rekap SKP per Unit Kerja 2026"
    assert recap_title("SKP Tahun 2027") == "Rekap SKP Tahun 2027"
    assert recap_title("Periode Jabatan Baru 2027") == "Rekap SKP Periode Jabatan Baru 2027"
    assert [c.value for c in ws[HEADER_ROW]][:3] == ["No", "NIP", "Nama"]
    for offset, row in enumerate(ROWS, start=1):
        nip = ws.cell(HEADER_ROW + offset, 2)
        assert nip.value == row.nip  # text, all 18 digits, not 1.99E+17
        assert isinstance(nip.value, str)
        assert nip.data_type == "s"
        assert nip.number_format == "@"
        assert ws.cell(HEADER_ROW + offset, 3).value == row.nama
        assert ws.cell(HEADER_ROW + offset, 11).value == row.status
    assert ws.cell(HEADER_ROW + 2, 13).value == "-"  # not yet approved
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"

    units = wb["Per Unit"]
    assert tuple(c.value for c in units[HEADER_ROW]) == PER_UNIT_HEADERS
    # counts given without an OPD or linked numbers: the unit stands for its OPD, "-" for Telegram
    assert [c.value for c in units[HEADER_ROW + 1]] == [BKPSDM, BKPSDM, "-", "-", 0, 3, 1, 0, 1, 5]
    assert [c.value for c in units[HEADER_ROW + 2]] == ["Dinas Pendidikan", "Dinas Pendidikan", "-", "-", 4, 0, 0, 1,
                                                        2, 7]
    assert [c.value for c in units[HEADER_ROW + 3]] == ["Jumlah", None, "-", "-", 4, 3, 1, 1, 3, 12]


def test_recap_rejects_unknown_status_and_handles_empty() -> None:
    with pytest.raises(ValueError, match="unknown SKP status"):
        render_recap_xlsx("2026", [], [("Unit", {"lost": 1})])
    wb = load_workbook(io.BytesIO(render_recap_xlsx("2026", [], [])))
    assert wb["Per Unit"].cell(HEADER_ROW + 1, 1).value == "Jumlah"
