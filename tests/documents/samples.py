"""Sample SKP views built from the seed's real people and items (BKPSDM Kebumen).

Used by tests, the benchmark and previews. `sample_view(layout, items)` pads the seed's
items with realistic extra ones so any number of kinerja utama items can be rendered.
"""

from __future__ import annotations

from bot.documents.matrix import MatrixView
from bot.documents.view import (
    FORMAT_6_2022,
    LAYOUTS,
    IndicatorRow,
    ItemRow,
    LampiranView,
    PerilakuRow,
    PersonBlock,
    SkpView,
)
from skp_domain.format6 import BERAKHLAK, EXAMPLE_EKSPEKTASI, default_lampiran

BKPSDM = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"


def format_nip(nip: str) -> str:
    """`199106112012062001` -> `19910611 201206 2 001`; anything not 18 digits is returned as is."""
    digits = "".join(ch for ch in nip if ch.isdigit())
    if len(digits) != 18:
        return nip.strip() or "-"
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


AMIRUDIN = PersonBlock(
    nama="H. MOH AMIRUDIN, S.IP.,M.M.",
    nip=format_nip("196804241998031011"),
    pangkat="Pembina Utama Muda - IV/c",
    jabatan="Kepala",
    unit_kerja=BKPSDM,
)
UJANG = PersonBlock(
    nama="H. AHMAD UJANG SUGIONO, S.H.",
    nip=format_nip("196411171992011002"),
    pangkat="Pembina Utama Madya - IV/d",
    jabatan="Sekretaris Daerah",
    unit_kerja="Sekretariat Daerah",
)
BAWONO = PersonBlock(
    nama="BAWONO ANDI WIDODO, S.STP.",
    nip=format_nip("198103021999121001"),
    pangkat="Pembina - IV/a",
    jabatan="Kepala Bidang Informasi, Pengembangan Karier dan Pembinaan Kepegawaian",
    unit_kerja=BKPSDM,
)
SEKAR = PersonBlock(
    nama="SEKAR SATITI, S.STP.",
    nip=format_nip("199106112012062001"),
    pangkat="Penata - III/c",
    jabatan="Analisis Sumber Daya Manusia Aparatur Ahli Muda",
    unit_kerja=BKPSDM,
)

# (rencana kinerja, indikator, target) — JPT: one indicator per PK sasaran.
_JPT_POOL: tuple[tuple[str, str, str], ...] = (
    ("Meningkatnya kualitas pelayanan publik", "Indeks kepuasan masyarakat", "83,00 %"),
    (
        "Terwujudnya birokrasi yang kapabel",
        "Persentase Penempatan PNS dalam Jabatan yang sesuai kompetensi",
        "90,00 %",
    ),
    (
        "Meningkatnya kompetensi aparatur sipil negara",
        "Persentase ASN yang memenuhi standar kompetensi jabatan",
        "75,00 %",
    ),
    (
        "Meningkatnya akuntabilitas kinerja perangkat daerah",
        "Nilai SAKIP Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "78,50 nilai",
    ),
    (
        "Tersedianya data kepegawaian yang valid dan akurat",
        "Persentase data ASN pada SIMPEG yang mutakhir",
        "95,00 %",
    ),
    (
        "Meningkatnya disiplin aparatur sipil negara",
        "Persentase pelanggaran disiplin ASN yang diselesaikan tepat waktu",
        "100,00 %",
    ),
    (
        "Terlaksananya manajemen talenta ASN",
        "Persentase jabatan pimpinan tinggi yang diisi melalui manajemen talenta",
        "50,00 %",
    ),
)

