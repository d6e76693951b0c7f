"""Supervisor tools: `/tim` (the team's SKP status) and `/matriks` (Matriks Peran dan Hasil).

The member card carries what the penilai may do now: Setujui / Minta revisi on a submission (the
same stateless buttons as the prompt, handled by `conversations.approval`: only the penilai, only
the current version, once), 🔔 Ingatkan for someone who has not submitted (once a day), 🔓 Buka
untuk perubahan on an approved SKP. Each handler reads or writes in one session
(`bot.services.team`, `bot.services.lifecycle`), closes it, then talks to Telegram."""

from __future__ import annotations

import asyncio
import datetime as dt

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot import callback_data
from bot.documents.matrix import render_matrix_pdf, render_matrix_xlsx
from bot.services import lifecycle, team, versions
from bot.services.cascade import OPEN_SKP_BUTTON
from bot.templating import render, render_plain
from bot.tg.deps import deps
from conversations import matrix_plan
from conversations import penilai as penilai_flow
from conversations.approval import actor_of, decision_buttons, penilai_parts_label, summary_items
from conversations.documents import send_documents
from skp_domain.formats import SkpFormat
from skp_domain.skp import WAITING_FOR_PENILAI, Action, Status
from skp_domain.year import AmendScope


async def tim_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    async with deps(context).db.session() as session:
        mine = await team.team_of(session, user.id)
    rows = [
        {
            "member": member,
            "status": team.STATUS_LABELS[skp.status if skp else team.NOT_STARTED],
            "waiting": skp is not None and Status(skp.status) in WAITING_FOR_PENILAI,
        }
        for member, skp in mine.members
    ]
    buttons = [
        [InlineKeyboardButton(f"{'⏳ ' if r['waiting'] else ''}{n}. {m.nama}"[:60],
                              callback_data=callback_data.team(m.id or 0, "sum"))]
        for n, (r, (m, _)) in enumerate(zip(rows, mine.members, strict=True), start=1)
    ]
    if mine.members and mine.period is not None and mine.period.format == SkpFormat.PERMENPANRB_6_2022.value:
        buttons.append([InlineKeyboardButton("👥 Ekspektasi khusus tim", callback_data=callback_data.team(0, "tek"))])
    text = render("messages/team.html.j2", me=mine.me, period=mine.period, rows=rows, counts=mine.counts())
    await chat.send_message(
        text, parse_mode=ParseMode.HTML, reply_markup=InlineKeyboardMarkup(buttons) if buttons else None
    )


def member_markup(view: team.MemberView, *, confirm_reopen: bool = False) -> InlineKeyboardMarkup | None:
    """The actions that fit the member's SKP as it stands now."""
    member_id = view.member.id or 0
    skp = view.skp
    status = Status(skp.status) if skp is not None else None
    rows: list[list[InlineKeyboardButton]] = []
    if skp is not None and status in WAITING_FOR_PENILAI:
        rows.append(decision_buttons(skp.id or 0, skp.version))
    if skp is None or status in (Status.DRAFT, Status.REVISION_REQUESTED):
        rows.append([InlineKeyboardButton("🔔 Ingatkan", callback_data=callback_data.team(member_id, "nudge"))])
    if skp is not None and (status is Status.APPROVED or (
        status is Status.AMENDING and skp.amend_scope != AmendScope.FULL.value
    )):
        if confirm_reopen:
            rows.append([
                InlineKeyboardButton("🔓 Ya, buka", callback_data=callback_data.team(member_id, "reopen")),
                InlineKeyboardButton("Batal", callback_data=callback_data.team(member_id, "sum")),
            ])
        else:
            rows.append([InlineKeyboardButton(
                "🔓 Buka untuk perubahan", callback_data=callback_data.team(member_id, "ask_reopen"))])
    if skp is not None:
        rows.append([InlineKeyboardButton("📄 Dokumen", callback_data=callback_data.team(member_id, "doc"))])
        # What the penilai writes (ekspektasi khusus, lampiran under 6/2022; tanggal penetapan).
        six = bool(view.bundle and view.bundle.six)
        parts = InlineKeyboardButton(penilai_parts_label(six), callback_data=callback_data.team(member_id, "pen"))
        rows.append([parts])
    return InlineKeyboardMarkup(rows) if rows else None


async def team_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    d = deps(context)
    try:
        button = callback_data.decode(query.data)
        if not isinstance(button, callback_data.TeamButton):
            raise callback_data.CallbackDataError("not a team button")
    except callback_data.CallbackDataError:
        await query.answer(render_plain("messages/error_stale.html.j2"), show_alert=True)
        return
    if button.action in ("pen", "tek", "plan"):
        await _penilai_button(update, context, button)
        return
    if button.action == "nudge":
        await _nudge(update, context, button.employee_id)
        return
    if button.action == "reopen":
        await _reopen(update, context, button.employee_id)
        return
    try:
        async with d.db.session() as session:
            view = await team.member_of(session, user.id, button.employee_id)
            in_force = await versions.latest(session, view.skp.id or 0) if view.skp is not None else None
    except team.NotInTeam:
        await query.answer(render_plain("messages/team_not_yours.html.j2"), show_alert=True)
        return
    await query.answer()
    assert query.message is not None
    chat_id = query.message.chat.id
    if button.action == "doc" and view.skp is not None and view.skp.id is not None:
        await send_documents(context.bot, d, chat_id, view.skp.id, with_approved=True)
        return
    text = render(
        "messages/team_member.html.j2",
        member=view.member,
        bundle=view.bundle,
        items=summary_items(view.bundle, language=True) if view.bundle else [],
        confirm_reopen=button.action == "ask_reopen",
        in_force=in_force.number if in_force is not None else None,
    )
    markup = member_markup(view, confirm_reopen=button.action == "ask_reopen")
    if button.action == "ask_reopen" and isinstance(query.message, Message):
        await query.message.edit_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
        return
    await context.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup)




