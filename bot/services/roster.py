"""Roster and Perjanjian Kinerja import from CSV or XLSX: check every row, then all or nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.storage.models import Employee, PkSasaran
from skp_domain.errors import DomainError
from skp_domain.jabatan import JenisJabatan, may_assess, parse_jenis_jabatan
from skp_domain.nip import parse_nip
from skp_domain.pangkat import parse_golongan

ROSTER_COLUMNS = ("nip", "nama", "pangkat_golongan", "jabatan", "jenis_jabatan", "unit_kerja", "nip_atasan")
PK_COLUMNS = ("unit_kerja", "sasaran", "indikator", "target")
NUMERIC_CELL = "__numeric__:"  # marks an XLSX cell that held a number (a mangled NIP)


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"baris {self.line}: {self.reason}"


@dataclass
class RosterRow:
    line: int
    nip: str
    nama: str
    pangkat: str
    jabatan: str
    jenis: JenisJabatan
    unit_kerja: str
    nip_atasan: str
    penilai_luar_nama: str | None = None
    penilai_luar_jabatan: str | None = None
    penilai_luar_id: str | None = None


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _norm_header(name: object) -> str:
    return str(name or "").strip().lower().replace(" ", "_").replace("/", "_")


def read_table(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) with lower-case headers; XLSX numbers are flagged, not guessed."""
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [_norm_header(cell) for cell in next(rows, ())]
        for number, values in enumerate(rows, start=2):
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            row: dict[str, str] = {}
            for name, value in zip(header, values, strict=False):
                if isinstance(value, int | float) and not isinstance(value, bool):
                    row[name] = f"{NUMERIC_CELL}{value}"
                else:
                    row[name] = "" if value is None else str(value).strip()
            yield number, row
        workbook.close()
        return
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    reader.fieldnames = [_norm_header(name) for name in reader.fieldnames or []]
    for number, raw in enumerate(reader, start=2):
        if all(not (v or "").strip() for v in raw.values() if isinstance(v, str)):
            continue
        yield number, {k: (v or "").strip() for k, v in raw.items() if isinstance(k, str) and isinstance(v, str)}


def _nip_cell(value: str, what: str) -> str:
    if value.startswith(NUMERIC_CELL):
        raise DomainError(
            f"{what} tersimpan sebagai angka di spreadsheet ({value[len(NUMERIC_CELL) :]}); "
            "format kolom sebagai Teks lalu ketik ulang NIP-nya."
        )
    return parse_nip(value).digits


def _missing_columns(rows: Sequence[tuple[int, dict[str, str]]], required: Sequence[str]) -> list[str]:
    if not rows:
        return []
    present = set(rows[0][1])
    return [name for name in required if name not in present]


def parse_roster(path: Path) -> tuple[list[RosterRow], list[RowError]]:
    rows = list(read_table(path))
    missing = _missing_columns(rows, ROSTER_COLUMNS)
    if missing:
        return [], [RowError(1, "kolom wajib tidak ada: " + ", ".join(missing))]
    if not rows:
        return [], [RowError(1, "berkas tidak berisi data pegawai")]
    parsed: list[RosterRow] = []
    errors: list[RowError] = []
    for line, row in rows:
        problems: list[str] = []

        def field_or_problem(name: str, label: str, row: dict[str, str] = row, problems: list[str] = problems) -> str:
            value = row.get(name, "")
            if not value:
                problems.append(f"{label} kosong")
            return value

        nip = ""
        try:
            nip = _nip_cell(row.get("nip", ""), "NIP")
        except DomainError as exc:
            problems.append(exc.message)
        nama = field_or_problem("nama", "nama")
        jabatan = field_or_problem("jabatan", "jabatan")
        unit = field_or_problem("unit_kerja", "unit kerja")
        pangkat = ""
        try:
            pangkat = parse_golongan(row.get("pangkat_golongan", "")).code
        except DomainError as exc:
            problems.append(exc.message)
        jenis: JenisJabatan | None = None
        try:
            jenis = parse_jenis_jabatan(row.get("jenis_jabatan", ""))
        except DomainError as exc:
            problems.append(exc.message)
        nip_atasan = ""
        if row.get("nip_atasan"):
            try:
                nip_atasan = _nip_cell(row["nip_atasan"], "NIP atasan")
            except DomainError as exc:
                problems.append(exc.message)
        if problems or jenis is None:
            errors.append(RowError(line, "; ".join(problems)))
            continue
        parsed.append(
            RosterRow(
                line,
                nip,
                nama,
                pangkat,
                jabatan,
                jenis,
                unit,
                nip_atasan,
                row.get("penilai_luar_nama") or None,
                row.get("penilai_luar_jabatan") or None,
                row.get("penilai_luar_id") or None,
            )
        )
    seen: dict[str, int] = {}
    for r in parsed:
        if r.nip in seen:
            errors.append(RowError(r.line, f"NIP {r.nip} sudah ada di baris {seen[r.nip]}"))
        seen.setdefault(r.nip, r.line)
    return parsed, errors


