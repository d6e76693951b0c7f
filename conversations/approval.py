"""The pejabat penilai's side: submission prompts, Setujui / Minta revisi, history.

Approval buttons are stateless (`a1:<skp>:<version>:<action>`): every tap is checked against
the database — the tapping user must be the SKP's penilai, the version must be current — and
status changes are compare-and-set, so a double tap or a second process changes nothing twice.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot import callback_data
from bot.services import actors, audit, coach, lifecycle, outside, versions
from bot.services.bundle import Bundle, load_bundle, target_text
from bot.services.lifecycle import Actor
from bot.storage import repo
from bot.storage.models import Employee, Skp, SkpEvent, utcnow
from bot.templating import render, render_plain
from bot.tg import limits, outbox_worker
from bot.tg.deps import Deps, deps
from conversations import penilai as penilai_flow
from conversations import prompts
from conversations.documents import send_documents
from conversations.engine import Screen, StaleButton, Step, Turn, int_after, run_turn
from skp_domain.errors import DomainError
from skp_domain.safety import check_plain
from skp_domain.skp import WAITING_FOR_PENILAI, Action, Aspek, ItemDiff, Section, Status, diff_items
from skp_domain.text import MAX_COMMENT, clean_text
from skp_domain.year import Relink, item_codes

log = logging.getLogger(__name__)
PENILAI_PARTS = "🧭 Ekspektasi, lampiran, tanggal"  # PermenPANRB 6/2022: what the penilai writes
PENILAI_DATE = "📅 Tanggal penetapan"  # 8/2021: only the date


def penilai_parts_label(six: bool) -> str:
    return PENILAI_PARTS if six else PENILAI_DATE


def summary_items(bundle: Bundle, *, language: bool = False) -> list[dict[str, Any]]:
    """Every item for the penilai's eyes; with ``language``, each says whether its rencana kinerja
    still reads as an activity (``activity``), as the employee was told at Ajukan."""
    flagged = coach.activity_items(bundle) if language else {}
    out = []
    for item in bundle.items:
        out.append(
            {
                "code": f"{item.section[0]}{bundle.number_of(item)}",
                "parent": item.parent_text or item.basis or "-",
                "provisional": item.provisional and item.section == Section.UTAMA.value,
                "relink": Relink(item.relink).label if item.relink else None,
                "rk": item.rencana_kinerja,
                "activity": (item.id or 0) in flagged,
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


def _as_dict(diff: ItemDiff) -> dict[str, list[str]]:
    return {"added": list(diff.added), "changed": list(diff.changed), "removed": list(diff.removed)}


def _diff_of(event: SkpEvent | None, previous: SkpEvent | None) -> dict[str, list[str]] | None:
    if event is None or previous is None or event.snapshot is None or previous.snapshot is None:
        return None
    return _as_dict(diff_items(previous.snapshot, event.snapshot))


# How to make a long prompt fit (Telegram counts UTF-16 units): first every field shorter, then
# fewer items ("… dan N rencana kinerja lain (lihat PDF)").
_FITTING: tuple[tuple[int | None, int | None], ...] = (
    (None, None), (300, None), (120, None), (60, None), (60, 10), (60, 3), (40, 0)
)


async def prompt_text(
    session: Any, bundle: Bundle, *, outside_name: str | None = None, on_behalf: bool = False
) -> str:
    """The prompt: who, what changed (since the last submission; for an amendment, since the
    approved version), every item with its link (provisional ones marked) — made to fit Telegram's
    4096 UTF-16 units field by field, never by slicing HTML."""
    amended_from = None
    diff: dict[str, list[str]] | None
    if bundle.status is Status.AMENDMENT_SUBMITTED:
        amended_from = await versions.latest(session, bundle.skp.id or 0)
    if amended_from is not None:
        diff = _as_dict(versions.amendment_diff(bundle, amended_from))
    else:
        events = [e for e in await repo.events_of(session, bundle.skp.id or 0) if e.action == "submit"]
        diff = _diff_of(events[-1] if events else None, events[-2] if len(events) > 1 else None)
    items = summary_items(bundle, language=True)
    activity = sum(1 for i in items if i["activity"])
    text = ""
    for units, shown in _FITTING:
        kept = items if shown is None else items[:shown]
        text = render(
            "messages/approval_prompt.html.j2",
            bundle=bundle,
            items=kept if units is None else limits.shorten_fields(kept, units),
            hidden=len(items) - len(kept),
            diff=diff if units is None else limits.shorten_fields(diff, units),
            amended_from=amended_from.number if amended_from is not None else None,
            provisional=sum(1 for i in items if i["provisional"]),
            activity=activity,
            outside_name=outside_name,
            on_behalf=on_behalf,
        )
        if limits.fits(text):
            return text
    return limits.truncate_html(text)


def decision_buttons(skp_id: int, version: int) -> list[InlineKeyboardButton]:
    """Setujui / Minta revisi: the same stateless buttons on the prompt, /tim and the reminder."""
    return [
        InlineKeyboardButton("✅ Setujui", callback_data=callback_data.approval(skp_id, version, "ok")),
        InlineKeyboardButton("✍️ Minta revisi", callback_data=callback_data.approval(skp_id, version, "rev")),
    ]


async def send_approval_prompt(bot: Bot, d: Deps, skp_id: int) -> bool:
    """Send the penilai the draft with Setujui / Minta revisi. False when nobody could get it.

    A penilai outside the roster (the Bupati): the account of their own if linked, else every admin,
    marked "atas nama …" (`bot.services.outside.route`)."""
    async with d.db.session() as session:
        skp = await session.get(Skp, skp_id)
        if skp is None or Status(skp.status) not in WAITING_FOR_PENILAI:
            return False
        bundle = await load_bundle(session, skp)
        if bundle.penilai is not None:
            chats: tuple[int, ...] = (bundle.penilai.chat_id,) if bundle.penilai.chat_id is not None else ()
            text = await prompt_text(session, bundle) if chats else ""
        else:
            way = await outside.route(
                session, bundle.employee, d.settings.skp_admin_ids, d.settings.skp_penilai_luar_nama
            )
            chats = way.chat_ids
            text = await prompt_text(session, bundle, outside_name=way.name, on_behalf=way.to_admins)
        if not chats:
            return False
        version, nama = skp.version, bundle.employee.nama
        activity = len(coach.activity_items(bundle))
        owner_id, six = bundle.employee.id or 0, bundle.six
    markup = InlineKeyboardMarkup(
        [
            decision_buttons(skp_id, version),
            # The penilai's parts (ekspektasi khusus, lampiran, tanggal penetapan): conversations/penilai.py
            [InlineKeyboardButton(penilai_parts_label(six), callback_data=callback_data.team(owner_id, "pen"))],
        ]
    )
    # The penilai (or every admin deciding for a penilai outside the roster) must always be left a way
    # to act: neither a failed document nor a refused prompt may leave the SKP waiting without
    # buttons, and one admin who blocked the bot must not keep it from the others.
    delivered = False
    for chat_id in chats:
        try:
            try:
                await send_documents(bot, d, chat_id, skp_id)
            except Exception as exc:  # the buttons below matter more than the attachment
                log.warning("documents for submission %s not sent: %s", skp_id, type(exc).__name__)
            try:
                message = await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup)
                sent_text = text
            except BadRequest as exc:
                log.warning("approval prompt for %s refused (%s): sending the short one", skp_id, type(exc).__name__)
                sent_text = render(
                    "messages/approval_prompt_short.html.j2", nama=limits.shorten(nama, 200), activity=activity
                )
                message = await bot.send_message(chat_id, sent_text, parse_mode=ParseMode.HTML, reply_markup=markup)
        except TelegramError as exc:
            if len(chats) == 1:
                raise
            log.info("approval prompt %s not delivered to one chat: %s", skp_id, type(exc).__name__)
            continue
        # Kept, so a withdrawal or a decision elsewhere (/tim, another admin) can close this prompt.
        await prompts.remember(d, skp_id, version, chat_id, message.message_id, sent_text)
        delivered = True
    return delivered


async def submit(turn: Turn, bundle: Bundle) -> None:
    """Ajukan (through the one status-change function); the penilai is told after the commit."""
    change = await lifecycle.change_status(
        turn.session, bundle.skp.id or 0, Action.SUBMIT, Actor.of(turn.employee), seen_version=bundle.skp.version
    )
    await turn.session.refresh(bundle.skp)
    chat = turn.update.effective_chat
    assert chat is not None
    bot, d, chat_id, skp_id = turn.context.bot, turn.deps, chat.id, change.skp_id
    penilai, amendment = change.penilai, change.amendment
    way = None
    if penilai is None:
        way = await outside.route(
            turn.session, change.owner, d.settings.skp_admin_ids, d.settings.skp_penilai_luar_nama
        )

    async def notify() -> None:
        delivered = await send_approval_prompt(bot, d, skp_id)
        await bot.send_message(
            chat_id,
            render("messages/submitted.html.j2", penilai=penilai, delivered=delivered, outside=way,
                   amendment=amendment),
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
    return await actors.actor_for(session, d.settings.skp_admin_ids, telegram_id)


async def audit_on_behalf(session: Any, change: lifecycle.StatusChange, telegram_id: int) -> None:
    """An admin's decision for a penilai outside the roster goes into the audit log too."""
    if change.on_behalf_of is None:
        return
    employee = await repo.employee_by_telegram(session, telegram_id)
    action = audit.APPROVE_ON_BEHALF if change.action is Action.APPROVE else audit.REVISION_ON_BEHALF
    note = f": {change.comment}" if change.comment else ""
    await audit.record(
        session, audit.telegram_actor(telegram_id, employee), action,
        f"SKP {change.owner.nama} (NIP {change.owner.nip}) atas nama {change.on_behalf_of}{note}",
    )


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
        await query.answer(render_plain("messages/approval_stale.html.j2", status=None), show_alert=True)
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
                await audit_on_behalf(session, change, user.id)
                await session.commit()
            else:
                await lifecycle.check_allowed(
                    session, button.skp_id, action, actor, seen_version=button.version,
                    outside_name=d.settings.skp_penilai_luar_nama,
                )
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
    await announce_approval(update, context, change)


