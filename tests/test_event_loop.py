"""`skp-bot run` runs on uvloop (SKP_EVENT_LOOP, default) and falls back to asyncio, saying so,
where uvloop is not installed."""

from __future__ import annotations

import asyncio
import logging
import sys

import pytest
import uvloop

from bot.cli import use_event_loop
from bot.settings import Settings


@pytest.fixture
def restore_loop():  # type: ignore[no-untyped-def]
    yield
    asyncio.get_event_loop_policy().get_event_loop().close()
    asyncio.set_event_loop(None)


def test_production_default_is_uvloop() -> None:
    assert Settings(_env_file=None).skp_event_loop == "uvloop"  # type: ignore[call-arg]


@pytest.mark.usefixtures("restore_loop")
def test_uvloop_is_the_loop_ptb_runs_on() -> None:
    assert use_event_loop("uvloop") == "uvloop"
    loop = asyncio.get_event_loop_policy().get_event_loop()  # what Application.run_polling takes
    assert isinstance(loop, uvloop.Loop)
    assert loop.run_until_complete(asyncio.sleep(0, result="jalan")) == "jalan"


@pytest.mark.usefixtures("restore_loop")
def test_without_uvloop_the_bot_says_so_and_runs_on_asyncio(monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "uvloop", None)  # import uvloop -> ImportError, as on Windows
    with caplog.at_level(logging.WARNING):
        assert use_event_loop("uvloop") == "asyncio"
    assert "uvloop is not installed" in caplog.text
    loop = asyncio.get_event_loop_policy().get_event_loop()
    assert not isinstance(loop, uvloop.Loop)
    assert loop.run_until_complete(asyncio.sleep(0, result="jalan")) == "jalan"


@pytest.mark.usefixtures("restore_loop")
def test_asyncio_when_asked() -> None:
    assert use_event_loop("asyncio") == "asyncio"
    assert not isinstance(asyncio.get_event_loop_policy().get_event_loop(), uvloop.Loop)
