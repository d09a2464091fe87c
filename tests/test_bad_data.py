"""The corpus of broken data: every case is a small data tree with its exact expected report.

`tests/fixtures/invalid/<case>/` holds `data/…` (and `docs/` where a case needs a page)
and `expected.txt`, the exact output of `python -m macros check --root <case>`; the
cases under `tests/fixtures/warnings/` are valid data whose warnings fail nothing.
Run one by hand with `python -m macros check --root tests/fixtures/invalid/<case>`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, build_site, make_project_from

FIXTURES = REPO / "tests" / "fixtures"
INVALID = sorted(path for path in (FIXTURES / "invalid").iterdir() if path.is_dir())
WARNINGS = sorted(path for path in (FIXTURES / "warnings").iterdir() if path.is_dir())
# "Today" for every case (2026-11-27), so that date warnings do not drift with the calendar.
TODAY_EPOCH = "1795737600"


def check_environment() -> dict[str, str]:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH}
    for name in ("CITY", "GITHUB_ACTIONS"):
        environment.pop(name, None)
    return environment


def run_check(root: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m macros check --root <root>` in a process of its own, as `make check` runs it."""
    return subprocess.run(
        [sys.executable, "-m", "macros", "check", "--root", str(root)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=check_environment(),
        timeout=120,
        check=False,
    )


def expected(case: Path) -> list[str]:
    return (case / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_the_corpus_covers_at_least_thirty_mistakes() -> None:
    assert len(INVALID) >= 30
    for case in INVALID + WARNINGS:
        assert (case / "expected.txt").is_file(), case
        assert list((case / "data").rglob("*")), case


@pytest.mark.parametrize("case", INVALID, ids=lambda path: path.name)
def test_each_mistake_is_reported_exactly_and_fails_the_check(case: Path, tmp_path: Path) -> None:
    result = run_check(case, tmp_path)
    assert result.stdout.splitlines() == expected(case)
    assert result.returncode == 1
    assert result.stderr == ""  # no traceback, no crash


@pytest.mark.parametrize("case", WARNINGS, ids=lambda path: path.name)
def test_each_warning_is_reported_exactly_and_fails_nothing(case: Path, tmp_path: Path) -> None:
    result = run_check(case, tmp_path)
    lines = expected(case)
    assert result.stdout.splitlines() == lines
    assert result.returncode == 0
    assert result.stderr == ""
    assert all(": warning: " in line for line in lines[:-1]) and len(lines) > 1


def test_every_message_reads_position_field_message() -> None:
    for case in INVALID + WARNINGS:
        *problems, summary = expected(case)
        assert problems == sorted(problems, key=_sort_key), case
        for line in problems:
            path, line_number, column, rest = line.split(":", 3)
            assert path.startswith(("data/", "mkdocs.yml")) and int(line_number) >= 1 and int(column) >= 1, line
            field, message = rest.removeprefix(" warning:").split(": ", 1)
            assert field.strip() and ";" in message, line  # what is wrong; what to do
        assert summary.startswith(("Data OK:", f"{sum(': warning: ' not in p for p in problems)} error")), case


def _sort_key(line: str) -> tuple[str, int, int]:
    path, line_number, column, _ = line.split(":", 3)
    return path, int(line_number), int(column)


def _unsafe_load_command(file: Path) -> list[str]:
    code = "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.UnsafeLoader)"
    return [sys.executable, "-c", code, str(file)]


def test_a_python_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    case = FIXTURES / "invalid" / "python-object-tag"
    program_file = case / "data" / "programs" / "contoh" / "gov-01.yml"
    # The payload is live: PyYAML's unsafe loader runs `touch pwned.txt` in its working folder.
    live = tmp_path / "live"
    live.mkdir()
    subprocess.run(_unsafe_load_command(program_file), cwd=live, capture_output=True, check=False, timeout=60)
    assert (live / "pwned.txt").exists()

    checked = tmp_path / "checked"
    checked.mkdir()
    result = run_check(case, checked)
    assert "the YAML tag `!!python/object/apply:os.system` is not allowed" in result.stdout
    assert not (checked / "pwned.txt").exists()
    assert list(checked.iterdir()) == []


def test_the_build_stops_with_the_same_list_and_keeps_the_last_site(tmp_path: Path) -> None:
    for name in ("errors-in-several-files", "duplicate-ids", "python-object-tag", "alias-bomb", "not-utf8"):
        case = FIXTURES / "invalid" / name
        project = make_project_from(tmp_path / name, case)
        site = tmp_path / f"{name}-site"
        site.mkdir()
        (site / "index.html").write_text("the last good site", encoding="utf-8")
        result = build_site(project, site, env={"SOURCE_DATE_EPOCH": TODAY_EPOCH})
        assert result.returncode != 0, name
        assert "Traceback" not in result.stderr + result.stdout, name
        assert "\n".join(expected(case)) in result.stderr, name
        assert not (project / "pwned.txt").exists()
        assert [path.name for path in site.iterdir()] == ["index.html"], name  # nothing published or wiped


def test_the_guide_shows_real_messages() -> None:
    section = (REPO / "guide" / "mistakes.md").read_text(encoding="utf-8")
    run, examples = re.findall(r"^```\n(.*?)^```", section, re.DOTALL | re.MULTILINE)
    assert run.splitlines() == expected(FIXTURES / "invalid" / "errors-in-several-files")
    real = {line for case in INVALID + WARNINGS for line in expected(case)}
    for line in examples.splitlines():
        assert line in real, line


def test_the_readme_shows_real_messages() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Fixing mistakes", 1)[1].split("\n## ", 1)[0]
    (shown,) = re.findall(r"^```\n(.*?)^```", section, re.DOTALL | re.MULTILINE)
    real = {line for case in INVALID + WARNINGS for line in expected(case)}
    assert [line for line in shown.splitlines() if line not in real] == []