async def announce_approval(update: Update, context: ContextTypes.DEFAULT_TYPE, change: lifecycle.StatusChange) -> None:
    """After an approval is committed: the tapped message and every other prompt say so, the
    employee gets the final documents, flagged subordinates get their notices (outbox)."""
    query, d = update.callback_query, deps(context)
    message = query.message if query is not None and isinstance(query.message, Message) else None
    note = render("messages/approval_done_note.html.j2", at=utcnow(), number=change.version_number)
    await _strip_buttons(message, note)
    await prompts.close(
        context.bot, d, change.skp_id, note, keep=(message.chat.id, message.message_id) if message else None
    )
    if change.flagged:
        outbox_worker.wake(context.application)
    owner = change.owner
    if owner.chat_id is not None:
        await context.bot.send_message(
            owner.chat_id,
            render(
                "messages/approved_employee.html.j2", penilai=change.penilai, on_behalf_of=change.on_behalf_of,
                amendment=change.amendment, number=change.version_number,
                external_penilai=change.external_penilai,
            ),
            parse_mode=ParseMode.HTML,
        )
        await send_documents(context.bot, d, owner.chat_id, change.skp_id)


# --- Minta revisi: the penilai's comment, per item or for the whole SKP ------------------


async def _submitted_bundle(turn: Turn) -> Bundle:
    skp = await turn.session.get(Skp, turn.data.get("skp_id"))
    if skp is None or Status(skp.status) not in WAITING_FOR_PENILAI or skp.version != turn.data.get("skp_version"):
        raise DomainError(render("messages/approval_stale.html.j2", status=Status(skp.status) if skp else None))
    bundle = await load_bundle(turn.session, skp)
    # Every screen of this flow re-checks the actor: the roster may have named another penilai
    # since "Minta revisi" was tapped (NotAllowed ends the flow with its message).
    actor = await actor_of(turn.session, turn.deps, turn.user_id)
    lifecycle.authorise(Action.REQUEST_REVISION, actor, bundle.employee)
    return bundle


