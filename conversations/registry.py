"""Every handler and every wizard step, registered in one place (nothing registers on import).

Groups: -2 keeps the bot to private chats; 0 routes commands and buttons first, then every other
message to the wizard, then unknown commands. Button families are told apart by their prefix
(`bot.callback_data`); anything else is a stale button.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, TypeHandler, filters

from bot import callback_data
from bot.services import reminders
from bot.settings import Settings
from conversations import (
    admin,
    admin_rekap,
    approval,
    common,
    documents,
    drafting,
    engine,
    history,
    link,
    matrix_plan,
    penilai,
    salin,
    team,
    whoami,
)
from conversations.engine import FLOWS_KEY, Flows


def wizard_flows(settings: Settings | None = None) -> Flows:
    """The steps of every DB-backed wizard flow, what Batal does in each flow, and the work done
    before a step's unit of work (only the optional language-model coaching, when configured)."""
    return Flows.of(
        steps=[
            *link.STEPS, *drafting.STEPS, *approval.STEPS, *admin.STEPS, *admin_rekap.STEPS, *penilai.STEPS,
            *matrix_plan.STEPS,
        ],
        cancel_hooks={
            "skp": drafting.cancel_item,
            "adm": admin.close,
            "siaran": admin.close,
            "rekap": admin.close,
            "pn": penilai.close,
            "mp": matrix_plan.close,
        },
        prefetch=drafting.PREFETCH if settings is not None and settings.skp_llm_base_url else None,
    )


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    deps = application.bot_data["deps"]
    application.bot_data[FLOWS_KEY] = wizard_flows(deps.settings)

    # group -2: private chats only
    application.add_handler(TypeHandler(Update, common.private_only), group=-2)

    # group 0: commands ...
    application.add_handler(CommandHandler("start", link.start_command))
    application.add_handler(CommandHandler("skp", drafting.skp_command))
    application.add_handler(CommandHandler("dokumen", documents.dokumen_command))
    application.add_handler(CommandHandler("riwayat", history.riwayat_command))
    application.add_handler(CommandHandler("tim", team.tim_command))
    application.add_handler(CommandHandler("matriks", team.matriks_command))
    application.add_handler(CommandHandler("salin", salin.salin_command))
    application.add_handler(CommandHandler(["bantuan", "help"], common.help_command))
    application.add_handler(CommandHandler("periode", admin.periode_command))
    application.add_handler(CommandHandler("siaran", admin.siaran_command))
    application.add_handler(CommandHandler("rekap", admin_rekap.rekap_command))
    application.add_handler(CommandHandler("id", whoami.id_command))

    # ... buttons, by family ...
    buttons = (
        (approval.approval_button, rf"^{callback_data.APPROVAL_PREFIX}:"),
        (team.team_button, rf"^{callback_data.TEAM_PREFIX}:"),
        (history.version_button, rf"^{callback_data.HISTORY_PREFIX}:"),
        (admin.open_draft, rf"^{reminders.OPEN_DRAFT_CALLBACK}$"),
        (engine.on_button, rf"^{callback_data.WIZARD_PREFIX}:"),
    )
    for callback, pattern in buttons:
        application.add_handler(CallbackQueryHandler(callback, pattern=pattern))
    application.add_handler(CallbackQueryHandler(common.stale_button))

    # ... then every other message is an answer to the wizard; unknown commands last.
    application.add_handler(MessageHandler(filters.ALL & ~filters.COMMAND, engine.on_text))
    application.add_handler(MessageHandler(filters.COMMAND, common.unknown_command))
    application.add_error_handler(common.on_error)
