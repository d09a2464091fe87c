"""The README and the maintainers' guide document every data field and every macro, so the docs cannot fall behind.

A field or macro is documented by a table row in the README or in a `guide/*.md` page,
under the same kind of heading (`### City fields…`, a table of `{{ macro() }}` rows).
"""

from __future__ import annotations

import re

import pytest

from macros.data.model import City, Program
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
DOCUMENTS = [README] + [path.read_text(encoding="utf-8") for path in sorted((REPO / "guide").glob("*.md"))]


def table_keys(heading: str) -> set[str]:
    keys: set[str] = set()
    for document in DOCUMENTS:
        for section in document.split(heading)[1:]:
            keys |= set(re.findall(r"^\| `([a-z_]+)` \|", section.split("\n#", 1)[0], flags=re.MULTILINE))
    return keys


@pytest.mark.parametrize(("model", "heading"), [(Program, "### Program fields"), (City, "### City fields")])
def test_every_field_is_in_the_readme_table(model: type, heading: str) -> None:
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
    documented = {
        name for document in DOCUMENTS for name in re.findall(r"^\| `\{\{ ([a-z_]+)\(", document, flags=re.MULTILINE)
    }
    assert set(recorder.names) == documented