# (rencana kinerja atasan, rencana kinerja, [(aspek, indikator, target)...])
_Aspects = tuple[tuple[str, str, str], ...]
_JA_POOL: tuple[tuple[str, str, _Aspects], ...] = (
    (
        "Terwujudnya birokrasi yang kapabel",
        "Pengelolaan promosi ASN yang dilaksanakan sesuai peraturan",
        (
            ("Kuantitas", "Jumlah kegiatan pengelolaan promosi ASN", "3 kegiatan"),
            ("Kualitas", "Persentase kesesuaian penempatan pegawai dalam jabatan", "90 %"),
            ("Waktu", "Ketepatan waktu pelaksanaan kegiatan", "12 bulan"),
        ),
    ),
    (
        "Tersedianya data kepegawaian yang valid dan akurat",
        "Data dan informasi kepegawaian yang valid dan akurat tersaji di SIMPEG",
        (
            ("Kuantitas", "Jumlah laporan pemutakhiran data ASN", "12 laporan"),
            ("Kualitas", "Persentase data ASN yang valid", "95 %"),
            ("Waktu", "Ketepatan waktu pemutakhiran data", "12 bulan"),
        ),
    ),
    (
        "Meningkatnya kompetensi aparatur sipil negara",
        "Kompetensi dan karier ASN meningkat melalui pendidikan lanjutan dan jabatan fungsional",
        (
            ("Kuantitas", "Jumlah ASN yang difasilitasi pengembangan karier", "120 orang"),
            ("Kualitas", "Persentase usulan yang diproses sesuai SOP", "100 %"),
            ("Waktu", "Ketepatan waktu pelaksanaan kegiatan", "12 bulan"),
        ),
    ),
    (
        "Meningkatnya akuntabilitas kinerja perangkat daerah",
        "Penilaian dan evaluasi kinerja aparatur terukur dan tepat waktu",
        (
            ("Kuantitas", "Jumlah dokumen rekapitulasi penilaian kinerja ASN", "2 dokumen"),
            ("Kualitas", "Persentase ASN yang menyampaikan SKP", "98 %"),
            ("Waktu", "Ketepatan waktu penyampaian rekapitulasi", "12 bulan"),
        ),
    ),
    (
        "Meningkatnya disiplin aparatur sipil negara",
        "Pembinaan kepegawaian terlaksana sesuai ketentuan",
        (
            ("Kuantitas", "Jumlah kasus disiplin yang ditangani", "10 kasus"),
            ("Kualitas", "Persentase kasus yang diselesaikan sesuai ketentuan", "100 %"),
            ("Waktu", "Ketepatan waktu penyelesaian kasus", "12 bulan"),
        ),
    ),
    (
        "Meningkatnya kualitas pelayanan publik",
        "Permohonan layanan kepegawaian diproses dengan cepat dan akurat",
        (
            ("Kuantitas", "Jumlah permohonan layanan yang diproses", "600 permohonan"),
            ("Kualitas", "Indeks kepuasan pengguna layanan kepegawaian", "85 %"),
            ("Waktu", "Rata-rata waktu penyelesaian layanan", "3 hari"),
            ("Biaya", "Realisasi anggaran kegiatan layanan", "95 %"),
        ),
    ),
)

