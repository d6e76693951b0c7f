"""A bare python-telegram-bot echo bot that polls a Bot API at ``--base-url`` (the ceiling for
bench/bench_e2e.py: same transport, same process model as ``skp-bot run``, no database).

    python bench/echo_polling_bot.py --base-url http://127.0.0.1:8081 --token 123:ECHO

Every text message is answered with ``reply_text`` of the same text. ``--client aiohttp`` swaps
PTB's default httpx client for the one skp-bot uses, for a like-for-like ceiling. ``--concurrent-updates``
defaults to the skp-bot's own SKP_CONCURRENT_UPDATES default, so both bots may work on as many
updates at once. Stops on SIGINT/SIGTERM like ``skp-bot run``.
"""

from __future__ import annotations

import argparse
import logging

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.message and update.message.text:
        await update.message.reply_text(update.message.text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", required=True, help="the Bot API root (the bot appends /bot<token>)")
    parser.add_argument("--token", default="123456:ECHO")
    parser.add_argument("--concurrent-updates", type=int, default=64)
    parser.add_argument("--client", choices=["httpx", "aiohttp"], default="httpx",
                        help="PTB's default httpx client, or the aiohttp one skp-bot uses")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    builder = (
        Application.builder()
        .token(args.token)
        .base_url(f"{args.base_url}/bot")
        .base_file_url(f"{args.base_url}/file/bot")
        .concurrent_updates(args.concurrent_updates)
    )
    if args.client == "aiohttp":
        from bot.tg.http_client import AiohttpRequest

        builder = builder.request(AiohttpRequest(256)).get_updates_request(AiohttpRequest(2))
    app = builder.build()
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.run_polling()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
