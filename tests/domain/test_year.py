"""The year's rules as plain Python: what an amendment may change, matching results across
wordings, JPT index targets."""

from __future__ import annotations

from decimal import Decimal

import pytest

from skp_domain.errors import TargetError, TransitionError
from skp_domain.jpt import INDEX_UNIT, parse_jpt_target, target_shown
from skp_domain.skp import ItemDiff, Section
from skp_domain.year import (
    AmendScope,
    Relink,
    check_amendment_has_changes,
    find_same_result,
    item_codes,
    may_add,
    may_edit_item,
    may_relink,
    result_key,
)


def test_an_owners_amendment_adds_kinerja_tambahan_only() -> None:
    assert may_add(AmendScope.TAMBAHAN, Section.TAMBAHAN)
    assert not may_add(AmendScope.TAMBAHAN, Section.UTAMA)
    assert may_add(AmendScope.FULL, Section.UTAMA) and may_add(None, Section.UTAMA)
    assert not may_edit_item(AmendScope.TAMBAHAN, in_approved_version=True)
    assert may_edit_item(AmendScope.TAMBAHAN, in_approved_version=False)  # the ones it added
    assert may_edit_item(AmendScope.FULL, in_approved_version=True)
    # A flagged link may always be chosen again.
    assert may_relink(AmendScope.TAMBAHAN, needs_relink=True, in_approved_version=True)
    assert not may_relink(AmendScope.TAMBAHAN, needs_relink=False, in_approved_version=True)


def test_an_amendment_without_changes_is_not_submitted() -> None:
    with pytest.raises(TransitionError, match="Belum ada perubahan dibanding versi yang disetujui"):
        check_amendment_has_changes(ItemDiff())
    check_amendment_has_changes(ItemDiff(added=["Materi sosialisasi tersusun"]))


def test_the_same_result_in_another_wording() -> None:
    assert result_key("  Pegawai ditempatkan  sesuai ketentuan. ") == "pegawai ditempatkan sesuai ketentuan"
    options = [("Pegawai ditempatkan sesuai ketentuan melalui promosi.", 1), ("Manajemen talenta diterapkan", 2)]
    assert find_same_result("pegawai ditempatkan sesuai ketentuan melalui promosi", options) == 1
    assert find_same_result("Kompetensi ASN meningkat", options) is None
    assert find_same_result("", options) is None and find_same_result(None, options) is None


def test_labels_and_codes() -> None:
    assert all(r.label for r in Relink) and all(s.label for s in AmendScope)
    assert item_codes(["U1"]) == "U1" and item_codes(["U1", "U3", "T1"]) == "U1, U3 dan T1"
    assert item_codes([]) == ""


@pytest.mark.parametrize(
    ("typed", "value", "unit", "shown"),
    [
        ("3,10", Decimal("3.1"), INDEX_UNIT, "3,10"),
        ("3.10", Decimal("3.1"), INDEX_UNIT, "3,10"),
        ("83", Decimal(83), INDEX_UNIT, "83"),
        ("83,00 %", Decimal(83), "%", "83,00 %"),
        ("1 dokumen", Decimal(1), "dokumen", "1 dokumen"),
        ("Rp 5.000.000", Decimal(5000000), "Rp", "Rp 5.000.000"),
    ],
)
def test_jpt_targets(typed: str, value: Decimal, unit: str, shown: str) -> None:
    target = parse_jpt_target(typed)
    assert (target.value, target.unit, target_shown(target)) == (value, unit, shown)


@pytest.mark.parametrize("typed", ["", "tinggi", "-3", "3,10 dan 4", "1" * 20, "3,123456"])
def test_jpt_targets_refused_with_a_reason(typed: str) -> None:
    with pytest.raises(TargetError) as info:
        parse_jpt_target(typed)
    assert info.value.message
