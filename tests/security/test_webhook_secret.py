"""The real `skp-bot run --webhook` never serves an open webhook: without WEBHOOK_SECRET_TOKEN it
derives a secret, gives it to setWebhook, and refuses every POST that does not carry it."""

from __future__ import annotations

import re
import time
from pathlib import Path

import httpx
import pytest
from pydantic import ValidationError

from bot.settings import Settings
from bot.testing.fake_telegram_server import FakeTelegramServer
from tests.multiproc.harness import SECRET_HEADER, BotProcess, WebhookUser, clean_env, free_port, run_cli

TOKEN = "123456:WEBHOOK-TEST-token"
ADMIN_ID = 424242


def _siaran_update(update_id: int) -> dict[str, object]:
    """A plain POST claiming to be the admin typing /siaran (what the review's attacker sent)."""
    sender = {"id": ADMIN_ID, "is_bot": False, "first_name": "Admin"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": ADMIN_ID, "type": "private", "first_name": "Admin"},
            "from": sender,
            "text": "/siaran",
            "entities": [{"type": "bot_command", "offset": 0, "length": 7}],
        },
    }


def test_webhook_without_a_configured_secret_refuses_forged_posts(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path}/skp.sqlite3"
    run_cli(["demo-data"], clean_env(database_url=database_url), tmp_path)
    with FakeTelegramServer(token=TOKEN) as fake:
        env = clean_env(
            database_url=database_url,
            telegram_bot_token=TOKEN,
            telegram_api_base_url=fake.url,
            webhook_listen="127.0.0.1",
            skp_admin_ids=str(ADMIN_ID),
        )  # no WEBHOOK_SECRET_TOKEN
        bot = BotProcess("bot", free_port(), env, tmp_path)
        admin = WebhookUser(fake.url, ADMIN_ID, "Admin")
        try:
            with httpx.Client(trust_env=False) as client:
                assert bot.wait_ready(client, time.monotonic() + 30).status_code == 405
                webhook = admin._get("webhook")
                secret = webhook.get("secret_token")
                assert secret and re.fullmatch(r"[A-Za-z0-9_-]{16,256}", secret), webhook
                before = admin.call_count()
                forged = client.post(bot.webhook_url, json=_siaran_update(1))
                assert forged.status_code == 403, forged.text
                wrong = client.post(bot.webhook_url, json=_siaran_update(2), headers={SECRET_HEADER: "x" * 43})
                assert wrong.status_code == 403, wrong.text
                time.sleep(0.5)
                assert not admin.calls(before, chat_id=ADMIN_ID), "a refused POST reached the bot"
                # Telegram itself (it sends the secret it was given) still gets through.
                admin.secret = secret
                admin.send(bot, "/bantuan")
                assert "/skp" in admin.last["text"]
        finally:
            code = bot.stop()
            admin.close()
        log = bot.log
        assert code == 0, log
        assert "WEBHOOK_SECRET_TOKEN is not set" in log, log
        assert secret not in log and TOKEN not in log


@pytest.mark.parametrize("bad", ["short", "has space in it!!", "ü" * 20, "a" * 257])
def test_settings_refuse_a_secret_telegram_would_refuse_or_a_short_one(bad: str) -> None:
    with pytest.raises(ValidationError, match="WEBHOOK_SECRET_TOKEN"):
        Settings(_env_file=None, webhook_secret_token=bad)  # type: ignore[call-arg]


def test_the_derived_secret_is_stable_and_valid() -> None:
    one = Settings(_env_file=None, telegram_bot_token=TOKEN)  # type: ignore[call-arg]
    two = Settings(_env_file=None, telegram_bot_token=TOKEN)  # type: ignore[call-arg]
    assert one.webhook_secret() == two.webhook_secret()
    secret, derived = one.webhook_secret()
    assert derived and re.fullmatch(r"[A-Za-z0-9_-]{43}", secret) and TOKEN not in secret
    own = Settings(_env_file=None, telegram_bot_token=TOKEN, webhook_secret_token="A" * 32)  # type: ignore[call-arg]
    assert own.webhook_secret() == ("A" * 32, False)
