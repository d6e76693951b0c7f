"""`skp-bot import-roster`, `import-pk`, `activation-codes`, `demo-data`, `run` without a token."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook

from bot.cli import main

HEADER = "nip,nama,pangkat_golongan,jabatan,jenis_jabatan,unit_kerja,nip_atasan,catatan\n"
GOOD = [
    "196411171992011002,H. AHMAD UJANG SUGIONO,Pembina Utama Madya - IV/d,Sekretaris Daerah,JPT Madya,Setda,,",
    "196804241998031011,H. MOH AMIRUDIN,Pembina Utama Muda– IV/c,Kepala,JPT Pratama,BKPSDM,196411171992011002,",
    "198103021999121001,BAWONO ANDI WIDODO,Pembina - IV/a,Kepala Bidang,Administrator,BKPSDM,196804241998031011,x",
    "199106112012062001,SEKAR SATITI,Penata – III/c,Analis SDM Ahli Muda,JF Ahli Muda,BKPSDM,198103021999121001,",
]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    return db


def _csv(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("select count(*) from employee").fetchone()[0])


def test_import_roster_then_update_by_nip(env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import-roster", str(_csv(tmp_path, GOOD))]) == 0
    assert "4 baru" in capsys.readouterr().out
    changed = [*GOOD[:3], GOOD[3].replace("SEKAR SATITI", "\"SEKAR SATITI, S.STP.\"")]
    assert main(["import-roster", str(_csv(tmp_path, changed))]) == 0
    out = capsys.readouterr().out
    assert "0 baru, 1 diperbarui" in out and "3 tidak berubah" in out
    with sqlite3.connect(env) as conn:
        assert conn.execute("select nama from employee where nip='199106112012062001'").fetchone()[0].endswith("S.STP.")
    assert _count(env) == 4


def test_bad_rows_are_all_listed_and_the_good_ones_imported(env: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    rows = [
        *GOOD,
        "19910611201206200,PENDEK,III/c,Analis,JF Ahli Muda,BKPSDM,198103021999121001,",  # 17 digits
        "199201192019032006,SITI,III/x,Pranata,JF Ahli Pertama,BKPSDM,199999999999999999,",  # bad gol, bad atasan
        "199408302016092007,CITRA,III/a,Pelaksana,Pelaksana,BKPSDM,,",  # no penilai: Bupati may not assess
        "198807152011011002,IMAM,III/b,Pengawas,Pengawas,BKPSDM,199106112012062001,",  # JF may not assess Pengawas
    ]
    assert main(["import-roster", str(_csv(tmp_path, rows))]) == 1  # not a clean import: exit 1
    captured = capsys.readouterr()
    err = captured.err
    assert "4 baris bermasalah, tidak diimpor (baris lain diimpor)" in err
    for line in (6, 7, 8, 9):
        assert f"baris {line}:" in err
    assert "18 digit" in err
    assert "Sebagian berhasil: 4 baru" in captured.out
    assert _count(env) == 4  # the good rows went in

    # Someone whose atasan is a refused (new) row waits for it; fixed, the same file goes in.
    boss = "198001012005011001"
    waiting = [
        *GOOD,
        f"{boss},KEPALA BARU,IV/x,Kepala Bidang,Administrator,BKPSDM,196804241998031011,",  # bad golongan
        f"199501012020121001,STAF BARU,III/a,Pengolah Data,Pelaksana,BKPSDM,{boss},",
    ]
    assert main(["import-roster", str(_csv(tmp_path, waiting))]) == 1
    err = capsys.readouterr().err
    assert "baris 6:" in err and f"baris 7: atasannya (NIP {boss}) ada di baris 6 yang bermasalah" in err
    assert _count(env) == 4
    fixed = [*waiting[:4], waiting[4].replace("IV/x", "III/d"), waiting[5]]
    assert main(["import-roster", str(_csv(tmp_path, fixed))]) == 0
    assert "2 baru" in capsys.readouterr().out
    assert _count(env) == 6


def test_nothing_good_nothing_imported(env: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    rows = ["19910611201206200,PENDEK,III/c,Analis,JF Ahli Muda,BKPSDM,198103021999121001,"]
    assert main(["import-roster", str(_csv(tmp_path, rows))]) == 1
    assert "Tidak ada yang diimpor: 1 baris bermasalah." in capsys.readouterr().err
    assert _count(env) == 0


def test_cycle_and_unknown_atasan(env: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["import-roster", str(_csv(tmp_path, GOOD))]) == 0
    cyc = [GOOD[0].replace(",Setda,,", ",Setda,196804241998031011,"), *GOOD[1:]]
    assert main(["import-roster", str(_csv(tmp_path, cyc))]) == 1
    assert "siklus" in capsys.readouterr().err


def test_xlsx_with_numeric_nip_is_explained(env: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER.strip().split(","))
    sheet.append([1.99106112012062e17, "SEKAR", "III/c", "Analis", "JF Ahli Muda", "BKPSDM", None])
    path = tmp_path / "roster.xlsx"
    workbook.save(path)
    assert main(["import-roster", str(path)]) == 1
    assert "sebagai angka" in capsys.readouterr().err


def test_activation_codes_and_demo_data(env: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["demo-data"]) == 0
    out = capsys.readouterr().out
    assert "199106112012062001" in out
    # Sekar already holds a valid code (demo-data): it is not replaced, nor printed again.
    assert main(["activation-codes", "--nip", "199106112012062001"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "sudah memegang kode" in captured.err and "--renew" in captured.err
    assert main(["activation-codes", "--nip", "199106112012062001", "--renew"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("199106112012062001\t") and len(line.split("\t")[1]) == 8
    assert main(["activation-codes", "--renew", "--out", str(tmp_path / "kode.xlsx")]) == 0
    assert (tmp_path / "kode.xlsx").exists()


def test_import_pk(env: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "pk.csv"
    path.write_text(
        "unit_kerja;sasaran;indikator;target\nBKPSDM;Terwujudnya birokrasi yang kapabel;Persentase;90,00 %\n"
    )
    assert main(["import-pk", str(path)]) == 0
    with sqlite3.connect(env) as conn:
        assert conn.execute("select target from pksasaran").fetchone()[0] == "90,00 %"


def test_run_without_token_explains(env: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert "@BotFather" in err and "skp-bot console --demo" in err
