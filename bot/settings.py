"""Typed settings, read once from the environment (and `.env`). Nothing else reads os.environ."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from functools import lru_cache
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_API_BASE_URL = "https://api.telegram.org"
# What Telegram accepts as a webhook secret_token: 1-256 of A-Z a-z 0-9 _ -. We also want it long
# enough not to be guessed.
WEBHOOK_SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")
WEBHOOK_SECRET_MIN = 16


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = DEFAULT_API_BASE_URL
    database_url: str = "sqlite:///skp-bot.sqlite3"
    skp_admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    skp_timezone: str = "Asia/Jakarta"
    # Where the signature block says the SKP was signed ("Kebumen, 24 November 2026").
    skp_tempat: str = "Kebumen"
    # The penilai of the top of the tree (the Sekda), who is outside the PNS roster: the person's
    # name and jabatan as printed on the SKP, and an identifier (NIP/NRP) that may stay empty:
    # then the signature block has no "NIP." line at all (the Bupati has none).
    skp_penilai_luar_nama: str = "Bupati Kebumen"
    skp_penilai_luar_jabatan: str = "Bupati Kebumen"
    skp_penilai_luar_nip: str = ""
    # The instansi printed on every SKP ("PEMERINTAH KABUPATEN KEBUMEN").
    skp_instansi: str = "Pemerintah Kabupaten Kebumen"
    # Paper of the SKP documents, landscape: A4 (297 x 210 mm) or F4 (330 x 215 mm).
    skp_paper: Literal["A4", "F4"] = "A4"
    # Who people contact for help (shown in /bantuan), e.g. "BKPSDM Kebumen, Bidang PKA, 0287-381xxx".
    skp_admin_contact: str = "admin BKPSDM di instansi Anda"
    # Optional coaching by a language model (any OpenAI-compatible chat endpoint the agency runs, e.g.
    # http://localhost:8000/v1). Off when empty; the rules alone meet every coaching requirement.
    skp_llm_base_url: str | None = None
    skp_llm_model: str = "default"
    skp_llm_api_key: SecretStr | None = None
    skp_llm_timeout: float = Field(default=2.0, gt=0, le=2.0)
    # Updates processed at once (different people in parallel, one person's in order).
    skp_concurrent_updates: int = Field(default=64, ge=1, le=1024)
    # Worker processes rendering PDF/DOCX under `skp-bot run` (0: threads, sharing the GIL with
    # the event loop).
    skp_render_processes: int = Field(default=2, ge=0, le=16)
    # The HTTP client to the Bot API: aiohttp (about a fifth of httpx's CPU per call, see
    # bot/tg/http_client.py) or httpx (PTB's own; speaks SOCKS proxies).
    skp_http_client: Literal["aiohttp", "httpx"] = "aiohttp"
    # The event loop of `skp-bot run`: uvloop (libuv; about a sixth less CPU per update end to
    # end, docs/performance.md) or Python's own asyncio loop. Without uvloop installed (Windows)
    # the bot says so and runs on asyncio.
    skp_event_loop: Literal["uvloop", "asyncio"] = "uvloop"
    # One person's updates waiting or running at once; beyond it they are dropped ("terlalu cepat").
    skp_max_queued_per_sender: int = Field(default=20, ge=1, le=1000)
    # Webhook mode (`skp-bot run --webhook`).
    webhook_listen: str = "0.0.0.0"  # noqa: S104 - a webhook server listens on all interfaces by design
    webhook_port: int = 8443
    webhook_url: str | None = None
    webhook_secret_token: SecretStr | None = None
    # The bot's @username (without @), printed as https://t.me/<username> on the code handout.
    telegram_bot_username: str | None = None

    @field_validator("skp_admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.replace(";", ",").replace(" ", ",").split(",") if part.strip()]
            wrong = [p for p in parts if not p.lstrip("-").isdigit()]
            if wrong:
                raise ValueError(ADMIN_IDS_HELP.format(wrong=wrong[0][:40]))
            return [int(part) for part in parts]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("webhook_secret_token", mode="before")
    @classmethod
    def _check_secret(cls, value: object) -> object:
        raw = value.get_secret_value() if isinstance(value, SecretStr) else value
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None  # unset: `webhook_secret` derives one
        if not isinstance(raw, str) or not WEBHOOK_SECRET_PATTERN.fullmatch(raw):
            raise ValueError(
                "WEBHOOK_SECRET_TOKEN: 1-256 karakter, hanya A-Z a-z 0-9 _ - (aturan Telegram). "
                "Contoh: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        if len(raw) < WEBHOOK_SECRET_MIN:
            raise ValueError(
                f"WEBHOOK_SECRET_TOKEN terlalu pendek ({len(raw)} karakter); minimal {WEBHOOK_SECRET_MIN}. "
                "Contoh: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        return raw

    @field_validator("telegram_bot_username", mode="before")
    @classmethod
    def _strip_at(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip().removeprefix("https://t.me/").lstrip("@").strip("/")
            return value or None
        return value

    @field_validator("skp_paper", mode="before")
    @classmethod
    def _paper_upper(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        scheme = value.split(":", 1)[0].split("+", 1)[0].lower() if ":" in value else ""
        if scheme not in {"sqlite", "postgresql", "postgres"}:
            raise ValueError(
                f"“{value.split('@')[-1][:60]}” tidak dikenali; pakai sqlite:///berkas.sqlite3 atau "
                "postgresql://user@host:5432/nama_db"
            )
        return value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.skp_timezone)

    @property
    def bot_base_url(self) -> str:
        """PTB appends the token to base_url: `<root>/bot<token>`."""
        return f"{self.telegram_api_base_url}/bot"

    @property
    def bot_file_base_url(self) -> str:
        return f"{self.telegram_api_base_url}/file/bot"

    def webhook_secret(self) -> tuple[str, bool]:
        """The secret_token for setWebhook and the check of every POST: (secret, derived?).

        Without WEBHOOK_SECRET_TOKEN it is derived from the bot token (HMAC-SHA256), so every
        replica and every restart agree on it without configuration, and it is no weaker than the
        token itself (whoever holds the token can call setWebhook anyway)."""
        if self.webhook_secret_token is not None:
            return self.webhook_secret_token.get_secret_value(), False
        if self.telegram_bot_token is None or not self.telegram_bot_token.get_secret_value():
            raise ValueError("no bot token to derive the webhook secret from")
        digest = hmac.new(
            self.telegram_bot_token.get_secret_value().encode(), b"skp-bot webhook secret v1", hashlib.sha256
        ).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("="), True


ADMIN_IDS_HELP = (
    "“{wrong}” bukan ID Telegram. Isi SKP_ADMIN_IDS dengan ID angka, dipisah koma "
    "(mis. SKP_ADMIN_IDS=123456789,987654321), bukan @username atau nomor HP; "
    "ID Anda dibalas bot bila Anda mengirim /id kepadanya"
)
_ENV_NAMES = {name: name.upper() for name in Settings.model_fields}


def describe_error(exc: ValidationError) -> str:
    """One clear line per wrong setting, named as it is set (the environment variable)."""
    lines = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error.get("loc") else ""
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        lines.append(f"Pengaturan salah: {_ENV_NAMES.get(field, field)}: {message}.")
    return "\n".join(lines)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
