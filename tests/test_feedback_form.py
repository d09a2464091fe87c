"""The issue form, the chooser config and the labelling workflow: valid, in step with the data, safe."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.data.plan.load import city_files
from macros.data.plan.model import City
from macros.publish.feedback_form import (
    CONFIG_PATH,
    FORM_PATH,
    PROGRAM_LABEL,
    REGION_LABEL,
    issue_template_files,
    write_files,
)
from tests.helpers import REPO, city, macros_here, make_project, program

# Their assertions read the English twin of each message; test_bad_data checks both languages.
pytestmark = pytest.mark.usefixtures("english_messages")


WORKFLOW = REPO / ".github" / "workflows" / "label-feedback.yml"
BIN = Path(sys.executable).parent


def run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, check=False, cwd=cwd)


def feedback_form(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return macros_here(["--root", str(root), "feedback-form", *arguments])


def validate(schema: str, file: Path) -> None:
    # The schemas ship inside check-jsonschema: this works offline.
    result = run(BIN / "check-jsonschema", "--builtin-schema", schema, file)
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------- the committed files


def test_committed_form_and_config_are_valid_issue_forms() -> None:
    validate("vendor.github-issue-forms", REPO / FORM_PATH)
    validate("vendor.github-issue-config", REPO / CONFIG_PATH)


def test_committed_form_is_up_to_date_with_the_data() -> None:
    result = feedback_form(REPO, "--check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_form_for_several_cities_without_site_address_is_valid(tmp_path: Path) -> None:
    cities = {
        "a": City.model_validate(
            city(
                name="Kota A",
                feedback={
                    "channels": [
                        {"name": "Surel", "url": "mailto:a@example.go.id"},
                        {"name": "Lapor *A*", "url": "https://lapor.example/a", "note": "Untuk warga [A]."},
                    ]
                },
            )
        ),
        "b": City.model_validate(city(name="Kota B")),
    }
    write_files(tmp_path, issue_template_files(cities, None))
    validate("vendor.github-issue-forms", tmp_path / FORM_PATH)
    validate("vendor.github-issue-config", tmp_path / CONFIG_PATH)
    chooser = yaml.safe_load((tmp_path / CONFIG_PATH).read_text(encoding="utf-8"))
    assert chooser["contact_links"] == [
        {"name": "Lapor *A* (Kota A)", "url": "https://lapor.example/a", "about": "Untuk warga [A]."},
    ]
    form = yaml.safe_load((tmp_path / FORM_PATH).read_text(encoding="utf-8"))
    assert "Kota A dan Kota B" in form["description"]


def test_form_asks_what_the_issue_says_and_applies_its_own_label() -> None:
    form = yaml.safe_load((REPO / FORM_PATH).read_text(encoding="utf-8"))
    assert form["labels"] == ["masukan"]
    fields = {element["id"]: element for element in form["body"] if element["type"] != "markdown"}
    assert fields["program"]["attributes"]["label"] == PROGRAM_LABEL
    assert fields["jenis"]["attributes"]["options"] == [
        "Pertanyaan",
        "Usulan",
        "Laporan kondisi lapangan",
        "Koreksi data",
    ]
    assert fields["pesan"]["validations"]["required"] is True
    assert fields["kontak"]["validations"]["required"] is False
    assert "halaman" in fields


# ---------------------------------------------------------------- kept in step with the data


def project_with_form(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "p", city(), [program()])
    assert feedback_form(project).returncode == 0
    return project


def test_check_fails_and_names_the_fix_when_the_city_changes(tmp_path: Path) -> None:
    project = project_with_form(tmp_path)
    assert feedback_form(project, "--check").returncode == 0
    city_file = project / "data" / "cities" / "contoh.yml"
    city_file.write_text(city_file.read_text(encoding="utf-8").replace("Kota Contoh", "Kota Baru"), encoding="utf-8")

    result = feedback_form(project, "--check")
    assert result.returncode == 1
    assert (
        ".github/ISSUE_TEMPLATE/masukan.yml: out of date with the data and mkdocs.yml; "
        "run `python -m macros feedback-form`"
    ) in result.stdout
    assert "Kota Baru" not in (project / FORM_PATH).read_text(encoding="utf-8")  # --check writes nothing

    assert feedback_form(project).returncode == 0
    assert "Kota Baru" in (project / FORM_PATH).read_text(encoding="utf-8")
    assert feedback_form(project, "--check").returncode == 0


def test_check_fails_when_the_form_was_edited_by_hand(tmp_path: Path) -> None:
    project = project_with_form(tmp_path)
    form = project / FORM_PATH
    form.write_text(form.read_text(encoding="utf-8").replace("id: program", "id: kode"), encoding="utf-8")
    assert feedback_form(project, "--check").returncode == 1


def test_check_fails_when_the_form_is_missing(tmp_path: Path) -> None:
    project = project_with_form(tmp_path)
    (project / CONFIG_PATH).unlink()
    result = feedback_form(project, "--check")
    assert result.returncode == 1
    assert ".github/ISSUE_TEMPLATE/config.yml: out of date" in result.stdout


def test_form_is_not_written_from_data_with_errors(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", city(), [program(status="done")])
    result = feedback_form(project)
    assert result.returncode == 1
    assert "data/programs/contoh/gov-01.yml:11:9: status: `done` is not allowed" in result.stdout
    assert not (project / FORM_PATH).exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_check_fails_while_the_form_is_out_of_date(tmp_path: Path) -> None:
    project = project_with_form(tmp_path)
    shutil.copy(REPO / "Makefile", project / "Makefile")
    venv = Path(sys.prefix)
    # This test's own environment stands in for .venv; -o keeps make from reinstalling it.
    make = ["make", "--no-print-directory", "-C", str(project), f"VENV={venv}", "-o", f"{venv}/.installed", "check"]
    assert run(*make).returncode == 0
    (project / FORM_PATH).write_text("name: stale\n", encoding="utf-8")
    result = run(*make)
    assert result.returncode != 0
    assert "run `python -m macros feedback-form`" in result.stdout


# ---------------------------------------------------------------- the labelling workflow


def test_workflow_is_valid_and_has_no_security_findings() -> None:
    validate("vendor.github-workflows", WORKFLOW)
    for persona in ("regular", "pedantic"):
        result = run(BIN / "zizmor", "--offline", f"--persona={persona}", WORKFLOW)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No findings" in result.stdout


def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_workflow_has_least_permissions_and_a_pinned_github_action() -> None:
    data = workflow()
    assert data["permissions"] == {}
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"issues": "write"}
    (step,) = job["steps"]
    action, _, ref = step["uses"].partition("@")
    assert action == "actions/github-script"
    assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref)
    # Nothing from the event is pasted into the script: it reads context.payload instead.
    assert "${{" not in step["with"]["script"]
    assert f"### {PROGRAM_LABEL}" in job["if"]


def form_body(answers: dict[str, str], newline: str = "\n", form_text: str | None = None) -> str:
    """An issue body as GitHub writes it from a form (the committed one unless given): each answer under its label."""
    form = yaml.safe_load((REPO / FORM_PATH).read_text(encoding="utf-8") if form_text is None else form_text)
    parts = []
    for element in form["body"]:
        if element["type"] == "markdown":
            continue
        value = answers.get(element["id"]) or "_No response_"
        parts.append(f"### {element['attributes']['label']}{newline}{newline}{value}")
    return (newline * 2).join(parts)


def run_workflow(
    tmp_path: Path,
    body: str,
    *,
    action: str = "opened",
    labels: tuple[str, ...] = (),
    existing: tuple[str, ...] = ("masukan",),
) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    (step,) = next(iter(workflow()["jobs"].values()))["steps"]
    script = tmp_path / "script.js"
    script.write_text(step["with"]["script"], encoding="utf-8")
    event = tmp_path / "event.json"
    payload = {"action": action, "issue": {"number": 41, "body": body, "labels": [{"name": n} for n in labels]}}
    event.write_text(json.dumps({"payload": payload, "existing_labels": list(existing)}), encoding="utf-8")
    result = run(node, Path(__file__).with_name("github_script_harness.js"), script, event)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def added(outcome: dict[str, Any]) -> list[str]:
    return [label for name, call in outcome["calls"] if name == "addLabels" for label in call["labels"]]


def removed(outcome: dict[str, Any]) -> list[str]:
    return [call["name"] for name, call in outcome["calls"] if name == "removeLabel"]


def test_workflow_labels_a_new_feedback_issue_with_its_program(tmp_path: Path) -> None:
    body = form_body({"program": "GOV-01", "jenis": "Usulan", "pesan": "### Bukan judul\nIsi & #catatan"})
    outcome = run_workflow(tmp_path, body, labels=("masukan",))
    assert added(outcome) == ["program:GOV-01"]
    created = [call for name, call in outcome["calls"] if name == "createLabel"]
    assert [call["name"] for call in created] == ["program:GOV-01"]
    assert all(call["issue_number"] == 41 for name, call in outcome["calls"] if name == "addLabels")


def test_workflow_reads_windows_line_ends_and_a_bracketed_code(tmp_path: Path) -> None:
    body = form_body({"program": "[LIV-03]", "jenis": "Pertanyaan", "pesan": "Kapan?"}, newline="\r\n")
    assert added(run_workflow(tmp_path, body, labels=("masukan",))) == ["program:LIV-03"]


def test_workflow_adds_the_feedback_label_when_the_form_could_not(tmp_path: Path) -> None:
    body = form_body({"program": "ENV-02", "pesan": "Sampah menumpuk."})
    outcome = run_workflow(tmp_path, body, existing=())
    assert added(outcome) == ["masukan", "program:ENV-02"]


def test_workflow_moves_the_label_when_the_program_is_edited(tmp_path: Path) -> None:
    body = form_body({"program": "GOV-02", "pesan": "Salah kode, maaf."})
    outcome = run_workflow(
        tmp_path,
        body,
        action="edited",
        labels=("masukan", "program:GOV-01", "prioritas"),
        existing=("masukan", "program:GOV-01", "program:GOV-02"),
    )
    assert removed(outcome) == ["program:GOV-01"]
    assert added(outcome) == ["program:GOV-02"]


def test_workflow_leaves_a_right_label_alone(tmp_path: Path) -> None:
    body = form_body({"program": "GOV-01", "pesan": "Terima kasih."})
    outcome = run_workflow(tmp_path, body, action="edited", labels=("masukan", "program:gov-01"))
    assert outcome["calls"] == []


@pytest.mark.parametrize("answer", ["", "GOV 01; rm -rf /", "`${{ github.token }}`", "x" * 41, "GOV--01"])
def test_workflow_adds_no_program_label_without_a_valid_code(tmp_path: Path, answer: str) -> None:
    body = form_body({"program": answer, "pesan": "Masukan umum."})
    outcome = run_workflow(tmp_path, body, labels=("masukan",))
    assert added(outcome) == []
    assert [name for name, _ in outcome["calls"]] == []


def test_workflow_ignores_issues_that_are_not_feedback(tmp_path: Path) -> None:
    outcome = run_workflow(tmp_path, "Bug di halaman peta jalan.\n\n### Langkah\n\n1. Buka")
    assert outcome["calls"] == []


# ---------------------------------------------------------------- several regions in one repository


def generated_form(regions: dict[str, City]) -> str:
    return next(file.text for file in issue_template_files(regions, None) if file.path == FORM_PATH)


def form_fields(regions: dict[str, City]) -> dict[str, dict[str, Any]]:
    body = yaml.safe_load(generated_form(regions))["body"]
    return {element["id"]: element for element in body if element["type"] != "markdown"}


def regions_form_body(answers: dict[str, str]) -> str:
    """An issue body from the form of a repository of three regions, whatever regions this one holds."""
    regions = {
        slug: City.model_validate(city(name=f"Kota {slug.title()}")) for slug in ("mojokerto", "kendal", "salatiga")
    }
    return form_body(answers, form_text=generated_form(regions))


def test_the_form_asks_for_the_region_only_when_the_repository_has_several() -> None:
    one = {"contoh": City.model_validate(city())}
    assert "daerah" not in form_fields(one)
    several = {**one, "pesisir": City.model_validate(city(name="Kabupaten Pesisir"))}
    fields = form_fields(several)
    assert list(fields)[:2] == ["daerah", "program"]
    assert fields["daerah"]["attributes"]["label"] == REGION_LABEL
    assert "pesisir (Kabupaten Pesisir)" in fields["daerah"]["attributes"]["description"]
    # The committed form of this repository asks for it exactly when data/ holds several regions.
    committed = yaml.safe_load((REPO / FORM_PATH).read_text(encoding="utf-8"))
    several_here = len(city_files(REPO)) > 1
    assert any(element.get("id") == "daerah" for element in committed["body"]) == several_here
    assert f"### {REGION_LABEL}" in WORKFLOW.read_text(encoding="utf-8")


def test_workflow_labels_the_region_and_the_program_in_that_region(tmp_path: Path) -> None:
    body = regions_form_body({"daerah": "kendal", "program": "GOV-01", "pesan": "Kapan selesai?"})
    outcome = run_workflow(tmp_path, body, labels=("masukan",))
    assert added(outcome) == ["daerah:kendal", "program:kendal/GOV-01"]
    created = {call["name"]: call["description"] for name, call in outcome["calls"] if name == "createLabel"}
    assert created == {
        "daerah:kendal": "Masukan tentang daerah kendal",
        "program:kendal/GOV-01": "Masukan tentang program kendal/GOV-01",
    }


def test_workflow_labels_the_region_alone_for_feedback_on_its_whole_plan(tmp_path: Path) -> None:
    body = regions_form_body({"daerah": "salatiga", "pesan": "Rencana yang bagus."})
    assert added(run_workflow(tmp_path, body, labels=("masukan",))) == ["daerah:salatiga"]


def test_workflow_moves_both_labels_when_the_region_is_edited(tmp_path: Path) -> None:
    body = regions_form_body({"daerah": "salatiga", "program": "GOV-01", "pesan": "Salah daerah."})
    outcome = run_workflow(
        tmp_path, body, action="edited", labels=("masukan", "daerah:kendal", "program:kendal/GOV-01")
    )
    assert sorted(removed(outcome)) == ["daerah:kendal", "program:kendal/GOV-01"]
    assert added(outcome) == ["daerah:salatiga", "program:salatiga/GOV-01"]


@pytest.mark.parametrize("answer", ["Kendal Raya", "kendal; rm -rf /", "`${{ github.token }}`", "k" * 31])
def test_workflow_adds_no_region_label_without_a_valid_region(tmp_path: Path, answer: str) -> None:
    body = regions_form_body({"daerah": answer, "program": "GOV-01", "pesan": "Masukan."})
    outcome = run_workflow(tmp_path, body, labels=("masukan",))
    assert added(outcome) == ["program:GOV-01"]
    assert ["warning", "The region field does not hold a region code such as mojokerto; no region label."] in outcome[
        "logs"
    ]
