"""No personal data or token in logs; hostile text is escaped everywhere or refused with the limit."""

from __future__ import annotations

import logging

from pydantic import SecretStr
from sqlmodel import select

from bot.services.demo import SEKAR_NIP
from bot.storage.models import SkpItem
from tests.conftest import BotHarness, linked_user
from tests.flows.helpers import answer_aspects, docx_text, open_new_item, pdf_text, squash

TOKEN = "987654:SUPER-SECRET-token_value"


async def test_logs_hold_no_nip_name_or_token(settings, caplog):
    caplog.set_level(logging.INFO)
    harness = BotHarness(settings.model_copy(update={"telegram_bot_token": SecretStr(TOKEN)}))
    tg = await harness.start()
    try:
        from bot.services.demo import load_demo_data

        codes = await load_demo_data(harness.db)
        user = tg.user(9501, "Sekar")
        await user.send("/start")
        await user.send(SEKAR_NIP)
        await user.send(codes[SEKAR_NIP])
        await open_new_item(user)
        await user.press("1")
        await user.send("Data kepegawaian yang valid dan akurat")
        tg.raise_errors = False
        harness.api.inject("sendMessage", "server_error", times=10, chat_id=9501)
        await user.press("1")  # an error on the way: logged and reported
    finally:
        await harness.stop()
    assert caplog.records, "expected some log records"
    for record in caplog.records:
        text = record.getMessage() + (record.exc_text or "")
        for secret in (SEKAR_NIP, "19910611 201206 2 001", "SEKAR SATITI", TOKEN, "SUPER-SECRET"):
            assert secret not in text, (secret, record.name, text[:200])


async def test_hostile_text_is_kept_literally_in_messages_and_documents(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 9502, "Sekar")
    await open_new_item(sekar)
    await sekar.press("1")
    # (a real link is refused outright: tests/security/test_formula_text.py)
    hostile = "Laporan <i>R&D</i> *tebal* _miring_ `kode` [tautan](x) 🎯\u200f\u202e dikelola tepat waktu"
    await sekar.send(hostile)
    if "Periksa bahasa" in sekar.last.plain:
        await sekar.press("Tetap pakai teks saya")
    await answer_aspects(sekar, ("1 dokumen", "100 %", "12 bulan"))
    await sekar.send("0,5")
    expected = "Laporan <i>R&D</i> *tebal* _miring_ `kode` [tautan](x) 🎯 dikelola tepat waktu"
    assert expected in sekar.last.plain  # bidi overrides removed, the rest shown literally
    assert "&lt;i&gt;R&amp;D&lt;/i&gt;" in sekar.last.text
    async with harness.db.session() as session:
        item = (await session.exec(select(SkpItem).where(SkpItem.rencana_kinerja.startswith("Laporan <i>")))).one()  # type: ignore[attr-defined]
        assert "\u202e" not in item.rencana_kinerja
    await sekar.press("Simpan")
    await sekar.press("Selesai")
    await sekar.press("Dokumen")
    pdf, docx = sekar.documents[-2].document, sekar.documents[-1].document
    for text in (squash(pdf_text(pdf)), squash(docx_text(docx))):
        assert squash("Laporan <i>R&D</i> *tebal* _miring_") in text


async def test_ten_thousand_characters_are_refused_with_the_limit(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 9503, "Sekar")
    await open_new_item(sekar)
    await sekar.press("1")
    await sekar.send("🎯" * 10_000)
    assert "maksimal 500 karakter" in sekar.last.plain
    await sekar.send("a" * 501)
    assert "maksimal 500 karakter" in sekar.last.plain
