"""Indicator and target suggestions that follow the rencana kinerja.

A rencana kinerja in result language names a product, a state verb and an expectation
("Data absensi pada aplikasi terinput lengkap dan akurat"). The indicators measure exactly that:

* **Kuantitas**: "Jumlah <product> yang <verb>", the unit taken from the product (``data``,
  ``laporan``, ``berkas``, ``dokumen``, ``orang``, ``OPD``, ``kegiatan`` …).
* **Kualitas**: "Persentase <product> yang <expectation>" (the expectation without "tepat
  waktu", which is the time aspect), or a measure that fits the product: "Tingkat akurasi …" for
  data, "Tingkat kepuasan …" for people served and requests, "Tingkat pemahaman …" for people who
  should understand something.
* **Waktu**: "Ketepatan waktu <penyusunan/penginputan/…> <product>", counted in months within the
  period.
* **Biaya**: "Persentase realisasi anggaran …" or an amount in rupiah.

Target chips follow the indicator: percentages for a measure in percent, the indicator's unit for a
"Jumlah …" (``12 laporan`` only when the indicator is about monthly laporan), months within the
period for time.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from skp_domain.errors import TextError
from skp_domain.judgement import (
    _QUALITY,
    Kind,
    _bare,
    _is_nya_nominal,
    _pe_an,
    find_filler,
    is_passive_verb,
    is_process_noun,
    is_ter_state,
    judge,
    result_object,
    stem,
)
from skp_domain.rewrite import ProductKind, kind_of, suggest_results
from skp_domain.skp import Aspek
from skp_domain.text import MAX_INDIKATOR
from skp_domain.tidy import tidy


class MeasureKind(StrEnum):
    """What the indicator's target counts."""

    PERCENT = "percent"
    COUNT = "count"
    MONTHS = "months"
    RUPIAH = "rupiah"


@dataclass(frozen=True)
class IndicatorSuggestion:
    """One suggested indicator: the wording, the unit of its target and what the target counts."""

    text: str
    unit: str  # "%", "laporan", "bulan", "Rp"…
    kind: MeasureKind


_K = ProductKind

# Unit of a count, by the head noun of the product.
_UNIT_OF_HEAD: dict[str, str] = {
    **dict.fromkeys(["laporan", "lkjip", "lppd", "lkpj", "lkpd", "hasil", "notulen"], "laporan"),
    **dict.fromkeys(["berkas"], "berkas"),
    **dict.fromkeys(["data", "informasi", "database"], "data"),
    **dict.fromkeys(["surat"], "surat"),
    **dict.fromkeys(["sk", "keputusan"], "SK"),
    **dict.fromkeys(["rekomendasi"], "rekomendasi"),
    **dict.fromkeys(["usulan", "usul"], "usulan"),
    **dict.fromkeys(["permohonan"], "permohonan"),
    **dict.fromkeys(["pengaduan", "aduan", "keluhan"], "pengaduan"),
    **dict.fromkeys(["kesepakatan"], "kesepakatan"),
    "temuan": "temuan", "nib": "NIB", "pbg": "PBG", "slf": "SLF", "imb": "IMB", "izin": "izin",
    "sertifikat": "sertifikat", "akta": "akta", "ktp": "KTP",
    **dict.fromkeys([
        "rapat", "kegiatan", "acara", "musrenbang", "pertemuan", "upacara", "seminar", "lokakarya", "sidang",
    ], "kegiatan"),
    **dict.fromkeys(["opd", "pd"], "OPD"),
    **dict.fromkeys(["desa"], "desa"),
    **dict.fromkeys(["kelurahan"], "kelurahan"),
    **dict.fromkeys(["sekolah"], "sekolah"),
    **dict.fromkeys(["puskesmas"], "puskesmas"),
    **dict.fromkeys(["posyandu"], "posyandu"),
    **dict.fromkeys(["kelompok", "poktan", "gapoktan"], "kelompok"),
    **dict.fromkeys(["aplikasi", "sistem", "website", "situs", "portal"], "aplikasi"),
    **dict.fromkeys(["jaringan", "cctv"], "titik"),
    **dict.fromkeys(["jalan"], "ruas"),
    **dict.fromkeys(["ruang", "ruangan"], "ruang"),
    **dict.fromkeys(
        [
            "komputer", "laptop", "printer", "server", "kendaraan", "mobil", "motor", "ac", "genset", "mesin",
            "pompa", "lampu", "alat", "peralatan", "jembatan", "gedung", "bangunan", "aset", "barang", "sarana",
            "prasarana", "fasilitas",
        ],
        "unit",
    ),
}
# People counted as "orang".
_PERSON_HEADS = frozenset(
    [
        "pegawai", "asn", "pns", "pppk", "cpns", "masyarakat", "warga", "penduduk", "pelaku", "umkm", "petani",
        "siswa", "guru", "kader", "peserta", "pasien", "balita", "ibu", "lansia", "remaja", "aparatur", "perangkat",
        "pemohon", "tamu", "pengguna", "wajib", "pedagang", "nelayan", "peternak", "pekebun", "pengusaha", "pemuda",
        "pejabat", "calon", "mahasiswa", "anak", "keluarga", "kpm", "operator", "bendahara", "pengelola",
    ]
)
_DOC_KINDS = (_K.REPORT, _K.PLAN, _K.MATERIAL, _K.REGULATION, _K.DOC)

