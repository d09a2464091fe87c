"""Every page of the built site is valid HTML, by the Nu HTML Checker (vnu.jar, the W3C validator)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import REPO

pytestmark = pytest.mark.external  # Java

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(target: Path) -> list[str]:
    """The checker's errors (warnings left out) for every HTML file under `target`, one per line."""
    assert VNU.is_file(), "vnu.jar is missing: run `make setup` (npm ci)"
    java = shutil.which("java")
    assert java, "the Nu checker needs Java: apt-get install default-jre-headless"
    # One short batch: the quick JIT compiler alone and one GC thread take about half the CPU time of
    # the defaults (its frames are larger, hence the bigger stack the checker then needs).
    quick = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m"]
    result = subprocess.run(
        [java, *quick, "-jar", str(VNU), "--skip-non-html", "--errors-only", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line.replace(target.as_uri(), "") for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == (1 if errors else 0), result.stderr
    return errors


def test_every_page_of_the_site_is_valid_html(published_site: Path) -> None:
    pages = list(published_site.rglob("*.html"))
    assert published_site / "404.html" in pages and published_site / "index.html" in pages
    errors = nu_errors(published_site)
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors)


def test_every_page_is_valid_where_titles_run_to_200_characters_and_programs_are_many(crowded_site: Path) -> None:
    errors = nu_errors(crowded_site)
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors[:50])


def test_the_checker_reports_what_the_stock_theme_gets_wrong(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(
        '<!doctype html><html lang="id"><head><title>x</title></head><body>'
        '<input type="checkbox" id="__drawer" autocomplete="off"><label for="__toc">Daftar isi</label>'
        "</body></html>",
        encoding="utf-8",
    )
    errors = nu_errors(tmp_path)
    assert len(errors) == 2
    assert "autocomplete" in errors[0] and "“for” attribute" in errors[1]
