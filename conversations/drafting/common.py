"""What every drafting step shares: loading the SKP bundle and the item, the order of questions."""

from __future__ import annotations

from typing import Any

from bot.services.bundle import Bundle, load_bundle_by_id, target_text
from bot.storage import repo
from bot.storage.models import Indicator, SkpItem
from bot.templating import render
from conversations.engine import Turn
from skp_domain.errors import DomainError
from skp_domain.formats import wording
from skp_domain.jabatan import Kategori
from skp_domain.safety import MAX_ITEMS
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
    # Only the SKP of the person this account is linked to NOW (an account may change hands).
    if bundle is None or turn.employee is None or bundle.skp.employee_id != turn.employee.id:
        raise DomainError(render("messages/error_no_skp.html.j2"))
    turn.cache["bundle"] = bundle
    turn.cache["template_vars"] = {"w": wording(bundle.format)}  # chat wording follows the format
    return bundle


def item_of(bundle: Bundle, turn: Turn) -> SkpItem:
    item_id = turn.data.get("item_id")
    for item in bundle.items:
        if item.id == item_id:
            return item
    raise DomainError(render("messages/error_item_gone.html.j2"))


def room_for_item(turn: Turn, bundle: Bundle) -> bool:
    """False (and the error shown) when the SKP already holds the most rencana kinerja allowed."""
    if len(bundle.items) < MAX_ITEMS:
        return True
    turn.error = render("messages/error_too_many_items.html.j2", limit=MAX_ITEMS, count=len(bundle.items))
    return False


def ensure_editable(bundle: Bundle) -> None:
    transition(bundle.status, Action.EDIT)  # raises an Indonesian TransitionError when frozen


def changed(turn: Turn, bundle: Bundle, *rows: Any) -> None:
    repo.touch(bundle.skp)
    turn.session.add(bundle.skp)
    for row in rows:
        turn.session.add(row)


def aspectless(bundle: Bundle, item: SkpItem) -> list[Indicator]:
    """An item's indicator rows without an aspect (JPT's and the kualitatif ones), in order."""
    return [row for row in bundle.indicators.get(item.id or 0, []) if row.aspek is None]


def indicator_for(bundle: Bundle, item: SkpItem, aspek: str, index: int = 0) -> Indicator | None:
    rows = bundle.indicators.get(item.id or 0, [])
    if aspek == JPT:
        jpt_rows = aspectless(bundle, item)
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
    if bundle.kualitatif:  # 6/2022 kualitatif: one descriptive indicator and target
        sequence += ["skp.ind.kual", "skp.tgt.kual"]
    elif kategori is Kategori.JPT:
        sequence += [f"skp.ind.{JPT}", f"skp.tgt.{JPT}", "skp.jpt_more"]
    else:
        for aspek in REQUIRED_ASPEK:
            sequence += [f"skp.ind.{aspek.value}", f"skp.tgt.{aspek.value}"]
        if kategori is Kategori.JF and not bundle.six:  # no AK under 6/2022
            sequence.append("skp.ak")
    if kategori is Kategori.JPT and bundle.six:
        sequence.append("skp.perspektif")
    sequence.append("skp.card")
    if step_done in sequence:
        turn.goto(sequence[sequence.index(step_done) + 1])
    else:
        turn.goto(sequence[0])


# --- where the person is ---------------------------------------------------------------


def _labelled_steps(bundle: Bundle, item: SkpItem | None) -> list[tuple[tuple[str, ...], str]]:
    """The item's questions as the person sees them: (wizard steps, label), in order (see `after`)."""
    w = wording(bundle.format)
    tambahan = item is not None and item.section == Section.TAMBAHAN.value
    jpt = bundle.kategori is Kategori.JPT
    if tambahan:
        where: tuple[tuple[str, ...], str] = (("skp.basis", "skp.penugasan"), "Dasar penugasan")
    else:
        where = (("skp.parent",), "Sasaran PK/Renstra" if jpt else w.Atasan)
    steps: list[tuple[tuple[str, ...], str]] = [
        (("skp.section",), "Jenis kinerja"),
        where,
        (("skp.rk", "skp.rk_check"), w.Rk),
    ]
    if bundle.kualitatif:
        steps.append((("skp.ind.kual", "skp.tgt.kual"), "Indikator dan target"))
    elif jpt:
        steps.append(((f"skp.ind.{JPT}", f"skp.tgt.{JPT}", "skp.jpt_more"), "Indikator dan target"))
    else:
        for aspek in REQUIRED_ASPEK:
            steps.append(((f"skp.ind.{aspek.value}", f"skp.tgt.{aspek.value}"), aspek.label))
        if bundle.kategori is Kategori.JF and not bundle.six:
            steps.append((("skp.ak",), "Angka kredit"))
    if jpt and bundle.six:
        steps.append((("skp.perspektif",), "Perspektif"))
    steps.append((("skp.card",), "Periksa dan simpan"))
    return steps


def progress(bundle: Bundle, item: SkpItem | None, step: str) -> str | None:
    """`Langkah 5 dari 7 — Indikator kualitas` for the step the person is at (None off the path)."""
    steps = _labelled_steps(bundle, item)
    for number, (names, label) in enumerate(steps, start=1):
        if step in names:
            if step.startswith("skp.ind.") and step not in (f"skp.ind.{JPT}", "skp.ind.kual"):
                label = f"Indikator {label.lower()}"
            elif step.startswith("skp.tgt.") and step not in (f"skp.tgt.{JPT}", "skp.tgt.kual"):
                label = f"Target {label.lower()}"
            return f"Langkah {number} dari {len(steps)} — {label}"
    return None
