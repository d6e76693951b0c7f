"""Linking a Telegram account to an employee with a one-time activation code."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.storage.db import Database
from bot.storage.models import ActivationCode, Employee, LinkAttempt, utcnow

MAX_FAILURES = 5
LOCK_MINUTES = 15
# No 0/O, 1/I/L: codes are read off paper and typed on phones.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


class LinkOutcome(StrEnum):
    LINKED = "linked"
    ALREADY_LINKED_SELF = "already_self"
    NIP_TAKEN = "nip_taken"  # that NIP is linked to another Telegram account
    ACCOUNT_TAKEN = "account_taken"  # this account is linked to another NIP
    UNKNOWN_NIP = "unknown_nip"
    WRONG_CODE = "wrong_code"
    LOCKED = "locked"


@dataclass(frozen=True)
class LinkResult:
    outcome: LinkOutcome
    employee: Employee | None = None
    tries_left: int = 0
    locked_until: dt.datetime | None = None


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().replace(" ", "").replace("-", "").encode()).hexdigest()


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


async def issue_codes(session: AsyncSession, employees: Sequence[Employee]) -> dict[str, str]:
    """A fresh code per employee (older unused ones stop working). Returns {nip: code}."""
    codes: dict[str, str] = {}
    ids = [e.id for e in employees if e.id is not None]
    if ids:
        await session.exec(
            update(ActivationCode)
            .where(col(ActivationCode.employee_id).in_(ids), col(ActivationCode.used_at).is_(None))
            .values(used_at=utcnow())
        )
    for employee in employees:
        assert employee.id is not None
        code = new_code()
        session.add(ActivationCode(employee_id=employee.id, code_hash=_hash(code)))
        codes[employee.nip] = code
    return codes


async def lock_state(session: AsyncSession, telegram_id: int) -> LinkAttempt | None:
    attempt = await session.get(LinkAttempt, telegram_id)
    if attempt and attempt.locked_until and attempt.locked_until > utcnow():
        return attempt
    return None


async def check_nip_available(session: AsyncSession, telegram_id: int, nip: str) -> LinkResult | None:
    """Before asking for the code: say at once when linking cannot work."""
    mine = (await session.exec(select(Employee).where(Employee.telegram_id == telegram_id))).first()
    employee = (await session.exec(select(Employee).where(Employee.nip == nip))).first()
    if employee is None:
        return LinkResult(LinkOutcome.UNKNOWN_NIP)
    if mine is not None and mine.id == employee.id:
        return LinkResult(LinkOutcome.ALREADY_LINKED_SELF, employee)
    if mine is not None:
        return LinkResult(LinkOutcome.ACCOUNT_TAKEN, mine)
    if employee.telegram_id is not None:
        return LinkResult(LinkOutcome.NIP_TAKEN, employee)
    return None


async def redeem(session: AsyncSession, telegram_id: int, chat_id: int, nip: str, code: str) -> LinkResult:
    """Check the code; link on success; count failures and lock after MAX_FAILURES."""
    attempt = await session.get(LinkAttempt, telegram_id) or LinkAttempt(telegram_id=telegram_id)
    now = utcnow()
    if attempt.locked_until and attempt.locked_until > now:
        return LinkResult(LinkOutcome.LOCKED, locked_until=attempt.locked_until)
    blocked = await check_nip_available(session, telegram_id, nip)
    if blocked is not None:
        return blocked
    employee = (await session.exec(select(Employee).where(Employee.nip == nip))).one()
    query = select(ActivationCode).where(
        ActivationCode.employee_id == employee.id,
        ActivationCode.code_hash == _hash(code),
        col(ActivationCode.used_at).is_(None),
    )
    activation = (await session.exec(query)).first()
    if activation is None:
        attempt.failures += 1
        if attempt.failures >= MAX_FAILURES:
            attempt.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
            attempt.failures = 0
            session.add(attempt)
            return LinkResult(LinkOutcome.LOCKED, locked_until=attempt.locked_until)
        session.add(attempt)
        return LinkResult(LinkOutcome.WRONG_CODE, tries_left=MAX_FAILURES - attempt.failures)
    activation.used_at = now
    attempt.failures = 0
    attempt.locked_until = None
    session.add(attempt)
    _link(employee, telegram_id, chat_id)
    session.add(employee)
    return LinkResult(LinkOutcome.LINKED, employee)


def _link(employee: Employee, telegram_id: int, chat_id: int) -> None:
    employee.telegram_id = telegram_id
    employee.chat_id = chat_id
    employee.linked_at = utcnow()
    employee.blocked_at = None


async def link_directly(db: Database, nip: str, telegram_id: int, chat_id: int) -> None:
    """For the offline console and tests: link without a code."""
    async with db.session() as session:
        employee = (await session.exec(select(Employee).where(Employee.nip == nip))).one()
        other = (await session.exec(select(Employee).where(Employee.telegram_id == telegram_id))).first()
        if other is not None and other.id != employee.id:
            other.telegram_id = None
            session.add(other)
            await session.flush()
        _link(employee, telegram_id, chat_id)
        session.add(employee)
        await session.commit()
