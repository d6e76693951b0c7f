"""`skp-bot approve NIP` / `skp-bot request-revision NIP --note …`: an admin records the decision
of a penilai outside the roster (the Bupati) from the command line.

The same status change as the chat's Setujui / Minta revisi (`lifecycle.change_status` with an
admin actor, so `SkpEvent.on_behalf_of` says for whom), an audit row, and the employee's notice
through the outbox — the running bot sends it. Documents are not attached to that notice: the
employee gets them with /dokumen (the notice says so).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services import audit, broadcasts, lifecycle, outside
from bot.services import penilai as penilai_parts
from bot.services.bundle import load_bundle
from bot.services.lifecycle import Actor
from bot.storage import repo
from bot.storage.models import Employee, Period, Skp
from bot.templating import render
from skp_domain.errors import DomainError
from skp_domain.nip import parse_nip
from skp_domain.skp import Action, Status
from skp_domain.text import MAX_COMMENT, clean_text


class DecisionError(DomainError):
    """The decision cannot be recorded (Indonesian message, ready to print)."""


@dataclass(frozen=True)
class Decision:
    change: lifecycle.StatusChange
    period: Period
    notified: bool  # a notice for the employee is in the outbox


async def _target(session: AsyncSession, nip: str, period_id: int | None) -> tuple[Employee, Period]:
    digits = parse_nip(nip).digits
    employee = await repo.employee_by_nip(session, digits)
    if employee is None:
        raise DecisionError(f"NIP {nip.strip()} tidak ada di daftar pegawai.")
    period = await session.get(Period, period_id) if period_id else await repo.active_period(session)
    if period is None:
        raise DecisionError("Periode tidak ditemukan: belum ada periode aktif (pakai --period ID).")
    return employee, period


async def decide(
    session: AsyncSession,
    nip: str,
    action: Action,
    *,
    actor: str,
    outside_name: str,
    note: str | None = None,
    period_id: int | None = None,
    default_lampiran: bool = False,
) -> Decision:
    """Approve or ask for revision on behalf of the penilai outside the roster (the caller commits).

    `default_lampiran`: under 6/2022, an SKP without a lampiran gets the default one (the admin's
    `--lampiran-baku`, the same one tap the penilai has in chat) before it is approved."""
    if action not in (Action.APPROVE, Action.REQUEST_REVISION):
        raise DecisionError("Hanya persetujuan atau permintaan revisi yang dapat dicatat atas nama penilai.")
    comment = clean_text(note or "", "Catatan revisi", MAX_COMMENT) if action is Action.REQUEST_REVISION else None
    employee, period = await _target(session, nip, period_id)
    if employee.atasan_id is not None:
        penilai = await session.get(Employee, employee.atasan_id)
        name = penilai.nama if penilai is not None else "pejabat penilainya"
        raise DecisionError(
            f"Pejabat penilai {employee.nama} adalah {name}, yang ada di daftar pegawai: hanya beliau yang "
            "menyetujui atau meminta revisi (lewat Telegram). Admin mencatat keputusan hanya untuk penilai di "
            "luar daftar pegawai."
        )
    skp = await repo.skp_of(session, employee.id or 0, period.id or 0)
    if skp is None:
        raise DecisionError(f"{employee.nama} belum mempunyai SKP pada {period.name}.")
    if skp.status != Status.SUBMITTED.value:
        raise DecisionError(
            f"SKP {employee.nama} berstatus {Status(skp.status).label}, bukan Diajukan: tidak ada yang diputuskan."
        )
    if action is Action.APPROVE and default_lampiran and await penilai_parts.lampiran_of(session, skp.id or 0) is None:
        await penilai_parts.accept_default_lampiran(session, await load_bundle(session, skp))
    try:
        change = await lifecycle.change_status(
            session, skp.id or 0, action, Actor(admin=True), comment=comment, outside_name=outside_name
        )
    except lifecycle.StaleSkp as exc:
        raise DecisionError(exc.message) from exc
    name = change.on_behalf_of or outside.outside_name(employee, outside_name)
    what = audit.APPROVE_ON_BEHALF if action is Action.APPROVE else audit.REVISION_ON_BEHALF
    await audit.record(session, actor, what, f"SKP {employee.nama} (NIP {employee.nip}) atas nama {name}"
                       + (f": {comment}" if comment else ""))
    notified = False
    if employee.chat_id is not None:
        text = render("messages/decision_notice.html.j2", action=action.value, on_behalf_of=name, comment=comment)
        await broadcasts.enqueue(
            session, created_by=0, kind="keputusan", text=f"{action.value} SKP {employee.nip}",
            audience=f"skp:{skp.id}", recipients=[broadcasts.Recipient(employee.chat_id, employee.id, text)],
        )
        notified = True
    return Decision(change, period, notified)


async def waiting(session: AsyncSession, period_id: int | None = None) -> list[tuple[Skp, Employee]]:
    """SKPs submitted and waiting for a penilai outside the roster, in the active period."""
    if period_id is None:
        period = await repo.active_period(session)
        if period is None:
            return []
        period_id = period.id
    return await outside.waiting_outside(session, period_id)
