"""Recap of a period's SKPs as XLSX: every employee ("Pegawai") and counts per unit kerja ("Per Unit")."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import astuple, dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.documents.xlsx_text import text_only

RECAP_STATUSES = ("Belum mulai", "Draf", "Diajukan", "Perlu revisi", "Disetujui")

# Keys accepted in `counts` besides the labels themselves (case-insensitive).
_STATUS_ALIASES = {
    "not_started": "Belum mulai",
    "none": "Belum mulai",
    "belum": "Belum mulai",
    "draft": "Draf",
    "draf": "Draf",
    "submitted": "Diajukan",
    "diajukan": "Diajukan",
    "revision": "Perlu revisi",
    "needs_revision": "Perlu revisi",
    "returned": "Perlu revisi",
    "revisi": "Perlu revisi",
    "approved": "Disetujui",
    "disetujui": "Disetujui",
}


@dataclass(frozen=True)
class RecapRow:
    nip: str
    nama: str
    unit_kerja: str
    jabatan: str
    penilai: str
    status: str
    submitted: str  # date text, "" or "-" when not yet
    approved: str


PEGAWAI_HEADERS = (
    "No",
    "NIP",
    "Nama",
    "Unit Kerja",
    "Jabatan",
    "Pejabat Penilai",
    "Status",
    "Diajukan",
    "Disetujui",
)
PER_UNIT_HEADERS = ("Unit Kerja", *RECAP_STATUSES, "Total")
HEADER_ROW = 3  # row 1: title, row 2: period / note, row 3: headers

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="E6E6E6")


def status_column(key: str) -> str:
    """Map a count key (label or code) to its column label."""
    if key in RECAP_STATUSES:
        return key
    label = _STATUS_ALIASES.get(key.strip().lower().replace(" ", "_"))
    if label is None:
        for candidate in RECAP_STATUSES:
            if candidate.lower() == key.strip().lower():
                return candidate
        raise ValueError(f"unknown SKP status {key!r} in recap counts; expected one of {RECAP_STATUSES}")
    return label


def _header(ws: Worksheet, title: str, subtitle: str, headers: Sequence[str]) -> None:
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = subtitle
    ws["A2"].font = Font(italic=True, color="555555")
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(HEADER_ROW, col, text)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)


def recap_title(period_name: str, what: str = "") -> str:
    """``Rekap SKP Tahun 2027`` for a period named "SKP Tahun 2027" (never "Rekap SKP SKP ...")."""
    name = period_name.strip()
    if name.upper().startswith("SKP"):
        name = name[3:].lstrip(" -:")
    return " ".join(part for part in ("Rekap SKP", what, name) if part)


def _pegawai_sheet(ws: Worksheet, period_name: str, rows: Sequence[RecapRow]) -> None:
    ws.title = "Pegawai"
    _header(ws, recap_title(period_name), f"{len(rows)} pegawai", PEGAWAI_HEADERS)
    wrap = Alignment(vertical="top", wrap_text=True)
    for index, item in enumerate(rows, start=1):
        r = HEADER_ROW + index
        values = (index, *(v if v else "-" for v in astuple(item)))
        for col, value in enumerate(values, start=1):
            cell = ws.cell(r, col, value)
            cell.border = _BOX
            cell.alignment = wrap
        nip = ws.cell(r, 2)
        # A NIP is text: written as a string cell with the Text format, never 1.99E+17.
        nip.value = str(item.nip).strip() or "-"
        nip.data_type = "s"
        nip.number_format = "@"
    widths = (5, 22, 32, 40, 40, 32, 14, 14, 14)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    last = HEADER_ROW + max(len(rows), 1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(PEGAWAI_HEADERS))}{last}"


def _per_unit_sheet(ws: Worksheet, period_name: str, counts: Sequence[tuple[str, Mapping[str, int]]]) -> None:
    title = recap_title(period_name, "per Unit Kerja")
    _header(ws, title, "jumlah pegawai menurut status SKP", PER_UNIT_HEADERS)
    totals = dict.fromkeys(RECAP_STATUSES, 0)
    r = HEADER_ROW
    for unit, by_status in counts:
        r += 1
        row = dict.fromkeys(RECAP_STATUSES, 0)
        for key, count in by_status.items():
            row[status_column(key)] += int(count)
        for status in RECAP_STATUSES:
            totals[status] += row[status]
        values: tuple[object, ...] = (unit, *(row[s] for s in RECAP_STATUSES), sum(row.values()))
        for col, value in enumerate(values, start=1):
            cell = ws.cell(r, col, value)
            cell.border = _BOX
            if col == 1:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
    r += 1
    footer: tuple[object, ...] = ("Jumlah", *(totals[s] for s in RECAP_STATUSES), sum(totals.values()))
    for col, value in enumerate(footer, start=1):
        cell = ws.cell(r, col, value)
        cell.font = Font(bold=True)
        cell.border = _BOX
        cell.fill = _HEAD_FILL
    ws.column_dimensions["A"].width = 56
    for col in range(2, len(PER_UNIT_HEADERS) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 13


def render_recap_xlsx(
    period_name: str,
    rows: Sequence[RecapRow],
    counts: Sequence[tuple[str, Mapping[str, int]]],
) -> bytes:
    """Workbook with sheets "Pegawai" (one row per employee) and "Per Unit" (counts by status).

    `counts` is [(unit kerja, {status: n})]; status keys are the column labels
    (RECAP_STATUSES) or codes such as "draft", "submitted", "approved".
    """
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    _pegawai_sheet(ws, period_name, rows)
    _per_unit_sheet(wb.create_sheet("Per Unit"), period_name, counts)
    out = io.BytesIO()
    text_only(wb).save(out)  # roster text stays text: never a live formula
    return out.getvalue()
