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


def _lookup(raw: str) -> JenisJabatan | None:
    """The kind ``raw`` names on its own, or None."""
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
    return _ALIASES.get(s)


def parse_jenis_jabatan(text: str) -> JenisJabatan:
    """Read a jenis jabatan: the enum value (``jf_ahli_muda``), its label (``JF Ahli Muda``) or what
    people type in a roster (``Fungsional Ahli Muda``, ``JFT Terampil``, ``Kepala UPTD``…).

    For the national-export spellings that need the jabatan name or the eselon ("Struktural",
    "JF", "JF Keterampilan") use :func:`infer_jenis_jabatan`."""
    raw = (text or "").strip()
    found = _lookup(raw)
    if found is not None:
        return found
    if not raw:
        raise JabatanError(f"Jenis jabatan tidak boleh kosong. Pilih salah satu: {accepted_kinds_text()}.")
    raise JabatanError(f"Jenis jabatan \"{shorten(raw)}\" tidak dikenal. Pilih salah satu: {accepted_kinds_text()}.")


# ---------------------------------------------------------------------------
# Jenis jabatan as national exports and BKPSDM rosters spell it.

_ESELON_LEVELS = ("I", "II", "III", "IV", "V")
# "II.a", "IIa", "II/a", "II a", "eselon II.b", "esl. III", "2a", "2.b"; SAPK codes "21" (II.a) …
_ESELON_TEXT = re.compile(r"^(?:eselon |esl )?(iv|v|iii|ii|i|[1-5]) ?([ab])?$")
_ESELON_SAPK = re.compile(r"^([1-5])([12])$")
_NO_ESELON = re.compile(r"^(?:|0+|99|non ?eselon|non ?esselon|tidak ada|tanpa eselon|bukan eselon|nihil)$")
_STRUKTURAL = re.compile(r"^(?:jabatan )?(?:struktural|js)(?: (.*))?$")
# Words that only say "functional", with the category they imply.
_JF_WORDS = {
    "jabatan": "",
    "fungsional": "",
    "tertentu": "",
    "jf": "",
    "jft": "",
    "jfk": "",
    "tingkat": "",
    "kategori": "",
    "jenjang": "",
    "keterampilan": "keterampilan",
    "ketrampilan": "keterampilan",
    "terampilan": "keterampilan",
    "keahlian": "ahli",
    "ahli": "ahli",
}
_LEVEL_IN_NAME = re.compile(
    r"\b(ahli utama|ahli madya|ahli muda|ahli pertama|penyelia|mahir|terampil|pemula"
    r"|pelaksana lanjutan|pelaksana pemula)\b"
)
# Before 2019 the expert levels were written without "Ahli": "Perencana Muda", "Dokter Madya".
_OLD_AHLI_LEVEL = re.compile(r"\b(utama|madya|muda|pertama)$")
_LEVELS: dict[str, JenisJabatan] = {
    "ahli utama": _J.JF_AHLI_UTAMA,
    "ahli madya": _J.JF_AHLI_MADYA,
    "ahli muda": _J.JF_AHLI_MUDA,
    "ahli pertama": _J.JF_AHLI_PERTAMA,
    "utama": _J.JF_AHLI_UTAMA,
    "madya": _J.JF_AHLI_MADYA,
    "muda": _J.JF_AHLI_MUDA,
    "pertama": _J.JF_AHLI_PERTAMA,
    "penyelia": _J.JF_PENYELIA,
    "mahir": _J.JF_MAHIR,
    "pelaksana lanjutan": _J.JF_MAHIR,
    "terampil": _J.JF_TERAMPIL,
    "pemula": _J.JF_PEMULA,
    "pelaksana pemula": _J.JF_PEMULA,
}
_UPTD_NAME = re.compile(r"^(?:kepala|ka|kpl) (?:uptd|upt|unit pelaksana teknis)\b")
_CAMAT_NAME = re.compile(r"^camat\b")
DEFAULT_KETERAMPILAN = _J.JF_TERAMPIL
"""Level assumed for "JF Keterampilan" when the jabatan name has none: the seed's table has one row
for every skilled level (same pejabat penilai), so the level changes only the label."""

_ESELON_HELP = "II.a/II.b → JPT Pratama, III.a/III.b → Administrator, IV.a/IV.b → Pengawas, I.a/I.b → JPT Madya"


@dataclass(frozen=True)
class JenisReading:
    """What :func:`read_jenis_jabatan` understood, and the assumption it made (if any)."""

    jenis: JenisJabatan
    assumption: str | None = None


