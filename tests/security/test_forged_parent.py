"""Nobody reads another person's draft through a forged button (issue 15): the engine accepts only
values the last card offered, and the parent step itself accepts only what it may offer — a saved
Kinerja Utama of the penilai's SKP in the same period, for a Kinerja Utama item; for a JPT, a PK
sasaran of their own unit."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from bot.services.demo import SEKAR_NIP, SEKDA_NIP, UNIT
from bot.storage.models import PkSasaran, SkpItem, WizardSession
from tests.conftest import BotHarness, linked_user
from tests.flows.helpers import answer_aspects, open_new_item

CITRA_NIP = "199408302016092007"
SECRET_DRAFT = "Rahasia draf Citra yang belum diajukan"
STALE = "tidak berlaku"


async def _wizard(harness: BotHarness, telegram_id: int) -> WizardSession:
    async with harness.db.session() as session:
        wizard = await session.get(WizardSession, telegram_id)
        assert wizard is not None
        return wizard


async def _citra_draft_item(harness: BotHarness) -> int:
    """Citra (Sekar's colleague, same penilai) has a draft item; its id is all an attacker needs."""
    citra = await linked_user(harness, CITRA_NIP, 8302, "Citra")
    await citra.send("/skp")
    skp_id = (await _wizard(harness, 8302)).data["skp_id"]
    async with harness.db.session() as session:
        item = SkpItem(skp_id=skp_id, section="UTAMA", position=1, rencana_kinerja=SECRET_DRAFT, complete=True)
        session.add(item)
        await session.commit()
        assert item.id is not None
        return item.id


async def _tambahan_edit_card(harness: BotHarness, telegram_id: int) -> Any:
    sekar = await linked_user(harness, SEKAR_NIP, telegram_id, "Sekar")
    await open_new_item(sekar, "Kinerja Tambahan")
    await sekar.send("Surat Tugas Kepala BKPSDM Nomor 800/123/2027")
    await sekar.send("Laporan panitia seleksi terbuka yang tersusun tepat waktu")
    if "Periksa bahasa" in sekar.last.plain:
        await sekar.press("Tetap pakai teks saya")
    await answer_aspects(sekar, ("1 dokumen", "100 %", "12 bulan"))
    await sekar.send("0,5")
    await sekar.press("Ubah")
    assert (await _wizard(harness, telegram_id)).step == "skp.edit"
    return sekar


async def _press_forged(harness: BotHarness, user: Any, value: str) -> None:
    version = (await _wizard(harness, user.user_id)).version
    await user.press_data(f"w1:{version}:{value}", user.last.message_id)


async def _as_if_offered(harness: BotHarness, telegram_id: int, step: str, value: str) -> None:
    """Defence in depth: pretend the engine's "offered values" check had a hole (the card listed
    the forged value) — the step itself must still refuse it."""
    async with harness.db.session() as session:
        wizard = await session.get(WizardSession, telegram_id)
        assert wizard is not None
        wizard.step = step
        wizard.data = {**wizard.data, "offered": [value]}
        session.add(wizard)
        await session.commit()


async def _parent_texts(harness: BotHarness, skp_id: int | None = None) -> list[str | None]:
    async with harness.db.session() as session:
        query = select(SkpItem) if skp_id is None else select(SkpItem).where(SkpItem.skp_id == skp_id)
        return [i.parent_text for i in (await session.exec(query)).all()]


async def test_the_reviewed_attack_on_a_tambahan_item_is_refused(harness, demo):
    victim = await _citra_draft_item(harness)
    sekar = await _tambahan_edit_card(harness, 8301)
    await _press_forged(harness, sekar, "parent")  # the card offers "basis", not "parent"
    assert STALE in sekar.callback_answers()[-1]["text"]
    assert (await _wizard(harness, 8301)).step == "skp.edit"
    await _press_forged(harness, sekar, f"p:{victim}")
    assert STALE in sekar.callback_answers()[-1]["text"]
    assert SECRET_DRAFT not in " ".join(m.plain for m in sekar.messages)
    assert SECRET_DRAFT not in await _parent_texts(harness)


async def test_the_parent_step_refuses_a_parent_for_a_tambahan_item_even_if_offered(harness, demo):
    victim = await _citra_draft_item(harness)
    sekar = await _tambahan_edit_card(harness, 8303)
    await _as_if_offered(harness, 8303, "skp.parent", f"p:{victim}")
    await _press_forged(harness, sekar, f"p:{victim}")
    assert SECRET_DRAFT not in " ".join(m.plain for m in sekar.messages)
    assert SECRET_DRAFT not in await _parent_texts(harness)


async def test_the_parent_step_refuses_another_persons_item_for_a_utama_item_even_if_offered(harness, demo):
    victim = await _citra_draft_item(harness)
    sekar = await linked_user(harness, SEKAR_NIP, 8304, "Sekar")
    await open_new_item(sekar)  # Kinerja Utama: the parent step lists the Kabid's approved items
    assert (await _wizard(harness, 8304)).step == "skp.parent"
    await _as_if_offered(harness, 8304, "skp.parent", f"p:{victim}")
    await _press_forged(harness, sekar, f"p:{victim}")
    assert SECRET_DRAFT not in " ".join(m.plain for m in sekar.messages)
    assert SECRET_DRAFT not in await _parent_texts(harness)


async def test_a_jpt_cannot_take_another_units_pk_sasaran(harness, demo):
    async with harness.db.session() as session:
        other = (await session.exec(select(PkSasaran).where(PkSasaran.unit_kerja == UNIT))).first()
        assert other is not None and other.id is not None
        other_id, other_text = other.id, other.sasaran
    sekda = await linked_user(harness, SEKDA_NIP, 8305, "Sekda")  # JPT Madya, Sekretariat Daerah
    await open_new_item(sekda)
    assert (await _wizard(harness, 8305)).step == "skp.parent"
    await _press_forged(harness, sekda, f"k:{other_id}")  # not on the card
    assert STALE in sekda.callback_answers()[-1]["text"]
    await _as_if_offered(harness, 8305, "skp.parent", f"k:{other_id}")
    await _press_forged(harness, sekda, f"k:{other_id}")
    own = await _parent_texts(harness, (await _wizard(harness, 8305)).data["skp_id"])
    assert own and other_text not in own


def test_the_domain_refuses_a_parent_for_kinerja_tambahan() -> None:
    import pytest

    from skp_domain.errors import CascadeError
    from skp_domain.jabatan import Kategori
    from skp_domain.skp import Section, Status, check_cascade

    for kategori in Kategori:
        check_cascade(kategori, Section.TAMBAHAN, None, False)  # no parent: fine
        with pytest.raises(CascadeError, match="dasar penugasan"):
            check_cascade(kategori, Section.TAMBAHAN, Status.DRAFT, False)
        with pytest.raises(CascadeError, match="dasar penugasan"):
            check_cascade(kategori, Section.TAMBAHAN, Status.APPROVED, True)
