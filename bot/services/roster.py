"""Roster and Perjanjian Kinerja import from CSV or XLSX: check every row, import the good ones.

Files come as a BKPSDM keeps them: headers in Indonesian or as the bot names them, in any case
(``NIP BARU``, ``NAMA LENGKAP``, ``GOL/RUANG``, ``JENIS JABATAN``, ``ESELON``, ``UNIT KERJA``,
``SUB UNIT``, ``OPD``, ``NIP ATASAN``…), title rows above the header, a ``No`` column, a row of column
numbers, CSV saved by Excel as ANSI (Windows-1252) or UTF-8 with or without BOM (or UTF-16), ``,``
``;`` or tab as separator, XLSX with the header on any row and merged cells.

A roster row with an error is refused and reported with its line; the other rows are imported
(someone whose atasan is a refused row waits for it, and leavers are looked for only in a clean
file). A Perjanjian Kinerja file is imported per unit: a unit with a wrong row keeps its old PK.
Warnings (a unit without people,
leavers not confirmed, an assumed JF level) never stop an import.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services import cascade
from bot.storage.models import Employee, Period, PkSasaran, Skp, SkpEvent, utcnow
from skp_domain.errors import DomainError, JabatanError
from skp_domain.jabatan import JenisJabatan, jenis_jabatan_help, may_assess, read_jenis_jabatan
from skp_domain.nip import Nip, parse_nip
from skp_domain.pangkat import check_golongan_matches_nip, parse_golongan
from skp_domain.skp import Status

HEADER_SEARCH_ROWS = 30  # the header row is looked for among the first rows of the file
PENDING_STATUSES = (Status.DRAFT.value, Status.SUBMITTED.value, Status.REVISION_REQUESTED.value)
MOVED_ACTION = "pindah penilai"  # SkpEvent.action when an import moves an SKP to a new penilai

# ---------------------------------------------------------------------------
# Column names as rosters write them (normalised: lower case, punctuation -> single space).
# Earlier spellings in a list win when a file has two of them ("NIP BARU" over "NIP").

ROSTER_HEADERS: dict[str, tuple[str, ...]] = {
    "nip": ("nip baru", "nip 18", "nip 18 digit", "nip", "nip pegawai", "nip asn", "nip pns", "nip pppk"),
    "nama": ("nama", "nama lengkap", "nama pegawai", "nama asn", "nama gelar", "nama dan gelar", "nama lengkap gelar"),
    "pangkat_golongan": (
        "pangkat golongan",
        "pangkat gol",
        "pangkat gol ruang",
        "pangkat golongan ruang",
        "pangkat dan golongan",
        "pangkat gol ru",
        "gol pangkat",
        "golongan pangkat",
    ),
    "pangkat": ("pangkat",),
    "golongan": ("gol", "golongan", "gol ruang", "golongan ruang", "gol ru", "gol akhir", "golongan akhir"),
    "jabatan": ("nama jabatan", "jabatan", "jabatan pegawai", "jabatan terakhir"),
    "jenis_jabatan": ("jenis jabatan", "jenis", "jns jabatan", "jenis jab", "kelompok jabatan", "tipe jabatan"),
    "eselon": ("eselon", "esl", "eselon jabatan"),
    "unit_kerja": ("unit kerja", "unit", "unor", "unit organisasi"),
    "sub_unit": ("sub unit", "sub unit kerja", "subunit", "sub unor"),
    "opd": ("opd", "perangkat daerah", "skpd", "instansi", "satuan kerja", "satker", "unit kerja induk"),
    "nip_atasan": (
        "nip atasan",
        "nip atasan langsung",
        "nip penilai",
        "nip pejabat penilai",
        "nip pejabat penilai kinerja",
    ),
    "penilai_luar_nama": ("penilai luar nama", "nama penilai luar"),
    "penilai_luar_jabatan": ("penilai luar jabatan", "jabatan penilai luar"),
    "penilai_luar_id": ("penilai luar id", "id penilai luar"),
}
PK_HEADERS: dict[str, tuple[str, ...]] = {
    "unit_kerja": ("unit kerja", "unit", "unor", "opd", "perangkat daerah", "skpd"),
    "sasaran": ("sasaran", "sasaran strategis", "sasaran kinerja", "sasaran program", "sasaran pk"),
    "indikator": ("indikator", "indikator kinerja", "indikator sasaran", "indikator kinerja utama", "iku"),
    "target": ("target", "target kinerja"),
}
# What the admin is told is missing (the header to add), per requirement.
_ROSTER_REQUIRED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("NIP", ("nip",)),
    ("NAMA", ("nama",)),
    ("PANGKAT/GOL", ("pangkat_golongan", "pangkat", "golongan")),
    ("JABATAN", ("jabatan",)),
    ("JENIS JABATAN (atau ESELON)", ("jenis_jabatan", "eselon")),
    ("UNIT KERJA", ("unit_kerja", "sub_unit", "opd")),
    ("NIP ATASAN (kosongkan selnya untuk kepala yang dinilai Bupati)", ("nip_atasan",)),
)
_PK_REQUIRED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("UNIT KERJA", ("unit_kerja",)),
    ("SASARAN", ("sasaran",)),
)
ROSTER_HEADER_HELP = (
    "Judul kolom yang dikenali (huruf besar/kecil bebas): NIP / NIP BARU; NAMA / NAMA LENGKAP; "
    "PANGKAT/GOL / GOL / GOL/RUANG / PANGKAT + GOL; JABATAN / NAMA JABATAN; JENIS JABATAN; ESELON; "
    "UNIT KERJA; SUB UNIT; OPD / PERANGKAT DAERAH / SKPD / INSTANSI; NIP ATASAN / NIP ATASAN LANGSUNG / "
    "NIP PENILAI. Kolom lain (No, TMT, catatan…) diabaikan."
)


def _norm_header(name: object) -> str:
    return re.sub(r"[^0-9a-z]+", " ", str(name or "").lower()).strip()


def _header_index(aliases: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, int]]:
    return {alias: (key, rank) for key, names in aliases.items() for rank, alias in enumerate(names)}


_ROSTER_INDEX = _header_index(ROSTER_HEADERS)
_PK_INDEX = _header_index(PK_HEADERS)


def _match_header(cells: Sequence[str], index: dict[str, tuple[str, int]]) -> dict[str, int]:
    """{key: column} for the cells of one row that are known column names."""
    best: dict[str, tuple[int, int]] = {}
    for column, cell in enumerate(cells):
        name = _norm_header(cell)
        hit = index.get(name)
        if hit is None and index is _PK_INDEX and name.startswith("target "):  # "TARGET 2026"
            hit = ("target", 99)
        if hit is None:
            continue
        key, rank = hit
        if key not in best or rank < best[key][0]:
            best[key] = (rank, column)
    return {key: column for key, (_, column) in best.items()}


# ---------------------------------------------------------------------------
# Reading a file into rows of text.


class NumberCell(str):
    """An XLSX cell that held a number: reads as its text ("90", "83,5", "90,00 %"), and remembers
    the number, so a NIP stored as a number can be explained (or, when exact, accepted)."""

    number: float | int
    exact_digits: str | None  # an integer stored exactly (no float rounding)
    shown: str  # how a spreadsheet shows the number: "1.99106112012062e+17"

    @classmethod
    def of(cls, value: float | int, number_format: str) -> NumberCell:
        cell = cls(_number_text(value, number_format))
        cell.number = value
        cell.exact_digits = str(value) if isinstance(value, int) and value >= 0 else None
        cell.shown = format(value, ".15g") if isinstance(value, float) else str(value)
        return cell


def _number_text(value: float | int, number_format: str) -> str:
    if "%" in (number_format or ""):
        places = re.search(r"\.(0+)\s*%", number_format)
        digits = len(places.group(1)) if places else 0
        return f"{value * 100:.{digits}f}".replace(".", ",") + " %"
    if isinstance(value, float) and abs(value) >= 1e15:  # digits already lost: never invent them
        return format(value, ".15g")
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.10g}".replace(".", ",")


@dataclass
class Table:
    """A file's data rows below its header row, as {key: text}."""

    header_line: int  # 0: no header row found
    columns: dict[str, int]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), else Windows-1252 (what
    Excel calls ANSI on an Indonesian Windows)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


