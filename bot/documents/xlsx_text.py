"""Text stays text in every spreadsheet the bot writes.

openpyxl stores any string that starts with "=" as a formula, and Excel/LibreOffice run a cell that
starts with "=", "+", "-" or "@" as one once somebody edits it. Rencana kinerja, indikator, names
and units come from people and rosters, so before a workbook is saved every string cell is made a
string cell, and those that start like a formula get Excel's quote prefix (shown as typed, never
run). The bot writes no formulas of its own.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.cell.cell import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def keep_as_text(cell: Cell) -> None:
    value = cell.value
    if not isinstance(value, str):
        return
    if cell.data_type == "f":
        cell.data_type = "s"
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


def text_only(workbook: Workbook) -> Workbook:
    """Every string cell of every sheet as text; call right before `save`."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell, Cell):
                    keep_as_text(cell)
    return workbook
