"""One Jinja2 environment for every message and document.

Autoescape is always on: messages go out with ParseMode.HTML, and users type `<` and `&`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from skp_domain.formats import SEED_FORMAT, wording

# `templates/` is a package of its own (top level in the source tree, package data when installed).
TEMPLATES_DIR = Path(str(resources.files("templates")))


def tanggal(value: dt.date | dt.datetime | None) -> str:
    """`23 November 2026` — the Indonesian long date used on SKP documents."""
    if value is None:
        return "-"
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, format="d MMMM y", locale="id_ID")


def angka(value: Decimal | float | int | str | None, places: int | None = None) -> str:
    """Indonesian decimal comma: 0.5 -> `0,500` with places=3, 83 -> `83,00` with places=2."""
    if value is None or value == "":
        return "-"
    number = Decimal(str(value))
    text = f"{number:.{places}f}" if places is not None else format(number.normalize(), "f")
    return text.replace(".", ",")


def jam(value: dt.datetime | None, tz: str = "Asia/Jakarta") -> str:
    """`14:05` in local time (WIB by default) for lock-outs and progress reports."""
    if value is None:
        return "-"
    from zoneinfo import ZoneInfo

    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(ZoneInfo(tz)).strftime("%H:%M")


def titik(value: object) -> str:
    """The full stop that ends a sentence after a name — none when the name already ends with one
    ("… kepada BAWONO ANDI WIDODO, S.STP." not "S.STP.."). Use as ``{{ nama }}{{ nama | titik }}``."""
    return "" if str(value or "").rstrip().endswith(".") else "."


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # templates ship with the code: no stat() of the file on every message
    )
    env.filters["tanggal"] = tanggal
    env.filters["angka"] = angka
    env.filters["jam"] = jam
    # The chat's wording under the seed's 8/2021; drafting passes the period's own (`w`).
    env.globals["w"] = wording(SEED_FORMAT)
    env.filters["titik"] = titik
    return env


def render_plain(name: str, **context: Any) -> str:
    """For callback alerts, which Telegram shows as plain text (at most 200 characters)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", render(name, **context)))[:200]


def render(name: str, **context: Any) -> str:
    """Render `templates/<name>`; message templates end in `.html.j2`."""
    return environment().get_template(name).render(**context).strip()
