"""Random conversations against the real Application on the fake Bot API (Hypothesis state machine).

Five people talk to the bot at random: Sekar (JF, drafts an SKP), the Kabid (her pejabat penilai,
his own SKP is approved in the seed), Imam (another of the Kabid's staff: a stranger to Sekar's
approvals), an admin from SKP_ADMIN_IDS who is not an employee, and an unlinked Telegram user.
They send commands, type anything (HTML, emoji, RTL marks, whitespace, 4096 characters, plausible
answers), send stickers and photos, press buttons on the newest card, on any card, on cards that
were edited since (stale keyboards), forge callback data (garbage, other people's buttons, valid
prefixes with bad values, > 64 bytes), follow the wizard like a cooperative user for a while, and
the bot is restarted (a new Application on the same database) now and then.

After every step:

* no handler raised (FakeTelegram(raise_errors=True) re-raises; ``tg.errors`` stays empty);
* every message/command/sticker/photo got at least one new message or edit in that chat, and every
  callback query got an ``answerCallbackQuery`` for its own id;
* the database is consistent: no item without its SKP, no indicator without its item, no event
  without its SKP; every status is one of the four; every ``approve`` / ``request_revision`` event
  was made by the SKP's penilai and every ``submit`` by its owner; per SKP the events replay the
  legal workflow from DRAFT and end in the SKP's current status, with increasing versions;
  an APPROVED SKP stays approved and its items and indicators never change again; any change to
  an SKP's items or indicators moves the SKP's version on (approval buttons carry it); a JA/JF
  Kinerja Utama only cascades from an item of the penilai's approved SKP of the same period;
  every wizard session is at a registered step;
* background work stays healthy: no ERROR is logged outside the handler-error path (outbox worker,
  reminders, jobs), no outbox row ends failed/blocked (this fake API never fails), and whatever a
  step queued (a broadcast, reminders, the progress card) is delivered before the next step.

Reminders come due because the admin may set a deadline to today or tomorrow; a rule runs the
reminder check as the JobQueue would. The outbox is drained after every step so a step's outcome
never depends on timing (Hypothesis must be able to replay and shrink a failure).

One SQLite file per example, copied from a template (migrated, demo organisation loaded, three
employees linked) built once per test. ``SKP_FUZZ_EXAMPLES=100 python -m pytest tests/fuzz`` hunts
longer; Hypothesis prints the failing sequence of steps (and the seed to reproduce it).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from bot.app import build_application
from bot.jobs import JobsConfig, check_reminders
from bot.services.carry import CARRY_ACTION
from bot.services.demo import KABID_NIP, SEKAR_NIP, load_demo_data
from bot.services.linking import link_directly
from bot.services.roster import MOVED_ACTION
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.migrate import upgrade_async
from bot.testing.fake_telegram import ApiCall, FakeBotApi, FakeMessage, FakeTelegram, FakeUser
from bot.tg.outbox_worker import Pacing
from conversations.registry import wizard_flows
from skp_domain.errors import TransitionError
from skp_domain.jabatan import JenisJabatan, Kategori
from skp_domain.skp import HAS_APPROVED_VERSION, Action, Status, transition

STEPS = wizard_flows().steps
pytestmark = pytest.mark.fuzz

IMAM_NIP = "198807152011011002"
OKTI_NIP = "198504122010012003"  # in the roster, not linked: the unlinked user may link as her
ADMIN_ID = 424242


@dataclass(frozen=True)
class Actor:
    name: str
    telegram_id: int
    first_name: str
    nip: str | None  # linked to this employee in the template database


ACTORS = {
    a.name: a
    for a in (
        Actor("sekar", 5001, "Sekar", SEKAR_NIP),
        Actor("kabid", 5002, "Bawono", KABID_NIP),
        Actor("imam", 5003, "Imam", IMAM_NIP),
        Actor("admin", ADMIN_ID, "Admin", None),
        Actor("stranger", 5009, "Tamu", None),
    )
}
# Sekar and her penilai carry the interesting workflow: they act more often.
ACTOR = st.sampled_from(["sekar", "sekar", "sekar", "kabid", "kabid", "imam", "admin", "stranger"])

COMMANDS = [
    "/start", "/skp", "/dokumen", "/riwayat", "/tim", "/matriks", "/bantuan", "/help",
    "/periode", "/siaran", "/rekap", "/tidakada", "/skp@skp_test_bot", "/start 123456", "/skp lanjut",
]

PLAUSIBLE = [
    "1 dokumen", "90 %", "12 bulan", "0,5", "0,500", "25", "100 %", "83,00 %", "1", "2", "7", "utama", "ya",
    "Data kepegawaian valid dan akurat", "Promosi ASN terlaksana sesuai peraturan",
    "Melaksanakan rapat koordinasi", "Jumlah dokumen data kepegawaian yang valid",
    SEKAR_NIP, OKTI_NIP, "1991 0611 2012 06 2 001", "123456", "ABCDEF",
    "SKP Tahun 2028", "01-01-2028", "31 Desember 2028", "24-11-2026", "25-11-2026", "7,3,1,0 08:00",
    "Surat Tugas Kepala BKPSDM Nomor 800/123/2027", "Tambahkan <ukuran> & sumber datanya",
]
NASTY = [
    "   ", "\n\t \n", "<b>tebal</b>", "<script>alert(1)</script>", "a & b < c > d", "</b>", "<br>",
    "<a href='tg://user?id=1'>x</a>", "&lt;b&gt; &amp;", "<tg-spoiler>rahasia</tg-spoiler>",
    "\u200f\u202eبيانات الموظفين\u202c", "\u200b\u200b\u200b", "\ufeffData", "🎯📄✅" * 40, "👨‍👩‍👧‍👦",
    "x" * 4096, "Data kepegawaian valid " * 180, "/", "/ skp", "{{ 7*7 }} {% raw %}", "%s %d {0}",
    "NULL", "'; DROP TABLE skp; --", "\\", "0" * 200, "-1", "1e309", "NaN", "٣ dokumen", "½ %",
    "1" * 29 + " dokumen", "9" * 40 + " %", "1.2" * 1300 + " dokumen", "9" * 4000,
]
TEXT = st.one_of(
    st.sampled_from(PLAUSIBLE),
    st.sampled_from(NASTY),
    st.text(min_size=1, max_size=80),
    st.text(min_size=1, max_size=4096, alphabet=st.characters(codec="utf-8")),
)

# Values the wizard steps understand, to build callback data that passes the version check.
WIZARD_VALUES = [
    "add", "doc", "submit", "close", "save", "edit", "delete", "list", "yes", "no", "use", "keep", "more",
    "next", "all", "send", "new", "rules", "act", "sub", "apr", "default", "section", "parent", "basis",
    "rk", "ak", "noop", "back", "cancel", "U", "T", "done",
]
VALUE_PREFIXES = ["it:", "p:", "k:", "s:", "pg:", "ji:", "jt:", "i:", "t:", "u:"]
VALUE_SUFFIXES = ["", "abc", "1.5", "-1", "99999999999999999999", "kuantitas", "biaya", " 1", "٣", "0x1"]

VALUE_TAMPER = st.one_of(
    st.sampled_from(VALUE_SUFFIXES),
    st.integers(-2, 60).map(str),
    st.sampled_from(WIZARD_VALUES),
    st.text(min_size=1, max_size=8),
)


def _tamper(data: str, replacement: str) -> str:
    """Keep a real button's prefix and version, replace what follows the value's own prefix."""
    head, sep, value = data.rpartition(":")
    if data.startswith("w1:"):
        version, _, value = data[3:].partition(":")
        prefix = value.partition(":")[0] + ":" if ":" in value else ""
        return f"w1:{version}:{prefix}{replacement}"
    return f"{head}{sep}{replacement}"


NAV_LABELS = ("Kembali", "Batal", "Tutup", "Hapus", "Belum", "Tidak")
PREFERRED_LABELS = (
    "Simpan", "Ya, ajukan", "Ajukan", "Tetap pakai teks saya", "Pakai saran", "Setujui", "Lanjut", "Selesai",
)

ANSWERS: dict[str, list[str]] = {
    "link.nip": [OKTI_NIP, SEKAR_NIP, "1234"],
    "link.code": ["ABCDEF"],  # plus the real code, added per example
    "skp.basis": ["Surat Tugas Kepala BKPSDM Nomor 800/123/2027"],
    "skp.rk": ["Data kepegawaian valid dan akurat", "Promosi ASN terlaksana sesuai peraturan",
               "Melaksanakan rapat koordinasi"],
    "skp.ind.kuantitas": ["Jumlah dokumen data kepegawaian yang valid"],
    "skp.ind.kualitas": ["Persentase data kepegawaian yang akurat"],
    "skp.ind.waktu": ["Ketepatan waktu penyelesaian pemutakhiran data"],
    "skp.ind.jpt": ["Indeks kepuasan masyarakat"],
    "skp.tgt.kuantitas": ["1 dokumen", "12 laporan"],
    "skp.tgt.kualitas": ["90 %", "100 %"],
    "skp.tgt.waktu": ["12 bulan"],
    "skp.tgt.jpt": ["83,00 %"],
    "skp.ak": ["0,5", "0,500", "25"],
    "rev.comment": ["Lengkapi sumber data <b>SIMPEG</b> & ukurannya"],
    "adm.new.name": ["SKP Tahun 2028"],
    "adm.new.start": ["01-01-2028"],
    "adm.new.end": ["31 Desember 2028"],
    "adm.deadline": ["15-01-2027"],
    "adm.rules": ["7,3,1,0 08:00", "1 0"],
    "siaran.text": ["Mohon segera mengajukan SKP <b>2027</b> & cek tenggat"],
}
IDLE_COMMAND = {"sekar": "/skp", "kabid": "/tim", "imam": "/skp", "admin": "/periode", "stranger": "/start"}

# Fast outbox pacing so broadcasts and reminders finish within a few steps.
FUZZ_JOBS = JobsConfig(
    pacing=Pacing(
        global_per_second=2000, per_chat_per_second=0, per_chat_margin=0, max_in_flight=4, batch_size=100,
        progress_interval=0.05, idle_poll=0.05, retry_backoff=0.0,
    ),
    leader_retry=0.2,
)

OUTBOX_DRAIN_SECONDS = 10.0
LEGAL_STATUSES = {s.value for s in Status}
HAS_APPROVED = {s.value for s in HAS_APPROVED_VERSION}  # approved, or amending with an approved version
# SkpEvent actions that record something beside the status workflow (the status stays).
NOTE_ACTIONS = (CARRY_ACTION, MOVED_ACTION)
REPLY_METHODS_PREFIXES = ("send", "edit", "copyMessage", "forwardMessage")


def _is_reply(call: ApiCall, chat_id: int) -> bool:
    return (
        call.chat_id == chat_id
        and call.status == 200
        and call.method != "sendChatAction"
        and call.method.startswith(REPLY_METHODS_PREFIXES)
    )


def _callback_buttons(message: FakeMessage) -> list[tuple[str, str]]:
    """(label, callback_data) of a message's inline keyboard."""
    return [
        (str(b.get("text", "")), str(b["callback_data"]))
        for row in message.reply_markup or []
        for b in row
        if b.get("callback_data") is not None
    ]


