import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skp_domain.errors import TextError
from skp_domain.result_language import Classification, Kind, classify, nominal_of_result_word, result_object

# The seed's table "Perbedaan Pencapaian (Hasil Kerja), Aktivitas, dan Kategori Pekerjaan", verbatim.
SEED_TABLE = [
    ("Menyusun materi sosialisasi aplikasi SIMPEG", Kind.AKTIVITAS),
    ("Layanan penerbitan PBG/ IMB dan SLF", Kind.KATEGORI),
    ("Permohonan bantuan teknis diproses dengan cepat dan akurat", Kind.PENCAPAIAN),
    ("Monitoring dan supervisi", Kind.KATEGORI),
    ("Verifikasi berkas permohonan bantuan teknis disampaikan tepat waktu.", Kind.PENCAPAIAN),
    ("Sosialisasi", Kind.KATEGORI),
    ("Pendampingan terhadap OPD terkait penggunaan SIMPEG", Kind.AKTIVITAS),
    ("Pemerintah Daerah menggunakan aplikasi untuk penerbitan PBG/ IMB dan SLF", Kind.PENCAPAIAN),
    ("Tidak ada dokumen pengusulan bantuan teknis yang hilang", Kind.PENCAPAIAN),
    ("Mengembangkan aplikasi SIMPEG", Kind.AKTIVITAS),
    ("Ide dan inovasi untuk mengembangkan fitur SIMPEG", Kind.PENCAPAIAN),
    ("Fasilitasi penyelenggaraan bangunan gedung", Kind.AKTIVITAS),
    ("Menyusun Draft Kebijakan terkait Bangunan Gedung", Kind.AKTIVITAS),
    ("Respon terhadap permintaan bantuan teknis dilakukan dengan cepat dan memuaskan", Kind.PENCAPAIAN),
    ("Pengawasan", Kind.KATEGORI),
    ("Hasil analisis kebutuhan biaya disampaikan tepat waktu", Kind.PENCAPAIAN),
    ("Kepuasan instansi pengusul", Kind.PENCAPAIAN),
    ("Menjawab panggilan untuk konsultasi dengan pemerintah daerah", Kind.AKTIVITAS),
    ("Memberikan bimbingan kinerja kepada pegawai di tim kerja", Kind.AKTIVITAS),
]


def test_seed_table_is_complete() -> None:
    assert len(SEED_TABLE) == 19
    assert [k for _, k in SEED_TABLE].count(Kind.PENCAPAIAN) == 8


@pytest.mark.parametrize(("phrase", "kind"), SEED_TABLE)
def test_seed_examples(phrase: str, kind: Kind) -> None:
    result = classify(phrase)
    assert isinstance(result, Classification)
    assert result.kind is kind
    assert result.phrase == phrase
    assert result.reason
    if kind is Kind.PENCAPAIAN:
        assert result.suggestion is None
    else:
        assert result.suggestion is not None
        assert classify(result.suggestion).kind is Kind.PENCAPAIAN


