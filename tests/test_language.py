"""What a maintainer reads outside the golden corpus, in both languages: the workflows' annotations and
job summaries, and the preview's page of errors (`RENCANA_LANG` unset: Indonesian; `en`: English)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from macros.data.plan.problems import Problem
from macros.render.problem_page import problem_document
from tests.test_bad_data import FIXTURES, check_environment, expected
from tests.test_workflows import WORKFLOWS, workflow

CASE = FIXTURES / "invalid" / "period-start-after-end"
WORDS = {
    "id": ("## Pemeriksaan data: ada galat", "Galat data", "Data memuat galat", 'lang="id"'),
    "en": ("## Data check: errors found", "Data errors", "The data has errors", 'lang="en"'),
}


def test_every_workflow_passes_the_repository_language_to_its_commands() -> None:
    for path in sorted(WORKFLOWS.glob("*.yml")):
        assert workflow(path.name)["env"]["RENCANA_LANG"] == "${{ vars.RENCANA_LANG }}", path.name


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_check_in_github_actions_annotates_and_summarises_in_the_runs_language(language: str, tmp_path: Path) -> None:
    job_summary = tmp_path / "summary.md"
    environment = {
        **check_environment(None if language == "id" else language),
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(job_summary),
    }
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check", "--root", str(CASE)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1 and result.stderr == ""
    lines = expected(CASE, language)
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    messages = [line.split(": ", 1)[1] for line in lines[:-1]]  # `field: message`
    assert len(annotations) == len(messages)
    for annotation, message in zip(annotations, messages, strict=True):
        assert annotation.endswith(message.replace("%", "%25")), annotation
    written = job_summary.read_text(encoding="utf-8")
    assert written.startswith(WORDS[language][0] + "\n")
    assert "\n".join(lines[:-1]) in written and lines[-1] in written


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_preview_page_of_a_portal_speaks_the_runs_language(language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RENCANA_LANG", language)
    page = problem_document([Problem("data/cities/a.yml", 2, 3, "name", "<b>x</b>; y")])
    _, title, lead, lang = WORDS[language]
    assert f"<title>{title}</title>" in page and f"<h1>{title}</h1>" in page
    assert lead in page and lang in page and "<code>make check</code>" in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page
