"""Which regulation an SKP period follows: PermenPANRB 6/2022 (today's national format, e-Kinerja)
or 8/2021 (the seed's, BKPSDM Kebumen 2022). Same data underneath; different documents and wording."""

from __future__ import annotations

from enum import StrEnum

from skp_domain.errors import DomainError


class SkpFormat(StrEnum):
    PERMENPANRB_6_2022 = "permenpanrb-6-2022"
    PERMENPANRB_8_2021 = "permenpanrb-8-2021"

    @property
    def label(self) -> str:
        return "PermenPANRB 6/2022" if self is SkpFormat.PERMENPANRB_6_2022 else "PermenPANRB 8/2021"

    @property
    def short(self) -> str:
        return "6/2022" if self is SkpFormat.PERMENPANRB_6_2022 else "8/2021"


DEFAULT_FORMAT = SkpFormat.PERMENPANRB_6_2022  # for new periods
SEED_FORMAT = SkpFormat.PERMENPANRB_8_2021  # the seed's (and the demo's unless told otherwise)


def parse_format(text: str) -> SkpFormat:
    """`6/2022`, `6-2022`, `PermenPANRB 6/2022`, `permenpanrb-6-2022` (and the same for 8/2021)."""
    s = "".join(ch for ch in (text or "").lower() if ch.isdigit() or ch == " ").split()
    digits = "".join(s)
    if digits.endswith("62022"):
        return SkpFormat.PERMENPANRB_6_2022
    if digits.endswith("82021"):
        return SkpFormat.PERMENPANRB_8_2021
    raise DomainError(f"Format SKP \"{(text or '').strip()[:40]}\" tidak dikenal. Pilih 6/2022 atau 8/2021.")


class Wording:
    """How the chat names things under each format (templates read ``w.rk``, ``w.atasan`` …)."""

    def __init__(self, skp_format: SkpFormat) -> None:
        six = SkpFormat(skp_format) is SkpFormat.PERMENPANRB_6_2022
        self.format = SkpFormat(skp_format)
        self.rk = "rencana hasil kerja" if six else "rencana kinerja"
        self.Rk = self.rk.capitalize()
        self.rk_short = "RHK" if six else "rencana kinerja"
        self.atasan = "RHK pimpinan yang diintervensi" if six else "rencana kinerja atasan"
        self.Atasan = "RHK pimpinan yang diintervensi" if six else "Rencana kinerja atasan"
        self.utama = "Hasil Kerja Utama" if six else "Kinerja Utama"
        self.tambahan = "Hasil Kerja Tambahan" if six else "Kinerja Tambahan"
        self.six = six


def wording(skp_format: SkpFormat | str | None) -> Wording:
    try:
        return Wording(SkpFormat(skp_format) if skp_format else SEED_FORMAT)
    except ValueError:
        return Wording(SEED_FORMAT)
