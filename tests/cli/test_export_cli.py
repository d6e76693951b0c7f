"""`skp-bot export --nip NIP --format text|csv`: the SKP field by field for e-Kinerja."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from bot.cli import main
from bot.services.demo import KABID_NIP


def test_export_text_and_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'skp.sqlite3'}")
    assert main(["db", "upgrade"]) == 0
    assert main(["demo-data"]) == 0
    capsys.readouterr()
    assert main(["export", "--nip", "19810302 199912 1 001", "--format", "text"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("SKP untuk e-Kinerja — SKP Tahun")
    order = ["Rencana kinerja atasan:", "Rencana kinerja:", "Aspek:", "Indikator kinerja individu:", "Target:"]
    positions = [text.index(label) for label in order]
    assert positions == sorted(positions)  # the order e-Kinerja's form asks for
    assert "Terwujudnya birokrasi yang kapabel" in text and "&amp;" not in text

    out = tmp_path / "skp.csv"
    assert main(["export", "--nip", KABID_NIP, "--format", "csv", "--out", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["bagian", "kolom", "isi"]
    assert ["Kinerja Utama 1", "Rencana kinerja atasan", "Terwujudnya birokrasi yang kapabel"] in rows

    assert main(["export", "--nip", "1"]) == 1
    assert "Tidak ada SKP" in capsys.readouterr().err
