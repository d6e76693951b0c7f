"""The rencana kinerja itself: typed, checked for result language, rewritten on request."""

from __future__ import annotations

from bot.services import team
from bot.services.bundle import Bundle
from conversations.drafting.common import (
    after,
    bundle_of,
    changed,
    ensure_editable,
    item_of,
)
from conversations.engine import Screen, StaleButton, Step, Turn
from skp_domain.result_language import Kind, classify
from skp_domain.text import MAX_RK, clean_text


class AskRencanaKinerja(Step):
    name = "skp.rk"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        item = item_of(bundle, turn)
        planned = await planned_result(turn, bundle)
        return Screen(
            "messages/skp_rk.html.j2",
            {"parent": item.parent_text, "basis": item.basis, "current": item.rencana_kinerja, "limit": MAX_RK},
            [[(f"📌 {planned}"[:60], PLANNED)]] if planned else [],
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        bundle = await bundle_of(turn)
        planned = await planned_result(turn, bundle) if value == PLANNED else None
        if not planned:
            raise StaleButton
        ensure_editable(bundle)
        await save_rk(turn, bundle, planned)

    async def on_text(self, turn: Turn, text: str) -> None:
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        phrase = clean_text(text, "Rencana kinerja", MAX_RK)
        verdict = classify(phrase)
        if verdict.kind is Kind.PENCAPAIAN:
            await save_rk(turn, bundle, phrase)
            return
        turn.data.update(
            {
                "rk_pending": phrase,
                "rk_kind": verdict.kind.value,
                "rk_reason": verdict.reason,
                "rk_suggestion": verdict.suggestion,
            }
        )
        turn.goto("skp.rk_check")


async def save_rk(turn: Turn, bundle: Bundle, phrase: str) -> None:
    item = item_of(bundle, turn)
    item.rencana_kinerja = phrase
    changed(turn, bundle, item)
    for key in ("rk_pending", "rk_kind", "rk_reason", "rk_suggestion"):
        turn.data.pop(key, None)
    after(turn, bundle, "skp.rk")


class CheckRencanaKinerja(Step):
    """The phrase reads as an activity or a category: offer the rewrite, or keep theirs."""

    name = "skp.rk_check"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        buttons = []
        if turn.data.get("rk_suggestion"):
            buttons.append([("✅ Pakai saran", "use")])
        buttons.append([("✍️ Tetap pakai teks saya", "keep")])
        return Screen(
            "messages/skp_rk_check.html.j2",
            {
                "phrase": turn.data.get("rk_pending", ""),
                "kind": turn.data.get("rk_kind", ""),
                "reason": turn.data.get("rk_reason", ""),
                "suggestion": turn.data.get("rk_suggestion"),
            },
            buttons,
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        if value == "use" and turn.data.get("rk_suggestion"):
            phrase = str(turn.data["rk_suggestion"])
        elif value == "keep" and turn.data.get("rk_pending"):
            phrase = str(turn.data["rk_pending"])
        else:
            raise StaleButton
        turn.data["stack"] = [s for s in turn.data.get("stack", []) if s != "skp.rk_check"]
        await save_rk(turn, bundle, phrase)

    async def on_text(self, turn: Turn, text: str) -> None:
        await STEPS_RK.on_text(turn, text)  # a new phrase: checked again from the start


STEPS_RK = AskRencanaKinerja()


# --- Matriks Peran-Hasil planned top-down (conversations/matrix_plan.py): the result the penilai
# planned for this person under the chosen parent is the first suggestion. Kept apart on purpose.

PLANNED = "plan"


async def planned_result(turn: Turn, bundle: Bundle) -> str | None:
    item = item_of(bundle, turn)
    if not item.parent_item_id:
        return None
    return await team.planned_for(turn.session, bundle.employee.id or 0, item.parent_item_id)
