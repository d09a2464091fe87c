"""Where a program stands on the run's date: late, overdue, silent, and what is not known.

Nothing here is typed by a maintainer: it is computed from the data and "today"
(`macros.data.plan.today`), so that a plan written years ago does not keep saying
"Berjalan" for a program whose years are over. A stored `status: delayed` keeps its
own meaning; being late by the calendar is a separate fact beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from macros.data.plan.model import Milestone, Program

# Statuses that still expect work, and so reports: planned and ongoing can run late by the calendar.
RUNNING = ("planned", "ongoing")
EXPECTING_REPORTS = ("ongoing", "delayed")
DEFAULT_REPORT_MONTHS = 6


@dataclass(frozen=True)
class Standing:
    """The computed facts of one program on one day."""

    late: bool  # planned or ongoing, and its last year is over
    overdue: tuple[Milestone, ...]  # open milestones whose planned month (or day) has passed
    last_report: date | None  # its newest dated update
    silent: bool  # expected to report, and nothing dated within the last months
    progress: int | None  # the figure to show; None when nobody reported one


def milestone_overdue(milestone: Milestone, today: date) -> bool:
    """Open and past its planned month (or day): `2025-06` is overdue from July 2025."""
    if milestone.done:
        return False
    planned = milestone.planned
    if len(planned) == 10:
        return date.fromisoformat(planned) < today
    return planned < today.isoformat()[:7]


def months_before(today: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it has fewer days)."""
    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    for day in (today.day, 30, 29, 28):
        try:
            return date(year, month + 1, day)
        except ValueError:
            continue
    raise AssertionError("every month has 28 days")


def is_late(program: Program, today: date) -> bool:
    return program.status in RUNNING and program.period.end < today.year


def last_report(program: Program) -> date | None:
    return max((update.date for update in program.updates), default=None)


def expects_reports(program: Program, today: date) -> bool:
    """Under way by its status, or planned but with its first year begun."""
    if program.status in EXPECTING_REPORTS:
        return True
    return program.status == "planned" and program.period.start <= today.year


def standing(program: Program, today: date, report_months: int = DEFAULT_REPORT_MONTHS) -> Standing:
    last = last_report(program)
    silent = expects_reports(program, today) and (last is None or last < months_before(today, report_months))
    return Standing(
        late=is_late(program, today),
        overdue=tuple(m for m in program.milestones if milestone_overdue(m, today)),
        last_report=last,
        silent=silent,
        progress=program.progress_percent,
    )