_NUMBERING = re.compile(r"^\(?\d{1,2}\)?\.?$")


def _strip(cell: str) -> str:
    return cell if isinstance(cell, NumberCell) else cell.strip()  # str.strip() would drop the number


def _is_numbering_row(cells: Sequence[str]) -> bool:
    """The "(1) (2) (3) …" row government tables put under the header."""
    filled = [c.strip() for c in cells if c and c.strip()]
    return len(filled) >= 3 and all(_NUMBERING.match(c) for c in filled)


def _find_header(rows: Sequence[tuple[int, list[str]]], index: dict[str, tuple[str, int]], enough: int) -> int:
    """Position in ``rows`` of the header row: the first with ``enough`` known names, else the best."""
    best, best_score = -1, 0
    for position, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = len(_match_header(cells, index))
        if score >= enough:
            return position
        if score > best_score:
            best, best_score = position, score
    return best if best_score >= 2 else -1


def _table(raw: list[tuple[int, list[str]]], index: dict[str, tuple[str, int]], enough: int) -> Table:
    position = _find_header(raw, index, enough)
    if position < 0:
        return Table(0, {})
    line, header = raw[position]
    columns = _match_header(header, index)
    table = Table(line, columns)
    for number, cells in raw[position + 1 :]:
        if all(not c.strip() for c in cells) or _is_numbering_row(cells):
            continue
        row = {key: _strip(cells[column]) if column < len(cells) else "" for key, column in columns.items()}
        table.rows.append((number, row))
    return table


