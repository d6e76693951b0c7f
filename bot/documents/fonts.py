"""A lighter copy of DejaVu Sans for fast PDF rendering.

WeasyPrint subsets every font it embeds. Without the HarfBuzz subsetter (Debian package
`libharfbuzz-subset0`) it falls back to fontTools, which decompiles the full DejaVu Sans
(6,000 glyphs, big kerning tables) three times per PDF: ~200 ms of a ~300 ms render.
So once per machine we cut DejaVu Sans down to the scripts an Indonesian SKP uses (Latin,
punctuation, symbols, arrows, dingbats such as ✅), without layout tables or hinting, and
declare it with @font-face as "SKP Sans". Characters outside it fall back to the system
fonts through the CSS family list, so nothing is lost, only slower for rare scripts.

If DejaVu Sans is not found, `font_face_css()` returns "" and the stylesheet's fallback
families are used as they are.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

FAMILY = "SKP Sans"
_VERSION = "1"

# (css font-weight, css font-style) -> DejaVu file name
_FACES = {
    ("normal", "normal"): "DejaVuSans.ttf",
    ("bold", "normal"): "DejaVuSans-Bold.ttf",
    ("normal", "italic"): "DejaVuSans-Oblique.ttf",
    ("bold", "italic"): "DejaVuSans-BoldOblique.ttf",
}

_FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    "/usr/share/fonts",
)

# Unicode ranges kept in the light font.
_RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x024F),  # Latin-1, Latin Extended-A/B
    (0x02B0, 0x02FF),  # spacing modifiers
    (0x0370, 0x03FF),  # Greek (µ, Σ in indicators)
    (0x2000, 0x206F),  # general punctuation: – — ‘ ’ “ ” … •
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x215F),  # letterlike, number forms (№, ½)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # math operators (≤ ≥ ≠)
    (0x2460, 0x24FF),  # enclosed alphanumerics
    (0x2500, 0x27BF),  # box drawing, shapes, misc symbols, dingbats (✅ ✓ ✔ ★)
)

_lock = threading.Lock()
_cached_css: str | None = None


@lru_cache(maxsize=1)
def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "skp-bot" / "fonts"
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        path = Path(tempfile.gettempdir()) / "skp-bot-fonts"
        path.mkdir(parents=True, exist_ok=True)
    return path


def _find(file_name: str) -> Path | None:
    for folder in _FONT_DIRS:
        candidate = Path(folder) / file_name
        if candidate.is_file():
            return candidate
    root = Path("/usr/share/fonts")
    if root.is_dir():
        for found in root.rglob(file_name):
            return found
    return None


def _build(source: Path, target: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.glyph_names = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "MATH", "FFTM", "gasp", "hdmx", "LTSH", "VDMX"]
    font = TTFont(str(source))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[cp for lo, hi in _RANGES for cp in range(lo, hi + 1)])
    subsetter.subset(font)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    font.save(str(tmp))
    os.replace(tmp, target)


def light_fonts() -> dict[tuple[str, str], Path]:
    """Build (once, cached on disk) the light faces; {(weight, style): path}."""
    out: dict[tuple[str, str], Path] = {}
    folder: Path | None = None
    for key, file_name in _FACES.items():
        source = _find(file_name)
        if source is None:
            continue
        folder = folder or cache_dir()
        stat = source.stat()
        digest = hashlib.sha256(f"{_VERSION}:{source}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()
        target = folder / f"SKPSans-{key[0]}-{key[1]}-{digest[:12]}.ttf"
        if not target.is_file():
            try:
                _build(source, target)
            except Exception:  # a broken font must never stop a document
                log.warning("could not build light font from %s", source, exc_info=True)
                continue
        out[key] = target
    return out


def font_face_css() -> str:
    """`@font-face` rules declaring "SKP Sans" (cached per process); "" when unavailable."""
    global _cached_css
    if _cached_css is not None:
        return _cached_css
    with _lock:
        if _cached_css is None:
            rules = [
                f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; '
                f'font-style: {style}; src: url("{path.as_uri()}"); }}'
                for (weight, style), path in light_fonts().items()
            ]
            _cached_css = "\n".join(rules) + ("\n" if rules else "")
    return _cached_css


def font_folder() -> Path:
    """The only folder documents may load files from (the light fonts)."""
    return cache_dir()
