"""`/start`: link a Telegram account to an employee (NIP, then the one-time code)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.services.linking import LinkOutcome, check_account, lock_state, redeem
from bot.services.outside import looks_like_code
from bot.storage import repo
from bot.templating import render
from bot.tg.deps import deps
from conversations.approval import deliver_waiting_submissions
from conversations.engine import Screen, Step, Turn, run_turn, start_flow
from conversations.outside import link_with_code, start_with_code
from skp_domain.nip import parse_nip


class AskNip(Step):
    name = "link.nip"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        return Screen("messages/link_ask_nip.html.j2", back=False)

    async def on_text(self, turn: Turn, text: str) -> None:
        if looks_like_code(text):  # a penilai outside the roster (an ajudan) has a code, no NIP
            await link_with_code(turn, text)
            return
        nip = parse_nip(text).digits  # DomainError says which part is wrong (its form only)
        blocked = await check_account(turn.session, turn.user_id, nip)
        if blocked is not None:
            turn.error = render("messages/link_result.html.j2", outcome=blocked.outcome.value, result=blocked)
            return
        turn.set("nip", nip)
        turn.goto("link.code")


class AskCode(Step):
    name = "link.code"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        return Screen("messages/link_ask_code.html.j2", {"nip": turn.data.get("nip", "")})

    async def on_text(self, turn: Turn, text: str) -> None:
        chat = turn.update.effective_chat
        assert chat is not None
        result = await redeem(turn.session, turn.user_id, chat.id, turn.data.get("nip", ""), text)
        message = render("messages/link_result.html.j2", outcome=result.outcome.value, result=result)
        if result.outcome is LinkOutcome.WRONG_CODE:
            turn.error = message
            return
        turn.employee = result.employee if result.outcome is LinkOutcome.LINKED else turn.employee
        turn.notice = message
        turn.data = {}
        turn.reset("")
        if result.outcome is LinkOutcome.LINKED and result.employee is not None:
            employee = result.employee
            turn.later(lambda: deliver_waiting_submissions(turn.context, employee))


STEPS: tuple[Step, ...] = (AskNip(), AskCode())


async def start_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    assert user is not None
    if context.args and looks_like_code(context.args[0]):  # t.me/<bot>?start=<CODE>
        await start_with_code(update, context, context.args[0])
        return

    async def already(turn: Turn) -> None:
        turn.notice = render("messages/welcome.html.j2", employee=turn.employee)

    async with deps(context).db.session() as session:
        employee = await repo.employee_by_telegram(session, user.id)
        locked = await lock_state(session, user.id)
    if employee is not None:
        await run_turn(update, context, already, edit=False)
        return
    if locked is not None:
        chat = update.effective_chat
        assert chat is not None
        await chat.send_message(
            render("messages/link_result.html.j2", outcome="locked", result=locked), parse_mode="HTML"
        )
        return
    await start_flow(update, context, "link.nip")
