"""The plan at a glance in a real browser: the roadmap on a phone, its colours in both schemes, printing Cetak."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect

from tests.browser import serve
from tests.helpers import SUBPATH_PREFIX, SUBPATH_SITE_URL
from tests.site_pages import site_sub_path
from tests.test_search import search_in_header


@pytest.mark.parametrize("width", [320, 360, 390])
def test_roadmap_on_a_phone_shows_every_bar_and_year_without_scrolling_sideways(
    chromium: Browser, sample_url: str, width: int
) -> None:
    page = chromium.new_page(viewport={"width": width, "height": 800})
    page.goto(sample_url + "peta-jalan/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    layout = page.evaluate("""() => {
        const right = (selector) => Math.max(...[...document.querySelectorAll(selector)]
            .map(e => e.getBoundingClientRect().right));
        const scrollers = [...document.querySelectorAll('.rc-roadmap *')]
            .filter(e => getComputedStyle(e).overflowX !== 'visible' && !e.closest('details'));
        return {
            bars: right('.rc-roadmap__bar'), years: right('.rc-roadmap__years > span'),
            words: right('.rc-roadmap__when'), scrollers: scrollers.length,
            fontPx: parseFloat(getComputedStyle(document.querySelector('.rc-roadmap__name')).fontSize),
            yearPx: parseFloat(getComputedStyle(document.querySelector('.rc-roadmap__years')).fontSize),
        };
    }""")
    assert layout["scrollers"] == 0, "no sideways scroll box for the roadmap"
    for part in ("bars", "years", "words"):
        assert 0 < layout[part] <= width, (part, layout)
    assert layout["fontPx"] >= 14 and layout["yearPx"] >= 11, layout

    # A row is one link: its name is what it shows, and Enter or a tap on its bar opens the program.
    link = page.locator("a.rc-roadmap__link").first
    link.focus()
    text = " ".join(link.inner_text().split())
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") is None
    assert re.fullmatch(r"\S+ .+ (Direncanakan|Berjalan|Selesai|Terlambat|Dihentikan) · \d{4}(–\d{4})?", text), text
    href = link.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(href.strip(".").strip("/")) + "/$"))
    page.go_back()
    last = page.locator("a.rc-roadmap__link").last
    href = last.get_attribute("href")
    last.locator(".rc-roadmap__bar").click()
    page.wait_for_url(re.compile(re.escape(href.strip(".").strip("/")) + "/$"))
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
    result[status] = {contrast: ratio(style.borderTopColor, background), border: style.borderTopStyle,
                      image: style.backgroundImage, strike: getComputedStyle(bar, "::after").content};
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
    # Apart from colour: a dashed outline, stripes, a solid bar, cross-hatching, and a struck-through one.
    assert bars["planned"]["border"] == "dashed"
    assert bars["ongoing"]["image"].count("repeating-linear-gradient") == 1
    assert bars["completed"]["image"] == "none"
    assert bars["delayed"]["image"].count("repeating-linear-gradient") == 2
    assert bars["stopped"]["strike"] != "none" and bars["completed"]["strike"] == "none"
    page.close()


def test_cetak_prints_a_document_with_a_page_per_dimension(chromium: Browser, small_city: tuple[Path, Path]) -> None:
    _, site = small_city
    with serve(site, site_sub_path(site)) as base:
        # A4 less the page margins of the print CSS is about 700 CSS pixels wide.
        page = chromium.new_page(viewport={"width": 700, "height": 1000})
        page.goto(base + "cetak/")
        page.emulate_media(media="print")
        hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.rc-print-actions',
            '.rc-edit'].map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
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


def pdf_pages(pdf: bytes, scratch: Path) -> list[str]:
    """The text of each page of a PDF, as pdftotext (poppler-utils) reads it."""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "the print test reads the PDF with pdftotext: apt-get install poppler-utils"
    (scratch / "cetak.pdf").write_bytes(pdf)
    text = subprocess.run(
        [pdftotext, "-layout", str(scratch / "cetak.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def test_every_printed_sheet_of_cetak_says_the_date_of_the_data_and_the_address(
    chromium: Browser, subpath_site: Path, tmp_path: Path
) -> None:
    # Built as of FIXED_EPOCH (2024-03-01) for SUBPATH_SITE_URL.
    with serve(subpath_site, SUBPATH_PREFIX) as base:
        page = chromium.new_page()
        page.goto(base + "cetak/")
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        page.close()
    sheets = pdf_pages(pdf, tmp_path)
    assert len(sheets) >= 3  # the cover and a sheet or more per dimension
    for number, sheet in enumerate(sheets, start=1):
        foot = " ".join(sheet.split())
        assert f"Data per 1 Maret 2024 · {SUBPATH_SITE_URL}" in foot, number
        assert f"Halaman {number} dari {len(sheets)}" in foot, number
    assert "Perbaiki data" not in "".join(sheets) and "Cetak atau simpan" not in "".join(sheets)


def test_the_print_button_prints_and_is_there_only_with_javascript(chromium: Browser, sample_url: str) -> None:
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(sample_url + "cetak/")
    # The browser's own print dialog is out of reach of a test: count the calls instead.
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    button = page.get_by_role("button", name="Cetak atau simpan sebagai PDF")
    expect(button).to_be_visible()
    button.click()
    assert page.evaluate("window.printed") == 1
    expect(page.locator(".rc-print-hint").last).to_contain_text("Simpan sebagai PDF")  # and how, on a phone
    page.close()
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_url + "cetak/")
    expect(page.locator("[data-rc-print]")).to_be_hidden()  # it would do nothing
    context.close()


def test_searching_cetak_or_pdf_finds_the_cetak_page(chromium: Browser, sample_url: str) -> None:
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(sample_url)
    for word in ("cetak", "pdf"):
        links = search_in_header(page, word)
        assert urlsplit(sample_url).path + "cetak/" in links[:3], (word, links)
        page.keyboard.press("Escape")
    page.close()
