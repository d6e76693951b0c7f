"""``skp-bot check-rhk``: classify rencana kinerja phrases (pencapaian / aktivitas / kategori)."""

from __future__ import annotations

from typing import TextIO

from skp_domain.result_language import classify


def run_check_rhk(phrases: list[str] | None, file: str | None, stdin: TextIO, stdout: TextIO) -> int:
    """Print ``phrase<TAB>KIND<TAB>suggestion`` for each phrase.

    Phrases come from ``phrases``, else one per line from ``file`` (``"-"`` = stdin), else stdin.
    Blank lines are skipped.
    """
    if phrases:
        lines = list(phrases)
    elif file and file != "-":
        with open(file, encoding="utf-8-sig") as handle:
            lines = handle.read().splitlines()
    else:
        lines = stdin.read().splitlines()
    for line in lines:
        if not line.strip():
            continue
        result = classify(line)
        stdout.write(f"{result.phrase}\t{result.kind.value}\t{result.suggestion or ''}\n")
    return 0
