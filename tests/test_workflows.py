"""The GitHub Actions workflows: valid, free of known security mistakes, and doing what the README says."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.site.page_cache import DEFAULT_FOLDER
from tests.helpers import REPO

WORKFLOWS = REPO / ".github" / "workflows"
TOOLS = Path(sys.executable).parent  # check-jsonschema and zizmor come with requirements-dev.txt


def workflow(name: str) -> dict[str, Any]:
    # PyYAML reads the key `on` as True (YAML 1.1), hence the lookups by True below.
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def test_workflows_match_githubs_schema() -> None:
    files = sorted(str(path) for path in WORKFLOWS.glob("*.yml"))
    result = subprocess.run(
        [str(TOOLS / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run(
        [str(TOOLS / "zizmor"), "--offline", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


@pytest.mark.parametrize("name", ["pages.yml", "check.yml", "mulai-daerah.yml", "impor-excel.yml", "issue-forms.yml"])
def test_actions_are_pinned_and_checkout_keeps_no_token(name: str) -> None:
    for job in workflow(name)["jobs"].values():
        for step in steps(job):
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("name", ["pages.yml", "check.yml"])
def test_permissions_are_granted_per_job_only(name: str) -> None:
    flow = workflow(name)
    assert flow["permissions"] == {}
    for job in flow["jobs"].values():
        assert job["permissions"] in ({}, {"contents": "read"}, {"pages": "write", "id-token": "write"})


def test_pages_checks_and_builds_with_make_on_main_and_deploys_one_at_a_time() -> None:
    flow = workflow("pages.yml")
    assert flow[True] == {
        "push": {"branches": ["main"]},
        "workflow_dispatch": None,
        # A portal over regions' own sites fetches them daily, and when a region says it changed.
        "schedule": [{"cron": "17 1 * * *"}],
        "repository_dispatch": {"types": ["region-updated"]},
    }
    assert flow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    plan, build, deploy = flow["jobs"]["plan"], flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert [step["run"] for step in steps(plan) if "run" in step] == [
        "make .venv/.installed\n"
        '.venv/bin/python -m macros start-note --repository "$GITHUB_REPOSITORY" >> "$GITHUB_STEP_SUMMARY"\n',
        "make check FORMS=write",
        '.venv/bin/python -m macros groups >> "$GITHUB_OUTPUT"',
    ]
    checkout = steps(build)[0]
    assert checkout["with"]["fetch-depth"] == 0
    python = steps(build)[1]["with"]
    assert python["cache"] == "pip" and python["cache-dependency-path"] == "requirements*.txt"
    runs = [step["run"] for step in steps(build) if "run" in step]
    assert runs == ['if [ "$PORTAL" = true ]; then make site PREBUILT=site-regions; else make site; fi']
    upload = steps(build)[-1]
    assert upload["uses"].startswith("actions/upload-pages-artifact@") and upload["with"] == {"path": "site"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert steps(deploy)[-1]["uses"].startswith("actions/deploy-pages@")


def test_several_regions_are_built_by_a_matrix_whose_parts_make_one_deployment() -> None:
    flow = workflow("pages.yml")
    plan, regions, build = flow["jobs"]["plan"], flow["jobs"]["regions"], flow["jobs"]["build"]
    assert plan["outputs"] == {"groups": "${{ steps.groups.outputs.groups }}"}
    # One job per group of regions; none with one region.
    assert regions["needs"] == "plan" and regions["if"] == "needs.plan.outputs.groups != '[]'"
    assert regions["strategy"]["matrix"] == {"group": "${{ fromJSON(needs.plan.outputs.groups) }}"}
    assert regions["strategy"]["fail-fast"] is True
    part = next(step for step in steps(regions) if "run" in step)
    assert part["run"] == "make site-regions" and part["env"] == {"REGIONS": "${{ matrix.group }}"}
    upload = steps(regions)[-1]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["name"] == "regions-${{ strategy.job-index }}" and upload["with"]["path"] == "site-regions"
    # The last job gathers every part into one folder, then builds the portal over them.
    assert build["needs"] == ["plan", "regions"]
    assert "needs.regions.result != 'failure'" in build["if"]
    download = next(step for step in steps(build) if step.get("uses", "").startswith("actions/download-artifact@"))
    assert download["with"] == {"pattern": "regions-*", "merge-multiple": True, "path": "site-regions"}
    assert download["if"] == "env.PORTAL == 'true'"


def test_pull_requests_check_data_then_build_then_test() -> None:
    flow = workflow("check.yml")
    assert set(flow[True]) == {"pull_request"}
    runs = [step["run"] for step in steps(flow["jobs"]["check"]) if "run" in step]
    assert [run for run in runs if run.startswith("make ")] == [
        "make .venv/.installed\n"
        '.venv/bin/python -m macros start-note --repository "$GITHUB_REPOSITORY" >> "$GITHUB_STEP_SUMMARY"\n',
        "make check FORMS=write",
        "make site",
        "make test",
    ]


def test_pull_requests_are_tested_on_every_current_python() -> None:
    job = workflow("check.yml")["jobs"]["check"]
    assert job["strategy"]["matrix"]["python"] == ["3.11", "3.12", "3.13"]
    setup_python = next(step for step in steps(job) if step.get("uses", "").startswith("actions/setup-python@"))
    assert setup_python["with"]["python-version"] == "${{ matrix.python }}"


def test_the_required_check_is_one_job_name_that_always_reports() -> None:
    """guide/publishing.md names it; the matrix's jobs carry the Python version in theirs."""
    required = workflow("check.yml")["jobs"]["required"]
    assert required["name"] == "Data, build and tests"
    assert "Data, build and tests" in (REPO / "guide" / "publishing.md").read_text(encoding="utf-8")
    assert required["needs"] == "check" and required["if"] == "${{ always() }}"
    assert steps(required)[-1]["env"] == {"RESULT": "${{ needs.check.result }}"}
    assert steps(required)[-1]["run"] == 'test "$RESULT" = success'


