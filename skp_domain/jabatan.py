"""Jenis jabatan and the seed's table of who may assess whom.

Source: "Pejabat Penilai Kinerja PNS dan Atasan Pejabat Penilai PNS" (BKPSDM Kebumen 2022,
PermenPANRB 8/2021).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from skp_domain.errors import AssessorError, JabatanError
from skp_domain.text import shorten


class Kategori(StrEnum):
    JPT = "JPT"
    JA = "JA"
    JF = "JF"

    @property
    def label(self) -> str:
        return _KATEGORI_LABELS[self]


_KATEGORI_LABELS = {
    Kategori.JPT: "Jabatan Pimpinan Tinggi",
    Kategori.JA: "Jabatan Administrasi",
    Kategori.JF: "Jabatan Fungsional",
}


class JenisJabatan(StrEnum):
    JPT_MADYA = "jpt_madya"  # e.g. the Sekretaris Daerah; assesses the JPT Pratama heads
    JPT_PRATAMA = "jpt_pratama"
    CAMAT = "camat"  # drafts the SKP like a JPT (from the Perjanjian Kinerja of the kecamatan)
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    PELAKSANA = "pelaksana"
    KEPALA_UPTD = "kepala_uptd"
    JF_AHLI_UTAMA = "jf_ahli_utama"
    JF_AHLI_MADYA = "jf_ahli_madya"
    JF_AHLI_MUDA = "jf_ahli_muda"
    JF_AHLI_PERTAMA = "jf_ahli_pertama"
    JF_PENYELIA = "jf_penyelia"
    JF_MAHIR = "jf_mahir"
    JF_TERAMPIL = "jf_terampil"
    JF_PEMULA = "jf_pemula"

    @property
    def kategori(self) -> Kategori:
        if self in (JenisJabatan.JPT_MADYA, JenisJabatan.JPT_PRATAMA, JenisJabatan.CAMAT):
            return Kategori.JPT
        if self.value.startswith("jf_"):
            return Kategori.JF
        return Kategori.JA

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def is_keterampilan(self) -> bool:
        return self in _KETERAMPILAN


_LABELS: dict[JenisJabatan, str] = {
    JenisJabatan.JPT_MADYA: "JPT Madya",
    JenisJabatan.JPT_PRATAMA: "JPT Pratama",
    JenisJabatan.CAMAT: "Camat",
    JenisJabatan.ADMINISTRATOR: "Administrator",
    JenisJabatan.PENGAWAS: "Pengawas",
    JenisJabatan.PELAKSANA: "Pelaksana",
    JenisJabatan.KEPALA_UPTD: "Kepala UPTD",
    JenisJabatan.JF_AHLI_UTAMA: "JF Ahli Utama",
    JenisJabatan.JF_AHLI_MADYA: "JF Ahli Madya",
    JenisJabatan.JF_AHLI_MUDA: "JF Ahli Muda",
    JenisJabatan.JF_AHLI_PERTAMA: "JF Ahli Pertama",
    JenisJabatan.JF_PENYELIA: "JF Keterampilan Penyelia",
    JenisJabatan.JF_MAHIR: "JF Keterampilan Mahir",
    JenisJabatan.JF_TERAMPIL: "JF Keterampilan Terampil",
    JenisJabatan.JF_PEMULA: "JF Keterampilan Pemula",
}
_KETERAMPILAN = frozenset(
    {JenisJabatan.JF_PENYELIA, JenisJabatan.JF_MAHIR, JenisJabatan.JF_TERAMPIL, JenisJabatan.JF_PEMULA}
)

# ---------------------------------------------------------------------------
# Parsing what people type in a roster spreadsheet.

_J = JenisJabatan
# Normalised text (lowercase, words separated by single spaces) -> kind.
_ALIASES: dict[str, JenisJabatan] = {
    "jpt madya": _J.JPT_MADYA,
    "pimpinan tinggi madya": _J.JPT_MADYA,
    "sekda": _J.JPT_MADYA,
    "sekretaris daerah": _J.JPT_MADYA,
    "eselon i": _J.JPT_MADYA,
    "jpt pratama": _J.JPT_PRATAMA,
    "jpt": _J.JPT_PRATAMA,
    "pimpinan tinggi pratama": _J.JPT_PRATAMA,
    "pimpinan tinggi": _J.JPT_PRATAMA,
    "eselon ii": _J.JPT_PRATAMA,
    "camat": _J.CAMAT,
    "administrator": _J.ADMINISTRATOR,
    "administrasi administrator": _J.ADMINISTRATOR,
    "eselon iii": _J.ADMINISTRATOR,
    "pengawas": _J.PENGAWAS,
    "administrasi pengawas": _J.PENGAWAS,
    "eselon iv": _J.PENGAWAS,
    "pelaksana": _J.PELAKSANA,
    "administrasi pelaksana": _J.PELAKSANA,
    "jfu": _J.PELAKSANA,
    "fungsional umum": _J.PELAKSANA,
    "staf": _J.PELAKSANA,
    "staff": _J.PELAKSANA,
    "kepala uptd": _J.KEPALA_UPTD,
    "ka uptd": _J.KEPALA_UPTD,
    "kepala upt": _J.KEPALA_UPTD,
    "ka upt": _J.KEPALA_UPTD,
    "uptd": _J.KEPALA_UPTD,
    "ahli utama": _J.JF_AHLI_UTAMA,
    "ahli madya": _J.JF_AHLI_MADYA,
    "ahli muda": _J.JF_AHLI_MUDA,
    "ahli pertama": _J.JF_AHLI_PERTAMA,
    "penyelia": _J.JF_PENYELIA,
    "mahir": _J.JF_MAHIR,
    "terampil": _J.JF_TERAMPIL,
    "pelaksana lanjutan": _J.JF_MAHIR,  # older name of the mahir level
    "pemula": _J.JF_PEMULA,
    "pelaksana pemula": _J.JF_PEMULA,  # older name of the pemula level
}
# Words that only say "this is a functional position" and can be dropped before the level.
_JF_PREFIX = re.compile(
    r"^(?:(?:jabatan )?fungsional(?: tertentu)?|jf|jft|jfk|j f|keterampilan|ketrampilan|tingkat|kategori)\s+"
)
_DROP = re.compile(r"^(?:jabatan|jenis jabatan)\s+")
_SEPARATORS = re.compile(r"[\s_\-/.,:;()]+")
_ESELON = re.compile(r"^eselon (iv|iii|ii|i)(?: ?[ab])?$")


def _normalise(text: str) -> str:
    return _SEPARATORS.sub(" ", text.lower()).strip()


def accepted_kinds_text() -> str:
    return ", ".join(j.label for j in JenisJabatan)


def parse_jenis_jabatan(text: str) -> JenisJabatan:
    """Read a jenis jabatan: the enum value (``jf_ahli_muda``), its label (``JF Ahli Muda``) or what
    people type in a roster (``Fungsional Ahli Muda``, ``JFT Terampil``, ``Kepala UPTD``…)."""
    raw = (text or "").strip()
    if raw in JenisJabatan._value2member_map_:
        return JenisJabatan(raw)
    s = _normalise(raw)
    for j in JenisJabatan:
        if s in (j.value.replace("_", " "), _normalise(j.label)):
            return j
    s = _DROP.sub("", s)
    m = _ESELON.match(s)
    if m:
        s = f"eselon {m.group(1)}"
    for _ in range(3):  # "jabatan fungsional keterampilan tingkat terampil"
        if s in _ALIASES:
            return _ALIASES[s]
        stripped = _JF_PREFIX.sub("", s)
        if stripped == s:
            break
        s = stripped
    if s in _ALIASES:
        return _ALIASES[s]
    if not raw:
        raise JabatanError(f"Jenis jabatan tidak boleh kosong. Pilih salah satu: {accepted_kinds_text()}.")
    raise JabatanError(f"Jenis jabatan \"{shorten(raw)}\" tidak dikenal. Pilih salah satu: {accepted_kinds_text()}.")


# ---------------------------------------------------------------------------
# Pejabat penilai and atasan pejabat penilai.

BUPATI = "bupati"
"""Marker for the Bupati as penilai: not a PNS, has no NIP, outside the roster."""

# Reading of the seed's cells (documented here because the seed is written for a regency
# where the Sekretaris Daerah is itself a JPT Pratama):
# * "JPT Pratama" as penilai/atasan means a JPT leading the line above: jpt_pratama or
#   jpt_madya (the Sekda). For rows below the JPT level the Camat also counts, because the Camat
#   is the head of the kecamatan and drafts his SKP like a JPT (seed: "SKP JPT Pratama dan Camat").
#   For the JPT Pratama row itself (and the JF Ahli Utama / Ahli Madya rows, which do not exist
#   in a kecamatan) the Camat is not a valid penilai.
# * "Administrator" also accepts the Camat: in a regency the Camat sits at the administrator
#   level (eselon III.a) and directly assesses the kepala seksi (pengawas) of the kecamatan.
# * "Pengawas" also accepts a Kepala UPTD, who leads the UPTD at pengawas level and assesses
#   its pelaksana and JF staff.
# * "JF Keterampilan" applies to penyelia, mahir, terampil and pemula alike.
# * The Camat as pegawai uses the JPT Pratama row. The JPT Madya row is not in the seed: the Sekda
#   is assessed by the Bupati.
_JPT_HEAD = frozenset({_J.JPT_PRATAMA.value, _J.JPT_MADYA.value})
_JPT_ANY = _JPT_HEAD | {_J.CAMAT.value}
_ADMIN = frozenset({_J.ADMINISTRATOR.value, _J.CAMAT.value})
_PENGAWAS = frozenset({_J.PENGAWAS.value, _J.KEPALA_UPTD.value})
_BUP = frozenset({BUPATI})

# (pejabat penilai, atasan pejabat penilai) as written in the seed, for messages.
_SEED_TEXT: dict[JenisJabatan, tuple[str, str]] = {
    _J.JPT_MADYA: ("Bupati", "Bupati"),
    _J.JPT_PRATAMA: ("JPT Pratama/Bupati", "Bupati"),
    _J.CAMAT: ("JPT Pratama/Bupati", "Bupati"),
    _J.ADMINISTRATOR: ("Administrator/JPT Pratama", "JPT Pratama/Bupati"),
    _J.PENGAWAS: ("Administrator", "JPT Pratama"),
    _J.PELAKSANA: ("Pengawas/Administrator", "Administrator/JPT Pratama"),
    _J.KEPALA_UPTD: ("Administrator/JPT Pratama", "JPT Pratama/Bupati"),
    _J.JF_AHLI_UTAMA: ("JPT Pratama", "Bupati"),
    _J.JF_AHLI_MADYA: ("JPT Pratama", "JPT Pratama"),
    _J.JF_AHLI_MUDA: ("Administrator/JPT Pratama", "JPT Pratama"),
    _J.JF_AHLI_PERTAMA: ("Pengawas/Administrator/JPT Pratama", "Administrator/JPT Pratama"),
    **dict.fromkeys(
        (_J.JF_PENYELIA, _J.JF_MAHIR, _J.JF_TERAMPIL, _J.JF_PEMULA),
        ("Pengawas/Administrator/JPT Pratama", "Administrator/JPT Pratama"),
    ),
}

_KETERAMPILAN_ROW = (_PENGAWAS | _ADMIN | _JPT_ANY, _ADMIN | _JPT_ANY)

PENILAI_TABLE: Mapping[JenisJabatan, tuple[frozenset[str], frozenset[str]]] = MappingProxyType(
    {
        _J.JPT_MADYA: (_BUP, _BUP),
        _J.JPT_PRATAMA: (_JPT_HEAD | _BUP, _BUP),
        _J.CAMAT: (_JPT_HEAD | _BUP, _BUP),
        _J.ADMINISTRATOR: (_ADMIN | _JPT_ANY, _JPT_ANY | _BUP),
        _J.PENGAWAS: (_ADMIN, _JPT_ANY),
        _J.PELAKSANA: (_PENGAWAS | _ADMIN, _ADMIN | _JPT_ANY),
        _J.KEPALA_UPTD: (_ADMIN | _JPT_ANY, _JPT_ANY | _BUP),
        _J.JF_AHLI_UTAMA: (_JPT_HEAD, _BUP),
        _J.JF_AHLI_MADYA: (_JPT_HEAD, _JPT_HEAD),
        _J.JF_AHLI_MUDA: (_ADMIN | _JPT_ANY, _JPT_ANY),
        _J.JF_AHLI_PERTAMA: (_PENGAWAS | _ADMIN | _JPT_ANY, _ADMIN | _JPT_ANY),
        _J.JF_PENYELIA: _KETERAMPILAN_ROW,
        _J.JF_MAHIR: _KETERAMPILAN_ROW,
        _J.JF_TERAMPIL: _KETERAMPILAN_ROW,
        _J.JF_PEMULA: _KETERAMPILAN_ROW,
    }
)


@dataclass(frozen=True)
class AssessorDecision:
    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


def _kind_of(who: JenisJabatan | str | None) -> str:
    if who is None:
        return BUPATI
    if isinstance(who, JenisJabatan):
        return who.value
    if _normalise(who) == BUPATI:
        return BUPATI
    try:
        return parse_jenis_jabatan(who).value
    except JabatanError:
        raise AssessorError(
            f"Jabatan pejabat \"{shorten(str(who))}\" tidak dikenal. "
            f"Pilih salah satu: {accepted_kinds_text()}, atau Bupati."
        ) from None


def _label_of(kind: str) -> str:
    return "Bupati" if kind == BUPATI else JenisJabatan(kind).label


def _or_list(seed_cell: str) -> str:
    parts = [p.strip() for p in seed_cell.split("/")]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " atau " + parts[-1]


def may_assess(penilai: JenisJabatan | str | None, pegawai: JenisJabatan) -> AssessorDecision:
    """May a pejabat of kind ``penilai`` (None or ``BUPATI`` = the Bupati) be the pejabat penilai
    kinerja of a ``pegawai``?"""
    pegawai = JenisJabatan(pegawai)
    kind = _kind_of(penilai)
    allowed_kinds = PENILAI_TABLE[pegawai][0]
    if kind in allowed_kinds:
        return AssessorDecision(True, f"{_label_of(kind)} dapat menjadi pejabat penilai {pegawai.label}.")
    return AssessorDecision(
        False, f"{pegawai.label} hanya dapat dinilai oleh {_or_list(_SEED_TEXT[pegawai][0])}."
    )


def may_be_atasan_penilai(atasan: JenisJabatan | str | None, pegawai: JenisJabatan) -> AssessorDecision:
    """May a pejabat of kind ``atasan`` (None or ``BUPATI`` = the Bupati) be the atasan pejabat
    penilai of a ``pegawai``?"""
    pegawai = JenisJabatan(pegawai)
    kind = _kind_of(atasan)
    allowed_kinds = PENILAI_TABLE[pegawai][1]
    if kind in allowed_kinds:
        return AssessorDecision(
            True, f"{_label_of(kind)} dapat menjadi atasan pejabat penilai {pegawai.label}."
        )
    return AssessorDecision(
        False,
        f"Atasan pejabat penilai untuk {pegawai.label} harus {_or_list(_SEED_TEXT[pegawai][1])}.",
    )


def check_assessor(penilai: JenisJabatan | str | None, pegawai: JenisJabatan) -> None:
    """Raise :class:`AssessorError` when ``penilai`` may not assess ``pegawai``."""
    decision = may_assess(penilai, pegawai)
    if not decision.allowed:
        raise AssessorError(decision.reason)


def check_atasan_penilai(atasan: JenisJabatan | str | None, pegawai: JenisJabatan) -> None:
    """Raise :class:`AssessorError` when ``atasan`` may not be the atasan pejabat penilai."""
    decision = may_be_atasan_penilai(atasan, pegawai)
    if not decision.allowed:
        raise AssessorError(decision.reason)
