"""Small repository functions: every query the bot makes, named for what it answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import bindparam, case, delete, func, update
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.storage.models import (
    Employee,
    Indicator,
    Period,
    PkSasaran,
    Skp,
    SkpEvent,
    SkpItem,
    WizardSession,
    utcnow,
)

# --- employees ---------------------------------------------------------------------------


async def employee_by_nip(session: AsyncSession, nip: str) -> Employee | None:
    return (await session.exec(select(Employee).where(Employee.nip == nip))).first()


async def employee_by_telegram(session: AsyncSession, telegram_id: int) -> Employee | None:
    return (await session.exec(select(Employee).where(Employee.telegram_id == telegram_id))).first()


async def subordinates(session: AsyncSession, penilai_id: int) -> Sequence[Employee]:
    """The active people this penilai assesses (leavers stay in history, out of /tim and matrices)."""
    query = (
        select(Employee)
        .where(Employee.atasan_id == penilai_id, Employee.active == True)  # noqa: E712
        .order_by(col(Employee.id))
    )
    return (await session.exec(query)).all()


# --- periods -----------------------------------------------------------------------------


async def active_period(session: AsyncSession) -> Period | None:
    return (await session.exec(select(Period).where(Period.active == True))).first()  # noqa: E712


async def set_active_period(session: AsyncSession, period_id: int) -> None:
    await session.exec(update(Period).values(active=False))
    await session.exec(update(Period).where(col(Period.id) == period_id).values(active=True))


# --- SKP ---------------------------------------------------------------------------------


async def skp_of(session: AsyncSession, employee_id: int, period_id: int) -> Skp | None:
    query = select(Skp).where(Skp.employee_id == employee_id, Skp.period_id == period_id)
    return (await session.exec(query)).first()


# Kinerja Utama first (U1, U2 …, then T1 …) everywhere: the prompt, the pickers, /tim, documents.
_SECTION_ORDER = case((col(SkpItem.section) == "UTAMA", 0), else_=1)
# Items removed in an amendment stay (the approved version holds them) but are not the working copy.
_NOT_REMOVED = col(SkpItem.removed).is_(False)


async def items_of(session: AsyncSession, skp_id: int) -> list[SkpItem]:
    query = (
        select(SkpItem)
        .where(SkpItem.skp_id == skp_id, _NOT_REMOVED)
        .order_by(_SECTION_ORDER, col(SkpItem.position), col(SkpItem.id))
    )
    return list((await session.exec(query)).all())


# The hot path's queries are built once with bind parameters: building a joined ORM select
# (aliases above all) costs more CPU than running it on SQLite.
_PENILAI = aliased(Employee)
_SKP_WITH_PEOPLE = (
    select(Skp, Employee, Period, _PENILAI)
    .join(Employee, col(Employee.id) == col(Skp.employee_id))
    .join(Period, col(Period.id) == col(Skp.period_id))
    .outerjoin(_PENILAI, col(_PENILAI.id) == col(Skp.penilai_id))
    .where(col(Skp.id) == bindparam("skp_id"))
)
_ITEMS_WITH_INDICATORS = (
    select(SkpItem, Indicator)
    .outerjoin(Indicator, col(Indicator.item_id) == col(SkpItem.id))
    .where(col(SkpItem.skp_id) == bindparam("skp_id"), _NOT_REMOVED)
    .order_by(_SECTION_ORDER, col(SkpItem.position), col(SkpItem.id), col(Indicator.position), col(Indicator.id))
)


async def skp_with_people(session: AsyncSession, skp_id: int) -> tuple[Skp, Employee, Period, Employee | None] | None:
    """An SKP with its owner, period and penilai in one query."""
    row = (await session.exec(_SKP_WITH_PEOPLE, params={"skp_id": skp_id})).first()
    return None if row is None else (row[0], row[1], row[2], row[3])


async def items_with_indicators(session: AsyncSession, skp_id: int) -> tuple[list[SkpItem], dict[int, list[Indicator]]]:
    """An SKP's items in order, each with its indicators in order, in one query."""
    items: list[SkpItem] = []
    indicators: dict[int, list[Indicator]] = {}
    for item, indicator in (await session.exec(_ITEMS_WITH_INDICATORS, params={"skp_id": skp_id})).all():
        if item.id not in indicators:
            items.append(item)
            indicators[item.id or 0] = []
        if indicator is not None:
            indicators[item.id or 0].append(indicator)
    return items, indicators