def _chosen(turn: Turn, bundle: Bundle) -> list[int]:
    """The items the note is about, in the SKP's order (empty: the whole SKP)."""
    chosen = {int(i) for i in turn.data.get("item_ids") or []}
    return [item.id or 0 for item in bundle.items if item.id in chosen]


class RevisionScope(Step):
    """Pick one or several items (each tap toggles one), or the whole SKP; then the note. Typing
    the note right away is accepted too."""

    name = "rev.scope"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        bundle = await _submitted_bundle(turn)
        chosen = set(_chosen(turn, bundle))
        rows = [[("📄 Seluruh SKP", "all")]]
        rows += [
            [(f"{'☑️' if item.id in chosen else '⬜'} {i['code']}. {i['rk']}"[:60], f"it:{item.id}")]
            for i, item in zip(summary_items(bundle), bundle.items, strict=True)
        ]
        if chosen:
            rows.append([(f"✍️ Tulis catatan ({len(chosen)} dipilih)", "next")])
        codes = [i["code"] for i, item in zip(summary_items(bundle), bundle.items, strict=True) if item.id in chosen]
        context = {"bundle": bundle, "codes": item_codes(codes)}
        return Screen("messages/revision_scope.html.j2", context, rows, back=False)

    async def on_button(self, turn: Turn, value: str) -> None:
        bundle = await _submitted_bundle(turn)
        if value == "all":
            turn.set("item_ids", [])
            turn.goto("rev.comment")
        elif value == "next":
            if not _chosen(turn, bundle):
                raise StaleButton
            turn.goto("rev.comment")
        else:
            item_id = int_after(value, "it:")
            if not any(i.id == item_id for i in bundle.items):
                raise StaleButton
            chosen = _chosen(turn, bundle)
            turn.set("item_ids", [i for i in chosen if i != item_id] if item_id in chosen else [*chosen, item_id])

    async def on_text(self, turn: Turn, text: str) -> None:
        await send_revision(turn, text)


