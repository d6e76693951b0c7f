"""NIP (Nomor Induk Pegawai): 18 digits, PNS or PPPK form.

PNS:  ``YYYYMMDD`` tanggal lahir · ``YYYYMM`` TMT CPNS · ``1``/``2`` jenis kelamin · ``NNN`` nomor urut.
      Printed ``19910611 201206 2 001``.
PPPK: ``YYYYMMDD`` tanggal lahir · ``YYYY`` tahun pengangkatan · ``2`` · angkatan ``1``–``9`` ·
      ``1``/``2`` jenis kelamin · ``NNN`` nomor urut.
      Printed ``19890225 2024 21 1 013``: the same grouping as a PNS NIP (lahir, pengangkatan,
      jenis kelamin, urut) with the PPPK marker and intake digit kept together as one group.

The two forms never collide: digit 13 of a PNS NIP is the tens digit of a month (0 or 1),
for PPPK it is always ``2``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from skp_domain.errors import NipError

KIND_PNS = "PNS"
KIND_PPPK = "PPPK"

MIN_AGE_AT_APPOINTMENT = 18

_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015\u00a0_/]+")
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d*)?\s*[eE]\s*[+-]?\s*\d+$")
_FLOAT_TAIL = re.compile(r"^\d{15,18}[.,]0+$")


@dataclass(frozen=True)
class Nip:
    digits: str
    kind: str  # "PNS" or "PPPK"
    birth_date: dt.date
    appointment: str  # PNS: "YYYY-MM" (TMT CPNS); PPPK: "YYYY"
    sex: str  # "L" or "P"
    sequence: int

    @property
    def formatted(self) -> str:
        d = self.digits
        if self.kind == KIND_PPPK:
            return f"{d[:8]} {d[8:12]} {d[12:14]} {d[14]} {d[15:]}"
        return f"{d[:8]} {d[8:14]} {d[14]} {d[15:]}"

    @property
    def intake(self) -> int | None:
        """PPPK intake digit (1–9); None for a PNS."""
        return int(self.digits[13]) if self.kind == KIND_PPPK else None

    @property
    def is_pppk(self) -> bool:
        return self.kind == KIND_PPPK

    def __str__(self) -> str:
        return self.digits


def parse_nip(text: str, today: dt.date | None = None) -> Nip:
    """Read a NIP typed by a user or read from a spreadsheet cell.

    Spaces, dots and dashes between digits are accepted. Raises :class:`NipError` naming the part
    that is wrong.
    """
    today = today or dt.date.today()
    raw = (text or "").strip().lstrip("'\u2019`").strip()  # Excel's text prefix
    if not raw:
        raise NipError("NIP tidak boleh kosong.")
    if _SCIENTIFIC.match(raw) or _FLOAT_TAIL.match(raw):
        raise NipError(
            "NIP tersimpan sebagai angka di spreadsheet; ketik sebagai teks "
            "(format sel Teks, atau awali dengan tanda petik ')."
        )
    digits = _SEPARATORS.sub("", raw)
    bad = [ch for ch in digits if not ch.isascii() or not ch.isdigit()]
    if bad:
        raise NipError(f"NIP hanya boleh berisi angka; ditemukan karakter \"{bad[0]}\".")
    if len(digits) != 18:
        raise NipError(f"NIP harus 18 digit; yang Anda ketik {len(digits)} digit.")

    # 1. Tanggal lahir (digit 1–8).
    try:
        birth = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise NipError(
            f"Tanggal lahir pada NIP (digit 1–8: {digits[:8]}) tidak valid; formatnya TTTTBBHH."
        ) from None
    if birth.year < 1900 or birth > today:
        raise NipError(f"Tanggal lahir pada NIP (digit 1–8: {digits[:8]}) tidak valid.")

    # 2. TMT CPNS (PNS) or tahun pengangkatan + angkatan (PPPK).
    if digits[12] == "2":
        kind = KIND_PPPK
        year = int(digits[8:12])
        if digits[13] == "0":
            raise NipError("Digit angkatan pada NIP PPPK (digit 14) harus 1–9; tertulis 0.")
        if year > today.year:
            raise NipError(f"Tahun pengangkatan PPPK pada NIP ({year}) ada di masa depan.")
        if year - birth.year < MIN_AGE_AT_APPOINTMENT:
            raise NipError(
                f"Tahun pengangkatan PPPK pada NIP ({year}) sebelum usia 18 tahun "
                f"(lahir {birth.year}); periksa digit 1–12."
            )
        appointment = f"{year:04d}"
    else:
        kind = KIND_PNS
        year, month = int(digits[8:12]), int(digits[12:14])
        if not 1 <= month <= 12:
            raise NipError(
                f"TMT CPNS pada NIP (digit 9–14: {digits[8:14]}): bulan {digits[12:14]} tidak valid; "
                "harus 01–12."
            )
        if (year, month) > (today.year, today.month):
            raise NipError(f"TMT CPNS pada NIP ({month:02d}/{year}) ada di masa depan.")
        if (year, month) < (birth.year + MIN_AGE_AT_APPOINTMENT, birth.month):
            raise NipError(
                f"TMT CPNS pada NIP ({month:02d}/{year}) sebelum usia 18 tahun "
                f"(lahir {birth.day:02d}/{birth.month:02d}/{birth.year}); periksa digit 1–14."
            )
        appointment = f"{year:04d}-{month:02d}"

    # 3. Jenis kelamin (digit 15).
    sex_digit = digits[14]
    if sex_digit not in ("1", "2"):
        raise NipError(
            f"Digit jenis kelamin pada NIP (digit 15) harus 1 (laki-laki) atau 2 (perempuan); "
            f"tertulis {sex_digit}."
        )

    # 4. Nomor urut (digit 16–18).
    sequence = int(digits[15:18])
    if sequence == 0:
        raise NipError("Nomor urut pada NIP (3 digit terakhir) tidak boleh 000.")

    return Nip(
        digits=digits,
        kind=kind,
        birth_date=birth,
        appointment=appointment,
        sex="L" if sex_digit == "1" else "P",
        sequence=sequence,
    )


def is_valid_nip(text: str, today: dt.date | None = None) -> bool:
    try:
        parse_nip(text, today)
    except NipError:
        return False
    return True
