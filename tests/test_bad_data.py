"""The corpus of broken data: every case is a small data tree with its exact expected report.

`tests/fixtures/invalid/<case>/` holds `data/…` (and `docs/` where a case needs a page)
and the exact output of `python -m macros check --root <case>` in each language:
`expected.id.txt` (the default) and `expected.en.txt` (`RENCANA_LANG=en`). The cases
under `tests/fixtures/warnings/` are valid data whose warnings fail nothing.
Run one by hand with `python -m macros check --root tests/fixtures/invalid/<case>`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, build_site, macros_here, make_project_from

FIXTURES = REPO / "tests" / "fixtures"
INVALID = sorted(path for path in (FIXTURES / "invalid").iterdir() if path.is_dir())
WARNINGS = sorted(path for path in (FIXTURES / "warnings").iterdir() if path.is_dir())
LANGUAGES = ("id", "en")
# "Today" for every case (2026-11-27), so that date warnings do not drift with the calendar.
TODAY_EPOCH = "1795737600"


def check_environment(language: str | None = "en") -> dict[str, str]:
    """The environment of a check; `language` None leaves `RENCANA_LANG` unset (Indonesian, the default)."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH}
    for name in ("CITY", "GITHUB_ACTIONS", "RENCANA_LANG"):
        environment.pop(name, None)
    if language is not None:
        environment["RENCANA_LANG"] = language
    return environment


def run_check(root: Path, cwd: Path, language: str | None = "en") -> subprocess.CompletedProcess[str]:
    """`python -m macros check --root <root>`, as `make check` runs it (in this process: see `macros_here`)."""
    return macros_here(["check", "--root", str(root)], env=check_environment(language), cwd=cwd)


def expected(case: Path, language: str = "en") -> list[str]:
    return (case / f"expected.{language}.txt").read_text(encoding="utf-8").splitlines()


def _heads(lines: list[str]) -> list[str]:
    """`path:line:column: field` of each problem line, the part no language changes."""
    return [MESSAGE_LINE.fullmatch(line).expand(r"\g<path>:\g<line>:\g<column>: \g<field>") for line in lines]  # type: ignore[union-attr]


def test_the_corpus_covers_at_least_sixty_mistakes() -> None:
    assert len(INVALID) >= 60
    for case in INVALID + WARNINGS:
        assert list((case / "data").rglob("*")), case


@pytest.mark.parametrize("case", INVALID + WARNINGS, ids=lambda path: path.name)
def test_every_case_has_the_same_lines_in_indonesian_and_english(case: Path) -> None:
    """A rule whose line is missing in either language fails here, before any check runs."""
    assert sorted(path.name for path in case.glob("expected*")) == ["expected.en.txt", "expected.id.txt"]
    indonesian, english = expected(case, "id"), expected(case, "en")
    assert len(indonesian) == len(english)
    assert _heads(indonesian[:-1]) == _heads(english[:-1])
    for said, told in zip(indonesian[:-1], english[:-1], strict=True):
        assert said != told, said  # the words around the values are translated


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", INVALID, ids=lambda path: path.name)
def test_each_mistake_is_reported_exactly_and_fails_the_check(case: Path, language: str, tmp_path: Path) -> None:
    result = run_check(case, tmp_path, language=None if language == "id" else language)
    assert result.stdout.splitlines() == expected(case, language)
    assert result.returncode == 1
    assert result.stderr == ""  # no traceback, no crash


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", WARNINGS, ids=lambda path: path.name)
def test_each_warning_is_reported_exactly_and_fails_nothing(case: Path, language: str, tmp_path: Path) -> None:
    result = run_check(case, tmp_path, language=None if language == "id" else language)
    lines = expected(case, language)
    assert result.stdout.splitlines() == lines
    assert result.returncode == 0
    assert result.stderr == ""
    assert all(MESSAGE_LINE.fullmatch(line)["warning"] for line in lines[:-1]) and len(lines) > 1  # type: ignore[index]


