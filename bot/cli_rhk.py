"""``skp-bot check-rhk``: classify rencana kinerja phrases (pencapaian / aktivitas / kategori).

One line of output per phrase, tab-separated: ``phrase<TAB>KIND<TAB>first suggestion``. A line that
cannot be checked (only punctuation, longer than a rencana kinerja may be, not UTF-8 text) gets
``phrase<TAB>GALAT<TAB>Baris N: <reason>`` instead, and the batch goes on with the next line; the
exit status is then 1 (0 when every line was checked).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TextIO

from skp_domain.errors import DomainError
from skp_domain.result_language import classify
from skp_domain.text import MAX_RK, clean_text, normalize_space, shorten

ERROR = "GALAT"
SHOWN = 80  # how much of a bad line is quoted back


def _decoded(data: bytes) -> Iterator[tuple[int, str | None]]:
    """(line number, text) for each line of raw bytes; text None when the line is not UTF-8."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    for number, raw in enumerate(data.splitlines(), start=1):
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None


def _numbered(phrases: list[str] | None, file: str | None, stdin: TextIO) -> Iterator[tuple[int, str | None]]:
    if phrases:
        yield from enumerate(phrases, start=1)
        return
    if file and file != "-":
        with open(file, "rb") as handle:
            yield from _decoded(handle.read())
        return
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:  # the real stdin: bytes, so one badly encoded line does not stop the rest
        yield from _decoded(buffer.read())
        return
    yield from enumerate(stdin.read().removeprefix("\ufeff").splitlines(), start=1)


def _line(number: int, text: str | None) -> tuple[str, bool]:
    """The output line for one input line, and whether it could be checked."""
    if text is None:
        return f"-\t{ERROR}\tBaris {number}: bukan teks UTF-8; simpan berkasnya sebagai UTF-8.\n", False
    shown = normalize_space(text)
    try:
        clean_text(text, "Rencana kinerja", MAX_RK)
        result = classify(text)
    except DomainError as exc:
        return f"{shorten(shown, SHOWN) or '-'}\t{ERROR}\tBaris {number}: {exc.message}\n", False
    except Exception as exc:  # one phrase the checker cannot handle must not stop the batch
        reason = f"tidak dapat diperiksa ({type(exc).__name__})."
        return f"{shorten(shown, SHOWN) or '-'}\t{ERROR}\tBaris {number}: {reason}\n", False
    return f"{result.phrase}\t{result.kind.value}\t{result.suggestion or ''}\n", True


def _why(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "tidak ditemukan"
    if isinstance(exc, IsADirectoryError):
        return "itu sebuah folder, bukan berkas"
    if isinstance(exc, PermissionError):
        return "tidak ada izin untuk membacanya"
    return type(exc).__name__


def run_check_rhk(
    phrases: list[str] | None, file: str | None, stdin: TextIO, stdout: TextIO, stderr: TextIO | None = None
) -> int:
    """Print ``phrase<TAB>KIND<TAB>suggestion`` for each phrase (``GALAT`` lines for those that
    cannot be checked). Returns 0 when every line was checked, 1 when some were not, 2 when the
    file cannot be read.

    Phrases come from ``phrases``, else one per line from ``file`` (``"-"`` = stdin), else stdin.
    Blank lines are skipped (line numbers still count them).
    """
    stderr = stderr if stderr is not None else sys.stderr
    failed = 0
    try:
        for number, text in _numbered(phrases, file, stdin):
            if text is not None and not text.strip():
                continue
            line, ok = _line(number, text)
            stdout.write(line)
            failed += not ok
    except OSError as exc:
        stderr.write(f"Berkas {file} tidak dapat dibaca: {_why(exc)}.\n")
        return 2
    if failed:
        stderr.write(f"{failed} baris tidak dapat diperiksa (ditandai {ERROR}).\n")
        return 1
    return 0
