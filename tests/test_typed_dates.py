"""Dates as people type them are read into the spelling the files take, for the message to say what to write."""

from __future__ import annotations

import calendar
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils.datetime import to_excel

from macros.data.plan.typed_dates import CalendarFault, calendar_fault, excel_day, typed_day, typed_month
from macros.render.text import MONTHS  # the month names the site writes

DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))


@settings(deadline=None)  # no timing: a loaded machine must not fail it
@given(DAYS)
def test_every_way_a_day_is_typed_reads_as_that_day(day: date) -> None:
    iso = day.isoformat()
    month_name = MONTHS[day.month - 1]
    for typed in (
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day}-{day.month}-{day.year}",
        f"{day.day}.{day.month}.{day.year}",
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}-{day.month}-{day.day}",
        f"{day.day} {month_name} {day.year}",
        f"{day.day} {month_name[:3].upper()}. {day.year}",
        f"  {day.day}  {month_name.lower()}  {day.year} ",
        f"{iso} 10:00",  # with the time a spreadsheet's export adds
        f"{iso}T10:00:00+07:00",
        f"{day.day:02d}/{day.month:02d}/{day.year} 09.30 WIB",
    ):
        assert typed_day(typed) == iso, typed
        assert typed_month(typed) == iso, typed  # a month's field takes a day too


@settings(deadline=None)
@given(DAYS, st.floats(min_value=0, max_value=0.999))
def test_excels_number_for_a_day_reads_as_the_day_openpyxl_writes_it_for(day: date, time_of_day: float) -> None:
    number = to_excel(datetime(day.year, day.month, day.day))  # what a date cell holds, pasted as a number
    assert excel_day(number) == day
    assert typed_day(number + time_of_day) == day.isoformat()


@settings(deadline=None)
@given(DAYS)
def test_every_way_a_month_is_typed_reads_as_that_month(day: date) -> None:
    iso = day.isoformat()[:7]
    month_name = MONTHS[day.month - 1]
    for typed in (
        f"{day.month}/{day.year}",
        f"{day.month:02d}-{day.year}",
        f"{day.year}/{day.month}",
        f"{day.year}-{day.month}",
        f"{month_name} {day.year}",
        f"{month_name[:3]} {day.year}",
    ):
        assert typed_month(typed) == iso, typed
        assert typed_day(typed) is None, typed  # a month is no day


@pytest.mark.parametrize(
    ("typed", "month"),
    [("June 2025", "2025-06"), ("Agt 2025", "2025-08"), ("Nopember 2024", "2024-11"), ("des. 2030", "2030-12")],
)
def test_english_and_old_spellings_of_months_are_read(typed: str, month: str) -> None:
    assert typed_month(typed) == month


@pytest.mark.parametrize(
    "typed",
    [
        "kemarin",
        "31/02/2025",  # no such day
        "13/2025",  # no such month
        "2025-13",
        "30 Juno 2025",
        "Q2 2025",
        "2025",
        2025,  # a year, not Excel's count of days
        20,
        10_000_000,
        True,
        None,
        float("nan"),
        ["2025-06"],
    ],
)
def test_what_names_no_day_or_month_is_not_read(typed: object) -> None:
    assert typed_day(typed) is None
    assert typed_month(typed) is None


@settings(deadline=None)
@given(st.integers(1950, 2100), st.integers(1, 12), st.integers(29, 31))
def test_a_day_past_its_months_end_is_named_with_that_end(year: int, month: int, day: int) -> None:
    last_day = calendar.monthrange(year, month)[1]
    for typed in (
        f"{day:02d}/{month:02d}/{year}",
        f"{year}-{month:02d}-{day:02d}",
        f"{day} {MONTHS[month - 1]} {year}",
    ):
        expected = CalendarFault(year, month, last_day) if day > last_day else None
        assert calendar_fault(typed) == expected, typed
        assert (typed_day(typed) is None) == (day > last_day), typed


@settings(deadline=None)
@given(DAYS, st.integers(13, 99))
def test_a_day_typed_month_first_is_read_back_swapped(day: date, wrong_month: int) -> None:
    # 03/15/2025 (a spreadsheet set to English): no month 15, but the 15th of March is a day.
    if day.day > 12:  # (a day of 12 or less typed month first is another real day: nothing to catch)
        typed = f"{day.month:02d}/{day.day:02d}/{day.year}"
        assert calendar_fault(typed) == CalendarFault(day.year, day.day, None, day.isoformat()), typed
    # A month past 12 that no swap mends (13/2025, 2025-13-40) is named, with nothing to suggest.
    assert calendar_fault(f"{wrong_month}/{day.year}") == CalendarFault(day.year, wrong_month, None)
    assert calendar_fault(f"{day.year}-{wrong_month}-40") == CalendarFault(day.year, wrong_month, None)


@pytest.mark.parametrize("typed", ["2025-06-30", "30/06/2025", "2025-06", "kemarin", "Q2 2025", 45809, None, True])
def test_what_is_real_or_not_like_a_date_has_no_calendar_fault(typed: object) -> None:
    assert calendar_fault(typed) is None
