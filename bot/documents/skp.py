"""Render an SKP (`SkpView`) to PDF (through `bot.documents.pdf`) and DOCX (docxtpl).

The DOCX templates are read from disk once and every render builds its DocxTemplate from the
cached bytes. `render_documents` runs both renders off the event loop, at most
`RENDER_CONCURRENCY` at once, so a burst of requests never starves the bot's other users.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment
from markupsafe import Markup, escape

from bot.documents import pool
from bot.documents.pdf import RENDER_CONCURRENCY, XML_INVALID, html_to_pdf, read_bytes, render_slots
from bot.documents.view import IndicatorRow, ItemRow, PersonBlock, SkpView
from bot.templating import environment

# ---------------------------------------------------------------- PDF


def render_html(view: SkpView) -> str:
    """The SKP as HTML (the PDF's source); uses the project's one autoescaping environment."""
    name = "documents/skp_6_2022.html.j2" if view.six else "documents/skp.html.j2"
    return environment().get_template(name).render(v=view)


def render_pdf(view: SkpView) -> bytes:
    return html_to_pdf(render_html(view), "skp.css")


# ---------------------------------------------------------------- DOCX

DOCX_TEMPLATES = {
    "JPT": "skp_jpt.docx",
    "JA": "skp_ja.docx",
    "JF": "skp_jf.docx",
    "6-JPT": "skp6_jpt.docx",
    "6-KUANTITATIF": "skp6_kuantitatif.docx",
    "6-KUALITATIF": "skp6_kualitatif.docx",
}


def _docx_text(value: object) -> Markup:
    """Escape for WordprocessingML and turn newlines into line breaks inside the run."""
    text = XML_INVALID.sub("", "" if value is None else str(value))
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
    """Flatten items to one row per indicator. `vm` drives the vertical merge of item cells;
    `kn` (keep with next) holds an item's rows on one page and the last rows with the signatures."""
    sections: dict[str, list[dict[str, str]]] = {}
    for key, items in (("utama", view.utama), ("tambahan", view.tambahan)):
        rows: list[dict[str, str]] = []
        for position, it in enumerate(items):
            inds = it.indicators or ()
            count = max(1, len(inds))
            signature_follows = key == "tambahan" and not view.six and position == len(items) - 1
            for i in range(count):
                ind = inds[i] if inds else None
                first = i == 0
                last_row = i == count - 1
                rows.append(
                    {
                        "vm": "restart" if first else "continue",
                        "kn": "true" if (not last_row or signature_follows) else "false",
                        "no": str(it.no) if first else "",
                        "atasan": (it.atasan + (" (sementara)" if it.provisional else "")) if first else "",
                        "rk": it.rencana_kinerja if first else "",
                        "basis": (it.basis or "") if first else "",
                        "pdari": (it.penugasan_dari or "") if first else "",
                        "ak": (it.ak or "-") if first else "",
                        "aspek": (ind.aspek or "-") if ind else "-",
                        "iki": ind.indikator if ind else "-",
                        "target": ind.target if ind else "-",
                        "persp": (it.perspektif or "-") if first else "",
                    }
                )
        sections[key] = rows
    return sections


# Twips (1/1440 inch) of the paper, landscape.
PAGE_TWIPS = {"A4": {"w": "16838", "h": "11906"}, "F4": {"w": "18709", "h": "12189"}}


def docx_context(view: SkpView) -> Mapping[str, Any]:
    rows = _docx_rows(view)
    perilaku = [
        {
            "no": str(p.no),
            "nama": p.nama,
            "panduan": "\n".join(f"{n}. {g}" for n, g in enumerate(p.panduan, start=1)),
            "ekspektasi": p.ekspektasi or "-",
            # the last two values stay with the signature block below them
            "kn": "true" if p.no >= len(view.perilaku) - 1 else "false",
        }
        for p in view.perilaku
    ]
    missing = "(belum diisi oleh pejabat penilai kinerja)"
    lampiran = view.lampiran
    return {
        "v": view,
        "utama": rows["utama"],
        "tambahan": rows["tambahan"],
        "perilaku": perilaku,
        "lampiran": {
            "dukungan_sumber_daya": lampiran.dukungan_sumber_daya if lampiran else missing,
            "skema_pertanggungjawaban": lampiran.skema_pertanggungjawaban if lampiran else missing,
            "konsekuensi": lampiran.konsekuensi if lampiran else missing,
        },
        "page": PAGE_TWIPS[view.paper],
    }


def render_docx(view: SkpView) -> bytes:
    template = _SkpDocxTemplate(io.BytesIO(read_bytes(DOCX_TEMPLATES[view.column_key])))
    template.render(docx_context(view), jinja_env=_docx_env(), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- both, async


async def render_documents(view: SkpView) -> tuple[bytes, bytes]:
    """(pdf, docx), rendered in a worker process (`bot.documents.pool`, under `skp-bot run`) or a
    thread; at most RENDER_CONCURRENCY renders run at once."""
    async with render_slots():
        return await pool.render(_render_both, view)


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


def _warm_up_view() -> SkpView:
    """A made-up one-item SKP (no real person) that touches every part of the layout."""
    person = PersonBlock("Contoh Pegawai", "19900101 201501 1 001", "Penata - III/c", "Contoh Jabatan", "Contoh Unit")
    item = ItemRow(
        no=1,
        atasan="Contoh rencana kinerja atasan",
        rencana_kinerja="Contoh rencana kinerja tersusun tepat waktu",
        ak=None,
        indicators=(IndicatorRow("Kuantitas", "Jumlah dokumen", "1 dokumen"),),
    )
    return SkpView(
        layout="JA", pegawai=person, penilai=person, periode="1 Januari 2027 s.d. 31 Desember 2027",
        utama=(item,), tambahan=(), tempat="Contoh", tanggal="1 Januari 2027", draft=True, status_label="Draf",
    )


def warm_up() -> None:
    """Build the cached font configuration, stylesheet and templates (call once at start-up)."""
    view = _warm_up_view()
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
