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

from skp_domain.errors import DomainError
from skp_domain.tidy import refuse_formula_or_link

# Kinerja utama and tambahan together. A real SKP never comes near it.
MAX_ITEMS = 30


class TooManyItems(DomainError):
    """The SKP already holds `MAX_ITEMS` rencana kinerja."""


def check_plain(text: str, field: str) -> str:
    """Return `text` unchanged, or raise a TextError saying why (`field`: "Rencana kinerja", ...).
    One implementation of the refusal for the whole bot: `skp_domain.tidy.refuse_formula_or_link`."""
    refuse_formula_or_link(text, field)
    return text


def check_item_room(count: int) -> None:
    """Raise TooManyItems when an SKP that holds `count` rencana kinerja may not take another."""
    if count >= MAX_ITEMS:
        raise TooManyItems(
            f"Satu SKP berisi paling banyak {MAX_ITEMS} rencana kinerja (utama dan tambahan); "
            f"SKP ini sudah berisi {count}. Gabungkan rencana kinerja yang serupa, atau hapus yang tidak perlu."
        )
