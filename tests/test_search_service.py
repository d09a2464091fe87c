"""Pagefind's service fed page by page numbers the pages as the command line does, whatever order they come in."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from macros.site.search_index import BUNDLE_DIR, SearchIndexError, index_folder
from macros.site.search_input import search_document
from macros.site.search_order import walk_order
from macros.site.search_service import LiveIndex


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _pages(site: Path) -> list[str]:
    return [
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if not path.relative_to(site).as_posix().startswith(f"{BUNDLE_DIR}/")
    ]


def _walked(folder: Path, root: Path) -> list[str]:
    """The HTML files under `folder` as a walk that never sorts finds them (Pagefind's command line)."""
    found: list[str] = []
    for entry in os.scandir(folder):
        if entry.is_dir() and Path(entry.path) != root / BUNDLE_DIR:
            found += _walked(Path(entry.path), root)
        elif entry.name.endswith(".html"):
            found.append(Path(entry.path).relative_to(root).as_posix())
    return found


def test_the_predicted_order_is_the_file_systems_own(sample_site: Path) -> None:
    assert walk_order(sorted(_pages(sample_site))) == _walked(sample_site, sample_site)


def test_pages_handed_in_any_order_give_the_command_lines_bundle(sample_site: Path, tmp_path: Path) -> None:
    index_folder(sample_site, tmp_path / "command-line")
    pages = _pages(sample_site)
    live = LiveIndex([*pages, "halaman-yang-tidak-ditulis/index.html"])  # a path never written is left out
    for page in sorted(pages, reverse=True)[1:]:  # one page is left to be read from the site, as 404.html is
        live.add(page, search_document((sample_site / page).read_text(encoding="utf-8")))
    report = live.finish(sample_site, tmp_path / "service")
    assert report.pages > 20
    assert _files(tmp_path / "service") == _files(tmp_path / "command-line")


def test_a_cancelled_index_stops_its_service(sample_site: Path) -> None:
    live = LiveIndex(_pages(sample_site))
    live.add("index.html", (sample_site / "index.html").read_text(encoding="utf-8"))
    live.cancel()
    assert not [thread for thread in threading.enumerate() if thread.name == "rencana-search"]


def test_a_service_that_stops_fails_the_index_instead_of_waiting(
    sample_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stops = tmp_path / "pagefind"
    # It reads every request and never answers: its output ends, as when Pagefind crashes mid-build.
    stops.write_text("#!/bin/sh\nexec 1>&- 2>&-\nexec cat >/dev/null\n", encoding="utf-8")
    stops.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stops))
    live = LiveIndex(_pages(sample_site))
    live.add("index.html", (sample_site / "index.html").read_text(encoding="utf-8"))
    with pytest.raises(SearchIndexError, match="stopped"):  # the build says it (hooks), instead of waiting for ever
        live.finish(sample_site, tmp_path / "bundle")
