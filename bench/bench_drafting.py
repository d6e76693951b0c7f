"""Drafting under load: N employees fill in their SKP at the same time against the real bot.

    python bench/bench_drafting.py --users 200                      # SQLite file database
    python bench/bench_drafting.py --users 200 --db postgresql      # fresh PostgreSQL database
    python bench/bench_drafting.py --users 2000 --items 2 --profile /tmp/drafting.prof

The real Application (``build_application``: migrations, jobs, every handler) runs on the
FakeBotApi transport. Before the clock starts the demo organisation is loaded and N synthetic
JF Ahli Pertama employees are inserted under the demo Kabid (whose SKP is approved, so they can
cascade from it) and linked to Telegram ids 100000+n. Then every user drafts ``--items`` complete
Kinerja Utama items, all users at once, through bench/loadgen.py (same method as the echo
baseline: each update handed to ``app.update_processor`` as polling and the webhook do, so the
bot's per-person ordering and its SKP_CONCURRENT_UPDATES bound apply; users concurrent, each
user's steps sequential; see its docstring)::

    /skp -> Tambah rencana kinerja -> Kinerja Utama -> "1" (the Kabid's approved item)
    -> rencana kinerja text [-> "Tetap pakai teks saya" when the bot asks to check the wording]
    -> 3 x (indicator suggestion "1" -> target) -> angka kredit "0,5" -> Simpan -> Selesai

Afterwards the echo baseline (bench/echo_baseline.py) runs in a fresh interpreter with the same
users, the same number of updates per user and the same transport options, and both are printed
side by side with the ratio bot/echo throughput. The database must then hold users x items
complete items with their three indicators; otherwise (or on any handler error) the exit code is 1.

Handler exceptions are never swallowed: the driver's FakeTelegram is switched to
``raise_errors=True``, so an error raises from the user's ``send``/``press``; the user's scenario
stops there, the traceback is printed after the run and the exit code is 1.

Profiling: ``--profile PATH`` wraps the load phase in cProfile (own times are exact; coroutine
cumulative times are not). For inclusive percentages use a sampler on the whole run, e.g.
``py-spy record --gil -f raw -o drafting.txt -- python bench/bench_drafting.py --users 200 --no-echo``.

PostgreSQL: a database ``skp_bench_<random>`` is created on the server of ``--pg-admin-url``
(default ``$SKP_TEST_PG_URL`` or postgresql://postgres@127.0.0.1:5432/test) and dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import io
import json
import logging
import os
import pstats
import random
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bot` and `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert
from sqlmodel import col, select

from bench.loadgen import LoadReport, add_common_arguments, api_from_args, peak_rss_mb, run_load
from bot.app import build_application
from bot.cli import tune_gc
from bot.services.demo import KABID_NIP, UNIT, load_demo_data
from bot.services.linking import link_directly
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.models import Employee, Indicator, Skp, SkpItem
from bot.testing.fake_telegram import FakeTelegram, FakeUser
from skp_domain.nip import is_valid_nip

ROOT = Path(__file__).resolve().parents[1]
FIRST_TELEGRAM_ID = 100_000
DEFAULT_PG_ADMIN_URL = os.environ.get("SKP_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
TARGETS = ("1 dokumen", "100 %", "12 bulan")
AK = "0,5"
# Rencana kinerja phrases, cycled per item: results (accepted at once) and activities (the bot
# asks to check the wording; the user keeps their own text), so both paths are exercised.
RK_PHRASES = (
    "Data kepegawaian unit {n} yang valid dan akurat",
    "Menyusun laporan evaluasi karier ASN unit {n}",
    "Layanan informasi kepegawaian unit {n} terselenggara tepat waktu",
    "Melaksanakan pemetaan kompetensi ASN unit {n}",
)


# --------------------------------------------------------------------------------------------
# Synthetic roster
# --------------------------------------------------------------------------------------------


def synthetic_nip(n: int) -> str:
    """A valid PNS NIP: born 1990-01-01 + n//999 days, TMT CPNS 2015-MM, male, sequence 1..999."""
    birth = dt.date(1990, 1, 1) + dt.timedelta(days=n // 999)
    tmt_month = 1 + n % 12
    return f"{birth:%Y%m%d}2015{tmt_month:02d}1{n % 999 + 1:03d}"


async def add_employees(db: Database, users: int) -> list[str]:
    """Insert ``users`` JF Ahli Pertama under the Kabid and link them; returns their NIPs."""
    nips = [synthetic_nip(n) for n in range(users)]
    bad = [nip for nip in nips if not is_valid_nip(nip)]
    if bad or len(set(nips)) != len(nips):
        raise SystemExit(f"synthetic NIPs invalid or duplicated: {bad[:3]}")
    async with db.session() as session:
        kabid = (await session.exec(select(Employee).where(Employee.nip == KABID_NIP))).one()
        rows = [
            {
                "nip": nip,
                "nama": f"PEGAWAI UJI {n:05d}, S.Kom.",
                "pangkat": "III/a",
                "jabatan": "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
                "jenis_jabatan": "jf_ahli_pertama",
                "unit_kerja": UNIT,
                "atasan_id": kabid.id,
                "is_admin": False,
            }
            for n, nip in enumerate(nips)
        ]
        await session.exec(insert(Employee), params=rows)
        await session.commit()
    for n, nip in enumerate(nips):
        await link_directly(db, nip, FIRST_TELEGRAM_ID + n, FIRST_TELEGRAM_ID + n)
    return nips


@dataclass
class Verification:
    expected_items: int
    complete_items: int
    items_with_3_targets: int
    items_with_ak: int
    employees_with_skp: int

    @property
    def ok(self) -> bool:
        return self.expected_items == self.complete_items == self.items_with_3_targets == self.items_with_ak

    def format(self) -> str:
        return (
            f"  DB check     complete SkpItem rows {self.complete_items} / expected {self.expected_items}; "
            f"with 3 targets {self.items_with_3_targets}; with AK {self.items_with_ak}; "
            f"SKPs {self.employees_with_skp}  ->  {'OK' if self.ok else 'MISMATCH'}"
        )


async def verify(db: Database, nips: list[str], items: int) -> Verification:
    ours = select(Employee.id).where(col(Employee.nip).in_(nips))
    async with db.session() as session:
        skp_ids = select(Skp.id).where(col(Skp.employee_id).in_(ours))
        complete = select(SkpItem.id).where(col(SkpItem.skp_id).in_(skp_ids), col(SkpItem.complete).is_(True))
        n_complete = (await session.exec(select(func.count()).select_from(complete.subquery()))).one()
        full = (
            select(Indicator.item_id)
            .where(col(Indicator.item_id).in_(complete), col(Indicator.target_value).is_not(None))
            .group_by(col(Indicator.item_id))
            .having(func.count(col(Indicator.id)) == 3)
        )
        n_full = (await session.exec(select(func.count()).select_from(full.subquery()))).one()
        with_ak = complete.where(col(SkpItem.ak).is_not(None))
        n_ak = (await session.exec(select(func.count()).select_from(with_ak.subquery()))).one()
        n_skp = (await session.exec(select(func.count()).select_from(skp_ids.subquery()))).one()
    return Verification(len(nips) * items, n_complete, n_full, n_ak, n_skp)


# --------------------------------------------------------------------------------------------
# The scenario
# --------------------------------------------------------------------------------------------


@dataclass
class Failures:
    """Users whose scenario raised (a handler error re-raised by FakeTelegram, or a wrong screen)."""

    items: list[tuple[int, str, str]] = field(default_factory=list)  # (user id, last bot text, traceback)

    def add(self, user: FakeUser) -> None:
        last = user.last.plain if user.messages else ""
        self.items.append((user.user_id, (last or "")[:300], traceback.format_exc()))


def _has_button(user: FakeUser, fragment: str) -> bool:
    return any(fragment in b for b in user.buttons())


def _screen(user: FakeUser) -> str:
    """What the user sees in the bot's latest message."""
    return user.last.plain or ""


# Seconds a person pauses before each answer (0: answer at once, the saturation test).
THINK = {"seconds": 0.0}


async def _pause() -> None:
    if THINK["seconds"]:
        await asyncio.sleep(random.uniform(0.5, 1.5) * THINK["seconds"])


async def send(user: FakeUser, text: str) -> None:
    await _pause()
    await user.send(text)


async def press(user: FakeUser, label: str) -> None:
    await _pause()
    await user.press(label)


async def draft_item(user: FakeUser, n: int, k: int) -> None:
    """One complete Kinerja Utama item, from /skp to Selesai (as tests/flows/helpers.draft_item)."""
    await send(user, "/skp")
    await press(user, "Tambah rencana kinerja")
    await press(user, "Kinerja Utama")
    await press(user, "1")  # the Kabid's first approved item
    await send(user, RK_PHRASES[k % len(RK_PHRASES)].format(n=n))
    if "Periksa bahasa" in _screen(user):
        await press(user, "Tetap pakai teks saya")
    for target in TARGETS:
        await press(user, "1")  # the first indicator suggestion
        if "Target" not in _screen(user):
            raise AssertionError(f"expected the target question, got: {_screen(user)[:200]!r}")
        await send(user, target)
    if "Angka kredit" not in _screen(user):
        raise AssertionError(f"expected the angka kredit question, got: {_screen(user)[:200]!r}")
    await send(user, AK)
    if not _has_button(user, "Simpan"):
        raise AssertionError(f"expected the item card with Simpan, got: {_screen(user)[:200]!r}")
    await press(user, "Simpan")
    await press(user, "Selesai")


def make_scenario(items: int, failures: Failures) -> Any:
    async def scenario(user: FakeUser) -> None:
        n = user.user_id - FIRST_TELEGRAM_ID
        try:
            for k in range(items):
                await draft_item(user, n, k)
        except Exception:
            failures.add(user)

    return scenario


async def prepare(user: FakeUser) -> None:
    """Runs for every user before the clock: surface handler errors instead of counting them."""
    user.tg.raise_errors = True


# --------------------------------------------------------------------------------------------
# Databases
# --------------------------------------------------------------------------------------------


async def _pg_admin(admin_url: str, sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(admin_url.replace("postgresql://", "postgres://", 1))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@asynccontextmanager
async def database_url(kind: str, pg_admin_url: str) -> AsyncIterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="skp-bench-") as tmp:
            yield f"sqlite:///{tmp}/bench.sqlite3"
        return
    name = f"skp_bench_{uuid.uuid4().hex[:12]}"
    await _pg_admin(pg_admin_url, f'CREATE DATABASE "{name}"')
    try:
        yield f"{pg_admin_url.rsplit('/', 1)[0]}/{name}"
    finally:
        await _pg_admin(pg_admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --------------------------------------------------------------------------------------------
# Runs
# --------------------------------------------------------------------------------------------


@dataclass
class BotRun:
    report: LoadReport
    verification: Verification
    failures: Failures
    setup_s: float
    rss_before_mb: float
    db: str
    items: int
    profile_text: str | None = None


def _profile_summary(profiler: cProfile.Profile, path: str, top: int = 30) -> str:
    profiler.dump_stats(path)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    total = stats.total_tt or 1e-9  # type: ignore[attr-defined]
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]

    def name(key: tuple[str, int, str]) -> str:
        filename, line, func_name = key
        short = filename.replace(str(ROOT) + "/", "")
        if "site-packages/" in short:
            short = short.split("site-packages/", 1)[1]
        return f"{short}:{line}({func_name})"

    lines = [f"profile: {total:.1f} s profiled CPU time, saved to {path}", "  top by own time:"]
    by_tt = sorted(raw.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    for key, (_cc, nc, tt, ct, _callers) in by_tt:
        lines.append(f"    {100 * tt / total:5.1f}% own {100 * ct / total:5.1f}% cum {nc:>9} calls  {name(key)}")
    lines.append(
        "  top by cumulative time (excluding asyncio plumbing; a coroutine's figure counts every resume"
        " and can exceed 100%, sync functions are exact):"
    )
    plumbing = ("asyncio/", "bench/", "contextlib.py", "~")  # event loop, this driver, built-ins

    def interesting(key: tuple[str, int, str]) -> bool:
        return not any(p in key[0] for p in plumbing)

    by_ct = [kv for kv in sorted(raw.items(), key=lambda kv: kv[1][3], reverse=True) if interesting(kv[0])][:top]
    for key, (_cc, nc, _tt, ct, _callers) in by_ct:
        lines.append(f"    {100 * ct / total:5.1f}% cum {nc:>9} calls  {name(key)}")
    return "\n".join(lines)


async def run_bot(args: argparse.Namespace) -> BotRun:
    async with database_url(args.db, args.pg_admin_url) as url:
        settings = Settings(_env_file=None, telegram_bot_token=None, database_url=url)  # type: ignore[call-arg]
        api = api_from_args(args)
        app = build_application(settings, request=api, get_updates_request=api)
        lifecycle = FakeTelegram(app, api)  # initialize + post_init (migrations, jobs) + start
        started = time.perf_counter()
        await lifecycle.start()
        try:
            db: Database = app.bot_data["deps"].db
            await load_demo_data(db)
            nips = await add_employees(db, args.users)
            setup_s = time.perf_counter() - started
            rss_before = peak_rss_mb()
            failures = Failures()
            profiler = cProfile.Profile() if args.profile else None
            if profiler is not None:
                profiler.enable()
            report = await run_load(
                app,
                make_scenario(args.items, failures),
                users=args.users,
                api=api,
                concurrency=args.concurrency,
                mode=args.mode,
                first_user_id=FIRST_TELEGRAM_ID,
                prepare=prepare,
                label=f"skp-bot drafting ({args.db})",
            )
            profile_text = None
            if profiler is not None:
                profiler.disable()
                profile_text = _profile_summary(profiler, args.profile)
            verification = await verify(db, nips, args.items)
        finally:
            await lifecycle.stop()
    return BotRun(report, verification, failures, setup_s, rss_before, args.db, args.items, profile_text)


# The echo baseline's own main(), but peak RSS read from /proc/self/status VmHWM: a child's
# ru_maxrss on Linux starts at the parent's peak (inherited across fork/exec), VmHWM does not.
_ECHO_CHILD = """
import contextlib, io, json, sys
sys.path.insert(0, sys.argv[1])
from bench import echo_baseline
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    rc = echo_baseline.main(sys.argv[2:])
report = json.loads(buf.getvalue())
with contextlib.suppress(OSError):
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            report["peak_rss_mb"] = int(line.split()[1]) / 1024
print(json.dumps(report))
sys.exit(rc)
"""


def run_echo_subprocess(args: argparse.Namespace, messages: int) -> dict[str, Any]:
    """The echo ceiling in a fresh interpreter (its own heap and peak RSS), same transport options."""
    cmd = [
        sys.executable,
        "-c",
        _ECHO_CHILD,
        str(ROOT),
        "--json",
        "--users",
        str(args.users),
        "--messages",
        str(messages),
        "--mode",
        args.mode,
        "--latency",
        str(args.latency),
    ]
    if args.concurrency:
        cmd += ["--concurrency", str(args.concurrency)]
    if args.mode == "processor":  # the bot's default SKP_CONCURRENT_UPDATES
        cmd += ["--concurrent-updates", str(Settings.model_fields["skp_concurrent_updates"].default)]
    if args.enforce_limits:
        cmd.append("--enforce-limits")
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"echo baseline failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def side_by_side(bot: LoadReport, echo: dict[str, Any]) -> str:
    ratio = bot.updates_per_s / echo["updates_per_s"] if echo["updates_per_s"] else 0.0
    rows = [
        ("", "skp-bot", "echo"),
        ("updates", f"{bot.updates}", f"{echo['updates']}"),
        ("updates/s", f"{bot.updates_per_s:,.0f}", f"{echo['updates_per_s']:,.0f}"),
        ("p50 ms", f"{bot.p50_ms:.2f}", f"{echo['p50_ms']:.2f}"),
        ("p99 ms", f"{bot.p99_ms:.2f}", f"{echo['p99_ms']:.2f}"),
        ("max ms", f"{bot.max_ms:.2f}", f"{echo['max_ms']:.2f}"),
        ("peak RSS MiB", f"{bot.peak_rss_mb:.1f}", f"{echo['peak_rss_mb']:.1f}"),
    ]
    text = "\n".join(f"  {a:<14}{b:>14}{c:>14}" for a, b, c in rows)
    return f"{text}\n  ratio bot/echo throughput: {ratio:.3f} ({ratio:.1%})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_common_arguments(parser)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--items", type=int, default=2, help="complete items each user drafts (2)")
    parser.add_argument("--pg-admin-url", default=DEFAULT_PG_ADMIN_URL, help="server for CREATE/DROP DATABASE")
    parser.add_argument("--profile", metavar="PATH", help="cProfile the load phase, dump to PATH, print hotspots")
    parser.add_argument("--no-echo", action="store_true", help="skip the echo baseline")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds a user pauses before each answer (default 0: saturation)")
    args = parser.parse_args(argv)
    THINK["seconds"] = args.think
    tune_gc()  # as `skp-bot run` does
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    load_before = os.getloadavg()
    bot = asyncio.run(run_bot(args))
    load_after = os.getloadavg()
    report = bot.report
    per_user = round(report.updates / args.users) if args.users else 0
    echo = None if args.no_echo else run_echo_subprocess(args, per_user)

    if args.json:
        out: dict[str, Any] = {
            "db": bot.db,
            "items": bot.items,
            "setup_s": round(bot.setup_s, 2),
            "rss_before_load_mb": round(bot.rss_before_mb, 1),
            "bot": report.as_dict(),
            "echo": echo,
            "ratio": (report.updates_per_s / echo["updates_per_s"]) if echo and echo["updates_per_s"] else None,
            "db_check": {**bot.verification.__dict__, "ok": bot.verification.ok},
            "failed_users": len(bot.failures.items),
            "host": {"cpus": os.cpu_count(), "loadavg_before": load_before, "loadavg_after_bot": load_after},
        }
        print(json.dumps(out, indent=2))
    else:
        print(
            f"setup (migrations, demo data, {args.users} employees linked): {bot.setup_s:.1f} s, "
            f"peak RSS before the load {bot.rss_before_mb:.1f} MiB"
        )
        print(report.format())
        print(bot.verification.format())
        print(
            f"  host         {os.cpu_count()} CPUs, 1-min load average {load_before[0]:.2f} before, "
            f"{load_after[0]:.2f} after the bot run (other processes skew the figures)"
        )
        if echo is not None:
            print(f"echo baseline: {args.users} users x {per_user} messages, same transport and mode")
            print(side_by_side(report, echo))
    if bot.profile_text:
        print(bot.profile_text, file=sys.stderr if args.json else sys.stdout)

    failed = False
    if bot.failures.items:
        failed = True
        print(f"FAILED: {len(bot.failures.items)} user(s) could not finish; first failure:", file=sys.stderr)
        user_id, last, trace = bot.failures.items[0]
        print(f"user {user_id}, last bot message: {last!r}\n{trace}", file=sys.stderr)
    if report.errors:
        failed = True
        print(f"FAILED: {report.errors} handler error(s)", file=sys.stderr)
    if not bot.verification.ok:
        failed = True
        print("FAILED: the database does not hold every drafted item", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
