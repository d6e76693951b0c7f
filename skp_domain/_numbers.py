"""Reading numbers written the Indonesian way (decimal comma) or the spreadsheet way."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, localcontext

_THOUSANDS_DOT = re.compile(r"^[1-9]\d{0,2}(?:\.\d{3})+$")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


def parse_decimal(text: str, *, dot_thousands: bool = True) -> tuple[Decimal, int] | None:
    """Parse ``text`` (no sign, no unit) into ``(value, decimal places)``; None if not a number.

    ``90,00`` -> (90.00, 2); ``0,5`` and ``0.5`` -> (0.5, 1); ``1.000.000`` -> (1000000, 0) when
    ``dot_thousands``; ``1.000.000,50`` -> (1000000.50, 2).
    """
    s = text.strip().replace(" ", "")
    if not s:
        return None
    if "," in s and "." in s:
        # 1.234,5 (Indonesian) or 1,234.5 (English): the last separator is the decimal one.
        indonesian = s.rfind(",") > s.rfind(".")
        s = s.replace(".", "").replace(",", ".") if indonesian else s.replace(",", "")
    elif "." in s:
        if dot_thousands and _THOUSANDS_DOT.match(s):
            s = s.replace(".", "")
    elif s.count(",") == 1:
        s = s.replace(",", ".")
    if not _NUMBER.match(s):
        return None
    try:
        value = Decimal(s)
    except InvalidOperation:  # pragma: no cover - guarded by the regex
        return None
    places = len(s.split(".")[1]) if "." in s else 0
    return value, places


def normalise(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (``90.00`` -> ``90``)."""
    with localcontext() as ctx:
        ctx.prec = max(28, len(value.as_tuple().digits) + 2)  # long integers must not overflow
        n = value.normalize()
        if n == n.to_integral_value():
            return n.quantize(Decimal(1))
        return n


def format_decimal(value: Decimal, places: int, *, thousands: bool = False) -> str:
    """``Decimal('83'), 2`` -> ``83,00``; with ``thousands``: ``5000000`` -> ``5.000.000``."""
    q = value.quantize(Decimal(1).scaleb(-places)) if places > 0 else value.quantize(Decimal(1))
    text = f"{q:,.{places}f}" if thousands else f"{q:.{places}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
