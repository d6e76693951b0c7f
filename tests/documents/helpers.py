"""Helpers shared by the document tests: text extraction from PDF and DOCX, cached renders."""

from __future__ import annotations

import io
import re

from docx import Document
from pypdf import PdfReader

from bot.documents.skp import render_docx, render_pdf
from bot.documents.view import SkpView
from tests.documents.samples import sample_view

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """Drop all whitespace: PDF text wraps lines (and long words) anywhere."""
    return _WS.sub("", text)


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages(data))


def docx_text(data: bytes) -> str:
    """Body paragraphs, every table cell (once per merged cell), headers and footers."""
    doc = Document(io.BytesIO(data))
    chunks: list[str] = []
    for section in doc.sections:
        chunks += [p.text for p in section.header.paragraphs]
    chunks += [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                chunks.append(cell.text)
    for section in doc.sections:
        chunks += [p.text for p in section.footer.paragraphs]
    return "\n".join(chunks)


_CACHE: dict[tuple[str, int, bool], tuple[SkpView, bytes, bytes]] = {}


def rendered(layout: str, items: int = 5, approved: bool = False) -> tuple[SkpView, bytes, bytes]:
    """(view, pdf, docx) of a sample SKP, rendered once per test session."""
    key = (layout, items, approved)
    if key not in _CACHE:
        view = sample_view(layout, items, approved=approved)
        _CACHE[key] = (view, render_pdf(view), render_docx(view))
    return _CACHE[key]
