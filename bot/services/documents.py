"""The SKP documents: which SKP a person may download, and its view-model for rendering."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.documents.view import SkpView
from bot.services import penilai
from bot.services.bundle import load_bundle_by_id, to_view
from bot.settings import Settings
from bot.storage import repo
from bot.storage.models import Employee, Skp


async def skp_view(session: AsyncSession, skp_id: int, settings: Settings, today: dt.date) -> SkpView | None:
    bundle = await load_bundle_by_id(session, skp_id)
    if bundle is None:
        return None
    if not bundle.six:
        return to_view(bundle, settings, today)
    extras = await penilai.extras_of(session, bundle)
    return to_view(bundle, settings, today, expectations=extras.expectations, lampiran=extras.lampiran)


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
