from bot.services.demo import SEKAR_NIP
from tests.conftest import linked_user


async def test_skp_menu_opens(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 5001, "Sekar")
    await sekar.send("/skp")
    assert "SKP Tahun 2027" in sekar.last.plain
