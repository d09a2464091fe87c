"""Rencana: a city's smart city master plan as a website.

mkdocs-macros loads this package (`modules: [macros]`) and calls `define_env`;
the macros give the hand-written pages in `docs/` their content.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from macros import feedback, overview, search, state
from macros.html import esc, markdown_inert


def _page_url(env: Any) -> str:
    return env.page.url if getattr(env, "page", None) is not None else ""


def _inert(function: Callable[..., str]) -> Callable[..., str]:
    """The macro's HTML, safe from the Markdown around it (data may contain `[x](…)`, `{: … }`)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> str:
        return markdown_inert(function(*args, **kwargs))

    return wrapper


def define_env(env: Any) -> None:
    """Register the macros (data is read by the hooks, on every build, not here)."""

    def macro(function: Callable[..., str]) -> Callable[..., str]:
        return env.macro(_inert(function))  # type: ignore[no-any-return]

    @macro
    def plan_intro() -> str:
        """Plan title, legal basis, vision and missions."""
        return overview.plan_intro(state.current_plan())

    @macro
    def key_figures() -> str:
        """Programs in all, quick wins, total budget, share completed, programs per status."""
        return overview.key_figures(state.current_plan())

    @macro
    def dimension_cards() -> str:
        """A card per dimension with its description and number of programs."""
        return overview.dimension_cards(state.current_plan(), _page_url(env))

    @macro
    def quick_wins() -> str:
        """The quick-win programs as cards."""
        return overview.quick_wins(state.current_plan(), _page_url(env))

    @macro
    def latest_updates(count: int = 5) -> str:
        """The most recent updates across programs."""
        return overview.latest_updates(state.current_plan(), _page_url(env), count)

    @macro
    def program_table(dimension: str) -> str:
        """Every program of one dimension as cards."""
        return overview.program_table(state.current_plan(), _page_url(env), dimension)

    @macro
    def about_plan() -> str:
        """The plan's facts: city, document, years, legal basis."""
        return overview.about_plan(state.current_plan())

    @macro
    def feedback_links() -> str:
        """Buttons to give feedback on the plan as a whole and to see every feedback so far."""
        plan = state.current_plan()
        repository = feedback.feedback_repository(plan.city, env.conf.get("repo_url"))
        return feedback.general_feedback(repository, feedback.page_address(env.conf.get("site_url"), _page_url(env)))

    @macro
    def feedback_channels() -> str:
        """The city's other feedback channels (SP4N-LAPOR!, email, WhatsApp…), for people without GitHub."""
        return feedback.channel_list(state.current_plan().city)

    @macro
    def search_page() -> str:
        """The full search interface with its filters (the Cari page)."""
        return search.search_page()

    @macro
    def city_name() -> str:
        """Name of the city, escaped."""
        return esc(state.current_plan().city.name)
