"""JPT targets: a PK indicator is often an index ("Indeks Reformasi Birokrasi 3,10"), written
without a unit. Everything else reads as :func:`skp_domain.targets.parse_target` does."""

from __future__ import annotations

import re

from skp_domain._numbers import normalise, parse_decimal
from skp_domain.errors import TargetError
from skp_domain.targets import MAX_TARGET_DIGITS, MAX_TARGET_PLACES, Target, parse_target

INDEX_UNIT = "indeks"  # stored as the unit of a bare number; shown as the number alone
_BARE_NUMBER = re.compile(r"^\d[\d.,]*$")


def parse_jpt_target(text: str, period_months: int = 12) -> Target:
    """``3,10`` (an index) or ``83,00 %`` / ``12 bulan`` / ``Rp 5.000.000``; raises TargetError."""
    try:
        return parse_target(text, None, period_months)
    except TargetError:
        s = re.sub(r"\s+", "", text or "")
        parsed = parse_decimal(s) if _BARE_NUMBER.match(s) else None
        if parsed is None:
            raise
    value, places = parsed
    if value.adjusted() >= MAX_TARGET_DIGITS or places > MAX_TARGET_PLACES:
        raise TargetError(
            f"Angka target terlalu panjang; maksimal {MAX_TARGET_DIGITS} digit dan {MAX_TARGET_PLACES} desimal."
        )
    return Target(value=normalise(value), unit=INDEX_UNIT, places=places)


def target_shown(target: Target) -> str:
    """How a JPT target reads on the card and the document: an index is the number alone."""
    return target.number_text if target.unit == INDEX_UNIT else target.formatted
