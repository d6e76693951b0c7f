"""Tidying what employees type before it is saved or shown in an official document.

:func:`tidy` makes a phrase typed on a phone fit for the SKP: known acronyms in capitals (``asn`` ->
``ASN``), mixed-case names spelled as their owners spell them (``lkjip`` -> ``LKjIP``,
``musrenbang`` -> ``Musrenbang``), chat abbreviations written out (``dgn`` -> ``dengan``, ``prov``
-> ``provinsi``), reduplication with 2 written out (``desa2`` -> ``desa-desa``), certain spelling
fixes (``resiko`` -> ``risiko``), sentence case, single spaces and no final full stop. Everything
else stays as typed: a word the user capitalised is not lowered. ``tidy(tidy(x)) == tidy(x)``.

:func:`check_plain_text` refuses what must never reach a document: spreadsheet formulas, links,
emoji.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from skp_domain.errors import TextError
from skp_domain.lexicon import (
    ACRONYMS,
    CHAT_ABBREVIATIONS,
    MIXED_CASE,
    REGION_WORDS,
    SPELLING,
)
from skp_domain.text import normalize_space, shorten

# A word: letters/digits, hyphen-joined parts ("e-Katalog", "desa-desa", "COVID-19").
_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_REDUP = re.compile(r"^([^\W\d_]{2,})2$")
_BULLET = re.compile(r"^(?:[-\u2022*\u2013\u00b7>]+|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)])\s+")

# Words after which "pd" is the acronym (perangkat daerah), not the preposition "pada".
_PD_ACRONYM_BEFORE = frozenset(
    {"seluruh", "semua", "setiap", "tiap", "antar", "antarpd", "ke", "di", "dari", "kepada", "bagi", "untuk",
     "dengan", "dan", "atau", "masing-masing", "para", "tingkat", "lintas", "sekretariat", "kepala", "pimpinan"}
)  # fmt: skip
_KELOMPOK_NEXT = frozenset({"tani", "wanita", "kerja", "masyarakat", "usaha", "rentan", "sasaran", "umur", "ternak"})
# Function words: a region word before one of these is not part of a name.
_FUNCTION = frozenset(
    {"dan", "atau", "yang", "untuk", "dengan", "di", "ke", "dari", "pada", "dalam", "terkait", "tentang", "serta",
     "oleh", "bagi", "kepada", "secara", "sesuai", "tepat", "setiap", "tiap", "se", "agar", "supaya", "guna"}
)  # fmt: skip


def _is_upper_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _keep_case(original: str, replacement: str) -> str:
    """Carry the capital of the first letter over to the replacement (``Resiko`` -> ``Risiko``)."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _known(word: str) -> str | None:
    """The canonical form of an acronym, a mixed-case name or a spelling fix; None if unknown."""
    low = word.lower()
    if low in MIXED_CASE:
        return MIXED_CASE[low]
    if low in ACRONYMS:
        return ACRONYMS[low]
    if low in SPELLING:
        return _keep_case(word, SPELLING[low])
    return None


def _fix_word(word: str) -> str:
    known = _known(word)
    if known is not None:
        return known
    if "-" in word:
        parts = word.split("-")
        fixed = [_known(p) or p for p in parts]
        # "covid-19" -> "COVID-19", "ukl-upl" -> "UKL-UPL"; ordinary words keep their spelling.
        return "-".join(fixed)
    return word


def _is_name_like(word: str) -> bool:
    low = word.lower()
    return low in ACRONYMS or low in MIXED_CASE or _is_upper_word(word)


def _expand(word: str, prev: str | None, nxt: str | None, prev_is_first: bool) -> str:
    """Expand a chat abbreviation in context; ``word`` unchanged when it is none."""
    low = word.lower()
    if _is_upper_word(word) and low not in CHAT_ABBREVIATIONS:
        return word  # typed in capitals: meant as an acronym (PD, DR…)
    # Decide on the next word as it will be written ("dr E-katalog" -> next is "e-Katalog").
    if nxt is not None:
        nxt = CHAT_ABBREVIATIONS.get(nxt.lower(), _fix_word(nxt))
    nlow = nxt.lower() if nxt else None
    plow = prev.lower() if prev else None
    if low == "pd":
        if nxt is None or (plow in _PD_ACRONYM_BEFORE):
            return "PD"
        return _keep_case(word, "pada")
    if low == "dr":
        if nxt is not None and nxt[:1].islower():
            return _keep_case(word, "dari")
        return word
    if low == "kel":
        full = "kelompok" if nlow in _KELOMPOK_NEXT else "kelurahan"
    elif low in ("lap", "dok"):
        if nxt is None or nlow in _FUNCTION:
            return word
        full = "laporan" if low == "lap" else "dokumen"
    elif low in CHAT_ABBREVIATIONS:
        full = CHAT_ABBREVIATIONS[low]
    else:
        return word
    if full in REGION_WORDS:
        after_name = prev is not None and (_is_name_like(prev) or (_is_capitalised(prev) and not prev_is_first))
        before_name = nxt is not None and _is_capitalised(nxt) and nlow not in _FUNCTION
        if after_name or before_name:
            return full.capitalize()
    return _keep_case(word, full)


def _sentence_case(text: str) -> str:
    m = _TOKEN.search(text)
    if not m:
        return text
    first = m.group(0)
    if first.lower() in MIXED_CASE and MIXED_CASE[first.lower()][:1].islower():
        return text  # "e-Katalog …" keeps its small e
    i = m.start()
    head = text[i].upper()
    if len(head) != 1:  # "ß" has no one-letter capital ("SS" would read as an acronym next time)
        return text
    return text[:i] + head + text[i + 1 :]


