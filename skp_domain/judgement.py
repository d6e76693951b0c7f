"""Reading a rencana kinerja: Indonesian morphology (PySastrawi) and the rules that tell a result
(pencapaian) from an activity or a category of work. `skp_domain.result_language.classify` builds the
verdict (with rewrites from `skp_domain.rewrite`) on top of this module; see its docstring for the rules."""

from __future__ import annotations

import functools
import itertools
import re
from enum import StrEnum
from typing import Any

from Sastrawi.Stemmer.StemmerFactory import (  # type: ignore[import-untyped, unused-ignore]
    StemmerFactory,
)

from skp_domain.errors import TextError
from skp_domain.lexicon import FILLER_PATTERNS
from skp_domain.text import normalize_space


class Kind(StrEnum):
    PENCAPAIAN = "PENCAPAIAN"
    AKTIVITAS = "AKTIVITAS"
    KATEGORI = "KATEGORI"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    Kind.PENCAPAIAN: "Pencapaian (hasil kerja)",
    Kind.AKTIVITAS: "Aktivitas",
    Kind.KATEGORI: "Kategori pekerjaan",
}


# ---------------------------------------------------------------------------
# Morphology (PySastrawi)


class _Morph:
    """Typed wrapper around the Sastrawi stemmer and its root-word dictionary."""

    def __init__(self) -> None:
        stemmer: Any = StemmerFactory().create_stemmer()
        self._stemmer = stemmer
        self._dictionary: Any = stemmer.delegatedStemmer.dictionary

    @functools.lru_cache(maxsize=8192)  # noqa: B019 - one instance for the whole process
    def stem(self, word: str) -> str:
        return str(self._stemmer.stem(word))

    def is_root(self, word: str) -> bool:
        return bool(self._dictionary.contains(word))


@functools.cache
def _morph() -> _Morph:
    return _Morph()


def stem(word: str) -> str:
    """Kata dasar of ``word`` (lowercase), via PySastrawi."""
    return _morph().stem(word.lower())


def is_root(word: str) -> bool:
    """Is ``word`` (lowercase) in Sastrawi's list of kata dasar?"""
    return _morph().is_root(word.lower())


# ---------------------------------------------------------------------------
# Word lists

_CONJ = frozenset({"dan", "serta", "atau", "maupun", ",", "/", "&", ";"})

# Words after which a verb does not start a predicate (purpose, relative, instrument, modal…).
_LINK = frozenset(
    {
        "untuk", "guna", "agar", "supaya", "demi", "dalam", "rangka", "dengan", "yang", "dan", "serta",
        "atau", "sebagai", "bagi", "cara", "sambil", "sekaligus", "akan", "dapat", "bisa", "perlu",
        "harus", "wajib", "sebelum", "setelah", "sesudah", "hendak", "ingin", "mampu", "siap",
        "sedang", "belum", "tentang", "pada", "oleh", "kepada", ",", "/", "&", ";",
    }
)

# Before these a state word describes an aim, not a result ("agar tersedia").
_PURPOSE = frozenset({"untuk", "guna", "agar", "supaya", "demi", "akan", "dapat", "bisa", "ingin", "hendak"})

# meN- words that are prepositions, conjunctions or adjectives rather than actions.
_ME_NON_VERB = frozenset(
    {
        "melalui", "mengenai", "menurut", "menuju", "menjelang", "menyangkut", "meliputi", "mencakup",
        "memang", "meski", "meskipun", "mengingat", "mendatang", "menengah", "menara", "merupakan",
        "melainkan", "menyeluruh", "mendesak", "memadai", "mandiri", "mempunyai", "memiliki",
    }
)
_BER_NON_VERB = frozenset(
    {
        "berdasarkan", "berupa", "bersama", "berikut", "berikutnya", "berkaitan", "berkenaan", "berbagai",
        "berbasis", "berkala", "berkelanjutan", "bersangkutan", "berlaku", "berwenang", "beragam",
        "berbeda", "berjenjang", "bertahap", "berulang", "bersumber", "berasal", "berkualitas",
        "bermutu", "berdaya", "berintegritas", "berorientasi",
    }
)
_DI_NON_VERB = frozenset(
    {
        "dimana", "diantara", "diantaranya", "dibidang", "dilingkungan", "diwilayah", "didalam",
        "diluar", "disetiap", "diatas", "dibawah", "dikantor", "dimasa", "ditingkat", "disekitar",
        "dikecamatan", "didesa", "dikabupaten", "diseluruh", "ditengah", "diklat", "dinas", "digital",
        "disiplin", "diskusi", "distribusi", "dimensi", "disposisi", "dialog", "direktur", "direksi",
        "divisi", "diploma", "diagram", "diagnosa", "dinamis", "dinamika", "direktorat", "diskon",
    }
)
# ter- words that are prepositions/determiners/superlatives, not "has been done" states.
_TER_NON_STATE = frozenset(
    {
        "terkait", "terhadap", "tertentu", "termasuk", "terutama", "tersebut", "terdiri", "terakhir",
        "terdapat", "terlebih", "terhitung", "terpadu", "tersendiri", "terpilih", "terlambat",
        "tertulis", "terbuka", "terbatas", "teratas", "terbawah", "terus",
    }
)
_SUPERLATIVE_STEMS = frozenset(
    {
        "baru", "besar", "banyak", "dekat", "tinggi", "rendah", "kini", "baik", "kecil", "atas", "bawah",
        "jauh", "lama", "cepat", "murah", "mahal", "luas", "penting", "utama", "awal", "akhir", "depan",
        "belakang", "sedikit", "panjang", "pendek", "kuat", "lemah",
    }
)

