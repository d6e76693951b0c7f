"""The pejabat penilai's parts of an SKP under PermenPANRB 6/2022, written in chat: the ekspektasi
khusus per BerAKHLAK value (once for the whole team, then adjusted per person), the lampiran
(sensible defaults accepted with one tap, each field editable) and the tanggal penetapan (both
formats). Reached from `/tim` (a member, or the whole team) and from the approval prompt.

Every turn re-checks who acts (`bot.services.penilai.penilai_bundle`: the current penilai, or an
admin for a penilai outside the roster). Services do the work; this module only adapts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.services import actors, lifecycle, penilai
from bot.services.bundle import Bundle, tanggal_penetapan
from bot.services.periods import parse_date
from bot.storage import repo
from bot.templating import render
from conversations.engine import Screen, StaleButton, Step, Turn, int_after, run_turn
from skp_domain.errors import DomainError
from skp_domain.format6 import (
    BERAKHLAK,
    EXAMPLE_EKSPEKTASI,
    LAMPIRAN_FIELDS,
    MAX_EKSPEKTASI,
    MAX_LAMPIRAN,
    default_lampiran,
)

HOME = "pn.home"
TEAM = "team"  # data["mode"]: the whole team's ekspektasi; "own": this SKP only


# --- loading, with the authorisation re-checked every turn -----------------------------


async def _bundle(turn: Turn) -> Bundle:
    cached = turn.cache.get("pn_bundle")
    if isinstance(cached, Bundle):
        return cached
    skp_id = turn.data.get("skp_id")
    if not isinstance(skp_id, int):
        raise DomainError(render("messages/error_no_skp.html.j2"))
    actor = await actors.actor_for(turn.session, turn.deps.settings.skp_admin_ids, turn.user_id)
    try:
        bundle = await penilai.penilai_bundle(
            turn.session, skp_id, actor, outside_name=turn.deps.settings.skp_penilai_luar_nama
        )
    except lifecycle.NotAllowed as exc:
        raise DomainError(exc.message) from exc
    turn.cache["pn_bundle"] = bundle
    return bundle


async def _team(turn: Turn) -> tuple[int, int, str]:
    """(penilai key, period id, whose team) of the team being written for."""
    if isinstance(turn.data.get("skp_id"), int):
        bundle = await _bundle(turn)
        return penilai.team_key(bundle), bundle.period.id or 0, bundle.penilai.nama if bundle.penilai else ""
    period = await repo.active_period(turn.session)
    if turn.employee is None or period is None:
        raise DomainError(render("messages/no_period.html.j2"))
    return turn.employee.id or 0, period.id or 0, turn.employee.nama


def _done(turn: Turn) -> None:
    turn.data = {}
    turn.reset("")
    turn.notice = render("messages/penilai_done.html.j2")


# --- steps -------------------------------------------------------------------------------


class Home(Step):
    """One member's SKP: what the penilai wrote so far, and where to write the rest."""

    name = HOME

    async def screen(self, turn: Turn) -> Screen:
        bundle = await _bundle(turn)
        extras = await penilai.extras_of(turn.session, bundle)
        today = dt.datetime.now(turn.deps.settings.tz).date()
        rows: list[list[tuple[str, str]]] = []
        if bundle.six:
            rows += [
                [("🧭 Ekspektasi khusus orang ini", "own")],
                [("👥 Ekspektasi khusus seluruh tim", "team")],
                [("📎 Lampiran SKP", "lampiran")],
            ]
        rows.append([("📅 Tanggal penetapan", "tanggal")])
        rows.append([("✅ Selesai", "done")])
        return Screen(
            "messages/penilai_home.html.j2",
            {
                "bundle": bundle,
                "values": _values(extras.expectations, extras),
                "lampiran": extras.lampiran,
                "tanggal": tanggal_penetapan(bundle, today),
                "tanggal_set": bundle.skp.tanggal_penetapan is not None,
            },
            rows,
            back=False,
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        if value == "done":
            _done(turn)
        elif value in ("own", TEAM):
            turn.set("mode", value)
            turn.goto("pn.values")
        elif value == "lampiran":
            turn.goto("pn.lampiran")
        elif value == "tanggal":
            turn.goto("pn.tanggal")
        else:
            raise StaleButton


def _values(texts: dict[str, str], extras: penilai.Extras | None = None) -> list[dict[str, Any]]:
    return [
        {
            "no": n,
            "nama": v.nama,
            "panduan": v.panduan,
            "teks": texts.get(v.key, ""),
            "adjusted": bool(extras and extras.adjusted(v.key)),
        }
        for n, v in enumerate(BERAKHLAK, start=1)
    ]


async def _texts(turn: Turn) -> tuple[dict[str, str], penilai.Extras | None]:
    """The texts shown for the current mode: the team's, or this person's (team's where not adjusted)."""
    if turn.data.get("mode") == TEAM:
        key, period_id, _who = await _team(turn)
        return await penilai.team_expectations(turn.session, key, period_id), None
    bundle = await _bundle(turn)
    extras = await penilai.extras_of(turn.session, bundle)
    return extras.expectations, extras


class Values(Step):
    """The seven BerAKHLAK values and their ekspektasi khusus; pick one to write it."""

    name = "pn.values"

    async def screen(self, turn: Turn) -> Screen:
        texts, extras = await _texts(turn)
        team = turn.data.get("mode") == TEAM
        who = (await _team(turn))[2] if team else (await _bundle(turn)).employee.nama
        numbers = [(str(n), f"v:{n - 1}") for n in range(1, len(BERAKHLAK) + 1)]
        rows = [numbers[:4], numbers[4:]]
        if not isinstance(turn.data.get("skp_id"), int):
            rows.append([("✅ Selesai", "done")])
        return Screen(
            "messages/penilai_values.html.j2",
            {"values": _values(texts, extras), "team": team, "who": who},
            rows,
            back=isinstance(turn.data.get("skp_id"), int),
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        if value == "done":
            _done(turn)
            return
        index = int_after(value, "v:")
        if index >= len(BERAKHLAK):
            raise StaleButton
        turn.set("value", index)
        turn.goto("pn.value")


class Value(Step):
    """One value: type the ekspektasi khusus, take the example, leave it empty, or (for one person)
    follow the team's again."""

    name = "pn.value"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        value = BERAKHLAK[int(turn.data.get("value", 0))]
        texts, extras = await _texts(turn)
        team = turn.data.get("mode") == TEAM
        rows = [[("💡 Pakai contoh", "example")], [("➖ Tanpa ekspektasi khusus", "empty")]]
        if not team and extras is not None and extras.adjusted(value.key):
            rows.append([("↩️ Ikuti ekspektasi tim", "inherit")])
        return Screen(
            "messages/penilai_value.html.j2",
            {
                "value": value,
                "current": texts.get(value.key, ""),
                "team": team,
                "team_text": extras.team.get(value.key, "") if extras else None,
                "example": EXAMPLE_EKSPEKTASI,
                "limit": MAX_EKSPEKTASI,
            },
            rows,
        )

    async def _save(self, turn: Turn, text: str | None) -> None:
        value = BERAKHLAK[int(turn.data.get("value", 0))]
        if turn.data.get("mode") == TEAM:
            key, period_id, _who = await _team(turn)
            await penilai.set_team_expectation(turn.session, key, period_id, value.key, text or "")
        else:
            bundle = await _bundle(turn)
            try:
                await penilai.set_own_expectation(turn.session, bundle, value.key, text)
            except lifecycle.NotAllowed as exc:
                raise DomainError(exc.message) from exc
        turn.notice = render("messages/penilai_saved.html.j2", what=value.nama)
        turn.back()

    async def on_text(self, turn: Turn, text: str) -> None:
        await self._save(turn, text)

    async def on_button(self, turn: Turn, value: str) -> None:
        if value == "example":
            await self._save(turn, EXAMPLE_EKSPEKTASI)
        elif value == "empty":
            await self._save(turn, "")
        elif value == "inherit" and turn.data.get("mode") != TEAM:
            await self._save(turn, None)
        else:
            raise StaleButton


class LampiranCard(Step):
    """The lampiran: saved texts, or the defaults to accept with one tap; each field editable."""

    name = "pn.lampiran"

    async def screen(self, turn: Turn) -> Screen:
        bundle = await _bundle(turn)
        saved = await penilai.lampiran_of(turn.session, bundle.skp.id or 0)
        shown = saved or default_lampiran(bundle.employee.unit_kerja)
        rows: list[list[tuple[str, str]]] = []
        if saved is None:
            rows.append([("✅ Pakai isian baku ini", "accept")])
        rows += [[(f"✏️ {label}", f"f:{n}")] for n, (_field, label) in enumerate(LAMPIRAN_FIELDS)]
        rows.append([("✅ Selesai", "done")])
        return Screen(
            "messages/penilai_lampiran.html.j2",
            {"bundle": bundle, "lampiran": shown, "saved": saved is not None, "fields": LAMPIRAN_FIELDS},
            rows,
        )

    async def on_button(self, turn: Turn, value: str) -> None:
        if value == "done":
            if turn.data.get("stack"):
                turn.back()
            else:
                _done(turn)
            return
        bundle = await _bundle(turn)
        if value == "accept":
            try:
                await penilai.accept_default_lampiran(turn.session, bundle)
            except lifecycle.NotAllowed as exc:
                raise DomainError(exc.message) from exc
            turn.notice = render("messages/penilai_lampiran_saved.html.j2", bundle=bundle)
            turn.changed = True
            return
        index = int_after(value, "f:")
        if index >= len(LAMPIRAN_FIELDS):
            raise StaleButton
        turn.set("field", index)
        turn.goto("pn.lampiran_field")


class LampiranField(Step):
    name = "pn.lampiran_field"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        bundle = await _bundle(turn)
        field, label = LAMPIRAN_FIELDS[int(turn.data.get("field", 0))]
        current = await penilai.lampiran_of(turn.session, bundle.skp.id or 0) or default_lampiran(
            bundle.employee.unit_kerja
        )
        return Screen(
            "messages/penilai_lampiran_field.html.j2",
            {"label": label, "current": getattr(current, field), "limit": MAX_LAMPIRAN},
        )

    async def on_text(self, turn: Turn, text: str) -> None:
        bundle = await _bundle(turn)
        field, label = LAMPIRAN_FIELDS[int(turn.data.get("field", 0))]
        try:
            await penilai.set_lampiran_field(turn.session, bundle, field, text)
        except lifecycle.NotAllowed as exc:
            raise DomainError(exc.message) from exc
        turn.notice = render("messages/penilai_saved.html.j2", what=label)
        turn.back()


class Tanggal(Step):
    name = "pn.tanggal"
    accepts_text = True

    async def screen(self, turn: Turn) -> Screen:
        bundle = await _bundle(turn)
        rows = [[("↩️ Pakai tanggal persetujuan", "default")]] if bundle.skp.tanggal_penetapan else []
        return Screen(
            "messages/penilai_tanggal.html.j2",
            {
                "bundle": bundle,
                "current": tanggal_penetapan(bundle, dt.datetime.now(turn.deps.settings.tz).date()),
                "set": bundle.skp.tanggal_penetapan is not None,
            },
            rows,
        )

    async def on_text(self, turn: Turn, text: str) -> None:
        bundle = await _bundle(turn)
        await penilai.set_tanggal_penetapan(turn.session, bundle, parse_date(text, "Tanggal penetapan"))
        turn.notice = render("messages/penilai_saved.html.j2", what="Tanggal penetapan")
        turn.back()

    async def on_button(self, turn: Turn, value: str) -> None:
        if value != "default":
            raise StaleButton
        bundle = await _bundle(turn)
        await penilai.set_tanggal_penetapan(turn.session, bundle, None)
        turn.notice = render("messages/penilai_saved.html.j2", what="Tanggal penetapan")
        turn.back()


STEPS: tuple[Step, ...] = (Home(), Values(), Value(), LampiranCard(), LampiranField(), Tanggal())


async def close(turn: Turn) -> None:
    turn.data = {}
    turn.reset("")
    turn.notice = render("messages/cancelled.html.j2")


# --- entry points (from /tim, the approval prompt, a refused approval) ---------------------


async def open_for_skp(update: Update, context: ContextTypes.DEFAULT_TYPE, skp_id: int, step: str = HOME) -> None:
    """Start the flow on one SKP (the authorisation is checked by the first screen)."""

    async def begin(turn: Turn) -> None:
        turn.data = {"home": HOME, "skp_id": skp_id, "mode": "own"}
        turn.reset(HOME)
        if step != HOME:
            turn.goto(step)

    await run_turn(update, context, begin, edit=False)


async def open_for_team(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The ekspektasi khusus for the whole team (every member's SKP follows it unless adjusted)."""

    async def begin(turn: Turn) -> None:
        turn.data = {"home": "pn.values", "mode": TEAM}
        turn.reset("pn.values")

    await run_turn(update, context, begin, edit=False)


__all__ = ["STEPS", "close", "open_for_skp", "open_for_team"]
