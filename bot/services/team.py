"""A penilai's team: who they assess, where each SKP stands, and the Matriks Peran-Hasil."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.documents.matrix import MatrixView
from bot.services.bundle import Bundle, load_bundle
from bot.storage import repo
from bot.storage.models import Employee, Period, Skp
from skp_domain.matrix import MatrixColumn, MatrixMember, build_matrix
from skp_domain.skp import Section, Status

NOT_STARTED = "BELUM"
STATUS_LABELS = {NOT_STARTED: "Belum mulai", **{s.value: s.label for s in Status}}


@dataclass(frozen=True)
class Team:
    me: Employee | None
    period: Period | None
    members: list[tuple[Employee, Skp | None]]

    def counts(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = dict.fromkeys(STATUS_LABELS, 0)
        for _member, skp in self.members:
            counts[skp.status if skp else NOT_STARTED] += 1
        return [(STATUS_LABELS[k], v) for k, v in counts.items()]


async def team_of(session: AsyncSession, telegram_id: int) -> Team:
    """The people the roster says this account's employee assesses, with their SKP this period."""
    me = await repo.employee_by_telegram(session, telegram_id)
    period = await repo.active_period(session)
    members: list[tuple[Employee, Skp | None]] = []
    if me is not None and period is not None:
        for member in await repo.subordinates(session, me.id or 0):
            members.append((member, await repo.skp_of(session, member.id or 0, period.id or 0)))
    return Team(me, period, members)


class NotInTeam(Exception):
    """The member is not assessed by this account's employee (or does not exist)."""


@dataclass(frozen=True)
class MemberView:
    member: Employee
    skp: Skp | None
    bundle: Bundle | None


async def member_of(session: AsyncSession, telegram_id: int, member_id: int) -> MemberView:
    """One member's SKP for their penilai; raises NotInTeam for anyone else."""
    me = await repo.employee_by_telegram(session, telegram_id)
    member = await session.get(Employee, member_id)
    if me is None or member is None or member.atasan_id != me.id:
        raise NotInTeam
    period = await repo.active_period(session)
    skp = await repo.skp_of(session, member.id or 0, period.id or 0) if period else None
    bundle = await load_bundle(session, skp) if skp else None
    return MemberView(member, skp, bundle)


async def active_skp_id(session: AsyncSession, employee_id: int) -> int | None:
    """The employee's SKP in the active period (None: none yet)."""
    period = await repo.active_period(session)
    skp = await repo.skp_of(session, employee_id, period.id or 0) if period else None
    return skp.id if skp else None


async def team_matrix(session: AsyncSession, telegram_id: int) -> MatrixView | None:
    """Columns: the penilai's approved results; rows: team members; cells: what each supports."""
    me = await repo.employee_by_telegram(session, telegram_id)
    period = await repo.active_period(session)
    if me is None or period is None:
        return None
    columns = await repo.approved_items_of(session, me.id or 0, period.id or 0)
    if not columns:
        return None
    members = []
    for member in await repo.subordinates(session, me.id or 0):
        skp = await repo.skp_of(session, member.id or 0, period.id or 0)
        contributions: dict[int, tuple[str, ...]] = {}
        if skp is not None:
            for item in await repo.items_of(session, skp.id or 0):
                if item.section == Section.UTAMA.value and item.parent_item_id and item.rencana_kinerja:
                    key = item.parent_item_id
                    contributions[key] = (*contributions.get(key, ()), item.rencana_kinerja)
        members.append(MatrixMember(jabatan=member.jabatan, nama=member.nama, contributions=contributions))
    themes = list(dict.fromkeys(c.parent_text for c in columns if c.parent_text))
    matrix = build_matrix(
        " · ".join(f"{n}. {t.upper()}" for n, t in enumerate(themes, start=1)) or me.jabatan,
        [MatrixColumn(key=c.id or 0, title=c.rencana_kinerja) for c in columns],
        members,
    )
    return MatrixView(
        title=matrix.title,
        unit=me.unit_kerja,
        penilai_nama=me.nama,
        penilai_jabatan=me.jabatan,
        columns=tuple(c.title for c in matrix.columns),
        rows=matrix.rows,
    )