class RevisionComment(Step):
    name = "rev.comment"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        bundle = await _submitted_bundle(turn)
        chosen = _chosen(turn, bundle)
        items = [
            {"code": i["code"], "rk": i["rk"]}
            for i, item in zip(summary_items(bundle), bundle.items, strict=True) if item.id in chosen
        ]
        return Screen("messages/revision_comment.html.j2", {"bundle": bundle, "items": items, "limit": MAX_COMMENT})

    async def on_text(self, turn: Turn, text: str) -> None:
        await send_revision(turn, text)


async def send_revision(turn: Turn, text: str) -> None:
    """Minta revisi with the note (through the one status-change function); told after the commit."""
    comment = check_plain(clean_text(text, "Catatan revisi", MAX_COMMENT), "Catatan revisi")
    bundle = await _submitted_bundle(turn)
    item_ids = _chosen(turn, bundle)
    actor = await actor_of(turn.session, turn.deps, turn.user_id)  # re-checked: the roster may have changed
    try:
        change = await lifecycle.change_status(
            turn.session,
            bundle.skp.id or 0,
            Action.REQUEST_REVISION,
            actor,
            seen_version=bundle.skp.version,
            comment=comment,
            item_ids=item_ids,
            outside_name=turn.deps.settings.skp_penilai_luar_nama,
        )
    except lifecycle.StaleSkp as exc:
        raise DomainError(render("messages/approval_stale.html.j2", status=exc.status)) from exc
    await audit_on_behalf(turn.session, change, turn.user_id)
    on_behalf_of = change.on_behalf_of or change.external_penilai
    codes = [f"{item.section[0]}{bundle.number_of(item)}" for item in bundle.items if item.id in item_ids]
    owner_chat = change.owner.chat_id
    bot, d, chat = turn.context.bot, turn.deps, turn.update.effective_chat
    prompt_id = turn.data.get("prompt_message_id")
    skp_id, amendment = change.skp_id, change.amendment
    turn.data = {}
    turn.reset("")
    turn.notice = render("messages/revision_sent.html.j2", employee=bundle.employee)
    note = render("messages/revision_done_note.html.j2", at=utcnow())

    async def notify() -> None:
        await prompts.close(bot, d, skp_id, note)
        if chat is not None and prompt_id:
            try:
                await bot.edit_message_reply_markup(chat.id, prompt_id, reply_markup=None)
            except TelegramError:  # already closed above, or gone; the decision stands
                log.info("could not strip approval buttons of message %s", prompt_id)
        if owner_chat is not None:
            await bot.send_message(
                owner_chat,
                render("messages/revision_employee.html.j2", comment=comment, item_codes=item_codes(codes),
                       amendment=amendment, on_behalf_of=on_behalf_of),
                parse_mode=ParseMode.HTML,
            )

    turn.later(notify)


STEPS: tuple[Step, ...] = (RevisionScope(), RevisionComment())


__all__ = ["Section", "approval_button", "deliver_waiting_submissions", "submit"]
