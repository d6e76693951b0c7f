import pytest

from skp_domain.errors import AssessorError, DomainError, JabatanError
from skp_domain.jabatan import (
    BUPATI,
    DEFAULT_KETERAMPILAN,
    PENILAI_TABLE,
    JenisJabatan,
    Kategori,
    check_assessor,
    check_atasan_penilai,
    infer_jenis_jabatan,
    jenis_for_eselon,
    jenis_jabatan_help,
    jf_level_in_name,
    may_assess,
    may_be_atasan_penilai,
    parse_eselon,
    parse_jenis_jabatan,
    read_jenis_jabatan,
)

J = JenisJabatan


def test_values_are_exact() -> None:
    assert [j.value for j in JenisJabatan] == [
        "jpt_madya", "jpt_pratama", "camat", "administrator", "pengawas", "pelaksana", "kepala_uptd",
        "jf_ahli_utama", "jf_ahli_madya", "jf_ahli_muda", "jf_ahli_pertama",
        "jf_penyelia", "jf_mahir", "jf_terampil", "jf_pemula",
    ]  # fmt: skip
    assert [k.value for k in Kategori] == ["JPT", "JA", "JF"]


@pytest.mark.parametrize(
    ("jenis", "kategori"),
    [
        (J.JPT_MADYA, Kategori.JPT),
        (J.JPT_PRATAMA, Kategori.JPT),
        (J.CAMAT, Kategori.JPT),
        (J.ADMINISTRATOR, Kategori.JA),
        (J.PENGAWAS, Kategori.JA),
        (J.PELAKSANA, Kategori.JA),
        (J.KEPALA_UPTD, Kategori.JA),
        (J.JF_AHLI_MUDA, Kategori.JF),
        (J.JF_PEMULA, Kategori.JF),
    ],
)
def test_kategori(jenis: JenisJabatan, kategori: Kategori) -> None:
    assert jenis.kategori is kategori


def test_labels() -> None:
    assert J.JPT_PRATAMA.label == "JPT Pratama"
    assert J.CAMAT.label == "Camat"
    assert J.ADMINISTRATOR.label == "Administrator"
    assert J.JF_AHLI_MUDA.label == "JF Ahli Muda"
    assert J.JF_PENYELIA.label == "JF Keterampilan Penyelia"
    assert J.KEPALA_UPTD.label == "Kepala UPTD"


@pytest.mark.parametrize(
    ("text", "jenis"),
    [
        ("JPT Pratama", J.JPT_PRATAMA),
        ("jf ahli muda", J.JF_AHLI_MUDA),
        ("Fungsional Ahli Muda", J.JF_AHLI_MUDA),
        ("JFT Terampil", J.JF_TERAMPIL),
        ("Pelaksana", J.PELAKSANA),
        ("Kepala UPTD", J.KEPALA_UPTD),
        ("Camat", J.CAMAT),
        ("JPT Madya", J.JPT_MADYA),
        ("Penyelia", J.JF_PENYELIA),
        ("jf_penyelia", J.JF_PENYELIA),
        ("JF Keterampilan Mahir", J.JF_MAHIR),
        ("Jabatan Fungsional Keterampilan Tingkat Pemula", J.JF_PEMULA),
        ("ahli pertama", J.JF_AHLI_PERTAMA),
        ("JF AHLI UTAMA", J.JF_AHLI_UTAMA),
        ("Administrator", J.ADMINISTRATOR),
        ("pengawas", J.PENGAWAS),
        ("Sekretaris Daerah", J.JPT_MADYA),
        ("Eselon III.a", J.ADMINISTRATOR),
    ],
)
def test_parse_jenis_jabatan(text: str, jenis: JenisJabatan) -> None:
    assert parse_jenis_jabatan(text) is jenis


@pytest.mark.parametrize("jenis", list(JenisJabatan))
def test_parse_value_and_label(jenis: JenisJabatan) -> None:
    assert parse_jenis_jabatan(jenis.value) is jenis
    assert parse_jenis_jabatan(jenis.label) is jenis


def test_unknown_lists_accepted_kinds() -> None:
    with pytest.raises(DomainError) as info:
        parse_jenis_jabatan("Dokter gigi")
    message = str(info.value)
    assert "tidak dikenal" in message
    assert "JPT Pratama" in message and "JF Keterampilan Pemula" in message


def test_table_covers_every_kind() -> None:
    assert set(PENILAI_TABLE) == set(JenisJabatan)
    valid = {j.value for j in JenisJabatan} | {BUPATI}
    for penilai, atasan in PENILAI_TABLE.values():
        assert penilai <= valid and atasan <= valid
        assert penilai and atasan


