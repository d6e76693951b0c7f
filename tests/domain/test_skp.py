from decimal import Decimal

import pytest

from skp_domain.errors import AkError, CascadeError, TargetError, TransitionError
from skp_domain.jabatan import Kategori
from skp_domain.skp import (
    REQUIRED_ASPEK,
    Action,
    Aspek,
    IndicatorData,
    ItemData,
    Section,
    SkpData,
    Status,
    allowed_actions,
    check_cascade,
    check_completeness,
    diff_items,
    is_editable,
    parse_ak,
    transition,
)
from skp_domain.targets import parse_target


def test_enums() -> None:
    assert [a.value for a in Aspek] == ["kuantitas", "kualitas", "waktu", "biaya"]
    assert [a.label for a in Aspek] == ["Kuantitas", "Kualitas", "Waktu", "Biaya"]
    assert REQUIRED_ASPEK == (Aspek.KUANTITAS, Aspek.KUALITAS, Aspek.WAKTU)
    assert Section.UTAMA.value == "UTAMA" and Section.UTAMA.label == "Kinerja Utama"
    assert Section.TAMBAHAN.label == "Kinerja Tambahan"
    assert [s.value for s in Status] == [
        "DRAFT", "SUBMITTED", "REVISION_REQUESTED", "APPROVED", "AMENDING", "AMENDMENT_SUBMITTED"
    ]
    assert [s.label for s in Status] == [
        "Draf", "Diajukan", "Perlu revisi", "Disetujui", "Perubahan disusun", "Perubahan diajukan"
    ]
    assert [a.value for a in Action] == [
        "submit", "approve", "request_revision", "withdraw", "edit", "amend", "reopen", "cancel_amendment"
    ]


# ---------------------------------------------------------------------------
# Workflow

ALLOWED = {
    (Status.DRAFT, Action.SUBMIT): Status.SUBMITTED,
    (Status.DRAFT, Action.EDIT): Status.DRAFT,
    (Status.SUBMITTED, Action.APPROVE): Status.APPROVED,
    (Status.SUBMITTED, Action.REQUEST_REVISION): Status.REVISION_REQUESTED,
    (Status.REVISION_REQUESTED, Action.EDIT): Status.REVISION_REQUESTED,
    (Status.REVISION_REQUESTED, Action.SUBMIT): Status.SUBMITTED,
    (Status.SUBMITTED, Action.WITHDRAW): Status.DRAFT,
    # After approval: an amendment, with the approved version in force until it is approved.
    (Status.APPROVED, Action.AMEND): Status.AMENDING,
    (Status.APPROVED, Action.REOPEN): Status.AMENDING,
    (Status.AMENDING, Action.REOPEN): Status.AMENDING,
    (Status.AMENDING, Action.EDIT): Status.AMENDING,
    (Status.AMENDING, Action.SUBMIT): Status.AMENDMENT_SUBMITTED,
    (Status.AMENDING, Action.CANCEL_AMENDMENT): Status.APPROVED,
    (Status.AMENDMENT_SUBMITTED, Action.APPROVE): Status.APPROVED,
    (Status.AMENDMENT_SUBMITTED, Action.REQUEST_REVISION): Status.AMENDING,
    (Status.AMENDMENT_SUBMITTED, Action.WITHDRAW): Status.AMENDING,
}


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("action", list(Action))
def test_transition_table(status: Status, action: Action) -> None:
    if (status, action) in ALLOWED:
        assert transition(status, action) is ALLOWED[(status, action)]
    else:
        with pytest.raises(TransitionError) as info:
            transition(status, action)
        assert info.value.message  # Indonesian explanation
        assert "SKP" in info.value.message


