"""MkDocs events: load the data on every build, add its pages, and fill them in.

Listed under `hooks:` in mkdocs.yml. Thin on purpose: what a page holds is decided
in `macros.render.pages` and the render modules, which never import MkDocs.
"""

from __future__ import annotations

import dataclasses
import html
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from macros.data.history.log import HistoryReader
from macros.data.language.catalog import Catalog
from macros.data.plan.assemble import load_plan, load_region
from macros.data.plan.load import choose_city, city_files, reads_of_this_run, remember_reads
from macros.data.plan.problems import DataProblems, errors_heading, errors_in
from macros.data.plan.today import TodayError, date_from_environment
from macros.data.portal.regions import load_portal, several_regions
from macros.data.settings.config import read_site_config
from macros.data.settings.rules import feedback_repository, repository_from_url, site_problems
from macros.publish.feed import atom_feed, follow_feeds
from macros.publish.manifest import MANIFEST_FILE, manifest_json
from macros.publish.opendata import SIZE_SLOT_START, DataFile, data_files, fill_sizes, load_workbook_code
from macros.render import search
from macros.render.feedback import page_address, program_feedback
from macros.render.history import CHANGES_MARKER, FEED_FILE, HISTORY_MARKER, program_history, recent_changes
from macros.render.overview import sample_notice
from macros.render.pages import GeneratedPage, generated_pages
from macros.render.printable import PRINT_FOOTER_SLOT, print_footer_style
from macros.render.problem_page import problem_page
from macros.render.program_page import plan_inputs, program_page_inputs
from macros.render.report_link import report_link
from macros.render.standing import AS_OF_SLOT, as_of
from macros.site import background, data_cache, deferred, offline, overwrite, portal_site, search_index, state, watcher
from macros.site.background import Stop
from macros.site.engine import ask_git_once
from macros.site.page_cache import KEPT_TEMPLATE, PageCache, cache_file, code_fingerprint, config_fingerprint
from macros.site.robots import robots_txt
from macros.site.search_input import search_document
from macros.site.search_service import LiveIndex
from macros.site.theme import (
    COMPILED_TEMPLATES,
    FragmentCache,
    ThemeText,
    drop_unused_theme_files,
    list_installed_theme_once,
    primary_nav_key,
    sibling_key,
)
from macros.site.theme_markup import fix_theme_markup

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.plugins.rencana")
# The package whose code the caches' fingerprints cover (macros/).
_PACKAGE = Path(__file__).resolve().parents[1]
# Its digest for the build in progress (`_code_fingerprint`), None until asked.
_code: str | None = None

_SAY = Catalog(
    "site.hooks",
    {
        "no_history": (
            "Riwayat: {reason}, sehingga halaman program tidak punya bagian Riwayat "
            "dan tidak ada halaman Perubahan atau feed.xml",
            "History: {reason}, so program pages have no Riwayat section and there is no Perubahan page or feed.xml",
        ),
        "no_feed": (
            "Riwayat: tidak ada site_url di mkdocs.yml, sehingga tidak ada feed.xml (Atom memerlukan alamat lengkap)",
            "History: no site_url in mkdocs.yml, so there is no feed.xml (Atom needs full addresses)",
        ),
        "pages_kept": (
            "Cache halaman: {kept} dari {pages} halaman program diambil dari build sebelumnya",
            "Page cache: {kept} of {pages} program pages taken from an earlier build",
        ),
        "data_kept": (
            "Cache data: {kept} dari {files} file program tidak dibaca ulang (sama dengan build sebelumnya)",
            "Data cache: {kept} of {files} program files not read again (the same as in an earlier build)",
        ),
        "search_failed": (
            "indeks pencarian: Pagefind gagal:\n{error}",
            "search index: Pagefind failed:\n{error}",
        ),
        "search_indexed": (
            "Pencarian: Pagefind mengindeks {pages} halaman dalam {seconds} detik",
            "Search: Pagefind indexed {pages} pages in {seconds} s",
        ),
    },
)

# The Data page (docs/data.md), which lists the open data files with their sizes.
DATA_PAGE = "data.md"

