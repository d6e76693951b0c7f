"""Admin subcommands of `skp-bot`: admin grant/revoke, period, reminders, recap.

They work on the database only (no Telegram): the running bot notices a grant or a revoke
within a minute and sets the admin's command menu (`bot.jobs`, `bot.tg.menus`); a message to an
unlinked account goes through the outbox, which the running bot sends.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot.settings import Settings
from skp_domain.errors import DomainError


def _database(settings: Settings) -> Any:
    from bot.storage.db import Database
    from bot.storage.migrate import upgrade

    upgrade(settings.database_url)
    return Database(settings.database_url)


def _run(settings: Settings, work: Callable[[Any], Awaitable[int]]) -> int:
    """Open the database, run `work(session)`, report a DomainError in Indonesian (exit 1)."""
    db = _database(settings)

    async def go() -> int:
        try:
            async with db.session() as session:
                return await work(session)
        except DomainError as exc:
            print(f"Gagal: {exc.message}", file=sys.stderr)
            return 1
        finally:
            await db.dispose()

    return asyncio.run(go())


def _date(text: str | None, field: str) -> Any:
    from bot.services.periods import parse_date

    return parse_date(text, field) if text else None


# --- admin -----------------------------------------------------------------------------------


def cmd_admin(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.admins import AdminError, list_admins, set_admin

    async def work(session: Any) -> int:
        if args.action == "list":
            admins = await list_admins(session)
            for employee in admins:
                linked = "terhubung" if employee.chat_id else "belum terhubung"
                print(f"{employee.nip}\t{employee.nama}\t{linked}")
            ids = ", ".join(str(i) for i in settings.skp_admin_ids) or "-"
            print(f"Admin dari SKP_ADMIN_IDS: {ids}")
            return 0
        try:
            employee = await set_admin(session, args.nip, args.action == "grant")
        except AdminError as exc:
            print(f"Gagal: {exc}", file=sys.stderr)
            return 1
        await session.commit()
        if args.action == "grant":
            note = "" if employee.chat_id else " (belum menghubungkan Telegram: /start dulu)"
            print(f"{employee.nama} sekarang admin{note}. Bot yang berjalan memasang menu admin dalam ±1 menit.")
        else:
            print(f"{employee.nama} bukan admin lagi.")
        return 0

    return _run(settings, work)


# --- unlink ----------------------------------------------------------------------------------


def cmd_unlink(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.linking import UnlinkError, unlink

    async def work(session: Any) -> int:
        try:
            result = await unlink(session, args.nip)
        except UnlinkError as exc:
            print(f"Gagal: {exc}", file=sys.stderr)
            return 1
        await session.commit()
        if result.old_telegram_id is None:
            print(f"{result.employee.nama} belum terhubung ke akun Telegram mana pun; tidak ada yang dilepas.")
            return 0
        print(
            f"{result.employee.nama} dilepas dari akun Telegram-nya. Akun lama diberi tahu sekali (dikirim bot "
            "yang berjalan). Untuk menghubungkan lagi: buat kode baru (activation-codes --nip NIP --renew), "
            "lalu /start di Telegram."
        )
        return 0

    return _run(settings, work)


# --- period ----------------------------------------------------------------------------------


def _print_period(period: Any) -> None:
    from bot.templating import tanggal

    active = "aktif" if period.active else "-"
    print(f"{period.id}\t{period.name}\t{tanggal(period.start)} s.d. {tanggal(period.end)}\t"
          f"pengajuan: {tanggal(period.submission_deadline)}\tpersetujuan: {tanggal(period.approval_deadline)}\t"
          f"{active}")


def cmd_period(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services import periods

    async def work(session: Any) -> int:
        if args.action == "list":
            rows = await periods.list_periods(session)
            if not rows:
                print("Belum ada periode.")
            for period in rows:
                _print_period(period)
            return 0
        if args.action == "create":
            period = await periods.create_period(
                session, args.name, periods.parse_date(args.start, "Tanggal mulai"),
                periods.parse_date(args.end, "Tanggal selesai"),
                submission=_date(args.submission_deadline, "Tenggat pengajuan"),
                approval=_date(args.approval_deadline, "Tenggat persetujuan"),
                activate=args.activate,
            )
            await session.commit()
            print("Periode dibuat:")
        elif args.action == "activate":
            period = await periods.activate_period(session, args.id)
            await session.commit()
            print("Periode aktif sekarang:")
        else:
            current = await periods.get_period(session, args.id)
            submission = _date(args.submission, "Tenggat pengajuan") if args.submission else current.submission_deadline
            approval = _date(args.approval, "Tenggat persetujuan") if args.approval else current.approval_deadline
            period = await periods.set_deadlines(session, args.id, submission=submission, approval=approval)
            await session.commit()
            print("Tenggat disimpan:")
        _print_period(period)
        return 0

    return _run(settings, work)


# --- reminders -------------------------------------------------------------------------------


def cmd_reminders(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services import reminders

    async def work(session: Any) -> int:
        if args.action == "set":
            days, _hour, _minute = reminders.parse_schedule(args.days)
            rules = await reminders.set_rules(session, days, args.hour, args.minute)
        else:
            rules = await reminders.ensure_rules(session)
        await session.commit()
        print(f"Jadwal pengingat: {reminders.describe(rules)}")
        return 0

    return _run(settings, work)


# --- recap ------------------------------------------------------------------------------------


def cmd_recap(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services import periods, recap
    from bot.storage import repo

    async def work(session: Any) -> int:
        period = await periods.get_period(session, args.period) if args.period else await repo.active_period(session)
        if period is None:
            print("Belum ada periode aktif; pakai --period ID.", file=sys.stderr)
            return 1
        result = await recap.build_recap(session, period, settings.tz)
        content = recap.recap_xlsx(result)
        await asyncio.to_thread(Path(args.out).write_bytes, content)
        totals = ", ".join(f"{label} {n}" for label, n in result.totals.items())
        print(f"Rekap {period.name}: {result.employees} pegawai ({totals}) -> {args.out}")
        return 0

    return _run(settings, work)


def add_admin_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Each subcommand sets `func(args, settings) -> int`."""
    admin = subparsers.add_parser("admin", help="hak admin pegawai (grant/revoke/list)")
    admin_sub = admin.add_subparsers(dest="action", required=True)
    for action, text in (("grant", "jadikan admin"), ("revoke", "cabut hak admin")):
        sub = admin_sub.add_parser(action, help=text)
        sub.add_argument("nip")
    admin_sub.add_parser("list", help="daftar admin")
    admin.set_defaults(func=cmd_admin)

    unlink = subparsers.add_parser("unlink", help="lepas NIP dari akun Telegram-nya (ganti HP, akun orang lain)")
    unlink.add_argument("nip")
    unlink.set_defaults(func=cmd_unlink)

    period = subparsers.add_parser("period", help="periode SKP dan tenggat")
    period_sub = period.add_subparsers(dest="action", required=True)
    create = period_sub.add_parser("create", help="buat periode")
    create.add_argument("name")
    create.add_argument("start", help="DD-MM-YYYY atau '1 Januari 2027'")
    create.add_argument("end")
    create.add_argument("--submission-deadline")
    create.add_argument("--approval-deadline")
    create.add_argument("--activate", action="store_true")
    period_sub.add_parser("list", help="daftar periode")
    activate = period_sub.add_parser("activate", help="jadikan periode aktif")
    activate.add_argument("id", type=int)
    deadlines = period_sub.add_parser("deadlines", help="atur tenggat pengajuan dan persetujuan")
    deadlines.add_argument("id", type=int)
    deadlines.add_argument("--submission")
    deadlines.add_argument("--approval")
    period.set_defaults(func=cmd_period)

    rem = subparsers.add_parser("reminders", help="jadwal pengingat tenggat")
    rem_sub = rem.add_subparsers(dest="action", required=True)
    rem_set = rem_sub.add_parser("set", help="mis. 7,3,1,0 --hour 8")
    rem_set.add_argument("days", help="hari sebelum tenggat, dipisah koma")
    rem_set.add_argument("--hour", type=int, default=8)
    rem_set.add_argument("--minute", type=int, default=0)
    rem_sub.add_parser("list", help="jadwal saat ini")
    rem.set_defaults(func=cmd_reminders)

    rec = subparsers.add_parser("recap", help="rekap SKP ke XLSX")
    rec.add_argument("--out", required=True)
    rec.add_argument("--period", type=int, help="ID periode (bawaan: periode aktif)")
    rec.set_defaults(func=cmd_recap)
