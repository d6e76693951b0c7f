"""`skp-bot demo-data`: the seed's BKPSDM Kebumen organisation, ready to try.

People and results come from the seed (sosialisasi SKP 2022). The Kepala's and the Kabid's
SKPs go through the real lifecycle — drafted, submitted by their owners, approved by their
penilai — so their subordinates can cascade from them at once. People the seed names without a
NIP get a made-up, valid one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services import lifecycle
from bot.services.lifecycle import Actor
from bot.services.linking import DEMO_LOG2_N, issue_codes
from bot.storage import repo
from bot.storage.db import Database
from bot.storage.models import Employee, Indicator, Period, PkSasaran, Skp, SkpItem
from skp_domain.formats import SEED_FORMAT, SkpFormat
from skp_domain.skp import Action

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


async def load_demo_data(
    db: Database, *, format: SkpFormat | None = None, outside_name: str = "Bupati Kebumen"
) -> dict[str, str]:
    """Load (or refresh) the demo organisation; returns {nip: activation code}.

    The Kepala's and the Kabid's SKPs are drafted, submitted by their owners and approved by their
    penilai through the one status-change function (`lifecycle.change_status`), exactly as in
    chat; the Sekda (assessed by the Bupati, outside the roster) is left to draft and to be
    approved by an admin on the Bupati's behalf. `format` is the demo period's regulation (the
    seed's 8/2021 unless told; given, it also changes an existing demo period)."""
    async with db.session() as session:
        by_nip = {e.nip: e for e in (await session.exec(select(Employee))).all()}
        for nip, nama, gol, jabatan, jenis, unit, _ in PEOPLE:
            employee = by_nip.get(nip) or Employee(
                nip=nip, nama=nama, jabatan=jabatan, jenis_jabatan=jenis, unit_kerja=unit
            )
            employee.nama, employee.pangkat, employee.jabatan = nama, gol, jabatan
            employee.jenis_jabatan, employee.unit_kerja = jenis, unit
            employee.opd = employee.opd or unit
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
                format=(format or SEED_FORMAT).value,
                submission_deadline=submit_by,
                approval_deadline=approve_by,
                active=True,
            )
            session.add(period)
            await session.flush()
        elif format is not None:
            period.format = format.value
            session.add(period)
        if not (await session.exec(select(PkSasaran).where(PkSasaran.unit_kerja == UNIT))).first():
            for sasaran, indikator, value, unit in KEPALA_ITEMS:
                target = f"{value.replace('.', ',')} {unit}"
                session.add(PkSasaran(unit_kerja=UNIT, sasaran=sasaran, indikator=indikator, target=target))
        # Printed on screen anyway, and fictional people: hashed cheaply (see linking.DEMO_LOG2_N).
        issued = await issue_codes(session, [by_nip[nip] for nip, *_ in PEOPLE], log2_n=DEMO_LOG2_N)
        await session.commit()
        kepala, kabid, sekda = by_nip[KEPALA_NIP], by_nip[KABID_NIP], by_nip[SEKDA_NIP]
        period_id = period.id
    assert period_id is not None
    parent = await _through_lifecycle(db, kepala, sekda, period_id, _kepala_items, outside_name)
    if parent is not None:
        await _through_lifecycle(db, kabid, kepala, period_id, lambda s, skp: _kabid_items(s, skp, parent),
                                 outside_name)
    return issued.codes


ItemWriter = Callable[[AsyncSession, int], Awaitable[int | None]]


async def _through_lifecycle(
    db: Database, owner: Employee, penilai: Employee, period_id: int, write: ItemWriter, outside_name: str
) -> int | None:
    """Draft (as the wizard leaves it), submit as the owner, approve as the penilai. Returns what
    `write` returns for a new SKP (the parent item for the next level), None if one existed."""
    async with db.write_session() as session:
        if await repo.skp_of(session, owner.id or 0, period_id) is not None:
            existing = await repo.approved_items_of(session, owner.id or 0, period_id)
            mark = next((i for i in existing if i.rencana_kinerja == PARENT_FOR_KABID), None)
            return mark.id if mark is not None and owner.nip == KEPALA_NIP else None
        skp = Skp(employee_id=owner.id or 0, period_id=period_id, penilai_id=owner.atasan_id)
        session.add(skp)
        await session.flush()
        result = await write(session, skp.id or 0)
        await session.commit()
        submitted = await lifecycle.change_status(session, skp.id or 0, Action.SUBMIT, Actor.of(owner))
        await lifecycle.change_status(
            session, skp.id or 0, Action.APPROVE, Actor.of(penilai), seen_version=submitted.version,
            comment="Data contoh", outside_name=outside_name,
        )
        await session.commit()
        return result


PARENT_FOR_KABID = "Terwujudnya birokrasi yang kapabel"


async def _kepala_items(session: AsyncSession, skp_id: int) -> int | None:
    """The seed's JPT SKP, from the PK; returns the item the Kabid cascades from."""
    parent_id = None
    for position, (sasaran, indikator, value, unit) in enumerate(KEPALA_ITEMS, start=1):
        item = SkpItem(skp_id=skp_id, position=position, parent_text=sasaran, rencana_kinerja=sasaran, complete=True)
        session.add(item)
        await session.flush()
        session.add(Indicator(item_id=item.id or 0, indikator=indikator, target_value=value, target_unit=unit))
        if sasaran == PARENT_FOR_KABID:
            parent_id = item.id
    return parent_id


async def _kabid_items(session: AsyncSession, skp_id: int, parent_id: int) -> None:
    for position, rk in enumerate(KABID_ITEMS, start=1):
        item = SkpItem(
            skp_id=skp_id,
            position=position,
            parent_item_id=parent_id,
            parent_text=PARENT_FOR_KABID,
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