def parse_eselon(text: str) -> str | None:
    """Read an eselon as rosters write it: ``II.a``, ``IIa``, ``II/a``, ``Eselon III.b``, ``4.a``, SAPK
    codes (``21`` = II.a, ``99`` = non-eselon). Returns ``"II.a"`` (or ``"II"`` without a letter);
    None for an empty cell, ``-`` or ``Non Eselon``. Raises :class:`JabatanError` otherwise."""
    s = _normalise(text or "")
    if _NO_ESELON.match(s):
        return None
    sapk = _ESELON_SAPK.match(s)
    if sapk:
        return f"{_ESELON_LEVELS[int(sapk.group(1)) - 1]}.{'ab'[int(sapk.group(2)) - 1]}"
    m = _ESELON_TEXT.match(s)
    if m is None:
        raise JabatanError(f"Eselon \"{shorten(text.strip())}\" tidak dikenal; tulis seperti II.a, III.b atau IV.a.")
    level = m.group(1)
    roman = _ESELON_LEVELS[int(level) - 1] if level.isdigit() else level.upper()
    return f"{roman}.{m.group(2)}" if m.group(2) else roman


def jenis_for_eselon(eselon: str, jabatan: str = "") -> JenisJabatan:
    """The jenis jabatan of a struktural position of ``eselon`` (as :func:`parse_eselon` returns it).

    I → JPT Madya, II → JPT Pratama, III → Administrator, IV → Pengawas. A Camat (eselon III, jabatan
    "Camat …") is a Camat; a "Kepala UPTD/UPT …" at eselon III or IV is a Kepala UPTD."""
    level = eselon.split(".")[0]
    name = _normalise(jabatan)
    if level in ("II", "III") and _CAMAT_NAME.match(name):
        return _J.CAMAT
    if level in ("III", "IV") and _UPTD_NAME.match(name):
        return _J.KEPALA_UPTD
    by_level = {"I": _J.JPT_MADYA, "II": _J.JPT_PRATAMA, "III": _J.ADMINISTRATOR, "IV": _J.PENGAWAS}
    if level in by_level:
        return by_level[level]
    raise JabatanError(
        f"Eselon {eselon} sudah tidak dipakai (penyetaraan jabatan); tulis jenis jabatannya langsung, "
        "misalnya Pengawas atau Pelaksana."
    )


def jf_level_in_name(jabatan: str) -> JenisJabatan | None:
    """The JF level written in a jabatan name: "Pranata Komputer Ahli Muda" → JF Ahli Muda,
    "Perawat Penyelia" → JF Keterampilan Penyelia, "Bidan Terampil", "Perencana Muda" (old form)…"""
    name = _normalise(jabatan)
    found = list(_LEVEL_IN_NAME.finditer(name))
    if found:
        return _LEVELS[found[-1].group(1)]
    old = _OLD_AHLI_LEVEL.search(name)
    if old and " " in name:  # "Muda" alone is not a jabatan
        return _LEVELS[old.group(1)]
    return None


def _generic_jf(s: str) -> str | None:
    """For a generic functional kind ("JF", "JFT", "Fungsional Tertentu", "JF Keterampilan Tingkat",
    "JF Ahli"): "" (any level), "keterampilan" or "ahli". None when ``s`` is something else."""
    words = s.split()
    if not words or any(w not in _JF_WORDS for w in words):
        return None
    if not {"fungsional", "jf", "jft", "jfk", "keterampilan", "ketrampilan", "keahlian", "ahli"} & set(words):
        return None
    categories = {_JF_WORDS[w] for w in words} - {""}
    return categories.pop() if len(categories) == 1 else ""


