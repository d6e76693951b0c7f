"""The one status-change function: who may act, what the event row says, stale versions, the
current roster deciding who the penilai is. Driven without Telegram."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.services import lifecycle
from bot.services.demo import KABID_NIP, KEPALA_NIP, SEKAR_NIP, SEKDA_NIP
from bot.services.lifecycle import Actor, NotAllowed, StaleSkp
from bot.storage import repo
from bot.storage.db import Database
from bot.storage.models import Employee, Indicator, Skp, SkpEvent, SkpItem
from skp_domain.errors import DomainError, TransitionError
from skp_domain.skp import Action, Status

OKTI_NIP = "198504122010012003"


async def _person(db: Database, nip: str) -> Employee:
    async with db.session() as session:
        employee = await repo.employee_by_nip(session, nip)
        assert employee is not None
        return employee


async def _draft(db: Database, nip: str, *, complete: bool = True) -> int:
    """A one-item JF draft (AK filled), as the wizard would leave it."""
    async with db.session() as session:
        owner = await repo.employee_by_nip(session, nip)
        period = await repo.active_period(session)
        assert owner is not None and period is not None
        parent = (await repo.approved_items_of(session, owner.atasan_id or 0, period.id or 0))[0]
        skp = Skp(employee_id=owner.id or 0, period_id=period.id or 0, penilai_id=owner.atasan_id)
        session.add(skp)
        await session.flush()
        item = SkpItem(
            skp_id=skp.id or 0, position=1, parent_item_id=parent.id, parent_text=parent.rencana_kinerja,
            rencana_kinerja="Laporan evaluasi promosi ASN tersusun tepat waktu", ak="0.5", complete=complete,
        )
        session.add(item)
        await session.flush()
        for n, (aspek, text, value, unit) in enumerate(
            [("kuantitas", "Jumlah laporan", "1", "laporan"), ("kualitas", "Persentase", "100", "%"),
             ("waktu", "Ketepatan waktu", "12", "bulan")]
        ):
            session.add(Indicator(item_id=item.id or 0, aspek=aspek, position=n, indikator=text,
                                  target_value=value, target_unit=unit))
        await session.commit()
        return skp.id or 0


async def _act(db: Database, skp_id: int, action: Action, actor: Actor, **kw: object) -> lifecycle.StatusChange:
    async with db.write_session() as session:
        change = await lifecycle.change_status(session, skp_id, action, actor, **kw)  # type: ignore[arg-type]
        await session.commit()
        return change


async def _events(db: Database, skp_id: int) -> list[SkpEvent]:
    async with db.session() as session:
        return list(await repo.events_of(session, skp_id))


async def test_submit_then_approve_records_events_and_freezes(db: Database) -> None:
    sekar, kabid = await _person(db, SEKAR_NIP), await _person(db, KABID_NIP)
    skp_id = await _draft(db, SEKAR_NIP)
    submitted = await _act(db, skp_id, Action.SUBMIT, Actor.of(sekar))
    assert (submitted.from_status, submitted.to_status) == (Status.DRAFT, Status.SUBMITTED)
    assert submitted.penilai is not None and submitted.penilai.nip == KABID_NIP
    approved = await _act(db, skp_id, Action.APPROVE, Actor.of(kabid), seen_version=submitted.version)
    assert approved.to_status is Status.APPROVED and approved.version == submitted.version + 1
    events = await _events(db, skp_id)
    assert [(e.action, e.actor_id, e.version) for e in events] == [
        ("submit", sekar.id, submitted.version),
        ("approve", kabid.id, approved.version),
    ]
    assert events[0].snapshot and events[0].snapshot[0]["rencana_kinerja"].startswith("Laporan evaluasi")
    with pytest.raises(StaleSkp):  # a second tap on the same prompt
        await _act(db, skp_id, Action.APPROVE, Actor.of(kabid), seen_version=submitted.version)
    with pytest.raises(TransitionError):
        await _act(db, skp_id, Action.SUBMIT, Actor.of(sekar))


async def test_only_the_owner_submits_and_only_the_current_penilai_decides(db: Database) -> None:
    sekar, kabid, kepala = [await _person(db, n) for n in (SEKAR_NIP, KABID_NIP, KEPALA_NIP)]
    okti = await _person(db, OKTI_NIP)
    skp_id = await _draft(db, SEKAR_NIP)
    with pytest.raises(NotAllowed):
        await _act(db, skp_id, Action.SUBMIT, Actor.of(okti))
    await _act(db, skp_id, Action.SUBMIT, Actor.of(sekar))
    for stranger in (okti, kepala, sekar):
        with pytest.raises(NotAllowed):
            await _act(db, skp_id, Action.APPROVE, Actor.of(stranger))
    with pytest.raises(NotAllowed):  # an admin may act only for a penilai outside the roster
        await _act(db, skp_id, Action.APPROVE, Actor.of(None, admin=True, telegram_id=424242))
    # The roster changes: Sekar now reports to the kepala. The old penilai is refused, the new one decides.
    async with db.session() as session:
        row = await repo.employee_by_nip(session, SEKAR_NIP)
        assert row is not None
        row.atasan_id = kepala.id
        session.add(row)
        await session.commit()
    with pytest.raises(NotAllowed):
        await _act(db, skp_id, Action.APPROVE, Actor.of(kabid))
    change = await _act(db, skp_id, Action.REQUEST_REVISION, Actor.of(kepala), comment="Perjelas target")
    assert change.penilai is not None and change.penilai.id == kepala.id
    async with db.session() as session:
        skp = await session.get(Skp, skp_id)
        assert skp is not None and skp.penilai_id == kepala.id and skp.revision_comment == "Perjelas target"


async def test_admin_records_the_decision_of_a_penilai_outside_the_roster(db: Database) -> None:
    """The Sekda's penilai is the Bupati (no NIP): an admin approves on his behalf; history says so."""
    sekda = await _person(db, SEKDA_NIP)
    async with db.session() as session:
        period = await repo.active_period(session)
        assert period is not None
        skp = Skp(employee_id=sekda.id or 0, period_id=period.id or 0)
        session.add(skp)
        await session.flush()
        item = SkpItem(skp_id=skp.id or 0, position=1, parent_text="Meningkatnya kualitas pelayanan publik",
                       rencana_kinerja="Meningkatnya kualitas pelayanan publik", complete=True)
        session.add(item)
        await session.flush()
        session.add(Indicator(item_id=item.id or 0, indikator="Indeks kepuasan masyarakat", target_value="83.00",
                              target_unit="%"))
        await session.commit()
        skp_id = skp.id or 0
    await _act(db, skp_id, Action.SUBMIT, Actor.of(sekda))
    with pytest.raises(NotAllowed):
        await _act(db, skp_id, Action.APPROVE, Actor.of(None, telegram_id=5))  # not an admin
    change = await _act(db, skp_id, Action.APPROVE, Actor.of(None, admin=True, telegram_id=424242),
                        outside_name="Bupati Kebumen")
    assert change.on_behalf_of == "Bupati Kebumen" and change.penilai is None
    approve = (await _events(db, skp_id))[-1]
    assert (approve.action, approve.actor_id, approve.actor_telegram_id, approve.on_behalf_of) == (
        "approve", None, 424242, "Bupati Kebumen")


