"""render_documents runs off the event loop, at most RENDER_CONCURRENCY at a time."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from bot.documents import skp as render
from tests.documents.samples import sample_view


async def test_render_documents_returns_pdf_and_docx() -> None:
    pdf, docx = await render.render_documents(sample_view("JA", 2))
    assert pdf.startswith(b"%PDF")
    assert docx.startswith(b"PK")


async def test_renders_are_bounded_and_do_not_block_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    lock = threading.Lock()
    running = 0
    peak = 0

    def slow_render(view: object) -> tuple[bytes, bytes]:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.05)  # a blocking render
        with lock:
            running -= 1
        return b"%PDF", b"PK"

    monkeypatch.setattr(render, "_render_both", slow_render)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.005)

    tick_task = asyncio.create_task(ticker())
    view = sample_view("JPT", 1)
    results = await asyncio.gather(*(render.render_documents(view) for _ in range(8)))
    tick_task.cancel()
    assert results == [(b"%PDF", b"PK")] * 8
    assert peak == render.RENDER_CONCURRENCY == 2
    assert ticks >= 20  # the loop kept running while 8 x 50 ms of rendering happened
