import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skp_domain.errors import TargetError
from skp_domain.skp import Aspek
from skp_domain.targets import Target, parse_target, suggest_indicators, suggest_targets


@pytest.mark.parametrize(
    ("text", "value", "unit", "places", "formatted"),
    [
        ("3 kegiatan", "3", "kegiatan", 0, "3 kegiatan"),
        ("1 dokumen", "1", "dokumen", 0, "1 dokumen"),
        ("90 %", "90", "%", 0, "90 %"),
        ("90%", "90", "%", 0, "90 %"),
        ("90,00 %", "90", "%", 2, "90,00 %"),
        ("83,00 %", "83", "%", 2, "83,00 %"),
        ("0,5 dokumen", "0.5", "dokumen", 1, "0,5 dokumen"),
        ("0.5 dokumen", "0.5", "dokumen", 1, "0,5 dokumen"),
        ("12 bulan", "12", "bulan", 0, "12 bulan"),
        ("12 Bulan", "12", "bulan", 0, "12 bulan"),
        ("100 persen", "100", "%", 0, "100 %"),
        ("12 Laporan", "12", "laporan", 0, "12 laporan"),
        ("3 SK", "3", "SK", 0, "3 SK"),
        ("Rp 5.000.000", "5000000", "Rp", 0, "Rp 5.000.000"),
        ("4850 data", "4850", "data", 0, "4.850 data"),
        ("4.850 data", "4850", "data", 0, "4.850 data"),
        ("1250,5 dokumen", "1250.5", "dokumen", 1, "1.250,5 dokumen"),
    ],
)
def test_parse_target(text: str, value: str, unit: str, places: int, formatted: str) -> None:
    target = parse_target(text)
    assert target == Target(Decimal(value), unit, places)
    assert target.formatted == formatted
    assert parse_target(target.formatted) == target


def test_value_is_normalised() -> None:
    target = parse_target("90,00 %")
    assert str(target.value) == "90"
    assert Target(Decimal("83"), "%", 2).formatted == "83,00 %"
    assert Target(Decimal("0.5"), "dokumen").formatted == "0,5 dokumen"


@pytest.mark.parametrize(
    ("text", "aspek", "fragment"),
    [
        ("", None, "tidak boleh kosong"),
        ("   ", Aspek.KUANTITAS, "tidak boleh kosong"),
        ("dokumen", None, "angka"),
        ("3", None, "Tulis angka beserta satuannya, misalnya 3 dokumen atau 90 %."),
        ("90,00", Aspek.KUALITAS, "Tulis angka beserta satuannya"),
        ("101 %", Aspek.KUALITAS, "tidak boleh lebih dari 100 %"),
        ("150 persen", None, "tidak boleh lebih dari 100 %"),
        ("-5 %", Aspek.KUALITAS, "negatif"),
        ("0 dokumen", Aspek.KUANTITAS, "harus lebih dari 0"),
        ("0 bulan", Aspek.WAKTU, "harus lebih dari 0"),
        ("13 bulan", Aspek.WAKTU, "melebihi periode SKP"),
        ("400 hari", Aspek.WAKTU, "melebihi periode SKP"),
        ("54 minggu", Aspek.WAKTU, "melebihi periode SKP"),
        ("3 dokumen", Aspek.WAKTU, "Target aspek waktu memakai satuan waktu: bulan, minggu, atau hari."),
        ("90 %", Aspek.WAKTU, "satuan waktu"),
        ("3 dokumen 4 laporan", None, "satu angka"),
    ],
)
def test_rejections(text: str, aspek: Aspek | None, fragment: str) -> None:
    with pytest.raises(TargetError) as info:
        parse_target(text, aspek)
    assert fragment in str(info.value)


def test_period_limits_follow_the_period() -> None:
    assert parse_target("6 bulan", Aspek.WAKTU, period_months=6).formatted == "6 bulan"
    with pytest.raises(TargetError, match="melebihi periode SKP"):
        parse_target("7 bulan", Aspek.WAKTU, period_months=6)
    assert parse_target("366 hari", Aspek.WAKTU).value == 366
    assert parse_target("53 minggu", Aspek.WAKTU).value == 53


def test_kualitas_accepts_any_unit_and_zero() -> None:
    assert parse_target("4 nilai", Aspek.KUALITAS).unit == "nilai"
    assert parse_target("0 temuan", Aspek.KUALITAS).value == 0


