"""Supervisor tools: `/tim` (the team's SKP status) and `/matriks` (Matriks Peran dan Hasil).

Each handler reads in one session (`bot.services.team`), closes it, then talks to Telegram."""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot import callback_data
from bot.documents.matrix import render_matrix_pdf, render_matrix_xlsx
from bot.services import team
from bot.templating import render, render_plain
from bot.tg.deps import deps
from conversations import matrix_plan
from conversations import penilai as penilai_flow
from conversations.approval import approval_buttons, penilai_parts_label, summary_items
from conversations.documents import send_documents
from skp_domain.formats import SkpFormat
from skp_domain.skp import Status


async def tim_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    async with deps(context).db.session() as session:
        mine = await team.team_of(session, user.id)
    rows = [
        {"member": member, "status": team.STATUS_LABELS[skp.status if skp else team.NOT_STARTED]}
        for member, skp in mine.members
    ]
    buttons = [
        [InlineKeyboardButton(f"{n}. {m.nama}"[:60], callback_data=callback_data.team(m.id or 0, "sum"))]
        for n, (m, _) in enumerate(mine.members, start=1)
    ]
    if mine.members and mine.period is not None and mine.period.format == SkpFormat.PERMENPANRB_6_2022.value:
        buttons.append([InlineKeyboardButton("👥 Ekspektasi khusus tim", callback_data=callback_data.team(0, "tek"))])
    text = render("messages/team.html.j2", me=mine.me, period=mine.period, rows=rows, counts=mine.counts())
    await chat.send_message(
        text, parse_mode=ParseMode.HTML, reply_markup=InlineKeyboardMarkup(buttons) if buttons else None
    )


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
    try:
        async with d.db.session() as session:
            view = await team.member_of(session, user.id, button.employee_id)
    except team.NotInTeam:
        await query.answer(render_plain("messages/team_not_yours.html.j2"), show_alert=True)
        return
    await query.answer()
    assert query.message is not None
    chat_id = query.message.chat.id
    if button.action == "doc" and view.skp is not None and view.skp.id is not None:
        await send_documents(context.bot, d, chat_id, view.skp.id)
        return
    markup = None
    if view.skp is not None:
        rows = [
            [InlineKeyboardButton("📄 Dokumen", callback_data=callback_data.team(view.member.id or 0, "doc"))],
            [
                InlineKeyboardButton(
                    penilai_parts_label(bool(view.bundle and view.bundle.six)),
                    callback_data=callback_data.team(view.member.id or 0, "pen"),
                )
            ],
        ]
        if view.skp.status == Status.SUBMITTED.value and view.skp.id is not None:
            # The penilai as the roster names them now can always act, e.g. after a roster change
            # moved this SKP to them (the first prompt went to the previous penilai).
            rows.insert(0, approval_buttons(view.skp.id, view.skp.version))
        markup = InlineKeyboardMarkup(rows)
    text = render(
        "messages/team_member.html.j2",
        member=view.member,
        bundle=view.bundle,
        items=summary_items(view.bundle) if view.bundle else [],
    )
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
