"""Where every employee stands in a period: the recap (chat + XLSX) and the audiences that
broadcasts and reminders address ("not submitted yet", "penilai with submissions waiting")."""

from __future__ import annotations

import datetime as dt
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

    @property
    def linked(self) -> bool:
        return self.employee.telegram_id is not None


def _place(employee: Employee) -> tuple[str, str, str]:
    return (employee.perangkat_daerah, employee.unit_kerja, employee.nama)


ACTIVE = col(Employee.active) == True  # noqa: E712 - leavers stay in history, out of recaps and audiences


async def standings(session: AsyncSession, period_id: int) -> list[Standing]:
    """Every active employee with their SKP in the period (or none), ordered by OPD, unit and name."""
    penilai = aliased(Employee)
    atasan = aliased(Employee)
    query = (
        select(Employee, Skp, penilai, atasan)
        .outerjoin(Skp, and_(col(Skp.employee_id) == col(Employee.id), col(Skp.period_id) == period_id))
        .outerjoin(penilai, col(penilai.id) == col(Skp.penilai_id))
        .outerjoin(atasan, col(atasan.id) == col(Employee.atasan_id))
        .where(ACTIVE)
        .order_by(col(Employee.unit_kerja), col(Employee.nama), col(Employee.id))
    )
    result = []
    for employee, skp, by_skp, by_roster in (await session.exec(query)).all():
        assessor = by_skp or by_roster
        name = assessor.nama if assessor is not None else (employee.penilai_luar_nama or "")
        result.append(Standing(employee, skp, name))
    result.sort(key=lambda s: _place(s.employee))
    return result


async def not_submitted(session: AsyncSession, period_id: int, *, linked_only: bool = True) -> list[Standing]:
    """Employees with no SKP yet, or a draft, or one sent back for revision."""
    return [
        s for s in await standings(session, period_id)
        if s.status in NOT_SUBMITTED and (not linked_only or s.employee.chat_id is not None)
    ]


async def penilai_waiting(session: AsyncSession, period_id: int) -> list[tuple[Employee, list[Employee]]]:
    """Active pejabat penilai with submitted SKPs waiting for them, with whose."""
    owner = aliased(Employee)
    query = (
        select(Employee, owner)
        .join(Skp, col(Skp.penilai_id) == col(Employee.id))
        .join(owner, col(owner.id) == col(Skp.employee_id))
        .where(
            Skp.period_id == period_id,
            col(Skp.status).in_(("SUBMITTED", "AMENDMENT_SUBMITTED")),
            ACTIVE,
            col(owner.active) == True,  # noqa: E712
        )
        .order_by(col(Employee.id), col(owner.nama))
    )
    grouped: dict[int, tuple[Employee, list[Employee]]] = {}
    for penilai, employee in (await session.exec(query)).all():
        grouped.setdefault(penilai.id or 0, (penilai, []))[1].append(employee)
    return list(grouped.values())


async def linked_employees(
    session: AsyncSession, unit_kerja: str | None = None, *, opd: str | None = None
) -> list[Employee]:
    """Active, linked employees: all, one OPD, or one unit (within an OPD when given)."""
    query = select(Employee).where(col(Employee.chat_id).is_not(None), ACTIVE)
    if unit_kerja is not None:
        query = query.where(Employee.unit_kerja == unit_kerja)
    people = list((await session.exec(query.order_by(col(Employee.id)))).all())
    return [e for e in people if opd is None or e.perangkat_daerah == opd]


async def opds(session: AsyncSession) -> list[str]:
    """The perangkat daerah of the active roster, sorted."""
    query = select(Employee.opd, Employee.unit_kerja).where(ACTIVE).distinct()
    return sorted({o or u for o, u in (await session.exec(query)).all() if o or u})


async def units(session: AsyncSession, opd: str | None = None) -> list[str]:
    """Unit kerja of the active roster (within one OPD when given), sorted."""
    query = select(Employee.opd, Employee.unit_kerja).where(ACTIVE).distinct()
    rows = (await session.exec(query)).all()
    return sorted({u for o, u in rows if u and (opd is None or (o or u) == opd)})


# --- the recap --------------------------------------------------------------------------

LINKED, NOT_LINKED = "Terhubung", "Belum terhubung"


@dataclass
class UnitCount:
    """One OPD (unit "") or one unit kerja within it: employees by SKP status, and linked or not."""

    opd: str
    unit: str
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RECAP_COLUMNS, 0))
    linked: int = 0
    unlinked_idle: int = 0  # not linked and no SKP yet: the "who hasn't linked yet" of the chart

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def not_linked(self) -> int:
        return self.total - self.linked

    @property
    def label(self) -> str:
        return self.unit or self.opd


@dataclass
class Recap:
    period: Period
    units: list[UnitCount]  # per (OPD, unit kerja), ordered
    opds: list[UnitCount]  # per OPD, ordered
    rows: list[tuple[str, ...]] = field(default_factory=list)  # RecapRow fields, all text
    standings: list[Standing] = field(default_factory=list)

    @property
    def counts(self) -> list[tuple[str, dict[str, int]]]:
        """[(unit kerja, {status label: n})], the per-unit numbers by name."""
        return [(u.unit, u.by_status) for u in self.units]

    @property
    def totals(self) -> dict[str, int]:
        total = dict.fromkeys(RECAP_COLUMNS, 0)
        for unit in self.units:
            for label, n in unit.by_status.items():
                total[label] += n
        return total

    @property
    def employees(self) -> int:
        return sum(self.totals.values())

    @property
    def linked(self) -> int:
        return sum(u.linked for u in self.units)

    @property
    def single_opd(self) -> bool:
        return len(self.opds) <= 1

    def groups(self) -> list[UnitCount]:
        """What a chart or a chat summary shows: the units of a single-OPD roll-out, else the OPDs."""
        return self.units if self.single_opd else self.opds


