"""The first week with two dinas: OPD above unit kerja (both have a "Sekretariat") in broadcasts,
recaps and reminders; leavers out of all of them, out of /tim and of linking; the recap's chart,
linked / not linked, the XLSX columns, `recap --out` as admins type it. SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook

from bot.jobs import check_reminders
from bot.storage import repo
from bot.tg.outbox_worker import drain
from tests.admin.conftest import ADMIN_ID, AdminHarness
from tests.rollout.conftest import KEPALA, SEKRETARIS, SLAMET, cli, link

WIB = ZoneInfo("Asia/Jakarta")
DIK_KEPALA, DIK_SEKRETARIS, DIK_STAF, DIK_STAF2 = (
    "197201102000011001", "197703052003122002", "198811112012011003", "199205052019032004",
)
HEADER = "NIP,NAMA,GOL,JABATAN,JENIS JABATAN,ESELON,UNIT KERJA,OPD,NIP ATASAN\n"
DIKNAS = [
    f"{DIK_KEPALA},Drs. KEPALA DIKNAS,IV/c,Kepala Dinas Pendidikan,Struktural,II.b,Dinas Pendidikan,Dinas Pendidikan,",
    f"{DIK_SEKRETARIS},SEKRETARIS DIKNAS,IV/b,Sekretaris,Struktural,III.a,Sekretariat,Dinas Pendidikan,{DIK_KEPALA}",
    f"{DIK_STAF},STAF PINDAH,III/a,Pengadministrasi Umum,Pelaksana,,Sekretariat,Dinas Pendidikan,{DIK_SEKRETARIS}",
    f"{DIK_STAF2},STAF TETAP,III/a,Pengolah Data,Pelaksana,,Sekretariat,Dinas Pendidikan,{DIK_SEKRETARIS}",
]


def _diknas(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "diknas.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


async def test_opd_audiences_leavers_and_the_recap(
    day_one: AdminHarness, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    h, s = day_one, day_one.settings
    assert await cli(s, "import-roster", str(_diknas(tmp_path, DIKNAS))) == 0
    assert await cli(s, "period", "deadlines", "1", "--submission", "15-01-2027") == 0
    capsys.readouterr()
    admin = h.user(ADMIN_ID, "Admin")
    dinkes_sek = await link(h, SEKRETARIS, 901, "Sekretaris Dinkes")
    await link(h, KEPALA, 902, "Kepala Dinkes")
    await link(h, SLAMET, 903, "Slamet")
    dik_sek = await link(h, DIK_SEKRETARIS, 904, "Sekretaris Diknas")
    leaver = await link(h, DIK_STAF, 905, "Staf Pindah")
    await link(h, DIK_STAF2, 906, "Staf Tetap")

    # /siaran to one "Sekretariat": chosen inside its OPD, not the other dinas's.
    await admin.send("/siaran")
    await admin.send("Rapat koordinasi SKP")
    await admin.press("Satu OPD / unit kerja")
    assert "1. Dinas Kesehatan" in admin.last.plain and "2. Dinas Pendidikan" in admin.last.plain
    await admin.press("2")
    assert "Seluruh OPD ini" in admin.buttons()[0] and "Dinas Pendidikan" in admin.last.plain
    units = admin.last.plain
    assert "Sekretariat" in units and "Bidang" not in units
    await admin.press(str(units.splitlines().index(next(x for x in units.splitlines() if "Sekretariat" in x))
                          - units.splitlines().index("Seluruh OPD, atau satu unit kerja:")))
    assert "unit kerja Sekretariat (Dinas Pendidikan)" in admin.last.plain and "3 orang" in admin.last.plain
    await admin.press("Kirim ke 3 orang")
    await drain(h.app)
    assert "Rapat koordinasi SKP" in leaver.last.plain and "Rapat koordinasi SKP" in dik_sek.last.plain
    assert not any("Rapat koordinasi" in (m.plain or "") for m in dinkes_sek.messages)

    # A leaver (who had been made an admin): the next import of that dinas without him, confirmed.
    assert await cli(s, "admin", "grant", DIK_STAF) == 0
    assert await cli(s, "import-roster", str(_diknas(tmp_path, [DIKNAS[0], DIKNAS[1], DIKNAS[3]])),
                     "--confirm-leavers") == 0
    assert "STAF PINDAH" in capsys.readouterr().out
    await admin.send("/siaran")
    await admin.send("Pengumuman kedua")
    await admin.press("Satu OPD / unit kerja")
    await admin.press("2")
    await admin.press("Seluruh OPD ini")
    assert "OPD Dinas Pendidikan" in admin.last.plain and "2 orang" in admin.last.plain  # not the leaver
    await admin.press("Batal")
    await dik_sek.send("/tim")
    assert "STAF TETAP" in dik_sek.last.plain and "STAF PINDAH" not in dik_sek.last.plain
    await leaver.send("/rekap")  # his admin rights ended with him
    assert "khusus untuk admin" in leaver.last.plain
    stranger = h.user(907, "Orang Baru")
    await stranger.send("/start")
    await stranger.send(DIK_STAF)  # the leaver's NIP, from a new account: told nothing about it ...
    assert "Ketik kode aktivasi" in stranger.last.plain
    await stranger.send("ABCD2345")  # ... and refused like any wrong NIP/code pair
    assert "NIP dan kode aktivasi tidak cocok" in stranger.last.plain
    async with h.db.session() as session:
        assert (await repo.employee_by_telegram(session, 907)) is None

    # Reminders: the leaver (linked, no SKP) is not reminded.
    with time_machine.travel(dt.datetime(2027, 1, 14, 8, 5, tzinfo=WIB), tick=False):
        assert await check_reminders(h.app)
    await drain(h.app)
    assert any("Pengingat" in (m.plain or "") for m in dik_sek.messages)
    assert not any("Pengingat" in (m.plain or "") for m in leaver.messages)

    # /rekap: a chart above the numbers per OPD, linked / not linked, the XLSX with the new columns.
    await admin.send("/rekap")
    photos = [m for m in admin.messages if m.kind == "photo"]
    assert photos and (photos[-1].document or b"").startswith(b"\x89PNG")
    summary = next(m.plain or "" for m in reversed(admin.messages) if "Rekap SKP Tahun 2027" in (m.plain or ""))
    assert "17 pegawai aktif" in summary and "terhubung Telegram 5, belum 12" in summary
    assert "Dinas Kesehatan\nTerhubung 3/14" in summary and "Dinas Pendidikan\nTerhubung 2/3" in summary
    workbook = load_workbook(io.BytesIO(admin.documents[-1].document or b""))
    assert workbook.sheetnames == ["Pegawai", "Per Unit", "Per OPD"]
    rows = list(workbook["Pegawai"].iter_rows(min_row=3, values_only=True))
    header, people = rows[0], rows[1:]
    assert header[:11] == ("No", "NIP", "Nama", "Pangkat/Gol", "Jabatan", "Jenis Jabatan", "OPD", "Unit Kerja",
                           "Pejabat Penilai", "Telegram", "Status")
    by_nip = {row[1]: row for row in people}
    assert DIK_STAF not in by_nip  # leavers are out
    nurul = by_nip["199503152022212003"]  # a PPPK
    assert (nurul[3], nurul[5], nurul[6], nurul[9]) == ("Golongan IX", "JF Ahli Pertama", "Dinas Kesehatan",
                                                        "Belum terhubung")
    assert by_nip[KEPALA][8] == "-"  # the roster names no penilai_luar_nama: the settings' default applies
    per_unit = list(workbook["Per Unit"].iter_rows(min_row=4, values_only=True))
    sekretariat = [r for r in per_unit if r[1] == "Sekretariat"]
    assert [(r[0], r[2], r[3]) for r in sekretariat] == [("Dinas Kesehatan", 2, 5), ("Dinas Pendidikan", 2, 0)]

    # `skp-bot recap --out` as admins type it.
    nested = tmp_path / "laporan" / "2027" / "rekap.csv"
    assert await cli(s, "recap", "--out", str(nested)) == 0
    out = capsys.readouterr().out
    assert "belum terhubung" in out and "Sekretariat (Dinas Kesehatan): terhubung 2/7, belum 5" in out
    raw = nested.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert table[0][1] == "NIP" and len(table) == 18
    assert await cli(s, "recap", "--out", str(tmp_path / "rekap-tanpa-akhiran")) == 0
    assert (tmp_path / "rekap-tanpa-akhiran").read_bytes()[:2] == b"PK"  # XLSX whatever the name
    assert await cli(s, "recap", "--out", str(tmp_path / "folder") + "/") == 0
    assert (tmp_path / "folder" / "rekap-skp-tahun-2027.xlsx").exists()
    blocker = tmp_path / "berkas.txt"
    blocker.write_text("bukan folder")
    assert await cli(s, "recap", "--out", str(blocker / "rekap.xlsx")) == 1
    assert "tidak dapat dibuat" in capsys.readouterr().err
