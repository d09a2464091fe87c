"""Rencana: a city's smart city master plan as a website.

mkdocs-macros loads this package (`modules: [macros]`) and calls `define_env`;
the macros give the hand-written pages in `docs/` their content.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from macros.data.settings import rules as site_rules
from macros.publish import opendata, portal_data
from macros.render import agencies, evaluation, feedback, monitoring, offline, overview, portal, printable, search
from macros.render import history as history_module
from macros.render import roadmap as roadmap_module
from macros.render.html import esc, markdown_inert, portal_relative
from macros.site import deferred, state


def _page_url(env: Any) -> str:
    return env.page.url if getattr(env, "page", None) is not None else ""


def _site_url(env: Any) -> str:
    return str(env.conf.get("site_url") or "")


def _inert(function: Callable[..., str]) -> Callable[..., str]:
    """The macro's HTML, safe from the Markdown around it (data may contain `[x](…)`, `{: … }`)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> str:
        return markdown_inert(function(*args, **kwargs))

    return wrapper


def define_env(env: Any) -> None:
    """Register the macros (data is read by the hooks, on every build, not here)."""

    # mkdocs-macros is untyped: its decorator, typed here, keeps the macros' own signatures.
    register: Callable[[Callable[..., str]], Callable[..., str]] = env.macro

    def macro(function: Callable[..., str]) -> Callable[..., str]:
        return register(_inert(function))

    def block(function: Callable[..., str]) -> Callable[..., str]:
        """A macro of block HTML (a section, a table, cards): set aside from Markdown (macros.site.deferred)."""
        inert = _inert(function)

        @functools.wraps(function)
        def set_aside(*args: Any, **kwargs: Any) -> str:
            return deferred.defer(inert(*args, **kwargs))

        return register(set_aside)

    @block
    def offline_save() -> str:
        """The "Simpan untuk dibaca luring" section: the whole plan saved on the device (guide/offline.md)."""
        return offline.offline_save(_page_url(env))

    @block
    def plan_intro() -> str:
        """Plan title, legal basis, vision and missions."""
        return overview.plan_intro(state.current_plan())

    @block
    def key_figures() -> str:
        """Programs in all, quick wins, total budget, share completed, programs per status."""
        return overview.key_figures(state.current_plan(), _page_url(env))

    @block
    def programs_by_dimension() -> str:
        """Bars: the number of programs in each dimension."""
        return overview.programs_by_dimension(state.current_plan(), _page_url(env))

    @block
    def budget_by_source() -> str:
        """Bars: the total budget of each source of funds."""
        return overview.budget_by_source(state.current_plan())

    @block
    def budget_by_year() -> str:
        """Bars: the total budget of each year."""
        return overview.budget_by_year(state.current_plan())

    @register  # deferred: its HTML never passes through Markdown
    def roadmap() -> str:
        """Peta Jalan: every program on the year axis, a chart and a table per dimension."""
        return deferred.defer(roadmap_module.roadmap(state.current_plan(), _page_url(env)))

    @register  # deferred: its HTML never passes through Markdown
    def agencies_overview() -> str:
        """OPD: programs grouped by lead agency, with counts and budgets."""
        has_feed = bool(env.conf["extra"].get("feed"))
        return deferred.defer(agencies.agencies_page(state.current_plan(), _page_url(env), has_feed=has_feed))

    @register  # deferred: its HTML never passes through Markdown
    def monitoring_overview() -> str:
        """Pemantauan: programs on schedule, late, done, stopped, silent or unknown, each count linked to its list."""
        return deferred.defer(monitoring.monitoring_page(state.current_plan(), _page_url(env)))

    @block
    def evaluation_overview() -> str:
        """Evaluasi: the yearly index, overall and per dimension, as charts and a table."""
        return evaluation.evaluation_page(state.current_plan())

    @block
    def data_downloads() -> str:
        """The open data files (JSON, CSV, Excel workbooks, JSON Schema) as download links with their sizes."""
        return opendata.downloads(state.current_plan(), _site_url(env), _page_url(env))

    @block
    def data_columns(kind: str) -> str:
        """The columns of a CSV file: `program` or `anggaran`."""
        return opendata.columns_table(kind)

    @register  # deferred: its HTML never passes through Markdown
    def printable_plan() -> str:
        """Cetak: the whole plan on one page, for print and PDF."""
        return deferred.defer(printable.printable_plan(state.current_plan(), _page_url(env)))

    @block
    def dimension_cards() -> str:
        """A card per dimension with its description and number of programs."""
        return overview.dimension_cards(state.current_plan(), _page_url(env))

    @block
    def quick_wins() -> str:
        """The quick-win programs as cards."""
        return overview.quick_wins(state.current_plan(), _page_url(env))

    @block
    def latest_updates(count: int = 5) -> str:
        """The most recent updates across programs."""
        return overview.latest_updates(state.current_plan(), _page_url(env), count)

    @register  # a marker: the site's hooks put the list in once the history is read
    def recent_changes() -> str:
        """Perubahan: the latest changes across the plan from the Git history, newest first, by day."""
        return f"\n\n{history_module.CHANGES_MARKER}\n\n"

    @block
    def follow_changes() -> str:
        """A line pointing to the Perubahan page and the Atom feed (nothing without a Git history)."""
        has_feed = bool(env.conf["extra"].get("feed"))
        return history_module.follow_changes(state.current_plan(), _page_url(env), has_feed)

    @block
    def program_table(dimension: str) -> str:
        """Every program of one dimension as cards."""
        return overview.program_table(state.current_plan(), _page_url(env), dimension)

    @block
    def about_plan() -> str:
        """The plan's facts: city, document, years, legal basis."""
        return overview.about_plan(state.current_plan())

    @block
    def feedback_links() -> str:
        """Buttons to give feedback on the plan as a whole and to see every feedback so far."""
        plan = state.current_plan()
        repository = site_rules.feedback_repository(plan.city, env.conf.get("repo_url"))
        address = feedback.page_address(env.conf.get("site_url"), _page_url(env))
        return feedback.general_feedback(repository, address, state.feedback_region())

    @block
    def feedback_channels() -> str:
        """The city's other feedback channels (SP4N-LAPOR!, email, WhatsApp…), for people without GitHub."""
        return feedback.channel_list(state.current_plan().city)

    @block
    def search_page() -> str:
        """The full search interface with its filters (the Cari page); in a portal, a link to search every region."""
        in_portal = state.current_role().in_portal
        portal_search = portal_relative(_page_url(env), "cari/") if in_portal else None
        return search.search_page(state.current_plan(), _page_url(env), portal_search)

    @macro
    def city_name() -> str:
        """Name of the city, escaped."""
        return esc(state.current_plan().city.name)

    # ------------------------------------------------------------ the portal's pages (portal/*.md)

    @block
    def national_figures() -> str:
        """Portal: regions, programs, total budget and share completed, over every region."""
        return portal.national_figures(state.current_portal())

    @block
    def region_cards() -> str:
        """Portal: a card per region, filterable by province and type."""
        return portal.region_cards(state.current_portal(), _page_url(env))

    @block
    def comparison_tables() -> str:
        """Portal (Bandingkan): the regions side by side, overall and per dimension, in sortable tables."""
        return portal.comparison_tables(state.current_portal(), _page_url(env))

    @block
    def portal_search_page() -> str:
        """Portal (Cari): one search over every region's programs, with Daerah and Provinsi filters."""
        base, regions = _page_url(env), state.current_portal()
        return search.portal_search_page(
            [(plan.city.name, portal.region_href(regions, plan, base)) for plan in regions.plans]
        )

    @block
    def portal_downloads() -> str:
        """Portal (Data): every region's plan in one JSON and two CSV files, as download links."""
        files = portal_data.portal_data_files(state.current_portal(), _site_url(env))
        return opendata.download_list(files, _page_url(env))

    @block
    def region_data_links() -> str:
        """Portal (Data): a row per region with links to its own JSON, CSV and Excel files."""
        labels = ("JSON", "CSV program", "CSV anggaran", "Excel")
        return portal.region_data_links(
            state.current_portal(),
            _page_url(env),
            labels,
            lambda slug: (*opendata.file_paths(slug), opendata.workbook_path(slug)),
        )

    @block
    def portal_about() -> str:
        """Portal (Tentang): each region's plan, its years and legal basis."""
        return portal.portal_about(state.current_portal(), _page_url(env))
