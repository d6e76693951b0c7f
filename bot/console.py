"""`skp-bot console`: try the real bot in a terminal, without Telegram.

The real Application (``bot.app.build_application``) runs on :class:`bot.testing.fake_telegram.FakeBotApi`;
nothing leaves the machine (the token is replaced by an offline one). Lines typed are sent as the
person the console acts as; bot messages are printed as plain text, their buttons as
``[1] Label  [2] Label`` (one keyboard row per line); documents are saved into ``--out-dir``.

What you type:
  teks atau /perintah       sent to the bot as that person
  N (a bare number)         presses button [N] of the latest message with buttons — except when
                            the bot asks for text and offers no choices (only Kembali/Batal), e.g.
                            the angka kredit "25", or has no button [N]: then it is sent as text
  'TEKS                     always sent as text ('3 sends "3")
  /as NIP                   act as another employee (linked on first use; submissions waiting for
                            them arrive as on Telegram); /as alone lists who is in the database
  !berkas PATH              uploads a local file
  /keluar (or EOF)          ends the session

``--demo`` loads the seed's BKPSDM Kebumen roster into the configured database and starts as
Sekar Satiti (NIP 199106112012062001, a JF whose penilai is Bawono, NIP 198103021999121001), so a
whole round trip can be played: /skp … Ajukan, then ``/as 198103021999121001`` to approve, then
``/as 199106112012062001`` to see the result. ``--nip NIP`` starts as that employee instead.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import col, select

from bot.testing.fake_telegram import (
    AnyApplication,
    FakeBotApi,
    FakeMessage,
    FakeTelegram,
    FakeUser,
    html_to_plain,
    iter_new_messages,
)

if TYPE_CHECKING:
    from bot.settings import Settings
    from bot.storage.db import Database

CONSOLE_USER_ID = 1000001
CONSOLE_FIRST_NAME = "Konsol"
DEMO_NIP = "199106112012062001"  # Sekar Satiti, JF
CONSOLE_DATABASE_URL = "sqlite:///skp-console.sqlite3"
HELP = "Ketik pesan atau /perintah; angka [1] [2] menekan tombol; /keluar untuk keluar"
HELP_EXTRA = (
    "Angka dikirim sebagai teks bila bot meminta teks tanpa pilihan (mis. AK 25); 'TEKS selalu teks. "
    "/as NIP berganti pegawai. !berkas PATH mengunggah berkas lokal ke bot."
)
NAVIGATION = {"⬅️ Kembali", "✖️ Batal"}

DESCRIPTION = """\
Coba bot SKP di terminal, tanpa Telegram: bot yang sama berjalan di atas Bot API tiruan,
tidak ada yang keluar dari komputer ini. Pesan bot dicetak sebagai teks, tombolnya sebagai
[1] Label  [2] Label; dokumen PDF/DOCX disimpan ke --out-dir.

Yang dapat diketik:
  teks atau /perintah   dikirim ke bot sebagai pegawai yang sedang diperankan
  N (angka saja)        menekan tombol [N] pada pesan terakhir yang bertombol — kecuali bila bot
                        meminta teks dan tidak menawarkan pilihan (hanya Kembali/Batal), misalnya
                        angka kredit "25", atau tidak ada tombol [N]: angkanya dikirim sebagai teks
  'TEKS                 selalu dikirim sebagai teks ('3 mengirim "3")
  /as NIP               berganti peran menjadi pegawai lain (ditautkan saat pertama dipakai;
                        pengajuan yang menunggunya langsung tiba); /as saja menampilkan daftar NIP
  !berkas PATH          mengunggah berkas lokal ke bot
  /keluar               selesai (juga Ctrl-D)

Contoh satu putaran persetujuan dengan --demo (mulai sebagai Sekar Satiti, JF):
  /skp … 📨 Ajukan          lalu  /as 198103021999121001   (Bawono, pejabat penilainya)
  ✅ Setujui                 lalu  /as 199106112012062001   (kembali ke Sekar: SKP disetujui)