# Words saying the result is reached, or its quality.
_QUALITY = frozenset(
    {
        "valid", "akurat", "optimal", "maksimal", "lengkap", "tuntas", "tertib", "lancar", "efektif",
        "efisien", "akuntabel", "transparan", "berkualitas", "bermutu", "prima", "andal", "handal",
        "memuaskan", "mutakhir", "wajar", "sesuai", "tepat", "cepat", "layak", "aman", "benar", "puas",
        "meningkat", "menurun", "bertambah", "berkurang", "membaik", "berhasil", "berfungsi",
        "beroperasi", "berjalan", "berkembang", "tercapai", "terpenuhi", "terbit", "selesai", "nihil",
        "bebas", "tanpa", "responsif", "kredibel", "produktif", "informatif", "komprehensif",
        "konsisten", "objektif", "terpercaya", "terstandar", "profesional", "kondusif", "terarah",
        "teratur", "memadai", "terjangkau", "mudah", "terukur", "terkendali", "terjamin", "naik", "turun",
        "terealisasi", "sukses", "baik", "updated", "real-time", "realtime", "zero", "siap", "bersih",
        "rapi", "nyaman", "sehat", "utuh", "lunas", "tersedia", "laik",
    }
)
# Words that sound like an expectation but measure nothing.
_FILLER_WORDS = frozenset({"optimal", "maksimal", "maksimum", "seoptimal", "semaksimal", "sebaik-baiknya"})
# What the people served achieve: "OPD mampu menggunakan SIMPEG", "Pelaku usaha memahami …".
_PEOPLE_RESULT = frozenset(
    {"mampu", "memahami", "mendapat", "mendapatkan", "memperoleh", "menguasai", "menerapkan", "terlayani", "puas"}
)

# "baik" alone is too common ("baik pegawai maupun …"); count it only in these pairs.
_BAIK_BEFORE = frozenset(
    {"dengan", "secara", "yang", "sangat", "lebih", "berjalan", "kategori", "predikat", "kondisi", "dalam"}
)

_RESULT_VERBS_INTRANSITIVE = frozenset(
    {
        "meningkat", "menurun", "bertambah", "berkurang", "membaik", "berhasil", "berfungsi",
        "beroperasi", "berjalan", "berkembang", "tercapai", "terbit", "selesai", "naik", "turun",
    }
)

_MEASURE_HEADS = frozenset(
    {
        "jumlah", "persentase", "prosentase", "presentase", "indeks", "tingkat", "nilai", "rasio",
        "angka", "capaian", "opini", "predikat", "skor", "realisasi", "cakupan", "proporsi", "derajat",
        "rata-rata", "rerata",
    }
)
_NEGATION_HEADS = frozenset({"tidak", "tiada", "tanpa", "nihil", "nol", "zero", "bebas", "bukan"})

# ke-…-an nouns of a state or quality ("Kepuasan …", "Ketepatan waktu …") are results.
_STATE_ROOTS = frozenset(
    {
        "puas", "sesuai", "tepat", "lengkap", "akurat", "sedia", "capai", "hasil", "tuntas", "patuh",
        "taat", "lancar", "benar", "cepat", "hadir", "akurasi", "valid", "mutakhir", "wajar", "andal",
        "berhasil", "cukup", "penuh", "terima", "serap", "tersedia", "tercapai",
    }
)

_PRODUCT_HEADS = frozenset(
    {
        "ide", "inovasi", "gagasan", "dokumen", "laporan", "rekomendasi", "naskah", "rancangan", "draf",
        "draft", "konsep", "kajian", "telaahan", "telaah", "hasil", "produk", "buku", "modul", "pedoman",
        "panduan", "juknis", "juklak", "sop", "standar", "peraturan", "perbup", "perda", "keputusan",
        "sk", "surat", "sertifikat", "profil", "peta", "database", "aplikasi", "sistem", "dashboard",
        "instrumen", "kebijakan", "rencana", "renstra", "renja", "rka", "dpa", "lakip", "lkjip", "neraca",
        "notulen", "notula", "nota", "materi", "bahan", "usulan", "data", "informasi", "arsip",
        "website", "situs", "konten", "video", "desain", "basis", "prototipe", "model",
        "berita", "kerangka", "matriks", "formulir", "katalog", "pangkalan", "berkas",
    }
)

# Products that are a result by themselves: something new was created.
_NOVELTY_HEADS = frozenset({"ide", "inovasi", "gagasan", "terobosan", "prototipe", "kreasi"})

