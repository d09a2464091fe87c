"""Shortcuts for rendering the theme's templates, each keeping the output byte for byte.

Material renders the whole primary navigation into every page, and that is the
costliest part of a program page's template. A program is not in the nav, so no nav
entry is active on its page, and its links are relative to the page's folder: every
page outside the nav in one folder (the programs of one dimension) gets the same nav
HTML. `overrides/main.html` wraps Material's nav include in `fragment_cache`, keyed by
`primary_nav_key`; `macros/site/hooks.py` registers both for each build (on_env).

MkDocs makes a new Jinja environment for every build, so `mkdocs serve` would compile
every template again after each edit; `COMPILED_TEMPLATES` keeps their bytecode for
the life of the process (Jinja checks each template's source before reusing it). Likewise
MkDocs lists every file of the theme on every build, and matches each against its patterns,
to find the static files to copy: Material ships 14,500 files, nearly all icons in the
hidden folder `.icons/` that MkDocs never copies; 0.08 s a build, which a portal would pay
once per region. `list_installed_theme_once` lists the installed theme once per process,
without its hidden files (the templates still include icons from there).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from jinja2 import BytecodeCache, Environment, FileSystemLoader
from jinja2.bccache import Bucket

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory, shared by the builds of one process."""

    def __init__(self) -> None:
        self._bytecode: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._bytecode:
            bucket.bytecode_from_string(self._bytecode[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._bytecode[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = MemoryBytecodeCache()


class _InstalledThemeListedOnce(FileSystemLoader):
    """A FileSystemLoader that lists the folders of `installed` once per process (they do not change
    while it runs), less their hidden files, which MkDocs' patterns (`.*`, `*/.*`) leave out anyway;
    the project's own `custom_dir` is listed afresh, for `mkdocs serve`."""

    _listings: ClassVar[dict[str, list[str]]] = {}

    def __init__(self, searchpath: list[str], installed: set[str]) -> None:
        super().__init__(searchpath)
        self._installed = installed

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            if folder not in self._installed:
                found.update(FileSystemLoader(folder).list_templates())
                continue
            if folder not in self._listings:
                self._listings[folder] = [
                    name
                    for name in FileSystemLoader(folder).list_templates()
                    if not any(part.startswith(".") for part in name.split("/"))
                ]
            found.update(self._listings[folder])
        return sorted(found)


def list_installed_theme_once(theme: Any) -> None:
    """Make `theme.get_env` (MkDocs' Theme) give environments whose loader lists the installed theme once."""
    make_env = theme.get_env
    installed = {folder for folder in theme.dirs if folder != theme.custom_dir}

    def get_env() -> Any:
        env = make_env()
        env.loader = _InstalledThemeListedOnce(list(env.loader.searchpath), installed)
        return env

    theme.get_env = get_env


# Material's files that only its own search uses (lunr, its languages and its web worker), and the
# source maps of its minified script and styles, which only a developer's tools read. Rencana
# searches with Pagefind, so without Material's search plugin a site never loads them: 2.2 MB of
# every site, which GitHub Pages counts against its 1 GB (guide/portal.md, "Limits, measured").
_SEARCH_ONLY = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
_SOURCE_MAPS = (".min.js.map", ".min.css.map")
_SEARCH_PLUGINS = ("search", "material/search")


def theme_files(files: Files, config: MkDocsConfig) -> list[File]:
    """The files MkDocs copies from the theme's folders (Material's and the project's `custom_dir`)."""
    theme_dirs = {str(Path(folder).resolve()) for folder in config.theme.dirs}
    return [
        file
        for file in files
        if file.src_dir is not None
        and not file.is_documentation_page()
        and str(Path(file.src_dir).resolve()) in theme_dirs
    ]


def drop_unused_theme_files(files: Files, config: MkDocsConfig) -> None:
    """Leave out of the site the theme's files that no page of it loads (see `_SEARCH_ONLY`)."""
    if any(name in config.plugins for name in _SEARCH_PLUGINS):
        return
    for file in theme_files(files, config):
        if file.src_uri.startswith(_SEARCH_ONLY) or file.src_uri.endswith(_SOURCE_MAPS):
            files.remove(file)


class FragmentCache:
    """`{% call fragment_cache(key) %}…{% endcall %}`: the body is rendered once per key; None renders it always."""

    def __init__(self) -> None:
        self._rendered: dict[str, str] = {}

    def __call__(self, key: str | None, caller: Callable[[], str]) -> str:
        if key is None:
            return caller()
        if key not in self._rendered:
            self._rendered[key] = caller()
        return self._rendered[key]


def primary_nav_key(nav: Any, page: Any) -> str | None:
    """The key under which `page` shares its primary nav HTML with others, or None when it cannot share it.

    A page in the nav marks itself and its sections active, so it renders its own nav.
    Pages outside it share by folder, unless a nav entry lies inside the page's own
    address (a link to it would then differ from the one on a sibling page).
    """
    if page is None or not page.url:
        return None
    listed_pages, listed_urls = _listed(nav)
    if id(page) in listed_pages or any(url.startswith(page.url) for url in listed_urls):
        return None
    return "primary-nav:" + _folder_pattern(page.url)


_last_nav: list[tuple[Any, frozenset[int], tuple[str, ...]]] = []


def _listed(nav: Any) -> tuple[frozenset[int], tuple[str, ...]]:
    """The pages of `nav` (by identity: MkDocs makes one Page per file, and comparing pages compares
    their titles and files) and their addresses, worked out once per build's nav, not once per page."""
    if not _last_nav or _last_nav[0][0] is not nav:
        _last_nav[:] = [(nav, frozenset(id(page) for page in nav.pages), tuple(page.url for page in nav.pages))]
    return _last_nav[0][1], _last_nav[0][2]


@functools.lru_cache(maxsize=16384)
def _folder_pattern(url: str) -> str:
    """The pattern of the pages beside `url`, "governance/gov-01/" → "governance/*/": relative links
    are the same from every page of one pattern."""
    return _LAST_SEGMENT.sub(r"*\1", url)


_LAST_SEGMENT = re.compile(r"[^/]+(/?)$")


class ThemeText:
    """Material's `lang.t(key)`, each answer worked out once per build.

    Material's `partials/language.html` answers from the theme language's table, else English's,
    else the key; base.html imports it *with context*, so Jinja makes that module again for every
    page, and with it the two tables' (about 0.25 s of a build of 1,000 programs).
    `overrides/partials/language.html` hands over to this instead, which asks the same two
    macros of Material (or of the project's own `partials/languages/`) once per key.
    """

    def __init__(self, env: Environment, language: str) -> None:
        self._env, self._language = env, language
        self._known: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        if key not in self._known:
            own = self._env.get_template(f"partials/languages/{self._language}.html").module
            fallback = self._env.get_template("partials/languages/en.html").module
            self._known[key] = own.t(key) or fallback.t(key) or key  # type: ignore[attr-defined]
        return self._known[key]


def sibling_key(name: str, page: Any) -> str | None:
    """The key under which `page` shares the fragment `name` with the pages beside it, or None.

    For the theme's fragments that read nothing of a page but links to the site's fixed places (its
    home, `cari/`, `assets/…`), made relative to the page: they are the same on every page of one
    folder. Only pages two folders deep or more share one (the programs of a dimension): a top-level
    page such as `cari/` would get `./` where its neighbours link `../cari/`.
    """
    if page is None or not page.url:
        return None
    pattern = _sibling_pattern(page.url)
    return None if pattern is None else f"{name}:{pattern}"


@functools.lru_cache(maxsize=16384)
def _sibling_pattern(url: str) -> str | None:
    """`url`'s folder pattern for `sibling_key`, or None where its fragments are its own."""
    if url.startswith("assets/"):  # a page in assets/ holds links' targets
        return None
    if len([segment for segment in url.split("/") if segment]) < 2:
        return None
    return _folder_pattern(url)
