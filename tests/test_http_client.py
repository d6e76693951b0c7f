"""The bot's aiohttp client to the Bot API (bot/tg/http_client.py), over real HTTP to the fake
Bot API: what PTB sends arrives whole (texts, keyboards, uploads with their file names), long
polling waits, and network faults surface as PTB's own errors."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.request import HTTPXRequest

from bot.app import build_application
from bot.settings import Settings
from bot.testing.fake_telegram import FakeBotApi
from bot.testing.fake_telegram_server import FakeTelegramServer
from bot.tg.http_client import AiohttpRequest

TOKEN = "123456:AIOHTTP"


def _bot(url: str, request: AiohttpRequest) -> Bot:
    return Bot(TOKEN, base_url=f"{url}/bot", base_file_url=f"{url}/file/bot", request=request)


async def test_messages_keyboards_and_uploads_arrive_whole() -> None:
    async with FakeTelegramServer(token=TOKEN) as server:
        async with _bot(server.url, AiohttpRequest(4)) as bot:
            markup = InlineKeyboardMarkup([[InlineKeyboardButton("✅ Setujui", callback_data="ok:1")]])
            sent = await bot.send_message(42, "<b>SKP</b> Budi & Ani — «siap»", parse_mode="HTML", reply_markup=markup)
            await bot.edit_message_text("Disetujui ✅", chat_id=42, message_id=sent.message_id)
            pdf = b"%PDF-1.7\n" + bytes(range(256)) * 64  # binary, with every byte value
            await bot.send_document(42, pdf, filename="SKP Siti Nur'aini – \"Kasubag\".pdf", caption="SKP Anda")
        card, document = server.api.sent(42)
        assert card.text == "Disetujui ✅" and card.edited
        assert card.history[0] == "<b>SKP</b> Budi & Ani — «siap»"
        assert document.kind == "document"
        assert document.filename == "SKP Siti Nur'aini – \"Kasubag\".pdf"
        assert document.document == pdf  # every byte, binary intact
        assert document.text == "SKP Anda"
        (call,) = server.api.calls_to("sendMessage")
        assert call.params["reply_markup"]["inline_keyboard"][0][0]["text"] == "✅ Setujui"


async def test_telegram_errors_keep_their_meaning() -> None:
    async with FakeTelegramServer(token=TOKEN) as server, _bot(server.url, AiohttpRequest(4)) as bot:
        with pytest.raises(BadRequest):  # a message that does not exist
            await bot.edit_message_text("x", chat_id=42, message_id=999_999)


async def test_long_poll_waits_for_the_update() -> None:
    api = FakeBotApi(long_poll=True)
    async with FakeTelegramServer(api, token=TOKEN) as server:
        async with _bot(server.url, AiohttpRequest(2)) as bot:
            polling = asyncio.create_task(bot.get_updates(timeout=5))
            await asyncio.sleep(0.3)
            assert not polling.done()  # nothing queued: the request is held, not answered empty
            api.queue_update(
                {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": {"id": 7, "type": "private"},
                                             "from": {"id": 7, "is_bot": False, "first_name": "Ani"}, "text": "halo"}}
            )
            updates = await asyncio.wait_for(polling, 5)
        assert [u.message.text for u in updates if u.message] == ["halo"]


async def test_a_server_that_does_not_answer_is_a_timeout() -> None:
    answered = asyncio.Event()

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(65536)  # takes the request, never answers
        await answered.wait()
        writer.close()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    request = AiohttpRequest(2, read_timeout=0.3)
    await request.initialize()  # not `async with Bot`: its getMe would meet the silence first
    try:
        with pytest.raises(TimedOut):
            await _bot(f"http://127.0.0.1:{port}", request).send_message(1, "halo")
    finally:
        await request.shutdown()
        answered.set()
        server.close()
        await server.wait_closed()


async def test_nobody_listening_is_a_network_error() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    request = AiohttpRequest(2)
    await request.initialize()
    try:
        with pytest.raises(NetworkError):
            await _bot(f"http://127.0.0.1:{port}", request).send_message(1, "halo")
    finally:
        await request.shutdown()


def test_production_wiring_uses_aiohttp_unless_told_otherwise(tmp_path: Path) -> None:
    base = {"_env_file": None, "telegram_bot_token": TOKEN, "database_url": f"sqlite:///{tmp_path}/x.db"}
    app = build_application(Settings(**base))  # type: ignore[arg-type]
    assert isinstance(app.bot.request, AiohttpRequest)
    app = build_application(Settings(**base, skp_http_client="httpx"))  # type: ignore[arg-type]
    assert isinstance(app.bot.request, HTTPXRequest)


def test_cards_sent_without_parsing_raise_no_warning() -> None:
    """`raw_call` goes through `Bot.do_api_request`, which warns for methods `Bot` has; the bot
    silences exactly that warning (a process run with warnings as errors still sends)."""
    script = (
        "import asyncio\n"
        "from telegram import Bot\n"
        "from bot.testing.fake_telegram import FakeBotApi\n"
        "from bot.tg.delivery import raw_call\n"
        "async def main():\n"
        "    api = FakeBotApi()\n"
        "    async with Bot('123:ABC', request=api, get_updates_request=api) as bot:\n"
        "        sent = await raw_call(bot, 'sendMessage', chat_id=5, text='<b>Kartu</b>')\n"
        "        await raw_call(bot, 'editMessageText', chat_id=5, message_id=sent['message_id'], text='Baru')\n"
        "    assert api.sent(5)[0].text == 'Baru', api.sent(5)\n"
        "asyncio.run(main())\n"
    )
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]


async def test_proxy_from_the_environment_is_used_and_no_proxy_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    """An instansi behind an HTTP proxy sets HTTP(S)_PROXY: every Bot API call goes through it
    (with the credentials in its URL); a host in NO_PROXY is reached directly."""
    seen: list[bytes] = []

    async def proxy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        seen.append(head)
        body = b'{"ok":true,"result":true}'
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: %d\r\n\r\n"
        writer.write(head % len(body) + body)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(proxy, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    monkeypatch.setenv("HTTP_PROXY", f"http://bkpsdm:rahasia@127.0.0.1:{port}")
    monkeypatch.setenv("HTTPS_PROXY", f"http://bkpsdm:rahasia@127.0.0.1:{port}")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    request = AiohttpRequest(2)
    await request.initialize()
    try:
        for _ in range(2):  # the second call takes the remembered proxy
            status, payload = await request.do_request("http://api.telegram.invalid/bot1:X/getMe", "POST")
            assert (status, payload) == (200, b'{"ok":true,"result":true}')
        assert len(seen) == 2
        request_line, *headers = seen[0].decode().split("\r\n")
        assert request_line == "POST http://api.telegram.invalid/bot1:X/getMe HTTP/1.1"
        assert "Proxy-Authorization: Basic Ymtwc2RtOnJhaGFzaWE=" in headers  # bkpsdm:rahasia
        # NO_PROXY: the fake Bot API on 127.0.0.1 is reached directly, the proxy sees nothing more
        async with FakeTelegramServer(token=TOKEN) as direct:
            status, _ = await request.do_request(f"{direct.url}/bot{TOKEN}/getMe", "POST")
        assert status == 200 and len(seen) == 2
        # https (api.telegram.org): a CONNECT tunnel through the proxy, the credentials on the CONNECT
        with pytest.raises(NetworkError):  # this proxy cannot tunnel; what it was asked is what counts
            await request.do_request("https://api.telegram.invalid/bot1:X/getMe", "POST")
        connect_line, *connect_headers = seen[2].decode().split("\r\n")
        assert connect_line == "CONNECT api.telegram.invalid:443 HTTP/1.1"
        assert "Proxy-Authorization: Basic Ymtwc2RtOnJhaGFzaWE=" in connect_headers
    finally:
        await request.shutdown()
        server.close()
        await server.wait_closed()
