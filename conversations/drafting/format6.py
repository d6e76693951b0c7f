"""What drafting asks under PermenPANRB 6/2022 only: the approach of the SKP (kuantitatif, or
kualitatif with a descriptive indicator and target and no aspect grid), the JPT's perspektif,
and who assigned a tambahan task ("penugasan dari ...")."""

from __future__ import annotations

from bot.storage.models import Indicator
from conversations.drafting.common import (
    MENU,
    after,
    aspectless,
    bundle_of,
    changed,
    ensure_editable,
    item_of,
    progress,
)
from conversations.engine import Screen, StaleButton, Step, Turn, int_after
from skp_domain.format6 import Pendekatan, Perspektif
from skp_domain.text import MAX_BASIS, MAX_INDIKATOR, MAX_RK, clean_text

KUAL = "kual"
_PERSPEKTIF = tuple(Perspektif)


class ChoosePendekatan(Step):
    name = "skp.pendekatan"

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        return Screen(
            "messages/skp_pendekatan.html.j2",
            {"current": Pendekatan(bundle.skp.pendekatan)},
            [[("📊 Kuantitatif", Pendekatan.KUANTITATIF.value)], [("📝 Kualitatif", Pendekatan.KUALITATIF.value)]],
            cancel=False,
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        if value not in {p.value for p in Pendekatan}:
            raise StaleButton
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        if bundle.skp.pendekatan != value:
            bundle.skp.pendekatan = value
            # Items measured the other way must be looked at again before Ajukan.
            for item in bundle.items:
                item.complete = False
            changed(turn, bundle, *bundle.items)
        turn.reset(MENU)


class AskPerspektif(Step):
    name = "skp.perspektif"

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        item = item_of(bundle, turn)
        current = Perspektif(item.perspektif).label if item.perspektif in {p.value for p in Perspektif} else None
        return Screen(
            "messages/skp_perspektif.html.j2",
            {"rk": item.rencana_kinerja, "current": current},
            [[(p.label, f"p:{n}")] for n, p in enumerate(_PERSPEKTIF)],
            progress=progress(bundle, item, self.name),
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        index = int_after(value, "p:")
        if index >= len(_PERSPEKTIF):
            raise StaleButton
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        item = item_of(bundle, turn)
        item.perspektif = _PERSPEKTIF[index].value
        changed(turn, bundle, item)
        after(turn, bundle, self.name)


class AskPenugasan(Step):
    """Tambahan: who assigned the task (printed as "Penugasan dari ...")."""

    name = "skp.penugasan"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        item = item_of(bundle, turn)
        rows = []
        if bundle.penilai is not None:
            rows.append([(f"👤 {bundle.penilai.jabatan}"[:60], "penilai")])
        return Screen(
            "messages/skp_penugasan.html.j2",
            {"current": item.penugasan_dari, "limit": MAX_BASIS},
            rows,
            progress=progress(bundle, item, self.name),
        )

    async def _save(self, turn: Turn, text: str) -> None:
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        item = item_of(bundle, turn)
        item.penugasan_dari = clean_text(text, "Pemberi penugasan", MAX_BASIS)
        changed(turn, bundle, item)
        after(turn, bundle, "skp.parent")

    async def on_text(self, turn: Turn, text: str) -> None:
        await self._save(turn, text)

    async def on_button(self, turn: Turn, value: str) -> None:
        bundle = await bundle_of(turn)
        if value != "penilai" or bundle.penilai is None:
            raise StaleButton
        await self._save(turn, bundle.penilai.jabatan)


class AskIndicatorKualitatif(Step):
    """Kualitatif: the ukuran keberhasilan, in words."""

    name = f"skp.ind.{KUAL}"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        item = item_of(bundle, turn)
        rows = aspectless(bundle, item)
        return Screen(
            "messages/skp_indicator_kual.html.j2",
            {"rk": item.rencana_kinerja, "current": rows[0].indikator if rows else None, "limit": MAX_INDIKATOR},
            progress=progress(bundle, item, self.name),
        )

    async def on_text(self, turn: Turn, text: str) -> None:
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        item = item_of(bundle, turn)
        rows = aspectless(bundle, item)
        row = rows[0] if rows else Indicator(item_id=item.id or 0, aspek=None, position=0)
        row.indikator = clean_text(text, "Ukuran keberhasilan", MAX_INDIKATOR)
        if row.id is None:
            bundle.add_indicator(row)
        changed(turn, bundle, row)
        after(turn, bundle, self.name)


class AskTargetKualitatif(Step):
    """Kualitatif: the target, described (no number and unit required)."""

    name = f"skp.tgt.{KUAL}"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        item = item_of(bundle, turn)
        rows = aspectless(bundle, item)
        return Screen(
            "messages/skp_target_kual.html.j2",
            {
                "indikator": rows[0].indikator if rows else "",
                "current": rows[0].target_text if rows else None,
                "limit": MAX_RK,
            },
            progress=progress(bundle, item, self.name),
        )

    async def on_text(self, turn: Turn, text: str) -> None:
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        item = item_of(bundle, turn)
        rows = aspectless(bundle, item)
        if not rows:
            turn.goto(f"skp.ind.{KUAL}")
            return
        rows[0].target_text = clean_text(text, "Target", MAX_RK)
        rows[0].target_value = rows[0].target_unit = None
        changed(turn, bundle, rows[0])
        after(turn, bundle, self.name)


STEPS: tuple[Step, ...] = (
    ChoosePendekatan(),
    AskPerspektif(),
    AskPenugasan(),
    AskIndicatorKualitatif(),
    AskTargetKualitatif(),
)
