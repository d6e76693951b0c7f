"""A penilai's team: who they assess, where each SKP stands, and the Matriks Peran-Hasil."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.documents.matrix import MatrixView
from bot.services import cascade
from bot.services.bundle import Bundle, load_bundle
from bot.storage import repo
from bot.storage.models import Employee, Nudge, Period, Skp
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
        # The amendment statuses only when someone is in them: the usual five always.
        return [(STATUS_LABELS[k], v) for n, (k, v) in enumerate(counts.items()) if v or n < 5]


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


# Who an "Ingatkan" is for: no SKP yet, a draft, or one sent back for revision.
NUDGEABLE = (None, Status.DRAFT.value, Status.REVISION_REQUESTED.value)


@dataclass(frozen=True)
class NudgeResult:
    outcome: str  # "sent" | "already" | "submitted" | "unlinked"
    me: Employee
    member: Employee
    status: str | None


async def nudge(session: AsyncSession, telegram_id: int, member_id: int, today: dt.date) -> NudgeResult:
    """Record an "Ingatkan" for a member who has not submitted: at most one per member per day
    (the unique key decides between two taps or two processes). The caller commits, then sends
    when the outcome is "sent". Raises NotInTeam."""
    me = await repo.employee_by_telegram(session, telegram_id)
    view = await member_of(session, telegram_id, member_id)
    assert me is not None
    status = view.skp.status if view.skp is not None else None
    if status not in NUDGEABLE:
        return NudgeResult("submitted", me, view.member, status)
    if view.member.chat_id is None or not view.member.active:
        return NudgeResult("unlinked", me, view.member, status)
    done = (await session.exec(select(Nudge).where(Nudge.employee_id == member_id, Nudge.day == today))).first()
    if done is not None:
        return NudgeResult("already", me, view.member, status)
    session.add(Nudge(employee_id=member_id, day=today, by_id=me.id))
    try:
        await session.flush()
    except IntegrityError:
        await session.rollback()
        return NudgeResult("already", me, view.member, status)
    return NudgeResult("sent", me, view.member, status)


async def team_matrix(session: AsyncSession, telegram_id: int) -> MatrixView | None:
    """Columns: the penilai's approved results; rows: team members; cells: what each supports."""
    me = await repo.employee_by_telegram(session, telegram_id)
    period = await repo.active_period(session)
    if me is None or period is None:
        return None
    my_skp = await repo.skp_of(session, me.id or 0, period.id or 0)
    columns = await cascade.results_of(session, my_skp)
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
    themes = list(dict.fromkeys(c.theme for c in columns if c.theme))
    matrix = build_matrix(
        " · ".join(f"{n}. {t.upper()}" for n, t in enumerate(themes, start=1)) or me.jabatan,
        [MatrixColumn(key=c.item_id, title=c.text + (" (sementara)" if c.provisional else "")) for c in columns],
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
