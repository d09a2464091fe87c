"""The plan stays readable offline after one visit: the service worker in Chromium (guide/offline.md).

A region under a sub-path (a project site) and a region inside a portal, each served from a
folder that a "deploy" swaps for another build. Offline is Playwright's `set_offline`, which
also cuts the service worker off the network.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

from macros.publish.offline import OFFLINE_PAGE, about, pages_wire_size, survey, wire_size, write_offline_files
from macros.render.offline import BUILD_TOKEN, SIZE_TOKEN
from macros.site.offline import PREVIEW_ENV, wanted
from tests.browser import CHROMIUM_ARGS, CHROMIUM_PATH, serve
from tests.helpers import (
    SUBPATH_PREFIX,
    SUBPATH_SITE_URL,
    build_site,
    city,
    make_portal_project,
    make_project,
    program,
    run_macros,
    site_config,
    write_yaml,
)
from tests.shared import shared_folder
from tests.test_accessibility import axe_violations, describe, with_axe
from tests.test_valid_html import nu_errors

WASTE_TITLE = "Bank sampah kelurahan"
NEW_TITLE = "Bank sampah di setiap kelurahan"


def region_programs(waste_title: str) -> list[dict[str, Any]]:
    return [
        program("GOV-01", title="Layanan aduan warga"),
        program("GOV-02", title="Satu data kota", status="ongoing", progress=30),
        program("ENV-01", title=waste_title, dimension="environment", element="sampah", status="ongoing", progress=50),
        program("ENV-02", title="Taman kota teduh", dimension="environment", element="sampah"),
    ]


@dataclass(frozen=True)
class Deployment:
    """Two builds of one site: `first`, then `second` with ENV-01's title changed; `prefix`: where the region is.

    The second is built only when a test asks for it: the tests that read one build stay cheap."""

    first: Path
    build_second: Callable[[], Path]
    server_prefix: str  # what the server serves the folder under
    region: str  # the region's path under it ("" or "contoh/")

    @property
    def second(self) -> Path:
        return self.build_second()


def _build_region(tmp: Path, waste_title: str) -> None:
    project = make_project(tmp / "project", city(), region_programs(waste_title))
    (project / "mkdocs.yml").write_text(site_config("contoh", SUBPATH_SITE_URL), encoding="utf-8")
    result = build_site(project, tmp / "site")
    assert result.returncode == 0, result.stderr


def _build_portal(tmp: Path, waste_title: str) -> None:
    project = make_portal_project(tmp / "portal")
    folder = project / "data" / "programs" / "contoh"
    for entry in region_programs(waste_title):
        write_yaml(folder / f"{entry['id'].lower()}.yml", entry)
    result = run_macros(project, "build", "--site-dir", str(tmp / "site"), env={"SOURCE_DATE_EPOCH": "1709294400"})
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def subpath_region(tmp_path_factory: pytest.TempPathFactory) -> Deployment:
    def build(name: str, title: str) -> Path:
        return shared_folder(tmp_path_factory, f"offline-region-{name}", lambda tmp: _build_region(tmp, title)) / "site"

    return Deployment(build("a", WASTE_TITLE), lambda: build("b", NEW_TITLE), SUBPATH_PREFIX, "")


@pytest.fixture(scope="module")
def portal_region(tmp_path_factory: pytest.TempPathFactory) -> Deployment:
    def build(name: str, title: str) -> Path:
        return shared_folder(tmp_path_factory, f"offline-portal-{name}", lambda tmp: _build_portal(tmp, title)) / "site"

    return Deployment(build("a", WASTE_TITLE), lambda: build("b", NEW_TITLE), "/", "contoh/")


@contextmanager
def deployed(deployment: Deployment, tmp: Path) -> Iterator[tuple[str, Path]]:
    """Serve `deployment.first` from a link that `deploy` points at another build; yields (region URL, link)."""
    link = tmp / "live"
    link.symlink_to(deployment.first)
    with serve(link, deployment.server_prefix) as base:
        yield base + deployment.region, link


def deploy(link: Path, site: Path) -> None:
    staged = link.with_name("live.new")
    staged.symlink_to(site)
    os.replace(staged, link)


@contextmanager
def chromium() -> Iterator[BrowserContext]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        context = browser.new_context(service_workers="allow", viewport={"width": 390, "height": 844})
        try:
            yield context
        finally:
            # The browser, not the context: closing a context that a service worker controls can wait
            # for ever (Chromium's Target.disposeBrowserContext, puppeteer#11627), and did once here
            # after a failed test, hiding the failure. The browser's own close ends its process.
            browser.close()


# How long a worker may take to install, take control or remove itself. Under a load of 7 to 9 on
# two cores it took over 30 s (Playwright's default) while the same test alone took seconds.
WORKER_PATIENCE_MS = 90_000


def wait_for_worker(page: Page) -> None:
    """Until the worker has installed the shell and controls the page."""
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=WORKER_PATIENCE_MS)


def program_pages() -> list[str]:
    """Every program page of the fixture region, as addresses from its root."""
    return [f"{entry['dimension']}/{entry['id'].lower()}/" for entry in region_programs(WASTE_TITLE)]


def search_offline(page: Page, term: str) -> None:
    page.locator("[data-rc-search-open]").first.click()
    page.locator("#rc-search-dialog-input").fill(term)


def wait_until(page: Page, check: str, arg: Any = None) -> None:
    """Until the async JavaScript function `check` (given `arg`) resolves to true in the page.

    `wait_for_function` does not await a promise (one is always truthy): each poll starts a check,
    and the next poll sees whether one has come back true.
    """
    page.wait_for_function(
        "([check, arg]) => { if (window.__rcChecked) return true;"
        " new Function('arg', `return (${check})(arg)`)(arg).then((ok) => { window.__rcChecked = ok; });"
        " return false; }",
        arg=[check, arg],
        timeout=WORKER_PATIENCE_MS,
    )


def caches_of(page: Page) -> list[str]:
    return page.evaluate("caches.keys()")


def check_reading_offline(context: BrowserContext, home: str) -> None:
    pages = program_pages()
    waste = next(address for address in pages if address.endswith("env-01/"))
    never_seen = next(address for address in pages if address.endswith("gov-02/"))
    page = context.new_page()
    page.goto(home)
    wait_for_worker(page)
    page.goto(home + waste)
    expect(page.locator("h1")).to_contain_text(WASTE_TITLE)
    assert not page.locator(".rc-offline-note").count(), "a page from the network carries no note"

    context.set_offline(True)
    page.reload()
    expect(page.locator("h1")).to_contain_text(WASTE_TITLE)
    expect(page.locator(".rc-offline-note")).to_contain_text("disimpan di perangkat ini")
    page.goto(home)
    expect(page.locator(".rc-offline-note")).to_be_visible()
    expect(page.locator("[data-rc-offline-save]")).to_be_visible()

    search_offline(page, "sampah")
    results = page.locator(".rc-search-dialog .rc-result__title")
    expect(results.first).to_contain_text(WASTE_TITLE)
    expect(page.locator(".rc-search-dialog [role=status]")).to_contain_text("di halaman yang tersimpan")
    page.keyboard.press("Escape")

    page.goto(home + never_seen)
    expect(page.locator("h1")).to_have_text("Anda sedang luring")
    saved = page.locator("[data-rc-offline-list] a")
    expect(saved.filter(has_text=WASTE_TITLE)).to_have_count(1)
    saved.filter(has_text=WASTE_TITLE).click()
    expect(page).to_have_url(home + waste)
    expect(page.locator("h1")).to_contain_text(WASTE_TITLE)

    # The whole plan, saved from the home page, then every program page offline.
    context.set_offline(False)
    page.goto(home)
    section = page.locator("[data-rc-offline-save]")
    expect(section).to_contain_text("sekitar ")
    assert "@rencana" not in section.inner_text()
    section.get_by_role("button", name="Simpan untuk dibaca luring").click()
    expect(section.locator("[role=status]")).to_contain_text("Seluruh rencana ini tersimpan", timeout=60_000)
    expect(section.get_by_role("button", name="Hapus salinan luring")).to_be_visible()
    context.set_offline(True)
    for address in pages:
        page.goto(home + address)
        expect(page.locator(".rc-offline-note")).to_be_visible()
        expect(page.locator("h1")).not_to_have_text("Anda sedang luring")

    # Removed again: the shell stays, the rest goes.
    context.set_offline(False)
    page.goto(home)
    section.get_by_role("button", name="Hapus salinan luring").click()
    expect(section.locator("[role=status]")).to_contain_text("sudah dihapus")
    expect(section.get_by_role("button", name="Simpan untuk dibaca luring")).to_be_focused()
    context.set_offline(True)
    page.goto(home + waste)
    expect(page.locator("h1")).to_have_text("Anda sedang luring")
    page.goto(home)
    expect(page.locator(".rc-offline-note")).to_be_visible()
    page.close()


def check_deploy(context: BrowserContext, home: str, link: Path, deployment: Deployment) -> None:
    region_a = deployment.first / deployment.region
    region_b = deployment.second / deployment.region
    old_build = json.loads((region_a / "offline.json").read_text(encoding="utf-8"))["build"]
    new_build = json.loads((region_b / "offline.json").read_text(encoding="utf-8"))["build"]
    assert old_build != new_build
    waste = next(address for address in program_pages() if address.endswith("env-01/"))
    page = context.new_page()
    page.goto(home)
    wait_for_worker(page)
    assert any(name.endswith(old_build) for name in caches_of(page))

    deploy(link, deployment.second)
    page.goto(home + waste)  # the first navigation after the deploy
    expect(page.locator("h1")).to_contain_text(NEW_TITLE)
    wait_until(
        page,
        "async ([old, now]) => { const names = await caches.keys();"
        " return names.some((n) => n.endsWith(now)) && !names.some((n) => n.endsWith(old)); }",
        [old_build, new_build],
    )
    page.close()


@pytest.mark.parametrize("setting", ["subpath_region", "portal_region"])
def test_a_region_stays_readable_offline_after_one_visit(
    setting: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    deployment: Deployment = request.getfixturevalue(setting)
    with deployed(deployment, tmp_path) as (home, _), chromium() as context:
        check_reading_offline(context, home)


@pytest.mark.parametrize("setting", ["subpath_region", "portal_region"])
def test_after_a_deploy_the_next_navigation_shows_the_new_plan_and_the_old_cache_goes(
    setting: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    deployment: Deployment = request.getfixturevalue(setting)
    with deployed(deployment, tmp_path) as (home, link), chromium() as context:
        check_deploy(context, home, link, deployment)


def test_the_build_writes_the_worker_its_list_and_the_size_of_the_whole_plan(subpath_region: Deployment) -> None:
    site = subpath_region.first
    manifest = json.loads((site / "offline.json").read_text(encoding="utf-8"))
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert f'const BUILD = "{manifest["build"]}";' in worker
    assert manifest["shell"][:3] == ["", "cari/", OFFLINE_PAGE]
    assert f"pagefind/pagefind-entry.json?ts={manifest['build']}" in manifest["shell"]
    assert all((site / address.split("?")[0]).is_file() for address in manifest["shell"][3:])
    assert set(program_pages()) <= set(manifest["pages"])
    assert manifest["build"] in (site / "assets" / "search.js").read_text(encoding="utf-8")
    for page in ("index.html", "cetak/index.html"):
        assert manifest["size"] in (site / page).read_text(encoding="utf-8")
    assert "@rencana" not in (site / "index.html").read_text(encoding="utf-8")


def test_the_pages_weight_is_within_two_percent_of_each_page_gzipped(tmp_path: Path) -> None:
    # As in a plan of 1,000 programs: Pemantauan, Peta Jalan, Cetak and OPD list every program,
    # are the largest pages and compress four times better than a program's page. A sample over
    # all pages missed the sum by a fifth (7.6 MB said for 9.3 MB), one way or the other.
    words = random.Random(7).choices([f"kata{number}" for number in range(5000)], k=200_000)
    pages = []
    for number in range(300):
        page = f"{('governance', 'economy', 'living')[number % 3]}/p-{number:03d}/"
        write_page(tmp_path / page, " ".join(words[number * 600 : number * 600 + 4000 + number * 7]))
        pages.append(page)
    for number, page in enumerate(["", "pemantauan/", "peta-jalan/", "cetak/", "opd/", "governance/"]):
        rows = "".join(f"<tr><td>{word}</td><td>Sedang berjalan</td></tr>" for word in words[: 4000 * (number + 1)])
        write_page(tmp_path / page, rows)
        pages.insert(number * 40, page)  # among the program pages, as a site's folders list them
    exact = sum(wire_size(tmp_path / page / "index.html") for page in pages)
    assert abs(pages_wire_size(tmp_path, pages) - exact) <= exact * 0.02, (pages_wire_size(tmp_path, pages), exact)


def write_page(folder: Path, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


def test_sizes_read_as_a_citizen_reads_them() -> None:
    assert about(3_400_000) == "sekitar 3,4 MB"
    assert about(850_400) == "sekitar 850 KB"


@pytest.fixture(scope="module")
def switched_off(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sub-path region built with `offline: false` under `extra:`."""

    def make(tmp: Path) -> None:
        project = make_project(tmp / "project", city(), region_programs(WASTE_TITLE))
        config = site_config("contoh", SUBPATH_SITE_URL).replace("extra:\n", "extra:\n  offline: false\n", 1)
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
        result = build_site(project, tmp / "site")
        assert result.returncode == 0, result.stderr

    return shared_folder(tmp_path_factory, "offline-off", make) / "site"


