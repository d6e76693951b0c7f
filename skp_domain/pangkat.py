"""Pangkat / golongan ruang PNS (I/a Juru Muda … IV/e Pembina Utama) and golongan PPPK (I–XVII).

A PNS has a pangkat and a golongan ruang: a Roman numeral I–IV *with* a ruang letter a–e
(``III/c``, ``Penata - III/c``). A PPPK has no pangkat, only a golongan I–XVII written as a Roman
numeral *without* a ruang letter (``IX``, ``Golongan IX``, ``PPPK IX``, ``IX (PPPK)``, ``gol. IX``).

``I``, ``II``, ``III`` and ``IV`` alone are therefore read as PPPK golongan: a PNS golongan always
has its ruang letter. A roster that writes ``III`` for a PNS is caught by
:func:`check_golongan_matches_nip`, which compares the golongan with the kind of NIP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skp_domain.errors import GolonganError
from skp_domain.nip import Nip
from skp_domain.text import shorten


@dataclass(frozen=True)
class Golongan:
    code: str  # "IV/a" (PNS) or "IX" (PPPK): what is stored, and read back by parse_golongan
    nama: str  # "Pembina"; empty for a PPPK (no pangkat)
    pppk: bool = False

    @property
    def label(self) -> str:
        """The form printed on the SKP: ``Pembina - IV/a``, or ``Golongan IX`` for a PPPK."""
        if self.pppk:
            return f"Golongan {self.code}"
        return f"{self.nama} - {self.code}"

    @property
    def ruang(self) -> str:
        """Roman part of the code: ``IV``; a PPPK golongan is its own Roman numeral."""
        return self.code.split("/")[0]

    def __str__(self) -> str:
        return self.label


GOLONGAN: tuple[Golongan, ...] = (
    Golongan("I/a", "Juru Muda"),
    Golongan("I/b", "Juru Muda Tingkat I"),
    Golongan("I/c", "Juru"),
    Golongan("I/d", "Juru Tingkat I"),
    Golongan("II/a", "Pengatur Muda"),
    Golongan("II/b", "Pengatur Muda Tingkat I"),
    Golongan("II/c", "Pengatur"),
    Golongan("II/d", "Pengatur Tingkat I"),
    Golongan("III/a", "Penata Muda"),
    Golongan("III/b", "Penata Muda Tingkat I"),
    Golongan("III/c", "Penata"),
    Golongan("III/d", "Penata Tingkat I"),
    Golongan("IV/a", "Pembina"),
    Golongan("IV/b", "Pembina Tingkat I"),
    Golongan("IV/c", "Pembina Utama Muda"),
    Golongan("IV/d", "Pembina Utama Madya"),
    Golongan("IV/e", "Pembina Utama"),
)
"""The 17 golongan ruang PNS, lowest first."""

_ROMAN = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)  # fmt: skip
GOLONGAN_PPPK: tuple[Golongan, ...] = tuple(Golongan(r, "", pppk=True) for r in _ROMAN)
"""The 17 golongan PPPK (I–XVII), lowest first."""

_BY_CODE = {g.code.lower(): g for g in GOLONGAN}
_BY_NAME = {g.nama.lower(): g for g in GOLONGAN}
_PPPK_BY_ROMAN = {g.code.lower(): g for g in GOLONGAN_PPPK}
_ARABIC = {"1": "i", "2": "ii", "3": "iii", "4": "iv"}

# Roman (or 1–4) ruang, optional separator, letter a–e; not glued to other letters.
_CODE = re.compile(r"(?<![a-z])(iv|iii|ii|i|[1-4])\s*[/.\-]?\s*([a-e])(?![a-z])")
_TINGKAT = re.compile(r"\b(?:tk|tkt|tingkat)\b\.?\s*(?:i|1)\b")
_PPPK_MARK = re.compile(r"\b(?:pppk|p3k)\b")
_PPPK_WORDS = re.compile(r"\b(?:pppk|p3k|golongan|gol|ruang)\b")
_ROMAN_SHAPE = re.compile(r"^[ivxl]+$")
_EXAMPLES = (
    "Tulis golongan seperti IV/a atau pangkat seperti Pembina - IV/a; "
    "untuk PPPK golongan I sampai XVII, seperti IX atau Golongan IX."
)
_PPPK_EXAMPLES = (
    "Golongan PPPK ditulis dengan angka Romawi I sampai XVII tanpa huruf ruang, seperti IX atau Golongan IX."
)


def _normalise(text: str) -> str:
    s = text.lower()
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    s = s.replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()


def _name_part(text: str) -> str:
    s = _TINGKAT.sub(" tingkat i", text)
    s = re.sub(r"[^a-z ]", " ", s)
    s = re.sub(r"\b(pangkat|gol|golongan|ruang|pns)\b", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def _parse_pppk(s: str, text: str) -> Golongan | None:
    """A PPPK golongan, or None when ``s`` does not look like one (then try the PNS forms)."""
    marked = bool(_PPPK_MARK.search(s))
    tokens = _PPPK_WORDS.sub(" ", re.sub(r"[^a-z0-9 ]", " ", s)).split()
    if len(tokens) == 1:
        token = tokens[0]
        found = _PPPK_BY_ROMAN.get(token)
        if found is not None:
            return found
        if token.isdigit():  # "9", "PPPK 9", "Golongan 9": a number without a ruang letter
            number = int(token)
            if 1 <= number <= len(GOLONGAN_PPPK):
                return GOLONGAN_PPPK[number - 1]
            raise GolonganError(f"Golongan PPPK {number} tidak ada. {_PPPK_EXAMPLES}")
        if _ROMAN_SHAPE.match(token):
            raise GolonganError(f"Golongan PPPK {token.upper()} tidak ada. {_PPPK_EXAMPLES}")
    if marked:
        if not tokens:
            raise GolonganError(f"Golongan PPPK belum ditulis. {_PPPK_EXAMPLES}")
        raise GolonganError(f"Golongan PPPK \"{shorten(text.strip())}\" tidak dikenal. {_PPPK_EXAMPLES}")
    return None


def parse_golongan(text: str) -> Golongan:
    """Read a golongan or pangkat as people type it.

    PNS: ``IV/a``, ``iva``, ``Pembina - IV/a``, ``Penata – III/c``, ``pembina iv/a``, or the pangkat
    name alone (``Pembina``). PPPK: ``IX``, ``Golongan IX``, ``PPPK IX``, ``IX (PPPK)``, ``gol. IX``,
    ``Golongan 9``. A Roman numeral (or a number 1–17) without a ruang letter a–e is a PPPK
    golongan, so ``III`` alone is PPPK golongan III, never a PNS golongan III/?.
    """
    s = _normalise(text or "")
    if not s:
        raise GolonganError(f"Pangkat/golongan tidak boleh kosong. {_EXAMPLES}")

    pppk = _parse_pppk(s, text)
    if pppk is not None:
        return pppk

    # The code is taken from the right: "Juru Muda Tingkat I - I/b" has an "I" in the name too.
    matches = list(_CODE.finditer(s))
    golongan_by_code: Golongan | None = None
    rest = s
    if matches:
        m = matches[-1]
        ruang = _ARABIC.get(m.group(1), m.group(1))
        code = f"{ruang}/{m.group(2)}"
        golongan_by_code = _BY_CODE.get(code)
        if golongan_by_code is None:
            raise GolonganError(f"Golongan {ruang.upper()}/{m.group(2)} tidak ada. {_EXAMPLES}")
        rest = s[: m.start()] + " " + s[m.end() :]

    name = _name_part(rest)
    golongan_by_name: Golongan | None = None
    if name:
        golongan_by_name = _BY_NAME.get(name)
        if golongan_by_name is None:
            shown = text.strip() if golongan_by_code is None else name
            raise GolonganError(f"Pangkat \"{shorten(shown)}\" tidak dikenal. {_EXAMPLES}")

    if golongan_by_code and golongan_by_name and golongan_by_code != golongan_by_name:
        raise GolonganError(
            f"Pangkat dan golongan tidak cocok: {golongan_by_name.nama} adalah golongan "
            f"{golongan_by_name.code}, sedangkan {golongan_by_code.code} adalah {golongan_by_code.nama}."
        )
    result = golongan_by_code or golongan_by_name
    if result is None:
        raise GolonganError(f"Pangkat/golongan \"{shorten(text)}\" tidak dikenal. {_EXAMPLES}")
    return result


def check_golongan_matches_nip(golongan: Golongan, nip: Nip) -> None:
    """Raise :class:`GolonganError` when a PNS golongan is given to a PPPK NIP or the other way round.

    Decided as an error, not a warning: the golongan is printed on the SKP, and a mismatch is almost
    always a PNS golongan typed without its ruang letter (``III`` for ``III/a``) or a row from the
    wrong list.
    """
    if nip.is_pppk and not golongan.pppk:
        raise GolonganError(
            f"NIP {nip.formatted} adalah NIP PPPK, tetapi {golongan.code} adalah golongan ruang PNS. "
            f"{_PPPK_EXAMPLES}"
        )
    if not nip.is_pppk and golongan.pppk:
        if golongan.code in ("I", "II", "III", "IV"):
            hint = f"tulis golongan ruang lengkap dengan hurufnya, seperti {golongan.code}/a"
        else:
            hint = "golongan PNS ditulis I/a sampai IV/e"
        raise GolonganError(
            f"NIP {nip.formatted} adalah NIP PNS, tetapi \"{golongan.code}\" (tanpa huruf ruang) adalah "
            f"golongan PPPK; untuk PNS {hint}."
        )
