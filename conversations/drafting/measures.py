"""Indicators and targets per aspect (or per JPT indicator), and the angka kredit."""

from __future__ import annotations

from bot.services import coach
from bot.services.bundle import Bundle, period_months, target_text
from bot.storage import repo
from bot.storage.models import Indicator, PkSasaran, SkpItem
from conversations.drafting.common import (
    JPT,
    after,
    aspectless,
    bundle_of,
    changed,
    ensure_editable,
    indicator_for,
    item_of,
    progress,
)
from conversations.drafting.result import plain_text
from conversations.engine import Screen, StaleButton, Step, Turn, int_after
from skp_domain.errors import TargetError
from skp_domain.jpt import parse_jpt_target, target_shown
from skp_domain.skp import Aspek, Section, parse_ak
from skp_domain.targets import parse_target, suggest_indicators, suggest_targets
from skp_domain.text import MAX_INDIKATOR

JPT_TARGETS = ["100 %", "90,00 %", "83,00 %", "1 dokumen"]


async def _pk_rows(turn: Turn, bundle: Bundle, item: SkpItem) -> list[PkSasaran]:
    """The PK rows (one per indikator) of the sasaran a JPT item cascades from."""
    cached = turn.cache.get("pk_rows")
    if isinstance(cached, tuple) and cached[0] == (item.id, item.parent_text):
        return list(cached[1])
    key = (item.parent_text or "").strip().casefold()
    rows = [
        p for p in await repo.pk_sasaran_of(turn.session, bundle.employee.unit_kerja)
        if key and p.sasaran.strip().casefold() == key
    ]
    turn.cache["pk_rows"] = ((item.id, item.parent_text), tuple(rows))
    return rows


class AskIndicator(Step):
    accepts_text = True

    def __init__(self, aspek: str) -> None:
        self.aspek = aspek
        self.name = f"skp.ind.{aspek}"

    async def _suggestions(self, turn: Turn, bundle: Bundle, item: SkpItem) -> list[str]:
        """The rules' indicators that measure this result (unit from its product), after any
        candidates a configured language model offered that passed the same checks."""
        if self.aspek == JPT:  # the PK's own indicators of that sasaran come first (and only)
            return list(dict.fromkeys(p.indikator.strip() for p in await _pk_rows(turn, bundle, item) if p.indikator))
        rules = suggest_indicators(Aspek(self.aspek), item.rencana_kinerja, period_months(bundle.period))
        extra = coach.accepted_indicators(turn.data.get(coach.INDICATORS_KEY, {}), self.aspek, item.rencana_kinerja)
        return list(dict.fromkeys([*extra, *rules]))[:4]

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        item = item_of(bundle, turn)
        current = indicator_for(bundle, item, self.aspek, int(turn.data.get("ind_idx", 0)))
        suggestions = await self._suggestions(turn, bundle, item)
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
            progress=progress(bundle, item, self.name),
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
        row.indikator = plain_text(text, "Indikator", MAX_INDIKATOR)
        if row.id is None:
            bundle.add_indicator(row)
        changed(turn, bundle, row)
        turn.goto(f"skp.tgt.{self.aspek}")

    async def on_text(self, turn: Turn, text: str) -> None:
        await self._save(turn, text)

    async def on_button(self, turn: Turn, value: str) -> None:
        bundle = await bundle_of(turn)
        suggestions = await self._suggestions(turn, bundle, item_of(bundle, turn))
        index = int_after(value, "s:")
        if index >= len(suggestions):
            raise StaleButton
        await self._save(turn, suggestions[index])


class AskTarget(Step):
    accepts_text = True

    def __init__(self, aspek: str) -> None:
        self.aspek = aspek
        self.name = f"skp.tgt.{aspek}"

    async def _suggestions(self, turn: Turn) -> list[str]:
        """Chips that follow the indicator: percentages for a persentase, its unit for a jumlah,
        months within the period for waktu; for a JPT, the PK's own target for this indicator first."""
        bundle = await bundle_of(turn)
        item = item_of(bundle, turn)
        row = indicator_for(bundle, item, self.aspek, int(turn.data.get("ind_idx", 0)))
        months = period_months(bundle.period)
        indikator = row.indikator if row is not None else None
        if self.aspek != JPT:
            return suggest_targets(Aspek(self.aspek), indikator, months)
        wanted = (indikator or "").strip().casefold()
        own = []
        for p in await _pk_rows(turn, bundle, item):
            if p.target and p.indikator.strip().casefold() == wanted:
                try:
                    own.append(target_shown(parse_jpt_target(p.target, months)))
                except TargetError:
                    continue
        chips = suggest_targets(Aspek.KUALITAS, indikator, months) if indikator else []
        return list(dict.fromkeys([*own, *chips, *JPT_TARGETS]))[:4]

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
            [[(s, f"s:{n}") for n, s in enumerate(await self._suggestions(turn))]],
            progress=progress(bundle, item, self.name),
        )

    async def _save(self, turn: Turn, text: str) -> None:
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        item = item_of(bundle, turn)
        row = indicator_for(bundle, item, self.aspek, int(turn.data.get("ind_idx", 0)))
        if row is None:  # the indicator question comes first; the user went back past it
            turn.goto(f"skp.ind.{self.aspek}")
            return
        if self.aspek == JPT:  # an index ("3,10") needs no unit
            target = parse_jpt_target(text, period_months(bundle.period))
        else:
            target = parse_target(text, Aspek(self.aspek), period_months(bundle.period))
        # Keep the decimals as typed ("83,00 %" stays "83,00 %" on the document).
        row.target_value, row.target_unit = f"{target.value:.{target.places}f}", target.unit
        changed(turn, bundle, row)
        after(turn, bundle, self.name)

    async def on_text(self, turn: Turn, text: str) -> None:
        await self._save(turn, text)

    async def on_button(self, turn: Turn, value: str) -> None:
        suggestions = await self._suggestions(turn)
        index = int_after(value, "s:")
        if index >= len(suggestions):
            raise StaleButton
        await self._save(turn, suggestions[index])


class JptMore(Step):
    name = "skp.jpt_more"

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        return Screen(
            "messages/skp_jpt_more.html.j2",
            {},
            [[("➕ Tambah indikator", "more"), ("➡️ Lanjut", "next")]],
            progress=progress(bundle, item_of(bundle, turn), self.name),
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        bundle = await bundle_of(turn)
        if value == "more":
            item = item_of(bundle, turn)
            turn.set("ind_idx", len(aspectless(bundle, item)))
            turn.goto(f"skp.ind.{JPT}")
        elif value == "next":
            after(turn, bundle, self.name)


class AskAk(Step):
    name = "skp.ak"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        item = item_of(bundle, turn)
        return Screen(
            "messages/skp_ak.html.j2",
            {"current": item.ak, "optional": item.section == Section.TAMBAHAN.value},
            progress=progress(bundle, item, self.name),
        )

    async def on_text(self, turn: Turn, text: str) -> None:
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        item = item_of(bundle, turn)
        ak = parse_ak(text, Section(item.section))  # a Kinerja Tambahan may have none ("-")
        item.ak = None if ak is None else str(ak)
        changed(turn, bundle, item)
        after(turn, bundle, "skp.ak")
