"""Sending an SKP's PDF and DOCX (rendered off the event loop, after the commit)."""

from __future__ import annotations

import datetime as dt

from telegram import Bot, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.documents.skp import document_filename, render_documents
from bot.services import documents
from bot.templating import render
from bot.tg.deps import Deps, deps
from conversations.engine import Turn


async def send_documents(bot: Bot, d: Deps, chat_id: int, skp_id: int, caption: str | None = None) -> None:
    async with d.db.session() as session:
        view = await documents.skp_view(session, skp_id, d.settings, dt.datetime.now(d.settings.tz).date())
    if view is None:
        return
    pdf, docx = await render_documents(view)
    await bot.send_document(
        chat_id, pdf, filename=document_filename(view, "pdf"), caption=caption, parse_mode=ParseMode.HTML
    )
    await bot.send_document(chat_id, docx, filename=document_filename(view, "docx"))


def send_documents_later(turn: Turn, skp_id: int, caption: str | None = None) -> None:
    chat = turn.update.effective_chat
    assert chat is not None
    bot, d, chat_id = turn.context.bot, turn.deps, chat.id
    turn.later(lambda: send_documents(bot, d, chat_id, skp_id, caption))


async def dokumen_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    d = deps(context)
    async with d.db.session() as session:
        own = await documents.own_skp(session, user.id)
    if own.employee is None:
        await chat.send_message(render("messages/not_linked.html.j2"), parse_mode=ParseMode.HTML)
    elif own.skp is None or own.skp.id is None:
        await chat.send_message(render("messages/no_skp_yet.html.j2"), parse_mode=ParseMode.HTML)
    else:
        await send_documents(context.bot, d, chat.id, own.skp.id)