# Informal verbs typed without a prefix ("input data …", "rekap absensi …", "bikin laporan").
_INFORMAL_VERBS = frozenset(
    {"bikin", "ngecek", "nginput", "ngurus", "ngerekap", "ngentri", "nyusun", "ngirim", "jadi", "hadir", "ikut"}
)

# Heads naming a service line or a field of work.
_CATEGORY_HEADS = frozenset(
    {
        "layanan", "pelayanan", "urusan", "bidang", "kegiatan", "program", "tugas", "fungsi",
        "administrasi", "manajemen", "ketatausahaan", "kesekretariatan", "kepegawaian", "keuangan",
        "kearsipan", "kerumahtanggaan", "kehumasan", "perkantoran", "operasional", "pekerjaan",
        "pemerintahan", "umum", "teknis", "tata", "keamanan", "ketertiban", "kebersihan",
        "kesejahteraan", "persuratan", "protokol", "keprotokolan",
    }
)
# Of those, the ones that are fields to be managed rather than things to be carried out.
_FIELD_HEADS = frozenset(
    {
        "urusan", "bidang", "administrasi", "manajemen", "ketatausahaan", "kesekretariatan", "kepegawaian",
        "keuangan", "kearsipan", "kerumahtanggaan", "kehumasan", "perkantoran", "tata", "keamanan",
        "ketertiban", "kebersihan", "persuratan", "keprotokolan", "protokol", "aset", "data", "arsip",
    }
)

# Complements that only narrow a kind of work to a field, without a concrete object.
_GENERIC = frozenset(
    {
        "keuangan", "kepegawaian", "umum", "publik", "administrasi", "perkantoran", "program", "kegiatan",
        "kinerja", "anggaran", "aset", "barang", "jasa", "daerah", "internal", "eksternal", "rutin",
        "teknis", "pemerintahan", "pembangunan", "kemasyarakatan", "ketatausahaan", "kerumahtanggaan",
        "kearsipan", "kehumasan", "organisasi", "masyarakat", "sarana", "prasarana", "operasional",
        "data", "informasi", "pegawai", "kantor", "tahunan", "bulanan", "berkala", "harian", "pimpinan",
        "unit", "kerja", "instansi", "dinas", "asn", "pns", "sdm", "aparatur", "lingkungan", "wilayah",
        "kesehatan", "pendidikan", "pendapatan", "belanja", "persuratan", "perlengkapan", "rumah",
        "tangga", "usaha", "kelola", "terpadu", "sekretariat", "kesekretariatan",
    }
)

_PROCESS_WORDS = frozenset(
    {
        "sosialisasi", "fasilitasi", "verifikasi", "validasi", "evaluasi", "koordinasi", "supervisi",
        "konsultasi", "asistensi", "advokasi", "rekonsiliasi", "implementasi", "inventarisasi",
        "identifikasi", "klarifikasi", "sertifikasi", "dokumentasi", "inspeksi", "investigasi",
        "edukasi", "mediasi", "monev", "bimtek", "rakor", "rapat", "kunjungan", "bimbingan", "layanan",
        "kegiatan", "audit", "reviu", "review", "asesmen", "assessment", "survei", "survey", "input",
        "entri", "entry", "update", "rekapitulasi", "piket", "patroli", "razia", "operasi", "analisis",
        "analisa", "diklat", "seminar", "workshop", "lokakarya", "sidak", "apel", "upacara",
        "musrenbang", "kerjasama", "kolaborasi", "komunikasi", "konsolidasi", "partisipasi",
        "negosiasi", "orientasi", "observasi", "registrasi", "kalibrasi", "distribusi", "instalasi",
        "konfigurasi", "administrasi", "publikasi", "visitasi", "akreditasi", "ekspose", "pameran",
        "arahan", "kajian", "uji", "tindak", "respon", "respons", "tanggapan", "jawaban",
        "koreksi", "revisi", "presentasi", "pemaparan", "simulasi", "pelatihan", "penyuluhan",
        "perjalanan", "rekrutmen", "seleksi", "mutasi", "promosi", "penilaian", "asuhan", "pengasuhan",
        "rujukan", "rekap", "cek", "proses", "maintenance", "upload", "scan", "posting", "servis", "backup", "unggah",
    }
)
_PROCESS_SUFFIXES = ("isasi", "ifikasi", "isasinya")


_PE_AN_SHAPE = re.compile(r"^(?:peng|peny|pem|pen|per|pe)[a-z]{3,}an$")


def _is_pe_an(w: str) -> bool:
    if len(w) < 7 or not w.startswith("pe") or not w.endswith("an"):
        return False
    root = stem(w)
    if root == w:  # root unknown to Sastrawi ("penginputan"): trust the shape
        return not is_root(w) and bool(_PE_AN_SHAPE.match(w))
    return len(root) <= len(w) - 4


def is_process_noun(w: str) -> bool:
    """``pe(N)-…-an``, ``per-…-an``, ``-isasi``/``-ifikasi``, English ``-ing`` and known activity
    nouns (``sosialisasi``, ``rapat``, ``bimbingan``…)."""
    w = w.lower()
    if w in _PROCESS_WORDS or w.endswith(_PROCESS_SUFFIXES):
        return True
    if len(w) > 6 and w.endswith("ing") and w.isascii() and not is_root(w):
        return True
    return _is_pe_an(w)


