"""An SKP through the year: amendments after approval, and links to the superior's results that
must be chosen again (a result changed or vanished, the penilai changed, a new period began)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import TypeVar

from skp_domain.errors import TransitionError
from skp_domain.skp import ItemDiff, Section


class AmendScope(StrEnum):
    """What an amendment may change.

    The seed says a Kinerja Tambahan "dapat ditambahkan pada tahun berjalan": the owner may open an
    approved SKP for that alone (and to choose again a link the bot flagged). Anything else — a
    Kinerja Utama, a target — changes what the penilai agreed to, so the penilai reopens it."""

    TAMBAHAN = "tambahan"
    FULL = "full"

    @property
    def label(self) -> str:
        if self is AmendScope.TAMBAHAN:
            return "menambah Kinerja Tambahan"
        return "semua perubahan (dibuka pejabat penilai)"


class Relink(StrEnum):
    """Why a link to the superior's result must be chosen again."""

    CHANGED = "changed"  # the superior's result was reworded when their SKP was approved
    VANISHED = "vanished"  # the superior's result was removed
    MOVED = "moved"  # the roster gave the employee another penilai
    CARRIED = "carried"  # copied from last period's SKP and not found among this year's results

    @property
    def label(self) -> str:
        return _RELINK_LABELS[self]


_RELINK_LABELS = {
    Relink.CHANGED: "rencana kinerja atasan yang didukung telah diubah",
    Relink.VANISHED: "rencana kinerja atasan yang didukung telah dihapus",
    Relink.MOVED: "pejabat penilai Anda berganti",
    Relink.CARRIED: "disalin dari periode lalu; rencana kinerja atasan tahun ini belum dipilih",
}


def may_add(scope: AmendScope | None, section: Section) -> bool:
    """Whether a new item of ``section`` may be added (``scope`` None: not an amendment)."""
    return scope is not AmendScope.TAMBAHAN or Section(section) is Section.TAMBAHAN


def may_edit_item(scope: AmendScope | None, *, in_approved_version: bool) -> bool:
    """Whether an item may be changed or deleted. In an owner's amendment only the items it added."""
    return scope is not AmendScope.TAMBAHAN or not in_approved_version


def may_relink(scope: AmendScope | None, *, needs_relink: bool, in_approved_version: bool) -> bool:
    """Whether the item's link to the superior's result may be chosen again."""
    return needs_relink or may_edit_item(scope, in_approved_version=in_approved_version)


def check_amendment_has_changes(diff: ItemDiff) -> None:
    if diff.is_empty:
        raise TransitionError(
            "Belum ada perubahan dibanding versi yang disetujui; tambahkan atau ubah rencana kinerja dulu, "
            "atau batalkan perubahan."
        )


def result_key(text: str | None) -> str:
    """Two wordings of a result are the same result when they differ only in case, spaces and
    punctuation at the ends."""
    return re.sub(r"\s+", " ", (text or "").strip().strip(".;,").casefold())


T = TypeVar("T")


def find_same_result(text: str | None, options: Iterable[tuple[str, T]]) -> T | None:
    """The option (text, value) whose text is the same result as ``text``; None if none is."""
    key = result_key(text)
    if not key:
        return None
    for option_text, value in options:
        if result_key(option_text) == key:
            return value
    return None


def item_codes(codes: Sequence[str]) -> str:
    """``U1, U3 dan T1``."""
    codes = list(codes)
    if len(codes) <= 1:
        return "".join(codes)
    return ", ".join(codes[:-1]) + " dan " + codes[-1]
