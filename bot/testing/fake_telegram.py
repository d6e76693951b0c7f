"""A fake Telegram Bot API for tests, benchmarks and the offline console.

Nothing here talks to the network. :class:`FakeBotApi` is a
:class:`telegram.request.BaseRequest`: PTB's real :class:`telegram.ext.Application` /
:class:`telegram.Bot` serialize every Bot API call exactly as in production and hand it to
:meth:`FakeBotApi.do_request`, which answers with Telegram-shaped JSON and records the call.
:class:`FakeTelegram` / :class:`FakeUser` build incoming updates (messages, button presses) and feed
them to ``app.process_update``.

Building an application on the fake (the same instance serves both request slots; PTB accepts
that, and ``initialize``/``shutdown`` are idempotent here)::

    api = FakeBotApi()
    app = (
        Application.builder()
        .token(FAKE_TOKEN)              # "123:TEST"
        .request(api)
        .get_updates_request(api)
        .build()
    )
    # equivalently: fake_application_builder(api).build()
    # the project: build_application(settings, request=api, get_updates_request=api)

Driving it::

    async with FakeTelegram(app, api) as tg:   # initialize, post_init, start ... stop, shutdown
        sekar = tg.user(1001, "Sekar")
        await sekar.send("/start")
        assert "Selamat" in sekar.last.text
        await sekar.press("Lanjut")            # exact label, unique substring, or 0-based index
        assert api.callback_answers[-1]["callback_query_id"]

Conventions:

* ``FakeMessage.text`` is the text *as the bot sent it* (HTML tags included when parse_mode is
  HTML); ``FakeMessage.plain`` is what the user sees (tags stripped, entities unescaped). For
  HTML the fake validates markup like Telegram does (unsupported tag such as ``<br>`` or an
  unescaped ``<nip>`` -> 400 "can't parse entities"), MarkdownV2 is not parsed.
* Message ids are per chat and shared by user and bot messages, as in a private chat.
* Handler exceptions are captured by an error handler that the harness adds; with
  ``raise_errors=True`` (default) the exception is re-raised from ``send``/``press`` so a test
  sees the real traceback instead of a missing reply. Pass ``raise_errors=False`` when testing the
  bot's own error handling; captured errors are in ``tg.errors``.
* Updates are processed with ``await app.process_update(update)`` (``mode="direct"``) or through
  ``app.update_processor`` exactly as PTB's update fetcher does (``mode="processor"``, honours the
  app's ``concurrent_updates``). Non-blocking (``block=False``) handler tasks are awaited after
  each update (``settle=True``) when the app is running.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import re
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from types import TracebackType
from typing import Any, Literal

from telegram import Update
from telegram.error import NetworkError, TimedOut
from telegram.ext import Application, ApplicationBuilder, ContextTypes
from telegram.request import BaseRequest, RequestData

__all__ = [
    "BOT_ID",
    "BOT_USERNAME",
    "FAKE_TOKEN",
    "AnyApplication",
    "ApiCall",
    "FakeBotApi",
    "FakeMessage",
    "FakeTelegram",
    "FakeUser",
    "fake_application_builder",
    "html_to_plain",
    "iter_new_messages",
]

_LOGGER = logging.getLogger(__name__)

FAKE_TOKEN = "123:TEST"  # noqa: S105 - not a secret, the fake accepts any token
BOT_ID = 999
BOT_USERNAME = "skp_test_bot"
BOT_FIRST_NAME = "SKP Test Bot"

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
FaultKind = Literal["retry_after", "forbidden", "server_error", "timeout", "timeout_after_send", "network"]
_FAULT_KINDS = ("retry_after", "forbidden", "server_error", "timeout", "timeout_after_send", "network")

_MEDIA_KINDS = {
    "sendDocument": "document",
    "sendPhoto": "photo",
    "sendAudio": "audio",
    "sendVideo": "video",
    "sendVoice": "voice",
    "sendAnimation": "animation",
    "sendSticker": "sticker",
}
_MAX_TEXT = 4096
_MAX_CAPTION = 1024
_MAX_CALLBACK_DATA = 64
_MAX_CALLBACK_ANSWER = 200
_MARKUP_RE = re.compile(r"</?(?:b|i|u|s|code|pre|a|blockquote|tg-spoiler)\b", re.IGNORECASE)


def fake_application_builder(
    api: FakeBotApi, token: str = FAKE_TOKEN
) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
    """``Application.builder().token(token).request(api).get_updates_request(api)``."""
    return Application.builder().token(token).request(api).get_updates_request(api)


# --------------------------------------------------------------------------------------------
# HTML parse mode (what Telegram does with parse_mode="HTML")
# --------------------------------------------------------------------------------------------


class _ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            data["parameters"] = self.parameters
        return data


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}
_SUPPORTED_TAGS = {*_SIMPLE_TAGS, "a", "span", "blockquote", "tg-emoji"}


class _HtmlEntityParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pos = 0
        self.stack: list[tuple[str, int, dict[str, str | None]]] = []
        self.entities: list[dict[str, Any]] = []
        self.pre_language: dict[int, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag not in _SUPPORTED_TAGS:
            raise _ApiError(400, f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}"')
        if tag == "span" and attr.get("class") != "tg-spoiler":
            raise _ApiError(400, 'Bad Request: can\'t parse entities: Unsupported start tag "span"')
        if tag == "a" and not attr.get("href"):
            raise _ApiError(400, "Bad Request: can't parse entities: a tag without href")
        self.stack.append((tag, self.pos, attr))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise _ApiError(400, f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}"')

    def handle_endtag(self, tag: str) -> None:
        if not self.stack:
            raise _ApiError(400, f'Bad Request: can\'t parse entities: Unexpected end tag "{tag}"')
        open_tag, start, attr = self.stack.pop()
        if open_tag != tag:
            raise _ApiError(
                400,
                f'Bad Request: can\'t parse entities: Unmatched end tag, expected "</{open_tag}>", '
                f'found "</{tag}>"',
            )
        length = self.pos - start
        if tag == "code" and self.stack and self.stack[-1][0] == "pre":
            cls = attr.get("class") or ""
            if cls.startswith("language-"):
                self.pre_language[self.stack[-1][1]] = cls.removeprefix("language-")
            return
        if length <= 0:
            return
        entity: dict[str, Any] = {"offset": start, "length": length}
        if tag == "a":
            href = attr.get("href") or ""
            if href.startswith("tg://user?id="):
                entity["type"] = "text_mention"
                entity["user"] = {"id": int(href.split("=", 1)[1]), "is_bot": False, "first_name": "?"}
            else:
                entity["type"] = "text_link"
                entity["url"] = href
        elif tag == "span":
            entity["type"] = "spoiler"
        elif tag == "blockquote":
            entity["type"] = "expandable_blockquote" if "expandable" in attr else "blockquote"
        elif tag == "tg-emoji":
            entity["type"] = "custom_emoji"
            entity["custom_emoji_id"] = attr.get("emoji-id") or "0"
        else:
            entity["type"] = _SIMPLE_TAGS[tag]
            if tag == "pre" and start in self.pre_language:
                entity["language"] = self.pre_language.pop(start)
        self.entities.append(entity)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        self.pos += _utf16_len(data)


def _parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    parser = _HtmlEntityParser()
    parser.feed(text)
    parser.close()
    if parser.stack:
        raise _ApiError(
            400,
            f"Bad Request: can't parse entities: Can't find end tag corresponding to start tag "
            f'"{parser.stack[-1][0]}"',
        )
    entities = sorted(parser.entities, key=lambda e: (e["offset"], -e["length"]))
    return "".join(parser.parts), entities


def html_to_plain(text: str) -> str:
    """What a user sees for an HTML-formatted text (tags dropped, ``&lt;`` etc. unescaped).

    Lenient: markup Telegram would reject is returned with tags stripped as far as possible.
    """
    try:
        return _parse_html(text)[0]
    except _ApiError:
        stripper = _LenientStripper()
        stripper.feed(text)
        stripper.close()
        return "".join(stripper.parts)


class _LenientStripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _render(text: str, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    if parse_mode and parse_mode.upper() == "HTML":
        return _parse_html(text)
    return text, []


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass
class ApiCall:
    """One Bot API call as PTB made it. ``status`` is the HTTP status the fake answered with
    (0 when the fake raised TimedOut/NetworkError instead of answering)."""

    method: str
    params: dict[str, Any]
    chat_id: int | str | None
    time: float
    status: int = 200
    files: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)


@dataclass
class FakeMessage:
    """A message in a chat as the fake server stores it.

    ``text`` is the text or caption as sent (HTML markup included), ``plain`` is the rendered text,
    ``reply_markup`` the inline keyboard as rows of button dicts (``{"text", "callback_data"}`` or
    ``{"text", "url"}``...), ``reply_keyboard`` a reply keyboard's labels.
    """

    message_id: int
    chat_id: int
    text: str | None = None
    reply_markup: list[list[dict[str, Any]]] | None = None
    document: bytes | None = None
    filename: str | None = None
    edited: int = 0
    deleted: bool = False
    parse_mode: str | None = None
    plain: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    kind: str = "text"  # text | document | photo | sticker | audio | video | voice | animation
    from_bot: bool = True
    sender_id: int = BOT_ID
    date: int = 0
    edit_date: int | None = None
    mime_type: str | None = None
    file_id: str | None = None
    media_group_id: str | None = None
    reply_keyboard: list[list[str]] | None = None
    history: list[str | None] = field(default_factory=list)  # earlier texts, oldest first
    extra: dict[str, Any] = field(default_factory=dict)  # raw media dicts for user messages

    @property
    def caption(self) -> str | None:
        return self.text if self.kind != "text" else None

    @property
    def buttons(self) -> list[str]:
        """Inline button labels, flattened row by row."""
        return [b.get("text", "") for row in self.reply_markup or [] for b in row]

    @property
    def callback_data(self) -> list[str | None]:
        return [b.get("callback_data") for row in self.reply_markup or [] for b in row]


_FileTuple = tuple[str, bytes, str]


@dataclass
class _Fault:
    method: str
    error: FaultKind
    remaining: int
    chat_id: int | None
    retry_after: int


def _read_content(content: Any) -> bytes:
    if isinstance(content, bytes | bytearray):
        return bytes(content)
    if hasattr(content, "read"):
        data = content.read()
        return data.encode() if isinstance(data, str) else bytes(data)
    return str(content).encode()


def _as_chat_id(value: Any) -> int | str | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        return str(value)


def _as_json_obj(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _is_limited(method: str) -> bool:
    """Calls that count against Telegram's message rate limits in this fake."""
    if method == "sendChatAction":
        return False
    return method.startswith(("send", "editMessage", "copyMessage", "forwardMessage"))