# ---------------------------------------------------------------------------
# Word tests

_MEN_SHAPE = re.compile(
    r"^(?:meng[aiueokgh]|meny[aiueo]|mem[bpfv]|mem[aiueo]|men[cdjtsz]|men[aiueo]|me[lrwy])"
)


def _is_nya_nominal(w: str) -> bool:
    """``terlaksananya``, ``meningkatnya``, ``berkembangnya``, ``terbitnya``, ``adanya``…"""
    if len(w) < 6 or not w.endswith("nya"):
        return False
    base = w[:-3]
    if len(base) < 3:
        return False
    if base.startswith(("ter", "ber", "me", "di", "ke", "se", "pe")):
        return len(base) >= 5
    return is_root(base) or stem(base) != base


def is_active_verb(w: str) -> bool:
    """A ``meN-``/``memper-`` or ``ber-`` verb (``menyusun``, ``memperbaiki``, ``berkoordinasi``)."""
    w = w.lower()
    if len(w) < 5 or is_root(w):
        return False
    if w.startswith("me"):
        return w not in _ME_NON_VERB and bool(_MEN_SHAPE.match(w)) and not w.endswith("nya")
    if w.startswith("ber") and len(w) >= 6:
        return w not in _BER_NON_VERB and stem(w) != w and not w.endswith("nya")
    return False


def is_passive_verb(w: str) -> bool:
    """A ``di-`` passive (``diproses``, ``disampaikan``)."""
    w = w.lower()
    if len(w) < 5 or not w.startswith("di") or w in _DI_NON_VERB or is_root(w):
        return False
    if stem(w) != w:
        return True
    # Roots Sastrawi does not know: "ditindaklanjuti", "diinput", "diupdate", "diupload".
    return bool(_PASSIVE_UNKNOWN.match(w))


_PASSIVE_UNKNOWN = re.compile(
    r"^di(?:tindaklanjut(?:i|kan)|input(?:kan)?|update|upload|entri|rekap|posting|scan|backup|cek|"
    r"validasi|verifikasi|koordinasikan|sosialisasikan|[a-z]{4,}kan)$"
)


def is_ter_state(w: str) -> bool:
    """A ``ter-`` word stating something has been done (``terlaksana``, ``terfasilitasi``)."""
    w = w.lower()
    if w in _KNOWN_STATES:
        return True
    if len(w) < 6 or not w.startswith("ter") or w in _TER_NON_STATE or w.endswith("nya"):
        return False
    if is_root(w):
        return w in _QUALITY
    root = stem(w)
    return root != w and root not in _SUPERLATIVE_STEMS


# ter- states of roots Sastrawi does not know ("terinput", "terekap").
_KNOWN_STATES = frozenset(
    {"terinput", "terentri", "terekap", "terupdate", "terunggah", "terupload", "terposting", "terpindai",
     "terekam", "terdata", "terekonsiliasi", "termutakhirkan", "terverifikasi", "tervalidasi", "terdistribusi",
     "terinventarisasi", "terdokumentasi", "terpublikasi", "terfasilitasi", "tersosialisasi", "terevaluasi",
     "tereviu", "terharmonisasi", "tersinkronisasi", "terintegrasi", "terstandardisasi", "terdigitalisasi",
     "terevitalisasi", "tersertifikasi", "terakreditasi", "terlegalisasi", "teregistrasi", "terkalibrasi",
     "terdaftar", "ditertibkan"}
)  # fmt: skip


def _is_state_noun(w: str) -> bool:
    if not (w.startswith("ke") and w.endswith("an")) or len(w) < 7:
        return False
    return stem(w) in _STATE_ROOTS or w[2:-2] in _STATE_ROOTS


# ---------------------------------------------------------------------------
# Tokens

_ANALYSIS_TOKEN = re.compile(r"\d+(?:[.,]\d+)?\s?%|[\w]+(?:-[\w]+)*|[,/&;]")


def _analysis_tokens(text: str) -> list[str]:
    return [t.lower().replace(" ", "") for t in _ANALYSIS_TOKEN.findall(text)]


_EDGE_PUNCT = re.compile(r"^[^\w%]+|[^\w%]+$")


@functools.lru_cache(maxsize=65536)
def _bare(token: str) -> str:
    word = _EDGE_PUNCT.sub("", token).lower()
    half, dash, rest = word.partition("-")
    if dash and half == rest:  # reduplication: "tugas-tugas" -> "tugas"
        return half
    return word


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    letters = re.sub(r"[^A-Za-z]", "", first)
    if len(letters) > 1 and (letters.isupper() or any(c.isupper() for c in letters[1:])):
        return text  # acronym or proper name: SIMPEG, OPD, eKinerja
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


_BULLET = re.compile(r"^(?:[-\u2022*\u2013\u00b7>]+|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)])\s+")


