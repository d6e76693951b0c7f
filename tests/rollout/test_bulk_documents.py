"""Every approved SKP of a unit / OPD as PDFs: `skp-bot documents` into a folder, and a ZIP from
/rekap. The demo organisation (its kepala and kabid approved through the lifecycle). SQLite and
PostgreSQL."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from bot.services.demo import UNIT, load_demo_data
from tests.admin.conftest import ADMIN_ID, AdminHarness
from tests.flows.helpers import pdf_text, squash
from tests.rollout.conftest import cli


@pytest.fixture
async def h(rollout_settings):  # type: ignore[no-untyped-def]
    harness = AdminHarness(rollout_settings)
    await harness.start()
    try:
        await load_demo_data(harness.db)
        yield harness
    finally:
        await harness.stop()


async def test_documents_cli(h: AdminHarness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    s = h.settings
    out = tmp_path / "arsip" / "bkpsdm"
    assert await cli(s, "documents", "--unit", UNIT.upper(), "--out", str(out)) == 0
    assert "2 SKP disetujui" in capsys.readouterr().out
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert pdfs == ["SKP_2027_196804241998031011.pdf", "SKP_2027_198103021999121001.pdf"]
    text = squash(pdf_text((out / pdfs[0]).read_bytes()))
    assert squash("H. MOH AMIRUDIN") in text and "DRAFT" not in text
    assert "BAWONO" in (out / "daftar.csv").read_text(encoding="utf-8-sig")

    assert await cli(s, "documents", "--opd", "Sekretariat Daerah", "--out", str(tmp_path / "setda")) == 0
    assert "Belum ada SKP yang disetujui" in capsys.readouterr().out
    assert await cli(s, "documents", "--out", str(tmp_path / "x")) == 1
    assert "--unit UNIT atau --opd OPD" in capsys.readouterr().err
    assert await cli(s, "documents", "--unit", "Kepegawaian", "--out", str(tmp_path / "x")) == 1
    err = capsys.readouterr().err
    assert "tidak ada" in err and "Mungkin: Badan Kepegawaian" in err
    a_file = tmp_path / "berkas.pdf"
    a_file.write_bytes(b"")
    assert await cli(s, "documents", "--unit", UNIT, "--out", str(a_file)) == 1
    assert "bukan folder" in capsys.readouterr().err


async def test_zip_from_rekap(h: AdminHarness) -> None:
    admin = h.user(ADMIN_ID, "Admin")
    await admin.send("/rekap")
    card = admin.last
    assert "PDF SKP yang disetujui — pilih OPD" in card.plain
    lines = card.plain.splitlines()
    number = next(line.split(".")[0] for line in lines if line.endswith(UNIT))
    await admin.press(number)
    assert admin.buttons()[0] == "🏛 Seluruh OPD ini" and UNIT in admin.last.plain
    await admin.press(0)  # the whole OPD
    archive = admin.documents[-1]
    assert archive.filename and archive.filename.endswith(".zip")
    assert "2 SKP disetujui" in (archive.plain or "")
    with zipfile.ZipFile(io.BytesIO(archive.document or b"")) as z:
        names = sorted(z.namelist())
        assert names == ["SKP_2027_196804241998031011.pdf", "SKP_2027_198103021999121001.pdf", "daftar.csv"]
        assert squash("BAWONO ANDI WIDODO") in squash(pdf_text(z.read(names[1])))

    # An OPD with nothing approved yet says so and stays on the card.
    await admin.send("/rekap")
    number = next(line.split(".")[0] for line in admin.last.plain.splitlines() if line.endswith("Sekretariat Daerah"))
    await admin.press(number)
    await admin.press(0)
    assert "Belum ada SKP yang disetujui di Sekretariat Daerah" in admin.last.plain
