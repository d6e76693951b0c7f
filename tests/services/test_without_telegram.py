"""The use cases need no Telegram: every service module imports, and a submit/approve round trip
runs, in a process where `import telegram` fails."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import asyncio, importlib, pkgutil, sys
    sys.modules["telegram"] = None  # any `import telegram...` now raises ImportError
    import bot.services, bot.storage, bot.documents
    for package in (bot.services, bot.storage, bot.documents):
        for info in pkgutil.iter_modules(package.__path__):
            if info.name != "migrations":
                importlib.import_module(f"{package.__name__}.{info.name}")
    from bot.services import lifecycle
    from bot.services.demo import load_demo_data, KABID_NIP, KEPALA_NIP
    from bot.services.lifecycle import Actor
    from bot.storage import repo
    from bot.storage.db import Database
    from bot.storage.migrate import upgrade_async
    from bot.storage.models import Skp
    from skp_domain.skp import Action

    async def main(url):
        db = Database(url)
        await upgrade_async(db.engine, db.url)
        await load_demo_data(db)
        async with db.write_session() as session:
            kabid = await repo.employee_by_nip(session, KABID_NIP)
            kepala = await repo.employee_by_nip(session, KEPALA_NIP)
            period = await repo.active_period(session)
            skp = await repo.skp_of(session, kabid.id, period.id)
            await session.exec(
                __import__("sqlalchemy").update(Skp).where(Skp.id == skp.id).values(status="DRAFT")
            )
            await session.commit()
            sub = await lifecycle.change_status(session, skp.id, Action.SUBMIT, Actor.of(kabid))
            ok = await lifecycle.change_status(session, skp.id, Action.APPROVE, Actor.of(kepala),
                                               seen_version=sub.version)
            await session.commit()
        await db.dispose()
        assert "telegram" not in [m.split(".")[0] for m in sys.modules if sys.modules[m] is not None]
        print(ok.to_status.value)

    asyncio.run(main(sys.argv[1]))
    """
)


def test_services_run_without_telegram(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/nopt.sqlite3"
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, url], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("APPROVED")
