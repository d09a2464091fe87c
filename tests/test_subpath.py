"""GitHub Pages project sites: the sample region under /rencana/ and the published site under its own path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Request, Response, sync_playwright

from tests.browser import CHROMIUM_ARGS, CHROMIUM_PATH, serve
from tests.crawl import crawl
from tests.helpers import SUBPATH_PREFIX, SUBPATH_SITE_URL, TEST_SITE_NAME
from tests.site_pages import site_sub_path


def sitemap_addresses(site: Path) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))


def test_every_page_link_and_asset_works_under_the_sub_path(subpath_site: Path) -> None:
    with serve(subpath_site, SUBPATH_PREFIX) as base:
        result = crawl(base, ["", *sitemap_addresses(subpath_site)], site_url=SUBPATH_SITE_URL)
    assert result.broken == []
    pages = {url.removeprefix(base).split("?", 1)[0] for url in result.pages}  # keywords link to cari/?q=…
    assert len(pages) == len(list(subpath_site.rglob("index.html")))  # every page was reached
    assert {"", "governance/", "governance/gov-01/", "peta-jalan/"} <= pages
    assert not [link for link in result.external if link.resource]  # nothing loaded from elsewhere


def test_the_404_page_of_any_missing_address_has_working_links_and_assets(subpath_site: Path) -> None:
    with serve(subpath_site, SUBPATH_PREFIX) as base:
        missing = base + "governance/tidak-ada/lebih/dalam/"
        result = crawl(base, [missing], site_url=SUBPATH_SITE_URL)
    from_404 = [b for b in result.broken if b.link.source in ("", missing)]
    assert [(b.link.target, b.reason) for b in from_404] == [(missing, "HTTP 404")]
    assert result.broken == from_404
    assert result.status[base + "assets/rencana.css"] == 200


@pytest.mark.browser
def test_the_404_page_looks_like_the_site_in_a_browser(subpath_site: Path) -> None:
    failures: list[str] = []

    with serve(subpath_site, SUBPATH_PREFIX) as base, sync_playwright() as playwright:

        def record(response: Response) -> None:
            # The site's own files only: the missing page itself answers 404 on purpose.
            if response.url.startswith(base) and response.status >= 400 and "/tidak-ada/" not in response.url:
                failures.append(f"{response.status} {response.url}")

        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("response", record)

        def record_failure(request: Request) -> None:
            # net::ERR_ABORTED is the browser itself cancelling a request when the page navigates
            # away (the favicon, fetched after the load event, under a busy machine): no fault of
            # the site's. A missing file answers 404 above; a broken server fails otherwise.
            if request.url.startswith(base) and request.failure != "net::ERR_ABORTED":
                failures.append(f"failed {request.url}: {request.failure}")

        page.on("requestfailed", record_failure)
        response = page.goto(base + "governance/tidak-ada/")
        assert response is not None and response.status == 404
        assert page.title() == f"Halaman tidak ditemukan - {TEST_SITE_NAME}"
        # Rencana's stylesheet and Material's script both loaded: the header has our colour, and
        # the script exposes its document observable.
        header = page.eval_on_selector(".md-header", "e => getComputedStyle(e).backgroundColor")
        assert header == "rgb(11, 79, 138)"
        assert page.evaluate("typeof window.document$") == "object"
        page.get_by_role("link", name="Kembali ke beranda").click()
        page.wait_for_url(base)
        assert page.locator("h1").first.is_visible()
        browser.close()
    assert failures == []


def test_every_link_and_asset_of_the_published_site_works(published_site: Path) -> None:
    # The site of whatever regions data/ holds, as GitHub Pages serves it under its site_url.
    prefix = site_sub_path(published_site)
    with serve(published_site, prefix) as base:
        result = crawl(base, ["", *sitemap_addresses(published_site)])
    assert result.broken == []
    pages = {url.removeprefix(base).split("?", 1)[0] for url in result.pages}  # keywords link to cari/?q=…
    assert len(pages) == len(list(published_site.rglob("index.html")))
    assert not [link for link in result.external if link.resource]
