"""Word lists used to tidy what employees type: acronyms, mixed-case names, chat abbreviations and
spelling fixes. Pure data, no logic.

Sources (all public): the glossaries and "Ketentuan Umum" articles of PP 30/2019 (Penilaian
Kinerja PNS), PermenPANRB 8/2021 and 6/2022 (Sistem Manajemen Kinerja), UU 20/2023 (ASN), UU
23/2014 (Pemerintahan Daerah), PP 12/2019 and Permendagri 77/2020 (pengelolaan keuangan daerah),
Permendagri 86/2017 and 90/2019 (perencanaan, klasifikasi dan nomenklatur), PP 2/2018 (SPM),
Perpres 95/2018 (SPBE), Perpres 12/2021 (pengadaan barang/jasa), Permendesa/Permendagri on
keuangan desa, UU 25/2009 (pelayanan publik), PP 5/2021 and PP 16/2021 (perizinan, bangunan
gedung), the SKP seed of BKPSDM Kebumen 2022, and the names of national applications (SIASN,
e-Kinerja, SIPD, SIMDA, SPSE, SiRUP, Dapodik, SIAK). Where a body writes its own short name in
mixed case (LKjIP, SiLPA, APBDes) that spelling is kept.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------
# Acronyms written in capitals. Keyed by lower case; the value is the canonical spelling.
# Left out on purpose because they are also everyday words or chat: "pak", "api", "sip", "ma",
# "mi", "se", "pa", "ba", "it", "hp", "wa".

_ACRONYM_LIST = """
ASN PNS CPNS PPPK P3K PTT THL JPT JF JFT JFU JA AK DUPAK KP KGB TPP SKP SKPD OPD UPT UPTD BLUD
SOTK ABK SDM BKN BKD BKPSDM BKPP BKPSDMD KASN LAN SIMPEG SIASN SAPK PUPNS SKPP DP3 LHKASN
LHKPN NIP NIPPPK NRP NIK NPWP KTP KK KIA SIAK TU SPT SPPD SPD SKUM SK
APBD APBN APBDP KUA PPAS RKA DPA DPPA SPD SPP SPM SP2D SPJ LPJ BKU LRA LKPD LKPP
GU LS LHP TLHP BPK BPKP APIP SPIP PKPT MCP KPK WBK WBBM ZI RB PMPRB PAD DAK DAU DBH DAS ADD DD PBB SPPT
BPHTB BMD BMN KIB PNBP DIPA POK TOR RAB HPS SPK SPMK BAST PHO FHO DED UKPBJ PBJ LPSE SPSE PPK
PPTK KPA BUD PPKD BPKAD BPKPD BAPENDA SIPD SIMDA TKD KUR
SAKIP LAKIP LPPD LKPJ EKPPD RPJMD RPJPD RPJMN RPJPN RKPD RKP RTRW RDTR KLHS IKU IKK IKM IPM PDRB
SPM SOP SPBE TIK TI JDIH PPID SKM BPS IKD PK
DPRD DPR MPR TNI KPU BPBD BNPB BNN BAPPEDA BAPPERIDA BALITBANG DPMPTSP PTSP DPMD BPD LPM PKK RT RW
KUA BUMD BUMN PDAM PLN RSUD RS IGD UGD ICU NICU PONEK PONED PKM
UMKM UKM IKM KUMKM NIB OSS IUMK SIUP TDP PBG SLF IMB KRK PKL BLK K3 PMI UMK UMP TKA
BPJS JKN KIS PBI PKH BLT BPNT DTKS KPM PMKS ODGJ KB ASI TBC HIV AIDS DBD PTM ISPA KLB PHBS STBM UKS
UKBM SPGDT
PAUD TK SD SMP SMA SMK SLB PKBM BOS BOP KIP PIP ANBK AKM UKG PPG NUPTK NISN NPSN KKG MGMP GTK RPP
BPP PPL POPT UPJA KUD RDKK KWT NTP AUTP
SPAM IPAL RTH TPS TPA TPST PJU LPJU RTLH MCK PSU SDA AMDAL UKL UPL IPLT BBM LPG
CCTV UPS LAN VPN CSIRT TTE PC AC ATK GPS DNS SSO
NKRI UUD UU PP HAM PKS MOU PPNS KUHP HUT PHBN RRI TVRI COVID
"""

ACRONYMS: dict[str, str] = {w.lower(): w for w in _ACRONYM_LIST.split()}

# Names written in mixed case, as the body that owns them writes them.
MIXED_CASE: dict[str, str] = {
    w.lower(): w
    for w in [
        "LKjIP", "SiLPA", "CaLK", "APBDes", "RKPDes", "RPJMDes", "BUMDes", "PPh", "MTs", "SDGs", "BSrE", "SiRUP",
        "BerAKHLAK", "Renja", "Renstra", "Renaksi", "Musrenbang", "Musrenbangdes", "Musrenbangcam", "Perbup",
        "Perwal", "Pergub", "Perda", "Perdes", "Raperda", "Ranperbup", "Perpres", "Inpres", "Keppres", "Kepmen",
        "Permendagri", "Permenkes", "PermenPANRB", "KemenPANRB", "Kemendagri", "Kemenkeu", "Kemenkes", "Bappenas",
        "Puskesmas", "Pustu", "Posyandu", "Polindes", "Poskesdes", "Posbindu", "Poktan", "Gapoktan", "Pokdarwis",
        "Pokja", "Siskeudes", "Dapodik", "Linmas", "Satlinmas", "Babinsa", "Bhabinkamtibmas", "Kamtibmas",
        "Adminduk", "Dukcapil", "Disdukcapil", "Dinkes", "Disdik", "Diskominfo", "Kominfo", "Dinsos", "Disnaker",
        "Kesbangpol", "Satpol", "Setda", "Sekda", "Setwan", "Pemkab", "Pemkot", "Pemprov", "Pemda", "Pemdes",
        "Taspen", "Srikandi", "Bawaslu", "Polri", "Korpri", "Anjab", "e-Kinerja", "e-Katalog", "e-Purchasing",
        "e-Office", "e-Budgeting", "e-Planning", "e-Monev", "e-KTP", "KTP-el", "e-SPT", "e-Audit", "e-Presensi",
        "e-Arsip", "e-Surat", "e-Lapor", "SIKS-NG",
    ]
}
# Spellings people type for the e- names without the hyphen.
MIXED_CASE.update(
    {
        "ekinerja": "e-Kinerja",
        "ekatalog": "e-Katalog",
        "epurchasing": "e-Purchasing",
        "eoffice": "e-Office",
        "ebudgeting": "e-Budgeting",
        "eplanning": "e-Planning",
        "emonev": "e-Monev",
        "ektp": "e-KTP",
        "epresensi": "e-Presensi",
        "lkjip": "LKjIP",
        "silpa": "SiLPA",
        "bumdes": "BUMDes",
        "apbdes": "APBDes",
    }
)

# ---------------------------------------------------------------------------
# Chat abbreviations -> the full word. Context-dependent ones (pd, dr, kel, lap, dok) are decided
# in :mod:`skp_domain.tidy`.
CHAT_ABBREVIATIONS: dict[str, str] = {
    "dgn": "dengan",
    "dg": "dengan",
    "dng": "dengan",
    "dlm": "dalam",
    "yg": "yang",
    "utk": "untuk",
    "tsb": "tersebut",
    "prov": "provinsi",
    "kab": "kabupaten",
    "kec": "kecamatan",
    "bln": "bulan",
    "thn": "tahun",
    "th": "tahun",
    "tgl": "tanggal",
    "krn": "karena",
    "karna": "karena",
    "spy": "supaya",
    "sdh": "sudah",
    "udh": "sudah",
    "blm": "belum",
    "jml": "jumlah",
    "jmlh": "jumlah",
    "dll": "dan lain-lain",
    "dsb": "dan sebagainya",
    "dst": "dan seterusnya",
    "tdk": "tidak",
    "gak": "tidak",
    "nggak": "tidak",
    "sbg": "sebagai",
    "thd": "terhadap",
    "thdp": "terhadap",
    "trhdp": "terhadap",
    "ttg": "tentang",
    "kpd": "kepada",
    "sblm": "sebelum",
    "stlh": "setelah",
    "hrs": "harus",
    "dpt": "dapat",
    "jg": "juga",
    "tp": "tetapi",
    "tpi": "tetapi",
    "msh": "masih",
    "bbrp": "beberapa",
    "smua": "semua",
    "smw": "semua",
    "stiap": "setiap",
    "tiap2": "tiap-tiap",
    "trkait": "terkait",
    "trkt": "terkait",
    "keg": "kegiatan",
    "kgt": "kegiatan",
    "kgtn": "kegiatan",
    "pgw": "pegawai",
    "org": "orang",
    "masy": "masyarakat",
    "adm": "administrasi",
    "ket": "keterangan",
    "hr": "hari",
    "mgg": "minggu",
    "ybs": "yang bersangkutan",
    "sgt": "sangat",
    "krg": "kurang",
    "lbh": "lebih",
    "sdg": "sedang",
    "tlh": "telah",
    "akn": "akan",
    "scr": "secara",
    "mll": "melalui",
    "sbb": "sebagai berikut",
    "pny": "penyusunan",
    "pnyusunan": "penyusunan",
    "pelaks": "pelaksanaan",
    "brks": "berkas",
    "bks": "berkas",
    "keu": "keuangan",
}
# Decided by context in tidy(): "pd" (pada / PD = perangkat daerah), "dr" (dari / dr. = dokter),
# "kel" (kelurahan / kelompok), "lap" (laporan), "dok" (dokumen).
CONTEXT_ABBREVIATIONS = frozenset({"pd", "dr", "kel", "lap", "dok"})

# Region words that become part of a name ("BAPPEDA Provinsi", "Kecamatan Sruweng").
REGION_WORDS = frozenset({"provinsi", "kabupaten", "kecamatan", "kelurahan"})

# ---------------------------------------------------------------------------
# Spelling fixes where the standard form (KBBI / PUEBI) is certain.
SPELLING: dict[str, str] = {
    "beresiko": "berisiko",
    "resiko": "risiko",
    "resiko-resiko": "risiko-risiko",
    "analisa": "analisis",
    "menganalisa": "menganalisis",
    "dianalisa": "dianalisis",
    "praktek": "praktik",
    "sistim": "sistem",
    "sistimatis": "sistematis",
    "kwalitas": "kualitas",
    "kwantitas": "kuantitas",
    "kwalifikasi": "kualifikasi",
    "kwitansi": "kuitansi",
    "kwota": "kuota",
    "frekwensi": "frekuensi",
    "ijin": "izin",
    "perijinan": "perizinan",
    "nasehat": "nasihat",
    "aktifitas": "aktivitas",
    "efektifitas": "efektivitas",
    "produktifitas": "produktivitas",
    "kreatifitas": "kreativitas",
    "obyek": "objek",
    "obyektif": "objektif",
    "subyek": "subjek",
    "jadual": "jadwal",
    "tehnis": "teknis",
    "tekhnis": "teknis",
    "tehnik": "teknik",
    "tehnologi": "teknologi",
    "standarisasi": "standardisasi",
    "kordinasi": "koordinasi",
    "mengkoordinasikan": "mengoordinasikan",
    "dikordinasikan": "dikoordinasikan",
    "propinsi": "provinsi",
    "apotik": "apotek",
    "azas": "asas",
    "cidera": "cedera",
    "diagnosa": "diagnosis",
    "ijasah": "ijazah",
    "jaman": "zaman",
    "kadaluarsa": "kedaluwarsa",
    "kadaluwarsa": "kedaluwarsa",
    "konkrit": "konkret",
    "managemen": "manajemen",
    "manajement": "manajemen",
    "merubah": "mengubah",
    "dirubah": "diubah",
    "nomer": "nomor",
    "sekedar": "sekadar",
    "silahkan": "silakan",
    "trampil": "terampil",
    "ketrampilan": "keterampilan",
    "karir": "karier",
    "himbauan": "imbauan",
    "menghimbau": "mengimbau",
    "hirarki": "hierarki",
    "mutahir": "mutakhir",
    "pemutahiran": "pemutakhiran",
    "indentifikasi": "identifikasi",
    "verivikasi": "verifikasi",
    "perduli": "peduli",
    "ekstrim": "ekstrem",
    "varitas": "varietas",
    "antri": "antre",
    "ambulan": "ambulans",
    "pebruari": "Februari",
    "nopember": "November",
}

# Words that are filler when used as the expectation of a result.
FILLER_PATTERNS: tuple[tuple[str, ...], ...] = (
    ("secara", "optimal"),
    ("dengan", "optimal"),
    ("dengan", "baik"),
    ("secara", "baik"),
    ("dengan", "maksimal"),
    ("secara", "maksimal"),
    ("semaksimal", "mungkin"),
    ("sebaik-baiknya",),
    ("seoptimal", "mungkin"),
    ("optimal",),
    ("maksimal",),
    ("maksimum",),
)
