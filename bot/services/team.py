"""A penilai's team: who they assess, where each SKP stands, and the Matriks Peran-Hasil."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.documents.matrix import MatrixView
from bot.services import cascade
from bot.services.bundle import Bundle, load_bundle, periode_text
from bot.storage import repo
from bot.storage.models import Employee, MatrixPlan, Nudge, Period, Skp, utcnow
from skp_domain.matrix import (
    DRAFT_MARK,
    NO_ROLE,
    NOT_DRAFTED,
    PLANNED_MARK,
    MatrixColumn,
    MatrixMember,
    build_matrix,
)
from skp_domain.skp import Section, Status
from skp_domain.text import MAX_RK, clean_text

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
    if me is None or member is None or member.atasan_id != me.id or not member.active:
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


async def active_skp_id(session: AsyncSession, employee_id: int) -> int | None:
    """The employee's SKP in the active period (None: none yet)."""
    period = await repo.active_period(session)
    skp = await repo.skp_of(session, employee_id, period.id or 0) if period else None
    return skp.id if skp else None


def _theme_title(number: int, theme: str) -> str:
    return f"{number}. {theme.upper()}"


async def team_matrix(session: AsyncSession, telegram_id: int) -> list[MatrixView]:
    """One Matriks Peran-Hasil per outcome theme (what the penilai's approved results support, e.g.
    "1. TERWUJUDNYA BIROKRASI YANG KAPABEL"). Columns: the penilai's results under that theme;
    rows: team members; cells: what each member's SKP says for that result ("(draf)" while not
    approved), else what the penilai planned ("(rencana)"), else "x" (no role) for someone who has
    drafted, or "belum disusun" for someone who has not."""
    me = await repo.employee_by_telegram(session, telegram_id)
    period = await repo.active_period(session)
    if me is None or period is None:
        return []
    my_skp = await repo.skp_of(session, me.id or 0, period.id or 0)
    # What the team may cascade from: the approved version's results, and saved ones not approved
    # yet (provisional, marked "(sementara)").
    columns = await cascade.results_of(session, my_skp)
    if not columns:
        return []
    plans = await plans_of(session, [c.item_id for c in columns])
    members: list[tuple[Employee, dict[int, tuple[str, ...]], bool]] = []
    for member in await repo.subordinates(session, me.id or 0):
        if not member.active:
            continue
        skp = await repo.skp_of(session, member.id or 0, period.id or 0)
        items = await repo.items_of(session, skp.id or 0) if skp is not None else []
        draft = skp is not None and skp.status != Status.APPROVED.value
        contributions: dict[int, tuple[str, ...]] = {}
        for item in items:
            if item.section == Section.UTAMA.value and item.parent_item_id and item.rencana_kinerja:
                text = item.rencana_kinerja + (DRAFT_MARK if draft else "")
                contributions[item.parent_item_id] = (*contributions.get(item.parent_item_id, ()), text)
        for column_id, planned in plans.get(member.id or 0, {}).items():
            if column_id not in contributions:
                contributions[column_id] = (NO_ROLE if planned == NO_ROLE else planned + PLANNED_MARK,)
        members.append((member, contributions, bool(items)))
    themes = list(dict.fromkeys(c.theme or me.jabatan for c in columns))
    unit = me.unit_kerja if me.perangkat_daerah == me.unit_kerja else f"{me.unit_kerja} — {me.perangkat_daerah}"
    views = []
    for number, theme in enumerate(themes, start=1):
        mine = [c for c in columns if (c.theme or me.jabatan) == theme]
        keys = {c.item_id for c in mine}
        matrix = build_matrix(
            _theme_title(number, theme),
            [MatrixColumn(key=c.item_id, title=c.text + (" (sementara)" if c.provisional else "")) for c in mine],
            [
                MatrixMember(
                    jabatan=m.jabatan,
                    nama=m.nama,
                    contributions={k: v for k, v in contributions.items() if k in keys},
                    empty=NO_ROLE if drafted else NOT_DRAFTED,
                )
                for m, contributions, drafted in members
            ],
        )
        views.append(
            MatrixView(
                title=matrix.title,
                unit=unit,
                penilai_nama=me.nama,
                penilai_jabatan=me.jabatan,
                columns=tuple(c.title for c in matrix.columns),
                rows=matrix.rows,
                period=f"{period.name} ({periode_text(period)})",
            )
        )
    return views


# --- Matriks Peran-Hasil planned top-down --------------------------------------------------


async def plans_of(session: AsyncSession, parent_item_ids: list[int]) -> dict[int, dict[int, str]]:
    """{employee id: {penilai's item id: planned text}}."""
    if not parent_item_ids:
        return {}
    query = select(MatrixPlan).where(col(MatrixPlan.parent_item_id).in_(parent_item_ids))
    out: dict[int, dict[int, str]] = {}
    for plan in (await session.exec(query)).all():
        out.setdefault(plan.employee_id, {})[plan.parent_item_id] = plan.teks
    return out


async def planned_for(session: AsyncSession, employee_id: int, parent_item_id: int) -> str | None:
    """What the penilai planned for this employee under one of their results (None: nothing, or
    "no role")."""
    query = select(MatrixPlan).where(MatrixPlan.employee_id == employee_id, MatrixPlan.parent_item_id == parent_item_id)
    plan = (await session.exec(query)).first()
    return None if plan is None or plan.teks == NO_ROLE else plan.teks


async def set_plan(
    session: AsyncSession, penilai: Employee, parent_item_id: int, employee_id: int, text: str | None
) -> str | None:
    """Plan (or clear, with None) a subordinate's result under one of the penilai's approved results.
    ``x`` (or "-") means no role. Raises NotInTeam for anyone else's result or member."""
    period = await repo.active_period(session)
    member = await session.get(Employee, employee_id)
    if period is None or member is None or member.atasan_id != penilai.id:
        raise NotInTeam
    own = {c.id for c in await repo.approved_items_of(session, penilai.id or 0, period.id or 0)}
    if parent_item_id not in own:
        raise NotInTeam
    query = select(MatrixPlan).where(MatrixPlan.employee_id == employee_id, MatrixPlan.parent_item_id == parent_item_id)
    plan = (await session.exec(query)).first()
    if text is None:
        if plan is not None:
            await session.delete(plan)
            await session.flush()
        return None
    cleaned = text.strip()
    cleaned = NO_ROLE if cleaned.lower() in (NO_ROLE, "-") else clean_text(cleaned, "Hasil kerja", MAX_RK)
    if plan is None:
        plan = MatrixPlan(parent_item_id=parent_item_id, employee_id=employee_id, teks=cleaned)
    plan.teks, plan.updated_at = cleaned, utcnow()
    session.add(plan)
    await session.flush()
    return cleaned
