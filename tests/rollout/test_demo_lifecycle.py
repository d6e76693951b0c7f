"""The demo no longer hides the blocker: its approved SKPs went through the lifecycle (drafted,
submitted by their owners, approved by their penilai), and the demo's period keeps the seed's
format unless told otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from bot.cli import main
from bot.services.demo import KABID_NIP, KEPALA_NIP, SEKDA_NIP, load_demo_data
from bot.storage import repo
from bot.storage.db import Database
from bot.storage.migrate import upgrade_async
from bot.storage.models import Period, Skp, SkpEvent, SkpItem


async def test_demo_skps_went_through_submit_and_approve(database_url: str) -> None:
    db = Database(database_url)
    try:
        await upgrade_async(db.engine, db.url)
        await load_demo_data(db)
        await load_demo_data(db)  # a refresh changes nothing twice
        async with db.session() as session:
            people = {nip: await repo.employee_by_nip(session, nip) for nip in (SEKDA_NIP, KEPALA_NIP, KABID_NIP)}
            period = (await session.exec(select(Period))).one()
            skps = {s.employee_id: s for s in (await session.exec(select(Skp))).all()}
            events = (await session.exec(select(SkpEvent).order_by(SkpEvent.id))).all()  # type: ignore[arg-type]
            kabid_skp = skps[people[KABID_NIP].id]  # type: ignore[union-attr]
            kabid_items = (await session.exec(select(SkpItem).where(SkpItem.skp_id == kabid_skp.id))).all()
        sekda, kepala, kabid = (people[n] for n in (SEKDA_NIP, KEPALA_NIP, KABID_NIP))
        assert sekda is not None and kepala is not None and kabid is not None
        assert period.format == "permenpanrb-8-2021"  # the seed's
        assert set(skps) == {kepala.id, kabid.id}  # the Sekda (assessed by the Bupati) drafts himself
        by_skp = {skp_id: [(e.action, e.actor_id, e.version) for e in events if e.skp_id == skp_id]
                  for skp_id in (skps[kepala.id].id, skps[kabid.id].id)}
        assert by_skp[skps[kepala.id].id] == [("submit", kepala.id, 2), ("approve", sekda.id, 3)]
        assert by_skp[skps[kabid.id].id] == [("submit", kabid.id, 2), ("approve", kepala.id, 3)]
        assert all(skp.status == "APPROVED" and skp.submitted_at and skp.approved_at for skp in skps.values())
        submitted = [e for e in events if e.action == "submit"]
        assert all(e.snapshot for e in submitted)  # the lifecycle keeps what was submitted
        assert len(kabid_items) == 6 and all(i.parent_item_id for i in kabid_items)
    finally:
        await db.dispose()


def test_demo_data_format_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    db = tmp_path / "demo.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.chdir(tmp_path)
    assert main(["demo-data"]) == 0
    assert main(["demo-data", "--format", "6/2022"]) == 0
    assert main(["demo-data", "--format", "7/2020"]) == 1
    assert "tidak dikenal" in capsys.readouterr().err
    with sqlite3.connect(db) as conn:
        assert conn.execute("select format from period").fetchall() == [("permenpanrb-6-2022",)]