# src_uri → page, for the build in progress (reset by on_files on every build).
_generated: dict[str, GeneratedPage] = {}
# Addresses of the theme's files that a region's site inside a portal takes from the portal.
_shared_theme_files: frozenset[str] = frozenset()
# The program pages of the last build, and this build's (macros.site.page_cache); None for the portal.
_page_cache: PageCache | None = None
# src_uri → the key its program page is kept under, for the build in progress.
_page_keys: dict[str, bytes] = {}
# A page's path in the site → what Pagefind reads of it (macros.site.search_input), in this build of a
# preview (indexed once its pages are served). A published portal joins its regions' own bundles.
_search_documents: dict[str, str] = {}
# Every HTML file of this build's site, which its search index covers; empty for the portal.
_html_paths: list[str] = []
# Pagefind's service, fed each page as it is written (macros.site.search_service); None for the portal
# and for a preview, which serves its pages first and indexes them after (`_finish_preview`).
_live_index: LiveIndex | None = None
# Open data files made aside, written once the pages are (see _OpenDataFile), for this build.
_written_late: list[_OpenDataFile] = []
# The head's print footer for this build (a slot in every page, filled when it is written).
_print_footer = ""


class _DataPage(Page):
    """A page made from data: `on_page_content` gives its HTML, so MkDocs' Markdown step is skipped.

    MkDocs would otherwise build a Markdown converter for every page just to convert its
    empty body (about 7 % of a build). MkDocs takes a Page subclass set on `File.page`.
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        # Anchors are unknown until on_page_content: None tells MkDocs not to check links to them.
        self.present_anchor_ids = None


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


# `mkdocs serve` shows data errors in the browser; `mkdocs build` stops on them.
_serving = False
# `--dirty`: MkDocs writes only the pages whose source changed, so the others must stay as they are.
_dirty = False


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving, _dirty
    _serving, _dirty = command == "serve", dirty
    if _serving:
        load_workbook_code()
        ask_git_once()


def on_serve(server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
    # `mkdocs serve`: a saved file is seen within 0.1 to 0.2 s in a small region (macros.site.watcher).
    paths = [config.docs_dir, config.config_file_path, *config.theme.dirs]
    watcher.quicken(server, paths, watched_later=config.watch)
    return server


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        # `mkdocs build` and `mkdocs serve` run without `make`: a date that is none stops them in one
        # line, and an empty SOURCE_DATE_EPOCH goes before MkDocs reads it (its int('') would stop it).
        date_from_environment(os.environ)
    except TodayError as error:
        raise PluginError(str(error)) from None
    list_installed_theme_once(config.theme)
    role = state.current_role()
    if role.portal_root is not None:
        portal_site.add_portal_assets(config, role.portal_root)
    config.extra[offline.PAGE_FLAG] = offline.wanted(config, serving=_serving)
    return config


def _previewing() -> bool:
    """`mkdocs serve`, or a region of the portal's `make serve`: the pages are shown first, the search after."""
    return _serving or bool(os.environ.get(offline.PREVIEW_ENV))


def _rewrites() -> bool:
    """A preview writes over its last build's files (macros.site.overwrite); a published build starts empty."""
    return _previewing() and not _dirty


def on_pre_build(*, config: MkDocsConfig) -> None:
    global _code
    _code = None  # the code may have changed since the last preview's build (MkDocs loads hooks.py again)
    background.stop_after_build()  # the last preview's search index: obsolete, and in the folder MkDocs empties
    background.cancel_all()  # what a build stopped by Ctrl+C or `Abort` left running
    _load_data(config)
    if _rewrites():  # the data is read: MkDocs empties the folder next, but for what is set aside
        overwrite.set_aside(Path(config.site_dir))


