"""Cascading through the year: what an employee may cascade from, and what happens to those
links when the superior's SKP is approved, amended, or when the employee gets another penilai.

Nobody waits for the top. A penilai's Kinerja Utama may be chosen while their SKP is still a
draft or waiting for approval: the link is *provisional*. When that SKP is approved (inside
`lifecycle.change_status`, whoever approves), links to results that did not change are confirmed
silently; links to a result that was reworded or removed are flagged (`SkpItem.relink`) and the
employee is told through the outbox, with the results they may choose now.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services import broadcasts, versions
from bot.services.reminders import OPEN_DRAFT_CALLBACK
from bot.storage import repo
from bot.storage.models import Employee, Skp, SkpItem
from bot.templating import render
from skp_domain.jabatan import JenisJabatan, Kategori
from skp_domain.skp import HAS_APPROVED_VERSION, Section, Status
from skp_domain.year import Relink, find_same_result, result_key

OPEN_SKP_BUTTON = {"inline_keyboard": [[{"text": "📝 Buka SKP saya", "callback_data": OPEN_DRAFT_CALLBACK}]]}
SHOWN_OPTIONS = 10  # results listed in a notice; /skp shows them all


@dataclass(frozen=True)
class Result:
    """A Kinerja Utama of a superior that subordinates may cascade from."""

    item_id: int
    text: str
    provisional: bool  # not approved yet (a draft, a submission, or new in an amendment)
    theme: str | None = None  # what the result itself cascades from (for the matrix)


async def results_of(session: AsyncSession, skp: Skp | None) -> list[Result]:
    """The results of `skp` one may cascade from: its approved version's Kinerja Utama (confirmed),
    and saved Kinerja Utama not approved yet (provisional)."""
    if skp is None or skp.id is None:
        return []
    live = [
        i for i in await repo.items_of(session, skp.id)
        if i.section == Section.UTAMA.value and i.complete and i.rencana_kinerja.strip()
    ]
    if Status(skp.status) not in HAS_APPROVED_VERSION:
        return [Result(i.id or 0, i.rencana_kinerja, True, i.parent_text) for i in live]
    version = await versions.latest(session, skp.id)
    if version is None:  # approved before versions were kept: its rows are the approved version
        return [Result(i.id or 0, i.rencana_kinerja, False, i.parent_text) for i in live]
    existing = set((await session.exec(select(SkpItem.id).where(SkpItem.skp_id == skp.id))).all())
    approved = [
        Result(int(d["id"]), str(d.get("rencana_kinerja") or ""), False, d.get("parent"))
        for d in sorted(version.items or [], key=lambda d: int(d.get("position") or 0))
        if d.get("section") == Section.UTAMA.value and d.get("id") in existing and d.get("complete", True)
    ]
    known = {r.item_id for r in approved}
    if Status(skp.status) is Status.APPROVED:
        return approved
    return approved + [Result(i.id or 0, i.rencana_kinerja, True, i.parent_text) for i in live if i.id not in known]


async def parent_options(session: AsyncSession, skp: Skp) -> list[Result]:
    """What `skp`'s Kinerja Utama may cascade from: its penilai's results in the same period."""
    if skp.penilai_id is None:
        return []
    return await results_of(session, await repo.skp_of(session, skp.penilai_id, skp.period_id))


def cascades_from_penilai(employee: Employee) -> bool:
    """JA and JF cascade from their penilai's results; a JPT from the PK (text)."""
    try:
        return JenisJabatan(employee.jenis_jabatan).kategori is not Kategori.JPT
    except ValueError:
        return True


# --- when the superior's SKP is approved --------------------------------------------------


@dataclass
class _Flagged:
    skp: Skp
    items: list[tuple[SkpItem, str | None]] = field(default_factory=list)  # (item, old parent text)


