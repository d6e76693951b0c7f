"""`skp-bot demo-data`: the seed's BKPSDM Kebumen organisation, ready to try.

People and results come from the seed (sosialisasi SKP 2022). The Kepala's and the Kabid's
SKPs are approved so their subordinates can cascade from them at once. People the seed names
without a NIP get a made-up, valid one.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services.linking import DEMO_LOG2_N, issue_codes
from bot.storage.db import Database
from bot.storage.models import Employee, Indicator, Period, PkSasaran, Skp, SkpEvent, SkpItem, utcnow

UNIT = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
SEKDA_NIP = "196411171992011002"
KEPALA_NIP = "196804241998031011"
KABID_NIP = "198103021999121001"
SEKAR_NIP = "199106112012062001"

# nip, nama, golongan, jabatan, jenis, unit, nip_atasan
PEOPLE = [
    (SEKDA_NIP, "H. AHMAD UJANG SUGIONO, S.H.", "IV/d", "Sekretaris Daerah", "jpt_madya", "Sekretariat Daerah", ""),
    (KEPALA_NIP, "H. MOH AMIRUDIN, S.IP.,M.M.", "IV/c", "Kepala", "jpt_pratama", UNIT, SEKDA_NIP),
    (
        KABID_NIP,
        "BAWONO ANDI WIDODO, S.STP.",
        "IV/a",
        "Kepala Bidang Informasi, Pengembangan Karier dan Pembinaan Kepegawaian",
        "administrator",
        UNIT,
        KEPALA_NIP,
    ),
    (
        "198504122010012003",
        "OKTI SULISTIYANI, S.T.",
        "III/d",
        "Pranata Komputer Ahli Muda (Subkoordinator Pengelolaan Data dan Informasi ASN)",
        "jf_ahli_muda",
        UNIT,
        KABID_NIP,
    ),
    (
        "198807152011011002",
        "IMAM MAKHFADI, S.Kom.",
        "III/b",
        "Pranata Komputer Ahli Pertama",
        "jf_ahli_pertama",
        UNIT,
        KABID_NIP,
    ),
    (
        "199003042015031004",
        "MUKH. YASIN NUR SUPRIYADI, A.Md. Kom.",
        "II/c",
        "Penjaga SIMPEG",
        "pelaksana",
        UNIT,
        KABID_NIP,
    ),
    (
        SEKAR_NIP,
        "SEKAR SATITI, S.STP.",
        "III/c",
        "Analis Sumber Daya Manusia Aparatur Ahli Muda (Subkoordinator Pengembangan Karier ASN)",
        "jf_ahli_muda",
        UNIT,
        KABID_NIP,
    ),
    (
        "198309212009031005",
        "KURNIAWAN PAMUNGKAS, S.Sos., M.Si.",
        "III/c",
        "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
        "jf_ahli_pertama",
        UNIT,
        KABID_NIP,
    ),
    (
        "199201192019032006",
        "SITI ROKHANAH, S.Kom.",
        "II/d",
        "Pranata Komputer Terampil",
        "jf_terampil",
        UNIT,
        KABID_NIP,
    ),
    (
        "199408302016092007",
        "CITRA AMALIA PRIMADANI, S.STP.",
        "III/a",
        "Penyusun Rencana Promosi",
        "pelaksana",
        UNIT,
        KABID_NIP,
    ),
]

# The seed's JPT SKP: PK sasaran, indicator, target.
KEPALA_ITEMS = [
    ("Meningkatnya kualitas pelayanan publik", "Indeks kepuasan masyarakat", "83.00", "%"),
    (
        "Terwujudnya birokrasi yang kapabel",
        "Persentase Penempatan PNS dalam Jabatan yang sesuai kompetensi",
        "90.00",
        "%",
    ),
]

# The seed's matrix: the Kabid team's outcomes (two unnamed columns given names here).
KABID_ITEMS = [
    "Data dan Informasi Kepegawaian yang valid dan akurat",
    "Pegawai ditempatkan sesuai ketentuan melalui promosi",
    "Kompetensi dan Karier ASN meningkat",
    "Karier ASN dalam jabatan fungsional berkembang sesuai ketentuan",
    "Layanan PPKP ASN terselenggara dengan cepat",
    "Penilaian dan Evaluasi Kinerja Aparatur terukur dan tepat waktu",
]

PERIOD = ("SKP Tahun 2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31), dt.date(2027, 1, 15), dt.date(2027, 1, 31))


async def load_demo_data(db: Database) -> dict[str, str]:
    """Load (or refresh) the demo organisation; returns {nip: activation code}."""
    async with db.session() as session:
        by_nip = {e.nip: e for e in (await session.exec(select(Employee))).all()}
        for nip, nama, gol, jabatan, jenis, unit, _ in PEOPLE:
            employee = by_nip.get(nip) or Employee(
                nip=nip, nama=nama, jabatan=jabatan, jenis_jabatan=jenis, unit_kerja=unit
            )
            employee.nama, employee.pangkat, employee.jabatan = nama, gol, jabatan
            employee.jenis_jabatan, employee.unit_kerja = jenis, unit
            session.add(employee)
            by_nip[nip] = employee
        await session.flush()
        for nip, *_rest, atasan in PEOPLE:
            by_nip[nip].atasan_id = by_nip[atasan].id if atasan else None
        period = (await session.exec(select(Period).where(Period.name == PERIOD[0]))).first()
        if period is None:
            for other in (await session.exec(select(Period).where(Period.active == True))).all():  # noqa: E712
                other.active = False
                session.add(other)
            name, start, end, submit_by, approve_by = PERIOD
            period = Period(
                name=name,
                start=start,
                end=end,
                submission_deadline=submit_by,
                approval_deadline=approve_by,
                active=True,
            )
            session.add(period)
            await session.flush()
        if not (await session.exec(select(PkSasaran).where(PkSasaran.unit_kerja == UNIT))).first():
            for sasaran, indikator, value, unit in KEPALA_ITEMS:
                target = f"{value.replace('.', ',')} {unit}"
                session.add(PkSasaran(unit_kerja=UNIT, sasaran=sasaran, indikator=indikator, target=target))
        kepala, kabid = by_nip[KEPALA_NIP], by_nip[KABID_NIP]
        assert period.id is not None and kepala.id is not None and kabid.id is not None
        kepala_skp = await _approved_skp(session, kepala, period.id)
        if kepala_skp is not None:
            for position, (sasaran, indikator, value, unit) in enumerate(KEPALA_ITEMS, start=1):
                item = SkpItem(
                    skp_id=kepala_skp, position=position, parent_text=sasaran, rencana_kinerja=sasaran, complete=True
                )
                session.add(item)
                await session.flush()
                session.add(Indicator(item_id=item.id or 0, indikator=indikator, target_value=value, target_unit=unit))
        kabid_skp = await _approved_skp(session, kabid, period.id)
        if kabid_skp is not None:
            parent = "Terwujudnya birokrasi yang kapabel"
            parent_item = (await session.exec(select(SkpItem).where(SkpItem.rencana_kinerja == parent))).first()
            for position, rk in enumerate(KABID_ITEMS, start=1):
                item = SkpItem(
                    skp_id=kabid_skp,
                    position=position,
                    parent_item_id=parent_item.id if parent_item else None,
                    parent_text=parent,
                    rencana_kinerja=rk,
                    complete=True,
                )
                session.add(item)
                await session.flush()
                for n, (aspek, indikator, value, unit) in enumerate(
                    [
                        ("kuantitas", f"Jumlah kegiatan {rk[0].lower()}{rk[1:]}", "3", "kegiatan"),
                        ("kualitas", "Persentase kegiatan yang terlaksana sesuai ketentuan", "90", "%"),
                        ("waktu", "Ketepatan waktu pelaksanaan kegiatan", "12", "bulan"),
                    ]
                ):
                    session.add(
                        Indicator(
                            item_id=item.id or 0,
                            aspek=aspek,
                            position=n,
                            indikator=indikator,
                            target_value=value,
                            target_unit=unit,
                        )
                    )
        # Printed on screen anyway, and fictional people: hashed cheaply (see linking.DEMO_LOG2_N).
        issued = await issue_codes(session, [by_nip[nip] for nip, *_ in PEOPLE], log2_n=DEMO_LOG2_N)
        await session.commit()
    return issued.codes


async def _approved_skp(session: AsyncSession, employee: Employee, period_id: int) -> int | None:
    """Create the employee's approved SKP unless they already have one; its id when created."""
    existing = (
        await session.exec(select(Skp).where(Skp.employee_id == employee.id, Skp.period_id == period_id))
    ).first()
    if existing is not None:
        return None
    now = utcnow()
    skp = Skp(
        employee_id=employee.id or 0,
        period_id=period_id,
        penilai_id=employee.atasan_id,
        status="APPROVED",
        version=3,
        submitted_at=now,
        approved_at=now,
    )
    session.add(skp)
    await session.flush()
    session.add(
        SkpEvent(
            skp_id=skp.id or 0,
            actor_id=employee.id,
            action="submit",
            from_status="DRAFT",
            to_status="SUBMITTED",
            version=2,
            at=now,
        )
    )
    session.add(
        SkpEvent(
            skp_id=skp.id or 0,
            actor_id=employee.atasan_id,
            action="approve",
            from_status="SUBMITTED",
            to_status="APPROVED",
            version=3,
            at=now,
            comment="Data contoh",
        )
    )
    return skp.id
