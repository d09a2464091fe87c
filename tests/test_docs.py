"""The README and the maintainers' guide document every data field and every macro, so the docs cannot fall behind."""

from __future__ import annotations

import re

import pytest

from macros.data.model import City, Program
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
GUIDE = {path.name: path.read_text(encoding="utf-8") for path in sorted((REPO / "guide").glob("*.md"))}


def table_keys(text: str, heading: str) -> set[str]:
    """The keys of the field table under `heading` in `text`, if it has that heading."""
    if heading not in text:
        return set()
    section = text.split(heading, 1)[1].split("\n#", 1)[0]
    return set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE))


@pytest.mark.parametrize(("model", "heading"), [(Program, "### Program fields"), (City, "### City fields")])
def test_every_field_is_in_a_field_table_of_the_readme_or_the_guide(model: type, heading: str) -> None:
    readme = table_keys(README, heading)
    guide = {name: table_keys(text, heading) for name, text in GUIDE.items()}
    documented = readme.union(*guide.values())
    assert documented == set(model.model_fields)
    assert readme  # the README keeps its reference table


def test_the_guide_on_citizens_names_what_it_covers() -> None:
    guide = GUIDE["citizens.md"]
    for subject in ("Search on a slow connection", "Agencies by the names citizens use", "`agencies:`", "Printing"):
        assert subject in guide, subject


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
    documented = set(re.findall(r"^\| `\{\{ ([a-z_]+)\(", README, flags=re.MULTILINE))
    assert set(recorder.names) == documented
