"""The one view-model every SKP document (PDF and DOCX) is rendered from.

Everything here is already formatted text: NIPs with spaces, pangkat with golongan,
dates in Indonesian, numbers with decimal commas. Templates only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass

LAYOUTS = ("JPT", "JA", "JF")
FORMAT_6_2022 = "permenpanrb-6-2022"  # skp_domain.formats.SkpFormat values
FORMAT_8_2021 = "permenpanrb-8-2021"
PAPERS = ("A4", "F4")

TITLE = "SASARAN KINERJA PEGAWAI"  # the official title, in both formats

# The form's name below the title in the seed's 8/2021 layouts (the JPT Madya has its own: see
# skp_domain.format6.jabatan_heading_8_2021, which fills SkpView.jabatan_heading).
TITLES = {
    "JPT": "JABATAN PIMPINAN TINGGI (JPT) PRATAMA DAN CAMAT",
    "JA": "JABATAN ADMINISTRASI",
    "JF": "JABATAN FUNGSIONAL",
}
DEFAULT_HEADINGS_6_2022 = {
    "JPT": "JABATAN PIMPINAN TINGGI",
    "JA": "JABATAN ADMINISTRASI",
    "JF": "JABATAN FUNGSIONAL",
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

RHK_PIMPINAN = "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI"
# PermenPANRB 6/2022 (e-Kinerja): the HASIL KERJA table, with a column-number row below.
COLUMNS_6_2022 = {
    "JPT": ("NO", RHK_PIMPINAN, "RENCANA HASIL KERJA", "INDIKATOR KINERJA INDIVIDU", "TARGET", "PERSPEKTIF"),
    "KUANTITATIF": ("NO", RHK_PIMPINAN, "RENCANA HASIL KERJA", "ASPEK", "INDIKATOR KINERJA INDIVIDU", "TARGET"),
    "KUALITATIF": ("NO", RHK_PIMPINAN, "RENCANA HASIL KERJA", "INDIKATOR KINERJA INDIVIDU", "TARGET"),
}

SECTION_UTAMA = "A. KINERJA UTAMA"
SECTION_TAMBAHAN = "B. KINERJA TAMBAHAN"
SECTION_UTAMA_6_2022 = "A. UTAMA"
SECTION_TAMBAHAN_6_2022 = "B. TAMBAHAN"


def dash(value: str | None) -> str:
    """Empty or missing text prints as `-`."""
    if value is None:
        return "-"
    text = value.strip()
    return text or "-"


@dataclass(frozen=True)
class PersonBlock:
    nama: str
    nip: str  # already formatted: "19910611 201206 2 001" (or an NRP); "" = none: no "NIP." line
    pangkat: str  # "Pembina - IV/a", "Golongan IX"; "-" = none (printed in the table only)
    jabatan: str
    unit_kerja: str

    @property
    def nip_cell(self) -> str:
        return self.nip or "-"

    @property
    def has_nip(self) -> bool:
        return bool(self.nip.strip()) and self.nip.strip() != "-"

    @property
    def has_pangkat(self) -> bool:
        return bool(self.pangkat.strip()) and self.pangkat.strip() != "-"


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
    perspektif: str | None = None  # JPT under 6/2022: "Perspektif Penerima Layanan"
    penugasan_dari: str | None = None  # tambahan under 6/2022: printed as "Penugasan dari ..."
    # The superior's result is not approved yet: the cascade link is marked "(sementara)".
    provisional: bool = False


@dataclass(frozen=True)
class PerilakuRow:
    """One BerAKHLAK value: its three panduan perilaku and the penilai's ekspektasi khusus."""

    no: int
    nama: str  # "Berorientasi Pelayanan"
    panduan: tuple[str, ...]
    ekspektasi: str  # may be empty


@dataclass(frozen=True)
class LampiranView:
    dukungan_sumber_daya: str
    skema_pertanggungjawaban: str
    konsekuensi: str


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
    format: str = FORMAT_8_2021
    jabatan_heading: str = ""  # "JABATAN PELAKSANA"...; empty: the layout's default
    kualitatif: bool = False  # 6/2022 pendekatan hasil kerja kualitatif (no aspect grid)
    perilaku: tuple[PerilakuRow, ...] = ()  # 6/2022: the seven BerAKHLAK values
    lampiran: LampiranView | None = None  # 6/2022; None: not written yet
    paper: str = "A4"  # A4 or F4 (215 x 330 mm), landscape

    def __post_init__(self) -> None:
        if self.layout not in LAYOUTS:
            raise ValueError(f"unknown SKP layout {self.layout!r}; expected one of {LAYOUTS}")
        if self.format not in (FORMAT_6_2022, FORMAT_8_2021):
            raise ValueError(f"unknown SKP format {self.format!r}")
        if self.paper not in PAPERS:
            raise ValueError(f"unknown paper {self.paper!r}; expected one of {PAPERS}")

    @property
    def six(self) -> bool:
        return self.format == FORMAT_6_2022

    @property
    def title(self) -> str:
        return TITLE

    @property
    def subtitle(self) -> str:
        """The jabatan line below the title."""
        if self.jabatan_heading:
            return self.jabatan_heading
        return DEFAULT_HEADINGS_6_2022[self.layout] if self.six else TITLES[self.layout]

    @property
    def pendekatan(self) -> str:
        return "KUALITATIF" if self.kualitatif else "KUANTITATIF"

    @property
    def columns(self) -> tuple[str, ...]:
        if not self.six:
            return COLUMNS[self.layout]
        if self.layout == "JPT":
            return COLUMNS_6_2022["JPT"]
        return COLUMNS_6_2022["KUALITATIF" if self.kualitatif else "KUANTITATIF"]

    @property
    def section_labels(self) -> tuple[str, str]:
        if self.six:
            return SECTION_UTAMA_6_2022, SECTION_TAMBAHAN_6_2022
        return SECTION_UTAMA, SECTION_TAMBAHAN

    @property
    def has_aspek(self) -> bool:
        return self.layout != "JPT" and not (self.six and self.kualitatif)

    @property
    def has_atasan(self) -> bool:
        return self.six or self.layout != "JPT"

    @property
    def has_ak(self) -> bool:
        return self.layout == "JF" and not self.six

    @property
    def has_perspektif(self) -> bool:
        return self.six and self.layout == "JPT"

    @property
    def column_key(self) -> str:
        """Which table layout: JPT/JA/JF (8/2021) or 6-JPT/6-KUANTITATIF/6-KUALITATIF."""
        if not self.six:
            return self.layout
        if self.layout == "JPT":
            return "6-JPT"
        return "6-KUALITATIF" if self.kualitatif else "6-KUANTITATIF"

    @property
    def page_size_css(self) -> str:
        return "330mm 215mm" if self.paper == "F4" else "297mm 210mm"
