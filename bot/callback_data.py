"""Compact, versioned callback data (Telegram allows at most 64 bytes).

Two families:
- wizard buttons  `w1:<session version>:<value>`  — stale when the version moved on;
- approval buttons `a1:<skp id>:<skp version>:<action>` — checked against the database;
- team buttons `t1:<employee id>:<action>` and history buttons `h1:<skp id>:<approved version>` —
  checked against the database too.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_BYTES = 64
WIZARD_PREFIX = "w1"
APPROVAL_PREFIX = "a1"
TEAM_PREFIX = "t1"
HISTORY_PREFIX = "h1"
TEAM_ACTIONS = frozenset({"sum", "doc", "pen", "tek", "plan", "nudge", "ask_reopen", "reopen"})


class CallbackDataError(ValueError):
    pass


@dataclass(frozen=True)
class WizardButton:
    version: int
    value: str


@dataclass(frozen=True)
class ApprovalButton:
    skp_id: int
    version: int
    action: str  # "ok" approve, "rev" ask for revision


@dataclass(frozen=True)
class TeamButton:
    employee_id: int
    # "sum" summary, "doc" document, "pen" penilai's parts, "tek" team ekspektasi, "plan" matrix plan,
    # "nudge" Ingatkan, "ask_reopen"/"reopen" open for changes
    action: str


@dataclass(frozen=True)
class HistoryButton:
    skp_id: int
    number: int  # an approved version of that SKP


Decoded = WizardButton | ApprovalButton | TeamButton | HistoryButton


def _checked(data: str) -> str:
    if len(data.encode()) > MAX_BYTES:
        raise CallbackDataError(f"callback data longer than {MAX_BYTES} bytes: {data!r}")
    return data


def wizard(version: int, value: str) -> str:
    return _checked(f"{WIZARD_PREFIX}:{version}:{value}")


def approval(skp_id: int, version: int, action: str) -> str:
    return _checked(f"{APPROVAL_PREFIX}:{skp_id}:{version}:{action}")


def team(employee_id: int, action: str) -> str:
    return _checked(f"{TEAM_PREFIX}:{employee_id}:{action}")


def history(skp_id: int, number: int) -> str:
    return _checked(f"{HISTORY_PREFIX}:{skp_id}:{number}")


def decode(data: str | None) -> Decoded:
    """Parse any button's data; garbage and forgeries raise CallbackDataError."""
    if not data or len(data.encode()) > MAX_BYTES:
        raise CallbackDataError("empty or oversized")
    prefix, _, rest = data.partition(":")
    try:
        if prefix == WIZARD_PREFIX:
            version, _, value = rest.partition(":")
            if not value:
                raise CallbackDataError("no value")
            return WizardButton(int(version), value)
        if prefix == APPROVAL_PREFIX:
            skp_id, version, action = rest.split(":")
            if action not in {"ok", "rev"}:
                raise CallbackDataError("unknown approval action")
            return ApprovalButton(int(skp_id), int(version), action)
        if prefix == TEAM_PREFIX:
            employee_id, action = rest.split(":")
            if action not in TEAM_ACTIONS:
                raise CallbackDataError("unknown team action")
            return TeamButton(int(employee_id), action)
        if prefix == HISTORY_PREFIX:
            skp_id, number = rest.split(":")
            return HistoryButton(int(skp_id), int(number))
    except ValueError as exc:
        raise CallbackDataError(str(exc)) from exc
    raise CallbackDataError(f"unknown prefix {prefix!r}")
