"""Pejabat penilai outside the roster (the Bupati for a Kepala Dinas or the Sekda).

They have no NIP and are never imported, so the top of the tree is decided one of two ways:

* **by an admin on their behalf** (the default): the approval prompt goes to the admins
  (SKP_ADMIN_IDS and granted, linked employees) marked "atas nama Bupati Kebumen"; the decision
  is recorded with `SkpEvent.on_behalf_of` and in the audit log;
* **through an account of their own** (an ajudan's), if the regency prefers: an
  `ExternalPenilai` record (name, jabatan, optional code) with its own activation code. Once
  linked, that account gets the prompts and may decide for the SKPs whose penilai it is.

Which record serves an employee is read from the roster row (`resolve`): its `penilai_luar_id`
equals the record's `kode`, or else its `penilai_luar_nama` — or SKP_PENILAI_LUAR_NAMA when the
row names nobody — equals the record's name (case and spaces ignored). The roster keeps the text
as the file gave it; re-importing changes nothing here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services import admins
from bot.services.linking import ALPHABET, CODE_LENGTH, LOCK_MINUTES, MAX_FAILURES, new_code
from bot.storage.models import Employee, ExternalPenilai, LinkAttempt, Skp, utcnow
from skp_domain.errors import DomainError, TextError
from skp_domain.text import clean_text, normalize_space

MAX_NAME = 120


class OutsideError(DomainError):
    """An external penilai could not be added, found or changed (Indonesian message)."""


def normal(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def outside_name(owner: Employee, default: str) -> str:
    """Who assesses this head of the tree, by name ("Bupati Kebumen")."""
    return owner.penilai_luar_nama or default


def serves(external: ExternalPenilai, owner: Employee, default_name: str) -> bool:
    """Is `external` the penilai of `owner` (an employee whose penilai is outside the roster)?"""
    if owner.atasan_id is not None:
        return False
    if owner.penilai_luar_id and external.kode:
        return normal(owner.penilai_luar_id) == normal(external.kode)
    return normal(outside_name(owner, default_name)) == normal(external.nama)


async def all_external(session: AsyncSession) -> list[ExternalPenilai]:
    return list((await session.exec(select(ExternalPenilai).order_by(col(ExternalPenilai.nama)))).all())


async def resolve(session: AsyncSession, owner: Employee, default_name: str) -> ExternalPenilai | None:
    """The external penilai record of `owner`, if the regency registered one."""
    if owner.atasan_id is not None:
        return None
    for external in await all_external(session):
        if serves(external, owner, default_name):
            return external
    return None


async def by_telegram(session: AsyncSession, telegram_id: int) -> ExternalPenilai | None:
    query = select(ExternalPenilai).where(ExternalPenilai.telegram_id == telegram_id)
    return (await session.exec(query)).first()


# --- where an approval prompt goes ------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str  # the penilai outside the roster, by name
    external: ExternalPenilai | None  # their record, if registered
    chat_ids: tuple[int, ...]  # who gets the prompt
    to_admins: bool  # no linked account of their own: admins decide on their behalf


async def route(
    session: AsyncSession, owner: Employee, admin_ids: Collection[int], default_name: str
) -> Route:
    external = await resolve(session, owner, default_name)
    name = external.nama if external is not None else outside_name(owner, default_name)
    if external is not None and external.chat_id is not None:
        return Route(name, external, (external.chat_id,), False)
    chats = await admins.admin_chat_ids(session, admin_ids)
    # A kepala who is also an admin does not get his own SKP to decide.
    return Route(name, external, tuple(c for c in chats if c != owner.chat_id), True)


async def served_by(session: AsyncSession, external: ExternalPenilai, default_name: str) -> list[Employee]:
    """Active employees whose penilai this record is."""
    query = select(Employee).where(col(Employee.atasan_id).is_(None), Employee.active == True)  # noqa: E712
    people = (await session.exec(query.order_by(col(Employee.nama)))).all()
    return [e for e in people if serves(external, e, default_name)]


async def waiting_outside(session: AsyncSession, period_id: int | None = None) -> list[tuple[Skp, Employee]]:
    """Submitted SKPs whose penilai is outside the roster (oldest first)."""
    query = (
        select(Skp, Employee)
        .join(Employee, col(Employee.id) == col(Skp.employee_id))
        .where(col(Employee.atasan_id).is_(None), Skp.status == "SUBMITTED")
        .order_by(col(Skp.submitted_at), col(Skp.id))
    )
    if period_id is not None:
        query = query.where(Skp.period_id == period_id)
    return [(skp, owner) for skp, owner in (await session.exec(query)).all()]


async def waiting_for(session: AsyncSession, external: ExternalPenilai, default_name: str) -> list[int]:
    """Submitted SKPs waiting for this external penilai."""
    return [skp.id or 0 for skp, owner in await waiting_outside(session) if serves(external, owner, default_name)]


# --- records and their codes (skp-bot penilai-luar …) -----------------------------------------


def _clean(text: str, what: str, limit: int = MAX_NAME) -> str:
    try:
        return clean_text(text, what, limit)
    except TextError as exc:
        raise OutsideError(exc.message) from exc


async def find(session: AsyncSession, key: str) -> ExternalPenilai:
    """By ID, kode or name (case and spaces ignored)."""
    wanted = normal(key)
    for external in await all_external(session):
        if str(external.id) == wanted or normal(external.nama) == wanted or normal(external.kode) == wanted:
            return external
    known = ", ".join(f"{e.id}: {e.nama}" for e in await all_external(session)) or "belum ada"
    raise OutsideError(f"Penilai di luar daftar pegawai “{key.strip()[:60]}” tidak ada (terdaftar: {known}).")


async def add(
    session: AsyncSession, nama: str, jabatan: str = "", kode: str | None = None
) -> tuple[ExternalPenilai, bool]:
    """Create the record, or update the jabatan/kode of the one with that name. (record, created)."""
    nama = _clean(nama, "Nama penilai")
    jabatan = normalize_space(jabatan or "")[:MAX_NAME]
    kode = normalize_space(kode or "")[:60] or None
    records = await all_external(session)
    existing = next((e for e in records if normal(e.nama) == normal(nama)), None)
    if kode and any(normal(e.kode) == normal(kode) and e is not existing for e in records):
        raise OutsideError(f"Kode {kode} sudah dipakai penilai lain.")
    if existing is not None:
        existing.jabatan = jabatan or existing.jabatan
        existing.kode = kode or existing.kode
        session.add(existing)
        await session.flush()
        return existing, False
    external = ExternalPenilai(nama=nama, jabatan=jabatan, kode=kode)
    session.add(external)
    await session.flush()
    return external, True


def _hash(code: str) -> str:
    return hashlib.sha256(("penilai-luar:" + squash_code(code)).encode()).hexdigest()


def squash_code(text: str) -> str:
    return "".join(ch for ch in (text or "").upper() if ch not in " -")


def looks_like_code(text: str) -> bool:
    """An activation code as typed (`ABCD EFGH`, `abcd-efgh`) — never a NIP (18 digits)."""
    code = squash_code(text)
    return len(code) == CODE_LENGTH and all(ch in ALPHABET for ch in code) and not code.isdigit()


async def issue_code(session: AsyncSession, external: ExternalPenilai) -> str:
    """A new one-time code (an earlier unused one stops working: there is one account per record)."""
    code = new_code()
    external.code_hash, external.code_created_at = _hash(code), utcnow()
    session.add(external)
    await session.flush()
    return code


async def unlink(session: AsyncSession, external: ExternalPenilai) -> int | None:
    """Free the record's account (a new ajudan); returns the old chat id, if any."""
    chat = external.chat_id
    external.telegram_id = external.chat_id = external.linked_at = None
    session.add(external)
    await session.flush()
    return chat