def _clean_phrase(phrase: str) -> tuple[str, str]:
    """(phrase as shown, phrase for analysis without the final full stop)."""
    shown = normalize_space(phrase or "")
    text = _BULLET.sub("", shown).rstrip(".;: ").strip()
    if not text:
        raise TextError("Rencana kinerja tidak boleh kosong.")
    return shown, text


def _q(word: str) -> str:
    return f"\u201c{word}\u201d"


# ---------------------------------------------------------------------------
# Classification


def _predicate(words: list[str], originals: list[str]) -> str | None:
    """Reason text when a result predicate appears after the first word, else None."""
    head_is_process = is_process_noun(words[0]) or words[0] in _CATEGORY_HEADS
    for i in range(1, len(words)):
        w, prev = words[i], words[i - 1]
        shown = originals[i]
        if w in ("tidak", "tiada", "tanpa", "bebas", "nihil", "zero") and i + 1 < len(words):
            return f"Menyatakan kondisi hasil ({_q(shown + ' ' + originals[i + 1])})."
        if re.fullmatch(r"\d+(?:[.,]\d+)?%", w):
            return f"Menyebut ukuran hasil ({_q(shown)})."
        if w == "baik":
            if prev in _BAIK_BEFORE and prev not in ("dengan", "secara"):
                return f"Memuat keterangan hasil ({_q(originals[i - 1] + ' ' + shown)})."
            continue
        if w in _FILLER_WORDS:
            continue  # "secara optimal" states no expectation
        if w == "kondisi" and prev == "dalam" and i + 1 < len(words):
            return f"Menyatakan keadaan yang dicapai ({_q(originals[i - 1] + ' ' + shown + ' ' + originals[i + 1])})."
        if w in _PEOPLE_RESULT and prev not in _LINK and (w == "mampu" or not head_is_process):
            subject = " ".join(originals[:i])
            return f"Menyatakan apa yang dicapai penerima hasil kerja ({_q(subject + ' ' + shown)})."
        if w in _QUALITY:
            return f"Memuat keterangan hasil ({_q(shown)}): menyatakan keadaan yang dicapai."
        if is_ter_state(w) and prev not in _PURPOSE:
            return f"Menyatakan keadaan yang tercapai ({_q(shown)})."
        if prev in _LINK:
            continue
        if is_passive_verb(w):
            return f"Menyatakan apa yang terjadi pada hasil kerja ({_q(shown)})."
        if is_active_verb(w) and not head_is_process and not any(x in _LINK for x in words[:i]):
            subject = " ".join(originals[:i])
            clause = _q(subject + " " + shown)
            return f"Kalimat berpelaku: menyatakan apa yang terjadi sebagai hasil ({clause})."
    return None


def _leading_process_list(words: list[str]) -> int:
    """Length of the leading run ``process (conj process)*``."""
    if not words or not is_process_noun(words[0]):
        return 0
    n = 1
    while n + 1 < len(words) and words[n] in _CONJ and is_process_noun(words[n + 1]):
        n += 2
    return n


def _verb_chain(tokens: list[str]) -> list[int]:
    """Indices of the leading active verbs: ``Menyusun, mengirim dan mengarsipkan …`` -> [0, 1, 3]."""
    chain = [0]
    i = 1
    while i < len(tokens):
        word = _bare(tokens[i])
        if tokens[i - 1].endswith(",") and is_active_verb(word):
            chain.append(i)
            i += 1
        elif word in ("dan", "serta", "atau") and i + 1 < len(tokens) and is_active_verb(
            _bare(tokens[i + 1])
        ):
            chain.append(i + 1)
            i += 2
        else:
            break
    return chain


def _tokens_of(text: str) -> tuple[list[str], list[str], list[str]]:
    """(tokens, words, originals) of a tidied phrase; raises TextError when there is no word."""
    tokens = text.split(" ")
    while len(tokens) > 1 and not _bare(tokens[0]):  # stray punctuation before the first word
        tokens.pop(0)
    originals = [t.strip(",;:()\"'") or t for t in tokens]
    words = [_bare(t) for t in tokens]
    pairs = [(w, o) for w, o in zip(words, originals, strict=True) if w]
    if not pairs:
        raise TextError("Rencana kinerja harus berisi kata, bukan hanya tanda baca.")
    return tokens, [w for w, _ in pairs], [o for _, o in pairs]


