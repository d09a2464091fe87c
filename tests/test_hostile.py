"""Hostile but valid data stays inert: in the built HTML and in a real browser.

`tests/fixtures/hostile/` puts Jinja, raw HTML, unsafe link schemes, attribute-list
tricks and file includes into every text the site shows. The same tree with those
texts replaced by plain words is the clean twin: the two sites must have the same
pages, the same script elements and no executable markup of their own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import sync_playwright

from tests.browser import CHROMIUM_ARGS, CHROMIUM_PATH, serve
from tests.helpers import REPO, TEST_SITE_NAME, build_site, make_project_from, write_yaml
from tests.shared import shared_folder

HOSTILE = REPO / "tests" / "fixtures" / "hostile"
# Values the format restricts (keys, dates, colours, web addresses): the clean twin keeps them.
KEPT_KEYS = {
    "id",
    "dimension",
    "element",
    "horizon",
    "status",
    "icon",
    "color",
    "url",
    "date",
    "planned",
    "done",
    "reviewed",
    "source",
    "related",
}
# Elements that run code, load other documents or change the page: their number must not depend on data.
RISKY_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "frame",
    "frameset",
    "base",
    "form",
    "link",
    "style",
    "meta",
    "img",
    "svg",
    "input",
    "button",
    "details",
    "math",
    "template",
    "video",
    "audio",
    "source",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset", "background"}
UNSAFE_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)
BUILD_ENV = {"SOURCE_DATE_EPOCH": "1795737600"}


@dataclass
class Page:
    """What matters about one built page, read with the standard library's HTML parser."""

    scripts: list[tuple[str, str]] = field(default_factory=list)  # (src, inline text)
    tags: Counter[str] = field(default_factory=Counter)
    handlers: list[str] = field(default_factory=list)  # on* attributes
    urls: list[str] = field(default_factory=list)
    text: str = ""
    title: str = ""
    h1: str = ""
    nav: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._open: list[str] = []
        self._script: list[str] | None = None
        self._texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.tags[tag] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.page.handlers.append(f"<{tag} {name}={value}>")
            if name in URL_ATTRIBUTES and value is not None:
                self.page.urls.append(value)
        if tag == "script":
            self._script = [dict(attrs).get("src") or "", ""]
        if tag in ("title", "h1") or (tag == "a" and "md-nav__link" in (dict(attrs).get("class") or "")):
            self._open.append(tag)
            self._texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.page.scripts.append((self._script[0], self._script[1]))
            self._script = None
        if self._open and tag == self._open[-1]:
            self._open.pop()
            text = " ".join(self._texts.pop().split())
            if tag == "title":
                self.page.title = text
            elif tag == "h1":
                self.page.h1 = self.page.h1 or text
            else:
                self.page.nav.append(text)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1] += data
            return
        self.page.text += data
        if self._texts:
            self._texts[-1] += data


def read_page(file: Path) -> Page:
    reader = _Reader()
    reader.feed(file.read_text(encoding="utf-8"))
    reader.close()
    return reader.page


def plain(value: Any, key: str = "") -> Any:
    """The clean twin of a hostile value: every free text becomes plain words."""
    if isinstance(value, dict):
        return {name: plain(item, str(name)) for name, item in value.items()}
    if isinstance(value, list):
        return [plain(item, key) for item in value]
    if isinstance(value, str) and key not in KEPT_KEYS:
        return "Teks biasa"
    return value


def clean_twin(target: Path) -> Path:
    for file in (HOSTILE / "data").rglob("*.yml"):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        write_yaml(target / file.relative_to(HOSTILE), plain(data))
    return target


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    def make(root: Path) -> None:
        for name, tree in (("hostile", HOSTILE), ("clean", clean_twin(root / "clean-data"))):
            project = make_project_from(root / name, tree)
            result = build_site(project, root / f"{name}-site", env=BUILD_ENV)
            assert result.returncode == 0, result.stderr
            assert "Traceback" not in result.stderr

    root = shared_folder(tmp_path_factory, "hostile", make)
    return {name: root / f"{name}-site" for name in ("hostile", "clean")}


@pytest.fixture(scope="module")
def pages(sites: dict[str, Path]) -> dict[str, dict[str, Page]]:
    return {
        name: {file.relative_to(site).as_posix(): read_page(file) for file in sorted(site.rglob("*.html"))}
        for name, site in sites.items()
    }


def test_hostile_data_builds_the_same_pages_as_clean_data(pages: dict[str, dict[str, Page]]) -> None:
    assert sorted(pages["hostile"]) == sorted(pages["clean"])
    assert "governance/gov-01/index.html" in pages["hostile"]


def test_no_script_or_embedding_element_comes_from_data(pages: dict[str, dict[str, Page]]) -> None:
    for path, page in pages["hostile"].items():
        twin = pages["clean"][path]
        assert page.scripts == twin.scripts, path
        # Data may make an element fewer (a hostile partner matches no agency, so OPD lists no
        # partnerships), never one more.
        for tag in RISKY_TAGS:
            assert page.tags[tag] <= twin.tags[tag], (path, tag)
        assert not page.tags["iframe"], path


def test_no_event_handler_attribute_and_no_unsafe_link(pages: dict[str, dict[str, Page]]) -> None:
    for path, page in pages["hostile"].items():
        assert page.handlers == [], path
        for url in page.urls:
            # Browsers ignore leading spaces and tabs or newlines inside a scheme.
            assert not UNSAFE_SCHEME.match(re.sub(r"[\x00-\x20]", "", url)), (path, url)


