"""Two real `skp-bot run --webhook` processes on one PostgreSQL database, behind a fake Telegram
that speaks HTTP: one user's drafting conversation alternates between them update by update,
then double taps hit both at the same instant.

What it shows: the wizard's state lives in the database (any replica can take the next update),
the compare-and-set on the session version lets exactly one replica apply a tap (a redelivered
update, and a real double tap forced into the conflict path), every replica registers its own
webhook URL at start, the background jobs run in one replica only (advisory lock), and replicas
starting together on an empty database migrate one after the other.
"""

from __future__ import annotations

import asyncio
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.services.demo import SEKAR_NIP
from bot.services.linking import link_directly
from bot.storage.db import Database
from bot.templating import render_plain
from bot.testing.fake_telegram_server import FakeTelegramServer
from tests.multiproc.harness import (
    SECRET_HEADER,
    BotProcess,
    Pg,
    WebhookUser,
    answered,
    answers_to,
    clean_env,
    free_port,
    log_records,
    run_cli,
    summary,
)

pytestmark = pytest.mark.postgresql

TOKEN = "123:TEST"
SECRET = "multiproc-secret"
SEKAR_ID = 9001
ADMIN_ID = 424242  # on_error reports land in this chat (see _check_no_errors)
RK = "Menyusun evaluasi pelaksanaan promosi ASN dalam JPT Pratama"  # an activity: the language check asks
STARTUP_TIMEOUT = 30.0

STALE = render_plain("messages/error_stale.html.j2")
CONFLICT = render_plain("messages/error_conflict.html.j2")


def _link(database_url: str) -> None:
    async def go() -> None:
        db = Database(database_url)
        try:
            await link_directly(db, SEKAR_NIP, SEKAR_ID, SEKAR_ID)
        finally:
            await db.dispose()

    asyncio.run(go())


class Sekar:
    """Sekar's rows, read straight from PostgreSQL."""

    def __init__(self, pg: Pg) -> None:
        self.pg = pg
        self.skp_id: int | None = None

    def wizard(self) -> tuple[str, int]:
        row = self.pg.fetchrow("SELECT step, version FROM wizardsession WHERE telegram_id = $1", SEKAR_ID)
        assert row is not None, "no wizard session for Sekar"
        return str(row["step"]), int(row["version"])

    def skp(self) -> Any:
        row = self.pg.fetchrow(
            "SELECT s.id, s.version, s.status FROM skp s JOIN employee e ON e.id = s.employee_id WHERE e.nip = $1",
            SEKAR_NIP,
        )
        assert row is not None
        return row

    def items(self) -> list[Any]:
        return self.pg.fetch(
            "SELECT i.* FROM skpitem i JOIN skp s ON s.id = i.skp_id JOIN employee e ON e.id = s.employee_id"
            " WHERE e.nip = $1 ORDER BY i.id",
            SEKAR_NIP,
        )

    def indicators(self, item_id: int) -> list[Any]:
        return self.pg.fetch("SELECT * FROM indicator WHERE item_id = $1 ORDER BY position, id", item_id)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_two_webhook_replicas_share_one_conversation(database_url: str, tmp_path: Path) -> None:
    started = time.monotonic()
    base_env = clean_env(database_url=database_url)
    run_cli(["demo-data"], base_env, tmp_path)  # migrations + the seed organisation
    _link(database_url)

    pg = Pg(database_url)
    bots: list[BotProcess] = []
    with FakeTelegramServer(token=TOKEN) as fake:
        env = clean_env(
            database_url=database_url,
            telegram_bot_token=TOKEN,
            telegram_api_base_url=fake.url,
            webhook_listen="127.0.0.1",
            webhook_secret_token=SECRET,
            skp_admin_ids=str(ADMIN_ID),
        )
        user = WebhookUser(fake.url, SEKAR_ID, "Sekar", secret=SECRET)
        try:
            for n in (1, 2):  # one by one: a failing second start still stops the first
                bots.append(BotProcess(f"bot{n}", free_port(), env, tmp_path))
            _check_startup(bots, fake)
            _draft_alternating(bots, user, Sekar(pg))
            redelivered = _double_tap_same_update(bots, user, Sekar(pg))
            _double_tap_two_taps(bots, user, Sekar(pg), pg)
            _check_no_errors(bots, user, redelivered)
        except BaseException:
            for bot in bots:  # pytest shows this under "Captured stdout call"
                print(f"----- {bot.name} (port {bot.port}) -----\n{bot.log}")
            raise
        finally:
            codes = [bot.stop() for bot in bots]
            user.close()
            pg.close()
    logs = {bot.name: bot.log for bot in bots}
    assert codes == [0, 0], (codes, logs)
    for name, log in logs.items():
        assert "Application.stop() complete" in log, f"{name} did not stop cleanly:\n{log}"
        assert "event loop: uvloop, Bot API client: aiohttp" in log, f"{name} not on the production settings"
    assert time.monotonic() - started < 60


