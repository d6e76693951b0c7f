"""Linking a Telegram account to an employee with a one-time activation code.

- Codes are 8 characters from a 31-letter alphabet (~40 bits), typed off paper. They are stored
  only as a salted scrypt hash, so a copied database does not give them away (an unsalted hash of
  40 bits is cracked in minutes); no key has to be configured or kept. Rows written before this
  scheme (unsalted SHA-256) are still accepted until they expire.
- A code is valid until it is used, replaced (`issue_codes(renew=True)`) or expires.
  Issuing codes again does not cancel the ones already handed out.
- Guessing is limited per Telegram account (MAX_FAILURES, then LOCK_MINUTES) and per NIP typed
  (NIP_MAX_FAILURES within NIP_WINDOW, then NIP_LOCK_MINUTES), so several accounts cannot keep
  guessing one person's code.
- Nothing tells a stranger whether a NIP is on the roster or already linked: the NIP step only
  checks its form, a wrong NIP and a wrong code get the same answer, and an unknown NIP costs the
  same hashing time as a known one. Only the holder of the right code learns that the NIP is
  already linked to another account.
- Inactive employees (leavers) get no codes and cannot link.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from sqlalchemy import delete, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services import broadcasts
from bot.storage.db import Database
from bot.storage.models import ActivationCode, Employee, LinkAttempt, NipAttempt, WizardSession, utcnow
from bot.templating import render

MAX_FAILURES = 5  # per Telegram account ...
LOCK_MINUTES = 15
NIP_MAX_FAILURES = 10  # ... and per NIP, whichever account types it
NIP_LOCK_MINUTES = 60
NIP_WINDOW = dt.timedelta(hours=24)  # failures older than this are forgotten
DEFAULT_CODE_DAYS = 30
# No 0/O, 1/I/L: codes are read off paper and typed on phones.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8

# scrypt cost: N = 2**14, r = 8, p = 1 (16 MiB, tens of milliseconds per hash). The parameters are
# stored in each hash, so they can be raised later without touching older codes.
SCRYPT_LOG2_N = 14
SCRYPT_R = 8
SCRYPT_P = 1
# The demo organisation's codes (printed on screen anyway) are hashed cheaply.
DEMO_LOG2_N = 10


class LinkOutcome(StrEnum):
    LINKED = "linked"
    ALREADY_LINKED_SELF = "already_self"
    NIP_TAKEN = "nip_taken"  # the right code, but the NIP is linked to another account (admin: unlink)
    ACCOUNT_TAKEN = "account_taken"  # this account is linked to another NIP
    WRONG_CODE = "wrong_code"  # wrong code, wrong or unknown NIP, expired code: one answer
    LOCKED = "locked"


@dataclass(frozen=True)
class LinkResult:
    outcome: LinkOutcome
    employee: Employee | None = None
    tries_left: int = 0
    locked_until: dt.datetime | None = None


def normalise(code: str) -> str:
    return code.strip().upper().replace(" ", "").replace("-", "")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _scrypt(code: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    n = 1 << log2_n
    return hashlib.scrypt(normalise(code).encode(), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r + 2**20, dklen=32)


def hash_code(code: str, *, log2_n: int = SCRYPT_LOG2_N) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(code, salt, log2_n, SCRYPT_R, SCRYPT_P)
    return f"scrypt${log2_n}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_code(code: str, stored: str) -> bool:
    """Constant-time check of a typed code against a stored hash (scrypt, or legacy SHA-256)."""
    if stored.startswith("scrypt$"):
        try:
            _, log2_n, r, p, salt, digest = stored.split("$")
            expected = _unb64(digest)
            actual = _scrypt(code, _unb64(salt), int(log2_n), int(r), int(p))
        except (ValueError, TypeError):
            return False
        return hmac.compare_digest(actual, expected)
    legacy = hashlib.sha256(normalise(code).encode()).hexdigest()
    return hmac.compare_digest(legacy, stored)


@cache
def _dummy_hash() -> str:
    return hash_code("DUMMYCODE")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def default_expiry(now: dt.datetime | None = None) -> dt.datetime:
    return (now or utcnow()) + dt.timedelta(days=DEFAULT_CODE_DAYS)


def _locked(until: dt.datetime | None, now: dt.datetime) -> bool:
    if until is None:
        return False
    return (until.replace(tzinfo=dt.UTC) if until.tzinfo is None else until) > now


# --- issuing ---------------------------------------------------------------------------------


@dataclass
class IssuedCodes:
    codes: dict[str, str] = field(default_factory=dict)  # nip -> the plain code, new this time
    kept: list[Employee] = field(default_factory=list)  # had a valid code already: none printed
    inactive: list[Employee] = field(default_factory=list)  # leavers: no code
    expires_at: dt.datetime | None = None


async def valid_code_holders(session: AsyncSession, employee_ids: Sequence[int]) -> set[int]:
    """Employees (of these) with an unused, unexpired code."""
    if not employee_ids:
        return set()
    now = utcnow()
    query = select(ActivationCode.employee_id).where(
        col(ActivationCode.employee_id).in_(list(employee_ids)),
        col(ActivationCode.used_at).is_(None),
        col(ActivationCode.expires_at) > now,
    )
    return set((await session.exec(query)).all())


async def issue_codes(
    session: AsyncSession,
    employees: Sequence[Employee],
    *,
    renew: bool = False,
    expires_at: dt.datetime | None = None,
    log2_n: int = SCRYPT_LOG2_N,
) -> IssuedCodes:
    """A code for each active employee who has no valid one (with `renew`: a new one for every
    active employee, replacing their unused codes). Earlier codes stay valid otherwise: only the
    hash is stored, so a code can be printed once, when it is made."""
    result = IssuedCodes(expires_at=expires_at or default_expiry())
    active: list[Employee] = []
    for employee in employees:
        (active if employee.active else result.inactive).append(employee)
    ids = [e.id for e in active if e.id is not None]
    if renew and ids:
        await session.exec(
            delete(ActivationCode).where(
                col(ActivationCode.employee_id).in_(ids), col(ActivationCode.used_at).is_(None)
            )
        )
        holders: set[int] = set()
    else:
        holders = await valid_code_holders(session, ids)
    plain: list[tuple[Employee, str]] = []
    for employee in active:
        assert employee.id is not None
        if employee.id in holders:
            result.kept.append(employee)
        else:
            plain.append((employee, new_code()))
    hashes = await asyncio.gather(*(asyncio.to_thread(hash_code, code, log2_n=log2_n) for _e, code in plain))
    for (employee, code), code_hash in zip(plain, hashes, strict=True):
        session.add(
            ActivationCode(employee_id=employee.id or 0, code_hash=code_hash, expires_at=result.expires_at)
        )
        result.codes[employee.nip] = code
    return result


# --- redeeming -------------------------------------------------------------------------------


async def lock_state(session: AsyncSession, telegram_id: int) -> LinkAttempt | None:
    attempt = await session.get(LinkAttempt, telegram_id)
    if attempt and _locked(attempt.locked_until, utcnow()):
        return attempt
    return None


async def check_account(session: AsyncSession, telegram_id: int, nip: str) -> LinkResult | None:
    """At the NIP step: only what concerns this account (already linked, to this NIP or another).
    Nothing about the NIP itself: whether it exists or is linked is not told before the code."""
    mine = (await session.exec(select(Employee).where(Employee.telegram_id == telegram_id))).first()
    if mine is None:
        return None
    if mine.nip == nip:
        return LinkResult(LinkOutcome.ALREADY_LINKED_SELF, mine)
    return LinkResult(LinkOutcome.ACCOUNT_TAKEN, mine)


async def _fail(session: AsyncSession, attempt: LinkAttempt, nip_attempt: NipAttempt, now: dt.datetime) -> LinkResult:
    attempt.failures += 1
    if nip_attempt.last_failure_at is not None and not _locked(nip_attempt.last_failure_at + NIP_WINDOW, now):
        nip_attempt.failures = 0  # the last failure was long ago
    nip_attempt.failures += 1
    nip_attempt.last_failure_at = now
    locked: dt.datetime | None = None
    if attempt.failures >= MAX_FAILURES:
        attempt.locked_until, attempt.failures = now + dt.timedelta(minutes=LOCK_MINUTES), 0
        locked = attempt.locked_until
    if nip_attempt.failures >= NIP_MAX_FAILURES:
        nip_attempt.locked_until, nip_attempt.failures = now + dt.timedelta(minutes=NIP_LOCK_MINUTES), 0
        locked = max(filter(None, [locked, nip_attempt.locked_until]))
    session.add(attempt)
    session.add(nip_attempt)
    if locked is not None:
        return LinkResult(LinkOutcome.LOCKED, locked_until=locked)
    left = min(MAX_FAILURES - attempt.failures, NIP_MAX_FAILURES - nip_attempt.failures)
    return LinkResult(LinkOutcome.WRONG_CODE, tries_left=left)


async def redeem(session: AsyncSession, telegram_id: int, chat_id: int, nip: str, code: str) -> LinkResult:
    """Check the code; link on success; count failures per account and per NIP, lock at the limit."""
    now = utcnow()
    attempt = await session.get(LinkAttempt, telegram_id) or LinkAttempt(telegram_id=telegram_id)
    if _locked(attempt.locked_until, now):
        return LinkResult(LinkOutcome.LOCKED, locked_until=attempt.locked_until)
    mine = await check_account(session, telegram_id, nip)
    if mine is not None:
        return mine
    nip_attempt = await session.get(NipAttempt, nip) or NipAttempt(nip=nip)
    if _locked(nip_attempt.locked_until, now):
        return LinkResult(LinkOutcome.LOCKED, locked_until=nip_attempt.locked_until)
    query_employee = select(Employee).where(Employee.nip == nip, Employee.active == True)  # noqa: E712
    employee = (await session.exec(query_employee)).first()
    candidates: list[ActivationCode] = []
    if employee is not None:
        query = select(ActivationCode).where(
            ActivationCode.employee_id == employee.id,
            col(ActivationCode.used_at).is_(None),
            col(ActivationCode.expires_at) > now,
        )
        candidates = list((await session.exec(query)).all())
    matched: ActivationCode | None = None
    if not candidates:
        await asyncio.to_thread(verify_code, code, _dummy_hash())  # the same time as a real check
    for candidate in candidates:
        if await asyncio.to_thread(verify_code, code, candidate.code_hash):
            matched = candidate
            break
    if matched is None or employee is None:
        return await _fail(session, attempt, nip_attempt, now)
    if employee.telegram_id is not None:
        return LinkResult(LinkOutcome.NIP_TAKEN, employee)  # the code stays unused: unlink, then link
    matched.used_at = now
    attempt.failures, attempt.locked_until = 0, None
    session.add_all([matched, attempt])
    if nip_attempt.failures or nip_attempt.locked_until:
        nip_attempt.failures, nip_attempt.locked_until = 0, None
        session.add(nip_attempt)
    _link(employee, telegram_id, chat_id)
    session.add(employee)
    return LinkResult(LinkOutcome.LINKED, employee)


def _link(employee: Employee, telegram_id: int, chat_id: int) -> None:
    if employee.chat_id != chat_id:
        employee.admin_menu_set = False  # a new chat: an admin's menu is set there by the bot's next look
    employee.telegram_id = telegram_id
    employee.chat_id = chat_id
    employee.linked_at = utcnow()
    employee.blocked_at = None


async def reset_wizards(session: AsyncSession, telegram_ids: Sequence[int]) -> None:
    """A change of link: whatever these accounts were doing belongs to the previous person."""
    ids = [i for i in telegram_ids if i is not None]
    if ids:
        await session.exec(
            update(WizardSession)
            .where(col(WizardSession.telegram_id).in_(ids))
            .values(step="", data={}, flow="", employee_id=None, version=WizardSession.version + 1, updated_at=utcnow())
        )


async def link_directly(db: Database, nip: str, telegram_id: int, chat_id: int) -> None:
    """For the offline console and tests: link without a code (the account's wizard is reset)."""
    async with db.session() as session:
        employee = (await session.exec(select(Employee).where(Employee.nip == nip))).one()
        other = (await session.exec(select(Employee).where(Employee.telegram_id == telegram_id))).first()
        previous = employee.telegram_id
        if other is not None and other.id != employee.id:
            other.telegram_id = None
            other.chat_id = None
            session.add(other)
            await session.flush()
        _link(employee, telegram_id, chat_id)
        session.add(employee)
        await reset_wizards(session, [telegram_id, *([previous] if previous not in (None, telegram_id) else [])])
        await session.commit()


# --- unlinking -------------------------------------------------------------------------------


class UnlinkError(ValueError):
    """`skp-bot unlink` could not do it; the message is Indonesian."""


@dataclass(frozen=True)
class Unlinked:
    employee: Employee
    old_telegram_id: int | None  # None: the NIP was not linked


async def unlink(session: AsyncSession, nip: str) -> Unlinked:
    """Free a NIP (new phone, someone else's account): the employee is unlinked, the old account's
    wizard is reset and it is told once, through the outbox (the running bot sends it). `/start`
    there starts linking again. The caller commits."""
    employee = (await session.exec(select(Employee).where(Employee.nip == nip.replace(" ", "")))).first()
    if employee is None:
        raise UnlinkError(f"Pegawai dengan NIP {nip} tidak ada di daftar pegawai.")
    old_telegram, old_chat = employee.telegram_id, employee.chat_id
    if old_telegram is None:
        return Unlinked(employee, None)
    employee.telegram_id = None
    employee.chat_id = None
    employee.linked_at = None
    employee.admin_menu_set = False
    session.add(employee)
    await session.flush()
    await reset_wizards(session, [old_telegram])
    text = render("messages/unlinked.html.j2")
    await broadcasts.enqueue(
        session,
        created_by=0,
        kind="unlink",
        text=text,
        audience="akun dilepas dari NIP",
        recipients=[broadcasts.Recipient(chat_id=old_chat or old_telegram, employee_id=None, text=text)],
    )
    return Unlinked(employee, old_telegram)
