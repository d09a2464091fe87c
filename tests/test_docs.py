"""The documentation (README and guide/) names every data field and every macro, so it cannot fall behind."""

from __future__ import annotations

import re

import pytest

from macros.data.model import City, Program
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
# The maintainers' guide: reference material that grew out of the README (guide/portal.md: several regions).
GUIDE = {path.name: path.read_text(encoding="utf-8") for path in sorted((REPO / "guide").glob("*.md"))}
DOCUMENTS = [README, *GUIDE.values()]


def table_keys(heading: str) -> set[str]:
    """Field names in the tables under `heading` (the README's, and any guide's heading that starts so)."""
    keys: set[str] = set()
    for text in DOCUMENTS:
        for section in text.split(heading)[1:]:
            keys |= set(re.findall(r"^\| `([a-z_]+)` \|", section.split("\n#", 1)[0], flags=re.MULTILINE))
    return keys


@pytest.mark.parametrize(("model", "heading"), [(Program, "### Program fields"), (City, "### City fields")])
def test_every_field_is_in_a_documented_table(model: type, heading: str) -> None:
    assert table_keys(heading) == set(model.model_fields)


def test_every_field_has_a_description() -> None:
    for model in (Program, City):
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name}"


def test_every_macro_is_documented() -> None:
    class Recorder:
        page = None

        def __init__(self) -> None:
            self.names: list[str] = []

        def macro(self, function):
            self.names.append(function.__name__)
            return function

    from macros import define_env

    recorder = Recorder()
    define_env(recorder)
    documented = {name for text in DOCUMENTS for name in re.findall(r"^\| `\{\{ ([a-z_]+)\(", text, flags=re.MULTILINE)}
    assert set(recorder.names) == documented


def test_the_portal_guide_names_every_command_it_documents() -> None:
    # Each `make` target and `python -m macros` command the guide names exists.
    guide = GUIDE["portal.md"]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for target in set(re.findall(r"`(?:CITY=<slug> )?make ([a-z-]+)", guide)):
        assert re.search(rf"^{target}:", makefile, flags=re.MULTILINE), target
    from macros.__main__ import main

    for command in set(re.findall(r"`python -m macros ([a-z-]+)", guide)):
        with pytest.raises(SystemExit) as shown:
            main([command, "--help"])
        assert shown.value.code == 0, command
