"""A small wizard engine on PTB whose state lives in the database, not in memory.

Every update: load the user's `WizardSession` row, let the current step handle the text or
button, save the answer and the new position in one transaction (compare-and-set on the
session's version, so a second process or a double tap cannot apply an answer twice), then
send or edit one card. Buttons carry the session version; an older button is stale.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
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
from bot.storage import repo
from bot.storage.models import Employee, WizardSession, utcnow
from bot.templating import render, render_plain
from bot.tg import limits
from bot.tg.delivery import raw_call, with_retry
from bot.tg.deps import Deps, deps
from skp_domain.errors import DomainError

log = logging.getLogger(__name__)

BACK = "back"
CANCEL = "cancel"

AfterCommit = Callable[[], Awaitable[None]]


class StaleButton(Exception):
    """The one explicit "this button is no longer valid" signal: a value the current card did not
    offer, or one that no longer fits. Any other exception in a step is a bug: logged, reported."""


def int_after(value: str, prefix: str) -> int:
    """`it:42` -> 42 for prefix `it:`; anything else is a stale (or forged) button."""
    if not value.startswith(prefix) or not value[len(prefix) :].isdigit():
        raise StaleButton
    return int(value[len(prefix) :])


@dataclass
class Screen:
    """What a step shows: a template, its buttons (label, value) and the navigation row."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    keyboard: list[list[tuple[str, str]]] = field(default_factory=list)
    back: bool = True
    cancel: bool = True
    progress: str | None = None  # "Langkah 4 dari 7 — Indikator kualitas", shown above the template


@dataclass
class Turn:
    """One update's work on a wizard: the database session, the user and where they are."""

    session: AsyncSession
    deps: Deps
    flows: Flows
    wizard: WizardSession
    employee: Employee | None
    update: Update
    context: ContextTypes.DEFAULT_TYPE
    data: dict[str, Any]
    step: str
    changed: bool = False
    # Nothing is saved or sent (a stale or forged button: the alert says it all).
    abandoned: bool = False
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

    def abandon(self) -> None:
        self.abandoned = True

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


CancelHook = Callable[[Turn], Awaitable[None]]
# Work a step needs before its unit of work (e.g. asking a slow outside service), so no database
# lock is held meanwhile: (deps, the wizard's data, the answer, whether it is a button) -> data to merge.
Prefetch = Callable[[Deps, dict[str, Any], str, bool], Awaitable[dict[str, Any]]]
FLOWS_KEY = "wizard_flows"


@dataclass(frozen=True)
class Flows:
    """Every wizard step by name, and the cancel behaviour per flow (the part before the dot).

    Built explicitly by `conversations.registry` and kept in `bot_data`: nothing registers itself
    on import, so a step a stored wizard points at is either listed there or refused loudly."""

    steps: dict[str, Step]
    cancel_hooks: dict[str, CancelHook]
    prefetch: dict[str, Prefetch] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        steps: Iterable[Step],
        cancel_hooks: dict[str, CancelHook],
        prefetch: dict[str, Prefetch] | None = None,
    ) -> Flows:
        table: dict[str, Step] = {}
        for step in steps:
            if not step.name or step.name in table:
                raise ValueError(f"wizard step without a name or listed twice: {step.name!r}")
            table[step.name] = step
        unknown = set(prefetch or {}) - set(table)
        if unknown:
            raise ValueError(f"prefetch for steps that are not registered: {sorted(unknown)}")
        return cls(table, dict(cancel_hooks), dict(prefetch or {}))

    def get(self, name: str) -> Step | None:
        return self.steps.get(name)


