"""Rules that need the city or more than one file; each problem points at its line."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from macros.data.language.catalog import Catalog
from macros.data.plan.characters import quoted
from macros.data.plan.icons import icon_exists
from macros.data.plan.labels import label_hint
from macros.data.plan.load import CityData, ProgramFile
from macros.data.plan.model import Dimension
from macros.data.plan.problems import Problem, Severity
from macros.data.plan.read import Document, Location
from macros.data.plan.standing import RUNNING, is_late, milestone_overdue

REVIEW_MAX_AGE_DAYS = 365

SCHEDULE_MESSAGES = Catalog(
    "schedule",
    {
        "period_passed": (
            "{end} sudah lewat dan statusnya masih {status}; tulis statusnya sekarang atau tahun selesai yang baru",
            "{end} has passed and the status is still {status}; write the status or the new end year",
        ),
        "milestone_passed": (
            "{planned} sudah lewat dan tahapan ini belum punya tanggal `done`; "
            "tulis kapan tercapai, atau bulan rencana yang baru",
            "{planned} has passed and this milestone has no `done` date; "
            "write when it was reached, or the new planned month",
        ),
    },
)


def check_city(
    data: CityData, dimensions: Mapping[str, Dimension], today: date, taken_names: frozenset[str] = frozenset()
) -> list[Problem]:
    """Every cross-file problem of a city; `taken_names` are page folders a dimension key must not reuse."""
    problems: list[Problem] = []
    problems += _unique_ids(data.programs)
    known_ids = {entry.program.id.lower() for entry in data.programs}
    for entry in data.programs:
        problems += _program_rules(entry, data, dimensions, known_ids, today)
    problems += _dimension_rules(data, taken_names)
    problems += _evaluation_rules(data, dimensions)
    problems += _agency_rules(data)
    return problems


def _warning(document: Document, location: Location, message: str) -> Problem:
    return replace(document.problem(location, message), severity=Severity.WARNING)


def _unique_ids(programs: tuple[ProgramFile, ...]) -> list[Problem]:
    by_id: dict[str, list[ProgramFile]] = {}
    for entry in programs:
        by_id.setdefault(entry.program.id.lower(), []).append(entry)
    problems = []
    for entries in by_id.values():
        for entry in entries if len(entries) > 1 else ():
            others = ", ".join(other.document.place(("id",)) for other in entries if other is not entry)
            problems.append(
                entry.document.problem(
                    ("id",), f"`{entry.program.id}` is also the id in {others}; each program needs its own id"
                )
            )
    return problems


def _program_rules(
    entry: ProgramFile, data: CityData, dimensions: Mapping[str, Dimension], known_ids: set[str], today: date
) -> list[Problem]:
    program, document = entry.program, entry.document
    problems: list[Problem] = []
    dimension = dimensions.get(program.dimension)
    if dimension is None:
        problems.append(
            document.problem(
                ("dimension",),
                label_hint(program.dimension, {key: d.label for key, d in dimensions.items()})
                or f"`{program.dimension}` is not a dimension of this city; use one of: {', '.join(dimensions)}",
            )
        )
    elif program.element is not None and program.element not in dimension.elements:
        problems.append(
            document.problem(
                ("element",),
                label_hint(program.element, dimension.elements)
                or f"`{program.element}` is not an element of {program.dimension}; "
                f"use one of: {', '.join(dimension.elements)}",
            )
        )

    seen_related: set[str] = set()
    for index, related in enumerate(program.related):
        if related.lower() == program.id.lower():
            problems.append(document.problem(("related", index), "a program cannot be related to itself; remove it"))
        elif related.lower() in data.ids_in_files_with_errors:
            where = data.ids_in_files_with_errors[related.lower()]
            message = f"`{related}` is defined in {where}, which has errors of its own; fix that file first"
            problems.append(_warning(document, ("related", index), message))
        elif related.lower() not in known_ids:
            problems.append(
                document.problem(
                    ("related", index), f"no program with id `{quoted(related)}` in this city; check the id"
                )
            )
        elif related.lower() in seen_related:
            problems.append(_warning(document, ("related", index), f"`{quoted(related)}` is listed twice; remove one"))
        seen_related.add(related.lower())

    problems += _progress_rules(entry)
    problems += _date_rules(entry, today)
    problems += _schedule_rules(entry, today)

    plan = data.city.plan
    if program.period.start < plan.start or program.period.end > plan.end:
        problems.append(
            _warning(
                document,
                ("period",),
                f"{program.period.start}–{program.period.end} reaches outside the plan's years "
                f"{plan.start}–{plan.end}; check the years",
            )
        )
    for index, line in enumerate(program.budget):
        if line.year not in program.period.years:
            problems.append(
                _warning(
                    document,
                    ("budget", index, "year"),
                    f"{line.year} is outside the program's years "
                    f"{program.period.start}–{program.period.end}; check the year or the period",
                )
            )
    return problems


def _date_rules(entry: ProgramFile, today: date) -> list[Problem]:
    """Dates that cannot be right yet, and reviews that are overdue."""
    program, document = entry.program, entry.document
    problems: list[Problem] = []
    for index, milestone in enumerate(program.milestones):
        if milestone.done and _after_today(milestone.done, today):
            problems.append(
                _warning(
                    document,
                    ("milestones", index, "done"),
                    f"{milestone.done} is in the future; fill in `done` once the milestone is reached",
                )
            )
        elif program.status == "completed" and not milestone.done:
            problems.append(
                _warning(
                    document,
                    ("milestones", index),
                    "the program is completed but this milestone has no `done` date; add it",
                )
            )
    for index, update in enumerate(program.updates):
        if update.date > today:
            problems.append(
                _warning(
                    document,
                    ("updates", index, "date"),
                    f"{update.date.isoformat()} is in the future; date an update when it happened",
                )
            )
    if program.reviewed is not None and program.reviewed > today:
        problems.append(
            _warning(
                document, ("reviewed",), f"{program.reviewed.isoformat()} is in the future; write the day of the check"
            )
        )
    elif program.reviewed is not None and (today - program.reviewed).days > REVIEW_MAX_AGE_DAYS:
        problems.append(
            _warning(
                document,
                ("reviewed",),
                f"last reviewed on {program.reviewed.isoformat()}, more than twelve months ago; "
                "check the entry and update the date",
            )
        )
    return problems


def _schedule_rules(entry: ProgramFile, today: date) -> list[Problem]:
    """Late is computed, and the maintainer hears of it: a running program past its last year,
    an open milestone past its date (macros.data.plan.standing)."""
    program, document = entry.program, entry.document
    problems: list[Problem] = []
    if is_late(program, today):
        message = SCHEDULE_MESSAGES.say("period_passed", end=program.period.end, status=program.status)
        problems.append(_warning(document, ("period", "end"), message))
    if program.status in RUNNING:
        for index, milestone in enumerate(program.milestones):
            if milestone_overdue(milestone, today):
                message = SCHEDULE_MESSAGES.say("milestone_passed", planned=milestone.planned)
                problems.append(_warning(document, ("milestones", index, "planned"), message))
    return problems


def _after_today(month_or_day: str, today: date) -> bool:
    """`2025-06` is after today only once June 2025 has not begun; a day compares as a day."""
    if len(month_or_day) == 10:
        return date.fromisoformat(month_or_day) > today
    return month_or_day > today.isoformat()[:7]


def _progress_rules(entry: ProgramFile) -> list[Problem]:
    program, document = entry.program, entry.document
    # No `progress` is allowed whatever the status: a figure nobody reported is shown as unknown.
    if program.status == "completed" and program.progress not in (None, 100):
        return [document.problem(("progress",), "a completed program is at 100; set 100 or leave progress out")]
    if program.status == "ongoing" and program.progress == 0:
        return [_warning(document, ("progress",), "ongoing with progress 0; is the figure up to date?")]
    if program.status == "planned" and (program.progress or 0) > 0:
        return [
            _warning(
                document, ("progress",), f"planned but with progress {program.progress}; should the status be ongoing?"
            )
        ]
    return []


def _dimension_rules(data: CityData, taken_names: frozenset[str]) -> list[Problem]:
    """A city's own dimensions must have a known icon and a key no other page uses."""
    problems: list[Problem] = []
    for key, dimension in (data.city.dimensions or {}).items():
        if key in taken_names:
            problems.append(
                data.city_document.problem(
                    ("dimensions", key),
                    f"`{key}` is already the address of another page of the site; choose another key "
                    f"(not one of: {', '.join(sorted(taken_names))})",
                    at_key=True,
                )
            )
        if not icon_exists(dimension.icon):
            problems.append(
                data.city_document.problem(
                    ("dimensions", key, "icon"),
                    f"no icon `{dimension.icon}` in Material for MkDocs; pick a name from "
                    "https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/, e.g. material/bank-outline",
                )
            )
    return problems


