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
    from bot.services import audit
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
        action = audit.ADMIN_GRANT if args.action == "grant" else audit.ADMIN_REVOKE
        await audit.record(session, audit.cli_actor(), action, f"{employee.nama} (NIP {employee.nip})")
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
    from bot.services.periods import format_of
    from bot.templating import tanggal

    active = "aktif" if period.active else "-"
    print(f"{period.id}\t{period.name}\t{tanggal(period.start)} s.d. {tanggal(period.end)}\t"
          f"pengajuan: {tanggal(period.submission_deadline)}\tpersetujuan: {tanggal(period.approval_deadline)}\t"
          f"format {format_of(period).short}\t{active}")


def cmd_period(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services import audit, periods
    from skp_domain.formats import DEFAULT_FORMAT, parse_format

    async def work(session: Any) -> int:
        if args.action == "list":
            rows = await periods.list_periods(session)
            if not rows:
                print("Belum ada periode.")
            for period in rows:
                _print_period(period)
            return 0
        if args.action == "create":
            start = periods.parse_date(args.start, "Tanggal mulai")
            end = periods.parse_date(args.end, "Tanggal selesai")
            chosen = parse_format(args.format) if args.format else DEFAULT_FORMAT
            others = await periods.overlapping(session, start, end)
            if others and not args.allow_overlap:
                print(f"Gagal: {periods.overlap_message(start, end, others)} (Sengaja? Tambahkan --allow-overlap.)",
                      file=sys.stderr)
                return 1
            period = await periods.create_period(
                session, args.name, start, end,
                submission=_date(args.submission_deadline, "Tenggat pengajuan"),
                approval=_date(args.approval_deadline, "Tenggat persetujuan"),
                activate=args.activate, format=chosen,
            )
            await audit.record(session, audit.cli_actor(), audit.PERIOD, f"dibuat: {period.name} (ID {period.id})")
            await session.commit()
            if others:
                print(f"Peringatan: {periods.overlap_message(start, end, others)}")
            print("Periode dibuat:")
        elif args.action == "activate":
            period = await periods.activate_period(session, args.id)
            await session.commit()
            print("Periode aktif sekarang:")
        elif args.action == "rename":
            old = (await periods.get_period(session, args.id)).name
            period = await periods.rename_period(session, args.id, args.name)
            await audit.record(session, audit.cli_actor(), audit.PERIOD, f"ganti nama: {old} -> {period.name}")
            await session.commit()
            print("Nama periode diganti:")
        elif args.action == "delete":
            period = await periods.delete_period(session, args.id)
            await audit.record(session, audit.cli_actor(), audit.PERIOD, f"dihapus: {period.name} (ID {args.id})")
            await session.commit()
            note = " Tidak ada periode aktif sekarang: aktifkan periode lain." if period.active else ""
            print(f"Periode “{period.name}” (ID {args.id}) dihapus.{note}")
            return 0
        elif args.action == "format":
            period = await periods.set_format(session, args.id, parse_format(args.format))
            await session.commit()
            print(f"Format periode: {periods.format_of(period).label}")
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


def recap_target(raw: str, filename: str) -> tuple[Path | None, str | None]:
    """Where `--out` writes: the path itself (folders created), or a file named `filename` inside it
    when it is a folder (or ends with a slash); else a sentence saying why not."""
    out = Path(raw)
    if out.is_dir() or raw.endswith(("/", "\\")):
        out = out / filename
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return None, f"Folder {out.parent} tidak dapat dibuat: {exc.strerror or exc}."
    if out.exists() and out.is_dir():
        return None, f"{out} adalah folder."
    return out, None


def cmd_recap(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services import periods, recap
    from bot.storage import repo

    async def work(session: Any) -> int:
        period = await periods.get_period(session, args.period) if args.period else await repo.active_period(session)
        if period is None:
            print("Belum ada periode aktif; pakai --period ID.", file=sys.stderr)
            return 1
        out, problem = recap_target(args.out, recap.recap_filename(period))
        if out is None:
            print(f"Gagal: {problem}", file=sys.stderr)
            return 1
        result = await recap.build_recap(session, period, settings.tz)
        as_csv = out.suffix.lower() == ".csv"
        content = recap.recap_csv(result) if as_csv else recap.recap_xlsx(result)
        try:
            await asyncio.to_thread(out.write_bytes, content)
        except OSError as exc:
            print(f"Gagal: {out} tidak dapat ditulis: {exc.strerror or exc}.", file=sys.stderr)
            return 1
        totals = ", ".join(f"{label} {n}" for label, n in result.totals.items())
        kind = "CSV (pemisah ;)" if as_csv else "XLSX"
        print(f"Rekap {period.name}: {result.employees} pegawai ({totals}) -> {out} ({kind})")
        print(f"Telegram: {result.linked} terhubung, {result.employees - result.linked} belum terhubung.")
        for group in result.units:
            if group.not_linked:
                where = group.unit if group.unit == group.opd else f"{group.unit} ({group.opd})"
                print(f"  {where}: terhubung {group.linked}/{group.total}, belum {group.not_linked}")
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
    create.add_argument("--format", help="6/2022 (bawaan, PermenPANRB 6/2022) atau 8/2021")
    create.add_argument("--allow-overlap", action="store_true", help="boleh bertumpang tindih dengan periode lain")
    period_sub.add_parser("list", help="daftar periode")
    rename = period_sub.add_parser("rename", help="ganti nama periode")
    rename.add_argument("id", type=int)
    rename.add_argument("name")
    remove = period_sub.add_parser("delete", help="hapus periode yang belum berisi SKP")
    remove.add_argument("id", type=int)
    fmt = period_sub.add_parser("format", help="ubah format periode yang belum berisi SKP (6/2022 atau 8/2021)")
    fmt.add_argument("id", type=int)
    fmt.add_argument("format")
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

    rec = subparsers.add_parser("recap", help="rekap SKP ke XLSX (atau CSV bila berakhiran .csv)")
    rec.add_argument("--out", required=True, help="berkas (folder dibuat bila perlu) atau folder tujuan")
    rec.add_argument("--period", type=int, help="ID periode (bawaan: periode aktif)")
    rec.set_defaults(func=cmd_recap)
