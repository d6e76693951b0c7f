"""Approved versions of an SKP, frozen as data.

Every approval records a `SkpVersion` with the SKP's items as they were approved. While an
amendment is being drafted the SKP's own rows are the working copy; the latest version is what
stays in force: its documents are rendered from it (`bundle_at`), subordinates cascade from it
(`bot.services.cascade`), the amendment's change list is measured against it (`amendment_diff`),
and "Batalkan perubahan" puts the working copy back to it (`restore`). Items removed in an
amendment are only marked (`SkpItem.removed`) until the amendment is approved (`drop_removed`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services.bundle import Bundle, snapshot
from bot.storage import repo
from bot.storage.models import Employee, Indicator, Skp, SkpItem, SkpVersion, utcnow
from skp_domain.skp import ItemDiff, Status, diff_items
from skp_domain.year import Relink

# The keys of `bundle.snapshot`: what counts as a change of content (links' provisional state and
# positions do not).
_CONTENT_KEYS = ("id", "section", "parent", "basis", "rencana_kinerja", "ak", "indicators")


def version_items(bundle: Bundle) -> list[dict[str, Any]]:
    """Everything needed to show, print or restore the SKP's items as they are now."""
    content = snapshot(bundle)
    out = []
    for item, data in zip(bundle.items, content, strict=True):
        out.append(
            {
                **data,
                "position": item.position,
                "parent_item_id": item.parent_item_id,
                "provisional": item.provisional,
                "relink": item.relink,
                "complete": item.complete,
            }
        )
    return out


def comparable(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: item.get(k) for k in _CONTENT_KEYS} for item in items]


async def latest(session: AsyncSession, skp_id: int) -> SkpVersion | None:
    query = select(SkpVersion).where(SkpVersion.skp_id == skp_id).order_by(col(SkpVersion.number).desc())
    return (await session.exec(query)).first()


async def all_versions(session: AsyncSession, skp_id: int) -> list[SkpVersion]:
    query = select(SkpVersion).where(SkpVersion.skp_id == skp_id).order_by(col(SkpVersion.number))
    return list((await session.exec(query)).all())


async def get(session: AsyncSession, skp_id: int, number: int) -> SkpVersion | None:
    query = select(SkpVersion).where(SkpVersion.skp_id == skp_id, SkpVersion.number == number)
    return (await session.exec(query)).first()


async def record(
    session: AsyncSession,
    bundle: Bundle,
    *,
    approved_by_id: int | None,
    on_behalf_of: str | None,
    approved_at: Any = None,
) -> SkpVersion:
    """Freeze the SKP's current items as its next approved version (the caller commits)."""
    skp_id = bundle.skp.id or 0
    current = (await session.exec(select(func.max(SkpVersion.number)).where(SkpVersion.skp_id == skp_id))).one()
    version = SkpVersion(
        skp_id=skp_id,
        number=(current or 0) + 1,
        approved_at=approved_at or utcnow(),
        approved_by_id=approved_by_id,
        on_behalf_of=on_behalf_of,
        penilai_id=bundle.skp.penilai_id,
        items=version_items(bundle),
    )
    session.add(version)
    await session.flush()
    return version


async def ensure_recorded(session: AsyncSession, bundle: Bundle) -> SkpVersion:
    """The version in force of an approved SKP; an SKP approved before versions were kept gets
    its first one now, from its (unchanged since) rows."""
    version = await latest(session, bundle.skp.id or 0)
    if version is not None:
        return version
    return await record(
        session, bundle, approved_by_id=bundle.skp.penilai_id, on_behalf_of=None, approved_at=bundle.skp.approved_at
    )


def amendment_diff(bundle: Bundle, version: SkpVersion) -> ItemDiff:
    """What the working copy changes in the approved version."""
    return diff_items(comparable(version.items or []), comparable(snapshot(bundle)))


