"""A portal over regions that publish their own sites: manifests, fetching, the cache, cross-region search.

Four fixture regions are built with `python -m macros build` (what `make site` runs), each into a
folder of its own, and served from 127.0.0.1 on ports of their own, one under a sub-path. A portal
repository lists them in `data/regions.yml` and is built with the same command. A second portal
then meets each way a region can fail (stopped, invalid JSON, no answer before the timeout, a newer
manifest version) and keeps each one's last good data. The tests that build those regions or a
portal are end to end, marked `slow`: `make test-fast` leaves them out, `make test` runs them.
"""

from __future__ import annotations

import csv
import gzip
import http.server
import io
import json
import re
import shutil
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from playwright.sync_api import Browser, Page, expect

from macros.data.plan.manifest import MANIFEST_VERSION
from macros.data.portal import fetch
from macros.data.portal.fetch import (
    Fetched,
    FetchFailed,
    Limits,
    fetch_bytes,
    fetch_region,
    read_manifest,
    warning_lines,
)
from macros.data.portal.remote import CACHE_FOLDER, RemoteSource, cache_folder, plan_from_document, remote_regions
from macros.render.text import long_date, rupiah
from macros.site.portal_search import PART_SIZE, build_portal_index
from macros.site.search_bundle import read_file
from tests.browser import QuietServer, serve
from tests.crawl import crawl
from tests.helpers import (
    FIXED_EPOCH,
    REPO,
    city,
    copy_site_config,
    make_project,
    program,
    run_macros,
    site_config,
    write_yaml,
)
from tests.shared import shared_folder
from tests.test_accessibility import axe_violations, describe, settle, with_axe
from tests.test_search import listed
from tests.test_valid_html import nu_errors

HOSTILE_TITLE = 'Sampah <script>alert("judul")</script> Gamma'
HOSTILE_SUMMARY = "Ringkasan <img src=x onerror=alert(1)> {{ 7*7 }} sampah."
HOSTILE_PLAN = 'Rencana <img src=x onerror=alert("rencana")> Kota Gamma {{ 7*7 }}'

# slug → (city file, programs, sub-path it is served under). Each region has a program about «sampah».
REGIONS: dict[str, tuple[dict[str, Any], list[dict[str, Any]], str]] = {
    "alfa": (
        city(name="Kota Alfa", province="Jawa Tengah"),
        [
            program(
                "GOV-01", title="Layanan daring Alfa", budget=[{"year": 2024, "amount": 150_000_000, "source": "APBD"}]
            ),
            program(
                "ENV-01",
                title="Bank sampah Alfa",
                dimension="environment",
                element="sampah",
                status="completed",
                budget=[{"year": 2025, "amount": 400_000_000, "source": "APBN"}],
            ),
        ],
        "/",
    ),
    "beta": (
        city(
            name="Kabupaten Beta",
            province="Jawa Timur",
            plan={"title": "Rencana Induk Smart City Kabupaten Beta 2025–2030", "start": 2025, "end": 2030},
        ),
        [
            program(
                "ENV-03",
                title="Sampah pasar Beta",
                dimension="environment",
                element="sampah",
                period={"start": 2025, "end": 2027},
                budget=[{"year": 2026, "amount": 2_500_000_000, "source": "APBD"}],
            ),
        ],
        "/",
    ),
    "gamma": (
        city(name="Kota Gamma", province="Jawa Timur", plan={"title": HOSTILE_PLAN, "start": 2024, "end": 2033}),
        [
            program("ENV-02", title=HOSTILE_TITLE, summary=HOSTILE_SUMMARY, dimension="environment", element="sampah"),
            program(
                "SOC-01",
                title="Ruang belajar Gamma",
                dimension="society",
                element="pendidikan",
                status="ongoing",
                progress=40,
            ),
        ],
        "/rencana/",  # a GitHub Pages project site
    ),
    "delta": (
        city(name="Kota Delta", province="Jawa Barat"),
        [program("ENV-01", title="Sampah sungai Delta", dimension="environment", element="sampah")],
        "/",
    ),
}
SHOWN = ("alfa", "beta", "gamma")  # the portal of the first part; delta joins the second's


@pytest.fixture(scope="module")
def region_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each region's site, built by `python -m macros build` from a project of its own."""
    return {slug: region_site(tmp_path_factory, slug) for slug in REGIONS}


