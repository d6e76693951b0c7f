"""tidy(): what employees type on a phone, made fit for the document; check_plain_text()."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from skp_domain.errors import TextError
from skp_domain.lexicon import ACRONYMS, CHAT_ABBREVIATIONS, MIXED_CASE, SPELLING
from skp_domain.result_language import Kind, classify
from skp_domain.tidy import check_plain_text, tidy


def test_lexicon_sizes() -> None:
    assert len(ACRONYMS) >= 150
    for required in ("ASN", "PNS", "PPPK", "OPD", "APBD", "APBN", "SAKIP", "RPJMD", "RKPD", "BLUD", "SPM", "SIMPEG",
                     "BKPSDM", "BAPPEDA", "DPRD", "SPIP", "SPBE", "UMKM", "PAD", "BPJS"):  # fmt: skip
        assert ACRONYMS[required.lower()] == required
    for name in ("Renja", "Renstra", "Musrenbang", "e-Katalog", "LKjIP", "e-Kinerja", "SiLPA", "Perbup", "Perda",
                 "Puskesmas", "Posyandu"):  # fmt: skip
        assert MIXED_CASE[name.lower()] == name
    assert not set(ACRONYMS) & set(CHAT_ABBREVIATIONS)
    assert not set(ACRONYMS) & set(MIXED_CASE)


@pytest.mark.parametrize(
    ("typed", "tidied"),
    [
        (
            "koordinasi dgn bappeda prov terkait jadwal musrenbang",
            "Koordinasi dengan BAPPEDA Provinsi terkait jadwal Musrenbang",
        ),
        ("input data absensi ke aplikasi.", "Input data absensi ke aplikasi"),
        ("rekap data desa2 di kab kebumen", "Rekap data desa-desa di kabupaten kebumen"),
        ("kegiatan2 posyandu", "Kegiatan-kegiatan Posyandu"),
        ("penyusunan lkjip dan renja opd", "Penyusunan LKjIP dan Renja OPD"),
        ("belanja melalui ekatalog", "Belanja melalui e-Katalog"),
        ("input skp ke ekinerja", "Input SKP ke e-Kinerja"),
        ("silpa apbd thn lalu", "SiLPA APBD tahun lalu"),
        ("analisa resiko dan kwalitas layanan perijinan", "Analisis risiko dan kualitas layanan perizinan"),
        ("kegiatan beresiko tinggi", "Kegiatan berisiko tinggi"),
        ("praktek baik sistim informasi", "Praktik baik sistem informasi"),
        ("ijin usaha dan nasehat hukum", "Izin usaha dan nasihat hukum"),
        ("aktifitas dan efektifitas program", "Aktivitas dan efektivitas program"),
        ("obyek pajak sesuai jadual", "Objek pajak sesuai jadwal"),
        ("data yg blm lengkap utk bln ini", "Data yang belum lengkap untuk bulan ini"),
        ("laporan tsb dlm proses", "Laporan tersebut dalam proses"),
        ("jml peserta dll", "Jumlah peserta dan lain-lain"),
        ("pembinaan kel tani", "Pembinaan kelompok tani"),
        ("data pd aplikasi simpeg", "Data pada aplikasi SIMPEG"),
        ("koordinasi dengan seluruh pd", "Koordinasi dengan seluruh PD"),
        ("surat dr bupati", "Surat dari bupati"),
        ("MENYUSUN LAPORAN KEUANGAN OPD", "Menyusun laporan keuangan OPD"),
        ("Menyusun Draft Kebijakan terkait Bangunan Gedung", "Menyusun Draft Kebijakan terkait Bangunan Gedung"),
        ("  laporan   keuangan , tepat waktu . ", "Laporan keuangan, tepat waktu"),
        ("e-katalog untuk pengadaan", "e-Katalog untuk pengadaan"),
        ("penanganan covid-19 dan ukl-upl", "Penanganan COVID-19 dan UKL-UPL"),
        (
            "Permohonan bantuan teknis diproses dengan cepat dan akurat",
            "Permohonan bantuan teknis diproses dengan cepat dan akurat",
        ),
    ],
)  # fmt: skip
def test_tidy(typed: str, tidied: str) -> None:
    assert tidy(typed) == tidied
    assert tidy(tidied) == tidied


def test_tidy_keeps_capitals_typed_by_the_user() -> None:
    assert tidy("laporan ke Bupati Kebumen") == "Laporan ke Bupati Kebumen"
    assert tidy("rapat di Kecamatan Sruweng") == "Rapat di Kecamatan Sruweng"
    assert tidy("kec Sruweng") == "Kecamatan Sruweng"


def test_spelling_fixes_keep_the_capital() -> None:
    assert tidy("Resiko tinggi") == "Risiko tinggi"
    assert all(k.islower() for k in SPELLING)


WORDS = [
    "dgn", "yg", "utk", "prov", "kab", "kec", "kel", "bln", "thn", "tgl", "pd", "dr", "lap", "dok", "desa2", "asn",
    "opd", "apbd", "lkjip", "silpa", "musrenbang", "e-katalog", "ekinerja", "resiko", "analisa", "Data", "LAPORAN",
    "laporan", "keuangan", "tani", "Sruweng", ".", ",", "  ", "-", "2", "kegiatan2", "tiap", "bulan", "dll", "s.d.",
    "dr.", "PD", "Dr", "ke", "di", "yang", "x", "covid-19", "tepat", "waktu", "ASN",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=10))
def test_tidy_is_idempotent(words: list[str]) -> None:
    once = tidy(" ".join(words))
    assert tidy(once) == once


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=60))
@example("ßo")  # a first letter whose capital is two letters: was "SSo", then "SSO"
def test_tidy_is_idempotent_on_any_text(text: str) -> None:
    once = tidy(text)
    assert tidy(once) == once


# ---------------------------------------------------------------------------
# check_plain_text


@pytest.mark.parametrize(
    "text",
    [
        "=HYPERLINK(\"http://x.example\",\"klik\")",
        "=SUM(A1:A3)",
        "=1+1",
        "+cmd|' /C calc'!A0",
        "@SUM(1,2)",
        "-HYPERLINK(1)",
        "laporan =HYPERLINK(\"x\")",
        "Laporan ada di https://drive.google.com/abc",
        "lihat www.kebumenkab.go.id",
        "link bit.ly/skp2024",
        "data di kebumenkab.go.id/data",
    ],
)
def test_formulas_and_links_are_refused(text: str) -> None:
    with pytest.raises(TextError) as info:
        check_plain_text(text, "Rencana kinerja")
    assert str(info.value).startswith("Rencana kinerja ")
    result = classify(text)  # the checker never accepts it; the bot refuses it with check_plain_text
    assert result.kind is not Kind.PENCAPAIAN
    assert result.refusal == str(info.value)
    assert result.reason == result.refusal
    for s in result.suggestions:
        assert "http" not in s and "HYPERLINK" not in s.upper() and not s.startswith(("=", "+", "@"))


def test_the_reasons_are_clear() -> None:
    with pytest.raises(TextError, match="rumus spreadsheet"):
        check_plain_text("=SUM(A1:A3)", "Indikator")
    with pytest.raises(TextError, match="tautan"):
        check_plain_text("https://example.com", "Indikator")
    with pytest.raises(TextError, match="emoji"):
        check_plain_text("Laporan tersusun tepat waktu ✅", "Rencana kinerja")


@pytest.mark.parametrize(
    "text",
    [
        "- menyusun laporan (draft)",
        "Laporan keuangan 2024 tersusun tepat waktu",
        "Permohonan PBG/ IMB dan SLF diproses 3 hari",
        "Target 90 % data valid",
        "Rapat s.d. bulan Desember",
        "dr. Andi menjadi narasumber",
    ],
)
def test_plain_text_passes(text: str) -> None:
    assert check_plain_text(text) == text
    assert classify(text).refusal is None


def test_a_result_with_a_link_is_not_accepted() -> None:
    result = classify("Laporan kegiatan dikelola tepat waktu [tautan](http://x)")
    assert result.kind is not Kind.PENCAPAIAN
    assert result.refusal is not None and "tautan" in result.refusal
