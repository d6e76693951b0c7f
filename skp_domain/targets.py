"""Targets (number + unit) and suggestions for indicators and targets."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from skp_domain._numbers import format_decimal, normalise, parse_decimal
from skp_domain.errors import TargetError
from skp_domain.result_language import result_object
from skp_domain.skp import Aspek
from skp_domain.text import MAX_INDIKATOR, shorten

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
    "rupiah": RUPIAH,
    "rp": RUPIAH,
}
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
        """Thousands grouped with a dot, decimals after a comma: ``4.850``, ``1.250,5``."""
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


def parse_target(text: str, aspek: Aspek | None = None, period_months: int = 12) -> Target:
    """Read a target typed by a user: ``3 kegiatan``, ``90 %``, ``90,00 %``, ``0,5 dokumen``,
    ``12 Bulan``, ``100 persen``, ``Rp 5.000.000``. Raises :class:`TargetError` in Indonesian."""
    s = re.sub(r"\s+", " ", (text or "").strip())
    if not s:
        raise TargetError(f"Target tidak boleh kosong; tulis angka beserta satuannya, {_EXAMPLE}.")
    if s.startswith("-") or s.lower().startswith(("minus", "negatif")):
        raise TargetError("Target tidak boleh negatif.")

    rupiah_prefix = _RP_PREFIX.match(s)
    if rupiah_prefix:
        s = s[rupiah_prefix.end() :] + " Rp"
    m = _LEADING_NUMBER.match(s)
    if not m:
        if re.search(r"\d", s):
            raise TargetError(f"Tulis angkanya di depan lalu satuannya, {_EXAMPLE}.")
        raise TargetError(f"Target harus berupa angka beserta satuannya, {_EXAMPLE}.")
    number_text, unit_text = m.group("num"), m.group("unit").strip()
    parsed = parse_decimal(number_text)
    if parsed is None:
        raise TargetError(f"Angka \"{shorten(number_text)}\" tidak dapat dibaca; tulis misalnya 3 atau 90,5.")
    value, places = parsed
    if value.adjusted() >= MAX_TARGET_DIGITS or places > MAX_TARGET_PLACES:
        raise TargetError(
            f"Angka target terlalu panjang; maksimal {MAX_TARGET_DIGITS} digit dan {MAX_TARGET_PLACES} desimal."
        )
    if not unit_text:
        raise TargetError(f"Tulis angka beserta satuannya, {_EXAMPLE}.")
    if re.search(r"\d", unit_text) or len(unit_text) > _MAX_UNIT_LEN:
        raise TargetError(f"Tulis satu angka saja beserta satuannya, {_EXAMPLE}.")
    if not re.search(r"[A-Za-z%]", unit_text):
        raise TargetError(f"Satuan target \"{shorten(unit_text)}\" tidak dikenali; {_EXAMPLE}.")
    unit = _canonical_unit(unit_text)
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
# Suggestions

_PRODUCT_HEADS = frozenset(
    {
        "dokumen", "laporan", "rekomendasi", "naskah", "rancangan", "draf", "draft", "konsep", "kajian",
        "sk", "surat", "keputusan", "peraturan", "pedoman", "sop", "modul", "materi", "bahan", "data",
        "profil", "rencana", "usulan", "berkas", "arsip", "notulen", "telaahan", "nota", "sertifikat",
        "aplikasi", "sistem", "buku", "peta", "instrumen", "kebijakan", "produk", "ide", "inovasi",
    }
)


def suggest_indicators(aspek: Aspek, rencana_kinerja: str) -> list[str]:
    """Up to four indicator wordings for ``aspek``, modelled on the seed's examples."""
    nominal, obj = result_object(rencana_kinerja)
    phrase = " ".join(p for p in (nominal, obj) if p)
    head = obj.split(" ", 1)[0].lower() if obj else ""
    out: list[str] = []
    if aspek == Aspek.KUANTITAS:
        if phrase:
            if head in _PRODUCT_HEADS:
                out.append(f"Jumlah {obj}")
            if head in _PRODUCT_HEADS and not nominal:
                out.append(f"Dokumen {obj}")
            elif nominal:
                out.append(f"Dokumen {phrase}")
                out.append(f"Jumlah kegiatan {phrase}")
            else:
                out.append(f"Jumlah kegiatan {phrase}")
                out.append(f"Dokumen {phrase}")
        else:
            out += ["Jumlah dokumen yang diselesaikan", "Jumlah kegiatan yang dilaksanakan"]
    elif aspek == Aspek.KUALITAS:
        if phrase:
            out.append(f"Persentase {phrase} sesuai ketentuan")
            out.append(f"Persentase kesesuaian {phrase}")
        out.append("Persentase pelaksanaan kegiatan")
        out.append("Tingkat kepuasan pengguna layanan")
    elif aspek == Aspek.WAKTU:
        out.append("Ketepatan waktu pelaksanaan kegiatan")
        if phrase:
            out.append(f"Ketepatan waktu penyelesaian {phrase}")
        out.append("Ketepatan waktu penyampaian laporan")
    else:
        if phrase:
            out.append(f"Realisasi anggaran {phrase}")
        out.append("Persentase penyerapan anggaran kegiatan")
    seen: list[str] = []
    for s in out:
        if s not in seen and len(s) <= MAX_INDIKATOR:
            seen.append(s)
    return seen[:4] or [_FALLBACK_INDICATOR[aspek]]


_FALLBACK_INDICATOR = {
    Aspek.KUANTITAS: "Jumlah dokumen yang diselesaikan",
    Aspek.KUALITAS: "Persentase pelaksanaan kegiatan",
    Aspek.WAKTU: "Ketepatan waktu pelaksanaan kegiatan",
    Aspek.BIAYA: "Persentase penyerapan anggaran kegiatan",
}


_SUGGESTED_TARGETS: dict[Aspek, tuple[str, ...]] = {
    Aspek.KUANTITAS: ("1 dokumen", "3 kegiatan", "12 laporan"),
    Aspek.KUALITAS: ("90 %", "100 %"),
    Aspek.WAKTU: ("12 bulan", "6 bulan"),
    Aspek.BIAYA: ("Rp 10.000.000",),
}


def suggest_targets(aspek: Aspek) -> list[str]:
    """Typical targets for ``aspek`` (each one parses with :func:`parse_target`)."""
    return list(_SUGGESTED_TARGETS[Aspek(aspek)])