def _csv_rows(path: Path, index: dict[str, tuple[str, int]], enough: int) -> Table:
    text = decode_text(path.read_bytes()).replace("\u00a0", " ")
    head = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    best: tuple[int, int, str] | None = None
    for delimiter in (",", ";", "\t"):
        sample = list(csv.reader(io.StringIO(head), delimiter=delimiter))
        score = max((len(_match_header(cells, index)) for cells in sample), default=0)
        candidate = (score, head.count(delimiter), delimiter)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    assert best is not None
    reader = csv.reader(io.StringIO(text), delimiter=best[2])
    raw = [(number, cells) for number, cells in enumerate(reader, start=1)]
    return _table(raw, index, enough)


def _cell_text(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int | float):
        return NumberCell.of(value, getattr(cell, "number_format", "") or "")
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value).replace("\u00a0", " ").strip()


def _xlsx_rows(path: Path, index: dict[str, tuple[str, int]], enough: int) -> Table:
    # Not read-only: merged cells are needed (a unit kerja merged over its people's rows).
    workbook = load_workbook(path, data_only=True)
    try:
        best = Table(0, {})
        for sheet in workbook.worksheets:
            # A cell merged down over several rows counts for each of them. Merged across columns (a
            # title, a group heading "BIDANG …" inside the table) it stays in its first column only.
            merged: dict[tuple[int, int], Any] = {}
            for cell_range in sheet.merged_cells.ranges:
                top = sheet.cell(cell_range.min_row, cell_range.min_col)
                for r in range(cell_range.min_row + 1, cell_range.max_row + 1):
                    merged[(r, cell_range.min_col)] = top
            raw: list[tuple[int, list[str]]] = []
            for number, cells in enumerate(sheet.iter_rows(), start=1):
                raw.append((number, [_cell_text(merged.get((number, c), cell)) for c, cell in enumerate(cells, 1)]))
            table = _table(raw, index, enough)
            if len(table.columns) >= enough:
                return table
            if len(table.columns) > len(best.columns):
                best = table
        return best
    finally:
        workbook.close()