def _load_data(config: MkDocsConfig) -> None:
    # Before MkDocs cleans the site folder: data with errors must not wipe the last good site.
    root = project_root(config)
    site = read_site_config(root, Path(config.config_file_path))
    role = state.current_role()
    state.set_found([])
    try:
        if role.portal:
            # Its regions' builds, just before, kept what they read: the portal reads again only the
            # program files changed since (2.1 s for 2,000 files in a fresh process, 0.4 s with them).
            earlier = _regions_data(root)
            remember_reads(earlier)
            portal, _ = load_portal(root)  # each region's build reports its own warnings
            if earlier:
                _say_data_kept(earlier, reads_of_this_run())
            state.set_portal(portal)
            state.set_problems([])
            return
        if role.region is not None:
            slug: str | None = role.region
        else:
            slug, _ = choose_city(root, config.extra.get("city"))  # load_plan reports a wrong choice
        # The Git history is read by a process of its own while the data loads and the pages are made.
        history_reader = HistoryReader(root, slug) if slug else None
        kept_data = _data_cache(root, slug)
        earlier = data_cache.load(*kept_data) if kept_data is not None else {}
        remember_reads(earlier)
        if role.region is not None:
            # In a portal the repository's own rules (files no region reads) are checked once, not per region.
            plan, warnings = load_region(root, role.region, strays=not role.in_portal)
        else:
            plan, warnings = load_plan(root, config.extra.get("city"), configured_at=site.where("extra.city"))
        found = warnings + site_problems(root, plan, site)
        if errors_in(found):
            raise DataProblems(found)
    except DataProblems as problems:
        state.set_plan(None)
        state.set_portal(None)
        state.set_found(problems.problems)
        if _serving:
            log.error(f"{errors_heading()}:\n{problems.report()}")
            state.set_problems(problems.problems)
            return
        if role.portal or role.in_portal:  # `python -m macros build` lists every region's problems together
            raise PluginError(errors_heading()) from None
        raise PluginError(f"{errors_heading()}:\n{problems.report()}") from None
    state.set_problems([])
    for warning in found:
        log.info(str(warning))  # warnings must not fail `--strict`; `make check` shows them too
    state.set_found(found)
    assert history_reader is not None, "load_plan chose the same city"
    if history_reader.unavailable is not None:
        # Said once per build, as information: a tarball or a shallow clone is no error.
        log.info(_SAY.say("no_history", reason=history_reader.unavailable.reason))
    else:
        plan = dataclasses.replace(plan, history_source=history_reader)
    # One repository taking feedback for several regions labels it by region too.
    state.set_plan(plan, feedback_region=plan.slug if several_regions(root) else None)
    _open_data_files(config)  # the workbook's child starts now, before MkDocs reads the pages
    if kept_data is not None:  # after: the Data page waits for that child, not for this file
        now = reads_of_this_run()
        data_cache.save(*kept_data, now)
        _say_data_kept(earlier, now)


def _open_data_files(config: MkDocsConfig) -> list[DataFile]:
    """The plan's open data files (JSON, CSV, workbooks, JSON Schema), the same for the whole build.

    A region built alone leaves a core idle: the plan's workbook is made there, by a second process,
    while the pages render (macros.site.background); the Data page, which shows its size, waits for
    it. A portal's workers already use every core.
    """
    make_aside = None if state.current_role().in_portal else background.Made
    return data_files(state.current_plan(), config.site_url or "", make_aside=make_aside)


def _data_cache(root: Path, slug: str | None) -> tuple[Path, str] | None:
    """(file, fingerprint) of the program files' data kept for the region `slug` (macros.site.data_cache);
    None when the cache is off."""
    pages = cache_file(root, slug) if slug else None
    if pages is None:
        return None
    return data_cache.data_file(pages), data_cache.reader_fingerprint(_code_fingerprint())


def _say_data_kept(earlier: dict[bytes, Any], now: dict[bytes, Any]) -> None:
    """How many of the program files this build read came from a data cache."""
    log.info(_SAY.say("data_kept", kept=sum(1 for key in now if key in earlier), files=len(now)))


def _regions_data(root: Path) -> dict[bytes, Any]:
    """The program files' data the regions' data caches keep (none when the cache is off)."""
    earlier: dict[bytes, Any] = {}
    for slug in city_files(root):
        kept_data = _data_cache(root, slug)
        if kept_data is not None:
            earlier.update(data_cache.load(*kept_data))
    return earlier


