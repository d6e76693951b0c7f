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
    # The seed writes "Dokumen evaluasi …" (1 dokumen); a count says so: "Jumlah dokumen evaluasi …".
    assert kuantitas[0] == "Jumlah dokumen evaluasi pelaksanaan promosi ASN dalam Jabatan Pimpinan Tinggi Pratama"
    kualitas = suggest_indicators(Aspek.KUALITAS, rk)
    assert kualitas[0].startswith("Persentase ") and "optimal" not in kualitas[0]
    assert suggest_indicators(Aspek.WAKTU, rk)[0] == (
        "Ketepatan waktu evaluasi pelaksanaan promosi ASN dalam Jabatan Pimpinan Tinggi Pratama"
    )
    ja = suggest_indicators(Aspek.KUANTITAS, "Pengelolaan promosi ASN yang dilaksanakan sesuai peraturan")
    assert ja[0] == "Jumlah kegiatan pengelolaan promosi ASN yang dilaksanakan"  # seed: 3 kegiatan
    assert suggest_indicators(Aspek.KUALITAS, "Data kepegawaian valid dan akurat")[:2] == [
        "Persentase data kepegawaian yang valid dan akurat",
        "Tingkat akurasi data kepegawaian",
    ]


def test_suggest_indicators_products_and_activities() -> None:
    assert suggest_indicators(Aspek.KUANTITAS, "Tersusunnya laporan keuangan bulanan tepat waktu")[0] == (
        "Jumlah laporan keuangan bulanan yang tersusun"
    )
    # An activity kept as typed is measured through the result it implies.
    assert suggest_indicators(Aspek.KUANTITAS, "Menyusun materi sosialisasi aplikasi SIMPEG")[0] == (
        "Jumlah materi sosialisasi aplikasi SIMPEG yang tersusun"
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


# ---------------------------------------------------------------------------
# Typed the way people type: words for numbers, short units, periods, thousands


@pytest.mark.parametrize(
    ("text", "formatted"),
    [
        ("satu dokumen", "1 dokumen"),
        ("dua laporan", "2 laporan"),
        ("sepuluh kegiatan", "10 kegiatan"),
        ("sebelas orang", "11 orang"),
        ("dua belas bulan", "12 bulan"),
        ("lima puluh berkas", "50 berkas"),
        ("seratus persen", "100 %"),
        ("seribu data", "1.000 data"),
        ("dua ratus lima puluh berkas", "250 berkas"),
        ("tiga ribu lima ratus data", "3.500 data"),
        ("dua koma lima dokumen", "2,5 dokumen"),
        ("3 dok", "3 dokumen"),
        ("5 lap", "5 laporan"),
        ("12 bln", "12 bulan"),
        ("4 keg", "4 kegiatan"),
        ("25 org", "25 orang"),
        ("1 tahun", "12 bulan"),
        ("1 thn", "12 bulan"),
        ("1 semester", "6 bulan"),
        ("4850 data", "4.850 data"),
        ("4.850 data", "4.850 data"),
        ("Rp 10 juta", "Rp 10.000.000"),
        ("1.000.000 rupiah", "Rp 1.000.000"),
    ],
)
def test_parse_target_as_typed(text: str, formatted: str) -> None:
    target = parse_target(text)
    assert target.formatted == formatted
    assert parse_target(target.formatted) == target


def test_a_year_is_twelve_months_within_the_period() -> None:
    assert parse_target("1 tahun", Aspek.WAKTU, period_months=12).formatted == "12 bulan"
    with pytest.raises(TargetError, match="melebihi periode SKP"):
        parse_target("1 tahun", Aspek.WAKTU, period_months=6)
    with pytest.raises(TargetError, match="melebihi periode SKP"):
        parse_target("2 tahun", Aspek.WAKTU)


@pytest.mark.parametrize("text", ["3 dokumen 📄", "✅ 90 %", "3 dokumen#", "5 @dok", "90 %!", "12 bulan 👍"])
def test_emoji_and_stray_symbols_are_refused_with_a_reason(text: str) -> None:
    with pytest.raises(TargetError) as info:
        parse_target(text)
    assert "hapus emoji atau simbol" in str(info.value)


def test_thousands_the_indonesian_way() -> None:
    assert Target(Decimal(4850), "data").formatted == "4.850 data"
    assert Target(Decimal("1234.5"), "data", 1).formatted == "1.234,5 data"
    assert Target(Decimal(5000000), "Rp").formatted == "Rp 5.000.000"


# ---------------------------------------------------------------------------
# Target chips follow the indicator


@pytest.mark.parametrize(
    ("aspek", "indikator", "period", "chips"),
    [
        (Aspek.KUALITAS, "Persentase data absensi yang lengkap dan akurat", 12, ["100 %", "95 %", "90 %"]),
        (Aspek.KUALITAS, "Indeks kepuasan masyarakat terhadap pelayanan publik", 12, ["80 %", "85 %", "90 %"]),
        (
            Aspek.KUANTITAS,
            "Jumlah laporan keuangan bulanan yang tersusun",
            12,
            ["12 laporan", "4 laporan", "1 laporan"],
        ),
        (Aspek.KUANTITAS, "Jumlah laporan keuangan bulanan yang tersusun", 6, ["6 laporan", "2 laporan", "1 laporan"]),
        (Aspek.KUANTITAS, "Jumlah laporan realisasi anggaran triwulanan", 12, ["4 laporan", "1 laporan"]),
        (Aspek.KUANTITAS, "Jumlah dokumen Renja yang tersusun", 12, ["1 dokumen", "2 dokumen", "3 dokumen"]),
        (
            Aspek.KUANTITAS,
            "Jumlah data absensi pada aplikasi yang terinput",
            12,
            ["100 data", "500 data", "1.000 data"],
        ),
        (Aspek.KUANTITAS, "Jumlah OPD yang mampu menggunakan SIMPEG", 12, ["10 OPD", "20 OPD", "30 OPD"]),
        (
            Aspek.KUANTITAS,
            "Jumlah pelaku usaha yang memahami ketentuan perizinan",
            12,
            ["25 orang", "50 orang", "100 orang"],
        ),
        (Aspek.KUANTITAS, "Jumlah berkas permohonan yang terverifikasi", 12, ["50 berkas", "100 berkas", "200 berkas"]),
        (Aspek.WAKTU, "Ketepatan waktu penyusunan laporan keuangan", 12, ["12 bulan", "6 bulan", "3 bulan"]),
        (Aspek.WAKTU, "Ketepatan waktu penyusunan laporan keuangan", 6, ["6 bulan", "3 bulan", "1 bulan"]),
        (
            Aspek.BIAYA,
            "Jumlah anggaran pemeliharaan kendaraan dinas",
            12,
            ["Rp 10.000.000", "Rp 50.000.000", "Rp 100.000.000"],
        ),
    ],
)  # fmt: skip
def test_target_chips_follow_the_indicator(aspek: Aspek, indikator: str, period: int, chips: list[str]) -> None:
    assert suggest_targets(aspek, indikator, period) == chips
    for chip in chips:
        assert parse_target(chip, aspek, period).formatted == chip


def test_no_laporan_chip_for_an_indicator_about_documents() -> None:
    chips = suggest_targets(Aspek.KUANTITAS, "Jumlah materi sosialisasi aplikasi SIMPEG yang tersusun")
    assert chips and all(c.endswith(" dokumen") for c in chips)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(list(Aspek)),
    st.sampled_from(
        [
            "Data absensi pada aplikasi terinput lengkap dan akurat",
            "Laporan keuangan bulanan tersusun akurat dan tepat waktu",
            "Pelaku usaha memahami ketentuan perizinan berusaha",
            "Jaringan komputer kantor dalam kondisi laik dan berfungsi",
            "Pengaduan masyarakat ditindaklanjuti tepat waktu sesuai standar pelayanan",
            "Menyusun materi sosialisasi aplikasi SIMPEG",
            "Sosialisasi",
            "",
        ]
    ),
    st.integers(min_value=1, max_value=12),
)
def test_every_chip_parses_for_its_aspect_and_period(aspek: Aspek, rk: str, period: int) -> None:
    for indikator in [None, *suggest_indicators(aspek, rk, period)]:
        for chip in suggest_targets(aspek, indikator, period):
            assert parse_target(chip, aspek, period).formatted == chip
