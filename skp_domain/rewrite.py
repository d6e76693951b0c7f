"""Rewriting what an employee types into rencana kinerja a BKPSDM trainer would sign.

A result names **what the work produces**, then a passive or state verb, then **the expectation**
("Materi sosialisasi aplikasi SIMPEG tersusun tepat waktu", "Berkas permohonan bantuan teknis
terverifikasi lengkap sesuai ketentuan"). The rules, in order:

1. The phrase is tidied (:func:`skp_domain.tidy.tidy`): acronyms, abbreviations, spelling.
2. It is read into a :class:`Frame`: the activity (a verb such as ``menginput`` or an activity noun
   such as ``koordinasi``; light verbs such as ``melaksanakan``/``memberikan`` are looked through),
   its object, and the parts around it: partner (``dengan …``), topic (``terkait …``), people
   served or recipient (``kepada/bagi/terhadap …``), place (``ke/di/pada …``), frequency (``tiap
   bulan`` -> ``bulanan``) and any expectation already typed (``tepat waktu``).
3. The activity's **family** (:data:`_FAMILY`) says what the work produces and which state verb
   fits: entering data -> the data ``terinput``; verifying -> the document ``terverifikasi``;
   coordinating -> the ``kesepakatan`` obtained; monitoring, meetings, surveys -> their
   recommendations or results ``disampaikan``; maintaining -> the object's condition (``laik dan
   berfungsi``); sosialisasi, bimtek, pendampingan -> the people served ``memahami``/``mampu``/
   ``mendapat`` ….
4. The **kind of product** (:data:`_KIND_OF_HEAD`) gives the expectations (:data:`_EXPECT`):
   documents ``lengkap sesuai ketentuan``/``tepat waktu``, data ``valid dan mutakhir``, requests
   ``ditindaklanjuti tepat waktu sesuai standar pelayanan``, assets ``laik dan berfungsi`` ….
   An expectation the employee typed comes first, then the superior's (``parent``) when it suits
   the product, then the defaults. Filler ("secara optimal", "dengan baik") is never used.
5. Every candidate must pass the checker itself (PENCAPAIAN), carry an expectation word, contain no
   filler, and repeat no word more often than the employee did; the first two or three distinct
   ones are returned.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from skp_domain.errors import TextError
from skp_domain.judgement import (
    Kind,
    _bare,
    _root_and_suffix,
    find_filler,
    is_active_verb,
    is_process_noun,
    judge,
    stem,
)
from skp_domain.lexicon import ACRONYMS, CHAT_ABBREVIATIONS, MIXED_CASE
from skp_domain.tidy import tidy

MAX_SUGGESTIONS = 3


class ProductKind(StrEnum):
    REPORT = "laporan"
    PLAN = "rencana"
    MATERIAL = "materi"
    REGULATION = "regulasi"
    DOC = "dokumen"
    DATA = "data"
    REQUEST = "permohonan"
    ASSET = "aset"
    SYSTEM = "sistem"
    MONEY = "keuangan"
    ARCHIVE = "arsip"
    EVENT = "kegiatan"
    PEOPLE = "orang"
    GENERIC = "umum"


_K = ProductKind

# Head noun -> kind of product. The head is the first word of the object.
_KIND_OF_HEAD: dict[str, ProductKind] = {
    **dict.fromkeys(
        [
            "laporan", "lkjip", "lakip", "lppd", "lkpj", "lkpd", "spj", "lpj", "neraca", "calk", "lra", "bku",
            "notulen", "notula", "risalah", "rekomendasi", "temuan", "lhp",
        ],
        _K.REPORT,
    ),
    **dict.fromkeys(
        [
            "rencana", "renja", "renstra", "renaksi", "rka", "dpa", "dppa", "rkpd", "rpjmd", "rpjpd", "kua", "ppas",
            "rkpdes", "rpjmdes", "apbdes", "jadwal", "program", "rab", "kak", "tor", "hps",
        ],
        _K.PLAN,
    ),
    **dict.fromkeys([
        "materi", "bahan", "paparan", "modul", "konten", "presentasi", "brosur", "leaflet", "poster", "booklet",
    ], _K.MATERIAL),
    **dict.fromkeys(
        [
            "peraturan", "perbup", "perda", "perwal", "perdes", "raperda", "ranperbup", "kebijakan", "sop",
            "pedoman", "juknis", "juklak", "standar", "sk", "keputusan", "instruksi", "edaran", "regulasi", "mou",
            "pks", "perjanjian",
        ],
        _K.REGULATION,
    ),
    **dict.fromkeys(
        [
            "dokumen", "berkas", "naskah", "surat", "draf", "draft", "rancangan", "konsep", "kajian", "telaahan",
            "telaah", "profil", "proposal", "usulan", "sertifikat", "izin", "pbg", "slf", "imb", "nib", "piagam",
            "formulir", "nota", "berita", "kuitansi", "tagihan", "hasil", "analisis", "dokumentasi", "publikasi",
            "rekapitulasi", "rekap", "anjab", "abk", "spt",
        ],
        _K.DOC,
    ),
    **dict.fromkeys(
        [
            "data", "informasi", "database", "basis", "pangkalan", "daftar", "absensi", "presensi", "register",
            "inventaris", "statistik", "peta", "indikator", "nilai", "angka",
        ],
        _K.DATA,
    ),
    **dict.fromkeys(
        [
            "permohonan", "pengaduan", "aduan", "keluhan", "permintaan", "laporan_masyarakat", "disposisi",
            "pertanyaan", "klaim", "pendaftaran",
        ],
        _K.REQUEST,
    ),
    **dict.fromkeys(
        [
            "jaringan", "komputer", "laptop", "printer", "server", "kendaraan", "mobil", "motor", "gedung", "ruang",
            "ruangan", "sarana", "prasarana", "peralatan", "alat", "ac", "genset", "mesin", "jalan", "jembatan",
            "saluran", "drainase", "irigasi", "bangunan", "fasilitas", "aset", "barang", "bmd", "cctv", "lift",
            "taman", "kantor", "rumah", "listrik", "instalasi", "pompa", "pju", "lampu", "embung", "bendung",
        ],
        _K.ASSET,
    ),
    **dict.fromkeys(
        [
            "aplikasi", "sistem", "website", "situs", "portal", "dashboard", "simpeg", "siasn", "sipd", "simda",
            "e-kinerja", "e-office", "srikandi", "jdih", "ppid",
        ],
        _K.SYSTEM,
    ),
    **dict.fromkeys(
        [
            "anggaran", "keuangan", "gaji", "tpp", "honor", "honorarium", "belanja", "pendapatan", "pajak",
            "retribusi", "dana",
            "kas", "pad", "dak", "dau", "sp2d", "spm", "spp", "tunjangan", "insentif", "bantuan", "hibah",
            "piutang", "utang", "pembiayaan",
        ],
        _K.MONEY,
    ),
    **dict.fromkeys(["arsip", "kearsipan"], _K.ARCHIVE),
    **dict.fromkeys(
        [
            "rapat", "kegiatan", "acara", "upacara", "musrenbang", "pertemuan", "lomba", "pameran", "festival",
            "hut", "peringatan", "apel", "seminar", "lokakarya", "workshop", "sidang", "rakor",
        ],
        _K.EVENT,
    ),
    **dict.fromkeys(
        [
            "pegawai", "asn", "pns", "pppk", "cpns", "masyarakat", "warga", "penduduk", "opd", "pd", "pelaku",
            "umkm", "petani", "kelompok", "poktan", "gapoktan", "siswa", "guru", "kader", "peserta", "pasien",
            "balita", "ibu", "lansia", "remaja", "aparatur", "perangkat", "pemohon", "tamu", "pengguna", "wajib",
            "pedagang", "nelayan", "peternak", "pekebun", "pengusaha", "pemuda", "kepala", "pejabat", "camat",
            "lurah", "desa", "kelurahan", "sekolah", "puskesmas", "posyandu", "satuan", "instansi", "unit",
            "pemerintah", "pengelola", "operator", "bendahara", "calon", "mahasiswa", "anak", "keluarga", "kpm",
        ],
        _K.PEOPLE,
    ),
}
_KIND_OF_HEAD["laporan"] = _K.REPORT

# Expectations per kind of product, best first. Each contains an expectation word.
_EXPECT: dict[ProductKind, tuple[str, ...]] = {
    _K.REPORT: ("akurat dan tepat waktu", "lengkap sesuai ketentuan", "sesuai ketentuan dan tepat waktu"),
    _K.PLAN: ("sesuai ketentuan dan tepat waktu", "tepat waktu sesuai jadwal", "lengkap sesuai ketentuan"),
    _K.MATERIAL: ("lengkap dan tepat waktu", "sesuai kebutuhan", "tepat waktu"),
    _K.REGULATION: (
        "sesuai ketentuan peraturan perundang-undangan", "tepat waktu sesuai jadwal", "lengkap sesuai ketentuan",
    ),
    _K.DOC: ("lengkap sesuai ketentuan", "tepat waktu", "lengkap dan tepat waktu"),
    _K.DATA: ("lengkap dan akurat", "valid dan mutakhir", "akurat dan tepat waktu"),
    _K.REQUEST: ("tepat waktu sesuai standar pelayanan", "sesuai standar pelayanan", "tuntas dan tepat waktu"),
    _K.ASSET: ("dalam kondisi laik dan berfungsi", "berfungsi tanpa gangguan", "siap digunakan sesuai kebutuhan"),
    _K.SYSTEM: ("berfungsi tanpa gangguan", "berfungsi sesuai kebutuhan pengguna", "mutakhir dan mudah diakses"),
    _K.MONEY: ("sesuai rencana", "tertib dan akuntabel sesuai ketentuan", "tepat waktu sesuai ketentuan"),
    _K.ARCHIVE: ("tertib dan mudah ditemukan kembali", "sesuai ketentuan kearsipan", "lengkap dan tertata"),
    _K.EVENT: ("sesuai jadwal", "tepat waktu sesuai rencana", "sesuai ketentuan"),
    _K.PEOPLE: ("sesuai ketentuan", "sesuai standar", "tepat waktu"),
    _K.GENERIC: ("sesuai ketentuan", "tepat waktu", "sesuai ketentuan dan tepat waktu"),
}

# Words that state an expectation: every suggestion carries at least one.
EXPECTATION_WORDS = frozenset(
    {
        "tepat", "waktu", "sesuai", "lengkap", "akurat", "valid", "mutakhir", "laik", "berfungsi", "memahami",
        "mampu", "mendapat", "ditindaklanjuti", "tertib", "jadwal", "target", "rencana", "standar", "ketentuan",
        "terpenuhi", "tercapai", "meningkat", "menurun", "berkurang", "cepat", "tuntas", "akuntabel",
        "tertata", "mudah", "kondisi", "tanpa", "bersih", "aman", "terjaga", "kebutuhan", "disepakati",
        "diperoleh", "sasaran", "nyaman", "diterapkan", "rapi", "terkendali", "siap",
    }
)  # fmt: skip

_FUNCTION_WORDS = frozenset(
    {
        "dan", "atau", "yang", "di", "ke", "dari", "pada", "dalam", "dengan", "untuk", "bagi", "kepada",
        "terhadap", "serta", "oleh", "sesuai", "tepat", "waktu", "hasil", "secara", "tentang", "terkait",
        "se", "para", "setiap", "tiap", "antar", "melalui", "sebagai",
    }
)  # fmt: skip

# ---------------------------------------------------------------------------
# Activities

# Words whose root Sastrawi gets wrong or does not know, checked before stemming.
_WORD_ROOT: dict[str, str] = {
    "penginputan": "input", "menginput": "input", "nginput": "input", "input": "input", "entri": "entri",
    "entry": "entri", "mengentri": "entri", "pengentrian": "entri", "pengecekan": "cek", "mengecek": "cek",
    "ngecek": "cek", "cek": "cek", "perawatan": "rawat", "pemrosesan": "proses", "penatausahaan": "tatausaha",
    "menatausahakan": "tatausaha", "penyebarluasan": "sebarluas", "menyebarluaskan": "sebarluas",
    "pengawalan": "kawal", "mengawal": "kawal", "penegakan": "tegak", "pengetikan": "ketik", "mengetik": "ketik",
    "fasilitasi": "fasilitasi", "memfasilitasi": "fasilitasi", "diseminasi": "diseminasi",
    "menindaklanjuti": "tindaklanjut", "tindaklanjut": "tindaklanjut", "merespon": "respon",
    "merespons": "respon", "respon": "respon", "mengupdate": "update", "update": "update", "updating": "update",
    "rekap": "rekap", "merekap": "rekap", "ngerekap": "rekap", "rekapitulasi": "rekap",
    "upload": "unggah", "mengupload": "unggah", "unggah": "unggah", "posting": "unggah", "memposting": "unggah",
    "menganalisis": "analisis", "analisis": "analisis", "mereviu": "reviu", "reviu": "reviu", "review": "reviu",
    "memvalidasi": "validasi", "validasi": "validasi", "monitoring": "pantau", "monev": "monev",
    "memonitor": "pantau", "kunjungan": "kunjung", "mengunjungi": "kunjung", "bimtek": "bimtek",
    "rakor": "rapat", "rapat": "rapat", "pertemuan": "rapat", "musyawarah": "rapat", "fgd": "rapat",
    "bikin": "buat", "nyusun": "susun", "ngirim": "kirim", "ngurus": "urus", "mengkoordinir": "koordinasi",
    "mengoordinir": "koordinasi", "koordinir": "koordinasi", "koordinasi": "koordinasi",
    "berkoordinasi": "koordinasi", "mengoordinasikan": "koordinasi", "menginstal": "pasang",
    "instalasi": "pasang", "scan": "pindai", "memindai": "pindai", "backup": "cadang", "servis": "servis",
    "menservis": "servis", "survei": "survei", "survey": "survei", "perekaman": "rekam", "pendataan": "data",
    "mendata": "data", "pemutakhiran": "mutakhir", "pembaruan": "mutakhir", "memperbarui": "mutakhir",
    "memutakhirkan": "mutakhir", "sosialisasi": "sosialisasi", "pengadaan": "ada", "penyediaan": "sedia",
    "penyiapan": "siap", "persiapan": "siap", "perencanaan": "rencana", "merencanakan": "rencana",
    "pengendalian": "kendali", "imunisasi": "imunisasi", "vaksinasi": "imunisasi", "pemberian": "beri",
    "pelaksanaan": "laksana", "penyelenggaraan": "selenggara", "layanan": "layan", "pelayanan": "layan",
    "melayani": "layan", "piket": "piket", "patroli": "patroli", "razia": "tertib", "penertiban": "tertib",
    "menertibkan": "tertib", "kajian": "kaji", "telaah": "telaah", "telaahan": "telaah", "evaluasi": "evaluasi",
    "pengawasan": "awas", "mengawasi": "awas", "pemantauan": "pantau", "memantau": "pantau",
    "supervisi": "supervisi", "inspeksi": "inspeksi", "audit": "audit", "observasi": "observasi",
    "visitasi": "kunjung", "sidak": "inspeksi", "pembinaan": "bina", "membina": "bina", "pembelajaran": "ajar",
    "mengajar": "ajar", "hadir": "hadir", "ikut": "ikut", "menjadi": "jadi", "mewakili": "wakil",
    "pengelolaan": "kelola", "mengelola": "kelola", "administrasi": "kelola", "penilaian": "nilai",
    "menilai": "nilai", "pengukuran": "ukur", "perhitungan": "hitung", "penghitungan": "hitung",
    "identifikasi": "identifikasi", "mengidentifikasi": "identifikasi", "inventarisasi": "inventarisasi",
    "menginventarisasi": "inventarisasi", "dokumentasi": "dokumentasi", "mendokumentasikan": "dokumentasi",
    "publikasi": "publikasi", "mempublikasikan": "publikasi", "peliputan": "liput", "meliput": "liput",
    "realisasi": "realisasi", "merealisasikan": "realisasi", "distribusi": "distribusi",
    "mendistribusikan": "distribusi", "verifikasi": "verifikasi", "memverifikasi": "verifikasi",
    "klarifikasi": "verifikasi", "mengklarifikasi": "verifikasi", "harmonisasi": "harmonisasi",
    "sinkronisasi": "sinkronisasi", "integrasi": "integrasi", "standardisasi": "standardisasi",
    "digitalisasi": "digitalisasi", "revitalisasi": "revitalisasi", "sertifikasi": "sertifikasi",
    "akreditasi": "akreditasi", "legalisasi": "legalisasi", "registrasi": "registrasi", "kalibrasi": "kalibrasi",
    "mendaftarkan": "daftar", "bimbingan teknis": "bimtek", "koreksi": "koreksi", "mengoreksi": "koreksi",
    "pemeriksaan": "periksa", "memeriksa": "periksa", "pemeliharaan": "pelihara", "memelihara": "pelihara",
    "maintenance": "pelihara",
    "perbaikan": "perbaiki", "memperbaiki": "perbaiki", "penanganan": "tangan", "menangani": "tangan",
    "pengarsipan": "arsip", "mengarsipkan": "arsip", "pemberkasan": "arsip", "pengolahan": "olah",
    "mengolah": "olah", "asistensi": "asistensi", "advokasi": "advokasi", "edukasi": "edukasi",
    "konsultasi": "konsultasi", "mediasi": "mediasi", "pendampingan": "damping", "mendampingi": "damping",
    "bimbingan": "bimbing", "membimbing": "bimbing", "pelatihan": "latih", "melatih": "latih",
    "penyuluhan": "suluh", "menyuluh": "suluh", "pendaftaran": "daftar", "penerimaan": "terima",
    "menerima": "terima", "pengusulan": "usul", "mengusulkan": "usul", "pengajuan": "usul",
    "mengajukan": "usul", "rekonsiliasi": "rekonsiliasi", "pencatatan": "catat", "mencatat": "catat",
}  # fmt: skip

# Root -> family.
_FAMILY: dict[str, str] = {
    **dict.fromkeys([
        "susun", "buat", "rumus", "rancang", "tulis", "ketik", "konsep", "cetak", "ganda", "gandakan",
    ], "produce"),
    **dict.fromkeys(["siap", "sedia"], "prepare"),
    **dict.fromkeys(["input", "entri", "isi"], "entry"),
    **dict.fromkeys(["catat", "rekam"], "record"),
    **dict.fromkeys(["rekap"], "recap"),
    **dict.fromkeys(["kumpul", "himpun"], "collect"),
    **dict.fromkeys(["mutakhir", "update"], "update"),
    "olah": "process_data",
    "rekonsiliasi": "reconcile",
    **dict.fromkeys(
        [
            "harmonisasi", "sinkronisasi", "integrasi", "standardisasi", "digitalisasi", "revitalisasi",
            "sertifikasi", "akreditasi", "legalisasi", "registrasi", "kalibrasi",
        ],
        "isasi",
    ),
    "daftar": "register",
    **dict.fromkeys([
        "verifikasi", "periksa", "validasi", "teliti", "cek", "koreksi", "reviu", "pindai", "sortir",
    ], "verify"),
    "koordinasi": "coordinate",
    **dict.fromkeys(
        [
            "pantau", "monev", "awas", "evaluasi", "supervisi", "inspeksi", "survei", "kunjung", "audit",
            "observasi", "nilai", "tinjau",
        ], "assess"
    ),
    **dict.fromkeys(["analisis", "analis", "kaji", "telaah", "identifikasi"], "analyse"),
    **dict.fromkeys(["hitung", "ukur"], "calculate"),
    "rapat": "meeting",
    **dict.fromkeys(["hadir", "ikut", "wakil"], "attend"),
    "jadi": "role",
    **dict.fromkeys(["pelihara", "rawat", "perbaiki", "servis", "baik"], "maintain"),
    "bersih": "clean",
    **dict.fromkeys(["jaga", "piket", "patroli", "amankan"], "guard"),
    "pasang": "install",
    "cadang": "backup",
    **dict.fromkeys(
        [
            "sosialisasi", "suluh", "bimtek", "bimbing", "damping", "latih", "bina", "edukasi", "diseminasi",
            "asistensi", "advokasi", "konsultasi", "ajar", "mediasi",
        ],
        "serve",
    ),
    **dict.fromkeys(["imunisasi", "obat", "timbang", "rawat_pasien"], "care"),
    **dict.fromkeys(["layan", "tangan", "proses", "tindaklanjut", "jawab", "respon", "tanggap"], "request"),
    "terbit": "issue",
    **dict.fromkeys(["kirim", "sampai", "antar", "terus"], "deliver"),
    "distribusi": "distribute",
    "salur": "distribute",
    "lapor": "report",
    **dict.fromkeys(["arsip", "simpan"], "archive"),
    "tata": "arrange",
    **dict.fromkeys(["kelola", "urus", "tatausaha"], "manage"),
    "fasilitasi": "facilitate",
    "fasilitas": "facilitate",
    "kembang": "develop",
    **dict.fromkeys(["tingkat", "tambah"], "raise"),
    **dict.fromkeys(["turun", "kurang"], "lower"),
    **dict.fromkeys(["capai", "wujud"], "achieve"),
    **dict.fromkeys(["realisasi", "serap"], "realize"),
    **dict.fromkeys(["bayar", "setor"], "pay"),
    **dict.fromkeys(["tagih", "mungut", "pungut"], "levy"),
    **dict.fromkeys(["ada", "beli"], "procure"),
    "dokumentasi": "document",
    **dict.fromkeys(["publikasi", "unggah", "sebarluas", "liput", "siar", "tayang"], "publish"),
    **dict.fromkeys(["inventarisasi", "data"], "inventory"),
    **dict.fromkeys(["usul", "aju"], "propose"),
    "rencana": "plan",
    "kendali": "control",
    "operasi": "operate",
    "tertib": "order",
    "tegak": "order",
    "terima": "receive",
    "kawal": "escort",
    "selesai": "complete",
    **dict.fromkeys(["laksana", "laku", "selenggara", "beri", "bantu"], "light"),
}

# State verb of a family (the "ter-" form of what was done).
_STATE_VERB: dict[str, str] = {
    "produce": "tersusun", "prepare": "tersedia", "entry": "terinput", "record": "tercatat", "recap": "terekap",
    "collect": "terhimpun", "update": "termutakhirkan", "process_data": "terolah", "reconcile": "terekonsiliasi",
    "verify": "terverifikasi", "issue": "terbit", "deliver": "tersampaikan", "distribute": "tersalurkan",
    "report": "tersampaikan", "archive": "terarsip", "arrange": "tertata", "manage": "terkelola",
    "facilitate": "terfasilitasi", "document": "terdokumentasi", "publish": "terpublikasi",
    "inventory": "terinventarisasi", "propose": "tersampaikan", "plan": "tersusun", "control": "terkendali",
    "realize": "terealisasi", "pay": "terbayar", "levy": "tertagih", "procure": "tersedia",
    "install": "terpasang", "backup": "tersimpan", "escort": "terkawal", "receive": "diterima",
}  # fmt: skip
# Root-specific state verbs where the family's is not the word for it.
_ROOT_VERB: dict[str, str] = {
    "rumus": "terumuskan", "cetak": "tercetak", "ganda": "tergandakan", "gandakan": "tergandakan",
    "isi": "terisi", "validasi": "tervalidasi", "koreksi": "terkoreksi", "pindai": "terpindai",
    "kirim": "terkirim", "antar": "terkirim", "terus": "diteruskan", "distribusi": "terdistribusi",
    "simpan": "tersimpan", "unggah": "terunggah", "setor": "tersetor", "mungut": "terpungut",
    "pungut": "terpungut", "rekam": "terekam", "data": "terdata", "reviu": "tereviu",
    "harmonisasi": "terharmonisasi", "sinkronisasi": "tersinkronisasi", "integrasi": "terintegrasi",
    "standardisasi": "terstandardisasi", "digitalisasi": "terdigitalisasi", "revitalisasi": "terevitalisasi",
    "sertifikasi": "tersertifikasi", "akreditasi": "terakreditasi", "legalisasi": "terlegalisasi",
    "registrasi": "teregistrasi", "kalibrasi": "terkalibrasi",
}  # fmt: skip
# The activity noun used in "hasil <noun> …".
_ACT_NOUN: dict[str, str] = {
    "pantau": "pemantauan", "awas": "pengawasan", "kunjung": "kunjungan", "nilai": "penilaian",
    "kaji": "kajian", "telaah": "telaahan", "analis": "analisis", "hitung": "perhitungan", "ukur": "pengukuran",
    "tinjau": "peninjauan", "suluh": "penyuluhan", "bimbing": "bimbingan", "damping": "pendampingan",
    "latih": "pelatihan", "bina": "pembinaan", "ajar": "pembelajaran", "rapat": "rapat",
    "periksa": "pemeriksaan", "teliti": "penelitian", "cek": "pengecekan", "obat": "pengobatan",
    "timbang": "penimbangan", "layan": "layanan", "tangan": "penanganan",
}  # fmt: skip

# Activity nouns with their fixed complement: "bimbingan teknis", "kunjungan kerja".
_COMPOUND_ACTS = frozenset(
    {("bimbingan", "teknis"), ("kunjungan", "kerja"), ("kunjungan", "lapangan"), ("uji", "petik"), ("uji", "coba")}
)

# Verbs (and light nouns) that only carry the next word: "melaksanakan rapat", "pemberian bimbingan".
_LIGHT_ROOTS = frozenset({"laksana", "laku", "selenggara", "beri", "bantu", "ada", "kegiatan"})

# Nominal -> active verb, for "mampu <verb> …": "penggunaan SIMPEG" -> "menggunakan SIMPEG".
_NOMINAL_VERB: dict[str, str] = {
    "penggunaan": "menggunakan", "penerapan": "menerapkan", "penyusunan": "menyusun", "pengelolaan": "mengelola",
    "pengoperasian": "mengoperasikan", "pemanfaatan": "memanfaatkan", "pengisian": "mengisi",
    "pembuatan": "membuat", "pelaksanaan": "melaksanakan", "perencanaan": "merencanakan",
    "pencatatan": "mencatat", "penginputan": "menginput", "pengajuan": "mengajukan", "pengukuran": "mengukur",
    "perhitungan": "menghitung", "pengolahan": "mengolah", "pemeliharaan": "memelihara",
    "pencegahan": "mencegah", "penanganan": "menangani", "penanggulangan": "menanggulangi",
    "pengendalian": "mengendalikan", "pengawasan": "mengawasi", "pemantauan": "memantau",
    "penilaian": "menilai", "pelaporan": "menyusun laporan", "pengadaan": "melaksanakan pengadaan",
    "pendaftaran": "melakukan pendaftaran", "budidaya": "membudidayakan", "pemasaran": "memasarkan",
    "pengurusan": "mengurus", "penulisan": "menulis", "pengarsipan": "mengarsipkan",
}  # fmt: skip

# Default people served, by words of the field.
_AUDIENCE_BY_FIELD: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset([
        "tani", "pertanian", "pupuk", "benih", "padi", "ternak", "hortikultura", "poktan", "gapoktan", "pangan",
    ]), "Kelompok tani"),
    (frozenset(["usaha", "umkm", "perizinan", "izin", "nib", "oss", "pasar", "pedagang", "koperasi"]), "Pelaku usaha"),
    (frozenset(["desa", "apbdes", "bumdes", "siskeudes", "rkpdes", "rpjmdes"]), "Perangkat desa"),
    (frozenset(["pajak", "retribusi", "pbb", "bphtb"]), "Wajib pajak"),
    (frozenset(["sekolah", "guru", "siswa", "pembelajaran", "kurikulum", "paud"]), "Guru"),
    (frozenset([
        "gizi", "stunting", "imunisasi", "posyandu", "balita", "ibu", "phbs", "dbd", "kesehatan", "sanitasi",
    ]), "Masyarakat"),
    (frozenset([
        "pegawai", "asn", "pns", "pppk", "skp", "kinerja", "disiplin", "kepegawaian", "simpeg", "siasn",
        "e-kinerja",
    ]), "Pegawai"),
)
_PEOPLE_PLURAL_OK = frozenset({"peserta", "pegawai", "masyarakat"})

# Nouns naming a field of work (per-/ke-…-an), not an act: "penyuluhan pertanian", "pelayanan kesehatan".
_FIELD_NOUNS = frozenset(
    {"pertanian", "perikanan", "peternakan", "perkebunan", "kesehatan", "pendidikan", "kebudayaan", "pariwisata",
     "perdagangan", "perindustrian", "perhubungan", "pertanahan", "kehutanan", "kelautan", "keamanan",
     "ketertiban", "kependudukan", "perumahan", "pemerintahan", "pembangunan", "perekonomian", "kesejahteraan",
     "keagamaan", "kepemudaan", "keolahragaan", "ketenagakerjaan", "kepegawaian", "keuangan", "perizinan",
     "perpajakan", "kearsipan", "perpustakaan", "persuratan", "perkantoran", "ketahanan", "kebersihan",
     "keselamatan", "kebencanaan", "pertamanan", "permukiman", "perencanaan", "penganggaran", "hukum",
     "lingkungan", "kemasyarakatan", "kewilayahan", "kewirausahaan", "koperasi"}
)  # fmt: skip

# Markers that open the parts around the object.
_PARTNER = frozenset({"dengan", "bersama"})
_TOPIC = frozenset({"terkait", "tentang", "mengenai", "perihal"})
_AUDIENCE = frozenset({"kepada", "bagi", "terhadap"})
_PLACE = frozenset({"ke", "di", "pada", "dari", "melalui", "se"})
_PURPOSE = frozenset({"agar", "supaya", "guna", "demi"})
_PERIODS = {
    "hari": "harian", "minggu": "mingguan", "pekan": "mingguan", "bulan": "bulanan", "triwulan": "triwulanan",
    "semester": "semesteran", "tahun": "tahunan", "tahunnya": "tahunan",
}  # fmt: skip
_EXPECT_START = frozenset(
    {"sesuai", "tepat", "secara", "akurat", "valid", "lengkap", "cepat", "tertib", "mutakhir", "tuntas",
     "berdasarkan", "akuntabel", "efektif", "efisien", "optimal", "maksimal", "benar", "lancar", "aman"}
)  # fmt: skip


@dataclass
class Frame:
    """What a typed phrase says, read into parts (all tidied text, possibly empty)."""

    family: str = ""
    root: str = ""
    act: str = ""  # the activity noun as a phrase ("monitoring dan evaluasi", "rapat koordinasi")
    obj: str = ""
    partner: str = ""
    topic: str = ""
    audience: str = ""
    audience_marker: str = "bagi"
    places: list[tuple[str, str]] = field(default_factory=list)
    freq: str = ""
    expect: str = ""  # expectation typed by the employee, filler removed
    attend: bool = False
    pre_verbs: list[str] = field(default_factory=list)  # "Menyusun dan menyampaikan …": ["tersusun"]
    source: str = ""  # the tidied phrase


def _verb(f: Frame, verb: str) -> str:
    """The state verb, joined with those of earlier verbs in a chain: "tersusun dan tersampaikan"."""
    pre = [v for v in f.pre_verbs if v != verb]
    return " dan ".join([*pre, verb]) if pre else verb


# ---------------------------------------------------------------------------
# Small text helpers


def _join(*parts: str) -> str:
    return re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip()


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first.lower() in ACRONYMS or first.lower() in MIXED_CASE:
        return text
    letters = [c for c in first if c.isalpha()]
    if len(letters) > 1 and (all(c.isupper() for c in letters) or any(c.isupper() for c in letters[1:])):
        return text
    return text[:1].lower() + text[1:]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _words(text: str) -> list[str]:
    return [_bare(t) for t in text.split(" ") if _bare(t)]


def _head(text: str) -> str:
    for w in _words(text):
        if w not in ("seluruh", "semua", "para", "setiap", "tiap", "berbagai", "beberapa"):
            return w
    return ""


def kind_of(text: str) -> ProductKind:
    """Kind of product named by a noun phrase (by its head word)."""
    words = _words(text)
    head = _head(text)
    if head in ("hasil", "dokumen", "berkas", "draf", "draft", "rancangan", "konsep", "naskah") and len(words) > 1:
        inner = _KIND_OF_HEAD.get(words[words.index(head) + 1]) if words.index(head) + 1 < len(words) else None
        if head == "hasil":
            return inner if inner in (_K.DATA, _K.REPORT, _K.PLAN, _K.REGULATION, _K.MATERIAL) else _K.REPORT
        if inner in (_K.REPORT, _K.PLAN, _K.REGULATION, _K.DATA, _K.MATERIAL):
            return inner
    if head == "perjanjian" and words[words.index(head) + 1 : words.index(head) + 2] == ["kinerja"]:
        return _K.PLAN
    if head in _KIND_OF_HEAD:
        return _KIND_OF_HEAD[head]
    if head.endswith("-" + head.split("-")[0]):  # "desa-desa"
        return _KIND_OF_HEAD.get(head.split("-")[0], _K.GENERIC)
    return _K.GENERIC


def _root_of(word: str) -> str:
    """The root of an activity word (verb or noun), or ``""``."""
    w = word.lower()
    if w in _WORD_ROOT:
        return _WORD_ROOT[w]
    if is_active_verb(w):
        root, _suffix = _root_and_suffix(w)
        return root
    if is_process_noun(w):
        return stem(w)
    return ""


def _family_of(word: str) -> tuple[str, str]:
    root = _root_of(word)
    return _FAMILY.get(root, ""), root


# ---------------------------------------------------------------------------
# Reading a phrase into a Frame


def _segments(tokens: list[str]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Split the tokens after the activity into the object and (marker, tokens) parts."""
    obj: list[str] = []
    parts: list[tuple[str, list[str]]] = []
    current: list[str] = obj
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        w = _bare(tok)
        nxt = _bare(tokens[i + 1]) if i + 1 < len(tokens) else ""
        marker = ""
        if (w == "dalam" and nxt == "rangka") or w in _PURPOSE or (w == "untuk" and is_active_verb(nxt)):
            parts.append(("purpose", tokens[i:]))
            break
        if (
            w in _EXPECT_START
            and (w != "secara" or nxt not in ("rutin", "berkala"))
            and (w != "cepat" or nxt in ("waktu", "dan", "sasaran", ""))
        ):
            parts.append(("expect", tokens[i:]))
            break
        if w == "yang" and nxt in _EXPECT_START | {"valid", "lengkap", "akurat", "berkualitas", "baik"}:
            parts.append(("expect", tokens[i + 1 :]))
            break
        if w in ("setiap", "tiap", "per") and nxt in _PERIODS:
            parts.append(("freq", [_PERIODS[nxt]]))
            i += 2
            current = obj if current is obj else current
            continue
        if w == "secara" and nxt in ("rutin", "berkala"):
            parts.append(("freq", ["berkala"]))
            i += 2
            continue
        if w in _PARTNER and nxt not in ("baik", "cepat", "tepat", "benar", "lancar"):
            marker = "partner"
        elif (w in _TOPIC and nxt and nxt not in _FUNCTION_WORDS) or (
            w == "dalam" and is_process_noun(nxt) and nxt not in _FIELD_NOUNS and current is obj
        ):
            marker = "topic"
        elif w in _AUDIENCE:
            marker = "audience:" + w
        elif w == "ke" and current is obj and kind_of(" ".join(tokens[i + 1 : i + 3])) is _K.PEOPLE:
            marker = "audience:kepada"  # "sosialisasi … ke OPD": the people served
        elif w == "untuk" and kind_of(" ".join(tokens[i + 1 : i + 3])) is _K.PEOPLE:
            marker = "audience:untuk"
        elif w in _PLACE and nxt and current is obj:
            marker = w
        if marker:
            seg: list[str] = [] if marker in ("partner", "topic") or marker.startswith("audience") else [tok]
            parts.append((marker, seg))
            current = seg
        else:
            current.append(tok)
        i += 1
    return obj, parts