# (atasan, rencana kinerja, ak, aspects)
_JF_POOL: tuple[tuple[str, str, str, _Aspects], ...] = (
    (
        "Pengelolaan promosi ASN yang dilaksanakan sesuai peraturan",
        "Terevaluasinya pelaksanaan promosi ASN dalam Jabatan Pimpinan Tinggi Pratama secara optimal",
        "0,500",
        (
            ("Kuantitas", "Dokumen evaluasi pelaksanaan promosi ASN dalam JPT Pratama", "1 dokumen"),
            ("Kualitas", "Persentase evaluasi pelaksanaan promosi ASN", "100 %"),
            ("Waktu", "Ketepatan waktu pelaksanaan kegiatan", "12 bulan"),
        ),
    ),
    (
        "Kompetensi dan karier ASN meningkat melalui pendidikan lanjutan dan jabatan fungsional",
        "Pendidikan lanjutan ASN terfasilitasi sesuai SOP",
        "0,250",
        (
            ("Kuantitas", "Rekomendasi tugas belajar dan izin belajar yang diterbitkan", "40 rekomendasi"),
            ("Kualitas", "Persentase rekomendasi yang sesuai ketentuan", "100 %"),
            ("Waktu", "Ketepatan waktu penerbitan rekomendasi", "12 bulan"),
        ),
    ),
    (
        "Kompetensi dan karier ASN meningkat melalui pendidikan lanjutan dan jabatan fungsional",
        "Pengembangan karier dalam jabatan fungsional terlaksana sesuai peraturan",
        "0,375",
        (
            ("Kuantitas", "Dokumen usulan pengangkatan dalam jabatan fungsional", "4 dokumen"),
            ("Kualitas", "Persentase usulan yang disetujui instansi pembina", "90 %"),
            ("Waktu", "Ketepatan waktu penyampaian usulan", "12 bulan"),
        ),
    ),
    (
        "Pengelolaan promosi ASN yang dilaksanakan sesuai peraturan",
        "Tersusunnya analisis kebutuhan promosi jabatan administrator dan pengawas",
        "0,150",
        (
            ("Kuantitas", "Dokumen analisis kebutuhan promosi", "1 dokumen"),
            ("Kualitas", "Persentase jabatan lowong yang teranalisis", "100 %"),
            ("Waktu", "Ketepatan waktu penyusunan analisis", "6 bulan"),
        ),
    ),
    (
        "Penilaian dan evaluasi kinerja aparatur terukur dan tepat waktu",
        "Terpetakannya talenta ASN berdasarkan hasil penilaian kinerja dan potensi",
        "0,400",
        (
            ("Kuantitas", "Dokumen peta talenta (nine box) ASN", "1 dokumen"),
            ("Kualitas", "Persentase ASN yang terpetakan", "95 %"),
            ("Waktu", "Ketepatan waktu penyusunan peta talenta", "12 bulan"),
        ),
    ),
)


def _nth(pool_size: int, index: int) -> tuple[int, str]:
    """Pool position for item `index` and a suffix that keeps repeated items distinct."""
    rnd = index // pool_size
    return index % pool_size, "" if rnd == 0 else f" (tahap {rnd + 1})"


def _indicators(aspects: _Aspects) -> tuple[IndicatorRow, ...]:
    return tuple(IndicatorRow(aspek=a, indikator=i, target=t) for a, i, t in aspects)


def _jpt_items(n: int) -> tuple[ItemRow, ...]:
    rows = []
    for k in range(n):
        pos, suffix = _nth(len(_JPT_POOL), k)
        rk, iki, target = _JPT_POOL[pos]
        rows.append(
            ItemRow(
                no=k + 1,
                atasan="-",
                rencana_kinerja=rk + suffix,
                ak=None,
                indicators=(IndicatorRow(aspek=None, indikator=iki, target=target),),
            )
        )
    return tuple(rows)


def _ja_items(n: int) -> tuple[ItemRow, ...]:
    rows = []
    for k in range(n):
        pos, suffix = _nth(len(_JA_POOL), k)
        atasan, rk, aspects = _JA_POOL[pos]
        rows.append(
            ItemRow(no=k + 1, atasan=atasan, rencana_kinerja=rk + suffix, ak=None, indicators=_indicators(aspects))
        )
    return tuple(rows)


def _jf_items(n: int) -> tuple[ItemRow, ...]:
    rows = []
    for k in range(n):
        pos, suffix = _nth(len(_JF_POOL), k)
        atasan, rk, ak, aspects = _JF_POOL[pos]
        rows.append(
            ItemRow(no=k + 1, atasan=atasan, rencana_kinerja=rk + suffix, ak=ak, indicators=_indicators(aspects))
        )
    return tuple(rows)


_TAMBAHAN_BASIS = "Surat Perintah Kepala BKPSDM Nomor 800/123/2026"


