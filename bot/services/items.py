"""Adding a rencana kinerja to an SKP, within the cap (`skp_domain.safety.MAX_ITEMS`)."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.storage import repo
from bot.storage.models import SkpItem
from skp_domain.safety import check_item_room


async def item_count(session: AsyncSession, skp_id: int) -> int:
    query = select(func.count()).select_from(SkpItem).where(SkpItem.skp_id == skp_id)
    return int((await session.exec(query)).one())


async def add_item(session: AsyncSession, skp_id: int, section: str) -> SkpItem:
    """A new, empty item at the end of its section; TooManyItems when the SKP is full."""
    check_item_room(await item_count(session, skp_id))
    position = await repo.next_position(session, skp_id, section)
    item = SkpItem(skp_id=skp_id, section=section, position=position)
    session.add(item)
    await session.flush()
    return item
