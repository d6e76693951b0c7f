"""Both formats from the database: every kind of jabatan (JPT Pratama and Madya, administrator,
pengawas, pelaksana, JF, PPPK) rendered through the real service to PDF and DOCX; the penilai's
parts under 6/2022 (ekspektasi khusus for the team and per person, lampiran, tanggal penetapan);
no approval under 6/2022 without the lampiran. Driven without Telegram."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from bot.documents.skp import render_docx, render_pdf
from bot.services import documents, lifecycle, penilai
from bot.services.demo import KABID_NIP, KEPALA_NIP, SEKAR_NIP, SEKDA_NIP
from bot.services.lifecycle import Actor
from bot.settings import Settings
from bot.storage import repo
from bot.storage.db import Database
from bot.storage.models import Employee, Indicator, Period, Skp, SkpItem
from skp_domain.format6 import EXAMPLE_EKSPEKTASI, LAMPIRAN_REQUIRED, LampiranError
from skp_domain.formats import SkpFormat
from skp_domain.skp import Action, Status
from tests.documents.helpers import docx_text, pdf_text, squash

YASIN_NIP = "199003042015031004"  # pelaksana in the demo
PENGAWAS_NIP = "198001012005011001"
PPPK_NIP = "198902252024211013"
SETTINGS = Settings(
    skp_penilai_luar_nama="dr. H. Arif Sugiyanto, S.H., M.H.", skp_penilai_luar_jabatan="Bupati Kebumen"
)
TODAY = dt.date(2027, 1, 20)


async def _set_format(db: Database, skp_format: SkpFormat) -> Period:
    async with db.session() as session:
        period = await repo.active_period(session)
        assert period is not None
        period.format = skp_format.value
        session.add(period)
        await session.commit()
        await session.refresh(period)
        return period


async def _add_people(db: Database) -> None:
    """A pengawas under the Kabid and a PPPK (golongan IX) under the pengawas."""
    async with db.session() as session:
        kabid = await repo.employee_by_nip(session, KABID_NIP)
        assert kabid is not None
        pengawas = Employee(
            nip=PENGAWAS_NIP,
            nama="RINA PENGAWAS, S.E.",
            pangkat="III/d",
            jabatan="Kepala Subbagian Umum",
            jenis_jabatan="pengawas",
            unit_kerja=kabid.unit_kerja,
            atasan_id=kabid.id,
        )
        session.add(pengawas)
        await session.flush()
        session.add(
            Employee(
                nip=PPPK_NIP,
                nama="DEWI PPPK, S.Kom.",
                pangkat="IX",
                jabatan="Pranata Komputer Ahli Pertama",
                jenis_jabatan="jf_ahli_pertama",
                unit_kerja=kabid.unit_kerja,
                atasan_id=pengawas.id,
            )
        )
        await session.commit()


async def _skp(db: Database, nip: str, *, jpt: bool = False, kualitatif: bool = False) -> int:
    """An SKP with one utama item (target 4.850 data) and one tambahan item, as the wizard leaves it."""
    async with db.session() as session:
        owner = await repo.employee_by_nip(session, nip)
        period = await repo.active_period(session)
        assert owner is not None and period is not None
        skp = await repo.skp_of(session, owner.id or 0, period.id or 0)
        if skp is None:
            skp = Skp(employee_id=owner.id or 0, period_id=period.id or 0, penilai_id=owner.atasan_id)
        skp.pendekatan = "kualitatif" if kualitatif else "kuantitatif"
        session.add(skp)
        await session.flush()
        for section, position, rk in (
            ("UTAMA", 1, f"Data kepegawaian {nip[-4:]} valid dan mutakhir"),
            ("TAMBAHAN", 1, f"Terlaksananya tim pengadaan {nip[-4:]}"),
        ):
            item = SkpItem(
                skp_id=skp.id or 0,
                section=section,
                position=position,
                rencana_kinerja=rk,
                complete=True,
                parent_text="Terwujudnya birokrasi yang kapabel" if section == "UTAMA" else None,
                basis="Surat Perintah Nomor 800/1/2027" if section == "TAMBAHAN" else None,
                penugasan_dari="Sekretaris BKPSDM" if section == "TAMBAHAN" else None,
                perspektif="proses_bisnis" if jpt else None,
                ak="25",
            )
            session.add(item)
            await session.flush()
            if kualitatif:
                session.add(
                    Indicator(
                        item_id=item.id or 0,
                        position=0,
                        indikator="Data diterima pengguna tanpa keluhan",
                        target_text="Seluruh pemutakhiran selesai sebelum akhir triwulan",
                    )
                )
            elif jpt:
                session.add(
                    Indicator(
                        item_id=item.id or 0,
                        position=0,
                        indikator="Jumlah data yang dimutakhirkan",
                        target_value="4850",
                        target_unit="data",
                    )
                )
            else:
                for n, (aspek, text, value, unit) in enumerate(
                    [
                        ("kuantitas", "Jumlah data yang dimutakhirkan", "4850", "data"),
                        ("kualitas", "Persentase data valid", "95", "%"),
                        ("waktu", "Ketepatan waktu", "12", "bulan"),
                    ]
                ):
                    session.add(
                        Indicator(
                            item_id=item.id or 0,
                            aspek=aspek,
                            position=n,
                            indikator=text,
                            target_value=value,
                            target_unit=unit,
                        )
                    )
        await session.commit()
        return skp.id or 0


async def _texts(db: Database, skp_id: int) -> tuple[str, str]:
    async with db.session() as session:
        view = await documents.skp_view(session, skp_id, SETTINGS, TODAY)
    assert view is not None
    return squash(pdf_text(render_pdf(view))), squash(docx_text(render_docx(view)))


# (nip, 6/2022 heading, 8/2021 heading, pangkat printed)
PEOPLE = [
    (SEKDA_NIP, "JABATAN PIMPINAN TINGGI", "JABATAN PIMPINAN TINGGI (JPT) MADYA", "Pembina Utama Madya - IV/d"),
    (
        KEPALA_NIP,
        "JABATAN PIMPINAN TINGGI",
        "JABATAN PIMPINAN TINGGI (JPT) PRATAMA DAN CAMAT",
        "Pembina Utama Muda - IV/c",
    ),
    (KABID_NIP, "JABATAN ADMINISTRASI", "JABATAN ADMINISTRASI", "Pembina - IV/a"),
    (PENGAWAS_NIP, "JABATAN ADMINISTRASI", "JABATAN ADMINISTRASI", "Penata Tingkat I - III/d"),
    (YASIN_NIP, "JABATAN PELAKSANA", "JABATAN ADMINISTRASI", "Pengatur - II/c"),
    (SEKAR_NIP, "JABATAN FUNGSIONAL", "JABATAN FUNGSIONAL", "Penata - III/c"),
    (PPPK_NIP, "JABATAN FUNGSIONAL", "JABATAN FUNGSIONAL", "Golongan IX"),
]


@pytest.mark.parametrize("skp_format", list(SkpFormat), ids=["6-2022", "8-2021"])
async def test_every_jabatan_in_both_formats(db: Database, skp_format: SkpFormat) -> None:
    await _add_people(db)
    await _set_format(db, skp_format)
    six = skp_format is SkpFormat.PERMENPANRB_6_2022
    for nip, heading6, heading8, pangkat in PEOPLE:
        jpt = nip in (SEKDA_NIP, KEPALA_NIP)
        skp_id = await _skp(db, nip, jpt=jpt)
        for fmt, text in zip(("pdf", "docx"), await _texts(db, skp_id), strict=True):
            where = f"{fmt} {nip} {skp_format.short}"
            assert squash("SASARAN KINERJA PEGAWAI") in text, where
            assert squash(heading6 if six else heading8) in text, where
            if six and heading6 == "JABATAN PIMPINAN TINGGI":
                assert "PRATAMADANCAMAT" not in text and "(JPT)MADYA" not in text, where
            assert squash(pangkat) in text, where
            assert squash("4.850 data") in text and "4850data" not in text, where
            assert "PEMERINTAHKABUPATENKEBUMEN" in text, where
            if six:
                for part in (
                    "PENDEKATANHASILKERJAKUANTITATIF",
                    "HASILKERJA",
                    "A.UTAMA",
                    "B.TAMBAHAN",
                    "Penugasandari:SekretarisBKPSDM",
                    "PERILAKUKERJA",
                    "BerorientasiPelayanan",
                    "Kolaboratif",
                    "LAMPIRANSASARANKINERJAPEGAWAI",
                    "DUKUNGANSUMBERDAYA",
                ):
                    assert part in text, f"{where}: {part}"
                assert ("PerspektifProsesBisnis" in text) is jpt, where
                assert "25,000" not in text, where  # no AK under 6/2022
            else:
                assert "A.KINERJAUTAMA" in text and "PERILAKUKERJA" not in text, where
                assert ("25,000" in text) is (nip in (SEKAR_NIP, PPPK_NIP)), where
        if nip == SEKDA_NIP:
            # the Sekda's penilai is the Bupati, outside the roster: name and jabatan from the settings,
            # no identifier: no "NIP." line for him and no "NIP. -"
            pdf, _docx = await _texts(db, skp_id)
            assert squash("dr. H. Arif Sugiyanto, S.H., M.H.") in pdf and "BupatiKebumen" in pdf
            assert "NIP.-" not in pdf


async def test_kualitatif_skp_prints_descriptive_targets_without_aspects(db: Database) -> None:
    await _set_format(db, SkpFormat.PERMENPANRB_6_2022)
    skp_id = await _skp(db, SEKAR_NIP, kualitatif=True)
    for text in await _texts(db, skp_id):
        assert "PENDEKATANHASILKERJAKUALITATIF" in text
        assert squash("Seluruh pemutakhiran selesai sebelum akhir triwulan") in text
        assert "Kuantitas" not in text and "ASPEK" not in text


async def _submit(db: Database, nip: str, skp_id: int) -> int:
    async with db.write_session() as session:
        owner = await repo.employee_by_nip(session, nip)
        change = await lifecycle.change_status(session, skp_id, Action.SUBMIT, Actor.of(owner))
        await session.commit()
        return change.version


async def test_6_2022_skp_cannot_be_approved_without_its_lampiran(db: Database) -> None:
    await _set_format(db, SkpFormat.PERMENPANRB_6_2022)
    skp_id = await _skp(db, SEKAR_NIP)
    version = await _submit(db, SEKAR_NIP, skp_id)
    async with db.session() as session:
        kabid = await repo.employee_by_nip(session, KABID_NIP)
        sekar = await repo.employee_by_nip(session, SEKAR_NIP)
    async with db.write_session() as session:
        with pytest.raises(LampiranError) as info:
            await lifecycle.change_status(session, skp_id, Action.APPROVE, Actor.of(kabid), seen_version=version)
        await session.rollback()
    assert str(info.value) == LAMPIRAN_REQUIRED
    assert "lampiran" in str(info.value) and "belum dapat disetujui" in str(info.value)
    async with db.session() as session:
        assert (await session.get(Skp, skp_id)).status == Status.SUBMITTED.value  # type: ignore[union-attr]

    # Only the penilai (or an admin for one outside the roster) writes it: not the owner.
    async with db.write_session() as session:
        with pytest.raises(lifecycle.NotAllowed):
            await penilai.penilai_bundle(session, skp_id, Actor.of(sekar))
        bundle = await penilai.penilai_bundle(session, skp_id, Actor.of(kabid))
        lampiran = await penilai.accept_default_lampiran(session, bundle)
        await session.commit()
    assert "Badan Kepegawaian" in lampiran.dukungan_sumber_daya
    async with db.write_session() as session:
        change = await lifecycle.change_status(session, skp_id, Action.APPROVE, Actor.of(kabid), seen_version=version)
        await session.commit()
    assert change.to_status is Status.APPROVED
    # Fixed once approved.
    async with db.write_session() as session:
        bundle = await penilai.penilai_bundle(session, skp_id, Actor.of(kabid))
        with pytest.raises(lifecycle.NotAllowed):
            await penilai.set_lampiran_field(session, bundle, "konsekuensi", "Lain")


async def test_8_2021_skp_needs_no_lampiran(db: Database) -> None:
    skp_id = await _skp(db, SEKAR_NIP)
    version = await _submit(db, SEKAR_NIP, skp_id)
    async with db.write_session() as session:
        kabid = await repo.employee_by_nip(session, KABID_NIP)
        change = await lifecycle.change_status(session, skp_id, Action.APPROVE, Actor.of(kabid), seen_version=version)
        await session.commit()
    assert change.to_status is Status.APPROVED


async def test_ekspektasi_for_the_team_then_adjusted_per_person(db: Database) -> None:
    period = await _set_format(db, SkpFormat.PERMENPANRB_6_2022)
    sekar_skp = await _skp(db, SEKAR_NIP)
    yasin_skp = await _skp(db, YASIN_NIP)
    async with db.write_session() as session:
        kabid = await repo.employee_by_nip(session, KABID_NIP)
        assert kabid is not None
        await penilai.set_team_expectation(session, kabid.id or 0, period.id or 0, "akuntabel", EXAMPLE_EKSPEKTASI)
        await penilai.set_team_expectation(session, kabid.id or 0, period.id or 0, "adaptif", "Menguasai e-Kinerja")
        bundle = await penilai.penilai_bundle(session, yasin_skp, Actor.of(kabid))
        await penilai.set_own_expectation(session, bundle, "adaptif", "Menguasai SIMPEG versi baru")
        await penilai.set_own_expectation(session, bundle, "akuntabel", "")  # none for this person
        await session.commit()
    sekar_pdf, _ = await _texts(db, sekar_skp)
    yasin_pdf, yasin_docx = await _texts(db, yasin_skp)
    assert squash(EXAMPLE_EKSPEKTASI) in sekar_pdf and "Menguasaie-Kinerja" in sekar_pdf
    for text in (yasin_pdf, yasin_docx):
        assert "MenguasaiSIMPEGversibaru" in text
        assert squash(EXAMPLE_EKSPEKTASI) not in text and "Menguasaie-Kinerja" not in text
    async with db.write_session() as session:
        bundle = await penilai.penilai_bundle(session, yasin_skp, Actor.of(kabid))
        await penilai.set_own_expectation(session, bundle, "akuntabel", None)  # back to the team's
        await session.commit()
    yasin_pdf, _ = await _texts(db, yasin_skp)
    assert squash(EXAMPLE_EKSPEKTASI) in yasin_pdf


async def test_tanggal_penetapan_default_and_set(db: Database) -> None:
    await _set_format(db, SkpFormat.PERMENPANRB_6_2022)
    skp_id = await _skp(db, SEKAR_NIP)
    async with db.write_session() as session:
        skp = await session.get(Skp, skp_id)
        assert skp is not None
        period = await session.get(Period, skp.period_id)
        assert period is not None
        # approved in March: under 6/2022 the SKP is set in the period's first month
        skp.status, skp.approved_at = Status.APPROVED.value, dt.datetime(period.start.year, 3, 5, 3, tzinfo=dt.UTC)
        session.add(skp)
        await session.commit()
    pdf, _ = await _texts(db, skp_id)
    assert f"Kebumen,31Januari{period.start.year}" in pdf
    async with db.write_session() as session:
        kabid = await repo.employee_by_nip(session, KABID_NIP)
        bundle = await penilai.penilai_bundle(session, skp_id, Actor.of(kabid))
        with pytest.raises(Exception, match="bulan pertama"):
            await penilai.set_tanggal_penetapan(session, bundle, dt.date(period.start.year, 2, 10))
        await penilai.set_tanggal_penetapan(session, bundle, dt.date(period.start.year, 1, 2))
        await session.commit()
    pdf, docx = await _texts(db, skp_id)
    assert f"Kebumen,2Januari{period.start.year}" in pdf and f"Kebumen,2Januari{period.start.year}" in docx
    async with db.session() as session:
        skp = (await session.exec(select(Skp).where(Skp.id == skp_id))).one()
        assert skp.approved_at is not None and skp.approved_at.month == 3  # the approval date is kept
