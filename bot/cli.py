"""`skp-bot …`: run the bot, manage the database and roster, try it offline."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.settings import Settings

HOW_TO_GET_A_BOT = """\
TELEGRAM_BOT_TOKEN belum diisi.

Cara mendapatkan token:
  1. Buka Telegram, cari @BotFather, kirim /newbot, ikuti petunjuknya.
  2. Salin token yang diberikan, lalu:  export TELEGRAM_BOT_TOKEN=123456:ABC...
     (atau tulis di berkas .env; lihat .env.example)

Ingin mencoba tanpa Telegram? Jalankan konsol luring dengan data contoh:
  skp-bot console --demo
"""


def _setup_logging(verbose: bool = False) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # httpx logs every request URL, and the URL holds the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # aiosqlite's debug log prints every statement with its parameters (typed NIPs, texts).
    logging.getLogger("aiosqlite").setLevel(logging.INFO)


def tune_gc() -> None:
    """Everything imported so far lives as long as the process: move it out of the collector's
    sight (`gc.freeze`), and collect the young generation less often. Every update allocates a few
    thousand short-lived objects (PTB's, SQLAlchemy's); with the default threshold of 700 the
    collector ran several times per update, walking the same long-lived objects each time."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


def use_event_loop(kind: str) -> str:
    """Set the loop `run_polling`/`run_webhook` will run on (PTB takes the current one) and say
    which it is. uvloop runs the same asyncio code on libuv: the loop's own work, every socket
    read and write to Telegram and to PostgreSQL, costs less CPU per update."""
    if kind == "uvloop":
        try:
            import uvloop
        except ImportError:
            logging.getLogger(__name__).warning("SKP_EVENT_LOOP=uvloop but uvloop is not installed: running on asyncio")
        else:
            asyncio.set_event_loop(uvloop.new_event_loop())
            return "uvloop"
    asyncio.set_event_loop(asyncio.new_event_loop())
    return "asyncio"


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    if settings.telegram_bot_token is None or not settings.telegram_bot_token.get_secret_value():
        print(HOW_TO_GET_A_BOT, file=sys.stderr)
        return 2
    from bot.app import build_application
    from bot.documents import pool
    from bot.documents.skp import warm_up

    _setup_logging(args.verbose)
    if settings.skp_render_processes > 0:
        pool.start(settings.skp_render_processes, warm_up)  # renders off the event loop; workers warm up
    else:
        warm_up()  # fonts and stylesheets once, so the first user's PDF is not the slow one
    application = build_application(settings, rate_limiter=True)
    loop = use_event_loop(settings.skp_event_loop)
    logging.getLogger(__name__).info("event loop: %s, Bot API client: %s", loop, settings.skp_http_client)
    tune_gc()
    if args.webhook:
        url = args.webhook_url or settings.webhook_url
        if not url:
            print("Mode webhook butuh --webhook-url atau WEBHOOK_URL.", file=sys.stderr)
            pool.stop()
            return 2
        # Never an open webhook: without WEBHOOK_SECRET_TOKEN the secret is derived from the token.
        secret, derived = settings.webhook_secret()
        if derived:
            logging.getLogger(__name__).warning(
                "WEBHOOK_SECRET_TOKEN is not set: using a secret derived from the bot token "
                "(the same in every replica); POSTs without it are refused"
            )
        application.run_webhook(
            listen=settings.webhook_listen,
            port=args.port or settings.webhook_port,
            url_path=args.url_path,
            webhook_url=url,
            secret_token=secret,
        )
    else:
        application.run_polling()
    pool.stop()
    return 0


def cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    from bot.storage.migrate import downgrade, upgrade

    if args.action == "upgrade":
        upgrade(settings.database_url, args.revision or "head")
    else:
        downgrade(settings.database_url, args.revision or "base")
    print(f"Basis data: {args.action} selesai.")
    return 0


