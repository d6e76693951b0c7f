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
