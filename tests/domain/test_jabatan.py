import pytest

from skp_domain.errors import AssessorError, DomainError
from skp_domain.jabatan import (
    BUPATI,
    PENILAI_TABLE,
    JenisJabatan,
    Kategori,
    check_assessor,
    check_atasan_penilai,
    may_assess,
    may_be_atasan_penilai,
    parse_jenis_jabatan,
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
