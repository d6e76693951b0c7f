"""Admin commands: /periode (periods, deadlines, reminder schedule), /siaran (broadcast), /rekap.

Each command checks admin rights first and refuses anyone else with a template, doing
nothing. The multi-step parts are wizard steps on the DB-backed engine; the logic lives in
bot.services.periods, bot.services.reminders, bot.tg.outbox_worker and bot.services.recap.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.services import admins, audit, broadcasts, periods, recap, reminders
from bot.storage import repo
from bot.templating import render
from bot.tg import outbox_worker
from bot.tg.deps import deps, user_is_admin
from bot.tg.menus import clear_admin_menu
from conversations import drafting
from conversations.admin_units import PickOpd, PickUnit
from conversations.engine import Screen, StaleButton, Step, Turn, int_after, start_flow
from skp_domain.errors import DomainError
from skp_domain.formats import SkpFormat


async def guard(turn: Turn) -> None:
    """Every change re-checks the rights (a revoke takes effect mid-flow too)."""
    if not await admins.is_admin(turn.session, turn.deps.settings.skp_admin_ids, turn.user_id):
        raise DomainError(render("messages/admin_refused.html.j2"))


async def close(turn: Turn) -> None:
    turn.data = {}
    turn.reset("")
    turn.notice = render("messages/admin_notice.html.j2", kind="closed")



# --- /periode ----------------------------------------------------------------------------


class PeriodList(Step):
    name = "adm.periods"

    async def screen(self, turn: Turn) -> Screen:
        rows = list(await periods.list_periods(turn.session))
        rules = await reminders.ensure_rules(turn.session)
        buttons = [[(f"{'✅ ' if p.active else ''}{p.name}"[:60], f"p:{p.id}")] for p in rows[:20]]
        buttons.append([("➕ Periode baru", "new"), ("⏰ Jadwal pengingat", "rules")])
        return Screen("messages/admin_periods.html.j2",
                      {"periods": rows, "schedule": reminders.describe(rules)}, buttons, back=False)

    async def on_button(self, turn: Turn, value: str) -> None:
        if value == "new":
            turn.data.update({"new": {}})
            turn.goto("adm.new.name")
        elif value == "rules":
            turn.goto("adm.rules")
        elif value.startswith("p:"):
            turn.set("period_id", int_after(value, "p:"))
            turn.goto("adm.period")
        else:
            raise StaleButton


class PeriodDetail(Step):
    name = "adm.period"

    async def screen(self, turn: Turn) -> Screen:
        period = await periods.get_period(turn.session, int(turn.data.get("period_id", 0)))
        count = await periods.skp_count(turn.session, period.id or 0)
        current = periods.format_of(period)
        other = next(f for f in SkpFormat if f is not current)
        buttons = [[("📅 Tenggat pengajuan", "sub"), ("📅 Tenggat persetujuan", "apr")]]
        if not period.active:
            buttons.append([("✅ Jadikan periode aktif", "act")])
        buttons.append([("✏️ Ganti nama", "ren")])
        if not count:
            buttons.append([(f"📄 Ganti format ke {other.short}", "fmt"), ("🗑 Hapus periode", "del")])
        return Screen("messages/admin_period.html.j2",
                      {"period": period, "format_label": current.label, "skp_count": count}, buttons)

    async def on_button(self, turn: Turn, value: str) -> None:
        period_id = int(turn.data.get("period_id", 0))
        if value in {"sub", "apr"}:
            turn.set("which", "submission" if value == "sub" else "approval")
            turn.goto("adm.deadline")
        elif value == "act":
            await guard(turn)
            period = await periods.activate_period(turn.session, period_id)
            turn.notice = render("messages/admin_notice.html.j2", kind="activated", period=period)
            turn.changed = True
        elif value == "ren":
            turn.goto("adm.rename")
        elif value == "del":
            turn.goto("adm.delete")
        elif value == "fmt":
            await guard(turn)
            period = await periods.get_period(turn.session, period_id)
            other = next(f for f in SkpFormat if f is not periods.format_of(period))
            period = await periods.set_format(turn.session, period_id, other)
            turn.notice = render("messages/admin_notice.html.j2", kind="format", period=period, label=other.label)
            turn.changed = True
        else:
            raise StaleButton


class RenamePeriod(Step):
    name = "adm.rename"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        period = await periods.get_period(turn.session, int(turn.data.get("period_id", 0)))
        return Screen("messages/admin_period_rename.html.j2", {"period": period})

    async def on_text(self, turn: Turn, text: str) -> None:
        await guard(turn)
        period = await periods.get_period(turn.session, int(turn.data.get("period_id", 0)))
        old = period.name
        period = await periods.rename_period(turn.session, period.id or 0, text)
        await audit.record(turn.session, await _actor(turn), audit.PERIOD, f"ganti nama: {old} -> {period.name}")
        turn.notice = render("messages/admin_notice.html.j2", kind="renamed", period=period)
        turn.back()


class DeletePeriod(Step):
    name = "adm.delete"

    async def screen(self, turn: Turn) -> Screen:
        period = await periods.get_period(turn.session, int(turn.data.get("period_id", 0)))
        return Screen("messages/admin_period_delete.html.j2", {"period": period}, [[("🗑 Ya, hapus", "yes")]])

    async def on_button(self, turn: Turn, value: str) -> None:
        if value != "yes":
            raise StaleButton
        await guard(turn)
        period = await periods.delete_period(turn.session, int(turn.data.get("period_id", 0)))
        await audit.record(turn.session, await _actor(turn), audit.PERIOD, f"dihapus: {period.name}")
        turn.notice = render("messages/admin_notice.html.j2", kind="deleted", period=period)
        turn.data = {"home": "adm.periods"}
        turn.reset("adm.periods")


async def _actor(turn: Turn) -> str:
    employee = await repo.employee_by_telegram(turn.session, turn.user_id)
    return audit.telegram_actor(turn.user_id, employee)


class NewPeriodField(Step):
    accepts_text = True

    def __init__(self, what: str) -> None:
        self.what = what
        self.name = f"adm.new.{what}"

    async def screen(self, turn: Turn) -> Screen:
        new = turn.data.get("new", {})
        start = periods.parse_date(new["start"]) if new.get("start") else None
        return Screen("messages/admin_period_ask.html.j2",
                      {"what": self.what, "period_name": new.get("name", ""), "start": start})

    async def on_text(self, turn: Turn, text: str) -> None:
        new = dict(turn.data.get("new", {}))
        if self.what == "name":
            new["name"] = periods.clean_name(text)
            turn.set("new", new)
            turn.goto("adm.new.start")
        elif self.what == "start":
            new["start"] = periods.parse_date(text, "Tanggal mulai").isoformat()
            turn.set("new", new)
            turn.goto("adm.new.end")
        else:
            await guard(turn)
            start, end = periods.parse_date(new["start"]), periods.parse_date(text, "Tanggal selesai")
            periods.check_range(start, end)
            await periods.check_no_overlap(turn.session, start, end)
            period = await periods.create_period(turn.session, new.get("name", ""), start, end)
            await audit.record(turn.session, await _actor(turn), audit.PERIOD,
                               f"dibuat: {period.name} (ID {period.id})")
            turn.data.update({"new": {}, "period_id": period.id})
            turn.reset("adm.period")
            turn.data["stack"] = ["adm.periods"]  # Kembali goes to the list, not to the questions
            turn.notice = render("messages/admin_notice.html.j2", kind="created", period=period)


class AskDeadline(Step):
    name = "adm.deadline"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        period = await periods.get_period(turn.session, int(turn.data.get("period_id", 0)))
        which = turn.data.get("which", "submission")
        current = period.submission_deadline if which == "submission" else period.approval_deadline
        return Screen("messages/admin_deadline_ask.html.j2", {"period": period, "which": which, "current": current})

    async def on_text(self, turn: Turn, text: str) -> None:
        await guard(turn)
        period = await periods.get_period(turn.session, int(turn.data.get("period_id", 0)))
        value = periods.parse_date(text, "Tenggat")
        submission, approval = period.submission_deadline, period.approval_deadline
        if turn.data.get("which") == "approval":
            approval = value
        else:
            submission = value
        await periods.set_deadlines(turn.session, period.id or 0, submission=submission, approval=approval)
        turn.notice = render("messages/admin_notice.html.j2", kind="deadline")
        turn.back()


class ReminderSchedule(Step):
    name = "adm.rules"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        rules = await reminders.ensure_rules(turn.session)
        default = ",".join(str(d) for d in reminders.DEFAULT_DAYS)
        return Screen("messages/admin_rules.html.j2", {"schedule": reminders.describe(rules)},
                      [[(f"Pakai bawaan ({default} pukul {reminders.DEFAULT_HOUR:02d}:00)", "default")]])

    async def _save(self, turn: Turn, days: list[int], hour: int, minute: int) -> None:
        await guard(turn)
        rules = await reminders.set_rules(turn.session, days, hour, minute)
        turn.notice = render("messages/admin_notice.html.j2", kind="rules", schedule=reminders.describe(rules))
        turn.back()

    async def on_text(self, turn: Turn, text: str) -> None:
        await self._save(turn, *reminders.parse_schedule(text))

    async def on_button(self, turn: Turn, value: str) -> None:
        if value != "default":
            raise StaleButton
        await self._save(turn, list(reminders.DEFAULT_DAYS), reminders.DEFAULT_HOUR, reminders.DEFAULT_MINUTE)


# --- /siaran -------------------------------------------------------------------------------



class BroadcastText(Step):
    name = "siaran.text"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        return Screen("messages/admin_broadcast_ask_text.html.j2", {"limit": broadcasts.MAX_BROADCAST_TEXT}, back=False)

    async def on_text(self, turn: Turn, text: str) -> None:
        turn.set("text", broadcasts.clean_broadcast_text(text))
        turn.goto("siaran.aud")


class BroadcastAudience(Step):
    name = "siaran.aud"

    async def screen(self, turn: Turn) -> Screen:
        period = await repo.active_period(turn.session)
        buttons = [
            [("👥 Semua pegawai terhubung", recap.ALL)],
            [("🏢 Satu OPD / unit kerja", recap.OPD)],
            [("📝 Belum mengajukan SKP", recap.NOT_SUBMITTED_AUDIENCE)],
            [("✅ Pejabat penilai, ada pengajuan menunggu", recap.PENILAI_WAITING)],
        ]
        return Screen("messages/admin_broadcast_audience.html.j2", {"period": period}, buttons)

    async def on_button(self, turn: Turn, value: str) -> None:
        if value not in recap.AUDIENCES or value == recap.UNIT:
            raise StaleButton
        turn.set("audience", value)
        turn.set("unit", None)
        turn.set("opd", None)
        if value == recap.OPD:
            turn.set("opd_page", 0)
            turn.goto("siaran.opd")
        else:
            turn.goto("siaran.confirm")


class BroadcastUnit(PickUnit):
    """The whole OPD, or one unit kerja of it."""

    async def picked(self, turn: Turn, opd: str, unit: str | None) -> None:
        turn.set("audience", recap.OPD if unit is None else recap.UNIT)
        turn.set("unit", unit)
        turn.goto("siaran.confirm")


class BroadcastConfirm(Step):
    name = "siaran.confirm"

    async def _recipients(self, turn: Turn) -> list[Any]:
        return await recap.audience(turn.session, turn.data.get("audience", recap.ALL), turn.data.get("unit"),
                                    turn.data.get("opd"))

    async def screen(self, turn: Turn) -> Screen:
        recipients = await self._recipients(turn)
        code, unit, opd = turn.data.get("audience", recap.ALL), turn.data.get("unit"), turn.data.get("opd")
        context = {
            "audience_label": render("messages/admin_audience_label.html.j2", code=code, unit=unit, opd=opd),
            "count": len(recipients),
            "text": turn.data.get("text", ""),  # the preview includes the message template
        }
        buttons = [[(f"📨 Kirim ke {len(recipients)} orang", "send")]] if recipients else []
        return Screen("messages/admin_broadcast_preview.html.j2", context, buttons)

    async def on_button(self, turn: Turn, value: str) -> None:
        if value != "send":
            raise StaleButton
        await guard(turn)
        employees = await self._recipients(turn)
        if not employees:
            turn.changed = True
            return
        text = turn.data.get("text", "")
        message = render("messages/admin_broadcast_message.html.j2", text=text)
        query = turn.update.callback_query
        card = query.message if query is not None else None
        chat = turn.update.effective_chat
        code, unit, opd = turn.data.get("audience", recap.ALL), turn.data.get("unit"), turn.data.get("opd")
        where = "/".join(p for p in (opd, unit) if p)
        # The Broadcast row and every OutboxMessage commit together with the wizard's state.
        broadcast = await broadcasts.enqueue(
            turn.session,
            created_by=turn.user_id,
            kind="siaran",
            text=text,
            audience=f"{code}:{where}" if where else code,
            recipients=[broadcasts.Recipient(e.chat_id, e.id, message) for e in employees],
            progress_chat_id=chat.id if chat else None,
            progress_message_id=card.message_id if card is not None else None,  # this card shows the progress
        )
        label = render("messages/admin_audience_label.html.j2", code=code, unit=unit, opd=opd)
        await audit.record(turn.session, await _actor(turn), audit.BROADCAST,
                           f"siaran #{broadcast.id} ke {label} ({len(employees)} orang): {text[:200]}")
        turn.data = {}
        turn.reset("")
        turn.notice = render("messages/admin_broadcast_started.html.j2", broadcast=broadcast)
        application = turn.context.application

        async def start_sending() -> None:
            outbox_worker.wake(application)

        turn.later(start_sending)


STEPS: tuple[Step, ...] = (
    PeriodList(), PeriodDetail(), NewPeriodField("name"), NewPeriodField("start"), NewPeriodField("end"),
    AskDeadline(), ReminderSchedule(), RenamePeriod(), DeletePeriod(), BroadcastText(), BroadcastAudience(),
    PickOpd("siaran"), BroadcastUnit("siaran"), BroadcastConfirm(),
)


# --- commands ------------------------------------------------------------------------------


async def refuse(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """True (and a polite refusal) when the user is not an admin."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    if await user_is_admin(deps(context), user.id):
        return False
    await chat.send_message(render("messages/admin_refused.html.j2"), parse_mode=ParseMode.HTML)
    # A revoked admin may still see the admin menu from an earlier start: drop it.
    await clear_admin_menu(context.bot, chat.id)
    return True


async def periode_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await refuse(update, context):
        await start_flow(update, context, "adm.periods")


async def siaran_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await refuse(update, context):
        await start_flow(update, context, "siaran.text")


async def open_draft(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The reminder's "Buka SKP saya" button: the same as typing /skp."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await drafting.skp_command(update, context)
