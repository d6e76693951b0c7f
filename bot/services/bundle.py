"""An SKP with everything around it, loaded once, and its three projections:
the domain's `SkpData` (checks), a snapshot (history and change lists) and the document view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.documents.view import IndicatorRow, ItemRow, LampiranView, PerilakuRow, PersonBlock, SkpView
from bot.settings import Settings
from bot.storage import repo
from bot.storage.models import Employee, Indicator, Period, Skp, SkpItem
from bot.templating import angka, tanggal
from skp_domain.format6 import (
    BERAKHLAK,
    Lampiran,
    Pendekatan,
    Perspektif,
    default_tanggal_penetapan,
    jabatan_heading,
    jabatan_heading_8_2021,
)
from skp_domain.formats import SkpFormat
from skp_domain.jabatan import JenisJabatan, Kategori
from skp_domain.jpt import target_shown
from skp_domain.nip import parse_nip
from skp_domain.pangkat import parse_golongan
from skp_domain.skp import Aspek, IndicatorData, ItemData, Section, SkpData, Status
from skp_domain.targets import Target


@dataclass
class Bundle:
    skp: Skp
    employee: Employee
    penilai: Employee | None
    period: Period
    items: list[SkpItem]
    indicators: dict[int, list[Indicator]]

    @property
    def kategori(self) -> Kategori:
        return JenisJabatan(self.employee.jenis_jabatan).kategori

    @property
    def status(self) -> Status:
        return Status(self.skp.status)

    @property
    def format(self) -> SkpFormat:
        return SkpFormat(self.period.format)

    @property
    def six(self) -> bool:
        return self.format is SkpFormat.PERMENPANRB_6_2022

    @property
    def kualitatif(self) -> bool:
        return self.six and self.skp.pendekatan == Pendekatan.KUALITATIF.value

    def section_items(self, section: Section) -> list[SkpItem]:
        return [i for i in self.items if i.section == section.value]

    def add_indicator(self, indicator: Indicator) -> None:
        """Keep a loaded bundle current after a new indicator row, instead of reloading it."""
        rows = self.indicators.setdefault(indicator.item_id, [])
        rows.append(indicator)
        rows.sort(key=lambda row: row.position)  # stable: the newest (highest id) stays last

    def number_of(self, item: SkpItem) -> int:
        return self.section_items(Section(item.section)).index(item) + 1


async def load_bundle_by_id(session: AsyncSession, skp_id: int) -> Bundle | None:
    """Two queries: the SKP with its owner, period and penilai; then items with indicators."""
    row = await repo.skp_with_people(session, skp_id)
    if row is None:
        return None
    skp, employee, period, penilai = row
    items, indicators = await repo.items_with_indicators(session, skp_id)
    return Bundle(skp, employee, penilai, period, items, indicators)


async def load_bundle(session: AsyncSession, skp: Skp) -> Bundle:
    """The same, for an SKP already loaded in this session."""
    bundle = await load_bundle_by_id(session, skp.id or 0)
    assert bundle is not None  # the row is in this session
    return bundle


def period_months(period: Period) -> int:
    return max(1, (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1)


def target_of(indicator: Indicator) -> Target | None:
    if indicator.target_value is None or not indicator.target_unit:
        return None
    value = Decimal(indicator.target_value)
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Target(value=value, unit=indicator.target_unit, places=places)


def target_text(indicator: Indicator) -> str:
    """``3 kegiatan``, ``4.850 data``; a kualitatif target as written; ``-`` when missing."""
    target = target_of(indicator)
    if target is not None:
        return target_shown(target)
    return (indicator.target_text or "").strip() or "-"  # kualitatif (6/2022): a descriptive target


def to_domain(bundle: Bundle) -> SkpData:
    items = []
    for item in bundle.items:
        indicators = tuple(
            IndicatorData(Aspek(i.aspek) if i.aspek else None, i.indikator, target_of(i), i.target_text)
            for i in bundle.indicators.get(item.id or 0, [])
        )
        items.append(
            ItemData(
                section=Section(item.section),
                rencana_kinerja=item.rencana_kinerja,
                parent_ref=item.parent_text,
                basis=item.basis,
                ak=Decimal(item.ak) if item.ak else None,
                indicators=indicators,
                number=bundle.number_of(item),
                perspektif=item.perspektif,
                penugasan_dari=item.penugasan_dari,
                needs_relink=bool(item.relink),
            )
        )
    return SkpData(
        kategori=bundle.kategori, items=tuple(items), format=bundle.format.value, pendekatan=bundle.skp.pendekatan
    )


def snapshot(bundle: Bundle) -> list[dict[str, Any]]:
    """The SKP's items as plain data, kept with each submission to list what changed."""
    return [
        {
            "id": item.id,
            "section": item.section,
            "parent": item.parent_text,
            "basis": item.basis,
            "rencana_kinerja": item.rencana_kinerja,
            "ak": item.ak,
            "indicators": [
                [i.aspek, i.indikator, i.target_value, i.target_unit]
                + ([i.target_text] if i.target_text else [])
                for i in bundle.indicators.get(item.id or 0, [])
            ],
            **({"perspektif": item.perspektif} if item.perspektif else {}),
            **({"penugasan_dari": item.penugasan_dari} if item.penugasan_dari else {}),
        }
        for item in bundle.items
    ]


