"""Supervisor tools: `/tim` (the team's SKP status) and `/matriks` (Matriks Peran dan Hasil)."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot import callback_data
from bot.documents.matrix import MatrixView, render_matrix_pdf, render_matrix_xlsx
from bot.services.bundle import load_bundle
from bot.storage import repo
from bot.storage.models import Employee, Skp
from bot.templating import render, render_plain
from bot.tg.deps import deps
from conversations.approval import summary_items
from conversations.documents import send_documents
from skp_domain.matrix import MatrixColumn, MatrixMember, build_matrix
from skp_domain.skp import Section, Status

NOT_STARTED = "BELUM"
STATUS_LABELS = {NOT_STARTED: "Belum mulai", **{s.value: s.label for s in Status}}


async def _team(
    context: ContextTypes.DEFAULT_TYPE, telegram_id: int
) -> tuple[Any, Any, list[tuple[Employee, Skp | None]]]:
    async with deps(context).db.session() as session:
        me = await repo.employee_by_telegram(session, telegram_id)
        period = await repo.active_period(session)
        members: list[tuple[Employee, Skp | None]] = []
        if me is not None and period is not None:
            for member in await repo.subordinates(session, me.id or 0):
                members.append((member, await repo.skp_of(session, member.id or 0, period.id or 0)))
    return me, period, members


async def tim_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    me, period, members = await _team(context, user.id)
    counts: dict[str, int] = dict.fromkeys(STATUS_LABELS, 0)
    rows = []
    for member, skp in members:
        status = skp.status if skp else NOT_STARTED
        counts[status] += 1
        rows.append({"member": member, "status": STATUS_LABELS[status]})
    buttons = [
        [InlineKeyboardButton(f"{n}. {m.nama}"[:60], callback_data=callback_data.team(m.id or 0, "sum"))]
        for n, (m, _) in enumerate(members, start=1)
    ]
    text = render(
        "messages/team.html.j2",
        me=me,
        period=period,
        rows=rows,
        counts=[(STATUS_LABELS[k], v) for k, v in counts.items()],
    )
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
    async with d.db.session() as session:
        me = await repo.employee_by_telegram(session, user.id)
        member = await session.get(Employee, button.employee_id)
        period = await repo.active_period(session)
        if me is None or member is None or member.atasan_id != me.id:
            await query.answer(render_plain("messages/team_not_yours.html.j2"), show_alert=True)
            return
        skp = await repo.skp_of(session, member.id or 0, period.id or 0) if period else None
        bundle = await load_bundle(session, skp) if skp else None
    await query.answer()
    assert query.message is not None
    chat_id = query.message.chat.id
    if button.action == "doc" and skp is not None and skp.id is not None:
        await send_documents(context.bot, d, chat_id, skp.id)
        return
    markup = None
    if skp is not None:
        markup = InlineKeyboardMarkup(
            [[InlineKeyboardButton("📄 Dokumen", callback_data=callback_data.team(member.id or 0, "doc"))]]
        )
    text = render(
        "messages/team_member.html.j2", member=member, bundle=bundle, items=summary_items(bundle) if bundle else []
    )
    await context.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup)


async def build_team_matrix(context: ContextTypes.DEFAULT_TYPE, telegram_id: int) -> MatrixView | None:
    """Columns: the penilai's approved results; rows: team members; cells: what each supports."""
    async with deps(context).db.session() as session:
        me = await repo.employee_by_telegram(session, telegram_id)
        period = await repo.active_period(session)
        if me is None or period is None:
            return None
        columns = await repo.approved_items_of(session, me.id or 0, period.id or 0)
        if not columns:
            return None
        members = []
        for member in await repo.subordinates(session, me.id or 0):
            skp = await repo.skp_of(session, member.id or 0, period.id or 0)
            contributions: dict[int, tuple[str, ...]] = {}
            if skp is not None:
                for item in await repo.items_of(session, skp.id or 0):
                    if item.section == Section.UTAMA.value and item.parent_item_id and item.rencana_kinerja:
                        key = item.parent_item_id
                        contributions[key] = (*contributions.get(key, ()), item.rencana_kinerja)
            members.append(MatrixMember(jabatan=member.jabatan, nama=member.nama, contributions=contributions))
        themes = list(dict.fromkeys(c.parent_text for c in columns if c.parent_text))
    matrix = build_matrix(
        " · ".join(f"{n}. {t.upper()}" for n, t in enumerate(themes, start=1)) or me.jabatan,
        [MatrixColumn(key=c.id or 0, title=c.rencana_kinerja) for c in columns],
        members,
    )
    return MatrixView(
        title=matrix.title,
        unit=me.unit_kerja,
        penilai_nama=me.nama,
        penilai_jabatan=me.jabatan,
        columns=tuple(c.title for c in matrix.columns),
        rows=matrix.rows,
    )


async def matriks_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    view = await build_team_matrix(context, user.id)
    if view is None:
        await chat.send_message(render("messages/matrix_none.html.j2"), parse_mode=ParseMode.HTML)
        return
    import asyncio

    pdf = await asyncio.to_thread(render_matrix_pdf, view)
    xlsx = await asyncio.to_thread(render_matrix_xlsx, view)
    await chat.send_message(render("messages/matrix_sent.html.j2", view=view), parse_mode=ParseMode.HTML)
    await chat.send_document(pdf, filename="Matriks_Peran_Hasil.pdf")
    await chat.send_document(xlsx, filename="Matriks_Peran_Hasil.xlsx")
