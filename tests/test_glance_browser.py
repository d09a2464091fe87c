"""The plan at a glance in a real browser: the roadmap on a phone, its colours in both schemes, the print layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser import serve
from tests.site_pages import site_sub_path


def test_roadmap_on_a_phone_scrolls_inside_its_region_and_opens_programs(chromium: Browser, sample_url: str) -> None:
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(sample_url + "peta-jalan/")
    # The page itself never scrolls sideways; each chart does, inside a focusable region.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    region = page.locator(".rc-roadmap__scroll").first
    assert region.get_attribute("tabindex") == "0"
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    font_px = page.locator(".rc-roadmap__label").first.evaluate("""el => {
        const svg = el.ownerSVGElement;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return scale * parseFloat(getComputedStyle(el).fontSize);
    }""")
    assert font_px >= 11, f"chart text stays readable on a phone, not {font_px:.1f} px"

    link = page.locator("a.rc-roadmap__link").first
    link.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith("GOV-01 ")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/rencana/governance/gov-01/$"))

    page.go_back()
    page.locator('a.rc-roadmap__link[href$="/env-03/"] .rc-roadmap__bar').click()
    page.wait_for_url(re.compile(r"/rencana/environment/env-03/$"))
    page.close()


CONTRAST = """() => {
  const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const luminance = rgb => { const [r, g, b] = rgb.match(/[\\d.]+/g).map(Number);
                             return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b); };
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
                            return (x + 0.05) / (y + 0.05); };
  const background = getComputedStyle(document.body).backgroundColor;
  const result = {};
  for (const status of ["planned", "ongoing", "completed", "delayed", "stopped"]) {
    const bar = document.querySelector(`.rc-roadmap__legend .rc-roadmap__bar--${status}`);
    const style = getComputedStyle(bar);
    result[status] = {contrast: ratio(style.stroke, background), fill: style.fill, dash: style.strokeDasharray};
  }
  return result;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_status_bars_contrast_with_the_page_and_differ_without_colour(
    chromium: Browser, sample_url: str, scheme: str
) -> None:
    page = chromium.new_page(color_scheme=scheme)
    page.goto(sample_url + "peta-jalan/")
    expected_scheme = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected_scheme
    bars = page.evaluate(CONTRAST)
    for status, found in bars.items():
        assert found["contrast"] >= 3, (scheme, status, found)  # WCAG 1.4.11, non-text contrast
    # Apart from colour: a dashed outline, two patterns, a solid bar, and a struck-through one.
    assert bars["planned"]["dash"] not in ("none", "")
    assert "rc-pattern-ongoing" in bars["ongoing"]["fill"]
    assert "rc-pattern-delayed" in bars["delayed"]["fill"]
    assert page.locator(".rc-roadmap__legend .rc-roadmap__strike").count() == 1
    page.close()


def test_cetak_prints_a_document_with_a_page_per_dimension(chromium: Browser, small_city: tuple[Path, Path]) -> None:
    _, site = small_city
    with serve(site, site_sub_path(site)) as base:
        # A4 less the page margins of the print CSS is about 700 CSS pixels wide.
        page = chromium.new_page(viewport={"width": 700, "height": 1000})
        page.goto(base + "cetak/")
        page.emulate_media(media="print")
        hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.rc-print-hint']
            .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
        assert hidden and set(hidden) == {"none"}
        layout = page.evaluate("""() => ({
            breaks: [...document.querySelectorAll('.rc-print__dimension')].map(e => getComputedStyle(e).breakBefore),
            rows: [...document.querySelectorAll('.rc-print tbody tr')].map(e => getComputedStyle(e).breakInside),
            overflow: [...document.querySelectorAll('.rc-print .rc-table')]
                .filter(e => e.scrollWidth > e.clientWidth + 1).length,
        })""")
        assert layout["breaks"] == ["page", "page"]
        assert layout["rows"] and set(layout["rows"]) == {"avoid"}
        assert layout["overflow"] == 0, "a table wider than the paper would be cut"
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        page.close()
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    assert pages == 3  # the cover, then one page for each of the two dimensions
