"""The one date that is "today" for a whole run: check, build, import and report agree on it.

A program is late, a milestone overdue and an agency silent *as of* a date, and a date in
the data is "in the future" against the same date. Choosing it in one place keeps
`make check` and `make site` from disagreeing (a `reviewed:` written today passing the one
and warned about by the other). The rule, first that applies:

1. `RENCANA_TODAY=YYYY-MM-DD`: chosen by hand (or passed by `make site` to MkDocs).
2. `SOURCE_DATE_EPOCH`: the date of that moment, in UTC (reproducible builds).
3. A Git checkout whose `data/` has no uncommitted change: the date of the last commit,
   in the committer's time zone. The site then says what its data said on that day, and
   two builds of one commit are the same.
4. Otherwise (data being edited, or no Git): the computer's date.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from macros.data.language.catalog import Catalog

VARIABLE = "RENCANA_TODAY"
EPOCH = "SOURCE_DATE_EPOCH"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

MESSAGES = Catalog(
    "today",
    {
        "by_variable": ("{variable} dari lingkungan", "{variable} from the environment"),
        "by_epoch": ("SOURCE_DATE_EPOCH dari lingkungan", "SOURCE_DATE_EPOCH from the environment"),
        "by_commit": (
            "commit terakhir, karena data tidak punya perubahan yang belum di-commit",
            "the last commit, as the data has no uncommitted change",
        ),
        "by_clock": ("jam komputer", "the computer's clock"),
        "bad_day": (
            "{variable}={value}: bukan tanggal; tulis YYYY-MM-DD, misalnya 2025-06-30, atau hapus variabel itu",
            "{variable}={value}: not a date; write YYYY-MM-DD, e.g. 2025-06-30, or unset the variable",
        ),
        "bad_epoch": (
            "SOURCE_DATE_EPOCH={value}: bukan jumlah detik sejak 1970-01-01 UTC; tulis bilangan bulat, "
            "misalnya 1751241600, atau hapus variabel itu",
            "SOURCE_DATE_EPOCH={value}: not a number of seconds since 1970-01-01 UTC; write a whole number, "
            "e.g. 1751241600, or unset the variable",
        ),
    },
)


class TodayError(ValueError):
    """`RENCANA_TODAY` or `SOURCE_DATE_EPOCH` is set but is no date: a one-line message, no traceback."""


@dataclass(frozen=True)
class RunDate:
    day: date
    reason: str  # why this day, in a few words of the run's language, for a build's last line


def run_date(root: Path | None = None) -> RunDate:
    """Today for this run (see the module's rule); `root` is the project, for its Git history."""
    chosen = date_from_environment(dict(os.environ))
    if chosen is not None:
        return chosen
    if root is not None:
        committed = _last_commit_day(root)
        if committed is not None:
            return RunDate(committed, MESSAGES.say("by_commit"))
    return RunDate(date.today(), MESSAGES.say("by_clock"))


def date_from_environment(environment: MutableMapping[str, str]) -> RunDate | None:
    """The run's date as `environment` sets it (rules 1 and 2), or None. Both variables are checked,
    since MkDocs reads SOURCE_DATE_EPOCH whatever RENCANA_TODAY says; an empty SOURCE_DATE_EPOCH is
    removed from `environment` (`source_date_epoch`)."""
    chosen = environment.get(VARIABLE, "").strip()
    day = _day(chosen) if chosen else None
    if chosen and day is None:
        raise TodayError(MESSAGES.say("bad_day", variable=VARIABLE, value=repr(chosen)))
    epoch = source_date_epoch(environment)
    if day is not None:
        return RunDate(day, MESSAGES.say("by_variable", variable=VARIABLE))
    if epoch is not None:
        return RunDate(datetime.fromtimestamp(int(epoch), tz=UTC).date(), MESSAGES.say("by_epoch"))
    return None


def source_date_epoch(environment: MutableMapping[str, str]) -> str | None:
    """`SOURCE_DATE_EPOCH` in `environment` as MkDocs reads it (`int()`): its digits, or None once an
    empty one is removed (`export SOURCE_DATE_EPOCH=` means unset); anything else is a TodayError,
    where MkDocs would stop with a traceback."""
    epoch = environment.pop(EPOCH, "").strip()
    if not epoch:
        return None
    if not epoch.isdigit():
        raise TodayError(MESSAGES.say("bad_epoch", value=repr(epoch)))
    environment[EPOCH] = epoch
    return epoch


def _day(text: str) -> date | None:
    """`text` as a real calendar day written YYYY-MM-DD, or None."""
    if not _DAY.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:  # 2025-02-30
        return None


def _git(root: Path, *arguments: str) -> str | None:
    try:
        result = subprocess.run(["git", *arguments], cwd=root, capture_output=True, text=True, check=False)
    except OSError:  # no git installed
        return None
    return result.stdout if result.returncode == 0 else None


def _last_commit_day(root: Path) -> date | None:
    """The last commit's day when `data/` is as committed, else None (the data is being edited)."""
    if not (root / "data").is_dir():
        return None
    changes = _git(root, "status", "--porcelain", "--untracked-files=normal", "--", "data")
    if changes is None or changes.strip():
        return None
    # `format:` keeps the committer's own time zone: a commit at 06:00 in Jakarta is of that day.
    day = (_git(root, "log", "-1", "--format=%cd", "--date=format:%Y-%m-%d") or "").strip()
    return _day(day)
