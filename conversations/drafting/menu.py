"""The SKP overview (also the review before Ajukan), Ajukan itself, `/skp`, and Batal."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.services import carry, coach, lifecycle, versions
from bot.storage import repo
from bot.storage.models import Skp
from bot.templating import render
from conversations.approval import submit
from conversations.documents import send_documents_later
from conversations.drafting.common import (
    MENU,
    bundle_of,
    changed,
    ensure_editable,
    item_context,
    item_of,
    room_for_item,
)
from conversations.drafting.result import PENDING_KEYS
from conversations.drafting.year import amendment_of
from conversations.engine import Screen, Step, Turn, int_after, run_turn
from skp_domain.errors import DomainError
from skp_domain.skp import (
    WAITING_FOR_PENILAI,
    Section,
    Status,
    is_editable,
)
from skp_domain.year import AmendScope, check_amendment_has_changes


class Menu(Step):
    name = MENU

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        status = bundle.status
        editable = is_editable(status)
        amendment = await amendment_of(turn, bundle)
        buttons: list[list[tuple[str, str]]] = []
        for section in Section:
            for number, item in enumerate(bundle.section_items(section), start=1):
                icon = "⚠️" if item.relink and editable else "✏️" if editable and amendment.may_edit(item) else "🔎"
                label = f"{icon} {section.value[0]}{number}. {item.rencana_kinerja or '…'}"
                buttons.append([(label[:60], f"it:{item.id}")])
        if editable:
            tambahan_only = amendment.scope is AmendScope.TAMBAHAN
            adding = "➕ Tambah Kinerja Tambahan" if tambahan_only else "➕ Tambah rencana kinerja"
            buttons.insert(0, [(adding, "add")])
        if editable and bundle.six:
            buttons.append([(f"⚖️ Pendekatan: {bundle.skp.pendekatan.capitalize()}", "pendekatan")])
        footer = [("📄 Dokumen", "doc")]
        if editable and bundle.items:
            footer.append(("📨 Ajukan perubahan" if status is Status.AMENDING else "📨 Ajukan", "submit"))
        buttons.append(footer)
        if status in WAITING_FOR_PENILAI:
            buttons.append([("↩️ Tarik pengajuan", "withdraw")])
        if status is Status.APPROVED:
            buttons.append([("➕ Tambah Kinerja Tambahan", "amend")])
            if any(i.relink for i in bundle.items):
                buttons.append([("🔁 Pilih ulang rencana kinerja atasan", "amend_relink")])
        if status is Status.AMENDING:
            buttons.append([("✖️ Batalkan perubahan", "cancel_amend")])
        buttons.append([("✅ Tutup", "close")])
        diff = versions.amendment_diff(bundle, amendment.version) if amendment.version is not None else None
        return Screen(
            "messages/skp_menu.html.j2",
            {
                "bundle": bundle,
                "items": [item_context(bundle, i) for i in bundle.items],
                "editable": editable,
                "problems": turn.data.get("problems", []),
                "periode": bundle.period.name,
                "amendment": amendment,
                "diff": diff,
            },
            buttons,
            back=False,
            cancel=False,
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        bundle = await bundle_of(turn)
        turn.set("problems", [])
        if value == "add":
            ensure_editable(bundle)
            if not room_for_item(turn, bundle):
                return
            turn.data.update({"mode": "new", "item_id": None, "return": None, "ind_idx": 0, "page": 0})
            turn.goto("skp.section")
        elif value.startswith("it:"):
            turn.data.update({"mode": "edit", "item_id": int_after(value, "it:"), "return": "card", "ind_idx": 0})
            turn.goto("skp.card")
        elif value == "doc":
            send_documents_later(turn, bundle.skp.id or 0, with_approved=True)
            turn.changed = True
        elif value == "submit":
            ensure_editable(bundle)
            problems = lifecycle.submit_problems(bundle)
            amendment = await amendment_of(turn, bundle)
            if not problems and amendment.version is not None:
                try:
                    check_amendment_has_changes(versions.amendment_diff(bundle, amendment.version))
                except DomainError as exc:
                    problems = [exc.message]
            if problems:
                turn.set("problems", problems)
                return
            turn.goto("skp.submit")
        elif value == "pendekatan" and bundle.six:
            ensure_editable(bundle)
            turn.goto("skp.pendekatan")
        elif value == "withdraw":
            turn.goto("skp.withdraw")
        elif value in ("amend", "amend_relink"):
            turn.set("amend_for", value == "amend_relink")
            turn.goto("skp.amend")
        elif value == "cancel_amend":
            turn.goto("skp.cancel_amend")
        elif value == "close":
            turn.data = {}
            turn.reset("")
            turn.notice = render("messages/closed.html.j2")


class ConfirmSubmit(Step):
    name = "skp.submit"

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        amendment = await amendment_of(turn, bundle)
        diff = versions.amendment_diff(bundle, amendment.version) if amendment.version is not None else None
        provisional = sum(1 for i in bundle.items if i.provisional)
        flagged = coach.activity_items(bundle)
        activity = [
            {"code": code, "rk": item.rencana_kinerja} for item in bundle.items if (code := flagged.get(item.id or 0))
        ]
        return Screen(
            "messages/skp_submit.html.j2",
            {"bundle": bundle, "diff": diff, "provisional": provisional, "activity": activity},
            [[("📨 Ya, ajukan", "yes"), ("Belum", "no")]],
            cancel=False,
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        if value == "no":
            turn.reset(MENU)
            return
        bundle = await bundle_of(turn)
        await submit(turn, bundle)
        turn.reset(MENU)


async def cancel_item(turn: Turn) -> None:
    """Batal: a new, unsaved item is dropped; everything saved stays; back to the overview."""
    if turn.step == MENU:
        turn.data = {}
        turn.reset("")
        turn.notice = render("messages/closed.html.j2")
        return
    bundle = await bundle_of(turn)
    discarded = False
    if turn.data.get("mode") == "new" and turn.data.get("item_id") and is_editable(bundle.status):
        item = item_of(bundle, turn)
        if not item.complete:
            await repo.delete_item(turn.session, item.id or 0)
            changed(turn, bundle)
            turn.forget()
            discarded = True
    for key in PENDING_KEYS:  # a phrase waiting for "Pakai saran" was never saved either
        turn.data.pop(key, None)
    turn.data.update({"item_id": None, "mode": None, "return": None})
    turn.reset(MENU)
    turn.notice = render("messages/cancelled.html.j2", discarded=discarded)



# --- commands ------------------------------------------------------------------------------


async def skp_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Open the active period's SKP (creating the draft), or continue where the user was."""

    async def action(turn: Turn) -> None:
        if turn.employee is None:
            turn.notice = render("messages/not_linked.html.j2")
            return
        period = await repo.active_period(turn.session)
        if turn.step.startswith("skp.") and turn.data.get("skp_id"):
            current = await turn.session.get(Skp, turn.data["skp_id"])
            # Resume where they were — unless a new period began since (then its own SKP opens).
            if current is not None and (period is None or current.period_id == period.id):
                turn.notice = render("messages/resumed.html.j2")
                return
        if period is None:
            turn.notice = render("messages/no_period.html.j2")
            return
        skp = await repo.skp_of(turn.session, turn.employee.id or 0, period.id or 0)
        if skp is None:
            if await carry.previous_skp(turn.session, turn.employee.id or 0, period.id or 0) is not None:
                turn.data = {"home": "skp.start", "period_id": period.id}
                turn.reset("skp.start")  # a new period: offer last period's SKP as the start
                return
            skp = await carry.new_skp(turn.session, turn.employee, period)
        turn.data = {"home": MENU, "skp_id": skp.id}
        turn.reset(MENU)

    await run_turn(update, context, action, edit=False)