def _tambahan(layout: str, n: int) -> tuple[ItemRow, ...]:
    rows = []
    for k in range(n):
        suffix = "" if k == 0 else f" (penugasan {k + 1})"
        if layout == "JPT":
            rows.append(
                ItemRow(
                    no=k + 1,
                    atasan="-",
                    rencana_kinerja="Terlaksananya koordinasi penanganan pengaduan kepegawaian lintas OPD" + suffix,
                    ak=None,
                    indicators=(IndicatorRow(None, "Persentase pengaduan yang ditindaklanjuti", "100,00 %"),),
                    basis=_TAMBAHAN_BASIS,
                )
            )
        else:
            rows.append(
                ItemRow(
                    no=k + 1,
                    atasan="-",
                    rencana_kinerja=(
                        "Terlaksananya pengelolaan promosi ASN, pengelolaan pendidikan lanjutan ASN, "
                        "dan fasilitasi pengembangan karir dalam jabatan fungsional secara optimal" + suffix
                    ),
                    ak="25,000" if layout == "JF" else None,
                    indicators=_indicators(
                        (
                            ("Kuantitas", "Dokumen pelaksanaan kegiatan", "3 dokumen"),
                            ("Kualitas", "Persentase pelaksanaan kegiatan", "100 %"),
                            ("Waktu", "Ketepatan waktu pelaksanaan kegiatan", "12 bulan"),
                        )
                    ),
                    basis=_TAMBAHAN_BASIS,
                )
            )
    return tuple(rows)


_PEOPLE = {"JPT": (AMIRUDIN, UJANG), "JA": (BAWONO, AMIRUDIN), "JF": (SEKAR, BAWONO)}
_ITEMS = {"JPT": _jpt_items, "JA": _ja_items, "JF": _jf_items}


