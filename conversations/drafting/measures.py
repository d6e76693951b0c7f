"""Indicators and targets per aspect (or per JPT indicator), and the angka kredit."""

from __future__ import annotations

from bot.services.bundle import period_months, target_text
from bot.storage.models import Indicator, SkpItem
from conversations.drafting.common import (
    JPT,
    after,
    bundle_of,
    changed,
    ensure_editable,
    indicator_for,
    item_of,
)
from conversations.engine import Screen, StaleButton, Step, Turn, int_after
from skp_domain.skp import (
    Aspek,
    parse_ak,
)
from skp_domain.targets import parse_target, suggest_indicators, suggest_targets
from skp_domain.text import MAX_INDIKATOR, clean_text


class AskIndicator(Step):
    accepts_text = True

    def __init__(self, aspek: str) -> None:
        self.aspek = aspek
        self.name = f"skp.ind.{aspek}"

    def _suggestions(self, item: SkpItem) -> list[str]:
        if self.aspek == JPT:
            return []
        return suggest_indicators(Aspek(self.aspek), item.rencana_kinerja)

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        item = item_of(bundle, turn)
        current = indicator_for(bundle, item, self.aspek, int(turn.data.get("ind_idx", 0)))
        suggestions = self._suggestions(item)
        return Screen(
            "messages/skp_indicator.html.j2",
            {
                "aspek": Aspek(self.aspek).label if self.aspek != JPT else None,
                "rk": item.rencana_kinerja,
                "suggestions": suggestions,
                "current": current.indikator if current else None,
                "limit": MAX_INDIKATOR,
            },
            [[(f"{n}", f"s:{n - 1}") for n in range(1, len(suggestions) + 1)]],
        )

    async def _save(self, turn: Turn, text: str) -> None:
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        item = item_of(bundle, turn)
        index = int(turn.data.get("ind_idx", 0))
        row = indicator_for(bundle, item, self.aspek, index)
        if row is None:
            order = [a.value for a in Aspek]
            position = order.index(self.aspek) if self.aspek in order else index
            row = Indicator(item_id=item.id or 0, aspek=None if self.aspek == JPT else self.aspek, position=position)
        row.indikator = clean_text(text, "Indikator", MAX_INDIKATOR)
        if row.id is None:
            bundle.add_indicator(row)
        changed(turn, bundle, row)
        turn.goto(f"skp.tgt.{self.aspek}")

    async def on_text(self, turn: Turn, text: str) -> None:
        await self._save(turn, text)

    async def on_button(self, turn: Turn, value: str) -> None:
        bundle = await bundle_of(turn)
        suggestions = self._suggestions(item_of(bundle, turn))
        index = int_after(value, "s:")
        if index >= len(suggestions):
            raise StaleButton
        await self._save(turn, suggestions[index])


class AskTarget(Step):
    accepts_text = True

    def __init__(self, aspek: str) -> None:
        self.aspek = aspek
        self.name = f"skp.tgt.{aspek}"

    def _suggestions(self) -> list[str]:
        if self.aspek == JPT:
            return ["100 %", "90,00 %", "83,00 %", "1 dokumen"]
        return suggest_targets(Aspek(self.aspek))

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        item = item_of(bundle, turn)
        row = indicator_for(bundle, item, self.aspek, int(turn.data.get("ind_idx", 0)))
        return Screen(
            "messages/skp_target.html.j2",
            {
                "aspek": Aspek(self.aspek).label if self.aspek != JPT else None,
                "indikator": row.indikator if row else "",
                "current": target_text(row) if row and row.target_unit else None,
                "months": period_months(bundle.period),
            },
            [[(s, f"s:{n}") for n, s in enumerate(self._suggestions())]],
        )

    async def _save(self, turn: Turn, text: str) -> None:
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        item = item_of(bundle, turn)
        row = indicator_for(bundle, item, self.aspek, int(turn.data.get("ind_idx", 0)))
        if row is None:  # the indicator question comes first; the user went back past it
            turn.goto(f"skp.ind.{self.aspek}")
            return
        aspek = None if self.aspek == JPT else Aspek(self.aspek)
        target = parse_target(text, aspek, period_months(bundle.period))
        # Keep the decimals as typed ("83,00 %" stays "83,00 %" on the document).
        row.target_value, row.target_unit = f"{target.value:.{target.places}f}", target.unit
        changed(turn, bundle, row)
        after(turn, bundle, self.name)

    async def on_text(self, turn: Turn, text: str) -> None:
        await self._save(turn, text)

    async def on_button(self, turn: Turn, value: str) -> None:
        suggestions = self._suggestions()
        index = int_after(value, "s:")
        if index >= len(suggestions):
            raise StaleButton
        await self._save(turn, suggestions[index])


class JptMore(Step):
    name = "skp.jpt_more"

    async def screen(self, turn: Turn) -> Screen:
        return Screen("messages/skp_jpt_more.html.j2", {}, [[("➕ Tambah indikator", "more"), ("➡️ Lanjut", "next")]])

    async def on_button(self, turn: Turn, value: str) -> None:
        bundle = await bundle_of(turn)
        if value == "more":
            item = item_of(bundle, turn)
            turn.set("ind_idx", len([i for i in bundle.indicators.get(item.id or 0, []) if i.aspek is None]))
            turn.goto(f"skp.ind.{JPT}")
        elif value == "next":
            after(turn, bundle, self.name)


class AskAk(Step):
    name = "skp.ak"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        return Screen("messages/skp_ak.html.j2", {"current": item_of(bundle, turn).ak})

    async def on_text(self, turn: Turn, text: str) -> None:
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        item = item_of(bundle, turn)
        item.ak = str(parse_ak(text))
        changed(turn, bundle, item)
        after(turn, bundle, "skp.ak")
