"""What the pejabat penilai writes into an SKP under PermenPANRB 6/2022: the ekspektasi khusus per
BerAKHLAK value (once for the whole team, then adjusted per person), the lampiran (from defaults
accepted with one tap) and the tanggal penetapan (also for admins).

Authorisation is the same as for approving (`lifecycle.authorise`): the penilai the roster names
now, or an admin for a penilai outside the roster. Callers commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services import lifecycle
from bot.services.bundle import Bundle, load_bundle_by_id, tanggal_penetapan
from bot.services.lifecycle import Actor
from bot.storage.models import ExternalPenilai, SkpEkspektasi, SkpLampiran, TeamEkspektasi, utcnow
from skp_domain.format6 import (
    LAMPIRAN_FIELDS,
    VALUE_KEYS,
    Lampiran,
    check_tanggal_penetapan,
    clean_ekspektasi,
    clean_lampiran_text,
    core_value,
    default_lampiran,
    effective_expectations,
)
from skp_domain.formats import SkpFormat
from skp_domain.skp import Action, Status

OUTSIDE_ROSTER = 0  # TeamEkspektasi.penilai_id of the penilai outside the roster


@dataclass(frozen=True)
class Extras:
    """The parts of an SKP the penilai writes (loaded apart from the hot-path bundle)."""

    team: dict[str, str] = field(default_factory=dict)
    own: dict[str, str | None] = field(default_factory=dict)
    lampiran: Lampiran | None = None

    @property
    def expectations(self) -> dict[str, str]:
        return effective_expectations(self.team, self.own)

    def adjusted(self, key: str) -> bool:
        return self.own.get(key) is not None


def team_key(bundle: Bundle) -> int:
    """Whose team this SKP belongs to: the penilai the roster names now (0: outside the roster)."""
    return bundle.employee.atasan_id or OUTSIDE_ROSTER


async def team_expectations(session: AsyncSession, penilai_id: int, period_id: int) -> dict[str, str]:
    query = select(TeamEkspektasi).where(TeamEkspektasi.penilai_id == penilai_id, TeamEkspektasi.period_id == period_id)
    return {row.nilai: row.teks for row in (await session.exec(query)).all()}


async def own_expectations(session: AsyncSession, skp_id: int) -> dict[str, str | None]:
    query = select(SkpEkspektasi).where(SkpEkspektasi.skp_id == skp_id)
    return {row.nilai: row.teks for row in (await session.exec(query)).all()}


async def lampiran_of(session: AsyncSession, skp_id: int) -> Lampiran | None:
    row = await session.get(SkpLampiran, skp_id)
    if row is None:
        return None
    return Lampiran(row.dukungan_sumber_daya, row.skema_pertanggungjawaban, row.konsekuensi)


async def extras_of(session: AsyncSession, bundle: Bundle) -> Extras:
    skp_id = bundle.skp.id or 0
    return Extras(
        team=await team_expectations(session, team_key(bundle), bundle.period.id or 0),
        own=await own_expectations(session, skp_id),
        lampiran=await lampiran_of(session, skp_id),
    )


# --- authorisation ---------------------------------------------------------------------


async def penilai_bundle(
    session: AsyncSession, skp_id: int, actor: Actor, *, outside_name: str = "penilai di luar daftar pegawai"
) -> Bundle:
    """The SKP, if `actor` may write its penilai parts (whoever may approve it: its penilai, the
    account of a penilai outside the roster, or an admin acting for one); raises
    lifecycle.NotAllowed otherwise."""
    bundle = await load_bundle_by_id(session, skp_id)
    if bundle is None:
        raise lifecycle.NotAllowed("SKP tidak ditemukan.")
    external = (
        await session.get(ExternalPenilai, actor.external_penilai_id) if actor.external_penilai_id is not None else None
    )
    lifecycle.authorise(Action.APPROVE, actor, bundle.employee, outside_name=outside_name, external=external)
    return bundle


def check_open(bundle: Bundle) -> None:
    """The penilai's parts are fixed once the SKP is approved (a new SKP follows a change)."""
    if Status(bundle.skp.status) is Status.APPROVED:
        raise lifecycle.NotAllowed(
            "SKP ini sudah disetujui; ekspektasi khusus dan lampirannya tidak dapat diubah lagi."
        )


