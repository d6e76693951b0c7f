"""Broadcasts and reminders go out through the outbox: one `OutboxMessage` row per recipient,
inserted in the caller's transaction together with its `Broadcast` row. Sending is the outbox
worker's job (`bot.tg.outbox_worker`); nothing here talks to Telegram."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import col, select

from bot.storage.models import Broadcast, OutboxMessage, utcnow
from skp_domain.errors import TextError
from skp_domain.text import normalize_space

PENDING, SENDING, SENT, FAILED, BLOCKED = "pending", "sending", "sent", "failed", "blocked"
OPEN = (PENDING, SENDING)


@dataclass(frozen=True)
class Recipient:
    chat_id: int
    employee_id: int | None
    text: str
    reply_markup: dict[str, Any] | None = None


@dataclass(frozen=True)
class Progress:
    total: int
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    open: int = 0

    @property
    def done(self) -> bool:
        return self.open == 0


# --- enqueueing (inside the caller's transaction) -----------------------------------------

MAX_BROADCAST_TEXT = 3500


def clean_broadcast_text(text: str | None) -> str:
    """Invisible characters out, spaces collapsed within lines, at most one blank line in a row."""
    lines = [normalize_space(line) for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    cleaned = "\n".join(kept).strip()
    if not cleaned:
        raise TextError("Teks pengumuman tidak boleh kosong.")
    if len(cleaned) > MAX_BROADCAST_TEXT:
        raise TextError(f"Teks pengumuman maksimal {MAX_BROADCAST_TEXT} karakter; teks Anda {len(cleaned)} karakter.")
    return cleaned



async def enqueue(
    session: Any,
    *,
    created_by: int,
    kind: str,
    text: str,
    audience: str,
    recipients: Sequence[Recipient],
    progress_chat_id: int | None = None,
    progress_message_id: int | None = None,
) -> Broadcast:
    """Add the Broadcast row and one OutboxMessage per recipient; the caller commits both at once."""
    broadcast = Broadcast(created_by=created_by, kind=kind, text=text, audience=audience, total=len(recipients),
                          progress_chat_id=progress_chat_id, progress_message_id=progress_message_id)
    session.add(broadcast)
    await session.flush()
    if recipients:
        now = utcnow()
        rows = [
            {"broadcast_id": broadcast.id, "chat_id": r.chat_id, "employee_id": r.employee_id, "text": r.text,
             "reply_markup": r.reply_markup, "status": PENDING, "attempts": 0, "created_at": now}
            for r in recipients
        ]
        await session.exec(insert(OutboxMessage), params=rows)
    return broadcast


async def progress_of(session: Any, broadcast: Broadcast) -> Progress:
    query = (
        select(OutboxMessage.status, func.count())
        .where(OutboxMessage.broadcast_id == broadcast.id)
        .group_by(col(OutboxMessage.status))
    )
    counts: dict[str, int] = {status: n for status, n in (await session.exec(query)).all()}
    return Progress(
        total=broadcast.total,
        sent=counts.get(SENT, 0),
        failed=counts.get(FAILED, 0),
        blocked=counts.get(BLOCKED, 0),
        open=counts.get(PENDING, 0) + counts.get(SENDING, 0),
    )