def region_site(factory: pytest.TempPathFactory, slug: str) -> Path:
    """One region's site, built once per run (a test that reads one region builds only that one)."""

    def make(root: Path) -> None:
        city_data, programs, _ = REGIONS[slug]
        project = make_project(root / slug, city_data, programs, slug=slug)
        built = run_macros(
            project, "build", "--site-dir", str(project / "site"), env={"SOURCE_DATE_EPOCH": FIXED_EPOCH}
        )
        assert built.returncode == 0, built.stderr

    return shared_folder(factory, f"region-{slug}", make) / slug / "site"


# ---------------------------------------------------------------- a region's site, served as it may misbehave


@dataclass
class RegionServer:
    """A region's site on 127.0.0.1; `mode` makes its manifest fail the ways a real site can."""

    site: Path
    prefix: str
    mode: str = "normal"  # normal, invalid (not JSON), slow (answers only once released), newer (version + 1)
    released: threading.Event = field(default_factory=threading.Event)
    server: http.server.ThreadingHTTPServer | None = None

    def start(self) -> str:
        owner = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def translate_path(self, path: str) -> str:
                inside = urlsplit(path).path.removeprefix(owner.prefix.rstrip("/"))
                return str(owner.site / unquote(inside).lstrip("/"))

            def do_GET(self) -> None:
                if urlsplit(self.path).path.endswith("/rencana.json") and owner.mode != "normal":
                    self._misbehave()
                    return
                super().do_GET()

            def _misbehave(self) -> None:
                if owner.mode == "slow":
                    owner.released.wait()  # no answer before the portal's timeout, whatever the machine's speed
                    return
                if owner.mode == "invalid":
                    body = b'{"format": "rencana-manifest", "version": '
                else:
                    manifest = json.loads((owner.site / "rencana.json").read_bytes())
                    body = json.dumps(manifest | {"version": MANIFEST_VERSION + 1}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = QuietServer(("127.0.0.1", 0), Handler)  # a portal that stops reading is no traceback
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}{self.prefix}"

    def stop(self) -> None:
        self.released.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@pytest.fixture(scope="module")
def servers(region_sites: dict[str, Path]) -> Iterator[dict[str, tuple[RegionServer, str]]]:
    started = {slug: RegionServer(region_sites[slug], REGIONS[slug][2]) for slug in REGIONS}
    urls = {slug: (server, server.start()) for slug, server in started.items()}
    yield urls
    for server in started.values():
        server.stop()


# Short limits, so that the region that never answers costs seconds; the timeout is what is tested, not the speed.
# The messages checked here are the Indonesian ones, whatever the environment says.
FETCH_LIMITS = {
    "RENCANA_FETCH_TIMEOUT": "2",
    "RENCANA_FETCH_ATTEMPTS": "2",
    "RENCANA_FETCH_BACKOFF": "0.1",
    "RENCANA_LANG": "id",
}


@pytest.fixture(autouse=True)
def _indonesian(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RENCANA_LANG", "id")


def make_portal(
    root: Path, urls: list[str], names: dict[str, str] | None = None, *, site_url: str | None = None
) -> Path:
    """A portal repository over `urls`; `site_url`: where it is published (else a test address never asked)."""
    copy_site_config(root, "portal")
    if site_url is not None:
        (root / "mkdocs.yml").write_text(site_config("portal", site_url), encoding="utf-8")
    write_yaml(
        root / "data" / "regions.yml",
        [{"url": url} | ({"name": names[url]} if names and url in names else {}) for url in urls],
    )
    return root


def build_portal(root: Path, site: Path) -> tuple[int, str]:
    built = run_macros(root, "build", "--site-dir", str(site), env=FETCH_LIMITS)
    return built.returncode, built.stderr


@dataclass(frozen=True)
class Built:
    root: Path
    site: Path
    urls: dict[str, str]
    log: str


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory, servers: dict[str, tuple[RegionServer, str]]) -> Built:
    root = make_portal(tmp_path_factory.mktemp("portal"), [servers[slug][1] for slug in SHOWN])
    status, log = build_portal(root, root / "site")
    assert status == 0, log
    return Built(root, root / "site", {slug: servers[slug][1] for slug in SHOWN}, log)


# ---------------------------------------------------------------- the manifest