def test_offline_false_deploys_the_kill_switch_and_pages_no_longer_register(switched_off: Path) -> None:
    worker = (switched_off / "sw.js").read_text(encoding="utf-8")
    assert "registration.unregister()" in worker
    assert not (switched_off / "offline.json").exists()
    assert "offline.js" not in (switched_off / "index.html").read_text(encoding="utf-8")


def test_a_worker_whose_cache_was_deleted_never_brings_it_back(subpath_region: Deployment, tmp_path: Path) -> None:
    """A newer worker or the kill switch deletes this build's cache while pages this worker controls still
    load: their requests go to the network, and the cache stays gone (else nothing would ever delete it)."""
    with deployed(subpath_region, tmp_path) as (home, _), chromium() as context:
        page = context.new_page()
        page.goto(home)
        wait_for_worker(page)
        page.evaluate("async () => { for (const name of await caches.keys()) await caches.delete(name); }")
        assert page.evaluate("async () => (await fetch('assets/rencana.js?after')).status") == 200
        page.goto(home + program_pages()[0])
        expect(page.locator("h1")).to_be_visible()
        assert page.evaluate("navigator.serviceWorker.controller !== null")  # the worker answered both
        assert caches_of(page) == []


def test_the_kill_switch_removes_the_worker_and_its_caches_from_a_phone_that_had_them(
    subpath_region: Deployment, switched_off: Path, tmp_path: Path
) -> None:
    with deployed(subpath_region, tmp_path) as (home, link), chromium() as context:
        page = context.new_page()
        page.goto(home)
        wait_for_worker(page)
        assert caches_of(page)
        deploy(link, switched_off)
        # The browser checks sw.js on navigation. Only until the answer: the kill switch may reload
        # this page before it has finished loading.
        page.goto(home + program_pages()[0], wait_until="commit")
        wait_until(
            page,
            "async () => (await caches.keys()).length === 0"
            " && (await navigator.serviceWorker.getRegistrations()).length === 0",
        )
        # Then it reloads the open pages, which come back with no worker. A navigation started before
        # that reload is cut short by it (seen under load: "interrupted by another navigation").
        page.wait_for_function("navigator.serviceWorker.controller === null", timeout=WORKER_PATIENCE_MS)
        # Pages from now on are the network's, and nothing is saved again.
        page.goto(home + program_pages()[1])
        assert page.evaluate("async () => (await caches.keys()).length") == 0
        assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0


