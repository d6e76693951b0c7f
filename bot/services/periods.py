"""SKP periods and their deadlines: parsing Indonesian dates, validation, create/activate.

The wizard (`/periode`) and the CLI (`skp-bot period …`) both come here; errors are
`PeriodError`s whose message is Indonesian and ready to show. Callers commit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from sqlalchemy import delete, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.storage import repo
from bot.storage.models import Period, ReminderFire, Skp
from skp_domain.errors import DomainError
from skp_domain.formats import DEFAULT_FORMAT, SkpFormat
from skp_domain.text import normalize_space

FORMAT = DEFAULT_FORMAT.value  # new periods follow PermenPANRB 6/2022 unless told otherwise
MAX_NAME = 100
MAX_DAYS = 366  # a yearly SKP; shorter periods are fine
DRAFTING_LEAD_DAYS = 92  # deadlines may fall up to three months before the period starts
MIN_YEAR, MAX_YEAR = 2000, 2100

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip

_NUMERIC = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")


class PeriodError(DomainError):
    """A period or a deadline is not acceptable."""


def parse_date(text: str, field: str = "Tanggal") -> dt.date:
    """`15-01-2027`, `15/01/2027`, `2027-01-15`, `15 Januari 2027`, `15 Jan 2027`."""
    value = normalize_space(text).lower().replace(",", " ")
    value = re.sub(r"\s+", " ", value).strip()
    if not value:
        raise PeriodError(f"{field} belum diisi. Tulis seperti 31-12-2027 atau 31 Desember 2027.")
    day = month = year = None
    if match := _NUMERIC.match(value):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO.match(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := _WORDS.match(value):
        name = match.group(2)
        if name not in MONTHS:
            raise PeriodError(f"{field}: nama bulan “{match.group(2)}” tidak dikenal (contoh: 1 Januari 2027).")
        day, month, year = int(match.group(1)), MONTHS[name], int(match.group(3))
    else:
        raise PeriodError(f"{field} tidak terbaca: “{text.strip()[:40]}”. Tulis seperti 31-12-2027 atau "
                          "31 Desember 2027.")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"{field}: tahun {year} di luar rentang {MIN_YEAR}–{MAX_YEAR}.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise PeriodError(f"{field}: tanggal {day:02d}-{month:02d}-{year} tidak ada di kalender.") from None


def clean_name(text: str) -> str:
    name = normalize_space(text)
    if len(name) < 3:
        raise PeriodError("Nama periode minimal 3 karakter, misalnya “SKP Tahun 2027”.")
    if len(name) > MAX_NAME:
        raise PeriodError(f"Nama periode maksimal {MAX_NAME} karakter; teks Anda {len(name)} karakter.")
    return name


def check_range(start: dt.date, end: dt.date) -> None:
    if end <= start:
        raise PeriodError("Tanggal selesai harus sesudah tanggal mulai.")
    if (end - start).days + 1 > MAX_DAYS:
        raise PeriodError(f"Satu periode SKP paling lama {MAX_DAYS} hari (satu tahun).")


def check_deadlines(start: dt.date, end: dt.date, submission: dt.date | None, approval: dt.date | None) -> None:
    """Deadlines lie between three months before the start and the end; approval not before submission."""
    earliest = start - dt.timedelta(days=DRAFTING_LEAD_DAYS)
    for label, value in (("Tenggat pengajuan", submission), ("Tenggat persetujuan", approval)):
        if value is None:
            continue
        if value > end:
            raise PeriodError(f"{label} harus jatuh sebelum periode berakhir ({_long(end)}).")
        if value < earliest:
            raise PeriodError(f"{label} terlalu jauh sebelum periode dimulai (paling awal {_long(earliest)}).")
    if submission is not None and approval is not None and approval < submission:
        raise PeriodError("Tenggat persetujuan tidak boleh sebelum tenggat pengajuan.")


def _long(value: dt.date) -> str:
    from bot.templating import tanggal

    return tanggal(value)


# --- service functions (the caller commits) ----------------------------------------------


async def list_periods(session: AsyncSession) -> Sequence[Period]:
    query = select(Period).order_by(col(Period.start).desc(), col(Period.id).desc())
    return (await session.exec(query)).all()


async def get_period(session: AsyncSession, period_id: int) -> Period:
    period = await session.get(Period, period_id)
    if period is None:
        raise PeriodError(f"Periode dengan ID {period_id} tidak ditemukan.")
    return period


async def create_period(
    session: AsyncSession,
    name: str,
    start: dt.date,
    end: dt.date,
    *,
    submission: dt.date | None = None,
    approval: dt.date | None = None,
    activate: bool = False,
    format: SkpFormat | str = DEFAULT_FORMAT,
) -> Period:
    name = clean_name(name)
    skp_format = SkpFormat(format)
    check_range(start, end)
    check_deadlines(start, end, submission, approval)
    existing = (await session.exec(select(Period).where(Period.name == name))).first()
    if existing is not None:
        raise PeriodError(f"Periode “{name}” sudah ada (ID {existing.id}).")
    period = Period(name=name, start=start, end=end, format=skp_format.value,
                    submission_deadline=submission, approval_deadline=approval)
    session.add(period)
    await session.flush()
    if activate:
        await activate_period(session, period.id or 0)
    return period


async def activate_period(session: AsyncSession, period_id: int) -> Period:
    """Only one period is active: the others are switched off in the same transaction."""
    period = await get_period(session, period_id)
    await repo.set_active_period(session, period_id)
    await session.refresh(period)
    return period


async def set_deadlines(
    session: AsyncSession, period_id: int, *, submission: dt.date | None, approval: dt.date | None
) -> Period:
    period = await get_period(session, period_id)
    check_deadlines(period.start, period.end, submission, approval)
    period.submission_deadline, period.approval_deadline = submission, approval
    session.add(period)
    await session.flush()
    return period


# --- overlap, rename, delete, format (the wizard and the CLI check overlap before creating) ------


async def overlapping(
    session: AsyncSession, start: dt.date, end: dt.date, *, exclude_id: int | None = None
) -> list[Period]:
    """Periods sharing at least one day with start..end."""
    query = select(Period).where(col(Period.start) <= end, col(Period.end) >= start).order_by(col(Period.start))
    return [p for p in (await session.exec(query)).all() if p.id != exclude_id]


def overlap_message(start: dt.date, end: dt.date, others: Sequence[Period]) -> str:
    names = "; ".join(f"“{p.name}” (ID {p.id}, {_long(p.start)} s.d. {_long(p.end)})" for p in others)
    return (f"Periode {_long(start)} s.d. {_long(end)} bertumpang tindih dengan {names}. "
            "Ubah tanggalnya, atau hapus periode lama yang belum berisi SKP.")


async def check_no_overlap(session: AsyncSession, start: dt.date, end: dt.date) -> None:
    others = await overlapping(session, start, end)
    if others:
        raise PeriodError(overlap_message(start, end, others))


async def skp_count(session: AsyncSession, period_id: int) -> int:
    query = select(func.count()).select_from(Skp).where(Skp.period_id == period_id)
    return int((await session.exec(query)).one())


async def rename_period(session: AsyncSession, period_id: int, name: str) -> Period:
    period = await get_period(session, period_id)
    name = clean_name(name)
    existing = (await session.exec(select(Period).where(Period.name == name))).first()
    if existing is not None and existing.id != period_id:
        raise PeriodError(f"Periode “{name}” sudah ada (ID {existing.id}).")
    period.name = name
    session.add(period)
    await session.flush()
    return period


async def delete_period(session: AsyncSession, period_id: int) -> Period:
    """Only a period nobody has drafted in: SKPs are never deleted with their period."""
    period = await get_period(session, period_id)
    count = await skp_count(session, period_id)
    if count:
        raise PeriodError(f"Periode “{period.name}” sudah berisi {count} SKP dan tidak dapat dihapus "
                          "(ganti namanya bila perlu).")
    await session.exec(delete(ReminderFire).where(col(ReminderFire.period_id) == period_id))
    await session.delete(period)
    await session.flush()
    return period


async def set_format(session: AsyncSession, period_id: int, format: SkpFormat) -> Period:
    """Change the regulation a period follows, while nobody has drafted in it yet."""
    period = await get_period(session, period_id)
    count = await skp_count(session, period_id)
    if count and period.format != format.value:
        raise PeriodError(f"Periode “{period.name}” sudah berisi {count} SKP: formatnya tidak dapat diubah lagi.")
    period.format = format.value
    session.add(period)
    await session.flush()
    return period


def format_of(period: Period) -> SkpFormat:
    try:
        return SkpFormat(period.format)
    except ValueError:
        return DEFAULT_FORMAT