def _database(settings: Settings):  # type: ignore[no-untyped-def]
    from bot.storage.db import Database
    from bot.storage.migrate import upgrade

    upgrade(settings.database_url)
    return Database(settings.database_url)


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.roster import ConfirmLeavers, ImportReport, Person, import_pk, import_roster
    from skp_domain.errors import DomainError

    path = Path(args.file)
    if not path.exists():
        print(f"Berkas tidak ditemukan: {path}", file=sys.stderr)
        return 2
    db = _database(settings)
    asked = False

    def show_leavers(people: Sequence[Person]) -> None:
        opds = sorted({p.opd or p.unit_kerja for p in people})
        print(f"{len(people)} pegawai aktif di {', '.join(opds)} tidak ada di berkas ini (mutasi/pensiun?):")
        for person in people:
            print(f"  - {person}")

    def ask(people: Sequence[Person]) -> bool:
        nonlocal asked
        asked = True
        show_leavers(people)
        print("Nonaktifkan mereka sekarang? Data dan SKP-nya tetap disimpan. [y/T] ", end="", flush=True)
        try:
            answer = input()
        except EOFError:
            answer = ""
        return answer.strip().lower() in {"y", "ya", "yes"}

    confirm: bool | ConfirmLeavers = bool(getattr(args, "confirm_leavers", False))
    if not confirm and sys.stdin is not None and sys.stdin.isatty():
        confirm = ask

    async def go() -> ImportReport:
        from bot.services import audit

        try:
            async with db.session() as session:
                if args.what == "roster":
                    report = await import_roster(session, path, confirm)
                else:
                    report = await import_pk(session, path)
                if report.ok or report.imported:  # committed; its audit row follows
                    what = audit.IMPORT_ROSTER if args.what == "roster" else audit.IMPORT_PK
                    done = report.summary() if args.what == "roster" else f"{report.created} sasaran PK"
                    await audit.record(session, audit.cli_actor(), what, f"{path.name}: {done}")
                    await session.commit()
                return report
        finally:
            await db.dispose()

    try:
        report = asyncio.run(go())
    except DomainError as exc:
        print(f"Tidak ada yang diimpor: {exc}", file=sys.stderr)
        return 1
    partial = not report.ok and report.imported > 0
    if not report.ok:
        if partial:
            print(f"{len(report.errors)} baris bermasalah, tidak diimpor (baris lain diimpor):", file=sys.stderr)
        else:
            print(f"Tidak ada yang diimpor: {len(report.errors)} baris bermasalah.", file=sys.stderr)
        for error in report.errors:
            print(f"  {error}", file=sys.stderr)
        for hint in report.hints:  # once, not after every row
            print(hint, file=sys.stderr)
        if not partial:
            return 1
    for warning in report.warnings:
        print(f"Peringatan: {warning}")
    if args.what == "pk":
        if partial:
            print(f"Sebagian berhasil: {report.created} baris sasaran PK diimpor; PK unit ini tidak diganti "
                  f"karena ada baris yang salah: {'; '.join(report.units_kept) or '-'}.")
        else:
            print(f"Berhasil: {report.created} baris sasaran PK diimpor.")
        if report.units_new:
            print("  baru: " + "; ".join(report.units_new))
        if report.units_replaced:
            print("  diganti (PK lama unit ini dihapus): " + "; ".join(report.units_replaced))
        return 1 if partial else 0
    if report.leavers and report.leavers_deactivated:
        print("Keluar (dinonaktifkan; data dan SKP-nya tetap tersimpan):")
        for person in report.leavers:
            print(f"  - {person}")
    elif report.leavers and asked:
        print("Tidak ada yang dinonaktifkan.")
    elif report.leavers:
        print("Peringatan: ", end="")
        show_leavers(report.leavers)
        print(
            "Mereka BELUM dinonaktifkan. Bila memang sudah keluar, jalankan lagi dengan --confirm-leavers "
            "(data dan SKP-nya tetap tersimpan)."
        )
    if report.moved:
        print("SKP yang pindah ke penilai baru:")
        for moved in report.moved:
            print(f"  - {moved}")
    if partial:
        print(f"Sebagian berhasil: {report.summary()}; {len(report.errors)} baris belum diimpor (lihat di atas).")
        return 1
    print(f"Berhasil: {report.summary()}.")
    return 0