# --- writing (the caller commits) ------------------------------------------------------


async def set_team_expectation(
    session: AsyncSession, penilai_id: int, period_id: int, key: str, text: str | None
) -> str:
    """The team's ekspektasi khusus for one value (empty text: none); returns the cleaned text."""
    core_value(key)
    cleaned = clean_ekspektasi(text)
    query = select(TeamEkspektasi).where(
        TeamEkspektasi.penilai_id == penilai_id,
        TeamEkspektasi.period_id == period_id,
        TeamEkspektasi.nilai == key,
    )
    row = (await session.exec(query)).first()
    if row is None:
        row = TeamEkspektasi(penilai_id=penilai_id, period_id=period_id, nilai=key)
    row.teks = cleaned
    session.add(row)
    await session.flush()
    return cleaned


async def set_own_expectation(session: AsyncSession, bundle: Bundle, key: str, text: str | None) -> str | None:
    """Adjust one value for this SKP only; ``None`` goes back to the team's ekspektasi."""
    core_value(key)
    check_open(bundle)
    skp_id = bundle.skp.id or 0
    query = select(SkpEkspektasi).where(SkpEkspektasi.skp_id == skp_id, SkpEkspektasi.nilai == key)
    row = (await session.exec(query)).first()
    if text is None:
        if row is not None:
            await session.delete(row)
            await session.flush()
        return None
    cleaned = clean_ekspektasi(text)
    if row is None:
        row = SkpEkspektasi(skp_id=skp_id, nilai=key)
    row.teks = cleaned
    session.add(row)
    await session.flush()
    return cleaned


async def set_lampiran(session: AsyncSession, bundle: Bundle, lampiran: Lampiran) -> Lampiran:
    check_open(bundle)
    row = await session.get(SkpLampiran, bundle.skp.id)
    if row is None:
        row = SkpLampiran(
            skp_id=bundle.skp.id or 0,
            dukungan_sumber_daya=lampiran.dukungan_sumber_daya,
            skema_pertanggungjawaban=lampiran.skema_pertanggungjawaban,
            konsekuensi=lampiran.konsekuensi,
        )
    else:
        row.dukungan_sumber_daya = lampiran.dukungan_sumber_daya
        row.skema_pertanggungjawaban = lampiran.skema_pertanggungjawaban
        row.konsekuensi = lampiran.konsekuensi
        row.updated_at = utcnow()
    session.add(row)
    await session.flush()
    return lampiran


async def accept_default_lampiran(session: AsyncSession, bundle: Bundle) -> Lampiran:
    """One tap: the sensible defaults (with the employee's unit kerja) become the lampiran."""
    return await set_lampiran(session, bundle, default_lampiran(bundle.employee.unit_kerja))


async def set_lampiran_field(session: AsyncSession, bundle: Bundle, name: str, text: str) -> Lampiran:
    """Change one field; the others keep their text (or the defaults when none was saved yet)."""
    labels = dict(LAMPIRAN_FIELDS)
    if name not in labels:
        raise ValueError(f"unknown lampiran field {name!r}")
    current = await lampiran_of(session, bundle.skp.id or 0) or default_lampiran(bundle.employee.unit_kerja)
    values = {f: getattr(current, f) for f in labels}
    values[name] = clean_lampiran_text(text, labels[name])
    return await set_lampiran(session, bundle, Lampiran(**values))


async def set_tanggal_penetapan(session: AsyncSession, bundle: Bundle, value: dt.date | None) -> dt.date | None:
    """Set (or clear, back to the default) the tanggal penetapan; admins may do it after approval."""
    if value is not None:
        check_tanggal_penetapan(SkpFormat(bundle.period.format), value, bundle.period.start, bundle.period.end)
    bundle.skp.tanggal_penetapan = value
    session.add(bundle.skp)
    await session.flush()
    return value


__all__ = [
    "OUTSIDE_ROSTER",
    "VALUE_KEYS",
    "Extras",
    "accept_default_lampiran",
    "extras_of",
    "lampiran_of",
    "penilai_bundle",
    "set_lampiran",
    "set_lampiran_field",
    "set_own_expectation",
    "set_tanggal_penetapan",
    "set_team_expectation",
    "tanggal_penetapan",
    "team_expectations",
]