# First suggestions: the product first, a state verb, then the expectation; never "secara optimal".
@pytest.mark.parametrize(
    ("phrase", "suggestion"),
    [
        (
            "Menyusun materi sosialisasi aplikasi SIMPEG",
            "Materi sosialisasi aplikasi SIMPEG tersusun lengkap dan tepat waktu",
        ),
        (
            "Menyusun Draft Kebijakan terkait Bangunan Gedung",
            "Draft Kebijakan terkait Bangunan Gedung tersusun sesuai ketentuan peraturan perundang-undangan",
        ),
        ("Mengembangkan aplikasi SIMPEG", "Aplikasi SIMPEG berfungsi sesuai kebutuhan pengguna"),
        (
            "Memberikan bimbingan kinerja kepada pegawai di tim kerja",
            "Pegawai di tim kerja mampu mencapai target kinerja",
        ),
        (
            "Menjawab panggilan untuk konsultasi dengan pemerintah daerah",
            "Panggilan untuk konsultasi dengan pemerintah daerah ditindaklanjuti tepat waktu sesuai standar pelayanan",
        ),
        ("Sosialisasi", "Peserta sosialisasi memahami materi yang disampaikan"),
        (
            "Monitoring dan supervisi",
            "Rekomendasi hasil monitoring dan supervisi disampaikan kepada pimpinan tepat waktu",
        ),
        ("Layanan penerbitan PBG/ IMB dan SLF", "PBG/ IMB dan SLF terbit tepat waktu sesuai ketentuan"),
        ("Melaksanakan rapat koordinasi", "Hasil rapat koordinasi ditindaklanjuti tepat waktu"),
        (
            "Menyelesaikan tindak lanjut hasil pemeriksaan",
            "Tindak lanjut hasil pemeriksaan selesai tepat waktu sesuai ketentuan",
        ),
        (
            "Melayani permohonan informasi publik",
            "Permohonan informasi publik ditindaklanjuti tepat waktu sesuai standar pelayanan",
        ),
        ("Mensosialisasikan peraturan bupati", "Peserta sosialisasi memahami peraturan bupati"),
        ("Merealisasikan anggaran kegiatan", "Anggaran kegiatan terealisasi sesuai rencana"),
        ("Menerbitkan surat keputusan", "Surat keputusan terbit tepat waktu sesuai ketentuan"),
        ("Meningkatkan kapasitas aparatur desa", "Kapasitas aparatur desa meningkat sesuai target"),
        ("Menyusun dan menyampaikan laporan", "Laporan tersusun dan tersampaikan tepat waktu"),
        (
            "Pelaksanaan rapat koordinasi dengan camat",
            "Hasil rapat koordinasi dengan camat ditindaklanjuti tepat waktu",
        ),
        ("Administrasi perkantoran", "Administrasi perkantoran tertib sesuai ketentuan"),
        # The two examples the issue quotes as bad before.
        (
            "koordinasi dgn bappeda prov terkait jadwal musrenbang",
            "Kesepakatan jadwal Musrenbang dengan BAPPEDA Provinsi diperoleh tepat waktu",
        ),
        ("input data absensi ke aplikasi", "Data absensi pada aplikasi terinput lengkap dan akurat"),
    ],
)
def test_rewrites(phrase: str, suggestion: str) -> None:
    result = classify(phrase)
    assert result.suggestion == suggestion
    assert result.suggestions[0] == suggestion
    assert 2 <= len(result.suggestions) <= 3
    assert len({s.lower() for s in result.suggestions}) == len(result.suggestions)


# ---------------------------------------------------------------------------
# Unseen, realistic phrases (not from the seed), 30+ per class.

UNSEEN_PENCAPAIAN = [
    "Terlaksananya rapat koordinasi perencanaan pembangunan daerah",
    "Tersusunnya laporan keuangan bulanan tepat waktu",
    "Meningkatnya kualitas pelayanan administrasi kependudukan",
    "Tersedianya data pegawai yang akurat dan mutakhir",
    "Terpenuhinya kebutuhan sarana dan prasarana kantor",
    "Terverifikasinya usulan kenaikan pangkat sesuai ketentuan",
    "Terkelolanya arsip dinamis secara tertib",
    "Terselenggaranya pelatihan teknis bagi aparatur",
    "Terwujudnya tata kelola keuangan yang akuntabel",
    "Menurunnya angka stunting di wilayah kecamatan",
    "Berkurangnya temuan hasil pemeriksaan BPK",
    "Tercapainya target pendapatan asli daerah",
    "Terlayaninya permohonan informasi publik dengan cepat",
    "Laporan kinerja instansi pemerintah disampaikan tepat waktu",
    "Data kepegawaian valid dan akurat",
    "Usulan kenaikan pangkat diproses sesuai jadwal",
    "Jaringan internet kantor berfungsi dengan baik",
    "Persentase penyerapan anggaran belanja",
    "Indeks kepuasan masyarakat terhadap layanan perizinan",
    "Tidak ada keterlambatan pembayaran gaji pegawai",
    "Dokumen perencanaan yang berkualitas",
    "Rekomendasi hasil pengawasan ditindaklanjuti oleh OPD",
    "Pegawai memperoleh layanan kepegawaian secara cepat",
    "Masyarakat mendapatkan informasi pembangunan secara terbuka",
    "Kepatuhan pegawai terhadap jam kerja",
    "Ketepatan waktu penyampaian laporan keuangan",
    "Aplikasi e-Kinerja beroperasi tanpa gangguan",
    "Arsip kepegawaian tersimpan rapi dan mudah ditemukan",
    "Pengelolaan promosi ASN yang dilaksanakan sesuai peraturan",
    "Terbitnya surat keputusan pensiun tepat waktu",
    "Kompetensi pegawai meningkat",
    "Sistem informasi kepegawaian beroperasi optimal",
    "Tertibnya administrasi persuratan dinas",
    "Terdokumentasinya kegiatan pimpinan",
    "Laporan keuangan yang akuntabel",
    "Berkas usulan kenaikan pangkat yang telah diverifikasi",
    "SPJ keuangan lengkap dan tepat waktu",
    "Ruang rapat siap digunakan",
]

