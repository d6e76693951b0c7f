"""Recap of a period's SKPs as XLSX: every employee ("Pegawai"), counts per unit kerja within its
OPD ("Per Unit") and per OPD ("Per OPD"); the "Pegawai" sheet also as CSV."""

from __future__ import annotations

import csv
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
    opd: str = ""  # perangkat daerah ("" : the unit kerja itself)
    pangkat: str = ""  # "Pembina - IV/a", "Golongan IX" (PPPK)
    jenis_jabatan: str = ""
    telegram: str = ""  # "Terhubung" / "Belum terhubung"


@dataclass(frozen=True)
class UnitLine:
    """Counts of one unit kerja (or of a whole OPD: unit "") by status, and how many linked."""

    opd: str
    unit: str
    counts: Mapping[str, int]
    linked: int | None = None  # None: not known (then the Telegram columns show "-")


# (header, RecapRow field, column width)
PEGAWAI_COLUMNS = (
    ("No", "", 5),
    ("NIP", "nip", 22),
    ("Nama", "nama", 32),
    ("Pangkat/Gol", "pangkat", 24),
    ("Jabatan", "jabatan", 40),
    ("Jenis Jabatan", "jenis_jabatan", 20),
    ("OPD", "opd", 32),
    ("Unit Kerja", "unit_kerja", 32),
    ("Pejabat Penilai", "penilai", 32),
    ("Telegram", "telegram", 16),
    ("Status", "status", 14),
    ("Diajukan", "submitted", 14),
    ("Disetujui", "approved", 14),
)
PEGAWAI_HEADERS = tuple(title for title, _name, _width in PEGAWAI_COLUMNS)
LINK_HEADERS = ("Terhubung", "Belum terhubung")
PER_UNIT_HEADERS = ("OPD", "Unit Kerja", *LINK_HEADERS, *RECAP_STATUSES, "Total")
PER_OPD_HEADERS = ("OPD", *LINK_HEADERS, *RECAP_STATUSES, "Total")
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
        fields = {name: value for name, value in zip(RecapRow.__dataclass_fields__, astuple(item), strict=True)}
        values = (index, *(fields[name] or "-" for _title, name, _width in PEGAWAI_COLUMNS[1:]))
        for col, value in enumerate(values, start=1):
            cell = ws.cell(r, col, value)
            cell.border = _BOX
            cell.alignment = wrap
        nip = ws.cell(r, 2)
        # A NIP is text: written as a string cell with the Text format, never 1.99E+17.
        nip.value = str(item.nip).strip() or "-"
        nip.data_type = "s"
        nip.number_format = "@"
    for col, (_title, _name, width) in enumerate(PEGAWAI_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    last = HEADER_ROW + max(len(rows), 1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(PEGAWAI_HEADERS))}{last}"


def _as_line(entry: UnitLine | tuple[str, Mapping[str, int]]) -> UnitLine:
    if isinstance(entry, UnitLine):
        return entry
    unit, counts = entry
    return UnitLine("", unit, counts)


def _count_sheet(
    ws: Worksheet, title: str, headers: Sequence[str], lines: Sequence[UnitLine], *, with_unit: bool
) -> None:
    _header(ws, title, "jumlah pegawai menurut status SKP, dan yang sudah/belum menghubungkan Telegram", headers)
    totals = dict.fromkeys(RECAP_STATUSES, 0)
    linked_total: int | None = 0
    r = HEADER_ROW
    for line in lines:
        r += 1
        row = dict.fromkeys(RECAP_STATUSES, 0)
        for key, count in line.counts.items():
            row[status_column(key)] += int(count)
        for status in RECAP_STATUSES:
            totals[status] += row[status]
        total = sum(row.values())
        linked: tuple[object, ...] = ("-", "-") if line.linked is None else (line.linked, total - line.linked)
        if line.linked is None or linked_total is None:
            linked_total = None
        else:
            linked_total += line.linked
        names: tuple[object, ...] = (line.opd or line.unit, line.unit) if with_unit else (line.opd or line.unit,)
        values: tuple[object, ...] = (*names, *linked, *(row[s] for s in RECAP_STATUSES), total)
        for col, value in enumerate(values, start=1):
            cell = ws.cell(r, col, value)
            cell.border = _BOX
            if col <= len(names):
                cell.alignment = Alignment(vertical="top", wrap_text=True)
    r += 1
    grand = sum(totals.values())
    linked_cells: tuple[object, ...] = ("-", "-") if linked_total is None else (linked_total, grand - linked_total)
    blanks: tuple[object, ...] = ("",) if with_unit else ()
    footer: tuple[object, ...] = ("Jumlah", *blanks, *linked_cells, *(totals[s] for s in RECAP_STATUSES), grand)
    for col, value in enumerate(footer, start=1):
        cell = ws.cell(r, col, value)
        cell.font = Font(bold=True)
        cell.border = _BOX
        cell.fill = _HEAD_FILL
    names_width = 2 if with_unit else 1
    for col in range(1, names_width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 40
    for col in range(names_width + 1, len(headers) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 13


def render_recap_xlsx(
    period_name: str,
    rows: Sequence[RecapRow],
    counts: Sequence[UnitLine | tuple[str, Mapping[str, int]]],
    *,
    opds: Sequence[UnitLine] | None = None,
) -> bytes:
    """Workbook with sheets "Pegawai" (one row per employee), "Per Unit" (counts by status, linked
    or not, per unit kerja within its OPD) and, given `opds`, "Per OPD".

    `counts` is [UnitLine] or [(unit kerja, {status: n})]; status keys are the column labels
    (RECAP_STATUSES) or codes such as "draft", "submitted", "approved".
    """
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    _pegawai_sheet(ws, period_name, rows)
    _count_sheet(wb.create_sheet("Per Unit"), recap_title(period_name, "per Unit Kerja"), PER_UNIT_HEADERS,
                 [_as_line(c) for c in counts], with_unit=True)
    if opds is not None:
        _count_sheet(wb.create_sheet("Per OPD"), recap_title(period_name, "per OPD"), PER_OPD_HEADERS, opds,
                     with_unit=False)
    out = io.BytesIO()
    text_only(wb).save(out)  # roster text stays text: never a live formula
    return out.getvalue()


def recap_rows_csv(rows: Sequence[RecapRow]) -> bytes:
    """The "Pegawai" sheet as CSV: `;`-separated and UTF-8 with a BOM, as Excel in an Indonesian
    locale opens it (a NIP column formatted as text there keeps its 18 digits)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(PEGAWAI_HEADERS)
    for index, item in enumerate(rows, start=1):
        fields = {name: value for name, value in zip(RecapRow.__dataclass_fields__, astuple(item), strict=True)}
        writer.writerow([index, *(fields[name] for _title, name, _width in PEGAWAI_COLUMNS[1:])])
    return out.getvalue().encode("utf-8-sig")