def _strip_expect(tokens: list[str]) -> str:
    text = " ".join(tokens)
    for filler in sorted(find_filler(text), key=len, reverse=True):
        text = re.sub(rf"(?i)\b{re.escape(filler)}\b", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;")
    text = re.sub(r"^(?:secara|dengan)\s+(?=\S)", "", text)
    text = re.sub(r"\b(?:dan|serta)$", "", text).strip()
    words = _words(text)
    if not words or not any(w in EXPECTATION_WORDS for w in words):
        return ""
    return text


def read(phrase: str) -> Frame:
    """Read a tidied phrase into a :class:`Frame`."""
    source = phrase
    tokens = [t for t in re.split(r"\s+", phrase.strip()) if t]
    f = Frame(source=source)
    i = 0
    # Look through light verbs and role words: "Melaksanakan rapat …", "Menjadi narasumber pada …".
    while i < len(tokens) - 1:
        w = _bare(tokens[i])
        fam, root = _family_of(w)
        if w in ("turut", "ikut") and _bare(tokens[i + 1]) in ("serta", "dalam", "mengikuti", "menghadiri"):
            f.attend = True
            i += 1
            continue
        if (fam == "light" or root in _LIGHT_ROOTS or w in ("kegiatan", "kegiatan-kegiatan")) and (
            _family_of(_bare(tokens[i + 1]))[0] or _bare(tokens[i + 1]) in ("rapat", "kegiatan")
        ):
            i += 1
            continue
        if fam == "attend":
            f.attend = True
            nxt_fam = _family_of(_bare(tokens[i + 1]))[0]
            if nxt_fam in ("meeting", "serve", "assess", "coordinate"):
                i += 1
                continue
            f.family, f.root = "attend", root
            i += 1
            break
        if fam == "role" or w in ("sebagai",):
            i += 1
            continue
        if w in _ROLES:
            f.family, f.root = "role", w
            f.attend = True
            i += 1
        break
    if not f.family and i < len(tokens):
        w = _bare(tokens[i])
        fam, root = _family_of(w)
        if fam and fam != "light":
            f.family, f.root = fam, root
            start = i
            i += 1
            # A chain: "Menerima dan memeriksa …", "Monitoring dan evaluasi …": the last one decides.
            while (i + 1 < len(tokens) and _bare(tokens[i]) in ("dan", "serta", "&", "/")) or (
                i < len(tokens) and tokens[i - 1].endswith(",") and _family_of(_bare(tokens[i]))[0]
            ):
                j = i + 1 if _bare(tokens[i]) in ("dan", "serta", "&", "/") else i
                if j >= len(tokens):
                    break
                fam2, root2 = _family_of(_bare(tokens[j]))
                if not fam2 or fam2 == "light":
                    break
                if fam2 != fam and not (is_process_noun(_bare(tokens[j])) and is_process_noun(w)):
                    before = _ROOT_VERB.get(f.root) or _STATE_VERB.get(f.family)
                    if before:
                        f.pre_verbs.append(before)
                    f.family, f.root = fam2, root2
                i = j + 1
            if i < len(tokens) and (w, _bare(tokens[i])) in _COMPOUND_ACTS:
                i += 1
            act_tokens = tokens[start:i]
            families = {_family_of(_bare(t))[0] for t in act_tokens if _bare(t) not in ("dan", "serta", "&", "/")}
            families.discard("")
            if len(families) > 1 and all(is_process_noun(_bare(t)) or _bare(t) in ("dan", "serta") for t in act_tokens):
                # "Pembinaan dan pengawasan": what was found is reported; "Perencanaan dan pelaporan": documents.
                if "assess" in families:
                    f.family, f.root = "assess", "awas"
                elif families <= {"plan", "report", "produce", "analyse", "recap"}:
                    f.family, f.root = "documents", "susun"
            if all(
                is_process_noun(_bare(t)) or _bare(t) in ("dan", "serta") or (_bare(p), _bare(t)) in _COMPOUND_ACTS
                for p, t in zip(["", *act_tokens], act_tokens, strict=False)
            ):
                f.act = " ".join(act_tokens)
            if f.family == "meeting":
                # "rapat koordinasi …": the meeting's own name belongs to the event.
                f.act = " ".join(tokens[start:i])
        elif w in ("layanan", "pelayanan"):
            f.family, f.root = "request", "layan"
            i += 1
        elif fam == "light":
            f.family, f.root = ("deliver", "sampai") if root == "beri" else ("execute", root)
            i += 1
        else:
            f.family, f.root = "", ""
    if f.attend and f.family in ("", "light"):
        f.family = "attend"
    obj, parts = _segments(tokens[i:])
    f.obj = " ".join(obj).strip(" ,;")
    for marker, seg in parts:
        text = " ".join(seg).strip(" ,;")
        if marker == "expect":
            f.expect = _strip_expect(seg)
        elif marker == "freq":
            f.freq = text
        elif marker == "partner":
            f.partner = _join(f.partner, text)
        elif marker == "topic":
            f.topic = _join(f.topic, text)
        elif marker.startswith("audience"):
            f.audience = _join(f.audience, text)
            f.audience_marker = marker.split(":", 1)[1] if ":" in marker else "bagi"
        elif marker == "purpose":
            continue
        else:
            f.places.append((marker, text))
    return f


# ---------------------------------------------------------------------------
# Building suggestions


@dataclass(frozen=True)
class _Ctx:
    frame: Frame
    parent_expect: str
    parent_object: str


_COMPATIBLE: dict[ProductKind, frozenset[str]] = {
    _K.DATA: frozenset([
        "valid", "akurat", "mutakhir", "lengkap", "tepat", "waktu", "dan", "sesuai", "terukur", "terpercaya",
        "benar",
    ]),
    _K.REPORT: frozenset(["akurat", "lengkap", "tepat", "waktu", "dan", "sesuai", "ketentuan", "peraturan", "terukur"]),
    _K.DOC: frozenset(["lengkap", "tepat", "waktu", "dan", "sesuai", "ketentuan", "peraturan", "sop", "standar"]),
    _K.PLAN: frozenset(["tepat", "waktu", "dan", "sesuai", "ketentuan", "peraturan", "jadwal"]),
    _K.MATERIAL: frozenset(["lengkap", "tepat", "waktu", "dan", "sesuai", "kebutuhan"]),
    _K.REGULATION: frozenset(["tepat", "waktu", "dan", "sesuai", "ketentuan", "peraturan"]),
    _K.REQUEST: frozenset([
        "tepat", "waktu", "dan", "sesuai", "standar", "pelayanan", "sop", "cepat", "akurat", "ketentuan",
    ]),
    _K.EVENT: frozenset(["tepat", "waktu", "dan", "sesuai", "jadwal", "ketentuan", "peraturan", "sop"]),
    _K.GENERIC: frozenset(["tepat", "waktu", "dan", "sesuai", "ketentuan", "peraturan", "sop", "standar"]),
    _K.MONEY: frozenset(["tepat", "waktu", "dan", "sesuai", "ketentuan", "rencana", "akuntabel", "tertib"]),
    _K.ARCHIVE: frozenset(["tertib", "lengkap", "dan", "sesuai", "ketentuan"]),
}


def _expectations(kind: ProductKind, ctx: _Ctx) -> list[str]:
    """Expectations for a product of ``kind``: typed first, then the superior's if it suits, then
    the defaults."""
    out: list[str] = []
    if ctx.frame.expect:
        out.append(ctx.frame.expect)
    pe = ctx.parent_expect
    if pe and set(_words(pe)) <= _COMPATIBLE.get(kind, frozenset()):
        out.append(pe)
    out += list(_EXPECT[kind])
    seen: list[str] = []
    for e in out:
        if e not in seen:
            seen.append(e)
    return seen


def _with_places(np: str, f: Frame, *, into: str = "pada", used: tuple[str, ...] = ()) -> str:
    """The product with the parts around it that the family did not use: "data absensi" + "ke
    aplikasi" -> "data absensi pada aplikasi"; "panggilan" + "dengan pemerintah daerah" -> …"""
    out = np
    for marker, text in f.places:
        if marker == "ke" and into:
            text = into + text[2:]
        out = _join(out, text)
    if "topic" not in used and f.topic:
        out = _join(out, "terkait", f.topic)
    if "partner" not in used and f.partner:
        out = _join(out, "dengan", f.partner)
    if "audience" not in used and f.audience:
        out = _join(out, f.audience_marker, f.audience)
    return out


def _with_freq(np: str, f: Frame) -> str:
    if f.freq and f.freq not in np.lower():
        return _join(np, f.freq)
    return np


def _product(obj: str, prefix: str, kinds: tuple[ProductKind, ...]) -> str:
    """``obj`` when it already names a product of one of ``kinds``, else ``prefix obj``."""
    if not obj:
        return _cap(prefix)
    if kind_of(obj) in kinds:
        return obj
    return _join(prefix, _lower_first(obj))


_DOC_KINDS = (_K.REPORT, _K.PLAN, _K.MATERIAL, _K.REGULATION, _K.DOC, _K.DATA)


def _svo(p: str, verb: str, exps: list[str], n: int = 3) -> list[str]:
    return [_join(p, verb, e) for e in exps[:n]]


def _gen_produce(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    obj = _with_freq(f.obj, f)
    obj_kind = kind_of(obj)
    if f.family == "prepare" and obj_kind in (_K.ASSET, _K.EVENT, _K.PEOPLE, _K.GENERIC, _K.SYSTEM, _K.MONEY):
        p = _with_places(obj or "sarana kerja", f, into="")
        verb = _verb(f, "tersedia")
        return [
            _join(p, verb, "sesuai kebutuhan"), _join(p, verb, "tepat waktu"), _join(p, "siap digunakan tepat waktu"),
        ]
    if obj_kind is _K.SYSTEM:
        return _gen_develop(ctx)
    inner = read(_cap(obj)) if obj and is_process_noun(_head(obj)) else None
    if inner and inner.family in ("assess", "analyse", "calculate", "verify", "inventory", "plan", "recap"):
        # "Menyusun evaluasi X": what the evaluation yields ("Hasil evaluasi X disampaikan …").
        return _generate(_Ctx(replace(inner, pre_verbs=[]), ctx.parent_expect, ctx.parent_object))
    if _head(obj) in ("sk", "keputusan") or obj.lower().startswith("surat keputusan"):
        return _gen_issue(ctx)
    if f.root in ("buat", "cetak", "ganda") and obj_kind is _K.GENERIC and not is_process_noun(_head(obj)):
        # "membuat kartu pegawai": a thing, not a document
        p = _with_places(obj, f, into="")
        verb = _verb(f, "tersedia" if f.root == "buat" else _ROOT_VERB.get(f.root, "tersedia"))
        return [_join(p, verb, "tepat waktu sesuai kebutuhan"), _join(p, verb, "lengkap sesuai ketentuan")]
    p = _with_places(_product(obj, "dokumen", _DOC_KINDS), f, into="")
    kind = kind_of(p) if kind_of(p) is not _K.GENERIC else _K.DOC
    verb = _verb(f, _ROOT_VERB.get(f.root) or _STATE_VERB[f.family])
    return _svo(p, verb, _expectations(kind, ctx))


_DATA_NOUNS = frozenset({"data", "informasi", "database", "basis", "pangkalan", "daftar", "statistik", "register"})


def _data_product(f: Frame, *, into: str = "pada") -> str:
    obj = _with_freq(f.obj, f)
    keep = _head(obj) in _DATA_NOUNS or kind_of(obj) in (_K.DOC, _K.REQUEST, _K.REPORT, _K.MONEY, _K.ARCHIVE)
    p = obj if keep else _join("data", _lower_first(obj))
    return _with_places(p, f, into=into)


def _gen_entry(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    p = _data_product(f)
    verb = _verb(f, _ROOT_VERB.get(f.root) or _STATE_VERB[f.family])
    if kind_of(p) is not _K.DATA:
        return [_join(p, verb, "lengkap dan akurat"), _join(p, verb, "tertib dan tepat waktu")]
    exps = [e for e in _expectations(_K.DATA, ctx) if e != "valid dan mutakhir"]
    return [_join(p, verb, exps[0]), _join(p, "valid dan mutakhir"), *(_join(p, verb, e) for e in exps[1:])]


def _gen_recap(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    obj = _with_places(_with_freq(f.obj, f), f)
    data = _data_product(f)
    exps = _expectations(_K.DATA, ctx)
    rekap = _join("rekapitulasi", _lower_first(obj)) if _head(obj) not in ("rekap", "rekapitulasi") else obj
    return [
        _join(rekap, "tersusun", exps[0] if exps[0] != "lengkap dan akurat" else "akurat dan tepat waktu"),
        _join(data, "terekap", "lengkap dan akurat"),
        _join(data, "valid dan mutakhir"),
    ]


def _gen_collect(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    p = _data_product(f) if kind_of(f.obj) in (_K.DATA, _K.GENERIC) else _with_places(f.obj or "Data", f)
    exps = _expectations(_K.DATA if kind_of(p) is _K.DATA else kind_of(p), ctx)
    return _svo(p, "terhimpun", ["lengkap dan tepat waktu", *exps])


def _gen_update(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    if kind_of(f.obj) is _K.SYSTEM:
        p = _with_places(f.obj, f)
        return [_join("informasi pada", _lower_first(p), "mutakhir dan akurat"), _join(p, "termutakhirkan tepat waktu")]
    p = _data_product(f)
    return [_join(p, "mutakhir dan akurat"), _join(p, "termutakhirkan tepat waktu"), _join(p, "valid dan mutakhir")]


def _gen_process_data(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    p = _data_product(f)
    return [
        _join("hasil pengolahan", _lower_first(p), "akurat dan tepat waktu"),
        _join(p, "terolah", "akurat dan tepat waktu"),
        _join(p, "terolah", "valid dan mutakhir"),
    ]


def _gen_reconcile(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    p = _with_places(_with_freq(f.obj or "data keuangan", f), f, used=("partner",))
    partner = _join("dengan", f.partner) if f.partner else ""
    return [
        _join(p, "terekonsiliasi", partner, "tepat waktu tanpa selisih"),
        _join("berita acara rekonsiliasi", _lower_first(p), partner, "tersusun tepat waktu"),
    ]


def _gen_verify(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    obj_kind = kind_of(f.obj)
    if obj_kind in (_K.ASSET, _K.SYSTEM):
        return _gen_maintain(ctx)
    if obj_kind is _K.PEOPLE and f.root == "periksa":
        return _gen_care(ctx)
    obj = _with_freq(f.obj, f)
    if obj_kind is _K.DATA:
        p = _with_places(obj, f)
        verb = _verb(f, "tervalidasi" if f.root == "validasi" else "terverifikasi")
        return [_join(p, verb, "sesuai dokumen sumber"), _join(p, "valid dan akurat"), _join(p, verb, "tepat waktu")]
    p = _with_places(_product(obj, "berkas", (_K.DOC, _K.REPORT, _K.REQUEST, _K.PLAN, _K.REGULATION, _K.MATERIAL)), f)
    verb = _verb(f, _ROOT_VERB.get(f.root) or "terverifikasi")
    kind = kind_of(p)
    if f.root == "reviu":
        return [
            _join(p, "tereviu sesuai standar reviu"),
            _join("catatan hasil reviu", _lower_first(p), "ditindaklanjuti tepat waktu"),
            _join(p, "tereviu tepat waktu"),
        ]
    exps = _expectations(_K.DOC if kind is _K.GENERIC else kind, ctx)
    noun = {"periksa": "pemeriksaan", "reviu": "reviu", "teliti": "penelitian", "cek": "pengecekan"}.get(
        f.root, "verifikasi"
    )
    first = "lengkap sesuai ketentuan" if "lengkap" not in exps[0] and not ctx.frame.expect else exps[0]
    return [
        _join(p, verb, first),
        _join("hasil", noun, _lower_first(p), "disampaikan tepat waktu"),
        _join(p, verb, "tepat waktu sesuai standar pelayanan" if kind is _K.REQUEST else "tepat waktu"),
    ]


def _gen_coordinate(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    topic = _join(f.obj, f.topic) if f.obj and f.topic else (f.topic or f.obj)
    partner = _join("dengan", f.partner) if f.partner else ""
    places = _with_places("", f, into="", used=("topic", "partner"))
    out: list[str] = []
    if topic and is_process_noun(_head(topic)) and not f.partner:
        inner = read(_cap(topic))
        if inner.family and inner.family not in ("coordinate", "light"):
            out += _generate(_Ctx(inner, ctx.parent_expect, ctx.parent_object))[:1]
    if topic:
        out += [
            _join("kesepakatan", _lower_first(topic), partner, places, "diperoleh tepat waktu"),
            _join("hasil koordinasi", _lower_first(topic), partner, places, "ditindaklanjuti tepat waktu"),
        ]
        if not is_process_noun(_head(topic)):
            bersama = _join("bersama", f.partner) if f.partner else ""
            out.append(_join(topic, "disepakati", bersama, places, "tepat waktu"))
    else:
        out += [
            _join("hasil koordinasi", partner, places, "ditindaklanjuti tepat waktu"),
            _join("kesepakatan", partner, places, "diperoleh dan ditindaklanjuti tepat waktu"),
        ]
    return out


def _act_noun(f: Frame) -> str:
    if f.act:
        return _lower_first(f.act)
    return _ACT_NOUN.get(f.root, f.root)


def _gen_assess(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    act = _act_noun(f)
    what = _with_places(_join(act, _lower_first(f.obj) if f.obj else ""), f, into="di")
    if f.root in ("evaluasi", "nilai", "audit", "reviu"):
        return [
            _join("hasil", what, "disampaikan kepada pimpinan tepat waktu"),
            _join("rekomendasi hasil", what, "ditindaklanjuti tepat waktu"),
            _join("laporan hasil", what, "tersusun lengkap dan tepat waktu"),
        ]
    if f.root in ("awas", "inspeksi"):
        return [
            _join("rekomendasi hasil", what, "ditindaklanjuti tepat waktu"),
            _join("laporan hasil", what, "disampaikan kepada pimpinan tepat waktu"),
            _join("temuan hasil", what, "terselesaikan sesuai ketentuan"),
        ]
    return [
        _join("rekomendasi hasil", what, "disampaikan kepada pimpinan tepat waktu"),
        _join("laporan hasil", what, "tersusun lengkap dan tepat waktu"),
        _join("hasil", what, "ditindaklanjuti sesuai rekomendasi"),
    ]


def _gen_analyse(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    act = _act_noun(f)
    what = _with_places(_join(act, _lower_first(_with_freq(f.obj, f))), f)
    return [
        _join("hasil", what, "disampaikan tepat waktu"),
        _join("dokumen", what, "tersusun akurat dan tepat waktu"),
        _join("rekomendasi hasil", what, "disampaikan kepada pimpinan tepat waktu"),
    ]


def _gen_calculate(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    what = _with_places(_join(_act_noun(f), _lower_first(_with_freq(f.obj, f))), f)
    return [_join("hasil", what, "akurat dan tepat waktu"), _join("hasil", what, "disampaikan tepat waktu")]


def _event_of(f: Frame) -> str:
    act = _lower_first(f.act) if f.act else ""
    obj = _lower_first(f.obj) if f.obj else ""
    return _with_places(_join(act, obj), f, into="")


def _gen_meeting(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    event = _event_of(f) or "rapat"
    if f.attend:
        return _gen_attend(ctx)
    return [
        _join("hasil", event, "ditindaklanjuti tepat waktu"),
        _join("notulen", event, "tersusun lengkap dan tepat waktu"),
        _join(event, "terlaksana sesuai jadwal"),
    ]


_TRAINING = frozenset({"diklat", "pelatihan", "bimtek", "kursus", "latsar", "webinar", "training", "workshop"})
_ROLES = frozenset({"narasumber", "moderator", "pembicara", "panitia", "notulis", "fasilitator", "juri"})


def _gen_attend(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    event = _event_of(f)
    words = _words(_join(f.act, f.obj))
    role = next((w for w in _words(f.source)[:4] if w in _ROLES), "")
    if role:
        rest = _join(f.obj, *(t for _m, t in f.places))
        rest_words = [w for w in rest.split(" ") if _bare(w) != role]
        where = _join(*rest_words)
        event = re.sub(r"^(?:pada|dalam|di)\s+", "", where)
        if role in ("narasumber", "pembicara", "fasilitator"):
            return [
                _join("materi", role, where, "tersampaikan sesuai penugasan"),
                _join("peserta", event, "memahami materi", role, "sesuai tujuan kegiatan"),
            ]
        return [
            _join("tugas sebagai", role, where, "terlaksana sesuai surat penugasan"),
            _join("tugas", role, event, "selesai tepat waktu"),
        ]
    if any(w in _TRAINING for w in words):
        return [
            _join("hasil", event, "diterapkan dalam pelaksanaan tugas"),
            _join("laporan hasil", event, "disampaikan kepada pimpinan tepat waktu"),
        ]
    event = event or "rapat"
    return [
        _join("hasil", event, "dilaporkan kepada pimpinan tepat waktu"),
        _join("laporan hasil", event, "tersusun lengkap dan tepat waktu"),
        _join("tindak lanjut hasil", event, "terlaksana sesuai arahan pimpinan"),
    ]


_BROKEN = re.compile(r"\s+yang\s+(?:rusak|padam|mati|bocor|macet|error|hilang|tidak berfungsi)\b.*$", re.I)


def _gen_maintain(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    broken = bool(_BROKEN.search(f.obj))
    p = _with_places(_BROKEN.sub("", f.obj) or "sarana dan prasarana kantor", f, into="di")
    if broken or f.root in ("perbaiki", "servis", "baik"):
        if kind_of(p) is _K.SYSTEM:
            return [
                _join(p, "berfungsi kembali tepat waktu"), _join("gangguan", _lower_first(p), "tertangani tepat waktu"),
            ]
        return [
            _join(p, "berfungsi kembali tepat waktu"),
            _join("kerusakan", _lower_first(p), "tertangani tepat waktu"),
            _join(p, "dalam kondisi laik dan berfungsi"),
        ]
    kind = kind_of(p)
    if kind is _K.SYSTEM:
        return [_join(p, "berfungsi tanpa gangguan"), _join(p, "berfungsi sesuai kebutuhan pengguna")]
    out = [_join(p, "dalam kondisi laik dan berfungsi"), _join(p, "berfungsi tanpa gangguan")]
    if f.root in ("perbaiki", "servis", "baik"):
        out.insert(1, _join("kerusakan", _lower_first(p), "tertangani tepat waktu"))
    else:
        out.append(_join(p, "terpelihara sesuai jadwal pemeliharaan"))
    return out


def _gen_clean(ctx: _Ctx) -> list[str]:
    p = _with_places(ctx.frame.obj or "lingkungan kantor", ctx.frame, into="di")
    return [_join(p, "bersih dan nyaman digunakan"), _join(p, "terpelihara bersih sesuai jadwal")]


def _gen_guard(ctx: _Ctx) -> list[str]:
    p = _with_places(ctx.frame.obj or "lingkungan kantor", ctx.frame, into="di")
    return [_join(p, "aman dan tertib"), _join("keamanan", _lower_first(p), "terjaga tanpa gangguan")]


def _audience(f: Frame) -> str:
    if f.audience:
        return _cap(f.audience)
    if f.obj and kind_of(f.obj) is _K.PEOPLE:
        return _cap(f.obj)
    words = set(_words(f.source))
    for keys, who in _AUDIENCE_BY_FIELD:
        if words & keys:
            return who
    return ""


# Fields whose rules one learns: "memahami ketentuan perizinan berusaha".
_RULE_FIELDS = frozenset(
    {"perizinan", "perpajakan", "pajak", "retribusi", "kepegawaian", "ketenagakerjaan", "kependudukan",
     "pengadaan", "keuangan", "disiplin", "cuti", "pensiun", "kearsipan", "perlindungan", "keselamatan"}
)  # fmt: skip
_UNDERSTANDABLE = frozenset(
    {"ketentuan", "aturan", "peraturan", "program", "kebijakan", "prosedur", "materi", "informasi", "hak",
     "kewajiban", "cara", "teknik", "tata", "mekanisme", "manfaat", "bahaya", "pentingnya", "standar"}
)  # fmt: skip


def _ability(topic: str) -> str:
    """``penggunaan SIMPEG`` -> ``menggunakan SIMPEG``; ``aplikasi X`` -> ``menggunakan aplikasi X``."""
    if not topic:
        return ""
    first, _, rest = topic.partition(" ")
    verb = _NOMINAL_VERB.get(first.lower())
    if verb:
        return _join(verb, rest)
    head = _head(topic)
    if head == "kinerja":
        return _join("mencapai target", topic)
    kind = kind_of(topic)
    if kind is _K.SYSTEM:
        return _join("menggunakan", topic)
    if kind in (_K.REGULATION,) or head in ("ketentuan", "aturan", "standar", "prosedur", "kebijakan", "sop"):
        return _join("menerapkan", topic)
    return ""


def _understood(topic: str) -> str:
    """What the people served come to understand, or ``""`` when "memahami <topic>" says nothing."""
    if " terkait " in topic:
        after = topic.split(" terkait ", 1)[1]
        return _understood(after) or after
    head = _head(topic)
    if head in _RULE_FIELDS:
        return _join("ketentuan", topic)
    if head in _FIELD_NOUNS:
        return ""
    kind = kind_of(topic)
    if (
        head in _UNDERSTANDABLE
        or kind in (_K.REGULATION, _K.SYSTEM, _K.MATERIAL, _K.PLAN, _K.DOC)
        or is_process_noun(head)
        or head in _NOMINAL_VERB
    ):
        return topic
    return ""


_UNDERSTAND_FIRST = frozenset({"sosialisasi", "suluh", "edukasi", "diseminasi", "advokasi"})


_LEADERS = frozenset({"pimpinan", "bupati", "walikota", "wakil", "kepala", "sekda", "camat", "lurah", "atasan"})


def _gen_serve(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    if f.root == "damping" and _head(f.obj) in _LEADERS:
        # "Mendampingi pimpinan dalam kunjungan kerja": the leader's programme runs as planned.
        event = f.topic or _with_places("", f, into="di", used=("topic",)) or "kegiatan"
        return [
            _join(_lower_first(event), _lower_first(f.obj), "terlaksana sesuai jadwal"),
            _join("kebutuhan", _lower_first(f.obj), "selama", _lower_first(event), "terpenuhi tepat waktu"),
        ]
    act = _act_noun(f) or "sosialisasi"
    obj_is_people = bool(f.obj) and kind_of(f.obj) is _K.PEOPLE and not f.audience
    topic = f.topic or ("" if obj_is_people else f.obj)
    if f.topic and f.obj and not obj_is_people:
        topic = _join(f.obj, "terkait", f.topic)
    topic = _with_places(_lower_first(topic), f, into="", used=("topic", "audience", "partner")) if topic else ""
    if f.partner:
        topic = _join(topic, "bersama", f.partner)
    aud = _audience(f)
    default_aud = not aud
    if default_aud:
        aud = _join("peserta", act)
    understood = _understood(topic) if topic else ""
    understand = _join(aud, "memahami", understood) if understood else ""
    if topic and not understood:
        understand = _join(aud, "memahami materi", act, topic, "yang disampaikan")
    if not topic:
        understand = _join(aud, "memahami materi", act, "yang disampaikan") if not default_aud else _join(
            aud, "memahami materi yang disampaikan"
        )
    ability = _ability(topic)
    tail = "" if ability.startswith("mencapai") else "sesuai ketentuan"
    able = _join(aud, "mampu", ability, tail) if ability else ""
    got = "" if default_aud else _join(aud, "mendapat", act, topic, "sesuai kebutuhan")
    materi_for = _join("bagi", _lower_first(f.audience)) if f.audience else ""
    materi = _join("materi", act, topic, materi_for, "tersusun lengkap dan tepat waktu")
    held = ""
    if f.root in ("bina", "damping", "asistensi") and (_head(topic) in _FIELD_NOUNS or _head(topic) == "administrasi"):
        held = _join("penyelenggaraan", topic, "tertib sesuai ketentuan")
    order = [understand, able, materi, got] if f.root in _UNDERSTAND_FIRST else [held, able, got, understand, materi]
    return [s for s in order if s]


def _gen_care(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    act = _act_noun(f)
    aud = _with_places(_audience(f) or "Masyarakat sasaran", f, into="di", used=("audience", "topic"))
    topic = f.topic or ("" if kind_of(f.obj) is _K.PEOPLE else f.obj)
    what = _join(act, _lower_first(topic) if topic else "")
    return [
        _join(aud, "mendapat", what, "sesuai standar"),
        _join("cakupan", what, "bagi", _lower_first(aud), "tercapai sesuai target"),
    ]


_REQUEST_FIELDS = frozenset(
    {"perizinan", "izin", "informasi", "kependudukan", "adminduk", "administrasi", "surat", "rekomendasi",
     "legalisasi", "legalisir", "sertifikat", "paspor", "pbg", "imb", "slf", "nib", "kepegawaian", "pensiun",
     "cuti", "mutasi", "kenaikan", "bantuan", "konsultasi", "pengaduan", "data", "akta", "ktp", "kk"}
)  # fmt: skip
_CARE_FIELDS = frozenset(
    {"kesehatan", "pendidikan", "sosial", "gizi", "imunisasi", "persalinan", "rujukan", "kesejahteraan"}
)


_REQUESTED_THINGS = frozenset(
    {"perizinan", "izin", "informasi", "ktp", "kk", "akta", "paspor", "pbg", "imb", "slf", "nib", "sertifikat",
     "legalisasi", "legalisir", "rekomendasi", "surat", "data", "bantuan", "konsultasi", "pensiun", "cuti",
     "mutasi", "kenaikan", "e-ktp", "kia"}
)  # fmt: skip


def _gen_request(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    obj = _with_freq(f.obj, f)
    words = set(_words(obj))
    if f.root == "layan" and kind_of(obj) is _K.PEOPLE and not words & _REQUEST_FIELDS:
        who = _with_places(_cap(obj), f, into="di")
        return [
            _join(who, "mendapat layanan sesuai standar pelayanan"),
            _join(who, "terlayani tepat waktu sesuai standar pelayanan"),
        ]
    if f.root == "layan" and obj:
        inner = read(_cap(obj))
        if inner.family and inner.family not in ("request", "light", "execute", "manage"):
            out = _generate(_Ctx(inner, ctx.parent_expect, ctx.parent_object))[:2]
            if inner.obj:
                p = _join("permohonan", _lower_first(inner.obj))
                out.append(_join(p, "diproses tepat waktu sesuai standar pelayanan"))
            if out:
                return out
    kind = kind_of(obj)
    if f.root == "layan" and kind is not _K.REQUEST:
        who = _audience(f)
        if words & _CARE_FIELDS or not words & _REQUEST_FIELDS:
            who = who if who not in ("", "Pegawai") or "pegawai" in words else "Masyarakat"
            what = _with_places(_join("pelayanan", _lower_first(obj)) if obj else "pelayanan", f, into="di")
            return [
                _join(who, "mendapat", what, "sesuai standar"),
                _join(what, "terlaksana sesuai standar"),
            ]
        who = who if who else "Pemohon"
        noun = "permohonan" if _head(obj) in _REQUESTED_THINGS else "permohonan layanan"
        p = _with_places(_join(noun, _lower_first(obj)), f)
        return [
            _join(p, "ditindaklanjuti tepat waktu sesuai standar pelayanan"),
            _with_places(_join(who, "mendapat layanan", _lower_first(obj)), f, into="di") + " sesuai standar pelayanan",
            _join(p, "diproses cepat dan akurat"),
        ]
    p = _with_places(obj or "permohonan layanan", f, used=("audience",))
    if f.audience:
        p = _join(p, "dari", f.audience)
    exps = _expectations(_K.REQUEST, ctx)
    first = exps[0] if exps[0].startswith(("tepat", "sesuai", "cepat")) else exps[1]
    verb = _verb(f, "ditindaklanjuti")
    return [
        _join(p, verb, first),
        _join(p, "terselesaikan sesuai standar pelayanan"),
        _join(p, "diproses cepat dan akurat"),
    ]


def _gen_isasi(ctx: _Ctx) -> list[str]:
    """"Harmonisasi rancangan Perda" -> "Rancangan Perda terharmonisasi sesuai ketentuan …"."""
    f = ctx.frame
    p = _with_places(_with_freq(f.obj or "dokumen", f), f, into="")
    verb = _verb(f, _ROOT_VERB.get(f.root, "ter" + f.root))
    kind = kind_of(p)
    out = [_join(p, verb, "sesuai ketentuan"), _join(p, verb, "tepat waktu")]
    if kind is _K.REGULATION:
        out.insert(0, _join(p, verb, "sesuai ketentuan peraturan perundang-undangan"))
    return out


def _gen_register(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    p = _with_places(_with_freq(f.obj or "pemohon", f), f, into="di")
    if kind_of(p) is _K.PEOPLE:
        return [_join(p, "terdaftar lengkap dan akurat"), _join("data", _lower_first(p), "valid dan mutakhir")]
    return [
        _join("permohonan pendaftaran", _lower_first(p), "ditindaklanjuti tepat waktu sesuai standar pelayanan"),
        _join(p, "terdaftar sesuai ketentuan"),
    ]


def _gen_documents(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    p = _with_places(_join("dokumen", _lower_first(f.act), _lower_first(f.obj)), f, into="")
    return _svo(p, "tersusun", _expectations(_K.PLAN, ctx))


def _gen_complete(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    p = _with_places(_with_freq(f.obj or "pekerjaan", f), f, into="di")
    return [_join(p, "selesai tepat waktu sesuai ketentuan"), _join(p, "tuntas sesuai ketentuan")]


def _gen_issue(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    p = _with_places(_with_freq(f.obj or "surat keputusan", f), f, into="", used=("audience",))
    if f.audience:
        p = _join(p, "bagi", f.audience)
    exps = _expectations(kind_of(p) if kind_of(p) is not _K.GENERIC else _K.DOC, ctx)
    return [
        _join(p, "terbit tepat waktu sesuai ketentuan"),
        _join(p, "terbit sesuai standar pelayanan"),
        _join(p, "terbit", exps[0]),
    ]


def _gen_deliver(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    p = _with_freq(f.obj or "dokumen", f)
    if f.topic:
        p = _join(p, "terkait", f.topic)
    if f.family == "report" and kind_of(p) is not _K.REPORT:
        p = _join("laporan", _lower_first(p))
    dest = ""
    others: list[tuple[str, str]] = []
    for marker, text in f.places:
        if marker == "ke" and not dest:
            dest = text
        else:
            others.append((marker, text))
    p = _with_places(p, replace(f, places=others), into="", used=("audience", "topic"))
    rec = _join("kepada", f.audience) if f.audience else dest
    verb = _verb(f, _ROOT_VERB.get(f.root) or _STATE_VERB.get(f.family, "tersampaikan"))
    if f.family == "distribute":
        return [
            _join(p, verb, rec, "tepat sasaran dan tepat waktu"),
            _join(p, verb, rec, "sesuai ketentuan"),
        ]
    kind = kind_of(p) if kind_of(p) is not _K.GENERIC else _K.DOC
    exps = _expectations(kind, ctx)
    if f.pre_verbs:
        # "Laporan tersusun akurat dan tersampaikan kepada pimpinan tepat waktu"
        last = _ROOT_VERB.get(f.root) or _STATE_VERB.get(f.family, "tersampaikan")
        quality = "akurat" if kind in (_K.REPORT, _K.DATA) else "lengkap"
        return [
            _join(p, verb, rec, "tepat waktu"),
            _join(p, " dan ".join(f.pre_verbs), quality, "dan", last, rec, "tepat waktu"),
            _join(p, last, rec, "lengkap sesuai ketentuan"),
        ]
    out = [_join(p, verb, rec, "tepat waktu"), _join(p, verb, rec, "lengkap dan tepat waktu")]
    if exps and exps[0] not in ("tepat waktu", "lengkap dan tepat waktu"):
        out.append(_join(p, verb, rec, exps[0]))
    if f.audience:
        out.append(_join(p, "diterima", _lower_first(f.audience), "tepat waktu"))
    return out


def _gen_report(ctx: _Ctx) -> list[str]:
    return _gen_deliver(ctx)


def _gen_archive(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    obj = _with_places(_with_freq(f.obj, f), f, into="di")
    if not obj or _head(obj) in ("arsip", "kearsipan"):
        p = obj or "arsip"
        return [
            _join(p, "tertata sesuai ketentuan kearsipan"),
            _join(p, "tertata dan mudah ditemukan kembali"),
            _join(p, "tersimpan aman dan lengkap"),
        ]
    verb = _verb(f, _ROOT_VERB.get(f.root) or "terarsip")
    exps = _expectations(_K.ARCHIVE, ctx)
    return [
        _join(obj, verb, exps[0]),
        _join("arsip", _lower_first(obj), "tertata sesuai ketentuan kearsipan"),
        _join(obj, verb, "lengkap dan tertata"),
    ]


def _gen_arrange(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    kind = kind_of(f.obj)
    if kind in (_K.ARCHIVE, _K.DOC):
        return _gen_archive(replace_frame(ctx, family="archive", root="arsip"))
    p = _with_places(f.obj or "ruang kerja", f, into="di")
    return [_join(p, "tertata rapi dan nyaman digunakan"), _join(p, "tertata sesuai ketentuan")]


def replace_frame(ctx: _Ctx, **changes: str) -> _Ctx:
    frame = replace(ctx.frame, **changes)  # type: ignore[arg-type]
    return _Ctx(frame, ctx.parent_expect, ctx.parent_object)


_FIELD_OBJECT: dict[str, str] = {
    "kearsipan": "arsip", "persuratan": "administrasi persuratan", "kepegawaian": "administrasi kepegawaian",
    "keuangan": "administrasi keuangan", "ketatausahaan": "administrasi ketatausahaan",
    "kerumahtanggaan": "urusan rumah tangga kantor", "perkantoran": "administrasi perkantoran",
    "kehumasan": "informasi kehumasan", "protokol": "acara keprotokolan pimpinan",
    "keprotokolan": "acara keprotokolan pimpinan",
}  # fmt: skip


def _gen_manage(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    obj = _with_freq(f.obj, f)
    if not obj:
        return [_join("administrasi", "tertib sesuai ketentuan")]
    head = _head(obj)
    if head in _FIELD_OBJECT and len(_words(obj)) <= 2:
        obj = _join(_FIELD_OBJECT[head], *obj.split(" ")[1:])
        head = _head(obj)
    kind = kind_of(obj)
    p = _with_places(obj, f, into="di")
    if obj.lower().startswith("informasi kehumasan"):
        return _gen_publish(replace_frame(ctx, obj=obj, family="publish", root="publikasi"))
    if kind is _K.ARCHIVE:
        return _gen_archive(replace_frame(ctx, obj=obj, family="archive", root="arsip"))
    if kind is _K.DATA:
        return [_join(p, "valid dan mutakhir"), _join(p, "terkelola akurat dan aman"), _join(p, "lengkap dan akurat")]
    if kind is _K.SYSTEM:
        return [_join(p, "berfungsi tanpa gangguan"), _join(p, "terkelola sesuai kebutuhan pengguna")]
    if kind is _K.ASSET:
        return [_join(p, "tercatat dan terpelihara sesuai ketentuan"), _join(p, "dalam kondisi laik dan berfungsi")]
    if kind is _K.MONEY or (head == "administrasi" and set(_words(obj)) & set(_KIND_OF_HEAD) & {"keuangan"}):
        return [
            _join(p, "tertib dan akuntabel sesuai ketentuan"),
            _join(p, "terkelola tertib sesuai ketentuan"),
            _join("laporan", _lower_first(p), "tersusun tepat waktu"),
        ]
    if head in ("administrasi", "urusan"):
        return [
            _join(p, "tertib sesuai ketentuan"),
            _join("layanan", _lower_first(p), "diberikan tepat waktu sesuai standar pelayanan"),
        ]
    if is_process_noun(head) or kind is _K.EVENT:
        inner = read(_cap(obj))
        out: list[str] = []
        if inner.family and inner.family not in ("manage", "light", "execute"):
            out += _generate(_Ctx(inner, ctx.parent_expect, ctx.parent_object))[:1]
        exps = _expectations(_K.EVENT, ctx)
        out += [_join(p, "terlaksana", "sesuai ketentuan"), _join(p, "terlaksana", exps[0])]
        return out
    if head in _ADMIN_THINGS:
        return [
            _join("administrasi", _lower_first(p), "tertib sesuai ketentuan"),
            _join(p, "terkelola tertib sesuai ketentuan"),
        ]
    if head == "media":
        return [
            _join("informasi pada", _lower_first(p), "mutakhir dan akurat"), _join(p, "terkelola aktif dan mutakhir"),
        ]
    return [_join(p, "terkelola tertib sesuai ketentuan"), _join(p, "terkelola sesuai ketentuan dan tepat waktu")]


_ADMIN_THINGS = frozenset(
    {"cuti", "pensiun", "mutasi", "kenaikan", "gaji", "absensi", "presensi", "perjalanan", "surat", "persuratan",
     "izin", "kepegawaian", "pegawai", "tamu", "rapat", "kegiatan"}
)  # fmt: skip


def _gen_facilitate(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    if f.obj and kind_of(f.obj) is _K.PEOPLE:
        aud = _cap(f.obj)
        what = _join("fasilitasi", f.topic) if f.topic else "fasilitasi"
        return [_join(aud, "mendapat", what, "sesuai kebutuhan"), _join(aud, "terfasilitasi sesuai ketentuan")]
    p = _with_places(f.obj or "kegiatan", f, into="")
    out: list[str] = []
    if f.obj and is_process_noun(_head(f.obj)):
        inner = read(_cap(f.obj))
        if inner.family and inner.family not in ("facilitate", "light", "execute", "manage"):
            out += _generate(_Ctx(inner, ctx.parent_expect, ctx.parent_object))[:1]
    out.append(_join(p, "terfasilitasi sesuai ketentuan"))
    if kind_of(p) is _K.EVENT or _head(p) in ("musrenbang",):
        out.append(_join(p, "terlaksana sesuai jadwal"))
    out.append(_join(p, "terfasilitasi tepat waktu"))
    return out


def _gen_develop(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    p = _with_places(f.obj or "aplikasi", f, into="")
    kind = kind_of(p)
    if kind is _K.SYSTEM:
        return [
            _join(p, "berfungsi sesuai kebutuhan pengguna"),
            _join("fitur", _lower_first(p), "bertambah sesuai kebutuhan pengguna"),
            _join(p, "dikembangkan sesuai rencana dan tepat waktu"),
        ]
    if kind is _K.PEOPLE or _head(p) in ("kompetensi", "kapasitas", "kemampuan", "karier", "karir"):
        return [_join(p, "meningkat sesuai target"), _join(p, "berkembang sesuai rencana")]
    return [_join(p, "berkembang sesuai rencana"), _join(p, "dikembangkan sesuai rencana dan tepat waktu")]


def _gen_change(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    p = _with_places(f.obj or "kinerja", f, into="di")
    verb = {"raise": "meningkat", "lower": "menurun", "achieve": "tercapai"}[f.family]
    if f.root == "kurang":
        verb = "berkurang"
    if f.root == "tambah":
        verb = "bertambah"
    if f.root == "wujud":
        verb = "terwujud"
    nya = verb + "nya"
    target = "sesuai target" if f.family != "achieve" else "sesuai rencana"
    return [_join(p, verb, target), _join(nya, _lower_first(p), "sesuai target yang ditetapkan")]


def _gen_money(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    p = _with_places(_with_freq(f.obj or "anggaran", f), f, into="")
    verb = _ROOT_VERB.get(f.root) or _STATE_VERB[f.family]
    if f.family == "realize":
        return [_join(p, verb, "sesuai rencana"), _join(p, verb, "sesuai target dan ketentuan")]
    if f.family == "pay":
        return [_join(p, verb, "tepat waktu sesuai ketentuan"), _join(p, verb, "lengkap dan tepat waktu")]
    return [_join(p, verb, "sesuai target"), _join(p, verb, "tepat waktu sesuai ketentuan")]


def _gen_procure(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    p = _with_places(f.obj or "barang/jasa", f, into="di")
    return [
        _join(p, "tersedia sesuai kebutuhan dan ketentuan"),
        _join("pengadaan", _lower_first(p), "terlaksana sesuai ketentuan"),
        _join(p, "tersedia tepat waktu"),
    ]


def _gen_document(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    p = _with_places(f.obj or "kegiatan", f, into="di")
    return [
        _join(p, "terdokumentasi lengkap dan tepat waktu"),
        _join("dokumentasi", _lower_first(p), "tersedia lengkap"),
    ]


def _gen_publish(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    if kind_of(f.obj) is _K.DATA and f.root == "unggah":
        return _gen_entry(replace_frame(ctx, family="entry"))
    obj = f.obj or "informasi kegiatan"
    if kind_of(obj) not in (_K.DOC, _K.MATERIAL, _K.REPORT, _K.DATA) and _head(obj) not in (
        "berita", "informasi", "konten", "foto", "video", "artikel", "siaran", "pengumuman", "infografis",
    ):
        obj = _join("informasi", _lower_first(obj))
    p = _with_places(obj, replace(f, places=[]))
    where = _with_places("", replace(f, topic="", partner="", audience=""), into="pada")
    verb = _ROOT_VERB.get(f.root) or "terpublikasi"
    return [
        _join(p, verb, where, "tepat waktu"),
        _join(p, verb, where, "akurat dan tepat waktu"),
        _join(p, verb, where, "dan mudah diakses masyarakat"),
    ]


def _gen_inventory(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    p = _with_places(f.obj or "barang milik daerah", f, into="di")
    verb = _ROOT_VERB.get(f.root) or "terinventarisasi"
    return [_join(p, verb, "lengkap dan mutakhir"), _join("data", _lower_first(p), "lengkap dan mutakhir")]


def _gen_propose(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    obj = _with_freq(f.obj, f)
    p = _with_places(_product(obj, "usulan", (_K.DOC,)) if _head(obj) != "usulan" else obj, f, into="ke")
    return [_join(p, "tersampaikan lengkap dan tepat waktu"), _join(p, "lengkap sesuai ketentuan")]


def _gen_plan(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    obj = _with_freq(f.obj, f)
    p = _with_places(_product(obj, "rencana", (_K.PLAN, _K.REGULATION, _K.DOC)), f, into="")
    return _svo(p, "tersusun", _expectations(_K.PLAN, ctx))


def _gen_control(ctx: _Ctx) -> list[str]:
    p = _with_places(ctx.frame.obj or "pelaksanaan kegiatan", ctx.frame, into="di")
    return [_join(p, "terkendali sesuai rencana"), _join(p, "terkendali tepat waktu")]


def _gen_operate(ctx: _Ctx) -> list[str]:
    p = _with_places(ctx.frame.obj or "peralatan", ctx.frame, into="di")
    return [_join(p, "beroperasi tanpa gangguan"), _join(p, "beroperasi sesuai jadwal")]


def _gen_order(ctx: _Ctx) -> list[str]:
    p = _with_places(ctx.frame.obj or "wilayah", ctx.frame, into="di")
    if _head(p) in ("wilayah", "lingkungan", "kawasan", "pasar", "area", "jalan", "alun-alun", "terminal"):
        return [
            _join(p, "tertib sesuai ketentuan"),
            _join("pelanggaran di", _lower_first(p), "tertangani sesuai ketentuan"),
        ]
    return [_join(p, "ditertibkan sesuai ketentuan"), _join(p, "tertangani tepat waktu sesuai ketentuan")]


def _gen_receive(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    p = _with_places(f.obj or "berkas", f, into="")
    return [_join(p, "diterima dan tercatat lengkap"), _join(p, "diterima tepat waktu sesuai standar pelayanan")]


def _gen_install(ctx: _Ctx) -> list[str]:
    p = _with_places(ctx.frame.obj or "perangkat", ctx.frame, into="di")
    return [_join(p, "terpasang dan berfungsi"), _join(p, "terpasang sesuai spesifikasi")]


def _gen_backup(ctx: _Ctx) -> list[str]:
    p = _data_product(ctx.frame)
    return [_join("cadangan", _lower_first(p), "tersimpan lengkap dan aman"), _join(p, "tersimpan aman dan mutakhir")]


def _gen_escort(ctx: _Ctx) -> list[str]:
    p = _with_places(ctx.frame.obj or "kegiatan", ctx.frame, into="di")
    return [_join(p, "terlaksana sesuai jadwal"), _join(p, "terkawal sesuai ketentuan")]


def _gen_execute(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    p = _with_places(_with_freq(f.obj or "tugas", f), f, into="di")
    kind = kind_of(p)
    if kind in (_K.PLAN, _K.MATERIAL, _K.REGULATION, _K.DOC, _K.REPORT, _K.DATA):
        return _gen_produce(replace_frame(ctx, family="produce", root="susun"))
    exps = _expectations(_K.EVENT if kind is _K.EVENT else _K.GENERIC, ctx)
    return [_join(p, "terlaksana", exps[0]), _join(p, "terlaksana", exps[1]), _join(p, "selesai tepat waktu")]


_STATE_FIELDS: dict[str, str] = {
    "kebersihan": "bersih dan nyaman", "keamanan": "aman dan kondusif", "ketertiban": "tertib dan kondusif",
    "kerapian": "rapi dan tertata", "keindahan": "indah dan tertata", "kenyamanan": "nyaman digunakan",
}  # fmt: skip
_IMPROVABLE = frozenset(
    {"kapasitas", "kompetensi", "kualitas", "mutu", "kinerja", "kesadaran", "partisipasi", "cakupan", "kepatuhan",
     "produktivitas", "pengetahuan", "keterampilan", "kemampuan", "akuntabilitas", "efektivitas", "efisiensi",
     "kesejahteraan", "kemandirian", "derajat", "indeks", "nilai", "capaian", "pendapatan", "produksi"}
)  # fmt: skip


def _gen_bare(ctx: _Ctx) -> list[str]:
    """No activity found: the phrase names a product or a field of work."""
    f = ctx.frame
    obj = _with_freq(f.obj, f)
    head = _head(obj)
    if head in _FIELD_OBJECT and len(_words(obj)) <= 3:
        return _gen_manage(replace_frame(ctx, family="manage", root="kelola"))
    if head in ("urusan", "bidang", "tugas", "fungsi"):
        p = _with_places(obj, f, into="di")
        return [_join(p, "terlaksana tertib sesuai ketentuan"), _join(p, "terlaksana tepat waktu")]
    if not obj:
        return []
    p = _with_places(obj, f, into="pada")
    kind = kind_of(p)
    if kind is _K.ASSET or kind is _K.SYSTEM:
        return [_join(p, e) for e in _EXPECT[kind]]
    if kind is _K.PEOPLE:
        return [_join(p, "terlayani sesuai standar pelayanan"), _join(p, "mendapat layanan sesuai ketentuan")]
    if kind is _K.EVENT:
        exps = _expectations(_K.EVENT, ctx)
        return [_join(p, "terlaksana", e) for e in exps]
    if kind is _K.DATA:
        exps = _expectations(_K.DATA, ctx)
        p = _data_product(f)
        return [_join(p, exps[0]), _join(p, "valid dan mutakhir"), _join(p, "tersedia", "akurat dan tepat waktu")]
    if kind is _K.MONEY:
        return [_join(p, "terkelola tertib dan akuntabel sesuai ketentuan"), _join(p, "terealisasi sesuai rencana")]
    if kind is _K.REQUEST:
        return [_join(p, "ditindaklanjuti tepat waktu sesuai standar pelayanan"), _join(p, "diproses cepat dan akurat")]
    if kind is _K.ARCHIVE:
        return _gen_archive(replace_frame(ctx, family="archive", root="tata"))
    if head in _STATE_FIELDS:
        rest = " ".join(p.split(" ")[1:]) or "lingkungan kantor"
        adj = _STATE_FIELDS[head]
        return [_join(_cap(rest), adj), _join(p, "terjaga sesuai standar")]
    if kind is _K.GENERIC:
        if head in _IMPROVABLE:
            return [_join(p, "meningkat sesuai target"), _join("meningkatnya", _lower_first(p), "sesuai target")]
        if is_process_noun(head):
            return [_join(p, "terlaksana", e) for e in _expectations(_K.EVENT, ctx)]
        if ctx.frame.root:  # a fallback reading of an activity phrase: do not guess
            return []
        return [_join(p, "tersedia sesuai kebutuhan"), _join(p, "terpenuhi sesuai ketentuan")]
    verb = {_K.REPORT: "tersusun", _K.PLAN: "tersusun", _K.MATERIAL: "tersusun", _K.REGULATION: "tersusun"}.get(
        kind, "tersedia"
    )
    if head in ("rekomendasi", "hasil", "usulan"):
        verb = "tersampaikan" if head != "hasil" else "disampaikan"
    if head == "surat" and "keputusan" in _words(p):
        verb = "terbit"
    return _svo(p, verb, _expectations(kind, ctx))


_GENERATORS: dict[str, Callable[[_Ctx], list[str]]] = {
    "produce": _gen_produce, "prepare": _gen_produce, "entry": _gen_entry, "record": _gen_entry,
    "recap": _gen_recap, "collect": _gen_collect, "update": _gen_update, "process_data": _gen_process_data,
    "reconcile": _gen_reconcile, "verify": _gen_verify, "coordinate": _gen_coordinate, "assess": _gen_assess,
    "analyse": _gen_analyse, "calculate": _gen_calculate, "meeting": _gen_meeting, "attend": _gen_attend,
    "role": _gen_attend, "maintain": _gen_maintain, "clean": _gen_clean, "guard": _gen_guard,
    "serve": _gen_serve, "care": _gen_care, "request": _gen_request, "issue": _gen_issue,
    "deliver": _gen_deliver, "distribute": _gen_deliver, "report": _gen_report, "archive": _gen_archive,
    "arrange": _gen_arrange, "manage": _gen_manage, "facilitate": _gen_facilitate, "develop": _gen_develop,
    "raise": _gen_change, "lower": _gen_change, "achieve": _gen_change, "realize": _gen_money,
    "pay": _gen_money, "levy": _gen_money, "procure": _gen_procure, "document": _gen_document,
    "publish": _gen_publish, "inventory": _gen_inventory, "propose": _gen_propose, "plan": _gen_plan,
    "control": _gen_control, "operate": _gen_operate, "order": _gen_order, "receive": _gen_receive,
    "install": _gen_install, "backup": _gen_backup, "escort": _gen_escort, "execute": _gen_execute,
    "light": _gen_execute, "complete": _gen_complete, "isasi": _gen_isasi, "register": _gen_register,
    "documents": _gen_documents,
    "": _gen_bare,
}  # fmt: skip


def _generate(ctx: _Ctx) -> list[str]:
    f = ctx.frame
    if f.attend and f.family not in ("role", "attend"):
        return [c for c in _gen_attend(ctx) if c]
    gen = _GENERATORS.get(f.family, _gen_bare)
    return [c for c in gen(ctx) if c]


# ---------------------------------------------------------------------------
# Checking candidates

_CHAT = frozenset(CHAT_ABBREVIATIONS) | {"pd", "kel", "lap", "dok"}


def _counts(text: str) -> Counter[str]:
    return Counter(w for w in _words(text) if w not in _FUNCTION_WORDS and len(w) > 2)


def problems(candidate: str, source: str = "") -> list[str]:
    """Why ``candidate`` is not an acceptable rencana kinerja (empty when it is). Used to filter
    rewrites and, in the tests, to check them."""
    out: list[str] = []
    try:
        kind, _reason = judge(candidate)
    except TextError:
        return ["kosong"]
    if kind is not Kind.PENCAPAIAN:
        out.append(f"bukan pencapaian ({kind.value})")
    if find_filler(candidate):
        out.append("kata pengisi: " + ", ".join(find_filler(candidate)))
    words = _words(candidate)
    if any(w in _CHAT for w in words if w not in ("pd",)):
        out.append("singkatan chat")
    for token in re.findall(r"[^\W_]+", candidate):
        low = token.lower()
        if low in ACRONYMS and token != ACRONYMS[low]:
            out.append(f"akronim {token}")
    if not any(w in EXPECTATION_WORDS for w in words):
        out.append("tanpa ekspektasi")
    allowed = _counts(source)
    for word, n in _counts(candidate).items():
        if n > max(1, allowed.get(word, 0)) and word not in ("pelayanan", "layanan"):
            out.append(f"kata berulang: {word}")
    for a, b in itertools.pairwise(words):
        if a == b and a not in ("dan",):
            out.append(f"kata ganda: {a}")
    return out


def _polish(text: str) -> str:
    text = re.sub(r"\s+,", ",", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;")
    return _cap(tidy(text))


# ---------------------------------------------------------------------------
# The superior's rencana kinerja as context

_PARENT_CUT = frozenset({"yang", "secara", "dengan", "sesuai", "tepat"})


def _parent_parts(parent: str | None) -> tuple[str, str]:
    """(expectation, product head phrase) of the superior's rencana kinerja."""
    if not parent:
        return "", ""
    text = tidy(parent)
    words = text.split(" ")
    expect = ""
    for i, tok in enumerate(words):
        w = _bare(tok)
        if i > 0 and (w in ("sesuai", "tepat") or w in ("valid", "akurat", "lengkap", "mutakhir")):
            expect = _strip_expect(words[i:])
            break
        if i > 0 and w == "yang" and i + 1 < len(words):
            expect = _strip_expect(words[i + 1 :])
            break
    expect = re.split(r"\s+(?:melalui|untuk|guna|dalam rangka|agar|bagi)\s+", expect)[0]
    if expect and len(_words(expect)) > 6:
        expect = ""
    obj = ""
    head_words: list[str] = []
    for tok in words:
        w = _bare(tok)
        state = w.startswith(("ter", "di")) and len(head_words) > 0
        if w in _PARENT_CUT or w in EXPECTATION_WORDS or is_active_verb(w) or state:
            break
        head_words.append(tok)
    if head_words and kind_of(" ".join(head_words)) is not _K.GENERIC:
        obj = " ".join(head_words)
    return expect, obj


def _borrow_object(frame: Frame, parent_object: str) -> Frame:
    """A one-word object ("data", "laporan") takes the superior's fuller name for the same thing."""
    if not parent_object or not frame.obj or len(_words(frame.obj)) != 1:
        return frame
    if _head(parent_object) == _head(frame.obj):
        return replace(frame, obj=_lower_first(parent_object))
    return frame


# ---------------------------------------------------------------------------
# Public API


def suggest_results(phrase: str, parent: str | None = None) -> list[str]:
    """Two or three different rencana kinerja in result language for ``phrase``, best first.

    ``parent`` is the superior's rencana kinerja; its expectation ("valid dan akurat", "sesuai
    peraturan") and its name for the object are used where they suit. Every suggestion classifies
    as PENCAPAIAN, states an expectation, contains no filler nor chat abbreviation, and keeps the
    object words typed.
    """
    return list(_suggest_cached(phrase, parent or ""))


@functools.lru_cache(maxsize=4096)
def _suggest_cached(phrase: str, parent: str) -> tuple[str, ...]:
    source = tidy(phrase)
    if not source:
        return ()
    parent_expect, parent_object = _parent_parts(parent)
    frame = _borrow_object(read(source), parent_object)
    ctx = _Ctx(frame, parent_expect, parent_object)
    needed = _content_stems(frame)
    check_source = _join(source, parent_object)
    out: list[str] = []

    def take(candidates: list[str]) -> None:
        for raw in candidates:
            if len(out) == MAX_SUGGESTIONS:
                return
            text = _polish(raw)
            if not text or len(text) > 500 or any(_same(text, o) for o in out):
                continue
            if problems(text, check_source) or not needed <= _stems(text):
                continue
            out.append(text)

    take(_generate(ctx))
    if len(out) < 2 and frame.family:
        # A second reading as a bare noun phrase gives fallbacks for unusual shapes.
        take(_gen_bare(_Ctx(replace(frame, family="", root=frame.root or "-"), parent_expect, parent_object)))
    if len(out) < 2:
        take(_last_resort(source))
    if not out:
        # Nothing passed every check (garbled input): keep any shape the checker reads as a result.
        out += [s for s in map(_polish, _last_resort(source)) if judge(s)[0] is Kind.PENCAPAIAN][:2]
    return tuple(out)


def _stems(text: str) -> set[str]:
    out: set[str] = set()
    for w in _words(text):
        out.add(w)
        for part in w.split("-"):
            out.add(_stem_word(part))
    return out


@functools.lru_cache(maxsize=8192)
def _stem_word(word: str) -> str:
    return stem(word) if word.isalpha() else word


# The broken state a maintenance result reverses ("lampu PJU yang padam" -> "lampu PJU berfungsi kembali").
_STATES_FIXED = frozenset({"rusak", "padam", "mati", "bocor", "macet", "error", "hilang", "tidak", "berfungsi"})


def _content_stems(f: Frame) -> set[str]:
    """Stems of the words typed for the object and the parts around it: they must survive."""
    texts = [f.obj, f.partner, f.topic, f.audience, *(t for _m, t in f.places)]
    out: set[str] = set()
    for w in _words(" ".join(texts)):
        skip = w in _FUNCTION_WORDS or w in ("kegiatan", "pelaksanaan") or w in _FIELD_NOUNS or w in _STATES_FIXED
        if skip or len(w) < 3:
            continue
        out.add(_stem_word(w.split("-")[0]))
    return out


def _same(a: str, b: str) -> bool:
    return a.lower() == b.lower()


def _last_resort(source: str) -> list[str]:
    """Shapes for anything else: the work named, with an expectation."""
    text = source.rstrip(" .,;")
    words = _words(text)
    if words and (is_active_verb(words[0]) or words[0] in ("bikin", "ngecek")):
        text = " ".join(text.split(" ")[1:]) or "tugas"
    for filler in find_filler(text):
        text = re.sub(rf"(?i)\b{re.escape(filler)}\b", " ", text)
    text = re.sub(r"[\"'“”]", "", text)
    body = _lower_first(re.sub(r"\s+", " ", text).strip(" ,;")) or "tugas"
    return [f"Hasil {body} selesai tepat waktu sesuai ketentuan", f"Hasil {body} tersedia tepat waktu"]
