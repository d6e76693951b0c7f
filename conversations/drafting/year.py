"""The SKP through the year, on the employee's side: withdraw a submission, open an approved SKP
for a change (add a Kinerja Tambahan, choose a flagged link again), drop the change, and start a
new period from last period's SKP. Every status change goes through `lifecycle.change_status`."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.services import carry, lifecycle, versions
from bot.services.bundle import Bundle
from bot.services.lifecycle import Actor
from bot.storage import repo
from bot.storage.models import SkpItem, SkpVersion, utcnow
from bot.templating import render
from conversations import prompts
from conversations.drafting.common import MENU, bundle_of
from conversations.engine import Screen, StaleButton, Step, Turn
from skp_domain.errors import DomainError
from skp_domain.skp import Action, Section, is_amendment
from skp_domain.year import AmendScope, may_add, may_edit_item, may_relink

# --- what an amendment allows, for the drafting steps ------------------------------------


@dataclass(frozen=True)
class Amendment:
    """The amendment in progress (scope None: not an amendment, or one the penilai opened whole)."""

    scope: AmendScope | None = None
    version: SkpVersion | None = None
    approved_ids: frozenset[int] = field(default_factory=frozenset)

    def in_version(self, item: SkpItem) -> bool:
        return item.id in self.approved_ids

    def may_edit(self, item: SkpItem) -> bool:
        return may_edit_item(self.scope, in_approved_version=self.in_version(item))

    def may_relink(self, item: SkpItem) -> bool:
        return may_relink(self.scope, needs_relink=bool(item.relink), in_approved_version=self.in_version(item))

    def may_add(self, section: str) -> bool:
        return may_add(self.scope, Section(section))


async def amendment_of(turn: Turn, bundle: Bundle) -> Amendment:
    cached = turn.cache.get("amendment")
    if isinstance(cached, Amendment) and turn.cache.get("amendment_of") == (bundle.skp.id, bundle.skp.version):
        return cached
    amendment = Amendment()
    if is_amendment(bundle.status):
        version = await versions.latest(turn.session, bundle.skp.id or 0)
        scope = AmendScope(bundle.skp.amend_scope) if bundle.skp.amend_scope else AmendScope.TAMBAHAN
        ids = frozenset(int(d["id"]) for d in (version.items if version else []) if d.get("id") is not None)
        amendment = Amendment(scope, version, ids)
    turn.cache["amendment"], turn.cache["amendment_of"] = amendment, (bundle.skp.id, bundle.skp.version)
    return amendment


def refuse_locked() -> DomainError:
    return DomainError(render("messages/amend_locked.html.j2"))


async def remove_item(turn: Turn, bundle: Bundle, item: SkpItem) -> None:
    """Hapus: in an amendment, an item of the approved version is only marked (the version in force
    still holds it) until the amendment is approved; anything else goes at once."""
    amendment = await amendment_of(turn, bundle)
    if not amendment.may_edit(item):
        raise refuse_locked()
    if amendment.in_version(item):
        item.removed = True
        turn.session.add(item)
    else:
        await repo.delete_item(turn.session, item.id or 0)


# --- Tarik pengajuan -----------------------------------------------------------------------


async def _confirmed(turn: Turn, value: str, action: Action) -> lifecycle.StatusChange | None:
    """The owner's yes/no on one status change of their SKP: the change (back at the menu), or
    None when they said no."""
    if value == "no":
        turn.reset(MENU)
        return None
    if value != "yes":
        raise StaleButton
    bundle = await bundle_of(turn)
    change = await lifecycle.change_status(
        turn.session, bundle.skp.id or 0, action, Actor.of(turn.employee), seen_version=bundle.skp.version
    )
    turn.forget()
    turn.reset(MENU)
    return change


class Withdraw(Step):
    name = "skp.withdraw"

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        return Screen(
            "messages/skp_withdraw.html.j2", {"bundle": bundle},
            [[("↩️ Ya, tarik", "yes"), ("Tidak", "no")]], cancel=False,
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        change = await _confirmed(turn, value, Action.WITHDRAW)
        if change is None:
            return
        turn.notice = render("messages/withdrawn.html.j2", change=change)
        bot, d, skp_id = turn.context.bot, turn.deps, change.skp_id
        note = render("messages/withdrawn_note.html.j2", owner=change.owner, at=utcnow(), tz=d.settings.tz)

        async def tell_penilai() -> None:
            await prompts.close(bot, d, skp_id, note)

        turn.later(tell_penilai)


# --- Perubahan: open, drop ------------------------------------------------------------------


class Amend(Step):
    """Confirm opening an approved SKP for a change the owner may make alone."""

    name = "skp.amend"

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        version = await versions.latest(turn.session, bundle.skp.id or 0)
        return Screen(
            "messages/skp_amend.html.j2",
            {"bundle": bundle, "number": version.number if version else 1, "relink": turn.data.get("amend_for")},
            [[("✏️ Ya, mulai perubahan", "yes"), ("Tidak", "no")]],
            cancel=False,
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        if await _confirmed(turn, value, Action.AMEND) is None:
            return
        turn.notice = render("messages/amend_started.html.j2", relink=turn.data.pop("amend_for", None))


class CancelAmendment(Step):
    name = "skp.cancel_amend"

    async def screen(self, turn: Turn) -> Screen:
        bundle = await bundle_of(turn)
        version = await versions.latest(turn.session, bundle.skp.id or 0)
        diff = versions.amendment_diff(bundle, version) if version else None
        return Screen(
            "messages/skp_cancel_amend.html.j2",
            {"number": version.number if version else 1, "diff": diff},
            [[("🗑 Ya, batalkan perubahan", "yes"), ("Tidak", "no")]],
            cancel=False,
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        change = await _confirmed(turn, value, Action.CANCEL_AMENDMENT)
        if change is None:
            return
        turn.notice = render("messages/amend_cancelled.html.j2", number=change.version_number)


# --- a new period: start from last period's SKP -----------------------------------------------


class StartFromPrevious(Step):
    """Offered by /skp when the active period has no SKP yet and an earlier one exists."""

    name = "skp.start"

    async def screen(self, turn: Turn) -> Screen:
        previous = await carry.previous_skp(turn.session, turn.employee.id or 0 if turn.employee else 0,
                                            int(turn.data.get("period_id") or 0))
        if previous is None or turn.employee is None:
            raise DomainError(render("messages/error_no_skp.html.j2"))
        return Screen(
            "messages/skp_start.html.j2",
            {"previous": previous},
            [[(f"📋 Salin dari {previous.period.name}"[:60], "copy")], [("🆕 Mulai dari kosong", "empty")]],
            back=False,
            cancel=False,
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        if value not in {"copy", "empty"} or turn.employee is None:
            raise StaleButton
        period = await repo.active_period(turn.session)
        if period is None or period.id != turn.data.get("period_id"):
            raise StaleButton
        existing = await repo.skp_of(turn.session, turn.employee.id or 0, period.id or 0)
        if existing is not None:
            skp, copied = existing, None
        elif value == "copy":
            previous = await carry.previous_skp(turn.session, turn.employee.id or 0, period.id or 0)
            if previous is None:
                raise StaleButton
            skp, copied = await carry.start_from(turn.session, turn.employee, period, previous)
        else:
            skp, copied = await carry.new_skp(turn.session, turn.employee, period), None
        turn.data = {"home": MENU, "skp_id": skp.id}
        turn.reset(MENU)
        if copied is not None:
            turn.notice = render("messages/skp_copied.html.j2", copied=copied)


STEPS: tuple[Step, ...] = (Withdraw(), Amend(), CancelAmendment(), StartFromPrevious())

__all__ = ["STEPS", "Amendment", "amendment_of", "refuse_locked", "remove_item"]
