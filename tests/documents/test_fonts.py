"""Light fonts, the last-resort font and the URL fetcher that only serves them."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont

from bot.documents import fonts, pdf


def test_font_faces_are_declared_and_cover_emoji() -> None:
    css = fonts.font_face_css()
    assert f'font-family: "{fonts.FAMILY}"' in css
    assert f'font-family: "{fonts.FALLBACK_FAMILY}"' in css
    fallback = fonts.fallback_font()
    assert fallback is not None
    cmap = TTFont(str(fallback)).getBestCmap()
    for char in "✅❌⭐😀👍":
        assert ord(char) in cmap
    assert len({cmap[ord(c)] for c in "😀👍🙏"}) == 3  # one glyph per code point: text stays extractable
    assert 0x200D not in cmap  # joiners stay invisible


def test_fetcher_serves_only_the_font_folder() -> None:
    for url in (
        "file:///etc/passwd",
        "http://example.com/x.png",
        "https://example.com/a.css",
        "file:///tmp/../etc/passwd",
        "data:text/plain,hi",
    ):
        with pytest.raises(ValueError):
            pdf._NO_FETCH.fetch(url)
    escaped = fonts.font_folder().as_uri() + "/../../../etc/passwd"
    with pytest.raises(ValueError):
        pdf._NO_FETCH.fetch(escaped)
    light = next(iter(fonts.light_fonts().values()))
    response = pdf._NO_FETCH.fetch(light.as_uri())
    response.close()


def test_injected_resources_are_not_loaded() -> None:
    html = '<p>x</p><img src="file:///etc/passwd"><link rel="stylesheet" href="http://example.com/a.css">'
    assert pdf.html_to_pdf(html, "skp.css").startswith(b"%PDF")
