from __future__ import annotations

import functools
import inspect
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, sync_playwright

from scripts.synthetic import TODAY_EPOCH, write_city
from tests.browser import CHROMIUM_ARGS, CHROMIUM_PATH, serve
from tests.helpers import (
    FIXED_EPOCH,
    LONG_TITLE_TAIL,
    REPO,
    SAMPLE_SLUG,
    SUBPATH_SITE_URL,
    build_site,
    copy_sample,
    copy_site_config,
    make_portal_project,
    make_project,
    run_macros,
    small_city_data,
    small_city_programs,
)
from tests.shared import shared_folder
from tests.site_pages import site_sub_path

# Settings a developer's shell or a reproducible-build setup may carry, which change what the
# commands print or which date they take for today: each test that needs one sets it itself.
AMBIENT_SETTINGS = ("SOURCE_DATE_EPOCH", "RENCANA_TODAY", "CITY", "RENCANA_LANG")


def pytest_configure(config: pytest.Config) -> None:
    for name in AMBIENT_SETTINGS:
        os.environ.pop(name, None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that drive Chromium are `browser` tests; `make test-fast` leaves them out with the
    `external` ones (Java's Nu checker, LibreOffice). Tests of the site that data/ publishes are
    `published` ones: test_adoption runs them on an adopted city's own site."""
    for item in items:
        source = _source(item)
        if {"chromium", "browser"} & set(getattr(item, "fixturenames", ())) or "chromium(" in source:
            item.add_marker(pytest.mark.browser)
        if "nu_errors(" in source:  # the Nu HTML checker runs on Java
            item.add_marker(pytest.mark.external)
        if {"published_site", "published_url"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.published)


def _source(item: pytest.Item) -> str:
    """The test function's own code, to see what it starts (a browser, Java), whatever its fixtures."""
    function = getattr(item, "function", None)
    return _function_source(function) if function is not None else ""


@functools.cache
def _function_source(function: object) -> str:
    # Once per function, not per parametrised case: inspect tokenizes the file for each call
    # (0.8 s of every worker's collection for 1,107 tests, 535 functions).
    try:
        return inspect.getsource(function)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return ""


@pytest.fixture
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English for a test that reads their English twin (`pytestmark = usefixtures(…)`)."""
    monkeypatch.setenv("RENCANA_LANG", "en")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample region (tests/fixtures/sample), built once for the session with `mkdocs build --strict`."""

    def make(root: Path) -> None:
        project = copy_sample(root / "project")
        result = build_site(project, root / "site")
        assert result.returncode == 0, result.stderr

    return shared_folder(tmp_path_factory, "sample", make) / "site"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site this repository publishes, from whatever regions data/ holds (a city's own, once adopted)."""

    def make(root: Path) -> None:
        result = build_site(REPO, root / "site")
        assert result.returncode == 0, result.stderr

    return shared_folder(tmp_path_factory, "published", make) / "site"


@pytest.fixture(scope="session")
def repository_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This repository's site as `make site` builds it, once per run: (the site, what the build said).

    In a process of its own, dated by the last commit (no SOURCE_DATE_EPOCH), with hash seed 1 and
    its messages in English.
    tests/test_site_build.py builds it again elsewhere to compare, and tests/test_engine.py with
    ProperDocs; each paid for this build of its own before.
    """

    def make(root: Path) -> None:
        environment = {key: value for key, value in os.environ.items() if key not in ("CITY", "SOURCE_DATE_EPOCH")}
        command = [sys.executable, "-m", "macros", "--root", str(REPO), "build", "--site-dir", str(root / "site")]
        result = subprocess.run(
            command,
            cwd=REPO,
            env={**environment, "PYTHONHASHSEED": "1", "RENCANA_LANG": "en"},
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        (root / "build.log").write_text(result.stderr, encoding="utf-8")

    folder = shared_folder(tmp_path_factory, "repository", make)
    return folder / "site", (folder / "build.log").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def published_url(published_site: Path) -> Iterator[str]:
    """The published site served on 127.0.0.1 under the sub-path of its site_url, as GitHub Pages serves it."""
    with serve(published_site, site_sub_path(published_site)) as base:
        yield base


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example city built for a GitHub Pages project site (SUBPATH_SITE_URL), dated by FIXED_EPOCH."""

    def make(root: Path) -> None:
        project = copy_sample(root / "project", SUBPATH_SITE_URL)
        result = build_site(project, root / "site", env={"SOURCE_DATE_EPOCH": FIXED_EPOCH})
        assert result.returncode == 0, result.stderr

    return shared_folder(tmp_path_factory, "subpath", make) / "site"


@pytest.fixture(scope="session")
def small_city(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Another city in the format (its own dimensions, no evaluations), built once: (project, site)."""

    def make(root: Path) -> None:
        project = make_project(root / "project", small_city_data(), small_city_programs(), slug="kecil")
        result = build_site(project, root / "site")
        assert result.returncode == 0, result.stderr

    root = shared_folder(tmp_path_factory, "small", make)
    return root / "project", root / "site"


@pytest.fixture(scope="session")
def crowded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A city of many programs whose titles all run to the 200-character limit, built once."""

    def make(root: Path) -> None:
        project = write_city(root / "project", 100, seed=5, slug="ramai")
        for path in sorted((project / "data" / "programs").rglob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data["title"] = (data["title"] + LONG_TITLE_TAIL)[:200].ljust(200, ".")
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        copy_site_config(project, "ramai")
        result = build_site(project, root / "site", env={"SOURCE_DATE_EPOCH": str(TODAY_EPOCH)})
        assert result.returncode == 0, result.stderr

    return shared_folder(tmp_path_factory, "crowded", make) / "site"


@pytest.fixture(scope="session")
def crowded_url(crowded_site: Path) -> Iterator[str]:
    with serve(crowded_site, site_sub_path(crowded_site)) as base:
        yield base


@pytest.fixture(params=["sample", "small"])
def each_city(request: pytest.FixtureRequest) -> tuple[Path, str, Path]:
    """(project, city slug, built site), for the sample region and for the small one."""
    if request.param == "sample":
        return (
            request.getfixturevalue("sample_site").parent / "project",
            SAMPLE_SLUG,
            request.getfixturevalue("sample_site"),
        )
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
def sample_url(sample_site: Path) -> Iterator[str]:
    """The sample site served on 127.0.0.1 under the sub-path of its site_url, as GitHub Pages serves it."""
    with serve(sample_site, site_sub_path(sample_site)) as base:
        yield base


@pytest.fixture(scope="session")
def portal_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Three fixture regions published as a portal for a GitHub Pages project site, built once: (project, site)."""

    def make(root: Path) -> None:
        project = make_portal_project(root / "project", SUBPATH_SITE_URL)
        env = {"SOURCE_DATE_EPOCH": FIXED_EPOCH}
        result = run_macros(project, "build", "--site-dir", str(root / "site"), env=env)
        assert result.returncode == 0, result.stderr

    root = shared_folder(tmp_path_factory, "portal", make)
    return root / "project", root / "site"
