"""`/id`: anyone's own Telegram user id — what an admin puts in SKP_ADMIN_IDS."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.templating import render
from bot.tg.deps import deps, user_is_admin


async def id_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    admin = await user_is_admin(deps(context), user.id)
    await chat.send_message(render("messages/whoami.html.j2", telegram_id=user.id, admin=admin),
                            parse_mode=ParseMode.HTML)