def judge(text: str) -> tuple[Kind, str]:
    """Kind and reason of an already cleaned phrase (no suggestions): the checker itself."""
    _tokens, words, originals = _tokens_of(text)
    first, shown_first = words[0], originals[0]
    P, A, K = Kind.PENCAPAIAN, Kind.AKTIVITAS, Kind.KATEGORI

    # 1. Result forms at the start.
    if _is_nya_nominal(first):
        return P, f"Diawali bentuk hasil {_q(shown_first)}: menyatakan keadaan yang tercapai."
    if first in _NEGATION_HEADS and len(words) > 1:
        return P, f"Menyatakan kondisi hasil ({_q(shown_first + ' ' + originals[1])})."
    if first in _MEASURE_HEADS and len(words) > 1:
        return P, f"Menyebut ukuran hasil yang dicapai ({_q(shown_first)})."
    if is_ter_state(first) or (first in _RESULT_VERBS_INTRANSITIVE and first.startswith("ter")):
        return P, f"Diawali kata keadaan {_q(shown_first)}: menyatakan hasil yang tercapai."
    if is_passive_verb(first):
        return P, f"Diawali kata kerja pasif {_q(shown_first)}: menyatakan hasil, bukan kegiatan."
    if _is_state_noun(first):
        return P, f"Menyatakan keadaan/mutu yang dicapai ({_q(shown_first)})."

    # 2. A leading active verb: an activity.
    if is_active_verb(first) or first in _INFORMAL_VERBS:
        return A, (
            f"Diawali kata kerja aktif {_q(shown_first)}: menyebut apa yang dikerjakan, "
            "bukan hasil yang dicapai."
        )

    # 3. A result predicate later in the phrase.
    reason = _predicate(words, originals)
    if reason is not None:
        return P, reason

    # 4. A product: a result only when it is new by itself (an idea, an innovation); otherwise the
    # expectation is missing ("Laporan keuangan tiap bulan": which laporan is good enough?).
    if first in _NOVELTY_HEADS:
        return P, f"Menyebut produk/hasil kerja yang diserahkan ({_q(shown_first)})."
    if first in _PRODUCT_HEADS:
        return K, (
            f"Menyebut produk ({_q(shown_first)} …) tetapi belum menyatakan ekspektasinya "
            "(misalnya lengkap, akurat, tepat waktu, sesuai ketentuan)."
        )

    # 5. Process nouns.
    if first in _CATEGORY_HEADS:
        return K, f"Menyebut kelompok layanan/pekerjaan ({_q(shown_first)}), bukan hasil yang dicapai."
    n = _leading_process_list(words)
    if n:
        complement = [w for w in words[n:] if w not in _CONJ]
        if not complement:
            names = ", ".join(_q(o) for o, w in zip(originals[:n], words[:n], strict=True) if w not in _CONJ)
            return K, f"Hanya menyebut jenis pekerjaan ({names}), tanpa objek dan hasil yang dicapai."
        if len(complement) <= 3 and all(w in _GENERIC or is_process_noun(w) for w in complement):
            return K, f"Menyebut bidang pekerjaan secara umum ({_q(shown_first)} …), tanpa hasil yang dicapai."
        return A, f"Menyebut kegiatan ({_q(shown_first)} …) tanpa menyatakan hasil yang ingin dicapai."

    # 6. Anything else: a bare subject of work.
    return K, "Hanya menyebut pokok pekerjaan, belum menyatakan hasil yang dicapai."


# Attending or speaking at someone else's event: Kinerja Tambahan with a surat tugas.
_MEETING_WORDS = frozenset(
    {
        "rapat", "rakor", "pertemuan", "musyawarah", "musrenbang", "musrenbangdes", "musrenbangcam", "seminar",
        "lokakarya", "workshop", "fgd", "acara", "upacara", "undangan", "sidang", "konferensi", "webinar",
        "audiensi", "kunjungan", "peringatan", "hut", "sosialisasi", "ekspose", "paparan", "zoom", "vicon",
        "rapat-rapat",
    }
)  # fmt: skip
_ATTEND_HEADS = frozenset(
    {"menghadiri", "mengikuti", "hadir", "ikut", "kehadiran", "keikutsertaan", "mewakili", "menjadi", "sebagai",
     "terlaksananya"}
)  # fmt: skip
_ROLE_WORDS = frozenset({"narasumber", "moderator", "pembicara", "panitia", "kepanitiaan", "notulis", "mc", "juri"})
_TRAINING_WORDS = frozenset({"diklat", "pelatihan", "bimtek", "kursus", "latsar", "webinar", "training"})
_TAMBAHAN_REASON = (
    "Menghadiri rapat/acara atau menjadi narasumber, moderator atau panitia biasanya bukan hasil kerja "
    "utama jabatan: catat sebagai Kinerja Tambahan dengan surat tugas sebagai dasar penugasan."
)
_TRAINING_REASON = (
    "Mengikuti pelatihan/diklat adalah pengembangan kompetensi, bukan rencana hasil kerja; bila ditugaskan, "
    "catat sebagai Kinerja Tambahan dengan surat tugas."
)


def _attendance(words: list[str]) -> str | None:
    """Reason when the phrase is about attending a meeting or a role at someone else's event."""
    head = words[0]
    if head in _ROLE_WORDS or any(
        w in _ROLE_WORDS and prev in ("menjadi", "sebagai", "jadi", "selaku")
        for prev, w in itertools.pairwise(words[:6])
    ):
        return _TAMBAHAN_REASON
    if head in _ATTEND_HEADS and len(words) > 1:
        nxt = words[1:4]
        if head == "terlaksananya" and words[1] not in ("kehadiran", "keikutsertaan"):
            return None
        if any(w in _TRAINING_WORDS for w in nxt):
            return _TRAINING_REASON
        if any(w in _MEETING_WORDS for w in nxt) or head in ("menghadiri", "hadir", "kehadiran", "mewakili"):
            return _TAMBAHAN_REASON
    return None


