"""The data cache: a build takes the program files whose bytes did not change from the last build's
reading, and writes the very site a build that reads every file writes (macros/site/data_cache.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config

from macros.data.plan import load
from macros.site import data_cache, hooks, state
from macros.site.page_cache import CACHE_VARIABLE, DEFAULT_FOLDER
from macros.site.state import Role
from tests.helpers import build_site, build_with_caches, copy_sample, make_portal_project, run_macros

SLUG = "mojokerto"
KEPT = re.compile(r"Cache data: (\d+) dari (\d+) file program tidak dibaca ulang")


def _build(project: Path, site: Path, *, cache: bool = True) -> tuple[int, int]:
    """Build `project` into a fresh `site`: (program files taken from the cache, program files)."""
    return build_with_caches(project, site, KEPT, cache=cache)


def _site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.mark.slow
def test_a_build_reads_again_only_the_files_that_changed_and_makes_the_same_site(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "project")
    cached_site, full_site = tmp_path / "cached", tmp_path / "full"
    kept, files = _build(project, cached_site)
    assert (kept, files > 10) == (0, True)
    assert (project / DEFAULT_FOLDER / f"{SLUG}.data").is_file()
    assert _build(project, cached_site) == (files, files)

    # An agency's report changes one file: that one is read again.
    changed = project / "data" / "programs" / SLUG / "governance" / "gov-02.yml"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("summary: ", "summary: Kini diperbarui. ", 1), encoding="utf-8")
    assert _build(project, cached_site) == (files - 1, files)
    _build(project, full_site, cache=False)
    cached, full = _site_files(cached_site), _site_files(full_site)
    assert cached.keys() == full.keys()
    assert [name for name in full if cached[name] != full[name]] == []

    # A mistake in a file the cache holds as it was: the file is read, and the mistake named.
    broken = project / "data" / "programs" / SLUG / "living" / "liv-02.yml"
    broken.write_text(broken.read_text(encoding="utf-8") + "title: lagi\n", encoding="utf-8")
    result = build_site(project, tmp_path / "broken", env={"RENCANA_TODAY": "2026-06-30", "RENCANA_LANG": "id"})
    assert result.returncode != 0
    assert re.search(rf"data/programs/{SLUG}/living/liv-02\.yml:\d+:\d+: \(?title", result.stderr), result.stderr


def _reads() -> dict[bytes, Any]:
    return {
        bytes([1]) * 32: {"id": "GOV-01", "budget": 1.5, "done": True, "lead": None, "tags": ["é", "\u2028", "日本"]},
        bytes([2]) * 32: {"id": "GOV-02", "progress": 40, "milestones": [{"year": 2026, "name": "Uji coba"}]},
    }


def test_what_is_kept_is_read_back_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data_cache, "_last", {})
    path = tmp_path / "pages" / "kota.data"
    data_cache.save(path, "code 1", _reads())
    monkeypatch.setattr(data_cache, "_last", {})  # as a new process finds it
    loaded = data_cache.load(path, "code 1")
    assert loaded == _reads()
    assert [type(value) for value in loaded[bytes([1]) * 32].values()] == [str, float, bool, type(None), list]


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda text: text.replace("Uji coba", "Uji cobA"), id="a changed byte"),
        pytest.param(lambda text: text[: len(text) // 2], id="cut"),
        pytest.param(lambda text: text.replace("rencana-data 1", "rencana-data 2"), id="another layout"),
        pytest.param(lambda text: "", id="empty"),
    ],
)
def test_a_damaged_data_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spoil: Any) -> None:
    monkeypatch.setattr(data_cache, "_last", {})
    path = tmp_path / "kota.data"
    data_cache.save(path, "code 1", _reads())
    path.write_text(spoil(path.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setattr(data_cache, "_last", {})
    assert data_cache.load(path, "code 1") == {}


def test_a_cache_kept_by_other_code_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data_cache, "_last", {})
    path = tmp_path / "kota.data"
    data_cache.save(path, "code 1", _reads())
    monkeypatch.setattr(data_cache, "_last", {})
    assert data_cache.load(path, "code 2") == {}
    assert data_cache.load(path, "code 1") == _reads()


def test_only_data_json_gives_back_as_it_was_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data_cache, "_last", {})
    path = tmp_path / "kota.data"
    odd = {
        bytes([3]) * 32: {"years": {2026: "a number as a key"}},
        bytes([4]) * 32: {"budget": float("nan")},
        bytes([5]) * 32: {"budget": float("inf")},
        bytes([6]) * 32: {"pair": ("a", "tuple")},
    }
    data_cache.save(path, "code 1", {**_reads(), **odd})
    monkeypatch.setattr(data_cache, "_last", {})
    assert data_cache.load(path, "code 1") == _reads()


@pytest.mark.slow  # a portal of three regions built first
def test_the_portal_reads_again_no_program_file_its_regions_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_portal_project(tmp_path / "project")
    today = {"RENCANA_TODAY": "2026-06-30"}
    built = run_macros(project, "build", "--site-dir", str(tmp_path / "site"), env=today)
    assert built.returncode == 0, built.stderr
    program_count = len(list((project / "data" / "programs").rglob("*.yml")))
    monkeypatch.setenv("RENCANA_TODAY", today["RENCANA_TODAY"])
    monkeypatch.delenv(CACHE_VARIABLE, raising=False)
    # The hook's state, as a portal's build has it, and as it was once the test ends.
    for name, value in {"_role": Role(portal=True), "_portal": None, "_found": [], "_problems": []}.items():
        monkeypatch.setattr(state, name, value)
    for name in ("_read_earlier", "_read_now"):
        monkeypatch.setattr(load, name, {})
    config = load_config(str(project / "mkdocs.yml"))
    parse = load._read

    def programs_parsed() -> list[Path]:
        """The program files the portal's build parses as it loads every region (this process's own
        memory of earlier reads emptied first)."""
        parsed: list[Path] = []
        monkeypatch.setattr(load, "_valid_programs", {})
        monkeypatch.setattr(data_cache, "_last", {})  # what it read of the caches before, too
        monkeypatch.setattr(load, "_read", lambda file, *rest: parsed.append(file) or parse(file, *rest))
        hooks.on_pre_build(config=config)
        assert len(state.current_portal().plans) == 3
        return [file for file in parsed if "programs" in file.parts]

    # The regions' builds kept what they read: the portal parses none of it again.
    assert programs_parsed() == []
    # Without their data caches, it parses every program file.
    for kept in (project / DEFAULT_FOLDER).glob("*.data"):
        kept.unlink()
    assert len(programs_parsed()) == program_count
