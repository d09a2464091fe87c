"""Rules that need the city or more than one file; each problem points at its line."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from macros.data.language.catalog import Catalog
from macros.data.plan.characters import quoted
from macros.data.plan.icons import icon_exists
from macros.data.plan.labels import label_hint, word_hint
from macros.data.plan.load import CityData, ProgramFile
from macros.data.plan.model import Dimension
from macros.data.plan.problems import Problem, Severity
from macros.data.plan.read import Document, Location
from macros.data.plan.standing import RUNNING, is_late, milestone_overdue

REVIEW_MAX_AGE_DAYS = 365

_SAY = Catalog(
    "plan.rules",
    {
        "duplicate_id": (
            "`{id}` juga menjadi id di {others}; setiap program memerlukan id sendiri",
            "`{id}` is also the id in {others}; each program needs its own id",
        ),
        "unknown_dimension": (
            "`{dimension}` bukan dimensi daerah ini; pakai salah satu dari: {allowed}",
            "`{dimension}` is not a dimension of this city; use one of: {allowed}",
        ),
        "unknown_element": (
            "`{element}` bukan elemen dari {dimension}; pakai salah satu dari: {allowed}",
            "`{element}` is not an element of {dimension}; use one of: {allowed}",
        ),
        "related_to_itself": (
            "program tidak dapat berkaitan dengan dirinya sendiri; hapus",
            "a program cannot be related to itself; remove it",
        ),
        "related_has_errors": (
            "`{related}` didefinisikan di {where}, yang memiliki galat sendiri; perbaiki berkas itu lebih dulu",
            "`{related}` is defined in {where}, which has errors of its own; fix that file first",
        ),
        "related_unknown": (
            "tidak ada program dengan id `{related}` di daerah ini; periksa id-nya",
            "no program with id `{related}` in this city; check the id",
        ),
        "listed_twice": ("`{name}` tercantum dua kali; hapus salah satunya", "`{name}` is listed twice; remove one"),
        "outside_plan": (
            "{start}–{end} berada di luar tahun rencana {plan_start}–{plan_end}; periksa tahunnya",
            "{start}–{end} reaches outside the plan's years {plan_start}–{plan_end}; check the years",
        ),
        "budget_year": (
            "{year} berada di luar tahun program {start}–{end}; periksa tahun atau periodenya",
            "{year} is outside the program's years {start}–{end}; check the year or the period",
        ),
        "done_in_future": (
            "{done} masih di masa depan; isi `done` setelah tonggak capaian tercapai",
            "{done} is in the future; fill in `done` once the milestone is reached",
        ),
        "completed_open_milestone": (
            "program sudah selesai tetapi tonggak capaian ini belum punya tanggal `done`; tambahkan",
            "the program is completed but this milestone has no `done` date; add it",
        ),
        "update_in_future": (
            "{date} masih di masa depan; beri tanggal kabar terbaru sesuai hari kejadiannya",
            "{date} is in the future; date an update when it happened",
        ),
        "reviewed_in_future": (
            "{date} masih di masa depan; tulis tanggal pemeriksaan",
            "{date} is in the future; write the day of the check",
        ),
        "reviewed_long_ago": (
            "terakhir diperiksa pada {date}, lebih dari dua belas bulan lalu; "
            "periksa entri ini dan perbarui tanggalnya",
            "last reviewed on {date}, more than twelve months ago; check the entry and update the date",
        ),
        "completed_progress": (
            "program yang selesai bernilai 100; tulis 100 atau hapus progress",
            "a completed program is at 100; set 100 or leave progress out",
        ),
        "ongoing_zero": (
            "berstatus ongoing dengan progress 0; apakah angkanya sudah terbaru?",
            "ongoing with progress 0; is the figure up to date?",
        ),
        "planned_progress": (
            "berstatus planned tetapi progress-nya {progress}; apakah statusnya seharusnya ongoing?",
            "planned but with progress {progress}; should the status be ongoing?",
        ),
        "page_taken": (
            "`{key}` sudah menjadi alamat halaman lain di situs; pilih kunci lain (bukan salah satu dari: {taken})",
            "`{key}` is already the address of another page of the site; choose another key (not one of: {taken})",
        ),
        "no_icon": (
            "ikon `{icon}` tidak ada di Material for MkDocs; pilih nama dari "
            "https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/, mis. material/bank-outline",
            "no icon `{icon}` in Material for MkDocs; pick a name from "
            "https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/, e.g. material/bank-outline",
        ),
        "evaluation_twice": (
            "{year} tercantum dua kali; simpan satu evaluasi per tahun",
            "{year} is listed twice; keep one evaluation per year",
        ),
        "only_a_partner": (
            "`{agency}` hanya mitra; nama lain hanya untuk perangkat daerah pelaksana (`lead:` sebuah program): hapus",
            "`{agency}` is only a partner; other names are for lead agencies (a program's `lead:`): remove it",
        ),
        "not_a_lead_close": (
            "tidak ada program dengan `lead: {agency}`; mungkin maksudnya `{close}`?",
            "no program has `lead: {agency}`; did you mean `{close}`?",
        ),
        "not_a_lead": (
            "tidak ada program dengan `lead: {agency}`; tulis nama perangkat daerah persis seperti di `lead:` program",
            "no program has `lead: {agency}`; write the agency's name exactly as the programs' `lead:` writes it",
        ),
    },
)


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
                entry.document.problem(("id",), _SAY.say("duplicate_id", id=entry.program.id, others=others))
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
                label_hint(program.dimension, labels := {key: d.label for key, d in dimensions.items()})
                or word_hint(program.dimension, "dimension", labels)
                or _SAY.say("unknown_dimension", dimension=program.dimension, allowed=", ".join(dimensions)),
            )
        )
    elif program.element is not None and program.element not in dimension.elements:
        problems.append(
            document.problem(
                ("element",),
                label_hint(program.element, dimension.elements)
                or _SAY.say(
                    "unknown_element",
                    element=program.element,
                    dimension=program.dimension,
                    allowed=", ".join(dimension.elements),
                ),
            )
        )

    seen_related: set[str] = set()
    for index, related in enumerate(program.related):
        if related.lower() == program.id.lower():
            problems.append(document.problem(("related", index), _SAY.say("related_to_itself")))
        elif related.lower() in data.ids_in_files_with_errors:
            where = data.ids_in_files_with_errors[related.lower()]
            message = _SAY.say("related_has_errors", related=related, where=where)
            problems.append(_warning(document, ("related", index), message))
        elif related.lower() not in known_ids:
            problems.append(document.problem(("related", index), _SAY.say("related_unknown", related=quoted(related))))
        elif related.lower() in seen_related:
            problems.append(_warning(document, ("related", index), _SAY.say("listed_twice", name=quoted(related))))
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
                _SAY.say(
                    "outside_plan",
                    start=program.period.start,
                    end=program.period.end,
                    plan_start=plan.start,
                    plan_end=plan.end,
                ),
            )
        )
    for index, line in enumerate(program.budget):
        if line.year not in program.period.years:
            problems.append(
                _warning(
                    document,
                    ("budget", index, "year"),
                    _SAY.say("budget_year", year=line.year, start=program.period.start, end=program.period.end),
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
                    _SAY.say("done_in_future", done=milestone.done),
                )
            )
        elif program.status == "completed" and not milestone.done:
            problems.append(
                _warning(
                    document,
                    ("milestones", index),
                    _SAY.say("completed_open_milestone"),
                )
            )
    for index, update in enumerate(program.updates):
        if update.date > today:
            problems.append(
                _warning(
                    document,
                    ("updates", index, "date"),
                    _SAY.say("update_in_future", date=update.date.isoformat()),
                )
            )
    if program.reviewed is not None and program.reviewed > today:
        problems.append(
            _warning(document, ("reviewed",), _SAY.say("reviewed_in_future", date=program.reviewed.isoformat()))
        )
    elif program.reviewed is not None and (today - program.reviewed).days > REVIEW_MAX_AGE_DAYS:
        problems.append(
            _warning(
                document,
                ("reviewed",),
                _SAY.say("reviewed_long_ago", date=program.reviewed.isoformat()),
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
        return [document.problem(("progress",), _SAY.say("completed_progress"))]
    if program.status == "ongoing" and program.progress == 0:
        return [_warning(document, ("progress",), _SAY.say("ongoing_zero"))]
    if program.status == "planned" and (program.progress or 0) > 0:
        return [_warning(document, ("progress",), _SAY.say("planned_progress", progress=program.progress))]
    return []


def _dimension_rules(data: CityData, taken_names: frozenset[str]) -> list[Problem]:
    """A city's own dimensions must have a known icon and a key no other page uses."""
    problems: list[Problem] = []
    for key, dimension in (data.city.dimensions or {}).items():
        if key in taken_names:
            problems.append(
                data.city_document.problem(
                    ("dimensions", key),
                    _SAY.say("page_taken", key=key, taken=", ".join(sorted(taken_names))),
                    at_key=True,
                )
            )
        if not icon_exists(dimension.icon):
            problems.append(
                data.city_document.problem(
                    ("dimensions", key, "icon"),
                    _SAY.say("no_icon", icon=dimension.icon),
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
                    ("evaluations", index, "year"), _SAY.say("evaluation_twice", year=evaluation.year)
                )
            )
        seen_years.add(evaluation.year)
        for key in evaluation.dimensions:
            if key not in dimensions:
                problems.append(
                    data.city_document.problem(
                        ("evaluations", index, "dimensions", key),
                        _SAY.say("unknown_dimension", dimension=key, allowed=", ".join(dimensions)),
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
            message = _SAY.say("only_a_partner", agency=agency) if agency in partners else _not_a_lead(agency, leads)
            problems.append(data.city_document.problem(("agencies", agency), message, at_key=True))
        seen: set[str] = set()
        for index, name in enumerate(names):
            if name.casefold() in seen:
                problems.append(
                    _warning(data.city_document, ("agencies", agency, index), _SAY.say("listed_twice", name=name))
                )
            seen.add(name.casefold())
    return problems


def _not_a_lead(agency: str, leads: list[str]) -> str:
    by_case = {lead.casefold(): lead for lead in leads}
    close = by_case.get(agency.casefold()) or next(iter(difflib.get_close_matches(agency, leads, n=1)), None)
    if close:
        return _SAY.say("not_a_lead_close", agency=agency, close=close)
    return _SAY.say("not_a_lead", agency=agency)