def _code_fingerprint() -> str:
    """This build's digest of macros/ (`code_fingerprint`), made once for both caches."""
    global _code
    if _code is None:
        _code = code_fingerprint([_PACKAGE])
    return _code


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    global _shared_theme_files, _page_cache
    if _rewrites():  # MkDocs has emptied the folder and writes nothing before this
        overwrite.put_back(Path(config.site_dir))
    _page_cache = None
    _cancel_live_index()  # the last build's, if it stopped before its end
    _page_keys.clear()
    _search_documents.clear()
    _html_paths.clear()
    _written_late.clear()
    drop_unused_theme_files(files, config)
    if state.current_problems():
        return _problem_files(files, config)
    role = state.current_role()
    _generated.clear()
    deferred.reset()
    if role.portal:
        return portal_site.portal_files(files, config, state.current_portal(), project_root(config))
    _shared_theme_files = portal_site.share_theme_files(files, config) if role.in_portal else frozenset()
    plan = state.current_plan()
    for page in generated_pages(plan):
        file = File.generated(config, page.src_uri, content="")
        if page.data_file:
            # edit_uri points into docs/; the program's edit link opens its YAML file instead.
            file.edit_uri = f"../{page.data_file}"
        files.append(file)
        # The nav lists dimension pages under their label (see _navigation); programs are not in it.
        _DataPage(html.escape(page.title) if page.program is None else None, file, config)
        _generated[page.src_uri] = page

    if not files.get_file_from_path("robots.txt"):  # a docs/robots.txt of the city's own wins
        files.append(File.generated(config, "robots.txt", content=robots_txt(config.site_url)))
    # The manifest a portal elsewhere reads (guide/portal.md, "Portal atas situs daerah").
    files.append(File.generated(config, MANIFEST_FILE, content=manifest_json(plan)))
    for data_file in _open_data_files(config):  # from the same plan as the pages
        files.append(_OpenDataFile.of(config, data_file))
    # The Data page shows every file's size: rendered last, it waits the least for the workbook.
    data_page = files.get_file_from_path(DATA_PAGE)
    if data_page is not None:
        files.remove(data_page)
        files.append(data_page)

    # feed.xml is written after the pages (on_post_build), once the history is read.
    has_history = plan.history_source is not None
    if has_history and not config.site_url:
        log.info(_SAY.say("no_feed"))
    config.extra["feed"] = FEED_FILE if has_history and config.site_url else ""

    # Pages that have nothing to show without their data: no evaluations, no Git history.
    dropped = {"evaluasi.md": not plan.city.evaluations, "perubahan.md": not has_history}
    for name in (name for name, drop in dropped.items() if drop):
        unwanted = files.get_file_from_path(name)
        if unwanted is not None:
            files.remove(unwanted)
    config.nav = _navigation(config.nav or [], plan.dimensions, {name for name, drop in dropped.items() if drop})
    config.extra["sample_notice"] = sample_notice(plan)
    config.extra["city_name"] = plan.city.name  # the header names the city (overrides/partials/header.html)
    _page_cache = _open_page_cache(config, plan.slug, role)
    _start_live_index(config, files)
    return files


def _open_page_cache(config: MkDocsConfig, slug: str, role: state.Role) -> PageCache | None:
    """The page cache of this region's site, salted with everything its program pages share; None when off."""
    path = cache_file(project_root(config), f"{slug}-in-portal" if role.in_portal else slug)
    if path is None:
        return None
    # The theme's overrides, and the pages in docs/: a nav entry without a title takes its page's.
    folders = [Path(config.docs_dir), *([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])]
    salt = "\0".join(
        [
            _code_fingerprint(),
            code_fingerprint(folders),
            config_fingerprint(config),  # after on_files' changes to nav and extra
            plan_inputs(state.current_plan()),
            repr(role),
            state.feedback_region() or "",
            "\n".join(sorted(_shared_theme_files)),  # in a portal: theme files taken from the portal
        ]
    )
    return PageCache(path, salt)


