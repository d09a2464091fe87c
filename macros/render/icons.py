"""Inline SVG icons from the icon set that ships with Material for MkDocs (no font, no request)."""

from __future__ import annotations

from functools import cache

from macros.data.plan.icons import icon_file


@cache
def icon_svg(name: str) -> str:
    """The icon's SVG, hidden from screen readers: the text beside it says what it means."""
    svg = icon_file(name).read_text(encoding="utf-8").strip()
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
