"""Pangkat / golongan ruang PNS (I/a Juru Muda … IV/e Pembina Utama)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from skp_domain.errors import GolonganError
from skp_domain.text import shorten


@dataclass(frozen=True)
class Golongan:
    code: str  # "IV/a"
    nama: str  # "Pembina"

    @property
    def label(self) -> str:
        """The form printed on the SKP: ``Pembina - IV/a``."""
        return f"{self.nama} - {self.code}"

    @property
    def ruang(self) -> str:
        """Roman part of the code: ``IV``."""
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

_BY_CODE = {g.code.lower(): g for g in GOLONGAN}
_BY_NAME = {g.nama.lower(): g for g in GOLONGAN}
_ARABIC = {"1": "i", "2": "ii", "3": "iii", "4": "iv"}

# Roman (or 1–4) ruang, optional separator, letter a–e; not glued to other letters.
_CODE = re.compile(r"(?<![a-z])(iv|iii|ii|i|[1-4])\s*[/.\-]?\s*([a-e])(?![a-z])")
_TINGKAT = re.compile(r"\b(?:tk|tkt|tingkat)\b\.?\s*(?:i|1)\b")
_EXAMPLES = "Tulis golongan seperti IV/a atau pangkat seperti Pembina - IV/a."


def _normalise(text: str) -> str:
    s = text.lower()
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    s = s.replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()


def _name_part(text: str) -> str:
    s = _TINGKAT.sub(" tingkat i", text)
    s = re.sub(r"[^a-z ]", " ", s)
    s = re.sub(r"\b(pangkat|gol|golongan|ruang)\b", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def parse_golongan(text: str) -> Golongan:
    """Read a golongan or pangkat as people type it: ``IV/a``, ``iva``, ``Pembina - IV/a``,
    ``Penata – III/c``, ``pembina iv/a``, or the pangkat name alone (``Pembina``)."""
    s = _normalise(text or "")
    if not s:
        raise GolonganError(f"Pangkat/golongan tidak boleh kosong. {_EXAMPLES}")

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
