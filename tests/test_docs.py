"""The guide documents every data field, every macro and every kind of mistake with real
messages, so the docs cannot fall behind; the README stays a newcomer's page whose commands are real."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from macros.data.plan.model import City, Program
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
DOCUMENTS = [README] + [path.read_text(encoding="utf-8") for path in sorted((REPO / "guide").glob("*.md"))]


def table_keys(heading: str) -> set[str]:
    keys: set[str] = set()
    for document in DOCUMENTS:
        for section in document.split(heading)[1:]:
            keys |= set(re.findall(r"^\| `([a-z_]+)` \|", section.split("\n#", 1)[0], flags=re.MULTILINE))
    return keys


GUIDE = REPO / "guide"


@pytest.mark.parametrize(("model", "heading"), [(Program, "### Program fields"), (City, "### City fields")])
def test_every_field_is_in_the_guide_table(model: type, heading: str) -> None:
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


def test_the_readme_is_short_and_starting_a_city_comes_first() -> None:
    lines = README.splitlines()
    assert len(lines) < 250
    assert lines.index("## Start your own city") < 80


def test_every_make_command_the_readme_names_exists() -> None:
    targets = set(re.findall(r"`make ([a-z-]+)", README)) | set(re.findall(r"^make ([a-z-]+)", README, re.MULTILINE))
    assert {"serve", "test", "new-city", "check", "site"} <= targets
    for target in sorted(targets):
        dry_run = subprocess.run(["make", "-n", target], cwd=REPO, capture_output=True, text=True, check=False)
        assert dry_run.returncode == 0, f"make {target}: {dry_run.stderr}"


def test_every_link_of_the_readme_and_the_guide_points_at_a_file_that_exists() -> None:
    for document in [REPO / "README.md", *sorted(GUIDE.glob("*.md"))]:
        text = document.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if "://" in target or target.startswith("mailto:"):
                continue
            assert (document.parent / target).exists(), f"{document.name}: {target}"


def test_the_spreadsheet_guide_lists_every_sheet_with_its_columns() -> None:
    from macros.data.workbook.layout import SHEETS

    guide = (GUIDE / "spreadsheets.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\w+) \| [^|]+ \| ([^|]+) \|$", guide, flags=re.MULTILINE))
    for sheet in SHEETS:
        assert rows[sheet.name].strip().split(", ") == [column.header for column in sheet.columns], sheet.name


def test_every_message_the_spreadsheet_guide_shows_comes_from_the_test_corpus() -> None:
    from tests.test_import_errors import MESSAGES

    guide = (GUIDE / "spreadsheets.md").read_text(encoding="utf-8")
    shown, in_block = [], False
    for line in guide.splitlines():
        if line.startswith("```"):
            in_block = not in_block
        elif in_block and re.match(r"^(plan\.xlsx|program\.csv):", line):
            shown.append(line)
    assert len(shown) >= 20
    assert [line for line in shown if line not in MESSAGES] == []


MISTAKES = (REPO / "guide" / "mistakes.md").read_text(encoding="utf-8")


def test_the_mistakes_guide_shows_real_messages_of_both_kinds() -> None:
    from tests.test_bad_data import FIXTURES

    real = {line for path in (FIXTURES / "invalid").glob("*/expected.en.txt") for line in path.read_text().splitlines()}
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
        for line in (case / "expected.en.txt").read_text(encoding="utf-8").splitlines()[:-1]
    ]
    for words in said:  # the table quotes the messages as they are
        assert any(words in message for message in messages), words
    for message in messages:  # and has a row for each of them
        assert any(words in message for words in said), message


def test_the_guide_on_citizens_names_what_it_covers() -> None:
    guide = (GUIDE / "citizens.md").read_text(encoding="utf-8")
    for subject in ("Search on a slow connection", "Agencies by the names citizens use", "`agencies:`", "Printing"):
        assert subject in guide, subject


# ---------------------------------------------------------------- guide/reports.md and guide/history.md


def test_the_reports_guide_lists_every_form_field_and_output_file() -> None:
    from macros.data.reports.form import form_fields

    guide = (GUIDE / "reports.md").read_text(encoding="utf-8")
    for field in form_fields(several_regions=True):
        assert f"| `{field.id}` | {field.label} |" in guide, field
    for name in ("result", "comment.md", "title.txt", "body.md", "commit.txt", "branch.txt", "files.txt"):
        assert f"`{name}`" in guide, name


def test_the_reports_guide_example_runs_as_written(tmp_path: Path) -> None:
    guide = (GUIDE / "reports.md").read_text(encoding="utf-8")
    block = guide.split("on a copy of the data it reports on:\n\n```sh\n", 1)[1].split("```", 1)[0]
    script = block.replace("/tmp/laporan", str(tmp_path / "laporan")).replace("python -m", f"{sys.executable} -m")
    # Today is a day after the report's date, whatever the clock or the environment says.
    after_the_report = {**os.environ, "SOURCE_DATE_EPOCH": str(int(datetime(2025, 6, 1, tzinfo=UTC).timestamp()))}
    statuses = [
        subprocess.run(
            ["bash", "-c", line.split("  #")[0]],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
            env=after_the_report,
        )
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


def test_the_portal_guide_names_every_command_it_documents() -> None:
    # Each `make` target and `python -m macros` command the guide names exists.
    guide = (GUIDE / "portal.md").read_text(encoding="utf-8")
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for target in set(re.findall(r"`(?:CITY=<slug> )?make ([a-z-]+)", guide)):
        assert re.search(rf"^{target}:", makefile, flags=re.MULTILINE), target
    from macros.__main__ import main

    for command in set(re.findall(r"`python -m macros ([a-z-]+)", guide)):
        with pytest.raises(SystemExit) as shown:
            main([command, "--help"])
        assert shown.value.code == 0, command


# ---------------------------------------------------------------- the Indonesian README and guide pages

INDONESIAN_PAGES = ("data", "mistakes", "spreadsheets", "reports", "publishing")
README_ID = REPO / "README.id.md"


def test_the_readme_opens_with_the_indonesian_one_which_starts_in_the_browser() -> None:
    assert "[README.id.md](README.id.md)" in "\n".join(README.splitlines()[:5])
    text = README_ID.read_text(encoding="utf-8")
    first_screen = "\n".join(text.splitlines()[:25])
    assert "*[English](README.md)*" in first_screen
    # A first screen in Indonesian: GitHub's own menu names (in *italics*) and code aside.
    words = re.sub(r"\*[^*]+\*|`[^`]+`", "", first_screen.replace("**", ""))
    for english in (" the ", " and ", " with "):
        assert english not in words, english
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings.index("Lewat peramban (tanpa memasang apa pun)") < headings.index("Lewat terminal")


@pytest.mark.parametrize("name", INDONESIAN_PAGES)
def test_each_indonesian_guide_page_and_its_english_twin_link_each_other(name: str) -> None:
    indonesian = (GUIDE / "id" / f"{name}.md").read_text(encoding="utf-8")
    english = (GUIDE / f"{name}.md").read_text(encoding="utf-8")
    assert f"*[English](../{name}.md)*" in "\n".join(indonesian.splitlines()[:3])
    assert f"*[Bahasa Indonesia](id/{name}.md)*" in "\n".join(english.splitlines()[:3])


def test_every_link_of_the_indonesian_readme_and_guide_points_at_a_file_that_exists() -> None:
    for document in [README_ID, *sorted((GUIDE / "id").glob("*.md"))]:
        text = document.read_text(encoding="utf-8")
        links = re.findall(r"\]\(([^)#\s]+)(#[^)]*)?\)", text)
        assert links, document.name
        for target, anchor in links:
            if "://" in target or target.startswith("mailto:"):
                continue
            assert (document.parent / target).exists(), f"{document.name}: {target}"
            if anchor and target.endswith(".md"):  # a heading of the English page, as GitHub makes its anchor
                headings = re.findall(r"^#+ (.+)$", (document.parent / target).read_text(encoding="utf-8"), re.M)
                slugs = {re.sub(r"[^\w\- ]", "", heading).strip().lower().replace(" ", "-") for heading in headings}
                assert anchor[1:] in slugs, f"{document.name}: {target}{anchor}"


def test_the_indonesian_data_page_lists_every_field() -> None:
    page = (GUIDE / "id" / "data.md").read_text(encoding="utf-8")
    for model, heading in ((Program, "### Isian program"), (City, "### Isian profil daerah")):
        section = page.split(heading, 1)[1].split("\n#", 1)[0]
        assert set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)) == set(model.model_fields)


def test_the_indonesian_pages_show_real_indonesian_messages() -> None:
    from tests.test_bad_data import FIXTURES, INVALID, WARNINGS, expected

    real = {line for case in INVALID + WARNINGS for line in expected(case, "id")}
    mistakes = (GUIDE / "id" / "mistakes.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```\n(.*?)^```", mistakes, re.DOTALL | re.MULTILINE)
    assert blocks[0].splitlines() == expected(FIXTURES / "invalid" / "errors-in-several-files", "id")
    readme = README_ID.read_text(encoding="utf-8").split("## Memperbaiki kesalahan", 1)[1]
    blocks += re.findall(r"^```\n(.*?)^```", readme.split("\n## ", 1)[0], re.DOTALL | re.MULTILINE)
    shown = [line for block in blocks[1:] for line in block.splitlines()]
    assert len(shown) >= 20
    assert [line for line in shown if line not in real] == []
