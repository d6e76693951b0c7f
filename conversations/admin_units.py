"""Picking an OPD, then a unit kerja within it (or the whole OPD): for /siaran's audience and
/rekap's ZIP of approved SKPs. "Sekretariat" exists in forty dinas, so a unit is always chosen
inside its OPD. Paged, eight to a card; the lists come from the active roster."""

from __future__ import annotations

from bot.services import recap
from conversations.engine import Screen, StaleButton, Step, Turn, int_after

PER_PAGE = 8


def _page(turn: Turn, key: str, count: int) -> tuple[int, int]:
    pages = max(1, -(-count // PER_PAGE))
    return min(max(int(turn.data.get(key, 0)), 0), pages - 1), pages


def _numbered(items: list[str], page: int, prefix: str) -> tuple[list[tuple[int, str]], list[list[tuple[str, str]]]]:
    first = page * PER_PAGE
    shown = list(enumerate(items[first : first + PER_PAGE], start=first + 1))
    numbers = [(str(n), f"{prefix}{n - 1}") for n, _ in shown]
    return shown, [numbers[:4], numbers[4:]]


def _nav(page: int, pages: int) -> list[tuple[str, str]]:
    nav = []
    if page > 0:
        nav.append(("◀️ Sebelumnya", f"pg:{page - 1}"))
    if page < pages - 1:
        nav.append(("Berikutnya ▶️", f"pg:{page + 1}"))
    return nav


class PickOpd(Step):
    """`<flow>.opd`: the OPDs of the roster, numbered."""

    def __init__(self, flow: str) -> None:
        self.flow = flow
        self.name = f"{flow}.opd"

    async def screen(self, turn: Turn) -> Screen:
        opds = await recap.opds(turn.session)
        page, pages = _page(turn, "opd_page", len(opds))
        shown, buttons = _numbered(opds, page, "o:")
        buttons.append(_nav(page, pages))
        return Screen("messages/admin_pick_opd.html.j2",
                      {"purpose": self.flow, "shown": shown, "page": page, "pages": pages}, buttons)

    async def on_button(self, turn: Turn, value: str) -> None:
        if value.startswith("pg:"):
            turn.set("opd_page", int_after(value, "pg:"))
            return
        opds = await recap.opds(turn.session)
        index = int_after(value, "o:")
        if not 0 <= index < len(opds):
            raise StaleButton
        turn.set("opd", opds[index])
        turn.set("unit_page", 0)
        turn.goto(f"{self.flow}.unit")


class PickUnit(Step):
    """`<flow>.unit`: the whole OPD, or one of its units. Subclasses say what a pick does."""

    def __init__(self, flow: str) -> None:
        self.flow = flow
        self.name = f"{flow}.unit"

    async def screen(self, turn: Turn) -> Screen:
        opd = str(turn.data.get("opd", ""))
        units = await recap.units(turn.session, opd)
        page, pages = _page(turn, "unit_page", len(units))
        shown, numbered = _numbered(units, page, "u:")
        buttons = [[("🏛 Seluruh OPD ini", "all")], *numbered, _nav(page, pages)]
        return Screen("messages/admin_pick_unit.html.j2",
                      {"purpose": self.flow, "opd": opd, "shown": shown, "page": page, "pages": pages}, buttons)

    async def on_button(self, turn: Turn, value: str) -> None:
        if value.startswith("pg:"):
            turn.set("unit_page", int_after(value, "pg:"))
            return
        opd = str(turn.data.get("opd", ""))
        if value == "all":
            await self.picked(turn, opd, None)
            return
        units = await recap.units(turn.session, opd)
        index = int_after(value, "u:")
        if not 0 <= index < len(units):
            raise StaleButton
        await self.picked(turn, opd, units[index])

    async def picked(self, turn: Turn, opd: str, unit: str | None) -> None:
        raise NotImplementedError