@pytest.mark.slow
def test_every_region_site_publishes_a_manifest_valid_against_its_schema(region_sites: dict[str, Path]) -> None:
    schema = json.loads((REPO / "data" / "schema" / "manifest.schema.json").read_text(encoding="utf-8"))
    for slug, site in region_sites.items():
        manifest = json.loads((site / "rencana.json").read_text(encoding="utf-8"))
        jsonschema.validate(manifest, schema)
        assert manifest["version"] == MANIFEST_VERSION
        assert manifest["profile"]["slug"] == slug and manifest["profile"]["name"] == REGIONS[slug][0]["name"]
        assert manifest["built"] == "2024-03-01"  # SOURCE_DATE_EPOCH: the build's date, not the clock's
        addresses = manifest["addresses"]
        for key in ("data", "programs_csv", "budget_csv"):
            assert (site / addresses[key]).is_file(), key
        assert (site / addresses["home"] / "index.html").is_file()
        assert (site / addresses["search"] / "pagefind-entry.json").is_file()


# ---------------------------------------------------------------- the portal over them


def home_tiles(site: Path) -> dict[str, str]:
    home = (site / "index.html").read_text(encoding="utf-8")
    pattern = r'<strong class="rc-figure__value">([^<]+)</strong> <span class="rc-figure__label">([^<]+)</span>'
    return {label: unescape(value) for value, label in re.findall(pattern, home)}


@pytest.mark.slow
def test_the_portals_figures_are_the_sums_of_the_regions_data(portal: Built) -> None:
    programs = [entry for slug in SHOWN for entry in REGIONS[slug][1]]
    budget = sum(line["amount"] for entry in programs for line in entry.get("budget", []))
    tiles = home_tiles(portal.site)
    assert tiles["program"] == str(len(programs))
    budgeted = sum(1 for entry in programs if entry.get("budget"))
    # What the total covers is said beside it: unknown budgets are not counted as zero.
    assert tiles["total anggaran"] == f"{rupiah(budget)} tercatat untuk {budgeted} dari {len(programs)} program"
    assert tiles["daerah (2 kota, 1 kabupaten)"] == "3"
    # The combined files: a row per program, with the region in front and the region's own page.
    rows = list(csv.DictReader(io.StringIO((portal.site / "data" / "program-semua-daerah.csv").read_text("utf-8"))))
    assert sorted((row["region"], row["id"]) for row in rows) == sorted(
        (slug, entry["id"]) for slug in SHOWN for entry in REGIONS[slug][1]
    )
    for row in rows:
        assert row["url"] == f"{portal.urls[row['region']]}{row['dimension']}/{row['id'].lower()}/"
    combined = json.loads(gzip.decompress((portal.site / "data" / "rencana-semua-daerah.json.gz").read_bytes()))
    assert [region["city_slug"] for region in combined["regions"]] == ["alfa", "beta", "gamma"]
    for region in combined["regions"]:  # a remote region's whole plan, with where and when it came from
        slug = region["city_slug"]
        assert region["site"] == portal.urls[slug]
        assert region["data"] == f"{portal.urls[slug]}data/rencana-{slug}.json"
        assert sorted(entry["id"] for entry in region["programs"]) == sorted(entry["id"] for entry in REGIONS[slug][1])
        assert region["pages"] == {
            entry["id"]: f"{portal.urls[slug]}{entry.get('dimension', 'governance')}/{entry['id'].lower()}/"
            for entry in REGIONS[slug][1]
        }
        state = json.loads((cache_folder(portal.root / CACHE_FOLDER, portal.urls[slug]) / "state.json").read_text())
        assert region["manifest"]["profile"]["slug"] == slug and region["fetched"] == state["fetched"]


@pytest.mark.slow
def test_the_portal_links_to_the_regions_own_sites_and_has_no_broken_link(portal: Built) -> None:
    with serve(portal.site) as base:
        result = crawl(base, [""])
    assert result.broken == []
    assert {"", "bandingkan/", "cari/", "data/", "tentang/"} <= {url.removeprefix(base) for url in result.pages}
    linked = {link.target for link in result.external}
    for slug in SHOWN:
        assert portal.urls[slug] in linked  # the card and the tables open the region's own site
    # No page of a region was copied into the portal.
    assert not (portal.site / "alfa").exists()
    assert not list(portal.site.glob("*/governance"))


@pytest.mark.slow
def test_hostile_text_in_remote_data_shows_as_text(portal: Built) -> None:
    pages = [path.read_text(encoding="utf-8") for path in portal.site.rglob("*.html")]
    assert not any("<script>alert" in page or "<img src=x" in page for page in pages)
    about = (portal.site / "tentang" / "index.html").read_text(encoding="utf-8")
    assert HOSTILE_PLAN not in about and HOSTILE_PLAN in unescape(about)  # shown as written, as text


