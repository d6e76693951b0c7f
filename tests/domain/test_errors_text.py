import pytest

from skp_domain import errors
from skp_domain.text import MAX_BASIS, MAX_COMMENT, MAX_INDIKATOR, MAX_RK, clean_text, normalize_space


@pytest.mark.parametrize(
    "cls",
    [
        errors.NipError,
        errors.GolonganError,
        errors.TargetError,
        errors.TextError,
        errors.TransitionError,
        errors.AssessorError,
        errors.CascadeError,
        errors.JabatanError,
        errors.AkError,
    ],
)
def test_domain_errors_carry_the_message(cls: type[errors.DomainError]) -> None:
    e = cls("Pesan untuk pegawai.")
    assert isinstance(e, errors.DomainError)
    assert isinstance(e, ValueError)
    assert e.message == "Pesan untuk pegawai."
    assert str(e) == "Pesan untuk pegawai."


def test_limits() -> None:
    assert (MAX_RK, MAX_INDIKATOR, MAX_COMMENT, MAX_BASIS) == (500, 300, 1000, 300)


def test_clean_text_strips_and_collapses() -> None:
    assert clean_text("  Tersusunnya \t laporan\n\nkeuangan  ", "Rencana kinerja", 500) == (
        "Tersusunnya laporan keuangan"
    )


def test_clean_text_removes_invisible_and_bidi_characters() -> None:
    dirty = "\ufeffTerlaksananya\u200b rapat\u200e \u202ekoordinasi\u202c\u2066\u2069\x07"
    assert clean_text(dirty, "Rencana kinerja", 500) == "Terlaksananya rapat koordinasi"


@pytest.mark.parametrize("value", [None, "", "   ", "\u200b\u200f", "\n\t"])
def test_clean_text_rejects_empty(value: str | None) -> None:
    with pytest.raises(errors.TextError) as info:
        clean_text(value, "Indikator", MAX_INDIKATOR)
    assert str(info.value) == "Indikator tidak boleh kosong."


def test_clean_text_rejects_too_long_and_says_the_limit() -> None:
    with pytest.raises(errors.TextError) as info:
        clean_text("a" * 812, "Rencana kinerja", MAX_RK)
    assert str(info.value) == "Rencana kinerja maksimal 500 karakter; teks Anda 812 karakter."


def test_clean_text_length_counts_after_cleaning() -> None:
    assert clean_text("ab" + " " * 50 + "cd", "Komentar", 5) == "ab cd"


def test_normalize_space_keeps_single_spaces() -> None:
    assert normalize_space("a  b   c") == "a b c"