def test_transition_messages() -> None:
    with pytest.raises(TransitionError, match=r"SKP yang sudah disetujui tidak dapat diubah langsung; tambahkan"):
        transition(Status.APPROVED, Action.EDIT)
    with pytest.raises(TransitionError, match=r"belum disetujui"):
        transition(Status.DRAFT, Action.AMEND)
    with pytest.raises(TransitionError, match=r"tarik pengajuannya dulu"):
        transition(Status.AMENDMENT_SUBMITTED, Action.EDIT)
    with pytest.raises(TransitionError) as info:
        transition(Status.SUBMITTED, Action.EDIT)
    assert str(info.value) == (
        "SKP sedang menunggu persetujuan; tunggu keputusan pejabat penilai sebelum mengubahnya."
    )


def test_is_editable() -> None:
    assert [is_editable(s) for s in Status] == [True, False, True, False, True, False]
    assert allowed_actions(Status.SUBMITTED) == (Action.APPROVE, Action.REQUEST_REVISION, Action.WITHDRAW)
    assert allowed_actions(Status.APPROVED) == (Action.AMEND, Action.REOPEN)
    assert allowed_actions(Status.AMENDMENT_SUBMITTED) == (
        Action.APPROVE, Action.REQUEST_REVISION, Action.WITHDRAW
    )


# ---------------------------------------------------------------------------
# Completeness


def ind(aspek: Aspek | None, text: str, target: str | None) -> IndicatorData:
    return IndicatorData(aspek, text, parse_target(target) if target else None)


FULL = (
    ind(Aspek.KUANTITAS, "Jumlah kegiatan pengelolaan promosi ASN", "3 kegiatan"),
    ind(Aspek.KUALITAS, "Persentase kesesuaian penempatan pegawai dalam jabatan", "90 %"),
    ind(Aspek.WAKTU, "Ketepatan waktu pelaksanaan kegiatan", "12 bulan"),
)


def item(
    section: Section = Section.UTAMA,
    number: int = 1,
    *,
    rk: str = "Pengelolaan promosi ASN yang dilaksanakan sesuai peraturan",
    parent: str | None = "Terwujudnya birokrasi yang kapabel",
    basis: str | None = None,
    ak: Decimal | None = None,
    indicators: tuple[IndicatorData, ...] = FULL,
) -> ItemData:
    return ItemData(section, rk, parent, basis, ak, indicators, number)


def test_seed_ja_skp_is_complete() -> None:
    assert check_completeness(SkpData(Kategori.JA, (item(),))) == []


def test_seed_jf_skp_is_complete() -> None:
    skp = SkpData(
        Kategori.JF,
        (
            item(ak=Decimal("0.500")),
            item(Section.TAMBAHAN, 1, parent=None, basis="Surat Tugas Kepala BKPSDM", ak=Decimal(25)),
        ),
    )
    assert check_completeness(skp) == []


def test_seed_jpt_skp_is_complete() -> None:
    skp = SkpData(
        Kategori.JPT,
        (
            item(
                rk="Meningkatnya kualitas pelayanan publik",
                parent="Meningkatnya kualitas pelayanan publik (PK 2022)",
                indicators=(ind(None, "Indeks kepuasan masyarakat", "83,00 %"),),
            ),
        ),
    )
    assert check_completeness(skp) == []


def test_no_utama() -> None:
    skp = SkpData(Kategori.JA, (item(Section.TAMBAHAN, parent=None, basis="ST"),))
    assert check_completeness(skp) == ["Belum ada rencana kinerja pada Kinerja Utama."]


def test_every_problem_at_once_naming_the_item() -> None:
    skp = SkpData(
        Kategori.JF,
        (
            item(number=1, ak=Decimal("0.5")),
            item(number=2, parent=None, ak=None, indicators=(FULL[0], ind(Aspek.WAKTU, "Ketepatan", None))),
            item(Section.TAMBAHAN, 1, rk="  ", parent=None, basis=None, ak=Decimal(1)),
        ),
    )
    assert check_completeness(skp) == [
        "Kinerja Utama 2: rencana kinerja atasan langsung/unit kerja yang diintervensi belum dipilih.",
        "Kinerja Utama 2: angka kredit (AK) belum diisi.",
        "Kinerja Utama 2: indikator aspek kualitas belum diisi.",
        "Kinerja Utama 2: target aspek waktu belum diisi.",
        "Kinerja Tambahan 1: rencana kinerja belum diisi.",
        "Kinerja Tambahan 1: dasar penugasan (surat penugasan atau dokumen lain) belum diisi.",
    ]


