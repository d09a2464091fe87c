"""A preview's search, made after its pages are served, stopped by the next save (macros.site.background)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros.data.plan.load import city_files
from macros.site.background import Stop, Stopped
from macros.site.portal_build import index_preview
from macros.site.portal_search import join_region_bundles
from macros.site.search_index import BUNDLE_DIR, DOCUMENTS_DIR, SearchIndexError, index_folder, keep_documents
from tests.helpers import make_portal_project


def _document(title: str, words: str) -> str:
    """A page as a region's build leaves it for the search (macros.site.search_input)."""
    return (
        f'<html lang="id"><head><title>{title}</title></head>'
        f"<body><main data-pagefind-body><h1>{title}</h1><p>{words}</p></main></body></html>"
    )


def _asked() -> Stop:
    stop = Stop()
    stop.ask()
    return stop


def test_a_stopped_index_kills_pagefind_and_says_so(tmp_path: Path) -> None:
    keep_documents(tmp_path / "site", {"governance/gov-01/index.html": _document("Layanan", "pengaduan warga")})
    documents = tmp_path / "site" / DOCUMENTS_DIR
    with pytest.raises(SearchIndexError, match="stopped"):
        index_folder(documents, tmp_path / "stopped", stop=_asked())
    report = index_folder(documents, tmp_path / "made", stop=Stop())  # a stop never asked changes nothing
    assert report.pages == 1
    assert (tmp_path / "made" / "pagefind-entry.json").is_file()


def test_a_stopped_portal_search_leaves_every_region_it_did_not_index_to_the_next(tmp_path: Path) -> None:
    # The first search of a portal's preview indexes every region; the next save may rebuild only one,
    # so the regions a stop left out must come back, their documents kept for them.
    root = make_portal_project(tmp_path / "project")
    regions = sorted(city_files(root))
    out = tmp_path / "out"
    for region in regions:
        document = _document(f"Program {region}", f"kata{region}")
        keep_documents(out / region, {"governance/gov-01/index.html": document})

    assert index_preview(root, out, regions, _asked()) == set(regions)
    for region in regions:
        assert (out / region / DOCUMENTS_DIR / "governance" / "gov-01" / "index.html").is_file(), region
        assert not (out / region / BUNDLE_DIR).exists(), region
    assert not (out / BUNDLE_DIR).exists()

    assert index_preview(root, out, regions, Stop()) == set()
    for region in regions:
        entry = json.loads((out / region / BUNDLE_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"]["id"]["page_count"] == 1, region
        assert not (out / region / DOCUMENTS_DIR).exists(), region  # never published
    portal = json.loads((out / BUNDLE_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert portal["languages"]["id"]["page_count"] == len(regions)


def test_a_join_stopped_between_regions_leaves_the_portals_last_bundle_as_it_was(tmp_path: Path) -> None:
    root = make_portal_project(tmp_path / "project")
    regions = sorted(city_files(root))
    out = tmp_path / "out"
    for region in regions:
        keep_documents(out / region, {"governance/gov-01/index.html": _document(f"Program {region}", region)})
    assert index_preview(root, out, regions, Stop()) == set()
    entry = (out / BUNDLE_DIR / "pagefind-entry.json").read_bytes()
    checks: list[int] = []

    def stop_at_the_second_region() -> None:
        checks.append(1)
        if len(checks) == 2:
            raise Stopped

    with pytest.raises(Stopped):
        join_region_bundles(out, regions, stop_at_the_second_region)
    assert len(checks) == 2
    assert (out / BUNDLE_DIR / "pagefind-entry.json").read_bytes() == entry
    assert join_region_bundles(out, regions) is not None  # the next join begins afresh
