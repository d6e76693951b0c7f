"""Deterministic reproductions of what the random conversations (test_stateful.py) found.

Each test is the shortest path to one bug, phrased as a user acts; it fails until the bug is
fixed and then guards against its return. See the docstrings for the culprit.
"""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from bot.services.demo import KABID_NIP, SEKAR_NIP
from bot.storage.models import Skp, SkpEvent, SkpItem
from tests.conftest import linked_user
from tests.flows.helpers import answer_aspects, draft_item, open_new_item

pytestmark = pytest.mark.fuzz


async def _submitted(harness, sekar_id: int = 9101, kabid_id: int = 9102):
    sekar = await linked_user(harness, SEKAR_NIP, sekar_id, "Sekar")
    kabid = await linked_user(harness, KABID_NIP, kabid_id, "Bawono")
    await draft_item(sekar, parent="2", rk="Promosi ASN terlaksana sesuai peraturan", ak="0,500")
    await sekar.press("Ajukan")
    await sekar.press("Ya, ajukan")
    return sekar, kabid


async def _events(harness) -> tuple[Skp, list[SkpEvent]]:
    async with harness.db.session() as session:
        skp = (
            await session.exec(select(Skp).where(col(Skp.id).in_(select(SkpEvent.skp_id))).order_by(col(Skp.id).desc()))
        ).first()
        assert skp is not None
        query = select(SkpEvent).where(SkpEvent.skp_id == skp.id).order_by(col(SkpEvent.id))
        events = (await session.exec(query)).all()
        return skp, list(events)


async def test_history_events_record_the_status_and_version_they_moved(harness, demo):
    """conversations/approval.py submit(), approval_button() and RevisionComment.on_text build the
    SkpEvent *after* repo.compare_and_set_status(): the ORM UPDATE also refreshes the Skp in the
    session, so `bundle.status` (read live from skp.status) is already SUBMITTED and
    `skp.version + 1` is one past the version the SKP ever had."""
    sekar, kabid = await _submitted(harness)
    skp, events = await _events(harness)
    submit = events[-1]
    assert (submit.action, submit.from_status, submit.to_status) == ("submit", "DRAFT", "SUBMITTED")
    assert submit.version == skp.version, "the event should carry the version the submission produced"

    await kabid.press("Minta revisi")
    await kabid.press("Seluruh SKP")
    await kabid.send("Lengkapi sumber datanya")
    skp, events = await _events(harness)
    assert (events[-1].action, events[-1].version) == ("request_revision", skp.version)

    await sekar.send("/skp")
    await sekar.press("Ajukan")
    await sekar.press("Ya, ajukan")
    await kabid.press("Setujui")
    skp, events = await _events(harness)
    assert [(e.action, e.from_status) for e in events] == [
        ("submit", "DRAFT"),
        ("request_revision", "SUBMITTED"),
        ("submit", "REVISION_REQUESTED"),
        ("approve", "SUBMITTED"),
    ]
    assert events[-1].version == skp.version


@pytest.mark.parametrize("then", ["text", "button", "/start"])
async def test_revision_card_after_the_skp_was_approved(harness, demo, then):
    """The penilai taps Minta revisi, then Setujui on the same prompt (its buttons stay). His wizard
    is still at rev.scope; the next update's screen() — RevisionScope.screen ->
    _submitted_bundle (conversations/approval.py) — raises DomainError inside
    engine.compose(), which run_turn() calls outside the `except DomainError` of on_text /
    on_button: an internal error each time, even for /start, until he types /skp."""
    _, kabid = await _submitted(harness)
    prompt = kabid.last
    await kabid.press("Minta revisi", message=prompt)
    await kabid.press("Setujui", message=prompt)
    before = len(kabid.messages)
    if then == "text":
        await kabid.send("ok")
    elif then == "button":
        await kabid.press("Seluruh SKP")
    else:
        await kabid.send("/start")
    assert len(kabid.messages) > before or kabid.callback_answers()


