"""The one view-model every SKP document (PDF and DOCX) is rendered from.

Everything here is already formatted text: NIPs with spaces, pangkat with golongan,
dates in Indonesian, numbers with decimal commas. Templates only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass

LAYOUTS = ("JPT", "JA", "JF")

TITLES = {
    "JPT": "SKP JABATAN PIMPINAN TINGGI (JPT) PRATAMA DAN CAMAT",
    "JA": "SKP JABATAN ADMINISTRASI",
    "JF": "SKP JABATAN FUNGSIONAL",
}

# Column headings of the main table, per layout (seed, PermenPANRB 8/2021).
COLUMNS = {
    "JPT": ("NO", "RENCANA KINERJA", "INDIKATOR KINERJA INDIVIDU", "TARGET"),
    "JA": (
        "NO",
        "RENCANA KINERJA ATASAN LANGSUNG",
        "RENCANA KINERJA",
        "ASPEK",
        "INDIKATOR KINERJA INDIVIDU",
        "TARGET",
    ),
    "JF": (
        "NO",
        "RENCANA KINERJA ATASAN LANGSUNG/UNIT KERJA/ ORGANISASI",
        "RENCANA KINERJA",
        "AK",
        "ASPEK",
        "INDIKATOR KINERJA INDIVIDU",
        "TARGET",
    ),
}

SECTION_UTAMA = "A. KINERJA UTAMA"
SECTION_TAMBAHAN = "B. KINERJA TAMBAHAN"


def dash(value: str | None) -> str:
    """Empty or missing text prints as `-`."""
    if value is None:
        return "-"
    text = value.strip()
    return text or "-"


@dataclass(frozen=True)
class PersonBlock:
    nama: str
    nip: str  # already formatted: "19910611 201206 2 001" (or an NRP / "-")
    pangkat: str  # "Pembina - IV/a"
    jabatan: str
    unit_kerja: str


@dataclass(frozen=True)
class IndicatorRow:
    aspek: str | None  # "Kuantitas" / "Kualitas" / "Waktu" / "Biaya"; None for JPT
    indikator: str
    target: str  # "3 kegiatan", "90,00 %"


@dataclass(frozen=True)
class ItemRow:
    no: int
    atasan: str  # superior's RK for JA/JF kinerja utama, "-" for tambahan / JPT
    rencana_kinerja: str
    ak: str | None  # JF only, "0,500"
    indicators: tuple[IndicatorRow, ...]
    basis: str | None = None  # kinerja tambahan: surat penugasan etc., printed as "Dasar: ..."
    # The superior's result is not approved yet: the cascade link is marked "(sementara)".
    provisional: bool = False


@dataclass(frozen=True)
class SkpView:
    layout: str  # "JPT" | "JA" | "JF"
    pegawai: PersonBlock
    penilai: PersonBlock
    periode: str  # "1 Januari 2026 s.d. 31 Desember 2026"
    utama: tuple[ItemRow, ...]
    tambahan: tuple[ItemRow, ...]
    tempat: str  # "Kebumen"
    tanggal: str  # "24 November 2026": signature date (approval date once approved)
    draft: bool  # True unless APPROVED: the document carries a visible DRAFT mark
    status_label: str  # "Draf", "Diajukan", "Perlu revisi", "Disetujui"
    instansi: str = "PEMERINTAH KABUPATEN KEBUMEN"

    def __post_init__(self) -> None:
        if self.layout not in LAYOUTS:
            raise ValueError(f"unknown SKP layout {self.layout!r}; expected one of {LAYOUTS}")

    @property
    def title(self) -> str:
        return TITLES[self.layout]

    @property
    def columns(self) -> tuple[str, ...]:
        return COLUMNS[self.layout]

    @property
    def has_aspek(self) -> bool:
        return self.layout != "JPT"

    @property
    def has_atasan(self) -> bool:
        return self.layout != "JPT"

    @property
    def has_ak(self) -> bool:
        return self.layout == "JF"
