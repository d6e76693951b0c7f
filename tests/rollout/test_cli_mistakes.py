"""An admin's mistakes at the command line end in one clear sentence and a non-zero exit code,
never a traceback — every subcommand tried with wrong input. Plus `console --nip` on the bot's own
database and `/id` for finding one's Telegram id."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.rollout.conftest import KEPALA, ROSTER


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.sqlite3'}")
    monkeypatch.delenv("SKP_ADMIN_IDS", raising=False)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


MISTAKES: list[tuple[list[str], str]] = [
    (["run"], "TELEGRAM_BOT_TOKEN belum diisi"),
    (["import-roster", "tidak-ada.csv"], "tidak ditemukan"),
    (["import-roster", "."], "tidak dapat dibaca"),
    (["import-pk", "tidak-ada.csv"], "tidak ditemukan"),
    (["activation-codes", "--nip", "199999999999999999"], "Tidak ada pegawai yang cocok"),
    (["demo-data", "--format", "2023"], "tidak dikenal"),
    (["console"], "--demo"),
    (["console", "--nip", "12345"], "tidak sah"),
    (["console", "--nip", "19900101 201501 1 999"], "tidak ada di basis data"),
    (["check-rhk", "--file", "tidak-ada.txt"], "tidak-ada.txt"),
    (["admin", "grant", "199999999999999999"], "tidak ada di daftar pegawai"),
    (["period", "create", "SKP 2027", "besok", "31-12-2027"], "tidak terbaca"),
    (["period", "create", "SKP 2027", "01-01-2027", "31-02-2027"], "tidak ada di kalender"),
    (["period", "activate", "99"], "tidak ditemukan"),
    (["period", "deadlines", "99", "--submission", "01-01-2027"], "tidak ditemukan"),
    (["period", "rename", "99", "Baru"], "tidak ditemukan"),
    (["period", "delete", "99"], "tidak ditemukan"),
    (["period", "format", "99", "6/2022"], "tidak ditemukan"),
    (["reminders", "set", "besok"], "dipisah koma"),
    (["reminders", "set", "7", "--hour", "25"], "00:00 dan 23:59"),
    (["recap", "--out", "rekap.xlsx"], "Belum ada periode aktif"),
    (["recap", "--out", "rekap.xlsx", "--period", "99"], "tidak ditemukan"),
    (["approve", "123"], "18 digit"),
    (["approve", "19900101 201501 1 999"], "tidak ada di daftar pegawai"),
    (["request-revision", KEPALA, "--note", "perbaiki"], "tidak ada di daftar pegawai"),
    (["penilai-luar", "code", "Bupati"], "tidak ada"),
    (["penilai-luar", "add", "  "], "tidak boleh kosong"),
    (["documents", "--unit", "Sekretariat", "--out", "dok"], "Belum ada periode aktif"),
    (["audit", "--since", "kemarin"], "tidak terbaca"),
]


@pytest.mark.parametrize(("argv", "says"), MISTAKES, ids=[" ".join(a)[:40] for a, _ in MISTAKES])
def test_each_mistake_is_one_clear_sentence(
    env: Path, argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(argv)  # an exception here would be the traceback an admin must never see
    captured = capsys.readouterr()
    assert code != 0, captured.out
    assert says in captured.err, captured.err
    assert "Traceback" not in captured.err


def test_argument_mistakes_are_argparse_usage(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["request-revision", KEPALA], ["period", "activate", "satu"], ["recap"]):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2
        assert "usage: skp-bot" in capsys.readouterr().err


def _skp_bot(tmp_path: Path, *argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}"}
    return subprocess.run([sys.executable, "-m", "bot.cli", *argv], capture_output=True, text=True, timeout=120,
                          env={**base, **env}, cwd=tmp_path, check=False)


def test_wrong_settings_and_database_in_a_real_process(tmp_path: Path) -> None:
    wrong_ids = _skp_bot(tmp_path, "admin", "list", SKP_ADMIN_IDS="12345, @admin_bkpsdm")
    assert wrong_ids.returncode == 2 and "Traceback" not in wrong_ids.stderr
    assert wrong_ids.stderr.strip().splitlines() == [wrong_ids.stderr.strip()]  # one line
    assert "SKP_ADMIN_IDS" in wrong_ids.stderr and "@admin_bkpsdm" in wrong_ids.stderr and "/id" in wrong_ids.stderr
    unreachable = _skp_bot(tmp_path, "period", "list", DATABASE_URL="postgresql://skp:rahasia@127.0.0.1:1/skp")
    assert unreachable.returncode == 1 and "Traceback" not in unreachable.stderr
    assert "Basis data tidak dapat dibuka" in unreachable.stderr and "rahasia" not in unreachable.stderr
    unknown = _skp_bot(tmp_path, "period", "list", DATABASE_URL="mysql://localhost/skp")
    assert unknown.returncode == 2 and "Pengaturan salah: DATABASE_URL" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_console_nip_uses_the_bots_database(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import-roster", str(ROSTER)]) == 0
    assert main(["period", "create", "SKP Tahun 2027", "01-01-2027", "31-12-2027", "--activate"]) == 0
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("/skp\n/keluar\n"))
    assert main(["console", "--nip", "19700312 199803 1 004", "--out", str(env / "dok")]) == 0
    out = capsys.readouterr().out
    assert "Akun konsol ditautkan ke NIP 197003121998031004" in out
    assert "Akun konsol: bukan admin" in out and "SKP_ADMIN_IDS" in out and "admin grant" in out
    assert "SKP Tahun 2027" in out  # /skp answered from the imported roster
    assert not (env / "skp-console.sqlite3").exists()  # the bot's database, not the demo's

    monkeypatch.setattr("sys.stdin", io.StringIO("/rekap\n/keluar\n"))
    assert main(["console", "--nip", KEPALA, "--admin", "--out", str(env / "dok")]) == 0
    out = capsys.readouterr().out
    assert "Akun konsol: admin" in out and "Rekap SKP Tahun 2027" in out


async def test_id_command_tells_anyone_their_telegram_id(admin_harness) -> None:  # type: ignore[no-untyped-def]
    stranger = admin_harness.user(5550001, "Calon Admin")
    await stranger.send("/id")
    assert "ID Telegram Anda: 5550001" in stranger.last.plain and "SKP_ADMIN_IDS" in stranger.last.plain
    admin = admin_harness.user(424242, "Admin")
    await admin.send("/id")
    assert "Anda dikenali sebagai admin" in admin.last.plain
