"""The one user-facing error type for bad data, and the list that collects them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """A mistake (or a doubtful value) in a data file, pinned to where it is."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.field}: {self.message}"

    def as_github_annotation(self) -> str:
        """The `::error file=…` workflow command that GitHub Actions shows on the changed line."""
        kind = "warning" if self.severity is Severity.WARNING else "error"
        message = f"{self.field}: {self.message}".replace("%", "%25").replace("\n", "%0A")
        return f"::{kind} file={self.path},line={self.line},col={self.column}::{message}"


class DataProblems(Exception):
    """Raised once, after every data file was read, when at least one had errors."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(problem) for problem in self.problems]
        errors = sum(1 for p in self.problems if p.severity is Severity.ERROR)
        lines.append(f"{errors} error(s) in the data: nothing was published. Fix them and run again.")
        return "\n".join(lines)


def errors_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def warnings_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.WARNING]
