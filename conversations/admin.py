"""Admin commands (periods, broadcasts, recap)."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application


def add_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Registered by build_application."""
