"""Ceiling benchmark: a bare PTB echo bot on the FakeBotApi transport.

    python bench/echo_baseline.py --users 200 --messages 20

Every user sends ``--messages`` texts one after another (waiting for each reply); users run
concurrently. The bot is a single MessageHandler that answers with ``reply_text``. Whatever the real
bot achieves with the same driver (bench/loadgen.py, same ``--mode``) is bounded by this figure:
it is PTB's own per-update cost plus the fake transport (JSON in/out), with no database/templates.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bot` and `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from telegram import Update
from telegram.ext import ContextTypes, MessageHandler, filters

from bench.loadgen import LoadReport, add_common_arguments, api_from_args, run_load
from bot.testing.fake_telegram import AnyApplication, FakeBotApi, FakeUser, fake_application_builder


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.message and update.message.text:
        await update.message.reply_text(update.message.text)


def build_echo_app(api: FakeBotApi, concurrent_updates: int | bool = False) -> AnyApplication:
    app = fake_application_builder(api).concurrent_updates(concurrent_updates).build()
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return app


async def run_echo(
    api: FakeBotApi,
    *,
    users: int,
    messages: int,
    concurrency: int | None = None,
    mode: str = "direct",
    concurrent_updates: int | bool = False,
) -> LoadReport:
    app = build_echo_app(api, concurrent_updates)

    async def scenario(user: FakeUser) -> None:
        for i in range(messages):
            await user.send(f"pesan {i} dari {user.user_id}")

    return await run_load(
        app,
        scenario,
        users=users,
        api=api,
        concurrency=concurrency,
        mode="processor" if mode == "processor" else "direct",
        label="echo-baseline",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_common_arguments(parser)
    parser.add_argument("--messages", type=int, default=20, help="messages per user (20)")
    parser.add_argument(
        "--concurrent-updates",
        type=int,
        default=0,
        help="app.concurrent_updates for --mode processor (0 = PTB default, sequential)",
    )
    args = parser.parse_args(argv)
    api = api_from_args(args)
    report = asyncio.run(
        run_echo(
            api,
            users=args.users,
            messages=args.messages,
            concurrency=args.concurrency,
            mode=args.mode,
            concurrent_updates=args.concurrent_updates or False,
        )
    )
    print(json.dumps(report.as_dict(), indent=2) if args.json else report.format())
    expected = args.users * args.messages
    if report.bot_messages != expected or report.errors:
        print(
            f"MISMATCH: expected {expected} replies, got {report.bot_messages}, errors {report.errors}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
