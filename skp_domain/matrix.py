"""Matriks Pembagian Peran dan Hasil (seed).

The top row lists the team's intermediate outcomes / products / services (the superior's results);
the left column lists each member (jabatan and name); each cell says what that member must achieve
for that outcome, or ``x`` where they play no part. A member's cell becomes a rencana kinerja in
their SKP.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from skp_domain.errors import DomainError

NO_ROLE = "x"
NOT_DRAFTED = "belum disusun"  # the member has not drafted yet: not the same as "no role"
DRAFT_MARK = " (draf)"  # content of an SKP not yet approved
PLANNED_MARK = " (rencana)"  # planned top-down by the penilai, not yet in the member's SKP
CELL_SEPARATOR = "; "


@dataclass(frozen=True)
class MatrixColumn:
    key: int
    title: str


@dataclass(frozen=True)
class MatrixMember:
    jabatan: str
    nama: str
    contributions: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    empty: str = NO_ROLE  # what a cell without contributions says: "x", or NOT_DRAFTED


@dataclass(frozen=True)
class Matrix:
    title: str
    columns: tuple[MatrixColumn, ...]
    rows: tuple[tuple[str, str, tuple[str, ...]], ...]  # (jabatan, nama, cells)

    @property
    def header(self) -> tuple[str, ...]:
        return ("JABATAN", "NAMA PEGAWAI", *(c.title for c in self.columns))


def build_matrix(title: str, columns: Sequence[MatrixColumn], members: Sequence[MatrixMember]) -> Matrix:
    """Lay out the matrix: one row per member, one cell per column (texts joined by ``"; "``, or
    the member's ``empty`` text: ``"x"`` when they play no part, ``"belum disusun"`` when they have
    not drafted yet)."""
    keys = [c.key for c in columns]
    if len(set(keys)) != len(keys):
        raise DomainError("Kolom matriks peran dan hasil tidak boleh berulang.")
    known = set(keys)
    rows: list[tuple[str, str, tuple[str, ...]]] = []
    for member in members:
        unknown = sorted(set(member.contributions) - known)
        if unknown:
            raise DomainError(
                f"Hasil kerja {member.nama} merujuk ke kolom yang tidak ada pada matriks ({unknown[0]})."
            )
        cells: list[str] = []
        for column in columns:
            texts = [t.strip() for t in member.contributions.get(column.key, ()) if t and t.strip()]
            cells.append(CELL_SEPARATOR.join(texts) if texts else member.empty)
        rows.append((member.jabatan, member.nama, tuple(cells)))
    return Matrix(title=title, columns=tuple(columns), rows=tuple(rows))
