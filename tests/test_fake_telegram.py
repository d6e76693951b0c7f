"""Validates the fake Bot API itself by driving a tiny real PTB Application through it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    InputMediaDocument,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    AIORateLimiter,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.testing.fake_telegram import (
    BOT_ID,
    BOT_USERNAME,
    AnyApplication,
    FakeBotApi,
    FakeTelegram,
    fake_application_builder,
    html_to_plain,
)

PDF = b"%PDF-1.4 fake skp\n"

# PTB 22 warns whenever RetryAfter.retry_after is read (int -> timedelta in v23); not our concern here.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning")


def keyboard(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d) for t, d in row] for row in rows])


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message and update.effective_user
    await update.effective_message.reply_text(
        f"<b>Halo</b>, {update.effective_user.first_name} &amp; kawan",
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard([("Lanjut ▶", "next"), ("Batal", "cancel")], [("Ulang", "same")]),
    )


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    if query.data == "next":
        await query.answer()
        await query.edit_message_text("Langkah 2", reply_markup=keyboard([("Dokumen", "doc")]))
    elif query.data == "cancel":
        await query.answer("Dibatalkan", show_alert=True)
        await query.edit_message_reply_markup(None)
    elif query.data == "same":
        await query.answer()
        assert isinstance(query.message, Message)
        try:  # same text, same markup -> Telegram refuses
            await query.edit_message_text(query.message.text_html, parse_mode=ParseMode.HTML,
                                          reply_markup=query.message.reply_markup)
        except BadRequest as exc:
            context.bot_data["not_modified"] = str(exc)
    elif query.data == "doc":
        await query.answer()
        await send_doc(update, context)
    else:
        inaccessible = query.message is not None and not query.message.is_accessible
        context.bot_data["forged"] = (query.data, inaccessible)
        await query.answer("Tombol kedaluwarsa")


async def send_doc(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat
    await context.bot.send_document(update.effective_chat.id, InputFile(PDF, filename="skp.pdf"),
                                    caption="SKP <i>Anda</i>", parse_mode=ParseMode.HTML)


async def album(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat
    await context.bot.send_media_group(
        update.effective_chat.id,
        [InputMediaDocument(InputFile(b"one", filename="a.docx", attach=True)),
         InputMediaDocument(InputFile(b"two", filename="b.xlsx", attach=True), caption="dua")],
    )


async def upload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message and update.message.document
    tg_file = await update.message.document.get_file()
    data = await tg_file.download_as_bytearray()
    await update.message.reply_text(f"diterima {update.message.document.file_name} {len(data)} bait")


async def boom(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    raise ValueError("kaboom")


async def slow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await asyncio.sleep(0.01)
    assert update.effective_message
    await update.effective_message.reply_text("selesai di latar")


def build_app(api: FakeBotApi, **kwargs: Any) -> AnyApplication:
    builder = fake_application_builder(api)
    if kwargs.get("rate_limiter"):
        builder = builder.rate_limiter(kwargs["rate_limiter"])
    app = builder.build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("doc", send_doc))
    app.add_handler(CommandHandler("album", album))
    app.add_handler(CommandHandler("boom", boom))
    app.add_handler(CommandHandler("slow", slow, block=False))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(MessageHandler(filters.Document.ALL, upload))
    return app


@pytest.fixture
def api() -> FakeBotApi:
    return FakeBotApi()


@pytest.fixture
async def tg(api: FakeBotApi) -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(build_app(api), api) as harness:
        yield harness


async def test_initialize_calls_get_me(tg: FakeTelegram, api: FakeBotApi) -> None:
    assert tg.app.bot.id == BOT_ID
    assert tg.app.bot.username == BOT_USERNAME
    assert api.calls[0].method == "getMe"


async def test_start_reply_is_recorded(tg: FakeTelegram, api: FakeBotApi) -> None:
    user = tg.user(1001, "Sekar")
    await user.send("/start")
    msg = user.last
    assert msg.text == "<b>Halo</b>, Sekar &amp; kawan"
    assert msg.plain == "Halo, Sekar & kawan"
    assert msg.entities == [{"offset": 0, "length": 4, "type": "bold"}]
    assert msg.parse_mode == "HTML"
    assert msg.chat_id == 1001
    assert msg.message_id == 2  # the user's /start was message 1 in this chat
    assert user.buttons() == ["Lanjut ▶", "Batal", "Ulang"]
    assert msg.reply_markup == [
        [{"text": "Lanjut ▶", "callback_data": "next"}, {"text": "Batal", "callback_data": "cancel"}],
        [{"text": "Ulang", "callback_data": "same"}],
    ]
    call = api.calls_to("sendMessage")[0]
    assert call.chat_id == 1001 and call.status == 200
    assert user.texts() == [msg.text]


async def test_press_edits_and_answers(tg: FakeTelegram, api: FakeBotApi) -> None:
    user = tg.user(1001)
    await user.send("/start")
    first = user.last
    await user.press("Lanjut")  # unique substring
    assert len(user.messages) == 1
    edited = user.last
    assert edited.message_id == first.message_id
    assert edited.text == "Langkah 2" and edited.edited == 1
    assert edited.history == ["<b>Halo</b>, Uji &amp; kawan"]
    assert user.buttons() == ["Dokumen"]
    assert api.callback_answers[-1]["callback_query_id"]

    await user.send("/start")
    await user.press("Batal")
    assert api.callback_answers[-1]["text"] == "Dibatalkan"
    assert api.callback_answers[-1]["show_alert"] is True
    assert user.last.reply_markup is None
    # the latest message that still has a keyboard is the first one ("Dokumen")
    await user.press(0)
    assert user.last.kind == "document" and user.last.filename == "skp.pdf"


async def test_press_lookup_errors(tg: FakeTelegram) -> None:
    user = tg.user(1001)
    with pytest.raises(AssertionError, match="no message with an inline keyboard"):
        await user.press("Lanjut")
    await user.send("/start")
    with pytest.raises(AssertionError, match=r"matches no button.*Lanjut ▶"):
        await user.press("Simpan")
    with pytest.raises(AssertionError, match="matches several buttons"):
        await user.press("a")
    with pytest.raises(AssertionError, match="out of range"):
        await user.press(7)
    await user.press(2, message=user.last)
    assert user.last.edited == 0  # "same" -> not modified, nothing changed
    assert tg.app.bot_data["not_modified"].startswith("Message is not modified")


async def test_documents_and_album(tg: FakeTelegram, api: FakeBotApi) -> None:
    user = tg.user(1001)
    await user.send("/doc")
    doc = user.documents[-1]
    assert doc.document == PDF and doc.filename == "skp.pdf" and doc.kind == "document"
    assert doc.text == "SKP <i>Anda</i>" and doc.plain == "SKP Anda"
    await user.send("/album")
    docs = api.documents(1001)
    assert [(d.filename, d.document, d.text) for d in docs[1:]] == [("a.docx", b"one", None),
                                                                    ("b.xlsx", b"two", "dua")]
    assert docs[1].media_group_id == docs[2].media_group_id is not None


async def test_user_upload_can_be_downloaded(tg: FakeTelegram) -> None:
    user = tg.user(1001)
    await user.send_document_file("rencana.xlsx", b"12345", caption="ini")
    assert user.last.text == "diterima rencana.xlsx 5 bait"


async def test_stickers_and_photos_reach_handlers(tg: FakeTelegram) -> None:
    seen: list[str] = []

    async def any_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message
        seen.append("sticker" if update.message.sticker else "photo" if update.message.photo else "?")

    tg.app.add_handler(MessageHandler(filters.Sticker.ALL | filters.PHOTO, any_message))
    user = tg.user(1001)
    await user.send_sticker()
    await user.send_photo("foto")
    assert seen == ["sticker", "photo"]


async def test_group_chat(tg: FakeTelegram) -> None:
    user = tg.user(1001, "Ani", chat_type="group")
    assert user.chat_id < 0
    await user.send(f"/start@{BOT_USERNAME}")
    assert user.last.chat_id == user.chat_id
    assert tg.api.chat_json(user.chat_id)["type"] == "group"


async def test_forged_callback_on_unknown_message(tg: FakeTelegram, api: FakeBotApi) -> None:
    user = tg.user(1001)
    await user.press_data("forged:123", message_id=77)
    assert tg.app.bot_data["forged"] == ("forged:123", True)
    assert api.callback_answers[-1]["text"] == "Tombol kedaluwarsa"


async def test_injected_retry_after(tg: FakeTelegram, api: FakeBotApi) -> None:
    api.inject("sendMessage", "retry_after", retry_after=7)
    with pytest.raises(RetryAfter) as info:
        await tg.app.bot.send_message(1001, "hai")
    assert info.value.retry_after in (7, __import__("datetime").timedelta(seconds=7))
    await tg.app.bot.send_message(1001, "hai")  # only the next call failed
    assert [c.status for c in api.calls_to("sendMessage")] == [429, 200]
    # through a handler, the error surfaces from user.send (raise_errors=True)
    api.inject("sendMessage", "retry_after")
    user = tg.user(1001)
    with pytest.raises(RetryAfter):
        await user.send("/start")


async def test_injected_forbidden_and_block(tg: FakeTelegram, api: FakeBotApi) -> None:
    api.inject("*", "forbidden", chat_id=1002)
    await tg.app.bot.send_message(1001, "tidak terkena")
    with pytest.raises(Forbidden, match="blocked"):
        await tg.app.bot.send_message(1002, "x")
    api.block_user(1003)
    for _ in range(3):
        with pytest.raises(Forbidden):
            await tg.app.bot.send_message(1003, "x")
    api.unblock_user(1003)
    await tg.app.bot.send_message(1003, "x")


async def test_injected_timeouts_and_network(tg: FakeTelegram, api: FakeBotApi) -> None:
    api.inject("sendMessage", "timeout", times=2)
    for _ in range(2):
        with pytest.raises(TimedOut):
            await tg.app.bot.send_message(1001, "x")
    assert api.sent(1001) == []
    api.inject("sendMessage", "timeout_after_send")
    with pytest.raises(TimedOut):
        await tg.app.bot.send_message(1001, "terkirim juga")
    assert api.last(1001).text == "terkirim juga"
    api.inject("sendDocument", "server_error")
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await tg.app.bot.send_document(1001, b"x")
    api.inject("sendDocument", "network")
    with pytest.raises(NetworkError):
        await tg.app.bot.send_document(1001, b"x")


async def test_bad_requests(tg: FakeTelegram, api: FakeBotApi) -> None:
    msg = await tg.app.bot.send_message(1001, "teks", reply_markup=keyboard([("A", "a")]))
    with pytest.raises(BadRequest, match="Message is not modified"):
        await tg.app.bot.edit_message_text("teks", chat_id=1001, message_id=msg.message_id,
                                           reply_markup=keyboard([("A", "a")]))
    # editing text without reply_markup drops the keyboard, like Telegram
    await tg.app.bot.edit_message_text("teks", chat_id=1001, message_id=msg.message_id)
    assert api.last(1001).reply_markup is None
    with pytest.raises(BadRequest, match="Message is not modified"):
        await tg.app.bot.edit_message_reply_markup(chat_id=1001, message_id=msg.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await tg.app.bot.edit_message_text("x", chat_id=1001, message_id=999)
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await tg.app.bot.send_message(1001, "NIP <nip> baris<br>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Message is too long"):
        await tg.app.bot.send_message(1001, "x" * 4097)
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await tg.app.bot.send_message(1001, "x", reply_markup=keyboard([("A", "a" * 65)]))
    assert await tg.app.bot.delete_message(1001, msg.message_id)
    assert api.sent(1001) == []
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await tg.app.bot.delete_message(1001, msg.message_id)


async def test_raw_markup_warnings(tg: FakeTelegram, api: FakeBotApi) -> None:
    await tg.app.bot.send_message(1001, "tanpa <b>parse_mode</b>")
    await tg.app.bot.send_message(1001, "<b>dengan</b>", parse_mode=ParseMode.HTML)
    await tg.app.bot.answer_callback_query("cq-x", "Hanya <b>chat pribadi</b>", show_alert=True)
    assert len(api.warnings) == 2
    assert "without parse_mode" in api.warnings[0] and "answerCallbackQuery" in api.warnings[1]


async def test_double_callback_answer_is_refused(tg: FakeTelegram) -> None:
    async def twice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.callback_query
        await update.callback_query.answer()
        await update.callback_query.answer()

    tg.app.add_handler(CallbackQueryHandler(twice, pattern="^twice$"), group=-1)
    user = tg.user(1001)
    with pytest.raises(BadRequest, match="Query is too old"):
        await user.press_data("twice", 1)


async def test_handler_errors_raise_or_are_captured(api: FakeBotApi) -> None:
    async with FakeTelegram(build_app(api), api) as tg:
        with pytest.raises(ValueError, match="kaboom"):
            await tg.user(1).send("/boom")
    async with FakeTelegram(build_app(api), api, raise_errors=False) as tg:
        await tg.user(1).send("/boom")
        assert [type(e) for _, e in tg.errors] == [ValueError]


async def test_non_blocking_handlers_are_settled(tg: FakeTelegram) -> None:
    user = tg.user(1001)
    await user.send("/slow")
    assert user.last.text == "selesai di latar"


async def test_rate_limit_enforcement_counts_429s() -> None:
    api = FakeBotApi(enforce_limits=True, global_per_second=30, per_chat_per_second=1)
    async with FakeTelegram(build_app(api), api) as tg:
        bot = tg.app.bot
        await bot.send_message(1, "a")
        for _ in range(2):
            with pytest.raises(RetryAfter):
                await bot.send_message(1, "b")
        assert api.rate_limited_429 == 2
        results = await asyncio.gather(*(bot.send_message(100 + i, "x") for i in range(35)),
                                       return_exceptions=True)
        rejected = [r for r in results if isinstance(r, RetryAfter)]
        assert len(rejected) == 6  # 1 + 29 fit into the global window of 30
        assert api.rate_limited_429 == 8
        assert api.max_sends_per_second() == 30
        assert len(api.accepted_send_times) == 30


async def test_aioratelimiter_retries_through_429() -> None:
    api = FakeBotApi()
    app = build_app(api, rate_limiter=AIORateLimiter(max_retries=2))
    async with FakeTelegram(app, api) as tg:
        api.inject("sendMessage", "retry_after", retry_after=1)
        user = tg.user(5)
        await user.send("/start")
        assert user.last.plain == "Halo, Uji & kawan"
        assert [c.status for c in api.calls_to("sendMessage")] == [429, 200]


async def test_commands_menu_webhook(tg: FakeTelegram, api: FakeBotApi) -> None:
    bot = tg.app.bot
    await bot.set_my_commands([("skp", "Susun SKP"), ("bantuan", "Bantuan")])
    assert [c.command for c in await bot.get_my_commands()] == ["skp", "bantuan"]
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()
    assert await bot.set_chat_menu_button()
    await bot.send_chat_action(1001, "typing")
    assert await bot.set_webhook("https://contoh.go.id/hook")
    assert (await bot.get_webhook_info()).url == "https://contoh.go.id/hook"
    assert await bot.delete_webhook()
    assert await bot.do_api_request("someFutureMethod", api_kwargs={"x": 1}) is True
    chat = await bot.get_chat(1001)
    assert chat.id == 1001
    assert await bot.log_out() and await bot.close()


async def test_polling_through_the_same_request_instance(api: FakeBotApi) -> None:
    app = build_app(api)
    tg = FakeTelegram(app, api)
    user = tg.user(1001)
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    api.queue_update({
        "update_id": api.next_update_id(),
        "message": {"message_id": 1, "date": 0, "chat": user.chat_json, "from": user.user_json,
                    "text": "/start", "entities": [{"type": "bot_command", "offset": 0, "length": 6}]},
    })
    for _ in range(100):
        if api.sent(1001):
            break
        await asyncio.sleep(0.01)
    await app.updater.stop()
    await app.stop()
    await app.shutdown()
    assert api.last(1001).plain == "Halo, Uji & kawan"


async def test_clear_and_html_to_plain(tg: FakeTelegram, api: FakeBotApi) -> None:
    await tg.user(1).send("/start")
    api.clear()
    assert api.calls == [] and api.sent(1) == []
    assert html_to_plain("<b>SKP</b> &lt;2026&gt; <i>x</i>") == "SKP <2026> x"
    assert html_to_plain("rusak <br> tag") == "rusak  tag"