def test_the_portal_worker_leaves_each_region_to_its_own(portal_region: Deployment) -> None:
    portal = portal_region.first
    worker = (portal / "sw.js").read_text(encoding="utf-8")
    assert 'const ELSEWHERE = ["contoh/", "kecil/", "pesisir/"];' in worker
    manifest = json.loads((portal / "offline.json").read_text(encoding="utf-8"))
    assert manifest["shell"][:3] == ["", "cari/", OFFLINE_PAGE]
    assert not [page for page in manifest["pages"] if page.split("/")[0] in ("contoh", "kecil", "pesisir")]
    # A region's pages are its own worker's to save, with their fragments (its own offline.json).
    assert not [page for page in manifest["fragments"] if page.split("/")[0] in ("contoh", "kecil", "pesisir")]
    region = json.loads((portal / "contoh" / "offline.json").read_text(encoding="utf-8"))
    assert set(region["fragments"]) >= {page for page in region["pages"] if page.count("/") == 2}
    assert "../assets/stylesheets/" in " ".join(region["shell"])  # the theme's files, from the portal's folder


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_what_offline_reading_adds(
    subpath_region: Deployment, tmp_path: Path, scheme: str
) -> None:
    with deployed(subpath_region, tmp_path) as (home, _), chromium() as context:
        page = with_axe(context).new_page()
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        page.goto(home)
        wait_for_worker(page)
        expect(page.locator("[data-rc-offline-save]")).to_be_visible()
        problems = describe("", axe_violations(page))
        page.goto(home + program_pages()[0])
        context.set_offline(True)
        page.reload()
        expect(page.locator(".rc-offline-note")).to_be_visible()
        problems += describe(program_pages()[0], axe_violations(page))
        page.goto(home + program_pages()[1])
        expect(page.locator("[data-rc-offline-list] li").first).to_be_visible()
        problems += describe(OFFLINE_PAGE, axe_violations(page))
        page.set_viewport_size({"width": 320, "height": 640})
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert not problems, "\n".join(problems)


