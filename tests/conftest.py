from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import REPO, build_site


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example city, built once for the session with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("example") / "site"
    result = build_site(REPO, site)
    assert result.returncode == 0, result.stderr
    return site
