"""Typed settings, read once from the environment (and `.env`). Nothing else reads os.environ."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Literal
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

    @field_validator("skp_paper", mode="before")
    @classmethod
    def _paper_upper(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

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
