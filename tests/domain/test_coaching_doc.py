"""docs/coaching.md shows what the domain code returns today: its tables are printed by
docs/coaching_examples.py, and this test fails when page and code disagree."""

from __future__ import annotations

import contextlib
import io
import runpy
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_before_after_tables_match_the_code() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        runpy.run_path(str(DOCS / "coaching_examples.py"), run_name="__main__")
    page = (DOCS / "coaching.md").read_text(encoding="utf-8")
    rows = [line for line in out.getvalue().splitlines() if line.startswith("| ")]
    assert len(rows) >= 10 + 9
    missing = [row for row in rows if row not in page]
    assert not missing, "docs/coaching.md is out of date; rerun python docs/coaching_examples.py:\n" + "\n".join(
        missing
    )


def test_no_filler_in_the_first_suggestions_shown() -> None:
    page = (DOCS / "coaching.md").read_text(encoding="utf-8")
    table = page.split("## Before and after", 1)[1].split("## The corpus", 1)[0]
    for filler in ("secara optimal", "dengan baik", "maksimal"):
        assert filler not in table
