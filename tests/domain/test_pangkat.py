import pytest

from skp_domain.errors import GolonganError
from skp_domain.nip import parse_nip
from skp_domain.pangkat import GOLONGAN, GOLONGAN_PPPK, Golongan, check_golongan_matches_nip, parse_golongan


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


# ---------------------------------------------------------------------------
# PPPK: golongan I–XVII, no pangkat.

PPPK_NIP = "198902252024211013"
PNS_NIP = "199106112012062001"


def test_seventeen_pppk_golongan() -> None:
    assert [g.code for g in GOLONGAN_PPPK] == [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
        "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
    ]  # fmt: skip
    assert all(g.pppk and g.nama == "" for g in GOLONGAN_PPPK)
    assert not any(g.pppk for g in GOLONGAN)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("IX", "IX"),
        ("ix", "IX"),
        ("Golongan IX", "IX"),
        ("GOLONGAN IX", "IX"),
        ("PPPK IX", "IX"),
        ("IX (PPPK)", "IX"),
        ("gol. IX", "IX"),
        ("Gol IX", "IX"),
        ("PPPK Gol. VII", "VII"),
        ("P3K V", "V"),
        ("Golongan 9", "IX"),
        ("PPPK 10", "X"),
        ("9", "IX"),
        ("XVII", "XVII"),
        ("I", "I"),
        ("III", "III"),  # a bare numeral without a ruang letter is a PPPK golongan
        ("IV", "IV"),
    ],
)
def test_pppk_golongan_as_rosters_write_it(text: str, code: str) -> None:
    golongan = parse_golongan(text)
    assert golongan.pppk
    assert golongan.code == code


@pytest.mark.parametrize("golongan", GOLONGAN_PPPK)
def test_pppk_code_and_label_round_trip(golongan: Golongan) -> None:
    assert parse_golongan(golongan.code) == golongan
    assert parse_golongan(golongan.label) == golongan
    assert golongan.label == f"Golongan {golongan.code}"  # what the document prints under Pangkat/Gol
    assert golongan.ruang == golongan.code


@pytest.mark.parametrize(
    ("text", "code"),
    [("III/a", "III/a"), ("IIIa", "III/a"), ("Golongan III/a", "III/a"), ("Gol. IV/b", "IV/b"), ("4/a", "IV/a")],
)
def test_pns_forms_stay_pns(text: str, code: str) -> None:
    golongan = parse_golongan(text)
    assert not golongan.pppk and golongan.code == code


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("XVIII", "PPPK XVIII tidak ada"),
        ("18", "PPPK 18 tidak ada"),
        ("PPPK", "belum ditulis"),
        ("PPPK III/a", "tidak dikenal"),
    ],
)
def test_pppk_rejections(text: str, fragment: str) -> None:
    with pytest.raises(GolonganError) as info:
        parse_golongan(text)
    assert fragment in str(info.value)
    assert "I sampai XVII" in str(info.value)


def test_golongan_must_match_the_kind_of_nip() -> None:
    check_golongan_matches_nip(parse_golongan("IX"), parse_nip(PPPK_NIP))
    check_golongan_matches_nip(parse_golongan("III/c"), parse_nip(PNS_NIP))
    with pytest.raises(GolonganError, match="NIP PPPK, tetapi III/c adalah golongan ruang PNS"):
        check_golongan_matches_nip(parse_golongan("III/c"), parse_nip(PPPK_NIP))
    with pytest.raises(GolonganError, match=r"NIP PNS.*seperti III/a"):
        check_golongan_matches_nip(parse_golongan("III"), parse_nip(PNS_NIP))
    with pytest.raises(GolonganError, match="golongan PNS ditulis I/a sampai IV/e"):
        check_golongan_matches_nip(parse_golongan("IX"), parse_nip(PNS_NIP))