UNSEEN_AKTIVITAS = [
    "Melaksanakan rapat koordinasi",
    "Membuat laporan keuangan bulanan",
    "Mengelola arsip kepegawaian",
    "Menginput data pegawai ke SIMPEG",
    "Memverifikasi usulan kenaikan pangkat",
    "Melakukan pemeliharaan jaringan",
    "Menyiapkan bahan rapat pimpinan",
    "Mengikuti rapat koordinasi di provinsi",
    "Mengoordinasikan penyusunan rencana kerja",
    "Memfasilitasi kegiatan musrenbang kecamatan",
    "Mendistribusikan surat masuk kepada bidang",
    "Menyelesaikan tindak lanjut hasil pemeriksaan",
    "Menyampaikan laporan kepada pimpinan",
    "Melayani permohonan informasi publik",
    "Menangani pengaduan masyarakat",
    "Mengumpulkan data pendukung penyusunan LKjIP",
    "Merencanakan kebutuhan pegawai",
    "Mengevaluasi pelaksanaan program kerja",
    "Menganalisis kebutuhan diklat pegawai",
    "Memperbaiki sarana dan prasarana kantor",
    "Mempersiapkan materi sosialisasi",
    "Mengarsipkan dokumen kepegawaian",
    "Mencatat surat masuk dan surat keluar",
    "Menerima dan memeriksa berkas usulan",
    "Berkoordinasi dengan OPD terkait",
    "Meningkatkan kapasitas aparatur desa",
    "Merekap daftar hadir pegawai",
    "Menerbitkan surat keputusan kenaikan gaji berkala",
    "Menyusun laporan keuangan secara akurat dan tepat waktu",
    "Penyusunan laporan keuangan bulanan",
    "Pengelolaan arsip kepegawaian",
    "Pelaksanaan rapat koordinasi dengan camat",
    "Pemeliharaan jaringan komputer kantor",
    "Penginputan data pegawai ke SIMPEG",
    "Verifikasi usulan kenaikan pangkat",
    "Pendampingan penyusunan SKP bagi pegawai baru",
    "Fasilitasi pengadaan barang dan jasa di sekolah",
    "Pembinaan terhadap kelompok tani",
    "Evaluasi pelaksanaan program bantuan sosial",
    "Pemeriksaan berkas usulan pensiun",
]

UNSEEN_KATEGORI = [
    "Pelayanan publik",
    "Monitoring dan evaluasi",
    "Pembinaan dan pengawasan",
    "Pengelolaan keuangan",
    "Administrasi perkantoran",
    "Koordinasi",
    "Perencanaan dan pelaporan",
    "Urusan kepegawaian",
    "Layanan perizinan",
    "Pengadaan barang dan jasa",
    "Penatausahaan keuangan",
    "Kegiatan rutin kantor",
    "Ketatausahaan",
    "Pelayanan administrasi kependudukan",
    "Kehumasan dan protokol",
    "Pemeliharaan",
    "Pengelolaan aset daerah",
    "Evaluasi kinerja",
    "Inventarisasi",
    "Bimbingan teknis",
    "Pelayanan kesehatan",
    "Kearsipan",
    "Kepegawaian",
    "Pengawasan internal",
    "Pembinaan",
    "Pelaporan",
    "Perencanaan",
    "Monitoring",
    "Supervisi dan evaluasi",
    "Layanan informasi publik",
    "Urusan rumah tangga",
    "Penyuluhan",
    "Rapat koordinasi",
]


def test_curated_sets_are_big_enough() -> None:
    assert min(len(UNSEEN_PENCAPAIAN), len(UNSEEN_AKTIVITAS), len(UNSEEN_KATEGORI)) >= 30
    seed = {p for p, _ in SEED_TABLE}
    assert not seed & (set(UNSEEN_PENCAPAIAN) | set(UNSEEN_AKTIVITAS) | set(UNSEEN_KATEGORI))


