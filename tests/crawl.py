"""A link checker for a served site: follows every internal link and asset, reports what is broken.

Reusable by any test: serve a built site (`tests.browser.serve`), then

    result = crawl(base, site_url="https://example.github.io/rencana/")
    assert result.broken == []

Links are read with html.parser from `href`, `src`, `srcset`, `poster` and `data`, and from
`url(...)` in stylesheets. A link is internal when it is under `base` (or under `site_url`,
which is mapped onto `base`, so canonical and sitemap addresses are checked too). An internal
link is broken when its target does not answer 200, when it leaves the site's sub-path on
the same host, or when its `#fragment` names no element of the target page.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

# Attributes that hold a URL, and whether the browser loads it with the page (a resource)
# or only when followed (a link).
_URL_ATTRIBUTES = {"href", "src", "poster", "data"}
_RESOURCE_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_SKIPPED_SCHEMES = ("data:", "mailto:", "tel:", "javascript:", "about:", "blob:")


@dataclass(frozen=True, order=True)
class Link:
    """A URL found on a page: `source` is the page it is on ("" for a start URL)."""

    source: str
    target: str
    resource: bool = False  # loaded with the page (stylesheet, script, image), not followed by a click


@dataclass(frozen=True, order=True)
class Broken:
    link: Link
    reason: str


@dataclass
class CrawlResult:
    pages: dict[str, str] = field(default_factory=dict)  # internal HTML page URL → its text
    status: dict[str, int] = field(default_factory=dict)  # every internal URL fetched → HTTP status
    broken: list[Broken] = field(default_factory=list)
    external: set[Link] = field(default_factory=set)  # links to other hosts, never fetched


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, bool]] = []
        self.ids: set[str] = set()
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        for name in ("id", "name") if tag == "a" else ("id",):
            if name in values:
                self.ids.add(values[name])
        if tag == "base" and "href" in values:
            self.base = values["href"]
        rels = set(values.get("rel", "").lower().split())
        resource = tag != "a" and tag != "area" and (tag != "link" or bool(rels & _RESOURCE_RELS))
        for name, value in values.items():
            if name in _URL_ATTRIBUTES:
                self.links.append((value.strip(), resource))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    if candidate.strip():
                        self.links.append((candidate.split()[0], True))


def _fetch(url: str) -> tuple[int, str, bytes]:
    """HTTP status, content type and body; error pages (the site's 404.html) are bodies too."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # only the test server on 127.0.0.1
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers.get_content_type(), error.read()


class _Crawler:
    def __init__(self, base: str, site_url: str | None) -> None:
        self.base = base
        self.site_url = site_url
        self.result = CrawlResult()
        self.ids: dict[str, set[str]] = {}  # HTML page URL → ids on it
        self.fragments: list[tuple[Link, str]] = []  # (link, fragment) to check once every page is read
        self.queue: deque[Link] = deque()

    def internal(self, url: str) -> str | None:
        """`url` mapped onto the served site when it belongs to it, else None."""
        if self.site_url and url.startswith(self.site_url):
            return self.base + url[len(self.site_url) :]
        served, target = urlsplit(self.base), urlsplit(url)
        return url if (served.scheme, served.netloc) == (target.scheme, target.netloc) else None

    def add(self, source: str, raw: str, resource: bool, page_url: str) -> None:
        if raw in ("", "#") or raw.lower().startswith(_SKIPPED_SCHEMES):
            return
        if raw.startswith("#") and source:
            # Same document (the skip link, a table of contents): nothing is requested, even on
            # the 404 page, whose address answers 404; only the anchor must be on the page.
            self.fragments.append((Link(source, source, resource), unquote(raw[1:])))
            return
        url, fragment = urldefrag(urljoin(page_url, raw))
        mapped = self.internal(url)
        if mapped is None:
            self.result.external.add(Link(source, url, resource))
            return
        link = Link(source, mapped, resource)
        if fragment:
            self.fragments.append((link, unquote(fragment)))
        self.queue.append(link)

    def visit(self, link: Link) -> None:
        url = link.target
        if not urlsplit(url).path.startswith(urlsplit(self.base).path):
            self.result.broken.append(Broken(link, f"outside the site's path {urlsplit(self.base).path}"))
            return
        if url in self.result.status:
            self._report_status(link)
            return
        status, content_type, body = _fetch(url)
        self.result.status[url] = status
        self._report_status(link)
        if content_type == "text/html":
            text = body.decode("utf-8", errors="replace")
            if status == 200:
                self.result.pages[url] = text
            parser = _PageParser()
            parser.feed(text)
            self.ids[url] = parser.ids
            page_url = urljoin(url, parser.base) if parser.base else url
            for raw, resource in parser.links:
                self.add(url, raw, resource, page_url)
        elif content_type == "text/css":
            for match in _CSS_URL.finditer(body.decode("utf-8", errors="replace")):
                self.add(url, match.group(2), True, url)

    def _report_status(self, link: Link) -> None:
        status = self.result.status[link.target]
        if status != 200:
            self.result.broken.append(Broken(link, f"HTTP {status}"))

    def check_fragments(self) -> None:
        for link, fragment in self.fragments:
            ids = self.ids.get(link.target)
            readable = self.result.status.get(link.target) == 200 or link.target == link.source
            if ids is not None and readable and fragment not in ids:
                self.result.broken.append(Broken(link, f"no element with id #{fragment}"))


def crawl(base: str, start: Iterable[str] = ("",), *, site_url: str | None = None) -> CrawlResult:
    """Every internal page and asset reachable from `start` (URLs relative to `base`)."""
    crawler = _Crawler(base, site_url)
    for path in start:
        crawler.add("", urljoin(base, path), False, base)
    while crawler.queue:
        crawler.visit(crawler.queue.popleft())
    crawler.check_fragments()
    crawler.result.broken = sorted(set(crawler.result.broken))
    return crawler.result
