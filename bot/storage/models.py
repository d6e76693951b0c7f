"""SQLModel tables. Every piece of state the bot needs between updates lives here.

Enum-like columns are stored as plain strings holding `skp_domain` enum values, so the
schema stays the same on SQLite and PostgreSQL and migrations stay simple.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Employee(SQLModel, table=True):
    """One row of the roster (a PNS or PPPK), plus their Telegram link."""

    id: int | None = Field(default=None, primary_key=True)
    nip: str = Field(unique=True, index=True, max_length=18)
    nama: str
    pangkat: str = ""  # golongan code, e.g. "IV/a"
    jabatan: str
    jenis_jabatan: str  # skp_domain.jabatan.JenisJabatan value
    unit_kerja: str
    # Perangkat daerah above the unit ("Dinas Kesehatan"): "Sekretariat" exists in 40 dinas.
    # Empty for rows written before it existed or without one: use `perangkat_daerah`.
    opd: str = Field(default="", index=True)
    # A leaver (mutasi, pensiun) is deactivated, never deleted: their SKPs stay. Recaps, reminders,
    # broadcasts and linking should leave inactive employees out.
    active: bool = True
    left_at: dt.datetime | None = None
    atasan_id: int | None = Field(default=None, foreign_key="employee.id", index=True)
    # The top of the tree is assessed by someone outside the roster (the Bupati).
    penilai_luar_nama: str | None = None
    penilai_luar_jabatan: str | None = None
    penilai_luar_id: str | None = None
    telegram_id: int | None = Field(default=None, sa_column=Column(BigInteger, unique=True, index=True))
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    linked_at: dt.datetime | None = None
    blocked_at: dt.datetime | None = None  # the user blocked the bot (Forbidden)
    is_admin: bool = False
    # The admin command menu was set for this chat; a revoke clears it at the next start.
    admin_menu_set: bool = False

    @property
    def perangkat_daerah(self) -> str:
        """The OPD for grouping: the roster's OPD column, else the unit kerja itself."""
        return self.opd or self.unit_kerja


