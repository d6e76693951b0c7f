"""Matriks Pembagian Peran dan Hasil to PDF and XLSX (the seed's BKPSDM table)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from bot.documents.matrix import (
    GROUP_MEMBERS,
    GROUP_OUTCOMES,
    HEADING,
    XLSX_FIRST_MEMBER_ROW,
    XLSX_GROUP_ROW,
    XLSX_HEADER_ROW,
    MatrixView,
    header_lines,
    render_matrix_pdf,
    render_matrix_xlsx,
)
from tests.documents.samples import sample_matrix

from .helpers import pdf_pages, pdf_text, squash


def test_matrix_xlsx_reads_back_as_the_seed_table() -> None:
    view = sample_matrix()
    wb = load_workbook(io.BytesIO(render_matrix_xlsx(view)))
    ws = wb["Matriks"]
    assert ws["A1"].value == HEADING
    assert ws["A2"].value == "1. TERWUJUDNYA BIROKRASI YANG KAPABEL"
    assert ws["A4"].value == f"Periode: {view.period}"
    assert ws.cell(XLSX_GROUP_ROW, 1).value == GROUP_MEMBERS
    assert ws.cell(XLSX_GROUP_ROW, 3).value == GROUP_OUTCOMES
    header = [ws.cell(XLSX_HEADER_ROW, c).value for c in range(1, 3 + len(view.columns))]
    # as in the seed and the PDF: the penilai heads the outcomes row
    assert header[:2] == [view.penilai_jabatan, "Bawono Andi Widodo, S.STP."]
    assert header[2] == "Data dan Informasi Kepegawaian yang valid dan akurat"
    assert header[-1] == "Penilaian dan Evaluasi Kinerja Aparatur terukur dan tepat waktu"
    assert len(view.rows) == 7
    for offset, (jabatan, nama, cells) in enumerate(view.rows):
        row = XLSX_FIRST_MEMBER_ROW + offset
        values = [ws.cell(row, c).value for c in range(1, 3 + len(cells))]
        assert values[0] == jabatan
        assert values[1] == nama
        assert [v or "" for v in values[2:]] == list(cells)
    sekar = XLSX_FIRST_MEMBER_ROW + 3
    assert ws.cell(sekar, 2).value == "Sekar Satiti, S.STP."
    assert ws.cell(sekar, 4).value == "Promosi ASN terlaksana sesuai peraturan"
    assert ws.cell(sekar, 3).value == "x"
    assert ws.freeze_panes == f"C{XLSX_FIRST_MEMBER_ROW}"
    assert ws.cell(sekar, 4).alignment.wrap_text
    assert ws.column_dimensions["C"].width >= 20
    assert ws.max_row == XLSX_FIRST_MEMBER_ROW + len(view.rows) - 1


def test_matrix_pdf_has_headings_and_every_role() -> None:
    view = sample_matrix()
    pdf = render_matrix_pdf(view)
    text = squash(pdf_text(pdf))
    for expected in (HEADING, view.title, GROUP_MEMBERS, GROUP_OUTCOMES, view.penilai_nama, *view.columns):
        assert squash(expected) in text
    for line in header_lines(view):  # the XLSX carries the same lines above its table
        assert squash(line) in text
    for jabatan, nama, cells in view.rows:
        assert squash(jabatan) in text and squash(nama) in text
        for cell in cells:
            assert squash(cell) in text


def test_matrix_escapes_and_checks_shape() -> None:
    view = MatrixView(
        title="Tema <b>&</b>",
        unit="Unit & Co",
        penilai_nama="Kepala <x>",
        columns=("Hasil A & B",),
        rows=(("Jabatan <1>", "Nama & Nama", ("Capaian <b>tebal</b>",)),),
    )
    text = squash(pdf_text(render_matrix_pdf(view)))
    assert squash("Capaian <b>tebal</b>") in text
    assert squash("Tema <b>&</b>") in text
    ws = load_workbook(io.BytesIO(render_matrix_xlsx(view)))["Matriks"]
    assert ws.cell(XLSX_FIRST_MEMBER_ROW, 3).value == "Capaian <b>tebal</b>"
    with pytest.raises(ValueError):
        MatrixView("t", "u", "p", ("a", "b"), (("j", "n", ("only one",)),))


def test_xlsx_header_matches_the_pdf_and_one_sheet_per_theme() -> None:
    first = sample_matrix()
    second = MatrixView(
        title="2. MENINGKATNYA KUALITAS PELAYANAN PUBLIK",
        unit=first.unit,
        penilai_nama=first.penilai_nama,
        penilai_jabatan=first.penilai_jabatan,
        columns=("Layanan kepegawaian cepat",),
        rows=(("Pranata Komputer", "Siti Rokhanah, S.Kom.", ("belum disusun",)),),
        period=first.period,
    )
    wb = load_workbook(io.BytesIO(render_matrix_xlsx([first, second])))
    assert wb.sheetnames == ["Matriks", "Matriks 2"]
    for ws, view in zip(wb.worksheets, (first, second), strict=True):
        assert [ws.cell(r, 1).value for r in range(1, 5)] == header_lines(view)
    pages = pdf_pages(render_matrix_pdf([first, second]))
    assert squash(first.title) in squash(pages[0]) and squash(second.title) not in squash(pages[0])
    assert squash(second.title) in squash(pages[-1])
