"""Cleaning of free text typed by users (rencana kinerja, indikator, comments...)."""

from __future__ import annotations

import re
import unicodedata

from skp_domain.errors import TextError

MAX_RK = 500
MAX_INDIKATOR = 300
MAX_COMMENT = 1000
MAX_BASIS = 300

# Invisible characters that sneak in from copy-paste (Word, WhatsApp, PDFs) and
# bidirectional overrides that can make text display differently from what it is.
_INVISIBLE = frozenset(
    [
        "\u00ad",  # soft hyphen
        "\u180e",
        "\u200b",
        "\u200c",
        "\u200d",
        "\u200e",
        "\u200f",
        "\u2060",
        "\ufeff",
        *(chr(c) for c in range(0x202A, 0x202F)),  # LRE, RLE, PDF, LRO, RLO
        *(chr(c) for c in range(0x2066, 0x206A)),  # LRI, RLI, FSI, PDI
    ]
)
_WS = re.compile(r"\s+")


def strip_invisible(text: str) -> str:
    """Remove invisible/bidi/control characters; whitespace controls become spaces."""
    if text.isascii() and text.isprintable():
        return text  # the common case: nothing to strip
    out: list[str] = []
    for ch in text:
        if ch in _INVISIBLE:
            continue
        if ch.isspace():
            out.append(" ")
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co"):
            continue
        out.append(ch)
    return "".join(out)


def normalize_space(text: str) -> str:
    """Strip invisible characters and collapse whitespace runs to single spaces."""
    return _WS.sub(" ", strip_invisible(text)).strip()


def clean_text(text: str | None, field: str, max_len: int) -> str:
    """Return ``text`` cleaned, or raise :class:`TextError` if empty or longer than ``max_len``."""
    cleaned = normalize_space(text or "")
    if not cleaned:
        raise TextError(f"{field} tidak boleh kosong.")
    if len(cleaned) > max_len:
        raise TextError(f"{field} maksimal {max_len} karakter; teks Anda {len(cleaned)} karakter.")
    return cleaned


QUOTE_LIMIT = 40


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Input quoted back in an error message, cut so the reply stays short."""
    cleaned = normalize_space(text)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1].rstrip() + "…"
