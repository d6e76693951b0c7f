"""The one place that wires the Application: settings, database, handlers, jobs."""

from __future__ import annotations

import logging
import traceback
from typing import Any

from telegram import BotCommand, BotCommandScopeAllPrivateChats, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.deps import Deps, deps
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.migrate import upgrade_async
from bot.templating import render, render_plain
from bot.update_order import PerUserOrder
from conversations import approval, documents, drafting, engine, link

log = logging.getLogger(__name__)

USER_COMMANDS = [
    BotCommand("skp", "Susun atau lihat SKP"),
    BotCommand("dokumen", "Unduh dokumen SKP (PDF dan DOCX)"),
    BotCommand("riwayat", "Riwayat persetujuan SKP"),
    BotCommand("tim", "Status SKP tim (pejabat penilai)"),
    BotCommand("matriks", "Matriks Pembagian Peran dan Hasil"),
    BotCommand("bantuan", "Bantuan"),
]


async def private_only(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """group -2: the bot handles personal data, so only private chats get past this point."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    if update.callback_query is not None:
        await update.callback_query.answer(render_plain("messages/group_refused.html.j2"), show_alert=True)
    elif update.effective_message is not None and (update.effective_message.text or "").startswith("/"):
        await update.effective_message.reply_text(render("messages/group_refused.html.j2"), parse_mode=ParseMode.HTML)
    raise ApplicationHandlerStop


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    from bot.admin_access import is_admin

    assert update.effective_chat is not None and update.effective_user is not None
    admin = await is_admin(deps(context), update.effective_user.id)
    await update.effective_chat.send_message(render("messages/help.html.j2", admin=admin), parse_mode=ParseMode.HTML)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None
    await update.effective_chat.send_message(render("messages/unknown_command.html.j2"), parse_mode=ParseMode.HTML)


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.callback_query is not None
    await update.callback_query.answer(render_plain("messages/error_stale.html.j2"), show_alert=True)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log without personal data, tell the user to retry, report a redacted trace to admins."""
    error = context.error
    kind = type(error).__name__
    if isinstance(error, BadRequest) and "query" in str(error).lower() and (
        "too old" in str(error).lower() or "invalid" in str(error).lower()
    ):
        # The same tap answered by another replica, or a tap older than Telegram keeps: harmless.
        log.info("callback query already answered or expired (update %s)", getattr(update, "update_id", None))
        return
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("error %s while handling update %s", kind, update_id, exc_info=error)
    if isinstance(update, Update):
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(render_plain("messages/error_internal.html.j2"), show_alert=True)
            elif update.effective_chat is not None:
                await update.effective_chat.send_message(
                    render("messages/error_internal.html.j2"), parse_mode=ParseMode.HTML
                )
        except TelegramError:
            log.warning("could not tell the user about error %s", kind)
    settings = deps(context).settings
    # Frames only (file, line, function): no locals, no message text, no NIPs.
    frames = traceback.extract_tb(error.__traceback__) if error is not None else []
    trace = "\n".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in frames[-8:])
    for admin_id in settings.skp_admin_ids:
        try:
            await context.bot.send_message(
                admin_id,
                render("messages/error_report.html.j2", kind=kind, update_id=update_id, trace=trace),
                parse_mode=ParseMode.HTML,
            )
        except TelegramError:
            log.warning("could not report error to an admin")


async def post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    d: Deps = application.bot_data["deps"]
    await upgrade_async(d.db.engine, d.db.url)
    try:
        await application.bot.set_my_commands(USER_COMMANDS, scope=BotCommandScopeAllPrivateChats())
    except TelegramError:
        log.warning("could not set the command menu")
    from bot.jobs import arm_jobs

    await arm_jobs(application)


async def post_stop(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Stop the outbox worker and scheduler while the bot's HTTP client is still open."""
    from bot.jobs import stop_jobs

    await stop_jobs(application)


async def post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    d: Deps = application.bot_data["deps"]
    await d.db.dispose()


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    rate_limiter: bool = False,
    database: Database | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else "0:offline"
    builder = (
        Application.builder()
        .token(token)
        .base_url(settings.bot_base_url)
        .base_file_url(settings.bot_file_base_url)
        .defaults(Defaults(tzinfo=settings.tz))
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
        .concurrent_updates(PerUserOrder(settings.skp_concurrent_updates))
    )
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    if rate_limiter:
        # A safety net for direct replies; broadcasts pace themselves through the outbox.
        builder = builder.rate_limiter(AIORateLimiter(max_retries=2))  # type: ignore[arg-type]
    application = builder.build()
    application.bot_data["deps"] = Deps(settings=settings, db=database or Database(settings.database_url))

    # group -2: private chats only
    application.add_handler(TypeHandler(Update, private_only), group=-2)
    # group 0: commands, buttons, then every other message to the wizard
    application.add_handler(CommandHandler("start", link.start_command))
    application.add_handler(CommandHandler("skp", drafting.skp_command))
    application.add_handler(CommandHandler("dokumen", documents.dokumen_command))
    application.add_handler(CommandHandler("riwayat", approval.riwayat_command))
    application.add_handler(CommandHandler(["bantuan", "help"], help_command))
    from conversations import admin, team

    team.add_handlers(application)
    admin.add_handlers(application)
    application.add_handler(CallbackQueryHandler(approval.approval_button, pattern=r"^a1:"))
    application.add_handler(CallbackQueryHandler(engine.on_button, pattern=r"^w1:"))
    application.add_handler(CallbackQueryHandler(stale_button))
    application.add_handler(MessageHandler(filters.ALL & ~filters.COMMAND, engine.on_text))
    application.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    application.add_error_handler(on_error)
    return application
