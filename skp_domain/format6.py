"""What PermenPANRB 6/2022 adds to the SKP: the approach (kuantitatif / kualitatif), the JPT's
perspektif, the seven BerAKHLAK core values with their panduan perilaku and the penilai's
ekspektasi khusus, the lampiran (dukungan sumber daya, skema pertanggungjawaban, konsekuensi)
and the tanggal penetapan. Pure data and checks; every message is Indonesian.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from skp_domain.errors import DomainError
from skp_domain.formats import SkpFormat
from skp_domain.jabatan import JenisJabatan, Kategori
from skp_domain.text import normalize_space


class LampiranError(DomainError):
    """The lampiran of a 6/2022 SKP is missing or not acceptable."""


class Pendekatan(StrEnum):
    """How results are measured: numbers per aspect (the default) or descriptively."""

    KUANTITATIF = "kuantitatif"
    KUALITATIF = "kualitatif"

    @property
    def label(self) -> str:
        return self.value.capitalize()


DEFAULT_PENDEKATAN = Pendekatan.KUANTITATIF


class Perspektif(StrEnum):
    """The balanced-scorecard perspective of a JPT's rencana hasil kerja."""

    PENERIMA_LAYANAN = "penerima_layanan"
    PROSES_BISNIS = "proses_bisnis"
    PENGUATAN_INTERNAL = "penguatan_internal"
    ANGGARAN = "anggaran"

    @property
    def label(self) -> str:
        return _PERSPEKTIF_LABELS[self]


_PERSPEKTIF_LABELS = {
    Perspektif.PENERIMA_LAYANAN: "Perspektif Penerima Layanan",
    Perspektif.PROSES_BISNIS: "Perspektif Proses Bisnis",
    Perspektif.PENGUATAN_INTERNAL: "Perspektif Penguatan Internal",
    Perspektif.ANGGARAN: "Perspektif Anggaran",
}


# ---------------------------------------------------------------------------
# Perilaku kerja: BerAKHLAK


@dataclass(frozen=True)
class CoreValue:
    key: str  # stable id stored in the database: "berorientasi_pelayanan"
    nama: str  # "Berorientasi Pelayanan"
    panduan: tuple[str, str, str]  # the three official panduan perilaku


BERAKHLAK: tuple[CoreValue, ...] = (
    CoreValue(
        "berorientasi_pelayanan",
        "Berorientasi Pelayanan",
        (
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif, dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ),
    ),
    CoreValue(
        "akuntabel",
        "Akuntabel",
        (
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
            "Menggunakan kekayaan dan BMN secara bertanggung jawab, efektif, dan efisien",
            "Tidak menyalahgunakan kewenangan jabatan",
        ),
    ),
    CoreValue(
        "kompeten",
        "Kompeten",
        (
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ),
    ),
    CoreValue(
        "harmonis",
        "Harmonis",
        (
            "Menghargai setiap orang apapun latar belakangnya",
            "Suka menolong orang lain",
            "Membangun lingkungan kerja yang kondusif",
        ),
    ),
    CoreValue(
        "loyal",
        "Loyal",
        (
            "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, "
            "setia pada NKRI serta pemerintahan yang sah",
            "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
            "Menjaga rahasia jabatan dan negara",
        ),
    ),
    CoreValue(
        "adaptif",
        "Adaptif",
        (
            "Cepat menyesuaikan diri menghadapi perubahan",
            "Terus berinovasi dan mengembangkan kreativitas",
            "Bertindak proaktif",
        ),
    ),
    CoreValue(
        "kolaboratif",
        "Kolaboratif",
        (
            "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
        ),
    ),
)
VALUE_KEYS: tuple[str, ...] = tuple(v.key for v in BERAKHLAK)
_BY_KEY = {v.key: v for v in BERAKHLAK}

EXAMPLE_EKSPEKTASI = "Menjadi role model/panutan dalam mengimplementasikan integritas dan disiplin di unit kerjanya"
MAX_EKSPEKTASI = 500


def core_value(key: str) -> CoreValue:
    try:
        return _BY_KEY[key]
    except KeyError:
        raise DomainError(f'Nilai perilaku "{key[:30]}" tidak dikenal.') from None


