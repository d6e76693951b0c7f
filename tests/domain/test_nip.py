import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skp_domain.errors import NipError
from skp_domain.nip import parse_nip

TODAY = dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    ("text", "birth", "appointment", "sex", "seq"),
    [
        ("199106112012062001", dt.date(1991, 6, 11), "2012-06", "P", 1),
        ("198103021999121001", dt.date(1981, 3, 2), "1999-12", "L", 1),
        ("196804241998031011", dt.date(1968, 4, 24), "1998-03", "L", 11),
        ("196411171992011002", dt.date(1964, 11, 17), "1992-01", "L", 2),
    ],
)
def test_seed_pns_nips(text: str, birth: dt.date, appointment: str, sex: str, seq: int) -> None:
    nip = parse_nip(text, TODAY)
    assert nip.kind == "PNS"
    assert nip.digits == text
    assert nip.birth_date == birth
    assert nip.appointment == appointment
    assert nip.sex == sex
    assert nip.sequence == seq
    assert nip.intake is None


def test_formatted_pns() -> None:
    assert parse_nip("199106112012062001", TODAY).formatted == "19910611 201206 2 001"


def test_pppk() -> None:
    nip = parse_nip("198902252024211013", TODAY)
    assert nip.kind == "PPPK"
    assert nip.birth_date == dt.date(1989, 2, 25)
    assert nip.appointment == "2024"
    assert nip.intake == 1
    assert nip.sex == "L"
    assert nip.sequence == 13
    assert nip.formatted == "19890225 2024 21 1 013"
    assert parse_nip(nip.formatted, TODAY) == nip


@pytest.mark.parametrize(
    "typed",
    ["19910611 201206 2 001", "19910611.201206.2.001", "19910611-201206-2-001", " 199106112012062001 "],
)
def test_separators_are_accepted(typed: str) -> None:
    assert parse_nip(typed, TODAY).digits == "199106112012062001"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "tidak boleh kosong"),
        ("19910611201206200", "harus 18 digit; yang Anda ketik 17 digit"),
        ("1991061120120620011", "harus 18 digit"),
        ("19910611201206200A", "hanya boleh berisi angka"),
        ("1.99106E+17", "NIP tersimpan sebagai angka di spreadsheet; ketik sebagai teks"),
        ("1,99106112012062E+17", "tersimpan sebagai angka di spreadsheet"),
        ("199106112012062001.0", "tersimpan sebagai angka di spreadsheet"),
        ("199113112012062001", "Tanggal lahir"),
        ("199102302012062001", "Tanggal lahir"),
        ("199106112012132001", "TMT CPNS"),
        ("199106112012132001", "bulan 13 tidak valid"),
        ("199106112012002001", "bulan 00 tidak valid"),
        ("199106112005062001", "sebelum usia 18 tahun"),
        ("199106112030062001", "di masa depan"),
        ("199106112012063001", "jenis kelamin"),
        ("199106112012060001", "harus 1 (laki-laki) atau 2 (perempuan)"),
        ("199106112012062000", "Nomor urut"),
        ("199106112012062000", "000"),
        ("198902252024201013", "angkatan"),
        ("198902252030211013", "PPPK"),
        ("198902252000211013", "sebelum usia 18 tahun"),
    ],
)
def test_errors_name_the_wrong_part(text: str, fragment: str) -> None:
    with pytest.raises(NipError) as info:
        parse_nip(text, TODAY)
    assert fragment in str(info.value)


def test_today_defaults_to_now() -> None:
    assert parse_nip("199106112012062001").kind == "PNS"


# ---------------------------------------------------------------------------
# Properties

births = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2005, 12, 31))


@st.composite
def pns_nips(draw: st.DrawFn) -> tuple[str, dt.date, int, int, str, int]:
    birth = draw(births)
    first = birth.year * 12 + birth.month - 1 + 18 * 12
    last = TODAY.year * 12 + TODAY.month - 1
    month_index = draw(st.integers(min_value=first, max_value=last))
    year, month = divmod(month_index, 12)
    sex = draw(st.sampled_from("12"))
    seq = draw(st.integers(min_value=1, max_value=999))
    digits = f"{birth:%Y%m%d}{year:04d}{month + 1:02d}{sex}{seq:03d}"
    return digits, birth, year, month + 1, sex, seq


@st.composite
def pppk_nips(draw: st.DrawFn) -> tuple[str, dt.date, int, int, str, int]:
    birth = draw(births)
    year = draw(st.integers(min_value=birth.year + 18, max_value=TODAY.year))
    intake = draw(st.integers(min_value=1, max_value=9))
    sex = draw(st.sampled_from("12"))
    seq = draw(st.integers(min_value=1, max_value=999))
    return f"{birth:%Y%m%d}{year:04d}2{intake}{sex}{seq:03d}", birth, year, intake, sex, seq


@settings(max_examples=150, deadline=None)
@given(pns_nips())
def test_any_valid_pns_nip_parses_and_round_trips(case: tuple[str, dt.date, int, int, str, int]) -> None:
    digits, birth, year, month, sex, seq = case
    nip = parse_nip(digits, TODAY)
    assert (nip.kind, nip.birth_date, nip.appointment) == ("PNS", birth, f"{year:04d}-{month:02d}")
    assert nip.sex == ("L" if sex == "1" else "P")
    assert nip.sequence == seq
    assert parse_nip(nip.formatted, TODAY) == nip
    assert nip.formatted.replace(" ", "") == digits


@settings(max_examples=100, deadline=None)
@given(pppk_nips())
def test_any_valid_pppk_nip_parses_and_round_trips(case: tuple[str, dt.date, int, int, str, int]) -> None:
    digits, birth, year, intake, _sex, seq = case
    nip = parse_nip(digits, TODAY)
    assert (nip.kind, nip.birth_date, nip.appointment, nip.intake) == ("PPPK", birth, str(year), intake)
    assert nip.sequence == seq
    assert parse_nip(nip.formatted, TODAY) == nip


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(pns_nips(), pppk_nips()),
    st.one_of(
        st.tuples(st.just("month"), st.sampled_from(["00", "13", "19", "20", "45", "99"])),
        st.tuples(st.just("day"), st.sampled_from(["00", "32", "40", "99"])),
    ),
)
def test_corrupt_birth_date_is_rejected(
    case: tuple[str, dt.date, int, int, str, int], corruption: tuple[str, str]
) -> None:
    digits = case[0]
    part, value = corruption
    corrupted = digits[:4] + value + digits[6:] if part == "month" else digits[:6] + value + digits[8:]
    with pytest.raises(NipError) as info:
        parse_nip(corrupted, TODAY)
    assert "Tanggal lahir" in str(info.value)


@settings(max_examples=100, deadline=None)
@given(st.one_of(pns_nips(), pppk_nips()), st.sampled_from("03456789"))
def test_corrupt_sex_digit_is_rejected(case: tuple[str, dt.date, int, int, str, int], digit: str) -> None:
    corrupted = case[0][:14] + digit + case[0][15:]
    with pytest.raises(NipError) as info:
        parse_nip(corrupted, TODAY)
    assert "jenis kelamin" in str(info.value)
    assert f"tertulis {digit}" in str(info.value)


@settings(max_examples=50, deadline=None)
@given(pns_nips(), st.sampled_from(["00", "13", "14", "19"]))
def test_corrupt_tmt_month_is_rejected(case: tuple[str, dt.date, int, int, str, int], month: str) -> None:
    corrupted = case[0][:12] + month + case[0][14:]
    with pytest.raises(NipError) as info:
        parse_nip(corrupted, TODAY)
    assert "TMT CPNS" in str(info.value)
