"""The feedback buttons in a real browser: where they lead, and that they can be seen, reached and tapped."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page


def open_program(browser: Browser, base_url: str, *, width: int = 390, scheme: str = "light") -> Page:
    page = browser.new_page(viewport={"width": width, "height": 844}, color_scheme=scheme)
    response = page.goto(base_url + "governance/gov-01/")
    assert response is not None and response.ok
    return page


def test_button_opens_the_form_pre_filled_with_the_program(chromium: Browser, example_url: str) -> None:
    page = open_program(chromium, example_url)
    button = page.get_by_role("link", name="Beri masukan (di GitHub)")
    href = button.get_attribute("href")
    assert href is not None
    parts = urlsplit(href)
    assert (parts.netloc, parts.path) == ("github.com", "/rencana-id/rencana-mojokerto/issues/new")
    # The example repository holds several regions (guide/portal.md): the form learns the region too.
    assert parse_qs(parts.query) == {
        "template": ["masukan.yml"],
        "title": ["[mojokerto/GOV-01] Curhat Ning Ita: layanan pengaduan satu pintu"],
        "program": ["GOV-01"],
        "daerah": ["mojokerto"],
        "halaman": ["https://rencana-id.github.io/rencana-mojokerto/governance/gov-01/"],
    }
    listing = page.get_by_role("link", name="Lihat masukan (di GitHub)").get_attribute("href") or ""
    assert parse_qs(urlsplit(listing).query)["q"] == [
        'is:issue (label:"program:mojokerto/GOV-01" OR (in:title "[mojokerto/GOV-01]"))'
    ]
    issue = page.get_by_role("link", name="Diskusi GitHub nomor #12")
    assert issue.get_attribute("href") == "https://github.com/rencana-id/rencana-mojokerto/issues/12"
    page.close()


def test_help_link_leads_to_the_masukan_page_under_a_sub_path(chromium: Browser, example_url: str) -> None:
    page = open_program(chromium, example_url)
    page.get_by_role("link", name="Cara kerja masukan dan kanal lain").click()
    page.wait_for_url(example_url + "masukan/")
    assert page.get_by_role("heading", name="Tanpa akun GitHub").is_visible()
    assert page.get_by_role("link", name="SP4N-LAPOR!").get_attribute("href") == "https://www.lapor.go.id"
    page.close()


def test_buttons_are_big_enough_to_tap_on_a_phone(chromium: Browser, example_url: str) -> None:
    page = open_program(chromium, example_url, width=390)
    for name in ("Beri masukan (di GitHub)", "Lihat masukan (di GitHub)"):
        box = page.get_by_role("link", name=name).bounding_box()
        assert box is not None
        assert box["height"] >= 44, name
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, name
    page.close()


def test_keyboard_focus_is_visible(chromium: Browser, example_url: str) -> None:
    page = open_program(chromium, example_url)
    page.keyboard.press("Tab")  # a keyboard user: focus rings show from now on
    for name in ("Beri masukan (di GitHub)", "Lihat masukan (di GitHub)"):
        button = page.get_by_role("link", name=name)
        button.focus()
        style = button.evaluate(
            "e => [e.matches(':focus-visible'), getComputedStyle(e).outlineStyle,"
            " parseFloat(getComputedStyle(e).outlineWidth)]"
        )
        assert style[0] is True and style[1] == "solid" and style[2] >= 2, (name, style)
    page.close()


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(part) for part in re.findall(r"[\d.]+", css)[:3])


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((_luminance(_rgb(foreground)), _luminance(_rgb(background))), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_button_text_has_good_contrast(chromium: Browser, example_url: str, scheme: str) -> None:
    page = open_program(chromium, example_url, scheme=scheme)
    page_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    for name in ("Beri masukan (di GitHub)", "Lihat masukan (di GitHub)"):
        colours = page.get_by_role("link", name=name).evaluate(
            "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
        )
        background = page_background if colours[1] in ("rgba(0, 0, 0, 0)", "transparent") else colours[1]
        assert contrast(colours[0], background) >= 4.5, (scheme, name, colours, page_background)
    page.close()