def clean_ekspektasi(text: str | None) -> str:
    """The penilai's ekspektasi khusus: may be empty ("-" or "kosong" also mean empty)."""
    cleaned = normalize_space(text or "")
    if cleaned.lower() in ("-", "kosong", "tidak ada", "tidak ada ekspektasi khusus"):
        return ""
    if len(cleaned) > MAX_EKSPEKTASI:
        raise DomainError(f"Ekspektasi khusus maksimal {MAX_EKSPEKTASI} karakter; teks Anda {len(cleaned)} karakter.")
    return cleaned


def effective_expectations(team: Mapping[str, str], own: Mapping[str, str | None]) -> dict[str, str]:
    """Per value: the person's own ekspektasi when the penilai adjusted it (an empty string is an
    adjustment to "no expectation"), else the team's, else empty."""
    out: dict[str, str] = {}
    for key in VALUE_KEYS:
        mine = own.get(key)
        out[key] = mine if mine is not None else team.get(key, "")
    return out


# ---------------------------------------------------------------------------
# Lampiran


@dataclass(frozen=True)
class Lampiran:
    dukungan_sumber_daya: str
    skema_pertanggungjawaban: str
    konsekuensi: str


LAMPIRAN_FIELDS: tuple[tuple[str, str], ...] = (
    ("dukungan_sumber_daya", "Dukungan Sumber Daya"),
    ("skema_pertanggungjawaban", "Skema Pertanggungjawaban"),
    ("konsekuensi", "Konsekuensi"),
)
MAX_LAMPIRAN = 1500


def default_lampiran(unit_kerja: str = "") -> Lampiran:
    """What most penilai write, ready to accept with one tap (and to adjust)."""
    unit = normalize_space(unit_kerja) or "unit kerja"
    return Lampiran(
        dukungan_sumber_daya=(
            f"1. Anggaran kegiatan sesuai DPA {unit}.\n"
            "2. Sarana dan prasarana kerja (ruang kerja, komputer, jaringan internet).\n"
            "3. Aplikasi pendukung (e-Kinerja BKN dan sistem informasi kepegawaian).\n"
            "4. Dukungan dan kerja sama tim kerja serta pimpinan unit kerja."
        ),
        skema_pertanggungjawaban=(
            "1. Hasil kerja dilaporkan kepada pejabat penilai kinerja secara berkala setiap triwulan "
            "melalui e-Kinerja, disertai bukti dukung.\n"
            "2. Capaian dibahas dalam dialog kinerja dan umpan balik berkelanjutan dengan pejabat penilai.\n"
            "3. Evaluasi kinerja tahunan dilakukan pada akhir periode penilaian."
        ),
        konsekuensi=(
            "1. Capaian hasil kerja dan perilaku kerja menjadi dasar penetapan predikat kinerja pegawai.\n"
            "2. Predikat kinerja digunakan untuk pengembangan karier, pengembangan kompetensi, "
            "pemberian penghargaan dan tambahan penghasilan sesuai ketentuan.\n"
            "3. Hasil kerja yang tidak tercapai ditindaklanjuti dengan pembinaan sesuai ketentuan "
            "peraturan perundang-undangan."
        ),
    )


def clean_lampiran_text(text: str | None, label: str) -> str:
    """One lampiran field: line breaks are kept (numbered lists), other whitespace collapses."""
    lines = [normalize_space(line) for line in (text or "").replace("\r", "\n").split("\n")]
    cleaned = "\n".join(line for line in lines if line)
    if not cleaned:
        raise LampiranError(f"{label} tidak boleh kosong.")
    if len(cleaned) > MAX_LAMPIRAN:
        raise LampiranError(f"{label} maksimal {MAX_LAMPIRAN} karakter; teks Anda {len(cleaned)} karakter.")
    return cleaned


def lampiran_problems(lampiran: Lampiran | None) -> list[str]:
    """What keeps this lampiran from being complete (empty list: complete)."""
    if lampiran is None:
        return ["Lampiran SKP (dukungan sumber daya, skema pertanggungjawaban, konsekuensi) belum diisi."]
    return [
        f"{label} pada lampiran SKP belum diisi."
        for field, label in LAMPIRAN_FIELDS
        if not normalize_space(getattr(lampiran, field) or "")
    ]


