"""A city's plan assembled from its validated data: ordering, lookups and totals."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from macros.data.history.log import History, HistoryReader
from macros.data.plan.agencies import agency_names
from macros.data.plan.dimensions import DEFAULT_DIMENSIONS
from macros.data.plan.load import CityData, choose_city, load_city, stray_files, taken_page_names
from macros.data.plan.model import STATUSES, City, Dimension, Evaluation, Program, Update
from macros.data.plan.problems import DataProblems, Problem, errors_in
from macros.data.plan.rules import check_city
from macros.data.plan.schema import SCHEMA_FOLDER
from macros.data.plan.schema_line import schema_line_warnings
from macros.data.plan.standing import Standing, standing
from macros.data.plan.today import run_date


@dataclass(frozen=True)
class ElementGroup:
    key: str | None
    label: str
    programs: tuple[Program, ...]


@dataclass(frozen=True)
class DatedUpdate:
    program: Program
    update: Update


@dataclass(frozen=True)
class Plan:
    slug: str
    city: City
    dimensions: dict[str, Dimension]
    programs: tuple[Program, ...]
    source_paths: dict[str, str] = field(repr=False)
    today: date
    # The Git history, read while the build runs (macros.data.history.log); None without one.
    history_source: HistoryReader | None = field(default=None, repr=False)

    # ------------------------------------------------------------ lookups

    @cached_property
    def history(self) -> History | None:
        """Each program's changes from Git; the first use waits for the reading to end."""
        if self.history_source is None:
            return None
        return self.history_source.history(self.source_paths)

    @cached_property
    def _by_id(self) -> dict[str, Program]:
        return {program.id.lower(): program for program in self.programs}

    @cached_property
    def _position(self) -> dict[str, int]:
        return {program.id: index for index, program in enumerate(self.programs)}

    def program(self, program_id: str) -> Program:
        return self._by_id[program_id.lower()]

    def source_path(self, program: Program) -> str:
        return self.source_paths[program.id]

    def neighbours(self, program: Program) -> tuple[Program | None, Program | None]:
        index = self._position[program.id]
        previous = self.programs[index - 1] if index > 0 else None
        following = self.programs[index + 1] if index + 1 < len(self.programs) else None
        return previous, following

    @cached_property
    def _by_dimension(self) -> dict[str, tuple[Program, ...]]:
        grouped: dict[str, list[Program]] = {key: [] for key in self.dimensions}
        for program in self.programs:
            grouped[program.dimension].append(program)
        return {key: tuple(programs) for key, programs in grouped.items()}

    def programs_in(self, dimension: str) -> tuple[Program, ...]:
        return self._by_dimension[dimension]

    def element_groups(self, dimension: str) -> list[ElementGroup]:
        """Programs of a dimension by element, in the dimension's element order; unplaced last."""
        elements = self.dimensions[dimension].elements
        groups = [
            ElementGroup(key, label, tuple(p for p in self.programs_in(dimension) if p.element == key))
            for key, label in elements.items()
        ]
        unplaced = tuple(p for p in self.programs_in(dimension) if p.element is None)
        if unplaced:
            groups.append(ElementGroup(None, "Lainnya", unplaced))
        return groups

    def element_label(self, program: Program) -> str | None:
        return self.dimensions[program.dimension].elements.get(program.element) if program.element else None

    # ------------------------------------------------------------ figures

    @cached_property
    def status_counts(self) -> dict[str, int]:
        counts: Counter[str] = Counter(program.status for program in self.programs)
        return {status: counts[status] for status in STATUSES}

    @cached_property
    def dimension_counts(self) -> dict[str, int]:
        """Dimension key → its number of programs, in the city's dimension order."""
        return {key: len(programs) for key, programs in self._by_dimension.items()}

    @cached_property
    def quick_wins(self) -> tuple[Program, ...]:
        return tuple(program for program in self.programs if program.horizon == "quick-win")

    @cached_property
    def total_budget(self) -> int:
        """The sum of every budget recorded; `budgeted` says for how many programs."""
        return sum(program.total_budget or 0 for program in self.programs)

    @cached_property
    def budgeted(self) -> int:
        """How many programs have a budget recorded (a line of Rp 0 counts: it is a recorded zero)."""
        return sum(1 for program in self.programs if program.budget)

    @cached_property
    def _standings(self) -> dict[str, Standing]:
        months = self.city.report_months
        return {program.id: standing(program, self.today, months) for program in self.programs}

    def standing(self, program: Program) -> Standing:
        """Where `program` stands on the run's date: late, overdue, silent (macros.data.plan.standing)."""
        return self._standings[program.id]

    @cached_property
    def budget_by_source(self) -> dict[str, int]:
        totals: dict[str, int] = defaultdict(int)
        for program in self.programs:
            for line in program.budget:
                totals[line.source] += line.amount
        return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0])))

    @cached_property
    def budget_by_year(self) -> dict[int, int]:
        totals: dict[int, int] = defaultdict(int)
        for program in self.programs:
            for line in program.budget:
                totals[line.year] += line.amount
        return dict(sorted(totals.items()))

    @cached_property
    def agencies(self) -> dict[str, tuple[Program, ...]]:
        """Lead agency → its programs, agencies by name."""
        grouped: dict[str, list[Program]] = defaultdict(list)
        for program in self.programs:
            grouped[program.lead].append(program)
        return {lead: tuple(grouped[lead]) for lead in sorted(grouped, key=str.casefold)}

    @cached_property
    def agency_names(self) -> dict[str, tuple[str, ...]]:
        """Lead agency → the other names citizens know it by (the city's `agencies:`, then common ones)."""
        return agency_names(self.agencies, self.city.agencies)

    def other_names(self, agency: str) -> tuple[str, ...]:
        return self.agency_names.get(agency, ())

    @cached_property
    def evaluations(self) -> tuple[Evaluation, ...]:
        """The national evaluations, oldest first."""
        return tuple(sorted(self.city.evaluations, key=lambda evaluation: evaluation.year))

    @property
    def axis_years(self) -> range:
        """The plan's years, widened to any program that runs outside them (a warning, not an error)."""
        starts = [program.period.start for program in self.programs]
        ends = [program.period.end for program in self.programs]
        return range(min([self.city.plan.start, *starts]), max([self.city.plan.end, *ends]) + 1)

    def latest_updates(self, count: int) -> list[DatedUpdate]:
        updates = [DatedUpdate(program, update) for program in self.programs for update in program.updates]
        updates.sort(key=lambda item: (item.update.date, item.program.id), reverse=True)
        return updates[:count]

    @property
    def years(self) -> range:
        return range(self.city.plan.start, self.city.plan.end + 1)


