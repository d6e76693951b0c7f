"""Typed settings, read once from the environment (and `.env`). Nothing else reads os.environ."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_API_BASE_URL = "https://api.telegram.org"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = DEFAULT_API_BASE_URL
    database_url: str = "sqlite:///skp-bot.sqlite3"
    skp_admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    skp_timezone: str = "Asia/Jakarta"
    # Where the signature block says the SKP was signed ("Kebumen, 24 November 2026").
    skp_tempat: str = "Kebumen"
    # The penilai of the top of the tree (the Sekda), who is outside the PNS roster.
    skp_penilai_luar_nama: str = "Bupati Kebumen"
    skp_penilai_luar_jabatan: str = "Bupati"
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
    # Webhook mode (`skp-bot run --webhook`).
    webhook_listen: str = "0.0.0.0"  # noqa: S104 - a webhook server listens on all interfaces by design
    webhook_port: int = 8443
    webhook_url: str | None = None
    webhook_secret_token: SecretStr | None = None

    @field_validator("skp_admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        if isinstance(value, int):
            return [value]
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


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