def sample_view(layout: str, items: int = 5, *, tambahan: int = 1, approved: bool = False) -> SkpView:
    """A realistic SKP of the seed's people with `items` kinerja utama and `tambahan` kinerja tambahan."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown SKP layout {layout!r}")
    pegawai, penilai = _PEOPLE[layout]
    return SkpView(
        layout=layout,
        pegawai=pegawai,
        penilai=penilai,
        periode="1 Januari 2026 s.d. 31 Desember 2026",
        utama=_ITEMS[layout](items),
        tambahan=_tambahan(layout, tambahan),
        tempat="Kebumen",
        tanggal="24 November 2026" if not approved else "28 Januari 2026",
        draft=not approved,
        status_label="Disetujui" if approved else "Diajukan",
    )


_PERSPEKTIF = (
    "Perspektif Penerima Layanan",
    "Perspektif Proses Bisnis",
    "Perspektif Penguatan Internal",
    "Perspektif Anggaran",
)


def sample_perilaku() -> tuple[PerilakuRow, ...]:
    """The seven BerAKHLAK values; the penilai wrote an ekspektasi khusus for Akuntabel only."""
    return tuple(
        PerilakuRow(n, v.nama, v.panduan, EXAMPLE_EKSPEKTASI if v.key == "akuntabel" else "")
        for n, v in enumerate(BERAKHLAK, start=1)
    )


def sample_view6(
    layout: str, items: int = 5, *, tambahan: int = 1, approved: bool = False, kualitatif: bool = False
) -> SkpView:
    """The same people and results in the PermenPANRB 6/2022 layout (JPT with perspektif, JF
    without AK, tambahan with "penugasan dari"), with perilaku kerja and the default lampiran."""
    import dataclasses

    base = sample_view(layout, items, tambahan=tambahan, approved=approved)

    def six(item: ItemRow, n: int, is_tambahan: bool) -> ItemRow:
        indicators = item.indicators
        if kualitatif:
            indicators = (
                IndicatorRow(
                    None,
                    f"Hasil kerja \"{item.rencana_kinerja[:60]}\" diterima pimpinan tanpa revisi berarti",
                    "Dokumen final disetujui pimpinan paling lambat akhir triwulan",
                ),
            )
        return dataclasses.replace(
            item,
            atasan=(
                "-"
                if is_tambahan
                else (
                    "Meningkatnya kualitas pelayanan publik (RPJMD)" if layout == "JPT" else item.atasan
                )
            ),
            ak=None,
            indicators=indicators,
            perspektif=_PERSPEKTIF[n % 4] if layout == "JPT" else None,
            penugasan_dari="Kepala BKPSDM Kabupaten Kebumen" if is_tambahan else None,
        )

    lampiran = default_lampiran(BKPSDM)
    return dataclasses.replace(
        base,
        utama=tuple(six(it, n, False) for n, it in enumerate(base.utama)),
        tambahan=tuple(six(it, n, True) for n, it in enumerate(base.tambahan)),
        format=FORMAT_6_2022,
        jabatan_heading={"JPT": "JABATAN PIMPINAN TINGGI", "JA": "JABATAN ADMINISTRASI", "JF": "JABATAN FUNGSIONAL"}[
            layout
        ],
        kualitatif=kualitatif,
        perilaku=sample_perilaku(),
        lampiran=LampiranView(lampiran.dukungan_sumber_daya, lampiran.skema_pertanggungjawaban, lampiran.konsekuensi),
        periode="1 Januari 2027 s.d. 31 Desember 2027",
        tanggal="28 Januari 2027" if approved else "2 Januari 2027",
    )


def sample_matrix() -> MatrixView:
    """The seed's BKPSDM Kebumen matrix (Bidang Informasi, Pengembangan Karier dan Pembinaan Kepegawaian)."""
    columns = (
        "Data dan Informasi Kepegawaian yang valid dan akurat",
        "Pegawai ditempatkan sesuai ketentuan melalui promosi",
        "Kompetensi dan Karier ASN meningkat",
        "",
        "",
        "Penilaian dan Evaluasi Kinerja Aparatur terukur dan tepat waktu",
    )
    dots = "....."
    rows: tuple[tuple[str, str, tuple[str, ...]], ...] = (
        (
            "Subkoordinator Pengelolaan Data dan Informasi ASN",
            "Okti Sulistiyani, S.T.",
            ("Sistem Informasi Kepegawaian dikelola secara optimal", "x", "x", "x", "x", "x"),
        ),
        (
            "Pranata Komputer",
            "Imam Makhfadi, S.Kom.",
            (
                "Sistem informasi kepegawaian beroperasi optimal",
                "x",
                "x",
                "x",
                "Terlayannya PPKP ASN dalam SIMPEG dengan baik",
                "x",
            ),
        ),
        (
            "Penjaga SIMPEG",
            "Mukh. Yasin Nur Supriyadi, A.Md. Kom.",
            ("Data kepegawaian valid dan akurat", "x", "x", "x", "x", "x"),
        ),
        (
            "Subkoordinator Pengembangan Karier ASN",
            "Sekar Satiti, S.STP.",
            (
                "x",
                "Promosi ASN terlaksana sesuai peraturan",
                "Pendidikan Lanjutan ASN terfasilitasi sesuai SOP",
                "Pengembangan Karir dalam Jabatan Fungsional terlaksana sesuai peraturan",
                "x",
                "x",
            ),
        ),
        (
            "Analisis Sumber Daya Manusia Aparatur",
            "Kurniawan Pamungkas, S.Sos., M.Si.",
            ("x", dots, dots, "Terfasilitasi usulan pengangkatan pertama dalam JF dengan baik", "x", "x"),
        ),
        (
            "Pranata Komputer",
            "Siti Rokhanah, S.Kom.",
            ("x", dots, dots, dots, "Terlayannya PPKP dengan cepat", "x"),
        ),
        (
            "Penyusun Rencana Promosi",
            "Citra Amalia Primadani, S.STP.",
            (dots, dots, "Terbitnya rekomendasi tugas belajar tepat waktu", dots, "x", "x"),
        ),
    )
    return MatrixView(
        title="1. TERWUJUDNYA BIROKRASI YANG KAPABEL",
        unit="Bidang Informasi, Pengembangan Karier dan Pembinaan Kepegawaian, "
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Kebumen",
        penilai_nama="Bawono Andi Widodo, S.STP.",
        penilai_jabatan="Kabid Informasi, Pengembangan Karier dan Pembinaan Kepegawaian",
        columns=columns,
        rows=rows,
        period="SKP Tahun 2022 (1 Januari 2022 s.d. 31 Desember 2022)",
    )