# Nominal of a state verb, for "Ketepatan waktu <nominal> …".
_VERB_NOMINAL: dict[str, str] = {
    "tersusun": "penyusunan", "terinput": "penginputan", "tercatat": "pencatatan", "terverifikasi": "verifikasi",
    "tervalidasi": "validasi", "tersampaikan": "penyampaian", "disampaikan": "penyampaian",
    "terkirim": "pengiriman", "terbit": "penerbitan", "diterbitkan": "penerbitan",
    "ditindaklanjuti": "tindak lanjut", "diperoleh": "perolehan", "terarsip": "pengarsipan",
    "tertata": "penataan", "terhimpun": "penghimpunan", "terpublikasi": "publikasi",
    "terdistribusi": "distribusi", "tersalurkan": "penyaluran", "terbayar": "pembayaran",
    "terealisasi": "realisasi", "terlaksana": "pelaksanaan", "terselenggara": "penyelenggaraan",
    "terpelihara": "pemeliharaan", "tersedia": "penyediaan", "terekap": "rekapitulasi",
    "termutakhirkan": "pemutakhiran", "dilaporkan": "pelaporan", "terfasilitasi": "fasilitasi",
    "terdokumentasi": "dokumentasi", "terinventarisasi": "inventarisasi", "terkelola": "pengelolaan",
    "terselesaikan": "penyelesaian", "diproses": "pemrosesan", "terdata": "pendataan", "terpasang": "pemasangan",
    "terekonsiliasi": "rekonsiliasi", "disepakati": "penyepakatan", "dikembangkan": "pengembangan",
    "terolah": "pengolahan", "terevaluasi": "evaluasi", "diterima": "penerimaan", "terkendali": "pengendalian",
    "tertagih": "penagihan", "tersetor": "penyetoran", "terpenuhi": "pemenuhan", "selesai": "penyelesaian",
    "dilaksanakan": "pelaksanaan", "diselesaikan": "penyelesaian", "terunggah": "pengunggahan",
    "terlayani": "pelayanan", "tersosialisasi": "sosialisasi", "terekam": "perekaman",
}  # fmt: skip

_EXPECT_START = frozenset(
    {"sesuai", "tepat", "secara", "dengan", "tanpa", "lengkap", "akurat", "valid", "mutakhir", "cepat", "tertib",
     "akuntabel", "tuntas", "dalam", "aman", "bersih", "rapi", "mudah", "laik", "berdasarkan"}
)  # fmt: skip
_PEOPLE_VERBS = frozenset({"mampu", "memahami", "mendapat", "mendapatkan", "memperoleh", "menguasai", "menerapkan"})
_FREQUENCY = {"harian": "hari", "mingguan": "minggu", "bulanan": "bulan", "triwulanan": "triwulan",
              "semesteran": "semester", "tahunan": "tahun"}  # fmt: skip


@dataclass(frozen=True)
class _Parts:
    product: str  # "data absensi pada aplikasi"
    verb: str  # "terinput", "mampu menggunakan SIMPEG", "" when the expectation is the predicate
    expectation: str  # "lengkap dan akurat"
    nominal: str  # activity noun of a "-nya" result ("evaluasi"), else ""
    measure: bool  # the rencana kinerja is itself a measure ("Persentase …")


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    letters = [c for c in first if c.isalpha()]
    if len(letters) > 1 and (all(c.isupper() for c in letters) or any(c.isupper() for c in letters[1:])):
        return text
    return text[:1].lower() + text[1:]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(*parts: str) -> str:
    return re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip()


