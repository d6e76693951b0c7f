"""The progress chart `/rekap` sends above the numbers: one horizontal stacked bar per OPD (or per
unit kerja of a single-OPD roll-out) — not linked / not started / draft / submitted / approved.

matplotlib's object API on the Agg canvas (no pyplot, no display, no global state: safe in a
worker thread); imported on first use so the bot does not pay for it at start.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

MAX_BARS = 30
LABEL_WIDTH = 34

# (field, legend label, colour)
SEGMENTS = (
    ("not_linked", "Belum terhubung", "#b0b0b0"),
    ("not_started", "Belum mulai", "#f4a261"),
    ("draft", "Draf / revisi", "#e9c46a"),
    ("submitted", "Diajukan", "#4c8fd6"),
    ("approved", "Disetujui", "#2a9d8f"),
)


@dataclass(frozen=True)
class ChartBar:
    label: str
    not_linked: int = 0
    not_started: int = 0
    draft: int = 0
    submitted: int = 0
    approved: int = 0

    @property
    def total(self) -> int:
        return self.not_linked + self.not_started + self.draft + self.submitted + self.approved


def _label(text: str) -> str:
    lines = textwrap.wrap(text, LABEL_WIDTH) or ["-"]
    return "\n".join(lines[:2]) + ("…" if len(lines) > 2 else "")


def render_progress_chart(title: str, bars: Sequence[ChartBar]) -> bytes:
    """PNG bytes. More than MAX_BARS groups: the largest are shown, the note says how many are not."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    shown = list(bars)
    hidden = 0
    if len(shown) > MAX_BARS:
        keep = {id(b) for b in sorted(shown, key=lambda b: -b.total)[:MAX_BARS]}
        hidden = len(shown) - MAX_BARS
        shown = [b for b in shown if id(b) in keep]
    shown.reverse()  # barh draws bottom-up; the first group goes on top
    rows = max(len(shown), 1)
    figure = Figure(figsize=(10, 1.9 + 0.42 * rows), dpi=110, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(shown)))
    left = [0] * len(shown)
    widest = max((b.total for b in shown), default=0) or 1
    for field, legend, colour in SEGMENTS:
        values = [getattr(b, field) for b in shown]
        axes.barh(positions, values, left=left, color=colour, label=legend, height=0.7, edgecolor="white")
        for y, (start, value) in enumerate(zip(left, values, strict=True)):
            if value and value / widest >= 0.04:
                axes.text(start + value / 2, y, str(value), ha="center", va="center", fontsize=8, color="black")
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(positions, [_label(b.label) for b in shown], fontsize=8)
    axes.set_xlabel("jumlah pegawai")
    axes.set_xlim(0, widest * 1.02)
    axes.set_ylim(-0.6, rows - 0.4)
    axes.spines[["top", "right"]].set_visible(False)
    figure.suptitle(title, fontsize=11, x=0.01, ha="left")
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=len(SEGMENTS), fontsize=8, frameon=False)
    if not shown:
        axes.text(0.5, 0.5, "Belum ada pegawai aktif", transform=axes.transAxes, ha="center")
    if hidden:
        axes.set_xlabel(f"jumlah pegawai  (… dan {hidden} lainnya: lihat berkas XLSX)")
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
