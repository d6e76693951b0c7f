"""Pieces for tests that run the bot as real processes: `skp-bot run --webhook` subprocesses,
a Telegram user that POSTs updates to their webhooks, and a direct PostgreSQL connection.

The fake Bot API is :class:`bot.testing.fake_telegram_server.FakeTelegramServer` (real HTTP); the bot
processes reach it through ``TELEGRAM_API_BASE_URL``. Webhook handlers answer 200 before the
update is processed, so every step waits for its visible effect on the fake server.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx

from bot.settings import Settings

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def skp_bot_command() -> list[str]:
    """The installed console script (what a deployment runs), else `python -m bot.cli`."""
    script = Path(sys.executable).parent / "skp-bot"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]


def clean_env(**values: str) -> dict[str, str]:
    """os.environ without anything Settings would read, plus ``values`` (upper-cased keys)."""
    fields = {name.upper() for name in Settings.model_fields}
    env = {k: v for k, v in os.environ.items() if k.upper() not in fields}
    env.update({k.upper(): v for k, v in values.items()})
    env["PYTHONUNBUFFERED"] = "1"
    # the bot's httpx honours proxy variables: keep its calls to the local fake direct
    for key in ("NO_PROXY", "no_proxy"):
        env[key] = ",".join(filter(None, [env.get(key, ""), "127.0.0.1", "localhost"]))
    return env


def run_cli(args: Sequence[str], env: dict[str, str], cwd: Path, timeout: float = 60) -> str:
    done = subprocess.run(
        [*skp_bot_command(), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"skp-bot {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done.stdout


class BotProcess:
    """`skp-bot run --webhook` on 127.0.0.1:<port>, its output in a log file."""

    def __init__(self, name: str, port: int, env: dict[str, str], cwd: Path, url_path: str = "telegram") -> None:
        self.name = name
        self.port = port
        self.url_path = url_path
        self.webhook_url = f"http://127.0.0.1:{port}/{url_path}"
        self.log_path = cwd / f"{name}.log"
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [
                *skp_bot_command(),
                "run",
                "--webhook",
                "--webhook-url",
                self.webhook_url,
                "--url-path",
                url_path,
                "--port",
                str(port),
            ],
            env=env,
            cwd=cwd,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    @property
    def log(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(errors="replace")

    def wait_ready(self, client: httpx.Client, deadline: float) -> httpx.Response:
        """Until PTB's webhook server answers (a GET on the webhook path: 405 from its handler)."""
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"{self.name} exited with {self.proc.returncode}:\n{self.log}")
            try:
                return client.get(self.webhook_url, timeout=1)
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise AssertionError(f"{self.name} did not open port {self.port}:\n{self.log}") from None
                time.sleep(0.05)

    def stop(self, timeout: float = 15) -> int:
        """SIGTERM (PTB stops the application cleanly), then SIGKILL if it hangs."""
        try:
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(timeout)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(5)
            return int(self.proc.returncode)
        finally:
            self._log.close()


class Pg:
    """One asyncpg connection on a private event loop, for checking the database from a test."""

    def __init__(self, url: str) -> None:
        import asyncpg

        self._loop = asyncio.new_event_loop()
        self._conn = self._loop.run_until_complete(asyncpg.connect(url.replace("postgresql://", "postgres://", 1)))

    def fetch(self, sql: str, *args: Any) -> list[Any]:
        return list(self._loop.run_until_complete(self._conn.fetch(sql, *args)))

    def fetchrow(self, sql: str, *args: Any) -> Any:
        return self._loop.run_until_complete(self._conn.fetchrow(sql, *args))

    def fetchval(self, sql: str, *args: Any) -> Any:
        return self._loop.run_until_complete(self._conn.fetchval(sql, *args))

    @contextlib.contextmanager
    def row_locked(self, sql: str, *args: Any) -> Iterator[None]:
        """Run ``sql`` (a SELECT ... FOR UPDATE) in a transaction held open for the block."""
        transaction = self._conn.transaction()
        self._loop.run_until_complete(transaction.start())
        try:
            self._loop.run_until_complete(self._conn.execute(sql, *args))
            yield
        finally:
            self._loop.run_until_complete(transaction.commit())

    def wait_for_lock_waiters(self, count: int, timeout: float) -> None:
        """Until ``count`` other backends of this database wait on a lock."""
        deadline = time.monotonic() + timeout
        while True:
            waiting = self.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if waiting >= count:
                return
            if time.monotonic() > deadline:
                activity = self.fetch(
                    "SELECT pid, state, wait_event_type, wait_event, left(query, 80) AS query FROM pg_stat_activity"
                    " WHERE datname = current_database()"
                )
                raise AssertionError(f"{waiting} of {count} lock waiters after {timeout}s: {activity}")
            time.sleep(0.02)

    def close(self) -> None:
        try:
            self._loop.run_until_complete(self._conn.close())
        finally:
            self._loop.close()