def _check_startup(bots: list[BotProcess], fake: FakeTelegramServer) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    with httpx.Client(trust_env=False) as client:
        for bot in bots:
            response = bot.wait_ready(client, deadline)
            # PTB's own webhook server (run_webhook -> tornado WebhookServer): it only takes POSTs ...
            assert response.status_code == 405, response.text
            assert response.headers.get("Server", "").startswith("TornadoServer"), response.headers
            # ... and refuses updates without the secret it gave setWebhook.
            refused = client.post(bot.webhook_url, json={"update_id": 1})
            assert refused.status_code == 403, refused.text
            wrong = client.post(bot.webhook_url, json={"update_id": 1}, headers={SECRET_HEADER: "wrong"})
            assert wrong.status_code == 403, wrong.text

    calls = fake.call(lambda api: [(c.method, dict(c.params), c.status) for c in api.calls])
    set_webhook = [params for method, params, _ in calls if method == "setWebhook"]
    # Every replica registers ITS --webhook-url at start (PTB's bootstrap), before serving.
    assert sorted(p["url"] for p in set_webhook) == sorted(b.webhook_url for b in bots), set_webhook
    for params in set_webhook:
        assert params == {"url": params["url"], "secret_token": SECRET, "max_connections": 40}, params
    # Last one wins at Telegram: a deployment must give every replica the same public URL.
    assert fake.call(lambda api: dict(api.webhook)) == set_webhook[-1]
    methods = [method for method, _, _ in calls]
    assert "deleteWebhook" not in methods and "getUpdates" not in methods, methods
    assert methods.count("getMe") >= 2 and methods.count("setMyCommands") >= 2, methods
    assert all(status == 200 for _, _, status in calls), calls

    # The outbox worker and the reminder scheduler: one owner (pg advisory lock), one standing by.
    standing_by = [bot.name for bot in bots if "standing by" in bot.log]
    assert len(standing_by) == 1, {bot.name: bot.log for bot in bots}


# (action, argument, the wizard step expected after it)
DRAFT_STEPS: list[tuple[str, str, str]] = [
    ("send", "/skp", "skp.menu"),
    ("press", "Tambah rencana kinerja", "skp.section"),
    ("press", "Kinerja Utama", "skp.parent"),
    ("press", "1", "skp.rk"),
    ("send", RK, "skp.rk_check"),
    ("press", "Tetap pakai teks saya", "skp.ind.kuantitas"),
    ("press", "1", "skp.tgt.kuantitas"),
    ("send", "1 dokumen", "skp.ind.kualitas"),
    ("press", "1", "skp.tgt.kualitas"),
    ("send", "100 %", "skp.ind.waktu"),
    ("press", "1", "skp.tgt.waktu"),
    ("send", "12 bulan", "skp.ak"),
    ("send", "0,5", "skp.card"),
]


