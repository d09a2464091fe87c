"""Several regions in one repository: the portal of three fixture regions, served under a sub-path.

`portal_site` (conftest.py) builds `tests.helpers.portal_regions()` with `python -m macros build`
(what `make site` runs) for https://example.github.io/rencana/; the checks here serve it
under /rencana/ as GitHub Pages would.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from macros.render.text import percent, rupiah
from tests.browser import serve
from tests.crawl import crawl
from tests.helpers import (
    PORTAL_REGIONS,
    SUBPATH_PREFIX,
    SUBPATH_SITE_URL,
    make_portal_project,
    yaml_city,
    yaml_programs,
)
from tests.site_pages import MISSING_PAGE
from tests.test_accessibility import (
    _WIDER_THAN_THE_SCREEN,
    LAYOUTS,
    axe_violations,
    describe,
    settle,
    settled,
    with_axe,
)
from tests.test_search import DIALOG, free_port, listed, search_in_header
from tests.test_valid_html import nu_errors

# The portal's kinds of page, and a region's pages inside it (the bar back to the portal).
PORTAL_PAGES = ["", "bandingkan/", "cari/?q=sampah", "data/", "tentang/", MISSING_PAGE]
REGION_PAGES = ["pesisir/", "pesisir/governance/gov-01/", "kecil/cari/?q=sampah"]


@pytest.fixture(scope="module")
def site(portal_site: tuple[Path, Path]) -> Path:
    return portal_site[1]


@pytest.fixture(scope="module")
def project(portal_site: tuple[Path, Path]) -> Path:
    return portal_site[0]


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serve(site, SUBPATH_PREFIX) as url:
        yield url


@pytest.fixture()
def page(chromium: Browser) -> Iterator[Page]:
    tab = chromium.new_page(viewport={"width": 1280, "height": 900})
    yield tab
    tab.close()


def every_page(site: Path) -> set[str]:
    return {
        "" if file.parent == site else file.parent.relative_to(site).as_posix() + "/"
        for file in site.rglob("index.html")
    }


# ---------------------------------------------------------------- layout and links


def test_the_portal_is_at_the_root_and_each_regions_full_site_at_its_slug(site: Path) -> None:
    for page in ("", "bandingkan/", "cari/", "data/", "tentang/"):
        assert (site / page / "index.html").is_file(), page
    for slug in PORTAL_REGIONS:
        region = site / slug
        for page in ("", "peta-jalan/", "opd/", "data/", "cari/", "cetak/", "masukan/", "tentang/"):
            assert (region / page / "index.html").is_file(), f"{slug}/{page}"
        # Each region has its own search, and takes Material's files from the portal.
        assert (region / "pagefind" / "pagefind-entry.json").is_file()
        assert (region / "assets" / "search.js").is_file()
        assert not (region / "assets" / "javascripts").exists()
    assert (site / "contoh" / "evaluasi" / "index.html").is_file()
    assert not (site / "kecil" / "evaluasi").exists()  # no evaluations: no Evaluasi page
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    for slug in PORTAL_REGIONS:
        assert f"Sitemap: {SUBPATH_SITE_URL}{slug}/sitemap.xml" in robots


def test_every_page_of_the_portal_and_of_each_region_is_reachable_with_no_broken_link(site: Path, base: str) -> None:
    result = crawl(base, [""], site_url=SUBPATH_SITE_URL)
    assert result.broken == []
    reached = {url.removeprefix(base) for url in result.pages}
    assert reached == every_page(site)  # all of them, by following links from the portal's home
    assert not [link for link in result.external if link.resource]  # nothing loaded from elsewhere
    # Every page of a region links back to the portal ("Semua daerah").
    for url, html in result.pages.items():
        if url.removeprefix(base).split("/")[0] in PORTAL_REGIONS:
            back = re.search(r'<a class="rc-portal-bar__home" href="([^"]+)"', html)
            assert back and urljoin(url, back.group(1)) == base, url


def test_the_404_page_of_a_missing_address_in_a_region_leads_to_the_portal(base: str) -> None:
    missing = base + "pesisir/tidak-ada/lagi/"
    result = crawl(base, [missing], site_url=SUBPATH_SITE_URL)
    from_404 = [broken for broken in result.broken if broken.link.source in ("", missing)]
    assert [(broken.link.target, broken.reason) for broken in from_404] == [(missing, "HTTP 404")]
    assert result.broken == from_404
    assert base + "cari/" in result.pages and base + "pesisir/" in result.pages


# ---------------------------------------------------------------- accessibility and valid HTML


@pytest.mark.parametrize("layout", LAYOUTS)
def test_axe_finds_no_violation_on_the_portal_pages(chromium: Browser, base: str, layout: str) -> None:
    context = with_axe(chromium.new_context(**LAYOUTS[layout]))
    problems: list[str] = []
    for url, page in settled(context, [base + address for address in PORTAL_PAGES + REGION_PAGES]):
        address = url.removeprefix(base)
        if "q=" in address:
            page.locator(".rc-result").first.wait_for()
            # docs/assets/search.js names each filter's button once the filters have loaded.
            page.wait_for_function(
                "[...document.querySelectorAll('.pf-dropdown-trigger')].every(b => b.getAttribute('aria-label'))"
            )
        problems += describe(address, axe_violations(page))
    # And as the scripts leave them: a table sorted, the cards filtered.
    page = context.new_page()
    settle(page, base + "bandingkan/")
    page.locator("table .rc-sort").nth(3).click()
    problems += describe("bandingkan/ (sorted)", axe_violations(page))
    settle(page, base)
    page.get_by_label("Provinsi").select_option("Jawa Timur")
    problems += describe("(filtered)", axe_violations(page))
    context.close()
    assert not problems, "\n".join(problems)


def test_no_portal_page_scrolls_sideways_on_a_small_screen(chromium: Browser, base: str) -> None:
    page = chromium.new_page(viewport={"width": 320, "height": 640})
    problems = []
    for address in PORTAL_PAGES + REGION_PAGES:
        settle(page, base + address)
        found = page.evaluate(_WIDER_THAN_THE_SCREEN)
        if found["scroll"] > 0 or found["wide"]:
            problems.append(f"/{address}: {found['scroll']} px too wide: {found['wide']}")
    page.close()
    assert not problems, "\n".join(problems)


@pytest.mark.external
def test_every_page_of_the_portal_and_its_regions_is_valid_html(site: Path) -> None:
    errors = nu_errors(site)
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors)


# ---------------------------------------------------------------- search


def regions_of(links: list[str]) -> set[str]:
    return {urlsplit(link).path.removeprefix(SUBPATH_PREFIX).split("/")[0] for link in links}


def test_cross_region_search_finds_each_region_and_the_daerah_filter_narrows_it(page: Page, base: str) -> None:
    page.goto(base + "cari/?q=sampah")
    summary = page.locator(".rc-search pagefind-summary")
    expect(summary).to_have_text(re.compile(r"Ditemukan \d+ hasil untuk sampah"))
    everywhere = listed(page, ".rc-search")
    assert regions_of(everywhere) == set(PORTAL_REGIONS)
    # Only program pages: no region's Masukan, Data or dimension page.
    assert all(re.fullmatch(rf"{SUBPATH_PREFIX}[a-z]+/[a-z-]+/[a-z]+-\d+/", urlsplit(link).path) for link in everywhere)
    # A result names its region.
    pesisir = page.locator(".rc-result", has=page.locator('a[href*="/pesisir/"]')).first
    expect(pesisir.locator(".rc-result__meta").first).to_contain_text("Kabupaten Pesisir")

    unfiltered = summary.inner_text()
    page.get_by_role("combobox", name="Daerah", exact=True).click()
    page.get_by_role("option", name=re.compile("^Kabupaten Pesisir")).click()
    expect(summary).not_to_have_text(unfiltered)
    expect(page.get_by_role("combobox", name="Daerah: Kabupaten Pesisir")).to_be_visible()
    narrowed = listed(page, ".rc-search")
    assert narrowed and regions_of(narrowed) == {"pesisir"}
    assert set(narrowed) < set(everywhere)
    assert parse_qs(urlsplit(page.url).query)["Daerah"] == ["Kabupaten Pesisir"]

    # Provinsi: the two regions of Jawa Tengah, not the one of Jawa Timur.
    page.goto(base + "cari/?q=sampah&Provinsi=Jawa+Tengah")
    expect(summary).to_have_text(re.compile(r"Ditemukan \d+ hasil untuk sampah"))
    assert regions_of(listed(page, ".rc-search")) == {"contoh", "kecil"}


def test_a_regions_own_search_stays_in_the_region_and_offers_every_region(page: Page, base: str) -> None:
    page.goto(base + "pesisir/governance/")
    assert regions_of(search_in_header(page, "sampah")) == {"pesisir"}
    everywhere = page.locator(f"{DIALOG} a[data-rc-portal-search]")
    expect(everywhere).to_have_text("Cari di semua daerah")
    expect(everywhere).to_have_attribute("href", base + "cari/?q=sampah")
    everywhere.click()
    expect(page).to_have_url(base + "cari/?q=sampah")
    expect(page.locator(".rc-search pagefind-summary")).to_have_text(re.compile(r"Ditemukan \d+ hasil untuk sampah"))
    assert regions_of(listed(page, ".rc-search")) == set(PORTAL_REGIONS)


def test_a_regions_cari_page_carries_its_words_to_the_portal(page: Page, base: str) -> None:
    page.goto(base + "kecil/cari/?q=sampah")
    link = page.locator(".rc-search-elsewhere a")
    expect(link).to_have_attribute("href", base + "cari/?q=sampah")
    page.locator("#rc-search-page-input").fill("layanan")
    expect(link).to_have_attribute("href", base + "cari/?q=layanan")


# ---------------------------------------------------------------- figures


def yaml_budget(programs: list[dict[str, object]]) -> int:
    return sum(line["amount"] for entry in programs for line in entry.get("budget", []))  # type: ignore[index,misc,union-attr]


def recorded_for(programs: list[dict[str, object]]) -> str:
    """What a total covers, when some programs have no budget recorded (unknown is not zero)."""
    budgeted = sum(1 for entry in programs if entry.get("budget"))
    return "" if budgeted == len(programs) else f" tercatat untuk {budgeted} dari {len(programs)} program"


def test_the_portals_figures_are_the_sums_of_the_regions_data(site: Path, project: Path) -> None:
    regions = {slug: yaml_programs(project, slug) for slug in PORTAL_REGIONS}
    everything = [entry for programs in regions.values() for entry in programs]
    completed = sum(1 for entry in everything if entry["status"] == "completed")
    home = (site / "index.html").read_text(encoding="utf-8")
    tiles = dict(
        (label, unescape(value))
        for value, label in re.findall(
            r'<strong class="rc-figure__value">([^<]+)</strong> <span class="rc-figure__label">([^<]+)</span>', home
        )
    )
    assert tiles == {
        "daerah (1 kota, 2 kabupaten)": "3",
        "program": str(len(everything)),
        "total anggaran": rupiah(yaml_budget(everything)) + recorded_for(everything),
        "program selesai": percent(completed, len(everything)),
    }
    # Bandingkan: each region's row of the overall table, and of each dimension's.
    compare = (site / "bandingkan" / "index.html").read_text(encoding="utf-8")
    tables = re.findall(r"<table class=\"rc-sortable\".*?</table>", compare, re.DOTALL)
    overall = {
        re.sub(r"<[^>]+>", "", row[0]): [float(value) if value else None for value in row[2:]]
        for row in (re.findall(r'data-sort="([^"]*)"', tr) for tr in re.findall(r"<tr>(.*?)</tr>", tables[0]))
        if row
    }
    for slug, programs in regions.items():
        name = yaml_city(project, slug)["name"]
        row = next(values for key, values in overall.items() if key == name)
        assert row[0] == len(programs) and row[1] == yaml_budget(programs)
        done = sum(1 for entry in programs if entry["status"] == "completed")
        assert row[2] == pytest.approx(done / len(programs))
    environment = next(table for table in tables if "Smart Environment, per daerah" in table)
    sums = [
        [float(value) for value in re.findall(r'data-sort="([^"]*)"', tr)[1:3]]
        for tr in re.findall(r"<tr>(.*?)</tr>", environment)[1:]
    ]
    expected = sorted(
        [
            [
                float(sum(1 for e in programs if e["dimension"] == "environment")),
                float(yaml_budget([e for e in programs if e["dimension"] == "environment"])),
            ]
            for slug, programs in regions.items()
            if slug != "kecil"  # its own dimensions: not in this table
        ]
    )
    assert sorted(sums) == expected


def test_the_combined_open_data_holds_every_region_with_a_region_column(site: Path, project: Path) -> None:
    programs = list(csv.DictReader(io.StringIO((site / "data" / "program-semua-daerah.csv").read_text("utf-8"))))
    budget = list(csv.DictReader(io.StringIO((site / "data" / "anggaran-semua-daerah.csv").read_text("utf-8"))))
    for slug in PORTAL_REGIONS:
        mine = yaml_programs(project, slug)
        own = list(csv.DictReader(io.StringIO((site / slug / "data" / f"program-{slug}.csv").read_text("utf-8"))))
        rows = [
            {key: value for key, value in row.items() if key != "region"} for row in programs if row["region"] == slug
        ]
        assert rows == own  # the region's own file, row for row, column for column
        assert sorted(row["id"] for row in rows) == sorted(entry["id"] for entry in mine)
        assert sum(int(row["amount"]) for row in budget if row["region"] == slug) == yaml_budget(mine)
    assert next(iter(programs[0])) == "region"
    document = json.loads(gzip.decompress((site / "data" / "rencana-semua-daerah.json.gz").read_bytes()))
    assert sorted(region["city_slug"] for region in document["regions"]) == sorted(PORTAL_REGIONS)
    data_page = (site / "data" / "index.html").read_text(encoding="utf-8")
    assert 'href="rencana-semua-daerah.json.gz"' in data_page and "JSON gzip" in data_page
    for slug in PORTAL_REGIONS:
        assert f'href="../{slug}/data/program-{slug}.csv"' in data_page
        assert f'href="../{slug}/data/rencana-{slug}.xlsx"' in data_page


# ---------------------------------------------------------------- feedback


def feedback_links(site: Path, page: str) -> tuple[dict[str, list[str]], str]:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    new = unescape(re.search(r'href="(https://github\.com/[^"]+/issues/new\?[^"]+)"', html).group(1))  # type: ignore[union-attr]
    listed_issues = unescape(re.search(r'href="(https://github\.com/[^"]+/issues\?q=[^"]+)"', html).group(1))  # type: ignore[union-attr]
    return parse_qs(urlsplit(new).query), parse_qs(urlsplit(listed_issues).query)["q"][0]


def test_the_feedback_link_of_a_regions_program_carries_the_region(site: Path) -> None:
    form, query = feedback_links(site, "pesisir/governance/gov-01")
    assert form["daerah"] == ["pesisir"] and form["program"] == ["GOV-01"]
    assert form["title"] == ["[pesisir/GOV-01] Layanan desa daring"]
    assert form["halaman"] == [f"{SUBPATH_SITE_URL}pesisir/governance/gov-01/"]
    assert query == 'is:issue (label:"program:pesisir/GOV-01" OR (in:title "[pesisir/GOV-01]"))'
    # The same id in another region is another program, with its own label.
    other_form, other_query = feedback_links(site, "contoh/governance/gov-01")
    assert other_form["daerah"] == ["contoh"] and "program:contoh/GOV-01" in other_query
    # The region's Masukan page lists that region's feedback.
    general, everything = feedback_links(site, "kecil/masukan")
    assert general["daerah"] == ["kecil"] and "program" not in general
    assert everything == 'is:issue label:"masukan" label:"daerah:kecil"'


# ---------------------------------------------------------------- the portal's scripts


def test_a_column_heading_sorts_the_table_both_ways(page: Page, base: str) -> None:
    page.goto(base + "bandingkan/")
    table = page.locator("table.rc-sortable").first
    heading = table.locator("thead th").nth(3)  # Anggaran
    expect(heading.locator("button")).to_have_text(re.compile("^Anggaran"))
    heading.locator("button").click()
    expect(heading).to_have_attribute("aria-sort", "descending")
    values = [
        float(v) for v in table.locator("tbody tr td:nth-child(4)").evaluate_all("c => c.map(e => e.dataset.sort)")
    ]
    assert values == sorted(values, reverse=True) and len(values) == 3
    heading.locator("button").click()
    expect(heading).to_have_attribute("aria-sort", "ascending")
    values = [
        float(v) for v in table.locator("tbody tr td:nth-child(4)").evaluate_all("c => c.map(e => e.dataset.sort)")
    ]
    assert values == sorted(values)
    assert table.locator("th[aria-sort]").count() == 1
    expect(page.locator("p[role=status].rc-visually-hidden").first).to_have_text(re.compile("Anggaran"))


def test_the_region_cards_filter_by_province_and_type(page: Page, base: str) -> None:
    page.goto(base)
    cards = page.locator(".rc-region-card")
    expect(cards).to_have_count(3)
    page.get_by_label("Provinsi").select_option("Jawa Tengah")
    expect(page.locator(".rc-region-card:visible")).to_have_count(2)
    page.get_by_label("Jenis daerah").select_option("kabupaten")
    expect(page.locator(".rc-region-card:visible")).to_have_count(1)
    expect(page.locator(".rc-region-card:visible h3")).to_have_text("Kabupaten Kecil")
    expect(page.locator(".rc-region-filter__count")).to_have_text("1 dari 3 daerah")


# ---------------------------------------------------------------- make serve


@pytest.mark.slow
def test_make_serve_previews_the_portal_and_every_region_and_rebuilds_the_region_edited(tmp_path: Path) -> None:
    project = make_portal_project(tmp_path / "project", SUBPATH_SITE_URL)
    port = free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "macros", "--root", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    # RENCANA_LANG left out: the preview speaks Indonesian, the default.
    unset = ("CITY", "SOURCE_DATE_EPOCH", "RENCANA_LANG")
    environment = {key: value for key, value in os.environ.items() if key not in unset}
    base = f"http://127.0.0.1:{port}{SUBPATH_PREFIX}"

    def fetch(path: str) -> str:
        try:
            with urllib.request.urlopen(base + path, timeout=5) as response:
                return response.read().decode("utf-8")
        except urllib.error.HTTPError as error:  # the preview answers a missing page with 404.html
            return error.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(path: str, text: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while text not in fetch(path):
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, f"{text!r} never appeared on /{path}:\n{log.read_text()}"
            time.sleep(0.1)

    # Started with SIGINT ignored, as a shell without job control starts a background command:
    # Ctrl+C must stop the preview all the same (macros/site/preview.py).
    inherited = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with log.open("w") as output:
            starting = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=environment)
    finally:
        signal.signal(signal.SIGINT, inherited)
    with starting as server:
        try:
            wait_for("", "Kabupaten Pesisir", 120)
            wait_for("pesisir/governance/gov-01/", "Layanan desa daring", 5)
            # The search follows the pages shown: the portal's over every region, each region's own.
            wait_for("pagefind/pagefind-entry.json", '"page_count":9', 60)
            wait_for("pesisir/pagefind/pagefind-entry.json", '"page_count"', 60)
            portal_search = fetch("pagefind/pagefind-entry.json")
            region_search = fetch("pesisir/pagefind/pagefind-entry.json")
            assert "rc-portal-bar" in fetch("kecil/")

            # An edit to one region's program: its page, the portal's figures and its search follow.
            program_file = project / "data" / "programs" / "pesisir" / "gov-01.yml"
            program_file.write_text(
                program_file.read_text(encoding="utf-8").replace("Layanan desa daring", "Layanan desa terpadu"),
                encoding="utf-8",
            )
            wait_for("pesisir/governance/gov-01/", "Layanan desa terpadu", 30)
            deadline = time.monotonic() + 60  # both indexes made again: other words, another hash
            while portal_search == fetch("pagefind/pagefind-entry.json") or region_search == fetch(
                "pesisir/pagefind/pagefind-entry.json"
            ):
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
            assert json.loads(fetch("pagefind/pagefind-entry.json"))["languages"]["id"]["page_count"] == 9

            # A mistake is listed in the terminal and at every address of the preview, escaped.
            good = program_file.read_text(encoding="utf-8")
            program_file.write_text(good.replace("status: planned", 'status: "<b>done</b>"'), encoding="utf-8")
            shown = "<code>data/programs/pesisir/gov-01.yml:11:9: status: `&lt;b&gt;done&lt;/b&gt;` tidak diperbolehkan"
            wait_for("", shown, 30)
            for path in ("pesisir/governance/gov-01/", "kecil/", "cari/"):
                assert shown in fetch(path), path
            assert "<b>done</b>" not in fetch("")
            # Fixed: the site is back.
            program_file.write_text(good, encoding="utf-8")
            wait_for("pesisir/governance/gov-01/", "Layanan desa terpadu", 30)
            assert "rc-problems" not in fetch("")
        finally:
            server.send_signal(signal.SIGINT)  # as Ctrl+C: the preview removes its folder
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()  # never a run that waits for ever
                raise AssertionError(f"the preview did not stop on SIGINT:\n{log.read_text()}") from None
    assert "data/programs/pesisir/gov-01.yml:11:9: status: `<b>done</b>` tidak diperbolehkan" in log.read_text()
