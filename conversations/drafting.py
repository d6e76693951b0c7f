"""`/skp`: the drafting wizard. Each step parses with `skp_domain`, saves at once, moves on."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.services import lifecycle
from bot.services.bundle import Bundle, load_bundle_by_id, period_months, target_text, to_domain
from bot.storage import repo
from bot.storage.models import Indicator, PkSasaran, Skp, SkpItem
from bot.templating import render
from conversations.approval import submit
from conversations.documents import send_documents_later
from conversations.engine import Screen, StaleButton, Step, Turn, int_after, run_turn
from skp_domain.errors import DomainError
from skp_domain.jabatan import Kategori
from skp_domain.result_language import Kind, classify
from skp_domain.skp import (
    REQUIRED_ASPEK,
    Action,
    Aspek,
    Section,
    Status,
    check_cascade,
    check_completeness,
    is_editable,
    parse_ak,
    transition,
)
from skp_domain.targets import parse_target, suggest_indicators, suggest_targets
from skp_domain.text import MAX_BASIS, MAX_INDIKATOR, MAX_RK, clean_text

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


# --- the overview (also the review before Ajukan) ----------------------------------------


class Menu(Step):
    name = MENU

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        editable = is_editable(bundle.status)
        buttons: list[list[tuple[str, str]]] = []
        for section in Section:
            for number, item in enumerate(bundle.section_items(section), start=1):
                label = f"{'✏️' if editable else '🔎'} {section.value[0]}{number}. {item.rencana_kinerja or '…'}"
                buttons.append([(label[:60], f"it:{item.id}")])
        if editable:
            buttons.insert(0, [("➕ Tambah rencana kinerja", "add")])
        footer = [("📄 Dokumen", "doc")]
        if editable and bundle.items:
            footer.append(("📨 Ajukan", "submit"))
        buttons.append(footer)
        buttons.append([("✅ Tutup", "close")])
        return Screen(
            "messages/skp_menu.html.j2",
            {
                "bundle": bundle,
                "items": [item_context(bundle, i) for i in bundle.items],
                "editable": editable,
                "problems": turn.data.get("problems", []),
                "periode": bundle.period.name,
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
            turn.data.update({"mode": "new", "item_id": None, "return": None, "ind_idx": 0, "page": 0})
            turn.goto("skp.section")
        elif value.startswith("it:"):
            turn.data.update({"mode": "edit", "item_id": int_after(value, "it:"), "return": "card", "ind_idx": 0})
            turn.goto("skp.card")
        elif value == "doc":
            send_documents_later(turn, bundle.skp.id or 0)
            turn.changed = True
        elif value == "submit":
            ensure_editable(bundle)
            problems = lifecycle.submit_problems(bundle)
            if problems:
                turn.set("problems", problems)
                return
            turn.goto("skp.submit")
        elif value == "close":
            turn.data = {}
            turn.reset("")
            turn.notice = render("messages/closed.html.j2")


# --- the item's questions ----------------------------------------------------------------


class ChooseSection(Step):
    name = "skp.section"

    async def screen(self, turn: Turn) -> Screen:
        return Screen(
            "messages/skp_section.html.j2",
            {},
            [[("🎯 Kinerja Utama", "U")], [("➕ Kinerja Tambahan", "T")]],
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        if value not in {"U", "T"}:
            raise StaleButton
        section = Section.UTAMA if value == "U" else Section.TAMBAHAN
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        item: SkpItem | None = None
        if turn.data.get("item_id"):
            item = item_of(bundle, turn)
        if item is None:
            position = await repo.next_position(turn.session, bundle.skp.id or 0, section.value)
            item = SkpItem(skp_id=bundle.skp.id or 0, section=section.value, position=position)
            changed(turn, bundle, item)
            await turn.session.flush()
            turn.forget()
            turn.set("item_id", item.id)
        elif item.section != section.value:
            item.section = section.value
            item.position = await repo.next_position(turn.session, bundle.skp.id or 0, section.value)
            item.parent_item_id, item.parent_text, item.basis = None, None, None
            changed(turn, bundle, item)
        turn.goto("skp.parent" if section is Section.UTAMA else "skp.basis")


def _parent_options(bundle: Bundle, approved: list[SkpItem], pk: list[PkSasaran]) -> list[tuple[str, str]]:
    """(value, text) for each superior result the item may support."""
    if bundle.kategori is Kategori.JPT:
        return [(f"k:{p.id}", p.sasaran) for p in pk]
    return [(f"p:{i.id}", i.rencana_kinerja) for i in approved]


class ChooseParent(Step):
    name = "skp.parent"
    accepts_text = True

    async def _options(self, turn: Turn, bundle: Bundle) -> list[tuple[str, str]]:
        if bundle.kategori is Kategori.JPT:
            pk = list(await repo.pk_sasaran_of(turn.session, bundle.employee.unit_kerja))
            return _parent_options(bundle, [], pk)
        if bundle.skp.penilai_id is None:
            return []
        approved = await repo.approved_items_of(turn.session, bundle.skp.penilai_id, bundle.skp.period_id)
        return _parent_options(bundle, approved, [])

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        options = await self._options(turn, bundle)
        pages = max(1, -(-len(options) // PAGE_SIZE))
        page = min(int(turn.data.get("page", 0)), pages - 1)
        shown = options[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        first = page * PAGE_SIZE + 1
        numbers = [(str(first + n), value) for n, (value, _) in enumerate(shown)]
        rows = [numbers[:3], numbers[3:]]
        if pages > 1:
            rows.append(
                [("◀️", f"pg:{(page - 1) % pages}"), (f"{page + 1}/{pages}", "noop"), ("▶️", f"pg:{(page + 1) % pages}")]
            )
        item = item_of(bundle, turn)
        return Screen(
            "messages/skp_parent.html.j2",
            {
                "options": [(first + n, text) for n, (_, text) in enumerate(shown)],
                "jpt": bundle.kategori is Kategori.JPT,
                "penilai": bundle.penilai,
                "current": item.parent_text,
            },
            rows,
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        bundle = await bundle_of(turn)
        if value.startswith("pg:"):
            turn.set("page", int_after(value, "pg:"))
            return
        if value == "noop":
            return
        ensure_editable(bundle)
        item = item_of(bundle, turn)
        # A JPT cascades from PK sasaran ("k:"), everyone else from the penilai's items ("p:").
        if value[:2] != ("k:" if bundle.kategori is Kategori.JPT else "p:"):
            raise StaleButton
        if value.startswith("p:"):
            parent = await turn.session.get(SkpItem, int_after(value, "p:"))
            parent_skp = await turn.session.get(Skp, parent.skp_id) if parent else None
            if parent is None or parent_skp is None:
                raise StaleButton
            check_cascade(
                bundle.kategori,
                Section(item.section),
                Status(parent_skp.status),
                parent_skp.employee_id == bundle.skp.penilai_id and parent_skp.period_id == bundle.skp.period_id,
            )
            item.parent_item_id, item.parent_text = parent.id, parent.rencana_kinerja
        elif value.startswith("k:"):
            sasaran = await turn.session.get(PkSasaran, int_after(value, "k:"))
            if sasaran is None:
                raise StaleButton
            item.parent_item_id, item.parent_text = None, sasaran.sasaran
        else:
            raise StaleButton
        changed(turn, bundle, item)
        after(turn, bundle, "skp.parent")

    async def on_text(self, turn: Turn, text: str) -> None:
        bundle = await bundle_of(turn)
        if bundle.kategori is not Kategori.JPT:
            turn.error = render("messages/error_pick_parent.html.j2")
            return
        ensure_editable(bundle)
        item = item_of(bundle, turn)
        item.parent_item_id, item.parent_text = None, clean_text(text, "Sasaran", MAX_RK)
        changed(turn, bundle, item)
        after(turn, bundle, "skp.parent")


class AskBasis(Step):
    name = "skp.basis"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        return Screen("messages/skp_basis.html.j2", {"current": item_of(bundle, turn).basis, "limit": MAX_BASIS})

    async def on_text(self, turn: Turn, text: str) -> None:
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        item = item_of(bundle, turn)
        item.basis = clean_text(text, "Dasar penugasan", MAX_BASIS)
        changed(turn, bundle, item)
        after(turn, bundle, "skp.parent")


class AskRencanaKinerja(Step):
    name = "skp.rk"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        item = item_of(bundle, turn)
        return Screen(
            "messages/skp_rk.html.j2",
            {"parent": item.parent_text, "basis": item.basis, "current": item.rencana_kinerja, "limit": MAX_RK},
        )

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
            turn.goto("skp.card")


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


# --- the item card, editing, deleting ----------------------------------------------------


def item_problems(bundle: Bundle, item: SkpItem) -> list[str]:
    domain = to_domain(bundle)
    mine = next(d for d, i in zip(domain.items, bundle.items, strict=True) if i.id == item.id)
    prefix = f"{mine.section.label} {mine.number}"
    return [p for p in check_completeness(type(domain)(domain.kategori, (mine,))) if p.startswith(prefix)]


class ItemCard(Step):
    name = "skp.card"

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        item = item_of(bundle, turn)
        editable = is_editable(bundle.status)
        rows: list[list[tuple[str, str]]] = []
        if editable:
            if not item.complete:
                rows.append([("💾 Simpan", "save")])
            rows.append([("✏️ Ubah", "edit"), ("🗑 Hapus", "delete")])
        rows.append([("📋 Daftar rencana kinerja", "list")])
        return Screen(
            "messages/skp_card.html.j2",
            {**item_context(bundle, item), "problems": item_problems(bundle, item), "editable": editable},
            rows,
            back=editable and not item.complete,
            cancel=False,
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        bundle = await bundle_of(turn)
        if value == "list":
            turn.reset(MENU)
            return
        ensure_editable(bundle)
        item = item_of(bundle, turn)
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
        rows: list[list[tuple[str, str]]] = [[("Bagian (utama/tambahan)", "section")]]
        rows.append(
            [("Rencana kinerja atasan", "parent")]
            if item.section == Section.UTAMA.value
            else [("Dasar penugasan", "basis")]
        )
        rows.append([("Rencana kinerja", "rk")])
        if bundle.kategori is Kategori.JPT:
            jpt = [i for i in bundle.indicators.get(item.id or 0, []) if i.aspek is None]
            rows += [[(f"Indikator {n + 1}", f"ji:{n}"), (f"Target {n + 1}", f"jt:{n}")] for n in range(len(jpt))]
            rows.append([("➕ Tambah indikator", f"ji:{len(jpt)}")])
        else:
            rows += [
                [(f"Indikator {a.label.lower()}", f"i:{a.value}"), (f"Target {a.label.lower()}", f"t:{a.value}")]
                for a in REQUIRED_ASPEK
            ]
            if bundle.kategori is Kategori.JF:
                rows.append([("Angka kredit (AK)", "ak")])
        return Screen("messages/skp_edit.html.j2", item_context(bundle, item), rows, cancel=False)

    async def on_button(self, turn: Turn, value: str) -> None:
        turn.set("return", "card")
        targets = {
            "section": "skp.section",
            "parent": "skp.parent",
            "basis": "skp.basis",
            "rk": "skp.rk",
            "ak": "skp.ak",
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
        await repo.delete_item(turn.session, item.id or 0)
        changed(turn, bundle)
        turn.forget()
        turn.data.update({"item_id": None, "mode": None})
        turn.reset(MENU)
        turn.notice = render("messages/item_deleted.html.j2")


class ConfirmSubmit(Step):
    name = "skp.submit"

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        return Screen(
            "messages/skp_submit.html.j2",
            {"bundle": bundle},
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


STEPS: tuple[Step, ...] = (
    Menu(),
    ChooseSection(),
    ChooseParent(),
    AskBasis(),
    STEPS_RK,
    CheckRencanaKinerja(),
    *(AskIndicator(a.value) for a in REQUIRED_ASPEK),
    *(AskTarget(a.value) for a in REQUIRED_ASPEK),
    AskIndicator(JPT),
    AskTarget(JPT),
    JptMore(),
    AskAk(),
    ItemCard(),
    SavedItem(),
    EditField(),
    DeleteItem(),
    ConfirmSubmit(),
)


async def cancel_item(turn: Turn) -> None:
    """Batal: a new, unsaved item is dropped; everything saved stays; back to the overview."""
    if turn.step == MENU:
        turn.data = {}
        turn.reset("")
        turn.notice = render("messages/closed.html.j2")
        return
    bundle = await bundle_of(turn)
    if turn.data.get("mode") == "new" and turn.data.get("item_id") and is_editable(bundle.status):
        item = item_of(bundle, turn)
        if not item.complete:
            await repo.delete_item(turn.session, item.id or 0)
            changed(turn, bundle)
            turn.forget()
    turn.data.update({"item_id": None, "mode": None, "return": None})
    turn.reset(MENU)
    turn.notice = render("messages/cancelled.html.j2")



# --- commands ------------------------------------------------------------------------------


async def skp_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Open the active period's SKP (creating the draft), or continue where the user was."""

    async def action(turn: Turn) -> None:
        if turn.employee is None:
            turn.notice = render("messages/not_linked.html.j2")
            return
        if turn.step.startswith("skp.") and turn.data.get("skp_id"):
            turn.notice = render("messages/resumed.html.j2")
            return
        period = await repo.active_period(turn.session)
        if period is None:
            turn.notice = render("messages/no_period.html.j2")
            return
        skp = await repo.skp_of(turn.session, turn.employee.id or 0, period.id or 0)
        if skp is None:
            skp = Skp(employee_id=turn.employee.id or 0, period_id=period.id or 0, penilai_id=turn.employee.atasan_id)
            turn.session.add(skp)
            await turn.session.flush()
        turn.data = {"home": MENU, "skp_id": skp.id}
        turn.reset(MENU)

    await run_turn(update, context, action, edit=False)
