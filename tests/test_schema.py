"""The JSON Schema of the data files: generated from the models, committed, used by editors."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from macros.__main__ import main
from macros.data.plan.load import city_files, program_files
from macros.data.plan.read import read_document
from tests.helpers import REPO, SAMPLE, city, make_project, program, run_macros

# Their assertions read the English twin of each message; test_bad_data checks both languages.
pytestmark = pytest.mark.usefixtures("english_messages")


SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def committed(name: str) -> dict:
    return json.loads((REPO / "data" / "schema" / name).read_text(encoding="utf-8"))


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path


def test_committed_schemas_are_current_so_check_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(REPO), "check"]) == 0
    assert "data/schema/" not in capsys.readouterr().out


def test_check_fails_on_a_stale_schema_and_names_the_command(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = project_copy / "data" / "schema" / "program.schema.json"
    stale.write_text(stale.read_text(encoding="utf-8").replace("Name of the program.", "Old text."), encoding="utf-8")
    (project_copy / "data" / "schema" / "city.schema.json").unlink()

    assert main(["--root", str(project_copy), "check"]) == 1
    out = capsys.readouterr().out
    assert (
        "data/schema/program.schema.json:1:1: (file): out of date with macros/data/plan/model.py; "
        "run `python -m macros schema` and commit it"
    ) in out
    assert "data/schema/city.schema.json:1:1: (file): missing; run `python -m macros schema` and commit it" in out


def test_schema_command_writes_what_check_expects(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(project_copy / "data" / "schema")
    (project_copy / "data" / "schema").mkdir()
    assert main(["--root", str(project_copy), "check"]) == 1
    assert main(["--root", str(project_copy), "schema"]) == 0
    assert main(["--root", str(project_copy), "check"]) == 0
    for name in ("program.schema.json", "city.schema.json"):
        assert (project_copy / "data" / "schema" / name).read_bytes() == (REPO / "data" / "schema" / name).read_bytes()


def test_schemas_are_valid_draft_07_with_every_field_described() -> None:
    for name in ("program.schema.json", "city.schema.json"):
        schema = committed(name)
        Draft7Validator.check_schema(schema)
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert "$defs" not in json.dumps(schema)  # draft-07 spells it `definitions`
        for field, spec in schema["properties"].items():
            assert spec.get("description"), f"{name}: {field} has no description"


SAMPLE_DATA = SAMPLE / "data"


def repository_data_files() -> list[Path]:
    """Every city and program file of this repository, whichever regions it holds."""
    cities = city_files(REPO)
    return [*cities.values(), *(file for slug in cities for file in program_files(REPO, slug))]


def sample_data_files() -> list[Path]:
    """Every city and program file of the sample fixture region (never the repository's own data:
    whether a maintainer writes the schema line is for `make check` to say, as a warning)."""
    cities = city_files(SAMPLE)
    return [*cities.values(), *(file for slug in cities for file in program_files(SAMPLE, slug))]


def test_the_sample_files_point_at_a_schema_that_accepts_them() -> None:
    files = sample_data_files()
    assert len(files) > len(city_files(SAMPLE)) >= 1  # a region and at least one program
    for file in files:
        first_line = file.read_text(encoding="utf-8").splitlines()[0]
        match = SCHEMA_LINE.match(first_line)
        assert match, f"{file}: no `# yaml-language-server: $schema=…` first line"
        # The same folders as a project's data/: the line resolves to data/schema/ there.
        schema_path = (REPO / "data" / file.parent.relative_to(SAMPLE_DATA) / match.group(1)).resolve()
        assert schema_path.parent == (REPO / "data" / "schema").resolve(), file
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        # Read as the editor reads YAML 1.2: a date stays text.
        data = read_document(file, file.name).data
        errors = [error.message for error in Draft7Validator(schema).iter_errors(data)]
        assert errors == [], f"{file}: {errors}"


def test_a_file_without_the_schema_line_is_a_warning_of_check_never_an_error(tmp_path: Path) -> None:
    project = make_project(tmp_path, city(), [program("GOV-01"), program("GOV-02")])
    shutil.copytree(REPO / "data" / "schema", project / "data" / "schema")
    # As the README shows a program: no schema line. Another points at the wrong place.
    wrong = project / "data" / "programs" / "contoh" / "gov-02.yml"
    wrong.write_text("# yaml-language-server: $schema=schema.json\n" + wrong.read_text(encoding="utf-8"))
    result = run_macros(project, "check", env={"RENCANA_LANG": "en"})
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert (
        "data/programs/contoh/gov-01.yml:1:1: warning: (file): no schema line first; write "
        "`# yaml-language-server: $schema=../../schema/program.schema.json` as the first line so that editors "
        "check the file while you type"
    ) in lines
    assert (
        "data/programs/contoh/gov-02.yml:1:1: warning: (file): the schema line points at `schema.json`; write "
        "`# yaml-language-server: $schema=../../schema/program.schema.json`"
    ) in lines
    assert any(line.startswith("data/cities/contoh.yml:1:1: warning: (file): ") for line in lines)
    indonesian = run_macros(project, "check", env={"RENCANA_LANG": "id"})
    assert "baris skema tidak ada di baris pertama" in indonesian.stdout
    # Without data/schema/ the project has opted out of editor support: nothing to say.
    shutil.rmtree(project / "data" / "schema")
    assert "(file)" not in run_macros(project, "check").stdout


def test_the_schema_flags_the_mistakes_that_check_reports() -> None:
    validator = Draft7Validator(committed("program.schema.json"))
    bad = program(
        horizon="soon", titel="typo", milestones=[{"name": "Uji coba", "planned": "Juni 2025"}], reviewed="2026-13"
    )
    messages = sorted(error.message for error in validator.iter_errors(bad))
    assert any("'soon' is not one of" in message for message in messages)
    assert any("'titel' was unexpected" in message for message in messages)
    assert any("'Juni 2025' does not match" in message for message in messages)
    assert any("'2026-13' is not valid under any of the given schemas" in message for message in messages)


def test_schema_files_are_never_read_as_data() -> None:
    schema_folder = (REPO / "data" / "schema").resolve()
    read = repository_data_files()
    assert not [file for file in read if schema_folder in file.resolve().parents]
