"""Steps a test user takes through the drafting wizard, phrased as a person would act."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from pypdf import PdfReader


async def open_new_item(user: Any, section: str = "Kinerja Utama") -> None:
    await user.send("/skp")
    await user.press("Tambah rencana kinerja")
    # "Kinerja Utama" under 8/2021 is "Hasil Kerja Utama" under 6/2022: the last word tells.
    await user.press(section.split()[-1])


async def answer_aspects(
    user: Any, targets: tuple[str, str, str], indicators: tuple[str, str, str] | None = None
) -> None:
    """Kuantitas, kualitas, waktu: an indicator (typed or the first suggestion) and a target each."""
    for n, target in enumerate(targets):
        if indicators and indicators[n]:
            await user.send(indicators[n])
        else:
            await user.press("1")
        assert "Target" in user.last.plain, user.last.plain
        await user.send(target)


async def draft_item(
    user: Any,
    *,
    parent: str = "1",
    rk: str,
    targets: tuple[str, str, str] = ("1 dokumen", "100 %", "12 bulan"),
    indicators: tuple[str, str, str] | None = None,
    ak: str | None = None,
    keep_own: bool = True,
) -> None:
    """A complete Kinerja Utama item from /skp to Simpan, ending at the overview."""
    await open_new_item(user)
    await user.press(parent)
    await user.send(rk)
    if "Periksa bahasa" in user.last.plain:
        await user.press("Tetap pakai teks saya" if keep_own else "Pakai saran")
    await answer_aspects(user, targets, indicators)
    if ak is not None:
        assert "Angka kredit" in user.last.plain
        await user.send(ak)
    assert any("Simpan" in b for b in user.buttons()), user.last.plain
    await user.press("Simpan")
    await user.press("Selesai")


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
    return "\n".join(parts)


def squash(text: str) -> str:
    """PDF extraction breaks lines anywhere: compare without whitespace."""
    return "".join(text.split())