def find_filler(text: str) -> tuple[str, ...]:
    """Filler expectations in ``text`` ("secara optimal", "dengan baik", "maksimal"…), as written."""
    words = [_bare(t) for t in text.split(" ") if _bare(t)]
    found: list[str] = []
    i = 0
    while i < len(words):
        for pattern in FILLER_PATTERNS:
            if tuple(words[i : i + len(pattern)]) == pattern:
                found.append(" ".join(pattern))
                i += len(pattern) - 1
                break
        i += 1
    return tuple(found)


# ---------------------------------------------------------------------------
# Rewriting

# Verbs whose ter- form is awkward: the result head to use instead (object follows).
_VERB_OVERRIDES: dict[str, str] = {
    "laku": "Terlaksananya",
    "laksana": "Terlaksananya",
    "selenggara": "Terselenggaranya",
    "ada": "Terselenggaranya",
    "beri": "Terlaksananya pemberian",
    "ikut": "Terlaksananya keikutsertaan dalam",
    "hadir": "Terlaksananya kehadiran dalam",
    "kembang": "Terlaksananya pengembangan",
    "buat": "Tersedianya",
    "sedia": "Tersedianya",
    "siap": "Tersedianya",
    "tingkat": "Meningkatnya",
    "turun": "Menurunnya",
    "tambah": "Bertambahnya",
    "kurang": "Berkurangnya",
    "jalan": "Berjalannya",
    "guna": "Termanfaatkannya",
    "ecek": "Terceknya",
    "cek": "Terceknya",
    "jadi": "Terlaksananya peran sebagai",
    "operasi": "Beroperasinya",
    "ajar": "Terlaksananya pembelajaran",
    "kerja": "Terselesaikannya",
}
# Words Sastrawi stems to the wrong root (both readings are kata dasar).
_ROOT_FIXES: dict[str, str] = {
    "mengetik": "ketik",
    "mengawal": "kawal",
    "mengecek": "cek",
    "mengoordinir": "koordinir",
    "mengkoordinir": "koordinir",
    "menganalisis": "analisis",
    "menganalisa": "analisa",
}
# -kan verbs whose ter- form drops the suffix: "mengumpulkan" -> "terkumpulnya".
_DROP_KAN = frozenset(
    {
        "laksana", "selenggara", "kumpul", "himpun", "wujud", "bentuk", "salur", "rencana", "kendali",
        "kirim", "arsip", "susun", "capai", "bangun", "muat", "tuang", "satu", "padu",
    }
)


def _strip_men(w: str) -> str:
    """Best-effort removal of meN- when Sastrawi does not know the root (``menginput`` -> ``input``)."""
    for prefix, restore in (("meng", ""), ("meny", "s"), ("mem", "p"), ("men", "t"), ("me", "")):
        if w.startswith(prefix):
            rest = w[len(prefix) :]
            if restore and rest[:1] in "aiueo":
                return restore + rest
            return rest
    return w


def _root_and_suffix(w: str) -> tuple[str, str]:
    """``menyelesaikan`` -> (``selesai``, ``kan``); ``melayani`` -> (``layan``, ``i``)."""
    if w in _ROOT_FIXES:
        return _ROOT_FIXES[w], ""
    root = stem(w)
    if root == w:
        root = _strip_men(w)
        if root.endswith("kan") and len(root) > 5:
            return root[:-3], "kan"
        return root, ""
    for cand in (root, root[1:]):
        if not cand:
            continue
        for suffix in ("kan", "i", ""):
            if w.endswith(cand + suffix):
                if suffix == "i" and root.endswith("i"):
                    continue
                return root, suffix
    idx = w.rfind(root[1:] if len(root) > 2 else root)
    if idx >= 0:
        tail = w[idx + len(root) - 1 :] if len(root) > 2 else w[idx + len(root) :]
        if tail in ("kan", "i"):
            return root, tail
        return root + tail, ""
    return root, ""


def _result_head(verb: str) -> str:
    """Result-form head for an active verb: ``menyusun`` -> ``Tersusunnya``."""
    w = verb.lower()
    root, suffix = _root_and_suffix(w)
    if w.startswith("ber"):
        return f"Terlaksananya {root}"
    if root in _VERB_OVERRIDES:
        return _VERB_OVERRIDES[root]
    if suffix == "kan" and (root in _DROP_KAN or root.endswith("si")):
        suffix = ""
    if w.startswith("memper"):
        return f"Diper{root}{suffix}nya"
    if root.startswith("ter"):
        return f"Di{root}{suffix}nya"
    prefix = "Te" if root.startswith("r") else "Ter"
    return f"{prefix}{root}{suffix}nya"


