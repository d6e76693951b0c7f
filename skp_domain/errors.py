"""Domain errors. Every message is Indonesian and written for the PNS using the bot."""

from __future__ import annotations


class DomainError(ValueError):
    """Base class: a rule of the SKP domain was broken. ``str(e)`` is the user-facing message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NipError(DomainError):
    """A NIP (PNS or PPPK) is malformed."""


class GolonganError(DomainError):
    """A pangkat / golongan ruang could not be read."""


class JabatanError(DomainError):
    """A jenis jabatan could not be read."""


class TargetError(DomainError):
    """A target (number + unit) or an angka kredit is not acceptable."""


class TextError(DomainError):
    """A free-text field is empty or too long."""


class TransitionError(DomainError):
    """An SKP status change is not allowed."""


class AssessorError(DomainError):
    """A pejabat penilai / atasan pejabat penilai is not allowed for this jabatan."""


class CascadeError(DomainError):
    """A rencana kinerja does not cascade from an acceptable parent."""


class AkError(TargetError):
    """An angka kredit (AK) is not acceptable."""