Basis data: DATABASE_URL bila diisi, selain itu sqlite:///skp-console.sqlite3 di folder ini.
"""
EXIT_COMMANDS = {"/keluar", "/exit", "/quit"}

AppFactory = Callable[..., AnyApplication]


async def check_console_nip(settings: Settings, raw: str) -> tuple[str | None, str | None]:
    """(NIP digits, None), or (None, a sentence saying why the console cannot log in as `raw`).

    `--nip` works on the bot's own database (DATABASE_URL), so the roster must be imported there."""
    from sqlalchemy.engine import make_url

    from bot.storage import repo
    from bot.storage.db import Database
    from bot.storage.migrate import upgrade_async
    from skp_domain.errors import DomainError
    from skp_domain.nip import parse_nip

    try:
        nip = parse_nip(raw).digits
    except DomainError as exc:
        return None, f"NIP {raw.strip()} tidak sah: {exc.message}"
    where = make_url(settings.database_url).render_as_string(hide_password=True)
    db = Database(settings.database_url)
    try:
        await upgrade_async(db.engine, db.url)
        async with db.session() as session:
            employee = await repo.employee_by_nip(session, nip)
    finally:
        await db.dispose()
    if employee is None:
        return None, (f"NIP {nip} tidak ada di basis data {where}. Impor daftar pegawai ke basis data yang sama "
                      "(skp-bot import-roster FILE, dengan DATABASE_URL yang sama), atau coba --demo.")
    if not employee.active:
        return None, f"{employee.nama} (NIP {nip}) sudah tidak aktif di daftar pegawai (mutasi/pensiun)."
    return nip, None


def console_settings(settings: Settings) -> Settings:
    """Console defaults on top of the environment's settings: never a real token, and
    ``sqlite:///skp-console.sqlite3`` (in the cwd) unless DATABASE_URL was set explicitly."""
    update: dict[str, Any] = {"telegram_bot_token": None}
    if "database_url" not in settings.model_fields_set:
        update["database_url"] = CONSOLE_DATABASE_URL
    return settings.model_copy(update=update)


def format_buttons(msg: FakeMessage) -> list[str]:
    """``[1] Label  [2] Label`` lines, one per keyboard row, numbered across the keyboard."""
    lines: list[str] = []
    n = 0
    for row in msg.reply_markup or []:
        cells = []
        for button in row:
            n += 1
            label = button.get("text", "")
            if "url" in button:
                label += f" ({button['url']})"
            cells.append(f"[{n}] {label}")
        lines.append("  ".join(cells))
    return lines


def _unique_path(out_dir: Path, filename: str, content: bytes) -> Path:
    name = Path(filename).name or "dokumen.bin"
    path = out_dir / name
    stem, suffix = path.stem, path.suffix
    n = 2
    while path.exists() and path.read_bytes() != content:
        path = out_dir / f"{stem}-{n}{suffix}"
        n += 1
    return path