async def test_withdraw_before_the_penilai_acts(db: Database) -> None:
    sekar, kabid = await _person(db, SEKAR_NIP), await _person(db, KABID_NIP)
    skp_id = await _draft(db, SEKAR_NIP)
    submitted = await _act(db, skp_id, Action.SUBMIT, Actor.of(sekar))
    with pytest.raises(NotAllowed):
        await _act(db, skp_id, Action.WITHDRAW, Actor.of(kabid))
    back = await _act(db, skp_id, Action.WITHDRAW, Actor.of(sekar))
    assert back.to_status is Status.DRAFT
    with pytest.raises(StaleSkp):  # the penilai's prompt is for the withdrawn version
        await _act(db, skp_id, Action.APPROVE, Actor.of(kabid), seen_version=submitted.version)


async def test_revision_note_on_several_items_and_incomplete_drafts_refused(db: Database) -> None:
    sekar, kabid = await _person(db, SEKAR_NIP), await _person(db, KABID_NIP)
    skp_id = await _draft(db, SEKAR_NIP, complete=False)
    with pytest.raises(DomainError, match="belum disimpan"):
        await _act(db, skp_id, Action.SUBMIT, Actor.of(sekar))
    async with db.session() as session:
        for item in (await session.exec(select(SkpItem).where(SkpItem.skp_id == skp_id))).all():
            item.complete = True
            session.add(item)
        await session.commit()
        item_id = (await repo.items_of(session, skp_id))[0].id or 0
    await _act(db, skp_id, Action.SUBMIT, Actor.of(sekar))
    change = await _act(
        db, skp_id, Action.REQUEST_REVISION, Actor.of(kabid), comment="Target kurang", item_ids=[item_id]
    )
    assert change.item_ids == (item_id,)
    async with db.session() as session:
        item = await session.get(SkpItem, item_id)
        skp = await session.get(Skp, skp_id)
        assert item is not None and item.revision_comment == "Target kurang"
        assert skp is not None and skp.revision_comment is None and skp.status == "REVISION_REQUESTED"