def flows_of(context: ContextTypes.DEFAULT_TYPE) -> Flows:
    flows = context.application.bot_data.get(FLOWS_KEY)
    if not isinstance(flows, Flows):
        raise RuntimeError("wizard flows are not registered (conversations.registry.register)")
    return flows


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
    """Compare-and-set on the version: false when another update moved this wizard first.

    Executed on the session's connection (SQLAlchemy Core): the ORM's bulk-update path would
    flush the turn's other changes first and then look for the row among the session's objects,
    about half this statement's cost, on nearly every update. The other changes are flushed by
    the commit that follows, in the same transaction."""
    connection = await session.connection()
    result = await connection.execute(
        _SAVE_WIZARD,
        {
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


def changed_hands(wizard: WizardSession, employee: Employee | None) -> bool:
    """The wizard was saved for another person than the one this account is linked to now."""
    current = employee.id if employee is not None else None
    return wizard.employee_id != current and bool(wizard.step or wizard.data)


async def load_wizard(session: AsyncSession, telegram_id: int) -> tuple[WizardSession, Employee | None]:
    wizard, employee = await repo.wizard_and_employee(session, telegram_id)
    if wizard is None:
        wizard = WizardSession(telegram_id=telegram_id, version=0)
        session.add(wizard)
        await session.flush()
    return wizard, employee


async def send_screen(update: Update, text: str, markup: InlineKeyboardMarkup | None, *, edit: bool) -> None:
    """Button answers edit the card in place; typed answers get a fresh card below them.

    The Bot API answers both with the whole message, keyboard included, which PTB would turn back
    into objects on every update; nothing here reads it, so it is left as JSON (`raw_call`)."""
    query = update.callback_query
    bot = update.get_bot()
    if edit and query is not None and isinstance(query.message, Message):
        card = {"chat_id": query.message.chat_id, "message_id": query.message.message_id}
        try:
            await with_retry(lambda: raw_call(bot, "editMessageText", text=text, reply_markup=markup, **card))
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
            log.info("edit failed, sending a new card: %s", exc)
    chat = update.effective_chat
    assert chat is not None
    await with_retry(lambda: raw_call(bot, "sendMessage", chat_id=chat.id, text=text, reply_markup=markup))


MESSAGE_LIMIT = limits.MESSAGE_LIMIT
OFFERED = "offered"  # the button values the last card showed: the only ones a press may carry


def offered_values(screen: Screen | None) -> list[str]:
    if screen is None:
        return []
    return sorted({value for row in screen.keyboard for _label, value in row})


async def compose(turn: Turn) -> tuple[str, Screen | None]:
    """The card's text and its screen (buttons not yet encoded: they carry the final version)."""
    parts = [turn.error, turn.notice]
    screen = None
    if turn.step:
        step = turn.flows.get(turn.step)
        if step is None:
            raise RuntimeError(f"wizard step {turn.step!r} is not registered")
        screen = await step.screen(turn)
        if screen.progress:
            parts.append(render("messages/progress.html.j2", progress=screen.progress))
        # Variables a flow sets for all its templates (the drafting wording of the period's format).
        parts.append(render(screen.template, **{**turn.cache.get("template_vars", {}), **screen.context}))
    text = "\n\n".join(p for p in parts if p)
    if screen is not None and not limits.fits(text):
        # Telegram counts UTF-16 units: shorten the screen's fields and render again ...
        head = "\n\n".join(p for p in parts[:2] if p)
        room = MESSAGE_LIMIT - limits.visible_len(head) - 2
        for units in (300, 120, 50):
            card = render(screen.template, **limits.shorten_fields(screen.context, units))
            if limits.fits(card, room):
                break
        text = "\n\n".join(p for p in (head, limits.truncate_html(card, max(room, 0))) if p)
    # ... and, whatever is left, cut between tags with the tags closed (never a slice of HTML).
    return limits.truncate_html(text), screen


async def run_turn(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    action: Callable[[Turn], Awaitable[None]],
    *,
    edit: bool,
) -> bool:
    """Load, act, save (in one transaction), then send. The single path every wizard update takes.

    False when another update moved this wizard first: nothing was applied and the user is told
    (for a button, that alert is the query's one answer). Nothing is sent to Telegram while the
    session (on SQLite: the process's writer turn) is held."""
    user = update.effective_user
    assert user is not None
    d = deps(context)
    flows = flows_of(context)
    conflict = False
    text, markup = "", None
    async with d.db.write_session() as session:
        wizard, employee = await load_wizard(session, user.id)
        if employee is not None and employee.blocked_at is not None:
            employee.blocked_at = None  # they are writing to us, so they unblocked the bot
            session.add(employee)
        turn = Turn(session, d, flows, wizard, employee, update, context, dict(wizard.data or {}), wizard.step)
        handed_over = changed_hands(wizard, employee)
        if handed_over:
            # The account was linked to someone else since this wizard was saved (relink, unlink,
            # console --nip): nothing of the previous person's wizard carries over.
            turn.data, turn.step = {}, ""
        await action(turn)
        turn.changed = turn.changed or handed_over
        if turn.abandoned:
            await session.rollback()
            return True
        try:
            text, screen = await compose(turn)
        except DomainError as exc:
            # What the step shows is gone (an SKP decided elsewhere, a deleted item): end the flow.
            turn.error = render("messages/error_domain.html.j2", message=exc.message)
            turn.data, turn.step, turn.changed = {}, "", True
            text, screen = await compose(turn)
        offered = offered_values(screen)
        if offered != turn.data.get(OFFERED, []):
            turn.data[OFFERED] = offered
            turn.changed = True
        version = wizard.version
        if turn.changed:
            if await save_wizard(session, wizard, turn):
                version += 1
                await session.commit()
            else:
                await session.rollback()
                conflict = True
        else:
            await session.commit()
    if conflict:
        await _reply(update, render("messages/error_conflict.html.j2"))
        return False
    if text:
        markup = keyboard(screen, version) if screen is not None else None
        await send_screen(update, text, markup, edit=edit and not turn.error)
    for effect in turn.after_commit:
        await effect()
    return True


async def _reply(update: Update, text: str) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(render_plain_text(text), show_alert=True)
    elif update.effective_chat is not None:
        await update.effective_chat.send_message(text, parse_mode=ParseMode.HTML)


def render_plain_text(html_text: str) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", html_text))[:190]


async def start_flow(update: Update, context: ContextTypes.DEFAULT_TYPE, step: str, **data: Any) -> None:
    """Begin (or restart) a flow at `step`, e.g. from a command."""

    async def action(turn: Turn) -> None:
        turn.data = {"home": step, **data}
        turn.reset(step)

    await run_turn(update, context, action, edit=False)


async def prefetched(context: ContextTypes.DEFAULT_TYPE, telegram_id: int, answer: str, button: bool) -> dict[str, Any]:
    """Run the current step's prefetch, if it has one, outside any write (see `Prefetch`)."""
    flows = flows_of(context)
    if not flows.prefetch:  # the usual case: no extra query at all
        return {}
    d = deps(context)
    async with d.db.session() as session:
        wizard = await session.get(WizardSession, telegram_id)
        step, data = (wizard.step, dict(wizard.data or {})) if wizard is not None else ("", {})
    hook = flows.prefetch.get(step)
    return await hook(d, data, answer, button) if hook is not None else {}


# --- the two PTB handlers every wizard answer goes through ------------------------------


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None and update.effective_user is not None
    extra = await prefetched(context, update.effective_user.id, message.text or "", False) if message.text else {}

    async def action(turn: Turn) -> None:
        turn.data.update(extra)
        step = turn.flows.get(turn.step)
        if step is None:
            if turn.step:
                log.warning("wizard step %r is not registered; ending that flow", turn.step)
            turn.notice = render("messages/no_flow.html.j2", linked=turn.employee is not None)
            turn.step, turn.data, turn.changed = "", {}, bool(turn.step)
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
    stale, flow = False, ""
    assert update.effective_user is not None
    extra = await prefetched(context, update.effective_user.id, decoded.value, True)

    async def action(turn: Turn) -> None:
        nonlocal stale, flow
        flow = turn.step.split(".")[0]
        turn.data.update(extra)
        step = turn.flows.get(turn.step)
        navigation = decoded.value in (BACK, CANCEL)
        if (
            step is None
            or decoded.version != turn.wizard.version
            or not (navigation or decoded.value in turn.data.get(OFFERED, []))
        ):
            stale = True
            turn.abandon()
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
        except StaleButton:
            stale = True
            turn.abandon()

    if not await run_turn(update, context, action, edit=True):
        return  # lost the compare-and-set: _reply already answered the query with the conflict alert
    if stale:  # a penilai's revision note points back to /tim, everyone else to /skp
        await query.answer(render_plain("messages/error_stale.html.j2", flow=flow), show_alert=True)
    else:
        await query.answer()


async def cancel(turn: Turn) -> None:
    flow = turn.step.split(".")[0]
    hook = turn.flows.cancel_hooks.get(flow)
    if hook is not None:
        await hook(turn)
        return
    turn.data = {}
    turn.reset("")
    turn.notice = render("messages/cancelled.html.j2")
