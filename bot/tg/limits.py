"""Telegram's message length, counted the way Telegram counts it.

A message may hold 4096 characters *after entity parsing*, counted in UTF-16 code units: an emoji
such as 🎯 is one Python character but two units, so a text Python finds short enough can still be
refused ("message is too long"). Messages here are Telegram HTML; what counts is the visible text
(tags stripped, entities unescaped).

Texts are made to fit by shortening the fields that fill them (`shorten`, `shorten_fields`) and
rendering again; as a last resort `truncate_html` cuts the rendered HTML between tags, closes the
tags left open and adds "…" — never in the middle of a tag or an entity.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

MESSAGE_LIMIT = 4096
ELLIPSIS = "…"
_TAG = re.compile(r"<[^>]*>")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def visible_len(html_text: str) -> int:
    """The length Telegram checks: UTF-16 units of the text without tags, entities unescaped."""
    return utf16_len(html.unescape(_TAG.sub("", html_text)))


def fits(html_text: str, limit: int = MESSAGE_LIMIT) -> bool:
    return visible_len(html_text) <= limit


def _cut(text: str, units: int) -> str:
    """The longest prefix of `text` within `units` UTF-16 units (code points are never split)."""
    out, used = [], 0
    for ch in text:
        size = 2 if ord(ch) > 0xFFFF else 1
        if used + size > units:
            break
        out.append(ch)
        used += size
    return "".join(out)


def shorten(text: str, units: int) -> str:
    """Plain text (not HTML) cut to at most `units` UTF-16 units, at a word if one is near, with "…"."""
    if utf16_len(text) <= units:
        return text
    head = _cut(text, max(units - 1, 0))
    space = head.rfind(" ")
    if space >= len(head) * 2 // 3:
        head = head[:space]
    return head.rstrip() + ELLIPSIS


def shorten_fields(value: Any, units: int) -> Any:
    """`value` with every string inside dicts, lists and tuples shortened to `units` (other objects,
    e.g. database rows, are left as they are: never change what will be saved)."""
    if isinstance(value, str):
        return shorten(value, units)
    if isinstance(value, Mapping):
        return {key: shorten_fields(item, units) for key, item in value.items()}
    if isinstance(value, list):
        return [shorten_fields(item, units) for item in value]
    if isinstance(value, tuple):
        return tuple(shorten_fields(item, units) for item in value)
    return value


class _Truncator(HTMLParser):
    def __init__(self, budget: int) -> None:
        super().__init__(convert_charrefs=True)
        self.budget = budget
        self.out: list[str] = []
        self.open: list[str] = []
        self.full = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.full:
            return
        rendered = "".join(f' {k}="{html.escape(v or "", quote=True)}"' for k, v in attrs)
        self.out.append(f"<{tag}{rendered}>")
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.full:
            return
        self.out.append(f"</{tag}>")
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag)]

    def handle_data(self, data: str) -> None:
        if self.full:
            return
        size = utf16_len(data)
        if size <= self.budget:
            self.out.append(html.escape(data, quote=False))
            self.budget -= size
            return
        self.out.append(html.escape(shorten(data, self.budget), quote=False) if self.budget > 0 else ELLIPSIS)
        self.full = True


def truncate_html(html_text: str, limit: int = MESSAGE_LIMIT) -> str:
    """Telegram HTML cut to `limit` visible UTF-16 units between tags, open tags closed."""
    if fits(html_text, limit):
        return html_text
    parser = _Truncator(max(limit - 1, 0))
    parser.feed(html_text)
    parser.close()
    return "".join(parser.out) + "".join(f"</{tag}>" for tag in reversed(parser.open))
