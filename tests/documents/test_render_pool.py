"""Renders in worker processes (`bot.documents.pool`, what `skp-bot run` uses): the documents are
the same as in a thread, and a pool whose worker died is replaced without losing the render."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest

from bot.documents import pool
from bot.documents.skp import render_documents, warm_up

from .helpers import docx_text, pdf_text, squash
from .samples import sample_view


@pytest.fixture
def one_worker():
    pool.start(1, warm_up)
    try:
        yield
    finally:
        pool.stop()


async def test_a_worker_process_renders_the_same_documents(one_worker: None) -> None:
    view = sample_view("JA", 3)
    assert pool.running()
    pdf, docx = await render_documents(view)
    assert pdf.startswith(b"%PDF") and docx.startswith(b"PK")
    for text in (squash(pdf_text(pdf)), squash(docx_text(docx))):
        assert squash(view.pegawai.nama) in text and squash(view.utama[0].rencana_kinerja) in text


async def test_a_dead_worker_is_replaced_and_the_render_still_arrives(one_worker: None) -> None:
    view = sample_view("JA", 1)
    await render_documents(view)  # the worker is up
    executor = pool._pool
    assert executor is not None
    for process in list(executor._processes.values()):  # type: ignore[union-attr]
        os.kill(process.pid, signal.SIGKILL)
    await asyncio.sleep(0.2)
    pdf, docx = await render_documents(view)  # falls back to a thread, a new pool is started
    assert pdf.startswith(b"%PDF") and docx.startswith(b"PK")
    assert pool.running() and pool._pool is not executor
    pdf, _docx = await render_documents(view)  # and the new pool renders
    assert pdf.startswith(b"%PDF")