def _draft_alternating(bots: list[BotProcess], user: WebhookUser, sekar: Sekar) -> None:
    """Every update to the other replica; each must move the wizard exactly one step."""
    version = 0
    for n, (action, arg, expected_step) in enumerate(DRAFT_STEPS):
        bot = bots[n % 2]
        if action == "send":
            user.send(bot, arg)
        else:
            user.press(bot, arg)
        step, new_version = sekar.wizard()
        assert (step, new_version) == (expected_step, version + 1), (
            f"after {action} {arg!r} via {bot.name}: wizard at {step!r} v{new_version}, "
            f"expected {expected_step!r} v{version + 1}; last message: {user.last['plain']!r}"
        )
        version = new_version
        if expected_step.startswith("skp.tgt."):
            assert "Target" in user.last["plain"], user.last["plain"]
        if expected_step == "skp.rk_check":
            assert "Periksa bahasa" in user.last["plain"], user.last["plain"]

    card = user.last
    for text in ("1 dokumen", "100 %", "12 bulan", "0,5"):
        assert text in card["plain"], card["plain"]
    assert any("Simpan" in b["text"] for b in card["buttons"]), card["buttons"]
    items = sekar.items()
    assert len(items) == 1 and not items[0]["complete"], items
    # one text message per typed answer, no duplicates: /skp, RK, 3 targets, AK = 6 cards sent
    sent = [m for m in user.messages()]
    assert len(sent) == 6, [m["plain"][:40] for m in sent]


def _double_tap_same_update(bots: list[BotProcess], user: WebhookUser, sekar: Sekar) -> int:
    """The SAME "Simpan" update delivered to both replicas at once (a redelivery, or a load
    balancer retrying): it is applied once. Returns the update id (see _check_no_errors)."""
    step, version = sekar.wizard()
    skp_version = int(sekar.skp()["version"])
    card_before = user.keyboard_message()
    since = user.call_count()
    update = user.callback_update("Simpan")
    user.post_concurrently([(bots[0], update), (bots[1], update)])
    calls = user.wait(since, lambda cs: len(answers_to(cs, update)) >= 2, "double Simpan (same update)")
    trace = "\n".join(summary(calls))

    assert sekar.wizard() == ("skp.saved", version + 1), (step, version, sekar.wizard(), trace)
    assert int(sekar.skp()["version"]) == skp_version + 1, trace  # the item was saved (touched) once
    items = sekar.items()
    assert len(items) == 1 and items[0]["complete"], items
    item = items[0]
    assert Decimal(item["ak"]) == Decimal("0.5") and item["rencana_kinerja"] == RK, dict(item)
    indicators = sekar.indicators(item["id"])
    assert [(i["aspek"], i["target_value"], i["target_unit"]) for i in indicators] == [
        ("kuantitas", "1", "dokumen"),
        ("kualitas", "100", "%"),
        ("waktu", "12", "bulan"),
    ], [dict(i) for i in indicators]

    # The card became the "saved" screen once; the loser sent and edited nothing in the chat.
    card = next(m for m in user.messages() if m["message_id"] == card_before["message_id"])
    assert card["edited"] == card_before["edited"] + 1 and "tersimpan" in card["plain"], card
    changes = [c for c in calls if c["method"] in ("sendMessage", "editMessageText") and c["chat_id"] == SEKAR_ID]
    assert len(changes) == 1, trace
    # A query id can be answered once: the winner's ack or the loser's alert got through (Telegram
    # refuses the other with 400), and the loser did say the tap was already used.
    answers = answers_to(calls, update)
    assert sum(a["status"] == 200 for a in answers) == 1, trace
    assert any(a["params"].get("text") in (STALE, CONFLICT) for a in answers), trace

    user.press(bots[0], "Selesai")
    assert sekar.wizard() == ("skp.menu", version + 2)
    return int(update["update_id"])


