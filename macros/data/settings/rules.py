"""Rules about the site's settings: where a city's feedback goes, and what the MkDocs config says.

These checks read the config MkDocs is given (`INHERIT` merged) through `macros.data.settings.config`,
never MkDocs itself, so that `make check` and `make site` agree on what is an error.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

from macros.data.language.catalog import Catalog
from macros.data.plan.load import city_files, shown_path
from macros.data.plan.model import City
from macros.data.plan.problems import Problem, Severity
from macros.data.plan.read import ReadFailed, read_document
from macros.data.settings.config import SiteConfig


class Region(Protocol):
    """What the settings' rules need of a region: a Plan, or a city's data that has errors elsewhere."""

    @property
    def slug(self) -> str: ...

    @property
    def city(self) -> City: ...


# The template this repository started as: its example regions (a portal of three), and the
# addresses of its own repository and site. A city that copied the template must not keep
# them by accident.
EXAMPLE_REGIONS = ("mojokerto", "kendal", "salatiga")
TEMPLATE_REPOSITORY = "rencana-id/rencana-mojokerto"
TEMPLATE_SITE = re.compile(r"^https?://rencana-id\.github\.io/rencana-mojokerto(?:/|$)", re.IGNORECASE)

_SAY = Catalog(
    "settings.rules",
    {
        "template_feedback": (
            "{repository} adalah repositori templat: masukan tentang {name} akan masuk ke sana; "
            "tulis repositori Anda sendiri sebagai pemilik/repositori",
            "{repository} is the template's repository: feedback on {name} would go there; "
            "write your own repository as owner/repo",
        ),
        "template_repo_url": (
            "masih repositori templat ({url}): masukan tentang {name} akan masuk ke sana; "
            "tulis repositori Anda sendiri, mis. https://github.com/<owner>/<repo>, atau jalankan `make new-city`",
            "still the template's repository ({url}): feedback on {name} would go there; "
            "write your own, e.g. https://github.com/<owner>/<repo>, or run `make new-city`",
        ),
        "template_site_url": (
            "masih alamat templat ({url}); tulis alamat situs Anda sendiri, "
            "mis. https://<owner>.github.io/<repo>/, atau hapus kunci ini",
            "still the template's address ({url}); write your site's own, "
            "e.g. https://<owner>.github.io/<repo>/, or remove the key",
        ),
        "not_github": (
            "repo_url di mkdocs.yml ({url}) bukan repositori GitHub",
            "repo_url in mkdocs.yml ({url}) is not a GitHub repository",
        ),
        "no_repo_url": ("tidak ada repo_url di mkdocs.yml", "there is no repo_url in mkdocs.yml"),
        "no_feedback_repository": (
            "tidak ada repositori masukan: {reason}, sehingga halaman program tidak menampilkan tombol «Beri masukan»; "
            "tulis feedback.repository: owner/repo di berkas ini atau repo_url di mkdocs.yml",
            "no feedback repository: {reason}, so program pages show no «Beri masukan» button; "
            "set feedback.repository: owner/repo in this file or repo_url in mkdocs.yml",
        ),
    },
)

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


def site_problems(root: Path, plan: Region, site: SiteConfig) -> list[Problem]:
    """Every problem of the settings for publishing `plan`: the same for `make check` and `make site`."""
    return template_settings(root, plan, site) + feedback_warnings(root, plan, site.repo_url)


def template_settings(root: Path, plan: Region, site: SiteConfig) -> list[Problem]:
    """Errors for a region other than the example's that still uses the template's repository or address."""
    if plan.slug in EXAMPLE_REGIONS:
        return []
    problems = []
    name = plan.city.name
    if is_template_repository(plan.city.feedback.repository):
        line, column = _city_position(root, plan.slug, ("feedback", "repository"))
        problems.append(
            Problem(
                _city_path(root, plan.slug),
                line,
                column,
                "feedback.repository",
                _SAY.say("template_feedback", repository=TEMPLATE_REPOSITORY, name=name),
            )
        )
    elif not plan.city.feedback.repository and is_template_repository(repository_from_url(site.repo_url)):
        problems.append(
            Problem(
                *site.where("repo_url"),
                "repo_url",
                _SAY.say("template_repo_url", url=site.repo_url, name=name),
            )
        )
    if site.site_url and TEMPLATE_SITE.match(site.site_url):
        problems.append(
            Problem(
                *site.where("site_url"),
                "site_url",
                _SAY.say("template_site_url", url=site.site_url),
            )
        )
    return problems


def is_template_repository(repository: str | None) -> bool:
    return (repository or "").lower() == TEMPLATE_REPOSITORY


def _city_position(root: Path, slug: str, location: tuple[str, ...]) -> tuple[int, int]:
    city_file = city_files(root).get(slug)
    if city_file is None:
        return 1, 1
    try:
        return read_document(city_file, _city_path(root, slug)).position(location)
    except ReadFailed:
        return 1, 1


def _city_path(root: Path, slug: str) -> str:
    city_file = city_files(root).get(slug)
    return shown_path(city_file, root) if city_file else f"data/cities/{slug}.yml"


def feedback_warnings(root: Path, plan: Region, repo_url: str | None) -> list[Problem]:
    """A warning when the city's feedback has nowhere to go (program pages then show no button)."""
    if feedback_repository(plan.city, repo_url) is not None:
        return []
    reason = _SAY.say("not_github", url=repo_url) if repo_url else _SAY.say("no_repo_url")
    return [
        Problem(
            _city_path(root, plan.slug),
            1,
            1,
            "feedback.repository",
            _SAY.say("no_feedback_repository", reason=reason),
            Severity.WARNING,
        )
    ]
