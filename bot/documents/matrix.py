"""Matriks Pembagian Peran dan Hasil (seed): a team's outcomes x members, to PDF and XLSX.

Top row: the team's intermediate outcomes / products / services (the superior's results);
left: each member's jabatan and name; each cell what the member must achieve for that
outcome, or "x" where they play no part. A member's cell becomes a rencana kinerja in
their SKP.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from bot.documents.pdf import html_to_pdf
from bot.documents.xlsx_text import text_only
from bot.templating import environment

HEADING = "Matriks Pembagian Peran dan Hasil"
GROUP_MEMBERS = "JABATAN DAN NAMA PEGAWAI"
GROUP_OUTCOMES = "OUTCOME ANTARA/ PRODUK/ LAYANAN TIM KERJA PADA UNIT KERJA"
NO_ROLE = "x"


@dataclass(frozen=True)
class MatrixView:
    title: str  # the theme line, e.g. "1. TERWUJUDNYA BIROKRASI YANG KAPABEL"
    unit: str  # unit kerja / team, e.g. "Bidang Informasi, ... — BKPSDM Kabupaten Kebumen"
    penilai_nama: str  # the team lead whose outcomes head the columns
    columns: tuple[str, ...]  # outcomes / products / services
    rows: tuple[tuple[str, str, tuple[str, ...]], ...]  # (jabatan, nama, one cell per column)
    penilai_jabatan: str = ""  # shown beside penilai_nama on the outcomes row

    def __post_init__(self) -> None:
        for jabatan, nama, cells in self.rows:
            if len(cells) != len(self.columns):
                raise ValueError(f"row {jabatan!r}/{nama!r} has {len(cells)} cells for {len(self.columns)} columns")


def is_no_role(cell: str) -> bool:
    return cell.strip().lower() == NO_ROLE


# ---------------------------------------------------------------- PDF


def render_matrix_html(view: MatrixView) -> str:
    return (
        environment()
        .get_template("documents/matrix.html.j2")
        .render(
            m=view,
            heading=HEADING,
            group_members=GROUP_MEMBERS,
            group_outcomes=GROUP_OUTCOMES,
            is_no_role=is_no_role,
        )
    )


def render_matrix_pdf(view: MatrixView) -> bytes:
    return html_to_pdf(render_matrix_html(view), "matrix.css")


# ---------------------------------------------------------------- XLSX

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="E6E6E6")
_NO_ROLE_FONT = Font(color="808080")
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_WRAP_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")

# Row numbers of the sheet layout (1-based).
XLSX_GROUP_ROW = 5
XLSX_HEADER_ROW = 6
XLSX_FIRST_MEMBER_ROW = 7


def render_matrix_xlsx(view: MatrixView) -> bytes:
    """Sheet "Matriks": title rows, group headings, header row (Jabatan, Nama Pegawai, outcomes), members."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Matriks"
    last_col = 2 + len(view.columns)
    last_letter = get_column_letter(last_col)

    ws["A1"] = HEADING
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = view.title
    ws["A2"].font = Font(bold=True, size=12)
    ws["A3"] = f"Unit kerja: {view.unit}"
    lead = view.penilai_nama + (f" ({view.penilai_jabatan})" if view.penilai_jabatan else "")
    ws["A4"] = f"Pejabat penilai: {lead}"
    for row in range(1, 5):
        ws.merge_cells(f"A{row}:{last_letter}{row}")

    # Group headings, as in the seed.
    ws.cell(XLSX_GROUP_ROW, 1, GROUP_MEMBERS)
    ws.merge_cells(start_row=XLSX_GROUP_ROW, start_column=1, end_row=XLSX_GROUP_ROW, end_column=2)
    if view.columns:
        ws.cell(XLSX_GROUP_ROW, 3, GROUP_OUTCOMES)
        if len(view.columns) > 1:
            ws.merge_cells(start_row=XLSX_GROUP_ROW, start_column=3, end_row=XLSX_GROUP_ROW, end_column=last_col)

    headers = ["Jabatan", "Nama Pegawai", *view.columns]
    for col, text in enumerate(headers, start=1):
        ws.cell(XLSX_HEADER_ROW, col, text)
    for row in (XLSX_GROUP_ROW, XLSX_HEADER_ROW):
        for col in range(1, last_col + 1):
            cell = ws.cell(row, col)
            cell.font = Font(bold=True)
            cell.fill = _HEAD_FILL
            cell.alignment = _WRAP_CENTER
            cell.border = _BOX

    for offset, (jabatan, nama, cells) in enumerate(view.rows):
        row = XLSX_FIRST_MEMBER_ROW + offset
        ws.cell(row, 1, jabatan).font = Font(bold=True)
        ws.cell(row, 2, nama)
        for col in (1, 2):
            ws.cell(row, col).alignment = _WRAP_TOP
            ws.cell(row, col).border = _BOX
        for col, text in enumerate(cells, start=3):
            cell = ws.cell(row, col, text)
            cell.border = _BOX
            if is_no_role(text):
                cell.font = _NO_ROLE_FONT
                cell.alignment = _WRAP_CENTER
            else:
                cell.alignment = _WRAP_TOP

    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 26
    for col in range(3, last_col + 1):
        ws.column_dimensions[get_column_letter(col)].width = 28
    ws.row_dimensions[XLSX_HEADER_ROW].height = 48
    ws.freeze_panes = ws.cell(XLSX_FIRST_MEMBER_ROW, 3)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{XLSX_GROUP_ROW}:{XLSX_HEADER_ROW}"

    out = io.BytesIO()
    text_only(wb).save(out)  # user text stays text: never a live formula
    return out.getvalue()