def _double_tap_two_taps(bots: list[BotProcess], user: WebhookUser, sekar: Sekar, pg: Pg) -> None:
    """A user's real double tap: two callback queries (two update ids, two query ids) on the same
    button, one to each replica. "Kinerja Utama" inserts an item, so applying it twice would show
    as a second new row.

    The race is made certain: the test holds Sekar's wizard row (SELECT ... FOR UPDATE) while both
    replicas load the same version and act, so both reach the compare-and-set; then it lets go.
    One commits, the other's CAS finds the version moved: the conflict path, every time.
    """
    user.press(bots[1], "Tambah rencana kinerja")
    step, version = sekar.wizard()
    skp_version = int(sekar.skp()["version"])
    assert step == "skp.section"
    first, second = user.callback_update("Kinerja Utama"), user.callback_update("Kinerja Utama")
    since = user.call_count()
    with pg.row_locked("SELECT 1 FROM wizardsession WHERE telegram_id = $1 FOR UPDATE", SEKAR_ID):
        user.post_concurrently([(bots[0], first), (bots[1], second)])
        pg.wait_for_lock_waiters(2, timeout=15)
    calls = user.wait(since, answered(first, second), "double tap Kinerja Utama")
    trace = "\n".join(summary(calls))

    assert sekar.wizard() == ("skp.parent", version + 1), trace
    assert int(sekar.skp()["version"]) == skp_version + 1, trace
    items = sekar.items()
    assert len(items) == 2 and [bool(i["complete"]) for i in items] == [True, False], (items, trace)
    acks: list[str | None] = []
    alerts: list[str | None] = []
    for update in (first, second):
        answers = answers_to(calls, update)
        # each query answered exactly once, and accepted
        assert [a["status"] for a in answers] == [200], trace
        text = answers[0]["params"].get("text")
        (alerts if text else acks).append(text)
    assert len(acks) == 1 and alerts == [CONFLICT], trace
    changes = [c for c in calls if c["method"] in ("sendMessage", "editMessageText") and c["chat_id"] == SEKAR_ID]
    assert len(changes) == 1, trace

    user.press(bots[0], "Batal")  # drops the new, unsaved item
    assert sekar.wizard()[0] == "skp.menu"
    assert len(sekar.items()) == 1


def _check_no_errors(bots: list[BotProcess], user: WebhookUser, redelivered: int) -> None:
    """No handler failed, except (today) the loser of the redelivered update, whose answer to an
    already answered callback query Telegram refuses (BadRequest): reported, never shown."""
    reports = user.http.get(f"{user.fake_url}/_test/messages", params={"chat_id": ADMIN_ID}).json()
    logs = {bot.name: bot.log for bot in bots}
    unexpected = [r["plain"] for r in reports if f"BadRequest (update {redelivered})" not in r["plain"]]
    assert not unexpected, (unexpected, logs)
    for name, log in logs.items():
        heads = [(r.split("\n", 1)[0], r) for r in log_records(log)]
        errors = [head for head, r in heads if " ERROR " in head or " CRITICAL " in head or "Traceback" in r]
        unexpected = [e for e in errors if f"BadRequest while handling update {redelivered}" not in e]
        assert not unexpected, f"{name}: {unexpected}\n{log}"


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_two_replicas_start_together_on_an_empty_database(database_url: str, tmp_path: Path) -> None:
    """Both replicas migrate at start (post_init): they must take turns, not race to CREATE TABLE."""
    from alembic.script import ScriptDirectory

    from bot.storage.migrate import alembic_config

    bots: list[BotProcess] = []
    with FakeTelegramServer(token=TOKEN) as fake:
        env = clean_env(
            database_url=database_url,
            telegram_bot_token=TOKEN,
            telegram_api_base_url=fake.url,
            webhook_listen="127.0.0.1",
        )
        try:
            for n in (1, 2):
                bots.append(BotProcess(f"fresh{n}", free_port(), env, tmp_path))
            deadline = time.monotonic() + STARTUP_TIMEOUT
            with httpx.Client(trust_env=False) as client:
                for bot in bots:
                    assert bot.wait_ready(client, deadline).status_code == 405
        finally:
            codes = [bot.stop() for bot in bots]
    assert codes == [0, 0], {bot.name: bot.log for bot in bots}
    pg = Pg(database_url)
    try:
        versions = [row["version_num"] for row in pg.fetch("SELECT version_num FROM alembic_version")]
    finally:
        pg.close()
    assert versions == [ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()]
