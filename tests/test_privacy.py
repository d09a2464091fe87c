"""A citizen's visit is nobody else's business: the site loads nothing from another host."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Route

from tests.references import css_references, foreign_references, html_references, is_elsewhere, js_references
from tests.site_pages import MISSING_PAGE, pages_to_check
from tests.test_accessibility import settled


def test_no_file_of_the_site_makes_the_browser_fetch_from_another_host(published_site: Path) -> None:
    found = [f"{file}: {address}" for file, address in foreign_references(published_site)]
    assert not found, "\n".join(found)


def test_the_reference_scan_finds_what_a_stock_site_loads_from_elsewhere() -> None:
    page = """<html><head>
      <link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>
      <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
      <link rel="canonical" href="https://example.org/page/">
      <style>@import "//cdn.example.net/x.css"; body { background: url(https://img.example.net/a.png) }</style>
      <script src="assets/bundle.js"></script><script src="https://cdn.example.net/analytics.js"></script>
    </head><body>
      <a href="https://github.com/owner/repo/issues/new">Beri masukan</a>
      <img src="data:image/png;base64,AAAA" srcset="small.png 1x, https://img.example.net/big.png 2x">
      <div style="background-image: url('https://img.example.net/b.png')"></div>
      <iframe src="https://www.youtube.com/embed/x"></iframe>
    </body></html>"""
    elsewhere = [address for address in html_references(page) if is_elsewhere(address)]
    assert elsewhere == [
        "https://fonts.gstatic.com",
        "https://fonts.googleapis.com/css?family=Roboto",
        "//cdn.example.net/x.css",
        "https://img.example.net/a.png",
        "https://cdn.example.net/analytics.js",
        "https://img.example.net/big.png",
        "https://img.example.net/b.png",
        "https://www.youtube.com/embed/x",
    ]
    assert css_references("@font-face { src: url(fonts/a.woff2) }") == ["fonts/a.woff2"]
    assert not is_elsewhere("fonts/a.woff2")
    assert js_references('import("https://cdn.example.net/m.js"); import x from "./local.js"') == [
        "https://cdn.example.net/m.js"
    ]


def test_a_visit_sends_every_request_to_the_site_itself(
    chromium: Browser, published_url: str, published_site: Path
) -> None:
    host = urlsplit(published_url).netloc
    requests: list[str] = []

    def record(route: Route) -> None:
        requests.append(route.request.url)
        # Anything for another host is refused, so a leak cannot hang the test.
        route.continue_() if urlsplit(route.request.url).netloc == host else route.abort()

    context = chromium.new_context(viewport={"width": 390, "height": 844})
    context.route("**/*", record)
    for _, page in settled(context, [published_url + address for address in pages_to_check(published_site)]):
        page.mouse.wheel(0, 20000)  # whatever loads on scrolling
        page.wait_for_load_state("networkidle")
    # Search loads Pagefind, its WebAssembly and index files only when used: use it.
    page = context.new_page()
    page.goto(published_url, wait_until="networkidle")
    page.locator("[data-rc-search-open]").first.click()
    page.locator("dialog[open] input").fill("sampah")
    page.locator("dialog[open] .rc-result").first.wait_for()
    page.wait_for_load_state("networkidle")
    context.close()
    assert any("/pagefind/" in url for url in requests)
    assert any(url.endswith(MISSING_PAGE) for url in requests)
    assert [url for url in requests if urlsplit(url).netloc != host] == []