# --------------------------------------------------------------------------------------------
# The fake server
# --------------------------------------------------------------------------------------------


class FakeBotApi(BaseRequest):
    """A fake Bot API server behind PTB's request interface. See the module docstring."""

    def __init__(
        self,
        *,
        enforce_limits: bool = False,
        global_per_second: int = 30,
        per_chat_per_second: int | None = 1,
        latency: float = 0.0,
        record_calls: bool = True,
        read_timeout: float | None = 5.0,
        long_poll: bool = False,
    ) -> None:
        self.enforce_limits = enforce_limits
        # getUpdates with a timeout and nothing queued: True waits (up to the timeout) until an
        # update is queued, as Telegram does; False answers [] after at most 50 ms.
        self.long_poll = long_poll
        self._poll_waiters: list[asyncio.Future[None]] = []
        self.global_per_second = global_per_second
        self.per_chat_per_second = per_chat_per_second
        self.latency = latency
        self.record_calls = record_calls
        self._read_timeout = read_timeout
        self.initialized = False
        self.bot_user: dict[str, Any] = {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": BOT_FIRST_NAME,
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self._update_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._media_group_ids = itertools.count(1)
        self.clear()

    # -- state -------------------------------------------------------------------------------

    def clear(self) -> None:
        """Forget all calls, messages, faults, blocks, files and counters (chats stay registered)."""
        self.calls: list[ApiCall] = []
        self.callback_answers: list[dict[str, Any]] = []
        self.messages: dict[int, dict[int, FakeMessage]] = {}
        self._next_message_id: dict[int, int] = {}
        self.faults: list[_Fault] = []
        self.blocked: set[int] = set()
        self.files: dict[str, tuple[str, bytes, str]] = {}  # file_id -> (filename, content, mime)
        self._file_paths: dict[str, str] = {}  # file_path -> file_id
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.menu_buttons: dict[str, dict[str, Any]] = {}
        self.webhook: dict[str, Any] = {}
        self.update_queue: list[dict[str, Any]] = []
        self.rate_limited_429 = 0
        self.accepted_send_times: list[float] = []
        self._window_global: deque[float] = deque()
        self._window_chat: dict[int | str, deque[float]] = {}
        self._answered_callbacks: set[str] = set()
        self.warnings: list[str] = []  # markup a user would see raw (no parse_mode / alert text)
        if not hasattr(self, "chats"):
            self.chats: dict[int, dict[str, Any]] = {}

    def register_chat(self, chat: dict[str, Any]) -> None:
        self.chats[int(chat["id"])] = chat

    def chat_json(self, chat_id: int) -> dict[str, Any]:
        if chat_id in self.chats:
            return self.chats[chat_id]
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}
        return {"id": chat_id, "type": "group", "title": f"Group {chat_id}"}

    def next_update_id(self) -> int:
        return next(self._update_ids)

    def next_callback_id(self) -> str:
        return f"cq{next(self._callback_ids)}"

    def new_message_id(self, chat_id: int) -> int:
        mid = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = mid + 1
        return mid

    def store_file(self, filename: str, content: bytes, mime_type: str = "application/octet-stream") -> str:
        """Register a file on the fake server; returns its file_id (getFile + download work)."""
        n = next(self._file_ids)
        file_id = f"FILE{n:06d}"
        self.files[file_id] = (filename, content, mime_type)
        self._file_paths[f"documents/file_{n}_{filename}"] = file_id
        return file_id

    def _file_path(self, file_id: str) -> str | None:
        return next((path for path, fid in self._file_paths.items() if fid == file_id), None)

    def queue_update(self, update: dict[str, Any]) -> None:
        """Queue an update dict for ``getUpdates`` (only needed when the app really polls)."""
        self.update_queue.append(update)
        waiters, self._poll_waiters = self._poll_waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def _wait_for_updates(self, seconds: float) -> None:
        """Long polling: until an update is queued or ``seconds`` have passed."""
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._poll_waiters.append(waiter)
        try:
            await asyncio.wait_for(waiter, seconds)
        except TimeoutError:
            pass
        finally:
            if waiter in self._poll_waiters:
                self._poll_waiters.remove(waiter)

    # -- fault injection ------------------------------------------------------------------

    def inject(
        self,
        method: str,
        error: FaultKind,
        *,
        times: int = 1,
        chat_id: int | None = None,
        retry_after: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` ("*" = any method) fail.

        ``error``: "retry_after" (429 + parameters.retry_after -> RetryAfter), "forbidden" (403 bot
        was blocked -> Forbidden), "server_error" (502 -> NetworkError), "timeout" (TimedOut raised,
        nothing delivered), "timeout_after_send" (the call takes effect, then TimedOut is raised),
        "network" (NetworkError raised).
        """
        if error not in _FAULT_KINDS:
            raise ValueError(f"unknown fault {error!r}; use one of {_FAULT_KINDS}")
        self.faults.append(_Fault(method, error, times, chat_id, retry_after))

    def block_user(self, chat_id: int) -> None:
        """Every later call aimed at this chat answers 403 "bot was blocked by the user"."""
        self.blocked.add(chat_id)

    def unblock_user(self, chat_id: int) -> None:
        self.blocked.discard(chat_id)

    def _take_fault(self, method: str, chat_id: int | str | None) -> _Fault | None:
        for fault in self.faults:
            if fault.method not in ("*", method):
                continue
            if fault.chat_id is not None and fault.chat_id != chat_id:
                continue
            fault.remaining -= 1
            if fault.remaining <= 0:
                self.faults.remove(fault)
            return fault
        return None

    # -- inspection ----------------------------------------------------------------------------

    def sent(self, chat_id: int) -> list[FakeMessage]:
        """The bot's messages in a chat, not deleted, oldest first."""
        return [m for m in self.messages.get(chat_id, {}).values() if m.from_bot and not m.deleted]

    def last(self, chat_id: int) -> FakeMessage:
        msgs = self.sent(chat_id)
        if not msgs:
            raise AssertionError(f"the bot sent nothing (left) in chat {chat_id}")
        return msgs[-1]

    def documents(self, chat_id: int) -> list[FakeMessage]:
        return [m for m in self.sent(chat_id) if m.kind == "document"]

    def message(self, chat_id: int, message_id: int) -> FakeMessage | None:
        return self.messages.get(chat_id, {}).get(message_id)

    def calls_to(self, method: str) -> list[ApiCall]:
        return [c for c in self.calls if c.method == method]

    def max_sends_per_second(self, chat_id: int | None = None) -> int:
        """Most accepted rate-limited calls inside any 1-second window (chat_id None = global)."""
        if chat_id is None:
            times = self.accepted_send_times
        else:
            times = [
                c.time
                for c in self.calls
                if c.chat_id == chat_id and c.status == 200 and _is_limited(c.method)
            ]
        best, lo = 0, 0
        for hi, t in enumerate(times):
            while t - times[lo] >= 1.0:
                lo += 1
            best = max(best, hi - lo + 1)
        return best

    # -- BaseRequest ---------------------------------------------------------------------------

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        self.initialized = True

    async def shutdown(self) -> None:
        self.initialized = False

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self.latency:
            await asyncio.sleep(self.latency)
        if method == "GET" or "/file/bot" in url:
            return self._download(url)

        api_method = url.rsplit("/", 1)[-1]
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        files: dict[str, _FileTuple] = {}
        if request_data is not None and request_data.contains_files:
            for name, (filename, content, mime) in request_data.multipart_data.items():
                files[name] = (filename, _read_content(content), mime)
        if api_method == "getUpdates" and not self.update_queue:
            # long polling with nothing queued: wait a little instead of busy-looping
            timeout = float(str(params.get("timeout") or 0))
            if timeout > 0 and self.long_poll:
                await self._wait_for_updates(timeout)
            elif timeout > 0:
                await asyncio.sleep(min(timeout, 0.05))
        chat_id = _as_chat_id(params.get("chat_id"))
        call = ApiCall(api_method, params, chat_id, time.monotonic(), files=files)
        if self.record_calls:
            self.calls.append(call)

        try:
            fault = self._take_fault(api_method, chat_id)
            if fault is not None and fault.error == "timeout":
                call.status = 0
                raise TimedOut("Timed out (injected by FakeBotApi)")
            if fault is not None and fault.error == "network":
                call.status = 0
                raise NetworkError("httpx.ConnectError: (injected by FakeBotApi)")
            if fault is not None and fault.error == "retry_after":
                raise _ApiError(
                    429,
                    f"Too Many Requests: retry after {fault.retry_after}",
                    {"retry_after": fault.retry_after},
                )
            if fault is not None and fault.error == "forbidden":
                raise _ApiError(403, "Forbidden: bot was blocked by the user")
            if fault is not None and fault.error == "server_error":
                raise _ApiError(502, "Bad Gateway")
            if isinstance(chat_id, int) and chat_id in self.blocked and api_method != "getChat":
                raise _ApiError(403, "Forbidden: bot was blocked by the user")
            limited = _is_limited(api_method)
            if limited and self.enforce_limits:
                self._check_rate(chat_id, call.time)
            result = self._dispatch(api_method, params, files)
            if limited:
                self.accepted_send_times.append(call.time)
            if fault is not None and fault.error == "timeout_after_send":
                call.status = 0
                raise TimedOut("Timed out (injected by FakeBotApi after the call took effect)")
        except _ApiError as exc:
            call.status = exc.code
            return exc.code, json.dumps(exc.payload()).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _check_rate(self, chat_id: int | str | None, now: float) -> None:
        window = self._window_global
        while window and now - window[0] >= 1.0:
            window.popleft()
        chat_window: deque[float] | None = None
        if chat_id is not None and self.per_chat_per_second:
            chat_window = self._window_chat.setdefault(chat_id, deque())
            while chat_window and now - chat_window[0] >= 1.0:
                chat_window.popleft()
        if len(window) >= self.global_per_second or (
            chat_window is not None
            and self.per_chat_per_second is not None
            and len(chat_window) >= self.per_chat_per_second
        ):
            self.rate_limited_429 += 1
            raise _ApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1})
        window.append(now)
        if chat_window is not None:
            chat_window.append(now)

    def _download(self, url: str) -> tuple[int, bytes]:
        for path, file_id in self._file_paths.items():
            if url.endswith("/" + path):
                return 200, self.files[file_id][1]
        return 404, json.dumps({"ok": False, "error_code": 404, "description": "Not Found"}).encode()

    # -- method implementations ------------------------------------------------------------

    def _dispatch(self, api_method: str, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        if api_method in _MEDIA_KINDS:
            return self._send_media(_MEDIA_KINDS[api_method], params, files)
        handler = getattr(self, f"_api_{api_method}", None)
        if handler is None:
            return True
        return handler(params, files)

    def _require_chat(self, params: dict[str, Any]) -> int:
        chat_id = _as_chat_id(params.get("chat_id"))
        if chat_id is None:
            raise _ApiError(400, "Bad Request: chat_id is empty")
        if isinstance(chat_id, str):
            raise _ApiError(400, "Bad Request: chat not found")
        return chat_id

    def _inline_keyboard(self, params: dict[str, Any]) -> tuple[list[list[dict[str, Any]]] | None, Any]:
        """(inline rows, reply keyboard labels or _KEEP)."""
        markup = _as_json_obj(params.get("reply_markup"))
        if not isinstance(markup, dict):
            return None, _KEEP
        if "inline_keyboard" in markup:
            rows = [[dict(b) for b in row] for row in markup["inline_keyboard"]]
            for row in rows:
                for button in row:
                    if not button.get("text"):
                        raise _ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
                    data = button.get("callback_data")
                    if data is not None and (not data or len(str(data).encode()) > _MAX_CALLBACK_DATA):
                        raise _ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            return rows or None, _KEEP
        if "keyboard" in markup:
            labels = [
                [b["text"] if isinstance(b, dict) else str(b) for b in row] for row in markup["keyboard"]
            ]
            return None, labels
        if markup.get("remove_keyboard"):
            return None, None
        return None, _KEEP

    def _new_message(self, chat_id: int, **fields: Any) -> FakeMessage:
        msg = FakeMessage(
            message_id=self.new_message_id(chat_id), chat_id=chat_id, date=int(time.time()), **fields
        )
        self.messages.setdefault(chat_id, {})[msg.message_id] = msg
        return msg

    def message_json(self, msg: FakeMessage) -> dict[str, Any]:
        """The Bot API ``Message`` object for a stored message."""
        data: dict[str, Any] = {
            "message_id": msg.message_id,
            "date": msg.date,
            "chat": self.chat_json(msg.chat_id),
        }
        if msg.from_bot:
            data["from"] = self.bot_user
        else:
            data["from"] = self.chats.get(msg.sender_id, {"id": msg.sender_id, "first_name": "User"}) | {
                "is_bot": False
            }
            data["from"] = {k: v for k, v in data["from"].items() if k != "type"}
        if msg.edit_date:
            data["edit_date"] = msg.edit_date
        if msg.media_group_id:
            data["media_group_id"] = msg.media_group_id
        text_key, entity_key = ("text", "entities") if msg.kind == "text" else ("caption", "caption_entities")
        if msg.plain is not None and (msg.kind == "text" or msg.plain):
            data[text_key] = msg.plain
            if msg.entities:
                data[entity_key] = msg.entities
        if msg.kind != "text":
            data[msg.kind] = msg.extra.get("media") or self._media_json(msg)
        if msg.reply_markup:
            data["reply_markup"] = {"inline_keyboard": msg.reply_markup}
        return data

    def _media_json(self, msg: FakeMessage) -> Any:
        file_id = msg.file_id or "FILE_UNKNOWN"
        base: dict[str, Any] = {"file_id": file_id, "file_unique_id": "U" + file_id}
        size = len(msg.document) if msg.document is not None else 0
        if msg.kind == "photo":
            return [base | {"width": 640, "height": 480, "file_size": size}]
        if msg.kind == "sticker":
            return base | {
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            }
        if msg.kind in ("video", "animation"):
            base |= {"width": 640, "height": 480, "duration": 1}
        elif msg.kind in ("audio", "voice"):
            base |= {"duration": 1}
        base |= {"file_size": size}
        if msg.mime_type:
            base["mime_type"] = msg.mime_type
        if msg.filename and msg.kind in ("document", "audio", "video", "animation"):
            base["file_name"] = msg.filename
        return base

    def _check_text(
        self, text: Any, parse_mode: str | None, *, caption: bool
    ) -> tuple[str, list[dict[str, Any]]]:
        plain, entities = _render(str(text or ""), parse_mode)
        if not parse_mode and _MARKUP_RE.search(plain):
            self.warnings.append(f"HTML markup sent without parse_mode (shown raw): {plain[:80]!r}")
        limit = _MAX_CAPTION if caption else _MAX_TEXT
        if caption and _utf16_len(plain) > limit:
            raise _ApiError(400, "Bad Request: message caption is too long")
        if not caption:
            if not plain.strip():
                raise _ApiError(400, "Bad Request: message text is empty")
            if _utf16_len(plain) > limit:
                raise _ApiError(400, "Bad Request: message is too long")
        return plain, entities

    def _api_getMe(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        return self.bot_user

    def _api_sendMessage(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        chat_id = self._require_chat(params)
        parse_mode = params.get("parse_mode")
        plain, entities = self._check_text(params.get("text"), parse_mode, caption=False)
        rows, reply_kb = self._inline_keyboard(params)
        msg = self._new_message(
            chat_id,
            text=str(params.get("text")),
            plain=plain,
            entities=entities,
            parse_mode=parse_mode,
            reply_markup=rows,
            reply_keyboard=None if reply_kb is _KEEP else reply_kb,
        )
        return self.message_json(msg)

    def _resolve_upload(
        self, value: Any, name: str, files: dict[str, _FileTuple], default_name: str
    ) -> tuple[str | None, bytes | None, str | None, str]:
        """(filename, content, mime, file_id) for a media parameter."""
        tup: _FileTuple | None = None
        if isinstance(value, str) and value.startswith("attach://"):
            tup = files.get(value.removeprefix("attach://"))
        elif value is None or value == "":
            tup = files.get(name)
        if tup is not None:
            filename, content, mime = tup
            return filename, content, mime, self.store_file(filename, content, mime)
        if isinstance(value, str) and value in self.files:
            filename, content, mime = self.files[value]
            return filename, content, mime, value
        # a URL or an unknown file_id: Telegram would fetch it; we know nothing about it
        return default_name, None, None, self.store_file(default_name, b"", "application/octet-stream")

    def _send_media(self, kind: str, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        chat_id = self._require_chat(params)
        parse_mode = params.get("parse_mode")
        plain, entities = self._check_text(params.get("caption"), parse_mode, caption=True)
        filename, content, mime, file_id = self._resolve_upload(params.get(kind), kind, files, f"{kind}.bin")
        rows, _ = self._inline_keyboard(params)
        msg = self._new_message(
            chat_id,
            kind=kind,
            text=params.get("caption"),
            plain=plain,
            entities=entities,
            parse_mode=parse_mode,
            reply_markup=rows,
            document=content,
            filename=filename,
            mime_type=mime,
            file_id=file_id,
        )
        return self.message_json(msg)

    def _api_sendMediaGroup(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        chat_id = self._require_chat(params)
        media = _as_json_obj(params.get("media")) or []
        if not isinstance(media, list) or not 2 <= len(media) <= 10:
            raise _ApiError(400, "Bad Request: wrong number of media in the album")
        group_id = f"MG{next(self._media_group_ids)}"
        results = []
        for item in media:
            kind = item.get("type", "document")
            if not item.get("media"):  # an InputFile without attach=True: PTB drops the reference
                raise _ApiError(400, f"Bad Request: there is no {kind} in the request")
            parse_mode = item.get("parse_mode")
            plain, entities = self._check_text(item.get("caption"), parse_mode, caption=True)
            filename, content, mime, file_id = self._resolve_upload(
                item.get("media"), "media", files, f"{kind}.bin"
            )
            msg = self._new_message(
                chat_id,
                kind=kind,
                text=item.get("caption"),
                plain=plain,
                entities=entities,
                parse_mode=parse_mode,
                document=content,
                filename=filename,
                mime_type=mime,
                file_id=file_id,
                media_group_id=group_id,
            )
            results.append(self.message_json(msg))
        return results

    def _editable(self, params: dict[str, Any]) -> FakeMessage | None:
        if params.get("inline_message_id"):
            return None
        chat_id = self._require_chat(params)
        msg = self.message(chat_id, int(params.get("message_id") or 0))
        if msg is None or msg.deleted:
            raise _ApiError(400, "Bad Request: message to edit not found")
        if not msg.from_bot:
            raise _ApiError(400, "Bad Request: message can't be edited")
        return msg

    def _apply_edit(
        self,
        msg: FakeMessage,
        *,
        text: Any,
        plain: str,
        entities: list[dict[str, Any]],
        parse_mode: Any,
        rows: list[list[dict[str, Any]]] | None,
    ) -> Any:
        if plain == msg.plain and entities == msg.entities and rows == msg.reply_markup:
            raise _ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply markup "
                "are exactly the same as a current content and reply markup of the message",
            )
        msg.history.append(msg.text)
        msg.text, msg.plain, msg.entities, msg.parse_mode = text, plain, entities, parse_mode
        msg.reply_markup = rows
        msg.edited += 1
        msg.edit_date = int(time.time())
        return self.message_json(msg)

    def _api_editMessageText(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        msg = self._editable(params)
        parse_mode = params.get("parse_mode")
        plain, entities = self._check_text(params.get("text"), parse_mode, caption=False)
        rows, _ = self._inline_keyboard(params)
        if msg is None:
            return True
        if msg.kind != "text":
            raise _ApiError(400, "Bad Request: there is no text in the message to edit")
        return self._apply_edit(
            msg, text=params.get("text"), plain=plain, entities=entities, parse_mode=parse_mode, rows=rows
        )

    def _api_editMessageCaption(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        msg = self._editable(params)
        parse_mode = params.get("parse_mode")
        plain, entities = self._check_text(params.get("caption"), parse_mode, caption=True)
        rows, _ = self._inline_keyboard(params)
        if msg is None:
            return True
        if msg.kind == "text":
            raise _ApiError(400, "Bad Request: there is no caption in the message to edit")
        return self._apply_edit(
            msg, text=params.get("caption"), plain=plain, entities=entities, parse_mode=parse_mode, rows=rows
        )

    def _api_editMessageReplyMarkup(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        msg = self._editable(params)
        rows, _ = self._inline_keyboard(params)
        if msg is None:
            return True
        return self._apply_edit(
            msg,
            text=msg.text,
            plain=msg.plain or "",
            entities=msg.entities,
            parse_mode=msg.parse_mode,
            rows=rows,
        )

    def _api_deleteMessage(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        chat_id = self._require_chat(params)
        msg = self.message(chat_id, int(params.get("message_id") or 0))
        if msg is None or msg.deleted:
            raise _ApiError(400, "Bad Request: message to delete not found")
        msg.deleted = True
        return True

    def _api_deleteMessages(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        chat_id = self._require_chat(params)
        for mid in _as_json_obj(params.get("message_ids")) or []:
            msg = self.message(chat_id, int(mid))
            if msg is not None:
                msg.deleted = True
        return True

    def _api_answerCallbackQuery(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        query_id = str(params.get("callback_query_id"))
        if query_id in self._answered_callbacks:
            raise _ApiError(
                400, "Bad Request: query is too old and response timeout expired or query ID is invalid"
            )
        if len(str(params.get("text") or "")) > _MAX_CALLBACK_ANSWER:
            raise _ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        if _MARKUP_RE.search(str(params.get("text") or "")):
            self.warnings.append(
                f"answerCallbackQuery text has HTML markup (shown raw): {params['text'][:80]!r}"
            )
        self._answered_callbacks.add(query_id)
        self.callback_answers.append(dict(params))
        return True

    def _api_copyMessage(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        chat_id = self._require_chat(params)
        source = self.message(int(params.get("from_chat_id") or 0), int(params.get("message_id") or 0))
        if source is None or source.deleted:
            raise _ApiError(400, "Bad Request: message to copy not found")
        msg = self._new_message(
            chat_id,
            kind=source.kind,
            text=source.text,
            plain=source.plain,
            entities=list(source.entities),
            parse_mode=source.parse_mode,
            document=source.document,
            filename=source.filename,
            mime_type=source.mime_type,
            file_id=source.file_id,
            extra=dict(source.extra),
        )
        return {"message_id": msg.message_id}

    def _api_forwardMessage(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        copied = self._api_copyMessage(params, files)
        return self.message_json(self.messages[self._require_chat(params)][copied["message_id"]])

    def _api_getFile(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        file_id = str(params.get("file_id"))
        if file_id not in self.files:
            raise _ApiError(400, "Bad Request: invalid file_id")
        _, content, _ = self.files[file_id]
        return {
            "file_id": file_id,
            "file_unique_id": "U" + file_id,
            "file_size": len(content),
            "file_path": self._file_path(file_id),
        }

    def _api_getChat(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        chat = self.chat_json(self._require_chat(params))
        return chat | {
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _api_getChatMember(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        user_id = int(params.get("user_id") or 0)
        user = (
            self.bot_user
            if user_id == BOT_ID
            else ({k: v for k, v in self.chat_json(user_id).items() if k != "type"} | {"is_bot": False})
        )
        return {"status": "member", "user": user}

    def _api_sendChatAction(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        self._require_chat(params)
        return True

    @staticmethod
    def _commands_key(params: dict[str, Any]) -> str:
        scope = _as_json_obj(params.get("scope")) or {"type": "default"}
        return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)

    def _api_setMyCommands(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        commands = _as_json_obj(params.get("commands")) or []
        self.commands[self._commands_key(params)] = list(commands)
        return True

    def _api_deleteMyCommands(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        self.commands.pop(self._commands_key(params), None)
        return True

    def _api_getMyCommands(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        return self.commands.get(self._commands_key(params), [])

    def _api_setChatMenuButton(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        button = _as_json_obj(params.get("menu_button")) or {"type": "default"}
        self.menu_buttons[str(params.get("chat_id", ""))] = button
        return True

    def _api_getChatMenuButton(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        return self.menu_buttons.get(str(params.get("chat_id", "")), {"type": "commands"})

    def _api_getUpdates(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        if offset:
            self.update_queue = [u for u in self.update_queue if u["update_id"] >= offset]
        return self.update_queue[:limit]

    def _api_setWebhook(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        self.webhook = dict(params)
        return True

    def _api_deleteWebhook(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        self.webhook = {}
        if params.get("drop_pending_updates"):
            self.update_queue.clear()
        return True

    def _api_getWebhookInfo(self, params: dict[str, Any], files: dict[str, _FileTuple]) -> Any:
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self.update_queue),
        }


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


_KEEP: Any = _Keep()


# --------------------------------------------------------------------------------------------
# Update builders
# --------------------------------------------------------------------------------------------


class FakeTelegram:
    """Feeds updates into a real Application. ``async with`` runs the app's lifecycle like
    ``run_polling`` does minus polling: initialize, post_init, start ... stop, post_stop, shutdown,
    post_shutdown (steps already done by the caller are skipped)."""

    def __init__(
        self,
        app: AnyApplication,
        api: FakeBotApi | None = None,
        *,
        raise_errors: bool = True,
        settle: bool = True,
        mode: Literal["direct", "processor"] = "direct",
        latencies: list[float] | None = None,
    ) -> None:
        if api is None:
            request = app.bot.request
            if not isinstance(request, FakeBotApi):
                raise TypeError("app was not built on a FakeBotApi; pass api= or build it with one")
            api = request
        self.app = app
        self.api = api
        self.raise_errors = raise_errors
        self.settle = settle
        self.mode = mode
        self.latencies = latencies
        self.errors: list[tuple[object, BaseException]] = []
        self.updates_processed = 0
        self._users: dict[tuple[int, int], FakeUser] = {}
        self._did_initialize = False
        self._did_start = False
        app.add_error_handler(self._on_error)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if context.error is not None:
            self.errors.append((update, context.error))
            if not self.raise_errors:
                _LOGGER.debug("handler error (captured by FakeTelegram): %r", context.error)

    # -- lifecycle -------------------------------------------------------------------------

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        app = self.app
        if not getattr(app, "_initialized", False):
            await app.initialize()
            self._did_initialize = True
            if app.post_init:
                await app.post_init(app)
        if not app.running:
            await app.start()
            self._did_start = True

    async def stop(self) -> None:
        app = self.app
        if self._did_start and app.running:
            await app.stop()
            if app.post_stop:
                await app.post_stop(app)
        if self._did_initialize:
            await app.shutdown()
            if app.post_shutdown:
                await app.post_shutdown(app)
        self._did_start = self._did_initialize = False

    # -- users -------------------------------------------------------------------------------

    def user(
        self,
        user_id: int,
        first_name: str = "Uji",
        *,
        chat_type: str = "private",
        chat_id: int | None = None,
        username: str | None = None,
        last_name: str | None = None,
        language_code: str = "id",
    ) -> FakeUser:
        if chat_id is None:
            chat_id = user_id if chat_type == "private" else -1_000_000_000 - user_id
        user_json: dict[str, Any] = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": language_code,
        }
        if last_name:
            user_json["last_name"] = last_name
        if username:
            user_json["username"] = username
        if chat_type == "private":
            chat = {"id": chat_id, "type": "private", "first_name": first_name}
            if last_name:
                chat["last_name"] = last_name
            if username:
                chat["username"] = username
        else:
            chat = self.api.chats.get(chat_id) or {"id": chat_id, "type": chat_type, "title": "Grup Uji"}
        self.api.register_chat(chat)
        if chat_type != "private" and user_id not in self.api.chats:
            self.api.register_chat({"id": user_id, "type": "private", "first_name": first_name})
        fake = FakeUser(self, user_json, chat)
        self._users[(user_id, chat_id)] = fake
        return fake

    # -- processing --------------------------------------------------------------------------

    async def process(self, data: dict[str, Any]) -> Update:
        """Turn an update dict into an Update and process it; returns the Update."""
        update = Update.de_json(data, self.app.bot)
        start = time.perf_counter()
        if self.mode == "processor":
            await self.app.update_processor.process_update(update, self.app.process_update(update))
        else:
            await self.app.process_update(update)
        if self.latencies is not None:
            self.latencies.append(time.perf_counter() - start)
        self.updates_processed += 1
        if self.settle:
            await self.settle_tasks()
        if self.raise_errors:
            for err_update, error in self.errors:
                if err_update is update:
                    raise error
        return update

    async def settle_tasks(self, rounds: int = 20) -> None:
        """Await tasks the app started via ``create_task`` (``block=False`` handlers)."""
        tasks: set[asyncio.Task[Any]] = getattr(self.app, "_Application__create_task_tasks", set())
        current = asyncio.current_task()
        for _ in range(rounds):
            pending = [t for t in tasks if t is not current and not t.done()]
            if not pending:
                return
            await asyncio.gather(*pending, return_exceptions=True)

    def message_update(self, message: dict[str, Any]) -> dict[str, Any]:
        return {"update_id": self.api.next_update_id(), "message": message}


def _command_entities(text: str) -> list[dict[str, Any]]:
    if not text.startswith("/"):
        return []
    command = text.split(maxsplit=1)[0] if text.strip() else text
    return [{"type": "bot_command", "offset": 0, "length": _utf16_len(command)}]


class FakeUser:
    """A Telegram user (and the chat it talks in)."""

    def __init__(self, tg: FakeTelegram, user_json: dict[str, Any], chat_json: dict[str, Any]) -> None:
        self.tg = tg
        self.api = tg.api
        self.user_json = user_json
        self.chat_json = chat_json
        self.user_id: int = int(user_json["id"])
        self.chat_id: int = int(chat_json["id"])

    def __repr__(self) -> str:
        return f"FakeUser(user_id={self.user_id}, chat_id={self.chat_id})"

    # -- sending -------------------------------------------------------------------------------

    def _store_incoming(
        self,
        kind: str,
        text: str | None,
        entities: list[dict[str, Any]],
        extra: dict[str, Any] | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        msg = self.api._new_message(
            self.chat_id,
            kind=kind,
            text=text,
            plain=text,
            entities=entities,
            from_bot=False,
            sender_id=self.user_id,
            extra=extra or {},
            **fields,
        )
        data: dict[str, Any] = {
            "message_id": msg.message_id,
            "date": msg.date,
            "chat": self.chat_json,
            "from": self.user_json,
        }
        if kind == "text":
            data["text"] = text
            if entities:
                data["entities"] = entities
        else:
            if text:
                data["caption"] = text
            data[kind] = (extra or {}).get("media")
        return data

    async def send(self, text: str) -> None:
        """A text message; a leading "/cmd" gets a bot_command entity (as Telegram does)."""
        data = self._store_incoming("text", text, _command_entities(text))
        await self.tg.process(self.tg.message_update(data))

    async def send_sticker(self, emoji: str = "👍") -> None:
        file_id = self.api.store_file("sticker.webp", b"RIFF\x00\x00\x00\x00WEBP", "image/webp")
        media = {
            "file_id": file_id,
            "file_unique_id": "U" + file_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        data = self._store_incoming("sticker", None, [], {"media": media}, file_id=file_id)
        await self.tg.process(self.tg.message_update(data))

    async def send_photo(
        self, caption: str | None = None, content: bytes = b"\xff\xd8\xff\xe0fakejpeg"
    ) -> None:
        file_id = self.api.store_file("photo.jpg", content, "image/jpeg")
        media = [
            {
                "file_id": file_id,
                "file_unique_id": "U" + file_id,
                "width": 640,
                "height": 480,
                "file_size": len(content),
            }
        ]
        data = self._store_incoming("photo", caption, [], {"media": media}, file_id=file_id, document=content)
        await self.tg.process(self.tg.message_update(data))

    async def send_document_file(
        self,
        filename: str,
        content: bytes,
        *,
        caption: str | None = None,
        mime_type: str = "application/octet-stream",
    ) -> None:
        """A document upload; the bot can ``get_file`` + download the bytes."""
        file_id = self.api.store_file(filename, content, mime_type)
        media = {
            "file_id": file_id,
            "file_unique_id": "U" + file_id,
            "file_name": filename,
            "mime_type": mime_type,
            "file_size": len(content),
        }
        data = self._store_incoming(
            "document",
            caption,
            [],
            {"media": media},
            file_id=file_id,
            document=content,
            filename=filename,
            mime_type=mime_type,
        )
        await self.tg.process(self.tg.message_update(data))

    # -- buttons -------------------------------------------------------------------------------

    def _keyboard_message(self, message: FakeMessage | None) -> FakeMessage:
        if message is not None:
            current = self.api.message(message.chat_id, message.message_id) or message
            if current.deleted:
                raise AssertionError(f"message {current.message_id} was deleted; its buttons are gone")
            if not current.reply_markup:
                raise AssertionError(
                    f"message {current.message_id} has no inline keyboard: {current.plain!r}"
                )
            return current
        for msg in reversed(self.messages):
            if msg.reply_markup:
                return msg
        raise AssertionError(
            f"no message with an inline keyboard in chat {self.chat_id}; last texts: {self.texts(3)!r}"
        )

    @staticmethod
    def _find_button(msg: FakeMessage, label: str | int) -> dict[str, Any]:
        flat = [b for row in msg.reply_markup or [] for b in row]
        labels = [b.get("text", "") for b in flat]
        if isinstance(label, int) and not isinstance(label, bool):
            if not 0 <= label < len(flat):
                raise AssertionError(f"button index {label} out of range; buttons: {labels!r}")
            return flat[label]
        exact = [b for b in flat if b.get("text") == label]
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            raise AssertionError(
                f"{len(exact)} buttons are labelled {label!r}; press by index. Buttons: {labels!r}"
            )
        needle = str(label).casefold()
        partial = [b for b in flat if needle in str(b.get("text", "")).casefold()]
        if len(partial) == 1:
            return partial[0]
        why = "matches several buttons" if partial else "matches no button"
        raise AssertionError(f"{label!r} {why} on message {msg.message_id}; buttons: {labels!r}")

    async def press(self, label: str | int, *, message: FakeMessage | None = None) -> None:
        """Press an inline button (exact label, unique case-insensitive substring, or 0-based
        index over the flattened keyboard) on the latest message that has one, or on ``message``."""
        msg = self._keyboard_message(message)
        button = self._find_button(msg, label)
        data = button.get("callback_data")
        if data is None:
            raise AssertionError(f"button {button.get('text')!r} is not a callback button: {button!r}")
        await self._callback(str(data), self.api.message_json(msg))

    async def press_data(self, data: str, message_id: int) -> None:
        """A callback query with arbitrary (possibly forged/stale) data on ``message_id``."""
        msg = self.api.message(self.chat_id, message_id)
        if msg is not None and not msg.deleted:
            message_json = self.api.message_json(msg)
        else:  # date 0 -> PTB builds an InaccessibleMessage
            message_json = {"message_id": message_id, "date": 0, "chat": self.chat_json}
        await self._callback(data, message_json)

    async def _callback(self, data: str, message_json: dict[str, Any]) -> None:
        update = {
            "update_id": self.api.next_update_id(),
            "callback_query": {
                "id": self.api.next_callback_id(),
                "from": self.user_json,
                "chat_instance": f"ci{self.chat_id}",
                "data": data,
                "message": message_json,
            },
        }
        await self.tg.process(update)

    # -- reading -------------------------------------------------------------------------------

    @property
    def messages(self) -> list[FakeMessage]:
        """The bot's (non-deleted) messages in this chat, oldest first."""
        return self.api.sent(self.chat_id)

    @property
    def last(self) -> FakeMessage:
        return self.api.last(self.chat_id)

    @property
    def documents(self) -> list[FakeMessage]:
        return self.api.documents(self.chat_id)

    def texts(self, n: int | None = None) -> list[str]:
        """Texts/captions (as sent, markup included) of the last ``n`` bot messages (all if None)."""
        msgs = self.messages if n is None else self.messages[-n:] if n > 0 else []
        return [m.text or "" for m in msgs]

    def buttons(self, message: FakeMessage | None = None) -> list[str]:
        """Labels of the latest keyboard (or of ``message``), flattened; [] if there is none."""
        if message is not None:
            current = self.api.message(message.chat_id, message.message_id) or message
            return current.buttons
        for msg in reversed(self.messages):
            if msg.reply_markup:
                return msg.buttons
        return []

    def callback_answers(self) -> list[dict[str, Any]]:
        return list(self.api.callback_answers)


def iter_new_messages(api: FakeBotApi, chat_id: int, seen: dict[int, int]) -> Iterable[FakeMessage]:
    """Bot messages in ``chat_id`` that are new or edited since ``seen`` ({message_id: edited});
    updates ``seen``. Used by the console."""
    for msg in list(api.messages.get(chat_id, {}).values()):
        if not msg.from_bot or msg.deleted:
            continue
        if seen.get(msg.message_id) != msg.edited:
            seen[msg.message_id] = msg.edited
            yield msg
