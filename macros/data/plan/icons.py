"""Where the icons a city may name live: the icon set that ships with Material for MkDocs.

The data layer only asks whether a name exists (a city's `dimensions.*.icon`);
`macros.render.icons` reads the SVG itself.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable


def icon_file(name: str) -> Traversable:
    return files("material") / "templates" / ".icons" / f"{name}.svg"


@cache
def icon_exists(name: str) -> bool:
    return icon_file(name).is_file()