class _OpenDataFile(File):
    """An open data file; one still being made when the files are listed holds its bytes once copied.

    MkDocs copies the static files before it renders the pages: a file made aside (the workbook,
    the plan's JSON) is written after them instead (`on_post_build`), and the Data page, rendered
    last, waits for its size only as it is written (`fill_sizes`). The children have the whole
    rendering to make them.
    """

    data_file: DataFile

    @classmethod
    def of(cls, config: MkDocsConfig, data_file: DataFile) -> _OpenDataFile:
        content = b"" if data_file.made_aside else data_file.content  # b"": a stand-in until copied
        file = cast("_OpenDataFile", cls.generated(config, data_file.path, content=content))  # made as a `cls`
        file.data_file = data_file
        return file

    def copy_file(self, dirty: bool = False) -> None:
        if self.data_file.made_aside and self not in _written_late:
            _written_late.append(self)
            return
        content = self.data_file.content
        self.content_bytes = content.encode() if isinstance(content, str) else content
        super().copy_file(dirty)


class _ProblemPage(Page):
    """The only page of the preview while the data has errors: the list of problems, escaped."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = problem_page(state.current_problems())
        self.present_anchor_ids = None


def _problem_files(files: Files, config: MkDocsConfig) -> Files:
    """The theme's assets and one page with the problems; the pages need the plan, which has errors."""
    kept = [file for file in files if not file.is_documentation_page()]
    for file in list(files):
        files.remove(file)
    for file in kept:
        files.append(file)
    page_file = File.generated(config, "index.md", content="")
    files.append(page_file)
    _ProblemPage("Data errors", page_file, config)
    config.nav = [{"Data errors": "index.md"}]
    config.extra["feed"] = ""
    config.extra["sample_notice"] = ""
    config.extra["city_name"] = ""
    return files


def _navigation(nav: list[Any], dimensions: dict[str, Any], dropped: set[str]) -> list[Any]:
    """The hand-written nav of mkdocs.yml with the city's dimensions after the home page, less `dropped` pages."""
    # Nav titles reach the theme unescaped, so labels from the data are escaped here.
    section = {"Dimensi": [{html.escape(d.label): f"{key}/index.md"} for key, d in dimensions.items()]}
    entries = [entry for entry in nav if not any(name in str(entry) for name in dropped)]
    return [*entries[:1], section, *entries[1:]]


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    # A new fragment cache for every build (mkdocs serve too): the nav may have changed.
    env.globals["fragment_cache"] = FragmentCache()
    env.globals["primary_nav_key"] = primary_nav_key
    env.globals["sibling_key"] = sibling_key
    env.globals["theme_text"] = ThemeText(env, config.theme["language"])
    global _print_footer
    # The foot of every printed sheet: the date of the data and the site's address (overrides/main.html).
    # The head gets a slot, filled when a page is written: a kept page must not hold the run's date.
    role = state.current_role()
    _print_footer = ""
    if not state.current_problems():
        today = state.current_portal().today if role.portal else state.current_plan().today
        _print_footer = print_footer_style(today, config.site_url)
    env.globals["print_footer_style"] = PRINT_FOOTER_SLOT
    env.bytecode_cache = COMPILED_TEMPLATES  # serve: compile the theme once, not on every rebuild
    # Every template the build loads stays loaded (a few dozen): Jinja's default cache keeps the last
    # 400 in an LRU list, whose every lookup moves a key along a deque, about 30 times a page.
    env.cache = {}
    env.globals["rencana_role"] = role
    if role.in_portal:
        env.globals["portal_link"] = portal_site.portal_link
        env.filters["url"] = portal_site.shared_theme_url(env.filters["url"], _shared_theme_files)
    return env


def _start_live_index(config: MkDocsConfig, files: Files) -> None:
    """Pagefind's service, started once every page is known, long before the first is written.

    Not in a preview (`_previewing`), which serves its pages first and indexes them after: there the
    service's parsing is in the way of the edit shown (side by side at 100 programs, the median saved edit
    took 0.97 s before and 1.07 s with it in one run, 1.05 s and 1.04 s without it in the next).
    """
    global _live_index
    # What the command line would find in the site: the pages, the HTML files copied as they are,
    # and the theme's templates written as pages (404.html).
    templates = [*config.theme.static_templates, *config.extra_templates]
    paths = [file.dest_uri for file in files if file.dest_uri.endswith(".html")]
    _html_paths[:] = dict.fromkeys([*paths, *(name for name in templates if name.endswith(".html"))])
    if not _previewing():
        _live_index = LiveIndex(_html_paths)