def read_table(path: Path, index: dict[str, tuple[str, int]] = _ROSTER_INDEX, enough: int = 4) -> Table:
    """The data rows of a CSV or XLSX file under its header row (found among the first rows).

    Raises :class:`DomainError` with an admin-readable message when the file cannot be read."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise DomainError(
            f"{path.name}: format .xls (Excel 97-2003) tidak didukung; buka di Excel lalu simpan sebagai "
            ".xlsx atau CSV."
        )
    try:
        if suffix in {".xlsx", ".xlsm"}:
            return _xlsx_rows(path, index, enough)
        return _csv_rows(path, index, enough)
    except DomainError:
        raise
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, csv.Error) as exc:
        kind = "XLSX" if suffix in {".xlsx", ".xlsm"} else "CSV"
        raise DomainError(f"{path.name} tidak dapat dibaca sebagai {kind} ({exc}).") from exc


def _plain(value: str) -> str:
    return str(value).strip()


# ---------------------------------------------------------------------------
# Reports.


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str
    nip: str = ""  # the row's NIP when it could be read (the row itself was refused)

    def __str__(self) -> str:
        return f"baris {self.line}: {self.reason}" if self.line else self.reason


@dataclass(frozen=True)
class Person:
    """Someone named in a report: a leaver, a member of a cycle, a moved SKP."""

    nip: str
    nama: str
    unit_kerja: str = ""
    opd: str = ""

    @property
    def nip_text(self) -> str:
        try:
            return parse_nip(self.nip).formatted
        except DomainError:
            return self.nip

    def __str__(self) -> str:
        where = self.unit_kerja
        if self.opd and self.opd != self.unit_kerja:
            where = f"{self.unit_kerja}, {self.opd}" if where else self.opd
        return f"{self.nama} (NIP {self.nip_text})" + (f", {where}" if where else "")


@dataclass(frozen=True)
class MovedSkp:
    pegawai: Person
    old_penilai: str
    new_penilai: str
    status: str

    def __str__(self) -> str:
        return (
            f"{self.pegawai.nama} (NIP {self.pegawai.nip_text}), SKP {Status(self.status).label.lower()}: "
            f"{self.old_penilai} → {self.new_penilai}"
        )


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)  # printed once, below the errors
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    reactivated: int = 0
    moved: list[MovedSkp] = field(default_factory=list)
    leavers: list[Person] = field(default_factory=list)  # in the roster's OPDs, not in the file
    leavers_deactivated: bool = False
    units_new: list[str] = field(default_factory=list)  # import-pk
    units_replaced: list[str] = field(default_factory=list)
    units_kept: list[str] = field(default_factory=list)  # import-pk: not replaced, a row was wrong

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def imported(self) -> int:
        """Rows written (new, changed, unchanged, reactivated)."""
        return self.created + self.updated + self.unchanged + self.reactivated

    @property
    def left(self) -> int:
        return len(self.leavers) if self.leavers_deactivated else 0

    def summary(self) -> str:
        """``3 baru, 1 diperbarui, 2 pindah penilai, 1 keluar (dinonaktifkan)`` and what else happened."""
        parts = [f"{self.created} baru", f"{self.updated} diperbarui"]
        if self.reactivated:
            parts.append(f"{self.reactivated} aktif kembali")
        parts += [f"{len(self.moved)} pindah penilai", f"{self.left} keluar (dinonaktifkan)"]
        if self.unchanged:
            parts.append(f"{self.unchanged} tidak berubah")
        return ", ".join(parts)


def _add_hint(report: ImportReport, hint: str) -> None:
    if hint not in report.hints:
        report.hints.append(hint)


def _missing(table: Table, required: Sequence[tuple[str, tuple[str, ...]]]) -> list[str]:
    return [label for label, keys in required if not any(k in table.columns for k in keys)]


def _header_problem(table: Table, required: Sequence[tuple[str, tuple[str, ...]]], what: str) -> RowError | None:
    if not table.header_line:
        names = ", ".join(label.split(" (")[0] for label, _ in required)
        return RowError(
            0, f"baris judul kolom tidak ditemukan di {HEADER_SEARCH_ROWS} baris pertama; perlu kolom {names}"
        )
    missing = _missing(table, required)
    if missing:
        return RowError(table.header_line, "kolom wajib tidak ada: " + ", ".join(missing))
    if not table.rows:
        return RowError(table.header_line, f"berkas tidak berisi {what} di bawah baris judul kolom")
    return None


# ---------------------------------------------------------------------------
# The roster.


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
    opd: str = ""
    penilai_luar_nama: str | None = None
    penilai_luar_jabatan: str | None = None
    penilai_luar_id: str | None = None


def _nip_cell(value: str, what: str) -> Nip:
    if isinstance(value, NumberCell):
        if value.exact_digits is not None and len(value.exact_digits) == 18:
            return parse_nip(value.exact_digits)  # stored as a number, but no digit was lost
        raise DomainError(
            f"{what} tersimpan sebagai angka di spreadsheet ({value.shown}); "
            "format kolom sebagai Teks lalu ketik ulang NIP-nya."
        )
    return parse_nip(value)


_PLACEHOLDER = re.compile(r"^[-–—.]*$")


def _golongan_code(row: dict[str, str], nip: Nip | None) -> str:
    """The golongan code of a row: from one PANGKAT/GOL column, or from separate GOL and PANGKAT
    columns (GOL decides; a PANGKAT that names another golongan is an error)."""
    combined = _plain(row.get("pangkat_golongan", ""))
    gol = _plain(row.get("golongan", ""))
    pangkat = _plain(row.get("pangkat", ""))
    if _PLACEHOLDER.match(pangkat):  # a PPPK row: "-" under PANGKAT
        pangkat = ""
    if combined or not gol:
        golongan = parse_golongan(combined or pangkat)
    else:
        golongan = parse_golongan(gol)
        try:
            by_pangkat = parse_golongan(pangkat) if pangkat else None
        except DomainError:
            by_pangkat = None  # "PPPK", a note…: GOL decides
        if by_pangkat is not None and by_pangkat != golongan:
            raise DomainError(f"kolom PANGKAT ({pangkat}) dan GOL ({gol}) tidak cocok")
    if nip is not None:
        check_golongan_matches_nip(golongan, nip)
    return golongan.code


def parse_roster(path: Path, report: ImportReport | None = None) -> tuple[list[RosterRow], list[RowError]]:
    """Read and check every row; errors name the line. Warnings and hints go to ``report``."""
    report = report if report is not None else ImportReport()
    table = read_table(path, _ROSTER_INDEX, 4)
    problem = _header_problem(table, _ROSTER_REQUIRED, "data pegawai")
    if problem is not None:
        _add_hint(report, ROSTER_HEADER_HELP)
        return [], [problem]
    has_sub_unit = "sub_unit" in table.columns
    parsed: list[RosterRow] = []
    errors: list[RowError] = []
    skipped: list[int] = []
    for line, row in table.rows:
        filled = sum(1 for v in row.values() if _plain(v))
        if filled < 3 and not any(ch.isdigit() for ch in _plain(row.get("nip", ""))):
            if filled:
                skipped.append(line)  # a footer, a signature block, a total, a group heading
            continue
        problems: list[str] = []

        def text(name: str, label: str, row: dict[str, str] = row, problems: list[str] = problems) -> str:
            value = _plain(row.get(name, ""))
            if not value:
                problems.append(f"{label} kosong")
            return value

        nip: Nip | None = None
        try:
            nip = _nip_cell(row.get("nip", ""), "NIP")
        except DomainError as exc:
            problems.append(exc.message)
        nama = text("nama", "nama")
        jabatan = text("jabatan", "jabatan")
        unit_column = _plain(row.get("unit_kerja", ""))
        opd_column = _plain(row.get("opd", ""))
        if has_sub_unit:
            unit = _plain(row.get("sub_unit", "")) or unit_column or opd_column
            opd = opd_column or unit_column or unit
        else:
            unit = unit_column or opd_column
            opd = opd_column or unit
        if not unit:
            problems.append("unit kerja kosong")
        pangkat = ""
        try:
            pangkat = _golongan_code(row, nip)
        except DomainError as exc:
            problems.append(exc.message)
        jenis: JenisJabatan | None = None
        try:
            reading = read_jenis_jabatan(
                _plain(row.get("jenis_jabatan", "")), jabatan, _plain(row.get("eselon", ""))
            )
            jenis = reading.jenis
            if reading.assumption:
                report.warnings.append(f"baris {line}: {reading.assumption}")
        except JabatanError as exc:
            problems.append(exc.message)
            _add_hint(report, jenis_jabatan_help())
        nip_atasan = ""
        if _plain(row.get("nip_atasan", "")) and not _PLACEHOLDER.match(_plain(row.get("nip_atasan", ""))):
            try:
                nip_atasan = _nip_cell(row["nip_atasan"], "NIP atasan").digits
            except DomainError as exc:
                problems.append(exc.message)
        if problems or jenis is None or nip is None:
            errors.append(RowError(line, "; ".join(problems), nip.digits if nip is not None else ""))
            continue
        parsed.append(
            RosterRow(
                line,
                nip.digits,
                nama,
                pangkat,
                jabatan,
                jenis,
                unit,
                nip_atasan,
                opd,
                _plain(row.get("penilai_luar_nama", "")) or None,
                _plain(row.get("penilai_luar_jabatan", "")) or None,
                _plain(row.get("penilai_luar_id", "")) or None,
            )
        )
    if skipped:
        report.warnings.append(
            f"baris {', '.join(map(str, skipped))} dilewati: tanpa NIP dan hampir kosong "
            "(judul kelompok, jumlah, tanda tangan?)"
        )
    seen: dict[str, int] = {}
    for r in parsed:
        if r.nip in seen:
            errors.append(RowError(r.line, f"NIP {r.nip} sudah ada di baris {seen[r.nip]}"))
        seen.setdefault(r.nip, r.line)
    return parsed, errors


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _cycles(atasan_of: dict[str, str]) -> list[list[str]]:
    """Every cycle of the atasan graph once, each as a list of NIPs in chain order."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    found: list[list[str]] = []
    for start in atasan_of:
        if start in state:
            continue
        path: list[str] = []
        cursor: str | None = start
        while cursor is not None and cursor not in state:
            state[cursor] = 1
            path.append(cursor)
            cursor = atasan_of.get(cursor)
        if cursor is not None and state.get(cursor) == 1:
            found.append(path[path.index(cursor) :])
        for nip in path:
            state[nip] = 2
    return found


