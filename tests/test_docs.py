"""The README documents every data field and every macro, and guide/mistakes.md every kind of
mistake with real messages, so the docs cannot fall behind."""

from __future__ import annotations

import re

import pytest

from macros.data.model import City, Program
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def table_keys(heading: str) -> set[str]:
    section = README.split(heading, 1)[1].split("\n#", 1)[0]
    return set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE))


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
    documented = set(re.findall(r"^\| `\{\{ ([a-z_]+)\(", README, flags=re.MULTILINE))
    assert set(recorder.names) == documented


MISTAKES = (REPO / "guide" / "mistakes.md").read_text(encoding="utf-8")


def test_the_mistakes_guide_shows_real_messages_of_both_kinds() -> None:
    from tests.test_bad_data import FIXTURES

    real = {line for path in (FIXTURES / "invalid").glob("*/expected.txt") for line in path.read_text().splitlines()}
    for heading in ("## Text that is refused", "## YAML syntax errors and what to write instead"):
        section = MISTAKES.split(heading, 1)[1].split("\n## ", 1)[0]
        examples = [
            line
            for block in re.findall(r"^```\n(.*?)^```", section, re.DOTALL | re.MULTILINE)
            for line in block.splitlines()
        ]
        assert examples, heading
        for line in examples:
            assert line in real, line


def test_the_mistakes_guide_has_a_row_for_every_yaml_mistake_of_the_corpus() -> None:
    from tests.test_bad_data import FIXTURES, MESSAGE_LINE

    section = MISTAKES.split("## YAML syntax errors and what to write instead", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| ")][1:]  # below the heading row
    said = [part.replace("\\|", "|") for row in rows for part in row[1].split(" / ")]
    messages = [
        MESSAGE_LINE.fullmatch(line)["message"]  # type: ignore[index]
        for case in sorted((FIXTURES / "invalid").glob("yaml-*"))
        for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines()[:-1]
    ]
    for words in said:  # the table quotes the messages as they are
        assert any(words in message for message in messages), words
    for message in messages:  # and has a row for each of them
        assert any(words in message for words in said), message
