"""Rules about the site's settings: where a city's feedback goes, and what mkdocs.yml says.

These checks read `mkdocs.yml` through `macros.data.site_config` (never MkDocs itself),
so that `make check` and `make site` agree on what is an error.
"""

from __future__ import annotations

import re
from pathlib import Path

from macros.data.load import city_files, shown_path
from macros.data.model import City
from macros.data.plan import Plan
from macros.data.problems import Problem, Severity

_GITHUB_REPO_URL = re.compile(r"^https?://(?:www\.)?github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?$")


def repository_from_url(repo_url: str | None) -> str | None:
    """`owner/repo` of a GitHub repository address (`repo_url` of mkdocs.yml), else None."""
    if not repo_url:
        return None
    match = _GITHUB_REPO_URL.match(repo_url.strip())
    return f"{match[1]}/{match[2]}" if match else None


def feedback_repository(city: City, repo_url: str | None) -> str | None:
    """The repository that receives the city's feedback: its own setting, else the site's repository."""
    return city.feedback.repository or repository_from_url(repo_url)


def feedback_warnings(root: Path, plan: Plan, repo_url: str | None) -> list[Problem]:
    """A warning when the city's feedback has nowhere to go (program pages then show no button)."""
    if feedback_repository(plan.city, repo_url) is not None:
        return []
    if repo_url:
        reason = f"repo_url in mkdocs.yml ({repo_url}) is not a GitHub repository"
    else:
        reason = "there is no repo_url in mkdocs.yml"
    city_file = city_files(root).get(plan.slug)
    return [
        Problem(
            shown_path(city_file, root) if city_file else f"data/cities/{plan.slug}.yml",
            1,
            1,
            "feedback.repository",
            f"no feedback repository: {reason}, so program pages show no «Beri masukan» button; "
            "set feedback.repository: owner/repo in this file or repo_url in mkdocs.yml",
            Severity.WARNING,
        )
    ]
