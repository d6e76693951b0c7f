"""/rekap and `skp-bot recap`: counts per unit kerja in chat and the XLSX of every employee."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

from openpyxl import load_workbook

from bot.cli import build_parser
from tests.admin.conftest import ADMIN_ID, AdminHarness, add_employees, add_period, add_skp


async def _org(h: AdminHarness) -> None:
    period = await add_period(h.db)
    [boss] = await add_employees(h.db, 1, first=1, unit="Bagian Umum")
    staff = await add_employees(h.db, 4, first=2, unit="Bagian Umum", atasan_id=boss.id)
    others = await add_employees(h.db, 3, first=10, unit="Bidang Mutasi", atasan_id=boss.id)
    await add_skp(h.db, boss, period, "APPROVED")
    await add_skp(h.db, staff[0], period, "SUBMITTED")
    await add_skp(h.db, staff[1], period, "DRAFT")
    await add_skp(h.db, staff[2], period, "REVISION_REQUESTED")
    await add_skp(h.db, others[0], period, "APPROVED")


def _sheets(content: bytes) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    workbook = load_workbook(io.BytesIO(content))
    pegawai = [tuple(r) for r in workbook["Pegawai"].iter_rows(min_row=4, values_only=True)]
    per_unit = [tuple(r) for r in workbook["Per Unit"].iter_rows(min_row=4, values_only=True)]
    return pegawai, per_unit


async def test_rekap_in_chat_and_xlsx(admin_harness: AdminHarness) -> None:
    h = admin_harness
    admin = h.user(ADMIN_ID, "Admin")
    await admin.send("/rekap")
    assert "Belum ada periode SKP yang aktif" in admin.last.plain
    await _org(h)
    await admin.send("/rekap")
    # The chart, then the numbers, then the XLSX, then the card for the approved SKPs' PDFs.
    chart, summary_message, xlsx, card = admin.messages[-4:]
    assert chart.kind == "photo" and (chart.document or b"").startswith(b"\x89PNG")
    summary = summary_message.plain or ""
    assert "Rekap SKP Tahun 2027" in summary and "8 pegawai" in summary
    assert "Bagian Umum\nTerhubung 5/5 · Belum mulai 1 · Draf 1 · Diajukan 1 · Perlu revisi 1 · Disetujui 1" in summary
    assert ("Bidang Mutasi\nTerhubung 3/3 · Belum mulai 2 · Draf 0 · Diajukan 0 · Perlu revisi 0 · Disetujui 1"
            in summary)
    assert xlsx.kind == "document" and "pilih OPD" in (card.plain or "")
    document = admin.documents[-1]
    assert document.filename == "rekap-skp-tahun-2027.xlsx"
    pegawai, per_unit = _sheets(document.document or b"")
    assert len(pegawai) == 8
    first = pegawai[0]
    assert first[1] == "199001012015010001" and first[2] == "PEGAWAI 0001" and first[10] == "Disetujui"
    assert first[11] and first[12]  # submitted and approved dates
    assert (first[3], first[5], first[9]) == ("Penata Muda - III/a", "Pelaksana", "Terhubung")
    penilai = {row[2]: row[8] for row in pegawai}
    assert penilai["PEGAWAI 0002"] == "PEGAWAI 0001"
    assert per_unit[0][:10] == ("Bagian Umum", "Bagian Umum", 5, 0, 1, 1, 1, 1, 1, 5)


async def test_recap_cli(admin_harness: AdminHarness, tmp_path: Path) -> None:
    await _org(admin_harness)
    out = tmp_path / "rekap.xlsx"
    args = build_parser().parse_args(["recap", "--out", str(out)])
    assert await asyncio.to_thread(args.func, args, admin_harness.settings) == 0
    pegawai, per_unit = _sheets(out.read_bytes())
    assert len(pegawai) == 8 and [row[0] for row in per_unit[:2]] == ["Bagian Umum", "Bidang Mutasi"]
