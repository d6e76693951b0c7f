"""The SKP itself: aspects, sections, status workflow, completeness and cascading checks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Literal, overload

from skp_domain._numbers import parse_decimal
from skp_domain.errors import AkError, CascadeError, TransitionError
from skp_domain.jabatan import Kategori
from skp_domain.text import shorten

if TYPE_CHECKING:
    from skp_domain.targets import Target


class Aspek(StrEnum):
    KUANTITAS = "kuantitas"
    KUALITAS = "kualitas"
    WAKTU = "waktu"
    BIAYA = "biaya"

    @property
    def label(self) -> str:
        return self.value.capitalize()


REQUIRED_ASPEK: tuple[Aspek, ...] = (Aspek.KUANTITAS, Aspek.KUALITAS, Aspek.WAKTU)


class Section(StrEnum):
    UTAMA = "UTAMA"
    TAMBAHAN = "TAMBAHAN"

    @property
    def label(self) -> str:
        return "Kinerja Utama" if self is Section.UTAMA else "Kinerja Tambahan"


class Status(StrEnum):
    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"
    REVISION_REQUESTED = "REVISION_REQUESTED"
    APPROVED = "APPROVED"
    # An approved SKP being changed during the year: the approved version stays valid (documents,
    # the matrix, what subordinates cascade from) until the amendment itself is approved.
    AMENDING = "AMENDING"
    AMENDMENT_SUBMITTED = "AMENDMENT_SUBMITTED"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    Status.DRAFT: "Draf",
    Status.SUBMITTED: "Diajukan",
    Status.REVISION_REQUESTED: "Perlu revisi",
    Status.APPROVED: "Disetujui",
    Status.AMENDING: "Perubahan disusun",
    Status.AMENDMENT_SUBMITTED: "Perubahan diajukan",
}


class Action(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REQUEST_REVISION = "request_revision"
    WITHDRAW = "withdraw"  # the owner takes a submission back before the penilai acts
    EDIT = "edit"
    AMEND = "amend"  # the owner opens an approved SKP to add a Kinerja Tambahan (or re-link)
    REOPEN = "reopen"  # the penilai opens an approved SKP for any change
    CANCEL_AMENDMENT = "cancel_amendment"  # the owner drops the changes: back to the approved version


# ---------------------------------------------------------------------------
# Workflow

_TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (Status.DRAFT, Action.EDIT): Status.DRAFT,
    (Status.DRAFT, Action.SUBMIT): Status.SUBMITTED,
    (Status.SUBMITTED, Action.APPROVE): Status.APPROVED,
    (Status.SUBMITTED, Action.REQUEST_REVISION): Status.REVISION_REQUESTED,
    (Status.SUBMITTED, Action.WITHDRAW): Status.DRAFT,
    (Status.REVISION_REQUESTED, Action.EDIT): Status.REVISION_REQUESTED,
    (Status.REVISION_REQUESTED, Action.SUBMIT): Status.SUBMITTED,
    (Status.APPROVED, Action.AMEND): Status.AMENDING,
    (Status.APPROVED, Action.REOPEN): Status.AMENDING,
    (Status.AMENDING, Action.REOPEN): Status.AMENDING,  # widens the owner's amendment to any change
    (Status.AMENDING, Action.EDIT): Status.AMENDING,
    (Status.AMENDING, Action.SUBMIT): Status.AMENDMENT_SUBMITTED,
    (Status.AMENDING, Action.CANCEL_AMENDMENT): Status.APPROVED,
    (Status.AMENDMENT_SUBMITTED, Action.APPROVE): Status.APPROVED,
    (Status.AMENDMENT_SUBMITTED, Action.REQUEST_REVISION): Status.AMENDING,
    (Status.AMENDMENT_SUBMITTED, Action.WITHDRAW): Status.AMENDING,
}

# Statuses whose SKP has an approved version in force, and statuses waiting for the penilai.
HAS_APPROVED_VERSION = frozenset({Status.APPROVED, Status.AMENDING, Status.AMENDMENT_SUBMITTED})
WAITING_FOR_PENILAI = frozenset({Status.SUBMITTED, Status.AMENDMENT_SUBMITTED})

_REFUSALS: dict[tuple[Status, Action], str] = {
    (Status.SUBMITTED, Action.EDIT): (
        "SKP sedang menunggu persetujuan; tunggu keputusan pejabat penilai sebelum mengubahnya."
    ),
    (Status.SUBMITTED, Action.SUBMIT): "SKP sudah diajukan dan sedang menunggu persetujuan pejabat penilai.",
    (Status.DRAFT, Action.APPROVE): (
        "SKP belum diajukan; pejabat penilai hanya dapat menyetujui SKP yang sudah diajukan."
    ),
    (Status.DRAFT, Action.REQUEST_REVISION): (
        "SKP belum diajukan; revisi hanya dapat diminta untuk SKP yang sudah diajukan."
    ),
    (Status.REVISION_REQUESTED, Action.APPROVE): (
        "SKP sedang diperbaiki pegawai; tunggu sampai diajukan kembali sebelum menyetujuinya."
    ),
    (Status.REVISION_REQUESTED, Action.REQUEST_REVISION): (
        "Revisi sudah diminta; tunggu sampai pegawai mengajukan kembali SKP-nya."
    ),
    (Status.DRAFT, Action.WITHDRAW): "SKP belum diajukan; tidak ada pengajuan yang dapat ditarik.",
    (Status.REVISION_REQUESTED, Action.WITHDRAW): (
        "Pejabat penilai sudah meminta revisi SKP ini; perbaiki lalu ajukan kembali."
    ),
    (Status.AMENDING, Action.APPROVE): (
        "Perubahan SKP ini belum diajukan; versi yang disetujui sebelumnya tetap berlaku."
    ),
    (Status.AMENDING, Action.REQUEST_REVISION): "Perubahan SKP ini belum diajukan.",
    (Status.AMENDING, Action.WITHDRAW): "Perubahan SKP ini belum diajukan; tidak ada pengajuan yang dapat ditarik.",
    (Status.AMENDING, Action.AMEND): "SKP ini sudah dibuka untuk perubahan; lanjutkan di /skp.",
    (Status.AMENDMENT_SUBMITTED, Action.EDIT): (
        "Perubahan SKP sedang menunggu persetujuan; tarik pengajuannya dulu bila ingin mengubahnya lagi."
    ),
    (Status.AMENDMENT_SUBMITTED, Action.SUBMIT): "Perubahan SKP sudah diajukan dan menunggu persetujuan.",
    (Status.AMENDMENT_SUBMITTED, Action.AMEND): "Perubahan SKP sudah diajukan dan menunggu persetujuan.",
    (Status.AMENDMENT_SUBMITTED, Action.REOPEN): (
        "Perubahan SKP sudah diajukan; setujui atau minta revisi perubahannya."
    ),
    (Status.AMENDMENT_SUBMITTED, Action.CANCEL_AMENDMENT): (
        "Perubahan SKP sudah diajukan; tarik pengajuannya dulu, lalu batalkan perubahannya."
    ),
}

_NOT_APPROVED_YET = "SKP ini belum disetujui; ubah saja drafnya lewat /skp."


def transition(status: Status, action: Action) -> Status:
    """The status after ``action``; raises :class:`TransitionError` when not allowed."""
    status, action = Status(status), Action(action)
    new = _TRANSITIONS.get((status, action))
    if new is not None:
        return new
    if status is Status.APPROVED:
        if action is Action.APPROVE:
            raise TransitionError("SKP ini sudah disetujui.")
        if action is Action.WITHDRAW:
            raise TransitionError("SKP ini sudah disetujui; pengajuannya tidak dapat ditarik lagi.")
        if action is Action.CANCEL_AMENDMENT:
            raise TransitionError("Tidak ada perubahan SKP yang sedang disusun.")
        raise TransitionError(
            "SKP yang sudah disetujui tidak dapat diubah langsung; tambahkan Kinerja Tambahan lewat /skp, "
            "atau minta pejabat penilai membukanya untuk perubahan."
        )
    if action in (Action.AMEND, Action.REOPEN, Action.CANCEL_AMENDMENT) and status not in HAS_APPROVED_VERSION:
        raise TransitionError(_NOT_APPROVED_YET)
    raise TransitionError(_REFUSALS[(status, action)])


def is_editable(status: Status) -> bool:
    return Status(status) in (Status.DRAFT, Status.REVISION_REQUESTED, Status.AMENDING)


def is_amendment(status: Status) -> bool:
    """An approved SKP with changes being drafted or waiting for the penilai."""
    return Status(status) in (Status.AMENDING, Status.AMENDMENT_SUBMITTED)


def allowed_actions(status: Status) -> tuple[Action, ...]:
    return tuple(a for a in Action if (Status(status), a) in _TRANSITIONS)


# ---------------------------------------------------------------------------
# A whole SKP, for checks


@dataclass(frozen=True)
class IndicatorData:
    aspek: Aspek | None
    indikator: str
    target: Target | None
    target_text: str | None = None  # kualitatif (6/2022): the target written descriptively


@dataclass(frozen=True)
class ItemData:
    section: Section
    rencana_kinerja: str
    parent_ref: str | None
    basis: str | None
    ak: Decimal | None
    indicators: tuple[IndicatorData, ...]
    number: int  # 1-based position within its section, for messages
    perspektif: str | None = None  # JPT under 6/2022
    penugasan_dari: str | None = None  # tambahan under 6/2022: who assigned the task
    # The superior's result it supported changed or vanished (or the penilai changed): choose again.
    needs_relink: bool = False

    @property
    def title(self) -> str:
        """``Kinerja Utama 2``."""
        return f"{Section(self.section).label} {self.number}"


@dataclass(frozen=True)
class SkpData:
    kategori: Kategori
    items: tuple[ItemData, ...]
    format: str = "permenpanrb-8-2021"  # skp_domain.formats.SkpFormat value
    pendekatan: str = "kuantitatif"  # skp_domain.format6.Pendekatan value (6/2022)

    @property
    def six(self) -> bool:
        return self.format == "permenpanrb-6-2022"

    @property
    def kualitatif(self) -> bool:
        return self.six and self.pendekatan == "kualitatif"


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def check_completeness(skp: SkpData) -> list[str]:
    """Every problem that keeps this SKP from being submitted, in Indonesian, item by item.

    An empty list means the SKP is complete.
    """
    problems: list[str] = []
    items = sorted(skp.items, key=lambda i: (0 if i.section == Section.UTAMA else 1, i.number))
    if not any(i.section == Section.UTAMA for i in items):
        problems.append("Belum ada rencana kinerja pada Kinerja Utama.")
    for item in items:
        problems.extend(_item_problems(skp.kategori, item, skp))
    return problems


def _item_problems(kategori: Kategori, item: ItemData, skp: SkpData | None = None) -> list[str]:
    out: list[str] = []
    t = item.title
    six = skp is not None and skp.six
    kualitatif = skp is not None and skp.kualitatif

    def add(message: str) -> None:
        out.append(f"{t}: {message}")

    if _blank(item.rencana_kinerja):
        add("rencana kinerja belum diisi.")

    if item.section == Section.UTAMA and _blank(item.parent_ref):
        if kategori == Kategori.JPT:
            add("sasaran Perjanjian Kinerja/Renstra yang dijabarkan belum diisi.")
        elif kategori == Kategori.JF:
            add("rencana kinerja atasan langsung/unit kerja yang diintervensi belum dipilih.")
        else:
            add("rencana kinerja atasan langsung yang diintervensi belum dipilih.")
    elif item.section == Section.UTAMA and item.needs_relink:
        add("rencana kinerja atasan yang didukung telah berubah atau tidak berlaku lagi; pilih ulang.")
    if item.section == Section.TAMBAHAN and _blank(item.basis):
        add("dasar penugasan (surat penugasan atau dokumen lain) belum diisi.")
    if six and item.section == Section.TAMBAHAN and _blank(item.penugasan_dari):
        add("pemberi penugasan (penugasan dari siapa) belum diisi.")
    if six and kategori == Kategori.JPT and _blank(item.perspektif):
        add("perspektif belum dipilih.")

    # AK may be left empty for a Kinerja Tambahan (work outside the butir kegiatan of the jabatan);
    # under 6/2022 there is no AK at all (it comes from converting the yearly predikat).
    if kategori == Kategori.JF and not six and item.section == Section.UTAMA and (item.ak is None or item.ak <= 0):
        add("angka kredit (AK) belum diisi.")

    if kualitatif:
        filled = [i for i in item.indicators if not _blank(i.indikator)]
        if not filled:
            add("ukuran keberhasilan (indikator kinerja individu) belum diisi.")
        for ind in filled:
            if _blank(ind.target_text) and ind.target is None:
                add(f"target untuk indikator \"{ind.indikator.strip()}\" belum diisi.")
    elif kategori == Kategori.JPT:
        filled = [i for i in item.indicators if not _blank(i.indikator)]
        if not filled:
            add("indikator kinerja individu belum diisi.")
        for ind in filled:
            if ind.target is None:
                add(f"target untuk indikator \"{ind.indikator.strip()}\" belum diisi.")
    else:
        for n, ind in enumerate(item.indicators, start=1):
            if ind.aspek is None and not _blank(ind.indikator):
                add(f"indikator ke-{n} (\"{ind.indikator.strip()}\") belum memilih aspek.")
        for aspek in REQUIRED_ASPEK:
            of_aspek = [i for i in item.indicators if i.aspek == aspek]
            if not any(not _blank(i.indikator) for i in of_aspek):
                add(f"indikator aspek {aspek.value} belum diisi.")
            elif any(i.target is None for i in of_aspek if not _blank(i.indikator)):
                add(f"target aspek {aspek.value} belum diisi.")
    return out


# ---------------------------------------------------------------------------
# Angka kredit

MAX_AK = Decimal(1000)


# What people type to say "no AK" for a Kinerja Tambahan.
_NO_AK = frozenset({"-", "--", "\u2013", "\u2014", "0", "tidak ada", "tidak", "tdk ada", "kosong", "nihil", "tanpa ak",
                    "belum ada", "n/a", "na"})  # fmt: skip


@overload
def parse_ak(text: str) -> Decimal: ...
@overload
def parse_ak(text: str, section: Literal[Section.UTAMA]) -> Decimal: ...
@overload
def parse_ak(text: str, section: Section | None) -> Decimal | None: ...


def parse_ak(text: str, section: Section | None = None) -> Decimal | None:
    """Read an angka kredit: ``0,500``, ``25``, ``0.5``. Keeps the decimals as typed.

    For a Kinerja Tambahan (``section=Section.TAMBAHAN``) the AK may be left empty: ``-``, ``0``,
    ``tidak ada`` or an empty text give None. Kinerja Utama needs a positive AK, as before.
    """
    s = (text or "").strip()
    if section is not None and Section(section) is Section.TAMBAHAN:
        key = " ".join(s.lower().split()).rstrip(".")
        if not key or key in _NO_AK or (parse_decimal(key, dot_thousands=False) or (None, 0))[0] == 0:
            return None
    if not s:
        raise AkError("Angka kredit (AK) tidak boleh kosong; contoh: 0,500 atau 25.")
    if s.startswith("-"):
        raise AkError("Angka kredit (AK) harus lebih dari 0.")
    parsed = parse_decimal(s, dot_thousands=False)
    if parsed is None:
        raise AkError(f"Angka kredit (AK) \"{shorten(s)}\" bukan angka; tulis misalnya 0,500 atau 25.")
    value, _places = parsed
    if value <= 0:
        raise AkError("Angka kredit (AK) harus lebih dari 0.")
    if value > MAX_AK:
        raise AkError(f"Angka kredit (AK) {shorten(s)} terlalu besar; maksimal {MAX_AK}.")
    return value


# ---------------------------------------------------------------------------
# Cascading


def check_cascade(
    pegawai_kategori: Kategori,
    section: Section,
    parent_status: Status | None,
    parent_belongs_to_penilai: bool,
) -> bool:
    """Check where a rencana kinerja cascades from; raises :class:`CascadeError`. Returns whether
    the link is *provisional* (the superior's result is not approved yet).

    * Kinerja Tambahan has no parent (it rests on a surat penugasan): offering one is refused.
    * JPT (and Camat): the parent is a sasaran of the Perjanjian Kinerja / Renstra, typed as text;
      nothing to check here beyond it being filled (see :func:`check_completeness`).
    * JA and JF Kinerja Utama: the parent must be a rencana kinerja of the SKP of their own pejabat
      penilai for the same period. Nobody waits for the top: a result of the penilai's draft or
      submitted SKP may be chosen, as a provisional link confirmed when that SKP is approved.
    """
    if section == Section.TAMBAHAN:
        if parent_status is not None or parent_belongs_to_penilai:
            raise CascadeError(
                "Kinerja tambahan tidak diturunkan dari rencana kinerja atasan; isi dasar penugasannya."
            )
        return False
    if pegawai_kategori == Kategori.JPT:
        return False
    if parent_status is None and not parent_belongs_to_penilai:
        raise CascadeError("Pilih rencana kinerja atasan langsung yang Anda dukung (intervensi).")
    if not parent_belongs_to_penilai:
        raise CascadeError(
            "Rencana kinerja atasan harus diambil dari SKP pejabat penilai Anda pada periode yang sama."
        )
    return Status(parent_status or Status.DRAFT) not in HAS_APPROVED_VERSION


# ---------------------------------------------------------------------------
# What changed since the last submission


@dataclass(frozen=True)
class ItemDiff:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


def _rk(item: Mapping[str, object]) -> str:
    value = item.get("rencana_kinerja")
    return "" if value is None else str(value)


def diff_items(old: Sequence[Mapping[str, object]], new: Sequence[Mapping[str, object]]) -> ItemDiff:
    """Compare two versions of an SKP's items, matched by their ``"id"`` key.

    An item is "changed" when any other key differs. Items without an id in ``new`` are added.
    """
    old_by_id = {item["id"]: item for item in old if item.get("id") is not None}
    new_ids = {item["id"] for item in new if item.get("id") is not None}
    diff = ItemDiff()
    for item in new:
        key = item.get("id")
        if key is None or key not in old_by_id:
            diff.added.append(_rk(item))
            continue
        before = old_by_id[key]
        keys = (set(before) | set(item)) - {"id"}
        if any(before.get(k) != item.get(k) for k in keys):
            diff.changed.append(_rk(item))
    for item in old:
        key = item.get("id")
        if key is None or key not in new_ids:
            diff.removed.append(_rk(item))
    return diff
