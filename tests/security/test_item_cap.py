"""At most MAX_ITEMS (30) rencana kinerja per SKP, said with the number: in the drafting wizard, in
the service that adds an item, and at submission."""

from __future__ import annotations

import pytest
from sqlalchemy import func
from sqlmodel import select

from bot.services import items as item_service
from bot.services.demo import SEKAR_NIP
from bot.storage.models import Indicator, SkpItem, WizardSession
from skp_domain.safety import MAX_ITEMS, TooManyItems
from tests.conftest import BotHarness, linked_user


async def _fill(harness: BotHarness, skp_id: int, count: int) -> None:
    async with harness.db.session() as session:
        for n in range(1, count + 1):
            item = SkpItem(skp_id=skp_id, section="UTAMA", position=n, rencana_kinerja=f"Hasil {n} tersusun",
                           parent_text="Induk", complete=True)
            session.add(item)
            await session.flush()
            for p, aspek in enumerate(("kuantitas", "kualitas", "waktu")):
                session.add(Indicator(item_id=item.id or 0, aspek=aspek, position=p, indikator="Jumlah",
                                      target_value="1", target_unit="dokumen"))
        await session.commit()


async def _count(harness: BotHarness, skp_id: int) -> int:
    async with harness.db.session() as session:
        query = select(func.count()).select_from(SkpItem).where(SkpItem.skp_id == skp_id)
        return int((await session.exec(query)).one())


async def test_the_thirty_first_item_is_refused_with_the_limit_stated(harness, demo):
    assert MAX_ITEMS == 30
    sekar = await linked_user(harness, SEKAR_NIP, 8401, "Sekar")
    await sekar.send("/skp")
    async with harness.db.session() as session:
        wizard = await session.get(WizardSession, 8401)
        assert wizard is not None
        skp_id = wizard.data["skp_id"]
    await _fill(harness, skp_id, MAX_ITEMS - 1)
    await sekar.send("/skp")
    await sekar.press("Tambah rencana kinerja")  # the 30th is still fine
    await sekar.press("Kinerja Tambahan")
    assert await _count(harness, skp_id) == MAX_ITEMS
    await sekar.press("Batal")  # an empty new item is dropped again
    await _fill(harness, skp_id, 1)
    assert await _count(harness, skp_id) == MAX_ITEMS
    await sekar.send("/skp")
    await sekar.press("Tambah rencana kinerja")
    assert "paling banyak 30 rencana kinerja" in sekar.last.plain
    assert await _count(harness, skp_id) == MAX_ITEMS
    # The service refuses too, whoever calls it.
    async with harness.db.session() as session:
        with pytest.raises(TooManyItems, match="paling banyak 30"):
            await item_service.add_item(session, skp_id, "UTAMA")
    assert await _count(harness, skp_id) == MAX_ITEMS
