"""Every maintainer-facing message exists in Indonesian and in English, with the same placeholders."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import macros
from macros.data.language.catalog import Catalog, current_language, placeholders


def _every_catalog() -> list[Catalog]:
    for module in pkgutil.walk_packages(macros.__path__, "macros."):
        importlib.import_module(module.name)
    return list(Catalog.registry.values())


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    problems = []
    for catalog in _every_catalog():
        for key, message in catalog:
            where = f"{catalog.name}.{key}"
            if not message.id.strip() or not message.en.strip():
                problems.append(f"{where}: a language is empty")
            elif placeholders(message.id) != placeholders(message.en):
                problems.append(
                    f"{where}: placeholders differ: {placeholders(message.id)} / {placeholders(message.en)}"
                )
            elif message.id == message.en and placeholders(message.id) != {message.id.strip("{}")}:
                problems.append(f"{where}: the Indonesian text is the English one")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("setting", "expected"), [(None, "id"), ("en", "en"), ("EN_US", "en"), ("id", "id"), ("fr", "id")]
)
def test_the_language_is_indonesian_unless_english_is_asked_for(
    monkeypatch: pytest.MonkeyPatch, setting: str | None, expected: str
) -> None:
    if setting is None:
        monkeypatch.delenv("RENCANA_LANG", raising=False)
    else:
        monkeypatch.setenv("RENCANA_LANG", setting)
    assert current_language() == expected
