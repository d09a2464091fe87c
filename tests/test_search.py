"""Search: what Pagefind indexes, and searching the built site in headless Chromium.

The browser tests serve the example city as a GitHub Pages project site, under
/rencana/, built with that address as its `site_url`.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from macros.data.plan.assemble import load_plan
from macros.render.search import FILTERS, search_page
from macros.render.text import STATUS_LABELS
from tests.browser import CHROMIUM_ARGS, CHROMIUM_PATH, serve
from tests.helpers import (
    FIXED_EPOCH,
    SAMPLE,
    SAMPLE_SLUG,
    TEST_SITE_URL,
    build_site,
    city,
    copy_sample,
    make_project,
    program,
)
from tests.shared import shared_folder

PREFIX = "/rencana/"
EXAMPLE_PROGRAMS = SAMPLE / "data" / "programs" / SAMPLE_SLUG


def example_programs() -> list[dict[str, Any]]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(EXAMPLE_PROGRAMS.rglob("*.yml"))]


def program_path(data: dict[str, Any]) -> str:
    return f"/{data['dimension']}/{data['id'].lower()}/"


def index_records(site: Path) -> dict[str, dict[str, Any]]:
    """Every page Pagefind indexed, by URL: its words, filters, metadata (the bundle's fragment files)."""
    records = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        record = json.loads(data[len(b"pagefind_dcd") :])
        records[record["url"]] = record
    return records


# ---------------------------------------------------------------------------
# The index, read from the bundle of the example site


def test_every_build_indexes_programs_dimensions_and_pages_but_not_the_search_page(sample_site: Path) -> None:
    records = index_records(sample_site)
    programs = {program_path(data) for data in example_programs()}
    dimensions = {f"/{key}/" for key in ("governance", "branding", "economy", "living", "society", "environment")}
    assert programs | dimensions | {"/", "/tentang/", "/cetak/"} <= set(records)  # Cetak by its own words
    assert not {"/cari/", "/404.html"} & set(records)
    entry = json.loads((sample_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["id"]["page_count"] == len(records)  # one language, Indonesian


def test_every_program_has_its_filters_with_every_year_it_runs(sample_site: Path) -> None:
    records = index_records(sample_site)
    for data in example_programs():
        filters = records[program_path(data)]["filters"]
        assert set(filters) >= {"Dimensi", "Status", "Horizon", "OPD", "Tahun"}, data["id"]
        assert filters["Status"] == [STATUS_LABELS[data["status"]]]
        assert filters["OPD"] == [data["lead"]]
        start, end = data["period"]["start"], data["period"]["end"]
        assert sorted(filters["Tahun"]) == [str(year) for year in range(start, end + 1)]


def test_a_result_knows_the_program_id_dimension_and_status(sample_site: Path) -> None:
    record = index_records(sample_site)["/governance/gov-01/"]
    assert record["meta"]["program"] == "GOV-01"
    assert record["meta"]["title"] == "Curhat Ning Ita: layanan pengaduan satu pintu"
    assert record["meta"]["dimension"] == "Smart Governance"
    assert record["meta"]["status"] == "Selesai"
    assert record["filters"] == {
        "Dimensi": ["Smart Governance"],
        "Elemen": ["Layanan Publik"],
        "Status": ["Selesai"],
        "Horizon": ["Quick win"],
        "OPD": ["Dinas Komunikasi dan Informatika"],
        "Tahun": ["2023", "2024"],
    }


def test_only_page_content_is_indexed_not_navigation_or_buttons(sample_site: Path) -> None:
    record = index_records(sample_site)["/governance/gov-02/"]
    text = record["content"]
    assert text.startswith("GOV-02 ")
    assert "Palapa Mojo" in text
    for chrome in ("Beranda", "Aksesibilitas", "Sebelumnya", "Berikutnya", "←", "¶", "Data contoh"):
        assert chrome not in text, chrome
    assert "¶" not in record["meta"]["title"]
    # Words of neighbouring elements stay apart ("Penanggung jawab Dinas ...", not "jawabDinas").
    assert "Penanggung jawab Dinas" in text


def test_overview_pages_do_not_repeat_what_program_pages_say(sample_site: Path) -> None:
    home = index_records(sample_site)["/"]["content"]
    quick_win = next(data for data in example_programs() if data["horizon"] == "quick-win")
    assert quick_win["title"] not in home
    assert "Kabar terbaru" in home  # the heading stays; the list of updates is on the programs' pages


def test_material_search_is_off_and_every_page_has_the_search_control(sample_site: Path) -> None:
    assert not (sample_site / "search" / "search_index.json").exists()
    for page in sample_site.rglob("*.html"):
        if page.parent.name == "pagefind":
            continue
        html = page.read_text(encoding="utf-8")
        assert 'data-md-component="search"' not in html, page
        assert "data-rc-search-open" in html, page
        # Pagefind itself is not loaded with the page, only the small script that loads it on first use.
        assert "pagefind-component-ui" not in html, page
        assert re.search(r'<script src="[^"]*assets/search\.js" defer>', html), page


@pytest.mark.slow
def test_two_builds_write_the_same_search_bundle(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "project")
    bundles = []
    for name in ("first", "again"):
        # Dated alike: two builds either side of midnight would differ in their "Data per" line.
        result = build_site(project, tmp_path / name, env={"SOURCE_DATE_EPOCH": FIXED_EPOCH})
        assert result.returncode == 0, result.stderr
        bundle = tmp_path / name / "pagefind"
        bundles.append({path.relative_to(bundle): path.read_bytes() for path in bundle.rglob("*") if path.is_file()})
    first, second = bundles
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_a_wrong_search_setting_in_front_matter_fails_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", city(), [program()])
    (project / "docs" / "tentang.md").write_text("---\nsearch:\n  boost: besar\n---\n# Tentang\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "tentang.md: search.boost must be a number from 0 to 10, not 'besar'" in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------
# In the browser, under a sub-path


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example city built as a project site at https://example.github.io/rencana/, dated today.

    Not conftest's `subpath_site`, dated by FIXED_EPOCH (March 2024): no program is late, silent or
    unknown then, so no page has a Keadaan value, and Pagefind announces in English, to screen
    readers, that the filter is not found (test_screen_readers_hear_search_in_indonesian).
    """

    def make(root: Path) -> None:
        project = copy_sample(root / "project", f"https://example.github.io{PREFIX}")
        result = build_site(project, root / "site")
        assert result.returncode == 0, result.stderr

    return shared_folder(tmp_path_factory, "search-subpath", make) / "site"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def site_url(subpath_site: Path) -> Iterator[str]:
    with serve(subpath_site, PREFIX) as base:
        yield base


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    yield tab
    tab.close()


def listed(page: Page, scope: str) -> list[str]:
    """The links of every result shown in `scope`, in order.

    Pagefind fills in a result when it scrolls into view, so each one is scrolled to.
    Call it once the summary says the search is done.
    """
    items = page.locator(f"{scope} pagefind-results ul > li")
    links = []
    for index in range(items.count()):
        link = items.nth(index).locator("a.rc-result__title")
        for _ in range(20):
            try:
                items.nth(index).scroll_into_view_if_needed(timeout=1000)
                expect(link).to_be_attached(timeout=1000)
                break
            except (PlaywrightError, AssertionError):  # replaced by its filled-in self meanwhile
                continue
        links.append(link.get_attribute("href") or "")
    return links


DIALOG = "dialog.rc-search-dialog"


def search_in_header(page: Page, words: str) -> list[str]:
    """Open the header's search dialog, search `words` and return the links of its results."""
    page.locator("[data-rc-search-open]").click()
    page.locator(f"{DIALOG} input").fill(words)
    expect(page.locator(f"{DIALOG} .rc-search-status")).to_have_text(
        re.compile(rf"Ditemukan \d+ hasil untuk {re.escape(words)}$")
    )
    return dialog_results(page)


def dialog_results(page: Page) -> list[str]:
    return [link.get_attribute("href") or "" for link in page.locator(f"{DIALOG} a.rc-result__title").all()]


def test_typing_sampah_in_the_header_lists_the_waste_programs(page: Page, site_url: str) -> None:
    page.goto(site_url + "governance/gov-02/")
    links = search_in_header(page, "sampah")

    waste = {
        PREFIX + program_path(data).lstrip("/")
        for data in example_programs()
        if "sampah" in yaml.safe_dump(data, allow_unicode=True).lower()
    }
    assert len(waste) >= 4
    assert waste <= set(links)
    assert links[0] in waste  # programs come before the pages that mention them
    assert all(link.startswith(PREFIX) for link in links)

    # The result shows the program's id, its dimension and status, its lead agency and years.
    first = page.locator(f"{DIALOG} .rc-result").first
    data = next(d for d in example_programs() if PREFIX + program_path(d).lstrip("/") == links[0])
    expect(first.locator(".rc-id")).to_have_text(data["id"])
    expect(first.locator(".rc-result__meta").first).to_contain_text("Smart Environment")
    expect(first.locator(".rc-status")).to_have_text(STATUS_LABELS[data["status"]])
    start, end = data["period"]["start"], data["period"]["end"]
    expect(first.locator(".rc-result__who")).to_have_text(f"{data['lead']} · {start}–{end}")

    # And leads to the program's page under the sub-path.
    first.locator("a.rc-result__title").click()
    expect(page).to_have_url(re.compile(re.escape(links[0]) + "$"))
    expect(page.locator("h1 .rc-id")).to_have_text(data["id"])


# Pagefind's engine as a stand-in that finds 1,362 pages: no fixture region has that many.
MANY_RESULTS_ENGINE = """
const page = (number) => ({ url: `/program-${number}/`, meta: { title: `Program ${number}` }, excerpt: "" });
export async function options() {}
export async function init() {}
export async function search() {
  return { results: Array.from({ length: 1362 }, (_, number) => ({ data: async () => page(number) })) };
}
"""


def test_the_header_search_counts_its_results_the_indonesian_way(browser: Browser, site_url: str) -> None:
    # As the Cari page does ("1.362"): a dot between thousands, not "1362". The engine is a stand-in
    # with many results, given by a route, which never sees what a service worker answers: once the
    # offline worker controlled the page (on a busy machine, before the click), the real engine came.
    page = browser.new_page(viewport={"width": 1280, "height": 900}, service_workers="block")
    page.route(
        "**/pagefind/pagefind.js", lambda route: route.fulfill(content_type="text/javascript", body=MANY_RESULTS_ENGINE)
    )
    page.goto(site_url + "tentang/")
    page.locator("[data-rc-search-open]").click()
    page.locator(f"{DIALOG} input").fill("sampah")
    expect(page.locator(f"{DIALOG} .rc-search-status")).to_have_text("Ditemukan 1.362 hasil untuk sampah")
    expect(page.locator(f"{DIALOG} a.rc-result__title")).to_have_count(10)
    page.close()


def test_the_dimension_filter_leaves_only_that_dimensions_pages(page: Page, site_url: str) -> None:
    page.goto(site_url + "cari/?q=sampah")
    summary = page.locator(".rc-search pagefind-summary")
    expect(summary).to_have_text(re.compile(r"Ditemukan \d+ hasil untuk sampah"))
    before = listed(page, ".rc-search")
    assert any(not link.startswith(PREFIX + "environment/") for link in before)  # the filter has work to do

    unfiltered = summary.inner_text()
    page.get_by_role("combobox", name="Dimensi", exact=True).click()
    page.get_by_role("option", name=re.compile("^Smart Environment")).click()
    expect(summary).not_to_have_text(unfiltered)
    # The filter says what it is set to, to the eye and to screen readers.
    expect(page.get_by_role("combobox", name="Dimensi: Smart Environment")).to_be_visible()
    after = listed(page, ".rc-search")

    assert after
    assert all(link.startswith(PREFIX + "environment/") for link in after)
    assert set(after) == {link for link in before if link.startswith(PREFIX + "environment/")}
    # The address keeps the search, to share it or come back to it.
    assert "Dimensi=Smart+Environment" in page.url and "q=sampah" in page.url


def test_the_search_page_opens_with_the_search_its_address_holds(page: Page, site_url: str) -> None:
    page.goto(site_url + "cari/?q=sampah&Status=Direncanakan")
    expect(page.locator(".rc-search input[type=search]")).to_have_value("sampah")
    expect(page.locator(".rc-search pagefind-summary")).to_have_text(re.compile(r"Ditemukan \d+ hasil untuk sampah"))
    planned = {PREFIX + program_path(d).lstrip("/") for d in example_programs() if d["status"] == "planned"}
    links = listed(page, ".rc-search")
    assert links
    assert set(links) <= planned


def test_pelayanan_also_finds_a_program_that_only_says_layanan(page: Page, site_url: str, subpath_site: Path) -> None:
    # What GOV-01's page has indexed says "layanan", never "pelayanan" (its related
    # program GOV-02 does, but other programs' titles are not GOV-01's words).
    content = index_records(subpath_site)["/governance/gov-01/"]["content"].lower()
    assert "pelayanan" not in content and "layanan" in content
    page.goto(site_url)
    assert PREFIX + "governance/gov-01/" in search_in_header(page, "pelayanan")


def test_pages_not_searched_on_load_nothing_of_pagefind(page: Page, site_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "living/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "/pagefind/" in url]

    requests.clear()
    search_in_header(page, "puskesmas")
    searched = [url for url in requests if "/pagefind/" in url]
    assert any(url.endswith("/pagefind.js") for url in searched)
    assert any(".pf_fragment" in url for url in searched)
    # The dialog needs Pagefind's engine only, not its Component UI, and fetches each file once.
    assert not [url for url in searched if "component-ui" in url or "worker" in url]
    assert len(searched) == len(set(searched)), searched
    # Everything search fetches comes from the site itself, under its sub-path.
    assert all(url.startswith(site_url) for url in requests), requests


def test_slash_opens_search_escape_closes_it_and_focus_returns(page: Page, site_url: str) -> None:
    page.goto(site_url + "tentang/")
    dialog = page.locator(DIALOG)
    link = page.locator(".md-content a").first
    link.focus()

    page.keyboard.press("/")
    expect(dialog).to_have_attribute("open", "")
    expect(page.locator(f"{DIALOG} input")).to_be_focused()
    page.keyboard.type("parkir")
    expect(page.locator(f"{DIALOG} .rc-search-status")).to_contain_text("parkir")

    page.keyboard.press("Escape")
    expect(dialog).not_to_have_attribute("open", "")
    # The dialog's close event, which hands focus back, comes a task after Escape: wait for
    # it, or the focus moved next would be taken back (seen on a loaded CI machine).
    expect(page.locator("html")).not_to_have_class(re.compile(r"\brc-search-open\b"))
    expect(link).to_be_focused()

    # Opened from the header control, it hands focus back to the control.
    control = page.locator("[data-rc-search-open]")
    control.focus()
    page.keyboard.press("Enter")
    expect(dialog).to_have_attribute("open", "")
    page.keyboard.press("Escape")
    expect(control).to_be_focused()


def test_search_opened_again_before_the_close_event_stays_open_and_focused(page: Page, site_url: str) -> None:
    page.goto(site_url + "tentang/")
    page.keyboard.press("/")
    expect(page.locator(DIALOG)).to_have_attribute("open", "")
    # Escape then / in one task: the dialog reopens before the first close event arrives.
    page.evaluate(
        """() => {
          const press = (target, key) =>
            target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
          press(document.activeElement, "Escape");
          press(document.body, "/");
        }"""
    )
    page.wait_for_timeout(200)  # let the stale close event fire
    expect(page.locator(DIALOG)).to_have_attribute("open", "")
    expect(page.locator("html")).to_have_class(re.compile(r"\brc-search-open\b"))
    expect(page.locator(f"{DIALOG} input")).to_be_focused()


def test_slash_in_a_text_field_is_just_a_slash(page: Page, site_url: str) -> None:
    page.goto(site_url + "cari/")
    field = page.locator(".rc-search input[type=search]")
    expect(field).to_be_focused()
    page.keyboard.type("a/b")
    expect(field).to_have_value("a/b")
    expect(page.locator(DIALOG)).to_have_count(0)


# ---------------------------------------------------------------------------
# Indonesian stemming, on words chosen for it


# Each word below is in one program only, in one form (element "Tata Kelola Birokrasi").
STEMMING = [
    program(
        "GOV-01",
        element="birokrasi",
        title="Jalan lingkungan",
        summary="Pembangunan jalan lingkungan di setiap kelurahan.",
    ),
    program("GOV-02", element="birokrasi", title="Aduan warga", summary="Layanan aduan satu pintu bagi warga."),
    program("GOV-03", element="birokrasi", title="Taman kota", summary="Taman kota yang teduh dan aman untuk anak."),
]


@pytest.fixture(scope="module")
def stemming_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(root: Path) -> None:
        result = build_site(make_project(root / "project", city(), STEMMING), root / "site")
        assert result.returncode == 0, result.stderr

    return shared_folder(tmp_path_factory, "stemming", make) / "site"


@pytest.mark.parametrize(("words", "found"), [("membangun", "gov-01"), ("pelayanan", "gov-02"), ("taman", "gov-03")])
def test_indonesian_stemming_finds_other_forms_of_a_word(
    page: Page, stemming_site: Path, words: str, found: str
) -> None:
    with serve(stemming_site, "/") as base:
        page.goto(base)
        programs = [link for link in search_in_header(page, words) if link.startswith("/governance/gov-")]
    assert programs == [f"/governance/{found}/"]


def test_text_from_the_data_stays_text_in_results(page: Page, tmp_path: Path) -> None:
    hostile = program(
        title="Tong <img src=x onerror=window.pwned=1> sampah",
        summary="Tong sampah <b onmouseover=window.pwned=2>pintar</b> di taman.",
    )
    project = make_project(tmp_path / "p", city(), [hostile])
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    with serve(tmp_path / "site", "/") as base:
        page.goto(base)
        assert search_in_header(page, "tong") == ["/governance/gov-01/"]
        first = page.locator(f"{DIALOG} .rc-result").first
        expect(first.locator("a.rc-result__title")).to_have_text("Tong <img src=x onerror=window.pwned=1> sampah")
        expect(first.locator(".rc-result__excerpt")).to_contain_text("<b onmouseover")
        assert first.locator("img, b").count() == 0
        assert page.evaluate("window.pwned") is None


# ---------------------------------------------------------------------------
# `mkdocs serve` builds into a temporary folder: search must be there too


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_mkdocs_serve_gives_a_searchable_site(page: Page, tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    with (
        log.open("w") as output,
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--dev-addr",
                f"127.0.0.1:{port}",
                "--config-file",
                str(project / "mkdocs.yml"),
            ],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        ) as server,
    ):
        # `mkdocs serve` mounts the site at the path of site_url.
        base = f"http://127.0.0.1:{port}{urlsplit(TEST_SITE_URL).path}"
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    with urllib.request.urlopen(base + "pagefind/pagefind-entry.json", timeout=2) as response:
                        entry = json.load(response)
                    break
                except OSError:
                    assert server.poll() is None, log.read_text()
                    assert time.monotonic() < deadline, f"no search index under mkdocs serve:\n{log.read_text()}"
                    time.sleep(0.5)
            assert entry["languages"]["id"]["page_count"] > 40
            page.goto(base + "environment/")
            assert f"{urlsplit(TEST_SITE_URL).path}environment/env-01/" in search_in_header(page, "sampah")
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_every_result_of_a_long_list_is_filled_in_as_it_scrolls_into_view(page: Page, site_url: str) -> None:
    # Regression: with Material's `html { overflow-x: hidden }`, Pagefind observed <html>
    # instead of the viewport and left every result after the first screenful a placeholder.
    page.goto(site_url + "cari/?q=dinas")
    expect(page.locator(".rc-search pagefind-summary")).to_have_text(re.compile(r"Ditemukan \d+ hasil untuk dinas"))
    links = listed(page, ".rc-search")
    assert len(links) > 10
    assert all(links)


# Each of Pagefind's placeholders: is it "in" the viewport, "out" of it, or on its "edge" (within
# 2 px, where "in view" is a matter of rounding), and is its shimmer running?
PLACEHOLDERS = """() => [...document.querySelectorAll('.rc-search li.pf-result')].map(item => {
    const box = item.getBoundingClientRect();
    const running = item.getAnimations({subtree: true}).some(a => a.playState === 'running');
    const place = box.bottom > 2 && box.top < innerHeight - 2 ? 'in'
        : box.bottom < -2 || box.top > innerHeight + 2 ? 'out' : 'edge';
    return [place, running];
})"""


def test_only_the_placeholders_in_view_shimmer(browser: Browser, site_url: str) -> None:
    # Regression: every placeholder not loaded shimmered for as long as the page stayed open, off
    # screen too (54 on the example's Cari page: 0.7 of a core in Chromium). Their results are held
    # back here, so that the placeholders stay while they are looked at (the offline worker, which
    # would fetch them itself, is kept out).
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    held: list[Route] = []
    context.route("**/pagefind/fragment/**", lambda route: held.append(route))
    try:
        page = context.new_page()
        page.goto(site_url + "cari/?q=dinas")
        expect(page.locator(".rc-search pagefind-summary")).to_have_text(re.compile(r"Ditemukan \d+ hasil untuk dinas"))
        placeholders = page.locator(".rc-search li.pf-result")

        def shimmering_only_in_view(scrolled_to: int) -> list[list[Any]]:
            """Each placeholder's [place, shimmering] once the one at `scrolled_to` is in view and shimmers."""
            placeholders.nth(scrolled_to).scroll_into_view_if_needed()
            page.wait_for_function(
                f"(shown => shown.at({scrolled_to})[0] === 'in'"
                " && shown.every(([place, running]) => place === 'edge' || (place === 'in') === running))"
                f"(({PLACEHOLDERS})())"
            )
            return cast(list[list[Any]], page.evaluate(PLACEHOLDERS))

        first = shimmering_only_in_view(0)
        assert len(first) > 10 and first[0] == ["in", True] and first[-1] == ["out", False], first
        last = shimmering_only_in_view(-1)
        assert last[0] == ["out", False] and last[-1] == ["in", True], last
    finally:
        context.close()  # the held requests go with it


# Words of Pagefind's own English strings, which a screen reader would say on an Indonesian site.
ENGLISH = re.compile(r"\b(results?|selected|deselected|search|clear|filters?|loading|untitled)\b", re.IGNORECASE)


def english_said(aria_snapshot: str) -> list[str]:
    """English words in the names and text of an ARIA snapshot (not in its role names, such as `search`)."""
    said = [quoted or text for quoted, text in re.findall(r'"([^"]*)"|: (.+)$', aria_snapshot, re.MULTILINE)]
    return [word for text in said for word in ENGLISH.findall(text)]


def test_screen_readers_hear_search_in_indonesian(page: Page, site_url: str) -> None:
    page.goto(site_url + "cari/?q=sampah")
    expect(page.locator(".rc-search pagefind-summary")).to_have_text(re.compile(r"Ditemukan \d+ hasil untuk sampah"))
    announced: list[str] = []
    page.expose_function("heard", lambda text: announced.append(text))
    page.evaluate("""() => new MutationObserver(changes => changes.forEach(change => {
        const text = change.target.textContent.trim(); if (text) window.heard(text);
    })).observe(document.body, {subtree: true, childList: true, characterData: true})""")
    page.get_by_role("combobox", name="Dimensi", exact=True).click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    labels = [option.get_attribute("aria-label") or "" for option in options.all()]
    assert labels and all(re.fullmatch(r".+, \d+ hasil", label) for label in labels), labels
    options.first.click()
    expect(page.locator(".rc-search pagefind-summary")).to_have_text(re.compile(r"Ditemukan \d+ hasil"))
    page.wait_for_timeout(300)
    assert any(text.endswith(" dipilih") for text in announced), announced
    assert english_said(page.locator("body").aria_snapshot()) == []
    assert not [text for text in announced if ENGLISH.search(text)], announced

    page.goto(site_url + "tentang/")
    search_in_header(page, "sampah")
    assert english_said(page.locator(DIALOG).aria_snapshot()) == []


def test_the_search_page_offers_only_filters_some_program_has_a_value_of(tmp_path: Path) -> None:
    # Pagefind says, in English, "No filter found" to a screen reader for a filter nobody has.
    budget = [{"year": 2024, "source": "APBD", "amount": 1000000}]
    done = program("GOV-01", status="completed", progress=100, budget=budget)
    project = make_project(tmp_path / "tidy", city(), [done])
    tidy, _ = load_plan(project, None, date(2026, 6, 30))
    offered = json.loads(
        re.search(r'data-filters="([^"]*)"', search_page(tidy, "cari/")).group(1).replace("&quot;", '"')
    )
    assert "Keadaan" not in offered and offered == [name for name in FILTERS if name != "Keadaan"]

    project = make_project(tmp_path / "messy", city(), [done, program("GOV-02")])  # planned, nothing reported
    messy, _ = load_plan(project, None, date(2026, 6, 30))
    offered = json.loads(
        re.search(r'data-filters="([^"]*)"', search_page(messy, "cari/")).group(1).replace("&quot;", '"')
    )
    assert offered == list(FILTERS)
