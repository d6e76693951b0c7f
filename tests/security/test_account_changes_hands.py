"""An account that changes hands never writes into the previous person's SKP: two NIPs, one account."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import col, select

from bot.services.demo import SEKAR_NIP
from bot.services.linking import link_directly
from bot.storage.models import Employee, Skp, SkpItem, WizardSession
from tests.conftest import BotHarness, linked_user
from tests.flows.helpers import open_new_item

CITRA_NIP = "199408302016092007"
RK = "Data kepegawaian yang valid dan akurat"


async def _items_of(harness: BotHarness, nip: str) -> list[SkpItem]:
    async with harness.db.session() as session:
        query = (
            select(SkpItem)
            .join(Skp, col(Skp.id) == col(SkpItem.skp_id))
            .join(Employee, col(Employee.id) == col(Skp.employee_id))
            .where(Employee.nip == nip)
        )
        return list((await session.exec(query)).all())


async def _wizard(harness: BotHarness, telegram_id: int) -> WizardSession:
    async with harness.db.session() as session:
        wizard = await session.get(WizardSession, telegram_id)
        assert wizard is not None
        return wizard


async def _sekar_half_way(harness: BotHarness, telegram_id: int):  # type: ignore[no-untyped-def]
    """Sekar's account, in the middle of a new Kinerja Utama item: the wizard asks for the text."""
    user = await linked_user(harness, SEKAR_NIP, telegram_id, "Sekar")
    await open_new_item(user)
    await user.press("1")
    assert "Rencana Kinerja" in user.last.plain or "rencana kinerja" in user.last.plain.lower()
    assert (await _wizard(harness, telegram_id)).step == "skp.rk"
    return user


async def test_console_nip_relink_resets_the_wizard(harness, demo):
    user = await _sekar_half_way(harness, 8101)
    await link_directly(harness.db, CITRA_NIP, 8101, 8101)  # what `console --nip` does
    await user.send(RK)
    assert all(item.rencana_kinerja != RK for item in await _items_of(harness, SEKAR_NIP))
    assert all(item.rencana_kinerja != RK for item in await _items_of(harness, CITRA_NIP))
    assert (await _wizard(harness, 8101)).step == ""
    assert "/skp" in user.last.plain
    # Citra's own /skp opens Citra's SKP, not Sekar's.
    await user.send("/skp")
    assert "CITRA AMALIA" in user.last.plain
    assert "SEKAR" not in user.last.plain.upper()


async def test_a_link_moved_behind_the_bots_back_is_noticed_on_the_next_turn(harness, demo):
    """Another process (or the CLI) moved the link without touching the wizard: the engine sees
    that the wizard belongs to someone else and starts afresh."""
    user = await _sekar_half_way(harness, 8102)
    async with harness.db.session() as session:
        await session.exec(update(Employee).where(col(Employee.nip) == SEKAR_NIP).values(telegram_id=None))
        await session.exec(
            update(Employee).where(col(Employee.nip) == CITRA_NIP).values(telegram_id=8102, chat_id=8102)
        )
        await session.commit()
    await user.send(RK)
    assert all(item.rencana_kinerja != RK for item in await _items_of(harness, SEKAR_NIP))
    assert (await _wizard(harness, 8102)).step == ""


async def test_an_skp_id_of_someone_else_in_the_wizard_is_refused(harness, demo):
    """Every turn checks that the SKP it writes to belongs to the person linked now."""
    user = await _sekar_half_way(harness, 8103)
    citra = await linked_user(harness, CITRA_NIP, 8104, "Citra")
    await citra.send("/skp")
    citra_wizard = await _wizard(harness, 8104)
    async with harness.db.session() as session:
        wizard = await session.get(WizardSession, 8103)
        assert wizard is not None
        wizard.data = {**wizard.data, "skp_id": citra_wizard.data["skp_id"]}
        session.add(wizard)
        await session.commit()
    await user.send(RK)
    assert "SKP tidak ditemukan" in user.last.plain
    assert all(item.rencana_kinerja != RK for item in await _items_of(harness, CITRA_NIP))
    assert all(item.rencana_kinerja != RK for item in await _items_of(harness, SEKAR_NIP))
