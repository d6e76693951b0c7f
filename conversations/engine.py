"""A small wizard engine on PTB whose state lives in the database, not in memory.

Every update: load the user's `WizardSession` row, let the current step handle the text or
button, save the answer and the new position in one transaction (compare-and-set on the
session's version, so a second process or a double tap cannot apply an answer twice), then
send or edit one card. Buttons carry the session version; an older button is stale.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import callback_data
from bot.delivery import with_retry
from bot.deps import Deps, deps
from bot.storage import repo
from bot.storage.models import Employee, WizardSession, utcnow
from bot.templating import render, render_plain
from skp_domain.errors import DomainError

log = logging.getLogger(__name__)

BACK = "back"
CANCEL = "cancel"

AfterCommit = Callable[[], Awaitable[None]]


class StaleButton(ValueError):
    """A button value no step of this wizard accepts now: answered like any stale button."""


@dataclass
class Screen:
    """What a step shows: a template, its buttons (label, value) and the navigation row."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    keyboard: list[list[tuple[str, str]]] = field(default_factory=list)
    back: bool = True
    cancel: bool = True


@dataclass
class Turn:
    """One update's work on a wizard: the database session, the user and where they are."""

    session: AsyncSession
    deps: Deps
    wizard: WizardSession
    employee: Employee | None
    update: Update
    context: ContextTypes.DEFAULT_TYPE
    data: dict[str, Any]
    step: str
    changed: bool = False
    error: str | None = None
    notice: str | None = None
    after_commit: list[AfterCommit] = field(default_factory=list)
    # What a step loaded, reused by the screen that follows in the same update (one session,
    # so ORM objects changed in place stay current; rows created or deleted call `forget`).
    cache: dict[str, Any] = field(default_factory=dict)

    def forget(self) -> None:
        self.cache.clear()

    def goto(self, step: str, *, push: bool = True) -> None:
        stack = list(self.data.get("stack", []))
        if push and self.step and self.step != step:
            stack.append(self.step)
        self.data["stack"] = stack[-20:]
        self.step = step
        self.changed = True

    def reset(self, step: str) -> None:
        """Jump without history (e.g. back to the SKP overview)."""
        self.data["stack"] = []
        self.step = step
        self.changed = True

    def back(self) -> None:
        stack = list(self.data.get("stack", []))
        self.step = stack.pop() if stack else self.data.get("home", "")
        self.data["stack"] = stack
        self.changed = True

    def set(self, key: str, value: Any) -> None:
        self.data[key] = value
        self.changed = True

    def later(self, effect: AfterCommit) -> None:
        """Run after the commit: sends to Telegram are the irreversible part, so they go last."""
        self.after_commit.append(effect)

    @property
    def user_id(self) -> int:
        user = self.update.effective_user
        assert user is not None
        return user.id


class Step:
    """A wizard step. Subclasses override what they accept; the defaults refuse politely."""

    name: str = ""
    accepts_text: bool = False

    async def screen(self, turn: Turn) -> Screen:
        raise NotImplementedError

    async def on_text(self, turn: Turn, text: str) -> None:
        turn.error = render("messages/error_use_buttons.html.j2")

    async def on_button(self, turn: Turn, value: str) -> None:
        turn.error = render("messages/error_stale.html.j2")


STEPS: dict[str, Step] = {}


def register(*steps: Step) -> None:
    for step in steps:
        STEPS[step.name] = step


def keyboard(screen: Screen, version: int) -> InlineKeyboardMarkup | None:
    rows = [
        [InlineKeyboardButton(label, callback_data=callback_data.wizard(version, value)) for label, value in row]
        for row in screen.keyboard
        if row
    ]
    nav: list[InlineKeyboardButton] = []
    if screen.back:
        nav.append(InlineKeyboardButton("⬅️ Kembali", callback_data=callback_data.wizard(version, BACK)))
    if screen.cancel:
        nav.append(InlineKeyboardButton("✖️ Batal", callback_data=callback_data.wizard(version, CANCEL)))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows) if rows else None


# Built once: this statement runs on nearly every update.
_SAVE_WIZARD = (
    update(WizardSession)
    .where(
        col(WizardSession.telegram_id) == bindparam("wizard_owner"),
        col(WizardSession.version) == bindparam("seen_version"),
    )
    .values(
        step=bindparam("new_step"),
        data=bindparam("new_data", type_=WizardSession.__table__.c.data.type),  # type: ignore[attr-defined]
        version=bindparam("new_version"),
        updated_at=bindparam("now", type_=WizardSession.__table__.c.updated_at.type),  # type: ignore[attr-defined]
        employee_id=bindparam("new_employee_id"),
        flow=bindparam("new_flow"),
    )
)


async def save_wizard(session: AsyncSession, wizard: WizardSession, turn: Turn) -> bool:
    """Compare-and-set on the version: false when another update moved this wizard first."""
    result = await session.exec(
        _SAVE_WIZARD,
        params={
            "wizard_owner": wizard.telegram_id,
            "seen_version": wizard.version,
            "new_step": turn.step,
            "new_data": turn.data,
            "new_version": wizard.version + 1,
            "now": utcnow(),
            "new_employee_id": turn.employee.id if turn.employee else None,
            "new_flow": turn.step.split(".")[0],
        },
    )
    return bool(result.rowcount == 1)


async def end_wizard(session: AsyncSession, telegram_id: int) -> None:
    await session.exec(
        update(WizardSession)
        .where(col(WizardSession.telegram_id) == telegram_id)
        .values(step="", data={}, flow="", version=WizardSession.version + 1, updated_at=utcnow())
    )


