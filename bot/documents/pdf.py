"""The PDF engine every document uses (WeasyPrint), apart from what is rendered.

Speed: WeasyPrint's FontConfiguration and the parsed stylesheets are built once per thread and
reused (building them costs more than laying out a 5-item SKP). Nothing external is ever
fetched: the URL fetcher refuses every URL but the bot's own font files (`fonts.py`).
`render_slots()` bounds how many renders run at once on the event loop.
"""

from __future__ import annotations

import asyncio
import atexit
import re
import shutil
import threading
import weakref
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from bot.documents import fonts
from bot.templating import TEMPLATES_DIR

DOCUMENTS_DIR = TEMPLATES_DIR / "documents"

RENDER_CONCURRENCY = 2
# One semaphore per event loop (the bot has one; tests make one per test): an asyncio
# primitive is bound to the loop that first waits on it.
_render_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = weakref.WeakKeyDictionary()


def render_slots() -> asyncio.Semaphore:
    """The semaphore bounding concurrent renders on the running loop."""
    loop = asyncio.get_running_loop()
    slots = _render_slots.get(loop)
    if slots is None:
        slots = _render_slots[loop] = asyncio.Semaphore(RENDER_CONCURRENCY)
    return slots


# PDF options: subsetting fonts keeps files small (~40 kB instead of ~1 MB per font).
_PDF_OPTIONS: dict[str, Any] = {"full_fonts": False, "hinting": False, "optimize_images": False}


class _NoFetch(URLFetcher):  # type: ignore[misc]
    """Documents use no external resources: refuse every URL but our own light fonts."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        parsed = urlsplit(url)
        if parsed.scheme == "file" and parsed.netloc in ("", "localhost"):
            path = Path(unquote(parsed.path)).resolve()
            if path.is_relative_to(fonts.font_folder().resolve()):
                return super().fetch(url, headers)
        raise ValueError(f"external resources are disabled in documents: {url[:80]}")


_NO_FETCH = _NoFetch()


_font_configs: weakref.WeakSet[FontConfiguration] = weakref.WeakSet()


@atexit.register
def _remove_font_folders() -> None:
    """WeasyPrint copies @font-face files to a temp folder per FontConfiguration and removes
    it in __del__, which need not run at interpreter exit."""
    for config in list(_font_configs):
        folder = getattr(config, "_folder", None)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


class _PdfResources(threading.local):
    """Per-thread FontConfiguration + parsed stylesheets (Pango font maps are not thread-safe)."""

    def __init__(self) -> None:
        self.font_config = FontConfiguration()
        _font_configs.add(self.font_config)
        self.stylesheets: dict[str, CSS] = {}

    def stylesheet(self, name: str) -> CSS:
        css = self.stylesheets.get(name)
        if css is None:
            css = CSS(
                string=fonts.font_face_css() + read_text(name),
                font_config=self.font_config,
                url_fetcher=_NO_FETCH,
                base_url=DOCUMENTS_DIR.as_uri() + "/",
            )
            self.stylesheets[name] = css
        return css


_pdf_resources = _PdfResources()

# Characters XML (and so DOCX) forbids; in PDFs they would only print as .notdef boxes.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@cache
def read_text(name: str) -> str:
    return (DOCUMENTS_DIR / name).read_text(encoding="utf-8")


@cache
def read_bytes(name: str) -> bytes:
    return (DOCUMENTS_DIR / name).read_bytes()


def html_to_pdf(html: str, stylesheet: str) -> bytes:
    """Lay out `html` with the cached stylesheet `templates/documents/<stylesheet>`."""
    res = _pdf_resources
    html = XML_INVALID.sub("", html)  # control characters typed by users have no glyph
    document = HTML(string=html, url_fetcher=_NO_FETCH, base_url=DOCUMENTS_DIR.as_uri() + "/")
    pdf = document.write_pdf(stylesheets=[res.stylesheet(stylesheet)], font_config=res.font_config, **_PDF_OPTIONS)
    assert pdf is not None
    return bytes(pdf)