def test_the_offline_page_and_the_save_section_are_valid_html(subpath_region: Deployment) -> None:
    assert nu_errors(subpath_region.first) == []


def test_no_worker_in_the_preview_nor_when_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    def config(**extra: Any) -> Any:
        return SimpleNamespace(extra=extra)

    monkeypatch.delenv(PREVIEW_ENV, raising=False)
    assert wanted(config(), serving=False)
    assert not wanted(config(), serving=True)  # mkdocs serve
    assert not wanted(config(offline=False), serving=False)
    monkeypatch.setenv(PREVIEW_ENV, "1")  # make serve of a portal
    assert not wanted(config(), serving=False)


def test_reading_the_site_while_pagefind_indexes_it_changes_nothing(sample_site: Path, tmp_path: Path) -> None:
    # The build reads the site's other files while Pagefind makes its bundle (`survey`), and finishes
    # the offline step once the bundle is in: the same worker, list and build id as reading it after.
    before = unfinished_copy(sample_site, tmp_path / "before")
    surveyed_site = unfinished_copy(sample_site, tmp_path / "surveyed")
    bundle = surveyed_site / "pagefind"
    bundle.rename(tmp_path / "bundle")
    surveyed = survey(surveyed_site)
    (tmp_path / "bundle").rename(bundle)
    assert "pagefind/pagefind-entry.json" not in surveyed.digests and surveyed.digests
    assert write_offline_files(surveyed_site, surveyed=surveyed) == write_offline_files(before)
    assert site_files(surveyed_site) == site_files(before) == site_files(sample_site)


def unfinished_copy(site: Path, copy: Path) -> Path:
    """`site` as it was before its offline step: no worker, no list, the tokens in their places."""
    shutil.copytree(site, copy)
    manifest = json.loads((copy / "offline.json").read_text(encoding="utf-8"))
    for name in ("sw.js", "offline.json"):
        (copy / name).unlink()
    for page in ("index.html", "cetak/index.html"):
        text = (copy / page).read_text(encoding="utf-8")
        assert manifest["size"] in text
        (copy / page).write_text(text.replace(manifest["size"], SIZE_TOKEN), encoding="utf-8")
    script = copy / "assets" / "search.js"
    script.write_text(script.read_text(encoding="utf-8").replace(manifest["build"], BUILD_TOKEN), encoding="utf-8")
    return copy


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}
