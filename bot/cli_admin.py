"""Admin subcommands of `skp-bot` (period, admin, recap): registered into the main parser."""

from __future__ import annotations

import argparse


def add_admin_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Each subcommand sets `func(args, settings) -> int`."""
