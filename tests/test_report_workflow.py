"""The progress report workflow: valid, least privileged, and its shell steps run for real.

The steps' scripts are taken from `.github/workflows/progress-report.yml` and run with
bash as GitHub runs them (`bash -e -o pipefail`), in a copy of the report fixture
project with a Git remote, and with a stand-in `gh` on the PATH that records how it
was called. Nothing from an issue may reach a command line: the steps read files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.data.reports.form import PROGRAM
from tests.helpers import REPO
from tests.test_report import GOV_01, PROJECT, REPORTS, TODAY_EPOCH

WORKFLOW = REPO / ".github" / "workflows" / "progress-report.yml"
BIN = Path(sys.executable).parent

# Stands in for the GitHub CLI: records its arguments, answers `api` and `pr list` from the environment.
FAKE_GH = """#!/usr/bin/env python3
import json, os, sys
with open(os.environ["GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
if sys.argv[1:2] == ["api"]:
    role = os.environ.get("FAKE_ROLE", "")
    if not role:
        sys.stderr.write("HTTP 404: Not Found\\n")
        sys.exit(1)
    print(role)
elif sys.argv[1:3] == ["pr", "list"]:
    print(os.environ.get("FAKE_OPEN_PR", ""))
"""


def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def step(job: str, name: str) -> dict[str, Any]:
    return next(s for s in workflow()["jobs"][job]["steps"] if s.get("name") == name)


def run(*command: str | Path, **options: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, check=False, **options)


# ---------------------------------------------------------------- the file itself


def test_workflow_matches_githubs_schema_and_zizmor_finds_nothing() -> None:
    result = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    for persona in ("regular", "pedantic"):
        result = run(BIN / "zizmor", "--offline", f"--persona={persona}", WORKFLOW)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No findings" in result.stdout


def test_runs_on_opened_and_edited_reports_only() -> None:
    flow = workflow()
    assert flow[True] == {"issues": {"types": ["opened", "edited"]}}
    check = flow["jobs"]["check"]
    assert check["if"] == (
        f"github.event.issue.state == 'open' && contains(github.event.issue.body, '{PROGRAM.heading}')"
    )
    assert flow["jobs"]["pull-request"]["if"] == "needs.check.outputs.result == 'pull-request'"


def test_each_job_has_the_least_permissions_it_needs() -> None:
    flow = workflow()
    assert flow["permissions"] == {}
    assert flow["jobs"]["check"]["permissions"] == {"contents": "read", "issues": "write"}
    assert flow["jobs"]["pull-request"]["permissions"] == {"contents": "write", "pull-requests": "write"}


def test_actions_are_pinned_to_the_commits_the_other_workflows_use() -> None:
    pinned = {
        s["uses"]
        for name in ("pages.yml", "check.yml")
        for job in yaml.safe_load((WORKFLOW.parent / name).read_text(encoding="utf-8"))["jobs"].values()
        for s in job["steps"]
        if "uses" in s
    }
    for job in workflow()["jobs"].values():
        for s in job["steps"]:
            if "uses" in s:
                assert s["uses"] in pinned, s["uses"]
                if s["uses"].startswith("actions/checkout@"):
                    assert s["with"]["persist-credentials"] is False


def test_no_expression_is_pasted_into_a_script() -> None:
    for job in workflow()["jobs"].values():
        for s in job["steps"]:
            assert "${{" not in s.get("run", ""), s.get("name")


# ---------------------------------------------------------------- the steps, run


@pytest.fixture
def runner(tmp_path: Path) -> dict[str, Any]:
    """A checkout of the fixture project with an origin remote, a stand-in gh, and the runner's variables."""
    checkout = Path(shutil.copytree(PROJECT, tmp_path / "checkout"))
    origin = tmp_path / "origin.git"
    git_env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for command in (
        ["git", "init", "-q", "--bare", "-b", "main", str(origin)],
        ["git", "-C", str(checkout), "init", "-q", "-b", "main"],
        ["git", "-C", str(checkout), "add", "-A"],
        ["git", "-C", str(checkout), "commit", "-q", "-m", "data"],
        ["git", "-C", str(checkout), "remote", "add", "origin", str(origin)],
        ["git", "-C", str(checkout), "push", "-q", "origin", "main"],
    ):
        subprocess.run(command, env=git_env, check=True, capture_output=True)
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "gh").write_text(FAKE_GH, encoding="utf-8")
    (tools / "gh").chmod(0o755)
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_"))},
        "PATH": f"{tools}{os.pathsep}{BIN}{os.pathsep}{os.environ['PATH']}",
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "GITHUB_REPOSITORY": "kota-contoh/rencana",
        "GH_LOG": str(tmp_path / "gh.log"),
        "GH_TOKEN": "token-for-gh",
        "SOURCE_DATE_EPOCH": TODAY_EPOCH,
        "HOME": str(tmp_path),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return {"checkout": checkout, "origin": origin, "env": environment, "tmp": tmp_path, "runner_temp": runner_temp}


def run_step(runner: dict[str, Any], job: str, name: str, **env: str) -> subprocess.CompletedProcess[str]:
    script = step(job, name)["run"]
    return run(
        "bash",
        "--noprofile",
        "--norc",
        "-eo",
        "pipefail",
        "-c",
        script,
        cwd=runner["checkout"],
        env={**runner["env"], **env},
    )


def outputs(runner: dict[str, Any]) -> dict[str, str]:
    path: Path = runner["tmp"] / "output"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return dict(line.split("=", 1) for line in lines)


def gh_calls(runner: dict[str, Any]) -> list[list[str]]:
    path: Path = runner["tmp"] / "gh.log"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


@pytest.mark.parametrize(
    ("answer", "role"),
    [("triage", "triage"), ("admin", "admin"), ("", "none"), ("admin; rm -rf /", "none"), ("custom-role", "none")],
)
def test_the_role_step_accepts_only_githubs_roles(runner: dict[str, Any], answer: str, role: str) -> None:
    result = run_step(runner, "check", "The author's role on this repository", AUTHOR="dinas-kominfo", FAKE_ROLE=answer)
    assert result.returncode == 0, result.stderr
    assert outputs(runner) == {"role": role}
    assert gh_calls(runner) == [
        ["api", "repos/kota-contoh/rencana/collaborators/dinas-kominfo/permission", "--jq", ".role_name"]
    ]


@pytest.mark.parametrize(
    ("event", "result"),
    [
        ("valid/gov-01.json", "pull-request"),
        ("invalid/program-unknown.json", "comment"),
        ("ignored/labeled.json", "ignore"),
    ],
)
def test_the_report_step_passes_on_the_result(runner: dict[str, Any], event: str, result: str) -> None:
    done = run_step(
        runner,
        "check",
        "Check the report and apply it to the data",
        GITHUB_EVENT_PATH=str(REPORTS / event),
        ROLE="none",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert outputs(runner) == {"result": result}


def test_the_report_step_fails_on_an_unreadable_event(runner: dict[str, Any]) -> None:
    broken = runner["tmp"] / "broken.json"
    broken.write_text("[]", encoding="utf-8")
    done = run_step(runner, "check", "Check the report and apply it to the data", GITHUB_EVENT_PATH=str(broken))
    assert done.returncode == 2
    assert outputs(runner) == {}


def test_the_comment_step_posts_the_comment_file(runner: dict[str, Any]) -> None:
    event = REPORTS / "invalid" / "program-unknown.json"
    checked = run_step(runner, "check", "Check the report and apply it to the data", GITHUB_EVENT_PATH=str(event))
    assert checked.returncode == 0, checked.stderr
    assert run_step(runner, "check", "Answer the report", NUMBER="50").returncode == 0
    comment_file = runner["runner_temp"] / "report" / "comment.md"
    assert gh_calls(runner) == [
        ["issue", "comment", "50", "--repo", "kota-contoh/rencana", "--body-file", str(comment_file)]
    ]
    assert comment_file.read_text(encoding="utf-8") == event.with_suffix(".md").read_text(encoding="utf-8")


@pytest.mark.parametrize("open_pr", ["", "7"])
def test_the_pull_request_step_pushes_the_branch_and_opens_or_updates_the_pull_request(
    runner: dict[str, Any], open_pr: str
) -> None:
    event = str(REPORTS / "valid" / "hostile.json")
    applied = run_step(runner, "pull-request", "Apply the report to the data", GITHUB_EVENT_PATH=event, ROLE="none")
    assert applied.returncode == 0, applied.stdout + applied.stderr
    pushed = run_step(
        runner, "pull-request", "Push the branch and open or update the pull request", BASE="main", FAKE_OPEN_PR=open_pr
    )
    assert pushed.returncode == 0, pushed.stdout + pushed.stderr
    origin = runner["origin"]
    branch = "laporan-kemajuan/43"
    changed = run("git", "-C", origin, "diff", "--name-only", "main", branch).stdout.split()
    assert changed == [GOV_01.as_posix()]
    message = run("git", "-C", origin, "log", "-1", "--format=%B", branch).stdout
    assert message.startswith("Laporan kemajuan GOV-01 (#43)\n\nDari laporan kemajuan di #43.")
    body_file = str(runner["runner_temp"] / "report" / "body.md")
    title = "Laporan kemajuan GOV-01 (#43)"
    pr_list = ["pr", "list", "--head", branch, "--state", "open", "--json", "number", "--jq", ".[0].number // empty"]
    if open_pr:
        last = ["pr", "edit", "7", "--title", title, "--body-file", body_file]
    else:
        last = ["pr", "create", "--base", "main", "--head", branch, "--title", title, "--body-file", body_file]
    assert gh_calls(runner) == [["auth", "setup-git"], pr_list, last]
