"""Every wizard step is registered explicitly in one place; a bug in a step is reported as a bug,
never disguised as an old button; a wizard stored at a step nobody registered is ended politely."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.services.demo import SEKAR_NIP
from bot.storage.models import WizardSession
from conversations.registry import wizard_flows
from tests.conftest import linked_user

CONVERSATIONS = Path(__file__).resolve().parent.parent / "conversations"
STEP_CALLS = {"goto", "reset", "start_flow"}


def _literal_step_names() -> set[str]:
    """Step names written as plain strings where flows move: goto("x"), reset("x"), start_flow(u, c, "x")."""
    names: set[str] = set()
    for path in CONVERSATIONS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in STEP_CALLS:
                    for arg in node.args:
                        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and "." in arg.value:
                            names.add(arg.value)
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id.isupper() for t in node.targets):
                value = node.value
                if isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value.count(".") == 1:
                    prefix = value.value.split(".")[0]
                    if prefix in {"skp", "link", "rev", "adm", "siaran"}:
                        names.add(value.value)
    return names


def test_every_step_a_flow_moves_to_is_registered() -> None:
    registered = set(wizard_flows().steps)
    used = _literal_step_names()
    assert used, "the scan found no step names at all"
    assert used <= registered, f"moved to but not registered: {sorted(used - registered)}"
    for flow in {name.split(".")[0] for name in registered}:
        assert flow in {"skp", "link", "rev", "adm", "siaran", *wizard_flows().cancel_hooks}


async def test_a_bug_in_a_step_is_reported_not_called_stale(harness, demo, caplog, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    harness.tg.raise_errors = False
    sekar = await linked_user(harness, SEKAR_NIP, 7001, "Sekar")
    await sekar.send("/skp")
    menu = wizard_flows().steps["skp.menu"]

    async def broken(self, turn, value):  # type: ignore[no-untyped-def]
        raise ValueError("'X' is not a valid Status")  # e.g. a bad enum value from the database

    monkeypatch.setattr(type(menu), "on_button", broken)
    with caplog.at_level(logging.ERROR):
        await sekar.press("Tambah rencana kinerja")
    alert = harness.api.callback_answers[-1]
    assert "gangguan" in alert["text"] and "tidak berlaku" not in alert["text"]
    assert any(r.levelno == logging.ERROR and "ValueError" in r.getMessage() for r in caplog.records)
    report = harness.api.last(424242)  # SKP_ADMIN_IDS in the test settings
    assert "ValueError" in report.plain


async def test_a_wizard_at_an_unregistered_step_ends_politely(harness, demo, caplog) -> None:  # type: ignore[no-untyped-def]
    sekar = await linked_user(harness, SEKAR_NIP, 7002, "Sekar")
    await sekar.send("/skp")
    async with harness.db.session() as session:
        await session.exec(update(WizardSession).where(WizardSession.telegram_id == 7002).values(step="old.gone"))
        await session.commit()
    with caplog.at_level(logging.WARNING):
        await sekar.send("halo")
    assert "/skp" in sekar.last.plain
    assert any("not registered" in r.getMessage() for r in caplog.records)
    async with harness.db.session() as session:
        wizard = await session.get(WizardSession, 7002)
        assert wizard is not None and wizard.step == ""


def test_flows_refuse_a_step_listed_twice() -> None:
    from conversations.engine import Flows

    steps = list(wizard_flows().steps.values())
    with pytest.raises(ValueError, match="listed twice"):
        Flows.of([*steps, steps[0]], {})
