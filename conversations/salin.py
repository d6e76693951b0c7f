"""`/salin`: the user's SKP as text ready to paste into e-Kinerja, field by field, each field its
own copyable block, split over several messages when longer than Telegram allows."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.services import documents, export
from bot.templating import render
from bot.tg.deps import deps

MESSAGE_LIMIT = 4096


async def salin_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    async with deps(context).db.session() as session:
        own = await documents.own_skp(session, user.id)
        found = await export.export_of(session, own.skp.id) if own.skp and own.skp.id else None
    if found is None:
        await chat.send_message(
            render("messages/salin_none.html.j2", linked=own.employee is not None), parse_mode=ParseMode.HTML
        )
        return
    parts = [render("messages/salin_head.html.j2", e=found)]
    for block in found.blocks:
        text = render("messages/salin_block.html.j2", block=block)
        if len(text) <= MESSAGE_LIMIT:
            parts.append(text)
            continue
        for field in block.fields:  # a very long item: one message part per field
            parts.append(render("messages/salin_block.html.j2", block=export.ExportBlock(block.heading, (field,))))
    for text in export.pack_messages(parts, MESSAGE_LIMIT):
        await chat.send_message(text, parse_mode=ParseMode.HTML)
