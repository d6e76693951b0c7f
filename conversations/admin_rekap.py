"""`/rekap`: progress at a glance (a PNG chart per OPD, or per unit of a single OPD), the numbers
with linked / not linked, the XLSX of every employee, then a card to download every approved
SKP of an OPD or unit as one ZIP of PDFs. Reads in one session, closes it, then sends."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any

from telegram import InputFile, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.documents.pdf import render_slots
from bot.services import bulk, outside, recap
from bot.storage import repo
from bot.templating import render
from bot.tg.deps import deps
from conversations.admin import guard, refuse
from conversations.admin_units import PickOpd, PickUnit
from conversations.engine import Step, Turn, start_flow

log = logging.getLogger(__name__)
MAX_SHOWN = 25
MAX_ZIP_BYTES = 48 * 1024 * 1024  # the Bot API takes documents up to 50 MB


def render_recap_summary(result: recap.Recap, tz: Any, waiting_outside: int = 0) -> str:
    groups = result.groups()
    return render(
        "messages/admin_recap.html.j2",
        recap=result,
        shown=groups[:MAX_SHOWN],
        hidden=max(0, len(groups) - MAX_SHOWN),
        totals=result.totals,
        now=dt.datetime.now(tz),
        waiting_outside=waiting_outside,
    )


async def _chart(result: recap.Recap) -> bytes:
    async with render_slots():  # CPU work: shares the PDF renderers' slots
        return await asyncio.to_thread(recap.recap_chart, result)


async def rekap_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if await refuse(update, context):
        return
    chat = update.effective_chat
    assert chat is not None
    d = deps(context)
    async with d.db.session() as session:
        period = await repo.active_period(session)
        result = await recap.build_recap(session, period, d.settings.tz) if period is not None else None
        waiting = len(await outside.waiting_outside(session, period.id)) if period is not None else 0
    if result is None:
        await chat.send_message(render("messages/admin_no_period.html.j2"), parse_mode=ParseMode.HTML)
        return
    try:
        chart = await _chart(result)
        await chat.send_photo(InputFile(chart, filename="rekap.png"))
    except TelegramError:
        raise
    except Exception:  # a chart that cannot be drawn must not cost the admin the numbers
        log.exception("recap chart failed")
    await chat.send_message(render_recap_summary(result, d.settings.tz, waiting), parse_mode=ParseMode.HTML)
    content = await asyncio.to_thread(recap.recap_xlsx, result)
    await chat.send_document(
        InputFile(content, filename=recap.recap_filename(result.period)),
        caption=render("messages/admin_recap_caption.html.j2", period=result.period),
        parse_mode=ParseMode.HTML,
    )
    if result.totals.get("Disetujui"):
        if result.single_opd and result.opds:
            await start_flow(update, context, "rekap.unit", opd=result.opds[0].opd)
        else:
            await start_flow(update, context, "rekap.opd")


class ZipUnit(PickUnit):
    """A pick makes one ZIP of the approved SKPs' PDFs, sent after the commit."""

    async def picked(self, turn: Turn, opd: str, unit: str | None) -> None:
        await guard(turn)
        period = await repo.active_period(turn.session)
        if period is None:
            turn.error = render("messages/admin_no_period.html.j2")
            return
        scope = bulk.Scope(opd, unit)
        rows = await bulk.approved_in(turn.session, period.id or 0, scope)
        if not rows:
            turn.error = render("messages/admin_zip.html.j2", kind="none", scope=scope, period=period)
            return
        turn.data = {}
        turn.reset("")
        turn.notice = render("messages/admin_zip.html.j2", kind="started", scope=scope, period=period, count=len(rows))
        chat = turn.update.effective_chat
        assert chat is not None
        bot, d, chat_id = turn.context.bot, turn.deps, chat.id
        name = f"SKP-disetujui-{scope.slug}.zip"

        async def send_zip() -> None:
            files = await bulk.render_approved(d.db, d.settings, rows)
            content = await asyncio.to_thread(bulk.zip_files, files)
            if len(content) > MAX_ZIP_BYTES:
                await bot.send_message(chat_id, render("messages/admin_zip.html.j2", kind="too_big", scope=scope,
                                                       period=period, count=len(files)), parse_mode=ParseMode.HTML)
                return
            await bot.send_document(
                chat_id, InputFile(content, filename=name),
                caption=render("messages/admin_zip.html.j2", kind="caption", scope=scope, period=period,
                               count=len(files)),
                parse_mode=ParseMode.HTML,
            )

        turn.later(send_zip)


STEPS: tuple[Step, ...] = (PickOpd("rekap"), ZipUnit("rekap"))
