"""Where every employee stands in a period: the recap (chat + XLSX) and the audiences that
broadcasts and reminders address ("not submitted yet", "penilai with submissions waiting")."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy.orm import aliased
from sqlmodel import and_, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.storage.models import Employee, Period, Skp

NOT_STARTED = "Belum mulai"
STATUS_LABELS = {
    None: NOT_STARTED,
    "DRAFT": "Draf",
    "SUBMITTED": "Diajukan",
    "REVISION_REQUESTED": "Perlu revisi",
    "APPROVED": "Disetujui",
    # An approved SKP being amended: its approved version is in force until the change is approved.
    "AMENDING": "Disetujui",
    "AMENDMENT_SUBMITTED": "Disetujui",
}
RECAP_COLUMNS = (NOT_STARTED, "Draf", "Diajukan", "Perlu revisi", "Disetujui")
NOT_SUBMITTED = (None, "DRAFT", "REVISION_REQUESTED")


def status_label(status: str | None) -> str:
    return STATUS_LABELS.get(status, status or NOT_STARTED)


@dataclass(frozen=True)
class Standing:
    employee: Employee
    skp: Skp | None
    penilai: str

    @property
    def status(self) -> str | None:
        return self.skp.status if self.skp is not None else None


async def standings(session: AsyncSession, period_id: int) -> list[Standing]:
    """Every employee of the roster with their SKP in the period (or none), ordered by unit and name."""
    penilai = aliased(Employee)
    atasan = aliased(Employee)
    query = (
        select(Employee, Skp, penilai, atasan)
        .outerjoin(Skp, and_(col(Skp.employee_id) == col(Employee.id), col(Skp.period_id) == period_id))
        .outerjoin(penilai, col(penilai.id) == col(Skp.penilai_id))
        .outerjoin(atasan, col(atasan.id) == col(Employee.atasan_id))
        .order_by(col(Employee.unit_kerja), col(Employee.nama), col(Employee.id))
    )
    result = []
    for employee, skp, by_skp, by_roster in (await session.exec(query)).all():
        assessor = by_skp or by_roster
        name = assessor.nama if assessor is not None else (employee.penilai_luar_nama or "")
        result.append(Standing(employee, skp, name))
    return result


async def not_submitted(session: AsyncSession, period_id: int, *, linked_only: bool = True) -> list[Standing]:
    """Employees with no SKP yet, or a draft, or one sent back for revision."""
    return [
        s for s in await standings(session, period_id)
        if s.status in NOT_SUBMITTED and (not linked_only or s.employee.chat_id is not None)
    ]


async def penilai_waiting(session: AsyncSession, period_id: int) -> list[tuple[Employee, list[Employee]]]:
    """Pejabat penilai with submitted SKPs waiting for them, with whose."""
    owner = aliased(Employee)
    query = (
        select(Employee, owner)
        .join(Skp, col(Skp.penilai_id) == col(Employee.id))
        .join(owner, col(owner.id) == col(Skp.employee_id))
        .where(Skp.period_id == period_id, col(Skp.status).in_(("SUBMITTED", "AMENDMENT_SUBMITTED")))
        .order_by(col(Employee.id), col(owner.nama))
    )
    grouped: dict[int, tuple[Employee, list[Employee]]] = {}
    for penilai, employee in (await session.exec(query)).all():
        grouped.setdefault(penilai.id or 0, (penilai, []))[1].append(employee)
    return list(grouped.values())


async def linked_employees(session: AsyncSession, unit_kerja: str | None = None) -> list[Employee]:
    query = select(Employee).where(col(Employee.chat_id).is_not(None))
    if unit_kerja is not None:
        query = query.where(Employee.unit_kerja == unit_kerja)
    return list((await session.exec(query.order_by(col(Employee.id)))).all())


async def units(session: AsyncSession) -> list[str]:
    query = select(Employee.unit_kerja).distinct().order_by(col(Employee.unit_kerja))
    return [u for u in (await session.exec(query)).all() if u]


# --- the recap --------------------------------------------------------------------------


@dataclass
class Recap:
    period: Period
    counts: list[tuple[str, dict[str, int]]]  # [(unit kerja, {status label: n})], ordered by unit
    rows: list[tuple[str, ...]] = field(default_factory=list)  # RecapRow fields, all text

    @property
    def totals(self) -> dict[str, int]:
        total = dict.fromkeys(RECAP_COLUMNS, 0)
        for _unit, by_status in self.counts:
            for label, n in by_status.items():
                total[label] += n
        return total

    @property
    def employees(self) -> int:
        return sum(self.totals.values())


def _date_text(value: dt.datetime | None, tz: ZoneInfo) -> str:
    from bot.templating import tanggal

    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return tanggal(value.astimezone(tz))


async def build_recap(session: AsyncSession, period: Period, tz: ZoneInfo) -> Recap:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(RECAP_COLUMNS, 0))
    rows: list[tuple[str, ...]] = []
    for s in await standings(session, period.id or 0):
        label = status_label(s.status)
        counts[s.employee.unit_kerja][label] += 1
        rows.append((
            s.employee.nip, s.employee.nama, s.employee.unit_kerja, s.employee.jabatan, s.penilai, label,
            _date_text(s.skp.submitted_at if s.skp else None, tz),
            _date_text(s.skp.approved_at if s.skp else None, tz),
        ))
    return Recap(period, sorted(counts.items()), rows)


def recap_xlsx(recap: Recap) -> bytes:
    """The XLSX through the documents package's renderer (sheets "Pegawai" and "Per Unit")."""
    from bot.documents.recap import RecapRow, render_recap_xlsx

    rows = [RecapRow(*row) for row in recap.rows]
    return render_recap_xlsx(recap.period.name, rows, list(recap.counts))


def recap_filename(period: Period) -> str:
    safe = "".join(c if c.isalnum() else "-" for c in period.name).strip("-").lower()
    return f"rekap-{safe or 'skp'}.xlsx"


# --- broadcast audiences --------------------------------------------------------------------

ALL, UNIT, NOT_SUBMITTED_AUDIENCE, PENILAI_WAITING = "all", "unit", "not_submitted", "penilai_waiting"
AUDIENCES = (ALL, UNIT, NOT_SUBMITTED_AUDIENCE, PENILAI_WAITING)


async def audience(session: AsyncSession, code: str, unit_kerja: str | None = None) -> list[Employee]:
    """Linked employees a broadcast reaches: everyone, one unit, those who have not submitted in
    the active period, or pejabat penilai with submissions waiting."""
    if code == ALL:
        return await linked_employees(session)
    if code == UNIT:
        return await linked_employees(session, unit_kerja or "")
    from bot.storage import repo

    period = await repo.active_period(session)
    if period is None:
        return []
    if code == NOT_SUBMITTED_AUDIENCE:
        return [s.employee for s in await not_submitted(session, period.id or 0)]
    if code == PENILAI_WAITING:
        return [p for p, _ in await penilai_waiting(session, period.id or 0) if p.chat_id is not None]
    raise ValueError(f"unknown audience {code!r}")
