"""`python -m macros build` (what `make site` runs): atomic and reproducible."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros.site.build import STAGING_PREFIX, last_commit_time
from tests.helpers import (
    FIXED_EPOCH,
    REPO,
    build_site,
    city,
    copy_repository,
    make_portal_project,
    make_project,
    program,
    write_yaml,
)

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("english_messages")]  # whole builds compared with each other


# Pagefind writes its filter files in hash-map order, which changes from run to run
# (Pagefind issue #638). Their names are hashes of their content, and so are the names
# listed in the language's .pf_meta file, whose own name is in pagefind-entry.json: these
# three may differ between two builds of the same commit; every other file may not.
UNSTABLE_PAGEFIND_FILES = ("pagefind/filter/*.pf_filter", "pagefind/pagefind.*.pf_meta", "pagefind/pagefind-entry.json")


def run_build(root: Path, site: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    if "CITY" not in (env or {}):
        environment.pop("CITY", None)
    if "SOURCE_DATE_EPOCH" not in (env or {}):
        environment.pop("SOURCE_DATE_EPOCH", None)  # the build must find the date itself
    return subprocess.run(
        [sys.executable, "-m", "macros", "--root", str(root), "build", "--site-dir", str(site)],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )


def fingerprint(site: Path, *, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Relative path → SHA-256 of every file of the site, less those matching `skip`."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file() and not any(path.relative_to(site).match(pattern) for pattern in skip)
    }


def test_two_builds_of_the_same_commit_are_identical(repository_build: tuple[Path, str], tmp_path: Path) -> None:
    # The second build runs from a copy in another folder (as on another machine), and with
    # another hash seed, so that output depending on paths or on set order shows.
    first, said = repository_build  # hash seed 1, dated by the last commit
    commit_time = last_commit_time(REPO)
    assert f"dated by the last commit (SOURCE_DATE_EPOCH={commit_time})" in said
    elsewhere = copy_repository(tmp_path / "elsewhere")
    # The same commit's history too (the Riwayat sections and feed.xml come from it).
    for command in (["init", "-q"], ["fetch", "-q", str(REPO), "HEAD"], ["reset", "-q", "FETCH_HEAD"]):
        subprocess.run(["git", "-C", str(elsewhere), *command], check=True, capture_output=True)
    second = run_build(
        elsewhere, tmp_path / "second", env={"PYTHONHASHSEED": "2", "SOURCE_DATE_EPOCH": str(commit_time)}
    )
    assert second.returncode == 0, second.stderr
    a = fingerprint(first, skip=UNSTABLE_PAGEFIND_FILES)
    b = fingerprint(tmp_path / "second", skip=UNSTABLE_PAGEFIND_FILES)
    assert "index.html" in a and len(a) > 50  # a whole site, however small the plan data/ holds
    assert sorted(name for name in a if a[name] != b.get(name)) == []
    assert sorted(set(b) - set(a)) == []
    unstable = [
        len(fingerprint(site)) - len(fingerprint(site, skip=UNSTABLE_PAGEFIND_FILES))
        for site in (first, tmp_path / "second")
    ]
    assert unstable[0] == unstable[1]  # as many filter files, only their order differs


def test_pagefind_differs_between_runs_only_in_its_filter_files(tmp_path: Path) -> None:
    # Checks UNSTABLE_PAGEFIND_FILES against the pinned Pagefind, on pages with filters.
    fingerprints = []
    for run in ("first", "second", "third"):
        site = tmp_path / run
        site.mkdir()
        for number in range(30):
            (site / f"p{number}.html").write_text(
                f'<html lang="id"><body><main data-pagefind-body><h1>Program {number}</h1>'
                f'<p data-pagefind-filter="status">s{number % 5}</p>'
                f'<p data-pagefind-filter="tahun">{2020 + number % 7}</p>'
                f"<p>sampah puskesmas parkir {number}</p></main></body></html>",
                encoding="utf-8",
            )
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"], check=True)
        assert list((site / "pagefind" / "filter").iterdir())
        fingerprints.append(fingerprint(site, skip=UNSTABLE_PAGEFIND_FILES))
    assert fingerprints[0] == fingerprints[1] == fingerprints[2]


def test_the_date_is_the_last_commits(tmp_path: Path) -> None:
    repository = tmp_path / "repo"
    repository.mkdir()
    git_env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": "2024-03-01T12:00:00+00:00",
        "GIT_COMMITTER_DATE": "2024-03-01T12:00:00+00:00",
    }
    for command in (["init", "-q"], ["commit", "-q", "--allow-empty", "-m", "first"]):
        subprocess.run(["git", *command], cwd=repository, env=git_env, check=True)
    assert last_commit_time(repository) == "1709294400"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert last_commit_time(elsewhere) is None


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", city(), [program("GOV-01"), program("GOV-02")])


def site_snapshot(site: Path) -> dict[str, str]:
    assert site.is_dir()
    return fingerprint(site)


def test_a_failed_build_leaves_the_previous_site_as_it_was(project: Path) -> None:
    site = project / "site"
    assert run_build(project, site).returncode == 0
    good = site_snapshot(site)
    assert "governance/gov-02/index.html" in good

    # A data error stops the build before MkDocs touches anything.
    write_yaml(project / "data" / "programs" / "contoh" / "gov-02.yml", program("GOV-02", status="done"))
    failed = run_build(project, site)
    assert failed.returncode == 1
    assert "status: `done` is not allowed" in failed.stderr
    assert f"The build failed: {site} was left as it was." in failed.stderr
    assert site_snapshot(site) == good

    # A template error happens while pages are written, after MkDocs emptied its site folder.
    write_yaml(project / "data" / "programs" / "contoh" / "gov-02.yml", program("GOV-02"))
    template = project / "overrides" / "main.html"
    template.write_text(
        template.read_text(encoding="utf-8") + "{% block footer %}{% include 'hilang.html' %}{% endblock %}"
    )
    failed = run_build(project, site)
    assert failed.returncode != 0
    assert "hilang.html" in failed.stderr
    assert site_snapshot(site) == good

    assert [path.name for path in project.iterdir() if path.name.startswith(STAGING_PREFIX)] == []


def test_a_successful_build_replaces_the_site_whole(project: Path) -> None:
    site = project / "site"
    assert run_build(project, site).returncode == 0
    (project / "data" / "programs" / "contoh" / "gov-02.yml").unlink()
    (site / "leftover.txt").write_text("from before", encoding="utf-8")
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    assert "dated today: not a git checkout" in result.stderr
    assert (site / "governance" / "gov-01" / "index.html").is_file()
    assert not (site / "governance" / "gov-02").exists()  # the removed program's page is gone
    assert not (site / "leftover.txt").exists()
    assert [path.name for path in project.iterdir() if path.name.startswith(STAGING_PREFIX)] == []


def test_make_site_runs_the_atomic_build() -> None:
    dry_run = subprocess.run(["make", "-n", "site"], cwd=REPO, capture_output=True, text=True, check=True)
    assert "-m macros build --site-dir site" in dry_run.stdout


def test_the_guide_names_the_files_that_may_differ() -> None:
    section = (REPO / "guide" / "publishing.md").read_text(encoding="utf-8")
    for pattern in UNSTABLE_PAGEFIND_FILES:
        assert f"`{pattern}`" in section


# ---------------------------------------------------------------- one region or several


def test_one_region_builds_exactly_the_site_it_builds_alone(tmp_path: Path) -> None:
    # `make site` with one region: no portal, the region at the root, as `mkdocs build` makes it.
    project = make_project(tmp_path / "project", city(), [program("GOV-01"), program("GOV-02")])
    dated = {"SOURCE_DATE_EPOCH": FIXED_EPOCH}
    assert run_build(project, tmp_path / "make-site", env=dated).returncode == 0
    alone = build_site(project, tmp_path / "mkdocs-build", env=dated)
    assert alone.returncode == 0, alone.stderr
    ours, theirs = fingerprint(tmp_path / "make-site"), fingerprint(tmp_path / "mkdocs-build")
    assert "governance/gov-02/index.html" in ours and "contoh/index.html" not in ours
    assert sorted(name for name in set(ours) | set(theirs) if ours.get(name) != theirs.get(name)) == []


def test_city_builds_one_region_of_several_alone_at_the_root(tmp_path: Path) -> None:
    project = make_portal_project(tmp_path / "project")
    dated = {"SOURCE_DATE_EPOCH": FIXED_EPOCH, "CITY": "pesisir"}
    result = run_build(project, tmp_path / "one", env=dated)
    assert result.returncode == 0, result.stderr
    alone = build_site(project, tmp_path / "mkdocs-build", env=dated)
    assert alone.returncode == 0, alone.stderr
    ours, theirs = fingerprint(tmp_path / "one"), fingerprint(tmp_path / "mkdocs-build")
    assert "governance/gov-01/index.html" in ours and not (tmp_path / "one" / "pesisir").exists()
    assert "rc-portal-bar" not in (tmp_path / "one" / "index.html").read_text(encoding="utf-8")
    assert sorted(name for name in set(ours) | set(theirs) if ours.get(name) != theirs.get(name)) == []


def test_an_error_in_any_region_publishes_nothing_and_every_error_is_listed(tmp_path: Path) -> None:
    project = make_portal_project(tmp_path / "project")
    site = tmp_path / "site"
    assert run_build(project, site).returncode == 0
    good = site_snapshot(site)
    assert {"index.html", "contoh/index.html", "kecil/index.html", "pesisir/index.html"} <= set(good)

    write_yaml(project / "data" / "programs" / "pesisir" / "gov-01.yml", program("GOV-01", status="done"))
    write_yaml(project / "data" / "programs" / "kecil" / "tk-1.yml", program("TK-1", horizon="soon"))
    failed = run_build(project, site)
    assert failed.returncode == 1
    assert "data/programs/pesisir/gov-01.yml:11:9: status: `done` is not allowed" in failed.stderr
    assert "data/programs/kecil/tk-1.yml:6:10: horizon: `soon` is not allowed" in failed.stderr
    assert "2 errors" in failed.stderr
    assert f"The build failed: {site} was left as it was." in failed.stderr
    assert site_snapshot(site) == good
    assert [path.name for path in project.iterdir() if path.name.startswith(STAGING_PREFIX)] == []
