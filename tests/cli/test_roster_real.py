"""Rosters as a BKPSDM really has them: export-style headers under title rows, PNS and PPPK, every
jenis jabatan spelling, ANSI CSV, XLSX with the header on row 3 and merged cells, leavers, pending
SKPs following a new atasan, and `import-pk` with merged cells. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import text
from sqlmodel import select

from bot.cli import main
from bot.services.roster import MOVED_ACTION, ImportReport, NumberCell, _nip_cell, parse_roster
from bot.storage.db import Database
from bot.storage.models import Employee, Period, Skp
from skp_domain.errors import DomainError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def pns(i: int, sex: int = 1) -> str:
    """A valid PNS NIP: born 15 March 1970+i, CPNS March 1996+i."""
    return f"{1970 + i:04d}0315{1996 + i:04d}03{sex}{i + 1:03d}"


def pppk(i: int) -> str:
    """A valid PPPK NIP: born 20 May 1990+i, appointed 2023, intake 1."""
    return f"{1990 + i:04d}0520202321{2}{i + 1:03d}"


KEPALA, SEKRETARIS, KABID, KABID2, KASUBBAG, KASI = pns(0), pns(1, 2), pns(2), pns(3, 2), pns(4), pns(5)
OPD = "Dinas Kesehatan"

EXPORT_HEADER = [
    "NO", "NIP BARU", "NAMA", "GOL", "JABATAN", "JENIS JABATAN", "ESELON", "UNIT KERJA", "SUB UNIT", "NIP ATASAN",
]  # fmt: skip


def person(
    nip: str, nama: str, gol: str, jabatan: str, jenis: str, eselon: str, sub_unit: str, atasan: str
) -> list[str]:
    return [nip, nama, gol, jabatan, jenis, eselon, OPD, sub_unit, atasan]


# One dinas in the export style: Struktural + ESELON, every jenis jabatan spelling, PNS and PPPK.
# (nip, expected jenis, expected golongan code)
MIXED: list[tuple[list[str], str, str]] = [
    (person(KEPALA, "dr. KEPALA DINAS", "IV/c", "Kepala Dinas Kesehatan", "Struktural", "II.b", "", ""),
     "jpt_pratama", "IV/c"),
    (person(SEKRETARIS, "SEKRETARIS, S.KM.", "Pembina Tk. I - IV/b", "Sekretaris", "STRUKTURAL", "III.a",
            "Sekretariat", KEPALA), "administrator", "IV/b"),
    (person(KABID, "KABID YANKES", "IV/a", "Kepala Bidang Pelayanan Kesehatan", "Struktural III.b", "",
            "Bidang Pelayanan Kesehatan", KEPALA), "administrator", "IV/a"),
    (person(KABID2, "KABID P2P", "IV/a", "Kepala Bidang P2P", "", "32", "Bidang P2P", KEPALA),
     "administrator", "IV/a"),
    (person(KASUBBAG, "KASUBBAG UMUM", "III/d", "Kepala Subbagian Umum", "Eselon IV.a", "",
            "Sekretariat", SEKRETARIS), "pengawas", "III/d"),
    (person(KASI, "KEPALA UPTD PUSKESMAS", "III/d", "Kepala UPTD Puskesmas Kebumen I", "Struktural", "IV.a",
            "UPTD Puskesmas Kebumen I", KABID), "kepala_uptd", "III/d"),
    (person(pns(6), "PERAWAT PENYELIA", "III/c", "Perawat Penyelia", "JF Keterampilan", "-",
            "Bidang Pelayanan Kesehatan", KABID), "jf_penyelia", "III/c"),
    (person(pns(7, 2), "BIDAN TERAMPIL", "II/c", "Bidan Terampil", "JF Keterampilan Tingkat", "",
            "Bidang Pelayanan Kesehatan", KABID), "jf_terampil", "II/c"),
    (person(pns(8), "PRAKOM MAHIR", "Pengatur Tingkat I - II/d", "Pranata Komputer Mahir", "JF Keterampilan", "",
            "Sekretariat", KASUBBAG), "jf_mahir", "II/d"),
    (person(pns(9), "PRAKOM AHLI MUDA", "III/c", "Pranata Komputer Ahli Muda", "JF", "", "Sekretariat",
            SEKRETARIS), "jf_ahli_muda", "III/c"),
    (person(pns(10, 2), "EPIDEMIOLOG", "III/b", "Epidemiolog Kesehatan Ahli Pertama", "JFT", "", "Bidang P2P",
            KABID2), "jf_ahli_pertama", "III/b"),
    (person(pns(11), "DOKTER AHLI MADYA", "IV/a", "Dokter Ahli Madya", "Fungsional Tertentu", "Non Eselon",
            "Bidang Pelayanan Kesehatan", KEPALA), "jf_ahli_madya", "IV/a"),
    (person(pns(12), "PERAWAT TANPA JENJANG", "II/d", "Perawat", "JF Keterampilan", "",
            "Bidang Pelayanan Kesehatan", KABID), "jf_terampil", "II/d"),
    (person(pns(13), "PELAKSANA SATU", "II/a", "Penata Layanan Operasional", "Pelaksana", "-", "Sekretariat",
            KASUBBAG), "pelaksana", "II/a"),
    (person(pns(14, 2), "PELAKSANA DUA", "II/b", "Pengadministrasi Umum", "Fungsional Umum", "", "Sekretariat",
            KASUBBAG), "pelaksana", "II/b"),
    (person(pns(15), "PELAKSANA TIGA", "II/c", "Pengelola Data", "JFU", "", "UPTD Puskesmas Kebumen I", KASI),
     "pelaksana", "II/c"),
    # PPPK: golongan I–XVII as rosters write it.
    (person(pppk(0), "PPPK PERAWAT AHLI", "IX", "Perawat Ahli Pertama", "Fungsional Tertentu", "",
            "Bidang Pelayanan Kesehatan", KABID), "jf_ahli_pertama", "IX"),
    (person(pppk(1), "PPPK BIDAN", "Golongan VII", "Bidan Terampil", "JF Keterampilan", "",
            "Bidang Pelayanan Kesehatan", KABID), "jf_terampil", "VII"),
    (person(pppk(2), "PPPK PRAKOM", "PPPK IX", "Pranata Komputer Ahli Pertama", "JF", "", "Sekretariat",
            KASUBBAG), "jf_ahli_pertama", "IX"),
    (person(pppk(3), "PPPK GURU", "IX (PPPK)", "Penyuluh Kesehatan Masyarakat Ahli Pertama", "JFT", "",
            "Bidang P2P", KABID2), "jf_ahli_pertama", "IX"),
    (person(pppk(4), "PPPK PELAKSANA", "gol. V", "Operator Layanan Operasional", "Pelaksana", "", "Sekretariat",
            KASUBBAG), "pelaksana", "V"),
]  # fmt: skip


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    title: Sequence[str] = (),
    numbered: bool = True,
) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for line in title:
        writer.writerow([line] + [""] * (len(header) - 1))
    writer.writerow(header)
    if numbered:
        writer.writerow([f"({n})" for n in range(1, len(header) + 1)])
    for n, row in enumerate(rows, start=1):
        writer.writerow([str(n), *row] if header[0] == "NO" else row)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def mixed_roster(tmp_path: Path, rows: Sequence[list[str]] | None = None, **kwargs: Any) -> Path:
    kwargs.setdefault("title", ("DAFTAR NOMINATIF PEGAWAI", "DINAS KESEHATAN KABUPATEN KEBUMEN", ""))
    return write_csv(tmp_path / "roster.csv", EXPORT_HEADER, rows or [r for r, _, _ in MIXED], **kwargs)


@pytest.fixture
def db_url(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    return database_url


def sql(url: str, statement: str) -> list[tuple[Any, ...]]:
    async def go() -> list[tuple[Any, ...]]:
        db = Database(url)
        try:
            async with db.engine.connect() as conn:
                return [tuple(r) for r in (await conn.execute(text(statement))).all()]
        finally:
            await db.dispose()

    return asyncio.run(go())


def employees(url: str) -> dict[str, tuple[Any, ...]]:
    """nip -> (nama, pangkat, jenis_jabatan, unit_kerja, opd, active, left_at, atasan nip)."""
    found = sql(
        url,
        "select e.nip, e.nama, e.pangkat, e.jenis_jabatan, e.unit_kerja, e.opd, e.active, e.left_at, a.nip "
        "from employee e left join employee a on a.id = e.atasan_id",
    )
    return {r[0]: (r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8]) for r in found}


# ---------------------------------------------------------------------------
# A real roster: PNS and PPPK, every spelling, title rows, export header.


def test_mixed_pns_pppk_export_style_roster(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import-roster", str(mixed_roster(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert f"Berhasil: {len(MIXED)} baru, 0 diperbarui, 0 pindah penilai, 0 keluar (dinonaktifkan)." in out
    # The one assumed level is said, with its line (3 title rows, header, numbering row: data from line 6).
    line = 6 + [r[1] for r, _, _ in MIXED].index("PERAWAT TANPA JENJANG")
    assert f"Peringatan: baris {line}: jenjang JF keterampilan tidak tertulis" in out
    stored = employees(db_url)
    assert len(stored) == len(MIXED)
    for row, jenis, code in MIXED:
        nama, pangkat, kind, unit, opd, active, _, atasan = stored[row[0]]
        assert (nama, kind, pangkat, opd, active) == (row[1], jenis, code, OPD, True), row
        assert unit == (row[7] or OPD)  # SUB UNIT, else the UNIT KERJA (the OPD) itself
        assert (atasan or "") == row[8]


def test_pppk_golongan_is_printed_on_the_document(db_url: str, tmp_path: Path) -> None:
    from bot.services.bundle import _person

    assert main(["import-roster", str(mixed_roster(tmp_path))]) == 0
    pangkat = {nip: row[1] for nip, row in employees(db_url).items()}

    def block(nip: str) -> Any:
        employee = Employee(nip=nip, nama="X", pangkat=pangkat[nip], jabatan="J", jenis_jabatan="x", unit_kerja="U")
        return _person(employee)

    assert block(pppk(0)).pangkat == "Golongan IX"
    assert block(pppk(0)).nip == "19900520 2023 21 2 001"  # a PPPK NIP printed in its own grouping
    assert block(KEPALA).pangkat == "Pembina Utama Muda - IV/c"


def test_example_roster_imports(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import-roster", str(EXAMPLES / "roster_contoh.csv")]) == 0
    assert "Berhasil: 14 baru" in capsys.readouterr().out
    stored = employees(db_url)
    kepala = stored["197003121998031004"]
    assert kepala[2] == "jpt_pratama" and kepala[7] is None  # assessed by the Bupati
    assert stored["197912122003121004"][0] == "AHMAD MA’RUF, S.Kep., Ns."
    assert {row[1] for nip, row in stored.items() if nip[12] == "2"} == {"IX", "VII", "V"}  # PPPK
    assert {row[4] for row in stored.values()} == {"Dinas Kesehatan"}
    assert main(["import-pk", str(EXAMPLES / "pk_contoh.csv")]) == 0
    out = capsys.readouterr().out
    assert "4 baris sasaran PK" in out and "baru: Dinas Kesehatan" in out and "Peringatan" not in out


# ---------------------------------------------------------------------------
# Files as they come (parsing only: no database needed).


@pytest.mark.parametrize(
    "header",
    [
        ["nip", "nama", "pangkat_golongan", "jabatan", "jenis_jabatan", "unit_kerja", "nip_atasan"],
        ["NIP", "NAMA LENGKAP", "PANGKAT/GOL", "NAMA JABATAN", "JENIS JABATAN", "UNIT KERJA", "NIP ATASAN LANGSUNG"],
        ["Nip Baru", "Nama", "Gol/Ruang", "Jabatan", "Jenis Jabatan", "Unit Kerja", "NIP Penilai"],
        ["NIP.", "NAMA PEGAWAI", "GOL.", "JABATAN", "JENIS JABATAN", "UNIT KERJA", "NIP ATASAN"],
        ["NIP BARU", "NAMA", "PANGKAT/GOL.RUANG", "JABATAN", "JENIS", "UNOR", "NIP PEJABAT PENILAI"],
    ],
)
def test_header_spellings(tmp_path: Path, header: list[str]) -> None:
    rows = [
        [KEPALA, "KEPALA", "IV/c", "Kepala Dinas", "JPT Pratama", OPD, ""],
        [pppk(0), "PPPK", "IX", "Perawat Ahli Pertama", "JF", OPD, KEPALA],
    ]
    path = write_csv(tmp_path / "r.csv", header, rows, numbered=False)
    parsed, errors = parse_roster(path)
    assert errors == []
    assert [(r.nip, r.pangkat, r.jenis.value, r.unit_kerja, r.opd) for r in parsed] == [
        (KEPALA, "IV/c", "jpt_pratama", OPD, OPD),
        (pppk(0), "IX", "jf_ahli_pertama", OPD, OPD),
    ]


@pytest.mark.parametrize("opd_header", ["OPD", "PERANGKAT DAERAH", "SKPD", "INSTANSI"])
def test_opd_column_and_separate_pangkat_and_gol(tmp_path: Path, opd_header: str) -> None:
    header = ["NIP", "NAMA", "PANGKAT", "GOL", "JABATAN", "JENIS JABATAN", "ESELON", "UNIT KERJA", opd_header]
    header.append("NIP ATASAN")
    rows = [
        [KEPALA, "KEPALA", "Pembina Utama Muda", "IV/c", "Kepala Dinas", "Struktural", "II.a", OPD, OPD, ""],
        [pppk(0), "PPPK", "-", "IX", "Perawat Ahli Pertama", "JFT", "", "Sekretariat", OPD, KEPALA],
    ]
    parsed, errors = parse_roster(write_csv(tmp_path / "r.csv", header, rows, numbered=False))
    assert errors == []
    assert [(r.pangkat, r.unit_kerja, r.opd) for r in parsed] == [("IV/c", OPD, OPD), ("IX", "Sekretariat", OPD)]
    rows[0][2] = "Penata"  # PANGKAT says III/c, GOL says IV/c
    _, errors = parse_roster(write_csv(tmp_path / "r.csv", header, rows, numbered=False))
    assert "tidak cocok" in str(errors[0])


def test_ansi_csv_with_semicolons_and_curly_apostrophe(db_url: str, tmp_path: Path) -> None:
    """Excel on an Indonesian Windows: "CSV (dipisahkan titik koma)", Windows-1252."""
    rows = [
        [KEPALA, "H. MUHAMMAD MA’RUF, S.H.", "IV/c", "Kepala Dinas", "Struktural", "II.b", OPD, "", ""],
        [pns(1), "SITI ’AISYAH – BIDAN", "III/a", "Bidan Ahli Pertama", "JF", "", OPD, "", KEPALA],
    ]
    path = mixed_roster(tmp_path, rows, delimiter=";", encoding="cp1252")
    assert b"MA\x92RUF" in path.read_bytes()  # really ANSI
    assert main(["import-roster", str(path)]) == 0
    stored = employees(db_url)
    assert stored[KEPALA][0] == "H. MUHAMMAD MA’RUF, S.H."
    assert stored[pns(1)][0] == "SITI ’AISYAH – BIDAN"


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-8-sig", "\t"), ("utf-8", ";"), ("utf-16", "\t")])
def test_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    rows = [[KEPALA, "MA’RUF", "IV/c", "Kepala Dinas", "Struktural", "II.b", OPD, "", ""]]
    parsed, errors = parse_roster(mixed_roster(tmp_path, rows, delimiter=delimiter, encoding=encoding))
    assert errors == [] and parsed[0].nama == "MA’RUF"


def test_xlsx_header_on_row_3_with_merged_cells(db_url: str, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["DAFTAR PEGAWAI DINAS KESEHATAN"])
    sheet.merge_cells("A1:J1")
    sheet.append([])
    sheet.append(["NO", "NIP BARU", "NAMA", "PANGKAT/GOL", "JABATAN", "JENIS JABATAN", "ESELON", "OPD", "UNIT KERJA"])
    sheet["J3"] = "NIP ATASAN"
    people = [
        [KEPALA, "KEPALA", "IV/c", "Kepala Dinas", "Struktural", "II.b", OPD, OPD, None],
        [SEKRETARIS, "SEKRETARIS", "IV/b", "Sekretaris", "Struktural", "III.a", None, "Sekretariat", KEPALA],
        [pppk(0), "PPPK", 9, "Pranata Komputer Ahli Pertama", "JF", None, None, "Sekretariat", SEKRETARIS],
        [pns(6), "ANGKA TEPAT", "III/a", "Analis Ahli Pertama", "JF", None, None, "Sekretariat", SEKRETARIS],
    ]
    for n, row in enumerate(people, start=1):
        sheet.append([n, *row])
    sheet.merge_cells("H4:H7")  # the OPD written once, merged down over its people
    sheet.merge_cells("I5:I7")  # "Sekretariat" merged too
    sheet.append(["SEKRETARIAT (judul kelompok)"])  # a group heading merged across the table: skipped
    sheet.merge_cells("A8:J8")
    sheet.append([5, pns(7), "STAF", "II/a", "Pengadministrasi Umum", "Pelaksana", None, OPD, "Sekretariat"])
    sheet["J9"] = SEKRETARIS
    path = tmp_path / "roster.xlsx"
    workbook.save(path)
    assert main(["import-roster", str(path)]) == 0
    stored = employees(db_url)
    assert {row[4] for row in stored.values()} == {OPD}
    assert stored[pppk(0)][1:4] == ("IX", "jf_ahli_pertama", "Sekretariat")
    assert stored[pns(6)][7] == SEKRETARIS
    assert stored[pns(7)][2:4] == ("pelaksana", "Sekretariat")
    assert len(stored) == 5


def test_unreadable_files_are_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    assert main(["import-roster", str(tmp_path / "old.xls")]) == 1
    assert "simpan sebagai .xlsx atau CSV" in capsys.readouterr().err
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    assert main(["import-roster", str(tmp_path / "broken.xlsx")]) == 1
    assert "tidak dapat dibaca sebagai XLSX" in capsys.readouterr().err
    (tmp_path / "surat.csv").write_text("Yth. Kepala BKPSDM\nDengan hormat,\n")
    assert main(["import-roster", str(tmp_path / "surat.csv")]) == 1
    err = capsys.readouterr().err
    assert "baris judul kolom tidak ditemukan" in err and "NIP ATASAN / NIP ATASAN LANGSUNG" in err


# ---------------------------------------------------------------------------
# Errors an admin can act on.


def test_errors_listed_with_lines_and_the_allowed_kinds_once(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    rows = [
        [KEPALA, "KEPALA", "IV/c", "Kepala Dinas", "Struktural", "II.b", OPD, "", ""],
        [pns(1), "SATU", "III/a", "Dokter Gigi", "Dokter", "", OPD, "", KEPALA],
        [pns(2), "DUA", "III/a", "Kepala Bidang", "Struktural", "", OPD, "", KEPALA],
        [pns(3), "TIGA", "III/a", "Perawat", "JF", "", OPD, "", KEPALA],
        [pppk(0), "PPPK SALAH", "III/a", "Perawat Ahli Pertama", "JF", "", OPD, "", KEPALA],
        [pns(4), "PNS TANPA RUANG", "III", "Analis Ahli Pertama", "JF", "", OPD, "", KEPALA],
    ]
    assert main(["import-roster", str(mixed_roster(tmp_path, rows))]) == 1
    err = capsys.readouterr().err
    assert "5 baris bermasalah, tidak diimpor (baris lain diimpor)" in err  # the kepala's row went in
    assert 'baris 7: Jenis jabatan "Dokter" tidak dikenal.' in err
    assert "baris 8: Jenis jabatan \"Struktural\" perlu eselon" in err
    assert "baris 9: Jenis jabatan \"JF\": jenjang jabatan fungsional" in err
    assert "baris 10: NIP 19900520 2023 21 2 001 adalah NIP PPPK, tetapi III/a adalah golongan ruang PNS" in err
    assert "baris 11: NIP 19740315 200003 1 005 adalah NIP PNS" in err
    assert err.count("Jenis jabatan yang diterima:") == 1
    assert err.count("JF Keterampilan Pemula") == 1


def test_cycle_named_once_by_its_people(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    a, b, c = pns(1), pns(2), pns(3)
    rows = [
        [a, "ADI", "IV/a", "Kabid A", "Administrator", "", OPD, "", b],
        [b, "BUDI", "IV/a", "Kabid B", "Administrator", "", OPD, "", c],
        [c, "CITRA", "IV/a", "Kabid C", "Administrator", "", OPD, "", a],
        [pns(4), "DEDI", "II/c", "Pelaksana", "Pelaksana", "", OPD, "", a],  # hangs below the cycle
    ]
    assert main(["import-roster", str(mixed_roster(tmp_path, rows))]) == 1
    err = capsys.readouterr().err
    assert err.count("siklus") == 1
    assert f"ADI ({a}) → BUDI ({b}) → CITRA ({c}) → ADI ({a})" in err
    assert "baris 6: rantai atasan membentuk lingkaran" in err


# ---------------------------------------------------------------------------
# Leavers.


def _without(*nips: str) -> list[list[str]]:
    return [r for r, _, _ in MIXED if r[0] not in nips]


LEAVER_A, LEAVER_B = pns(13), pppk(4)  # PELAKSANA SATU, PPPK PELAKSANA


def test_leavers_are_listed_and_kept_without_confirmation(db_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["import-roster", str(mixed_roster(tmp_path))]) == 0
    capsys.readouterr()
    assert main(["import-roster", str(mixed_roster(tmp_path, _without(LEAVER_A, LEAVER_B)))]) == 0
    out = capsys.readouterr().out
    assert "Peringatan: 2 pegawai aktif di Dinas Kesehatan tidak ada di berkas ini (mutasi/pensiun?):" in out
    assert "  - PELAKSANA SATU (NIP 19830315 200903 1 014), Sekretariat, Dinas Kesehatan" in out
    assert "PPPK PELAKSANA (NIP 19940520 2023 21 2 005)" in out
    assert "--confirm-leavers" in out
    assert "0 keluar (dinonaktifkan)" in out
    assert all(row[5] for row in employees(db_url).values())


def test_leavers_confirmed_are_deactivated_and_come_back(db_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["import-roster", str(mixed_roster(tmp_path))]) == 0
    assert main(["import-roster", str(mixed_roster(tmp_path, _without(LEAVER_A, LEAVER_B))), "--confirm-leavers"]) == 0
    out = capsys.readouterr().out
    assert "Keluar (dinonaktifkan; data dan SKP-nya tetap tersimpan):" in out
    assert "2 keluar (dinonaktifkan)" in out
    stored = employees(db_url)
    assert len(stored) == len(MIXED)  # never deleted
    assert not stored[LEAVER_A][5] and stored[LEAVER_A][6] is not None
    assert not stored[LEAVER_B][5]
    # The next import without them does not list them again.
    assert main(["import-roster", str(mixed_roster(tmp_path, _without(LEAVER_A, LEAVER_B)))]) == 0
    assert "tidak ada di berkas" not in capsys.readouterr().out
    # Naming a leaver as atasan is refused with the reason.
    rows = [*_without(LEAVER_A, LEAVER_B), [pns(20), "BARU", "II/a", "Pelaksana", "Pelaksana", "", OPD, "", LEAVER_A]]
    assert main(["import-roster", str(mixed_roster(tmp_path, rows))]) == 1
    assert "(PELAKSANA SATU) sudah nonaktif sejak" in capsys.readouterr().err
    # Listed again: reactivated.
    assert main(["import-roster", str(mixed_roster(tmp_path))]) == 0
    assert "2 aktif kembali" in capsys.readouterr().out
    stored = employees(db_url)
    assert stored[LEAVER_A][5] and stored[LEAVER_A][6] is None


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "deactivated"), [("y", True), ("", False), ("tidak", False)])
def test_leavers_asked_on_a_terminal(
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    answer: str,
    deactivated: bool,
) -> None:
    assert main(["import-roster", str(mixed_roster(tmp_path))]) == 0
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdin", _Tty())
    monkeypatch.setattr("builtins.input", lambda: answer)
    assert main(["import-roster", str(mixed_roster(tmp_path, _without(LEAVER_A)))]) == 0
    out = capsys.readouterr().out
    assert "1 pegawai aktif di Dinas Kesehatan tidak ada di berkas ini" in out
    assert "Nonaktifkan mereka sekarang?" in out
    assert (f"{int(deactivated)} keluar (dinonaktifkan)") in out
    assert employees(db_url)[LEAVER_A][5] is not deactivated


def test_another_opd_is_not_a_leaver(db_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Rosters come one dinas at a time: importing Dinas Pendidikan leaves Dinas Kesehatan alone."""
    assert main(["import-roster", str(mixed_roster(tmp_path))]) == 0
    other = [[pns(21), "KADISDIK", "IV/c", "Kepala Dinas", "Struktural", "II.b", "Dinas Pendidikan", "", ""]]
    assert main(["import-roster", str(mixed_roster(tmp_path, other)), "--confirm-leavers"]) == 0
    out = capsys.readouterr().out
    assert "1 baru" in out and "0 keluar" in out
    assert all(row[5] for row in employees(db_url).values())


