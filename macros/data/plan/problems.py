"""The one user-facing error type for bad data, and the list that collects them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from macros.data.language.catalog import Catalog
from macros.data.plan.characters import one_line

_SAY = Catalog(
    "plan.problems",
    {
        "warning": ("peringatan: ", "warning: "),
        "one_error": ("{number} galat", "{number} error"),
        "several_errors": ("{number} galat", "{number} errors"),
        "one_warning": ("{number} peringatan", "{number} warning"),
        "several_warnings": ("{number} peringatan", "{number} warnings"),
        "errors": (
            "{counted}: perbaiki galat di atas; tidak ada yang diterbitkan sebelum semuanya diperbaiki.",
            "{counted}: fix the errors above; nothing is published until then.",
        ),
        "heading": ("data memuat galat", "the data has errors"),
        "data_ok": ("Data baik: {counted}.", "Data OK: {counted}."),
    },
)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """A mistake (or a doubtful value) in a data file, pinned to where it is.

    In a spreadsheet, `cell` names the place as a spreadsheet does (`Program!F12`, or `F12`
    in a CSV file); `line` and `column` then hold its row and column numbers.
    """

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = Severity.ERROR
    cell: str = ""

    @property
    def place(self) -> str:
        """`path:line:column`, or `FILE.xlsx:Program!F12` in a spreadsheet."""
        return f"{self.path}:{self.cell}" if self.cell else f"{self.path}:{self.line}:{self.column}"

    def __str__(self) -> str:
        """One line whatever the data held: a file name or a text with a line break shows it as `\\n`."""
        prefix = _SAY.say("warning") if self.severity is Severity.WARNING else ""
        return one_line(f"{self.place}: {prefix}{self.field}: {self.message}")

    def as_github_annotation(self) -> str:
        """The `::error file=…` workflow command that GitHub Actions shows on the changed line."""
        kind = "warning" if self.severity is Severity.WARNING else "error"
        message = _escaped(one_line(f"{self.field}: {self.message}"))
        path = _escaped(one_line(self.path)).replace(":", "%3A").replace(",", "%2C")
        if self.cell:  # no line to point at: the cell leads the message
            return f"::{kind} file={path}::{self.cell}: {message}"
        return f"::{kind} file={path},line={self.line},col={self.column}::{message}"


def _escaped(text: str) -> str:
    """A workflow command's data (already one line): `%` written as GitHub's runner reads it back."""
    return text.replace("%", "%25")


class DataProblems(Exception):
    """Raised once, after every data file was read, when at least one had errors."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        """The same lines `python -m macros check` prints."""
        return "\n".join([*(str(problem) for problem in self.problems), summary(self.problems)])


def summary(problems: list[Problem]) -> str:
    """The last line of a check: how many errors and warnings, and what follows from them."""
    errors, warnings = len(errors_in(problems)), len(warnings_in(problems))
    counted = f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"
    return _SAY.say("errors" if errors else "data_ok", counted=counted)


def errors_heading() -> str:
    """What a build says before the list of problems (and alone, when the list is printed elsewhere)."""
    return _SAY.say("heading")


def _count(number: int, noun: str) -> str:
    return _SAY.say(f"one_{noun}" if number == 1 else f"several_{noun}s", number=number)


def errors_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def warnings_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.WARNING]
