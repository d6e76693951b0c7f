"""What every drafting step shares: loading the SKP bundle and the item, the order of questions."""

from __future__ import annotations

from typing import Any

from bot.services.bundle import Bundle, load_bundle_by_id, target_text
from bot.storage import repo
from bot.storage.models import Indicator, SkpItem
from bot.templating import render
from conversations.engine import Turn
from skp_domain.errors import DomainError
from skp_domain.jabatan import Kategori
from skp_domain.skp import (
    REQUIRED_ASPEK,
    Action,
    Aspek,
    Section,
    transition,
)
from skp_domain.year import Relink

PAGE_SIZE = 6
JPT = "jpt"  # the aspect-less indicator of a JPT item
MENU = "skp.menu"


# --- loading what a step works on ------------------------------------------------------


async def bundle_of(turn: Turn) -> Bundle:
    cached = turn.cache.get("bundle")
    if isinstance(cached, Bundle) and cached.skp.id == turn.data.get("skp_id"):
        return cached
    skp_id = turn.data.get("skp_id")
    bundle = await load_bundle_by_id(turn.session, skp_id) if isinstance(skp_id, int) else None
    if bundle is None:
        raise DomainError(render("messages/error_no_skp.html.j2"))
    turn.cache["bundle"] = bundle
    return bundle


def item_of(bundle: Bundle, turn: Turn) -> SkpItem:
    item_id = turn.data.get("item_id")
    for item in bundle.items:
        if item.id == item_id:
            return item
    raise DomainError(render("messages/error_item_gone.html.j2"))


def ensure_editable(bundle: Bundle) -> None:
    transition(bundle.status, Action.EDIT)  # raises an Indonesian TransitionError when frozen


def changed(turn: Turn, bundle: Bundle, *rows: Any) -> None:
    repo.touch(bundle.skp)
    turn.session.add(bundle.skp)
    for row in rows:
        turn.session.add(row)


def indicator_for(bundle: Bundle, item: SkpItem, aspek: str, index: int = 0) -> Indicator | None:
    rows = bundle.indicators.get(item.id or 0, [])
    if aspek == JPT:
        jpt_rows = [r for r in rows if r.aspek is None]
        return jpt_rows[index] if index < len(jpt_rows) else None
    return next((r for r in rows if r.aspek == aspek), None)


def item_context(bundle: Bundle, item: SkpItem) -> dict[str, Any]:
    indicators = [
        {"aspek": Aspek(i.aspek).label if i.aspek else None, "indikator": i.indikator, "target": target_text(i)}
        for i in bundle.indicators.get(item.id or 0, [])
    ]
    return {
        "item": item,
        "number": bundle.number_of(item),
        "section_label": Section(item.section).label,
        "indicators": indicators,
        "kategori": bundle.kategori.value,
        "relink": Relink(item.relink).label if item.relink else None,
    }


def after(turn: Turn, bundle: Bundle, step_done: str) -> None:
    """The wizard's order of questions; an edit from the card goes straight back to it."""
    if turn.data.get("return") == "card":
        turn.goto("skp.card")
        return
    kategori = bundle.kategori
    sequence: list[str] = ["skp.rk"]
    if kategori is Kategori.JPT:
        sequence += [f"skp.ind.{JPT}", f"skp.tgt.{JPT}", "skp.jpt_more"]
    else:
        for aspek in REQUIRED_ASPEK:
            sequence += [f"skp.ind.{aspek.value}", f"skp.tgt.{aspek.value}"]
        if kategori is Kategori.JF:
            sequence.append("skp.ak")
    sequence.append("skp.card")
    if step_done in sequence:
        turn.goto(sequence[sequence.index(step_done) + 1])
    else:
        turn.goto(sequence[0])
