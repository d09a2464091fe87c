"""Pagefind given only what it indexes of each page makes the bundle the whole pages make.

A region's build hands Pagefind small documents (macros/site/search_input.py), and a portal's
index reads the documents its regions kept; each bundle must be, byte for byte, the one
Pagefind makes from the published pages themselves.
"""

from __future__ import annotations

from pathlib import Path

from macros.site.portal_build import PORTAL_INDEX_GLOB
from macros.site.search_index import BUNDLE_DIR, DOCUMENTS_DIR, index_folder
from macros.site.search_input import search_document
from tests.helpers import portal_regions


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_a_regions_bundle_is_the_one_its_whole_pages_make(sample_site: Path, tmp_path: Path) -> None:
    report = index_folder(sample_site, tmp_path / "bundle")
    assert report.pages > 20
    assert _files(tmp_path / "bundle") == _files(sample_site / BUNDLE_DIR)


def test_the_portals_bundle_is_the_one_its_regions_whole_pages_make(
    portal_site: tuple[Path, Path], tmp_path: Path
) -> None:
    _, site = portal_site
    assert not list(site.rglob(DOCUMENTS_DIR))  # read by the portal's index, never published
    report = index_folder(site, tmp_path / "bundle", PORTAL_INDEX_GLOB)
    assert report.pages == sum(len(programs) for _, programs in portal_regions().values())
    assert _files(tmp_path / "bundle") == _files(site / BUNDLE_DIR)


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
    # Without an indexed part, or with one never closed, Pagefind gets the page as it is.
    assert search_document("<html><body><p>tanpa</p></body></html>") == "<html><body><p>tanpa</p></body></html>"
    unclosed = '<html lang="id"><body><div data-pagefind-body><div>a</div>'
    assert search_document(unclosed) == unclosed
