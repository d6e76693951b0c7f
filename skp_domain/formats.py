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
