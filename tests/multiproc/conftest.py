"""Multi-process tests: real `skp-bot` subprocesses on PostgreSQL (skipped when it is not reachable)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgresql: needs PostgreSQL at 127.0.0.1:5432 (skipped otherwise)")
