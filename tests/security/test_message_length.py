"""Message length in UTF-16 units, as Telegram counts: emoji-heavy items under every field limit
still give a menu and an approval prompt with its buttons (the fake Bot API refuses, as Telegram
does, a text over 4096 units after entity parsing)."""

from __future__ import annotations

from bot.services.demo import KABID_NIP, SEKAR_NIP
from bot.tg.limits import fits, shorten, truncate_html, utf16_len, visible_len
from tests.conftest import linked_user
from tests.flows.helpers import draft_item

# Emoji are refused in a rencana kinerja (an official document), but other characters outside the
# Basic Multilingual Plane also count 2 UTF-16 units: mathematical letters, CJK extension B...
EMOJI_RK = "Tersusunnya laporan " + "\U0001d400" * 470  # 490 characters (limit 500), 960 UTF-16 units


async def test_emoji_heavy_items_still_reach_the_penilai_with_buttons(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 8601, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 8602, "Bawono")
    for n in range(1, 5):
        await draft_item(sekar, parent=str(n), rk=f"{EMOJI_RK[:-1]}{n}", ak="0,5")
        menu = sekar.last
        assert menu.buttons and fits(menu.text or "") and "SKP Tahun 2027" in menu.plain
    await sekar.press("Ajukan")
    await sekar.press("Ya, ajukan")
    prompt = kabid.last
    assert prompt.buttons[:2] == ["✅ Setujui", "✍️ Minta revisi"], prompt.plain[:200]
    assert "Pengajuan SKP" in prompt.plain and "SEKAR SATITI" in prompt.plain
    assert visible_len(prompt.text or "") <= 4096
    await kabid.press("Setujui", message=prompt)  # the buttons work: the SKP leaves "Diajukan"
    assert any("disetujui" in m.plain.lower() for m in sekar.messages[-3:])


def test_shortening_counts_utf16_and_never_cuts_inside_html() -> None:
    assert utf16_len("🎯a") == 3
    assert shorten("🎯" * 10, 7) == "🎯" * 3 + "…"
    html = "<b>" + "🎯" * 3000 + "</b> &amp; <i>ekor</i>"
    cut = truncate_html(html, 100)
    assert cut.startswith("<b>") and cut.endswith("…</b>") and visible_len(cut) <= 100
    assert truncate_html("<i>a &lt; b</i>", 100) == "<i>a &lt; b</i>"
    long = "<a href=\"https://t.me/x\">" + "x " * 3000 + "</a>"
    assert truncate_html(long, 50).endswith("…</a>")


async def test_a_failed_document_still_leaves_the_penilai_the_buttons(harness, demo):
    sekar = await linked_user(harness, SEKAR_NIP, 8603, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, 8604, "Bawono")
    await draft_item(sekar, parent="1", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,5")
    harness.api.inject("sendDocument", "server_error", times=5, chat_id=kabid.chat_id)
    await sekar.press("Ajukan")
    await sekar.press("Ya, ajukan")
    assert kabid.last.buttons[:2] == ["✅ Setujui", "✍️ Minta revisi"]
    assert not kabid.documents
