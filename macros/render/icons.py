"""Inline SVG icons from the icon set that ships with Material for MkDocs (no font, no request)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


def _icon_file(name: str):  # type: ignore[no-untyped-def]
    return files("material") / "templates" / ".icons" / f"{name}.svg"


def icon_exists(name: str) -> bool:
    return _icon_file(name).is_file()


@cache
def icon_svg(name: str) -> str:
    """The icon's SVG, hidden from screen readers: the text beside it says what it means."""
    svg = _icon_file(name).read_text(encoding="utf-8").strip()
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
