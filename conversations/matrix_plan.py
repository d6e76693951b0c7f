"""Matriks Peran-Hasil planned top-down from chat: the penilai picks one of their own approved
results, then a subordinate, and writes what that person should achieve for it (or `x`: no role).
The subordinate sees it as the first suggestion when drafting a result under that parent
(`conversations/drafting/result.py`). Services: `bot.services.team` (plans_of, set_plan)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.services import team
from bot.storage import repo
from bot.storage.models import Employee, SkpItem
from bot.templating import render
from conversations.engine import Screen, StaleButton, Step, Turn, int_after, run_turn
from skp_domain.errors import DomainError
from skp_domain.text import MAX_RK

HOME = "mp.results"


async def _results(turn: Turn) -> list[SkpItem]:
    period = await repo.active_period(turn.session)
    if turn.employee is None or period is None:
        raise DomainError(render("messages/matrix_none.html.j2"))
    results = await repo.approved_items_of(turn.session, turn.employee.id or 0, period.id or 0)
    if not results:
        raise DomainError(render("messages/matrix_none.html.j2"))
    return results


async def _members(turn: Turn) -> list[Employee]:
    assert turn.employee is not None
    return [m for m in await repo.subordinates(turn.session, turn.employee.id or 0) if m.active]


async def _result(turn: Turn) -> SkpItem:
    chosen = turn.data.get("result_id")
    for item in await _results(turn):
        if item.id == chosen:
            return item
    raise DomainError(render("messages/matrix_none.html.j2"))


class Results(Step):
    name = HOME

    async def screen(self, turn: Turn) -> Screen:
        results = await _results(turn)
        numbers = [(str(n), f"r:{item.id}") for n, item in enumerate(results, start=1)]
        rows = [numbers[i : i + 4] for i in range(0, len(numbers), 4)]
        rows.append([("✅ Selesai", "done")])
        return Screen("messages/matrix_plan_results.html.j2", {"results": results}, rows, back=False)

    async def on_button(self, turn: Turn, value: str) -> None:
        if value == "done":
            await close(turn)
            return
        result_id = int_after(value, "r:")
        if result_id not in {r.id for r in await _results(turn)}:
            raise StaleButton
        turn.set("result_id", result_id)
        turn.goto("mp.members")


class Members(Step):
    name = "mp.members"

    async def screen(self, turn: Turn) -> Screen:
        result = await _result(turn)
        members = await _members(turn)
        plans = await team.plans_of(turn.session, [result.id or 0])
        rows = [[(f"{n}. {m.nama}"[:60], f"m:{m.id}")] for n, m in enumerate(members, start=1)]
        return Screen(
            "messages/matrix_plan_members.html.j2",
            {
                "result": result,
                "members": [(m, plans.get(m.id or 0, {}).get(result.id or 0)) for m in members],
            },
            rows,
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        member_id = int_after(value, "m:")
        if member_id not in {m.id for m in await _members(turn)}:
            raise StaleButton
        turn.set("member_id", member_id)
        turn.goto("mp.cell")


class Cell(Step):
    name = "mp.cell"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        result = await _result(turn)
        member = await turn.session.get(Employee, turn.data.get("member_id"))
        if member is None:
            raise StaleButton
        plans = await team.plans_of(turn.session, [result.id or 0])
        current = plans.get(member.id or 0, {}).get(result.id or 0)
        rows = [[("x — tidak berperan", "none")]]
        if current is not None:
            rows.append([("🗑 Hapus rencana", "clear")])
        return Screen(
            "messages/matrix_plan_cell.html.j2",
            {"result": result, "member": member, "current": current, "limit": MAX_RK},
            rows,
        )

    async def _save(self, turn: Turn, text: str | None) -> None:
        assert turn.employee is not None
        try:
            await team.set_plan(
                turn.session,
                turn.employee,
                int(turn.data.get("result_id", 0)),
                int(turn.data.get("member_id", 0)),
                text,
            )
        except team.NotInTeam as exc:
            raise StaleButton from exc
        turn.notice = render("messages/penilai_saved.html.j2", what="Rencana peran")
        turn.back()

    async def on_text(self, turn: Turn, text: str) -> None:
        await self._save(turn, text)

    async def on_button(self, turn: Turn, value: str) -> None:
        if value == "none":
            await self._save(turn, "x")
        elif value == "clear":
            await self._save(turn, None)
        else:
            raise StaleButton


STEPS: tuple[Step, ...] = (Results(), Members(), Cell())


async def close(turn: Turn) -> None:
    turn.data = {}
    turn.reset("")
    turn.notice = render("messages/penilai_done.html.j2")


async def open_plan(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    async def begin(turn: Turn) -> None:
        turn.data = {"home": HOME}
        turn.reset(HOME)

    await run_turn(update, context, begin, edit=False)


__all__ = ["STEPS", "close", "open_plan"]
