"""Linking hardened (issue 15): failures counted per NIP too, no NIP probing, codes expire, codes
stored with a salted slow hash, inactive employees cannot link, and codes issued earlier survive
another `issue_codes`."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
from pathlib import Path

from sqlalchemy import text, update
from sqlmodel import col, select

from bot.services.demo import SEKAR_NIP
from bot.services.linking import (
    DEMO_LOG2_N,
    NIP_MAX_FAILURES,
    issue_codes,
    redeem,
    verify_code,
)
from bot.storage.db import Database
from bot.storage.migrate import upgrade
from bot.storage.models import ActivationCode, Employee, utcnow
from tests.conftest import BotHarness

UNKNOWN_NIP = "199001012015011999"  # well-formed, on no roster
WRONG = "SALAH234"


async def _start(user, nip: str) -> None:  # type: ignore[no-untyped-def]
    await user.send("/start")
    await user.send(nip)


async def _sekar(harness: BotHarness) -> Employee:
    async with harness.db.session() as session:
        return (await session.exec(select(Employee).where(Employee.nip == SEKAR_NIP))).one()


async def test_several_accounts_cannot_keep_guessing_one_nip(harness, demo):
    users = [harness.tg.user(8800 + n, f"Penebak {n}") for n in range(4)]
    failures = 0
    for user in users[:3]:
        await _start(user, SEKAR_NIP)
        for _ in range(4):  # under each account's own limit (5)
            if failures < NIP_MAX_FAILURES:
                await user.send(WRONG)
                failures += 1
    assert failures == NIP_MAX_FAILURES
    assert "Terlalu banyak percobaan" in users[2].last.plain
    # Even the right code is refused for that NIP now, from a fresh account.
    await _start(users[3], SEKAR_NIP)
    await users[3].send(demo[SEKAR_NIP])
    assert "Terlalu banyak percobaan" in users[3].last.plain
    assert (await _sekar(harness)).telegram_id is None


async def test_the_nip_step_says_nothing_about_who_exists_or_is_linked(harness, demo):
    from bot.services.linking import link_directly

    await link_directly(harness.db, SEKAR_NIP, 8810, 8810)  # Sekar is linked
    replies = []
    for n, nip in enumerate([SEKAR_NIP, UNKNOWN_NIP, "198807152011011002"]):  # linked, unknown, unlinked
        user = harness.tg.user(8811 + n, "Penyelidik")
        await _start(user, nip)
        after_nip = user.last.plain.replace(nip, "NIP")
        await user.send(WRONG)
        replies.append((after_nip, user.last.plain.replace(nip, "NIP")))
    assert replies[0] == replies[1] == replies[2], replies
    assert "tidak ada" not in replies[0][0] and "terhubung" not in replies[0][0]


async def test_an_expired_code_does_not_link(harness, demo):
    async with harness.db.session() as session:
        sekar = (await session.exec(select(Employee).where(Employee.nip == SEKAR_NIP))).one()
        await session.exec(
            update(ActivationCode)
            .where(col(ActivationCode.employee_id) == sekar.id)
            .values(expires_at=utcnow() - dt.timedelta(minutes=1))
        )
        await session.commit()
    user = harness.tg.user(8820, "Sekar")
    await _start(user, SEKAR_NIP)
    await user.send(demo[SEKAR_NIP])
    assert "tidak cocok" in user.last.plain and "tidak berlaku" in user.last.plain
    assert (await _sekar(harness)).telegram_id is None


async def test_codes_are_stored_salted_and_slow_not_as_plain_sha256(harness, demo):
    async with harness.db.session() as session:
        sekar = (await session.exec(select(Employee).where(Employee.nip == SEKAR_NIP))).one()
        rows = (await session.exec(select(ActivationCode).where(ActivationCode.employee_id == sekar.id))).all()
        issued = await issue_codes(session, [sekar], renew=True)  # as the CLI does, full cost
        await session.commit()
        again = (await session.exec(select(ActivationCode).where(ActivationCode.employee_id == sekar.id))).all()
    code = demo[SEKAR_NIP]
    assert [r.code_hash.split("$")[:4] for r in rows] == [["scrypt", str(DEMO_LOG2_N), "8", "1"]]
    assert hashlib.sha256(code.encode()).hexdigest() not in rows[0].code_hash
    assert len(again) == 1 and again[0].code_hash.startswith("scrypt$14$8$1$")
    assert verify_code(issued.codes[SEKAR_NIP], again[0].code_hash)
    assert not verify_code(code, again[0].code_hash)  # --renew replaced the demo code
    assert again[0].expires_at is not None


async def test_a_second_issue_keeps_the_codes_already_handed_out(harness, demo):
    async with harness.db.session() as session:
        sekar = (await session.exec(select(Employee).where(Employee.nip == SEKAR_NIP))).one()
        issued = await issue_codes(session, [sekar], log2_n=DEMO_LOG2_N)  # "just to look"
        await session.commit()
    assert issued.codes == {} and [e.nip for e in issued.kept] == [SEKAR_NIP]
    user = harness.tg.user(8830, "Sekar")
    await _start(user, SEKAR_NIP)
    await user.send(demo[SEKAR_NIP])  # the first code still works
    assert "Akun terhubung" in user.last.plain


async def test_an_inactive_employee_gets_no_code_and_cannot_link(harness, demo):
    async with harness.db.session() as session:
        sekar = (await session.exec(select(Employee).where(Employee.nip == SEKAR_NIP))).one()
        sekar.active = False
        session.add(sekar)
        issued = await issue_codes(session, [sekar], renew=True, log2_n=DEMO_LOG2_N)
        await session.commit()
    assert issued.codes == {} and [e.nip for e in issued.inactive] == [SEKAR_NIP]
    user = harness.tg.user(8840, "Sekar")
    await _start(user, SEKAR_NIP)
    await user.send(demo[SEKAR_NIP])
    assert "tidak cocok" in user.last.plain
    assert (await _sekar(harness)).telegram_id is None


async def test_codes_from_before_the_upgrade_work_until_they_expire(tmp_path: Path) -> None:
    """Rows written before 0005 hold an unsalted SHA-256 and no expiry: the upgrade gives the
    unused ones 30 days; they link until then."""
    url = f"sqlite:///{tmp_path}/old.sqlite3"
    await asyncio.to_thread(upgrade, url, "0004")
    db = Database(url)
    legacy = hashlib.sha256(b"ABCD2345").hexdigest()
    async with db.engine.begin() as conn:
        await conn.execute(text(
            "INSERT INTO employee (id, nip, nama, pangkat, jabatan, jenis_jabatan, unit_kerja, opd, active, "
            "is_admin, admin_menu_set) VALUES (1, :nip, 'SEKAR', 'III/c', 'Analis', 'jf_ahli_muda', 'BKPSDM', "
            "'BKPSDM', 1, 0, 0)"
        ), {"nip": SEKAR_NIP})
        await conn.execute(text(
            "INSERT INTO activationcode (employee_id, code_hash, created_at) VALUES (1, :h, '2026-01-01 00:00:00')"
        ), {"h": legacy})
    await db.dispose()
    await asyncio.to_thread(upgrade, url)
    db = Database(url)
    try:
        async with db.session() as session:
            row = (await session.exec(select(ActivationCode))).one()
            assert row.expires_at is not None
            expires = row.expires_at.replace(tzinfo=dt.UTC) if row.expires_at.tzinfo is None else row.expires_at
            assert dt.timedelta(days=29) < expires - utcnow() <= dt.timedelta(days=30)
            result = await redeem(session, 8850, 8850, SEKAR_NIP, "abcd-2345")
            assert result.outcome.value == "linked"
    finally:
        await db.dispose()