LAMPIRAN_REQUIRED = (
    "SKP ini belum dapat disetujui: lampiran SKP (dukungan sumber daya, skema pertanggungjawaban, "
    "konsekuensi) belum diisi oleh pejabat penilai. Isi lampirannya dulu (boleh memakai isian baku "
    "dengan satu ketukan), lalu setujui."
)


def check_approvable(skp_format: SkpFormat, lampiran: Lampiran | None) -> None:
    """Under 6/2022 an SKP is approved together with its lampiran; raises :class:`LampiranError`."""
    if SkpFormat(skp_format) is SkpFormat.PERMENPANRB_6_2022 and lampiran_problems(lampiran):
        raise LampiranError(LAMPIRAN_REQUIRED)


# ---------------------------------------------------------------------------
# Tanggal penetapan


def end_of_first_month(start: dt.date) -> dt.date:
    """The last day of the period's first month (1 Januari -> 31 Januari; 15 Juli -> 14 Agustus)."""
    year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    first_of_next = dt.date(year, month, 1)
    if start.day == 1:
        return first_of_next - dt.timedelta(days=1)
    following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    last_of_next = following - dt.timedelta(days=1)
    return min(dt.date(year, month, min(start.day, last_of_next.day)), last_of_next) - dt.timedelta(days=1)


def default_tanggal_penetapan(
    skp_format: SkpFormat, approved_on: dt.date, period_start: dt.date, period_end: dt.date
) -> dt.date:
    """The approval date; under 6/2022 (the SKP is set in the period's first month) it is brought
    into that month: no later than its last day."""
    if SkpFormat(skp_format) is SkpFormat.PERMENPANRB_6_2022:
        return min(approved_on, end_of_first_month(period_start))
    return min(approved_on, period_end)


EARLIEST_DAYS_BEFORE = 92  # drafting may start up to three months before the period


def check_tanggal_penetapan(skp_format: SkpFormat, value: dt.date, period_start: dt.date, period_end: dt.date) -> None:
    earliest = period_start - dt.timedelta(days=EARLIEST_DAYS_BEFORE)
    latest = end_of_first_month(period_start) if SkpFormat(skp_format) is SkpFormat.PERMENPANRB_6_2022 else period_end
    if value < earliest:
        raise DomainError("Tanggal penetapan terlalu jauh sebelum periode dimulai (paling awal tiga bulan sebelumnya).")
    if value > latest:
        if SkpFormat(skp_format) is SkpFormat.PERMENPANRB_6_2022:
            raise DomainError(
                "Menurut PermenPANRB 6/2022 SKP ditetapkan pada bulan pertama periode; "
                "pilih tanggal paling lambat pada akhir bulan pertama periode."
            )
        raise DomainError("Tanggal penetapan harus sebelum periode berakhir.")


# ---------------------------------------------------------------------------
# The document's title lines


def jabatan_heading(jenis: JenisJabatan) -> str:
    """``JABATAN PIMPINAN TINGGI`` | ``ADMINISTRASI`` | ``PELAKSANA`` | ``FUNGSIONAL`` (6/2022)."""
    jenis = JenisJabatan(jenis)
    if jenis.kategori is Kategori.JPT:
        return "JABATAN PIMPINAN TINGGI"
    if jenis.kategori is Kategori.JF:
        return "JABATAN FUNGSIONAL"
    if jenis is JenisJabatan.PELAKSANA:
        return "JABATAN PELAKSANA"
    return "JABATAN ADMINISTRASI"


def jabatan_heading_8_2021(jenis: JenisJabatan) -> str:
    """The seed's form names, with the JPT Madya (the Sekda) under its own title."""
    jenis = JenisJabatan(jenis)
    if jenis is JenisJabatan.JPT_MADYA:
        return "JABATAN PIMPINAN TINGGI (JPT) MADYA"
    if jenis.kategori is Kategori.JPT:
        return "JABATAN PIMPINAN TINGGI (JPT) PRATAMA DAN CAMAT"
    if jenis.kategori is Kategori.JF:
        return "JABATAN FUNGSIONAL"
    return "JABATAN ADMINISTRASI"