async def approved_items_of(session: AsyncSession, employee_id: int, period_id: int) -> list[SkpItem]:
    """The items a subordinate may cascade from: the penilai's approved Kinerja Utama."""
    query = (
        select(SkpItem)
        .join(Skp, col(Skp.id) == col(SkpItem.skp_id))
        .where(
            Skp.employee_id == employee_id,
            Skp.period_id == period_id,
            Skp.status == "APPROVED",
            SkpItem.section == "UTAMA",
            SkpItem.complete == True,  # noqa: E712
            _NOT_REMOVED,
        )
        .order_by(col(SkpItem.position))
    )
    return list((await session.exec(query)).all())


async def next_position(session: AsyncSession, skp_id: int, section: str) -> int:
    query = select(func.max(SkpItem.position)).where(SkpItem.skp_id == skp_id, SkpItem.section == section)
    current = (await session.exec(query)).one()
    return (current or 0) + 1


async def delete_item(session: AsyncSession, item_id: int) -> None:
    """Delete an item; subordinates' items that cascaded from it keep their text, lose the link
    (`bot.services.cascade` flags them when the superior's SKP is approved)."""
    await session.exec(update(SkpItem).where(col(SkpItem.parent_item_id) == item_id).values(parent_item_id=None))
    await session.exec(delete(Indicator).where(col(Indicator.item_id) == item_id))
    await session.exec(delete(SkpItem).where(col(SkpItem.id) == item_id))


def touch(skp: Skp) -> None:
    """Any change to an SKP or its items moves its version on (old buttons go stale)."""
    skp.version += 1
    skp.updated_at = utcnow()


async def compare_and_set_status(
    session: AsyncSession, skp_id: int, version: int, from_status: str, to_status: str, **values: object
) -> int | None:
    """Atomic status change for the one caller that saw `version` and `from_status`.

    Returns the SKP's new version, or None when someone else changed it first. (The ORM also
    updates a loaded `Skp` in place, so read versions and statuses before calling this.)
    """
    statement = (
        update(Skp)
        .where(col(Skp.id) == skp_id, col(Skp.version) == version, col(Skp.status) == from_status)
        .values(status=to_status, version=Skp.version + 1, updated_at=utcnow(), **values)
    )
    result = await session.exec(statement)
    return version + 1 if result.rowcount == 1 else None


async def events_of(session: AsyncSession, skp_id: int) -> Sequence[SkpEvent]:
    query = select(SkpEvent).where(SkpEvent.skp_id == skp_id).order_by(col(SkpEvent.at), col(SkpEvent.id))
    return (await session.exec(query)).all()


async def last_event(session: AsyncSession, skp_id: int, action: str) -> SkpEvent | None:
    query = (
        select(SkpEvent).where(SkpEvent.skp_id == skp_id, SkpEvent.action == action).order_by(col(SkpEvent.id).desc())
    )
    return (await session.exec(query)).first()


# --- PK sasaran (what a JPT cascades from) ----------------------------------------------


async def pk_sasaran_of(session: AsyncSession, unit_kerja: str) -> Sequence[PkSasaran]:
    query = select(PkSasaran).where(PkSasaran.unit_kerja == unit_kerja).order_by(col(PkSasaran.id))
    return (await session.exec(query)).all()


# --- wizard sessions ---------------------------------------------------------------------


_WIZARD_AND_EMPLOYEE = (
    select(WizardSession, Employee)
    .outerjoin(Employee, col(Employee.telegram_id) == col(WizardSession.telegram_id))
    .where(col(WizardSession.telegram_id) == bindparam("telegram_id"))
)


async def wizard_and_employee(
    session: AsyncSession, telegram_id: int
) -> tuple[WizardSession | None, Employee | None]:
    """Every update starts here, so it is one query: the wizard row and whoever that account is."""
    row = (await session.exec(_WIZARD_AND_EMPLOYEE, params={"telegram_id": telegram_id})).first()
    if row is None:  # first contact: no wizard row yet
        return None, await employee_by_telegram(session, telegram_id)
    return row[0], row[1]


def today_in(tz: dt.tzinfo) -> dt.date:
    return dt.datetime.now(tz).date()