class StepTimeout(AssertionError):
    pass


class WebhookUser:
    """A Telegram user whose updates reach the bot by webhook, like Telegram delivers them.

    Updates are built as :class:`bot.testing.fake_telegram.FakeUser` builds them: text messages are first
    stored in the fake server's chat (``/_test/user_message``, so message ids are shared with the
    bot's), button presses read the keyboard (callback_data) from ``/_test/messages``.
    """

    _update_ids = itertools.count(1)
    _callback_ids = itertools.count(1)

    def __init__(
        self,
        fake_url: str,
        user_id: int,
        first_name: str,
        *,
        secret: str | None = None,
        step_timeout: float = 15.0,
        quiet: float = 0.15,
    ) -> None:
        self.fake_url = fake_url
        self.user_id = user_id
        self.chat_id = user_id
        self.user_json = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "id"}
        self.chat_json = {"id": user_id, "type": "private", "first_name": first_name}
        self.secret = secret
        self.step_timeout = step_timeout
        self.quiet = quiet
        self.http = httpx.Client(timeout=10, trust_env=False)

    def close(self) -> None:
        self.http.close()

    # -- the fake server ---------------------------------------------------------------------

    def _get(self, what: str, **params: Any) -> Any:
        response = self.http.get(f"{self.fake_url}/_test/{what}", params=params)
        response.raise_for_status()
        return response.json()

    def messages(self) -> list[dict[str, Any]]:
        messages: list[dict[str, Any]] = self._get("messages", chat_id=self.chat_id)
        return messages

    def calls(self, since: int = 0, **filters: Any) -> list[dict[str, Any]]:
        return list(self._get("calls", since=since, **filters))

    def call_count(self) -> int:
        return int(self._get("health")["calls"])

    @property
    def last(self) -> dict[str, Any]:
        msgs = self.messages()
        assert msgs, f"the bot sent nothing in chat {self.chat_id}"
        return msgs[-1]

    def keyboard_message(self) -> dict[str, Any]:
        for msg in reversed(self.messages()):
            if msg["buttons"]:
                return dict(msg)
        raise AssertionError(f"no message with an inline keyboard in chat {self.chat_id}")

    @staticmethod
    def find_button(msg: dict[str, Any], label: str) -> dict[str, Any]:
        buttons: list[dict[str, Any]] = msg["buttons"]
        labels = [b["text"] for b in buttons]
        exact = [b for b in buttons if b["text"] == label]
        if len(exact) == 1:
            return exact[0]
        partial = [b for b in buttons if label.casefold() in str(b["text"]).casefold()]
        if len(partial) == 1 and not exact:
            return partial[0]
        raise AssertionError(f"{label!r} does not pick one button on message {msg['message_id']}: {labels!r}")

    # -- building updates -----------------------------------------------------------------------

    def message_update(self, text: str) -> dict[str, Any]:
        response = self.http.post(
            f"{self.fake_url}/_test/user_message", json={"chat": self.chat_json, "from": self.user_json, "text": text}
        )
        response.raise_for_status()
        return {"update_id": next(self._update_ids), "message": response.json()}

    def callback_update(self, label: str) -> dict[str, Any]:
        msg = self.keyboard_message()
        button = self.find_button(msg, label)
        assert button["callback_data"], f"{label!r} is not a callback button: {button!r}"
        return {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": f"mp{next(self._callback_ids)}",
                "from": self.user_json,
                "chat_instance": f"ci{self.chat_id}",
                "data": button["callback_data"],
                "message": msg["json"],
            },
        }

    # -- delivering them --------------------------------------------------------------------------

    def post(self, bot: Any, update: dict[str, Any], client: httpx.Client | None = None) -> int:
        headers = {SECRET_HEADER: self.secret} if self.secret else {}
        response = (client or self.http).post(bot.webhook_url, json=update, headers=headers)
        assert response.status_code == 200, f"{bot.name} answered {response.status_code}: {response.text}"
        return response.status_code

    def post_concurrently(self, deliveries: Sequence[tuple[Any, dict[str, Any]]]) -> None:
        """Each (bot, update) from its own thread, released at the same instant."""
        barrier = threading.Barrier(len(deliveries))
        errors: list[BaseException] = []

        def deliver(bot: Any, update: dict[str, Any]) -> None:
            with httpx.Client(timeout=10, trust_env=False) as client:
                client.get(f"{self.fake_url}/_test/health")  # connect before the barrier
                try:
                    barrier.wait(5)
                    self.post(bot, update, client)
                except BaseException as exc:
                    errors.append(exc)

        threads = [threading.Thread(target=deliver, args=d) for d in deliveries]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(15)
        if errors:
            raise errors[0]

    def wait(self, since: int, done: Callable[[list[dict[str, Any]]], bool], what: str) -> list[dict[str, Any]]:
        """Until ``done(calls made since index since)``, then until the bot has been quiet for
        ``quiet`` seconds (a straggling extra call would land in the next step otherwise)."""
        deadline = time.monotonic() + self.step_timeout
        while True:
            calls = self.calls(since)
            if done(calls):
                break
            if time.monotonic() > deadline:
                raise StepTimeout(f"no reply for {what} within {self.step_timeout}s; calls: {calls!r}")
            time.sleep(0.02)
        while True:
            time.sleep(self.quiet)
            again = self.calls(since)
            if len(again) == len(calls):
                return calls
            calls = again

    def send(self, bot: Any, text: str) -> list[dict[str, Any]]:
        """A typed message; done when the bot sent its reply into the chat."""
        since = self.call_count()
        self.post(bot, self.message_update(text))
        return self.wait(
            since,
            lambda calls: any(
                c["method"] == "sendMessage" and c["chat_id"] == self.chat_id and c["status"] == 200 for c in calls
            ),
            f"{text!r} via {bot.name}",
        )

    def press(self, bot: Any, label: str) -> list[dict[str, Any]]:
        """A button press; done when the bot answered the callback query (its last call)."""
        since = self.call_count()
        update = self.callback_update(label)
        self.post(bot, update)
        return self.wait(since, answered(update), f"{label!r} via {bot.name}")


