"""An SKP as the fields the national e-Kinerja app asks for, in its forms' order, so an employee
can copy them one by one instead of typing everything again (`/salin`, `skp-bot export`).

Per rencana hasil kerja: RHK pimpinan yang diintervensi, RHK, then per aspect: aspek, IKI, target
(JPT: perspektif; tambahan: penugasan dari, dasar); then the perilaku kerja: each BerAKHLAK value's
ekspektasi khusus. The approved SKP when there is one, else the current draft.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services import penilai
from bot.services.bundle import Bundle, load_bundle_by_id, target_text
from bot.storage import repo
from bot.templating import angka
from skp_domain.format6 import BERAKHLAK, Perspektif
from skp_domain.formats import wording
from skp_domain.skp import Aspek, Section


@dataclass(frozen=True)
class ExportField:
    label: str
    value: str


@dataclass(frozen=True)
class ExportBlock:
    heading: str  # "Hasil Kerja Utama 1", "Perilaku Kerja"
    fields: tuple[ExportField, ...]


@dataclass(frozen=True)
class Export:
    nama: str
    nip: str
    periode: str
    format_label: str
    status_label: str
    blocks: tuple[ExportBlock, ...]


def _perspektif(value: str | None) -> str:
    try:
        return Perspektif(value).label if value else "-"
    except ValueError:
        return value or "-"


def blocks_of(bundle: Bundle, expectations: dict[str, str] | None) -> tuple[ExportBlock, ...]:
    w = wording(bundle.format)
    blocks: list[ExportBlock] = []
    for section in Section:
        for number, item in enumerate(bundle.section_items(section), start=1):
            fields = [ExportField(w.Atasan, item.parent_text or "-"), ExportField(w.Rk, item.rencana_kinerja or "-")]
            if section is Section.TAMBAHAN:
                if bundle.six:
                    fields.append(ExportField("Penugasan dari", item.penugasan_dari or "-"))
                fields.append(ExportField("Dasar penugasan", item.basis or "-"))
            for indicator in bundle.indicators.get(item.id or 0, []):
                if indicator.aspek:
                    fields.append(ExportField("Aspek", Aspek(indicator.aspek).label))
                fields.append(ExportField("Indikator kinerja individu", indicator.indikator or "-"))
                fields.append(ExportField("Target", target_text(indicator)))
            if bundle.six and item.perspektif:
                fields.append(ExportField("Perspektif", _perspektif(item.perspektif)))
            if not bundle.six and item.ak:
                fields.append(ExportField("Angka kredit", angka(item.ak, 3)))
            label = w.utama if section is Section.UTAMA else w.tambahan
            blocks.append(ExportBlock(f"{label} {number}", tuple(fields)))
    if bundle.six:
        found = expectations or {}
        blocks.append(
            ExportBlock(
                "Perilaku Kerja — ekspektasi khusus pimpinan",
                tuple(ExportField(v.nama, found.get(v.key, "") or "-") for v in BERAKHLAK),
            )
        )
    return tuple(blocks)


async def export_of(session: AsyncSession, skp_id: int) -> Export | None:
    bundle = await load_bundle_by_id(session, skp_id)
    if bundle is None:
        return None
    expectations = (await penilai.extras_of(session, bundle)).expectations if bundle.six else None
    return Export(
        nama=bundle.employee.nama,
        nip=bundle.employee.nip,
        periode=bundle.period.name,
        format_label=bundle.format.label,
        status_label=bundle.status.label,
        blocks=blocks_of(bundle, expectations),
    )


async def export_for_nip(session: AsyncSession, nip: str) -> Export | None:
    """The active period's SKP of the employee with this NIP (spaces allowed)."""
    employee = await repo.employee_by_nip(session, "".join(nip.split()))
    period = await repo.active_period(session)
    if employee is None or period is None:
        return None
    skp = await repo.skp_of(session, employee.id or 0, period.id or 0)
    return await export_of(session, skp.id or 0) if skp else None


def to_csv(export: Export) -> str:
    """One row per field: bagian, kolom, isi (UTF-8 with BOM so spreadsheets read it right)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["bagian", "kolom", "isi"])
    for block in export.blocks:
        for f in block.fields:
            writer.writerow([block.heading, f.label, f.value])
    return "\ufeff" + out.getvalue()


def pack_messages(parts: list[str], limit: int = 4096) -> list[str]:
    """Join rendered blocks into as few Telegram messages as fit under ``limit`` characters."""
    messages: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current}\n\n{part}" if current else part
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            messages.append(current)
        current = part if len(part) <= limit else part[: limit - 1] + "…"
    if current:
        messages.append(current)
    return messages