def _evaluation_rules(data: CityData, dimensions: Mapping[str, Dimension]) -> list[Problem]:
    problems = []
    seen_years: set[int] = set()
    for index, evaluation in enumerate(data.city.evaluations):
        if evaluation.year in seen_years:
            problems.append(
                data.city_document.problem(
                    ("evaluations", index, "year"), f"{evaluation.year} is listed twice; keep one evaluation per year"
                )
            )
        seen_years.add(evaluation.year)
        for key in evaluation.dimensions:
            if key not in dimensions:
                problems.append(
                    data.city_document.problem(
                        ("evaluations", index, "dimensions", key),
                        f"`{key}` is not a dimension of this city; use one of: {', '.join(dimensions)}",
                        at_key=True,
                    )
                )
    return problems


def _agency_rules(data: CityData) -> list[Problem]:
    """`agencies:` names lead agencies exactly as the programs write them, each other name once."""
    leads = sorted({entry.program.lead for entry in data.programs})
    partners = {partner for entry in data.programs for partner in entry.program.partners}
    problems = []
    for agency, names in data.city.agencies.items():
        if agency not in leads:
            message = (
                f"`{agency}` is only a partner; other names are for lead agencies (a program's `lead:`): remove it"
                if agency in partners
                else _not_a_lead(agency, leads)
            )
            problems.append(data.city_document.problem(("agencies", agency), message, at_key=True))
        seen: set[str] = set()
        for index, name in enumerate(names):
            if name.casefold() in seen:
                problems.append(
                    _warning(data.city_document, ("agencies", agency, index), f"`{name}` is listed twice; remove one")
                )
            seen.add(name.casefold())
    return problems


def _not_a_lead(agency: str, leads: list[str]) -> str:
    message = f"no program has `lead: {agency}`"
    by_case = {lead.casefold(): lead for lead in leads}
    close = by_case.get(agency.casefold()) or next(iter(difflib.get_close_matches(agency, leads, n=1)), None)
    if close:
        return f"{message}; did you mean `{close}`?"
    return f"{message}; write the agency's name exactly as the programs' `lead:` writes it"
