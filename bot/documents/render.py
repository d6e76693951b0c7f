"""Render an SKP (`SkpView`) to PDF (WeasyPrint) and DOCX (docxtpl).

Speed: WeasyPrint's FontConfiguration and the parsed stylesheet are built once per thread
and reused (building them costs more than laying out a 5-item SKP); the DOCX templates are
read from disk once and every render builds its DocxTemplate from the cached bytes.
Nothing external is ever fetched: the URL fetcher refuses every URL but the bot's own
font files (bot/documents/fonts.py).

`render_documents` runs both renders off the event loop under a module-level semaphore so a
burst of requests never starves the bot's other users.
"""

from __future__ import annotations

import asyncio
import atexit
import io
import re
import shutil
import threading
import weakref
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from docxtpl import DocxTemplate
from jinja2 import Environment
from markupsafe import Markup, escape
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from bot.documents import fonts
from bot.documents.view import SkpView
from bot.templating import TEMPLATES_DIR, environment

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
                string=fonts.font_face_css() + _read_text(name),
                font_config=self.font_config,
                url_fetcher=_NO_FETCH,
                base_url=DOCUMENTS_DIR.as_uri() + "/",
            )
            self.stylesheets[name] = css
        return css


_pdf_resources = _PdfResources()

# Characters XML (and so DOCX) forbids; in PDFs they would only print as .notdef boxes.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@cache
def _read_text(name: str) -> str:
    return (DOCUMENTS_DIR / name).read_text(encoding="utf-8")


@cache
def _read_bytes(name: str) -> bytes:
    return (DOCUMENTS_DIR / name).read_bytes()


def html_to_pdf(html: str, stylesheet: str) -> bytes:
    """Lay out `html` with the cached stylesheet `templates/documents/<stylesheet>`."""
    res = _pdf_resources
    html = _XML_INVALID.sub("", html)  # control characters typed by users have no glyph
    document = HTML(string=html, url_fetcher=_NO_FETCH, base_url=DOCUMENTS_DIR.as_uri() + "/")
    pdf = document.write_pdf(stylesheets=[res.stylesheet(stylesheet)], font_config=res.font_config, **_PDF_OPTIONS)
    assert pdf is not None
    return bytes(pdf)


# ---------------------------------------------------------------- PDF


def render_html(view: SkpView) -> str:
    """The SKP as HTML (the PDF's source); uses the project's one autoescaping environment."""
    return environment().get_template("documents/skp.html.j2").render(v=view)


def render_pdf(view: SkpView) -> bytes:
    return html_to_pdf(render_html(view), "skp.css")


# ---------------------------------------------------------------- DOCX

DOCX_TEMPLATES = {"JPT": "skp_jpt.docx", "JA": "skp_ja.docx", "JF": "skp_jf.docx"}


def _docx_text(value: object) -> Markup:
    """Escape for WordprocessingML and turn newlines into line breaks inside the run."""
    text = _XML_INVALID.sub("", "" if value is None else str(value))
    escaped = escape(text)
    if "\n" not in text:
        return escaped
    return Markup('</w:t><w:br/><w:t xml:space="preserve">').join(escaped.split("\n"))


class _DocxEnvironment(Environment):
    """WordprocessingML (not HTML) environment for docxtpl, autoescaping, that keeps compiled parts.

    docxtpl compiles every XML part of the template on every render (most of its run time);
    our templates never change at run time, so the compiled template is reused per source.
    """

    def __init__(self) -> None:
        super().__init__(autoescape=True)
        self.filters["t"] = _docx_text
        self._compiled: dict[str, Any] = {}
        self._compiled_lock = threading.Lock()

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            compiled = super().from_string(source)
            with self._compiled_lock:
                if len(self._compiled) > 64:  # a handful of parts x 3 layouts; never grows
                    self._compiled.clear()
                self._compiled[source] = compiled
        return compiled


@lru_cache(maxsize=1)
def _docx_env() -> _DocxEnvironment:
    return _DocxEnvironment()


@lru_cache(maxsize=64)
def _patched_xml(src_xml: str) -> str:
    return str(DocxTemplate.patch_xml(_PATCHER, src_xml))


class _SkpDocxTemplate(DocxTemplate):  # type: ignore[misc]
    """DocxTemplate whose (pure) XML clean-up step is memoised per template part."""

    def patch_xml(self, src_xml: str) -> str:
        return _patched_xml(src_xml)


_PATCHER = DocxTemplate.__new__(DocxTemplate)


def _docx_rows(view: SkpView) -> dict[str, list[dict[str, str]]]:
    """Flatten items to one row per indicator; `vm` drives the vertical merge of item cells."""
    sections: dict[str, list[dict[str, str]]] = {}
    for key, items in (("utama", view.utama), ("tambahan", view.tambahan)):
        rows: list[dict[str, str]] = []
        for it in items:
            inds = it.indicators or ()
            count = max(1, len(inds))
            for i in range(count):
                ind = inds[i] if inds else None
                first = i == 0
                rows.append(
                    {
                        "vm": "restart" if first else "continue",
                        "no": str(it.no) if first else "",
                        "atasan": it.atasan if first else "",
                        "rk": it.rencana_kinerja if first else "",
                        "basis": (it.basis or "") if first else "",
                        "ak": (it.ak or "-") if first else "",
                        "aspek": (ind.aspek or "-") if ind else "-",
                        "iki": ind.indikator if ind else "-",
                        "target": ind.target if ind else "-",
                    }
                )
        sections[key] = rows
    return sections


def docx_context(view: SkpView) -> Mapping[str, Any]:
    rows = _docx_rows(view)
    return {
        "v": view,
        "utama": rows["utama"],
        "tambahan": rows["tambahan"],
    }


def render_docx(view: SkpView) -> bytes:
    template = _SkpDocxTemplate(io.BytesIO(_read_bytes(DOCX_TEMPLATES[view.layout])))
    template.render(docx_context(view), jinja_env=_docx_env(), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- both, async


async def render_documents(view: SkpView) -> tuple[bytes, bytes]:
    """(pdf, docx), rendered in worker threads; at most RENDER_CONCURRENCY renders run at once."""
    async with render_slots():
        return await asyncio.to_thread(_render_both, view)


def _render_both(view: SkpView) -> tuple[bytes, bytes]:
    return render_pdf(view), render_docx(view)


_NON_ASCII_SAFE = re.compile(r"[^A-Za-z0-9]+")


def document_filename(view: SkpView, ext: str) -> str:
    """`SKP_2026_199106112012062001.pdf`: period year and NIP digits; ASCII, no personal names."""
    nip = "".join(ch for ch in view.pegawai.nip if ch.isascii() and ch.isdigit())
    years = re.findall(r"\b(\d{4})\b", view.periode)
    parts = ["SKP"]
    if years:
        parts.append(years[-1])
    if nip:
        parts.append(nip)
    stem = "_".join(_NON_ASCII_SAFE.sub("", p) for p in parts if p)
    return f"{stem}.{_NON_ASCII_SAFE.sub('', ext.lstrip('.')).lower() or 'bin'}"


def warm_up() -> None:
    """Build the cached font configuration, stylesheet and templates (call once at start-up)."""
    from bot.documents.samples import sample_view

    view = sample_view("JA", 1)
    render_pdf(view)
    render_docx(view)


__all__ = [
    "RENDER_CONCURRENCY",
    "document_filename",
    "render_documents",
    "render_docx",
    "render_html",
    "render_pdf",
    "warm_up",
]