def _item(data: dict[str, Any], skp_id: int) -> SkpItem:
    return SkpItem(
        id=data.get("id"),
        skp_id=skp_id,
        section=data.get("section") or "UTAMA",
        position=int(data.get("position") or 0),
        parent_item_id=data.get("parent_item_id"),
        parent_text=data.get("parent"),
        basis=data.get("basis"),
        rencana_kinerja=data.get("rencana_kinerja") or "",
        ak=data.get("ak"),
        complete=bool(data.get("complete", True)),
        provisional=bool(data.get("provisional")),
        relink=data.get("relink"),
    )


def _indicators(data: dict[str, Any], item_id: int) -> list[Indicator]:
    return [
        Indicator(item_id=item_id, aspek=aspek, position=n, indikator=indikator or "", target_value=value,
                  target_unit=unit)
        for n, (aspek, indikator, value, unit) in enumerate(data.get("indicators") or [])
    ]


def bundle_at(bundle: Bundle, version: SkpVersion, penilai: Employee | None = None) -> Bundle:
    """The SKP as it was approved in `version`: detached rows, never added to a session."""
    skp = Skp(**{**bundle.skp.model_dump(), "status": Status.APPROVED.value, "approved_at": version.approved_at})
    items: list[SkpItem] = []
    indicators: dict[int, list[Indicator]] = {}
    for data in version.items or []:
        item = _item(data, bundle.skp.id or 0)
        items.append(item)
        indicators[item.id or 0] = _indicators(data, item.id or 0)
    items.sort(key=lambda i: (0 if i.section == "UTAMA" else 1, i.position, i.id or 0))
    return replace(
        bundle, skp=skp, penilai=penilai if penilai is not None else bundle.penilai, items=items, indicators=indicators
    )


async def bundle_of_version(session: AsyncSession, bundle: Bundle, version: SkpVersion) -> Bundle:
    penilai = bundle.penilai
    if version.penilai_id is not None and (penilai is None or penilai.id != version.penilai_id):
        penilai = await session.get(Employee, version.penilai_id)
    return bundle_at(bundle, version, penilai)


async def drop_removed(session: AsyncSession, skp_id: int) -> None:
    """The amendment was approved: items it removed go for good (their subordinates were flagged)."""
    query = select(SkpItem.id).where(SkpItem.skp_id == skp_id, col(SkpItem.removed).is_(True))
    for item_id in (await session.exec(query)).all():
        if item_id is not None:
            await repo.delete_item(session, item_id)


async def restore(session: AsyncSession, bundle: Bundle, version: SkpVersion) -> None:
    """Put the working copy back to `version` ("Batalkan perubahan")."""
    skp_id = bundle.skp.id or 0
    rows = {row.id: row for row in (await session.exec(select(SkpItem).where(SkpItem.skp_id == skp_id))).all()}
    kept = {data.get("id"): data for data in version.items or []}
    for item_id in rows:
        if item_id not in kept:
            await repo.delete_item(session, item_id or 0)  # added in the amendment
    for item_id, data in kept.items():
        row = rows.get(item_id)
        if row is None:  # cannot happen (removal waits for approval); keep the version whole anyway
            continue
        link_changed = (row.parent_item_id, row.parent_text) != (data.get("parent_item_id"), data.get("parent"))
        row.section = data.get("section") or row.section
        row.position = int(data.get("position") or row.position)
        row.basis, row.rencana_kinerja, row.ak = data.get("basis"), data.get("rencana_kinerja") or "", data.get("ak")
        row.complete, row.removed, row.revision_comment = bool(data.get("complete", True)), False, None
        if link_changed:
            parent_id = data.get("parent_item_id")
            exists = parent_id is not None and await session.get(SkpItem, parent_id) is not None
            row.parent_item_id = parent_id if exists else None
            row.parent_text = data.get("parent")
            row.provisional = bool(data.get("provisional"))
            row.relink = data.get("relink") or (Relink.VANISHED.value if parent_id is not None and not exists else None)
        session.add(row)
        await session.exec(delete(Indicator).where(col(Indicator.item_id) == item_id))
        session.add_all(_indicators(data, item_id or 0))
    await session.flush()