def test_jinja_in_data_is_shown_literally_and_never_evaluated(pages: dict[str, dict[str, Page]]) -> None:
    hostile = pages["hostile"]
    for path in ("index.html", "governance/index.html", "governance/gov-01/index.html", "tentang/index.html"):
        assert "{{ 7*7 }}" in hostile[path].text, path
    assert "{{ config }}" in hostile["governance/gov-01/index.html"].text
    assert "{% raw %}" in hostile["governance/gov-01/index.html"].text
    assert hostile["living/liv-01/index.html"].h1 == "LIV-01 {{ config.site_name }} {% if true %}yes{% endif %}"
    for path, page in hostile.items():
        assert "49" not in page.text, path
        assert "'site_name'" not in page.text, path  # what `{{ config }}` would print


def test_titles_headings_and_nav_show_data_as_text(pages: dict[str, dict[str, Page]]) -> None:
    city = yaml.safe_load((HOSTILE / "data" / "cities" / "contoh.yml").read_text(encoding="utf-8"))
    program = yaml.safe_load((HOSTILE / "data" / "programs" / "contoh" / "gov-01.yml").read_text(encoding="utf-8"))
    label = city["dimensions"]["governance"]["label"]
    hostile = pages["hostile"]
    # The city name goes through `{{ city_name() }}` and the Markdown of index.md.
    assert hostile["index.html"].h1 == city["name"]
    assert hostile["governance/gov-01/index.html"].title == f"GOV-01 {program['title']} - {TEST_SITE_NAME}"
    assert hostile["governance/gov-01/index.html"].h1 == f"GOV-01 {program['title']}"
    assert hostile["governance/index.html"].title == f"{label} - {TEST_SITE_NAME}"
    # Every dimension stands in the nav by its label, shown as text.
    for page in hostile.values():
        for dimension in city["dimensions"].values():
            assert dimension["label"] in page.nav


def test_markdown_in_data_cannot_include_files_or_set_attributes(pages: dict[str, dict[str, Page]]) -> None:
    page = pages["hostile"]["governance/gov-01/index.html"]
    assert '--8<-- "/etc/passwd"' in page.text
    assert "{! /etc/passwd !}" in page.text
    assert "{: onclick=alert(1) }" in page.text
    for path, built in pages["hostile"].items():
        assert "root:x:0:0" not in built.text, path
    # Links with unsafe schemes are plain words; the safe ones stay links.
    assert [url for url in page.urls if "example.org" in url] == [
        "https://example.org/",
        "https://example.org/",
        "https://example.org/?a='x'&b=1#top",
        "https://example.org/javascript:alert(1)",
    ]


@pytest.mark.browser
def test_hostile_pages_run_nothing_in_chromium(sites: dict[str, Path]) -> None:
    dialogs: list[str] = []
    paths = sorted(file.relative_to(sites["hostile"]).as_posix() for file in sites["hostile"].rglob("*.html"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        try:
            counts = {}
            for name in ("clean", "hostile"):
                with serve(sites[name], "/rencana/") as base:
                    page = browser.new_page()
                    page.on(
                        "dialog", lambda dialog: (dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss())
                    )
                    for path in paths:
                        page.goto(base + path.removesuffix("index.html"), wait_until="load")
                        page.wait_for_timeout(50)  # let onload/onerror/ontoggle of injected markup fire
                        # As the browser reads them: scripts, embedded documents, handlers, script links.
                        counts[name, path] = page.evaluate(
                            """() => [document.scripts.length,
                                      document.querySelectorAll('iframe, object, embed, frame').length,
                                      [...document.querySelectorAll('*')].filter(
                                          el => [...el.attributes].some(a => a.name.startsWith('on'))).length,
                                      [...document.links].filter(
                                          a => !['http:', 'https:', 'mailto:'].includes(a.protocol)).length]"""
                        )
                    if name == "clean":
                        # The listener works: a real dialog is caught (then forgotten).
                        page.evaluate("() => alert('probe')")
                        assert dialogs == ["alert: probe"]
                        dialogs.clear()
                    page.close()
        finally:
            browser.close()
    assert dialogs == []
    for path in paths:
        scripts, embedded, with_handlers, other_links = counts["hostile", path]
        assert scripts == counts["clean", path][0], path
        assert (embedded, with_handlers, other_links) == (0, 0, 0), path


@pytest.mark.browser
def test_search_results_of_hostile_data_run_nothing_in_chromium(sites: dict[str, Path]) -> None:
    dialogs: list[str] = []
    with serve(sites["hostile"], "/rencana/") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            for query in ("alert", "onerror", "javascript", "iframe"):
                page.goto(f"{base}cari/?q={query}", wait_until="load")
                page.wait_for_selector(".rc-result__excerpt mark")
                page.wait_for_timeout(100)  # handlers of injected markup would fire by now
                # Titles and metadata go in as text; the excerpt's only elements are Pagefind's <mark>s.
                assert (
                    page.evaluate(
                        "() => document.querySelectorAll('.rc-result *:not(a):not(p):not(span):not(mark)').length"
                    )
                    == 0
                ), query
                assert page.evaluate("() => document.querySelectorAll('.rc-result__excerpt *:not(mark)').length") == 0
        finally:
            browser.close()
    assert dialogs == []
