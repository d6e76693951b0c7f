"""Fonts for the PDFs: a lighter copy of DejaVu Sans (speed) and a last-resort font (emoji).

WeasyPrint subsets every font it embeds. Without the HarfBuzz subsetter (Debian package
`libharfbuzz-subset0`) it falls back to fontTools, which decompiles the full DejaVu Sans
(6,000 glyphs, big kerning tables) three times per PDF: ~200 ms of a ~300 ms render.
So once per machine we cut DejaVu Sans down to the scripts an Indonesian SKP uses (Latin,
punctuation, symbols, arrows, dingbats such as ✔ ★), without layout tables or hinting, and
declare it with @font-face as "SKP Sans". Characters outside it fall back to the system
fonts through the CSS family list, so nothing is lost, only slower for rare scripts.

If DejaVu Sans is not found, `font_face_css()` omits it and the stylesheet's fallback
families are used as they are. The last-resort font ("SKP Fallback", see below) is built
in the same cache folder (~/.cache/skp-bot/fonts, else the temp dir), about 1.5 s once
per machine.
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
    (0x2500, 0x27BF),  # box drawing, shapes, misc symbols, dingbats (✓ ✔ ★)
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


# ---------------------------------------------------------------- last-resort font
#
# No font on a stock machine has emoji. A character without a glyph still prints (as a
# .notdef box), but WeasyPrint then switches that font to a custom CMap encoding, which
# some PDF text extractors (pypdf among them) cannot read: the whole font's text turns to
# garbage. So we ship our own last resort: one glyph per symbol/emoji code point — a box,
# or a look-alike drawn from DejaVu for the common status marks (✅ ❌ ❎ ⭐) — each with
# its own cmap entry so copy/paste and extraction give the character the user typed.
# Real emoji fonts (Noto Color Emoji, Symbola), when installed, come first in the CSS.

FALLBACK_FAMILY = "SKP Fallback"
_FALLBACK_RANGES = (
    (0x2010, 0x2027),  # dashes, quotes, bullets (not the spaces / joiners around them)
    (0x2030, 0x205E),
    (0x2070, 0x2BFF),  # super/subscripts ... arrows, math, technical, dingbats, misc symbols
    (0x2E00, 0x2E7F),  # supplemental punctuation
    (0x1F000, 0x1FAFF),  # emoji and pictographs
)
_LOOKALIKES = {0x2705: 0x2714, 0x274C: 0x2718, 0x274E: 0x2718, 0x2B50: 0x2605}
_UPM = 1000
_ADVANCE = 780


def _box(pen: object) -> None:
    outer = ((70, -60), (70, 700), (710, 700), (710, -60))
    inner = ((120, -10), (660, -10), (660, 650), (120, 650))
    for contour in (outer, inner):
        pen.moveTo(contour[0])  # type: ignore[attr-defined]
        for point in contour[1:]:
            pen.lineTo(point)  # type: ignore[attr-defined]
        pen.closePath()  # type: ignore[attr-defined]


def _build_fallback(target: Path, source: Path | None) -> None:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.transformPen import TransformPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

    codepoints = [cp for lo, hi in _FALLBACK_RANGES for cp in range(lo, hi + 1)]
    names = [f"u{cp:04X}" for cp in codepoints]
    order = [".notdef", "box", *names]

    pen = TTGlyphPen(None)
    _box(pen)
    box = pen.glyph()
    glyphs: dict[str, object] = {".notdef": box, "box": box}
    metrics = {".notdef": (_ADVANCE, 70), "box": (_ADVANCE, 70)}

    donor = TTFont(str(source)) if source else None
    donor_glyphs = donor.getGlyphSet() if donor else None
    donor_cmap = donor.getBestCmap() if donor else {}
    scale = _UPM / donor["head"].unitsPerEm if donor else 1.0

    for cp, name in zip(codepoints, names, strict=True):
        like = _LOOKALIKES.get(cp)
        if donor is not None and donor_glyphs is not None and like in donor_cmap:
            donor_name = donor_cmap[like]
            pen = TTGlyphPen(None)
            donor_glyphs[donor_name].draw(TransformPen(pen, (scale, 0, 0, scale, 0, 0)))
            glyphs[name] = pen.glyph()
            advance = round(donor["hmtx"][donor_name][0] * scale)
            metrics[name] = (advance, 0)
            continue
        composite = Glyph()
        component = GlyphComponent()
        component.glyphName = "box"
        component.x = component.y = 0
        component.flags = 0x4  # ROUND_XY_TO_GRID
        composite.numberOfContours = -1
        composite.components = [component]
        glyphs[name] = composite
        metrics[name] = (_ADVANCE, 70)

    fb = FontBuilder(_UPM, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(dict(zip(codepoints, names, strict=True)))
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics(metrics)
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": FALLBACK_FAMILY, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    fb.setupPost(keepGlyphNames=False)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    fb.save(str(tmp))
    os.replace(tmp, target)


def fallback_font() -> Path | None:
    source = _find(_FACES[("normal", "normal")])
    stamp = ""
    if source is not None:
        stat = source.stat()
        stamp = f"{source}:{stat.st_size}:{stat.st_mtime_ns}"
    digest = hashlib.sha256(f"{_VERSION}:fallback:{stamp}:{_FALLBACK_RANGES}".encode()).hexdigest()
    target = cache_dir() / f"SKPFallback-{digest[:12]}.ttf"
    if not target.is_file():
        try:
            _build_fallback(target, source)
        except Exception:
            log.warning("could not build the fallback font", exc_info=True)
            return None
    return target


def font_face_css() -> str:
    """`@font-face` rules declaring "SKP Sans" and "SKP Fallback" (cached per process)."""
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
            fallback = fallback_font()
            if fallback is not None:
                rules.append(f'@font-face {{ font-family: "{FALLBACK_FAMILY}"; src: url("{fallback.as_uri()}"); }}')
            _cached_css = "\n".join(rules) + ("\n" if rules else "")
    return _cached_css


def font_folder() -> Path:
    """The only folder documents may load files from (the light fonts)."""
    return cache_dir()
