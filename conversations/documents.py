"""Sending an SKP's PDF and DOCX (rendered off the event loop, after the commit)."""

from __future__ import annotations

import datetime as dt

from telegram import Bot, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.documents.skp import document_filename, render_documents
from bot.documents.view import SkpView
from bot.services import documents
from bot.templating import render
from bot.tg.deps import Deps, deps
from conversations.engine import Turn


async def _send(bot: Bot, chat_id: int, view: SkpView, caption: str | None, suffix: str = "") -> None:
    pdf, docx = await render_documents(view)

    def name(ext: str) -> str:
        filename = document_filename(view, ext)
        return filename.replace(f".{ext}", f"{suffix}.{ext}") if suffix else filename

    await bot.send_document(chat_id, pdf, filename=name("pdf"), caption=caption, parse_mode=ParseMode.HTML)
    await bot.send_document(chat_id, docx, filename=name("docx"))


async def send_documents(
    bot: Bot, d: Deps, chat_id: int, skp_id: int, caption: str | None = None, *, with_approved: bool = False
) -> None:
    """The SKP as it stands. With `with_approved`, an SKP being amended also sends the approved
    version in force (first), so nobody mistakes the draft of a change for the valid SKP."""
    today = dt.datetime.now(d.settings.tz).date()
    async with d.db.session() as session:
        view = await documents.skp_view(session, skp_id, d.settings, today)
        approved = None
        if with_approved and await documents.in_force_beside_amendment(session, skp_id):
            approved = await documents.version_view(session, skp_id, None, d.settings, today)
    if view is None:
        return
    if approved is not None:
        await _send(
            bot, chat_id, approved.view,
            render("messages/document_version.html.j2", number=approved.number, at=approved.approved_at, in_force=True),
            f"_v{approved.number}",
        )
        caption = caption or render("messages/document_amendment.html.j2", number=approved.number + 1)
    await _send(bot, chat_id, view, caption)


async def send_version_documents(bot: Bot, d: Deps, chat_id: int, skp_id: int, number: int) -> bool:
    """One approved version's documents, rendered from the frozen version. False if there is none."""
    today = dt.datetime.now(d.settings.tz).date()
    async with d.db.session() as session:
        found = await documents.version_view(session, skp_id, number, d.settings, today)
    if found is None:
        return False
    caption = render("messages/document_version.html.j2", number=found.number, at=found.approved_at,
                     in_force=found.in_force)
    await _send(bot, chat_id, found.view, caption, f"_v{found.number}")
    return True


def send_documents_later(turn: Turn, skp_id: int, caption: str | None = None, *, with_approved: bool = False) -> None:
    chat = turn.update.effective_chat
    assert chat is not None
    bot, d, chat_id = turn.context.bot, turn.deps, chat.id
    turn.later(lambda: send_documents(bot, d, chat_id, skp_id, caption, with_approved=with_approved))


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
        await send_documents(context.bot, d, chat.id, own.skp.id, with_approved=True)