@pytest.mark.parametrize("phrase", UNSEEN_PENCAPAIAN)
def test_unseen_pencapaian(phrase: str) -> None:
    result = classify(phrase)
    assert result.kind is Kind.PENCAPAIAN, result.reason
    assert result.suggestion is None


@pytest.mark.parametrize("phrase", UNSEEN_AKTIVITAS)
def test_unseen_aktivitas(phrase: str) -> None:
    assert classify(phrase).kind is Kind.AKTIVITAS


@pytest.mark.parametrize("phrase", UNSEEN_KATEGORI)
def test_unseen_kategori(phrase: str) -> None:
    assert classify(phrase).kind is Kind.KATEGORI


@pytest.mark.parametrize("phrase", UNSEEN_AKTIVITAS + UNSEEN_KATEGORI)
def test_every_rewrite_is_itself_a_pencapaian(phrase: str) -> None:
    suggestion = classify(phrase).suggestion
    assert suggestion is not None
    assert suggestion[0].isupper()
    assert classify(suggestion).kind is Kind.PENCAPAIAN


# ---------------------------------------------------------------------------
# Property: any "<verb> <object>" activity gets a capitalised rewrite that is a pencapaian.

VERBS = [
    "Melaksanakan", "Membuat", "Mengelola", "Menginput", "Memverifikasi", "Melakukan", "Menyusun",
    "Mengembangkan", "Memberikan", "Menjawab", "Menyiapkan", "Mengikuti", "Menghadiri", "Mengoordinasikan",
    "Memfasilitasi", "Mendistribusikan", "Menyelesaikan", "Menyampaikan", "Melayani", "Menangani",
    "Mengumpulkan", "Merencanakan", "Mengevaluasi", "Menganalisis", "Memperbaiki", "Mempersiapkan",
    "Mengarsipkan", "Mencatat", "Menerima", "Memeriksa", "Menerbitkan", "Membina", "Mengawasi",
    "Memantau", "Mengirim", "Mengirimkan", "Menata", "Mengolah", "Mendokumentasikan", "Menginventarisasi",
    "Merealisasikan", "Merumuskan", "Melaporkan", "Menindaklanjuti", "Mengupdate", "Memproses",
    "Menghitung", "Mengoperasikan", "Meningkatkan", "Menurunkan", "Mengendalikan", "Menyediakan",
    "Mengetik", "Mengawal", "Berkoordinasi dengan", "Membantu", "Mengusulkan", "Mewujudkan",
]  # fmt: skip
OBJECTS = [
    "rapat koordinasi", "laporan keuangan bulanan", "arsip kepegawaian", "data pegawai ke SIMPEG",
    "usulan kenaikan pangkat", "pemeliharaan jaringan", "bahan rapat pimpinan", "surat masuk",
    "dokumen RKA", "pengaduan masyarakat", "kebutuhan pegawai", "SOP pelayanan", "OPD terkait",
    "kegiatan bidang", "aset tetap", "anggaran kegiatan", "materi sosialisasi aplikasi SIMPEG",
]  # fmt: skip

ACTIVITY_PHRASES = [f"{v} {o}" for v, o in zip(VERBS, OBJECTS * 4, strict=False)]


def test_activity_phrase_list_is_big_enough() -> None:
    assert len(ACTIVITY_PHRASES) >= 40


@pytest.mark.parametrize("phrase", ACTIVITY_PHRASES)
def test_activity_rewrites(phrase: str) -> None:
    result = classify(phrase)
    assert result.kind is Kind.AKTIVITAS
    assert result.suggestion is not None
    assert result.suggestion[0].isupper()
    assert classify(result.suggestion).kind is Kind.PENCAPAIAN


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(VERBS),
    st.sampled_from(OBJECTS),
    st.sampled_from(["", " secara rutin", " setiap bulan", " kepada pimpinan"]),
)
def test_any_activity_rewrite_is_a_pencapaian(verb: str, obj: str, tail: str) -> None:
    result = classify(f"{verb} {obj}{tail}")
    assert result.kind is Kind.AKTIVITAS
    assert result.suggestion is not None
    assert result.suggestion[0].isupper()
    assert classify(result.suggestion).kind is Kind.PENCAPAIAN


# ---------------------------------------------------------------------------
# Details


def test_kind_values() -> None:
    assert [k.value for k in Kind] == ["PENCAPAIAN", "AKTIVITAS", "KATEGORI"]


