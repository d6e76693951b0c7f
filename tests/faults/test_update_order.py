"""Concurrent processing: other people are not held up, one person's quick answers stay in order."""

from __future__ import annotations

import asyncio

from sqlmodel import select

from bot.services.demo import SEKAR_NIP
from bot.storage.models import Indicator, SkpItem
from bot.tg.update_order import PerUserOrder
from tests.conftest import linked_user
from tests.flows.helpers import open_new_item

CITRA_NIP = "199408302016092007"
SLOW = 0.5  # seconds each Bot API call takes in the second test


async def test_the_app_processes_people_concurrently_and_each_in_order(harness, demo):
    assert isinstance(harness.app.update_processor, PerUserOrder)
    assert harness.app.update_processor.max_concurrent_updates == 64


async def test_two_quick_answers_apply_in_order_while_a_slow_reply_does_not_block_others(harness, demo):
    tg = harness.tg
    tg.mode = "processor"  # as polling and the webhook hand updates over
    sekar = await linked_user(harness, SEKAR_NIP, 9301, "Sekar")
    citra = await linked_user(harness, CITRA_NIP, 9302, "Citra")
    await open_new_item(sekar)
    await sekar.press("1")
    await sekar.send("Data kepegawaian yang valid dan akurat")
    await sekar.press("1")
    assert "Target" in sekar.last.plain

    harness.api.latency = SLOW  # every Bot API call is slow now
    started = asyncio.get_running_loop().time()
    # Sekar types the target and, before the reply arrives, types the kualitas indicator;
    # meanwhile Citra opens her SKP.
    await asyncio.gather(sekar.send("2 dokumen"), sekar.send("Persentase data yang akurat"), citra.send("/skp"))
    elapsed = asyncio.get_running_loop().time() - started
    harness.api.latency = 0.0

    # Both of Sekar's answers landed, in order: the target on kuantitas, the text as the kualitas indicator.
    async with harness.db.session() as session:
        query = select(SkpItem).where(SkpItem.rencana_kinerja == "Data kepegawaian yang valid dan akurat")
        item = (await session.exec(query)).one()
        rows = (await session.exec(select(Indicator).where(Indicator.item_id == item.id))).all()
    by_aspek = {row.aspek: row for row in rows}
    assert (by_aspek["kuantitas"].target_value, by_aspek["kuantitas"].target_unit) == ("2", "dokumen")
    assert by_aspek["kualitas"].indikator == "Persentase data yang akurat"
    assert "Target" in sekar.last.plain and "kualitas" in sekar.last.plain.lower()
    assert not any("bersamaan" in m.plain.lower() for m in sekar.messages)  # no conflict notice
    assert "Rencana Kinerja" in citra.last.plain or "SKP" in citra.last.plain
    # Sekar's two updates ran one after the other (two slow replies); Citra's ran beside them,
    # not after them (that would be three slow replies).
    assert 2 * SLOW <= elapsed < 2.8 * SLOW