@pytest.mark.parametrize("aspek", list(Aspek))
def test_suggested_targets_parse_for_their_aspect(aspek: Aspek) -> None:
    suggestions = suggest_targets(aspek)
    assert suggestions
    for text in suggestions:
        assert parse_target(text, aspek).formatted == text


def test_suggested_targets_match_the_seed() -> None:
    assert suggest_targets(Aspek.KUANTITAS) == ["1 dokumen", "3 kegiatan", "12 laporan"]
    assert suggest_targets(Aspek.KUALITAS) == ["90 %", "100 %"]
    assert suggest_targets(Aspek.WAKTU) == ["12 bulan", "6 bulan"]


def test_suggest_indicators_seed_like() -> None:
    rk = "Terevaluasinya pelaksanaan promosi ASN dalam Jabatan Pimpinan Tinggi Pratama secara optimal"
    kuantitas = suggest_indicators(Aspek.KUANTITAS, rk)
    assert kuantitas[0] == "Dokumen evaluasi pelaksanaan promosi ASN dalam Jabatan Pimpinan Tinggi Pratama"
    kualitas = suggest_indicators(Aspek.KUALITAS, rk)
    assert kualitas[0] == (
        "Persentase evaluasi pelaksanaan promosi ASN dalam Jabatan Pimpinan Tinggi Pratama sesuai ketentuan"
    )
    assert suggest_indicators(Aspek.WAKTU, rk)[0] == "Ketepatan waktu pelaksanaan kegiatan"
    ja = suggest_indicators(Aspek.KUANTITAS, "Pengelolaan promosi ASN yang dilaksanakan sesuai peraturan")
    assert ja[0] == "Jumlah kegiatan pengelolaan promosi ASN"


def test_suggest_indicators_products_and_activities() -> None:
    assert suggest_indicators(Aspek.KUANTITAS, "Tersusunnya laporan keuangan bulanan tepat waktu")[0] == (
        "Jumlah laporan keuangan bulanan"
    )
    assert "Dokumen penyusunan materi sosialisasi aplikasi SIMPEG" in suggest_indicators(
        Aspek.KUANTITAS, "Menyusun materi sosialisasi aplikasi SIMPEG"
    )


@pytest.mark.parametrize("aspek", list(Aspek))
@pytest.mark.parametrize(
    "rk",
    [
        "",
        "Sosialisasi",
        "Data kepegawaian valid dan akurat",
        "Terwujudnya birokrasi yang kapabel",
        "x " * 240,
    ],
)
def test_suggest_indicators_shape(aspek: Aspek, rk: str) -> None:
    out = suggest_indicators(aspek, rk)
    assert 1 <= len(out) <= 4
    assert len(set(out)) == len(out)
    assert all(s[:1].isupper() and len(s) <= 300 for s in out)


# ---------------------------------------------------------------------------
# Properties: formatted -> parse round trip

UNITS = ["kegiatan", "dokumen", "laporan", "berkas", "orang", "SK", "paket", "kali"]


@st.composite
def targets(draw: st.DrawFn) -> Target:
    places = draw(st.integers(min_value=0, max_value=3))
    kind = draw(st.sampled_from(["count", "percent", "bulan", "hari", "minggu"]))
    limit = {"count": 100_000, "percent": 100, "bulan": 12, "hari": 366, "minggu": 53}[kind]
    scale = 10**places
    raw = draw(st.integers(min_value=1, max_value=limit * scale))
    value = Decimal(raw).scaleb(-places)
    unit = draw(st.sampled_from(UNITS)) if kind == "count" else ("%" if kind == "percent" else kind)
    return parse_target(Target(value, unit, places).formatted)


@settings(max_examples=200, deadline=None)
@given(targets())
def test_formatted_round_trips(target: Target) -> None:
    assert parse_target(target.formatted) == target
    number = target.formatted.split(" ")[0]
    assert re.fullmatch(r"[1-9]\d{0,2}(\.\d{3})*(,\d+)?|0(,\d+)?", number), number  # 4.850,5: dot thousands


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=101, max_value=10_000), st.integers(min_value=0, max_value=2))
def test_percentages_over_100_are_rejected(whole: int, places: int) -> None:
    text = Target(Decimal(whole), "%", places).formatted
    with pytest.raises(TargetError, match="100 %"):
        parse_target(text, Aspek.KUALITAS)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=13, max_value=999))
def test_waktu_longer_than_the_period_is_rejected(months: int) -> None:
    with pytest.raises(TargetError, match="melebihi periode SKP"):
        parse_target(f"{months} bulan", Aspek.WAKTU)