@pytest.fixture()
def page(chromium: Browser) -> Iterator[Page]:
    tab = chromium.new_page(viewport={"width": 1280, "height": 900})
    yield tab
    tab.close()


def test_cross_region_search_finds_each_region_opens_its_page_and_the_daerah_filter_narrows(
    page: Page, portal: Built
) -> None:
    with serve(portal.site) as base:
        page.goto(base + "cari/?q=sampah")
        summary = page.locator(".rc-search pagefind-summary")
        expect(summary).to_have_text(re.compile(r"Ditemukan \d+ hasil untuk sampah"))
        everywhere = listed(page, ".rc-search")
        origins = {slug for slug in SHOWN for link in everywhere if link.startswith(portal.urls[slug])}
        assert origins == set(SHOWN)
        # Hostile text is text in the results too: the title is shown as written, and no script ran.
        expect(page.locator(".rc-result__title", has_text='<script>alert("judul")</script>')).to_have_count(1)

        unfiltered = summary.inner_text()
        page.get_by_role("combobox", name="Daerah", exact=True).click()
        page.get_by_role("option", name=re.compile("^Kabupaten Beta")).click()
        expect(summary).not_to_have_text(unfiltered)
        narrowed = listed(page, ".rc-search")
        assert narrowed and all(link.startswith(portal.urls["beta"]) for link in narrowed)

        # The result opens the program's page on the region's own site (another origin).
        page.locator(".rc-result__title").first.click()
        expect(page).to_have_url(portal.urls["beta"] + "environment/env-03/")
        expect(page.locator("h1")).to_contain_text("Sampah pasar Beta")


@pytest.mark.slow
def test_the_portals_search_names_its_fragments_by_number_one_per_program(portal: Built) -> None:
    """A first search loads every page's fragment name: numbers after the index's hash, not 25,000 hashes."""
    bundle = portal.site / "pagefind"
    names = sorted(path.name for path in (bundle / "fragment").iterdir())
    assert len(names) == sum(len(REGIONS[slug][1]) for slug in SHOWN)
    # Fixed width, digits backwards (the one that changes first), then a part of the index's hash.
    assert all(re.fullmatch(r"[0-9a-f]+-[0-9a-f]{6}\.pf_fragment", name) for name in names), names
    assert {name.split("-")[1] for name in names} == {names[0].split("-")[1]}
    numbers = sorted(int(name.split("-")[0][::-1], 16) for name in names)
    assert numbers == list(range(len(names)))


@pytest.mark.slow
def test_the_portals_search_lists_its_pages_from_the_fewest_words_to_the_most(portal: Built) -> None:
    """The order that makes a first search's list of pages compress best (`_shortest_first`); each
    page is still found by its words, in the order of its number (the Chromium test above searches)."""
    bundle = portal.site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    meta = read_file(bundle / f"pagefind.{entry['languages']['id']['hash']}.pf_meta")
    counts = [count for _, count in meta[1]]
    assert counts == sorted(counts) and len(set(counts)) > 1
    assert [int(name.split("-")[0][::-1], 16) for name, _ in meta[1]] == list(range(len(counts)))
    pages = {
        number
        for _, _, name in meta[2]
        for _, found, _ in read_file(bundle / "index" / f"{name}.pf_index")[0]
        for number in _numbers(found)
    }
    assert pages == set(range(len(counts)))  # every page is some word's, under its new number
    for _, name in meta[3]:
        for _, numbers in read_file(bundle / "filter" / f"{name}.pf_filter")[1]:
            assert numbers == sorted(numbers) and set(numbers) <= pages


def _numbers(found: list[Any]) -> list[int]:
    """A word's page numbers, from the distances its chunk stores."""
    numbers, number = [], 0
    for distance, _, _ in found:
        number += distance
        numbers.append(number)
    return numbers


@pytest.mark.slow
def test_the_portals_offline_list_maps_only_the_pages_its_own_worker_saves(portal: Built) -> None:
    manifest = json.loads((portal.site / "offline.json").read_text(encoding="utf-8"))
    assert manifest["search"]  # the whole index is still saved with «Simpan untuk dibaca luring»
    assert not [page for page in manifest["fragments"] if "://" in page]  # remote pages are other sites