def test_ja_needs_three_aspects_and_parent() -> None:
    skp = SkpData(Kategori.JA, (item(number=3, parent="", indicators=()),))
    assert check_completeness(skp) == [
        "Kinerja Utama 3: rencana kinerja atasan langsung yang diintervensi belum dipilih.",
        "Kinerja Utama 3: indikator aspek kuantitas belum diisi.",
        "Kinerja Utama 3: indikator aspek kualitas belum diisi.",
        "Kinerja Utama 3: indikator aspek waktu belum diisi.",
    ]


def test_ja_does_not_need_ak_and_jf_ak_must_be_positive() -> None:
    assert check_completeness(SkpData(Kategori.JA, (item(ak=None),))) == []
    assert check_completeness(SkpData(Kategori.JF, (item(ak=Decimal(0)),))) == [
        "Kinerja Utama 1: angka kredit (AK) belum diisi."
    ]


def test_indicator_without_aspect_is_reported() -> None:
    skp = SkpData(Kategori.JA, (item(indicators=(*FULL, ind(None, "Jumlah rapat", "2 kali"))),))
    assert check_completeness(skp) == [
        'Kinerja Utama 1: indikator ke-4 ("Jumlah rapat") belum memilih aspek.'
    ]


def test_jpt_needs_an_indicator_with_target_and_a_pk_sasaran() -> None:
    skp = SkpData(
        Kategori.JPT,
        (
            item(number=1, parent=None, indicators=()),
            item(number=2, indicators=(ind(None, "Indeks kepuasan masyarakat", None),)),
        ),
    )
    assert check_completeness(skp) == [
        "Kinerja Utama 1: sasaran Perjanjian Kinerja/Renstra yang dijabarkan belum diisi.",
        "Kinerja Utama 1: indikator kinerja individu belum diisi.",
        'Kinerja Utama 2: target untuk indikator "Indeks kepuasan masyarakat" belum diisi.',
    ]


def test_tambahan_needs_no_parent() -> None:
    skp = SkpData(Kategori.JA, (item(), item(Section.TAMBAHAN, parent=None, basis="Surat Tugas")))
    assert check_completeness(skp) == []


# ---------------------------------------------------------------------------
# AK


@pytest.mark.parametrize(
    ("text", "value"), [("0,500", "0.500"), ("25", "25"), ("0.5", "0.5"), (" 1,25 ", "1.25")]
)
def test_parse_ak(text: str, value: str) -> None:
    assert parse_ak(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "tidak boleh kosong"),
        ("abc", "bukan angka"),
        ("0", "lebih dari 0"),
        ("-1", "lebih dari 0"),
        ("1001", "maksimal"),
    ],
)
def test_parse_ak_rejects(text: str, fragment: str) -> None:
    with pytest.raises(AkError) as info:
        parse_ak(text)
    assert fragment in str(info.value)
    assert isinstance(info.value, TargetError)


# ---------------------------------------------------------------------------
# Cascade


@pytest.mark.parametrize("kategori", [Kategori.JA, Kategori.JF])
def test_cascade_ja_jf_from_the_penilai_approved_or_provisional(kategori: Kategori) -> None:
    # An approved result (or the approved version of one being amended): a confirmed link.
    for status in (Status.APPROVED, Status.AMENDING, Status.AMENDMENT_SUBMITTED):
        assert check_cascade(kategori, Section.UTAMA, status, True) is False
    # Nobody waits for the top: a draft or submitted result gives a provisional link.
    for status in (Status.DRAFT, Status.SUBMITTED, Status.REVISION_REQUESTED):
        assert check_cascade(kategori, Section.UTAMA, status, True) is True
    with pytest.raises(CascadeError, match="SKP pejabat penilai Anda pada periode yang sama"):
        check_cascade(kategori, Section.UTAMA, Status.APPROVED, False)
    with pytest.raises(CascadeError, match="Pilih rencana kinerja atasan"):
        check_cascade(kategori, Section.UTAMA, None, False)