def _person(employee: Employee) -> PersonBlock:
    try:
        nip = parse_nip(employee.nip).formatted
    except ValueError:
        nip = employee.nip
    try:
        pangkat = parse_golongan(employee.pangkat).label if employee.pangkat else "-"
    except ValueError:
        pangkat = employee.pangkat
    return PersonBlock(employee.nama, nip, pangkat, employee.jabatan, employee.unit_kerja)


def penilai_block(bundle: Bundle, settings: Settings) -> PersonBlock:
    if bundle.penilai is not None:
        return _person(bundle.penilai)
    employee = bundle.employee
    # Outside the roster (the Bupati): name and jabatan from the roster row or the settings; the
    # identifier may be empty, and then the document prints no "NIP." line at all.
    return PersonBlock(
        employee.penilai_luar_nama or settings.skp_penilai_luar_nama,
        (employee.penilai_luar_id or settings.skp_penilai_luar_nip or "").strip(),
        "-",
        employee.penilai_luar_jabatan or settings.skp_penilai_luar_jabatan,
        settings.skp_instansi,
    )


def periode_text(period: Period) -> str:
    return f"{tanggal(period.start)} s.d. {tanggal(period.end)}"


def tanggal_penetapan(bundle: Bundle, today: dt.date) -> dt.date:
    """The signature date: as the penilai or an admin set it; else the approval date (under 6/2022
    brought into the period's first month, when the SKP is set); else today (not yet approved)."""
    if bundle.skp.tanggal_penetapan is not None:
        return bundle.skp.tanggal_penetapan
    approved_at = bundle.skp.approved_at
    if bundle.status is Status.APPROVED and approved_at is not None:
        return default_tanggal_penetapan(bundle.format, approved_at.date(), bundle.period.start, bundle.period.end)
    return today


def perilaku_rows(expectations: Mapping[str, str] | None) -> tuple[PerilakuRow, ...]:
    """The seven BerAKHLAK values with their panduan and the penilai's ekspektasi khusus."""
    found = expectations or {}
    return tuple(
        PerilakuRow(no=n, nama=value.nama, panduan=value.panduan, ekspektasi=found.get(value.key, ""))
        for n, value in enumerate(BERAKHLAK, start=1)
    )


def _perspektif_label(value: str | None) -> str | None:
    try:
        return Perspektif(value).label if value else None
    except ValueError:
        return value


def to_view(
    bundle: Bundle,
    settings: Settings,
    today: dt.date,
    *,
    expectations: Mapping[str, str] | None = None,
    lampiran: Lampiran | None = None,
) -> SkpView:
    """The document's view-model. Under 6/2022 pass the penilai's parts (`bot.services.penilai`)."""
    layout = bundle.kategori.value
    six = bundle.six
    jenis = JenisJabatan(bundle.employee.jenis_jabatan)

    def rows(section: Section) -> tuple[ItemRow, ...]:
        out = []
        for number, item in enumerate(bundle.section_items(section), start=1):
            indicators = tuple(
                IndicatorRow(Aspek(i.aspek).label if i.aspek else None, i.indikator, target_text(i))
                for i in bundle.indicators.get(item.id or 0, [])
            )
            out.append(
                ItemRow(
                    no=number,
                    atasan=item.parent_text or "-",
                    rencana_kinerja=item.rencana_kinerja,
                    ak=angka(item.ak, 3) if item.ak and not six else None,
                    indicators=indicators,
                    basis=item.basis,
                    perspektif=_perspektif_label(item.perspektif) if six else None,
                    penugasan_dari=item.penugasan_dari if six else None,
                    provisional=item.provisional and section is Section.UTAMA,
                )
            )
        return tuple(out)

    approved = bundle.status is Status.APPROVED
    return SkpView(
        layout=layout,
        pegawai=_person(bundle.employee),
        penilai=penilai_block(bundle, settings),
        periode=periode_text(bundle.period),
        utama=rows(Section.UTAMA),
        tambahan=rows(Section.TAMBAHAN),
        tempat=settings.skp_tempat,
        tanggal=tanggal(tanggal_penetapan(bundle, today)),
        draft=not approved,
        status_label=bundle.status.label,
        instansi=settings.skp_instansi.upper(),
        format=bundle.format.value,
        jabatan_heading=jabatan_heading(jenis) if six else jabatan_heading_8_2021(jenis),
        kualitatif=bundle.kualitatif,
        perilaku=perilaku_rows(expectations) if six else (),
        lampiran=LampiranView(lampiran.dukungan_sumber_daya, lampiran.skema_pertanggungjawaban, lampiran.konsekuensi)
        if six and lampiran is not None
        else None,
        paper=settings.skp_paper,
    )