def callback_id(update: dict[str, Any]) -> str:
    return str(update["callback_query"]["id"])


def answers_to(calls: list[dict[str, Any]], update: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        c
        for c in calls
        if c["method"] == "answerCallbackQuery" and str(c["params"].get("callback_query_id")) == callback_id(update)
    ]


def answered(*updates: dict[str, Any]) -> Callable[[list[dict[str, Any]]], bool]:
    return lambda calls: all(answers_to(calls, u) for u in updates)


def summary(calls: list[dict[str, Any]]) -> list[str]:
    """Calls, one short line each, for assertion messages."""
    lines = []
    for c in calls:
        params = c["params"]
        detail = params.get("text") or params.get("callback_query_id") or ""
        if c["method"] == "answerCallbackQuery":
            detail = f"{params.get('callback_query_id')} {params.get('text') or '(ack)'}"
        lines.append(f"#{c['index']} {c['method']} chat={c['chat_id']} -> {c['status']}: {str(detail)[:70]!r}")
    return lines


_LOG_START = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ")


def log_records(text: str) -> list[str]:
    """A bot log split into records: a timestamped line plus its continuation (tracebacks)."""
    records: list[str] = []
    for line in text.splitlines():
        if _LOG_START.match(line) or not records:
            records.append(line)
        else:
            records[-1] += "\n" + line
    return records
