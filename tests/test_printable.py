"""Cetak: the whole plan on one page, for paper."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import pytest

from tests.helpers import yaml_city, yaml_programs


@pytest.fixture
def printable(each_city: tuple[Path, str, Path]) -> tuple[list[dict], dict, Path]:
    project, slug, site = each_city
    return yaml_programs(project, slug), yaml_city(project, slug), site


def test_every_dimension_and_program_with_its_key_fields(printable: tuple[list[dict], dict, Path]) -> None:
    programs, city, site = printable
    page = html_module.unescape((site / "cetak" / "index.html").read_text(encoding="utf-8"))
    assert f'<h1 class="rc-print__title">{city["plan"]["title"]}</h1>' in page
    for mission in city.get("missions", []):
        assert f"<li>{mission}</li>" in page
    dimensions = re.findall(r'<section class="rc-print__dimension" aria-labelledby="cetak-([^"]+)">', page)
    expected = (
        list(city["dimensions"])
        if city.get("dimensions")
        else ["governance", "branding", "economy", "living", "society", "environment"]
    )
    assert dimensions == expected
    for entry in programs:
        row = re.search(rf'<tr><td><a href="../{entry["dimension"]}/{entry["id"].lower()}/">.*?</tr>', page)
        assert row, entry["id"]
        for field in (entry["title"], entry["summary"], entry["lead"]):
            assert field in row.group(0), (entry["id"], field)
    assert ('<p class="rc-print__notice">' in page) == bool(city.get("sample"))


def test_cetak_is_linked_but_not_in_the_navigation(sample_site: Path) -> None:
    page = (sample_site / "cetak" / "index.html").read_text(encoding="utf-8")
    nav_links = re.findall(r'<a href="([^"]*)" class="md-nav__link', (sample_site / "index.html").read_text("utf-8"))
    assert "cetak/" not in nav_links
    assert "data-pagefind-body" not in page
