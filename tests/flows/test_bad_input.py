"""Every kind of bad input gets a clear Indonesian reply, the step is asked again, nothing is lost."""

from __future__ import annotations

from sqlmodel import select

from bot.services.demo import SEKAR_NIP
from bot.storage.models import Employee, SkpItem, WizardSession
from tests.conftest import linked_user
from tests.flows.helpers import open_new_item


async def _at_rk_step(harness, telegram_id: int):
    sekar = await linked_user(harness, SEKAR_NIP, telegram_id, "Sekar")
    await open_new_item(sekar)
    await sekar.press("1")
    assert "Langkah 3" in sekar.last.plain
    return sekar


async def _wizard(harness, telegram_id: int) -> WizardSession:
    async with harness.db.session() as session:
        wizard = await session.get(WizardSession, telegram_id)
        assert wizard is not None
        return wizard


async def test_sticker_photo_and_blank_text_where_text_is_expected(harness, demo):
    sekar = await _at_rk_step(harness, 7001)
    before = await _wizard(harness, 7001)
    await sekar.send_sticker()
    assert "bukan stiker" in sekar.last.plain and "Langkah 3" in sekar.last.plain
    await sekar.send_photo()
    assert "bukan stiker, foto" in sekar.last.plain
    await sekar.send("   ")
    assert "tidak boleh kosong" in sekar.last.plain and "Langkah 3" in sekar.last.plain
    after = await _wizard(harness, 7001)
    assert (after.step, after.version) == (before.step, before.version)


async def test_over_long_text_states_the_limit(harness, demo):
    sekar = await _at_rk_step(harness, 7002)
    await sekar.send("Data kepegawaian valid " * 40)
    assert "maksimal 500 karakter" in sekar.last.plain
    await sekar.send("x" * 10_000)
    assert "maksimal 500 karakter" in sekar.last.plain
    assert (await _wizard(harness, 7002)).step == "skp.rk"


async def test_html_and_ampersand_are_kept_literally(harness, demo):
    sekar = await _at_rk_step(harness, 7003)
    await sekar.send("Laporan R&D <b>SIMPEG</b> 2026 tersusun tepat waktu ✅")
    assert "emoji" in sekar.last.plain  # an official document: refused with the reason, nothing saved
    phrase = "Laporan R&D <b>SIMPEG</b> 2026 tersusun tepat waktu"
    await sekar.send(phrase)
    if "Periksa bahasa" in sekar.last.plain:
        await sekar.press("Tetap pakai teks saya")
    await sekar.press("1")
    await sekar.send("1 dokumen")
    assert phrase in sekar.last.plain or "R&D <b>SIMPEG</b>" in sekar.last.plain
    assert "&lt;b&gt;" in sekar.last.text  # escaped on the wire, shown literally
    async with harness.db.session() as session:
        item = (await session.exec(select(SkpItem).where(SkpItem.rencana_kinerja == phrase))).one()
        assert item.rencana_kinerja == phrase


async def test_text_where_a_button_is_expected(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 7004, "Sekar")
    await open_new_item(sekar, section="Kinerja Utama")
    await sekar.send("nomor dua saja")
    assert "tombol nomor" in sekar.last.plain
    await sekar.press("Kembali")
    await sekar.send("utama")
    assert "tombol" in sekar.last.plain and any("Kinerja Utama" in b for b in sekar.buttons())


async def test_wrong_targets_are_explained(harness, demo):
    sekar = await _at_rk_step(harness, 7005)
    await sekar.send("Data kepegawaian yang valid dan akurat")
    await sekar.press("1")
    await sekar.send("90")
    assert "satuan" in sekar.last.plain
    await sekar.send("banyak sekali")
    assert "angka" in sekar.last.plain.lower()
    await sekar.send("3 dokumen")
    await sekar.press("1")
    await sekar.send("120 %")
    assert "100" in sekar.last.plain
    await sekar.send("95 %")
    await sekar.press("1")
    await sekar.send("13 bulan")
    assert "periode" in sekar.last.plain.lower() or "12" in sekar.last.plain
    assert (await _wizard(harness, 7005)).step == "skp.tgt.waktu"


async def test_stale_button_changes_nothing(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 7006, "Sekar")
    await sekar.send("/skp")
    old_card = sekar.last
    old_add = old_card.callback_data[0]
    await sekar.press("Tambah rencana kinerja")
    await sekar.press("Kinerja Utama")
    before = await _wizard(harness, 7006)
    await sekar.press_data(old_add, old_card.message_id)
    answer = sekar.callback_answers()[-1]
    assert answer["show_alert"] and "tidak berlaku" in answer["text"] and "<" not in answer["text"]
    after = await _wizard(harness, 7006)
    assert (after.step, after.version) == (before.step, before.version)


async def test_group_chats_are_refused(harness, demo):
    assert harness.tg is not None
    group_user = harness.tg.user(7007, "Grup", chat_type="group")
    await group_user.send("/skp")
    assert "chat pribadi" in group_user.last.plain


async def test_linking_with_wrong_nip_code_lockout_and_one_account_per_nip(harness, demo):
    assert harness.tg is not None
    user = harness.tg.user(7008, "Sekar")
    await user.send("/start")
    assert "NIP" in user.last.plain
    await user.send("12345")
    assert "18 digit" in user.last.plain
    await user.send("199113112012062001")  # month 13 in the birth date
    assert "lahir" in user.last.plain.lower()
    await user.send("19910611 201206 2 001")
    assert "kode aktivasi" in user.last.plain.lower()
    for _ in range(4):
        await user.send("SALAH123")
        assert "tidak cocok" in user.last.plain.lower()
    await user.send("SALAH123")
    assert "Terlalu banyak" in user.last.plain
    await user.send("/start")
    assert "Terlalu banyak" in user.last.plain  # still locked, even with the right code later
    # Another account links with the real code; then the NIP is taken for everyone else.
    other = harness.tg.user(7009, "Sekar HP baru")
    await other.send("/start")
    await other.send(SEKAR_NIP)
    await other.send(demo[SEKAR_NIP])
    assert "terhubung" in other.last.plain
    third = harness.tg.user(7010, "Penyusup")
    await third.send("/start")
    await third.send(SEKAR_NIP)  # nothing said about the NIP before the code: no probing
    assert "kode aktivasi" in third.last.plain.lower() and "terhubung" not in third.last.plain
    await third.send("SALAH123")
    assert "tidak cocok" in third.last.plain
    async with harness.db.session() as session:
        sekar = (await session.exec(select(Employee).where(Employee.nip == SEKAR_NIP))).one()
        assert sekar.telegram_id == 7009
    # The code is single-use.
    await other.send("/start")
    assert "sudah terhubung" in other.last.plain
