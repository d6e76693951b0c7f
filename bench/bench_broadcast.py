"""Broadcast throughput: the real outbox worker against a rate-limited fake Bot API.

    python bench/bench_broadcast.py                       # 5 000 recipients (~3.5 min at 25/s)
    python bench/bench_broadcast.py --recipients 1000 --latency 0.08

Builds the real Application (SQLite file database, migrations, arm_jobs) on
``FakeBotApi(enforce_limits=True, global_per_second=30, per_chat_per_second=1)``, links N
employees, enqueues one broadcast in one transaction (as /siaran does) with an admin progress
message, and lets the background worker send it. Reports the achieved rate as a share of the
30 msg/s Telegram allows, the 429s the fake answered, the busiest 1-second window, and the total
time from enqueue to the broadcast's ``finished_at``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bot` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert
from sqlmodel import select

from bot.app import build_application
from bot.jobs import JobsConfig, stop_jobs
from bot.services.broadcasts import Recipient, enqueue, progress_of
from bot.settings import Settings
from bot.storage.models import Broadcast, Employee
from bot.testing.fake_telegram import FakeBotApi, FakeTelegram
from bot.tg.outbox_worker import Pacing, wake

ALLOWED = 30.0
ADMIN = 424242


async def run(recipients: int, latency: float, rate: float, in_flight: int, db_path: Path) -> dict[str, object]:
    api = FakeBotApi(enforce_limits=True, global_per_second=int(ALLOWED), per_chat_per_second=1, latency=latency)
    settings = Settings(_env_file=None, telegram_bot_token=None,  # type: ignore[call-arg]
                        database_url=f"sqlite:///{db_path}", skp_admin_ids=[ADMIN])
    app = build_application(settings, request=api, get_updates_request=api)
    app.bot_data["jobs_config"] = JobsConfig(pacing=Pacing(global_per_second=rate, max_in_flight=in_flight),
                                             run_scheduler=False)
    tg = FakeTelegram(app, api)
    await tg.start()
    db = app.bot_data["deps"].db
    try:
        now = dt.datetime.now(dt.UTC)
        rows = [
            {"nip": f"1980010120000{n:05d}", "nama": f"PEGAWAI {n}", "jabatan": "Pelaksana",
             "jenis_jabatan": "pelaksana", "unit_kerja": f"Unit {n % 40}", "pangkat": "", "telegram_id": 10_000 + n,
             "chat_id": 10_000 + n, "linked_at": now, "is_admin": False}
            for n in range(recipients)
        ]
        async with db.session() as session:
            await session.exec(insert(Employee), params=rows)
            await session.commit()
            employees = (await session.exec(select(Employee))).all()
        progress = await app.bot.send_message(ADMIN, "Siaran dimulai…")
        api.clear()  # count only the broadcast from here on
        started = time.monotonic()
        async with db.session() as session:
            broadcast = await enqueue(
                session, created_by=ADMIN, kind="siaran", text="Bench", audience="all",
                recipients=[Recipient(e.chat_id or 0, e.id, f"Pengumuman uji untuk {e.nama}") for e in employees],
                progress_chat_id=ADMIN, progress_message_id=progress.message_id,
            )
            await session.commit()
        wake(app)
        enqueued = time.monotonic() - started
        while True:
            await asyncio.sleep(0.5)
            async with db.session() as session:
                row = await session.get(Broadcast, broadcast.id)
                await session.refresh(row)
                if row is not None and row.finished_at is not None:
                    result = await progress_of(session, row)
                    break
        total = time.monotonic() - started
    finally:
        await stop_jobs(app)
        await tg.stop()
    sends = [c for c in api.calls_to("sendMessage") if c.chat_id != ADMIN]
    delivered = [c for c in sends if c.status == 200]
    span = (delivered[-1].time - delivered[0].time) if len(delivered) > 1 else 0.0
    achieved = (len(delivered) - 1) / span if span else 0.0
    per_chat: dict[object, int] = {}
    for c in delivered:
        per_chat[c.chat_id] = per_chat.get(c.chat_id, 0) + 1
    return {
        "recipients": recipients,
        "latency_s": latency,
        "pacing_per_s": rate,
        "max_in_flight": in_flight,
        "enqueue_s": round(enqueued, 3),
        "total_s": round(total, 1),
        "achieved_per_s": round(achieved, 2),
        "share_of_allowed_30": f"{achieved / ALLOWED:.0%}",
        "http_429": api.rate_limited_429,
        "busiest_1s_window": api.max_sends_per_second(),
        "sent": result.sent,
        "failed": result.failed,
        "blocked": result.blocked,
        "duplicates": sum(1 for n in per_chat.values() if n > 1),
        "missed": recipients - len(per_chat),
        "progress_edits": len(api.calls_to("editMessageText")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--latency", type=float, default=0.0, help="simulated Bot API round-trip (s)")
    parser.add_argument("--rate", type=float, default=Pacing().global_per_second, help="worker pacing (msg/s)")
    parser.add_argument("--in-flight", type=int, default=Pacing().max_in_flight)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        report = asyncio.run(run(args.recipients, args.latency, args.rate, args.in_flight, Path(tmp) / "bench.db"))
    if args.json:
        print(json.dumps(report))
    else:
        for key, value in report.items():
            print(f"{key:>20}: {value}")


if __name__ == "__main__":
    main()