# ---------------------------------------------------------------------------
# A new atasan takes the pending SKP.


async def _skps(url: str, statuses: dict[str, str]) -> dict[str, int]:
    db = Database(url)
    try:
        async with db.session() as session:
            by_nip = {e.nip: e for e in (await session.exec(select(Employee))).all()}
            old = Period(name="2025", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), active=False)
            period = Period(name="2026", start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31), active=True)
            session.add_all([old, period])
            await session.flush()
            ids: dict[str, int] = {}
            for nip, status in statuses.items():
                employee = by_nip[nip]
                skp = Skp(employee_id=employee.id or 0, period_id=period.id or 0, status=status)
                skp.penilai_id = employee.atasan_id
                session.add(skp)
                await session.flush()
                ids[nip] = skp.id or 0
            # Last year's SKP stays with last year's penilai.
            last = Skp(employee_id=by_nip[pns(9)].id or 0, period_id=old.id or 0, penilai_id=by_nip[SEKRETARIS].id)
            session.add(last)
            await session.commit()
            return ids
    finally:
        await db.dispose()


def test_new_atasan_takes_the_pending_skp(db_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["import-roster", str(mixed_roster(tmp_path))]) == 0
    prakom, epid, dokter, mahir = pns(9), pns(10, 2), pns(11), pns(8)
    asyncio.run(_skps(db_url, {prakom: "SUBMITTED", epid: "DRAFT", dokter: "APPROVED", mahir: "REVISION_REQUESTED"}))
    capsys.readouterr()
    rows = [list(row) for row, _, _ in MIXED]
    for row in rows:
        if row[0] in (prakom, mahir):
            row[8] = KABID  # the Pranata Komputer Ahli Muda and Mahir now report to the Kabid Yankes
    assert main(["import-roster", str(mixed_roster(tmp_path, rows))]) == 0
    out = capsys.readouterr().out
    assert "0 baru, 2 diperbarui, 2 pindah penilai, 0 keluar (dinonaktifkan)" in out
    assert "PRAKOM AHLI MUDA (NIP 19790315 200503 1 010), SKP diajukan: SEKRETARIS, S.KM. → KABID YANKES" in out
    assert "PRAKOM MAHIR (NIP 19780315 200403 1 009), SKP perlu revisi: KASUBBAG UMUM → KABID YANKES" in out
    penilai = dict(
        sql(db_url, "select e.nip, p.nip from skp s join employee e on e.id = s.employee_id "
                    "join employee p on p.id = s.penilai_id join period d on d.id = s.period_id where d.name = '2026'")
    )  # fmt: skip
    assert penilai == {prakom: KABID, epid: KABID2, dokter: KEPALA, mahir: KABID}
    last_year = sql(
        db_url,
        "select p.nip from skp s join employee p on p.id = s.penilai_id "
        "join period d on d.id = s.period_id where d.name = '2025'",
    )
    assert last_year == [(SEKRETARIS,)]
    events = sql(db_url, "select action, from_status, to_status, comment from skpevent")
    assert {e[0] for e in events} == {MOVED_ACTION}
    assert sorted(e[1] for e in events) == ["REVISION_REQUESTED", "SUBMITTED"]
    assert all(e[1] == e[2] and "→ KABID YANKES" in e[3] for e in events)


