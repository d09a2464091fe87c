"""Every maintainer-facing message exists in Indonesian and in English, with the same placeholders."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import macros
from macros.data.language.catalog import Catalog, current_language, placeholders
from tests.helpers import REPO


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


# Modules whose words a maintainer reads: the data's errors and warnings, the command line, the
# preview's page, the build's log. Their messages come from a `Catalog`, never from a literal.
MAINTAINER_FACING = (
    "macros/__main__.py",
    "macros/data/plan",
    "macros/data/settings",
    "macros/data/workbook",
    "macros/data/portal/regions.py",
    "macros/publish/new_city.py",
    "macros/publish/check_summary.py",
    "macros/publish/progress_report.py",
    "macros/render/problem_page.py",
    "macros/site/build.py",
    "macros/site/portal_build.py",
    "macros/site/preview.py",
)
# What carries a message to a maintainer: the problem type, the errors that end a command, and print.
_CARRIERS = {
    "Problem",
    "problem",
    "CellError",
    "ScaffoldError",
    "EventError",
    "PydanticCustomError",
    "PluginError",
    "Unreadable",
    "print",
}

# Variables that hold a message before it is carried.
_MESSAGE_NAMES = {"message", "reason", "hint", "summary", "what", "noun", "fix"}
# The reply to an agency's progress report (`comment.md`) is always Indonesian: agencies are the
# region's own staff, whatever language the site's maintainers chose for their tools.
_AGENCY_FACING = {("macros/publish/progress_report.py", "reason")}


def _words(node: ast.expr) -> str:
    """The literal words of a string or f-string argument ("" for anything else)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value for part in node.values if isinstance(part, ast.Constant))
    return ""


def _maintainer_modules() -> list[Path]:
    files: list[Path] = []
    for name in MAINTAINER_FACING:
        path = REPO / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def test_there_are_catalogs_and_maintainer_facing_modules_build_no_message_outside_them() -> None:
    catalogs = _every_catalog()
    assert len(catalogs) >= 20 and sum(len(catalog.messages) for catalog in catalogs) >= 200
    literal_messages = []
    for file in _maintainer_modules():
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            shown = file.relative_to(REPO).as_posix()
            if isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name)
                and target.id in _MESSAGE_NAMES
                and (shown, target.id) not in _AGENCY_FACING
                for target in node.targets
            ):
                words = _words(node.value)
                if re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", words):
                    literal_messages.append(f"{file.relative_to(REPO)}:{node.lineno}: {words[:60]}")
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in _CARRIERS:
                continue
            for argument in [*node.args, *(keyword.value for keyword in node.keywords)]:
                # A sentence (words and a space), not a field name such as "(yaml)" or a path.
                if re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", _words(argument)):
                    literal_messages.append(f"{file.relative_to(REPO)}:{node.lineno}: {_words(argument)[:60]}")
    assert literal_messages == []


def test_a_module_run_twice_declares_its_catalog_again_but_a_name_holds_one_catalog() -> None:
    first = Catalog("test.twice", {"hello": ("halo", "hello")})
    again = Catalog("test.twice", {"hello": ("halo", "hello")})
    assert Catalog.registry["test.twice"] is again and again.messages == first.messages
    with pytest.raises(ValueError, match="exists already"):
        Catalog("test.twice", {"hello": ("hai", "hi")})
    del Catalog.registry["test.twice"]
