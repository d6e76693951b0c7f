"""A new period: start from last period's SKP.

Most of a job stays the same from one year to the next, so a new period offers to copy the
previous SKP — its approved version when there is one, else its draft — as a draft. Kinerja Utama
cascade links are chosen again where the superior's results changed: a result of this year's
penilai worded the same is linked at once (provisional if not approved yet), the others are
flagged (`Relink.CARRIED`) and cannot be submitted until chosen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services import cascade, versions
from bot.services.bundle import load_bundle_by_id
from bot.storage.models import Employee, Indicator, Period, Skp, SkpEvent, SkpItem
from skp_domain.skp import HAS_APPROVED_VERSION, Section, Status
from skp_domain.year import Relink, find_same_result

CARRY_ACTION = "salin"  # SkpEvent.action of a draft started from an earlier period's SKP


@dataclass(frozen=True)
class Previous:
    skp: Skp
    period: Period
    items: list[dict[str, Any]]  # the approved version's items when there is one, else the draft's
    approved: bool


@dataclass(frozen=True)
class Copied:
    previous: str  # the period's name
    items: int
    linked: int  # Kinerja Utama linked again to a result of this year's penilai
    to_choose: int  # Kinerja Utama whose link must be chosen again


async def previous_skp(session: AsyncSession, employee_id: int, period_id: int) -> Previous | None:
    """The employee's most recent SKP of another period that has items."""
    query = (
        select(Skp, Period)
        .join(Period, col(Period.id) == col(Skp.period_id))
        .where(Skp.employee_id == employee_id, Skp.period_id != period_id)
        .order_by(col(Period.end).desc(), col(Skp.id).desc())
    )
    for skp, period in (await session.exec(query)).all():
        approved = Status(skp.status) in HAS_APPROVED_VERSION
        version = await versions.latest(session, skp.id or 0) if approved else None
        if version is not None:
            items = list(version.items or [])
        else:
            bundle = await load_bundle_by_id(session, skp.id or 0)
            items = versions.version_items(bundle) if bundle is not None else []
        if items:
            return Previous(skp, period, items, approved)
    return None


async def new_skp(session: AsyncSession, employee: Employee, period: Period) -> Skp:
    skp = Skp(employee_id=employee.id or 0, period_id=period.id or 0, penilai_id=employee.atasan_id)
    session.add(skp)
    await session.flush()
    return skp


async def start_from(
    session: AsyncSession, employee: Employee, period: Period, previous: Previous
) -> tuple[Skp, Copied]:
    """A new draft for `period` holding `previous`'s items (the caller commits)."""
    skp = await new_skp(session, employee, period)
    links = cascade.cascades_from_penilai(employee)
    options = await cascade.parent_options(session, skp) if links else []
    linked = to_choose = 0
    ordered = sorted(
        previous.items, key=lambda d: (0 if d.get("section") == "UTAMA" else 1, int(d.get("position") or 0))
    )
    for data in ordered:
        section = data.get("section") or Section.UTAMA.value
        item = SkpItem(
            skp_id=skp.id or 0,
            section=section,
            position=int(data.get("position") or 0),
            basis=data.get("basis"),
            rencana_kinerja=data.get("rencana_kinerja") or "",
            ak=data.get("ak"),
            complete=bool(data.get("complete", True)),
            parent_text=data.get("parent"),
        )
        if section == Section.UTAMA.value and links:
            same = find_same_result(data.get("parent"), [(o.text, o) for o in options])
            if same is not None:
                item.parent_item_id, item.parent_text, item.provisional = same.item_id, same.text, same.provisional
                linked += 1
            else:
                item.relink = Relink.CARRIED.value
                to_choose += 1
        session.add(item)
        await session.flush()
        session.add_all(
            Indicator(item_id=item.id or 0, aspek=aspek, position=n, indikator=indikator or "",
                      target_value=value, target_unit=unit)
            for n, (aspek, indikator, value, unit) in enumerate(data.get("indicators") or [])
        )
    session.add(
        SkpEvent(
            skp_id=skp.id or 0, actor_id=employee.id, action=CARRY_ACTION, from_status=Status.DRAFT.value,
            to_status=Status.DRAFT.value, version=skp.version,
            comment=f"disalin dari {previous.period.name}",
        )
    )
    await session.flush()
    return skp, Copied(previous.period.name, len(ordered), linked, to_choose)


