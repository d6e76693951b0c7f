"""A penilai outside the roster linking an account of their own (an ajudan's for the Bupati).

The ajudan sends /start and types the record's activation code where the bot asks for a NIP (or
opens the `t.me/<bot>?start=<CODE>` link); from then on the approval prompts for the SKPs whose
penilai that record is go to that account. Logic: `bot.services.outside`."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.services import outside
from bot.templating import render
from conversations.approval import send_approval_prompt
from conversations.engine import Turn, run_turn

log = logging.getLogger(__name__)


async def link_with_code(turn: Turn, code: str) -> None:
    """Redeem an external penilai's code in this turn; the waiting prompts follow the commit."""
    chat = turn.update.effective_chat
    assert chat is not None
    result = await outside.redeem(turn.session, turn.user_id, chat.id, code)
    message = render("messages/outside_link_result.html.j2", outcome=result.outcome.value, result=result)
    if result.outcome is outside.Outcome.WRONG_CODE:
        turn.error = message
        return
    turn.notice = message
    turn.data = {}
    turn.reset("")
    if result.outcome is outside.Outcome.LINKED and result.external is not None:
        external_id, default_name = result.external.id or 0, turn.deps.settings.skp_penilai_luar_nama
        context = turn.context

        async def deliver() -> None:
            async with turn.deps.db.session() as session:
                record = await session.get(outside.ExternalPenilai, external_id)
                ids = await outside.waiting_for(session, record, default_name) if record is not None else []
            for skp_id in ids:
                try:
                    await send_approval_prompt(context.bot, turn.deps, skp_id)
                except TelegramError:
                    log.info("could not deliver waiting prompt %s", skp_id)

        turn.later(deliver)


async def start_with_code(update: Update, context: ContextTypes.DEFAULT_TYPE, code: str) -> None:
    """`/start <CODE>` (a t.me deep link printed on the handout)."""

    async def action(turn: Turn) -> None:
        await link_with_code(turn, code)

    await run_turn(update, context, action, edit=False)
