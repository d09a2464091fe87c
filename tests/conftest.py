from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.browser import CHROMIUM_ARGS, CHROMIUM_PATH, serve
from tests.helpers import (
    FIXED_EPOCH,
    REPO,
    SUBPATH_SITE_URL,
    build_site,
    copy_example,
    make_portal_project,
    make_project,
    run_macros,
    small_city_data,
    small_city_programs,
)
from tests.site_pages import site_sub_path


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example city, built once for the session with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("example") / "site"
    result = build_site(REPO, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example city built for a GitHub Pages project site (SUBPATH_SITE_URL), dated by FIXED_EPOCH."""
    root = tmp_path_factory.mktemp("subpath")
    project = copy_example(root / "project", SUBPATH_SITE_URL)
    result = build_site(project, root / "site", env={"SOURCE_DATE_EPOCH": FIXED_EPOCH})
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def small_city(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Another city in the format (its own dimensions, no evaluations), built once: (project, site)."""
    root = tmp_path_factory.mktemp("small")
    project = make_project(root / "project", small_city_data(), small_city_programs(), slug="kecil")
    site = root / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    return project, site


@pytest.fixture(params=["example", "small"])
def each_city(request: pytest.FixtureRequest) -> tuple[Path, str, Path]:
    """(project, city slug, built site), for the example city and for the small one."""
    if request.param == "example":
        return REPO, "mojokerto", request.getfixturevalue("example_site")
    project, site = request.getfixturevalue("small_city")
    return project, "kecil", site


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Headless Chromium for one test module (Debian's build; `playwright install` does not work here).

    Per module, not per session: Playwright's sync API cannot run inside another
    running instance, and other modules start their own.
    """
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def example_url(example_site: Path) -> Iterator[str]:
    """The example site served on 127.0.0.1 under the sub-path of its site_url, as GitHub Pages serves it."""
    with serve(example_site, site_sub_path(example_site)) as base:
        yield base


@pytest.fixture(scope="session")
def portal_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Three fixture regions published as a portal for a GitHub Pages project site, built once: (project, site)."""
    root = tmp_path_factory.mktemp("portal")
    project = make_portal_project(root / "project", SUBPATH_SITE_URL)
    result = run_macros(project, "build", "--site-dir", str(root / "site"), env={"SOURCE_DATE_EPOCH": FIXED_EPOCH})
    assert result.returncode == 0, result.stderr
    return project, root / "site"
