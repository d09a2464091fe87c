"""The engine can be swapped: ProperDocs builds this repository's site to the same files as MkDocs."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import REPO

pytestmark = pytest.mark.slow  # whole builds compared with each other

PROPERDOCS_PYTHON = REPO / ".venv-properdocs" / "bin" / "python"


def build_with(python: Path | str, engine: str, site: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if key not in ("CITY", "SOURCE_DATE_EPOCH")}
    command = [str(python), "-m", "macros", "--root", str(REPO), "build", "--engine", engine, "--site-dir", str(site)]
    result = subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def file_hashes(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_properdocs_builds_the_same_files_as_mkdocs(repository_build: tuple[Path, str], tmp_path: Path) -> None:
    assert PROPERDOCS_PYTHON.exists(), "ProperDocs' environment is missing: run `make setup`"
    # ProperDocs' environment has no MkDocs of its own: what builds there is ProperDocs.
    assert subprocess.run([str(PROPERDOCS_PYTHON), "-c", "import mkdocs"], capture_output=True).returncode != 0
    built_with_mkdocs, _ = repository_build  # `python -m macros build`, whose engine is MkDocs by default
    build_with(PROPERDOCS_PYTHON, "properdocs", tmp_path / "properdocs")
    with_mkdocs, with_properdocs = file_hashes(built_with_mkdocs), file_hashes(tmp_path / "properdocs")
    assert len(with_mkdocs) > 20
    assert sorted(set(with_mkdocs) ^ set(with_properdocs)) == []
    assert [name for name in with_mkdocs if with_mkdocs[name] != with_properdocs[name]] == []
