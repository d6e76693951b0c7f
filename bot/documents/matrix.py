"""Matriks Pembagian Peran dan Hasil (seed): a team's outcomes x members, to PDF and XLSX.

Top row: the team's intermediate outcomes / products / services (the superior's results);
left: each member's jabatan and name; each cell what the member must achieve for that
outcome, or "x" where they play no part. A member's cell becomes a rencana kinerja in
their SKP.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from bot.documents.pdf import html_to_pdf
from bot.documents.xlsx_text import text_only
from bot.templating import environment
from skp_domain.matrix import DRAFT_MARK, NOT_DRAFTED, PLANNED_MARK

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
    period: str = ""  # "SKP Tahun 2027 (1 Januari 2027 s.d. 31 Desember 2027)"

    def __post_init__(self) -> None:
        for jabatan, nama, cells in self.rows:
            if len(cells) != len(self.columns):
                raise ValueError(f"row {jabatan!r}/{nama!r} has {len(cells)} cells for {len(self.columns)} columns")


def is_no_role(cell: str) -> bool:
    return cell.strip().lower() == NO_ROLE


def cell_class(cell: str) -> str:
    """x (no role) | pending (not drafted yet) | draft | planned | role."""
    text = cell.strip().lower()
    if text == NO_ROLE:
        return "x"
    if text == NOT_DRAFTED:
        return "pending"
    if text.endswith(DRAFT_MARK.strip()):
        return "draft"
    if text.endswith(PLANNED_MARK.strip()):
        return "planned"
    return "role"


def header_lines(view: MatrixView) -> list[str]:
    """The lines above the table, the same in the PDF and the XLSX."""
    lines = [HEADING, view.title, f"Unit kerja: {view.unit}"]
    if view.period:
        lines.append(f"Periode: {view.period}")
    return lines


# ---------------------------------------------------------------- PDF


def _views(views: MatrixView | Sequence[MatrixView]) -> list[MatrixView]:
    return [views] if isinstance(views, MatrixView) else list(views)


def render_matrix_html(views: MatrixView | Sequence[MatrixView]) -> str:
    """One matrix per outcome theme, each from a new page."""
    return (
        environment()
        .get_template("documents/matrix.html.j2")
        .render(
            ms=_views(views),
            heading=HEADING,
            group_members=GROUP_MEMBERS,
            group_outcomes=GROUP_OUTCOMES,
            cell_class=cell_class,
            header_lines=header_lines,
        )
    )


def render_matrix_pdf(views: MatrixView | Sequence[MatrixView]) -> bytes:
    return html_to_pdf(render_matrix_html(views), "matrix.css")


# ---------------------------------------------------------------- XLSX

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="E6E6E6")
_NO_ROLE_FONT = Font(color="808080")
_PENDING_FONT = Font(color="B00000", italic=True)
_DRAFT_FONT = Font(italic=True)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_WRAP_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")

# Row numbers of the sheet layout (1-based).
XLSX_GROUP_ROW = 5
XLSX_HEADER_ROW = 6
XLSX_FIRST_MEMBER_ROW = 7


def render_matrix_xlsx(views: MatrixView | Sequence[MatrixView]) -> bytes:
    """One sheet per outcome theme ("Matriks", "Matriks 2", ...), laid out like the PDF: the lines
    above the table, group headings, the penilai's row with the outcomes, then the members."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for number, view in enumerate(_views(views), start=1):
        _sheet(wb.create_sheet("Matriks" if number == 1 else f"Matriks {number}"), view)
    out = io.BytesIO()
    text_only(wb).save(out)  # user text stays text: never a live formula
    return out.getvalue()


def _sheet(ws: Any, view: MatrixView) -> None:
    last_col = 2 + len(view.columns)
    last_letter = get_column_letter(last_col)

    for row, line in enumerate(header_lines(view), start=1):
        ws.cell(row, 1, line)
        ws.merge_cells(f"A{row}:{last_letter}{row}")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"].font = Font(bold=True, size=12)

    # Group headings, as in the seed.
    ws.cell(XLSX_GROUP_ROW, 1, GROUP_MEMBERS)
    ws.merge_cells(start_row=XLSX_GROUP_ROW, start_column=1, end_row=XLSX_GROUP_ROW, end_column=2)
    if view.columns:
        ws.cell(XLSX_GROUP_ROW, 3, GROUP_OUTCOMES)
        if len(view.columns) > 1:
            ws.merge_cells(start_row=XLSX_GROUP_ROW, start_column=3, end_row=XLSX_GROUP_ROW, end_column=last_col)

    # As in the seed and the PDF: the penilai's jabatan and name head the outcomes row.
    headers = [view.penilai_jabatan or "Pejabat penilai", view.penilai_nama, *view.columns]
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
            kind = cell_class(text)
            if kind in ("x", "pending"):
                cell.font = _NO_ROLE_FONT if kind == "x" else _PENDING_FONT
                cell.alignment = _WRAP_CENTER
            else:
                cell.alignment = _WRAP_TOP
                if kind in ("draft", "planned"):
                    cell.font = _DRAFT_FONT

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
