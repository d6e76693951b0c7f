"""`skp-bot console`: try the real bot in a terminal, without Telegram.

The real Application (``bot.app.build_application``) runs on :class:`bot.testing.fake_telegram.FakeBotApi`;
nothing leaves the machine (the token is replaced by an offline one). Lines typed are sent as the
console user (Telegram id 1000001); a bare number ``N`` presses button ``[N]`` of the most recent
message that has buttons; ``!berkas PATH`` uploads a local file; ``/keluar`` or EOF ends the session.
Bot messages are printed as plain text, their buttons as ``[1] Label  [2] Label`` (one keyboard row
per line); documents are saved into ``out_dir``.

``--demo`` loads the demo roster into the configured database and links the console user to
Sekar Satiti (NIP 199106112012062001, a JF), so ``/skp`` works right away; ``--nip NIP`` links the
console user to an existing employee instead.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

CONSOLE_USER_ID = 1000001
CONSOLE_FIRST_NAME = "Konsol"
DEMO_NIP = "199106112012062001"  # Sekar Satiti, JF
CONSOLE_DATABASE_URL = "sqlite:///skp-console.sqlite3"
HELP = "Ketik pesan atau /perintah; angka [1] [2] menekan tombol; /keluar untuk keluar"
HELP_EXTRA = "!berkas PATH mengunggah berkas lokal ke bot."
EXIT_COMMANDS = {"/keluar", "/exit", "/quit"}

AppFactory = Callable[..., AnyApplication]


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
    """Prints what changed in the console user's chat since the last flush."""

    def __init__(
        self, tg: FakeTelegram, user: FakeUser, out_dir: Path, print_fn: Callable[[str], Any]
    ) -> None:
        self.tg = tg
        self.api = tg.api
        self.user = user
        self.out_dir = out_dir
        self.print = print_fn
        self.seen: dict[int, int] = {}
        self.saved: dict[int, Path] = {}
        self.answers_seen = len(self.api.callback_answers)
        self.errors_seen = len(tg.errors)

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

    def _print_message(self, msg: FakeMessage) -> None:
        text = msg.plain if msg.plain is not None else html_to_plain(msg.text or "")
        prefix = "✏️ " if msg.edited else ""
        if msg.kind == "text":
            self.print(f"{prefix}{text}")
        else:
            if msg.message_id not in self.saved and msg.document is not None:
                self.out_dir.mkdir(parents=True, exist_ok=True)
                path = _unique_path(self.out_dir, msg.filename or f"{msg.kind}.bin", msg.document)
                path.write_bytes(msg.document)
                self.saved[msg.message_id] = path
            where = self.saved.get(msg.message_id)
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


async def _handle_line(line: str, view: ConsoleView, user: FakeUser) -> None:
    if line.isdigit():
        number = int(line)
        msg = view.latest_keyboard()
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
        if demo or nip:
            if db is None:
                db = Database(settings.database_url)
            code = await _prepare_account(db, nip=nip, demo=demo, print_fn=print_fn)
            if code:
                return code
        print_fn(HELP)
        print_fn(HELP_EXTRA)
        view = ConsoleView(tg, user, out_dir, print_fn)
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
            await _handle_line(line, view, user)
            view.flush()
    finally:
        await tg.stop()
        if db is not None:
            await db.dispose()


async def _prepare_account(db: Any, *, nip: str | None, demo: bool, print_fn: Callable[[str], Any]) -> int:
    """Load demo data / link the console user. Returns a non-zero exit code on failure."""
    from bot.services.linking import link_directly

    if demo:
        from bot.services.demo import load_demo_data

        try:
            codes = await load_demo_data(db)
        except Exception as exc:
            print_fn(f"Data demo gagal dimuat: {type(exc).__name__}: {exc}")
            return 2
        print_fn(f"Data demo dimuat ({len(codes)} pegawai).")
        for demo_nip, code in list(codes.items())[:3]:
            print_fn(f"  kode aktivasi {demo_nip}: {code}")
        nip = nip or DEMO_NIP
    assert nip is not None
    try:
        await link_directly(db, nip, CONSOLE_USER_ID, CONSOLE_USER_ID)
    except Exception as exc:
        print_fn(f"NIP {nip} tidak dapat ditautkan: {type(exc).__name__}: {exc}")
        return 2
    print_fn(f"Akun konsol ditautkan ke NIP {nip}. Mulai dengan /skp.")
    return 0


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    """Arguments of ``skp-bot console`` (pass a subparser to add them to it)."""
    parser = parser or argparse.ArgumentParser(
        prog="skp-bot console", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--nip", help="tautkan pengguna konsol ke pegawai ber-NIP ini")
    parser.add_argument("--demo", action="store_true", help="muat data demo dan tautkan ke Sekar Satiti")
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=Path("skp-console-dokumen"),
        help="folder penyimpanan dokumen kiriman bot (skp-console-dokumen)",
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
