"""Import a 10 000-employee roster, then run the bot with it loaded.

    python bench/bench_roster.py [--employees 10000] [--db sqlite|postgresql]

Prints the import time and the process's peak memory (RSS) after importing and after the bot has
served updates for employees of that roster. Goals: import < 10 s, memory < 200 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import build_application
from bot.services.linking import link_directly
from bot.services.roster import import_roster
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.migrate import upgrade
from bot.testing.fake_telegram import FakeBotApi, FakeTelegram

PG = "postgresql://postgres@127.0.0.1:5432"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def nip(n: int, year: int) -> str:
    month, day = n % 12 + 1, n % 28 + 1
    return f"{year}{month:02d}{day:02d}{year + 25}{month:02d}{n % 2 + 1}{n % 999 + 1:03d}"


def write_roster(path: Path, count: int) -> None:
    """A realistic tree: Sekda → 40 JPT → administrators → pengawas → pelaksana and JF."""
    rows: list[list[str]] = []
    used: set[str] = set()

    def add(kind: str, gol: str, jabatan: str, unit: str, atasan: str) -> str:
        n = len(rows)
        value = nip(n, 1960 + n % 35)
        while value in used:
            n += 1000
            value = nip(n, 1960 + n % 35)
        used.add(value)
        rows.append([value, f"PEGAWAI {len(rows):05d}", gol, jabatan, kind, unit, atasan])
        return value

    sekda = add("JPT Madya", "IV/d", "Sekretaris Daerah", "Setda", "")
    heads = [add("JPT Pratama", "IV/c", "Kepala", f"Dinas {u:02d}", sekda) for u in range(40)]
    admins = [add("Administrator", "IV/a", "Kepala Bidang", f"Dinas {i % 40:02d}", heads[i % 40]) for i in range(400)]
    pengawas = [add("Pengawas", "III/d", "Kepala Seksi", f"Dinas {i % 40:02d}", admins[i % 400]) for i in range(1600)]
    kinds = [("Pelaksana", "II/c"), ("JF Ahli Pertama", "III/a"), ("JF Terampil", "II/d")]
    while len(rows) < count:
        i = len(rows)
        kind, gol = kinds[i % 3]
        atasan = pengawas[i % 1600] if kind != "JF Ahli Pertama" else admins[i % 400]
        add(kind, gol, kind, f"Dinas {i % 40:02d}", atasan)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["nip", "nama", "pangkat_golongan", "jabatan", "jenis_jabatan", "unit_kerja", "nip_atasan"])
        writer.writerows(rows[:count])


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    roster = tmp / "roster.csv"
    write_roster(roster, args.employees)
    if args.db == "sqlite":
        url = f"sqlite:///{tmp}/roster.sqlite3"
    else:
        import asyncpg

        name = f"skp_bench_{uuid.uuid4().hex[:8]}"
        conn = await asyncpg.connect(f"{PG.replace('postgresql', 'postgres')}/test")
        await conn.execute(f'CREATE DATABASE "{name}"')
        await conn.close()
        url = f"{PG}/{name}"
    await asyncio.to_thread(upgrade, url)
    db = Database(url)
    started = time.perf_counter()
    async with db.session() as session:
        report = await import_roster(session, roster)
    elapsed = time.perf_counter() - started
    assert report.ok, report.errors[:5]
    print(f"import {args.employees} employees ({args.db}): {elapsed:.2f} s, created {report.created}")
    print(f"peak RSS after import: {peak_mb():.0f} MB")
    settings = Settings(_env_file=None, database_url=url, telegram_bot_token=None)  # type: ignore[call-arg]
    api = FakeBotApi()
    app = build_application(settings, request=api, get_updates_request=api, database=db)
    async with FakeTelegram(app, api) as tg:
        with roster.open(encoding="utf-8") as handle:
            nips = [row["nip"] for row, _ in zip(csv.DictReader(handle), range(200), strict=False)]
        for n, value in enumerate(nips[1:], start=1):
            await link_directly(db, value, 700_000 + n, 700_000 + n)
            await tg.user(700_000 + n).send("/bantuan")
    print(f"peak RSS with the bot serving that roster: {peak_mb():.0f} MB")
    await db.dispose()
    if args.db == "postgresql":
        conn = await asyncpg.connect(f"{PG.replace('postgresql', 'postgres')}/test")
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()


if __name__ == "__main__":
    asyncio.run(main())
