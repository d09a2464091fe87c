"""Cetak: the whole plan on one page, for paper."""

from __future__ import annotations

import html as html_module
import re
from datetime import date
from pathlib import Path

import pytest

from macros.render.printable import css_string, print_footer
from tests.helpers import SAMPLE, SAMPLE_SLUG, SUBPATH_SITE_URL, yaml_city, yaml_programs
from tests.test_search import index_records


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
        row = re.search(
            rf'<tr><td data-label="Program"><a href="../{entry["dimension"]}/{entry["id"].lower()}/">.*?</tr>', page
        )
        assert row, entry["id"]
        for field in (entry["title"], entry["summary"], entry["lead"]):
            assert field in row.group(0), (entry["id"], field)
    assert ('<p class="rc-print__notice">' in page) == bool(city.get("sample"))


def test_cetak_is_linked_from_tentang_and_data_but_not_in_the_navigation(sample_site: Path) -> None:
    nav_links = re.findall(r'<a href="([^"]*)" class="md-nav__link', (sample_site / "index.html").read_text("utf-8"))
    assert "cetak/" not in nav_links
    for page in ("tentang", "data"):
        html = (sample_site / page / "index.html").read_text("utf-8")
        assert '<a href="../cetak/">dicetak atau disimpan sebagai PDF</a>' in html, page


def test_search_finds_cetak_by_its_own_words_not_by_every_program_again(sample_site: Path) -> None:
    page = (sample_site / "cetak" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in page
    assert '<div class="rc-print" data-pagefind-ignore="all">' in page
    record = index_records(sample_site)["/cetak/"]
    assert record["meta"]["title"] == "Cetak atau simpan rencana sebagai PDF"
    assert "PDF" in record["content"] and "Cetak" in record["content"]
    assert not [entry["title"] for entry in yaml_programs(SAMPLE, SAMPLE_SLUG) if entry["title"] in record["content"]]


def test_the_foot_of_every_printed_sheet_is_in_the_head_of_every_page(subpath_site: Path) -> None:
    # Dated by FIXED_EPOCH (2024-03-01), at SUBPATH_SITE_URL.
    style = f'<style>:root{{--rc-print-footer:"Data per 1 Maret 2024 · {SUBPATH_SITE_URL}"}}</style>'
    for page in subpath_site.rglob("index.html"):
        if "pagefind" not in page.parts:
            assert style in page.read_text(encoding="utf-8"), page


def test_css_strings_keep_data_from_closing_the_style() -> None:
    assert css_string('Kota "A" \\ </style><script>') == '"Kota \\22 A\\22  \\5c  \\3c /style\\3e \\3c script\\3e "'
    assert print_footer(date(2026, 12, 2), None) == "Data per 2 Desember 2026"
