"""Fixtures for the document tests."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["JPT", "JA", "JF"])
def layout(request: pytest.FixtureRequest) -> str:
    return str(request.param)