async def _penilai_button(
    update: Update, context: ContextTypes.DEFAULT_TYPE, button: callback_data.TeamButton
) -> None:
    """Open the penilai's flows: one member's SKP ("pen"), the team's ekspektasi ("tek"), the
    top-down matrix plan ("plan"). Who may write is checked by the flows themselves."""
    query = update.callback_query
    assert query is not None
    if button.action == "tek":
        await query.answer()
        await penilai_flow.open_for_team(update, context)
        return
    if button.action == "plan":
        await query.answer()
        await matrix_plan.open_plan(update, context)
        return
    async with deps(context).db.session() as session:
        skp_id = await team.active_skp_id(session, button.employee_id)
    if skp_id is None:
        await query.answer(render_plain("messages/no_skp_yet.html.j2"), show_alert=True)
        return
    await query.answer()
    await penilai_flow.open_for_skp(update, context, skp_id)


async def _nudge(update: Update, context: ContextTypes.DEFAULT_TYPE, member_id: int) -> None:
    """🔔 Ingatkan: at most once a day per member, recorded before the message goes out."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    d = deps(context)
    today = dt.datetime.now(d.settings.tz).date()
    try:
        async with d.db.write_session() as session:
            result = await team.nudge(session, user.id, member_id, today)
            await session.commit()
    except team.NotInTeam:
        await query.answer(render_plain("messages/team_not_yours.html.j2"), show_alert=True)
        return
    await query.answer(render_plain("messages/nudge_answer.html.j2", result=result), show_alert=True)
    if result.outcome == "sent" and result.member.chat_id is not None:
        await context.bot.send_message(
            result.member.chat_id,
            render("messages/nudge_member.html.j2", me=result.me, status=team.STATUS_LABELS[
                result.status or team.NOT_STARTED]),
            parse_mode=ParseMode.HTML,
            reply_markup=InlineKeyboardMarkup.de_json(OPEN_SKP_BUTTON, context.bot),
        )


async def _reopen(update: Update, context: ContextTypes.DEFAULT_TYPE, member_id: int) -> None:
    """🔓 Ya, buka: the penilai opens an approved SKP for any change (the approved version stays
    in force until the change is approved)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    d = deps(context)
    refusal = None
    change = None
    async with d.db.write_session() as session:
        try:
            view = await team.member_of(session, user.id, member_id)
            if view.skp is None:
                raise lifecycle.StaleSkp(render_plain("messages/approval_stale.html.j2", status=None), None)
            change = await lifecycle.change_status(
                session, view.skp.id or 0, Action.REOPEN, await actor_of(session, d, user.id),
                outside_name=d.settings.skp_penilai_luar_nama,
            )
            await session.commit()
        except team.NotInTeam:
            refusal = render_plain("messages/team_not_yours.html.j2")
        except lifecycle.NotAllowed as exc:
            refusal = exc.message
        except lifecycle.StaleSkp as exc:
            refusal = exc.message
    if refusal is not None or change is None:
        await query.answer(refusal or "", show_alert=True)
        return
    await query.answer(render_plain("messages/reopen_done.html.j2", change=change), show_alert=True)
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    owner = change.owner
    if owner.chat_id is not None:
        await context.bot.send_message(
            owner.chat_id,
            render("messages/reopened_employee.html.j2", penilai=change.penilai, number=change.version_number),
            parse_mode=ParseMode.HTML,
            reply_markup=InlineKeyboardMarkup.de_json(OPEN_SKP_BUTTON, context.bot),
        )


async def matriks_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    async with deps(context).db.session() as session:
        views = await team.team_matrix(session, user.id)
    if not views:
        await chat.send_message(render("messages/matrix_none.html.j2"), parse_mode=ParseMode.HTML)
        return
    pdf = await asyncio.to_thread(render_matrix_pdf, views)
    xlsx = await asyncio.to_thread(render_matrix_xlsx, views)
    plan = InlineKeyboardMarkup(
        [[InlineKeyboardButton("🗺 Rencanakan peran anggota", callback_data=callback_data.team(0, "plan"))]]
    )
    await chat.send_message(
        render("messages/matrix_sent.html.j2", views=views), parse_mode=ParseMode.HTML, reply_markup=plan
    )
    await chat.send_document(pdf, filename="Matriks_Peran_Hasil.pdf")
    await chat.send_document(xlsx, filename="Matriks_Peran_Hasil.xlsx")
