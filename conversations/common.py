"""Handlers that belong to no flow: private chats only, /bantuan, unknown commands, stale
buttons, and the error handler."""

from __future__ import annotations

import logging
import traceback

from telegram import Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.templating import render, render_plain
from bot.tg.deps import deps, user_is_admin

log = logging.getLogger(__name__)


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
    assert update.effective_chat is not None and update.effective_user is not None
    d = deps(context)
    admin = await user_is_admin(d, update.effective_user.id)
    contact = " ".join((d.settings.skp_admin_contact or "").split())
    await update.effective_chat.send_message(
        render("messages/help.html.j2", admin=admin, contact=contact), parse_mode=ParseMode.HTML
    )


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None
    await update.effective_chat.send_message(render("messages/unknown_command.html.j2"), parse_mode=ParseMode.HTML)


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.callback_query is not None
    await update.callback_query.answer(render_plain("messages/error_stale.html.j2"), show_alert=True)


OWN_CODE = ("/bot/", "/conversations/", "/skp_domain/")


def where(error: BaseException | None) -> str:
    """Where an error happened: our own frames (file:line function), then the innermost one.
    No locals, no message text: nothing a user typed."""
    frames = traceback.extract_tb(error.__traceback__) if error is not None else []
    own = [f for f in frames if any(part in f.filename for part in OWN_CODE)][-6:]
    shown = own + [f for f in frames[-1:] if f not in own]
    return "\n".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in shown)


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
    # The class, the update id and where it happened; never the message or the traceback's text
    # (a database error's message holds the SQL parameters: a typed NIP, a rencana kinerja).
    trace = where(error)
    log.error("error %s while handling update %s at\n%s", kind, update_id, trace)
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
    for admin_id in settings.skp_admin_ids:
        try:
            await context.bot.send_message(
                admin_id,
                render("messages/error_report.html.j2", kind=kind, update_id=update_id, trace=trace),
                parse_mode=ParseMode.HTML,
            )
        except TelegramError:
            log.warning("could not report error to an admin")
