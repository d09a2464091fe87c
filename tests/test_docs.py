"""The README and the maintainers' guide document every data field and every macro, so the docs cannot fall behind.

A field or macro is documented by a table row in the README or in a `guide/*.md` page,
under the same kind of heading (`### City fields…`, a table of `{{ macro() }}` rows).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

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


# ---------------------------------------------------------------- guide/reports.md and guide/history.md

GUIDE = REPO / "guide"


def test_the_reports_guide_lists_every_form_field_and_output_file() -> None:
    from macros.data.report_form import form_fields

    guide = (GUIDE / "reports.md").read_text(encoding="utf-8")
    for field in form_fields(several_regions=True):
        assert f"| `{field.id}` | {field.label} |" in guide, field
    for name in ("result", "comment.md", "title.txt", "body.md", "commit.txt", "branch.txt", "files.txt"):
        assert f"`{name}`" in guide, name


def test_the_reports_guide_example_runs_as_written(tmp_path: Path) -> None:
    guide = (GUIDE / "reports.md").read_text(encoding="utf-8")
    block = guide.split("on a copy of the data it reports on:\n\n```sh\n", 1)[1].split("```", 1)[0]
    script = block.replace("/tmp/laporan", str(tmp_path / "laporan")).replace("python -m", f"{sys.executable} -m")
    statuses = [
        subprocess.run(["bash", "-c", line.split("  #")[0]], cwd=REPO, capture_output=True, text=True, check=False)
        for line in script.strip().splitlines()
    ]
    assert [status.returncode for status in statuses] == [0, 0, 1], [s.stdout + s.stderr for s in statuses]
    assert '>     done: "2025-03-02"' in statuses[2].stdout


def test_the_history_guide_gives_the_numbers_the_code_uses() -> None:
    from macros.publish.feed import FEED_ENTRIES
    from macros.render.history import LATEST_CHANGES

    guide = (GUIDE / "history.md").read_text(encoding="utf-8")
    assert f"the latest {LATEST_CHANGES} changes across the plan" in guide
    assert f"the latest {FEED_ENTRIES} changes as an Atom feed" in guide