async def reconcile(session: AsyncSession, owner_skp: Skp, owner: Employee) -> int:
    """`owner_skp` has just become approved (its new version is recorded; rows an amendment
    removed still exist): confirm or flag every link to its results; tell the employees whose
    links were flagged (outbox). Returns how many items were flagged. The caller commits."""
    results = {r.item_id: r for r in await results_of(session, owner_skp)}
    all_ids = [i for i in (await session.exec(select(SkpItem.id).where(SkpItem.skp_id == owner_skp.id))).all() if i]
    flagged: dict[int, _Flagged] = {}

    def flag(item: SkpItem, skp: Skp, reason: Relink) -> None:
        entry = flagged.setdefault(skp.id or 0, _Flagged(skp))
        entry.items.append((item, item.parent_text))
        item.relink, item.provisional = reason.value, False

    if all_ids:
        query = (
            select(SkpItem, Skp)
            .join(Skp, col(Skp.id) == col(SkpItem.skp_id))
            .where(col(SkpItem.parent_item_id).in_(all_ids), col(SkpItem.removed).is_(False))
        )
        for child, child_skp in (await session.exec(query)).all():
            result = results.get(child.parent_item_id or 0)
            if result is None:  # removed, or no longer a saved Kinerja Utama
                if child.relink is None:
                    flag(child, child_skp, Relink.VANISHED)
                child.parent_item_id = None
            elif result_key(child.parent_text) != result_key(result.text):
                if child.relink is None:
                    flag(child, child_skp, Relink.CHANGED)
            else:
                child.parent_text, child.provisional = result.text, False  # confirmed, silently
            session.add(child)
    # Provisional links whose result was deleted from the draft before approval.
    orphans = (
        select(SkpItem, Skp)
        .join(Skp, col(Skp.id) == col(SkpItem.skp_id))
        .where(
            Skp.penilai_id == owner.id,
            Skp.period_id == owner_skp.period_id,
            col(SkpItem.provisional).is_(True),
            col(SkpItem.parent_item_id).is_(None),
            col(SkpItem.relink).is_(None),
            col(SkpItem.removed).is_(False),
            SkpItem.section == Section.UTAMA.value,
        )
    )
    for child, child_skp in (await session.exec(orphans)).all():
        flag(child, child_skp, Relink.VANISHED)
        session.add(child)
    await session.flush()
    await _tell(session, list(flagged.values()), owner, list(results.values()), why="approved")
    return sum(len(f.items) for f in flagged.values())


async def flag_moved(session: AsyncSession, skp: Skp, employee: Employee, new_penilai: Employee | None) -> int:
    """The roster gave `employee` another penilai and `skp` moved to them: links to the old
    penilai's results no longer hold. A result of the new penilai worded the same is linked again
    (provisional unless approved); the others are flagged. Returns how many were flagged."""
    if not cascades_from_penilai(employee):
        return 0
    items = [
        i for i in await repo.items_of(session, skp.id or 0)
        if i.section == Section.UTAMA.value and (i.parent_item_id is not None or i.provisional or i.relink)
    ]
    if not items:
        return 0
    options = await results_of(session, await repo.skp_of(session, new_penilai.id or 0, skp.period_id)) \
        if new_penilai is not None else []
    entry = _Flagged(skp)
    for item in items:
        same = find_same_result(item.parent_text, [(r.text, r) for r in options])
        if same is not None:
            item.parent_item_id, item.parent_text = same.item_id, same.text
            item.provisional, item.relink = same.provisional, None
        else:
            entry.items.append((item, item.parent_text))
            item.parent_item_id, item.provisional, item.relink = None, False, Relink.MOVED.value
        session.add(item)
    await session.flush()
    await _tell(session, [entry] if entry.items else [], new_penilai, options, why="moved")
    return len(entry.items)


async def _tell(
    session: AsyncSession, flagged: Sequence[_Flagged], superior: Employee | None, options: list[Result], *, why: str
) -> None:
    by_employee: dict[int, list[_Flagged]] = defaultdict(list)
    for entry in flagged:
        if entry.items:
            by_employee[entry.skp.employee_id].append(entry)
    recipients = []
    for employee_id, entries in by_employee.items():
        employee = await session.get(Employee, employee_id)
        if employee is None or employee.chat_id is None or not employee.active:
            continue
        for entry in entries:
            all_items = await repo.items_of(session, entry.skp.id or 0)
            utama = [i for i in all_items if i.section == Section.UTAMA.value]
            rows = [
                {"code": f"U{utama.index(item) + 1}" if item in utama else "U", "rk": item.rencana_kinerja,
                 "before": before, "reason": Relink(item.relink).label if item.relink else ""}
                for item, before in entry.items
            ]
            text = render(
                "messages/relink_notice.html.j2",
                why=why,
                superior=superior,
                rows=rows,
                options=options[:SHOWN_OPTIONS],
                more=max(0, len(options) - SHOWN_OPTIONS),
                status=Status(entry.skp.status),
            )
            recipients.append(broadcasts.Recipient(employee.chat_id, employee.id, text, OPEN_SKP_BUTTON))
    if recipients:
        await broadcasts.enqueue(
            session, created_by=0, kind="relink", text=f"Rencana kinerja atasan berubah ({why})",
            audience=f"relink:{why}", recipients=recipients,
        )