class _ErrorLog(logging.Handler):
    """ERROR records from background work (outbox worker, reminders, jobs): handler errors are
    already in FakeTelegram.errors, bot.app's on_error only logs those again."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == "bot.app" and record.getMessage().startswith("error "):
            return
        self.records.append(record)


# --- the template database ----------------------------------------------------------------


async def _build_template(path: Path) -> dict[str, str]:
    db = Database(f"sqlite:///{path}")
    try:
        await upgrade_async(db.engine, db.url)
        codes = await load_demo_data(db)
        for actor in ACTORS.values():
            if actor.nip is not None:
                await link_directly(db, actor.nip, actor.telegram_id, actor.telegram_id)
    finally:
        await db.dispose()
    return codes


# --- the machine ----------------------------------------------------------------------------


class ConversationMachine(RuleBasedStateMachine):
    template: ClassVar[Path]
    codes: ClassVar[dict[str, str]]

    def __init__(self) -> None:
        super().__init__()
        self._tmp = tempfile.TemporaryDirectory(prefix="skp-fuzz-")
        self.db_path = Path(self._tmp.name) / "skp.sqlite3"
        shutil.copyfile(self.template, self.db_path)
        self.settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_bot_token=None,
            database_url=f"sqlite:///{self.db_path}",
            skp_admin_ids=[ADMIN_ID],
        )
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)
        self.api = FakeBotApi()
        self.last_callback_id: str | None = None
        next_callback_id = self.api.next_callback_id

        def recording_next_callback_id() -> str:
            self.last_callback_id = next_callback_id()
            return self.last_callback_id

        self.api.next_callback_id = recording_next_callback_id  # type: ignore[method-assign]
        self.app: Any = None
        self.tg: FakeTelegram | None = None
        self.users: dict[str, FakeUser] = {}
        # Every (message_id, callback_data) each actor was ever shown, also after the card changed.
        self.seen_buttons: dict[str, list[tuple[int, str]]] = {name: [] for name in ACTORS}
        self._seen_set: set[tuple[str, int, str]] = set()
        self.frozen: dict[int, Any] = {}  # approved SKP id -> its items and indicators
        self.last_seen: dict[int, tuple[int, Any]] = {}  # SKP id -> (version, items and indicators)
        self.steps_since_restart = 0
        self.answers = {k: list(v) for k, v in ANSWERS.items()}
        self.answers["link.code"].append(self.codes.get(OKTI_NIP, "ABCDEF"))
        today = dt.datetime.now(self.settings.tz).date()  # deadlines today/tomorrow make reminders due
        self.answers["adm.deadline"] += [f"{d:%d-%m-%Y}" for d in (today, today + dt.timedelta(days=1))]
        self.error_log = _ErrorLog()
        logging.getLogger().addHandler(self.error_log)
        self._run(self._start())
        self._run(self._settle())

    # -- plumbing ------------------------------------------------------------------------------

    def _run(self, awaitable: Awaitable[Any]) -> Any:
        return self.loop.run_until_complete(awaitable)

    async def _start(self) -> None:
        app = build_application(self.settings, request=self.api, get_updates_request=self.api)
        app.bot_data["jobs_config"] = FUZZ_JOBS
        tg = FakeTelegram(app, self.api, raise_errors=True)
        await tg.start()
        self.app, self.tg = app, tg
        # A FakeUser is bound to its FakeTelegram (and so to the Application): new ones per start.
        self.users = {a.name: tg.user(a.telegram_id, a.first_name) for a in ACTORS.values()}

    async def _stop(self) -> None:
        if self.tg is not None:
            tg, self.tg = self.tg, None
            await tg.stop()

    def teardown(self) -> None:
        try:
            self._run(self._stop())
        finally:
            pending = [t for t in asyncio.all_tasks(self.loop) if not t.done()]
            for task in pending:
                task.cancel()
            if pending:
                self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
            self.loop.close()
            asyncio.set_event_loop(None)
            logging.getLogger().removeHandler(self.error_log)
            self._tmp.cleanup()

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.db_path, timeout=30)
        conn.row_factory = sqlite3.Row
        try:
            yield conn
        finally:
            conn.close()

    def _wizard(self, actor: str) -> tuple[str, int]:
        with self._db() as conn:
            row = conn.execute(
                "SELECT step, version FROM wizardsession WHERE telegram_id = ?", (ACTORS[actor].telegram_id,)
            ).fetchone()
        return (row["step"] or "", int(row["version"])) if row else ("", 0)

    def _record_buttons(self) -> None:
        for name, actor in ACTORS.items():
            for message in self.api.sent(actor.telegram_id):
                for _, data in _callback_buttons(message):
                    key = (name, message.message_id, data)
                    if key not in self._seen_set:
                        self._seen_set.add(key)
                        self.seen_buttons[name].append((message.message_id, data))

    def _outbox_busy(self) -> bool:
        with self._db() as conn:
            rows = conn.execute("SELECT count(*) FROM outboxmessage WHERE status IN ('pending', 'sending')")
            unfinished = conn.execute("SELECT count(*) FROM broadcast WHERE finished_at IS NULL")
            return bool(rows.fetchone()[0] or unfinished.fetchone()[0])

    async def _settle(self) -> None:
        """Let the outbox worker finish what this step queued (broadcasts, reminders, the admin's
        progress card), so every step ends in a state that does not depend on timing and
        Hypothesis can replay and shrink a failure."""
        if not self._outbox_busy():
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + OUTBOX_DRAIN_SECONDS
        quiet, calls = 0, len(self.api.calls)
        while quiet < 3:
            assert loop.time() < deadline, f"the outbox did not drain within {OUTBOX_DRAIN_SECONDS} s"
            await asyncio.sleep(0.01)
            busy, now = self._outbox_busy(), len(self.api.calls)
            quiet = 0 if busy or now != calls else quiet + 1
            calls = now

    def _keyboards(self, actor: str) -> list[FakeMessage]:
        return [m for m in self.users[actor].messages if _callback_buttons(m)]

    def _after_update(self) -> None:
        assert self.tg is not None
        assert not self.tg.errors, f"handler errors: {self.tg.errors!r}"
        self._run(self._settle())
        self._record_buttons()
        self.steps_since_restart += 1

    # -- one update, checked --------------------------------------------------------------------

    def _message(self, actor: str, what: str, send: Callable[[FakeUser], Awaitable[None]]) -> None:
        user = self.users[actor]
        start = len(self.api.calls)
        self._run(send(user))
        replies = [c for c in self.api.calls[start:] if _is_reply(c, user.chat_id)]
        assert replies, f"{actor}'s {what} got no reply (no new message or edit in chat {user.chat_id})"
        self._after_update()

    def _text(self, actor: str, text: str) -> None:
        self._message(actor, f"text {text[:60]!r}", lambda u: u.send(text))

    def _press(self, actor: str, data: str, message_id: int) -> None:
        user = self.users[actor]
        answers_before = len(self.api.callback_answers)
        self.last_callback_id = None
        self._run(user.press_data(data, message_id))
        query_id = self.last_callback_id
        assert query_id is not None
        answered = [a for a in self.api.callback_answers[answers_before:] if a.get("callback_query_id") == query_id]
        assert answered, f"{actor}'s callback {data!r} on message {message_id} got no answerCallbackQuery"
        self._after_update()

    # -- rules: what people do -------------------------------------------------------------------

    @rule(actor=ACTOR, command=st.sampled_from(COMMANDS))
    def send_command(self, actor: str, command: str) -> None:
        self._text(actor, command)

    @rule(actor=ACTOR, text=TEXT)
    def type_text(self, actor: str, text: str) -> None:
        self._text(actor, text)

    @rule(actor=ACTOR, kind=st.sampled_from(["sticker", "photo", "photo+caption"]), caption=TEXT)
    def send_media(self, actor: str, kind: str, caption: str) -> None:
        if kind == "sticker":
            self._message(actor, "sticker", lambda u: u.send_sticker())
        else:
            cap = caption[:1024] if kind == "photo+caption" else None
            self._message(actor, kind, lambda u: u.send_photo(cap))

    @rule(actor=ACTOR, data=st.data())
    def press_latest_keyboard(self, actor: str, data: st.DataObject) -> None:
        keyboards = self._keyboards(actor)
        if not keyboards:
            self._text(actor, IDLE_COMMAND[actor])
            return
        message = keyboards[-1]
        _, callback = data.draw(st.sampled_from(_callback_buttons(message)), label="button")
        self._press(actor, callback, message.message_id)

    @rule(actor=ACTOR, data=st.data())
    def press_any_keyboard(self, actor: str, data: st.DataObject) -> None:
        keyboards = self._keyboards(actor)
        if not keyboards:
            self._text(actor, IDLE_COMMAND[actor])
            return
        message = data.draw(st.sampled_from(keyboards), label="message")
        _, callback = data.draw(st.sampled_from(_callback_buttons(message)), label="button")
        self._press(actor, callback, message.message_id)

    @precondition(lambda self: any(self.seen_buttons.values()))
    @rule(actor=ACTOR, data=st.data())
    def press_old_button(self, actor: str, data: st.DataObject) -> None:
        """A button the actor once saw, even if the card was edited since (a client lagging behind)."""
        seen = self.seen_buttons[actor]
        if not seen:
            self._text(actor, IDLE_COMMAND[actor])
            return
        message_id, callback = data.draw(st.sampled_from(seen), label="old button")
        self._press(actor, callback, message_id)

    @rule(actor=ACTOR, data=st.data())
    def press_forged(self, actor: str, data: st.DataObject) -> None:
        _, version = self._wizard(actor)
        with self._db() as conn:
            skps = [(int(r["id"]), int(r["version"])) for r in conn.execute("SELECT id, version FROM skp")]
        others = [d for name, seen in self.seen_buttons.items() if name != actor for _, d in seen]
        value = st.one_of(
            st.sampled_from(WIZARD_VALUES),
            st.builds(
                str.__add__,
                st.sampled_from(VALUE_PREFIXES),
                st.one_of(st.integers(-2, 60).map(str), st.sampled_from(VALUE_SUFFIXES)),
            ),
            st.text(min_size=1, max_size=12),
        )
        strategies = [
            st.builds("w1:{}:{}".format, st.sampled_from([version, version, version - 1, version + 1, 0]), value),
            st.builds(
                "a1:{}:{}:{}".format,
                st.sampled_from([s for s, _ in skps] + [0, 999]),
                st.sampled_from([v for _, v in skps] + [0, -1]),
                st.sampled_from(["ok", "ok", "rev", "drop", ""]),
            ),
            st.builds("t1:{}:{}".format, st.integers(-1, 15), st.sampled_from(["sum", "doc", "x"])),
            st.sampled_from(["r1:open", "w1", "a1:", "t1:1", "w1:x:add", "a1:1:1:ok:extra"]),
            st.text(min_size=1, max_size=64),
            st.text(min_size=65, max_size=120).filter(lambda s: len(s.encode()) > 64),
        ]
        if others:
            strategies.append(st.sampled_from(others))
        mine = [d for m in self._keyboards(actor) for _, d in _callback_buttons(m)]
        if mine:  # the actor's own current buttons with the value tampered with
            strategies.append(st.builds(_tamper, st.sampled_from(mine), VALUE_TAMPER))
        forged = data.draw(st.one_of(strategies), label="forged data")
        # A bot message of the chat (with or without keyboard), or an id that does not exist; never
        # the user's own message (a callback always comes from a message the bot sent).
        chat = self.api.messages.get(ACTORS[actor].telegram_id, {})
        bot_ids = [m.message_id for m in self.users[actor].messages]
        missing = st.integers(1, 500).filter(lambda i: i not in chat)
        message_id = data.draw(st.one_of(st.sampled_from(bot_ids), missing) if bot_ids else missing, label="message id")
        self._press(actor, forged, message_id)

    @rule(actor=ACTOR, steps=st.integers(1, 8), data=st.data())
    def cooperate(self, actor: str, steps: int, data: st.DataObject) -> None:
        """Follow the wizard like a willing user for a few updates."""
        for _ in range(steps):
            self._cooperate_once(actor, data)

    @rule(actor=st.sampled_from(["sekar", "sekar", "imam", "kabid", "admin"]), steps=st.integers(10, 40),
          data=st.data())
    def work_through_the_wizard(self, actor: str, steps: int, data: st.DataObject) -> None:
        """A determined user: finish an item and submit; a penilai decides on what waits for them.
        Reaches the deep states (submitted, approved, sent back, resubmitted) the noise then hits."""
        for _ in range(steps):
            if not self._eager_once(actor, data):
                return

    def _penilai_has_work(self) -> bool:
        if self._wizard("kabid")[0].startswith("rev."):
            return True
        return any(d.startswith("a1:") for m in self._keyboards("kabid") for _, d in _callback_buttons(m))

    @precondition(lambda self: self._penilai_has_work())
    @rule(steps=st.integers(1, 4), data=st.data())
    def penilai_decides(self, steps: int, data: st.DataObject) -> None:
        """A submission waits (or a revision request is half written): the Kabid gets on with it."""
        for _ in range(steps):
            if not self._eager_once("kabid", data):
                return

    def _eager_once(self, actor: str, data: st.DataObject) -> bool:
        """One determined update; False when there is nothing left to do."""
        step, _ = self._wizard(actor)
        keyboards = self._keyboards(actor)
        prompts = [m for m in keyboards if any(d.startswith("a1:") for _, d in _callback_buttons(m))]
        if prompts and not step.startswith("rev."):
            message = prompts[-1]
            _, callback = data.draw(st.sampled_from(_callback_buttons(message)), label="decision")
            self._press(actor, callback, message.message_id)
            return True
        step_obj = STEPS.get(step)
        if step_obj is None:
            if actor in ("sekar", "imam"):
                self._text(actor, "/skp")
                return True
            if actor == "admin":
                self._text(actor, data.draw(st.sampled_from(["/siaran", "/periode", "/rekap"]), label="command"))
                return True
            return False
        suggestions = step.startswith(("skp.ind.", "skp.tgt.")) and data.draw(st.booleans(), label="suggestion")
        if step_obj.accepts_text and step in self.answers and not suggestions:
            self._text(actor, data.draw(st.sampled_from(self.answers[step]), label="answer"))
            return True
        if not keyboards:
            return False
        message = keyboards[-1]
        buttons = _callback_buttons(message)
        plain = message.plain or ""

        def having(*names: str) -> list[tuple[str, str]]:
            return [b for b in buttons if any(n in b[0] for n in names)]

        if step == "skp.menu":
            unsaved = [b for b in buttons if ":it:" in b[1]] if "belum disimpan" in plain else []
            choice = unsaved or (having("Ajukan") if data.draw(st.booleans(), label="submit now") else [])
            choice = choice or having("Tambah")
        elif step == "skp.card":
            choice = having("Hapus") if "⚠️" in plain else having("Simpan") or having("Daftar")
        else:
            wanted = {
                "skp.delete": ("Ya, hapus",),
                "skp.saved": ("Selesai",),
                "skp.submit": ("Ya, ajukan",),
                "skp.rk_check": ("Tetap pakai", "Pakai saran"),
                "skp.section": ("Kinerja Utama", "Kinerja Utama", "Kinerja Tambahan"),
                "skp.edit": ("Kembali",),
            }.get(step, ())
            choice = having(*wanted) or [b for b in buttons if not any(n in b[0] for n in NAV_LABELS)]
        if not choice:
            return False
        _, callback = data.draw(st.sampled_from(choice), label="button")
        self._press(actor, callback, message.message_id)
        return True

    def _cooperate_once(self, actor: str, data: st.DataObject) -> None:
        step, _ = self._wizard(actor)
        prompts = [m for m in self._keyboards(actor) if any(d.startswith("a1:") for _, d in _callback_buttons(m))]
        if bool(prompts) and data.draw(st.booleans(), label="decide on a submission"):
            message = prompts[-1]
            buttons = _callback_buttons(message)
            _, callback = data.draw(st.sampled_from(buttons), label="decision")
            self._press(actor, callback, message.message_id)
            return
        step_obj = STEPS.get(step)
        typing = step_obj is not None and step_obj.accepts_text and step in self.answers
        if typing and data.draw(st.integers(0, 3), label="type rather than press") > 0:
            self._text(actor, data.draw(st.sampled_from(self.answers[step]), label="answer"))
            return
        keyboards = self._keyboards(actor)
        if step_obj is not None and keyboards:
            message = keyboards[-1]
            buttons = [b for b in _callback_buttons(message) if not any(n in b[0] for n in NAV_LABELS)]
            preferred = [b for b in buttons if any(p in b[0] for p in PREFERRED_LABELS)]
            if bool(preferred) and data.draw(st.booleans(), label="prefer progress"):
                buttons = preferred
            if buttons:
                _, callback = data.draw(st.sampled_from(buttons), label="button")
                self._press(actor, callback, message.message_id)
                return
        self._text(actor, IDLE_COMMAND[actor])

    @rule()
    def scheduler_tick(self) -> None:
        """The reminder job runs (as the JobQueue does every few minutes); the outbox delivers."""
        self._run(check_reminders(self.app))
        self._run(self._settle())
        self._record_buttons()

    @precondition(lambda self: self.steps_since_restart >= 6)
    @rule()
    def restart_bot(self) -> None:
        """Kill and start again: a new Application on the same database and the same fake Telegram."""
        self._run(self._stop())
        self._run(self._start())  # post_init fires due reminders at once
        self._run(self._settle())
        self._record_buttons()
        self.steps_since_restart = 0

    # -- invariants ------------------------------------------------------------------------------

    @invariant()
    def no_handler_errors(self) -> None:
        assert self.tg is not None
        assert not self.tg.errors, f"handler errors: {self.tg.errors!r}"

    @invariant()
    def no_errors_logged_by_background_work(self) -> None:
        records = [f"{r.name}: {r.getMessage()} {r.exc_info[1]!r}" if r.exc_info else f"{r.name}: {r.getMessage()}"
                   for r in self.error_log.records]
        assert not records, f"errors logged: {records}"

    @invariant()
    def outbox_never_fails_on_a_healthy_api(self) -> None:
        """`sending` is a send in flight between two steps; `failed` would be e.g. a restart that
        interrupted one (the worker's recover() marks those failed)."""
        with self._db() as conn:
            bad = conn.execute(
                "SELECT id, status, last_error FROM outboxmessage WHERE status NOT IN ('pending', 'sending', 'sent')"
            ).fetchall()
        assert not bad, f"outbox rows not delivered by a fake API that never fails: {[tuple(r) for r in bad]}"

    @invariant()
    def no_orphans_and_legal_statuses(self) -> None:
        with self._db() as conn:
            orphan_items = conn.execute(
                "SELECT i.id FROM skpitem i LEFT JOIN skp s ON s.id = i.skp_id WHERE s.id IS NULL"
            ).fetchall()
            orphan_indicators = conn.execute(
                "SELECT n.id FROM indicator n LEFT JOIN skpitem i ON i.id = n.item_id WHERE i.id IS NULL"
            ).fetchall()
            orphan_events = conn.execute(
                "SELECT e.id FROM skpevent e LEFT JOIN skp s ON s.id = e.skp_id WHERE s.id IS NULL"
            ).fetchall()
            statuses = {r["status"] for r in conn.execute("SELECT DISTINCT status FROM skp")}
            steps = {r["step"] or "" for r in conn.execute("SELECT DISTINCT step FROM wizardsession")}
        assert not orphan_items, f"SKP items without their SKP: {[r['id'] for r in orphan_items]}"
        assert not orphan_indicators, f"indicators without their item: {[r['id'] for r in orphan_indicators]}"
        assert not orphan_events, f"events without their SKP: {[r['id'] for r in orphan_events]}"
        assert statuses <= LEGAL_STATUSES, f"illegal SKP status: {statuses - LEGAL_STATUSES}"
        assert steps <= {"", *STEPS}, f"wizard at an unknown step: {steps - {'', *STEPS}}"

    @invariant()
    def events_replay_the_workflow(self) -> None:
        with self._db() as conn:
            skps = {int(r["id"]): r for r in conn.execute("SELECT * FROM skp")}
            events = conn.execute("SELECT * FROM skpevent ORDER BY skp_id, id").fetchall()
        by_skp: dict[int, list[sqlite3.Row]] = {}
        for event in events:
            by_skp.setdefault(int(event["skp_id"]), []).append(event)
        for skp_id, skp in skps.items():
            state, version = Status.DRAFT.value, 0
            for e in by_skp.get(skp_id, []):
                where = f"SKP {skp_id} event {e['id']} ({e['action']} {e['from_status']}->{e['to_status']})"
                assert e["from_status"] == state, f"{where}: the SKP was {state}"
                if e["action"] in NOTE_ACTIONS:  # a record beside the workflow: the status stays
                    assert e["to_status"] == state, f"{where}: a note must not change the status"
                    continue
                try:
                    expected = transition(Status(e["from_status"]), Action(e["action"])).value
                except (TransitionError, ValueError) as exc:
                    raise AssertionError(f"{where}: not a legal transition ({exc})") from exc
                assert e["to_status"] == expected, f"{where}: should end in {expected}"
                if (e["action"] in (Action.APPROVE.value, Action.REQUEST_REVISION.value, Action.REOPEN.value)
                        and e["on_behalf_of"] is None and e["external_penilai_id"] is None):
                    assert e["actor_id"] == skp["penilai_id"], (
                        f"{where}: made by employee {e['actor_id']}, the penilai is {skp['penilai_id']}"
                    )
                if e["action"] in (Action.SUBMIT.value, Action.WITHDRAW.value, Action.AMEND.value,
                                   Action.CANCEL_AMENDMENT.value):
                    assert e["actor_id"] == skp["employee_id"], f"{where}: done by {e['actor_id']}"
                assert e["version"] > version, f"{where}: version {e['version']} after {version}"
                state, version = e["to_status"], e["version"]
            assert skp["status"] == state, f"SKP {skp_id} is {skp['status']} but its events end in {state}"
            assert skp["version"] >= version, f"SKP {skp_id} version {skp['version']} < its last event's {version}"

    def _contents(self, conn: sqlite3.Connection) -> dict[int, Any]:
        items: dict[int, list[tuple[Any, ...]]] = {}
        item_skp: dict[int, int] = {}
        for r in conn.execute(
            "SELECT id, skp_id, section, position, parent_item_id, parent_text, basis, rencana_kinerja, ak, "
            "complete, revision_comment FROM skpitem ORDER BY id"
        ):
            items.setdefault(int(r["skp_id"]), []).append(tuple(r))
            item_skp[int(r["id"])] = int(r["skp_id"])
        indicators: dict[int, list[tuple[Any, ...]]] = {}
        for r in conn.execute(
            "SELECT id, item_id, aspek, position, indikator, target_value, target_unit FROM indicator ORDER BY id"
        ):
            skp_id = item_skp.get(int(r["item_id"]))
            if skp_id is not None:
                indicators.setdefault(skp_id, []).append(tuple(r))
        return {s: (items.get(s, []), indicators.get(s, [])) for s in {*items, *indicators}}

    @invariant()
    def approved_is_frozen_and_changes_move_the_version(self) -> None:
        """An approved SKP does not change; it may be opened for an amendment (amend/reopen), and
        then its approved version stays recorded until the amendment is approved or dropped."""
        with self._db() as conn:
            skps = {int(r["id"]): (r["status"], int(r["version"])) for r in conn.execute("SELECT * FROM skp")}
            contents = self._contents(conn)
            approvals: dict[int, int] = {}
            query = "SELECT skp_id, count(*) AS n FROM skpevent WHERE action = 'approve' GROUP BY skp_id"
            for r in conn.execute(query):
                approvals[int(r["skp_id"])] = int(r["n"])
            recorded = {
                (int(r["skp_id"]), int(r["number"])) for r in conn.execute("SELECT skp_id, number FROM skpversion")
            }
        for skp_id, (status, version) in skps.items():
            content = contents.get(skp_id, ([], []))
            approved_times = approvals.get(skp_id, 0)
            if status == Status.APPROVED.value:
                frozen = self.frozen.get(skp_id)
                if frozen is not None and frozen[0] == approved_times:
                    assert content == frozen[1], (
                        f"approved SKP {skp_id} changed:\nbefore {frozen[1]!r}\nafter  {content!r}"
                    )
                else:
                    self.frozen[skp_id] = (approved_times, content)
            elif status in (Status.AMENDING.value, Status.AMENDMENT_SUBMITTED.value):
                assert approved_times >= 1, f"SKP {skp_id} is {status} without ever being approved"
                assert (skp_id, approved_times) in recorded, (
                    f"SKP {skp_id} is {status} but approved version {approved_times} was not kept"
                )
            previous = self.last_seen.get(skp_id)
            if previous is not None:
                old_version, old_content = previous
                assert version >= old_version, f"SKP {skp_id} version went back {old_version} -> {version}"
                if content != old_content:
                    assert version > old_version, (
                        f"SKP {skp_id} items changed without a version bump (still {version}):\n"
                        f"before {old_content!r}\nafter  {content!r}"
                    )
            self.last_seen[skp_id] = (version, content)

    @invariant()
    def utama_cascades_from_the_penilai_approved_skp(self) -> None:
        with self._db() as conn:
            skps = {int(r["id"]): r for r in conn.execute("SELECT * FROM skp")}
            jenis = {int(r["id"]): r["jenis_jabatan"] for r in conn.execute("SELECT id, jenis_jabatan FROM employee")}
            items = {int(r["id"]): r for r in conn.execute("SELECT * FROM skpitem")}
        for item in items.values():
            skp = skps[int(item["skp_id"])]
            where = f"item {item['id']} ({item['section']}) of SKP {skp['id']}"
            if item["section"] != "UTAMA":
                assert item["parent_item_id"] is None, f"{where}: a Kinerja Tambahan with a parent item"
                continue
            if JenisJabatan(jenis[int(skp["employee_id"])]).kategori is Kategori.JPT:
                assert item["parent_item_id"] is None, f"{where}: a JPT item cascades from PK text, not an item"
                continue
            if item["parent_item_id"] is None:
                assert item["parent_text"] is None, (
                    f"{where}: parent text {item['parent_text']!r} without the penilai's item it comes from"
                )
                continue
            parent = items.get(int(item["parent_item_id"]))
            assert parent is not None, f"{where}: parent item {item['parent_item_id']} is gone"
            parent_skp = skps[int(parent["skp_id"])]
            assert parent_skp["employee_id"] == skp["penilai_id"], f"{where}: parent is not the penilai's"
            assert parent_skp["period_id"] == skp["period_id"], f"{where}: parent from another period"
            if item["relink"]:
                continue  # flagged for the employee to choose again (the superior's result changed)
            if item["provisional"]:
                # Nobody waits for the top: a result of the penilai's draft or submission, confirmed
                # (or flagged) when that SKP is approved.
                assert parent_skp["status"] not in HAS_APPROVED, f"{where}: provisional, parent is approved"
                assert item["parent_text"] == parent["rencana_kinerja"], f"{where}: parent text differs"
                continue
            assert parent_skp["status"] in HAS_APPROVED, f"{where}: parent SKP is {parent_skp['status']}"
            if parent_skp["status"] == Status.APPROVED.value:
                assert item["parent_text"] == parent["rencana_kinerja"], f"{where}: parent text differs"


def _examples() -> int:
    return int(os.environ.get("SKP_FUZZ_EXAMPLES", "20"))


def test_random_conversations_keep_the_invariants(tmp_path_factory: pytest.TempPathFactory) -> None:
    template = tmp_path_factory.mktemp("fuzz-template") / "template.sqlite3"
    codes = asyncio.run(_build_template(template))
    machine = type("SkpConversations", (ConversationMachine,), {"template": template, "codes": codes})
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=_examples(),
            stateful_step_count=30,
            deadline=None,
            derandomize=False,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
            print_blob=True,
            # No coverage-based "explain" phase: it re-runs the whole failing sequence many times.
            phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
        ),
    )
