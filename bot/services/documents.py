"""The SKP documents: which SKP a person may download, and its view-model for rendering."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.documents.view import SkpView
from bot.services import penilai, versions
from bot.services.bundle import load_bundle_by_id, to_view
from bot.settings import Settings
from bot.storage import repo
from bot.storage.models import Employee, Skp
from skp_domain.skp import Status, is_amendment


async def skp_view(session: AsyncSession, skp_id: int, settings: Settings, today: dt.date) -> SkpView | None:
    bundle = await load_bundle_by_id(session, skp_id)
    if bundle is None:
        return None
    if not bundle.six:
        return to_view(bundle, settings, today)
    extras = await penilai.extras_of(session, bundle)
    return to_view(bundle, settings, today, expectations=extras.expectations, lampiran=extras.lampiran)


@dataclass(frozen=True)
class VersionView:
    view: SkpView
    number: int
    approved_at: dt.datetime
    in_force: bool  # the latest approved version (an amendment may be drafted beside it)


async def version_view(
    session: AsyncSession, skp_id: int, number: int | None, settings: Settings, today: dt.date
) -> VersionView | None:
    """An approved version's document (`number` None: the one in force), rendered from the frozen
    version, never from the working copy."""
    bundle = await load_bundle_by_id(session, skp_id)
    if bundle is None:
        return None
    latest = await versions.latest(session, skp_id)
    version = latest if number is None else await versions.get(session, skp_id, number)
    if version is None or latest is None:
        return None
    frozen = await versions.bundle_of_version(session, bundle, version)
    return VersionView(to_view(frozen, settings, today), version.number, version.approved_at, version.id == latest.id)


async def in_force_beside_amendment(session: AsyncSession, skp_id: int) -> bool:
    """While an amendment is drafted or waiting, the approved version is sent beside the draft."""
    skp = await session.get(Skp, skp_id)
    return skp is not None and is_amendment(Status(skp.status))


async def may_read(session: AsyncSession, telegram_id: int, skp_id: int) -> bool:
    """The SKP's owner, or the penilai the roster names now."""
    me = await repo.employee_by_telegram(session, telegram_id)
    skp = await session.get(Skp, skp_id)
    if me is None or skp is None:
        return False
    if skp.employee_id == me.id:
        return True
    owner = await session.get(Employee, skp.employee_id)
    return owner is not None and owner.atasan_id == me.id


@dataclass(frozen=True)
class OwnSkp:
    employee: Employee | None
    skp: Skp | None


async def own_skp(session: AsyncSession, telegram_id: int) -> OwnSkp:
    """The SKP of this account's employee in the active period (either may be missing)."""
    employee = await repo.employee_by_telegram(session, telegram_id)
    period = await repo.active_period(session)
    skp = None
    if employee is not None and period is not None:
        skp = await repo.skp_of(session, employee.id or 0, period.id or 0)
    return OwnSkp(employee, skp)