async def test_amendments_keep_the_approved_version_and_need_the_right_person(db: Database) -> None:
    """AMEND by the owner (Kinerja Tambahan), REOPEN by the penilai (any change), CANCEL back to the
    version; every approval freezes a version; an amendment with no change is not submitted."""
    from bot.services import versions

    sekar, kabid, okti = [await _person(db, n) for n in (SEKAR_NIP, KABID_NIP, OKTI_NIP)]
    skp_id = await _draft(db, SEKAR_NIP)
    await _act(db, skp_id, Action.SUBMIT, Actor.of(sekar))
    first = await _act(db, skp_id, Action.APPROVE, Actor.of(kabid))
    assert first.version_number == 1
    with pytest.raises(NotAllowed):
        await _act(db, skp_id, Action.AMEND, Actor.of(kabid))
    with pytest.raises(NotAllowed):
        await _act(db, skp_id, Action.REOPEN, Actor.of(sekar))
    with pytest.raises(NotAllowed):
        await _act(db, skp_id, Action.REOPEN, Actor.of(okti))
    opened = await _act(db, skp_id, Action.AMEND, Actor.of(sekar))
    assert opened.to_status is Status.AMENDING and opened.amendment
    with pytest.raises(DomainError, match="Belum ada perubahan"):
        await _act(db, skp_id, Action.SUBMIT, Actor.of(sekar))
    widened = await _act(db, skp_id, Action.REOPEN, Actor.of(kabid))  # the penilai opens it whole
    with pytest.raises(StaleSkp, match="sudah dibuka untuk semua perubahan"):
        await _act(db, skp_id, Action.REOPEN, Actor.of(kabid))
    async with db.session() as session:
        skp = await session.get(Skp, skp_id)
        assert skp is not None and skp.amend_scope == "full" and widened.version == skp.version
        item = (await repo.items_of(session, skp_id))[0]
        item.rencana_kinerja = "Laporan evaluasi promosi ASN tersusun dan dipublikasikan"
        session.add(item)
        await session.commit()
    dropped = await _act(db, skp_id, Action.CANCEL_AMENDMENT, Actor.of(sekar))
    assert dropped.to_status is Status.APPROVED and dropped.version_number == 1
    async with db.session() as session:
        item = (await repo.items_of(session, skp_id))[0]
        assert item.rencana_kinerja == "Laporan evaluasi promosi ASN tersusun tepat waktu"  # restored
        skp = await session.get(Skp, skp_id)
        assert skp is not None and skp.amend_scope is None
        assert [v.number for v in await versions.all_versions(session, skp_id)] == [1]
    assert [e.action for e in await _events(db, skp_id)] == [
        "submit", "approve", "amend", "reopen", "cancel_amendment"]


async def test_an_skp_approved_before_versions_were_kept_gets_its_version_when_amended(db: Database) -> None:
    """The demo's Kabid SKP was approved without a version row (as older databases are)."""
    from bot.services import cascade, versions

    kabid = await _person(db, KABID_NIP)
    async with db.session() as session:
        period = await repo.active_period(session)
        assert period is not None
        skp = await repo.skp_of(session, kabid.id or 0, period.id or 0)
        assert skp is not None
        before = [r.text for r in await cascade.results_of(session, skp)]
    await _act(db, skp.id or 0, Action.AMEND, Actor.of(kabid))
    async with db.session() as session:
        kept = await versions.all_versions(session, skp.id or 0)
        assert [v.number for v in kept] == [1] and len(kept[0].items) == 6
        fresh = await session.get(Skp, skp.id)
        results = await cascade.results_of(session, fresh)
        assert [r.text for r in results] == before and not any(r.provisional for r in results)