def test_make_check_speaks_indonesian_by_default_and_english_on_request(tmp_path: Path) -> None:
    """Through the real `make check`, in a checkout that holds a mistake (this repository's venv)."""
    case = FIXTURES / "invalid" / "period-start-after-end"
    project = make_project_from(tmp_path / "project", case)
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "pyproject.toml", ".venv"):
        (project / name).symlink_to(REPO / name)
    for language in LANGUAGES:
        result = subprocess.run(
            ["make", "--no-print-directory", "-o", ".venv/.installed", "check"],
            cwd=project,
            capture_output=True,
            text=True,
            env=check_environment(None if language == "id" else language),
            timeout=120,
            check=False,
        )
        assert result.returncode != 0
        assert "\n".join(expected(case, language)) in result.stdout, language


# `path:line:column: field: message`: a field is `(file)`, `(yaml)` or `(folder)`, else names joined by `.`
# with `[index]`; a name that is not a plain word is written in double quotes with its escapes.
_NAME = r'(?:[\w-]+(?: [\w-]+)*|"(?:[^"\\\x00-\x1f]|\\.)*")(?:\[\d+\])*'
MESSAGE_LINE = re.compile(
    rf"(?P<path>data/[^:]+|mkdocs\.yml):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): (?P<warning>warning: |peringatan: )?"
    rf"(?P<field>\((?:file|yaml|folder)\)|{_NAME}(?:\.{_NAME})*): (?P<message>.+)"
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_reads_position_field_message(language: str) -> None:
    ok, error = {"id": ("Data baik:", "galat"), "en": ("Data OK:", "error")}[language]
    for case in INVALID + WARNINGS:
        *problems, summary = expected(case, language)
        assert problems == sorted(problems, key=_sort_key), case
        errors = 0
        for line in problems:
            match = MESSAGE_LINE.fullmatch(line)
            assert match, line
            assert ";" in match["message"], line  # what is wrong; what to do
            assert all(character.isprintable() for character in line), ascii(line)  # no raw control character
            errors += not match["warning"]
        assert summary.startswith((ok, f"{errors} {error}")), case


@pytest.mark.parametrize("language", LANGUAGES)
def test_expected_files_hold_no_raw_control_character(language: str) -> None:
    for case in INVALID + WARNINGS:
        text = (case / f"expected.{language}.txt").read_text(encoding="utf-8")
        assert text.splitlines() == text.split("\n")[:-1], case  # no line break but `\n`, none inside a line
        assert all(character.isprintable() for character in text.replace("\n", "")), case


# Every error that libyaml 0.2.5 (inside PyYAML's wheel) and PyYAML's composer can raise for a text
# file (`did not find expected <stream-start>` cannot happen; bytes are decoded before libyaml sees them).
LIBYAML_PROBLEMS = {
    "found character that cannot start any token",
    "could not find expected ':'",
    "block sequence entries are not allowed in this context",
    "mapping keys are not allowed in this context",
    "mapping values are not allowed in this context",
    "found unknown directive name",
    "did not find expected comment or line break",
    "could not find expected directive name",
    "found unexpected non-alphabetical character",
    "did not find expected digit or '.' character",
    "found extremely long version number",
    "did not find expected version number",
    "did not find expected whitespace",
    "did not find expected whitespace or line break",
    "did not find expected alphabetic or numeric character",
    "did not find the expected '>'",
    "did not find expected '!'",
    "did not find expected tag URI",
    "did not find URI escaped octet",
    "found an incorrect leading UTF-8 octet",
    "found an incorrect trailing UTF-8 octet",
    "found an indentation indicator equal to 0",
    "found a tab character where an indentation space is expected",
    "found unexpected document indicator",
    "found unexpected end of stream",
    "found unknown escape character",
    "did not find expected hexdecimal number",
    "found invalid Unicode character escape code",
    "found unexpected ':'",
    "found a tab character that violates indentation",
    "did not find expected <document start>",
    "found undefined tag handle",
    "did not find expected node content",
    "did not find expected '-' indicator",
    "did not find expected key",
    "did not find expected ',' or ']'",
    "did not find expected ',' or '}'",
    "found duplicate %YAML directive",
    "found incompatible YAML document",
    "found duplicate %TAG directive",
    "found undefined alias",
    "second occurrence",  # of an anchor
    "but found another document",
}


def test_every_libyaml_error_has_a_case_and_is_worded_for_maintainers() -> None:
    raised: dict[str, list[Path]] = {}
    for case in INVALID:
        for file in sorted((case / "data").rglob("*.yml")):
            try:
                yaml.compose(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            except yaml.MarkedYAMLError as error:
                raised.setdefault(str(error.problem), []).append(file)
            except (yaml.YAMLError, UnicodeDecodeError):
                continue
    assert set(raised) == LIBYAML_PROBLEMS, set(raised) ^ LIBYAML_PROBLEMS
    for problem, files in raised.items():
        for file in files:
            case = next(case for case in INVALID if case in file.parents)
            shown = file.relative_to(case).as_posix()
            lines = [line for line in expected(case) if line.startswith(f"{shown}:")]
            assert len(lines) == 1, shown
            assert problem not in lines[0] and "YAML syntax error" not in lines[0], lines[0]


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


@pytest.mark.slow
def test_the_build_stops_with_the_same_list_and_keeps_the_last_site(tmp_path: Path) -> None:
    for name in ("errors-in-several-files", "duplicate-ids", "python-object-tag", "alias-bomb", "not-utf8"):
        case = FIXTURES / "invalid" / name
        project = make_project_from(tmp_path / name, case)
        site = tmp_path / f"{name}-site"
        site.mkdir()
        (site / "index.html").write_text("the last good site", encoding="utf-8")
        result = build_site(project, site, env={"SOURCE_DATE_EPOCH": TODAY_EPOCH, "RENCANA_LANG": "id"})
        assert result.returncode != 0, name
        assert "Traceback" not in result.stderr + result.stdout, name
        assert "\n".join(expected(case, "id")) in result.stderr, name
        assert not (project / "pwned.txt").exists()
        assert [path.name for path in site.iterdir()] == ["index.html"], name  # nothing published or wiped


def test_the_guide_shows_real_messages() -> None:
    section = (REPO / "guide" / "mistakes.md").read_text(encoding="utf-8").split("\n## ", 1)[0]
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


def test_a_check_the_messages_do_not_know_is_not_shown_in_pydantic_s_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pydantic check with no message of ours (a new version's) says what was found, in Indonesian."""
    from pydantic import BaseModel, ConfigDict, ValidationError, conlist

    from macros.data.plan.messages import problems_from
    from macros.data.plan.read import read_text

    class Short(BaseModel):
        model_config = ConfigDict(extra="forbid")
        tags: conlist(str, max_length=1)  # type: ignore[valid-type]  # pydantic's "too_long": no message of ours

    document = read_text("tags: [a, b]\n", "contoh.yml")
    with pytest.raises(ValidationError) as failed:
        Short.model_validate(document.data)
    assert failed.value.errors()[0]["type"] == "too_long"
    monkeypatch.delenv("RENCANA_LANG", raising=False)
    [problem] = problems_from(failed.value, document, Short)
    assert str(problem) == (
        "contoh.yml:1:7: tags: nilai ini tidak diterima, tertulis sebuah daftar; "
        "tulis seperti contoh isian ini di guide/id/data.md"
    )


def test_every_message_the_model_words_itself_is_shown_as_worded() -> None:
    """A check of macros.data.plan.model raising its own PydanticCustomError is listed among the kinds whose
    message `messages.py` passes on; one left out would reach maintainers as "this value is not accepted"."""
    from macros.data.plan import messages

    source = (REPO / "macros" / "data" / "plan" / "model.py").read_text(encoding="utf-8")
    raised = set(re.findall(r'PydanticCustomError\(\s*"([a-z_]+)"', source))
    assert raised, "the model raises messages of its own"
    assert raised <= messages._OWN_KINDS, raised - messages._OWN_KINDS
