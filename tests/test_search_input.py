"""Pagefind given only what it indexes of each page makes the bundle the whole pages make.

A region's build hands Pagefind small documents (macros/site/search_input.py): its bundle must
be, byte for byte, the one Pagefind makes from the published pages themselves. A portal joins
its regions' bundles (macros/site/portal_search.py): its bundle must hold what Pagefind makes of
the regions' program pages, page for page, word for word, filter for filter.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from macros.site import search_merge
from macros.site.portal_build import PORTAL_INDEX_GLOB
from macros.site.portal_search import join_region_bundles
from macros.site.search_bundle import SIGNATURE, read_file
from macros.site.search_index import BUNDLE_DIR, DOCUMENTS_DIR, index_folder
from macros.site.search_input import search_document
from macros.site.search_merge import _add_words
from tests.helpers import portal_regions


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_a_regions_bundle_is_the_one_its_whole_pages_make(sample_site: Path, tmp_path: Path) -> None:
    report = index_folder(sample_site, tmp_path / "bundle")
    assert report.pages > 20
    assert _files(tmp_path / "bundle") == _files(sample_site / BUNDLE_DIR)


def test_the_portals_joined_bundle_holds_what_pagefind_makes_of_its_regions_program_pages(
    portal_site: tuple[Path, Path], tmp_path: Path
) -> None:
    _, site = portal_site
    assert not list(site.rglob(DOCUMENTS_DIR))  # read by the portal's index, never published
    report = index_folder(site, tmp_path / "bundle", PORTAL_INDEX_GLOB)
    assert report.pages == sum(len(programs) for _, programs in portal_regions().values())
    # The same pages, words and filters; only the pages' numbers and the files' names differ.
    joined, pagefind = _contents(site / BUNDLE_DIR), _contents(tmp_path / "bundle")
    assert joined == pagefind
    assert all(len(language["pages"]) == report.pages for language in joined.values())


def test_a_portal_whose_region_has_no_bundle_is_indexed_by_pagefind_instead(
    portal_site: tuple[Path, Path], tmp_path: Path
) -> None:
    regions, out = _regions_bundles(portal_site, tmp_path / "out")
    assert join_region_bundles(out, regions) is not None  # the regions' bundles alone are enough
    shutil.rmtree(out / BUNDLE_DIR)
    fragment = next((out / regions[0] / BUNDLE_DIR / "fragment").iterdir())
    kept = fragment.read_bytes()
    fragment.write_bytes(b"not gzip")  # a damaged bundle
    assert join_region_bundles(out, regions) is None
    assert not (out / BUNDLE_DIR).exists()
    fragment.write_bytes(kept)
    shutil.rmtree(out / regions[-1] / BUNDLE_DIR)  # a region built without its index
    assert join_region_bundles(out, regions) is None
    assert not (out / BUNDLE_DIR).exists()


def _contents(bundle: Path) -> dict[str, Any]:
    """What a Pagefind bundle holds for search, by page address: per language, each page's fragment
    and word count, each word's pages with their locations, each filter value's pages, the metadata keys."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    contents = {}
    for language, details in entry["languages"].items():
        meta = read_file(bundle / f"pagefind.{details['hash']}.pf_meta")
        addresses, pages = [], {}
        for name, word_count in meta[1]:
            data = gzip.decompress((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())
            fragment = json.loads(data[len(SIGNATURE) :])
            addresses.append(fragment["url"])
            pages[fragment["url"]] = (fragment, word_count)
        words: dict[str, list[tuple[int, bytes, int]]] = {}
        for _, _, name in meta[2]:
            _add_words(bundle / "index" / f"{name}.pf_index", list(range(len(addresses))), words)
        filters = {}
        for _, name in meta[3]:
            filter_name, values = read_file(bundle / "filter" / f"{name}.pf_filter")
            filters[filter_name] = {value: sorted(addresses[number] for number in numbers) for value, numbers in values}
        contents[language] = {
            "version": meta[0],
            "metadata keys": meta[5],
            "pages": pages,
            "words": {
                word: sorted((addresses[n], at, count) for n, at, count in found) for word, found in words.items()
            },
            "filters": filters,
        }
    return contents


def test_a_document_keeps_the_language_the_title_and_the_indexed_part_only() -> None:
    page = (
        '<!doctype html>\n<html lang="id" class="no-js"><head><meta charset="utf-8">'
        "<title>GOV-01 Judul - Rencana</title>"
        '<link rel="stylesheet" href="x.css"></head><body><header><div class="md-header">Menu</div></header>'
        '<div data-pagefind-body><h1>Judul</h1><div class="a"><div>isi</div></div><p>akhir</p></div>'
        "<footer><div>kaki</div></footer></body></html>"
    )
    assert search_document(page) == (
        '<html lang="id" class="no-js"><head><title>GOV-01 Judul - Rencana</title></head><body>'
        '<div data-pagefind-body><h1>Judul</h1><div class="a"><div>isi</div></div><p>akhir</p></div></body></html>'
    )
    # Without an indexed part, Pagefind skips the page: it gets the language and title, nothing to parse.
    left_out = page.replace("<div data-pagefind-body>", "<div>")
    assert search_document(left_out) == (
        '<html lang="id" class="no-js"><head><title>GOV-01 Judul - Rencana</title></head><body></body></html>'
    )
    assert search_document("<html><body><p>tanpa</p></body></html>") == "<html><head></head><body></body></html>"
    # Not a page as the theme writes it (no <html>, an indexed part never closed): Pagefind gets it as it is.
    assert search_document("<p>tanpa</p>") == "<p>tanpa</p>"
    unclosed = '<html lang="id"><body><div data-pagefind-body><div>a</div>'
    assert search_document(unclosed) == unclosed


def test_a_preview_joins_again_from_what_it_read_before_and_makes_the_same_bundle(
    portal_site: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The portal's preview joins its index after every edit; it keeps what it read of the regions'
    # bundles (search_merge.keep_reads) and reads again only what changed.
    regions, out = _regions_bundles(portal_site, tmp_path / "out")
    assert join_region_bundles(out, regions) is not None
    read_once = _files(out / BUNDLE_DIR)
    assert not search_merge._READ  # a build keeps nothing
    monkeypatch.setattr(search_merge, "_READ", {})
    monkeypatch.setattr(search_merge, "_keeping_reads", True)
    for _ in range(2):  # the first join keeps what it reads, the second takes it from there
        assert join_region_bundles(out, regions) is not None
        assert _files(out / BUNDLE_DIR) == read_once
    kept = len(search_merge._READ)
    assert kept > len(regions)  # each region's index chunks and program pages' fragments
    assert join_region_bundles(out, regions) is not None
    assert len(search_merge._READ) == kept  # nothing new read


def _regions_bundles(portal_site: tuple[Path, Path], out: Path) -> tuple[list[str], Path]:
    """The portal's regions, and `out` holding a copy of each one's own search bundle."""
    _, site = portal_site
    regions = sorted(portal_regions())
    for region in regions:
        shutil.copytree(site / region / BUNDLE_DIR, out / region / BUNDLE_DIR)
    return regions, out