def _expiry(text: str | None, settings: Settings) -> dt.datetime:
    """`--expires`: days from now ("30") or a date (valid through that day, local time)."""
    from bot.services.linking import DEFAULT_CODE_DAYS
    from bot.services.periods import parse_date

    now = dt.datetime.now(settings.tz)
    if not text:
        return now + dt.timedelta(days=DEFAULT_CODE_DAYS)
    if text.strip().isdigit() and int(text) < 10000:
        days = int(text)
        if days < 1:
            raise ValueError("--expires: minimal 1 hari.")
        return now + dt.timedelta(days=days)
    day = parse_date(text, "Tanggal kedaluwarsa kode")
    end = dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=settings.tz)
    if end <= now:
        raise ValueError(f"--expires: tanggal {text} sudah lewat.")
    return end


def cmd_activation_codes(args: argparse.Namespace, settings: Settings) -> int:
    """Codes for the people who need one. Without --renew nobody's valid code is replaced (only its
    hash is stored, so it cannot be printed again): people who already hold one are counted, not
    listed. With --renew everyone selected gets a new code and their unused ones stop working."""
    from sqlmodel import col, select

    from bot.documents.codes import CodeRow, bot_link, render_codes_xlsx
    from bot.services.linking import issue_codes
    from bot.storage.models import Employee
    from bot.templating import tanggal
    from skp_domain.errors import DomainError

    try:
        expires_at = _expiry(args.expires, settings)
    except (ValueError, DomainError) as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 2
    db = _database(settings)
    valid_until = tanggal(expires_at.astimezone(settings.tz))
    link = bot_link(settings.telegram_bot_username)

    async def go() -> int:
        try:
            async with db.session() as session:
                query = select(Employee).order_by(col(Employee.opd), col(Employee.unit_kerja), col(Employee.nama))
                if args.nip:
                    query = query.where(Employee.nip == args.nip.replace(" ", ""))
                elif not args.all:  # --not-linked (the default): people who still have to link
                    query = query.where(col(Employee.telegram_id).is_(None))
                employees = list((await session.exec(query)).all())
                if not employees:
                    print("Tidak ada pegawai yang cocok.", file=sys.stderr)
                    return 1
                issued = await issue_codes(session, employees, renew=args.renew, expires_at=expires_at)
                fresh = [e for e in employees if e.nip in issued.codes]
                if fresh and args.out:
                    rows = [
                        CodeRow(e.nip, e.nama, e.jabatan, e.unit_kerja, e.perangkat_daerah, issued.codes[e.nip])
                        for e in fresh
                    ]
                    content = render_codes_xlsx(rows, link=link, valid_until=valid_until)
                    try:  # written before the commit: codes nobody can print are never stored
                        await asyncio.to_thread(Path(args.out).write_bytes, content)
                    except OSError as exc:
                        why = f"Gagal menyimpan {args.out}: {exc.strerror}. Tidak ada kode yang dibuat."
                        print(why, file=sys.stderr)
                        return 1
                await session.commit()
        finally:
            await db.dispose()
        if fresh and args.out:
            print(f"{len(fresh)} kode aktivasi (berlaku s.d. {valid_until}) disimpan ke {args.out}")
            if link is None:
                print("Catatan: TELEGRAM_BOT_USERNAME belum diisi; tautan bot di berkas masih berupa tempat kosong.")
        else:
            for employee in fresh:
                print(f"{employee.nip}\t{issued.codes[employee.nip]}\t{employee.nama}")
            if fresh:
                print(f"{len(fresh)} kode baru, berlaku s.d. {valid_until}.", file=sys.stderr)
        if issued.kept:
            print(
                f"{len(issued.kept)} pegawai sudah memegang kode yang masih berlaku; kodenya tidak dicetak ulang "
                "(hanya sidiknya yang disimpan). Pakai --renew untuk mengganti kode mereka (kode lama tidak "
                "berlaku lagi).",
                file=sys.stderr,
            )
        if issued.inactive:
            print(f"{len(issued.inactive)} pegawai nonaktif (keluar) tidak diberi kode.", file=sys.stderr)
        return 0

    return asyncio.run(go())