async def load_wizard(session: AsyncSession, telegram_id: int) -> tuple[WizardSession, Employee | None]:
    wizard, employee = await repo.wizard_and_employee(session, telegram_id)
    if wizard is None:
        wizard = WizardSession(telegram_id=telegram_id, version=0)
        session.add(wizard)
        await session.flush()
    return wizard, employee


async def send_screen(update: Update, text: str, markup: InlineKeyboardMarkup | None, *, edit: bool) -> None:
    """Button answers edit the card in place; typed answers get a fresh card below them."""
    query = update.callback_query
    if edit and query is not None and isinstance(query.message, Message):
        try:
            await with_retry(lambda: query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup))
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
            log.info("edit failed, sending a new card: %s", exc)
    chat = update.effective_chat
    assert chat is not None
    await with_retry(lambda: chat.send_message(text, parse_mode=ParseMode.HTML, reply_markup=markup))


MESSAGE_LIMIT = 4096


async def compose(turn: Turn, version: int) -> tuple[str, InlineKeyboardMarkup | None]:
    parts = [turn.error, turn.notice]
    markup = None
    if turn.step:
        screen = await STEPS[turn.step].screen(turn)
        parts.append(render(screen.template, **screen.context))
        markup = keyboard(screen, version)
    text = "\n\n".join(p for p in parts if p)
    if len(text) > MESSAGE_LIMIT:  # a safety net: templates and errors are meant to stay short
        text = text[: MESSAGE_LIMIT - 1] + "…"
    return text, markup


async def run_turn(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    action: Callable[[Turn], Awaitable[None]],
    *,
    edit: bool,
) -> bool:
    """Load, act, save (in one transaction), then send. The single path every wizard update takes.

    False when another update moved this wizard first: nothing was applied and the user was told
    (for a button, that alert was the query's one answer)."""
    user = update.effective_user
    assert user is not None
    d = deps(context)
    async with d.db.write_session() as session:
        wizard, employee = await load_wizard(session, user.id)
        if employee is not None and employee.blocked_at is not None:
            employee.blocked_at = None  # they are writing to us, so they unblocked the bot
            session.add(employee)
        turn = Turn(session, d, wizard, employee, update, context, dict(wizard.data or {}), wizard.step)
        await action(turn)
        version = wizard.version
        if turn.changed:
            if not await save_wizard(session, wizard, turn):
                await session.rollback()
                await _reply(update, render("messages/error_conflict.html.j2"))
                return False
            version += 1
        try:
            text, markup = await compose(turn, version)
        except DomainError as exc:
            # What the step shows is gone (an SKP decided elsewhere, a deleted item): end the flow.
            turn.error = render("messages/error_domain.html.j2", message=exc.message)
            turn.data, turn.step = {}, ""
            await end_wizard(session, wizard.telegram_id)
            text, markup = await compose(turn, version)
        await session.commit()
    if text:
        await send_screen(update, text, markup, edit=edit and not turn.error)
    for effect in turn.after_commit:
        await effect()
    return True


async def _reply(update: Update, text: str) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(text[:190], show_alert=True)
    elif update.effective_chat is not None:
        await update.effective_chat.send_message(text, parse_mode=ParseMode.HTML)


async def start_flow(update: Update, context: ContextTypes.DEFAULT_TYPE, step: str, **data: Any) -> None:
    """Begin (or restart) a flow at `step`, e.g. from a command."""

    async def action(turn: Turn) -> None:
        turn.data = {"home": step, **data}
        turn.reset(step)

    await run_turn(update, context, action, edit=False)


# --- the two PTB handlers every wizard answer goes through ------------------------------


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None

    async def action(turn: Turn) -> None:
        step = STEPS.get(turn.step)
        if step is None:
            turn.notice = render("messages/no_flow.html.j2", linked=turn.employee is not None)
            return
        if message.text is None:
            turn.error = render("messages/error_not_text.html.j2", expects_text=step.accepts_text)
            return
        try:
            await step.on_text(turn, message.text)
        except DomainError as exc:
            turn.error = render("messages/error_domain.html.j2", message=exc.message)

    await run_turn(update, context, action, edit=False)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    try:
        decoded = callback_data.decode(query.data)
        if not isinstance(decoded, callback_data.WizardButton):
            raise callback_data.CallbackDataError("not a wizard button")
    except callback_data.CallbackDataError:
        await query.answer(render_plain("messages/error_stale.html.j2"), show_alert=True)
        return
    stale = False

    async def action(turn: Turn) -> None:
        nonlocal stale
        step = STEPS.get(turn.step)
        if step is None or decoded.version != turn.wizard.version:
            stale = True
            turn.step = ""  # send nothing, change nothing: the alert says it all
            return
        try:
            if decoded.value == BACK:
                turn.back()
            elif decoded.value == CANCEL:
                await cancel(turn)
            else:
                await step.on_button(turn, decoded.value)
        except DomainError as exc:
            turn.error = render("messages/error_domain.html.j2", message=exc.message)
        except ValueError:
            # StaleButton, or a malformed value with a current version: a forged or corrupted button.
            stale = True
            turn.step, turn.changed = "", False

    if not await run_turn(update, context, action, edit=True):
        return  # lost the compare-and-set: _reply already answered the query with the conflict alert
    if stale:
        await query.answer(render_plain("messages/error_stale.html.j2"), show_alert=True)
    else:
        await query.answer()


CANCEL_HOOKS: dict[str, Callable[[Turn], Awaitable[None]]] = {}


async def cancel(turn: Turn) -> None:
    flow = turn.step.split(".")[0]
    hook = CANCEL_HOOKS.get(flow)
    if hook is not None:
        await hook(turn)
        return
    turn.data = {}
    turn.reset("")
    turn.notice = render("messages/cancelled.html.j2")
