"""Every approved SKP of a unit kerja (or of a whole OPD) as PDFs: `skp-bot documents` writes
them to a folder, `/rekap` sends them as one ZIP. Rendering runs in worker threads under the
same semaphore as every other PDF, one SKP at a time per caller."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.documents.pdf import render_slots
from bot.documents.skp import document_filename, render_pdf
from bot.services import documents, recap
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.models import Employee, Skp
from skp_domain.errors import DomainError


class BulkError(DomainError):
    """The unit or OPD asked for cannot be found or is ambiguous (Indonesian message)."""


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


@dataclass(frozen=True)
class Scope:
    opd: str | None
    unit: str | None

    @property
    def label(self) -> str:
        if self.unit and self.opd and self.unit != self.opd:
            return f"{self.unit} — {self.opd}"
        return self.unit or self.opd or "semua OPD"

    @property
    def slug(self) -> str:
        text = "-".join(p for p in (self.opd, self.unit if self.unit != self.opd else None) if p) or "semua"
        return "".join(c if c.isalnum() else "-" for c in text).strip("-").lower()[:80] or "skp"


async def resolve_scope(session: AsyncSession, *, unit: str | None, opd: str | None) -> Scope:
    """Match a typed unit/OPD name (case and spaces ignored) against the active roster."""
    known_opds = await recap.opds(session)
    chosen_opd = None
    if opd:
        chosen_opd = next((o for o in known_opds if _norm(o) == _norm(opd)), None)
        if chosen_opd is None:
            close = [o for o in known_opds if _norm(opd) in _norm(o)]
            hint = f" Mungkin: {'; '.join(close[:5])}." if close else f" OPD yang ada: {'; '.join(known_opds[:10])}."
            raise BulkError(f"OPD “{opd.strip()[:60]}” tidak ada di daftar pegawai aktif.{hint}")
    if not unit:
        if chosen_opd is None:
            raise BulkError("Sebutkan --unit UNIT atau --opd OPD (atau keduanya).")
        return Scope(chosen_opd, None)
    matches = sorted({
        (o, u) for o in ([chosen_opd] if chosen_opd else known_opds)
        for u in await recap.units(session, o) if _norm(u) == _norm(unit)
    })
    if not matches:
        names = await recap.units(session, chosen_opd)
        close = [u for u in names if _norm(unit) in _norm(u)]
        where = f" di {chosen_opd}" if chosen_opd else ""
        hint = f" Mungkin: {'; '.join(close[:5])}." if close else ""
        raise BulkError(f"Unit kerja “{unit.strip()[:60]}” tidak ada{where}.{hint}")
    if len(matches) > 1:
        raise BulkError(
            f"Unit kerja “{matches[0][1]}” ada di {len(matches)} OPD ({'; '.join(o for o, _ in matches[:8])}): "
            "tambahkan --opd OPD."
        )
    return Scope(*matches[0])


async def approved_in(session: AsyncSession, period_id: int, scope: Scope) -> list[tuple[int, Employee]]:
    """Approved SKPs of active employees in the scope, by unit and name."""
    query = (
        select(Skp.id, Employee)
        .join(Employee, col(Employee.id) == col(Skp.employee_id))
        .where(Skp.period_id == period_id, Skp.status == "APPROVED", Employee.active == True)  # noqa: E712
    )
    if scope.unit:
        query = query.where(Employee.unit_kerja == scope.unit)
    rows = [(i or 0, e) for i, e in (await session.exec(query)).all()]
    rows = [(i, e) for i, e in rows if scope.opd is None or e.perangkat_daerah == scope.opd]
    return sorted(rows, key=lambda r: (r[1].perangkat_daerah, r[1].unit_kerja, r[1].nama))


@dataclass(frozen=True)
class Rendered:
    filename: str
    content: bytes
    employee: Employee


async def render_approved(
    db: Database, settings: Settings, rows: list[tuple[int, Employee]]
) -> list[Rendered]:
    """One PDF per SKP (the session is closed while rendering)."""
    out = []
    today = dt.datetime.now(settings.tz).date()
    for skp_id, employee in rows:
        async with db.session() as session:
            view = await documents.skp_view(session, skp_id, settings, today)
        if view is None:
            continue
        async with render_slots():
            pdf = await asyncio.to_thread(render_pdf, view)
        out.append(Rendered(document_filename(view, "pdf"), pdf, employee))
    return out


def index_csv(files: list[Rendered]) -> bytes:
    """`daftar.csv` in the ZIP/folder: which file is whose (file names carry the NIP, not the name)."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Berkas", "NIP", "Nama", "Jabatan", "Unit Kerja", "OPD"])
    for f in files:
        e = f.employee
        writer.writerow([f.filename, e.nip, e.nama, e.jabatan, e.unit_kerja, e.perangkat_daerah])
    return text.getvalue().encode("utf-8-sig")


def zip_files(files: list[Rendered]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for f in files:
            archive.writestr(f.filename, f.content)
        archive.writestr("daftar.csv", index_csv(files))
    return buffer.getvalue()
