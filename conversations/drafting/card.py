"""The item card: save, edit a field, delete."""

from __future__ import annotations

import dataclasses

from bot.services.bundle import Bundle, to_domain
from bot.storage.models import SkpItem
from bot.templating import render
from conversations.drafting.common import (
    JPT,
    MENU,
    aspectless,
    bundle_of,
    changed,
    ensure_editable,
    item_context,
    item_of,
    progress,
    room_for_item,
)
from conversations.drafting.year import amendment_of, refuse_locked, remove_item
from conversations.engine import Screen, StaleButton, Step, Turn, int_after
from skp_domain.jabatan import Kategori
from skp_domain.skp import (
    REQUIRED_ASPEK,
    Section,
    check_completeness,
    is_editable,
)
from skp_domain.year import AmendScope


def item_problems(bundle: Bundle, item: SkpItem) -> list[str]:
    domain = to_domain(bundle)
    mine = next(d for d, i in zip(domain.items, bundle.items, strict=True) if i.id == item.id)
    prefix = f"{mine.section.label} {mine.number}"
    return [p for p in check_completeness(dataclasses.replace(domain, items=(mine,))) if p.startswith(prefix)]


class ItemCard(Step):
    name = "skp.card"

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        item = item_of(bundle, turn)
        amendment = await amendment_of(turn, bundle)
        editable = is_editable(bundle.status) and amendment.may_edit(item)
        rows: list[list[tuple[str, str]]] = []
        if editable:
            if not item.complete:
                rows.append([("💾 Simpan", "save")])
            rows.append([("✏️ Ubah", "edit"), ("🗑 Hapus", "delete")])
        if is_editable(bundle.status) and item.relink and item.section == Section.UTAMA.value:
            rows.append([("🔁 Pilih ulang rencana kinerja atasan", "relink")])
        rows.append([("📋 Daftar rencana kinerja", "list")])
        return Screen(
            "messages/skp_card.html.j2",
            {**item_context(bundle, item), "problems": item_problems(bundle, item), "editable": editable},
            rows,
            back=editable and not item.complete,
            cancel=False,
            progress=progress(bundle, item, self.name) if editable and not item.complete else None,
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        bundle = await bundle_of(turn)
        if value == "list":
            turn.reset(MENU)
            return
        ensure_editable(bundle)
        item = item_of(bundle, turn)
        amendment = await amendment_of(turn, bundle)
        if value == "relink":
            if not amendment.may_relink(item):
                raise refuse_locked()
            turn.set("return", "card")
            turn.goto("skp.parent")
            return
        if not amendment.may_edit(item):
            raise refuse_locked()
        if value == "save":
            problems = item_problems(bundle, item)
            if problems:
                turn.error = render("messages/error_item_incomplete.html.j2", problems=problems)
                return
            item.complete = True
            changed(turn, bundle, item)
            turn.reset("skp.saved")
        elif value == "edit":
            turn.set("return", "card")
            turn.goto("skp.edit")
        elif value == "delete":
            turn.goto("skp.delete")


class SavedItem(Step):
    name = "skp.saved"

    async def screen(self, turn: Turn) -> Screen:
        return Screen(
            "messages/skp_saved.html.j2", {}, [[("➕ Tambah lagi", "add"), ("✅ Selesai", "done")]], back=False
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        if value == "add":
            if not room_for_item(turn, await bundle_of(turn)):
                turn.reset(MENU)
                return
            turn.data.update({"mode": "new", "item_id": None, "return": None, "ind_idx": 0, "page": 0})
            turn.reset("skp.section")
            turn.data["stack"] = [MENU]
        elif value == "done":
            turn.reset(MENU)


class EditField(Step):
    name = "skp.edit"

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        item = item_of(bundle, turn)
        amendment = await amendment_of(turn, bundle)
        # In an owner's amendment a new item stays a Kinerja Tambahan.
        tambahan_only = amendment.scope is AmendScope.TAMBAHAN
        rows: list[list[tuple[str, str]]] = [] if tambahan_only else [[("Bagian (utama/tambahan)", "section")]]
        rows.append(
            [("Rencana kinerja atasan", "parent")]
            if item.section == Section.UTAMA.value
            else [("Dasar penugasan", "basis")]
        )
        rows.append([("Rencana kinerja", "rk")])
        if bundle.six and item.section == Section.TAMBAHAN.value:
            rows.append([("Penugasan dari", "pdari")])
        if bundle.kualitatif:
            rows.append([("Ukuran keberhasilan", "i:kual"), ("Target", "t:kual")])
        elif bundle.kategori is Kategori.JPT:
            jpt = aspectless(bundle, item)
            rows += [[(f"Indikator {n + 1}", f"ji:{n}"), (f"Target {n + 1}", f"jt:{n}")] for n in range(len(jpt))]
            rows.append([("➕ Tambah indikator", f"ji:{len(jpt)}")])
        else:
            rows += [
                [(f"Indikator {a.label.lower()}", f"i:{a.value}"), (f"Target {a.label.lower()}", f"t:{a.value}")]
                for a in REQUIRED_ASPEK
            ]
            if bundle.kategori is Kategori.JF and not bundle.six:
                rows.append([("Angka kredit (AK)", "ak")])
        if bundle.six and bundle.kategori is Kategori.JPT:
            rows.append([("Perspektif", "persp")])
        return Screen("messages/skp_edit.html.j2", item_context(bundle, item), rows, cancel=False)

    async def on_button(self, turn: Turn, value: str) -> None:
        turn.set("return", "card")
        targets = {
            "section": "skp.section",
            "parent": "skp.parent",
            "basis": "skp.basis",
            "rk": "skp.rk",
            "ak": "skp.ak",
            "pdari": "skp.penugasan",
            "persp": "skp.perspektif",
            "i:kual": "skp.ind.kual",
            "t:kual": "skp.tgt.kual",
        }
        if value in targets:
            turn.goto(targets[value])
        elif value[:2] in {"i:", "t:"} and value[2:] in {a.value for a in REQUIRED_ASPEK}:
            turn.goto(f"skp.{'ind' if value[0] == 'i' else 'tgt'}.{value[2:]}")
        elif value[:3] in {"ji:", "jt:"}:
            turn.set("ind_idx", int_after(value, value[:3]))
            turn.goto(f"skp.{'ind' if value[1] == 'i' else 'tgt'}.{JPT}")
        else:
            raise StaleButton


class DeleteItem(Step):
    name = "skp.delete"

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        return Screen(
            "messages/skp_delete.html.j2",
            item_context(bundle, item_of(bundle, turn)),
            [[("🗑 Ya, hapus", "yes"), ("Tidak", "no")]],
            cancel=False,
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        if value == "no":
            turn.back()
            return
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        item = item_of(bundle, turn)
        await remove_item(turn, bundle, item)
        changed(turn, bundle)
        turn.forget()
        turn.data.update({"item_id": None, "mode": None})
        turn.reset(MENU)
        turn.notice = render("messages/item_deleted.html.j2")
