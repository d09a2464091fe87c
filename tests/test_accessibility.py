"""Every kind of page as a citizen's browser shows it: axe-core, keyboard, small screens, zoom."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.helpers import LONG_TITLE_TAIL, REPO
from tests.site_pages import MISSING_PAGE, REPEATED_KINDS, pages_to_check

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

# The kinds of page the product promises; the list the checks visit must hold them all.
PROMISED = {
    "",
    "peta-jalan/",
    "opd/",
    "pemantauan/",
    "evaluasi/",
    "data/",
    "cari/",
    "masukan/",
    "tentang/",
    "aksesibilitas/",
    MISSING_PAGE,
}


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the loaded page, with its default rules (WCAG 2.1 A/AA and best practices)."""
    assert AXE.is_file(), "axe-core is missing: run `make setup` (npm ci)"
    if not page.evaluate("typeof axe !== 'undefined'"):  # not opened in a context `with_axe` prepared
        page.add_script_tag(path=str(AXE))
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def with_axe(context: BrowserContext) -> BrowserContext:
    """`context`, whose pages get axe-core as each opens, before their own scripts (it defines `axe` only).

    Added to every page once loaded, the 500 KB script took 0.13 s a page to send and evaluate;
    as the context's init script, next to nothing (measured over 20 pages: 3.1 s against 0.2 s).
    """
    assert AXE.is_file(), "axe-core is missing: run `make setup` (npm ci)"
    context.add_init_script(path=str(AXE))
    return context


_BUSY = "!document.querySelector('[aria-busy=\"true\"]')"


def settle(page: Page, url: str) -> None:
    """Open `url` and wait until what its scripts build is done (the Cari page loads Pagefind's interface)."""
    page.goto(url, wait_until="networkidle")
    page.wait_for_function(_BUSY)


def settled(context: BrowserContext, urls: Iterable[str], *, tabs: int = 3) -> Iterator[tuple[str, Page]]:
    """(url, page) for each of `urls` in turn, settled as `settle` leaves it, in one of a few tabs.

    While one page is checked, the next ones load in the other tabs: a load is only done after
    half a second without network traffic (Playwright's networkidle), and those half seconds then
    pass together instead of one after another. The tabs are reused: a new tab costs a renderer.
    """
    remaining = iter(urls)
    loading: deque[tuple[str, Page]] = deque()

    def load_next(page: Page) -> None:
        if (url := next(remaining, None)) is not None:
            page.goto(url, wait_until="commit")
            loading.append((url, page))
        else:
            page.close()

    for _ in range(tabs):
        load_next(context.new_page())
    while loading:
        url, page = loading.popleft()
        page.wait_for_load_state("networkidle")
        page.wait_for_function(_BUSY)
        yield url, page
        load_next(page)


def describe(address: str, violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"/{address}: {violation['id']} ({violation['impact']}): {node['target']}: "
        + node["failureSummary"].replace("\n", " ")
        for violation in violations
        for node in violation["nodes"]
    ]


@pytest.fixture(scope="module")
def addresses(published_site: Path) -> list[str]:
    return pages_to_check(published_site)


def test_the_checks_visit_every_promised_kind_of_page(published_site: Path, addresses: list[str]) -> None:
    # Evaluasi exists only for a region with evaluations (the sample has them: tests/test_evaluation.py).
    promised = PROMISED if (published_site / "evaluasi").is_dir() else PROMISED - {"evaluasi/"}
    assert set(addresses) >= promised, promised - set(addresses)
    for kind, mark in REPEATED_KINDS.items():
        in_site = [file for file in published_site.rglob("index.html") if mark in file.read_text(encoding="utf-8")]
        pages = [
            address
            for address in addresses
            if address != MISSING_PAGE and mark in (published_site / address / "index.html").read_text(encoding="utf-8")
        ]
        # The one with the most content and the one with the least (one page when the site has only one).
        assert len(pages) == min(2, len(in_site)) >= 1, f"{kind}: {pages}"


def test_axe_finds_what_it_should_on_a_bad_page(chromium: Browser) -> None:
    page = chromium.new_page()
    page.set_content('<html><body><img src="a.png"><a href="#"></a></body></html>')
    found = {violation["id"] for violation in axe_violations(page)}
    page.close()
    assert {"image-alt", "link-name", "html-has-lang"} <= found