def _rewrite_verb_phrase(tokens: list[str]) -> str:
    chain = _verb_chain(tokens)
    heads = [_result_head(_bare(tokens[i])) for i in chain]
    if len(heads) > 1:
        # "Tersusun, terkirim dan terarsipkannya laporan": -nya only on the last one-word head.
        shown = [h[:-3] if " " not in h and h.endswith("nya") else h for h in heads[:-1]] + heads[-1:]
        shown = shown[:1] + [h[:1].lower() + h[1:] for h in shown[1:]]
        head = ", ".join(shown[:-1]) + " dan " + shown[-1]
    else:
        head = heads[0]
    rest = " ".join(tokens[chain[-1] + 1 :]).strip()
    return _upper_first(f"{head} {rest}".strip())


def _has_qualifier(words: list[str]) -> bool:
    return any(w in _QUALITY for w in words)


def _rewrite_nominal(text: str, words: list[str]) -> str:
    first = words[0]
    rest = text.split(" ", 1)[1] if " " in text else ""
    tail = "" if _has_qualifier(words) else " secara optimal"
    if first == "pelaksanaan" and rest:
        return f"Terlaksananya {rest}{tail}"
    if first == "penyelenggaraan" and rest:
        return f"Terselenggaranya {rest}{tail}"
    if first in _FIELD_HEADS or not (is_process_noun(first) or first in _CATEGORY_HEADS):
        return f"Terkelolanya {_lower_first(text)}{'' if _has_qualifier(words) else ' dengan baik'}"
    return f"Terlaksananya {_lower_first(text)}{tail}"


# ---------------------------------------------------------------------------
# Helpers for indicator suggestions


def _pe_an(root: str) -> str:
    """Nominal ``peN-…-an`` of a root: ``susun`` -> ``penyusunan``, ``kelola`` -> ``pengelolaan``."""
    if root.endswith("si") and len(root) > 5:
        return root
    special = {"wujud": "perwujudan", "ada": "pengadaan", "tingkat": "peningkatan", "capai": "pencapaian"}
    if root in special:
        return special[root]
    c = root[:1]
    if c in "aiueogh":
        base = "peng" + root
    elif c == "k":
        base = "peng" + root[1:]
    elif c in "bfv":
        base = "pem" + root
    elif c == "p":
        base = "pem" + root[1:]
    elif c in "cdjz":
        base = "pen" + root
    elif c == "t":
        base = "pen" + root[1:]
    elif c == "s":
        base = "peny" + root[1:]
    else:
        base = "pe" + root
    return base + "an"


def nominal_of_result_word(word: str) -> str | None:
    """The action noun behind a result word: ``Terevaluasinya`` -> ``evaluasi``, ``Tersusunnya``
    -> ``penyusunan``, ``Meningkatnya`` -> ``peningkatan``; None when ``word`` is not one."""
    w = _bare(word)
    if not _is_nya_nominal(w):
        return None
    base = w[:-3]
    if base.endswith("si"):
        for prefix in ("ter", "di", "ber", "me"):
            if base.startswith(prefix):
                cand = base[len(prefix) :]
                if not is_root(cand) and is_root("r" + cand):
                    cand = "r" + cand
                return cand
    root = base if is_root(base) else stem(base)
    if root.startswith("ter") and base == root:
        return _pe_an(root)
    return _pe_an(root)


_OBJECT_CUT = frozenset(
    {"secara", "dengan", "yang", "sesuai", "tepat", "melalui", "agar", "untuk", "guna", "tidak"}
)
_MAX_OBJECT = 70


def result_object(rencana_kinerja: str) -> tuple[str, str]:
    """Split a rencana kinerja into (action noun, object) for indicator wording.

    ``Terevaluasinya pelaksanaan promosi ASN secara optimal`` -> (``evaluasi``, ``pelaksanaan promosi
    ASN``); ``Menyusun materi sosialisasi`` -> (``penyusunan``, ``materi sosialisasi``);
    ``Data kepegawaian valid dan akurat`` -> (``""``, ``data kepegawaian``).
    """
    text = normalize_space(rencana_kinerja or "").rstrip(".;: ")
    if not text:
        return "", ""
    tokens = [t for t in text.split(" ") if _bare(t)]
    words = [_bare(t) for t in tokens]
    nominal, start = "", 0
    if _is_nya_nominal(words[0]):
        nominal, start = nominal_of_result_word(words[0]) or "", 1
    elif is_active_verb(words[0]):
        root, _suffix = _root_and_suffix(words[0])
        nominal, start = (root if words[0].startswith("ber") else _pe_an(root)), 1
    cut = len(words)
    for i in range(max(start, 1), len(words)):
        w = words[i]
        if w in _OBJECT_CUT or w in _QUALITY or is_passive_verb(w) or is_ter_state(w):
            cut = i
            break
    obj = " ".join(tokens[start:cut]).strip(" ,;")
    if len(obj) > _MAX_OBJECT and "," in obj:
        obj = obj.split(",", 1)[0]
    while len(obj) > 2 * _MAX_OBJECT and " " in obj:
        obj = obj.rsplit(" ", 1)[0]
    if obj and nominal in ("pelaksanaan", "penyelenggaraan") and is_process_noun(_bare(obj.split(" ")[0])):
        nominal = ""
    return nominal, _lower_first(obj) if obj else ""