# The seed table, row by row: (pegawai, allowed penilai, a refused penilai).
@pytest.mark.parametrize(
    ("pegawai", "allowed", "refused"),
    [
        (J.JPT_PRATAMA, [J.JPT_MADYA, J.JPT_PRATAMA, None, BUPATI], [J.ADMINISTRATOR, J.CAMAT]),
        (J.CAMAT, [J.JPT_MADYA, None], [J.ADMINISTRATOR]),
        (J.ADMINISTRATOR, [J.ADMINISTRATOR, J.JPT_PRATAMA, J.JPT_MADYA], [J.PENGAWAS, None]),
        (J.PENGAWAS, [J.ADMINISTRATOR], [J.PELAKSANA, J.PENGAWAS, J.JF_AHLI_MUDA]),
        (J.PELAKSANA, [J.PENGAWAS, J.ADMINISTRATOR, J.KEPALA_UPTD], [J.PELAKSANA, J.JF_AHLI_MADYA]),
        (J.KEPALA_UPTD, [J.ADMINISTRATOR, J.JPT_PRATAMA], [J.PENGAWAS]),
        (J.JF_AHLI_UTAMA, [J.JPT_PRATAMA, J.JPT_MADYA], [J.ADMINISTRATOR, None]),
        (J.JF_AHLI_MADYA, [J.JPT_PRATAMA], [J.ADMINISTRATOR, J.PENGAWAS]),
        (J.JF_AHLI_MUDA, [J.ADMINISTRATOR, J.JPT_PRATAMA], [J.PENGAWAS]),
        (J.JF_AHLI_PERTAMA, [J.PENGAWAS, J.ADMINISTRATOR, J.JPT_PRATAMA], [J.PELAKSANA]),
        (J.JF_PENYELIA, [J.PENGAWAS, J.ADMINISTRATOR, J.JPT_PRATAMA], [J.JF_AHLI_MUDA]),
        (J.JF_MAHIR, [J.PENGAWAS], [J.PELAKSANA]),
        (J.JF_TERAMPIL, [J.ADMINISTRATOR], [None]),
        (J.JF_PEMULA, [J.JPT_PRATAMA], [J.JF_PENYELIA]),
    ],
)
def test_may_assess_follows_the_seed(
    pegawai: JenisJabatan, allowed: list[JenisJabatan | str | None], refused: list[JenisJabatan | str | None]
) -> None:
    for penilai in allowed:
        assert may_assess(penilai, pegawai).allowed, penilai
    for penilai in refused:
        decision = may_assess(penilai, pegawai)
        assert not decision.allowed, penilai
        assert decision.reason.startswith(f"{pegawai.label} hanya dapat dinilai oleh")


def test_refusal_reason_says_who_may() -> None:
    decision = may_assess(J.PELAKSANA, J.PENGAWAS)
    assert decision.allowed is False
    assert decision.reason == "Pengawas hanya dapat dinilai oleh Administrator."
    assert may_assess("pengawas", J.JF_AHLI_MUDA).reason == (
        "JF Ahli Muda hanya dapat dinilai oleh Administrator atau JPT Pratama."
    )


def test_penilai_as_text() -> None:
    assert may_assess("Administrator", J.PENGAWAS).allowed
    assert may_assess("bupati", J.JPT_PRATAMA).allowed
    with pytest.raises(AssessorError):
        may_assess("Ketua RT", J.PENGAWAS)


@pytest.mark.parametrize(
    ("pegawai", "allowed", "refused"),
    [
        (J.JPT_PRATAMA, [None, BUPATI], [J.JPT_MADYA]),
        (J.ADMINISTRATOR, [J.JPT_PRATAMA, None], [J.ADMINISTRATOR]),
        (J.PENGAWAS, [J.JPT_PRATAMA], [J.ADMINISTRATOR, None]),
        (J.PELAKSANA, [J.ADMINISTRATOR, J.JPT_PRATAMA], [J.PENGAWAS]),
        (J.KEPALA_UPTD, [J.JPT_PRATAMA, None], [J.ADMINISTRATOR]),
        (J.JF_AHLI_UTAMA, [None], [J.JPT_PRATAMA]),
        (J.JF_AHLI_MADYA, [J.JPT_PRATAMA], [None]),
        (J.JF_AHLI_MUDA, [J.JPT_PRATAMA], [J.ADMINISTRATOR]),
        (J.JF_AHLI_PERTAMA, [J.ADMINISTRATOR, J.JPT_PRATAMA], [J.PENGAWAS]),
        (J.JF_PEMULA, [J.ADMINISTRATOR], [J.PENGAWAS]),
    ],
)
def test_atasan_penilai_follows_the_seed(
    pegawai: JenisJabatan, allowed: list[JenisJabatan | str | None], refused: list[JenisJabatan | str | None]
) -> None:
    for atasan in allowed:
        assert may_be_atasan_penilai(atasan, pegawai).allowed, atasan
    for atasan in refused:
        decision = may_be_atasan_penilai(atasan, pegawai)
        assert not decision.allowed, atasan
        assert "Atasan pejabat penilai" in decision.reason


