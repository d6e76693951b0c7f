"""Limits and refusals that keep what people type safe wherever it ends up.

What a PNS types becomes a cell of the penilai's Matriks XLSX and the BKPSDM recap, a line of the
approval prompt, a PDF. Spreadsheets store it as text anyway (`bot.documents.xlsx_text`); here a
rencana kinerja, indikator, dasar penugasan or revision note that *looks like* a spreadsheet
formula or carries a link is refused outright, with an Indonesian message: an SKP result is a
sentence, never `=HYPERLINK("http://…","Tersusunnya laporan")`.

Also the number of rencana kinerja in one SKP: a real SKP has a handful, rarely more than 15;
`MAX_ITEMS` stops one account from making documents and prompts arbitrarily large.
"""

from __future__ import annotations

import re

from skp_domain.errors import DomainError, TextError

# Kinerja utama and tambahan together. A real SKP never comes near it.
MAX_ITEMS = 30

# Characters a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@")

# "=…" always; "+", "-", "@" when a function call or a cell reference follows ("+SUM(", "@A1").
# A bullet such as "- Tersusunnya laporan" is a sentence, not a formula.
_FORMULA = re.compile(r"^\s*(?:=|[+\-@]\s*(?:[A-Za-z_][A-Za-z0-9_.]*\s*\(|\$?[A-Za-z]{1,3}\$?[0-9]+\b))")
_LINK = re.compile(
    r"(?ix)"
    r"\b(?:https?|ftp|file|javascript|vbscript|data|mailto|tg)\s*:"  # a URL scheme
    r"|\bwww\d{0,3}\."  # www.example…
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|id|io|ly|me|co|info|biz|xyz|link|site|app)/"  # host/path
)


class TooManyItems(DomainError):
    """The SKP already holds `MAX_ITEMS` rencana kinerja."""


class UnsafeText(TextError):
    """Text that a spreadsheet would run as a formula, or that carries a link."""


def looks_like_formula(text: str) -> bool:
    return bool(_FORMULA.match(text))


def has_link(text: str) -> bool:
    return bool(_LINK.search(text))


def check_plain(text: str, field: str) -> str:
    """Return `text` unchanged, or raise UnsafeText saying why (`field`: "Rencana kinerja", ...)."""
    if looks_like_formula(text):
        raise UnsafeText(
            f"{field} tidak boleh diawali tanda {text.lstrip()[0]} seperti rumus spreadsheet. "
            "Tulis sebagai kalimat biasa, misalnya: Tersusunnya laporan evaluasi tepat waktu."
        )
    if has_link(text):
        raise UnsafeText(
            f"{field} tidak boleh berisi tautan atau alamat web. Tulis hasilnya sebagai kalimat biasa; "
            "dokumen pendukung disampaikan kepada pejabat penilai di luar SKP."
        )
    return text


def check_item_room(count: int) -> None:
    """Raise TooManyItems when an SKP that holds `count` rencana kinerja may not take another."""
    if count >= MAX_ITEMS:
        raise TooManyItems(
            f"Satu SKP berisi paling banyak {MAX_ITEMS} rencana kinerja (utama dan tambahan); "
            f"SKP ini sudah berisi {count}. Gabungkan rencana kinerja yang serupa, atau hapus yang tidak perlu."
        )
