"""What search engines and shared links see: sitemap, robots.txt, canonical URLs, descriptions, favicon."""

from __future__ import annotations

import gzip
import html
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml

from macros.render.text import long_date
from macros.site.robots import robots_txt
from tests.helpers import (
    FIXED_EPOCH,
    SAMPLE,
    SAMPLE_SLUG,
    SUBPATH_SITE_URL,
    TEST_SITE_NAME,
    build_site,
    city,
    make_project,
    program,
)
from tests.shared import shared_folder


def meta(page: str, attribute: str, name: str) -> str | None:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', page)
    return found.group(1) if found else None


def html_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("index.html"))


def page_address(site: Path, page: Path) -> str:
    return (
        SUBPATH_SITE_URL
        + page.parent.relative_to(site).as_posix().removeprefix(".")
        + ("/" if page.parent != site else "")
    )


def test_sitemap_lists_every_page_under_the_site_url_dated_by_the_commit(subpath_site: Path) -> None:
    sitemap = (subpath_site / "sitemap.xml").read_text(encoding="utf-8")
    addresses = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert sorted(addresses) == sorted(page_address(subpath_site, page) for page in html_pages(subpath_site))
    assert SUBPATH_SITE_URL + "governance/gov-01/" in addresses
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"2024-03-01"}
    compressed = (subpath_site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(compressed).decode("utf-8") == sitemap
    assert int.from_bytes(compressed[4:8], "little") == int(datetime(2024, 3, 1, tzinfo=UTC).timestamp())


def test_no_clock_date_in_the_site_only_the_commits(subpath_site: Path) -> None:
    assert datetime.fromtimestamp(int(FIXED_EPOCH), tz=UTC).date() != date.today()
    today = (date.today().isoformat(), long_date(date.today()))
    for path in subpath_site.rglob("*"):
        if path.suffix in (".html", ".xml", ".txt", ".json", ".csv"):
            text = path.read_text(encoding="utf-8")
            assert not [day for day in today if day in text], path


def test_robots_txt_points_at_the_sitemap(subpath_site: Path) -> None:
    robots = (subpath_site / "robots.txt").read_text(encoding="utf-8")
    assert robots == f"User-agent: *\nAllow: /\n\nSitemap: {SUBPATH_SITE_URL}sitemap.xml\n"


def test_robots_txt_without_site_url_has_no_sitemap_line() -> None:
    assert robots_txt(None) == "User-agent: *\nAllow: /\n"


def test_every_page_has_its_canonical_address_description_and_opengraph(subpath_site: Path) -> None:
    for page in html_pages(subpath_site):
        text = page.read_text(encoding="utf-8")
        address = page_address(subpath_site, page)
        assert f'<link rel="canonical" href="{address}">' in text, page
        assert meta(text, "property", "og:url") == address, page
        assert meta(text, "name", "description"), page
        assert meta(text, "property", "og:description"), page
        assert meta(text, "property", "og:title"), page
        assert meta(text, "property", "og:type") in ("website", "article"), page


def test_a_program_page_is_shared_with_its_title_and_summary(subpath_site: Path) -> None:
    data = yaml.safe_load((SAMPLE / "data" / "programs" / SAMPLE_SLUG / "governance" / "gov-01.yml").read_text("utf-8"))
    text = (subpath_site / "governance" / "gov-01" / "index.html").read_text(encoding="utf-8")
    summary = html.escape(" ".join(data["summary"].split()))
    assert meta(text, "name", "description") == summary
    assert meta(text, "property", "og:description") == summary
    assert meta(text, "property", "og:type") == "article"
    title = html.unescape(meta(text, "property", "og:title") or "")
    assert data["id"] in title and data["title"] in title


def test_home_page_is_shared_as_the_site(subpath_site: Path) -> None:
    text = (subpath_site / "index.html").read_text(encoding="utf-8")
    assert meta(text, "property", "og:title") == TEST_SITE_NAME
    assert meta(text, "property", "og:type") == "website"
    assert meta(text, "property", "og:url") == SUBPATH_SITE_URL


def test_the_favicon_is_ours_on_every_page(subpath_site: Path) -> None:
    icon = subpath_site / "assets" / "favicon.svg"
    assert icon.read_text(encoding="utf-8").startswith("<svg")
    assert '<link rel="icon" href="/rencana/assets/favicon.svg">' in (subpath_site / "404.html").read_text("utf-8")
    text = (subpath_site / "governance" / "gov-01" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="icon" href="../../assets/favicon.svg">' in text


CUSTOM_ROBOTS = "User-agent: *\nDisallow: /cetak/\n"


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A city with quotes, ampersands and tags in a program's title and summary, and its own robots.txt."""

    def make(root: Path) -> None:
        tricky = program(title='Parkir & "Tertib" <b>Kota</b>', summary="Tarif < Rp 5.000 & 'adil' untuk warga.")
        project = make_project(root / "p", city(), [tricky])
        (project / "docs" / "robots.txt").write_text(CUSTOM_ROBOTS, encoding="utf-8")
        result = build_site(project, root / "site")
        assert result.returncode == 0, result.stderr

    return shared_folder(tmp_path_factory, "tricky", make) / "site"


def test_shared_text_from_data_is_escaped_once(tricky_site: Path) -> None:
    text = (tricky_site / "governance" / "gov-01" / "index.html").read_text(encoding="utf-8")
    description = "Tarif &lt; Rp 5.000 &amp; &#39;adil&#39; untuk warga."
    assert meta(text, "property", "og:description") == description
    og_title = meta(text, "property", "og:title") or ""
    assert "Parkir &amp; &#34;Tertib&#34; &lt;b&gt;Kota&lt;/b&gt;" in og_title
    assert "&amp;amp;" not in text and "&amp;lt;" not in text


def test_a_citys_own_robots_txt_wins(tricky_site: Path) -> None:
    assert (tricky_site / "robots.txt").read_text(encoding="utf-8") == CUSTOM_ROBOTS