def test_check_helpers_raise() -> None:
    check_assessor(J.ADMINISTRATOR, J.PENGAWAS)
    check_atasan_penilai(J.JPT_PRATAMA, J.PENGAWAS)
    with pytest.raises(AssessorError, match="hanya dapat dinilai oleh Administrator"):
        check_assessor(J.PELAKSANA, J.PENGAWAS)
    with pytest.raises(AssessorError):
        check_atasan_penilai(J.PELAKSANA, J.PENGAWAS)


# ---------------------------------------------------------------------------
# Jenis jabatan as national exports and BKPSDM rosters spell it.


@pytest.mark.parametrize(
    ("jenis", "jabatan", "eselon", "expected"),
    [
        # The seed's own "JF Keterampilan" (and "... Tingkat"): the level comes from the jabatan name.
        ("JF Keterampilan", "Perawat Penyelia", "", J.JF_PENYELIA),
        ("JF Keterampilan", "Bidan Terampil", "", J.JF_TERAMPIL),
        ("JF Keterampilan", "Pranata Komputer Mahir", "", J.JF_MAHIR),
        ("JF Keterampilan Tingkat", "Pranata Laboratorium Kesehatan Pemula", "", J.JF_PEMULA),
        ("Jabatan Fungsional Keterampilan", "Perawat Pelaksana Lanjutan", "", J.JF_MAHIR),
        # "JF" / "JFT" / "Fungsional Tertentu" with the level in the jabatan name.
        ("JF", "Pranata Komputer Ahli Muda", "", J.JF_AHLI_MUDA),
        ("JFT", "Analis Kebijakan Ahli Madya", "", J.JF_AHLI_MADYA),
        ("Fungsional Tertentu", "Dokter Ahli Pertama", "", J.JF_AHLI_PERTAMA),
        ("FUNGSIONAL TERTENTU", "Perencana Ahli Utama", "", J.JF_AHLI_UTAMA),
        ("Jabatan Fungsional", "Perawat Penyelia", "", J.JF_PENYELIA),
        ("Fungsional", "Penyuluh Pertanian Terampil", "", J.JF_TERAMPIL),
        ("JF Ahli", "Epidemiolog Kesehatan Ahli Muda", "", J.JF_AHLI_MUDA),
        ("JFT", "Perencana Muda", "", J.JF_AHLI_MUDA),  # the pre-2019 form without "Ahli"
        ("JF", "Pranata Komputer Ahli Muda (Subkoordinator Data)", "", J.JF_AHLI_MUDA),
        # An explicit level in the jenis cell wins over the name.
        ("JF Ahli Muda", "Analis SDM Aparatur", "", J.JF_AHLI_MUDA),
        # "Struktural" + ESELON column.
        ("Struktural", "Sekretaris Daerah", "I.b", J.JPT_MADYA),
        ("Struktural", "Kepala Dinas Kesehatan", "II.a", J.JPT_PRATAMA),
        ("STRUKTURAL", "Kepala Dinas", "II.b", J.JPT_PRATAMA),
        ("Struktural", "Sekretaris", "III.a", J.ADMINISTRATOR),
        ("struktural", "Kepala Bidang", "III.b", J.ADMINISTRATOR),
        ("Jabatan Struktural", "Kepala Subbagian Umum", "IV.a", J.PENGAWAS),
        ("Struktural", "Kepala Seksi", "IV.b", J.PENGAWAS),
        ("Struktural", "Kepala Seksi", "IVb", J.PENGAWAS),
        ("Struktural", "Kepala Seksi", "Eselon IV/b", J.PENGAWAS),
        ("Struktural", "Kepala Bidang", "32", J.ADMINISTRATOR),  # SAPK code
        ("Struktural", "Camat Kebumen", "III.a", J.CAMAT),
        ("Struktural", "Sekretaris Camat", "III.b", J.ADMINISTRATOR),
        ("Struktural", "Kepala UPTD Puskesmas Kebumen I", "IV.a", J.KEPALA_UPTD),
        # The eselon in the jenis cell.
        ("Struktural II.b", "Kepala Dinas", "", J.JPT_PRATAMA),
        ("Struktural - III.a", "Sekretaris", "", J.ADMINISTRATOR),
        ("Struktural Eselon IV.a", "Kepala Subbagian", "", J.PENGAWAS),
        ("Eselon III.b", "Kepala Bidang", "", J.ADMINISTRATOR),
        ("Eselon II.a", "Kepala Badan", "-", J.JPT_PRATAMA),
        # No jenis, an eselon.
        ("", "Kepala Bidang", "III.b", J.ADMINISTRATOR),
        # Pelaksana.
        ("Pelaksana", "Penata Layanan Operasional", "", J.PELAKSANA),
        ("Fungsional Umum", "Pengadministrasi Umum", "", J.PELAKSANA),
        ("JFU", "Pengelola Data", "-", J.PELAKSANA),
        ("Jabatan Pelaksana", "Pengelola Keuangan", "Non Eselon", J.PELAKSANA),
        # The enum values and labels still work with the new arguments.
        ("jf_ahli_muda", "Perawat Penyelia", "", J.JF_AHLI_MUDA),
        ("Administrator", "", "IV.a", J.ADMINISTRATOR),
    ],
)
def test_infer_jenis_jabatan(jenis: str, jabatan: str, eselon: str, expected: JenisJabatan) -> None:
    assert infer_jenis_jabatan(jenis, jabatan, eselon) is expected


