"""Penilai outside the roster, without Telegram: who an external record serves (code first, then
name), who may decide, no one decides their own SKP, and the code's lock-out."""

from __future__ import annotations

import pytest

from bot.services import lifecycle, outside
from bot.services.demo import SEKDA_NIP
from bot.services.lifecycle import Actor, NotAllowed
from bot.storage import repo
from bot.storage.db import Database
from bot.storage.models import Employee, ExternalPenilai, Indicator, Skp, SkpItem
from skp_domain.skp import Action


def test_serves_by_code_then_by_name() -> None:
    head = Employee(nip="1", nama="A", jabatan="", jenis_jabatan="jpt_madya", unit_kerja="X", atasan_id=None)
    bupati = ExternalPenilai(nama="Bupati Kebumen")
    assert outside.serves(bupati, head, "bupati  KEBUMEN")  # the settings' name, case and spaces ignored
    head.penilai_luar_nama = "Pj. Bupati Kebumen"
    assert not outside.serves(bupati, head, "Bupati Kebumen")
    head.penilai_luar_id, bupati.kode = "PJ-01", "pj-01"
    assert outside.serves(bupati, head, "Bupati Kebumen")  # the code decides when both have one
    head.atasan_id = 7
    assert not outside.serves(bupati, head, "Bupati Kebumen")  # a penilai in the roster: never
    assert outside.looks_like_code("abcd-efgh") and not outside.looks_like_code("19700312 199803 1 004")


async def _submitted_sekda_skp(db: Database) -> tuple[Employee, int]:
    async with db.write_session() as session:
        sekda = await repo.employee_by_nip(session, SEKDA_NIP)
        period = await repo.active_period(session)
        assert sekda is not None and period is not None
        skp = Skp(employee_id=sekda.id or 0, period_id=period.id or 0)
        session.add(skp)
        await session.flush()
        item = SkpItem(skp_id=skp.id or 0, position=1, parent_text="Tata kelola",
                       rencana_kinerja="Meningkatnya kualitas tata kelola pemerintahan", complete=True)
        session.add(item)
        await session.flush()
        session.add(Indicator(item_id=item.id or 0, indikator="Indeks RB", target_value="75", target_unit="%"))
        await session.commit()
        await lifecycle.change_status(session, skp.id or 0, Action.SUBMIT, Actor.of(sekda))
        await session.commit()
        return sekda, skp.id or 0


async def test_who_may_decide_for_the_bupati(db: Database) -> None:
    sekda, skp_id = await _submitted_sekda_skp(db)
    async with db.write_session() as session:
        other, _ = await outside.add(session, "Gubernur Jawa Tengah")
        bupati, _ = await outside.add(session, "Bupati Kebumen", "Bupati")
        await session.commit()
        with pytest.raises(NotAllowed, match="sendiri"):  # an admin never decides their own SKP
            await lifecycle.change_status(session, skp_id, Action.APPROVE,
                                          Actor.of(sekda, admin=True), outside_name="Bupati Kebumen")
        with pytest.raises(NotAllowed):  # another outside penilai's account
            await lifecycle.change_status(session, skp_id, Action.APPROVE, Actor(external_penilai_id=other.id),
                                          outside_name="Bupati Kebumen")
        change = await lifecycle.change_status(session, skp_id, Action.APPROVE, Actor(external_penilai_id=bupati.id),
                                               outside_name="Bupati Kebumen")
        await session.commit()
    assert change.external_penilai == "Bupati Kebumen" and change.on_behalf_of is None


async def test_wrong_codes_lock_like_employee_codes(db: Database) -> None:
    async with db.write_session() as session:
        record, _ = await outside.add(session, "Bupati Kebumen")
        code = await outside.issue_code(session, record)
        results = [await outside.redeem(session, 42, 42, "ZZZZZZZZ") for _ in range(5)]
        assert [r.outcome for r in results] == [outside.Outcome.WRONG_CODE] * 4 + [outside.Outcome.LOCKED]
        assert (await outside.redeem(session, 42, 42, code)).outcome is outside.Outcome.LOCKED
        linked = await outside.redeem(session, 43, 43, code)
        assert linked.outcome is outside.Outcome.LINKED and record.telegram_id == 43
        assert (await outside.redeem(session, 44, 44, code)).outcome is outside.Outcome.WRONG_CODE  # used
        await session.commit()