@pytest.mark.parametrize("phrase", ["", "   ", "\u200b", "..."])
def test_empty_is_rejected(phrase: str) -> None:
    with pytest.raises(TextError):
        classify(phrase)


def test_whitespace_and_case_do_not_matter() -> None:
    assert classify("  menyusun   laporan  ").kind is Kind.AKTIVITAS
    assert classify("TERSUSUNNYA LAPORAN").kind is Kind.PENCAPAIAN
    assert classify("  menyusun   laporan  ").phrase == "menyusun laporan"


def test_active_verb_wins_over_a_quality_word() -> None:
    result = classify("Menyusun laporan keuangan secara akurat dan tepat waktu")
    assert result.kind is Kind.AKTIVITAS
    assert result.suggestion == "Laporan keuangan tersusun akurat dan tepat waktu"  # the typed expectation first


def test_result_predicate_wins_over_an_activity_noun() -> None:
    assert classify("Verifikasi berkas permohonan disampaikan tepat waktu").kind is Kind.PENCAPAIAN
    assert classify("Penyusunan bahan untuk disampaikan kepada pimpinan").kind is Kind.AKTIVITAS


def test_nominal_helpers() -> None:
    assert nominal_of_result_word("Terevaluasinya") == "evaluasi"
    assert nominal_of_result_word("Tersusunnya") == "penyusunan"
    assert nominal_of_result_word("Meningkatnya") == "peningkatan"
    assert nominal_of_result_word("Terlaksananya") == "pelaksanaan"
    assert nominal_of_result_word("Laporan") is None
    assert result_object("Data kepegawaian valid dan akurat") == ("", "data kepegawaian")
    assert result_object("Menyusun materi sosialisasi") == ("penyusunan", "materi sosialisasi")


FUZZ_WORDS = [
    "menyusun", "laporan", "dan", "data", "pegawai", "sosialisasi", "terkait", "yang", "disampaikan",
    "tepat", "waktu", "pelayanan", "publik", "pengelolaan", "arsip", "ke", "SIMPEG", "dengan", "baik",
    "untuk", "mendukung", "kegiatan", "rapat", "koordinasi", "tidak", "ada", "hilang", "meningkatnya",
    "Pemerintah", "Daerah", "menggunakan", "aplikasi", ",", ".", "/", "-", "100%", "3", "evaluasi",
    "melakukan", "memberikan", "bimbingan", "kepada", "terlaksana", "sesuai", "ketentuan", "tersusunnya",
    "berkoordinasi", "monitoring", "layanan", "mengelola,", "\"Menyusun", "x",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FUZZ_WORDS), min_size=1, max_size=8))
def test_any_phrase_classifies_and_any_rewrite_is_a_pencapaian(words: list[str]) -> None:
    try:
        result = classify(" ".join(words))
    except TextError:
        return
    assert result.reason
    if result.kind is Kind.PENCAPAIAN:
        assert result.suggestion is None
    else:
        assert result.suggestion is not None
        assert not result.suggestion[:1].islower()  # sentence case (it may start with a number)
        assert classify(result.suggestion).kind is Kind.PENCAPAIAN


# ---------------------------------------------------------------------------
# Stricter: a bare product or an activity noun without an expectation is not yet a result


@pytest.mark.parametrize(
    "phrase",
    [
        "rekap absensi pegawai",
        "laporan keuangan tiap bulan",
        "Laporan bulanan",
        "Data pegawai",
        "SPJ kegiatan",
        "input data absensi ke aplikasi",
        "Koordinasi dengan dinas terkait secara optimal",  # filler is no expectation
        "Pelaksanaan monitoring dengan baik",
    ],
)
def test_not_yet_a_result(phrase: str) -> None:
    result = classify(phrase)
    assert result.kind is not Kind.PENCAPAIAN, result.reason
    assert result.suggestions


def test_the_reason_for_a_bare_product_names_the_missing_expectation() -> None:
    reason = classify("Laporan keuangan tiap bulan").reason
    assert "ekspektasi" in reason and "tepat waktu" in reason


def test_new_ideas_are_results_by_themselves() -> None:
    assert classify("Ide dan inovasi untuk mengembangkan fitur SIMPEG").is_result
    assert classify("Inovasi layanan kenaikan pangkat").is_result