class ActivationCode(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    # "scrypt$<log2 N>$<r>$<p>$<salt>$<hash>" (bot.services.linking); 64 hex digits: an unsalted
    # SHA-256 written before 0005, accepted until it expires.
    code_hash: str
    created_at: dt.datetime = Field(default_factory=utcnow)
    used_at: dt.datetime | None = None
    # Valid until then (set by `activation-codes --expires`); None only for rows from before 0005
    # that were already used.
    expires_at: dt.datetime | None = None


class LinkAttempt(SQLModel, table=True):
    """Failed activation attempts per Telegram account, for the lock-out."""

    telegram_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    failures: int = 0
    locked_until: dt.datetime | None = None


class NipAttempt(SQLModel, table=True):
    """Failed activation attempts per NIP typed (any well-formed NIP, on the roster or not, so the
    lock-out says nothing about who exists): several accounts cannot keep guessing one code."""

    nip: str = Field(primary_key=True, max_length=18)
    failures: int = 0
    last_failure_at: dt.datetime | None = None
    locked_until: dt.datetime | None = None


class Period(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    start: dt.date
    end: dt.date
    format: str = "permenpanrb-8-2021"
    submission_deadline: dt.date | None = None
    approval_deadline: dt.date | None = None
    active: bool = False


class PkSasaran(SQLModel, table=True):
    """A sasaran of a unit's Perjanjian Kinerja: what a JPT cascades from."""

    id: int | None = Field(default=None, primary_key=True)
    unit_kerja: str = Field(index=True)
    sasaran: str
    indikator: str = ""
    target: str = ""


class Skp(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("employee_id", "period_id"),)

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    period_id: int = Field(foreign_key="period.id", index=True)
    # Who assesses this SKP, fixed when drafting starts (the roster may change later).
    penilai_id: int | None = Field(default=None, foreign_key="employee.id", index=True)
    status: str = "DRAFT"  # skp_domain.skp.Status value
    # Bumped on every change; approval buttons carry it so an old button is refused.
    version: int = 1
    revision_comment: str | None = None
    submitted_at: dt.datetime | None = None
    approved_at: dt.datetime | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    # PermenPANRB 6/2022: kuantitatif (aspect grid) or kualitatif (descriptive), per SKP.
    pendekatan: str = Field(default="kuantitatif", sa_column_kwargs={"server_default": "kuantitatif"})
    # Set by the penilai or an admin; None: the approval date (see skp_domain.format6).
    tanggal_penetapan: dt.date | None = None
    # While amending an approved SKP: what may change (skp_domain.year.AmendScope value).
    amend_scope: str | None = None


class SkpItem(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    skp_id: int = Field(foreign_key="skp.id", index=True)
    section: str = "UTAMA"  # skp_domain.skp.Section value
    position: int = 0
    # The superior's approved item it supports (JA/JF utama) ...
    parent_item_id: int | None = Field(default=None, foreign_key="skpitem.id", index=True)
    # ... or, for a JPT, the PK/Renstra sasaran text (picked or typed); copied for display.
    parent_text: str | None = None
    basis: str | None = None  # tambahan: surat penugasan / other document
    rencana_kinerja: str = ""
    ak: str | None = None  # angka kredit as a decimal string, JF only
    complete: bool = False  # saved with "Simpan" on the item card
    revision_comment: str | None = None
    perspektif: str | None = None  # JPT under 6/2022: skp_domain.format6.Perspektif value
    penugasan_dari: str | None = None  # tambahan under 6/2022: who assigned the task
    # The parent is a result of the penilai's SKP not approved yet: confirmed (or flagged) when it is.
    provisional: bool = False
    # The link must be chosen again (skp_domain.year.Relink value), or None.
    relink: str | None = None
    # Removed in an amendment: kept (the approved version still holds it) until the amendment is approved.
    removed: bool = False


class Indicator(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="skpitem.id", index=True)
    aspek: str | None = None  # kuantitas/kualitas/waktu/biaya; None for a JPT indicator
    position: int = 0
    indikator: str = ""
    target_value: str | None = None  # decimal string, "90" / "0.5"
    target_unit: str | None = None  # "%", "dokumen", "bulan", ...
    target_text: str | None = None  # kualitatif (6/2022): a target written descriptively


class SkpLampiran(SQLModel, table=True):
    """The lampiran of an SKP under 6/2022, written by the penilai (or an admin for one outside
    the roster). Under 6/2022 an SKP is not approved without it."""

    skp_id: int = Field(foreign_key="skp.id", primary_key=True)
    dukungan_sumber_daya: str
    skema_pertanggungjawaban: str
    konsekuensi: str
    updated_at: dt.datetime = Field(default_factory=utcnow)


class SkpEkspektasi(SQLModel, table=True):
    """The penilai's ekspektasi khusus for one BerAKHLAK value, adjusted for this SKP only
    (an empty text means "none for this person"; no row: the team's applies)."""

    __table_args__ = (UniqueConstraint("skp_id", "nilai"),)

    id: int | None = Field(default=None, primary_key=True)
    skp_id: int = Field(foreign_key="skp.id", index=True)
    nilai: str  # skp_domain.format6.CoreValue.key
    teks: str = ""


class TeamEkspektasi(SQLModel, table=True):
    """The ekspektasi khusus a penilai writes once for the whole team, per period and value.
    `penilai_id` 0 stands for the penilai outside the roster (written by an admin)."""

    __table_args__ = (UniqueConstraint("penilai_id", "period_id", "nilai"),)

    id: int | None = Field(default=None, primary_key=True)
    penilai_id: int = Field(index=True)
    period_id: int = Field(foreign_key="period.id")
    nilai: str
    teks: str = ""


class MatrixPlan(SQLModel, table=True):
    """Matriks Peran-Hasil planned top-down: what a subordinate should achieve under one of the
    penilai's results (`x`: no role). The subordinate sees it as the first suggestion."""

    __table_args__ = (UniqueConstraint("parent_item_id", "employee_id"),)

    id: int | None = Field(default=None, primary_key=True)
    parent_item_id: int = Field(foreign_key="skpitem.id", index=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    teks: str
    updated_at: dt.datetime = Field(default_factory=utcnow)


class SkpEvent(SQLModel, table=True):
    """The history of an SKP: every status change, who, when, the comment, a snapshot."""

    id: int | None = Field(default=None, primary_key=True)
    skp_id: int = Field(foreign_key="skp.id", index=True)
    actor_id: int | None = Field(default=None, foreign_key="employee.id")
    # An admin outside the roster (SKP_ADMIN_IDS) who acted; None for employees and the CLI.
    actor_telegram_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    # Set when an admin recorded the decision of a penilai outside the roster ("Bupati Kebumen").
    on_behalf_of: str | None = None
    # Set when a penilai outside the roster decided through their own account (an ajudan's).
    external_penilai_id: int | None = Field(default=None, foreign_key="externalpenilai.id")
    at: dt.datetime = Field(default_factory=utcnow)
    action: str  # submit / approve / request_revision / ...
    from_status: str
    to_status: str
    version: int
    comment: str | None = None
    snapshot: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON))


class SkpVersion(SQLModel, table=True):
    """An approved version of an SKP, frozen: the documents of that version are rendered from it,
    and while an amendment is drafted it is what subordinates cascade from."""

    __table_args__ = (UniqueConstraint("skp_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    skp_id: int = Field(foreign_key="skp.id", index=True)
    number: int  # 1, 2, ... in order of approval
    approved_at: dt.datetime = Field(default_factory=utcnow)
    approved_by_id: int | None = Field(default=None, foreign_key="employee.id")
    on_behalf_of: str | None = None
    penilai_id: int | None = Field(default=None, foreign_key="employee.id")
    # bot.services.versions.version_items: every item with its place, link and indicators.
    items: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))


class ApprovalPrompt(SQLModel, table=True):
    """A submission prompt sent to a penilai (Setujui / Minta revisi), so it can be closed later:
    withdrawn by the employee, decided from /tim, or superseded."""

    id: int | None = Field(default=None, primary_key=True)
    skp_id: int = Field(foreign_key="skp.id", index=True)
    version: int
    chat_id: int = Field(sa_column=Column(BigInteger))
    message_id: int
    text: str = ""  # as sent (HTML), so the prompt can be edited to say what became of it
    sent_at: dt.datetime = Field(default_factory=utcnow)
    closed: bool = False


class Nudge(SQLModel, table=True):
    """An "Ingatkan" from the penilai: at most one per member per day."""

    __table_args__ = (UniqueConstraint("employee_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    day: dt.date
    by_id: int | None = Field(default=None, foreign_key="employee.id")
    at: dt.datetime = Field(default_factory=utcnow)


class WizardSession(SQLModel, table=True):
    """Where a user is in a conversation: the source of truth, not PTB's memory."""

    telegram_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    employee_id: int | None = Field(default=None, foreign_key="employee.id")
    flow: str = ""  # "link", "skp", "revise", "broadcast", ...
    step: str = ""
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    # Bumped on every transition; buttons carry it, so a button from an old card is stale.
    version: int = 0
    card_message_id: int | None = None
    updated_at: dt.datetime = Field(default_factory=utcnow)


class Broadcast(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    created_by: int = Field(sa_column=Column(BigInteger))  # admin's telegram id
    kind: str = "siaran"  # siaran / reminder
    text: str
    audience: str
    total: int = 0
    created_at: dt.datetime = Field(default_factory=utcnow)
    finished_at: dt.datetime | None = None
    progress_chat_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    progress_message_id: int | None = None


class OutboxMessage(SQLModel, table=True):
    """One message to one chat; the single worker sends it exactly once."""

    id: int | None = Field(default=None, primary_key=True)
    broadcast_id: int | None = Field(default=None, foreign_key="broadcast.id", index=True)
    chat_id: int = Field(sa_column=Column(BigInteger, index=True))
    employee_id: int | None = Field(default=None, foreign_key="employee.id")
    text: str
    reply_markup: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    status: str = Field(default="pending", index=True)  # pending / sent / failed / blocked
    attempts: int = 0
    last_error: str | None = None
    not_before: dt.datetime | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)
    sent_at: dt.datetime | None = None


class ReminderRule(SQLModel, table=True):
    """When to remind: `days_before` a deadline, at `hour:minute` local time."""

    id: int | None = Field(default=None, primary_key=True)
    days_before: int
    hour: int = 8
    minute: int = 0


class ReminderFire(SQLModel, table=True):
    """One reminder that has been sent; the unique key makes it fire once."""

    __table_args__ = (UniqueConstraint("period_id", "deadline", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    period_id: int = Field(foreign_key="period.id")
    deadline: str  # "submission" / "approval"
    day: dt.date
    fired_at: dt.datetime = Field(default_factory=utcnow)


class ExternalPenilai(SQLModel, table=True):
    """A pejabat penilai outside the roster (the Bupati, a Pj Bupati): no NIP, never imported.

    Roster rows with an empty `nip_atasan` point here by their `penilai_luar_id` (= `kode`) or by
    name (`penilai_luar_nama`, or SKP_PENILAI_LUAR_NAMA when the row names nobody). With a Telegram
    account of its own (an ajudan's, linked with this record's activation code) the approval
    prompts go there; without one they go to the admins, who record the decision on its behalf."""

    id: int | None = Field(default=None, primary_key=True)
    nama: str = Field(unique=True)
    jabatan: str = ""
    kode: str | None = Field(default=None, unique=True)  # the roster's penilai_luar_id, if any
    code_hash: str | None = None  # its one-time activation code (unused), hashed like employees'
    code_created_at: dt.datetime | None = None
    telegram_id: int | None = Field(default=None, sa_column=Column(BigInteger, unique=True, index=True))
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    linked_at: dt.datetime | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)


class AuditEntry(SQLModel, table=True):
    """Who did what on the admin side: imports, grants, unlinks, approvals on behalf, broadcasts."""

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, index=True)
    actor: str  # "CLI (user)", "Telegram 424242 (Nama)", ...
    action: str = Field(index=True)
    detail: str = ""