def test_jf_keterampilan_without_level_is_assumed_and_said() -> None:
    reading = read_jenis_jabatan("JF Keterampilan", "Perawat")
    assert reading.jenis is DEFAULT_KETERAMPILAN is J.JF_TERAMPIL
    assert reading.assumption is not None and "dianggap JF Keterampilan Terampil" in reading.assumption
    assert read_jenis_jabatan("JF Keterampilan", "Perawat Mahir").assumption is None


@pytest.mark.parametrize(
    ("jenis", "jabatan", "eselon", "fragment"),
    [
        ("Struktural", "Kepala Bidang", "", "perlu eselon: isi kolom ESELON"),
        ("Struktural", "Kepala Bidang", "-", "perlu eselon"),
        ("Struktural", "Kepala Bidang", "IX", "Eselon \"IX\" tidak dikenal"),
        ("Struktural", "Kepala Seksi", "V.a", "Eselon V.a sudah tidak dipakai"),
        ("JF", "Perawat", "", "jenjang jabatan fungsional"),
        ("Fungsional Tertentu", "Pranata Komputer", "", "tidak terbaca dari nama jabatan \"Pranata Komputer\""),
        ("JF Ahli", "Perawat", "", "keahlian"),
        ("JF Keterampilan", "Pranata Komputer Ahli Muda", "", "tidak cocok"),
        ("JF Ahli", "Perawat Penyelia", "", "tidak cocok"),
        ("Dokter gigi", "", "", "tidak dikenal"),
        ("", "Kepala", "", "kosong"),
    ],
)
def test_infer_explains_what_to_fix(jenis: str, jabatan: str, eselon: str, fragment: str) -> None:
    with pytest.raises(JabatanError) as info:
        infer_jenis_jabatan(jenis, jabatan, eselon)
    assert fragment in str(info.value)
    assert "Pilih salah satu" not in str(info.value)  # the accepted list is shown once, by the caller


@pytest.mark.parametrize(
    ("text", "eselon"),
    [
        ("II.a", "II.a"),
        ("IIa", "II.a"),
        ("II/b", "II.b"),
        ("eselon III.b", "III.b"),
        ("Esl. IV.a", "IV.a"),
        ("4.a", "IV.a"),
        ("21", "II.a"),
        ("42", "IV.b"),
        ("III", "III"),
        ("", None),
        ("-", None),
        ("Non Eselon", None),
        ("99", None),
    ],
)
def test_parse_eselon(text: str, eselon: str | None) -> None:
    assert parse_eselon(text) == eselon


def test_jenis_for_eselon_and_level_in_name() -> None:
    assert jenis_for_eselon("I.a") is J.JPT_MADYA
    assert jenis_for_eselon("III") is J.ADMINISTRATOR
    assert jf_level_in_name("Bidan Terampil") is J.JF_TERAMPIL
    assert jf_level_in_name("Perawat") is None
    assert jf_level_in_name("Muda") is None


def test_help_lists_every_kind_and_the_export_spellings() -> None:
    text = jenis_jabatan_help()
    for kind in JenisJabatan:
        assert kind.label in text
    for spelling in ("Struktural", "ESELON", "Fungsional Tertentu", "JFT", "Fungsional Umum", "JFU", "JF Keterampilan"):
        assert spelling in text