def test_move_to_the_bupati_and_back(db_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A JPT Pratama moved from the Sekda to the Bupati (empty NIP ATASAN): the SKP follows."""
    sekda = pns(22)
    rows = [[sekda, "SEKDA", "IV/d", "Sekretaris Daerah", "Struktural", "II.a", "Sekretariat Daerah", "", ""]]
    rows += [list(r) for r, _, _ in MIXED]
    rows[1][8] = sekda
    assert main(["import-roster", str(mixed_roster(tmp_path, rows))]) == 0
    asyncio.run(_skps(db_url, {KEPALA: "SUBMITTED"}))
    rows[1][8] = ""
    capsys.readouterr()
    assert main(["import-roster", str(mixed_roster(tmp_path, rows))]) == 0
    out = capsys.readouterr().out
    assert "1 pindah penilai" in out and "SEKDA → penilai di luar daftar (Bupati)" in out
    assert sql(db_url, "select penilai_id from skp s join period d on d.id = s.period_id where d.active") == [(None,)]


# ---------------------------------------------------------------------------
# import-pk


def test_import_pk_merged_cells_unit_without_people_and_replaced(db_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["import-roster", str(mixed_roster(tmp_path))]) == 0
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["PERJANJIAN KINERJA 2026"])
    sheet.append(["NO", "UNIT KERJA", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "TARGET 2026"])
    sheet.append([1, OPD, "Meningkatnya derajat kesehatan", "Angka kematian ibu", 85])
    sheet.append([None, None, None, "Angka kematian bayi", 6.5])
    sheet.append([2, None, "Meningkatnya mutu layanan", "Puskesmas terakreditasi", 0.6])
    sheet.append([None, None, None, "Indeks kepuasan masyarakat", "83,00"])
    sheet.append([3, "Dinas Kesehatn", "Sasaran unit salah eja", "Indikator", "1 dokumen"])
    sheet.merge_cells("B3:B6")  # the unit merged over its sasaran
    sheet.merge_cells("C3:C4")  # a sasaran merged over its two indikator
    sheet.merge_cells("C5:C6")
    sheet["E5"].number_format = "0.00%"
    path = tmp_path / "pk.xlsx"
    workbook.save(path)
    capsys.readouterr()
    assert main(["import-pk", str(path)]) == 0
    out = capsys.readouterr().out
    assert 'unit kerja "Dinas Kesehatn" tidak dimiliki pegawai aktif mana pun' in out
    assert 'Mungkin maksudnya "Dinas Kesehatan"?' in out
    assert "5 baris sasaran PK diimpor" in out and "baru: Dinas Kesehatan; Dinas Kesehatn" in out
    stored = sql(db_url, "select unit_kerja, sasaran, indikator, target from pksasaran order by id")
    assert stored[:4] == [
        (OPD, "Meningkatnya derajat kesehatan", "Angka kematian ibu", "85"),
        (OPD, "Meningkatnya derajat kesehatan", "Angka kematian bayi", "6,5"),
        (OPD, "Meningkatnya mutu layanan", "Puskesmas terakreditasi", "60,00 %"),
        (OPD, "Meningkatnya mutu layanan", "Indeks kepuasan masyarakat", "83,00"),
    ]
    assert main(["import-pk", str(path)]) == 0
    out = capsys.readouterr().out
    assert "diganti (PK lama unit ini dihapus): Dinas Kesehatan; Dinas Kesehatn" in out
    assert sql(db_url, "select count(*) from pksasaran") == [(5,)]


def test_import_pk_csv_blank_cells_carry_down_and_errors(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    path = tmp_path / "pk.csv"
    path.write_text("unit kerja;sasaran;indikator;target\n;Sasaran tanpa unit;Indikator;1\n", encoding="utf-8")
    assert main(["import-pk", str(path)]) == 1
    assert "baris 2: unit kerja kosong" in capsys.readouterr().err
    assert main(["import-pk", str(EXAMPLES / "pk_contoh.csv")]) == 0
    out = capsys.readouterr().out
    assert "4 baris sasaran PK" in out
    assert 'unit kerja "Dinas Kesehatan" tidak dimiliki pegawai aktif' in out  # no roster imported yet
    assert main(["import-pk", str(EXAMPLES / "pk_contoh.csv")]) == 0
    assert "diganti" in capsys.readouterr().out

    # One unit with a bad row keeps its PK; the other unit goes in.
    path.write_text(
        "unit kerja;sasaran;indikator;target\n"
        "Dinas Kesehatan;;Indikator tanpa sasaran;1\n"
        "Dinas Sosial;Kemiskinan ekstrem menurun;Persentase penduduk miskin ekstrem;0 %\n",
        encoding="utf-8",
    )
    assert main(["import-pk", str(path)]) == 1
    captured = capsys.readouterr()
    assert "baris 2: sasaran kosong" in captured.err and "PK Dinas Kesehatan tidak diganti" in captured.err
    assert "Sebagian berhasil: 1 baris sasaran PK diimpor" in captured.out and "Dinas Kesehatan" in captured.out
    with sqlite3.connect(tmp_path / "x.sqlite3") as conn:
        units = dict(conn.execute("select unit_kerja, count(*) from pksasaran group by unit_kerja").fetchall())
    assert units["Dinas Sosial"] == 1 and units["Dinas Kesehatan"] == 4  # the old PK stays


def test_a_nip_stored_as_an_exact_number_is_accepted() -> None:
    """Some exporters write the 18 digits as a number without losing any: nothing to complain about."""
    assert _nip_cell(NumberCell.of(int(pns(6)), "General"), "NIP").digits == pns(6)
    with pytest.raises(DomainError, match=r"sebagai angka di spreadsheet \(1.97603152002031e\+17\)"):
        _nip_cell(NumberCell.of(float(pns(6)), "General"), "NIP")


def test_footer_and_signature_rows_are_skipped_and_said(tmp_path: Path) -> None:
    rows = [
        [KEPALA, "KEPALA", "IV/c", "Kepala Dinas", "Struktural", "II.b", OPD, "", ""],
        ["", "", "", "", "", "", "", "", ""],
        ["", "Jumlah: 1 orang", "", "", "", "", "", "", ""],
        ["", "", "", "Kebumen, 2 Januari 2026", "", "", "", "", ""],
        ["", "NIP. 19700312 199803 1 004", "", "Kepala Dinas", "", "", "", "", ""],
        ["", "TANPA NIP", "III/a", "Analis Ahli Pertama", "JF", "", OPD, "", KEPALA],
    ]
    report = ImportReport()
    parsed, errors = parse_roster(mixed_roster(tmp_path, rows), report)
    assert [r.nip for r in parsed] == [KEPALA]
    assert [str(e) for e in errors] == ["baris 11: NIP tidak boleh kosong."]
    assert report.warnings == [
        "baris 8, 9, 10 dilewati: tanpa NIP dan hampir kosong (judul kelompok, jumlah, tanda tangan?)"
    ]
