"""The one place that wires the Application: settings, database, handlers (`conversations.registry`),
jobs, and the start/stop hooks."""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommandScopeAllPrivateChats
from telegram.error import TelegramError
from telegram.ext import Application, Defaults
from telegram.request import BaseRequest

from bot.jobs import arm_jobs, stop_jobs
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.migrate import upgrade_async
from bot.tg.deps import Deps
from bot.tg.http_client import AiohttpRequest
from bot.tg.menus import USER_COMMANDS
from bot.tg.rate_limit import ChatRateLimiter
from bot.tg.update_order import PerUserOrder
from conversations import registry

log = logging.getLogger(__name__)


async def post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    d: Deps = application.bot_data["deps"]
    await upgrade_async(d.db.engine, d.db.url)
    try:
        await application.bot.set_my_commands(USER_COMMANDS, scope=BotCommandScopeAllPrivateChats())
    except TelegramError:
        log.warning("could not set the command menu")
    await arm_jobs(application)


async def post_stop(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Stop the outbox worker and scheduler while the bot's HTTP client is still open."""
    await stop_jobs(application)


async def post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    d: Deps = application.bot_data["deps"]
    await d.db.dispose()


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    rate_limiter: bool = False,
    database: Database | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else "0:offline"
    builder = (
        Application.builder()
        .token(token)
        .base_url(settings.bot_base_url)
        .base_file_url(settings.bot_file_base_url)
        .defaults(Defaults(tzinfo=settings.tz))
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
        .concurrent_updates(PerUserOrder(settings.skp_concurrent_updates, settings.skp_max_queued_per_sender))
    )
    if request is None and settings.skp_http_client == "aiohttp":
        request, get_updates_request = AiohttpRequest(256), get_updates_request or AiohttpRequest(2)
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    if rate_limiter:
        # Per chat only (no overall bucket on replies); broadcasts pace themselves in the outbox.
        builder = builder.rate_limiter(ChatRateLimiter(max_retries=2))  # type: ignore[arg-type]
    application = builder.build()
    application.bot_data["deps"] = Deps(settings=settings, db=database or Database(settings.database_url))

    registry.register(application)
    return application
