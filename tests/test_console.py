"""`skp-bot console`: the rendering loop on a tiny app, and the real bot in demo mode."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.constants import ParseMode
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.console import CONSOLE_USER_ID, HELP, console_settings, run_console
from bot.settings import Settings
from bot.testing.fake_telegram import AnyApplication, fake_application_builder


def scripted(lines: list[str]) -> Callable[[str], str]:
    feed: Iterator[str] = iter(lines)

    def input_fn(prompt: str) -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    return input_fn


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message
    await update.effective_message.reply_text(
        "<b>Menu</b> utama &amp; pilihan",
        parse_mode=ParseMode.HTML,
        reply_markup=InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton("Susun", callback_data="s"),
                    InlineKeyboardButton("Unduh", callback_data="d"),
                ],
                [InlineKeyboardButton("Bantuan", callback_data="h")],
            ]
        ),
    )


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query and update.effective_chat
    if query.data == "d":
        await query.answer("Menyiapkan…")
        await context.bot.send_document(
            update.effective_chat.id,
            InputFile(b"%PDF", filename="skp.pdf"),
            caption="SKP <i>Anda</i>",
            parse_mode=ParseMode.HTML,
        )
    elif query.data == "h":
        await query.answer("Tidak ada bantuan", show_alert=True)
    else:
        await query.answer()
        await query.edit_message_text("Langkah 1 dari 3")


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message and update.message.text
    await update.message.reply_text(f"Anda menulis: {update.message.text}")


async def fail(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    raise RuntimeError("rusak")


def tiny_factory(settings: Settings, **kwargs: Any) -> AnyApplication:
    app = fake_application_builder(kwargs["request"]).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("rusak", fail))
    app.add_handler(CallbackQueryHandler(button))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return app


async def test_console_loop_renders_messages_buttons_documents(tmp_path: Path) -> None:
    out: list[str] = []
    code = await run_console(
        Settings(_env_file=None),
        nip=None,
        demo=False,
        out_dir=tmp_path / "dok",
        input_fn=scripted(["/start", "9", "2", "3", "1", "halo", "", "/rusak", "/keluar", "tidak dibaca"]),
        print_fn=out.append,
        app_factory=tiny_factory,
    )
    assert code == 0
    text = "\n".join(out)
    assert out[0] == HELP
    assert "Menu utama & pilihan\n[1] Susun  [2] Unduh\n[3] Bantuan" in text
    assert "Tombol [9] tidak ada; pilih 1-3." in text
    assert "💬 Menyiapkan…" in text
    saved = tmp_path / "dok" / "skp.pdf"
    assert saved.read_bytes() == b"%PDF"
    assert f"📄 disimpan: {saved}\nSKP Anda" in text
    assert "🔔 Tidak ada bantuan" in text
    assert "✏️ Langkah 1 dari 3" in text
    assert "Anda menulis: halo" in text
    assert "⚠️ galat di bot: RuntimeError: rusak" in text
    assert "tidak dibaca" not in text


async def test_console_eof_exits_cleanly(tmp_path: Path) -> None:
    out: list[str] = []
    code = await run_console(
        Settings(_env_file=None),
        nip=None,
        demo=False,
        out_dir=tmp_path,
        input_fn=scripted([]),
        print_fn=out.append,
        app_factory=tiny_factory,
    )
    assert code == 0
    assert "Tidak ada tombol" not in "\n".join(out)


def test_console_settings_never_use_a_real_token(monkeypatch: Any) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = console_settings(Settings(_env_file=None, telegram_bot_token="1:real"))
    assert settings.telegram_bot_token is None
    assert settings.database_url == "sqlite:///skp-console.sqlite3"
    monkeypatch.setenv("DATABASE_URL", "sqlite:///lain.sqlite3")
    assert console_settings(Settings(_env_file=None)).database_url == "sqlite:///lain.sqlite3"


async def test_console_demo_runs_the_real_bot(tmp_path: Path) -> None:
    """The real wiring: demo data, the console user linked to Sekar Satiti, /skp answers."""
    settings = Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'console.sqlite3'}")
    out: list[str] = []
    code = await run_console(
        settings,
        nip=None,
        demo=True,
        out_dir=tmp_path / "dok",
        input_fn=scripted(["/skp", "1", "/keluar"]),
        print_fn=out.append,
    )
    text = "\n".join(out)
    assert code == 0, text
    assert "Akun konsol ditautkan ke NIP 199106112012062001" in text
    after_skp = out[out.index(HELP) + 2 :]
    assert any(line.strip() for line in after_skp), text  # the bot answered /skp
    assert "galat di bot" not in text, text
    assert CONSOLE_USER_ID == 1000001


async def test_console_plays_a_whole_approval_round_trip_with_as(tmp_path: Path) -> None:
    """One console: Sekar drafts (the AK "25" she types is text, not button 25) and submits; /as
    switches to her penilai, whose prompt is waiting; Setujui; /as back to Sekar, who sees it."""
    settings = Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'console.sqlite3'}")
    out: list[str] = []
    lines = [
        "/skp", "1", "1", "2", "Promosi ASN terlaksana sesuai peraturan", "1",
        "1", "1 dokumen", "1", "100 %", "1", "12 bulan",
        "25",  # the angka kredit: the step asks for text and offers no choice, so it is text
        "1", "2",  # Simpan, Selesai
        "4", "1",  # Ajukan, Ya, ajukan
        "/as 198103021999121001",
        "1",  # Setujui on the prompt that was waiting for Bawono
        "/as 199106112012062001",
        "/as",
        "/as 123",
        "/keluar",
    ]
    code = await run_console(
        settings, nip=None, demo=True, out_dir=tmp_path / "dok", input_fn=scripted(lines), print_fn=out.append
    )
    text = "\n".join(out)
    assert code == 0, text
    assert "galat di bot" not in text, text
    assert "AK: 25,000" in text
    assert "SKP Anda telah diajukan kepada BAWONO ANDI WIDODO, S.STP." in text
    assert "👤 Sekarang sebagai BAWONO ANDI WIDODO, S.STP. (NIP 198103021999121001)." in text
    as_kabid = text.index("👤 Sekarang sebagai BAWONO")
    assert text.index("📨 Pengajuan SKP — SKP Tahun 2027", as_kabid) > as_kabid  # the prompt arrived
    assert "[1] ✅ Setujui  [2] ✍️ Minta revisi" in text[as_kabid:]
    assert "💬 ✅ SKP disetujui." in text
    assert "📬 3 pesan baru untuk SEKAR SATITI, S.STP. (NIP 199106112012062001) — ketik /as 199106112012062001" in text
    back = text.index("👤 Sekarang sebagai SEKAR SATITI")
    assert "🎉 SKP Anda telah disetujui oleh BAWONO ANDI WIDODO, S.STP." in text[back:]
    assert "198504122010012003  OKTI SULISTIYANI, S.T." in text  # /as alone lists people
    assert "NIP 123 tidak ada di daftar pegawai" in text
    saved = sorted(p.name for p in (tmp_path / "dok").iterdir())
    assert "SKP_2027_199106112012062001-2.pdf" in saved  # the final document, beside the draft sent to Bawono


async def test_console_broadcast_shows_the_announcement_and_its_final_report(tmp_path: Path) -> None:
    """An admin trying /siaran in the console sees, before the next prompt, the announcement
    itself, the progress message finished and the report — not only at exit."""
    settings = Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'console.sqlite3'}",
                        skp_admin_ids=[CONSOLE_USER_ID])
    out: list[str] = []
    lines = ["/siaran", "Rapat SKP besok pukul 09.00 di aula.", "1", "1", "MARK", "/keluar"]
    code = await run_console(
        settings, nip=None, demo=True, out_dir=tmp_path / "dok", input_fn=scripted(lines), print_fn=out.append
    )
    text = "\n".join(out)
    assert code == 0, text
    assert "galat di bot" not in text, text
    before_next_line = text[: text.index("Ketik /skp untuk menyusun")]  # the bot's answer to MARK
    assert "📢 Pengumuman SKP\n\nRapat SKP besok pukul 09.00 di aula." in before_next_line
    assert "✏️ 📨 Siaran #1 — selesai" in before_next_line
    assert "terkirim 1 / gagal 0 / diblokir 0 dari 1" in before_next_line
    assert "✅ Siaran #1 selesai." in before_next_line


def test_console_help_explains_its_options(capsys: Any) -> None:
    import pytest

    from bot.cli import main

    with pytest.raises(SystemExit) as done:
        main(["console", "--help"])
    assert done.value.code == 0
    shown = capsys.readouterr().out
    for needle in ("--demo", "--nip NIP", "--out-dir", "/as NIP", "angka kredit", "'TEKS", "/keluar"):
        assert needle in shown, needle