def natural_key(text: str) -> tuple[object, ...]:
    """GOV-2 before GOV-10."""
    return tuple(int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", text))


def reference_date(root: Path | None = None) -> date:
    """Today for this run, the same for every command (`macros.data.plan.today`)."""
    return run_date(root).day


def assemble(data: CityData, dimensions: dict[str, Dimension], today: date) -> Plan:
    order = {key: index for index, key in enumerate(dimensions)}

    def sort_key(program: Program) -> tuple[object, ...]:
        elements = list(dimensions[program.dimension].elements)
        element_index = elements.index(program.element) if program.element in elements else len(elements)
        return (order[program.dimension], element_index, natural_key(program.id))

    programs = tuple(sorted((entry.program for entry in data.programs), key=sort_key))
    paths = {entry.program.id: entry.document.path for entry in data.programs}
    return Plan(data.slug, data.city, dimensions, programs, paths, today)


def city_dimensions(city: City) -> dict[str, Dimension]:
    if city.dimensions is not None:
        return dict(city.dimensions)
    return national_dimensions()


def national_dimensions() -> dict[str, Dimension]:
    """The six dimensions of the national program, for a city without its own."""
    return {key: Dimension.model_validate(value) for key, value in DEFAULT_DIMENSIONS.items()}


def check_data(root: Path, slug: str, today: date, *, strays: bool = True) -> tuple[Plan | None, list[Problem]]:
    """Every problem of one city's data (errors and warnings), and its plan when there are no errors.

    `strays`: also the data files that no city reads (files of the repository, not of the city:
    a portal's build looks for them once, not once per region).
    """
    _, plan, problems = check_region(root, slug, today, strays=strays)
    return plan, problems


def check_region(
    root: Path, slug: str, today: date, *, strays: bool = True
) -> tuple[CityData | None, Plan | None, list[Problem]]:
    """`check_data`, and the city's data even when some file has errors: the checks that need only
    the city (its settings) still run then, so that an error never hides a warning."""
    data, problems = load_city(root, slug)
    if strays:
        problems += stray_files(root)
    if data is None:
        return None, None, problems
    dimensions = city_dimensions(data.city)
    problems += check_city(data, dimensions, today, taken_page_names(root))
    if (root / SCHEMA_FOLDER).is_dir():  # a project without it has opted out of editor support
        problems += schema_line_warnings(data)
    if errors_in(problems):
        return data, None, problems
    return data, assemble(data, dimensions, today), problems


def load_plan(
    root: Path,
    configured_city: str | None,
    today: date | None = None,
    configured_at: tuple[str, int, int] = ("mkdocs.yml", 1, 1),
) -> tuple[Plan, list[Problem]]:
    """The plan to publish and its warnings; raises DataProblems listing every error."""
    slug, problems = choose_city(root, configured_city, configured_at)
    if slug is None:
        raise DataProblems(problems)
    plan, problems = check_data(root, slug, today or reference_date(root))
    if plan is None:
        raise DataProblems(problems)
    return plan, problems


def load_region(root: Path, slug: str, today: date | None = None, *, strays: bool = True) -> tuple[Plan, list[Problem]]:
    """One named region's plan and its warnings (a build that chose the region itself); raises DataProblems."""
    plan, problems = check_data(root, slug, today or reference_date(root), strays=strays)
    if plan is None:
        raise DataProblems(problems)
    return plan, problems
