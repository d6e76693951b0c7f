import pytest

from skp_domain.errors import GolonganError
from skp_domain.pangkat import GOLONGAN, Golongan, parse_golongan


def test_all_seventeen_in_order() -> None:
    assert len(GOLONGAN) == 17
    assert GOLONGAN[0] == Golongan("I/a", "Juru Muda")
    assert GOLONGAN[-1] == Golongan("IV/e", "Pembina Utama")
    assert [g.code for g in GOLONGAN] == [
        "I/a", "I/b", "I/c", "I/d",
        "II/a", "II/b", "II/c", "II/d",
        "III/a", "III/b", "III/c", "III/d",
        "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
    ]  # fmt: skip
    assert len({g.nama for g in GOLONGAN}) == 17


def test_label() -> None:
    assert parse_golongan("IV/a").label == "Pembina - IV/a"
    assert parse_golongan("III/c").label == "Penata - III/c"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("IV/a", "IV/a"),
        ("iv/a", "IV/a"),
        ("IVa", "IV/a"),
        ("Pembina - IV/a", "IV/a"),
        ("Penata – III/c", "III/c"),
        ("Pembina Utama Muda– IV/c", "IV/c"),
        ("Pembina Utama Madya- IV/d", "IV/d"),
        ("pembina iv/a", "IV/a"),
        ("Pembina", "IV/a"),
        ("Pembina Utama", "IV/e"),
        ("Juru Muda Tingkat I - I/b", "I/b"),
        ("Juru Muda Tk. I", "I/b"),
        ("Penata Muda Tingkat I (III/b)", "III/b"),
        ("II/d", "II/d"),
        ("3/c", "III/c"),
        ("III c", "III/c"),
    ],
)
def test_parse_accepts_what_people_type(text: str, code: str) -> None:
    assert parse_golongan(text).code == code


@pytest.mark.parametrize("golongan", GOLONGAN)
def test_label_and_code_round_trip(golongan: Golongan) -> None:
    assert parse_golongan(golongan.label) == golongan
    assert parse_golongan(golongan.code) == golongan
    assert parse_golongan(golongan.nama) == golongan


def test_name_and_code_disagree() -> None:
    with pytest.raises(GolonganError) as info:
        parse_golongan("Pembina - III/c")
    assert "tidak cocok" in str(info.value)
    assert "IV/a" in str(info.value)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("", "tidak boleh kosong"), ("I/e", "I/e tidak ada"), ("Jendral", "tidak dikenal")],
)
def test_rejections(text: str, fragment: str) -> None:
    with pytest.raises(GolonganError) as info:
        parse_golongan(text)
    assert fragment in str(info.value)
