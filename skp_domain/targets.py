"""Targets (number + unit) and suggestions for indicators and targets.

:func:`parse_target` reads what people type: digits the Indonesian way (``4.850``, ``90,5 %``) or
words (``lima puluh dokumen``, ``dua belas bulan``, ``seribu data``), short units (``dok``, ``lap``,
``bln``, ``keg``, ``org``) and periods (``1 tahun`` -> ``12 bulan``); it refuses emoji and stray
symbols with a reason. The suggestions live in :mod:`skp_domain.indicators`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from skp_domain._numbers import format_decimal, normalise, parse_decimal
from skp_domain.errors import TargetError
from skp_domain.indicators import IndicatorSuggestion, MeasureKind, indicator_options, measure_of, target_chips
from skp_domain.skp import Aspek
from skp_domain.text import normalize_space, shorten

PERCENT = "%"
RUPIAH = "Rp"
TIME_UNITS = ("bulan", "minggu", "hari", "tahun")

_EXAMPLE = "misalnya 3 dokumen atau 90 %"
_UNIT_ALIASES = {
    "%": PERCENT,
    "persen": PERCENT,
    "prosen": PERCENT,
    "pct": PERCENT,
    "bln": "bulan",
    "bulan": "bulan",
    "minggu": "minggu",
    "pekan": "minggu",
    "mgg": "minggu",
    "hari": "hari",
    "hr": "hari",
    "tahun": "tahun",
    "thn": "tahun",
    "th": "tahun",
    "rupiah": RUPIAH,
    "rp": RUPIAH,
    "dok": "dokumen",
    "doc": "dokumen",
    "dokumen": "dokumen",
    "lap": "laporan",
    "lpr": "laporan",
    "keg": "kegiatan",
    "kgt": "kegiatan",
    "kegiatan": "kegiatan",
    "org": "orang",
    "orang": "orang",
    "brks": "berkas",
    "bks": "berkas",
    "pkt": "paket",
    "kl": "kali",
    "x": "kali",
    "triwulan": "triwulan",
    "tw": "triwulan",
    "semester": "semester",
    "smt": "semester",
}
# Time units written in months within the SKP period.
_IN_MONTHS = {"tahun": 12, "triwulan": 3, "semester": 6}
# Characters a unit may contain: letters, spaces and a few marks ("%", "berkas SPJ", "SK/SP").
_UNIT_CHARS = re.compile(r"^[A-Za-z%/\-.()' &]+$")
_NUMBER_WORDS: dict[str, int] = {
    "nol": 0, "kosong": 0, "satu": 1, "se": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,
    "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
    "sejuta": 1_000_000,
}  # fmt: skip
_MULTIPLIERS = {"puluh": 10, "ratus": 100}
_SCALES = {"ribu": 1000, "juta": 1_000_000, "miliar": 1_000_000_000, "milyar": 1_000_000_000}
_LEADING_NUMBER = re.compile(r"^(?P<num>\d[\d.,\s]*\d|\d)\s*(?P<unit>.*)$")
_RP_PREFIX = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_MAX_UNIT_LEN = 40
MAX_TARGET_DIGITS = 15  # up to Rp 999 triliun
MAX_TARGET_PLACES = 4


@dataclass(frozen=True)
class Target:
    value: Decimal  # normalised: Decimal("83"), not Decimal("83.00")
    unit: str  # "kegiatan", "dokumen", "%", "bulan", "Rp"…
    places: int = 0  # decimals as written: "83,00 %" -> 2

    @property
    def shown_places(self) -> int:
        exponent = normalise(self.value).as_tuple().exponent
        needed = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return max(self.places, needed)

    @property
    def number_text(self) -> str:
        """``4.850``, ``90,5``, ``1.234,5`` — the Indonesian way, thousands with a dot."""
        return format_decimal(self.value, self.shown_places, thousands=True)

    @property
    def formatted(self) -> str:
        """Indonesian form: ``3 kegiatan``, ``90 %``, ``83,00 %``, ``0,5 dokumen``, ``4.850 data``,
        ``Rp 5.000.000``."""
        if self.unit == RUPIAH:
            return f"{RUPIAH} {self.number_text}"
        return f"{self.number_text} {self.unit}"

    @property
    def is_time(self) -> bool:
        return self.unit in TIME_UNITS

    def __str__(self) -> str:
        return self.formatted


def _canonical_unit(unit: str) -> str:
    unit = re.sub(r"\s+", " ", unit.strip().rstrip("."))
    key = unit.lower()
    if key in _UNIT_ALIASES:
        return _UNIT_ALIASES[key]
    # "Dokumen" -> "dokumen", but keep acronyms and mixed case ("SK", "LHP", "berkas SPJ").
    def fold(word: str) -> str:
        capitalised = word[:1].isupper() and word[1:].islower()
        return word.lower() if capitalised or word.islower() else word

    return " ".join(fold(w) for w in unit.split(" "))


def _period_limit(unit: str, period_months: int) -> int:
    if unit == "bulan":
        return period_months
    if unit == "minggu":
        return math.ceil(period_months * 53 / 12)
    if unit == "hari":
        return math.ceil(period_months * 366 / 12)
    return max(1, math.ceil(period_months / 12))  # tahun


def _words_to_number(text: str) -> tuple[Decimal, str] | None:
    """``lima puluh dokumen`` -> (50, "dokumen"); ``dua belas bulan`` -> (12, "bulan"); None when
    ``text`` does not start with a number word."""
    tokens = text.split(" ")
    total, current, last = 0, 0, 0
    decimals = ""
    used = 0
    seen = False
    i = 0
    while i < len(tokens):
        w = tokens[i].lower()
        if w in _NUMBER_WORDS and not (w == "se" and (i + 1 >= len(tokens) or tokens[i + 1].lower() not in _SCALES)):
            value = _NUMBER_WORDS[w]
            if value >= 1000:
                total += value
                current = last = 0
            else:
                current += value
                last = value
            seen = True
        elif w == "belas" and seen and 0 < last < 10:
            current += 10
            last += 10
        elif w in _MULTIPLIERS and seen and 0 < last < 10:
            current += last * (_MULTIPLIERS[w] - 1)
            last *= _MULTIPLIERS[w]
        elif w in _SCALES and seen:
            total += (current or 1) * _SCALES[w]
            current = last = 0
        elif w == "koma" and seen and i + 1 < len(tokens):
            j = i + 1
            while j < len(tokens) and tokens[j].lower() in _NUMBER_WORDS and _NUMBER_WORDS[tokens[j].lower()] < 10:
                decimals += str(_NUMBER_WORDS[tokens[j].lower()])
                j += 1
            if not decimals:
                return None
            i = j
            used = j
            break
        else:
            break
        i += 1
        used = i
    if not seen:
        return None
    number = Decimal(total + current)
    if decimals:
        number += Decimal("0." + decimals)
    return number, " ".join(tokens[used:])


def _refuse_symbols(s: str) -> None:
    bad = [ch for ch in s if not (ch.isalnum() or ch in " %.,/-()'&")]
    if bad:
        shown = "".join(dict.fromkeys(bad))[:3]
        raise TargetError(
            f"Target hanya boleh berisi angka dan satuan (misalnya 3 dokumen atau 90 %); "
            f"hapus emoji atau simbol \u201c{shown}\u201d."
        )


def parse_target(text: str, aspek: Aspek | None = None, period_months: int = 12) -> Target:
    """Read a target typed by a user: ``3 kegiatan``, ``90 %``, ``90,00 %``, ``0,5 dokumen``,
    ``12 Bulan``, ``100 persen``, ``Rp 5.000.000``, ``lima puluh dokumen``, ``1 thn`` (-> ``12 bulan``),
    ``4850 data`` (shown ``4.850 data``). Raises :class:`TargetError` in Indonesian."""
    s = re.sub(r"\s+", " ", normalize_space(text or ""))
    if not s:
        raise TargetError(f"Target tidak boleh kosong; tulis angka beserta satuannya, {_EXAMPLE}.")
    _refuse_symbols(s)
    if s.startswith("-") or s.lower().startswith(("minus", "negatif")):
        raise TargetError("Target tidak boleh negatif.")

    rupiah_prefix = _RP_PREFIX.match(s)
    if rupiah_prefix:
        s = s[rupiah_prefix.end() :] + " Rp"
    m = _LEADING_NUMBER.match(s)
    worded = None if m else _words_to_number(s)
    if worded is not None:
        value, unit_text = worded
        places = 0 if value == value.to_integral_value() else -int(value.normalize().as_tuple().exponent)
        unit_text = unit_text.strip()
    elif not m:
        if re.search(r"\d", s):
            raise TargetError(f"Tulis angkanya di depan lalu satuannya, {_EXAMPLE}.")
        raise TargetError(f"Target harus berupa angka beserta satuannya, {_EXAMPLE}.")
    else:
        number_text, unit_text = m.group("num"), m.group("unit").strip()
        parsed = parse_decimal(number_text)
        if parsed is None:
            raise TargetError(f"Angka \"{shorten(number_text)}\" tidak dapat dibaca; tulis misalnya 3 atau 90,5.")
        value, places = parsed
    scale = unit_text.split(" ", 1)[0].lower() if unit_text else ""
    if scale in _SCALES and (unit_text.lower().endswith(("rp", "rupiah")) or " " in unit_text):
        # "Rp 10 juta", "5 ribu data"
        value, unit_text = value * _SCALES[scale], unit_text.split(" ", 1)[1] if " " in unit_text else ""
        places = 0
    if value.adjusted() >= MAX_TARGET_DIGITS or places > MAX_TARGET_PLACES:
        raise TargetError(
            f"Angka target terlalu panjang; maksimal {MAX_TARGET_DIGITS} digit dan {MAX_TARGET_PLACES} desimal."
        )
    if not unit_text:
        raise TargetError(f"Tulis angka beserta satuannya, {_EXAMPLE}.")
    if re.search(r"\d", unit_text) or len(unit_text) > _MAX_UNIT_LEN:
        raise TargetError(f"Tulis satu angka saja beserta satuannya, {_EXAMPLE}.")
    if not re.search(r"[A-Za-z%]", unit_text) or not _UNIT_CHARS.match(unit_text):
        raise TargetError(f"Satuan target \"{shorten(unit_text)}\" tidak dikenali; {_EXAMPLE}.")
    unit = _canonical_unit(unit_text)
    if unit in _IN_MONTHS:
        # "1 tahun" -> "12 bulan": the SKP counts time in months within its period.
        value, unit = value * _IN_MONTHS[unit], "bulan"
    target = Target(value=normalise(value), unit=unit, places=places)

    if unit == PERCENT and value > 100:
        raise TargetError("Persentase tidak boleh lebih dari 100 %.")
    if aspek == Aspek.WAKTU and unit not in TIME_UNITS:
        raise TargetError("Target aspek waktu memakai satuan waktu: bulan, minggu, atau hari.")
    if value == 0 and aspek in (Aspek.KUANTITAS, Aspek.WAKTU, Aspek.BIAYA):
        raise TargetError(f"Target aspek {aspek.value} harus lebih dari 0.")
    if unit in TIME_UNITS:
        limit = _period_limit(unit, period_months)
        if value > limit:
            raise TargetError(
                f"Target waktu {target.formatted} melebihi periode SKP ({period_months} bulan); "
                f"maksimal {limit} {unit}."
            )
    return target


# ---------------------------------------------------------------------------
# Suggestions (see skp_domain.indicators)


def suggest_indicator_options(
    aspek: Aspek, rencana_kinerja: str, period_months: int = 12
) -> list[IndicatorSuggestion]:
    """Up to four indicators for ``aspek`` that measure ``rencana_kinerja``, each with its unit
    (``"%"``, ``"laporan"``, ``"bulan"``…) and kind (percent, count, months, rupiah)."""
    del period_months  # the wording does not depend on the period; the target chips do
    return indicator_options(Aspek(aspek), rencana_kinerja or "")


def suggest_indicators(aspek: Aspek, rencana_kinerja: str, period_months: int = 12) -> list[str]:
    """Up to four indicator wordings for ``aspek`` (the texts of :func:`suggest_indicator_options`)."""
    return [s.text for s in suggest_indicator_options(aspek, rencana_kinerja, period_months)]


def suggest_targets(aspek: Aspek, indikator: str | None = None, period_months: int = 12) -> list[str]:
    """Target chips that follow the indicator: percentages for a "Persentase/Tingkat/Indeks …",
    the indicator's unit for a "Jumlah …" (``12 laporan`` for monthly laporan), months within the
    period for time. Without an indicator: the seed's typical targets. Each chip parses with
    :func:`parse_target` for ``aspek`` and ``period_months``."""
    return target_chips(Aspek(aspek), indikator, period_months)


__all__ = [
    "PERCENT",
    "RUPIAH",
    "TIME_UNITS",
    "IndicatorSuggestion",
    "MeasureKind",
    "Target",
    "measure_of",
    "parse_target",
    "suggest_indicator_options",
    "suggest_indicators",
    "suggest_targets",
]
