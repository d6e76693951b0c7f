"""`/riwayat`: the life of one's SKP this period — every approved version (each one's documents a
tap away) and every event — and the version buttons (owner or current penilai only)."""

from __future__ import annotations

import datetime as dt

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot import callback_data
from bot.services import documents, versions
from bot.storage import repo
from bot.storage.models import Employee, ExternalPenilai, SkpEvent
from bot.templating import render, render_plain
from bot.tg.deps import deps
from conversations.documents import send_version_documents
from skp_domain.skp import Status

_ACTIONS = {
    "submit": "diajukan",
    "approve": "disetujui",
    "request_revision": "revisi diminta",
    "withdraw": "pengajuan ditarik",
    "amend": "dibuka untuk menambah Kinerja Tambahan",
    "reopen": "dibuka untuk perubahan oleh pejabat penilai",
    "cancel_amendment": "perubahan dibatalkan; kembali ke versi yang disetujui",
    "salin": "draf dimulai",
}
_AMENDMENT_ACTIONS = {
    "submit": "perubahan diajukan",
    "approve": "perubahan disetujui",
    "request_revision": "revisi perubahan diminta",
    "withdraw": "pengajuan perubahan ditarik",
}


def event_label(event: SkpEvent) -> str:
    amendment = Status.AMENDMENT_SUBMITTED.value in (event.from_status, event.to_status)
    if amendment and event.action in _AMENDMENT_ACTIONS:
        return _AMENDMENT_ACTIONS[event.action]
    return _ACTIONS.get(event.action, event.action)


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
        kept = await versions.all_versions(session, skp.id or 0) if skp else []
        people = {ev.actor_id for ev in events if ev.actor_id} | {v.approved_by_id for v in kept if v.approved_by_id}
        actors = {e.id: e for e in [await session.get(Employee, i) for i in people] if e}
        externals = {
            ev.external_penilai_id: await session.get(ExternalPenilai, ev.external_penilai_id)
            for ev in events if ev.external_penilai_id
        }
    text = render(
        "messages/riwayat.html.j2",
        linked=employee is not None,
        skp=skp,
        status=Status(skp.status) if skp else None,
        events=[(e, event_label(e)) for e in events],
        versions=kept,
        actors=actors,
        externals={k: v for k, v in externals.items() if v is not None},
        tz=d.settings.tz,
        dt=dt,
    )
    buttons = [
        InlineKeyboardButton(f"📄 Versi {v.number}", callback_data=callback_data.history(v.skp_id, v.number))
        for v in kept
    ]
    rows = [buttons[n : n + 3] for n in range(0, len(buttons), 3)]
    await chat.send_message(
        text, parse_mode=ParseMode.HTML, reply_markup=InlineKeyboardMarkup(rows) if rows else None
    )


async def version_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """📄 Versi N: that approved version's PDF and DOCX, for the owner or their penilai."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    d = deps(context)
    try:
        button = callback_data.decode(query.data)
        if not isinstance(button, callback_data.HistoryButton):
            raise callback_data.CallbackDataError("not a history button")
    except callback_data.CallbackDataError:
        await query.answer(render_plain("messages/error_stale.html.j2"), show_alert=True)
        return
    async with d.db.session() as session:
        allowed = await documents.may_read(session, user.id, button.skp_id)
    if not allowed:
        await query.answer(render_plain("messages/team_not_yours.html.j2"), show_alert=True)
        return
    await query.answer()
    assert query.message is not None
    if not await send_version_documents(context.bot, d, query.message.chat.id, button.skp_id, button.number):
        await context.bot.send_message(query.message.chat.id, render("messages/error_stale.html.j2"))
