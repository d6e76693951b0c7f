import pytest

from skp_domain.errors import DomainError
from skp_domain.matrix import MatrixColumn, MatrixMember, build_matrix

COLUMNS = (
    MatrixColumn(1, "Data dan Informasi Kepegawaian yang valid dan akurat"),
    MatrixColumn(2, "Pegawai ditempatkan sesuai ketentuan melalui promosi"),
    MatrixColumn(3, "Kompetensi dan Karier ASN meningkat"),
)


def test_seed_team_matrix() -> None:
    members = [
        MatrixMember(
            "Subkoordinator Pengelolaan Data dan Informasi ASN",
            "Okti Sulistiyani, S.T.",
            {1: ("Sistem Informasi Kepegawaian dikelola secara optimal",)},
        ),
        MatrixMember(
            "Subkoordinator Pengembangan Karier ASN",
            "Sekar Satiti, S.STP.",
            {
                2: ("Promosi ASN terlaksana sesuai peraturan",),
                3: (
                    "Pendidikan Lanjutan ASN terfasilitasi sesuai SOP",
                    "Pengembangan Karir dalam JF terlaksana",
                ),
            },
        ),
        MatrixMember("Penjaga SIMPEG", "Mukh. Yasin Nur Supriyadi, A.Md. Kom.", {}),
    ]
    matrix = build_matrix("1. TERWUJUDNYA BIROKRASI YANG KAPABEL", COLUMNS, members)
    assert matrix.title == "1. TERWUJUDNYA BIROKRASI YANG KAPABEL"
    assert matrix.columns == COLUMNS
    assert matrix.rows == (
        (
            "Subkoordinator Pengelolaan Data dan Informasi ASN",
            "Okti Sulistiyani, S.T.",
            ("Sistem Informasi Kepegawaian dikelola secara optimal", "x", "x"),
        ),
        (
            "Subkoordinator Pengembangan Karier ASN",
            "Sekar Satiti, S.STP.",
            (
                "x",
                "Promosi ASN terlaksana sesuai peraturan",
                "Pendidikan Lanjutan ASN terfasilitasi sesuai SOP; Pengembangan Karir dalam JF terlaksana",
            ),
        ),
        ("Penjaga SIMPEG", "Mukh. Yasin Nur Supriyadi, A.Md. Kom.", ("x", "x", "x")),
    )
    assert matrix.header[:3] == ("JABATAN", "NAMA PEGAWAI", COLUMNS[0].title)


def test_blank_texts_count_as_none() -> None:
    matrix = build_matrix("T", COLUMNS[:1], [MatrixMember("J", "N", {1: ("  ", "")})])
    assert matrix.rows[0][2] == ("x",)


def test_unknown_or_duplicate_columns() -> None:
    with pytest.raises(DomainError):
        build_matrix("T", COLUMNS[:1], [MatrixMember("J", "N", {9: ("A",)})])
    with pytest.raises(DomainError):
        build_matrix("T", (COLUMNS[0], COLUMNS[0]), [])