def _commands(job: dict[str, Any]) -> str:
    return "\n".join(step["run"] for step in steps(job) if "run" in step)


@pytest.mark.parametrize("name", ["mulai-daerah.yml", "impor-excel.yml", "issue-forms.yml"])
def test_browser_workflows_run_a_macros_command_and_no_input_reaches_a_command(name: str) -> None:
    flow = workflow(name)
    assert flow["permissions"] == {}
    (job,) = flow["jobs"].values()
    assert job["permissions"]["contents"] == "write"
    commands = _commands(job)
    assert "python -m macros " in commands
    # Event data reaches the shell only through environment variables, quoted.
    assert "${{" not in commands
    assert ".github/workflows" not in commands.replace("git add --all .github/ISSUE_TEMPLATE", "")


def test_mulai_daerah_asks_for_the_regions_inputs_and_reads_them_from_the_event() -> None:
    flow = workflow("mulai-daerah.yml")
    inputs = flow[True]["workflow_dispatch"]["inputs"]
    assert list(inputs) == ["slug", "name", "type", "province", "replace_examples"]
    assert inputs["type"]["options"] == ["kota", "kabupaten"]
    assert inputs["replace_examples"]["type"] == "boolean"
    assert 'python -m macros new-city --event "$GITHUB_EVENT_PATH"' in _commands(flow["jobs"]["start"])


def test_impor_excel_runs_on_an_upload_into_the_folder() -> None:
    flow = workflow("impor-excel.yml")
    assert flow[True] == {"push": {"paths": ["impor/**"]}}
    assert 'python -m macros import-uploads --comment "$RUNNER_TEMP/impor.md"' in _commands(flow["jobs"]["import"])
    assert (REPO / "impor" / "README.md").is_file()  # the folder a person uploads into exists


def test_issue_forms_are_rewritten_after_a_change_to_the_regions() -> None:
    flow = workflow("issue-forms.yml")
    assert flow[True] == {"push": {"paths": ["data/cities/**", "mkdocs.yml"]}}
    assert "python -m macros feedback-form" in _commands(flow["jobs"]["forms"])


def test_codespaces_set_up_the_build_environment_and_forward_the_preview() -> None:
    container = json.loads((REPO / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))
    assert container["forwardPorts"] == [8000]
    assert container["postCreateCommand"] == "make .venv/.installed"


def test_pages_keeps_the_remote_regions_last_good_data_between_runs() -> None:
    build = workflow("pages.yml")["jobs"]["build"]
    cache = next(step for step in steps(build) if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/daerah"  # macros.data.portal.remote.CACHE_FOLDER
    assert cache["with"]["restore-keys"] == "remote-regions-"
    position = steps(build).index(cache)
    assert any("make site" in step.get("run", "") for step in steps(build)[position:])


@pytest.mark.parametrize(("job", "command"), [("build", "make site"), ("regions", "make site-regions")])
def test_pages_keeps_the_program_pages_between_runs_keyed_by_the_code(job: str, command: str) -> None:
    job_steps = steps(workflow("pages.yml")["jobs"][job])
    caches = [step for step in job_steps if step.get("with", {}).get("path") == DEFAULT_FOLDER.as_posix()]
    assert len(caches) == 1  # macros.site.page_cache.DEFAULT_FOLDER
    code = "hashFiles('macros/**', 'overrides/**', 'requirements.txt')"
    assert code in caches[0]["with"]["key"] and caches[0]["with"]["restore-keys"].endswith(f"{code} }}}}-")
    building = next(step for step in job_steps if command in step.get("run", ""))
    assert job_steps.index(caches[0]) < job_steps.index(building)