def _strip_filler(text: str) -> str:
    for filler in sorted(find_filler(text), key=len, reverse=True):
        text = re.sub(rf"(?i)\b{re.escape(filler)}\b", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;")
    return re.sub(r"^(?:secara|dengan)\s+", "", text)


def _is_predicate(word: str, prev: str) -> bool:
    if word in _PEOPLE_VERBS or (word in ("dalam",) and prev != ""):
        return word != "dalam" or True
    return (
        is_passive_verb(word)
        or is_ter_state(word)
        or word in _QUALITY
        or word in ("meningkat", "menurun", "berkurang", "bertambah", "berfungsi", "beroperasi", "berkembang", "terbit")
    )


@functools.lru_cache(maxsize=2048)
def _as_result(rencana_kinerja: str) -> str:
    text = tidy(rencana_kinerja)
    if not text or not any(c.isalpha() for c in text):
        return text
    try:
        kind, _reason = judge(text)
    except TextError:
        return text
    if kind is Kind.PENCAPAIAN:
        return text
    suggestions = suggest_results(text)
    return suggestions[0] if suggestions else text


@functools.lru_cache(maxsize=2048)
def _parts(rencana_kinerja: str) -> _Parts:
    text = _strip_filler(tidy(rencana_kinerja or ""))
    tokens = [t for t in text.split(" ") if t]
    if not tokens:
        return _Parts("", "", "", "", False)
    words = [_bare(t) for t in tokens]
    if words[0] in ("persentase", "prosentase", "indeks", "tingkat", "rasio", "cakupan", "jumlah", "nilai"):
        return _Parts(_lower_first(text), "", "", "", True)
    if _is_nya_nominal(words[0]):
        nominal, obj = result_object(text)
        verb = words[0][:-3]
        after = text[len(tokens[0]) :].strip()
        expectation = after[len(obj) :].strip() if obj and after.lower().startswith(obj.lower()) else ""
        return _Parts(obj, verb, _strip_filler(expectation), nominal, False)
    for i in range(1, len(words)):
        w = words[i]
        if w == "yang" and i + 1 < len(words) and _is_predicate(words[i + 1], w):
            product, rest = tokens[:i], tokens[i + 1 :]
            break
        if w == "dalam" and i + 1 < len(words) and words[i + 1] == "kondisi":
            product, rest = tokens[:i], tokens[i:]
            break
        if w != "dalam" and _is_predicate(w, words[i - 1]):
            product, rest = tokens[:i], tokens[i:]
            break
    else:
        return _Parts(_lower_first(text), "", "", "", False)
    rest_words = [_bare(t) for t in rest]
    # The verb (with its complement) runs until the expectation starts.
    j = 0
    first = rest_words[0] if rest_words else ""
    if first and first != "dalam" and (first not in _QUALITY or first.startswith(("ter", "di", "ber", "me"))):
        j = 1
        while j < len(rest_words) and rest_words[j] not in _EXPECT_START:
            j += 1
    verb = " ".join(rest[:j])
    expectation = " ".join(rest[j:])
    return _Parts(_lower_first(" ".join(product)), verb, expectation, "", False)


def _head(text: str) -> str:
    for w in (_bare(t) for t in text.split(" ")):
        if w and w not in ("seluruh", "semua", "para", "setiap", "tiap"):
            return w
    return ""


def _unit(product: str) -> str:
    head = _head(product)
    if head in _UNIT_OF_HEAD:
        return _UNIT_OF_HEAD[head]
    if head in _PERSON_HEADS:
        return "orang"
    kind = kind_of(product)
    if kind in _DOC_KINDS:
        return "dokumen"
    if kind is _K.EVENT or is_process_noun(head):
        return "kegiatan"
    return ""


def _without_time(expectation: str) -> str:
    """The expectation without "tepat waktu" (measured by the time aspect)."""
    e = re.sub(r"\b(?:dan\s+)?tepat waktu(?:\s+dan)?\b", " ", expectation)
    e = re.sub(r"\bsesuai jadwal\b", " ", e)
    e = re.sub(r"\s+", " ", e).strip(" ,;")
    e = re.sub(r"^(?:dan|serta)\s+|\s+(?:dan|serta)$", "", e)
    return e


_DEFAULT_QUALITY: dict[ProductKind, str] = {
    _K.REPORT: "sesuai ketentuan", _K.PLAN: "sesuai ketentuan", _K.MATERIAL: "sesuai kebutuhan",
    _K.REGULATION: "sesuai ketentuan", _K.DOC: "sesuai ketentuan", _K.DATA: "valid dan akurat",
    _K.REQUEST: "sesuai standar pelayanan", _K.EVENT: "sesuai rencana", _K.MONEY: "sesuai ketentuan",
    _K.ARCHIVE: "tertata sesuai ketentuan", _K.ASSET: "laik dan berfungsi", _K.SYSTEM: "berfungsi tanpa gangguan",
    _K.PEOPLE: "sesuai ketentuan", _K.GENERIC: "sesuai ketentuan",
}  # fmt: skip


def _nominal_of(verb: str) -> str:
    first = verb.split(" ", 1)[0].lower()
    if first in _VERB_NOMINAL:
        return _VERB_NOMINAL[first]
    root = stem(first)
    return _pe_an(root) if root and root != first else ""


def _counted(product: str, unit: str, kind: ProductKind) -> str:
    """The noun phrase after "Jumlah": the product, with its unit in front when the product does not
    already start with it ("dokumen evaluasi …", "laporan hasil rapat …")."""
    head = _head(product)
    if head == "hasil":
        return _join("laporan", product)
    if unit == "kegiatan" and head not in _UNIT_OF_HEAD:
        return _join("kegiatan", product)
    if unit in ("unit", "titik", "ruas") and head != unit:
        return _join(unit, product)
    return product


def _kuantitas(p: _Parts) -> list[IndicatorSuggestion]:
    product = p.product
    if not product:
        return []
    # "Terevaluasinya pelaksanaan promosi ASN …": the document of that evaluation.
    if p.nominal and _head(product) not in _IMPROVABLE and (
        is_process_noun(_head(product)) or kind_of(product) is _K.GENERIC
    ):
        doc = _join("dokumen", p.nominal, product)
        return [
            IndicatorSuggestion(_join("Jumlah", doc), "dokumen", MeasureKind.COUNT),
            IndicatorSuggestion(
                _join("Jumlah kegiatan", p.nominal, product, "yang terlaksana"), "kegiatan", MeasureKind.COUNT
            ),
        ]
    kind = kind_of(product)
    head = _head(product)
    if head in _IMPROVABLE:
        nominal = p.nominal if p.nominal and p.nominal != "perwujudan" else "peningkatan"
        return [IndicatorSuggestion(_join("Jumlah kegiatan", nominal, product, "yang terlaksana"), "kegiatan",
                                    MeasureKind.COUNT)]
    if kind is _K.MONEY:
        what = _join(p.nominal or (_nominal_of(p.verb) if p.verb else ""), product)
        return [IndicatorSuggestion(_join("Jumlah laporan", what), "laporan", MeasureKind.COUNT)]
    unit = _unit(product)
    if not unit and not p.verb:
        return [IndicatorSuggestion(_join("Jumlah laporan pemantauan", product), "laporan", MeasureKind.COUNT)]
    unit = unit or ("dokumen" if kind in _DOC_KINDS else "kegiatan")
    counted = _counted(product, unit, kind)
    verb = p.verb or ""
    if verb.split(" ")[0] == "dilaporkan" and _head(counted) == "laporan":
        verb = "disampaikan" + verb[len("dilaporkan") :]
    out: list[IndicatorSuggestion] = []
    if verb:
        out.append(IndicatorSuggestion(_join("Jumlah", counted, "yang", verb), unit, MeasureKind.COUNT))
    elif p.expectation and kind in (_K.ASSET, _K.SYSTEM, _K.PEOPLE):
        cond = _without_time(p.expectation)
        joiner = "" if cond.startswith("dalam") else "yang"
        out.append(IndicatorSuggestion(_join("Jumlah", counted, joiner, cond), unit, MeasureKind.COUNT))
    out.append(IndicatorSuggestion(_join("Jumlah", counted), unit, MeasureKind.COUNT))
    return out


_IMPROVABLE = frozenset(
    {"kapasitas", "kompetensi", "kualitas", "mutu", "kinerja", "kesadaran", "partisipasi", "kepatuhan",
     "produktivitas", "pengetahuan", "keterampilan", "kemampuan", "akuntabilitas", "efektivitas", "efisiensi",
     "kesejahteraan", "kemandirian", "derajat", "birokrasi", "tata", "pelayanan", "layanan"}
)  # fmt: skip
_NO_SATISFACTION = frozenset({"balita", "bayi", "anak"})


def _kualitas(p: _Parts) -> list[IndicatorSuggestion]:
    product = p.product
    pct = MeasureKind.PERCENT
    if not product:
        return []
    kind = kind_of(product)
    expectation = _without_time(p.expectation)
    out: list[IndicatorSuggestion] = []
    head = _head(product)
    if head in _IMPROVABLE:
        rest = " ".join(product.split(" ")[1:])
        if "pelayanan" in product.lower() or "layanan" in product.lower():
            out.append(IndicatorSuggestion(_join("Indeks kepuasan masyarakat terhadap", rest or product), "%", pct))
        if p.nominal and p.nominal not in ("peningkatan",):
            out.append(IndicatorSuggestion(_join("Tingkat capaian", p.nominal, product, p.expectation), "%", pct))
        out.append(IndicatorSuggestion(_join("Persentase peningkatan", product), "%", pct))
        return out
    if kind is _K.PEOPLE or (p.verb.split(" ")[:1] and p.verb.split(" ")[0] in _PEOPLE_VERBS):
        verb_phrase = _join(p.verb, expectation)
        if verb_phrase:
            out.append(IndicatorSuggestion(_join("Persentase", product, "yang", verb_phrase), "%", pct))
        first = p.verb.split(" ", 1)
        if first[0] == "memahami" and len(first) > 1:
            out.append(IndicatorSuggestion(_join("Tingkat pemahaman", product, "terhadap", first[1]), "%", pct))
        if head in _NO_SATISFACTION:
            return out
        if first[0] in ("mendapat", "mendapatkan", "memperoleh") and len(first) > 1:
            out.append(IndicatorSuggestion(_join("Tingkat kepuasan", product, "terhadap", first[1]), "%", pct))
        out.append(IndicatorSuggestion(_join("Tingkat kepuasan", product, "terhadap layanan yang diberikan"), "%", pct))
        return out
    if kind is _K.DATA:
        quality = expectation or "valid dan akurat"
        out.append(IndicatorSuggestion(_join("Persentase", product, "yang", quality), "%", pct))
        out.append(IndicatorSuggestion(_join("Tingkat akurasi", product), "%", pct))
        return out
    if kind is _K.REQUEST:
        verb = p.verb if p.verb else "ditindaklanjuti"
        quality = expectation or "sesuai standar pelayanan"
        out.append(IndicatorSuggestion(_join("Persentase", product, "yang", verb, quality), "%", pct))
        out.append(IndicatorSuggestion("Tingkat kepuasan pemohon terhadap layanan", "%", pct))
        return out
    if kind is _K.SYSTEM:
        out.append(IndicatorSuggestion(_join("Persentase ketersediaan layanan", product), "%", pct))
        out.append(IndicatorSuggestion(_join("Tingkat kepuasan pengguna", product), "%", pct))
        return out
    if kind is _K.ASSET:
        cond = expectation or _DEFAULT_QUALITY[kind]
        joiner = "" if cond.startswith("dalam") else "yang"
        out.append(IndicatorSuggestion(_join("Persentase", product, joiner, cond), "%", pct))
        out.append(IndicatorSuggestion(_join("Tingkat ketersediaan", product), "%", pct))
        return out
    if head in ("hasil", "rekomendasi", "kesepakatan", "temuan"):
        out.append(IndicatorSuggestion(_join("Persentase", product, "yang ditindaklanjuti"), "%", pct))
        if head in ("hasil", "temuan"):
            return out
    if kind is _K.EVENT or is_process_noun(head):
        # "kegiatan <process>" only for something that is held; a process that yields a
        # document ("rekapitulasi … tersusun") is measured by itself.
        held = not p.verb or p.verb.split(" ")[0] in _HELD_VERBS
        subject = _join("kegiatan", product) if kind is not _K.EVENT and held else product
        out.append(IndicatorSuggestion(_join("Persentase", subject, "yang", p.verb or "terlaksana",
                                             expectation or "sesuai rencana"), "%", pct))
        out.append(IndicatorSuggestion(_join("Persentase hasil", product, "yang ditindaklanjuti"), "%", pct))
        return out
    quality = re.sub(r"^yang\s+", "", expectation) or _DEFAULT_QUALITY[kind]
    if p.verb and not any(w in _QUALITY for w in quality.split(" ")[:1]):
        out.append(IndicatorSuggestion(_join("Persentase", product, "yang", p.verb, quality), "%", pct))
    else:
        out.append(IndicatorSuggestion(_join("Persentase", product, "yang", quality), "%", pct))
    if kind in _DOC_KINDS:
        out.append(IndicatorSuggestion(_join("Persentase", product, "yang diterima tanpa revisi"), "%", pct))
    return out


_HELD_VERBS = frozenset({"terlaksana", "terselenggara", "dilaksanakan", "diselenggarakan", "berjalan"})


def _waktu(p: _Parts) -> list[IndicatorSuggestion]:
    months = MeasureKind.MONTHS
    out: list[IndicatorSuggestion] = []
    product = p.product
    if product and not p.measure:
        nominal = p.nominal or (_nominal_of(p.verb) if p.verb else "")
        kind = kind_of(product)
        if not nominal:
            nominal = {_K.DATA: "pemutakhiran", _K.ASSET: "pemeliharaan", _K.SYSTEM: "pemeliharaan"}.get(kind, "")
        people = kind is _K.PEOPLE or (p.verb.split(" ")[:1] and p.verb.split(" ")[0] in _PEOPLE_VERBS)
        if nominal and not people:
            if is_process_noun(_head(product)) and nominal in ("pelaksanaan", "penyelenggaraan"):
                out.append(IndicatorSuggestion(_join("Ketepatan waktu pelaksanaan kegiatan", product), "bulan", months))
            else:
                out.append(IndicatorSuggestion(_join("Ketepatan waktu", nominal, product), "bulan", months))
    out.append(IndicatorSuggestion("Ketepatan waktu pelaksanaan kegiatan", "bulan", months))
    out.append(IndicatorSuggestion("Ketepatan waktu penyampaian laporan", "bulan", months))
    return out


def _biaya(p: _Parts) -> list[IndicatorSuggestion]:
    out: list[IndicatorSuggestion] = []
    people = kind_of(p.product) is _K.PEOPLE or (p.verb.split(" ")[:1] and p.verb.split(" ")[0] in _PEOPLE_VERBS)
    if p.product and not p.measure and not people:
        nominal = p.nominal or (_nominal_of(p.verb) if p.verb else "")
        if not nominal:  # "kendaraan dinas dalam kondisi laik": the budget is for its upkeep
            nominal = {_K.DATA: "pemutakhiran", _K.ASSET: "pemeliharaan", _K.SYSTEM: "pemeliharaan"}.get(
                kind_of(p.product), ""
            )
        what = _join(nominal, p.product)
        out.append(IndicatorSuggestion(_join("Persentase realisasi anggaran", what), "%", MeasureKind.PERCENT))
        out.append(IndicatorSuggestion(_join("Jumlah anggaran", what), "Rp", MeasureKind.RUPIAH))
    out.append(IndicatorSuggestion("Persentase penyerapan anggaran kegiatan", "%", MeasureKind.PERCENT))
    return out


_FALLBACK: dict[Aspek, IndicatorSuggestion] = {
    Aspek.KUANTITAS: IndicatorSuggestion("Jumlah dokumen yang diselesaikan", "dokumen", MeasureKind.COUNT),
    Aspek.KUALITAS: IndicatorSuggestion("Persentase hasil kerja yang sesuai ketentuan", "%", MeasureKind.PERCENT),
    Aspek.WAKTU: IndicatorSuggestion("Ketepatan waktu pelaksanaan kegiatan", "bulan", MeasureKind.MONTHS),
    Aspek.BIAYA: IndicatorSuggestion("Persentase penyerapan anggaran kegiatan", "%", MeasureKind.PERCENT),
}
_SKIP_REPEAT = frozenset({"dan", "yang", "di", "ke", "dari", "pada", "dalam", "dengan", "untuk", "bagi", "kepada",
                          "terhadap", "sesuai", "atau", "serta", "waktu", "tepat"})  # fmt: skip


def _senseless_repeat(text: str, source: str) -> bool:
    """"Persentase peningkatan persentase …": a word the indicator adds that was already there."""
    words = [w for w in (_bare(t) for t in text.split(" ")) if w and w not in _SKIP_REPEAT]
    allowed = Counter(w for w in (_bare(t) for t in source.split(" ")) if w)
    return any(n > max(1, allowed[w]) for w, n in Counter(words).items())


def indicator_options(aspek: Aspek, rencana_kinerja: str) -> list[IndicatorSuggestion]:
    """Up to four indicators for ``aspek`` that measure ``rencana_kinerja``, best first, each with the
    unit and the kind of its target.

    A rencana kinerja still in activity language ("Menyusun laporan …") is measured through the
    result it implies (the first rewrite: "Laporan … tersusun …")."""
    p = _parts(_as_result(rencana_kinerja or ""))
    if p.measure:
        measure = _cap(p.product)
        base: list[IndicatorSuggestion] = []
        is_count = _head(p.product) == "jumlah"
        if p.product and ((aspek is Aspek.KUANTITAS and is_count) or (aspek is Aspek.KUALITAS and not is_count)):
            m = _measure(measure)
            base.append(IndicatorSuggestion(measure, m.unit, m.kind))
        candidates = base + {
            Aspek.KUANTITAS: [_FALLBACK[Aspek.KUANTITAS]],
            Aspek.KUALITAS: [_FALLBACK[Aspek.KUALITAS]],
            Aspek.WAKTU: _waktu(p),
            Aspek.BIAYA: _biaya(p),
        }[Aspek(aspek)]
    else:
        candidates = {
            Aspek.KUANTITAS: _kuantitas,
            Aspek.KUALITAS: _kualitas,
            Aspek.WAKTU: _waktu,
            Aspek.BIAYA: _biaya,
        }[Aspek(aspek)](p)
    source = tidy(rencana_kinerja or "")
    out: list[IndicatorSuggestion] = []
    seen: set[str] = set()
    for c in candidates:
        text = _cap(re.sub(r"\s+", " ", c.text).strip())
        if not text or len(text) > MAX_INDIKATOR or text.lower() in seen or _senseless_repeat(text, source):
            continue
        seen.add(text.lower())
        out.append(IndicatorSuggestion(text, c.unit, c.kind))
    if not out:
        out.append(_FALLBACK[Aspek(aspek)])
    return out[:4]


# ---------------------------------------------------------------------------
# Targets


@dataclass(frozen=True)
class _Measure:
    kind: MeasureKind
    unit: str
    per_year: int  # how often the product comes in a year (12 for monthly), 0 when unknown


_PERCENT_HEADS = frozenset({"persentase", "prosentase", "presentase", "tingkat", "indeks", "rasio", "proporsi",
                            "cakupan", "derajat"})  # fmt: skip
_PER_YEAR = {"hari": 250, "minggu": 52, "bulan": 12, "triwulan": 4, "semester": 2, "tahun": 1}


def measure_of(indikator: str) -> tuple[MeasureKind, str]:
    """What the target of ``indikator`` counts, and in which unit: ("percent", "%"),
    ("count", "laporan"), ("months", "bulan"), ("rupiah", "Rp"); ("count", "") when unknown."""
    m = _measure(indikator or "")
    return m.kind, m.unit


def _measure(indikator: str) -> _Measure:
    text = tidy(indikator).lower()
    words = [_bare(t) for t in text.split(" ") if _bare(t)]
    per_year = 0
    for adjective, period in _FREQUENCY.items():
        if adjective in words or f"setiap {period}" in text or f"tiap {period}" in text:
            per_year = _PER_YEAR[period]
            break
    if not words:
        return _Measure(MeasureKind.COUNT, "", per_year)
    if "waktu" in words[:3] or words[0] in ("lama", "jangka", "durasi") or words[:2] == ["jumlah", "bulan"]:
        return _Measure(MeasureKind.MONTHS, "bulan", per_year)
    if words[0] in _PERCENT_HEADS:
        return _Measure(MeasureKind.PERCENT, "%", per_year)
    if words[0] in ("anggaran", "biaya", "besaran", "nilai") or "rupiah" in words or words[:2] == [
        "jumlah", "anggaran",
    ]:
        return _Measure(MeasureKind.RUPIAH, "Rp", per_year)
    if words[0] in ("jumlah", "banyaknya", "total") and len(words) > 1 and words[1] != "anggaran":
        # The unit is read exactly as the indicator was built: from the head of what is counted.
        counted = re.split(r"\s+yang\s+|\s+dalam kondisi\s+", text.split(" ", 1)[1])[0]
        unit = _unit(counted)
        if unit:
            return _Measure(MeasureKind.COUNT, unit, per_year)
    rest = words[1:] if words[0] in ("jumlah", "banyaknya", "total") else words
    for w in rest[:3]:
        if w in _UNIT_OF_HEAD:
            return _Measure(MeasureKind.COUNT, _UNIT_OF_HEAD[w], per_year)
        if w in _PERSON_HEADS:
            return _Measure(MeasureKind.COUNT, "orang", per_year)
        if w in ("dokumen", "naskah", "notulen", "materi", "rancangan", "draf", "draft", "kajian", "telaahan", "sop",
                 "renja", "renstra", "rka", "dpa", "spj", "anjab", "abk", "kebijakan", "pedoman", "profil"):
            return _Measure(MeasureKind.COUNT, "dokumen", per_year)
    return _Measure(MeasureKind.COUNT, "", per_year)


def _fmt(n: int) -> str:
    return f"{n:,}".replace(",", ".")


_COUNT_CHIPS: dict[str, tuple[int, ...]] = {
    "dokumen": (1, 2, 3), "laporan": (1, 4, 12), "kegiatan": (2, 4, 6), "data": (100, 500, 1000),
    "berkas": (50, 100, 200), "orang": (25, 50, 100), "surat": (100, 250, 500), "SK": (10, 25, 50),
    "permohonan": (50, 100, 200), "pengaduan": (10, 25, 50), "usulan": (10, 25, 50), "OPD": (10, 20, 30),
    "desa": (5, 10, 20), "kelurahan": (5, 10, 20), "sekolah": (5, 10, 20), "kelompok": (5, 10, 20),
    "unit": (1, 5, 10), "aplikasi": (1, 2, 3), "rekomendasi": (2, 4, 6), "kesepakatan": (1, 2, 4),
    "titik": (5, 10, 20), "ruas": (2, 5, 10), "ruang": (1, 2, 5), "temuan": (5, 10, 20), "NIB": (50, 100, 200),
    "PBG": (25, 50, 100), "SLF": (25, 50, 100), "IMB": (25, 50, 100), "izin": (50, 100, 200),
    "sertifikat": (25, 50, 100), "akta": (100, 250, 500), "KTP": (100, 250, 500),
}  # fmt: skip


def target_chips(aspek: Aspek, indikator: str | None = None, period_months: int = 12) -> list[str]:
    """Target suggestions that follow ``indikator`` (see :func:`skp_domain.targets.suggest_targets`)."""
    period = max(1, int(period_months))
    aspek = Aspek(aspek)
    months_chips = _months_chips(period)
    if not indikator or not indikator.strip():
        return _legacy_chips(aspek, period)
    if aspek is Aspek.WAKTU:
        return months_chips
    m = _measure(indikator)
    if m.kind is MeasureKind.MONTHS:
        return months_chips
    if m.kind is MeasureKind.PERCENT:
        if "kepuasan" in indikator.lower() or "indeks" in indikator.lower():
            return ["80 %", "85 %", "90 %"]
        return ["100 %", "95 %", "90 %"]
    if m.kind is MeasureKind.RUPIAH:
        return ["Rp 10.000.000", "Rp 50.000.000", "Rp 100.000.000"]
    unit = m.unit or ("dokumen" if aspek is Aspek.KUANTITAS else "")
    if not unit:
        return _legacy_chips(aspek, period)
    if m.per_year:
        n = max(1, math.floor(m.per_year * period / 12))
        chips = [n]
        if m.per_year >= 12 and period >= 3:
            chips.append(max(1, period // 3))
        if n > 1:
            chips.append(1)
    else:
        chips = list(_COUNT_CHIPS.get(unit, (1, 2, 3)))
        if unit == "laporan":
            chips = [c for c in (period, max(1, period // 3), 1) if c <= period]
    seen: list[int] = []
    for c in chips:
        if c not in seen:
            seen.append(c)
    return [f"{_fmt(c)} {unit}" for c in seen]


def _months_chips(period: int) -> list[str]:
    chips = [period]
    for c in (period // 2, period // 4):
        if c >= 1 and c not in chips:
            chips.append(c)
    return [f"{c} bulan" for c in chips]


_LEGACY: dict[Aspek, tuple[str, ...]] = {
    Aspek.KUANTITAS: ("1 dokumen", "3 kegiatan", "12 laporan"),
    Aspek.KUALITAS: ("90 %", "100 %"),
    Aspek.WAKTU: ("12 bulan", "6 bulan"),
    Aspek.BIAYA: ("Rp 10.000.000",),
}


def _legacy_chips(aspek: Aspek, period: int) -> list[str]:
    if aspek is Aspek.WAKTU:
        return _months_chips(period) if period != 12 else list(_LEGACY[aspek])
    return list(_LEGACY[aspek])
