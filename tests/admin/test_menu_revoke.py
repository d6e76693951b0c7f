"""A granted admin gets the admin menu at start; after a revoke the next start removes it."""

from __future__ import annotations

from sqlmodel import select

from bot.services.demo import SEKAR_NIP
from bot.storage.models import Employee
from tests.conftest import linked_user


def _scoped_calls(api, method: str, chat_id: int) -> int:  # type: ignore[no-untyped-def]
    return sum(
        1
        for call in api.calls_to(method)
        if f'"chat_id": {chat_id}' in str(call.params.get("scope", ""))
        or f"'chat_id': {chat_id}" in str(call.params.get("scope", ""))
    )


async def _set_admin(harness, value: bool) -> None:  # type: ignore[no-untyped-def]
    async with harness.db.session() as session:
        sekar = (await session.exec(select(Employee).where(Employee.nip == SEKAR_NIP))).one()
        sekar.is_admin = value
        session.add(sekar)
        await session.commit()


async def test_grant_then_revoke_updates_the_menu_at_start(harness, demo):
    await linked_user(harness, SEKAR_NIP, 9601, "Sekar")
    await _set_admin(harness, True)
    await harness.restart()
    assert _scoped_calls(harness.api, "setMyCommands", 9601) == 1
    await _set_admin(harness, False)
    await harness.restart()
    assert _scoped_calls(harness.api, "deleteMyCommands", 9601) == 1
    await harness.restart()  # nothing left to clear
    assert _scoped_calls(harness.api, "deleteMyCommands", 9601) == 1
