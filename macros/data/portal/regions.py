"""Several regions in one repository: which regions a portal shows, their rules, and its figures.

Every `data/cities/<slug>.yml` is a region (a kota or a kabupaten). With two or more,
`make site` publishes a portal at the root and each region's site at `/<slug>/`; the
portal's hand-written pages live in `portal/`. The figures here are sums of the
regions' plans, so that the portal can never say something its regions do not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from macros.data.language.catalog import Catalog
from macros.data.plan.assemble import Plan, check_data, reference_date
from macros.data.plan.load import SITE_FOLDERS, city_files, shown_path, stray_files
from macros.data.plan.problems import DataProblems, Problem, errors_in
from macros.data.portal.remote import RemoteRegion, RemoteSource, read_sources, remote_plans

# The portal's own pages, written by hand like a region's `docs/`.
PORTAL_FOLDER = "portal"

# A region's site is at /<slug>/ of the portal, and its labels are `daerah:<slug>` and
# `program:<slug>/<ID>`: GitHub takes labels of at most 50 characters.
REGION_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REGION_SLUG_MAX = 30

# Words a region's name starts with that say what it is, not which one it is: sorting skips them.
_TYPE_WORDS = re.compile(r"^(kota|kabupaten|kab\.?)\s+", re.IGNORECASE)


_SAY = Catalog(
    "portal.regions",
    {
        "bad_name": (
            "`{file}`: dengan beberapa daerah, situs tiap daerah berada di /<nama berkas>/; beri nama berkas dengan "
            "huruf kecil, angka, dan `-` tunggal saja, mis. kota-mojokerto.yml",
            "`{file}`: with several regions each one's site is at /<file name>/; name the file with "
            "lower-case letters, digits and single `-` only, e.g. kota-mojokerto.yml",
        ),
        "too_long": (
            "`{file}`: nama ini menjadi bagian label GitHub (program:<nama>/<ID>); "
            "persingkat menjadi paling banyak {limit} karakter, mis. {shorter}.yml",
            "`{file}`: the name becomes part of GitHub labels (program:<name>/<ID>); "
            "shorten it to at most {limit} characters, e.g. {shorter}.yml",
        ),
        "taken": (
            "/{slug}/ sudah menjadi halaman portal (bukan salah satu dari: {taken}); "
            "ganti nama berkas dan folder programnya, mis. menjadi kota-{slug}",
            "/{slug}/ is already a page of the portal (not one of: {taken}); "
            "rename the file and its program folder, e.g. to kota-{slug}",
        ),
    },
)


def several_regions(root: Path) -> bool:
    """Whether the repository holds more than one region, or lists remote ones (and so publishes a portal)."""
    return len(city_files(root)) > 1 or bool(read_sources(root)[0])


def portal_page_names(root: Path) -> frozenset[str]:
    """Top-level addresses of the portal, which no region's /<slug>/ may take."""
    folder = root / PORTAL_FOLDER
    names = {
        entry.stem if entry.suffix == ".md" else entry.name
        for entry in (folder.iterdir() if folder.is_dir() else ())
        if entry.suffix == ".md" or entry.is_dir()
    }
    return frozenset(names - {"index"}) | SITE_FOLDERS


def region_rules(root: Path) -> list[Problem]:
    """With several regions, each file name becomes an address and a label: it must be fit for both."""
    cities = city_files(root)
    if len(cities) < 2:
        return []
    taken = portal_page_names(root)
    problems = []
    for slug, file in cities.items():
        if not REGION_SLUG.match(slug):
            message = _SAY.say("bad_name", file=file.name)
        elif len(slug) > REGION_SLUG_MAX:
            shorter = slug[:REGION_SLUG_MAX].rstrip("-")
            message = _SAY.say("too_long", file=file.name, limit=REGION_SLUG_MAX, shorter=shorter)
        elif slug in taken:
            message = _SAY.say("taken", slug=slug, taken=", ".join(sorted(taken)))
        else:
            continue
        problems.append(Problem(shown_path(file, root), 1, 1, "(file)", message))
    return problems


def sort_name(name: str) -> str:
    """The name that tells a region apart, for sorting: «Kabupaten Kendal» → «kendal»."""
    return _TYPE_WORDS.sub("", name).casefold()


