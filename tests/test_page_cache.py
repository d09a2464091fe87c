"""The page cache: a build that reuses kept program pages writes the very site a full build writes.

Each kind of edit a maintainer makes is applied in turn to one project; after each, a build
with the cache (kept from the build before) is compared file by file with a full build of the
same project and day made without it (macros/site/page_cache.py).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.site.page_cache import CACHE_VARIABLE, DEFAULT_FOLDER, _entries
from tests.helpers import (
    FIXED_EPOCH,
    PORTAL_REGIONS,
    build_with_caches,
    copy_sample,
    make_portal_project,
    run_macros,
)

SLUG = "mojokerto"
KEPT = re.compile(r"Cache halaman: (\d+) dari (\d+) halaman program")


def _build(project: Path, site: Path, *, cache: bool, today: str = "2026-06-30") -> tuple[int, int]:
    """Build `project` into a fresh `site`; (pages taken from the cache, program pages) when it is on."""
    return build_with_caches(project, site, KEPT, cache=cache, today=today)


def _site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _assert_same_as_full_build(project: Path, cached_site: Path, full_site: Path, today: str = "2026-06-30") -> None:
    _build(project, full_site, cache=False, today=today)
    cached, full = _site_files(cached_site), _site_files(full_site)
    assert cached.keys() == full.keys()
    assert [name for name in full if cached[name] != full[name]] == []


def _program_file(project: Path, dimension: str, name: str) -> Path:
    return project / "data" / "programs" / SLUG / dimension / name


@pytest.mark.slow
def test_a_build_from_the_cache_is_the_full_build_after_data_edits(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "project")
    cached_site, full_site = tmp_path / "cached", tmp_path / "full"
    kept, pages = _build(project, cached_site, cache=True)
    assert (kept, pages > 10) == (0, True)  # nothing kept yet
    assert (project / DEFAULT_FOLDER / f"{SLUG}.bin").is_file()

    # One program's text: only its page is made again.
    gov = _program_file(project, "governance", "gov-02.yml")
    gov.write_text(gov.read_text(encoding="utf-8").replace("summary: ", "summary: Kini diperbarui. ", 1), "utf-8")
    assert _build(project, cached_site, cache=True) == (pages - 1, pages)
    _assert_same_as_full_build(project, cached_site, full_site)

    # A program moved to another dimension: its page, and its old and new neighbours'.
    moved = _program_file(project, "living", "liv-02.yml")
    text = moved.read_text(encoding="utf-8")
    assert "dimension: living\n" in text
    text = re.sub(r"^element: .*\n", "element: komunitas\n", text, count=1, flags=re.M)
    moved.write_text(text.replace("dimension: living\n", "dimension: society\n", 1), "utf-8")
    moved.rename(_program_file(project, "society", "liv-02.yml"))
    kept, _ = _build(project, cached_site, cache=True)
    assert 0 < kept < pages - 1
    _assert_same_as_full_build(project, cached_site, full_site)

    # Another day: pages are kept, their "Data per …" and print footer are the new day's.
    kept, _ = _build(project, cached_site, cache=True, today="2026-09-15")
    assert kept > 0
    page = (cached_site / "governance" / "gov-01" / "index.html").read_text(encoding="utf-8")
    assert "Data per 15 September 2026" in page and "<!-- rc-" not in page.replace("<!-- rc-riwayat", "")
    _assert_same_as_full_build(project, cached_site, full_site, today="2026-09-15")


@pytest.mark.slow
def test_a_build_from_the_cache_is_the_full_build_after_settings_and_template_edits(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "project")
    cached_site, full_site = tmp_path / "cached", tmp_path / "full"
    _, pages = _build(project, cached_site, cache=True)

    # A city setting every page shows (the region's name in the header): no page is kept, and a
    # build with the cache on and nothing kept is the full build.
    city = project / "data" / "cities" / f"{SLUG}.yml"
    city.write_text(city.read_text(encoding="utf-8").replace("Kota Mojokerto", "Kota Mojokerto Raya", 1), "utf-8")
    assert _build(project, cached_site, cache=True) == (0, pages)
    _assert_same_as_full_build(project, cached_site, full_site)

    # A setting of mkdocs.yml (the site's name), then a template of the theme: no page is kept
    # (so each build is a full one, as just shown), and the pages show the change.
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"^site_name: .*$", "site_name: Rencana Kota Diperbarui", text, count=1, flags=re.M))
    assert _build(project, cached_site, cache=True) == (0, pages)
    assert "Rencana Kota Diperbarui" in (cached_site / "governance" / "gov-01" / "index.html").read_text("utf-8")
    template = project / "overrides" / "main.html"
    text = template.read_text(encoding="utf-8")
    assert "{% block extrahead %}\n" in text
    text = text.replace("{% block extrahead %}\n", "{% block extrahead %}<!-- template edited -->\n", 1)
    template.write_text(text, "utf-8")
    assert _build(project, cached_site, cache=True) == (0, pages)
    assert "<!-- template edited -->" in (cached_site / "governance" / "gov-01" / "index.html").read_text("utf-8")


@pytest.mark.slow
def test_a_corrupt_or_foreign_cache_is_ignored(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "project")
    cached_site, full_site = tmp_path / "cached", tmp_path / "full"
    _, pages = _build(project, cached_site, cache=True)
    cache = project / DEFAULT_FOLDER / f"{SLUG}.bin"
    whole = cache.read_bytes()

    # One byte changed in the middle of a kept page (the file's digest no longer matches).
    middle = len(whole) // 2
    cache.write_bytes(whole[:middle] + bytes([whole[middle] ^ 0x20]) + whole[middle + 1 :])
    assert _build(project, cached_site, cache=True) == (0, pages)
    _assert_same_as_full_build(project, cached_site, full_site)

    # A file of another layout (cut, wrong digest and other files: test_cache_files_are_read_whole_or_not_at_all).
    cache.write_bytes(b"rencana-pages 0\n" + whole[16:])
    assert _build(project, cached_site, cache=True) == (0, pages)


def test_cache_files_are_read_whole_or_not_at_all() -> None:
    import hashlib

    header = b"rencana-pages 1\n"
    page = "<p>halaman ✓</p>".encode()
    body = header + b"k" * 32 + len(page).to_bytes(4, "big") + page
    whole = body + hashlib.sha256(body).digest()
    assert _entries(whole) == {b"k" * 32: "<p>halaman ✓</p>"}
    assert _entries(header + hashlib.sha256(header).digest()) == {}
    assert _entries(whole[:-1]) == {}
    assert _entries(whole.replace(b"halaman", b"HALAMAN")) == {}
    # A length that runs past the end, with a digest that matches: refused, not read short.
    long = header + b"k" * 32 + (len(page) + 5).to_bytes(4, "big") + page
    assert _entries(long + hashlib.sha256(long).digest()) == {}
    # Bytes that are not UTF-8, with a digest that matches.
    bad = header + b"k" * 32 + (2).to_bytes(4, "big") + b"\xff\xfe"
    assert _entries(bad + hashlib.sha256(bad).digest()) == {}


@pytest.mark.slow
def test_a_portal_built_from_the_cache_is_the_full_build(tmp_path: Path) -> None:
    project = make_portal_project(tmp_path / "project")
    environment = {"RENCANA_TODAY": "2026-06-30", "SOURCE_DATE_EPOCH": FIXED_EPOCH}  # no midnight between builds

    def build(site: Path, **variables: str) -> None:
        result = run_macros(project, "build", "--site-dir", str(site), env={**environment, **variables})
        assert result.returncode == 0, result.stderr

    build(tmp_path / "first")
    caches = {slug: project / DEFAULT_FOLDER / f"{slug}-in-portal.bin" for slug in PORTAL_REGIONS}
    written = {slug: path.stat().st_mtime_ns for slug, path in caches.items()}
    edited_slug, unchanged_slug = PORTAL_REGIONS[1], PORTAL_REGIONS[2]
    data_file = sorted((project / "data" / "programs" / edited_slug).rglob("*.yml"))[0]
    data_file.write_text(data_file.read_text(encoding="utf-8").replace("summary: ", "summary: Baru. ", 1), "utf-8")

    build(tmp_path / "cached")
    build(tmp_path / "full", **{CACHE_VARIABLE: "off"})
    cached, full = _site_files(tmp_path / "cached"), _site_files(tmp_path / "full")
    assert cached.keys() == full.keys()
    assert [name for name in full if cached[name] != full[name]] == []
    # Every page of an unchanged region came from its cache, so its file was not written again.
    assert caches[unchanged_slug].stat().st_mtime_ns == written[unchanged_slug]
    assert caches[edited_slug].stat().st_mtime_ns != written[edited_slug]


def test_settings_made_of_python_names_give_the_same_key_in_every_run(tmp_path: Path) -> None:
    # `!!python/name:` settings are live functions, whose repr holds an address that changes every run.
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Uji\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    code = (
        "from mkdocs.config import load_config\nfrom macros.site.page_cache import config_fingerprint\n"
        "print(config_fingerprint(load_config('mkdocs.yml')))"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
        for _ in range(2)
    ]
    assert len(runs[0].strip()) == 64 and runs[0] == runs[1]
