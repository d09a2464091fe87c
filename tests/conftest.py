from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import FIXED_EPOCH, REPO, SUBPATH_SITE_URL, build_site, copy_example


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
