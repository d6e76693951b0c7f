"""The penilai's submission prompts, remembered so they can be closed wherever the decision is
taken: the employee withdrew, the penilai decided from /tim or another prompt, a revision was asked.

A prompt's text is kept with its message id; closing edits it to say what became of it and
removes its buttons (a prompt that is gone or too old to edit is skipped: the decision stands)."""

from __future__ import annotations

import logging

from sqlmodel import col, select
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.storage.models import ApprovalPrompt
from bot.tg.deps import Deps

log = logging.getLogger(__name__)
MESSAGE_LIMIT = 4096


async def remember(d: Deps, skp_id: int, version: int, chat_id: int, message_id: int, text: str) -> None:
    async with d.db.write_session() as session:
        session.add(ApprovalPrompt(skp_id=skp_id, version=version, chat_id=chat_id, message_id=message_id, text=text))
        await session.commit()


async def close(bot: Bot, d: Deps, skp_id: int, note: str, *, keep: tuple[int, int] | None = None) -> int:
    """Close every open prompt of `skp_id` with `note` (HTML) appended, except the message `keep`
    ((chat id, message id): the one tapped, edited by its handler). Returns how many were edited."""
    async with d.db.write_session() as session:
        rows = list(
            (
                await session.exec(
                    select(ApprovalPrompt).where(ApprovalPrompt.skp_id == skp_id, col(ApprovalPrompt.closed).is_(False))
                )
            ).all()
        )
        for row in rows:
            row.closed = True
            session.add(row)
        await session.commit()
        targets = [(r.chat_id, r.message_id, r.text) for r in rows if (r.chat_id, r.message_id) != keep]
    edited = 0
    for chat_id, message_id, text in targets:
        if text and len(text) + len(note) + 2 <= MESSAGE_LIMIT:
            try:
                await bot.edit_message_text(
                    text + "\n\n" + note, chat_id=chat_id, message_id=message_id, parse_mode=ParseMode.HTML,
                    reply_markup=None,
                )
                edited += 1
                continue
            except TelegramError as exc:
                log.info("could not edit approval prompt %s: %s", message_id, exc)
        try:
            await bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
            edited += 1
        except TelegramError as exc:  # deleted or too old: the decision stands anyway
            log.info("could not close approval prompt %s: %s", message_id, exc)
    return edited
