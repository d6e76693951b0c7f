"""The rencana kinerja itself: typed, tidied, checked for result language; when it reads as an
activity or a category, two or three rewrites are offered (or the person keeps their own)."""

from __future__ import annotations

from typing import Any

from bot.services import coach, team
from bot.services.bundle import Bundle
from bot.storage.models import SkpItem
from bot.templating import render
from bot.tg.deps import Deps
from conversations.drafting.common import (
    after,
    bundle_of,
    changed,
    ensure_editable,
    item_of,
    progress,
)
from conversations.engine import Prefetch, Screen, StaleButton, Step, Turn, int_after
from skp_domain.safety import check_plain
from skp_domain.skp import Section
from skp_domain.text import MAX_RK, clean_text
from skp_domain.tidy import tidy

PENDING_KEYS = ("rk_pending", "rk_kind", "rk_reason", "rk_suggestion", "rk_suggestions", "rk_hint")
MAX_SUGGESTIONS = 3


def plain_text(text: str, field: str, limit: int) -> str:
    """Cleaned text that is neither a spreadsheet formula nor a link (it reaches XLSX and prompts)."""
    return check_plain(clean_text(text, field, limit), field)


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
            progress=progress(bundle, item, self.name),
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
        item = item_of(bundle, turn)
        phrase = clean_text(text, "Rencana kinerja", MAX_RK)
        judged = coach.verdict(phrase, item.parent_text)  # refuses a formula or a link
        cleaned = judged.cleaned or tidy(phrase)
        belongs_in_tambahan = judged.tambahan_hint and item.section == Section.UTAMA.value
        if judged.is_result and not belongs_in_tambahan:
            await save_rk(turn, bundle, cleaned)
            if cleaned != phrase or judged.filler:
                turn.notice = render(
                    "messages/skp_rk_cleaned.html.j2", cleaned=cleaned if cleaned != phrase else None,
                    filler=judged.filler,
                )
            return
        rules = list(judged.suggestions or ((judged.suggestion,) if judged.suggestion else ()))
        models = coach.accepted_results(turn.data, phrase)
        # The rules' best first, then what a configured language model offered (checked), then the rest.
        suggestions = list(dict.fromkeys([*rules[:1], *models, *rules[1:]]))[:MAX_SUGGESTIONS]
        turn.data.update(
            {
                "rk_pending": cleaned,
                "rk_kind": judged.kind.value,
                "rk_reason": judged.reason,
                "rk_suggestions": suggestions,
                "rk_hint": judged.hint if judged.tambahan_hint else None,
            }
        )
        turn.goto("skp.rk_check")


async def save_rk(turn: Turn, bundle: Bundle, phrase: str) -> None:
    item = item_of(bundle, turn)
    item.rencana_kinerja = phrase
    changed(turn, bundle, item)
    for key in PENDING_KEYS:
        turn.data.pop(key, None)
    after(turn, bundle, "skp.rk")


def pending_suggestions(data: dict[str, Any]) -> list[str]:
    suggestions = data.get("rk_suggestions")
    if suggestions is None and data.get("rk_suggestion"):  # a wizard saved before several were offered
        suggestions = [data["rk_suggestion"]]
    return [s for s in suggestions or [] if isinstance(s, str)]


class CheckRencanaKinerja(Step):
    """The phrase reads as an activity or a category: offer the rewrites, or keep theirs."""

    name = "skp.rk_check"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        suggestions = pending_suggestions(turn.data)
        buttons = []
        for n, _text in enumerate(suggestions):
            buttons.append([("✅ Pakai saran" if n == 0 else f"Saran {n + 1}", f"s:{n}")])
        buttons.append([("✍️ Tetap pakai teks saya", "keep")])
        return Screen(
            "messages/skp_rk_check.html.j2",
            {
                "phrase": turn.data.get("rk_pending", ""),
                "kind": turn.data.get("rk_kind", ""),
                "reason": turn.data.get("rk_reason", ""),
                "suggestions": suggestions,
                "hint": turn.data.get("rk_hint"),
            },
            buttons,
            progress=progress(bundle, item_of(bundle, turn), self.name),
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        suggestions = pending_suggestions(turn.data)
        if value == "keep" and turn.data.get("rk_pending"):
            phrase = str(turn.data["rk_pending"])
        else:
            index = int_after(value, "s:")
            if index >= len(suggestions):
                raise StaleButton
            phrase = suggestions[index]
        turn.data["stack"] = [s for s in turn.data.get("stack", []) if s != "skp.rk_check"]
        await save_rk(turn, bundle, phrase)

    async def on_text(self, turn: Turn, text: str) -> None:
        await STEPS_RK.on_text(turn, text)  # a new phrase: checked again from the start


STEPS_RK = AskRencanaKinerja()


async def prefetch_coaching(d: Deps, data: dict[str, Any], answer: str, button: bool) -> dict[str, Any]:
    """Before the answer's unit of work (no database lock held while the model thinks): ask the
    configured language model for rewrites of a typed phrase and for indicators of the text that
    will become the rencana kinerja. Empty when off, or on any failure."""
    if button:
        if answer == "keep":
            chosen = data.get("rk_pending")
        elif answer.startswith("s:") and answer[2:].isdigit():
            options = pending_suggestions(data)
            chosen = options[int(answer[2:])] if int(answer[2:]) < len(options) else None
        else:
            return {}
        return await coach.fetch(d.settings, phrase=None, parent=None, results_for=[str(chosen or "")])
    phrase = " ".join(answer.split())[:MAX_RK]
    parent = None
    item_id = data.get("item_id")
    if isinstance(item_id, int):
        async with d.db.session() as session:
            item = await session.get(SkpItem, item_id)
            parent = item.parent_text if item is not None else None
    return await coach.fetch(d.settings, phrase=phrase, parent=parent, results_for=[tidy(phrase)])


PREFETCH: dict[str, Prefetch] = {"skp.rk": prefetch_coaching, "skp.rk_check": prefetch_coaching}


# --- Matriks Peran-Hasil planned top-down (conversations/matrix_plan.py): the result the penilai
# planned for this person under the chosen parent is the first suggestion. Kept apart on purpose.

PLANNED = "plan"


async def planned_result(turn: Turn, bundle: Bundle) -> str | None:
    item = item_of(bundle, turn)
    if not item.parent_item_id:
        return None
    return await team.planned_for(turn.session, bundle.employee.id or 0, item.parent_item_id)