async def test_admin_forged_period_id_is_refused_politely(harness, demo):
    """The same screen() path on the admin side: PeriodDetail.screen -> periods.get_period raises
    PeriodError for an unknown id taken from the button (conversations/admin.py PeriodList)."""
    admin = harness.tg.user(424242, "Admin")
    await admin.send("/periode")
    card = admin.last
    version = card.callback_data[0].split(":")[1]
    await admin.press_data(f"w1:{version}:p:999", card.message_id)
    assert admin.callback_answers()


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("menu", "it:"),  # drafting.py Menu.on_button int(value[3:])
        ("parent", "p:"),  # drafting.py ChooseParent.on_button int(value[2:])
        ("parent", "k:x"),
        ("parent", "pg:x"),  # int(value[3:])
    ],
)
async def test_forged_wizard_button_with_the_current_version(harness, demo, where, value):
    """A button's value is parsed with a bare int(): callback data carrying the current session
    version and a malformed value (a modified client, or data that passed through a buggy
    encoder) raises ValueError -> internal error alert and an error report to every admin.
    Same pattern: AskIndicator/AskTarget "s:", EditField "ji:"/"jt:", RevisionScope "it:",
    admin PeriodList "p:", BroadcastUnit "pg:". Expected: the stale-button alert."""
    sekar = await linked_user(harness, SEKAR_NIP, 9201, "Sekar")
    if where == "menu":
        await sekar.send("/skp")
    else:
        await open_new_item(sekar)
    card = sekar.last
    version = card.callback_data[0].split(":")[1]
    await sekar.press_data(f"w1:{version}:{value}", card.message_id)
    assert sekar.callback_answers()[-1].get("show_alert")


async def test_jf_item_cannot_take_a_pk_sasaran_as_its_parent(harness, demo):
    """drafting.py ChooseParent.on_button accepts "k:<PkSasaran id>" whatever the employee's
    category; only the screen limits "k:" to JPT. A JF/JA item then cascades from the unit's
    Perjanjian Kinerja instead of the penilai's approved SKP (check_cascade is skipped), passes
    check_completeness (parent_text is filled) and can be submitted."""
    sekar = await linked_user(harness, SEKAR_NIP, 9301, "Sekar")
    await open_new_item(sekar)
    card = sekar.last
    version = card.callback_data[0].split(":")[1]
    await sekar.press_data(f"w1:{version}:k:1", card.message_id)
    async with harness.db.session() as session:
        rows = (await session.exec(select(SkpItem).where(SkpItem.rencana_kinerja == ""))).all()
    assert rows and all(r.parent_text is None for r in rows), [(r.id, r.parent_text) for r in rows]


async def _at_target_step(harness, telegram_id: int):
    sekar = await linked_user(harness, SEKAR_NIP, telegram_id, "Sekar")
    await open_new_item(sekar)
    await sekar.press("1")
    await sekar.send("Data kepegawaian valid dan akurat")
    if "Periksa bahasa" in sekar.last.plain:
        await sekar.press("Tetap pakai teks saya")
    await sekar.press("1")  # the first suggested indicator; now the kuantitas target
    assert "Target" in sekar.last.plain
    return sekar


@pytest.mark.parametrize("target", ["1" * 29 + " dokumen", "9" * 40 + " %"])
async def test_a_target_with_29_digits_is_refused_not_crashed(harness, demo, target):
    """skp_domain/_numbers.py normalise(): n.quantize(Decimal(1)) raises decimal.InvalidOperation
    once the integer has more digits than the context precision (28); parse_target lets it out
    as a non-DomainError -> internal error."""
    sekar = await _at_target_step(harness, 9401)
    await sekar.send(target)
    assert "Target" in sekar.last.plain


@pytest.mark.parametrize(
    ("step", "text"),
    [("target", "1.2" * 1300 + " dokumen"), ("ak", "x" * 4096), ("ak", "9" * 4096)],
)
async def test_an_error_message_never_echoes_unbounded_input(harness, demo, step, text):
    """skp_domain/skp.py parse_ak ('Angka kredit (AK) "{s}" bukan angka' / '{s} terlalu besar')
    and skp_domain/targets.py parse_target ('Angka "{number_text}" tidak dapat dibaca') quote
    the whole input; with the question below it the reply passes 4096 characters and
    sendMessage fails (BadRequest: Message is too long): the user gets no answer at all."""
    if step == "target":
        sekar = await _at_target_step(harness, 9501)
    else:
        sekar = await linked_user(harness, SEKAR_NIP, 9502, "Sekar")
        await open_new_item(sekar)
        await sekar.press("1")
        await sekar.send("Data kepegawaian valid dan akurat")
        if "Periksa bahasa" in sekar.last.plain:
            await sekar.press("Tetap pakai teks saya")
        await answer_aspects(sekar, ("1 dokumen", "100 %", "12 bulan"))
        assert "Angka kredit" in sekar.last.plain
    before = len(sekar.messages)
    await sekar.send(text)
    assert len(sekar.messages) > before
