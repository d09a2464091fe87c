"""A city adopts the template, as the README's "Start your own city" says, and keeps a green test suite.

The repository is copied; `make new-city … REPLACE_EXAMPLE=1` replaces the example with a
region of five programs; then `make check` and `make site` pass, no page points at the
template's repository, and the site-level checks of `make test` (axe, the Nu HTML checker,
every link, privacy) run on the new region's own site.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, copy_template, program, write_yaml

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("english_messages")]  # whole builds compared with each other


PROGRAMS = [
    program("GOV-01", title="Kediri dalam genggaman: aplikasi layanan warga", progress=30, status="ongoing"),
    program("ECO-01", dimension="economy", element="transaksi", title="Pasar tradisional non-tunai"),
    program("LIV-01", dimension="living", element="kesehatan", title="Puskesmas tanpa antre", status="completed"),
    program("SOC-01", dimension="society", element="pendidikan", title="Kelas digital untuk guru"),
    program("ENV-01", dimension="environment", element="sampah", title="Bank sampah di setiap kelurahan"),
]

# The checks that run on the site of whatever regions data/ holds: every test of the suite that
# uses it is marked `published` (tests/conftest.py). The others check fixture regions of their
# own (the sample, a crowded synthetic city), which adopting the template does not change.
SITE_LEVEL_CHECKS = ["-m", "published", "tests"]


def readme_new_city_command() -> str:
    """The scaffold command exactly as the README's "Start your own city" writes it."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Start your own city", 1)[1].split("\n## ", 1)[0]
    (command,) = re.findall(r"^\s*(make new-city .*)$", section, re.MULTILINE)
    return command


def readme_spreadsheet_commands() -> list[str]:
    """`make template` and the import command of "Start your own city", as the README writes them."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = " ".join(readme.split("## Start your own city", 1)[1].split("\n## ", 1)[0].split())
    commands = list(dict.fromkeys(re.findall(r"`(make template|make import [^`]+)`", section)))
    assert len(commands) == 2, commands
    return commands


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key not in ("CITY", "SOURCE_DATE_EPOCH")}
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, check=False)


def test_a_city_replaces_the_example_and_its_own_site_passes_the_site_checks(tmp_path: Path) -> None:
    # The copy starts as the template does, with its example regions (a city's own would clash with kediri).
    city = copy_template(tmp_path / "kediri")
    # The environments `make` set up here, shared (the copy has the same pinned requirements).
    for shared in (".venv", "node_modules"):
        (city / shared).symlink_to(REPO / shared)
    command = readme_new_city_command()
    assert "SLUG=kediri" in command and "REPLACE_EXAMPLE=1" in command
    adopted = run(["bash", "-c", command], city)
    assert adopted.returncode == 0, adopted.stdout + adopted.stderr
    # Every example region is gone: the copy is one region, published at the root.
    assert [path.name for path in (city / "data" / "cities").iterdir()] == ["kediri.yml"]
    assert [path.name for path in (city / "data" / "programs").iterdir()] == ["kediri"]
    # The README's spreadsheet path, as written: the empty template, imported (nothing to write yet).
    for written in readme_spreadsheet_commands():
        if filled := re.search(r"FILE=(\S+)", written):  # the README: fill a copy of the template
            shutil.copy(city / "templat-rencana.xlsx", city / filled.group(1))
        result = run(["bash", "-c", written], city)
        assert result.returncode == 0, written + result.stdout + result.stderr
    assert "0 program file(s) written" in result.stdout
    for entry in PROGRAMS:
        folder = city / "data" / "programs" / "kediri" / entry["dimension"]
        write_yaml(folder / f"{entry['id'].lower()}.yml", entry)

    checked = run(["make", "check"], city)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = run(["make", "site"], city)
    assert built.returncode == 0, built.stdout + built.stderr
    pages = list((city / "site").rglob("*.html"))
    assert len([page for page in pages if page.parent.name in ("gov-01", "env-01")]) == 2
    leaking = [page for page in pages if "rencana-mojokerto" in page.read_text(encoding="utf-8")]
    assert leaking == []

    # axe on a phone only: the desktop layouts of the same templates are checked on the published
    # site of this run already; what adoption changes is the data and the settings.
    only_phone = ["-k", "not desktop"]
    checks = run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *only_phone, *SITE_LEVEL_CHECKS], city
    )
    assert checks.returncode == 0, checks.stdout[-6000:] + checks.stderr[-2000:]
    assert " passed" in checks.stdout and " failed" not in checks.stdout