def _chunks(items: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _waits_for(nip_atasan: str, line: int) -> str:
    return (
        f"atasannya (NIP {nip_atasan}) ada di baris {line} yang bermasalah; baris ini diimpor setelah baris "
        "itu diperbaiki"
    )


ConfirmLeavers = Callable[[Sequence[Person]], bool]


async def import_roster(
    session: AsyncSession, path: Path, confirm_leavers: bool | ConfirmLeavers = False
) -> ImportReport:
    """Import a roster: every row is checked first; the good rows are imported and every refused
    row is reported with its line (someone whose atasan is a refused row waits for it).

    Active employees of the roster's OPDs who are missing from the file are leavers (mutasi,
    pensiun): they are listed in the report and deactivated (``active=False``, ``left_at``; never
    deleted) only when ``confirm_leavers`` is True or a callback that returns True when shown them.
    An inactive employee listed again is reactivated. When someone's atasan changes, their pending
    SKP (draft, submitted, revision requested) in the active period moves to the new penilai.
    """
    report = ImportReport()
    rows, errors = parse_roster(path, report)
    report.errors.extend(errors)
    unreadable = {e.nip: e.line for e in errors if e.nip}  # rows refused, whose NIP could be read
    everyone = list((await session.exec(select(Employee))).all())
    existing = {e.nip: e for e in everyone}
    by_id = {e.id: e for e in everyone}
    in_file = {r.nip: r for r in rows}

    # Who is still there after this import (if nobody is deactivated), and their atasan.
    kinds: dict[str, JenisJabatan] = {
        e.nip: JenisJabatan(e.jenis_jabatan) for e in everyone if e.active and e.nip not in in_file
    }
    kinds.update({r.nip: r.jenis for r in rows})
    atasan_of: dict[str, str] = {}
    for e in everyone:
        if e.active and e.nip not in in_file and e.atasan_id in by_id:
            atasan_of[e.nip] = by_id[e.atasan_id].nip
    for r in rows:
        if r.nip_atasan:
            atasan_of[r.nip] = r.nip_atasan

    for r in rows:
        if r.nip_atasan:
            if r.nip_atasan == r.nip:
                report.errors.append(RowError(r.line, "pegawai tidak boleh menjadi atasannya sendiri"))
                continue
            if r.nip_atasan not in kinds:
                gone = existing.get(r.nip_atasan)
                if r.nip_atasan in unreadable and (gone is None or not gone.active):
                    report.errors.append(RowError(r.line, _waits_for(r.nip_atasan, unreadable[r.nip_atasan]), r.nip))
                    continue
                if gone is not None and not gone.active:
                    left = f" sejak {gone.left_at:%d-%m-%Y}" if gone.left_at else ""
                    report.errors.append(
                        RowError(
                            r.line,
                            f"NIP atasan {r.nip_atasan} ({gone.nama}) sudah nonaktif{left}; cantumkan lagi di "
                            "daftar bila masih bekerja, atau perbaiki NIP atasannya",
                        )
                    )
                else:
                    report.errors.append(RowError(r.line, f"NIP atasan {r.nip_atasan} tidak ada di daftar pegawai"))
                continue
            decision = may_assess(kinds[r.nip_atasan], r.jenis)
        else:
            decision = may_assess(None, r.jenis)
        if not decision.allowed:
            report.errors.append(RowError(r.line, decision.reason))

    def person(nip: str) -> Person:
        if nip in in_file:
            r = in_file[nip]
            return Person(nip, r.nama, r.unit_kerja, r.opd)
        e = existing[nip]
        return Person(nip, e.nama, e.unit_kerja, e.perangkat_daerah)

    for cycle in _cycles(atasan_of):
        if not all(nip in kinds for nip in cycle):
            continue
        lines = [in_file[nip].line for nip in cycle if nip in in_file]
        chain = " → ".join(f"{person(nip).nama} ({nip})" for nip in [*cycle, cycle[0]])
        report.errors.append(
            RowError(min(lines, default=0), f"rantai atasan membentuk lingkaran (siklus): {chain}")
        )
    if report.errors:
        # The good rows go on. Someone whose atasan is a refused row (and not already on the
        # roster) waits for that row: their penilai would be missing.
        bad_lines = {e.line for e in report.errors}
        good = [r for r in rows if r.line not in bad_lines]
        refused = {e.nip: e.line for e in report.errors if e.nip}
        refused.update({r.nip: r.line for r in rows if r.line in bad_lines})
        for r in good:  # a NIP written twice: its first row goes on
            refused.pop(r.nip, None)
        ready = {nip for nip, e in existing.items() if e.active}  # already on the roster
        waiting = True
        while waiting:
            waiting = False
            for r in list(good):
                if r.nip_atasan in refused and r.nip_atasan not in ready:
                    report.errors.append(RowError(r.line, _waits_for(r.nip_atasan, refused[r.nip_atasan]), r.nip))
                    refused[r.nip] = r.line
                    good.remove(r)
                    waiting = True
        report.errors.sort(key=lambda e: e.line)
        if not good:
            return report
        rows = good
        report.warnings.append(
            "Pegawai yang tidak ada di berkas belum diperiksa sebagai pegawai keluar karena ada baris yang "
            "bermasalah; perbaiki baris itu lalu impor ulang berkas yang sama."
        )

    # Leavers: active people of the OPDs in this file who are not in it (only from a clean file).
    scope = {_key(r.opd) for r in rows} if not report.errors else set()
    named_atasan = {r.nip_atasan: r for r in rows if r.nip_atasan}
    leavers: list[Employee] = []
    for e in everyone:
        if not e.active or e.nip in in_file or _key(e.perangkat_daerah) not in scope:
            continue
        if e.nip in named_atasan:
            below = named_atasan[e.nip]
            report.warnings.append(
                f"{person(e.nip)} tidak ada di berkas, tetapi masih menjadi atasan {below.nama} "
                f"(baris {below.line}); tidak dianggap keluar."
            )
            continue
        leavers.append(e)
    report.leavers = [person(e.nip) for e in leavers]
    if leavers:
        decide = confirm_leavers if callable(confirm_leavers) else (lambda _people: bool(confirm_leavers))
        report.leavers_deactivated = bool(decide(report.leavers))

    # Write.
    now = utcnow()
    by_nip = dict(existing)
    old_atasan: dict[str, int | None] = {}
    for r in rows:
        found = by_nip.get(r.nip)
        if found is None:
            employee = Employee(
                nip=r.nip, nama=r.nama, jabatan=r.jabatan, jenis_jabatan=r.jenis.value, unit_kerja=r.unit_kerja
            )
            report.created += 1
        else:
            employee = found
            old_atasan[r.nip] = employee.atasan_id
            before = (
                employee.nama,
                employee.pangkat,
                employee.jabatan,
                employee.jenis_jabatan,
                employee.unit_kerja,
                employee.opd,
                employee.penilai_luar_nama,
                employee.penilai_luar_jabatan,
                employee.penilai_luar_id,
                by_id[employee.atasan_id].nip if employee.atasan_id in by_id else "",
            )
            after = (
                r.nama,
                r.pangkat,
                r.jabatan,
                r.jenis.value,
                r.unit_kerja,
                r.opd,
                r.penilai_luar_nama,
                r.penilai_luar_jabatan,
                r.penilai_luar_id,
                r.nip_atasan,
            )
            if not employee.active:
                report.reactivated += 1
                employee.active, employee.left_at = True, None
            elif before != after:
                report.updated += 1
            else:
                report.unchanged += 1
        employee.nama, employee.pangkat, employee.jabatan = r.nama, r.pangkat, r.jabatan
        employee.jenis_jabatan, employee.unit_kerja, employee.opd = r.jenis.value, r.unit_kerja, r.opd
        employee.penilai_luar_nama = r.penilai_luar_nama
        employee.penilai_luar_jabatan = r.penilai_luar_jabatan
        employee.penilai_luar_id = r.penilai_luar_id
        session.add(employee)
        by_nip[r.nip] = employee
    if report.leavers_deactivated:
        for e in leavers:
            e.active, e.left_at = False, now
            session.add(e)
    await session.flush()
    changed: dict[int, int | None] = {}  # employee id -> new atasan id
    for r in rows:
        employee = by_nip[r.nip]
        employee.atasan_id = by_nip[r.nip_atasan].id if r.nip_atasan else None
        session.add(employee)
        if r.nip in old_atasan and old_atasan[r.nip] != employee.atasan_id and employee.id is not None:
            changed[employee.id] = employee.atasan_id
    if changed:
        await _move_pending_skps(session, changed, by_nip, report)
    if report.leavers_deactivated:
        gone_ids = {e.id for e in leavers}
        for e in everyone:
            if e.active and e.nip not in in_file and e.atasan_id in gone_ids:
                report.warnings.append(
                    f"{person(e.nip)} masih tercatat dengan atasan yang kini nonaktif "
                    f"({by_id[e.atasan_id].nama}); impor daftar OPD-nya untuk memperbarui atasannya."
                )
    await session.commit()
    return report


async def _move_pending_skps(
    session: AsyncSession, changed: dict[int, int | None], by_nip: dict[str, Employee], report: ImportReport
) -> None:
    """The roster changed these employees' atasan: their pending SKP in the active period follows."""
    periods = [p.id for p in (await session.exec(select(Period).where(col(Period.active).is_(True)))).all()]
    if not periods:
        return
    names = {e.id: e for e in by_nip.values()}
    now = utcnow()
    for chunk in _chunks(sorted(changed)):
        query = select(Skp).where(
            col(Skp.employee_id).in_(chunk),
            col(Skp.period_id).in_(periods),
            col(Skp.status).in_(PENDING_STATUSES),
        )
        for skp in (await session.exec(query)).all():
            new_id = changed[skp.employee_id]
            if skp.penilai_id == new_id:
                continue
            old = names.get(skp.penilai_id)
            new = names.get(new_id)
            pegawai = names[skp.employee_id]
            old_text = old.nama if old is not None else "penilai di luar daftar (Bupati)"
            new_text = new.nama if new is not None else "penilai di luar daftar (Bupati)"
            skp.penilai_id = new_id
            skp.updated_at = now
            session.add(skp)
            session.add(
                SkpEvent(
                    skp_id=skp.id or 0,
                    action=MOVED_ACTION,
                    from_status=skp.status,
                    to_status=skp.status,
                    version=skp.version,
                    comment=f"impor daftar pegawai: penilai {old_text} → {new_text}",
                )
            )
            # Links to the old penilai's results no longer hold: chosen again (the employee is told).
            await cascade.flag_moved(session, skp, pegawai, new)
            who = Person(pegawai.nip, pegawai.nama, pegawai.unit_kerja, pegawai.opd)
            report.moved.append(MovedSkp(who, old_text, new_text, skp.status))


# ---------------------------------------------------------------------------
# Perjanjian Kinerja.


async def import_pk(session: AsyncSession, path: Path) -> ImportReport:
    """Replace each listed unit's PK sasaran with the file's rows; a unit with a wrong row keeps its
    PK (reported with the line), the other units go on.

    Merged-cell layouts are understood: a unit kerja written once above its sasaran, a sasaran
    written once above its indikator rows (merged in XLSX, or left blank in CSV) carry down.
    """
    report = ImportReport()
    table = read_table(path, _PK_INDEX, 2)
    problem = _header_problem(table, _PK_REQUIRED, "sasaran")
    if problem is not None:
        report.errors.append(problem)
        return report
    clean: list[PkSasaran] = []
    bad_units: set[str] = set()
    unit, sasaran = "", ""
    for line, row in table.rows:
        row_unit = _plain(row.get("unit_kerja", ""))
        row_sasaran = _plain(row.get("sasaran", ""))
        indikator = _plain(row.get("indikator", ""))
        target = _plain(row.get("target", ""))
        if row_unit and row_unit != unit:
            unit, sasaran = row_unit, ""
        if row_sasaran:
            sasaran = row_sasaran
        if not (row_sasaran or indikator or target):
            continue  # a unit heading row, or the rest of a merged block
        if not unit:
            report.errors.append(RowError(line, "unit kerja kosong (dan tidak ada unit kerja di baris atasnya)"))
            continue
        if not sasaran:
            report.errors.append(
                RowError(line, f"sasaran kosong (dan tidak ada sasaran di baris atasnya); PK {unit} tidak diganti")
            )
            bad_units.add(unit)
            continue
        clean.append(PkSasaran(unit_kerja=unit, sasaran=sasaran, indikator=indikator, target=target))
    if not clean and not report.errors:
        report.errors.append(RowError(table.header_line, "berkas tidak berisi sasaran"))
    # A unit with a bad row keeps its PK as it was (its sasaran are replaced together); the other
    # units go on.
    clean = [p for p in clean if p.unit_kerja not in bad_units]
    report.units_kept = sorted(bad_units)
    if not clean:
        return report
    units = list(dict.fromkeys(p.unit_kerja for p in clean))
    before = set(
        (await session.exec(select(PkSasaran.unit_kerja).where(col(PkSasaran.unit_kerja).in_(units)))).all()
    )
    report.units_replaced = [u for u in units if u in before]
    report.units_new = [u for u in units if u not in before]
    known = list(
        (await session.exec(select(Employee.unit_kerja).where(col(Employee.active).is_(True)).distinct())).all()
    )
    for u in units:
        if u not in known:
            close = difflib.get_close_matches(u, known, n=1, cutoff=0.8)
            hint = f" Mungkin maksudnya \"{close[0]}\"?" if close else ""
            report.warnings.append(
                f"unit kerja \"{u}\" tidak dimiliki pegawai aktif mana pun, jadi belum ada JPT yang dapat "
                f"memakai PK-nya (tetap diimpor).{hint}"
            )
    await session.exec(delete(PkSasaran).where(col(PkSasaran.unit_kerja).in_(units)))
    session.add_all(clean)
    report.created = len(clean)
    await session.commit()
    return report
