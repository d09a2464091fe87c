"""A value cut at a comma inside `{…}` is named as it was typed (macros.data.plan.cut_values).

The corpus case `commas-inside-braces` holds the messages in both languages; these tests hold
the edges: what is not a cut value keeps the reader's and the schema's own messages.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from macros.data.plan.cut_values import find_cut_figure
from macros.data.plan.messages import problems_from
from macros.data.plan.model import Program
from macros.data.plan.read import ReadFailed, read_text


def _schema_problems(text: str) -> list[str]:
    """The problems of a program's indicators that the schema finds in `text` (its other fields left aside)."""
    document = read_text(text, "gov-01.yml")
    try:
        Program.model_validate(document.data)
    except ValidationError as error:
        problems = problems_from(error, document, Program)
    else:
        problems = []
    return [f"{p.line}:{p.column}: {p.field}: {p.message}" for p in problems if p.field.startswith("indicators")]


def _problem(text: str) -> str:
    with pytest.raises(ReadFailed) as failed:
        read_text(text, "gov-01.yml")
    problem = failed.value.problem
    return f"{problem.line}:{problem.column}: {problem.field}: {problem.message}"


@pytest.mark.parametrize(
    ("line", "written", "figure"),
    [
        ("  - {year: 2025, amount: 1,5 miliar, source: APBD}", "1,5 miliar", "amount: 1500000000"),
        ("  - {year: 2025, amount: 1,500,000,000, source: APBD}", "1,500,000,000", "amount: 1500000000"),
        ("  - {year: 2025, amount: Rp 750 ,000 ,000}", "Rp 750 ,000 ,000", "amount: 750000000"),
        ("  - {name: Akses, unit: persen, target: 92,5, year: 2026}", "92,5", "target: 92.5"),
    ],
)
def test_a_figure_cut_at_its_comma_names_the_figure_to_write(
    monkeypatch: pytest.MonkeyPatch, line: str, written: str, figure: str
) -> None:
    monkeypatch.setenv("RENCANA_LANG", "en")
    said = _problem(f"budget:\n{line}\n")
    assert said.startswith("2:"), said
    assert f"`{written}` is cut at its comma" in said
    assert said.endswith(f"write `{figure}`"), said


def test_a_text_cut_at_its_comma_is_told_to_go_in_quotes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RENCANA_LANG", "en")
    said = _schema_problems('indicators:\n  - {name: Warga "aktif", UMKM, baru, unit: orang, target: 5, year: 2026}\n')
    # Once, where the text starts, for both pieces; what the message proposes reads back as the whole text.
    assert said == [
        "2:12: indicators[0].name: `UMKM` has no key: inside `{…}` a comma separates entries, "
        """so 'Warga "aktif", UMKM, baru' is cut; if the comma belongs to `name`, put it in quotes: """
        """`name: 'Warga "aktif", UMKM, baru'`"""
    ]
    assert yaml.safe_load("""name: 'Warga "aktif", UMKM, baru'""") == {"name": 'Warga "aktif", UMKM, baru'}


def test_a_key_the_schema_knows_is_not_taken_for_a_piece_of_text() -> None:
    """`{unit: orang, baseline}` is a baseline left empty, as YAML reads it, and valid."""
    assert _schema_problems("indicators:\n  - {name: Warga, unit: orang, baseline, target: 5, year: 2026}\n") == []


@pytest.mark.parametrize(
    "text",
    [
        "budget:\n  - {year: 2025, amount: 5, APBD}\n",  # a number, then a word: a key left out, more likely
        "budget:\n  - {year: 2025, amount: 5, 6: 7}\n",  # a key with its colon is a key
        "budget:\n  - {year: 2025, amount: '1', 5}\n",  # a quoted value was not cut
        "budget:\n  - {year: 2025, amount: 1,\n      5 miliar}\n",  # across lines: no one-line message can show it
        "budget:\n  - year: 2025\n    amount: 1,5 miliar\n",  # no braces: the comma is in the text
    ],
)
def test_what_is_not_a_cut_value_is_left_to_the_other_messages(text: str) -> None:
    mapping = _first_item(text)
    assert find_cut_figure(text, mapping) is None


def test_pyyaml_and_libyaml_nodes_are_read_alike() -> None:
    """libyaml marks a plain scalar's style "", PyYAML's own composer None: both are plain."""
    text = "budget:\n  - {year: 2025, amount: 1,5 miliar}\n"
    cut = find_cut_figure(text, _first_item(text, yaml.SafeLoader))  # the pure-Python composer
    assert cut is not None
    assert cut.key.value == "amount"


# The reader's composer: libyaml's where PyYAML was built with it (macros.data.plan.read).
_READER_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _first_item(text: str, loader: Any = _READER_LOADER) -> yaml.MappingNode:
    node = yaml.compose(text, Loader=loader)
    assert isinstance(node, yaml.MappingNode)
    item = node.value[0][1].value[0]
    assert isinstance(item, yaml.MappingNode)
    return item
