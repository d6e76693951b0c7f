"""Automatic reminders before the active period's deadlines.

Rules (`ReminderRule`) say "N days before, at HH:MM local time" (default H-7, H-3, H-1, H-0 at
08:00 WIB). `fire_due` runs every few minutes and once at start: for each deadline of the
active period whose reminder day is today and whose time has passed, it enqueues the messages
in the outbox and records a `ReminderFire` row in the SAME transaction. The fire's unique key
(period, deadline, day) makes a second run, a restart or a second process a no-op; a bot that
was down at 08:00 sends at start the same day, never on a later day.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot import callback_data
from bot.services import broadcasts, recap
from bot.services import outside as outside_penilai
from bot.storage import repo
from bot.storage.db import Database
from bot.storage.models import Employee, Period, ReminderFire, ReminderRule
from bot.templating import render
from skp_domain.errors import DomainError

log = logging.getLogger(__name__)

DEFAULT_DAYS = (7, 3, 1, 0)
DEFAULT_HOUR, DEFAULT_MINUTE = 8, 0
MAX_DAYS_BEFORE = 60
SUBMISSION, APPROVAL = "submission", "approval"
OPEN_DRAFT_CALLBACK = "r1:open"


class ReminderError(DomainError):
    """A reminder schedule typed by an admin is not acceptable."""


# --- the schedule ------------------------------------------------------------------------


async def ensure_rules(session: AsyncSession) -> list[ReminderRule]:
    """The rules, seeding the defaults when the table is empty (the caller commits)."""
    rules = list((await session.exec(select(ReminderRule).order_by(col(ReminderRule.days_before).desc()))).all())
    if rules:
        return rules
    rules = [ReminderRule(days_before=d, hour=DEFAULT_HOUR, minute=DEFAULT_MINUTE) for d in DEFAULT_DAYS]
    session.add_all(rules)
    await session.flush()
    return rules


async def set_rules(session: AsyncSession, days: Sequence[int], hour: int, minute: int = 0) -> list[ReminderRule]:
    days = check_days(days)
    check_time(hour, minute)
    await session.exec(delete(ReminderRule))
    rules = [ReminderRule(days_before=d, hour=hour, minute=minute) for d in days]
    session.add_all(rules)
    await session.flush()
    return rules


def check_days(days: Sequence[int]) -> list[int]:
    unique = sorted(set(days), reverse=True)
    if not unique:
        raise ReminderError("Isi minimal satu hari, misalnya 7,3,1,0.")
    for d in unique:
        if not 0 <= d <= MAX_DAYS_BEFORE:
            raise ReminderError(f"Hari pengingat harus 0–{MAX_DAYS_BEFORE} hari sebelum tenggat (0 = hari-H).")
    return unique


def check_time(hour: int, minute: int) -> None:
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ReminderError("Jam pengingat harus antara 00:00 dan 23:59.")


def parse_schedule(text: str) -> tuple[list[int], int, int]:
    """`7,3,1,0 08:00`, `H-7, H-3 pukul 8`, `14 7 1` (the time defaults to 08:00)."""
    value = text.strip().lower().replace("wib", " ").strip()
    hour, minute = DEFAULT_HOUR, DEFAULT_MINUTE
    match = (re.search(r"(?:pukul|jam)\s*(\d{1,2})(?:[:.](\d{2}))?\s*$", value)
             or re.search(r"(\d{1,2})[:.](\d{2})\s*$", value))
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        value = value[: match.start()]
    parts = [p for p in re.split(r"[\s,;]+", value.replace("h-", " ")) if p]
    if not parts or not all(p.isdigit() for p in parts):
        raise ReminderError("Tulis hari sebelum tenggat dipisah koma, lalu jamnya, misalnya: 7,3,1,0 08:00")
    days = check_days([int(p) for p in parts])
    check_time(hour, minute)
    return days, hour, minute


def describe(rules: Sequence[ReminderRule]) -> str:
    days = ", ".join("H-0" if r.days_before == 0 else f"H-{r.days_before}" for r in rules)
    times = sorted({f"{r.hour:02d}:{r.minute:02d}" for r in rules})
    return f"{days} pukul {' / '.join(times)} WIB" if rules else "-"


# --- what is due ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Outside:
    """Who is reminded of SKPs waiting for a penilai outside the roster (the Bupati): their own
    account if linked, else the admins (`bot.services.outside.route`)."""

    admin_ids: Sequence[int] = ()
    default_name: str = "Bupati Kebumen"


@dataclass(frozen=True)
class Due:
    deadline_kind: str  # SUBMISSION / APPROVAL
    deadline: dt.date
    day: dt.date
    days_before: int


def due_reminders(period: Period, rules: Sequence[ReminderRule], now: dt.datetime) -> list[Due]:
    """Reminders whose day is today (in `now`'s zone) and whose time has passed."""
    today, moment = now.date(), now.time().replace(tzinfo=None)
    result: dict[tuple[str, dt.date], Due] = {}
    for kind, deadline in ((SUBMISSION, period.submission_deadline), (APPROVAL, period.approval_deadline)):
        if deadline is None:
            continue
        for rule in rules:
            day = deadline - dt.timedelta(days=rule.days_before)
            if day == today and moment >= dt.time(rule.hour, rule.minute):
                result.setdefault((kind, day), Due(kind, deadline, day, rule.days_before))
    return list(result.values())


async def _outside_waiting(
    session: AsyncSession, period: Period, outside: Outside
) -> dict[int, tuple[str, list[str], bool]]:
    """{chat: (who is addressed, [names waiting], admins acting for them)} for SKPs whose penilai is
    outside the roster."""
    by_chat: dict[int, tuple[str, list[str], bool]] = {}
    for _skp, owner in await outside_penilai.waiting_outside(session, period.id):
        if not owner.active:
            continue
        way = await outside_penilai.route(session, owner, outside.admin_ids, outside.default_name)
        addressee = f"Admin BKPSDM (atas nama {way.name})" if way.to_admins else way.name
        for chat in way.chat_ids:
            by_chat.setdefault(chat, (addressee, [], way.to_admins))[1].append(owner.nama)
    return by_chat


async def _recipients(
    session: AsyncSession, period: Period, due: Due, outside: Outside | None = None
) -> list[broadcasts.Recipient]:
    common = {"period": period, "deadline": due.deadline, "days": due.days_before}
    if due.deadline_kind == SUBMISSION:
        markup = {"inline_keyboard": [[{"text": "📝 Buka SKP saya", "callback_data": OPEN_DRAFT_CALLBACK}]]}
        return [
            broadcasts.Recipient(
                s.employee.chat_id or 0, s.employee.id,
                render("messages/reminder_submission.html.j2", nama=s.employee.nama,
                       status=recap.status_label(s.status), **common),
                markup,
            )
            for s in await recap.not_submitted(session, period.id or 0)
        ]
    result = [
        broadcasts.Recipient(
            penilai.chat_id, penilai.id,
            render("messages/reminder_approval.html.j2", nama=penilai.nama, waiting=[e.nama for e in waiting],
                   shown=min(len(waiting), MAX_MEMBER_BUTTONS), outside=False, on_behalf=False, **common),
            member_buttons(waiting),
        )
        for penilai, waiting in await recap.penilai_waiting(session, period.id or 0)
        if penilai.chat_id is not None
    ]
    if outside is not None:
        for chat, (addressee, names, to_admins) in (await _outside_waiting(session, period, outside)).items():
            text = render("messages/reminder_approval.html.j2", nama=addressee, waiting=names, outside=True,
                          on_behalf=to_admins, **common)
            result.append(broadcasts.Recipient(chat, None, text))
    return result


MAX_MEMBER_BUTTONS = 30


def member_buttons(waiting: Sequence[Employee]) -> dict[str, Any]:
    """One button per waiting submission: it opens that member's card in /tim, where Setujui /
    Minta revisi work even when the prompt itself is lost."""
    return {
        "inline_keyboard": [
            [{"text": f"⏳ {e.nama}"[:60], "callback_data": callback_data.team(e.id or 0, "sum")}]
            for e in waiting[:MAX_MEMBER_BUTTONS]
        ]
    }


async def fire_due(
    db: Database, tz: ZoneInfo, now: dt.datetime | None = None, *, outside: Outside | None = None
) -> list[Due]:
    """Enqueue every due reminder not fired yet; returns the ones fired now. With `outside`, the
    approval reminder also goes to whoever decides for a penilai outside the roster."""
    now = now or dt.datetime.now(tz)
    fired: list[Due] = []
    async with db.session() as session:
        period = await repo.active_period(session)
        rules = await ensure_rules(session)
        await session.commit()
        if period is None:
            return fired
        for due in due_reminders(period, rules, now):
            if await _already(session, period, due):
                continue
            recipients = await _recipients(session, period, due, outside)
            session.add(ReminderFire(period_id=period.id or 0, deadline=due.deadline_kind, day=due.day))
            if recipients:
                await broadcasts.enqueue(
                    session, created_by=0, kind="reminder",
                    text=f"Pengingat {due.deadline_kind} H-{due.days_before} ({period.name})",
                    audience=f"reminder:{due.deadline_kind}:H-{due.days_before}", recipients=recipients,
                )
            try:
                await session.commit()
            except IntegrityError:  # another process fired it a moment ago
                await session.rollback()
                continue
            log.info("reminder %s H-%d fired for period %s: %d recipients",
                     due.deadline_kind, due.days_before, period.id, len(recipients))
            fired.append(due)
    return fired


async def _already(session: AsyncSession, period: Period, due: Due) -> bool:
    query = select(ReminderFire).where(
        ReminderFire.period_id == period.id, ReminderFire.deadline == due.deadline_kind, ReminderFire.day == due.day
    )
    return (await session.exec(query)).first() is not None
