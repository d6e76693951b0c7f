"""The fake Bot API over HTTP answers PTB's real HTTP client like the in-process fake does."""

from __future__ import annotations

import io

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, InvalidToken, RetryAfter

from bot.testing.fake_telegram import FAKE_TOKEN
from bot.testing.fake_telegram_server import FakeTelegramServer


def _bot(server: FakeTelegramServer, token: str = FAKE_TOKEN) -> Bot:
    return Bot(token, base_url=f"{server.url}/bot", base_file_url=f"{server.url}/file/bot")


async def test_ptb_bot_over_http_on_the_running_loop() -> None:
    async with FakeTelegramServer(token=FAKE_TOKEN) as server, _bot(server) as bot:
        assert (await bot.get_me()).username == "skp_test_bot"
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Simpan", callback_data="w1:3:save")]])
        sent = await bot.send_message(9001, "<b>Kartu</b> &lt;1&gt;", parse_mode="HTML", reply_markup=keyboard)
        assert sent.text == "Kartu <1>" and sent.reply_markup == keyboard
        await bot.edit_message_text("Tersimpan", chat_id=9001, message_id=sent.message_id)
        doc = await bot.send_document(9001, io.BytesIO(b"%PDF-1.4 x"), filename="skp.pdf", caption="SKP")
        assert doc.document is not None and doc.document.file_name == "skp.pdf"
        file = await bot.get_file(doc.document.file_id)
        assert bytes(await file.download_as_bytearray()) == b"%PDF-1.4 x"
        with pytest.raises(BadRequest, match="parse entities"):
            await bot.send_message(9001, "a<br>b", parse_mode="HTML")
        await bot.answer_callback_query("cq1", text="ok", show_alert=True)
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await bot.answer_callback_query("cq1")

        api = server.api
        assert [m.plain for m in api.sent(9001)] == ["Tersimpan", "SKP"]
        assert api.sent(9001)[0].edited == 1 and api.documents(9001)[0].document == b"%PDF-1.4 x"
        call = api.calls_to("sendMessage")[0]
        assert call.chat_id == 9001 and call.params["reply_markup"] == {
            "inline_keyboard": [[{"text": "Simpan", "callback_data": "w1:3:save"}]]
        }
        assert api.callback_answers == [{"callback_query_id": "cq1", "text": "ok", "show_alert": True}]

        with pytest.raises(InvalidToken):  # Bot.initialize calls getMe
            async with _bot(server, "1:WRONG"):
                pass


def test_test_endpoints_in_a_thread() -> None:
    with FakeTelegramServer() as server, httpx.Client(base_url=server.url, trust_env=False) as http:
        chat = {"id": 9001, "type": "private", "first_name": "Sekar"}
        user = {"id": 9001, "is_bot": False, "first_name": "Sekar"}
        incoming = http.post("/_test/user_message", json={"chat": chat, "from": user, "text": "/skp"}).json()
        assert incoming["message_id"] == 1 and incoming["entities"][0]["type"] == "bot_command"

        # what PTB sends: form-encoded, JSON-serialized objects
        markup = '{"inline_keyboard": [[{"text": "Lanjut", "callback_data": "w1:1:next"}]]}'
        reply = http.post("/bot1:X/sendMessage", data={"chat_id": "9001", "text": "1", "reply_markup": markup})
        assert reply.json()["result"]["message_id"] == 2 and reply.json()["result"]["text"] == "1"
        # JSON bodies and query strings work too
        assert http.post("/bot1:X/sendMessage", json={"chat_id": 9001, "text": "dua"}).json()["ok"]
        assert http.get("/bot1:X/getMe").json()["result"]["is_bot"] is True

        messages = http.get("/_test/messages", params={"chat_id": 9001}).json()
        assert [m["plain"] for m in messages] == ["1", "dua"]
        assert messages[0]["buttons"] == [
            {"text": "Lanjut", "callback_data": "w1:1:next", "url": None, "row": 0, "col": 0}
        ]
        assert messages[0]["json"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "w1:1:next"
        everything = http.get("/_test/messages", params={"chat_id": 9001, "all": "1"}).json()
        assert [m["from_bot"] for m in everything] == [False, True, True]

        calls = http.get("/_test/calls", params={"method": "sendMessage"}).json()
        assert [c["params"]["text"] for c in calls] == ["1", "dua"] and calls[0]["chat_id"] == 9001
        assert calls[0]["params"]["reply_markup"]["inline_keyboard"][0][0]["text"] == "Lanjut"
        assert server.call(lambda api: len(api.calls)) == 3

        assert http.post("/_test/inject", json={"method": "sendMessage", "error": "forbidden"}).json()["ok"]
        refused = http.post("/bot1:X/sendMessage", data={"chat_id": "9001", "text": "x"})
        assert refused.status_code == 403 and "blocked" in refused.json()["description"]
        assert http.get("/nowhere").status_code == 404
        assert http.get("/_test/messages").status_code == 400


async def test_faults_reach_ptb_as_exceptions() -> None:
    async with FakeTelegramServer() as server, _bot(server) as bot:
        server.api.inject("sendMessage", "retry_after", retry_after=3)
        with pytest.raises(RetryAfter):
            await bot.send_message(9001, "x")
        server.api.block_user(9001)
        with pytest.raises(Forbidden):
            await bot.send_message(9001, "x")
