"""The admin audit log: imports, grants, unlinks, approvals on behalf, broadcasts, periods.

`record(session, actor, action, detail)` adds one row in the caller's transaction (so the entry
commits with what it describes, or not at all). `actor` is who did it, as people read it:
`cli_actor()` for `skp-bot …`, `telegram_actor(telegram_id, employee)` for a chat admin.
`skp-bot audit` lists the rows.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Sequence

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.storage.models import AuditEntry, Employee

IMPORT_ROSTER = "import-roster"
IMPORT_PK = "import-pk"
ADMIN_GRANT = "admin-grant"
ADMIN_REVOKE = "admin-revoke"
UNLINK = "unlink"
APPROVE_ON_BEHALF = "approve-on-behalf"
REVISION_ON_BEHALF = "revision-on-behalf"
BROADCAST = "broadcast"
PERIOD = "period"
EXTERNAL_PENILAI = "penilai-luar"

MAX_DETAIL = 2000


def cli_actor() -> str:
    """`CLI (user)`: the operating-system account that ran `skp-bot …`."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without a passwd entry)
        user = "?"
    return f"CLI ({user})"


def telegram_actor(telegram_id: int | None, employee: Employee | None = None) -> str:
    if employee is not None:
        return f"Telegram {telegram_id} ({employee.nama}, NIP {employee.nip})"
    return f"Telegram {telegram_id} (admin SKP_ADMIN_IDS)" if telegram_id else "admin"


async def record(session: AsyncSession, actor: str, action: str, detail: str = "") -> AuditEntry:
    """Add one audit row; the caller commits (together with the change it describes)."""
    entry = AuditEntry(actor=actor[:200], action=action[:60], detail=detail[:MAX_DETAIL])
    session.add(entry)
    return entry


async def entries(
    session: AsyncSession, *, action: str | None = None, since: dt.date | None = None, limit: int = 200
) -> Sequence[AuditEntry]:
    """The newest entries first."""
    query = select(AuditEntry).order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc()).limit(limit)
    if action:
        query = query.where(AuditEntry.action == action)
    if since is not None:
        query = query.where(col(AuditEntry.at) >= dt.datetime.combine(since, dt.time(), dt.UTC))
    return (await session.exec(query)).all()


__all__ = ["AuditEntry", "cli_actor", "entries", "record", "telegram_actor"]