def _decoded_bundle(site: Path) -> dict[str, object]:
    """A search bundle as what it holds: pages (fragment numbers, word counts), words, filters, fragments."""
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    meta = read_file(bundle / f"pagefind.{entry['languages']['id']['hash']}.pf_meta")
    words = {
        word: pages for _, _, name in meta[2] for word, pages, _ in read_file(bundle / "index" / f"{name}.pf_index")[0]
    }
    filters = [read_file(bundle / "filter" / f"{name}.pf_filter") for _, name in meta[3]]
    fragments = {path.name.split("-")[0]: path.read_bytes() for path in (bundle / "fragment").iterdir()}
    pages = [(name.split("-")[0], count) for name, count in meta[1]]
    chunks = [(first, last) for first, last, _ in meta[2]]
    return {
        "pages": pages,
        "words": words,
        "filters": filters,
        "fragments": fragments,
        "chunks": chunks,
        "keys": meta[5],
    }


@pytest.mark.slow
def test_the_portals_search_built_in_parts_holds_what_one_pagefind_run_holds(portal: Built, tmp_path: Path) -> None:
    """Pagefind run over a few records at a time, the parts joined (`macros.site.search_merge`), gives the
    bundle of one run over them all, joined alike (the pages numbered by their word count): the same
    pages in the same order, words, filters and fragments."""
    regions = [found for found in remote_regions(portal.root, date(2026, 10, 31)) if isinstance(found, tuple)]
    whole, parts = tmp_path / "whole", tmp_path / "parts"
    # In a thread of its own: Playwright's fixtures keep an event loop running in this one.
    with ThreadPoolExecutor(1) as thread:
        one = thread.submit(build_portal_index, whole, regions, None).result()
        several = thread.submit(build_portal_index, parts, regions, None, part_size=2).result()
    assert one.pages == several.pages == sum(len(plan.programs) for plan, _ in regions)
    assert _decoded_bundle(parts) == _decoded_bundle(whole)
    assert not (parts / ".pagefind-parts").exists()


# ---------------------------------------------------------------- regions that fail


@pytest.fixture(scope="module")
def failing(tmp_path_factory: pytest.TempPathFactory, region_sites: dict[str, Path]) -> tuple[Built, Built]:
    """A portal of four regions built while they answer, then again while each fails in its own way.

    Built once per run: the regions' addresses and the two build logs are kept beside the portal.
    """

    def make(folder: Path) -> None:
        servers = {slug: RegionServer(region_sites[slug], REGIONS[slug][2]) for slug in REGIONS}
        urls = {slug: server.start() for slug, server in servers.items()}
        try:
            root = make_portal(folder / "portal", list(urls.values()), {urls["alfa"]: "Kota Alfa"})
            status, log = build_portal(root, root / "good")
            assert status == 0, log
            (folder / "good.log").write_text(log, encoding="utf-8")
            servers["alfa"].stop()
            servers["beta"].mode = "invalid"
            servers["gamma"].mode = "slow"
            servers["delta"].mode = "newer"
            status, log = build_portal(root, root / "site")
            assert status == 0, log
            (folder / "site.log").write_text(log, encoding="utf-8")
            (folder / "urls.json").write_text(json.dumps(urls), encoding="utf-8")
        finally:
            for server in servers.values():
                server.stop()

    folder = shared_folder(tmp_path_factory, "failing", make)
    urls = json.loads((folder / "urls.json").read_text(encoding="utf-8"))
    root = folder / "portal"
    logs = {name: (folder / f"{name}.log").read_text(encoding="utf-8") for name in ("good", "site")}
    return Built(root, root / "good", urls, logs["good"]), Built(root, root / "site", urls, logs["site"])


@pytest.mark.slow  # a portal built twice, and a region waited for until the timeout
def test_each_failing_region_is_one_warning_line_and_the_portal_still_builds(failing: tuple[Built, Built]) -> None:
    good, failed = failing
    assert "peringatan" not in good.log
    warnings = [line for line in failed.log.splitlines() if line.startswith("peringatan: ")]
    assert len(warnings) == 4, failed.log
    reasons = {
        "alfa": "tidak terjangkau",
        "beta": "bukan JSON yang sah",
        "gamma": "tidak menjawab dalam 2 detik",
        "delta": f"manifes versi {MANIFEST_VERSION + 1}",
    }
    for slug, reason in reasons.items():
        (line,) = [line for line in warnings if failed.urls[slug] + ":" in line]
        assert reason in line and "data terakhirnya dari" in line, line


