"""Benchmark SKP document rendering.

    python bench/bench_render.py [--runs 30] [--items 5] [--layout JA] [--fonttools]

Warms up, then times render_pdf and render_docx for one SKP (median / p90 ms, pages),
then renders 10 SKPs concurrently through render_documents to show the semaphore bound
(peak concurrent renders) and how responsive the event loop stays meanwhile.
`--fonttools` forces WeasyPrint's slower fontTools subsetter, as on a machine without
the HarfBuzz subsetter (Debian package libharfbuzz-subset0).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import platform
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _time(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--items", type=int, default=5)
    parser.add_argument("--layout", default="JA", choices=["JPT", "JA", "JF"])
    parser.add_argument("--concurrent", type=int, default=10)
    no_hb = "simulate a machine without libharfbuzz-subset"
    parser.add_argument("--fonttools", action="store_true", help=no_hb)
    parser.add_argument(
        "--processes", type=int, default=0,
        help="render the concurrent part in N worker processes (bot.documents.pool, as skp-bot run does; "
        "default 0: threads)",
    )
    args = parser.parse_args()

    import weasyprint
    import weasyprint.pdf.fonts as wp_fonts

    if args.fonttools:
        wp_fonts.harfbuzz_subset = None  # type: ignore[attr-defined]
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    from pypdf import PdfReader

    from bot.documents import skp as render
    from tests.documents.samples import sample_view

    view = sample_view(args.layout, args.items)
    subsetter = "harfbuzz" if getattr(wp_fonts, "harfbuzz_subset", None) else "fonttools"
    print(
        f"python {platform.python_version()}, weasyprint {weasyprint.__version__}, "
        f"{os.cpu_count()} cpu, font subsetter: {subsetter}"
    )

    start = time.perf_counter()
    render.warm_up()
    print(f"warm-up (fonts, stylesheet, templates): {(time.perf_counter() - start) * 1000:.0f} ms")
    for _ in range(3):
        render.render_pdf(view)
        render.render_docx(view)

    pdf = render.render_pdf(view)
    docx = render.render_docx(view)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    pdf_ms = _time(lambda: render.render_pdf(view), args.runs)
    docx_ms = _time(lambda: render.render_docx(view), args.runs)
    label = f"{args.layout} SKP, {args.items} items + {len(view.tambahan)} tambahan"
    print(f"\n{label}, {args.runs} runs each")
    print(
        f"  render_pdf : median {statistics.median(pdf_ms):6.1f} ms   p90 {_percentile(pdf_ms, 0.9):6.1f} ms"
        f"   {pages} page(s), {len(pdf) / 1024:.0f} KiB"
    )
    docx_median, docx_p90 = statistics.median(docx_ms), _percentile(docx_ms, 0.9)
    docx_kib = len(docx) / 1024
    print(f"  render_docx: median {docx_median:6.1f} ms   p90 {docx_p90:6.1f} ms   {docx_kib:.0f} KiB")

    # Concurrency: count renders in flight, and measure event-loop lag meanwhile.
    original = render._render_both
    lock = threading.Lock()
    in_flight = 0
    peak = 0

    def counted(v: object) -> tuple[bytes, bytes]:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        try:
            return original(v)  # type: ignore[arg-type]
        finally:
            with lock:
                in_flight -= 1

    from bot.documents import pool

    if args.processes:
        pool.start(args.processes, render.warm_up)  # peak in flight is then bounded by the semaphore, not counted
    else:
        render._render_both = counted  # type: ignore[assignment]

    async def concurrent() -> tuple[float, float, float]:
        lags: list[float] = []
        stop = asyncio.Event()

        async def ticker() -> None:
            while not stop.is_set():
                before = time.perf_counter()
                await asyncio.sleep(0.01)
                lags.append((time.perf_counter() - before - 0.01) * 1000)

        if args.processes:  # workers started and warm before measuring
            await asyncio.gather(*(render.render_documents(view) for _ in range(args.processes * 2)))
        tick = asyncio.create_task(ticker())
        start = time.perf_counter()
        results = await asyncio.gather(*(render.render_documents(view) for _ in range(args.concurrent)))
        wall = (time.perf_counter() - start) * 1000
        stop.set()
        await tick
        assert all(p.startswith(b"%PDF") and d.startswith(b"PK") for p, d in results)
        return wall, max(lags) if lags else 0.0, _percentile(lags, 0.99) if lags else 0.0

    wall, lag, lag99 = asyncio.run(concurrent())
    render._render_both = original
    pool.stop()
    where = f"{args.processes} worker processes" if args.processes else "threads"
    print(
        f"\n{args.concurrent} concurrent render_documents (PDF + DOCX each) in {where}, "
        f"RENDER_CONCURRENCY={render.RENDER_CONCURRENCY}"
    )
    print(
        f"  wall {wall:.0f} ms, {wall / args.concurrent:.0f} ms per SKP, peak renders in flight "
        f"{peak if not args.processes else '≤' + str(render.RENDER_CONCURRENCY)}, "
        f"event-loop lag max {lag:.1f} ms, p99 {lag99:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