class ConsoleView:
    """Prints what changed in the chat of the person the console acts as since the last flush;
    tells about messages waiting for the other people it has acted as."""

    def __init__(
        self, tg: FakeTelegram, user: FakeUser, out_dir: Path, print_fn: Callable[[str], Any]
    ) -> None:
        self.tg = tg
        self.api = tg.api
        self.user = user
        self.out_dir = out_dir
        self.print = print_fn
        self.seen_by_chat: dict[int, dict[int, int]] = {}
        self.saved: dict[tuple[int, int], Path] = {}
        self.answers_seen = len(self.api.callback_answers)
        self.errors_seen = len(tg.errors)
        self.others: dict[int, str] = {}  # chat id -> "NAMA (NIP)" of people acted as before
        self.told: dict[int, int] = {}  # chat id -> unseen count already announced

    @property
    def seen(self) -> dict[int, int]:
        return self.seen_by_chat.setdefault(self.user.chat_id, {})

    def switch(self, user: FakeUser, label: str, previous_label: str) -> None:
        """Act as `user` from now on; the previous person's chat is watched for new messages."""
        if user.chat_id != self.user.chat_id:
            self.others[self.user.chat_id] = previous_label
        self.others.pop(user.chat_id, None)
        self.told.pop(user.chat_id, None)
        self.user = user

    def latest_keyboard(self) -> FakeMessage | None:
        for msg in reversed(self.user.messages):
            if msg.reply_markup:
                return msg
        return None

    def flush(self) -> None:
        for answer in self.api.callback_answers[self.answers_seen :]:
            if answer.get("text"):
                mark = "🔔" if answer.get("show_alert") else "💬"
                self.print(f"{mark} {answer['text']}")  # Telegram shows it raw, no parse_mode
        self.answers_seen = len(self.api.callback_answers)
        for msg in iter_new_messages(self.api, self.user.chat_id, self.seen):
            self._print_message(msg)
        for _, error in self.tg.errors[self.errors_seen :]:
            self.print(f"⚠️ galat di bot: {type(error).__name__}: {error}")
        self.errors_seen = len(self.tg.errors)
        for chat_id, label in self.others.items():
            seen = self.seen_by_chat.setdefault(chat_id, {})
            unseen = sum(
                1 for m in self.api.messages.get(chat_id, {}).values()
                if m.from_bot and not m.deleted and seen.get(m.message_id) != m.edited
            )
            if unseen and unseen != self.told.get(chat_id):
                nip = label.rsplit("NIP ", 1)[-1].rstrip(")")
                self.print(f"📬 {unseen} pesan baru untuk {label} — ketik /as {nip}")
                self.print("")
            self.told[chat_id] = unseen

    def _print_message(self, msg: FakeMessage) -> None:
        text = msg.plain if msg.plain is not None else html_to_plain(msg.text or "")
        prefix = "✏️ " if msg.edited else ""
        key = (msg.chat_id, msg.message_id)
        if msg.kind == "text":
            self.print(f"{prefix}{text}")
        else:
            if key not in self.saved and msg.document is not None:
                self.out_dir.mkdir(parents=True, exist_ok=True)
                path = _unique_path(self.out_dir, msg.filename or f"{msg.kind}.bin", msg.document)
                path.write_bytes(msg.document)
                self.saved[key] = path
            where = self.saved.get(key)
            icon = "📄" if msg.kind == "document" else "🖼"
            self.print(f"{icon} disimpan: {where}" if where else f"{icon} {msg.kind} {msg.filename or ''}")
            if text:
                self.print(f"{prefix}{text}")
        for line in format_buttons(msg):
            self.print(line)
        self.print("")


def _read_local(raw: str) -> tuple[str, bytes] | str:
    """(filename, bytes) of a local file, or an error message."""
    path = Path(raw.strip()).expanduser()
    if not path.is_file():
        return f"Berkas tidak ditemukan: {path}"
    return path.name, path.read_bytes()


