"""`/skp`: the drafting wizard. Each step parses with `skp_domain`, saves at once, moves on."""

from __future__ import annotations

from conversations.drafting import format6
from conversations.drafting.card import DeleteItem, EditField, ItemCard, SavedItem
from conversations.drafting.common import JPT, MENU
from conversations.drafting.item import AskBasis, ChooseParent, ChooseSection
from conversations.drafting.measures import AskAk, AskIndicator, AskTarget, JptMore
from conversations.drafting.menu import ConfirmSubmit, Menu, cancel_item, skp_command
from conversations.drafting.result import PREFETCH, STEPS_RK, CheckRencanaKinerja
from conversations.drafting.year import STEPS as YEAR_STEPS
from conversations.engine import Step
from skp_domain.skp import REQUIRED_ASPEK

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
    *format6.STEPS,
    *YEAR_STEPS,
)


__all__ = ["MENU", "PREFETCH", "STEPS", "cancel_item", "skp_command"]
