import io
from pathlib import Path

from bot.cli_rhk import run_check_rhk


def test_phrases_from_arguments() -> None:
    out = io.StringIO()
    phrases = ["Menyusun laporan", "Sosialisasi", "Kepuasan instansi pengusul"]
    code = run_check_rhk(phrases, None, io.StringIO(), out)
    assert code == 0
    assert out.getvalue().splitlines() == [
        "Menyusun laporan\tAKTIVITAS\tLaporan tersusun akurat dan tepat waktu",
        "Sosialisasi\tKATEGORI\tPeserta sosialisasi memahami materi yang disampaikan",
        "Kepuasan instansi pengusul\tPENCAPAIAN\t",
    ]


def test_phrases_from_stdin_skip_blank_lines() -> None:
    out = io.StringIO()
    stdin = io.StringIO("Pengawasan\n\n   \nTerlaksananya rapat koordinasi\n")
    assert run_check_rhk(None, None, stdin, out) == 0
    lines = out.getvalue().splitlines()
    assert [line.split("\t")[1] for line in lines] == ["KATEGORI", "PENCAPAIAN"]


def test_file_dash_means_stdin() -> None:
    out = io.StringIO()
    assert run_check_rhk([], "-", io.StringIO("Mengembangkan aplikasi SIMPEG\n"), out) == 0
    assert out.getvalue() == (
        "Mengembangkan aplikasi SIMPEG\tAKTIVITAS\tAplikasi SIMPEG berfungsi sesuai kebutuhan pengguna\n"
    )


def test_phrases_from_file(tmp_path: Path) -> None:
    source = tmp_path / "rhk.txt"
    source.write_text("Monitoring dan supervisi\n\nData kepegawaian valid dan akurat\n", encoding="utf-8")
    out = io.StringIO()
    assert run_check_rhk(None, str(source), io.StringIO("ignored"), out) == 0
    assert [line.split("\t")[:2] for line in out.getvalue().splitlines()] == [
        ["Monitoring dan supervisi", "KATEGORI"],
        ["Data kepegawaian valid dan akurat", "PENCAPAIAN"],
    ]


def test_one_bad_line_is_reported_and_the_rest_is_checked(tmp_path: Path) -> None:
    source = tmp_path / "rhk.txt"
    source.write_bytes(
        b"Menyusun laporan\n!!!\n\n"
        + b"Rekap absensi caf\xe9\n"  # Latin-1, not UTF-8
        + ("x" * 600 + "\nSosialisasi\n").encode()
    )
    out, err = io.StringIO(), io.StringIO()
    code = run_check_rhk(None, str(source), io.StringIO(), out, err)
    assert code == 1
    lines = [line.split("\t") for line in out.getvalue().splitlines()]
    assert [line[1] for line in lines] == ["AKTIVITAS", "GALAT", "GALAT", "GALAT", "KATEGORI"]
    assert lines[1] == ["!!!", "GALAT", "Baris 2: Rencana kinerja harus berisi kata, bukan hanya tanda baca."]
    assert lines[2][2] == "Baris 4: bukan teks UTF-8; simpan berkasnya sebagai UTF-8."
    assert lines[3][2] == "Baris 5: Rencana kinerja maksimal 500 karakter; teks Anda 600 karakter."
    assert len(lines[3][0]) <= 80
    assert lines[4][0] == "Sosialisasi"  # the batch went on after the bad lines
    assert "3 baris tidak dapat diperiksa" in err.getvalue()


def test_bad_line_from_stdin_and_arguments() -> None:
    out = io.StringIO()
    assert run_check_rhk(None, None, io.StringIO("???\nPengawasan\n"), out, io.StringIO()) == 1
    assert out.getvalue().splitlines()[0].startswith("???\tGALAT\tBaris 1: ")
    assert out.getvalue().splitlines()[1].split("\t")[1] == "KATEGORI"
    out = io.StringIO()
    assert run_check_rhk(["Pengawasan", "-"], None, io.StringIO(), out, io.StringIO()) == 1
    assert out.getvalue().splitlines()[1].startswith("-\tGALAT\tBaris 2: ")


def test_missing_file_is_said_in_indonesian(tmp_path: Path) -> None:
    err = io.StringIO()
    assert run_check_rhk(None, str(tmp_path / "tidak-ada.txt"), io.StringIO(), io.StringIO(), err) == 2
    assert "tidak ditemukan" in err.getvalue()
