"""The fake Telegram Bot API (:class:`bot.testing.fake_telegram.FakeBotApi`) served over real HTTP.

For tests that run the bot as separate processes (``skp-bot run --webhook`` with
``TELEGRAM_API_BASE_URL=http://127.0.0.1:<port>``): the bot's real httpx client calls
``POST /bot<token>/<method>`` here, and every call goes through the same
:meth:`FakeBotApi.do_request` as in-process, so answers, recorded calls, HTML checks, fault
injection and rate limits behave exactly alike.

Routes:

* ``GET|POST /bot<token>/<method>`` - a Bot API call. Bodies may be JSON,
  ``application/x-www-form-urlencoded`` (what PTB/httpx send) or ``multipart/form-data``
  (uploads, e.g. ``sendDocument``); query-string parameters work too. Form values arrive as
  strings and are decoded back to what PTB serialized (JSON objects/arrays, numbers, booleans),
  except for free-text parameters (``text``, ``caption``...), which stay strings. With
  ``token=...`` any other token gets 401 like Telegram.
* ``GET /file/bot<token>/<file_path>`` - file downloads (``getFile`` + download).
* Test inspection, all JSON:

  - ``GET /_test/health`` -> ``{"ok": true, "calls": N}``
  - ``GET /_test/messages?chat_id=N[&all=1]`` -> the chat's bot messages, oldest first (``all=1``:
    the user's messages and deleted ones too). Each: ``message_id``, ``chat_id``, ``from_bot``,
    ``kind``, ``text`` (as sent), ``plain`` (as shown), ``buttons`` (``[{"text", "callback_data",
    "url", "row", "col"}]`` flattened), ``edited``, ``history``, ``deleted``, ``filename``,
    ``mime_type``, ``size``, ``json`` (the Bot API ``Message`` object, for building a
    ``callback_query`` update).
  - ``GET /_test/calls[?method=M&chat_id=N&since=I]`` -> recorded calls: ``index``, ``method``,
    ``params``, ``chat_id``, ``status``, ``time``, ``files`` (name -> filename/size/mime).
  - ``GET /_test/callback_answers``, ``GET /_test/webhook`` (the last ``setWebhook`` params),
    ``GET /_test/commands``, ``GET /_test/warnings``
  - ``POST /_test/user_message`` ``{"chat": {...}, "from": {...}, "text": "..."}`` -> stores a
    user's text message in the chat (message ids are shared with the bot's, as in a private
    chat; ``/cmd`` gets its bot_command entity) and returns the Bot API ``Message`` object.
  - ``POST /_test/inject`` ``{"method", "error", "times", "chat_id", "retry_after"}`` ->
    :meth:`FakeBotApi.inject`; ``POST /_test/clear`` -> :meth:`FakeBotApi.clear`.

Use::

    python -m bot.testing.fake_telegram_server --port 8081            # until SIGINT/SIGTERM

    with FakeTelegramServer() as server:                      # a background thread, port 0 = free port
        env["TELEGRAM_API_BASE_URL"] = server.url
        ...
        server.call(lambda api: api.sent(9001))               # read the FakeBotApi safely

    async with FakeTelegramServer() as server:                # or on the running event loop
        ...
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import json
import logging
import re
import signal
import socket
import sys
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar, cast

import tornado.httputil
import tornado.netutil
import tornado.web
from telegram.request import RequestData
from tornado.httpserver import HTTPServer

from bot.testing.fake_telegram import FakeBotApi, FakeMessage, _command_entities

__all__ = ["FakeTelegramServer", "main", "message_dict"]

_LOGGER = logging.getLogger(__name__)
T = TypeVar("T")

# Parameters that are free text or opaque ids: a form value "1", "true" or "[x]" stays a string.
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "callback_query_id",
        "inline_message_id",
        "parse_mode",
        "url",
        "secret_token",
        "ip_address",
        "file_id",
        "title",
        "description",
        "short_description",
        "name",
        "query",
        "question",
        "explanation",
        "emoji",
        "custom_emoji_id",
        "business_connection_id",
        "language_code",
    }
)
_NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?")
_JSON_CT = "application/json"


def _decode_param(name: str, value: str) -> Any:
    """A form value back to the JSON value PTB serialized (``json_parameters`` are strings)."""
    if name in _STRING_PARAMS or not value:
        return value
    if value[0] in "{[" or value in ("true", "false", "null") or _NUMBER_RE.fullmatch(value):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class _WireRequest:
    """Duck-types :class:`telegram.request.RequestData` for :meth:`FakeBotApi.do_request`."""

    def __init__(self, parameters: dict[str, Any], files: dict[str, tuple[str, bytes, str]]) -> None:
        self.parameters = parameters
        self.multipart_data = files
        self.contains_files = bool(files)


def message_dict(api: FakeBotApi, msg: FakeMessage) -> dict[str, Any]:
    """A stored message as the ``/_test/messages`` JSON shows it."""
    buttons = [
        {
            "text": button.get("text"),
            "callback_data": button.get("callback_data"),
            "url": button.get("url"),
            "row": r,
            "col": c,
        }
        for r, row in enumerate(msg.reply_markup or [])
        for c, button in enumerate(row)
    ]
    return {
        "message_id": msg.message_id,
        "chat_id": msg.chat_id,
        "from_bot": msg.from_bot,
        "kind": msg.kind,
        "text": msg.text,
        "plain": msg.plain,
        "parse_mode": msg.parse_mode,
        "buttons": buttons,
        "reply_keyboard": msg.reply_keyboard,
        "edited": msg.edited,
        "history": list(msg.history),
        "deleted": msg.deleted,
        "filename": msg.filename,
        "mime_type": msg.mime_type,
        "size": len(msg.document) if msg.document is not None else None,
        "date": msg.date,
        "edit_date": msg.edit_date,
        "json": api.message_json(msg),
    }


def _json_dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=repr)


# --------------------------------------------------------------------------------------------
# Handlers
# --------------------------------------------------------------------------------------------


class _Base(tornado.web.RequestHandler):
    api: FakeBotApi
    token: str | None

    def initialize(self, api: FakeBotApi, token: str | None) -> None:
        self.api = api
        self.token = token

    def send_json(self, data: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(_json_dumps(data))

    def json_body(self) -> dict[str, Any]:
        if not self.request.body:
            return {}
        try:
            data = json.loads(self.request.body)
        except ValueError as exc:
            raise tornado.web.HTTPError(400, reason="body is not JSON") from exc
        if not isinstance(data, dict):
            raise tornado.web.HTTPError(400, reason="body is not a JSON object")
        return data

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        reason = self._reason or "error"
        self.set_header("Content-Type", "application/json")
        self.finish(_json_dumps({"ok": False, "error_code": status_code, "description": reason}))


class _BotApiHandler(_Base):
    """``/bot<token>/<method>``: parse the request the way Telegram accepts it, then dispatch."""

    async def get(self, token: str, method: str) -> None:
        await self._call(token, method)

    async def post(self, token: str, method: str) -> None:
        await self._call(token, method)

    def _parameters(self) -> tuple[dict[str, Any], dict[str, tuple[str, bytes, str]]]:
        params: dict[str, Any] = {}
        files: dict[str, tuple[str, bytes, str]] = {}
        for name, values in self.request.query_arguments.items():
            params[name] = _decode_param(name, values[-1].decode("utf-8", "replace"))
        content_type = self.request.headers.get("Content-Type", "")
        body = self.request.body
        if not body:
            return params, files
        if content_type.split(";", 1)[0].strip().lower() == _JSON_CT:
            data = self.json_body()
            params.update(data)
            return params, files
        args: dict[str, list[bytes]] = {}
        uploads: dict[str, list[tornado.httputil.HTTPFile]] = {}
        tornado.httputil.parse_body_arguments(content_type, body, args, uploads, self.request.headers)
        for name, values in args.items():
            params[name] = _decode_param(name, values[-1].decode("utf-8", "replace"))
        for name, parts in uploads.items():
            part = parts[-1]
            files[name] = (part.filename, part.body, part.content_type or "application/octet-stream")
        return params, files

    async def _call(self, token: str, method: str) -> None:
        if self.token is not None and token != self.token:
            self.send_json({"ok": False, "error_code": 401, "description": "Unauthorized"}, 401)
            return
        params, files = self._parameters()
        request = cast(RequestData, _WireRequest(params, files))
        status, payload = await self.api.do_request(self.request.full_url(), "POST", request)
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(payload)


class _FileHandler(_Base):
    async def get(self, token: str, path: str) -> None:
        if self.token is not None and token != self.token:
            self.send_json({"ok": False, "error_code": 401, "description": "Unauthorized"}, 401)
            return
        status, payload = await self.api.do_request(self.request.full_url(), "GET")
        self.set_status(status)
        self.set_header("Content-Type", "application/octet-stream" if status == 200 else "application/json")
        self.finish(payload)


class _TestHandler(_Base):
    """``/_test/<what>``: what the test process needs to see and do."""

    def _int_arg(self, name: str) -> int | None:
        value = self.get_query_argument(name, None)
        if value is None or value == "":
            return None
        try:
            return int(value)
        except ValueError as exc:
            raise tornado.web.HTTPError(400, reason=f"{name} must be an integer") from exc

    def get(self, what: str) -> None:
        api = self.api
        if what == "health":
            self.send_json({"ok": True, "calls": len(api.calls)})
        elif what == "messages":
            chat_id = self._int_arg("chat_id")
            if chat_id is None:
                raise tornado.web.HTTPError(400, reason="chat_id is required")
            everything = self.get_query_argument("all", "") in ("1", "true")
            stored = list(api.messages.get(chat_id, {}).values())
            shown = stored if everything else [m for m in stored if m.from_bot and not m.deleted]
            self.send_json([message_dict(api, m) for m in shown])
        elif what == "calls":
            method = self.get_query_argument("method", None)
            chat_id = self._int_arg("chat_id")
            since = self._int_arg("since") or 0
            rows = []
            for index, call in enumerate(api.calls[since:], start=since):
                if method is not None and call.method != method:
                    continue
                if chat_id is not None and call.chat_id != chat_id:
                    continue
                rows.append(
                    {
                        "index": index,
                        "method": call.method,
                        "params": call.params,
                        "chat_id": call.chat_id,
                        "status": call.status,
                        "time": call.time,
                        "files": {
                            name: {"filename": fn, "size": len(content), "mime_type": mime}
                            for name, (fn, content, mime) in call.files.items()
                        },
                    }
                )
            self.send_json(rows)
        elif what == "callback_answers":
            self.send_json(api.callback_answers)
        elif what == "webhook":
            self.send_json(api.webhook)
        elif what == "commands":
            self.send_json({key: value for key, value in api.commands.items()})
        elif what == "warnings":
            self.send_json(api.warnings)
        else:
            raise tornado.web.HTTPError(404, reason=f"no such test endpoint: {what}")

    def post(self, what: str) -> None:
        api = self.api
        body = self.json_body()
        if what == "clear":
            api.clear()
            self.send_json({"ok": True})
        elif what == "inject":
            try:
                api.inject(
                    str(body["method"]),
                    body["error"],
                    times=int(body.get("times", 1)),
                    chat_id=body.get("chat_id"),
                    retry_after=int(body.get("retry_after", 1)),
                )
            except (KeyError, ValueError) as exc:
                raise tornado.web.HTTPError(400, reason=f"bad fault: {exc}") from exc
            self.send_json({"ok": True})
        elif what == "user_message":
            self.send_json(self._user_message(body))
        else:
            raise tornado.web.HTTPError(404, reason=f"no such test endpoint: {what}")

    def _user_message(self, body: dict[str, Any]) -> dict[str, Any]:
        chat, sender, text = body.get("chat"), body.get("from"), body.get("text")
        if not isinstance(chat, dict) or not isinstance(sender, dict) or not isinstance(text, str):
            raise tornado.web.HTTPError(400, reason='need {"chat": {...}, "from": {...}, "text": "..."}')
        chat_id = int(chat["id"])
        self.api.register_chat(chat)
        if chat.get("type") != "private" and int(sender["id"]) not in self.api.chats:
            self.api.register_chat({"id": sender["id"], "type": "private", "first_name": sender.get("first_name")})
        entities = _command_entities(text)
        msg = self.api._new_message(
            chat_id, kind="text", text=text, plain=text, entities=entities, from_bot=False, sender_id=int(sender["id"])
        )
        data: dict[str, Any] = {"message_id": msg.message_id, "date": msg.date, "chat": chat, "from": sender}
        data["text"] = text
        if entities:
            data["entities"] = entities
        return data


class _NotFound(_Base):
    def prepare(self) -> None:
        self.send_json({"ok": False, "error_code": 404, "description": "Not Found"}, 404)


def make_app(api: FakeBotApi, token: str | None = None) -> tornado.web.Application:
    kwargs = {"api": api, "token": token}
    return tornado.web.Application(
        [
            (r"/bot([^/]+)/([A-Za-z0-9_]+)/?", _BotApiHandler, kwargs),
            (r"/file/bot([^/]+)/(.+)", _FileHandler, kwargs),
            (r"/_test/([a-z_]+)", _TestHandler, kwargs),
        ],
        default_handler_class=_NotFound,
        default_handler_args=kwargs,
        compress_response=False,
        log_function=_log_request,
    )


def _log_request(handler: tornado.web.RequestHandler) -> None:
    """Access log at DEBUG (tornado's default logs every 4xx as a warning; 400s are normal here)."""
    request = handler.request
    _LOGGER.debug("%s %s %s %.1fms", handler.get_status(), request.method, request.path, 1000 * request.request_time())


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------


class FakeTelegramServer:
    """A :class:`FakeBotApi` behind an HTTP server on ``host:port`` (port 0: any free port).

    Either in a background thread with its own event loop (``start``/``stop`` or ``with``), or on
    the caller's running loop (``await start_async()``/``await stop_async()`` or ``async with``).
    In thread mode the api lives on the server's loop: read or change it through :meth:`call`.
    """

    def __init__(
        self, api: FakeBotApi | None = None, *, host: str = "127.0.0.1", port: int = 0, token: str | None = None
    ) -> None:
        self.api = api if api is not None else FakeBotApi()
        self.host = host
        self.port = port
        self.token = token
        self._server: HTTPServer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stop_event: asyncio.Event | None = None

    @property
    def url(self) -> str:
        """The base URL for ``TELEGRAM_API_BASE_URL`` (the bot appends ``/bot<token>/<method>``)."""
        return f"http://{self.host}:{self.port}"

    # -- on the running loop -------------------------------------------------------------------

    async def start_async(self) -> None:
        if self._server is not None:
            raise RuntimeError("the fake Telegram server is already running")
        sockets = tornado.netutil.bind_sockets(self.port, self.host, family=socket.AF_INET)
        self.port = int(sockets[0].getsockname()[1])
        server = HTTPServer(make_app(self.api, self.token), xheaders=False)
        server.add_sockets(sockets)
        self._server = server
        self._loop = asyncio.get_running_loop()
        _LOGGER.info("fake Telegram Bot API listening on %s", self.url)

    async def stop_async(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        server.stop()
        await server.close_all_connections()

    async def __aenter__(self) -> FakeTelegramServer:
        await self.start_async()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop_async()

    # -- in a thread -----------------------------------------------------------------------------

    def start(self, timeout: float = 10.0) -> FakeTelegramServer:
        if self._thread is not None:
            raise RuntimeError("the fake Telegram server is already running")
        started: concurrent.futures.Future[None] = concurrent.futures.Future()

        async def serve() -> None:
            self._stop_event = asyncio.Event()
            try:
                await self.start_async()
            except BaseException as exc:
                started.set_exception(exc)
                return
            started.set_result(None)
            try:
                await self._stop_event.wait()
            finally:
                await self.stop_async()

        self._thread = threading.Thread(target=asyncio.run, args=(serve(),), name="fake-telegram", daemon=True)
        self._thread.start()
        try:
            started.result(timeout)
        except BaseException:
            self._thread.join(timeout)
            self._thread = None
            raise
        return self

    def stop(self, timeout: float = 10.0) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        if self._loop is not None and self._stop_event is not None:
            with contextlib.suppress(RuntimeError):  # the loop is already closed
                self._loop.call_soon_threadsafe(self._stop_event.set)
        thread.join(timeout)

    def __enter__(self) -> FakeTelegramServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def call(self, fn: Callable[[FakeBotApi], T], timeout: float = 10.0) -> T:
        """Run ``fn(api)`` on the server's loop (thread mode) and return its result."""
        loop = self._loop
        if self._thread is None or loop is None:
            return fn(self.api)
        result: concurrent.futures.Future[T] = concurrent.futures.Future()

        def run() -> None:
            try:
                result.set_result(fn(self.api))
            except BaseException as exc:
                result.set_exception(exc)

        loop.call_soon_threadsafe(run)
        return result.result(timeout)


# --------------------------------------------------------------------------------------------
# python -m bot.testing.fake_telegram_server
# --------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.testing.fake_telegram_server", description="A fake Telegram Bot API over HTTP, for tests"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081, help="0 = any free port (printed at start)")
    parser.add_argument("--token", help="accept only this bot token (default: any)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every call")
    parser.add_argument("--enforce-limits", action="store_true", help="answer 429 like Telegram's rate limits")
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser


async def _serve_forever(args: argparse.Namespace) -> None:
    api = FakeBotApi(enforce_limits=args.enforce_limits, latency=args.latency)
    server = FakeTelegramServer(api, host=args.host, port=args.port, token=args.token)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    async with server:
        print(f"fake Telegram Bot API listening on {server.url}", flush=True)
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    asyncio.run(_serve_forever(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