def _is_lexicon_name(word: str) -> bool:
    """An acronym or a name from the lexicon (also inside a hyphenated word: "COVID-19")."""
    redup = _REDUP.match(word)
    if redup:
        word = redup.group(1)
    parts = [p.lower() for p in word.split("-") if any(c.isalpha() for c in p)]
    return word.lower() in MIXED_CASE or (bool(parts) and any(p in ACRONYMS or p in MIXED_CASE for p in parts))


def _shouting(words: list[str]) -> bool:
    """Every ordinary word in capitals (acronyms and names aside): typed with caps lock."""
    ordinary = [w for w in words if sum(c.isalpha() for c in w) >= 4 and not _is_lexicon_name(w)]
    return len(ordinary) >= 2 and all(_is_upper_word(w) for w in ordinary)


def _punctuation(text: str) -> str:
    text = re.sub(r"\s+([,;:.!?%)])", r"\1", text)
    text = re.sub(r"([(])\s+", r"\1", text)
    text = re.sub(r",(?=[^\s\d])", ", ", text)
    text = re.sub(r",{2,}", ",", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def tidy(text: str) -> str:
    """A phrase ready for the document: see the module docstring. Idempotent."""
    return _tidy(text or "")


@functools.lru_cache(maxsize=8192)
def _tidy(text: str) -> str:
    s = _punctuation(normalize_space(text or ""))
    while _BULLET.match(s):
        s = _punctuation(_BULLET.sub("", s, count=1))
    matches = list(_TOKEN.finditer(s))
    words = [m.group(0) for m in matches]
    if _shouting(words):
        words = [w if _is_lexicon_name(w) else w.lower() for w in words]
    out: list[str] = []
    done: list[str] = []  # the words written so far, as written
    pos = 0
    for i, m in enumerate(matches):
        out.append(s[pos : m.start()])
        pos = m.end()
        word = words[i]
        redup = _REDUP.match(word)
        if redup:
            base = _fix_word(redup.group(1))
            second = base if _is_name_like(base) else base.lower()
            out.append(f"{base}-{second}")
            done.append(out[-1])
            continue
        prev = done[-1] if done else None
        nxt = words[i + 1] if i + 1 < len(words) else None
        # "dr." is a title (dokter); a full stop right after the word keeps it as typed.
        if word.lower() == "dr" and s[m.end() : m.end() + 1] == ".":
            out.append(word)
        else:
            expanded = _expand(word, prev, nxt, prev_is_first=i == 1)
            out.append(expanded if expanded != word else _fix_word(word))
        done.append(out[-1])
    out.append(s[pos:])
    result = _punctuation("".join(out))
    result = result.rstrip(" .;:,").strip()
    return _sentence_case(result)


# ---------------------------------------------------------------------------
# Refusing what must not reach a document

_FORMULA_START = re.compile(r"^[=+@\-][A-Za-z_][A-Za-z0-9_.]*\(|^=\s*\S|^[+@]\s*[A-Za-z]{1,3}\d+\b")
_HYPERLINK = re.compile(r"=\s*(?:HYPERLINK|IMPORTXML|IMPORTDATA|IMPORTHTML|IMPORTRANGE|WEBSERVICE)\s*\(", re.I)
_DDE = re.compile(r"\b(?:cmd|powershell|mshta)\s*\|", re.I)
_URL = re.compile(
    r"(?:\b[a-z][a-z0-9+.-]*://\S+)|(?:\bwww\.\S+)|(?:\b(?:t\.me|wa\.me|bit\.ly|s\.id|tinyurl\.com)/\S*)"
    r"|(?:\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|id|io|ly|me|info|xyz|app|site|co|gov|edu|biz)"
    r"(?:/\S*)?(?![\w.]))",
    re.I,
)


def _is_emoji(ch: str) -> bool:
    cp = ord(ch)
    if unicodedata.category(ch) == "So" and cp >= 0x2190:
        return True
    return 0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or cp in (0xFE0F, 0x20E3)


def refuse_formula_or_link(text: str, field: str = "Teks") -> None:
    """Raise :class:`TextError` when ``text`` is a spreadsheet formula or contains a link."""
    s = normalize_space(text or "")
    if _FORMULA_START.match(s) or _HYPERLINK.search(s) or _DDE.search(s):
        raise TextError(
            f"{field} terbaca sebagai rumus spreadsheet (\u201c{shorten(s)}\u201d). "
            "Tulis kalimat biasa tanpa tanda =, + atau @ di depan."
        )
    link = _URL.search(s)
    if link:
        raise TextError(
            f"{field} tidak boleh memuat tautan/alamat situs (\u201c{shorten(link.group(0))}\u201d). "
            "Tulis nama sistem atau dokumennya saja, misalnya \u201caplikasi SIMPEG\u201d."
        )


def check_plain_text(text: str, field: str = "Teks") -> str:
    """Refuse spreadsheet formulas, links and emoji with a clear Indonesian reason; return the
    text with normalised spaces when it is plain text. Call it before classifying or saving."""
    s = normalize_space(text or "")
    refuse_formula_or_link(s, field)
    emoji = [ch for ch in s if _is_emoji(ch)]
    if emoji:
        raise TextError(f"{field} tidak boleh memuat emoji atau simbol ({''.join(emoji[:3])}); tulis dengan huruf.")
    return s
