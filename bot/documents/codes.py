"""The activation-code handout (XLSX) an admin prints or sends to each OPD."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from bot.documents.xlsx_text import text_only

TITLE = "Kode Aktivasi Asisten SKP (Telegram)"
LINK_PLACEHOLDER = "https://t.me/… (isi TELEGRAM_BOT_USERNAME agar tautan bot tercetak di sini)"
HEADER_ROW = 5

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="E6E6E6")


@dataclass(frozen=True)
class CodeRow:
    nip: str
    nama: str
    jabatan: str
    unit_kerja: str
    opd: str
    code: str


def bot_link(username: str | None) -> str | None:
    return f"https://t.me/{username}" if username else None


def render_codes_xlsx(rows: Sequence[CodeRow], *, link: str | None, valid_until: str) -> bytes:
    """One sheet: title, the bot's link, a one-line instruction, then one row per person."""
    with_opd = any(r.opd and r.opd != r.unit_kerja for r in rows)
    headers = ["No", "NIP", "Nama", "Jabatan", "Unit Kerja", *(["OPD"] if with_opd else []), "Kode Aktivasi"]
    widths = [5, 22, 34, 40, 36, *([36] if with_opd else []), 16]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Kode Aktivasi"
    ws["A1"] = TITLE
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"Bot: {link or LINK_PLACEHOLDER}"
    if link:
        ws["A2"].hyperlink = link
        ws["A2"].font = Font(color="0563C1", underline="single")
    ws["A3"] = (
        f"Cara: buka bot di Telegram, ketik /start, masukkan NIP lalu kode di samping nama Anda. "
        f"Kode hanya untuk Anda, sekali pakai, berlaku s.d. {valid_until}."
    )
    ws["A3"].font = Font(italic=True)
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(HEADER_ROW, col, text)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for n, row in enumerate(rows, start=1):
        values = [n, row.nip, row.nama, row.jabatan, row.unit_kerja, *([row.opd] if with_opd else []), row.code]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(HEADER_ROW + n, col, value)
            cell.border = _BOX
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        nip = ws.cell(HEADER_ROW + n, 2)
        nip.data_type, nip.number_format = "s", "@"  # a NIP is text, never 1.99E+17
        code = ws.cell(HEADER_ROW + n, len(values))
        code.font = Font(name="Consolas", bold=True, size=12)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    out = io.BytesIO()
    text_only(wb).save(out)
    return out.getvalue()