@pytest.mark.parametrize(
    "phrase",
    [
        "Menghadiri rapat di kantor bupati",
        "Mengikuti rapat koordinasi di provinsi",
        "mengikuti rakor di kabupaten",
        "Menjadi narasumber pada bimtek penyusunan SKP",
        "jadi narasumber sosialisasi disiplin pns",
        "Menjadi panitia HUT kabupaten",
        "Narasumber sosialisasi SKP",
        "Kehadiran dalam rapat evaluasi",
    ],
)
def test_meetings_and_narasumber_belong_in_kinerja_tambahan(phrase: str) -> None:
    result = classify(phrase)
    assert result.tambahan_hint
    assert result.hint is not None and "Kinerja Tambahan" in result.hint and "surat tugas" in result.hint


@pytest.mark.parametrize(
    "phrase", ["Membayar honor narasumber", "Menyusun laporan hasil rapat", "Rapat koordinasi terlaksana sesuai jadwal"]
)
def test_no_tambahan_hint_for_own_work(phrase: str) -> None:
    assert not classify(phrase).tambahan_hint


def test_training_is_competence_development() -> None:
    result = classify("Mengikuti diklat pengadaan barang/jasa")
    assert not result.tambahan_hint
    assert result.hint is not None and "pengembangan kompetensi" in result.hint


def test_filler_is_reported() -> None:
    assert classify("Sistem Informasi Kepegawaian dikelola secara optimal").filler == ("secara optimal",)
    assert classify("Terlayannya PPKP ASN dalam SIMPEG dengan baik").filler == ("dengan baik",)
    assert classify("Data kepegawaian valid dan akurat").filler == ()


def test_cleaned_phrase_and_suggestions_are_tidy() -> None:
    result = classify("koordinasi dgn bappeda prov terkait jadwal musrenbang")
    assert result.phrase == "koordinasi dgn bappeda prov terkait jadwal musrenbang"
    assert result.cleaned == "Koordinasi dengan BAPPEDA Provinsi terkait jadwal Musrenbang"
    assert result.suggestions == (
        "Kesepakatan jadwal Musrenbang dengan BAPPEDA Provinsi diperoleh tepat waktu",
        "Hasil koordinasi jadwal Musrenbang dengan BAPPEDA Provinsi ditindaklanjuti tepat waktu",
        "Jadwal Musrenbang disepakati bersama BAPPEDA Provinsi tepat waktu",
    )
    for s in result.suggestions:
        assert "secara optimal" not in s and "dengan baik" not in s and "dgn" not in s


def test_people_served_become_the_subject() -> None:
    assert classify("sosialisasi perizinan berusaha kpd pelaku usaha").suggestion == (
        "Pelaku usaha memahami ketentuan perizinan berusaha"
    )
    assert classify("Pendampingan terhadap OPD terkait penggunaan SIMPEG").suggestion == (
        "OPD mampu menggunakan SIMPEG sesuai ketentuan"
    )


def test_the_superiors_result_guides_the_rewrite() -> None:
    parent = "Data dan Informasi Kepegawaian yang valid dan akurat"
    assert classify("input data absensi ke aplikasi", parent).suggestion == (
        "Data absensi pada aplikasi terinput valid dan akurat"
    )
    assert classify("input data", "Data kepegawaian valid dan akurat").suggestion == (
        "Data kepegawaian terinput valid dan akurat"
    )
    # An expectation that does not suit the product is not borrowed.
    assert classify("Melayani permohonan izin", "Meningkatnya kualitas pelayanan publik").suggestion == (
        "Permohonan izin ditindaklanjuti tepat waktu sesuai standar pelayanan"
    )


def test_suggest_results_api() -> None:
    from skp_domain.rewrite import suggest_results

    out = suggest_results("Menyusun materi sosialisasi aplikasi SIMPEG")
    assert 2 <= len(out) <= 3
    assert out[0] == "Materi sosialisasi aplikasi SIMPEG tersusun lengkap dan tepat waktu"
    assert suggest_results("   ") == []


def test_reminder_at_ajukan() -> None:
    from skp_domain.result_language import activity_reminder, not_yet_results

    phrases = ["Data kepegawaian valid dan akurat", "rekap absensi pegawai", "", "Sosialisasi", "=SUM(A1)"]
    assert not_yet_results(phrases) == [1, 3, 4]
    assert activity_reminder(2) == "2 rencana kinerja masih berbahasa aktivitas."
    assert activity_reminder(0) is None