def read_jenis_jabatan(jenis: str, jabatan: str = "", eselon: str = "") -> JenisReading:
    """Like :func:`infer_jenis_jabatan`, and say which assumption was made (a JF Keterampilan whose
    jabatan name carries no level is read as :data:`DEFAULT_KETERAMPILAN`)."""
    raw = (jenis or "").strip()
    s = _DROP.sub("", _normalise(raw))
    struktural = _STRUKTURAL.match(s)
    if struktural is not None:
        in_cell = parse_eselon(struktural.group(1) or "")
        level = in_cell or parse_eselon(eselon)
        if level is None:
            raise JabatanError(
                f"Jenis jabatan \"{shorten(raw)}\" perlu eselon: isi kolom ESELON ({_ESELON_HELP}) "
                "atau tulis jenis jabatannya langsung (JPT Pratama, Administrator, Pengawas)."
            )
        return JenisReading(jenis_for_eselon(level, jabatan))
    if s.startswith(("eselon ", "esl ")):
        level = parse_eselon(s)
        if level is not None:
            return JenisReading(jenis_for_eselon(level, jabatan))
    found = _lookup(raw)
    if found is not None:
        return JenisReading(found)
    category = _generic_jf(s)
    if category is not None:
        level_kind = jf_level_in_name(jabatan)
        shown = f"\"{shorten(raw)}\""
        if level_kind is not None:
            if category == "keterampilan" and not level_kind.is_keterampilan:
                raise JabatanError(
                    f"Jenis jabatan {shown} (keterampilan) tidak cocok dengan nama jabatan "
                    f"\"{shorten(jabatan)}\" yang berjenjang {level_kind.label}; perbaiki salah satunya."
                )
            if category == "ahli" and level_kind.is_keterampilan:
                raise JabatanError(
                    f"Jenis jabatan {shown} (keahlian) tidak cocok dengan nama jabatan "
                    f"\"{shorten(jabatan)}\" yang berjenjang {level_kind.label}; perbaiki salah satunya."
                )
            return JenisReading(level_kind)
        if category == "keterampilan":
            return JenisReading(
                DEFAULT_KETERAMPILAN,
                f"jenjang JF keterampilan tidak tertulis di nama jabatan \"{shorten(jabatan)}\"; "
                f"dianggap {DEFAULT_KETERAMPILAN.label} (pejabat penilainya sama untuk semua jenjang "
                "keterampilan). Tulis jenjangnya (Pemula/Terampil/Mahir/Penyelia) bila ingin tepat.",
            )
        if category == "ahli":
            what, examples = "keahlian (Ahli Pertama/Muda/Madya/Utama)", '"Pranata Komputer Ahli Muda"'
        else:
            what = "(Ahli Pertama/Muda/Madya/Utama, atau Pemula/Terampil/Mahir/Penyelia)"
            examples = '"Pranata Komputer Ahli Muda", "Perawat Terampil"'
        raise JabatanError(
            f"Jenis jabatan {shown}: jenjang jabatan fungsional {what} tidak terbaca dari nama jabatan "
            f"\"{shorten(jabatan)}\". Tulis jenjangnya di nama jabatan (mis. {examples}) atau di kolom "
            "jenis jabatan (mis. \"JF Ahli Muda\")."
        )
    if not s:
        if eselon.strip():
            level = parse_eselon(eselon)
            if level is not None:
                return JenisReading(jenis_for_eselon(level, jabatan))
        raise JabatanError("Jenis jabatan kosong.")
    raise JabatanError(f"Jenis jabatan \"{shorten(raw)}\" tidak dikenal.")


def infer_jenis_jabatan(jenis: str, jabatan: str = "", eselon: str = "") -> JenisJabatan:
    """The jenis jabatan of a roster row, from its jenis cell, jabatan name and eselon column.

    Understands everything :func:`parse_jenis_jabatan` does, plus what national exports and BKPSDM
    rosters write:

    * "Struktural" (or "Jabatan Struktural") with an ESELON column, or with the eselon in the cell
      ("Struktural III.a", "Eselon IV.b"): I.a/I.b → JPT Madya, II.a/II.b → JPT Pratama,
      III.a/III.b → Administrator (a "Camat …" → Camat), IV.a/IV.b → Pengawas; a "Kepala UPTD …"
      at eselon III/IV → Kepala UPTD. An empty jenis with an eselon is read the same way.
    * "JF", "JFT", "Fungsional", "Fungsional Tertentu", "Jabatan Fungsional": the level comes from the
      jabatan name ("Pranata Komputer Ahli Muda", "Perawat Penyelia", "Bidan Terampil",
      "Perencana Muda"); without a level in the name this is an error (ahli levels differ in who
      assesses them).
    * "JF Keterampilan" / "JF Keterampilan Tingkat" (the seed's own row): the level from the name, else
      :data:`DEFAULT_KETERAMPILAN`. "JF Ahli": the level from the name, else an error.
    * "Pelaksana", "Fungsional Umum", "JFU" → Pelaksana.

    Error messages do not repeat the list of accepted kinds: show :func:`jenis_jabatan_help` once.
    """
    return read_jenis_jabatan(jenis, jabatan, eselon).jenis


def jenis_jabatan_help() -> str:
    """The accepted jenis jabatan spellings, for an admin: print once below a list of errors."""
    return "\n".join(
        (
            f"Jenis jabatan yang diterima: {accepted_kinds_text()}.",
            f"Juga ejaan ekspor nasional: \"Struktural\" dengan kolom ESELON ({_ESELON_HELP}), "
            "atau eselon di sel yang sama (\"Struktural III.a\");",
            "\"JF\", \"JFT\", \"Fungsional Tertentu\", \"JF Ahli\", \"JF Keterampilan\" dengan jenjang di "
            "nama jabatan (\"Pranata Komputer Ahli Muda\", \"Perawat Penyelia\", \"Bidan Terampil\");",
            "\"Pelaksana\", \"Fungsional Umum\", \"JFU\" untuk jabatan pelaksana.",
        )
    )


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
