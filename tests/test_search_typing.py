"""Search on a slow phone: the field is there at once, keeps every keystroke, and finds agencies by abbreviation.

The browser tests run over an emulated slow mobile connection (400 ms latency,
400 kbit/s), where loading Pagefind takes seconds: what a citizen types meanwhile
must land in the field and be searched once Pagefind is ready, and the theme's
single-key shortcuts (`p`, `n`, `s`, `f`) must not act on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from tests.browser import emulate_slow_connection, serve
from tests.helpers import SAMPLE, SAMPLE_SLUG, build_site, city, make_project, program, yaml_programs
from tests.shared import shared_folder
from tests.test_search import DIALOG, dialog_results, index_records, search_in_header

# A city whose agencies are written out in full, as plans write them, plus one local name.
PROGRAMS = [
    program(
        "ENV-01",
        dimension="environment",
        element="sampah",
        title="Bank sampah digital",
        summary="Warga menabung sampah terpilah dan melihat saldonya dari ponsel.",
        lead="Dinas Lingkungan Hidup",
    ),
    program(
        "LIV-01",
        dimension="living",
        element="mobilitas",
        title="Biskita, bus kota yang terjadwal",
        summary="Bus kota dengan halte yang menampilkan jadwal kedatangan.",
        lead="Dinas Perhubungan",
    ),
    program(
        "LIV-02",
        dimension="living",
        element="kesehatan",
        title="Posyandu terhubung",
        summary="Data balita dari posyandu langsung sampai ke puskesmas.",
        lead="Dinas Kesehatan",
    ),
    program(
        "LIV-03",
        dimension="living",
        element="kesehatan",
        title="Antrean puskesmas daring",
        summary="Daftar berobat dari rumah dan datang saat gilirannya.",
        lead="Dinas Kesehatan",
        partners=["Dinas Komunikasi dan Informatika"],
    ),
    program(
        "SOC-01",
        dimension="society",
        element="keamanan",
        title="Patroli ketertiban terpadu",
        summary="Patroli malam bersama warga di titik rawan.",
        lead="Satuan Polisi Pamong Praja",
    ),
    program(
        "GOV-01",
        title="Laboratorium inovasi daerah",
        summary="Ruang uji coba gagasan layanan baru bersama kampus.",
        lead="Badan Riset dan Inovasi Daerah",
    ),
]
LOCAL_NAMES = {"Badan Riset dan Inovasi Daerah": ["BRIDA"]}


@pytest.fixture(scope="module")
def agencies_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(root: Path) -> None:
        project = make_project(root / "project", city(agencies=LOCAL_NAMES), PROGRAMS)
        result = build_site(project, root / "site")
        assert result.returncode == 0, result.stderr

    return shared_folder(tmp_path_factory, "agencies", make) / "site"


@pytest.fixture(scope="module")
def agencies_url(agencies_site: Path) -> Iterator[str]:
    with serve(agencies_site, "/", compress=True) as base:
        yield base


def open_slowly(browser: Browser, url: str, *, phone: bool) -> tuple[BrowserContext, Page]:
    """`url` opened at full speed, then the connection slowed down for everything search loads.

    Without the offline worker: once it has run, Pagefind's engine is on the phone and nothing of
    search waits for the network; these tests are about the visit before that (guide/offline.md).
    """
    if phone:
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, service_workers="block"
        )
    else:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    emulate_slow_connection(context, page)
    return context, page


class HeldPagefind:
    """Every request for Pagefind's files waits here until `release()`, then goes out slowly.

    So "before the first byte of Pagefind has arrived" holds by construction, however long a
    loaded machine takes between two assertions (a race with the emulated latency otherwise).
    """

    def __init__(self, page: Page) -> None:
        self.held: list[Route] = []
        self.released = False
        page.route("**/pagefind/**", self._hold)

    def _hold(self, route: Route) -> None:
        if self.released:
            route.continue_()
        else:
            self.held.append(route)

    def release(self) -> None:
        self.released = True
        for route in self.held:
            route.continue_()
        self.held.clear()


def found_on_a_slow_connection(page: Page, word: str, url: str) -> None:
    """Every keystroke is in the field, the search ran on the whole word, and the page stayed where it was."""
    field = page.locator(f"{DIALOG} input")
    expect(field).to_have_value(word)
    expect(page.locator(f"{DIALOG} .rc-search-status")).to_have_text(
        re.compile(rf"^Ditemukan \d+ hasil untuk {word}$"), timeout=60_000
    )
    expect(field).to_have_value(word)
    assert page.url == url


@pytest.mark.parametrize("pause_ms", [300, 0], ids=["after-0.3s", "at-once"])
def test_a_tap_opens_search_at_once_and_every_letter_typed_while_it_loads_is_searched(
    chromium: Browser, agencies_url: str, pause_ms: int
) -> None:
    url = agencies_url + "environment/"
    context, page = open_slowly(chromium, url, phone=True)
    pagefind = HeldPagefind(page)

    with page.expect_request(lambda request: "/pagefind/" in request.url):  # the tap starts loading it
        page.locator("[data-rc-search-open]").tap()
    dialog = page.locator(DIALOG)
    # Open, focused and saying so while no byte of Pagefind can have arrived: nothing of it waits.
    expect(dialog).to_be_visible()
    expect(page.locator(f"{DIALOG} input")).to_be_focused()
    expect(page.locator(f"{DIALOG} .rc-search-status")).to_have_text("Memuat pencarian…")

    page.wait_for_timeout(pause_ms)
    page.keyboard.type("Bis", delay=40)  # typed before Pagefind's first byte
    pagefind.release()
    page.keyboard.type("kita", delay=40)  # typed while it trickles in
    found_on_a_slow_connection(page, "Biskita", url)
    assert dialog_results(page)[0] == "/living/liv-01/"
    context.close()


def test_slash_then_a_word_on_a_dimension_page_searches_it_and_never_turns_the_page(
    chromium: Browser, agencies_url: str
) -> None:
    # "sampah" holds `p` (the theme's "previous page") and `s` (its search): typed at once
    # after `/`, while search loads, neither may act.
    url = agencies_url + "environment/"
    context, page = open_slowly(chromium, url, phone=False)
    assert page.locator('link[rel="prev"]').count() == 1  # there is a previous page to turn to
    page.keyboard.press("/")
    page.keyboard.type("sampah")
    found_on_a_slow_connection(page, "sampah", url)
    assert dialog_results(page)[0] == "/environment/env-01/"

    # Nor on a result, once there: typing goes back to the field.
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"{DIALOG} a.rc-result__title").first).to_be_focused()
    page.keyboard.type("np")
    expect(page.locator(f"{DIALOG} input")).to_have_value("sampahnp")
    assert page.url == url
    context.close()


def test_typing_on_the_search_page_before_search_is_ready_is_kept(chromium: Browser, agencies_url: str) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    emulate_slow_connection(context, page)
    page.goto(agencies_url + "cari/", wait_until="commit")
    field = page.locator(".rc-search input[type=search]")
    expect(field).to_be_focused(timeout=30_000)  # once the page and its scripts have come in, slowly
    page.keyboard.type("puskesmas", delay=30)
    expect(field).to_have_value("puskesmas")
    expect(page.locator(".rc-search pagefind-summary")).to_have_text(
        re.compile(r"Ditemukan \d+ hasil untuk puskesmas"), timeout=60_000
    )
    expect(field).to_have_value("puskesmas")
    assert "q=puskesmas" in page.url
    context.close()


# ---------------------------------------------------------------------------
# Agencies by the names citizens use


@pytest.fixture()
def page(chromium: Browser) -> Iterator[Page]:
    tab = chromium.new_page(viewport={"width": 1280, "height": 900})
    yield tab
    tab.close()


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("dinkes", {"/living/liv-02/", "/living/liv-03/"}),
        ("dishub", {"/living/liv-01/"}),
        ("dlh", {"/environment/env-01/"}),
        ("satpol pp", {"/society/soc-01/"}),
        ("brida", {"/governance/gov-01/"}),  # the city's own name for it
    ],
)
def test_an_agency_is_found_by_its_abbreviation_where_the_data_writes_its_full_name(
    page: Page, agencies_url: str, words: str, found: set[str]
) -> None:
    page.goto(agencies_url)
    assert set(search_in_header(page, words)) == found


def test_dinkes_finds_the_programs_led_by_dinas_kesehatan_in_the_example(page: Page, sample_url: str) -> None:
    prefix = urlsplit(sample_url).path
    led = {
        f"{prefix}{entry['dimension']}/{entry['id'].lower()}/"
        for entry in yaml_programs(SAMPLE, SAMPLE_SLUG)
        if entry["lead"] == "Dinas Kesehatan"
    }
    assert led
    page.goto(sample_url)
    links = search_in_header(page, "dinkes")
    assert set(links[: len(led)]) == led  # first, before anything else


def test_the_other_names_are_on_the_program_page_and_the_opd_page(agencies_site: Path) -> None:
    records = index_records(agencies_site)
    assert "Penanggung jawab Dinas Kesehatan (Dinkes)" in records["/living/liv-02/"]["content"]
    assert "Badan Riset dan Inovasi Daerah (BRIDA)" in records["/governance/gov-01/"]["content"]
    # A partner is not the lead: its names do not make the program theirs.
    assert "Diskominfo" not in records["/living/liv-03/"]["content"]
    opd = (agencies_site / "opd" / "index.html").read_text(encoding="utf-8")
    section = opd.split('<h2 id="dinas-kesehatan">Dinas Kesehatan</h2>', 1)[1].split("</section>", 1)[0]
    assert '<p class="rc-agency__aka">Dikenal juga sebagai <strong>Dinkes</strong></p>' in section
    assert "Dikenal juga sebagai <strong>Satpol PP</strong>" in opd
    # The result shows the lead agency and the years.
    meta = records["/living/liv-02/"]["meta"]
    assert (meta["lead"], meta["years"]) == ("Dinas Kesehatan", "2024–2026")
