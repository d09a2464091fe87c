"""The progress report form: its fields, what a link pre-fills, and the answers read back.

GitHub writes the answers of an issue form into the issue's body, each under a
`### <label>` heading, and `_No response_` for an empty one. Three parts share the ids
and labels below: the form (`.github/ISSUE_TEMPLATE/laporan-kemajuan.yml`, written by
`macros.publish.report_form`), the "Laporkan kemajuan" link of a program page (GitHub
pre-fills a field from the query parameter named by its id) and `read_answers` here.
The body is untrusted text: it is only ever split into lines and compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from macros.data.plan.model import Program

REPORT_FORM_FILE = "laporan-kemajuan.yml"
REPORT_LABEL = "laporan-kemajuan"
NO_RESPONSE = "_No response_"
# A report is a few sentences; an issue body can hold 65,536 characters. Anything longer
# than this is refused before it is looked at.
MAX_BODY_CHARS = 20_000


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    kind: Literal["input", "textarea", "dropdown"]
    required: bool

    @property
    def heading(self) -> str:
        return f"### {self.label}"


REGION = FormField("daerah", "Daerah", "dropdown", True)
PROGRAM = FormField("program", "Program yang dilaporkan", "input", True)
STATUS = FormField("status", "Status program", "dropdown", True)
PROGRESS = FormField("progres", "Progres (%)", "input", True)
DATE = FormField("tanggal", "Tanggal laporan", "input", True)
ACTIVITY = FormField("kegiatan", "Kegiatan yang dilakukan", "textarea", True)
MILESTONES = FormField("tahapan", "Tahapan yang tercapai", "textarea", False)
INDICATORS = FormField("capaian", "Capaian indikator", "textarea", False)
# Shown in messages about the report as a whole (its length, its layout).
WHOLE_REPORT = FormField("laporan", "Laporan", "textarea", True)


def form_fields(several_regions: bool) -> tuple[FormField, ...]:
    """The fields in the order of the form; the region is asked only where a repository has several."""
    fields = (PROGRAM, STATUS, PROGRESS, DATE, ACTIVITY, MILESTONES, INDICATORS)
    return (REGION, *fields) if several_regions else fields


@dataclass(frozen=True, order=True)
class ReportProblem:
    """What is wrong in one answer of a report, in Indonesian for the agency that wrote it."""

    line: int  # in the issue body, 1-based
    field: str  # the form field's id
    label: str
    message: str  # what is wrong and what to write instead


@dataclass(frozen=True)
class Answer:
    text: str  # "" for an empty answer
    line: int  # where the answer starts in the body (its heading's line when empty)


def normalise(body: str) -> str:
    return body.replace("\r\n", "\n").replace("\r", "\n")


def is_report(body: str) -> bool:
    """Whether the body was written with the report form (its program question is there)."""
    return any(line.strip() == PROGRAM.heading for line in normalise(body).split("\n"))


def read_answers(body: str, fields: tuple[FormField, ...]) -> tuple[dict[str, Answer], list[ReportProblem]]:
    """Each field's answer, found under its heading; problems when a heading is missing or repeated.

    Only the form's own headings divide the body, so a `###` line that someone writes
    inside an answer stays part of that answer.
    """
    lines = normalise(body).split("\n")
    found: list[tuple[int, FormField | None]] = []  # every heading divides the body, a repeated one too
    problems: list[ReportProblem] = []
    for field in fields:
        at = [index for index, line in enumerate(lines) if line.strip() == field.heading]
        found += [(index, None) for index in at[1:]]
        if not at:
            problems.append(
                ReportProblem(
                    1,
                    field.id,
                    field.label,
                    f"bagian «{field.label}» tidak ditemukan dalam laporan. Buat laporan baru dari formulir "
                    "«Laporan kemajuan», tanpa menghapus judul bagiannya.",
                )
            )
        elif len(at) > 1:
            problems.append(
                ReportProblem(
                    at[1] + 1,
                    field.id,
                    field.label,
                    f"judul «{field.heading}» muncul lebih dari sekali. Hapus judul itu dari isian Anda; "
                    "formulir sudah menuliskannya satu kali.",
                )
            )
            found.append((at[0], None))
        else:
            found.append((at[0], field))
    found.sort(key=lambda item: item[0])
    answers: dict[str, Answer] = {}
    for position, (start, answered) in enumerate(found):
        if answered is None:
            continue
        field = answered
        end = found[position + 1][0] if position + 1 < len(found) else len(lines)
        content = lines[start + 1 : end]
        first = next((index for index, line in enumerate(content) if line.strip()), None)
        text = "\n".join(content).strip("\n").strip()
        if text == NO_RESPONSE:
            text = ""
        answers[field.id] = Answer(text, start + 2 + first if first is not None and text else start + 1)
    return answers, problems


# ---------------------------------------------------------------- milestones and indicators


def same_name(first: str, second: str) -> bool:
    """Names compared as people retype them: case and runs of spaces do not matter."""
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def milestone_lines(answer: str) -> list[tuple[int, str]]:
    """(offset of the line in the answer, milestone name) for each milestone said to be reached.

    A ticked task `- [x] Name` or a plain line `Name` (with or without `- `) counts;
    an unticked task `- [ ] Name`, as the link pre-fills them, does not.
    """
    reached = []
    for offset, raw in enumerate(answer.split("\n")):
        line = raw.strip()
        if line.startswith(("- ", "* ")):
            line = line[2:].strip()
        if line.startswith("[ ]"):
            continue
        if line[:3].lower() == "[x]":
            line = line[3:].strip()
        if line:
            reached.append((offset, line))
    return reached


def indicator_lines(answer: str) -> list[tuple[int, str, str]]:
    """(offset, indicator name, value as written) for each `Name: value` line with a value."""
    values = []
    for offset, raw in enumerate(answer.split("\n")):
        line = raw.strip()
        if line.startswith(("- ", "* ")):
            line = line[2:].strip()
        if not line:
            continue
        name, colon, value = line.rpartition(":")
        if not colon:
            values.append((offset, line, ""))  # no `:`: reported as a line the form did not write
        elif value.strip():
            values.append((offset, name.strip(), value.strip()))
    return values


def milestones_prefill(program: Program) -> str:
    """The program's open milestones as unticked tasks: the agency ticks those reached."""
    return "\n".join(f"- [ ] {milestone.name}" for milestone in program.milestones if not milestone.done)


def indicators_prefill(program: Program) -> str:
    """One `Name: ` line per indicator: the agency writes the new figure after the colon."""
    return "\n".join(f"{indicator.name}: " for indicator in program.indicators)
