"""Print the before/after tables of docs/coaching.md from the domain code itself.

    python docs/coaching_examples.py

Nothing here is written by hand: every cleaned text, class, suggestion, indicator and target chip is
what `skp_domain` returns today (the same functions the chat and `skp-bot check-rhk` use).
"""

from __future__ import annotations

from skp_domain.result_language import classify
from skp_domain.skp import REQUIRED_ASPEK
from skp_domain.targets import suggest_indicators, suggest_targets

TYPED = (
    "koordinasi dgn bappeda prov terkait jadwal musrenbang",
    "input data absensi ke aplikasi",
    "verifikasi berkas usulan kenaikan pangkat pns",
    "monev dana desa di desa2 kec",
    "sosialisasi perizinan ke pelaku usaha",
    "rekap laporan keuangan opd tiap bln",
    "pemeliharaan kendaraan dinas",
    "bimtek aplikasi simpeg utk operator opd",
    "melayani pengaduan masyarakat",
    "menyusun draft perbup ttg sop pelayanan",
)
WITH_INDICATORS = (TYPED[1], TYPED[4], TYPED[6])
TAMBAHAN = "menghadiri rapat koordinasi di kab"


def main() -> None:
    print("| typed | shown cleaned | class | first suggestion |")
    print("|---|---|---|---|")
    for phrase in TYPED:
        c = classify(phrase)
        print(f"| {phrase} | {c.cleaned} | {c.kind.value} | {c.suggestion or '(already a result)'} |")
    print()
    print("| first suggestion | aspect | first indicator | target chips |")
    print("|---|---|---|---|")
    for phrase in WITH_INDICATORS:
        result = classify(phrase).suggestion or phrase
        for aspek in REQUIRED_ASPEK:
            indicator = suggest_indicators(aspek, result)[0]
            chips = " · ".join(suggest_targets(aspek, indicator))
            print(f"| {result} | {aspek.label} | {indicator} | {chips} |")
    print()
    c = classify(TAMBAHAN)
    print(f"{TAMBAHAN} -> {c.kind.value}; {c.suggestion}; hint: {c.hint}")


if __name__ == "__main__":
    main()