def cmd_demo_data(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.demo import load_demo_data
    from skp_domain.formats import parse_format

    chosen = parse_format(args.format) if args.format else None
    db = _database(settings)

    async def go() -> dict[str, str]:
        try:
            return await load_demo_data(db, format=chosen, outside_name=settings.skp_penilai_luar_nama)
        finally:
            await db.dispose()

    codes = asyncio.run(go())
    print("Data contoh BKPSDM Kebumen dimuat. Kode aktivasi (NIP, kode):")
    for nip, code in codes.items():
        print(f"{nip}\t{code}")
    return 0


def cmd_console(args: argparse.Namespace, settings: Settings) -> int:
    from bot.console import CONSOLE_USER_ID, check_console_nip, run_console

    if not args.nip and not args.demo:
        print("Pakai --demo (data contoh) atau --nip NIP.", file=sys.stderr)
        return 2
    if args.demo and "database_url" not in settings.model_fields_set:
        # The demo organisation goes into a database of its own, never into the bot's.
        settings = settings.model_copy(update={"database_url": "sqlite:///skp-console.sqlite3"})
    nip = None
    if args.nip:
        # --nip works on the bot's own database (DATABASE_URL, default sqlite:///skp-bot.sqlite3).
        nip, problem = asyncio.run(check_console_nip(settings, args.nip))
        if problem:
            print(problem, file=sys.stderr)
            return 2
    if args.admin:
        settings = settings.model_copy(update={"skp_admin_ids": [*settings.skp_admin_ids, CONSOLE_USER_ID]})
    return asyncio.run(run_console(settings, nip=nip, demo=args.demo, out_dir=Path(args.out_dir)))


def cmd_check_rhk(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli_rhk import run_check_rhk

    return run_check_rhk(args.phrases or None, args.file, sys.stdin, sys.stdout, sys.stderr)


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """The active period's SKP of one employee, field by field for e-Kinerja (text or CSV)."""
    from bot.services.export import export_for_nip, to_csv
    from bot.templating import environment

    db = _database(settings)

    async def go() -> Any:
        async with db.session() as session:
            found = await export_for_nip(session, args.nip)
        await db.dispose()
        return found

    found = asyncio.run(go())
    if found is None:
        print(f"Tidak ada SKP pada periode aktif untuk NIP {args.nip}.", file=sys.stderr)
        return 1
    if args.format == "csv":
        text = to_csv(found)
    else:
        text = environment().get_template("documents/ekinerja.txt.j2").render(e=found).strip() + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"Disimpan ke {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="skp-bot", description="Asisten penyusunan SKP di Telegram")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="jalankan bot (polling, atau --webhook)")
    run.add_argument("--webhook", action="store_true", help="terima update lewat webhook")
    run.add_argument("--webhook-url", help="URL publik webhook (https://…)")
    run.add_argument("--url-path", default="telegram", help="path webhook lokal")
    run.add_argument("--port", type=int, help="port server webhook")
    run.add_argument("-v", "--verbose", action="store_true")
    run.set_defaults(func=cmd_run)

    db = sub.add_parser("db", help="migrasi basis data")
    db.add_argument("action", choices=["upgrade", "downgrade"])
    db.add_argument("revision", nargs="?")
    db.set_defaults(func=cmd_db)

    roster = sub.add_parser("import-roster", help="impor daftar pegawai (CSV/XLSX)")
    roster.add_argument("file")
    roster.add_argument(
        "--confirm-leavers",
        action="store_true",
        help="nonaktifkan tanpa bertanya pegawai OPD ini yang tidak ada lagi di berkas (mutasi/pensiun)",
    )
    roster.set_defaults(func=cmd_import, what="roster")

    pk = sub.add_parser("import-pk", help="impor sasaran Perjanjian Kinerja (CSV/XLSX)")
    pk.add_argument("file")
    pk.set_defaults(func=cmd_import, what="pk")

    codes = sub.add_parser(
        "activation-codes",
        help="buat kode aktivasi (sekali pakai) bagi yang belum memegang kode berlaku",
        description="Kode yang sudah dibagikan tetap berlaku sampai dipakai, kedaluwarsa, atau diganti "
        "dengan --renew. Kode hanya dapat dicetak sekali (yang disimpan hanya sidiknya).",
    )
    codes.add_argument("--nip")
    who = codes.add_mutually_exclusive_group()
    who.add_argument("--not-linked", action="store_true", help="hanya pegawai aktif yang belum terhubung (bawaan)")
    who.add_argument("--all", action="store_true", help="juga pegawai yang sudah terhubung")
    codes.add_argument("--renew", action="store_true", help="ganti kode yang belum dipakai dengan kode baru")
    codes.add_argument("--expires", help="masa berlaku: jumlah hari (mis. 30) atau tanggal (31-12-2026); bawaan 30")
    codes.add_argument("--out", help="simpan ke berkas XLSX (lembar bagi-bagi)")
    codes.set_defaults(func=cmd_activation_codes)

    demo = sub.add_parser("demo-data", help="muat data contoh BKPSDM Kebumen")
    demo.add_argument("--format", help="format SKP periode contoh: 6/2022 atau 8/2021 (bawaan: 8/2021, seperti seed)")
    demo.set_defaults(func=cmd_demo_data)

    from bot.console import DESCRIPTION as console_doc
    from bot.console import build_parser as console_arguments

    console = sub.add_parser(
        "console", help="coba bot di terminal tanpa Telegram (--demo, --nip, /as NIP)",
        description=console_doc, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    console_arguments(console)
    console.set_defaults(func=cmd_console)

    rhk = sub.add_parser("check-rhk", help="periksa bahasa rencana kinerja (hasil/aktivitas/kategori)")
    rhk.add_argument("phrases", nargs="*")
    rhk.add_argument("--file", help="satu frasa per baris ('-' = stdin)")
    rhk.set_defaults(func=cmd_check_rhk)

    export = sub.add_parser("export", help="SKP seorang pegawai untuk disalin ke e-Kinerja (teks/CSV)")
    export.add_argument("--nip", required=True)
    export.add_argument("--format", choices=["text", "csv"], default="text")
    export.add_argument("--out", help="simpan ke berkas")
    export.set_defaults(func=cmd_export)

    from bot.cli_admin import add_admin_commands
    from bot.cli_rollout import add_rollout_commands

    add_admin_commands(sub)
    add_rollout_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Every admin mistake (a wrong setting, file, NIP, date, database address) ends in one clear
    sentence and a non-zero exit code, never a traceback."""
    from pydantic import ValidationError
    from sqlalchemy.exc import SQLAlchemyError

    from bot.settings import describe_error
    from skp_domain.errors import DomainError

    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        print(describe_error(exc), file=sys.stderr)
        return 2
    try:
        return int(args.func(args, settings))
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except DomainError as exc:
        print(f"Gagal: {exc.message}", file=sys.stderr)
        return 1
    except (SQLAlchemyError, OSError) as exc:
        print(_database_or_file_problem(exc, settings), file=sys.stderr)
        return 1


def _database_or_file_problem(exc: BaseException, settings: Settings) -> str:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    try:
        where = make_url(settings.database_url).render_as_string(hide_password=True)
    except ArgumentError:
        where = settings.database_url.split("@")[-1]
    first = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__])[0][:300]
    if isinstance(exc, ArgumentError):
        return (f"DATABASE_URL tidak dikenali ({where}): pakai sqlite:///berkas.sqlite3 atau "
                f"postgresql://user@host:5432/nama_db. ({first})")
    if isinstance(exc, SQLAlchemyError | ConnectionError):
        return f"Basis data tidak dapat dibuka (DATABASE_URL={where}): {first}"
    if isinstance(exc, OSError) and exc.filename:
        return f"Berkas {exc.filename}: {exc.strerror or first}"
    return f"Gagal: {first}"


if __name__ == "__main__":
    sys.exit(main())
