"""An item's place: Kinerja Utama or Tambahan, the superior's result it supports, the surat tugas."""

from __future__ import annotations

from bot.services import cascade, items
from bot.services.bundle import Bundle
from bot.storage import repo
from bot.storage.models import PkSasaran, Skp, SkpItem
from bot.templating import render
from conversations.drafting.common import (
    PAGE_SIZE,
    after,
    bundle_of,
    changed,
    ensure_editable,
    item_of,
    progress,
)
from conversations.drafting.result import plain_text
from conversations.drafting.year import amendment_of, refuse_locked
from conversations.engine import Screen, StaleButton, Step, Turn, int_after
from skp_domain.formats import wording
from skp_domain.jabatan import Kategori
from skp_domain.skp import (
    Section,
    Status,
    check_cascade,
)
from skp_domain.text import MAX_BASIS, MAX_RK


class ChooseSection(Step):
    name = "skp.section"

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        item = next((i for i in bundle.items if i.id == turn.data.get("item_id")), None)
        w = wording(bundle.format)
        amendment = await amendment_of(turn, bundle)  # an amendment may only add a Kinerja Tambahan
        rows = [[(f"🎯 {w.utama}", "U")]] if amendment.may_add(Section.UTAMA.value) else []
        return Screen(
            "messages/skp_section.html.j2",
            {},
            [*rows, [(f"➕ {w.tambahan}", "T")]],
            progress=progress(bundle, item, self.name),
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        if value not in {"U", "T"}:
            raise StaleButton
        section = Section.UTAMA if value == "U" else Section.TAMBAHAN
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        if not (await amendment_of(turn, bundle)).may_add(section.value):
            raise refuse_locked()
        item: SkpItem | None = None
        if turn.data.get("item_id"):
            item = item_of(bundle, turn)
        if item is None:
            item = await items.add_item(turn.session, bundle.skp.id or 0, section.value)  # within the cap
            changed(turn, bundle, item)
            await turn.session.flush()
            turn.forget()
            turn.set("item_id", item.id)
        elif item.section != section.value:
            item.section = section.value
            item.position = await repo.next_position(turn.session, bundle.skp.id or 0, section.value)
            item.parent_item_id, item.parent_text, item.basis = None, None, None
            item.provisional, item.relink = False, None
            changed(turn, bundle, item)
        turn.goto("skp.parent" if section is Section.UTAMA else "skp.basis")


def _parent_options(bundle: Bundle, results: list[cascade.Result], pk: list[PkSasaran]) -> list[tuple[str, str]]:
    """(value, text) for each superior result the item may support; a PK sasaran with several
    indicators (one row each) is listed once."""
    if bundle.kategori is Kategori.JPT:
        seen: dict[str, PkSasaran] = {}
        for p in pk:
            seen.setdefault(p.sasaran.strip().casefold(), p)
        return [(f"k:{p.id}", p.sasaran) for p in seen.values()]
    return [(f"p:{r.item_id}", r.text + (" ⏳" if r.provisional else "")) for r in results]


class ChooseParent(Step):
    name = "skp.parent"
    accepts_text = True

    async def _results(self, turn: Turn, bundle: Bundle) -> list[cascade.Result]:
        cached = turn.cache.get("parent_results")
        if isinstance(cached, list):
            return cached
        results = [] if bundle.kategori is Kategori.JPT else await cascade.parent_options(turn.session, bundle.skp)
        turn.cache["parent_results"] = results
        return results

    async def _options(self, turn: Turn, bundle: Bundle) -> list[tuple[str, str]]:
        if bundle.kategori is Kategori.JPT:
            pk = list(await repo.pk_sasaran_of(turn.session, bundle.employee.unit_kerja))
            return _parent_options(bundle, [], pk)
        return _parent_options(bundle, await self._results(turn, bundle), [])

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
                "provisional": any(r.provisional for r in await self._results(turn, bundle)),
                "penilai_skp": await repo.skp_of(turn.session, bundle.skp.penilai_id, bundle.skp.period_id)
                if bundle.skp.penilai_id is not None else None,
            },
            rows,
            progress=progress(bundle, item, self.name),
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
        if not (await amendment_of(turn, bundle)).may_relink(item):
            raise refuse_locked()
        # A JPT cascades from PK sasaran ("k:"), everyone else from the penilai's items ("p:").
        if value[:2] != ("k:" if bundle.kategori is Kategori.JPT else "p:"):
            raise StaleButton
        if item.section != Section.UTAMA.value:
            raise StaleButton  # only Kinerja Utama cascades; a Tambahan card never offers a parent
        if value.startswith("p:"):
            parent_id = int_after(value, "p:")
            result = next((r for r in await self._results(turn, bundle) if r.item_id == parent_id), None)
            parent = await turn.session.get(SkpItem, parent_id)
            parent_skp = await turn.session.get(Skp, parent.skp_id) if parent else None
            if result is None or parent is None or parent_skp is None:
                raise StaleButton
            # Only a saved Kinerja Utama of the penilai's SKP in the same period (what the card lists).
            provisional = check_cascade(
                bundle.kategori,
                Section(item.section),
                Status(parent_skp.status),
                bundle.skp.penilai_id is not None
                and parent_skp.employee_id == bundle.skp.penilai_id
                and parent_skp.period_id == bundle.skp.period_id
                and parent.section == Section.UTAMA.value
                and parent.complete,
            )
            # The text is the approved version's while the superior amends their SKP.
            item.parent_item_id, item.parent_text = parent.id, result.text
            item.provisional, item.relink = provisional and result.provisional, None
        elif value.startswith("k:"):
            sasaran = await turn.session.get(PkSasaran, int_after(value, "k:"))
            if sasaran is None or sasaran.unit_kerja != bundle.employee.unit_kerja:
                raise StaleButton  # only the PK of the JPT's own unit is offered
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
        if item.section != Section.UTAMA.value:  # a Tambahan item has no sasaran above it
            turn.error = render("messages/error_use_buttons.html.j2")
            return
        if not (await amendment_of(turn, bundle)).may_relink(item):
            raise refuse_locked()
        item.parent_item_id, item.parent_text = None, plain_text(text, "Sasaran", MAX_RK)
        item.provisional, item.relink = False, None
        changed(turn, bundle, item)
        after(turn, bundle, "skp.parent")


class AskBasis(Step):
    name = "skp.basis"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        item = item_of(bundle, turn)
        return Screen(
            "messages/skp_basis.html.j2",
            {"current": item.basis, "limit": MAX_BASIS},
            progress=progress(bundle, item, self.name),
        )

    async def on_text(self, turn: Turn, text: str) -> None:
        bundle = await bundle_of(turn)
        ensure_editable(bundle)
        item = item_of(bundle, turn)
        item.basis = plain_text(text, "Dasar penugasan", MAX_BASIS)
        changed(turn, bundle, item)
        if bundle.six and turn.data.get("return") != "card":  # 6/2022: who assigned it
            turn.goto("skp.penugasan")
            return
        after(turn, bundle, "skp.parent")