@pytest.mark.slow  # a portal built twice, and a region waited for until the timeout
def test_a_region_that_cannot_be_fetched_keeps_its_last_good_data_with_its_date(failing: tuple[Built, Built]) -> None:
    good, failed = failing
    assert home_tiles(failed.site) == home_tiles(good.site)  # every region's last good data stays
    home = (failed.site / "index.html").read_text(encoding="utf-8")
    card = re.search(
        r'<li class="rc-region-card"[^>]*><h3[^>]*><a href="' + re.escape(failed.urls["alfa"]) + r'".*?</li>', home
    )
    assert card is not None
    text = re.sub(r"<[^>]+>", "", card.group(0))
    assert "Data lama" in text and f"Data per {long_date(date(2024, 3, 1))}" in text
    state = cache_folder(failed.root / CACHE_FOLDER, failed.urls["alfa"]) / "state.json"
    fetched = json.loads(state.read_text())["fetched"]
    assert f'<time datetime="{fetched}">' in card.group(0)
    # The good build said nothing was old.
    assert 'data-rc-stale="true"' not in (good.site / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_region_never_fetched_is_named_without_data(tmp_path: Path) -> None:
    with serve(tmp_path / "nothing") as url:
        pass  # the port is free again: nothing answers there
    (tmp_path / "unpublished").mkdir()
    with serve(tmp_path / "unpublished") as published:  # the portal's own site_url, not published yet
        root = make_portal(tmp_path / "portal", [url], {url: "Kota Senyap"}, site_url=published)
        status, log = build_portal(root, root / "site")
    assert status == 0, log
    assert len([line for line in log.splitlines() if line.startswith("peringatan: ")]) == 1
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "Kota Senyap" in home and "belum dapat diambil" in home


@pytest.mark.slow  # a portal built twice
def test_a_region_down_with_an_empty_cache_keeps_its_data_from_the_portals_previous_deploy(
    tmp_path: Path, region_sites: dict[str, Path]
) -> None:
    """The cache is gone (a new runner, an expired actions/cache) and a region is down: its last good
    data comes from the combined JSON of the portal's published site, at its site_url, with its day."""
    alfa, beta = RegionServer(region_sites["alfa"], "/"), RegionServer(region_sites["beta"], "/")
    urls = [alfa.start(), beta.start()]
    deploy = tmp_path / "deploy"
    deploy.mkdir()
    try:
        with serve(deploy) as published:
            root = make_portal(tmp_path / "portal", urls, site_url=published)
            status, log = build_portal(root, deploy)  # the deploy, published where site_url says
            assert status == 0, log
            fetched = json.loads((cache_folder(root / CACHE_FOLDER, urls[0]) / "state.json").read_text())["fetched"]
            shutil.rmtree(root / CACHE_FOLDER)
            alfa.stop()
            status, log = build_portal(root, tmp_path / "site")
    finally:
        alfa.stop()
        beta.stop()
    assert status == 0, log
    (line,) = [line for line in log.splitlines() if line.startswith("peringatan: ")]
    assert urls[0] in line and f"data terakhirnya dari {fetched}" in line and "situs portal yang sudah terbit" in line
    assert home_tiles(tmp_path / "site") == home_tiles(deploy)
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'data-rc-stale="true"' in home and f'<time datetime="{fetched}">' in home
    combined = (tmp_path / "site" / "data" / "program-semua-daerah.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(combined)))
    assert sorted(row["id"] for row in rows if row["region"] == "alfa") == sorted(p["id"] for p in REGIONS["alfa"][1])


# ---------------------------------------------------------------- accessible, valid, documented


@pytest.mark.slow
@pytest.mark.external  # Java, for the Nu HTML checker
def test_the_federated_portal_is_accessible_and_valid_html_with_a_region_gone_stale(
    chromium: Browser, failing: tuple[Built, Built]
) -> None:
    _, failed = failing
    errors = nu_errors(failed.site)
    assert not errors, "\n".join(errors)
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    with_axe(page.context)
    problems: list[str] = []
    with serve(failed.site) as base:
        for address in ("", "bandingkan/", "cari/?q=sampah", "data/", "tentang/"):
            settle(page, base + address)
            problems += describe(address, axe_violations(page))
    page.close()
    assert not problems, "\n".join(problems)


def test_the_guide_gives_the_limits_the_code_uses() -> None:
    guide = (REPO / "guide" / "portal.md").read_text(encoding="utf-8")
    limits = Limits()
    assert f"{limits.workers} regions at a time" in guide
    assert f"a timeout of {limits.timeout:g} s" in guide
    assert (
        f"{limits.manifest_bytes // 1024} KB for a manifest, {limits.plan_bytes // 1024 // 1024} MB for a plan" in guide
    )
    assert f"up to {limits.attempts} tries" in guide
    assert f"at most {limits.deploy_bytes // 1024 // 1024} MB for the previous deploy's combined JSON" in guide
    assert f"over {PART_SIZE:,} records at a time" in guide and "`PART_SIZE`" in guide
    assert f"`{CACHE_FOLDER}/<hash of its address>/`" in guide
    for variable in (
        "RENCANA_FETCH_TIMEOUT",
        "RENCANA_FETCH_ATTEMPTS",
        "RENCANA_FETCH_BACKOFF",
        "RENCANA_FETCH_WORKERS",
    ):
        assert variable in guide


# ---------------------------------------------------------------- untrusted data, part by part


def test_a_bad_program_in_remote_data_is_left_out_with_a_warning_naming_region_field_and_reason(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    site = region_site(tmp_path_factory, "beta")
    manifest = read_manifest((site / "rencana.json").read_bytes())
    document = json.loads((site / "data" / "rencana-beta.json").read_bytes())
    good = document["programs"][0]
    document["programs"] += [
        good | {"id": "ENV-09", "status": "<b>selesai</b>"},
        good | {"id": "ENV-10", "dimension": "rahasia"},
        good,  # the same id again
    ]
    plan, left_out = plan_from_document(manifest, document, date(2026, 1, 1))
    assert plan is not None and [program.id for program in plan.programs] == ["ENV-03"]
    assert [field for field, _ in left_out] == ["programs[1].status", "programs[2].dimension", "programs[3].id"]
    source = RemoteSource("https://beta.example/", None)
    lines = warning_lines([Fetched(source, None, tuple(left_out), "beta")], tmp_path, set())
    assert len(lines) == 3 and all(line.startswith("beta: programs[") for line in lines)
    assert "`rahasia` bukan dimensi daerah ini" in lines[1]


def test_a_remote_region_whose_code_is_taken_is_warned_about() -> None:
    results = [
        Fetched(RemoteSource("https://a.example/", None), None, (), "kediri"),
        Fetched(RemoteSource("https://b.example/", None), None, (), "kediri"),
        Fetched(RemoteSource("https://c.example/", None), None, (), "mojokerto"),
    ]
    lines = warning_lines(results, Path("/nonexistent"), {"mojokerto"})
    assert lines == [
        "https://b.example/: kode daerah kediri sudah dipakai daerah lain di portal ini; daerah ini dilewati",
        "https://c.example/: kode daerah mojokerto sudah dipakai daerah lain di portal ini; daerah ini dilewati",
    ]


# ---------------------------------------------------------------- the limits of a fetch


def test_a_manifest_may_not_send_the_portal_elsewhere() -> None:
    manifest = json.loads(Path(REPO / "data" / "schema" / "manifest.schema.json").read_text(encoding="utf-8"))
    assert manifest["properties"]["version"]["minimum"] == 1
    good = {
        "format": "rencana-manifest",
        "version": 1,
        "profile": {"slug": "kediri", "name": "Kota Kediri", "type": "kota"},
        "plan": {"title": "Rencana", "start": 2024, "end": 2033},
        "built": "2026-01-01",
        "addresses": {
            "home": "./",
            "data": "data/rencana-kediri.json",
            "programs_csv": "data/program-kediri.csv",
            "budget_csv": "data/anggaran-kediri.csv",
            "search": "pagefind/",
        },
    }
    assert read_manifest(json.dumps(good).encode()).profile.slug == "kediri"
    for address in ("https://elsewhere.example/rencana.json", "../other/rencana.json", "/rencana.json", "javascript:x"):
        bad = good | {"addresses": good["addresses"] | {"data": address}}
        with pytest.raises(FetchFailed, match=r"manifes tidak sah: addresses\.data"):
            read_manifest(json.dumps(bad).encode())


@pytest.mark.slow
def test_a_file_over_the_size_cap_is_refused(region_sites: dict[str, Path], tmp_path: Path) -> None:
    server = RegionServer(region_sites["delta"], "/")
    url = server.start()
    try:
        result = fetch_region(RemoteSource(url, None), tmp_path, Limits(manifest_bytes=100), date(2026, 1, 1))
    finally:
        server.stop()
    assert result.failure == "berkas rencana.json lebih dari 100 byte"
    assert not list(tmp_path.glob("*/state.json"))  # nothing cached from a refused fetch


def test_a_failure_that_may_pass_is_tried_again_after_growing_pauses() -> None:
    with serve(REPO / "nothing-here") as url:
        pass  # nothing listens there any more
    pauses: list[float] = []
    with pytest.raises(FetchFailed, match="tidak terjangkau"):
        fetch_bytes(url + "rencana.json", 1000, Limits(attempts=3, backoff=0.5), sleep=pauses.append)
    assert pauses == [0.5, 1.0]


ENTRY = {"site": "http://127.0.0.1:9/alfa/", "programs": []}


def _packed(document: object) -> bytes:
    return gzip.compress(json.dumps(document).encode(), mtime=0)  # the same bytes in every worker's collection


@pytest.mark.parametrize(
    ("body", "restored"),
    [
        (_packed({"regions": [ENTRY]}), True),
        (json.dumps({"regions": [ENTRY]}).encode(), False),
        (_packed({"regions": [ENTRY], "pad": " " * 2_000_000}), False),
        (_packed({"regions": [ENTRY]})[:-12], False),
    ],
    ids=["gzipped", "not-gzipped", "over-the-cap-unpacked", "cut-short"],
)
def test_the_previous_deploys_combined_json_is_read_only_whole_gzipped_and_within_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: bytes, restored: bool
) -> None:
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "rencana-semua-daerah.json.gz").write_bytes(body)
    calls: list[object] = []
    monkeypatch.setattr(fetch, "_restore", lambda cache, source, entry, today: calls.append(entry))
    source = RemoteSource(str(ENTRY["site"]), None)
    with serve(tmp_path / "deploy") as base:
        limits = Limits(deploy_bytes=1_000_000, attempts=1)
        address = base + "rencana-semua-daerah.json.gz"
        fetch.restore_from_deploy([Fetched(source, "down")], tmp_path / "cache", address, limits, date(2026, 1, 1))
    assert calls == ([ENTRY] if restored else [])


def test_json_nested_beyond_reason_is_a_failure_of_that_region_not_of_the_portal() -> None:
    with pytest.raises(FetchFailed, match=r"rencana\.json bukan JSON yang sah: nested too deeply"):
        read_manifest(b"[" * 200_000 + b"]" * 200_000)


# ---------------------------------------------------------------- local and remote regions in one portal


@pytest.mark.slow
def test_regions_of_this_repository_and_remote_ones_mix_in_one_portal(
    tmp_path: Path, servers: dict[str, tuple[RegionServer, str]]
) -> None:
    root = make_project(
        tmp_path / "mixed",
        city(name="Kabupaten Kappa", province="Jawa Barat"),
        [program("ENV-01", title="Sampah desa Kappa", dimension="environment", element="sampah")],
        slug="kappa",
    )
    write_yaml(root / "data" / "regions.yml", [{"url": servers["alfa"][1]}])
    status, log = build_portal(root, root / "site")
    assert status == 0, log
    site = root / "site"
    assert (site / "kappa" / "environment" / "env-01" / "index.html").is_file()  # built here, at /kappa/
    assert not (site / "alfa").exists()  # linked to, not copied
    assert home_tiles(site)["program"] == str(1 + len(REGIONS["alfa"][1]))
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="kappa/"' in home and f'href="{servers["alfa"][1]}"' in home
    # One index: the local region's program page and every remote program.
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == 1 + len(REGIONS["alfa"][1])


def test_a_regions_key_written_as_the_indonesian_word_is_told_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from macros.data.portal.remote import read_sources

    monkeypatch.setenv("RENCANA_LANG", "id")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "regions.yml").write_text(
        "- alamat: https://kediri.example/rencana/\n- url: https://blitar.example/rencana/\n  nama: Kota Blitar\n",
        encoding="utf-8",
    )
    sources, problems = read_sources(tmp_path)
    assert [source.url for source in sources] == ["https://blitar.example/rencana/"]
    assert [str(problem) for problem in problems] == [
        "data/regions.yml:1:3: [0].alamat: kunci `alamat` tidak dikenal: nama kunci ditulis dalam bahasa Inggris; "
        "tulis `url`",
        "data/regions.yml:3:3: [1].nama: kunci `nama` tidak dikenal: nama kunci ditulis dalam bahasa Inggris; "
        "tulis `name`",
    ]