class Console:
    """One console session: the application, its database (None for a test app), who acts."""

    def __init__(self, app: AnyApplication, tg: FakeTelegram, view: ConsoleView, db: Database | None) -> None:
        self.app, self.tg, self.view, self.db = app, tg, view, db
        self.label = f"pengguna konsol ({CONSOLE_USER_ID})"

    async def expects_text(self) -> bool:
        """The current wizard step asks for text (the database knows; a test app has none)."""
        if self.db is None:
            return False
        from bot.storage.models import WizardSession
        from conversations.engine import FLOWS_KEY

        flows = self.app.bot_data.get(FLOWS_KEY)
        async with self.db.session() as session:
            wizard = await session.get(WizardSession, self.view.user.user_id)
        step = flows.get(wizard.step) if flows is not None and wizard is not None and wizard.step else None
        return bool(step is not None and step.accepts_text)

    async def handle(self, line: str) -> None:
        view, user = self.view, self.view.user
        if line.startswith("'"):
            await user.send(line[1:])
            return
        if line.split("@", 1)[0] == "/as" or line.startswith("/as "):
            await self.act_as(line[3:].strip())
            return
        if line.isdigit():
            msg = view.latest_keyboard()
            choices = [b for b in (msg.buttons if msg else []) if b not in NAVIGATION]
            number = int(line)
            no_such_button = msg is None or not 1 <= number <= len(msg.buttons)
            if (not choices or no_such_button) and await self.expects_text():
                await user.send(line)  # e.g. the angka kredit "25", a JPT index "83": the step asks for text
                return
            if msg is None:
                view.print("Tidak ada tombol untuk ditekan.")
                return
            if not 1 <= number <= len(msg.buttons):
                view.print(f"Tombol [{number}] tidak ada; pilih 1-{len(msg.buttons)}.")
                return
            try:
                await user.press(number - 1, message=msg)
            except AssertionError as exc:
                view.print(f"Tombol tidak bisa ditekan: {exc}")
            return
        if line.startswith("!berkas "):
            local = _read_local(line.removeprefix("!berkas "))
            if isinstance(local, str):
                view.print(local)
                return
            await user.send_document_file(*local)
            return
        await user.send(line)

    async def act_as(self, nip: str) -> None:
        """`/as NIP`: act as that employee, linked to a console account on first use."""
        view = self.view
        if self.db is None:
            view.print("/as butuh basis data bot (jalankan dengan --demo atau --nip).")
            return
        from bot.storage.models import Employee

        digits = "".join(ch for ch in nip if ch.isdigit())
        async with self.db.session() as session:
            if not digits:
                people = list((await session.exec(select(Employee).order_by(col(Employee.id)).limit(30))).all())
                view.print("Pakai: /as NIP. Pegawai di basis data:")
                for e in people:
                    view.print(f"  {e.nip}  {e.nama} — {e.jabatan}")
                view.print("")
                return
            employee = (await session.exec(select(Employee).where(Employee.nip == digits))).first()
        if employee is None:
            view.print(f"NIP {digits} tidak ada di daftar pegawai. Ketik /as untuk melihat daftarnya.")
            return
        telegram_id = employee.telegram_id
        if telegram_id is None:
            from bot.services.linking import link_directly

            telegram_id = CONSOLE_USER_ID + (employee.id or 0) * 10
            await link_directly(self.db, employee.nip, telegram_id, telegram_id)
        user = self.tg.user(telegram_id, employee.nama.split(",")[0].title()[:30])
        label = f"{employee.nama} (NIP {employee.nip})"
        view.switch(user, label, self.label)
        self.label = label
        view.print(f"👤 Sekarang sebagai {label}.")
        view.print("")
        if employee.telegram_id is None:  # just linked: what waited for them arrives now
            from telegram.ext import CallbackContext

            from conversations.approval import deliver_waiting_submissions

            async with self.db.session() as session:
                fresh = await session.get(Employee, employee.id)
            if fresh is not None:
                await deliver_waiting_submissions(CallbackContext(self.app), fresh)

    async def settle(self) -> None:
        """Messages the outbox holds (notices to other people) go out before the next line."""
        if self.db is None:
            return
        from bot.tg.outbox_worker import drain

        await drain(self.app)


async def run_console(
    settings: Settings,
    *,
    nip: str | None,
    demo: bool,
    out_dir: Path,
    input_fn: Callable[[str], str] = input,
    print_fn: Callable[[str], Any] = print,
    app_factory: AppFactory | None = None,
) -> int:
    """Run the bot on a fake Bot API, reading lines from ``input_fn``. Returns an exit code.

    ``app_factory`` (tests only) replaces ``bot.app.build_application``; it is called as
    ``app_factory(settings, request=api, get_updates_request=api)``.
    """
    from bot.storage.db import Database

    api = FakeBotApi()
    db: Database | None = None
    if app_factory is None:
        from bot.app import build_application

        db = Database(settings.database_url)
        kwargs: dict[str, Any] = {"request": api, "get_updates_request": api}
        if "database" in inspect.signature(build_application).parameters:
            kwargs["database"] = db
        app = build_application(settings, **kwargs)
    else:
        app = app_factory(settings, request=api, get_updates_request=api)

    tg = FakeTelegram(app, api, raise_errors=False)
    user = tg.user(CONSOLE_USER_ID, CONSOLE_FIRST_NAME)
    await tg.start()  # initialize + post_init (migrations, command menu, jobs) + start; no polling
    try:
        label = None
        if demo or nip:
            if db is None:
                db = Database(settings.database_url)
            code, label = await _prepare_account(db, nip=nip, demo=demo, print_fn=print_fn)
            if code:
                return code
            print_fn(await _admin_note(db, settings))
        print_fn(HELP)
        print_fn(HELP_EXTRA)
        view = ConsoleView(tg, user, out_dir, print_fn)
        console = Console(app, tg, view, db if app_factory is None else None)
        if label:
            console.label = label
        view.flush()  # anything jobs sent at start-up
        while True:
            try:
                line = input_fn("» ").strip()
            except (EOFError, KeyboardInterrupt):
                print_fn("")
                return 0
            if not line:
                continue
            if line.split("@", 1)[0] in EXIT_COMMANDS:
                return 0
            await console.handle(line)
            await console.settle()
            view.flush()
    finally:
        await tg.stop()
        if db is not None:
            await db.dispose()


