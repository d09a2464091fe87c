"""On a citizen's phone: the header names the city, the menu is a Tab stop, nothing leads astray.

Headless Chromium at phone widths, on the example city and on cities built here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser import serve
from tests.helpers import SAMPLE, SAMPLE_SLUG, build_site, city, make_project, program, yaml_city, yaml_programs
from tests.shared import shared_folder

LONG_NAMES = ["Kabupaten Bandung Barat", "Kabupaten Kepulauan Siau Tagulandang Biaro"]


@pytest.fixture(scope="module", params=LONG_NAMES)
def long_named_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    def make(root: Path) -> None:
        project = make_project(root / "project", city(name=request.param), [program()])
        result = build_site(project, root / "site")
        assert result.returncode == 0, result.stderr

    root = shared_folder(tmp_path_factory, f"named-{LONG_NAMES.index(request.param)}", make)
    return request.param, root / "site"


_HEADER_NAME = """() => {
  const name = document.querySelector('.rc-header__city');
  const box = name.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  // The first control after the title: the colour scheme's, else search.
  const next = document.querySelector('.md-header__option, .rc-search-open').getBoundingClientRect();
  return {text: name.textContent,
          whole: name.scrollHeight <= name.clientHeight + 1 && name.scrollWidth <= name.clientWidth,
          inside: box.left >= 0 && box.right <= next.left && box.top >= header.top && box.bottom <= header.bottom};
}"""


def header_name(chromium: Browser, url: str, width: int) -> dict[str, object]:
    page = chromium.new_page(viewport={"width": width, "height": 640})
    page.goto(url)
    found = page.evaluate(_HEADER_NAME)
    page.close()
    return found


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_header_names_the_city_whole_on_a_320_px_phone(chromium: Browser, sample_url: str, width: int) -> None:
    found = header_name(chromium, sample_url, width)
    assert found == {"text": yaml_city(SAMPLE, SAMPLE_SLUG)["name"], "whole": True, "inside": True}


def test_a_long_city_name_fits_the_header_too(chromium: Browser, long_named_site: tuple[str, Path]) -> None:
    name, site = long_named_site
    with serve(site, "/") as base:
        for width in (320, 360):
            assert header_name(chromium, base, width) == {"text": name, "whole": True, "inside": True}, width


@pytest.fixture()
def phone(chromium: Browser) -> Iterator[Page]:
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    yield page
    page.close()


def test_the_menu_button_is_a_tab_stop_that_opens_and_closes_the_menu(phone: Page, sample_url: str) -> None:
    phone.goto(sample_url + "tentang/")
    button = phone.get_by_role("button", name="Menu navigasi")
    expect(button).to_have_attribute("aria-expanded", "false")
    for _ in range(5):  # the skip link, then the header
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.matches('[data-rc-menu]')"):
            break
    expect(button).to_be_focused()
    phone.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    assert phone.evaluate("document.getElementById('__drawer').checked")
    # Focus is in the menu, on a link that can be seen.
    assert phone.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
    phone.wait_for_function(
        "(() => { const box = document.activeElement.getBoundingClientRect();"
        " return box.left >= 0 && box.right <= innerWidth; })()"
    )
    phone.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    assert not phone.evaluate("document.getElementById('__drawer').checked")


def test_without_javascript_the_theme_label_still_opens_the_menu(chromium: Browser, sample_url: str) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_url + "tentang/")
    expect(page.locator("[data-rc-menu]")).to_be_hidden()
    page.locator("label[for='__drawer'][data-rc-menu-label]").click()
    expect(page.locator(".md-sidebar--primary a.md-nav__link").first).to_be_in_viewport()
    context.close()


def test_the_edit_link_is_a_small_link_at_the_foot_for_maintainers(sample_site: Path) -> None:
    entry = yaml_programs(SAMPLE, SAMPLE_SLUG)[0]
    program_page = (sample_site / entry["dimension"] / entry["id"].lower() / "index.html").read_text("utf-8")
    foot = re.findall(r'<p class="rc-edit"><a href="([^"]+)" rel="edit">([^<]+)</a></p>', program_page)
    assert len(foot) == 1 and foot[0][1] == "Perbaiki data program ini"
    assert foot[0][0].endswith(f"/data/programs/mojokerto/{entry['dimension']}/{entry['id'].lower()}.yml")
    # After everything a citizen reads on the page.
    assert program_page.index('class="rc-edit"') > program_page.index('class="rc-pager"')
    about = (sample_site / "tentang" / "index.html").read_text("utf-8")
    assert re.search(r'<p class="rc-edit"><a href="[^"]+/docs/tentang\.md" rel="edit">Ubah halaman ini</a></p>', about)
    dimension = (sample_site / entry["dimension"] / "index.html").read_text("utf-8")
    assert 'rel="edit"' not in dimension  # made from data: no file of its own to edit
    for page in sample_site.rglob("*.html"):
        assert "md-content__button" not in page.read_text("utf-8"), page  # no pencil beside any title


def test_a_keyword_chip_searches_for_its_keyword(phone: Page, sample_url: str) -> None:
    entry = next(entry for entry in yaml_programs(SAMPLE, SAMPLE_SLUG) if entry.get("tags"))
    tag = entry["tags"][-1]
    phone.goto(f"{sample_url}{entry['dimension']}/{entry['id'].lower()}/")
    chip = phone.locator("a.rc-tag", has_text=tag)
    expect(chip).to_be_visible()
    chip.click()
    expect(phone.locator(".rc-search input[type=search]")).to_have_value(tag)
    expect(phone.locator(".rc-search pagefind-summary")).to_have_text(re.compile(rf"Ditemukan \d+ hasil untuk {tag}"))
    program_link = f"{entry['dimension']}/{entry['id'].lower()}/"
    expect(phone.locator(f'.rc-search a.rc-result__title[href$="{program_link}"]')).to_have_count(1)


def test_without_javascript_the_search_page_links_to_where_programs_are_listed(
    chromium: Browser, sample_url: str, sample_site: Path
) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_url + "cari/")
    expect(page.locator(".rc-search input[type=search]")).to_be_hidden()  # it would do nothing
    links = page.locator(".rc-search noscript a")
    hrefs = [link.get_attribute("href") for link in links.all()]
    context.close()
    dimensions = [f"../{key}/" for key in ("governance", "branding", "economy", "living", "society", "environment")]
    assert hrefs == [*dimensions, "../opd/", "../peta-jalan/"]
    for href in hrefs:
        assert (sample_site / "cari" / href / "index.html").resolve().is_file(), href
