"""The pejabat penilai's side: submission prompts, Setujui / Minta revisi, history.

Approval buttons are stateless (`a1:<skp>:<version>:<action>`): every tap is checked against
the database — the tapping user must be the SKP's penilai, the version must be current — and
status changes are compare-and-set, so a double tap or a second process changes nothing twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot import callback_data
from bot.services import admins, lifecycle
from bot.services.bundle import Bundle, load_bundle, target_text
from bot.services.lifecycle import Actor
from bot.storage import repo
from bot.storage.models import Employee, Skp, SkpEvent, utcnow
from bot.templating import render, render_plain
from bot.tg import limits
from bot.tg.deps import Deps, deps
from conversations import penilai as penilai_flow
from conversations.documents import send_documents
from conversations.engine import Screen, StaleButton, Step, Turn, int_after, run_turn
from skp_domain.errors import DomainError
from skp_domain.safety import check_plain
from skp_domain.skp import Action, Aspek, Section, Status, diff_items
from skp_domain.text import MAX_COMMENT, clean_text

log = logging.getLogger(__name__)
PENILAI_PARTS = "🧭 Ekspektasi, lampiran, tanggal"  # PermenPANRB 6/2022: what the penilai writes
PENILAI_DATE = "📅 Tanggal penetapan"  # 8/2021: only the date


def penilai_parts_label(six: bool) -> str:
    return PENILAI_PARTS if six else PENILAI_DATE


def summary_items(bundle: Bundle) -> list[dict[str, Any]]:
    out = []
    for item in bundle.items:
        out.append(
            {
                "code": f"{item.section[0]}{bundle.number_of(item)}",
                "parent": item.parent_text or item.basis or "-",
                "rk": item.rencana_kinerja,
                "ak": item.ak,
                "comment": item.revision_comment,
                "indicators": [
                    {
                        "aspek": Aspek(i.aspek).label if i.aspek else None,
                        "indikator": i.indikator,
                        "target": target_text(i),
                    }
                    for i in bundle.indicators.get(item.id or 0, [])
                ],
            }
        )
    return out


def _diff_of(event: SkpEvent | None, previous: SkpEvent | None) -> dict[str, list[str]] | None:
    if event is None or previous is None or event.snapshot is None or previous.snapshot is None:
        return None
    diff = diff_items(previous.snapshot, event.snapshot)
    return {"added": list(diff.added), "changed": list(diff.changed), "removed": list(diff.removed)}


# How to make a long prompt fit (Telegram counts UTF-16 units): first every field shorter, then
# fewer items ("… dan N rencana kinerja lain (lihat PDF)").
_FITTING: tuple[tuple[int | None, int | None], ...] = (
    (None, None), (300, None), (120, None), (60, None), (60, 10), (60, 3), (40, 0)
)


async def prompt_text(session: Any, bundle: Bundle) -> str:
    events = [e for e in await repo.events_of(session, bundle.skp.id or 0) if e.action == "submit"]
    diff = _diff_of(events[-1] if events else None, events[-2] if len(events) > 1 else None)
    items = summary_items(bundle)
    text = ""
    for units, shown in _FITTING:
        kept = items if shown is None else items[:shown]
        text = render(
            "messages/approval_prompt.html.j2",
            bundle=bundle,
            items=kept if units is None else limits.shorten_fields(kept, units),
            hidden=len(items) - len(kept),
            diff=diff if units is None else limits.shorten_fields(diff, units),
        )
        if limits.fits(text):
            return text
    return limits.truncate_html(text)


def approval_buttons(skp_id: int, version: int) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton("✅ Setujui", callback_data=callback_data.approval(skp_id, version, "ok")),
        InlineKeyboardButton("✍️ Minta revisi", callback_data=callback_data.approval(skp_id, version, "rev")),
    ]


async def send_approval_prompt(bot: Bot, d: Deps, skp_id: int) -> bool:
    """Send the penilai the draft with Setujui / Minta revisi. False when they are not linked."""
    async with d.db.session() as session:
        skp = await session.get(Skp, skp_id)
        if skp is None or skp.status != Status.SUBMITTED.value:
            return False
        bundle = await load_bundle(session, skp)
        if bundle.penilai is None or bundle.penilai.chat_id is None:
            return False
        text = await prompt_text(session, bundle)
        chat_id, version, nama = bundle.penilai.chat_id, skp.version, bundle.employee.nama
        owner_id, six = bundle.employee.id or 0, bundle.six
    markup = InlineKeyboardMarkup(
        [
            approval_buttons(skp_id, version),
            # The penilai's parts (ekspektasi khusus, lampiran, tanggal penetapan): conversations/penilai.py
            [InlineKeyboardButton(penilai_parts_label(six), callback_data=callback_data.team(owner_id, "pen"))],
        ]
    )
    # The penilai must always be left a way to act: neither a failed document nor a refused
    # prompt may leave the SKP in "Diajukan" without buttons.
    try:
        await send_documents(bot, d, chat_id, skp_id)
    except Exception as exc:  # the buttons below matter more than the attachment
        log.warning("documents for submission %s not sent: %s", skp_id, type(exc).__name__)
    try:
        await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup)
    except BadRequest as exc:
        log.warning("approval prompt for %s refused (%s): sending the short one", skp_id, type(exc).__name__)
        short = render("messages/approval_prompt_short.html.j2", nama=limits.shorten(nama, 200))
        await bot.send_message(chat_id, short, parse_mode=ParseMode.HTML, reply_markup=markup)
    return True


async def submit(turn: Turn, bundle: Bundle) -> None:
    """Ajukan (through the one status-change function); the penilai is told after the commit."""
    change = await lifecycle.change_status(
        turn.session, bundle.skp.id or 0, Action.SUBMIT, Actor.of(turn.employee), seen_version=bundle.skp.version
    )
    await turn.session.refresh(bundle.skp)
    chat = turn.update.effective_chat
    assert chat is not None
    bot, d, chat_id, skp_id = turn.context.bot, turn.deps, chat.id, change.skp_id
    penilai = change.penilai

    async def notify() -> None:
        delivered = await send_approval_prompt(bot, d, skp_id)
        await bot.send_message(
            chat_id,
            render("messages/submitted.html.j2", penilai=penilai, delivered=delivered),
            parse_mode=ParseMode.HTML,
        )

    turn.later(notify)


async def deliver_waiting_submissions(context: ContextTypes.DEFAULT_TYPE, penilai: Employee) -> None:
    """A penilai just linked Telegram: send every submission that waited for them."""
    d = deps(context)
    async with d.db.session() as session:
        ids = await lifecycle.waiting_for(session, penilai.id or 0)
    for skp_id in ids:
        await send_approval_prompt(context.bot, d, skp_id)


async def _strip_buttons(message: Message | None, note: str) -> None:
    if isinstance(message, Message) and message.text is not None:
        await message.edit_text(message.text_html + "\n\n" + note, parse_mode=ParseMode.HTML, reply_markup=None)


async def actor_of(session: Any, d: Deps, telegram_id: int) -> Actor:
    """The person tapping, with admin rights read fresh (an admin may act for a penilai outside
    the roster)."""
    employee = await repo.employee_by_telegram(session, telegram_id)
    admin = await admins.is_admin(session, d.settings.skp_admin_ids, telegram_id)
    return Actor.of(employee, admin=admin, telegram_id=telegram_id)


async def approval_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Setujui / Minta revisi on a submission prompt. Decided in one unit of work; Telegram is told
    only after the session is closed."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    d = deps(context)
    try:
        button = callback_data.decode(query.data)
        if not isinstance(button, callback_data.ApprovalButton):
            raise callback_data.CallbackDataError("not an approval button")
    except callback_data.CallbackDataError:
        await query.answer(render_plain("messages/error_stale.html.j2"), show_alert=True)
        return
    action = Action.APPROVE if button.action == "ok" else Action.REQUEST_REVISION
    refusal: str | None = None
    needs_lampiran = False
    change: lifecycle.StatusChange | None = None
    async with d.db.write_session() as session:
        actor = await actor_of(session, d, user.id)
        try:
            if action is Action.APPROVE:
                change = await lifecycle.change_status(
                    session, button.skp_id, action, actor, seen_version=button.version,
                    outside_name=d.settings.skp_penilai_luar_nama,
                )
                await session.commit()
            else:
                await lifecycle.check_allowed(session, button.skp_id, action, actor, seen_version=button.version)
        except lifecycle.NotAllowed:
            refusal = render_plain("messages/approval_not_yours.html.j2")
        except lifecycle.StaleSkp as exc:
            refusal = render_plain("messages/approval_stale.html.j2", status=exc.status)
        except lifecycle.LampiranMissing:  # 6/2022: approved together with its lampiran
            refusal, needs_lampiran = render_plain("messages/approval_needs_lampiran.html.j2"), True
    if refusal is not None:
        await query.answer(refusal, show_alert=True)
        if needs_lampiran:
            await penilai_flow.open_for_skp(update, context, button.skp_id, "pn.lampiran")
        return
    if change is None:  # Minta revisi: the note is asked for in the wizard
        await query.answer()
        wizard_data = {
            "home": "rev.scope",
            "skp_id": button.skp_id,
            "skp_version": button.version,
            "prompt_message_id": query.message.message_id if query.message else None,
        }

        async def begin(turn: Turn) -> None:
            turn.data = wizard_data
            turn.reset("rev.scope")

        await run_turn(update, context, begin, edit=False)
        return
    await query.answer(render_plain("messages/approval_done_alert.html.j2"))
    await _strip_buttons(
        query.message if isinstance(query.message, Message) else None,
        render("messages/approval_done_note.html.j2", at=utcnow()),
    )
    owner = change.owner
    if owner.chat_id is not None:
        await context.bot.send_message(
            owner.chat_id,
            render("messages/approved_employee.html.j2", penilai=change.penilai, on_behalf_of=change.on_behalf_of),
            parse_mode=ParseMode.HTML,
        )
        await send_documents(context.bot, d, owner.chat_id, change.skp_id)


# --- Minta revisi: the penilai's comment, per item or for the whole SKP ------------------


async def _submitted_bundle(turn: Turn) -> Bundle:
    skp = await turn.session.get(Skp, turn.data.get("skp_id"))
    if skp is None or skp.status != Status.SUBMITTED.value or skp.version != turn.data.get("skp_version"):
        raise DomainError(render("messages/approval_stale.html.j2", status=Status(skp.status) if skp else None))
    bundle = await load_bundle(turn.session, skp)
    # Every screen of this flow re-checks the actor: the roster may have named another penilai
    # since "Minta revisi" was tapped (NotAllowed ends the flow with its message).
    actor = await actor_of(turn.session, turn.deps, turn.user_id)
    lifecycle.authorise(Action.REQUEST_REVISION, actor, bundle.employee)
    return bundle


class RevisionScope(Step):
    name = "rev.scope"

    async def screen(self, turn: Turn) -> Screen:
        bundle = await _submitted_bundle(turn)
        rows = [[("📄 Seluruh SKP", "all")]]
        rows += [
            [(f"{i['code']}. {i['rk']}"[:60], f"it:{item.id}")]
            for i, item in zip(summary_items(bundle), bundle.items, strict=True)
        ]
        return Screen("messages/revision_scope.html.j2", {"bundle": bundle}, rows, back=False)

    async def on_button(self, turn: Turn, value: str) -> None:
        bundle = await _submitted_bundle(turn)
        if value == "all":
            turn.set("item_id", None)
        else:
            item_id = int_after(value, "it:")
            if not any(i.id == item_id for i in bundle.items):
                raise StaleButton
            turn.set("item_id", item_id)
        turn.goto("rev.comment")


class RevisionComment(Step):
    name = "rev.comment"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        bundle = await _submitted_bundle(turn)
        item = next((i for i in bundle.items if i.id == turn.data.get("item_id")), None)
        return Screen("messages/revision_comment.html.j2", {"bundle": bundle, "item": item, "limit": MAX_COMMENT})

    async def on_text(self, turn: Turn, text: str) -> None:
        comment = check_plain(clean_text(text, "Catatan revisi", MAX_COMMENT), "Catatan revisi")
        bundle = await _submitted_bundle(turn)
        item_id = turn.data.get("item_id")
        actor = await actor_of(turn.session, turn.deps, turn.user_id)  # re-checked: the roster may have changed
        try:
            change = await lifecycle.change_status(
                turn.session,
                bundle.skp.id or 0,
                Action.REQUEST_REVISION,
                actor,
                seen_version=bundle.skp.version,
                comment=comment,
                item_ids=[item_id] if item_id else [],
                outside_name=turn.deps.settings.skp_penilai_luar_nama,
            )
        except lifecycle.StaleSkp as exc:
            raise DomainError(render("messages/approval_stale.html.j2", status=exc.status)) from exc
        item = next((i for i in bundle.items if i.id == item_id), None)
        owner_chat = change.owner.chat_id
        item_code = f"{item.section[0]}{bundle.number_of(item)}" if item else None
        bot, prompt_id, chat = turn.context.bot, turn.data.get("prompt_message_id"), turn.update.effective_chat
        turn.data = {}
        turn.reset("")
        turn.notice = render("messages/revision_sent.html.j2", employee=bundle.employee)

        async def notify() -> None:
            if chat is not None and prompt_id:
                try:
                    await bot.edit_message_reply_markup(chat.id, prompt_id, reply_markup=None)
                except TelegramError:  # the prompt may be gone; the decision stands
                    log.info("could not strip approval buttons of message %s", prompt_id)
            if owner_chat is not None:
                await bot.send_message(
                    owner_chat,
                    render("messages/revision_employee.html.j2", comment=comment, item_code=item_code),
                    parse_mode=ParseMode.HTML,
                )

        turn.later(notify)


STEPS: tuple[Step, ...] = (RevisionScope(), RevisionComment())


async def riwayat_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The history of the user's SKP in the active period."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    d = deps(context)
    async with d.db.session() as session:
        employee = await repo.employee_by_telegram(session, user.id)
        period = await repo.active_period(session)
        skp = await repo.skp_of(session, employee.id or 0, period.id or 0) if employee and period else None
        events = list(await repo.events_of(session, skp.id or 0)) if skp else []
        actors = {e.id: e for e in [await session.get(Employee, ev.actor_id) for ev in events if ev.actor_id] if e}
    text = render(
        "messages/riwayat.html.j2",
        linked=employee is not None,
        skp=skp,
        events=events,
        actors=actors,
        statuses={s.value: s.label for s in Status},
        tz=d.settings.tz,
        dt=dt,
    )
    await chat.send_message(text, parse_mode=ParseMode.HTML)


__all__ = ["Section", "approval_button", "deliver_waiting_submissions", "riwayat_command", "submit"]