async def _prepare_account(
    db: Any, *, nip: str | None, demo: bool, print_fn: Callable[[str], Any]
) -> tuple[int, str | None]:
    """Load demo data / link the console user. Returns (a non-zero exit code on failure, who)."""
    from bot.services.linking import link_directly

    if demo:
        from bot.services.demo import load_demo_data

        try:
            codes = await load_demo_data(db)
        except Exception as exc:
            print_fn(f"Data demo gagal dimuat: {type(exc).__name__}: {exc}")
            return 2, None
        print_fn(f"Data demo dimuat ({len(codes)} pegawai).")
        for demo_nip, code in list(codes.items())[:3]:
            print_fn(f"  kode aktivasi {demo_nip}: {code}")
        nip = nip or DEMO_NIP
    assert nip is not None
    try:
        await link_directly(db, nip, CONSOLE_USER_ID, CONSOLE_USER_ID)
    except Exception as exc:
        print_fn(f"NIP {nip} tidak dapat ditautkan: {type(exc).__name__}: {exc}")
        return 2, None
    from bot.storage.models import Employee

    async with db.session() as session:
        employee = (await session.exec(select(Employee).where(Employee.nip == nip))).first()
    print_fn(f"Akun konsol ditautkan ke NIP {nip}. Mulai dengan /skp; /as NIP untuk berganti pegawai.")
    return 0, f"{employee.nama} (NIP {nip})" if employee is not None else None


async def _admin_note(db: Any, settings: Settings) -> str:
    """How admins are recognised in the console, and whether this console account is one."""
    from bot.services import admins

    async with db.session() as session:
        admin = await admins.is_admin(session, settings.skp_admin_ids, CONSOLE_USER_ID)
    state = "admin (/periode, /siaran, /rekap tersedia)" if admin else "bukan admin"
    return (f"Akun konsol: {state}. Di konsol, admin dikenali seperti di Telegram: ID akun konsol "
            f"({CONSOLE_USER_ID}) ada di SKP_ADMIN_IDS (atau jalankan dengan --admin), atau NIP yang ditautkan "
            "diberi hak admin (skp-bot admin grant NIP).")


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    """Arguments of ``skp-bot console`` (pass a subparser to add them to it)."""
    parser = parser or argparse.ArgumentParser(
        prog="skp-bot console", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--nip", help="mulai sebagai pegawai ber-NIP ini, di basis data bot (DATABASE_URL; spasi boleh); "
        "/as NIP berganti pegawai",
    )
    parser.add_argument(
        "--demo", action="store_true",
        help="muat data contoh BKPSDM Kebumen (10 pegawai, periode aktif, SKP atasan disetujui) "
        "dan mulai sebagai Sekar Satiti",
    )
    parser.add_argument(
        "--out-dir", "--out",
        type=Path,
        default=Path("skp-dokumen"),
        help="folder penyimpanan PDF/DOCX kiriman bot (bawaan: skp-dokumen)",
    )
    parser.add_argument(
        "--admin", action="store_true", help="akun konsol juga admin (seperti id di SKP_ADMIN_IDS)"
    )
    return parser


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    """Entry point for ``skp-bot console [--nip NIP | --demo] [--out-dir DIR]``."""
    args = build_parser().parse_args(argv)
    return run_from_args(args, settings)


def run_from_args(args: argparse.Namespace, settings: Settings | None = None) -> int:
    from bot.settings import Settings

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = console_settings(settings or Settings())
    return asyncio.run(run_console(settings, nip=args.nip, demo=args.demo, out_dir=args.out_dir))


if __name__ == "__main__":
    raise SystemExit(main())
