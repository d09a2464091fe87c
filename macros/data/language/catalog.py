"""Every maintainer-facing message, in Indonesian (the default) and English (`RENCANA_LANG=en`).

Each module that speaks to a maintainer declares its messages once, as a `Catalog` of entries
keyed by rule, each entry holding both languages. A message can therefore not exist in one
language only: the pair is the entry. `tests/test_catalog.py` imports every module of
`macros`, then checks every registered entry: both texts present, the same `{placeholders}`,
and no English left in the Indonesian text's place.

Values the maintainer must type (`ongoing`, `GOV-01`, a file name) are passed as placeholders
and stay as they are in both languages; only the words around them are translated.
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

Language = Literal["id", "en"]
LANGUAGES: tuple[Language, ...] = ("id", "en")
DEFAULT_LANGUAGE: Language = "id"
ENVIRONMENT_VARIABLE = "RENCANA_LANG"


def current_language() -> Language:
    """The language of this run: `RENCANA_LANG` (`id` or `en`, any case), Indonesian otherwise."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE, "").strip().lower()
    return "en" if chosen.startswith("en") else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Message:
    """One message in both languages, with `{name}` placeholders filled by `Catalog.say`."""

    id: str
    en: str

    def text(self, language: Language) -> str:
        return self.id if language == "id" else self.en


def placeholders(template: str) -> set[str]:
    """The `{name}` fields of a template (format specs and conversions left aside)."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


class Catalog:
    """The messages of one part of the code, registered under its name for the completeness test."""

    registry: dict[str, Catalog] = {}  # noqa: RUF012 - one registry for the whole process, on purpose

    def __init__(self, name: str, messages: Mapping[str, tuple[str, str]]) -> None:
        self.name = name
        self.messages = {key: Message(id=pair[0], en=pair[1]) for key, pair in messages.items()}
        earlier = Catalog.registry.get(name)
        # The same module run a second time (`python -m` a module that is also imported) declares
        # the same messages again; another catalog under a name already taken is a mistake.
        if earlier is not None and earlier.messages != self.messages:
            raise ValueError(f"a catalog named {name!r} exists already")
        Catalog.registry[name] = self

    def say(self, key: str, /, language: Language | None = None, **values: object) -> str:
        """The message `key` in the run's language, its placeholders filled with `values`."""
        template = self.messages[key].text(language or current_language())
        return template.format(**values)

    def template(self, key: str, /, language: Language | None = None) -> str:
        """The unfilled text of `key` in the run's language, for code that fills it later (pydantic's errors)."""
        return self.messages[key].text(language or current_language())

    def __iter__(self) -> Iterator[tuple[str, Message]]:
        return iter(self.messages.items())
