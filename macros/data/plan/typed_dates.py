"""Dates as people type them, read into the one spelling the files take.

A program file writes a day `YYYY-MM-DD` and a month `YYYY-MM`, nothing else, so that a plan sorts,
compares and reads the same everywhere. People write 30/06/2025 (the day first, as in Indonesia),
2025/06/30, 30 Juni 2025, Juni 2025, 6/2025, or paste the number Excel keeps for a date (45838).
The workbook's import reads some of these (`macros.data.workbook.values`); a YAML file and an agency's
report keep the one spelling, and their messages name the value to write instead (`typed_day`,
`typed_month`), read the Indonesian way: 03/06/2025 is the 3rd of June.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import NamedTuple

# Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
EXCEL_EPOCH = date(1899, 12, 30)
ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
LOCAL_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")  # 30/06/2025: day first, as in Indonesia
LOCAL_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_YEAR_FIRST_DAY = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")  # 2025/06/30
_YEAR_FIRST_MONTH = re.compile(r"^(\d{4})[/.](\d{1,2})$")  # 2025/06
_NAMED = re.compile(r"^(?:(\d{1,2})\s+)?([^\W\d_]+)\.?,?\s+(\d{4})$")  # 30 Juni 2025, Juni 2025, Jun. 2025

# Month names and their short forms, Indonesian first, then English (a spreadsheet set to English).
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "jan", "january"),
            ("februari", "pebruari", "feb", "peb", "february"),
            ("maret", "mar", "march"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("agustus", "agu", "agt", "ags", "aug", "august"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nopember", "nov", "nop"),
            ("desember", "des", "dec", "december"),
        ),
        start=1,
    )
    for name in names
}

# The days a plan's dates fall in: a number outside them is not taken for Excel's count of days
# (a number from 1900 to 2100 is a year, far below this range).
_EXCEL_FIRST, _EXCEL_LAST = date(1950, 1, 1), date(2100, 12, 31)


def excel_day(number: object) -> date | None:
    """The day Excel keeps as `number` (its count of days, the time of day dropped), for a day from
    1950 to 2100; None for any other value."""
    if isinstance(number, bool) or not isinstance(number, (int, float)) or number != number:
        return None
    if not (_EXCEL_FIRST - EXCEL_EPOCH).days <= number < (_EXCEL_LAST - EXCEL_EPOCH).days + 1:
        return None
    return EXCEL_EPOCH + timedelta(days=int(number))


def typed_day(value: object) -> str | None:
    """`value` read as one calendar day, written `YYYY-MM-DD`; None when it names no day, or only a month."""
    if (day := excel_day(value)) is not None:
        return day.isoformat()
    if not isinstance(value, str):
        return None
    parts = _written_day(value)
    return None if parts is None else _real_day(*parts)  # None for 31/02/2025: `calendar_fault` says why


def typed_month(value: object) -> str | None:
    """`value` read as a month, `YYYY-MM`, or as a day, `YYYY-MM-DD` (a month's field takes either);
    None when it names neither."""
    if (day := typed_day(value)) is not None:
        return day
    if not isinstance(value, str) or (parts := _written_month(value)) is None:
        return None
    year, month, _ = parts
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None  # 2025-13: `calendar_fault` says why


class CalendarFault(NamedTuple):
    """Why a date written in one of the spellings above is not on the calendar: its month is not 1
    to 12 (`last_day` is None), or its day is past the month's last (`last_day`). `swapped` is the
    day read with its day and month swapped, where that is one (04/15/2025, typed month first)."""

    year: int
    month: int
    last_day: int | None
    swapped: str | None = None


def calendar_fault(value: object) -> CalendarFault | None:
    """What makes `value` no real day or month although it is written like one (2025-02-30,
    31/02/2025, 2025-13); None when it is real, or not written like a date at all."""
    if not isinstance(value, str):
        return None
    written_day = _written_day(value)
    parts = written_day or _written_month(value)
    if parts is None:
        return None
    year, month, day = parts
    if not 1 <= month <= 12:
        return CalendarFault(year, month, None, _real_day(year, day, month) if written_day else None)
    last_day = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= last_day:
        return CalendarFault(year, month, last_day)
    return None


def _real_day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# A time after a day, which a day's field has no place for: ` 10:00`, `T10:00:00`, ` 09.30 WIB`.
_TIME_OF_DAY = re.compile(r"(?:T| )\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?(?: ?(?:WIB|WITA|WIT|Z|[+-]\d{2}:?\d{2}))?$")


def without_time(text: str) -> str:
    """`text` without the time a spreadsheet's export writes after a day (`2025-03-01 10:00`)."""
    return _TIME_OF_DAY.sub("", text)


def _written_day(value: object) -> tuple[int, int, int] | None:
    """(year, month, day) as a day is written in `value`, whether or not the calendar has it."""
    if not isinstance(value, str):
        return None
    text = without_time(" ".join(value.split()))
    if match := ISO_DAY.match(text) or _YEAR_FIRST_DAY.match(text):
        return int(match[1]), int(match[2]), int(match[3])
    if match := LOCAL_DAY.match(text):
        return int(match[3]), int(match[2]), int(match[1])
    if (match := _NAMED.match(text)) and match[1] and (month := _MONTHS.get(match[2].casefold())):
        return int(match[3]), month, int(match[1])
    return None


def _written_month(value: str) -> tuple[int, int, int] | None:
    """(year, month, 1) as a month is written in `value` (2025-06, 6/2025, Juni 2025), whether or not
    the calendar has it (2025-13)."""
    text = " ".join(value.split())
    if match := ISO_MONTH.match(text) or _YEAR_FIRST_MONTH.match(text):
        return int(match[1]), int(match[2]), 1
    if match := LOCAL_MONTH.match(text):
        return int(match[2]), int(match[1]), 1
    if (match := _NAMED.match(text)) and not match[1] and (month := _MONTHS.get(match[2].casefold())):
        return int(match[3]), month, 1
    return None