@dataclass(frozen=True)
class DimensionFigures:
    """One region's figures in one dimension."""

    programs: int
    budget: int  # the sum of what is recorded
    budgeted: int  # how many of the programs have a budget recorded
    completed: int
    score: float | None  # the latest national evaluation's score, when there is one

    @property
    def share_completed(self) -> float | None:
        return self.completed / self.programs if self.programs else None


@dataclass(frozen=True)
class Portal:
    """Every region's plan, in the order the portal lists them."""

    plans: tuple[Plan, ...]
    # Regions that publish their own sites (data/regions.yml), by slug: where they are, how fresh.
    remote: Mapping[str, RemoteRegion] = field(default_factory=dict, compare=False)
    # Regions of data/regions.yml never fetched yet: named on the portal, without figures.
    missing: tuple[RemoteSource, ...] = ()

    @cached_property
    def today(self) -> date:
        """The date the figures are as of (every region's plan is read on the same day)."""
        return max((plan.today for plan in self.plans), default=reference_date())

    @cached_property
    def programs(self) -> int:
        return sum(len(plan.programs) for plan in self.plans)

    @cached_property
    def total_budget(self) -> int:
        return sum(plan.total_budget for plan in self.plans)

    @cached_property
    def budgeted(self) -> int:
        """How many programs of every region have a budget recorded."""
        return sum(plan.budgeted for plan in self.plans)

    @cached_property
    def completed(self) -> int:
        return sum(plan.status_counts["completed"] for plan in self.plans)

    @cached_property
    def provinces(self) -> list[str]:
        return sorted({plan.city.province for plan in self.plans if plan.city.province}, key=str.casefold)

    @cached_property
    def dimensions(self) -> dict[str, str]:
        """Dimension key → label, across regions: the national six first (in their order), then others."""
        found: dict[str, str] = {}
        for plan in self.plans:
            for key, dimension in plan.dimensions.items():
                found.setdefault(key, dimension.label)
        return found

    def dimension_figures(self, plan: Plan, key: str) -> DimensionFigures | None:
        """A region's figures in a dimension; None when the region does not have that dimension."""
        if key not in plan.dimensions:
            return None
        programs = plan.programs_in(key)
        latest = plan.evaluations[-1] if plan.evaluations else None
        score = latest.dimensions.get(key) if latest else None
        return DimensionFigures(
            programs=len(programs),
            budget=sum(program.total_budget or 0 for program in programs),
            budgeted=sum(1 for program in programs if program.budget),
            completed=sum(1 for program in programs if program.status == "completed"),
            score=float(score) if score is not None else None,
        )


def latest_index(plan: Plan) -> tuple[int, float] | None:
    """(year, index) of the region's latest national evaluation, if any."""
    if not plan.evaluations:
        return None
    latest = plan.evaluations[-1]
    return latest.year, float(latest.index)


def repository_rules(root: Path) -> list[Problem]:
    """What is wrong with the repository as a whole: region file names, data files no region reads,
    and data/regions.yml."""
    return region_rules(root) + stray_files(root) + read_sources(root)[1]


def check_regions(root: Path, today: date) -> tuple[list[Plan], list[Problem]]:
    """Every region's plan (those without errors) and every problem of every region, each found once."""
    plans, problems = [], repository_rules(root)
    for slug in city_files(root):
        plan, found = check_data(root, slug, today, strays=False)
        problems += found
        if plan is not None:
            plans.append(plan)
    return plans, sorted(problems)


def assemble_portal(
    plans: list[Plan], remote: Mapping[str, RemoteRegion] | None = None, missing: list[RemoteSource] | None = None
) -> Portal:
    ordered = tuple(sorted(plans, key=lambda plan: (sort_name(plan.city.name), plan.slug)))
    return Portal(ordered, remote or {}, tuple(missing or ()))


def load_portal(root: Path, today: date | None = None) -> tuple[Portal, list[Problem]]:
    """The portal over every region and its warnings; raises DataProblems listing every error of every region.

    Remote regions come from the cache that `macros.data.portal.fetch` filled; their problems were
    warned about when they were fetched.
    """
    today = today or reference_date(root)
    plans, problems = check_regions(root, today)
    if errors_in(problems):
        raise DataProblems(problems)
    others, remote, missing = remote_plans(root, today)
    return assemble_portal(plans + others, remote, missing), problems
