"""Randomized (Hypothesis) tests of whole conversations. They run in the default `python -m pytest`;
`-m fuzz` selects only them, `-m "not fuzz"` skips them."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fuzz: randomized conversation tests (Hypothesis state machines)")
