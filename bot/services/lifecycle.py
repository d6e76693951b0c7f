"""The life of an SKP: every status change goes through `change_status`, and nowhere else.

One function for submit, withdraw, approve and request revision (and whatever the year adds):
it checks who acts (authorisation reads the *current* roster, not who the penilai was when the
draft began), checks the version the actor saw, asks `skp_domain` whether the transition is
allowed, applies it as a compare-and-set (a double tap or a second process changes nothing twice),
writes the `SkpEvent` row with who acted and for whom, and returns what happened. The caller
commits and then tells people (Telegram, outbox) — nothing here talks to Telegram.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services import cascade, versions
from bot.services.bundle import Bundle, load_bundle_by_id, snapshot, to_domain
from bot.services.outside import serves
from bot.storage import repo
from bot.storage.models import Employee, ExternalPenilai, Skp, SkpEvent, SkpLampiran, utcnow
from skp_domain.errors import DomainError
from skp_domain.format6 import Lampiran, LampiranError, check_approvable
from skp_domain.safety import MAX_ITEMS
from skp_domain.skp import WAITING_FOR_PENILAI, Action, Status, check_completeness, transition
from skp_domain.year import AmendScope, check_amendment_has_changes


class NotAllowed(DomainError):
    """The actor may not do this to this SKP (not the owner, not its penilai)."""


LampiranMissing = LampiranError  # an SKP under 6/2022 without its lampiran cannot be approved


class StaleSkp(DomainError):
    """The SKP moved on since the actor saw it (another tap, another process, an edit)."""

    def __init__(self, message: str, status: Status | None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Actor:
    """Who acts: an employee of the roster, and/or an admin (for a penilai outside the roster)."""

    employee_id: int | None = None
    admin: bool = False
    telegram_id: int | None = None
    # The account of a penilai outside the roster (an ajudan's for the Bupati): `ExternalPenilai.id`.
    external_penilai_id: int | None = None

    @classmethod
    def of(
        cls, employee: Employee | None, *, admin: bool = False, telegram_id: int | None = None,
        external_penilai_id: int | None = None,
    ) -> Actor:
        return cls(employee.id if employee is not None else None, admin, telegram_id, external_penilai_id)


# Who may do what: the owner drafts, submits, withdraws, opens an approved SKP to add a Kinerja
# Tambahan and drops such changes; the penilai decides, and may reopen an approved SKP for any change.
OWNER_ACTIONS = frozenset({Action.SUBMIT, Action.WITHDRAW, Action.AMEND, Action.CANCEL_AMENDMENT})
PENILAI_ACTIONS = frozenset({Action.APPROVE, Action.REQUEST_REVISION, Action.REOPEN})


@dataclass(frozen=True)
class StatusChange:
    """What `change_status` did, for the caller to tell people after the commit."""

    skp_id: int
    action: Action
    from_status: Status
    to_status: Status
    version: int
    owner: Employee
    penilai: Employee | None  # the current penilai (None: outside the roster)
    actor_id: int | None
    on_behalf_of: str | None  # set when an admin acted for a penilai outside the roster
    comment: str | None
    item_ids: tuple[int, ...]  # the items a revision note is about (empty: the whole SKP)
    version_number: int | None = None  # the approved version this change recorded or restored
    flagged: int = 0  # subordinates' links flagged for a new choice (told through the outbox)
    external_penilai: str | None = None  # the penilai outside the roster who decided through their own account

    @property
    def amendment(self) -> bool:
        """A change to an SKP approved before (its approved version stays in force meanwhile)."""
        return Status.AMENDING in (self.from_status, self.to_status) or (
            self.from_status is Status.AMENDMENT_SUBMITTED
        )


def current_penilai_id(owner: Employee) -> int | None:
    """The penilai is whoever the roster names now (`atasan_id`); None means outside the roster."""
    return owner.atasan_id


def outside_penilai_name(owner: Employee, default: str) -> str:
    return owner.penilai_luar_nama or default


def authorise(
    action: Action, actor: Actor, owner: Employee, *, outside_name: str = "penilai di luar daftar pegawai",
    external: ExternalPenilai | None = None,
) -> str | None:
    """Raise NotAllowed unless `actor` may do `action` on `owner`'s SKP; returns the name of the
    person an admin acts for (None when acting for oneself). `external` is the actor's own record
    as a penilai outside the roster, if any."""
    if action in OWNER_ACTIONS:
        if actor.employee_id is None or actor.employee_id != owner.id:
            if action in (Action.SUBMIT, Action.WITHDRAW):
                raise NotAllowed("Hanya pemilik SKP yang dapat mengajukan atau menarik pengajuannya.")
            raise NotAllowed("Hanya pemilik SKP yang dapat mengubah SKP-nya.")
        return None
    if action in PENILAI_ACTIONS:
        if actor.employee_id is not None and actor.employee_id == owner.id:
            raise NotAllowed("Tidak ada yang dapat menyetujui atau meminta revisi SKP-nya sendiri.")
        penilai_id = current_penilai_id(owner)
        if penilai_id is not None and actor.employee_id == penilai_id:
            return None
        if penilai_id is None and external is not None and serves(external, owner, outside_name):
            return None
        if penilai_id is None and actor.admin:
            return outside_penilai_name(owner, outside_name)
        if action is Action.REOPEN:
            raise NotAllowed("Hanya pejabat penilai SKP ini yang dapat membukanya untuk perubahan.")
        raise NotAllowed("Hanya pejabat penilai SKP ini yang dapat menyetujui atau meminta revisi.")
    raise NotAllowed(f"Tindakan {action.value} tidak dikenal untuk SKP.")


def _stale(status: Status | None) -> StaleSkp:
    if status is Status.APPROVED:
        return StaleSkp("SKP ini sudah disetujui sebelumnya; tidak ada yang berubah.", status)
    if status is Status.REVISION_REQUESTED:
        return StaleSkp("Revisi untuk SKP ini sudah diminta; tunggu pengajuan berikutnya.", status)
    return StaleSkp("SKP telah berubah sejak pesan ini dikirim; gunakan tampilan terbaru.", status)


async def change_status(
    session: AsyncSession,
    skp_id: int,
    action: Action,
    actor: Actor,
    *,
    seen_version: int | None = None,
    comment: str | None = None,
    item_ids: Sequence[int] = (),
    outside_name: str = "penilai di luar daftar pegawai",
) -> StatusChange:
    """Apply one status change (the caller commits). Raises NotAllowed, StaleSkp, or a
    TransitionError / completeness DomainError with a message a PNS understands."""
    bundle = await load_bundle_by_id(session, skp_id)
    if bundle is None:
        raise _stale(None)
    skp, owner = bundle.skp, bundle.employee
    external = await _external_of(session, actor)
    on_behalf = authorise(action, actor, owner, outside_name=outside_name, external=external)
    decided_by = external if action in PENILAI_ACTIONS and owner.atasan_id is None and on_behalf is None else None
    from_status = Status(skp.status)
    version = skp.version
    if seen_version is not None and seen_version != version:
        raise _stale(from_status)
    try:
        to_status = transition(from_status, action)
    except DomainError as exc:
        if action in PENILAI_ACTIONS:
            raise _stale(from_status) from exc
        raise
    values: dict[str, Any] = {"penilai_id": current_penilai_id(owner)}
    event_snapshot: list[dict[str, Any]] | None = None
    items = [i for i in bundle.items if i.id in set(item_ids)]
    if item_ids and len(items) != len(set(item_ids)):
        raise _stale(from_status)
    approved_version = None
    if action is Action.SUBMIT:
        _check_submittable(bundle)
        if from_status is Status.AMENDING:
            approved_version = await versions.ensure_recorded(session, bundle)
            check_amendment_has_changes(versions.amendment_diff(bundle, approved_version))
        event_snapshot = snapshot(bundle)
        values.update(submitted_at=utcnow(), revision_comment=None)
    elif action is Action.APPROVE:
        await _check_lampiran(session, bundle)
        values.update(approved_at=utcnow(), amend_scope=None, revision_comment=None)
    elif action is Action.REQUEST_REVISION:
        values.update(revision_comment=None if items else comment)
    elif action in (Action.AMEND, Action.REOPEN):
        if action is Action.REOPEN and skp.amend_scope == AmendScope.FULL.value:
            raise StaleSkp("SKP ini sudah dibuka untuk semua perubahan.", from_status)
        # An SKP approved before versions were kept gets its version now, before anything changes.
        approved_version = await versions.ensure_recorded(session, bundle)
        values.update(amend_scope=(AmendScope.FULL if action is Action.REOPEN else AmendScope.TAMBAHAN).value)
        if from_status is Status.APPROVED:
            values.update(revision_comment=None)
    elif action is Action.CANCEL_AMENDMENT:
        approved_version = await versions.ensure_recorded(session, bundle)
        values.update(amend_scope=None, revision_comment=None)
    new_version = await repo.compare_and_set_status(
        session, skp_id, version, from_status.value, to_status.value, **values
    )
    if new_version is None:
        fresh = await session.get(Skp, skp_id)
        raise _stale(Status(fresh.status) if fresh is not None else None)
    flagged = 0
    if action is Action.SUBMIT:
        for item in bundle.items:
            if item.revision_comment:
                item.revision_comment = None
                session.add(item)
    elif action is Action.REQUEST_REVISION:
        for item in items:
            item.revision_comment = comment
            session.add(item)
    elif action is Action.APPROVE:
        # Freeze what was approved, then confirm or flag what subordinates cascade from it.
        approved_version = await versions.record(
            session, bundle, approved_by_id=actor.employee_id, on_behalf_of=on_behalf
        )
        fresh = await session.get(Skp, skp_id)
        assert fresh is not None
        flagged = await cascade.reconcile(session, fresh, owner)
        await versions.drop_removed(session, skp_id)
    elif action is Action.CANCEL_AMENDMENT:
        assert approved_version is not None
        await versions.restore(session, bundle, approved_version)
        fresh = await session.get(Skp, skp_id)
        assert fresh is not None
        flagged = await cascade.reconcile(session, fresh, owner)
    session.add(
        SkpEvent(
            skp_id=skp_id,
            actor_id=actor.employee_id,
            actor_telegram_id=actor.telegram_id if actor.employee_id is None else None,
            on_behalf_of=on_behalf,
            external_penilai_id=decided_by.id if decided_by is not None else None,
            action=action.value,
            from_status=from_status.value,
            to_status=to_status.value,
            version=new_version,
            comment=comment,
            snapshot=event_snapshot,
        )
    )
    await session.flush()
    penilai_id = current_penilai_id(owner)
    penilai = await session.get(Employee, penilai_id) if penilai_id is not None else None
    return StatusChange(
        skp_id=skp_id,
        action=action,
        from_status=from_status,
        to_status=to_status,
        version=new_version,
        owner=owner,
        penilai=penilai,
        actor_id=actor.employee_id,
        on_behalf_of=on_behalf,
        comment=comment,
        item_ids=tuple(i.id or 0 for i in items),
        version_number=approved_version.number if approved_version is not None else None,
        flagged=flagged,
        external_penilai=decided_by.nama if decided_by is not None else None,
    )


async def _external_of(session: AsyncSession, actor: Actor) -> ExternalPenilai | None:
    if actor.external_penilai_id is None:
        return None
    return await session.get(ExternalPenilai, actor.external_penilai_id)


async def check_allowed(
    session: AsyncSession, skp_id: int, action: Action, actor: Actor, *, seen_version: int | None = None,
    outside_name: str = "penilai di luar daftar pegawai",
) -> Bundle:
    """The checks of `change_status` without the change (e.g. before asking for a revision note)."""
    bundle = await load_bundle_by_id(session, skp_id)
    if bundle is None:
        raise _stale(None)
    authorise(action, actor, bundle.employee, outside_name=outside_name, external=await _external_of(session, actor))
    status = Status(bundle.skp.status)
    if seen_version is not None and seen_version != bundle.skp.version:
        raise _stale(status)
    try:
        transition(status, action)
    except DomainError as exc:
        raise _stale(status) from exc
    return bundle


async def _check_lampiran(session: AsyncSession, bundle: Bundle) -> None:
    """Under 6/2022 the penilai approves the SKP with its lampiran: refuse until it is written."""
    row = await session.get(SkpLampiran, bundle.skp.id)
    lampiran = (
        None
        if row is None
        else Lampiran(row.dukungan_sumber_daya, row.skema_pertanggungjawaban, row.konsekuensi)
    )
    check_approvable(bundle.format, lampiran)


def _check_submittable(bundle: Bundle) -> None:
    """Only a complete SKP with every item saved goes to the penilai."""
    problems = submit_problems(bundle)
    if problems:
        raise DomainError("SKP belum lengkap: " + "; ".join(problems))


def submit_problems(bundle: Bundle) -> list[str]:
    """What stands between this SKP and Ajukan (empty: it may be submitted)."""
    if not bundle.items:
        return ["belum ada rencana kinerja"]
    problems = check_completeness(to_domain(bundle))
    if len(bundle.items) > MAX_ITEMS:  # drafted before the cap existed
        problems = [f"paling banyak {MAX_ITEMS} rencana kinerja; SKP ini berisi {len(bundle.items)}", *problems]
    unsaved = [i for i in bundle.items if not i.complete]
    if unsaved:
        problems = [f"{len(unsaved)} rencana kinerja belum disimpan: buka lalu tekan 💾 Simpan, atau hapus.", *problems]
    return problems


async def waiting_for(session: AsyncSession, penilai_id: int) -> list[int]:
    """SKPs submitted and waiting for this penilai (as the roster names them now)."""
    query = (
        select(Skp.id)
        .join(Employee, col(Employee.id) == col(Skp.employee_id))
        .where(Employee.atasan_id == penilai_id, col(Skp.status).in_([s.value for s in WAITING_FOR_PENILAI]))
        .order_by(col(Skp.submitted_at))
    )
    return [i for i in (await session.exec(query)).all() if i is not None]