def _cancel_live_index() -> None:
    global _live_index
    if _live_index is not None:
        _live_index.cancel()
        _live_index = None


@event_priority(100)  # before mkdocs-macros, so that it sees `render_macros: false`
def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _generated.get(page.file.src_uri)
    if generated is None:
        return markdown
    # The theme prints these without escaping; the data is untrusted.
    page.meta = {
        "title": html.escape(generated.title),
        "description": html.escape(generated.description),
        "render_macros": False,  # data never goes through Jinja
        "kind": "program" if generated.program else "dimension",
    }
    # The body is HTML made by our renderers: nothing for Markdown to parse.
    return ""


def on_page_content(html_body: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if isinstance(page, _ProblemPage):
        return html_body
    generated = _generated.get(page.file.src_uri)
    if generated is None:
        try:
            return search.page_body(deferred.restore(html_body), page.meta.get("search"))
        except ValueError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None
    plan = state.current_plan()
    feedback_html = report_html = ""
    if generated.program is not None:
        repository = feedback_repository(plan.city, config.repo_url)
        address = page_address(config.site_url, page.url)
        feedback_html = program_feedback(generated.program, repository, address, state.feedback_region())
        # Reports change the data, so they go to the repository that holds it (repo_url).
        region = plan.city.name if state.feedback_region() else None
        report_html = report_link(repository_from_url(config.repo_url), generated.program, region)
    if generated.program is not None and _page_cache is not None:
        key = _page_cache.key(page.url, feedback_html, report_html, program_page_inputs(plan, generated.program))
        _page_keys[page.file.src_uri] = key
        kept = _page_cache.get(key)
        if kept is not None:
            # MkDocs takes a Template object for `template:`; it prints the page as it was kept.
            page.meta["template"] = KEPT_TEMPLATE
            page.meta["rencana_kept_page"] = kept
            return ""
    rendered = generated.render(plan, feedback_html, report_html)
    page.toc = get_toc(
        [{"level": 2, "id": anchor, "name": html.escape(title), "children": []} for anchor, title in rendered.toc]
    )
    if generated.program is not None:
        in_portal = state.current_role().in_portal
        return search.program_body(plan, generated.program, rendered.html, in_portal=in_portal)
    assert generated.dimension is not None
    return search.dimension_body(plan, generated.dimension, rendered.html)


def on_build_error(*, error: Exception) -> None:
    background.cancel_all()
    _cancel_live_index()


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    if page.meta.get("template") is not KEPT_TEMPLATE:  # a kept page was kept repaired
        output = fix_theme_markup(output)  # the slots filled below hold none of what it repairs
    key = _page_keys.get(page.file.src_uri)
    if key is not None and _page_cache is not None:
        _page_cache.keep(key, output)  # as rendered: its slots are filled below, on every build
    # MkDocs writes the pages once every page's content is made: the history has had that long.
    generated = _generated.get(page.file.src_uri)
    if generated is not None and generated.program is not None:
        output = output.replace(AS_OF_SLOT, as_of(state.current_plan().today), 1)
        if HISTORY_MARKER in output:
            has_feed = bool(config.extra.get("feed"))
            history_html = program_history(state.current_plan(), generated.program, has_feed=has_feed)
            output = output.replace(HISTORY_MARKER, history_html, 1)
    if CHANGES_MARKER in output:
        changes = recent_changes(state.current_plan(), page.url, bool(config.extra.get("feed")))
        output = output.replace(CHANGES_MARKER, changes, 1)
    if SIZE_SLOT_START in output:  # the Data page: sizes of files made aside, waited for now
        output = fill_sizes(output, data_files(state.current_plan(), config.site_url or ""))
    output = output.replace(PRINT_FOOTER_SLOT, _print_footer, 1)
    if _html_paths:  # a region's build without problems, which has a search index
        document = search_document(output)
        if _live_index is not None:
            _live_index.add(page.file.dest_uri, document)
        if _live_index is None:  # for the preview's index, made once its pages are served
            _search_documents[page.file.dest_uri] = document
    return output


def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is a theme template, not a page: it needs the same repairs.
    if not template_name.endswith(".html"):
        return output_content
    return fix_theme_markup(output_content.replace(PRINT_FOOTER_SLOT, _print_footer, 1))


@event_priority(-100)  # last: Pagefind reads every page other post-build steps may still write
def on_post_build(*, config: MkDocsConfig) -> None:
    global _live_index
    live_index, _live_index = _live_index, None
    if live_index is not None:  # every HTML file is written: Pagefind builds the index during the steps below
        live_index.seal(Path(config.site_dir))
    if _rewrites():  # what follows writes its files again (the index, the files made aside, feed.xml)
        overwrite.remove_stale(Path(config.site_dir))
    if state.current_problems():
        # Every address of the preview shows the problems: the server answers unknown ones with
        # 404.html, at any depth, so its relative links resolve from the site's root (<base>).
        site = Path(config.site_dir)
        root = urlsplit(config.site_url or "/").path or "/"
        page = (site / "index.html").read_text(encoding="utf-8")
        (site / "404.html").write_text(page.replace("<head>", f'<head><base href="{html.escape(root)}">', 1), "utf-8")
        return
    if _page_cache is not None:
        _page_cache.save()
        log.info(_SAY.say("pages_kept", kept=_page_cache.reused, pages=len(_page_keys)))
    for late in _written_late:
        late.copy_file()
    if state.current_role().portal:
        if not config.extra[offline.PAGE_FLAG]:
            offline.finish_site(Path(config.site_dir), enabled=False)
        return  # the portal's index covers every region: it is made once they are all built (macros.site.portal_build)
    # feed.xml now, once the history is read (it is no page: Pagefind skips it).
    if config.extra.get("feed"):
        feed = atom_feed(state.current_plan(), config.site_url)
        assert feed is not None, "a feed is announced only with a history and a site_url"
        (Path(config.site_dir) / FEED_FILE).write_text(feed, encoding="utf-8", newline="\n")
        for path, xml in follow_feeds(state.current_plan(), config.site_url).items():
            target = Path(config.site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(xml, encoding="utf-8", newline="\n")
    # `mkdocs serve` builds into a temporary folder: config.site_dir is that folder then.
    site, worker = Path(config.site_dir), config.extra[offline.PAGE_FLAG]
    if _serving:
        # The preview serves the rebuilt pages at once; its search follows (guide/performance.md).
        paths, documents = list(_html_paths), dict(_search_documents)
        background.after_build(lambda stop: _finish_preview(site, paths, documents, worker, stop))
        return
    if live_index is None:  # a region of the portal's preview: the preview indexes it once it shows its pages
        search_index.keep_documents(site, _search_documents)
        offline.finish_site(site, enabled=False)
        return
    try:
        _finish_site(site, live_index, worker)
    except search_index.SearchIndexError as error:
        raise PluginError(_SAY.say("search_failed", error=error)) from None


def _finish_site(site: Path, live_index: LiveIndex, worker: bool) -> None:
    """The search index, then the offline worker: its list of files and the build's id cover the index too."""
    # The rest of the site is final: the offline step reads it while Pagefind builds the index.
    surveyed = offline.survey_site(site, enabled=worker)
    report = live_index.finish(site, site / search_index.BUNDLE_DIR)
    log.info(_SAY.say("search_indexed", pages=report.pages, seconds=f"{report.seconds:.1f}"))
    offline.finish_site(site, enabled=worker, surveyed=surveyed)


def _finish_preview(site: Path, paths: list[str], documents: dict[str, str], worker: bool, stop: Stop) -> None:
    """A preview's search and offline files, after its pages are served; the next save stops them."""
    live_index = LiveIndex(paths)
    with stop.halted_by(live_index.cancel):  # Pagefind's service killed: its index would be obsolete
        for path, document in documents.items():
            live_index.add(path, document)
        try:
            _finish_site(site, live_index, worker)
        except search_index.SearchIndexError as error:
            if not stop.asked:
                log.error(_SAY.say("search_failed", error=error))


def on_shutdown() -> None:
    background.stop_after_build()  # before MkDocs removes the preview's folder