class Outcome(StrEnum):
    LINKED = "linked"
    ALREADY = "already"  # this account is already this record's
    WRONG_CODE = "wrong_code"
    LOCKED = "locked"


@dataclass(frozen=True)
class LinkResult:
    outcome: Outcome
    external: ExternalPenilai | None = None
    tries_left: int = 0
    locked_until: dt.datetime | None = None


async def redeem(session: AsyncSession, telegram_id: int, chat_id: int, code: str) -> LinkResult:
    """Link this account to the record whose unused code this is (a fresh code the admin issued
    moves the record to the account that redeems it: a new ajudan); wrong codes count towards the
    same lock-out as employees' codes."""
    attempt = await session.get(LinkAttempt, telegram_id) or LinkAttempt(telegram_id=telegram_id)
    now = utcnow()
    if attempt.locked_until and attempt.locked_until > now:
        return LinkResult(Outcome.LOCKED, locked_until=attempt.locked_until)
    query = select(ExternalPenilai).where(ExternalPenilai.code_hash == _hash(code))
    external = (await session.exec(query)).first()
    if external is None:
        mine = await by_telegram(session, telegram_id)
        if mine is not None:
            return LinkResult(Outcome.ALREADY, mine)
        attempt.failures += 1
        if attempt.failures >= MAX_FAILURES:
            attempt.locked_until, attempt.failures = now + dt.timedelta(minutes=LOCK_MINUTES), 0
            session.add(attempt)
            return LinkResult(Outcome.LOCKED, locked_until=attempt.locked_until)
        session.add(attempt)
        return LinkResult(Outcome.WRONG_CODE, tries_left=MAX_FAILURES - attempt.failures)
    if external.telegram_id == telegram_id:
        return LinkResult(Outcome.ALREADY, external)
    other = await by_telegram(session, telegram_id)
    if other is not None:  # one account serves one external penilai
        other.telegram_id = other.chat_id = other.linked_at = None
        session.add(other)
        await session.flush()
    external.telegram_id, external.chat_id, external.linked_at = telegram_id, chat_id, now
    external.code_hash = None  # used
    attempt.failures, attempt.locked_until = 0, None
    session.add_all([external, attempt])
    await session.flush()
    return LinkResult(Outcome.LINKED, external)


__all__: Sequence[str] = [
    "ExternalPenilai", "LinkResult", "Outcome", "OutsideError", "Route", "add", "find", "issue_code",
    "looks_like_code", "outside_name", "redeem", "resolve", "route", "serves", "unlink", "waiting_for",
]
