"""Reading keeps every scalar's type when the tags of short values come from memory."""

from __future__ import annotations

from pathlib import Path

import yaml

from macros.data.plan.read import read_document

TEXT = """\
id: GOV-01
year: 2024
share: 0.5
done: true
maybe: yes
nothing: null
tilde: ~
quoted: "2024"
date: 2024-03-01
long: Sebuah teks yang panjangnya lebih dari empat puluh karakter agar tidak diingat
2024: key as a number
list: [1, "1", one, 1.0, false, "false"]
"""


def test_types_are_the_same_on_a_second_read_as_with_pyyaml(tmp_path: Path) -> None:
    file = tmp_path / "p.yml"
    file.write_text(TEXT, encoding="utf-8")
    first = read_document(file, "p.yml").data
    second = read_document(file, "p.yml").data  # now the short values' tags are remembered
    expected = yaml.safe_load(TEXT)
    expected["date"] = "2024-03-01"  # dates stay text: the model parses them
    for data in (first, second):
        assert data == expected
        assert [type(value) for value in data.values()] == [type(value) for value in expected.values()]
        assert [type(item) for item in data["list"]] == [int, str, str, float, bool, str]
