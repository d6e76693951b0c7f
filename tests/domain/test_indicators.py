"""Indicators that measure the result: structured suggestions, units, no senseless repetition."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from skp_domain.indicators import IndicatorSuggestion, MeasureKind, measure_of
from skp_domain.result_language import classify
from skp_domain.skp import Aspek
from skp_domain.targets import parse_target, suggest_indicator_options, suggest_indicators, suggest_targets
from skp_domain.text import MAX_INDIKATOR
from skp_domain.tidy import tidy

CORPUS = Path(__file__).parent / "corpus"


def _phrases(name: str) -> list[str]:
    with (CORPUS / name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [r["phrase"] for r in csv.DictReader(lines, delimiter="\t")]


# Every rencana kinerja an employee may end up with: the corpus results and the rewrites of the rest.
RESULTS = sorted(
    {p for p in _phrases("classes.tsv") if classify(p).is_result}
    | {s for p in _phrases("rewrites.tsv") for s in classify(p).suggestions}
)


@pytest.mark.parametrize(
    ("rk", "aspek", "text", "unit", "kind"),
    [
        ("Data absensi pada aplikasi terinput lengkap dan akurat", Aspek.KUANTITAS,
         "Jumlah data absensi pada aplikasi yang terinput", "data", MeasureKind.COUNT),
        ("Data absensi pada aplikasi terinput lengkap dan akurat", Aspek.KUALITAS,
         "Persentase data absensi pada aplikasi yang lengkap dan akurat", "%", MeasureKind.PERCENT),
        ("Data absensi pada aplikasi terinput lengkap dan akurat", Aspek.WAKTU,
         "Ketepatan waktu penginputan data absensi pada aplikasi", "bulan", MeasureKind.MONTHS),
        ("Laporan keuangan bulanan tersusun akurat dan tepat waktu", Aspek.KUANTITAS,
         "Jumlah laporan keuangan bulanan yang tersusun", "laporan", MeasureKind.COUNT),
        ("Laporan keuangan bulanan tersusun akurat dan tepat waktu", Aspek.KUALITAS,
         "Persentase laporan keuangan bulanan yang akurat", "%", MeasureKind.PERCENT),
        ("Berkas permohonan bantuan teknis terverifikasi lengkap sesuai ketentuan", Aspek.KUANTITAS,
         "Jumlah berkas permohonan bantuan teknis yang terverifikasi", "berkas", MeasureKind.COUNT),
        ("OPD mampu menggunakan SIMPEG sesuai ketentuan", Aspek.KUANTITAS,
         "Jumlah OPD yang mampu menggunakan SIMPEG", "OPD", MeasureKind.COUNT),
        ("Pelaku usaha memahami ketentuan perizinan berusaha", Aspek.KUANTITAS,
         "Jumlah pelaku usaha yang memahami ketentuan perizinan berusaha", "orang", MeasureKind.COUNT),
        ("Pelaku usaha memahami ketentuan perizinan berusaha", Aspek.KUALITAS,
         "Persentase pelaku usaha yang memahami ketentuan perizinan berusaha", "%", MeasureKind.PERCENT),
        ("Pengaduan masyarakat ditindaklanjuti tepat waktu sesuai standar pelayanan", Aspek.KUALITAS,
         "Persentase pengaduan masyarakat yang ditindaklanjuti sesuai standar pelayanan", "%", MeasureKind.PERCENT),
        ("Kendaraan dinas dalam kondisi laik dan berfungsi", Aspek.KUANTITAS,
         "Jumlah unit kendaraan dinas dalam kondisi laik dan berfungsi", "unit", MeasureKind.COUNT),
        ("Rapat koordinasi terlaksana sesuai jadwal", Aspek.KUANTITAS,
         "Jumlah rapat koordinasi yang terlaksana", "kegiatan", MeasureKind.COUNT),
        ("Promosi ASN terlaksana sesuai peraturan", Aspek.KUANTITAS,
         "Jumlah kegiatan promosi ASN yang terlaksana", "kegiatan", MeasureKind.COUNT),
        ("Meningkatnya kualitas pelayanan publik", Aspek.KUALITAS,
         "Indeks kepuasan masyarakat terhadap pelayanan publik", "%", MeasureKind.PERCENT),
    ],
)  # fmt: skip
def test_first_indicator(rk: str, aspek: Aspek, text: str, unit: str, kind: MeasureKind) -> None:
    first = suggest_indicator_options(aspek, rk)[0]
    assert first == IndicatorSuggestion(text, unit, kind)
    assert suggest_indicators(aspek, rk)[0] == text
    assert measure_of(text) == (kind, unit)


def test_old_signatures_still_work() -> None:
    rk = "Data kepegawaian valid dan akurat"
    assert suggest_indicators(Aspek.KUALITAS, rk) == suggest_indicators(Aspek.KUALITAS, rk, 12)
    assert suggest_targets(Aspek.KUANTITAS) == ["1 dokumen", "3 kegiatan", "12 laporan"]
    assert suggest_targets(Aspek.WAKTU) == ["12 bulan", "6 bulan"]


def _repeats(text: str, source: str) -> list[str]:
    skip = {"dan", "yang", "di", "ke", "dari", "pada", "dalam", "dengan", "untuk", "bagi", "kepada", "terhadap",
            "sesuai", "atau", "serta", "waktu", "tepat"}  # fmt: skip
    words = [w.lower() for w in re.findall(r"[\w-]+", text) if w.lower() not in skip]
    allowed = Counter(w.lower() for w in re.findall(r"[\w-]+", source))
    return [w for w, n in Counter(words).items() if n > max(1, allowed[w])]


@pytest.mark.parametrize("rk", RESULTS)
def test_indicators_of_every_result_make_sense(rk: str) -> None:
    source = tidy(rk)
    for aspek in (Aspek.KUANTITAS, Aspek.KUALITAS, Aspek.WAKTU, Aspek.BIAYA):
        options = suggest_indicator_options(aspek, rk)
        assert 1 <= len(options) <= 4
        assert len({o.text.lower() for o in options}) == len(options)
        for o in options:
            assert o.text[:1].isupper() and len(o.text) <= MAX_INDIKATOR
            assert _repeats(o.text, source) == [], o.text  # never "Persentase peningkatan persentase …"
            assert "optimal" not in o.text.lower() and "dengan baik" not in o.text.lower()
            assert measure_of(o.text)[0] is o.kind, o.text
            if aspek is Aspek.KUANTITAS:
                assert o.text.startswith("Jumlah ") and o.kind is MeasureKind.COUNT
            if aspek is Aspek.WAKTU:
                assert o.kind is MeasureKind.MONTHS and o.unit == "bulan"
            for chip in suggest_targets(aspek, o.text):
                target = parse_target(chip, aspek)
                if o.kind is MeasureKind.PERCENT:
                    assert target.unit == "%"
                if o.kind is MeasureKind.COUNT and o.unit:
                    assert target.unit == o.unit, (o.text, chip)