async def import_roster(session: AsyncSession, path: Path) -> ImportReport:
    rows, errors = parse_roster(path)
    report = ImportReport(errors=errors)
    existing = {e.nip: e for e in (await session.exec(select(Employee))).all()}
    kinds: dict[str, JenisJabatan] = {nip: JenisJabatan(e.jenis_jabatan) for nip, e in existing.items()}
    kinds.update({r.nip: r.jenis for r in rows})
    atasan_of: dict[str, str] = {}
    for nip, employee in existing.items():
        if employee.atasan_id is not None:
            boss = next((e for e in existing.values() if e.id == employee.atasan_id), None)
            if boss is not None:
                atasan_of[nip] = boss.nip
    for r in rows:
        atasan_of.pop(r.nip, None)
        if r.nip_atasan:
            atasan_of[r.nip] = r.nip_atasan
    for r in rows:
        if r.nip_atasan:
            if r.nip_atasan == r.nip:
                report.errors.append(RowError(r.line, "pegawai tidak boleh menjadi atasannya sendiri"))
                continue
            if r.nip_atasan not in kinds:
                report.errors.append(RowError(r.line, f"NIP atasan {r.nip_atasan} tidak ada di daftar pegawai"))
                continue
            decision = may_assess(kinds[r.nip_atasan], r.jenis)
        else:
            decision = may_assess(None, r.jenis)
        if not decision.allowed:
            report.errors.append(RowError(r.line, decision.reason))
    for r in rows:
        seen = {r.nip}
        cursor = atasan_of.get(r.nip)
        while cursor:
            if cursor in seen:
                report.errors.append(RowError(r.line, "rantai atasan membentuk lingkaran (siklus)"))
                break
            seen.add(cursor)
            cursor = atasan_of.get(cursor)
    if report.errors:
        report.errors.sort(key=lambda e: e.line)
        return report
    by_nip = dict(existing)
    for r in rows:
        found = by_nip.get(r.nip)
        if found is None:
            employee = Employee(
                nip=r.nip, nama=r.nama, jabatan=r.jabatan, jenis_jabatan=r.jenis.value, unit_kerja=r.unit_kerja
            )
            report.created += 1
        else:
            employee = found
            report.updated += 1
        employee.nama, employee.pangkat, employee.jabatan = r.nama, r.pangkat, r.jabatan
        employee.jenis_jabatan, employee.unit_kerja = r.jenis.value, r.unit_kerja
        employee.penilai_luar_nama = r.penilai_luar_nama
        employee.penilai_luar_jabatan = r.penilai_luar_jabatan
        employee.penilai_luar_id = r.penilai_luar_id
        session.add(employee)
        by_nip[r.nip] = employee
    await session.flush()
    for r in rows:
        employee = by_nip[r.nip]
        employee.atasan_id = by_nip[r.nip_atasan].id if r.nip_atasan else None
        session.add(employee)
    await session.commit()
    return report


async def import_pk(session: AsyncSession, path: Path) -> ImportReport:
    """Replace each listed unit's PK sasaran with the file's rows."""
    rows = list(read_table(path))
    report = ImportReport()
    missing = _missing_columns(rows, PK_COLUMNS[:2])
    if missing:
        report.errors.append(RowError(1, "kolom wajib tidak ada: " + ", ".join(missing)))
        return report
    clean: list[PkSasaran] = []
    for line, row in rows:
        unit, sasaran = row.get("unit_kerja", ""), row.get("sasaran", "")
        if not unit or not sasaran:
            report.errors.append(RowError(line, "unit_kerja dan sasaran wajib diisi"))
            continue
        target = row.get("target", "")
        if target.startswith(NUMERIC_CELL):
            target = target[len(NUMERIC_CELL) :]
        clean.append(PkSasaran(unit_kerja=unit, sasaran=sasaran, indikator=row.get("indikator", ""), target=target))
    if report.errors:
        return report
    units = {p.unit_kerja for p in clean}
    await session.exec(delete(PkSasaran).where(col(PkSasaran.unit_kerja).in_(units)))
    session.add_all(clean)
    report.created = len(clean)
    await session.commit()
    return report