# Light and dark at desktop width (sidebars, table of contents), light on a phone
# (header, drawer): each lays out and colours the page differently.
LAYOUTS = {
    "light-desktop": {"color_scheme": "light", "viewport": {"width": 1280, "height": 900}},
    "dark-desktop": {"color_scheme": "dark", "viewport": {"width": 1280, "height": 900}},
    "light-phone": {"color_scheme": "light", "viewport": {"width": 390, "height": 844}, "is_mobile": True},
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_axe_finds_no_violation_on_any_kind_of_page(
    chromium: Browser, published_url: str, addresses: list[str], layout: str
) -> None:
    settings = LAYOUTS[layout]
    context = with_axe(chromium.new_context(**settings))
    problems: list[str] = []
    for url, page in settled(context, [published_url + address for address in addresses]):
        address = url.removeprefix(published_url)
        scheme = page.evaluate("document.body.dataset.mdColorScheme")
        assert scheme == ("slate" if settings["color_scheme"] == "dark" else "default"), address
        problems += describe(address, axe_violations(page))
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("layout", ["light-desktop", "light-phone"])
def test_axe_finds_no_violation_where_titles_run_to_200_characters_and_programs_are_many(
    chromium: Browser, crowded_site: Path, crowded_url: str, layout: str
) -> None:
    # Long titles once broke axe's label-content-name-mismatch on the roadmap (link names cut short).
    context = with_axe(chromium.new_context(**LAYOUTS[layout]))
    problems: list[str] = []
    # The pages that show program titles; the others are those of the example city.
    shown = [
        address
        for address in pages_to_check(crowded_site)
        if address == MISSING_PAGE or LONG_TITLE_TAIL[:40] in (crowded_site / address / "index.html").read_text("utf-8")
    ]
    assert {"peta-jalan/", "opd/", "cetak/"} <= set(shown)
    for url, page in settled(context, [crowded_url + address for address in shown]):
        problems += describe(url.removeprefix(crowded_url), axe_violations(page))
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_axe_finds_no_violation_in_search_with_results(chromium: Browser, sample_url: str, layout: str) -> None:
    context = with_axe(chromium.new_context(**LAYOUTS[layout]))
    page = context.new_page()
    problems: list[str] = []
    # The header's search dialog, opened from a program page, with results.
    settle(page, sample_url + "governance/gov-01/")
    page.locator("[data-rc-search-open]").first.click()
    page.locator("dialog[open] input").fill("sampah")
    page.locator("dialog[open] .rc-result").first.wait_for()
    problems += describe("governance/gov-01/ (search dialog)", axe_violations(page))
    # The Cari page asked for a word and a filter, with results.
    settle(page, sample_url + "cari/?q=sampah&Status=Berjalan")
    page.locator(".rc-result").first.wait_for()
    problems += describe("cari/?q=sampah&Status=Berjalan", axe_violations(page))
    context.close()
    assert not problems, "\n".join(problems)


# Text reflows without scrolling sideways: phones of 390, 360 and 320 px, and 1280 px at
# 200 % zoom (640 CSS pixels, drawn at twice the density).
REFLOW = {
    "390px": ({"width": 390, "height": 844}, 1),
    "360px": ({"width": 360, "height": 740}, 1),
    "320px": ({"width": 320, "height": 640}, 1),
    "zoom-200": ({"width": 640, "height": 450}, 2),
}
# Widths checked on one load of each page, from the widest down: a page loaded at 390 px and
# narrowed lays out as one loaded at the narrower width (compared on every page of the published
# site at each width: the same findings), and one load is a third of the time of three.
PHONES = ["390px", "360px", "320px"]

_WIDER_THAN_THE_SCREEN = """(phone) => {
  const width = document.documentElement.clientWidth;
  const clips = box => { const style = getComputedStyle(box);
                         return style.overflowX !== "visible" || style.clip !== "auto"; };
  // The part of an element that can be seen: its box cut by every ancestor that clips it
  // (a scroll box, or the 1 px box of text for screen readers only).
  const visibleRight = element => {
    let right = element.getBoundingClientRect().right;
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      if (clips(box)) right = Math.min(right, box.getBoundingClientRect().right);
    }
    return right;
  };
  const name = e => e.tagName.toLowerCase() + "." + [...e.classList].join(".");
  const wide = [...document.querySelectorAll("body *")].filter(element => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && visibleRight(element) > width + 1;
  });
  // On a phone, nothing in the page's content is cut off inside a box that scrolls sideways
  // (a table, a chart): a citizen would not know there is more.
  const scrollers = phone ? [...document.querySelectorAll(".md-content *")].filter(box => {
    const style = getComputedStyle(box);
    return ["auto", "scroll", "hidden"].includes(style.overflowX) && box.clientWidth > 1
           && box.scrollWidth > box.clientWidth + 1;
  }) : [];
  return {
    scroll: document.documentElement.scrollWidth - width,
    wide: wide.slice(0, 5).map(name),
    scrollers: scrollers.slice(0, 5).map(e => name(e) + ` ${e.scrollWidth}/${e.clientWidth}`),
  };
}"""


def reflow_problems(chromium: Browser, base: str, addresses: list[str], sizes: list[str]) -> list[str]:
    """What scrolls sideways on each page at each of `sizes` (in one load of the page; the same
    density for all of them, the first's viewport when it loads)."""
    scales = {REFLOW[size][1] for size in sizes}
    assert len(scales) == 1, "a page is drawn at one density: 200 % zoom is checked on its own"
    context = chromium.new_context(viewport=REFLOW[sizes[0]][0], device_scale_factor=scales.pop())
    page = context.new_page()
    problems = []
    for address in addresses:
        page.goto(base + address)
        for size in sizes:
            page.set_viewport_size(REFLOW[size][0])
            found = page.evaluate(_WIDER_THAN_THE_SCREEN, size != "zoom-200")
            if found["scroll"] > 0 or found["wide"] or found["scrollers"]:
                problems.append(
                    f"/{address} at {size}: {found['scroll']} px too wide: {found['wide']} {found['scrollers']}"
                )
    context.close()
    return problems


@pytest.mark.parametrize("sizes", [PHONES, ["zoom-200"]], ids=["phones", "zoom-200"])
def test_no_page_scrolls_sideways_on_a_small_screen_or_at_200_percent_zoom(
    chromium: Browser, published_url: str, addresses: list[str], sizes: list[str]
) -> None:
    problems = reflow_problems(chromium, published_url, addresses, sizes)
    assert not problems, "\n".join(problems)


def test_long_titles_and_many_programs_still_fit_a_phone(
    chromium: Browser, crowded_site: Path, crowded_url: str
) -> None:
    problems = reflow_problems(chromium, crowded_url, pages_to_check(crowded_site), PHONES)
    assert not problems, "\n".join(problems)


@pytest.fixture()
def program_page(chromium: Browser, published_url: str, addresses: list[str]) -> Iterator[Page]:
    program = next(address for address in addresses if re.fullmatch(r"[a-z]+/[a-z]+-\d+/", address))
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(published_url + program)
    yield page
    page.close()


def test_the_first_tab_stop_skips_to_the_page_content(program_page: Page) -> None:
    page = program_page
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    assert page.evaluate("document.activeElement.className").startswith("md-skip")
    assert skip.inner_text() == "Lewati ke isi"
    page.wait_for_function("getComputedStyle(document.querySelector('.md-skip')).opacity === '1'")
    page.keyboard.press("Enter")
    page.wait_for_url("**#isi")
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('isi').contains(document.activeElement)")


_FOCUS_RING = """() => {
  let element = document.activeElement;
  // The palette's radio buttons are invisible; the label after them shows their focus.
  if (element.getBoundingClientRect().width === 0 && element.nextElementSibling instanceof HTMLLabelElement) {
    element = element.nextElementSibling;
  }
  const box = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  const width = parseFloat(style.outlineWidth);
  const gap = parseFloat(style.outlineOffset);  // the ring is drawn from `gap` to `gap + width` outside the box
  // What is visible of the page around the element: the viewport cut by every box that clips
  // it, that is every ancestor with overflow except those an absolute or fixed box escapes
  // (ancestors inside its containing block). The root's and the body's overflow is the viewport's.
  let clip = {left: 0, top: 0, right: innerWidth, bottom: innerHeight};
  let position = style.position;
  for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
    const boxStyle = getComputedStyle(box);
    const transformed = boxStyle.transform !== "none";
    if (position === "absolute" && boxStyle.position === "static" && !transformed) continue;
    if (position === "fixed" && !transformed) continue;
    if (boxStyle.overflowX !== "visible" || boxStyle.overflowY !== "visible") {
      const edges = box.getBoundingClientRect();
      clip = {left: Math.max(clip.left, edges.left), top: Math.max(clip.top, edges.top),
              right: Math.min(clip.right, edges.right), bottom: Math.min(clip.bottom, edges.bottom)};
    }
    position = boxStyle.position;
  }
  const drawn = (edge, limit, sign) => sign * (limit - edge) >= -0.5;
  return {
    element: element.tagName.toLowerCase() + "." + [...element.classList].join(".") + " " +
             (element.getAttribute("href") || element.id || ""),
    ring: style.outlineStyle !== "none" && width >= 2,
    inView: box.width > 0 && box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight,
    // Every side of the ring is at least partly drawn, not cut off by a scrolling sidebar or the screen's edge.
    unclipped: drawn(box.left - gap, clip.left, -1) && drawn(box.top - gap, clip.top, -1) &&
               drawn(box.right + gap, clip.right, 1) && drawn(box.bottom + gap, clip.bottom, 1),
  };
}"""


# A program page (not in the navigation) and a page listed in it, with its table of contents.
@pytest.mark.parametrize("kind", ["program", "aksesibilitas/"])
@pytest.mark.parametrize("width", [1280, 640])
def test_every_tab_stop_shows_a_focus_ring_in_view(
    chromium: Browser, published_url: str, addresses: list[str], width: int, kind: str
) -> None:
    # 640 px is 1280 px at 200 % zoom: the navigation is in a drawer, off-screen until opened.
    address = (
        kind
        if kind.endswith("/")
        else next(address for address in addresses if re.fullmatch(r"[a-z]+/[a-z]+-\d+/", address))
    )
    page = chromium.new_page(viewport={"width": width, "height": 700})
    page.goto(published_url + address)
    problems, stops = [], 0
    while True:
        previous = page.evaluate_handle("document.activeElement")
        page.keyboard.press("Tab")
        # Under load, focus can land a moment after the key press; past the last stop it lands on the body.
        page.wait_for_function("previous => document.activeElement !== previous", arg=previous, timeout=2000)
        if page.evaluate("document.activeElement === document.body"):
            break  # past the last tab stop
        stops += 1
        try:  # the drawer slides in and the page scrolls: give them time
            page.wait_for_function(
                f"(focus => focus.ring && focus.inView && focus.unclipped)(({_FOCUS_RING})())", timeout=1000
            )
        except PlaywrightTimeoutError:
            problems.append(str(page.evaluate(_FOCUS_RING)))
        assert stops < 200, "focus never left the page"
    page.close()
    assert stops >= 10  # the header, the navigation and the content were all reached
    assert not problems, "\n".join(problems)


def test_the_dimension_sub_menu_of_the_navigation_has_a_name(published_site: Path) -> None:
    # Its toggle names it for screen readers; with navigation.indexes it held an icon alone.
    html = (published_site / "index.html").read_text(encoding="utf-8")
    labelled_by = re.search(r'<nav class="md-nav" data-md-level="1" aria-labelledby="([^"]+)"', html)
    assert labelled_by, "no sub-menu"
    label = re.search(rf'<label [^>]*id="{labelled_by.group(1)}"[^>]*>(.*?)</label>', html, re.DOTALL)
    assert label and re.sub(r"<[^>]+>|\s", "", label.group(1)) == "Dimensi"


_NAMED_ICON_BUTTON = re.compile(
    r'<(a|button)\b[^>]*\b(?:title|aria-label)="[^"]+"[^>]*>\s*<svg\b.*?</svg>\s*</\1>', re.DOTALL
)


def test_icons_and_charts_in_the_content_are_hidden_or_named(published_site: Path) -> None:
    problems = []
    for file in sorted(published_site.rglob("*.html")):
        content = re.search(
            r'<article class="md-content__inner md-typeset" id="isi">(.*)</article>',
            file.read_text(encoding="utf-8"),
            re.DOTALL,
        )
        assert content, file
        # An icon alone in a link or button named by its title or label (the theme's edit button) is fine.
        body = _NAMED_ICON_BUTTON.sub("", content.group(1))
        for svg in re.finditer(r"<svg\b([^>]*)>(\s*<title\b)?", body):
            attributes, titled = svg.group(1), svg.group(2)
            hidden = 'aria-hidden="true"' in attributes
            # A picture (img) or a chart whose parts are links or text of their own (group, figure).
            role = re.search(r'role="(img|group|figure|graphics-document)"', attributes)
            named = role and (titled or re.search(r"aria-label(ledby)?=", attributes))
            if not (hidden or named):
                problems.append(f"{file.relative_to(published_site)}: <svg{attributes[:80]}>")
    assert not problems, "\n".join(problems)