def test_a_flagged_link_keeps_the_skp_from_being_submitted() -> None:
    flagged = ItemData(Section.UTAMA, "Promosi ASN terlaksana", "Pegawai ditempatkan sesuai ketentuan", None,
                       None, FULL, 1, needs_relink=True)
    assert check_completeness(SkpData(Kategori.JA, (flagged,))) == [
        "Kinerja Utama 1: rencana kinerja atasan yang didukung telah berubah atau tidak berlaku lagi; pilih ulang."
    ]


def test_cascade_jpt_and_tambahan_need_nothing() -> None:
    check_cascade(Kategori.JPT, Section.UTAMA, None, False)
    for kategori in Kategori:
        check_cascade(kategori, Section.TAMBAHAN, None, False)


# ---------------------------------------------------------------------------
# Diff


def test_diff_items() -> None:
    old: list[dict[str, object]] = [
        {"id": 1, "rencana_kinerja": "A", "target": "3 kegiatan"},
        {"id": 2, "rencana_kinerja": "B", "target": "1 dokumen"},
        {"id": 3, "rencana_kinerja": "C"},
    ]
    new: list[dict[str, object]] = [
        {"id": 1, "rencana_kinerja": "A", "target": "3 kegiatan"},
        {"id": 2, "rencana_kinerja": "B2", "target": "1 dokumen"},
        {"id": 4, "rencana_kinerja": "D"},
        {"rencana_kinerja": "E"},
    ]
    diff = diff_items(old, new)
    assert diff.added == ["D", "E"]
    assert diff.changed == ["B2"]
    assert diff.removed == ["C"]
    assert not diff.is_empty


def test_diff_detects_change_in_any_key() -> None:
    old = [{"id": 1, "rencana_kinerja": "A", "target": "3 kegiatan"}]
    new = [{"id": 1, "rencana_kinerja": "A", "target": "4 kegiatan"}]
    assert diff_items(old, new).changed == ["A"]
    assert diff_items(old, old).is_empty
    with_ak = [{"id": 1, "rencana_kinerja": "A", "ak": 1}]
    assert diff_items([{"id": 1, "rencana_kinerja": "A"}], with_ak).changed == ["A"]


# ---------------------------------------------------------------------------
# AK may be left empty for a Kinerja Tambahan


@pytest.mark.parametrize("text", ["-", "0", "0,000", "tidak ada", "Tidak ada.", "", "  ", "—", "kosong"])
def test_tambahan_may_leave_ak_empty(text: str) -> None:
    assert parse_ak(text, Section.TAMBAHAN) is None


def test_tambahan_still_reads_a_given_ak() -> None:
    assert parse_ak("0,5", Section.TAMBAHAN) == Decimal("0.5")
    with pytest.raises(AkError, match="bukan angka"):
        parse_ak("abc", Section.TAMBAHAN)


@pytest.mark.parametrize("text", ["-", "0", "tidak ada", ""])
def test_utama_still_needs_a_positive_ak(text: str) -> None:
    with pytest.raises(AkError):
        parse_ak(text, Section.UTAMA)
    with pytest.raises(AkError):
        parse_ak(text)


def test_completeness_does_not_demand_ak_for_tambahan() -> None:
    skp = SkpData(
        Kategori.JF,
        (item(ak=Decimal("0.5")), item(Section.TAMBAHAN, 1, parent=None, basis="Surat Tugas Kepala BKPSDM", ak=None)),
    )
    assert check_completeness(skp) == []
    assert check_completeness(SkpData(Kategori.JF, (item(ak=None),))) == [
        "Kinerja Utama 1: angka kredit (AK) belum diisi."
    ]