def _date_text(value: dt.datetime | None, tz: ZoneInfo) -> str:
    from bot.templating import tanggal

    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return tanggal(value.astimezone(tz))


def _pangkat_label(code: str) -> str:
    from skp_domain.pangkat import parse_golongan

    try:
        return parse_golongan(code).label if code else ""
    except ValueError:
        return code


def _jenis_label(code: str) -> str:
    from skp_domain.jabatan import JenisJabatan

    try:
        return JenisJabatan(code).label
    except ValueError:
        return code


async def build_recap(session: AsyncSession, period: Period, tz: ZoneInfo) -> Recap:
    by_unit: dict[tuple[str, str], UnitCount] = {}
    by_opd: dict[str, UnitCount] = {}
    rows: list[tuple[str, ...]] = []
    every = await standings(session, period.id or 0)
    for s in every:
        e = s.employee
        label = status_label(s.status)
        for group in (
            by_unit.setdefault((e.perangkat_daerah, e.unit_kerja), UnitCount(e.perangkat_daerah, e.unit_kerja)),
            by_opd.setdefault(e.perangkat_daerah, UnitCount(e.perangkat_daerah, "")),
        ):
            group.by_status[label] += 1
            group.linked += int(s.linked)
            group.unlinked_idle += int(not s.linked and s.skp is None)
        rows.append((
            e.nip, e.nama, e.unit_kerja, e.jabatan, s.penilai, label,
            _date_text(s.skp.submitted_at if s.skp else None, tz),
            _date_text(s.skp.approved_at if s.skp else None, tz),
            e.perangkat_daerah, _pangkat_label(e.pangkat), _jenis_label(e.jenis_jabatan),
            LINKED if s.linked else NOT_LINKED,
        ))
    return Recap(period, [by_unit[k] for k in sorted(by_unit)], [by_opd[k] for k in sorted(by_opd)], rows, every)


def recap_xlsx(recap: Recap) -> bytes:
    """The XLSX through the documents package's renderer (sheets "Pegawai", "Per Unit", "Per OPD")."""
    from bot.documents.recap import RecapRow, UnitLine, render_recap_xlsx

    rows = [RecapRow(*row) for row in recap.rows]
    units = [UnitLine(u.opd, u.unit, u.by_status, u.linked) for u in recap.units]
    opd_lines = [UnitLine(o.opd, "", o.by_status, o.linked) for o in recap.opds]
    return render_recap_xlsx(recap.period.name, rows, units, opds=opd_lines)


def recap_csv(recap: Recap) -> bytes:
    """The "Pegawai" sheet as CSV for Excel in an Indonesian locale: `;`-separated, UTF-8 with BOM."""
    from bot.documents.recap import RecapRow, recap_rows_csv

    return recap_rows_csv([RecapRow(*row) for row in recap.rows])


def recap_filename(period: Period, ext: str = "xlsx") -> str:
    safe = "".join(c if c.isalnum() else "-" for c in period.name).strip("-").lower()
    return f"rekap-{safe or 'skp'}.{ext}"


def recap_chart(recap: Recap) -> bytes:
    """A PNG bar chart per OPD (or per unit of a single OPD): not linked / not started / draft /
    submitted / approved. Rendered with matplotlib's Agg backend (no display), in the caller's thread."""
    from bot.documents.chart import ChartBar, render_progress_chart

    bars = [
        ChartBar(
            label=g.label,
            not_linked=g.unlinked_idle,
            not_started=g.by_status[NOT_STARTED] - g.unlinked_idle,
            draft=g.by_status["Draf"] + g.by_status["Perlu revisi"],
            submitted=g.by_status["Diajukan"],
            approved=g.by_status["Disetujui"],
        )
        for g in recap.groups()
    ]
    title = f"Progres {recap.period.name}" + (f" — {recap.opds[0].opd}" if recap.single_opd and recap.opds else "")
    return render_progress_chart(title, bars)


# --- broadcast audiences --------------------------------------------------------------------

ALL, OPD, UNIT, NOT_SUBMITTED_AUDIENCE, PENILAI_WAITING = "all", "opd", "unit", "not_submitted", "penilai_waiting"
AUDIENCES = (ALL, OPD, UNIT, NOT_SUBMITTED_AUDIENCE, PENILAI_WAITING)


async def audience(
    session: AsyncSession, code: str, unit_kerja: str | None = None, opd: str | None = None
) -> list[Employee]:
    """Active, linked employees a broadcast reaches: everyone, one OPD, one unit kerja (within an
    OPD when given: "Sekretariat" exists in many), those who have not submitted in the active
    period, or pejabat penilai with submissions waiting."""
    if code == ALL:
        return await linked_employees(session)
    if code == OPD:
        return await linked_employees(session, opd=opd or "")
    if code == UNIT:
        return await linked_employees(session, unit_kerja or "", opd=opd)
    from bot.storage import repo

    period = await repo.active_period(session)
    if period is None:
        return []
    if code == NOT_SUBMITTED_AUDIENCE:
        return [s.employee for s in await not_submitted(session, period.id or 0)]
    if code == PENILAI_WAITING:
        return [p for p, _ in await penilai_waiting(session, period.id or 0) if p.chat_id is not None]
    raise ValueError(f"unknown audience {code!r}")
