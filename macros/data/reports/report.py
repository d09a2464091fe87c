"""A progress report from an agency (a GitHub issue written with the report form), checked and applied.

`check_report` reads the answers, finds the region and the program, and checks every
answer against the program and the rules of the data format; each problem is worded in
Indonesian for the agency, with what to write instead. `apply_report` edits the
program's file with `macros.data.edit.editor`, so that the rest of the file (comments
included) stays as it was. Whether the result passes `make check` is decided by the
caller, with the same code `make check` runs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from pydantic import ValidationError

from macros.data.edit.editor import YamlEditor
from macros.data.language.catalog import Catalog
from macros.data.plan.load import CityData, ProgramFile, city_files, load_city
from macros.data.plan.model import STATUSES, City, Program, Update
from macros.data.plan.problems import Problem, errors_in
from macros.data.plan.read import ReadFailed, read_document
from macros.data.plan.typed_dates import CalendarFault, calendar_fault, typed_day
from macros.data.reports.form import (
    ACTIVITY,
    DATE,
    INDICATORS,
    MAX_BODY_CHARS,
    MILESTONES,
    PROGRAM,
    PROGRESS,
    REGION,
    STATUS,
    WHOLE_REPORT,
    Answer,
    FormField,
    ReportProblem,
    form_fields,
    indicator_lines,
    milestone_lines,
    read_answers,
    same_name,
)

# The status options of the form, as citizens read them on the site.
STATUS_OPTIONS = {
    "planned": "Direncanakan",
    "ongoing": "Berjalan",
    "completed": "Selesai",
    "delayed": "Terlambat",
    "stopped": "Dihentikan",
}
assert tuple(STATUS_OPTIONS) == STATUSES
# Roles on the repository that may report without being listed in `reporters:`.
TRUSTED_ROLES = frozenset({"triage", "write", "maintain", "admin"})
MAX_EVENT_BYTES = 1024 * 1024
_CODE = re.compile(r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
# Characters that no text of a data file may hold (YAML refuses most of them).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


_SAY = Catalog(
    "reports.event",
    {
        "unreadable": ("{path}: tidak dapat dibaca ({error})", "{path}: cannot be read ({error})"),
        "too_big": (
            "{path}: {size} KiB; peristiwa isu jauh lebih kecil dari itu",
            "{path}: {size} KiB; an issue event is far smaller",
        ),
        "not_an_event": (
            "{path}: bukan peristiwa isu GitHub (seharusnya JSON dengan issue.number dan issue.body)",
            "{path}: not a GitHub issue event (expected JSON with issue.number and issue.body)",
        ),
    },
)


class EventError(Exception):
    """The event file is not an issue event this command can read (a maintainer's mistake)."""


@dataclass(frozen=True)
class IssueEvent:
    action: str
    number: int
    title: str
    body: str
    author: str
    state: str


def read_event(path: Path) -> IssueEvent:
    """The issue of a GitHub `issues` event, as saved in `$GITHUB_EVENT_PATH`."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise EventError(_SAY.say("unreadable", path=path, error=error.strerror)) from None
    if len(raw) > MAX_EVENT_BYTES:
        raise EventError(_SAY.say("too_big", path=path, size=len(raw) // 1024))
    try:
        event = json.loads(raw.decode("utf-8"))
        issue = event["issue"]
        return IssueEvent(
            action=str(event.get("action") or ""),
            number=int(issue["number"]),
            title=str(issue.get("title") or ""),
            body=str(issue.get("body") or ""),
            author=str((issue.get("user") or {}).get("login") or ""),
            state=str(issue.get("state") or "open"),
        )
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError):
        raise EventError(_SAY.say("not_an_event", path=path)) from None


def may_report(city: City, author: str, role: str) -> bool:
    """Listed in the city's `reporters:` (GitHub names ignore case), or trusted by the repository."""
    return role in TRUSTED_ROLES or author.casefold() in {name.casefold() for name in city.reporters}


@dataclass(frozen=True)
class ProgressReport:
    """A checked report: what changes in which program's file."""

    issue: int
    author: str
    slug: str
    program: Program
    source: ProgramFile
    status: str
    progress: int
    day: date
    text: str
    milestones: tuple[int, ...]  # indices into program.milestones, reached on `day`
    indicators: tuple[tuple[int, int | float], ...]  # (index into program.indicators, new actual)


def shown(value: str, limit: int = 40) -> str:
    """An answer quoted in a comment: one line, short, in code so that nothing in it is Markdown."""
    text = " ".join(value.split()).replace("`", "'")
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"`{text}`"


def thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


class _Checker:
    """Collects the problems of one report, each at its answer's line."""

    def __init__(self, answers: dict[str, Answer]) -> None:
        self.answers = answers
        self.problems: list[ReportProblem] = []

    def answer(self, field: FormField) -> str:
        found = self.answers.get(field.id)
        return found.text if found else ""

    def problem(self, field: FormField, message: str, offset: int = 0) -> None:
        found = self.answers.get(field.id)
        line = (found.line if found else 1) + offset
        self.problems.append(ReportProblem(line, field.id, field.label, message))

    def required(self, field: FormField, hint: str) -> str | None:
        """The answer, or None after a problem saying it is empty."""
        text = self.answer(field)
        if field.id in self.answers and not text:
            self.problem(field, f"belum diisi. {hint}")
            return None
        return text or None


def _city_of(root: Path, checker: _Checker, several: bool) -> str | None:
    """The slug of the report's region: the only one, or the one chosen in the form."""
    files = city_files(root)
    if not several:
        return next(iter(files))
    choice = checker.required(REGION, "Pilih daerah tempat program berjalan.")
    if choice is None:
        return None
    names: dict[str, str] = {}
    for slug, file in files.items():
        try:
            data = read_document(file, file.name).data
        except ReadFailed:
            continue
        name = data.get("name") if isinstance(data, dict) else None
        names[str(name or slug)] = slug
    for name, slug in names.items():
        if same_name(choice, name) or same_name(choice, slug):
            return slug
    checker.problem(REGION, f"{shown(choice)} bukan daerah dalam rencana ini. Pilih salah satu: {', '.join(names)}.")
    return None


def _program(checker: _Checker, data: CityData) -> ProgramFile | None:
    code = checker.required(PROGRAM, "Tulis kode program seperti tertera di halaman program, misalnya GOV-01.")
    if code is None:
        return None
    code = code.strip().strip("[]`").strip()
    if len(code) > 40 or not _CODE.match(code):
        checker.problem(
            PROGRAM,
            f"{shown(code)} bukan kode program. Kode program terdiri atas huruf, angka dan tanda hubung, "
            "misalnya GOV-01; salin dari halaman program.",
        )
        return None
    found = next((entry for entry in data.programs if entry.program.id.lower() == code.lower()), None)
    if found is None:
        checker.problem(
            PROGRAM,
            f"tidak ada program berkode {shown(code)} dalam {data.city.plan.title}. "
            "Periksa kodenya di halaman program, misalnya GOV-01.",
        )
    return found


def _status(checker: _Checker) -> str | None:
    choice = checker.required(STATUS, f"Pilih salah satu: {', '.join(STATUS_OPTIONS.values())}.")
    if choice is None:
        return None
    for key, label in STATUS_OPTIONS.items():
        if same_name(choice, label) or same_name(choice, key):
            return key
    checker.problem(
        STATUS, f"{shown(choice)} bukan pilihan status. Pilih salah satu: {', '.join(STATUS_OPTIONS.values())}."
    )
    return None


def _progress(checker: _Checker) -> int | None:
    hint = "Tulis angka bulat dari 0 sampai 100, tanpa tanda persen, misalnya 20."
    written = checker.required(PROGRESS, hint)
    if written is None:
        return None
    text = written.strip().removesuffix("%").strip()
    if not _NUMBER.match(text):
        checker.problem(PROGRESS, f"{shown(written)} bukan angka. {hint}")
        return None
    if not re.fullmatch(r"-?\d+", text):
        checker.problem(PROGRESS, f"{shown(written)} bukan angka bulat. Bulatkan, lalu tulis tanpa koma, misalnya 20.")
        return None
    value = int(text)
    if not 0 <= value <= 100:
        checker.problem(PROGRESS, f"{value} di luar rentang 0–100. Tulis angka dari 0 sampai 100.")
        return None
    return value


def _status_and_progress(checker: _Checker, status: str | None, progress: int | None) -> None:
    if status == "completed" and progress is not None and progress < 100:
        checker.problem(
            PROGRESS,
            f"program berstatus Selesai berarti progres 100 %, tetapi tertulis {progress}. "
            "Tulis 100, atau pilih status Berjalan bila program belum selesai.",
        )
    elif status == "planned" and progress:
        checker.problem(
            PROGRESS,
            f"program berstatus Direncanakan belum punya kemajuan, tetapi tertulis {progress}. "
            "Pilih status Berjalan, atau tulis 0.",
        )


def _not_on_calendar(written: str, fault: CalendarFault) -> str:
    """31/02/2025: why the calendar lacks it, and what to check (the report's form is in Indonesian)."""
    if fault.swapped is not None:
        return (
            f"{written} tidak ada di kalender: tidak ada bulan {fault.month}. Tanggal ditulis "
            f"tahun-bulan-tanggal: jika maksudnya tanggal {fault.swapped[8:]} bulan {fault.swapped[5:7]}, "
            f"tulis {fault.swapped}."
        )
    if fault.last_day is None:
        return f"{written} tidak ada di kalender: tidak ada bulan {fault.month}. Periksa bulannya."
    return (
        f"{written} tidak ada di kalender: bulan {fault.month:02d} tahun {fault.year} hanya sampai tanggal "
        f"{fault.last_day}. Periksa tanggal dan bulannya."
    )


def _day(checker: _Checker, program: Program | None, today: date) -> date | None:
    example = "format tahun-bulan-tanggal (YYYY-MM-DD), misalnya 2025-03-02"
    written = checker.required(DATE, f"Tulis tanggal kegiatan dengan {example}.")
    if written is None:
        return None
    text = written.strip()
    if not _DAY.match(text):
        if typed := typed_day(text):  # 2 Maret 2025, 02/03/2025: the day is known, only its spelling is not
            checker.problem(DATE, f"{shown(written)} belum ditulis dengan format tahun-bulan-tanggal. Tulis {typed}.")
        elif fault := calendar_fault(text):
            checker.problem(DATE, _not_on_calendar(shown(written), fault))
        else:
            checker.problem(DATE, f"{shown(written)} bukan tanggal yang dikenali. Tulis dengan {example}.")
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        fault = calendar_fault(text)
        checker.problem(DATE, _not_on_calendar(text, fault) if fault else f"{text} tidak ada di kalender.")
        return None
    # Indonesia is 7 to 9 hours ahead of the UTC date the workflow runs by: tomorrow in UTC is fine.
    if day > today + timedelta(days=1):
        checker.problem(
            DATE,
            f"{text} masih di masa depan (hari ini {today.isoformat()}). "
            "Laporkan kegiatan yang sudah terjadi, dengan tanggal kegiatannya.",
        )
        return None
    if program is not None and day.year < program.period.start:
        checker.problem(
            DATE,
            f"{text} lebih awal dari tahun mulai program ({program.period.start}). Periksa tahunnya.",
        )
        return None
    return day


def _activity(checker: _Checker) -> str | None:
    text = checker.required(ACTIVITY, "Ceritakan singkat apa yang dikerjakan dan hasilnya.")
    if text is None:
        return None
    bad = _CONTROL.search(text)
    if bad:
        checker.problem(
            ACTIVITY,
            f"memuat karakter tak terlihat (U+{ord(bad.group()):04X}) yang tidak boleh ada dalam data. "
            "Ketik ulang bagian itu, atau tempel teksnya sebagai teks biasa.",
        )
        return None
    text = unicodedata.normalize("NFC", "\n".join(line.rstrip() for line in text.split("\n")))
    try:
        Update.model_validate({"date": "2000-01-01", "text": text})
    except ValidationError as error:
        detail = error.errors()[0]
        if detail["type"] == "string_too_long":
            limit = detail.get("ctx", {}).get("max_length", 0)
            checker.problem(
                ACTIVITY,
                f"panjangnya {thousands(len(text))} karakter; paling banyak {thousands(limit)}. "
                "Ringkas uraiannya; rincian dapat dilampirkan sebagai tautan.",
            )
        elif detail["type"] == "too_many_brackets":
            limit = detail.get("ctx", {}).get("limit", 0)
            checker.problem(
                ACTIVITY,
                f"memuat {text.count('[')} tanda `[`; paling banyak {limit}. Kurangi tautan atau tanda kurung siku.",
            )
        else:
            checker.problem(ACTIVITY, "tidak dapat disimpan sebagai teks. Tulis ulang sebagai teks biasa.")
        return None
    return text


def _milestones(checker: _Checker, program: Program) -> tuple[int, ...]:
    answer = checker.answer(MILESTONES)
    reached: list[int] = []
    for offset, name in milestone_lines(answer):
        if not program.milestones:
            checker.problem(
                MILESTONES,
                f"program {program.id} tidak punya daftar tahapan. Kosongkan isian ini, "
                "dan ceritakan kemajuannya di «Kegiatan yang dilakukan».",
                offset,
            )
            break
        index = next((i for i, m in enumerate(program.milestones) if same_name(m.name, name)), None)
        if index is None:
            open_names = [m.name for m in program.milestones if not m.done] or [m.name for m in program.milestones]
            checker.problem(
                MILESTONES,
                f"tidak ada tahapan bernama {shown(name, 60)} di program {program.id}. "
                f"Salin namanya persis dari halaman program: {'; '.join(open_names)}.",
                offset,
            )
        elif not program.milestones[index].done and index not in reached:
            reached.append(index)
    return tuple(reached)


def _indicator_value(text: str) -> int | float | None:
    """72 / 72,5 / 72.5; None for anything else, including 1.234 (a thousands separator or a decimal?)."""
    if not _NUMBER.match(text) or re.fullmatch(r"-?\d{1,3}\.\d{3}", text):
        return None
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return float(text.replace(",", "."))


def _indicators(checker: _Checker, program: Program) -> tuple[tuple[int, int | float], ...]:
    answer = checker.answer(INDICATORS)
    values: dict[int, int | float] = {}
    for offset, name, written in indicator_lines(answer):
        if not program.indicators:
            checker.problem(
                INDICATORS,
                f"program {program.id} tidak punya indikator. Kosongkan isian ini.",
                offset,
            )
            break
        if not written:
            checker.problem(
                INDICATORS,
                f"baris {shown(name, 60)} tidak berbentuk `Nama indikator: angka`. "
                "Tulis nama indikator, titik dua, lalu angka capaiannya, misalnya `Aduan selesai: 85`.",
                offset,
            )
            continue
        index = next((i for i, item in enumerate(program.indicators) if same_name(item.name, name)), None)
        if index is None:
            names = "; ".join(item.name for item in program.indicators)
            checker.problem(
                INDICATORS,
                f"tidak ada indikator bernama {shown(name, 60)} di program {program.id}. "
                f"Salin namanya persis dari halaman program: {names}.",
                offset,
            )
            continue
        value = _indicator_value(written.removesuffix("%").strip())
        if value is None:
            checker.problem(
                INDICATORS,
                f"{shown(written)} bukan angka. Tulis angka saja, tanpa satuan dan tanpa pemisah ribuan; "
                "desimal dengan koma, misalnya 72,5.",
                offset,
            )
            continue
        values[index] = value
    return tuple(sorted(values.items()))


@dataclass(frozen=True)
class ReportCheck:
    """A report checked: ready to apply, or its problems (the agency's, or the data's for maintainers)."""

    report: ProgressReport | None
    problems: list[ReportProblem]
    data_errors: list[Problem]  # the city's data does not pass `make check`: nothing can be applied
    city: City | None = None  # the region reported on, once known (it says who may report)


def check_report(root: Path, event: IssueEvent, today: date) -> ReportCheck:
    """The report in `event` checked against the program it names; every problem in the order of the form."""
    if len(event.body) > MAX_BODY_CHARS:
        problem = ReportProblem(
            1,
            WHOLE_REPORT.id,
            WHOLE_REPORT.label,
            f"laporan ini panjangnya {thousands(len(event.body))} karakter; paling banyak "
            f"{thousands(MAX_BODY_CHARS)}. Ringkas uraiannya.",
        )
        return ReportCheck(None, [problem], [])
    several = len(city_files(root)) > 1
    answers, problems = read_answers(event.body, form_fields(several))
    checker = _Checker(answers)
    checker.problems += problems
    slug = _city_of(root, checker, several) if city_files(root) else None
    data: CityData | None = None
    if slug:
        data, loaded = load_city(root, slug)
        if data is None or errors_in(loaded):  # a program with errors is left out of `data`
            return ReportCheck(None, [], errors_in(loaded) or loaded)
    entry = _program(checker, data) if data is not None else None
    program = entry.program if entry is not None else None
    status, progress = _status(checker), _progress(checker)
    _status_and_progress(checker, status, progress)
    day = _day(checker, program, today)
    text = _activity(checker)
    milestones = _milestones(checker, program) if program is not None else ()
    indicators = _indicators(checker, program) if program is not None else ()
    found = sorted(checker.problems)
    if found or data is None or entry is None or status is None or progress is None or day is None or text is None:
        return ReportCheck(None, found, [], data.city if data else None)
    report = ProgressReport(
        event.number, event.author, data.slug, entry.program, entry, status, progress, day, text, milestones, indicators
    )
    return ReportCheck(report, [], [], data.city)


def apply_report(report: ProgressReport) -> str:
    """The program file's text with the report applied; raises YamlEditError when it cannot be done safely.

    The text comes back unchanged when the file already says everything the report says.
    """
    document = report.source.document
    program = report.program
    editor = YamlEditor(document.text, document.path)
    day = report.day.isoformat()
    if report.status != program.status:
        editor.set_value(("status",), report.status)
    if report.progress != program.progress:
        editor.set_value(("progress",), report.progress)
    for index in report.milestones:
        editor.set_value(("milestones", index, "done"), day)
    for index, value in report.indicators:
        if program.indicators[index].actual != value:
            editor.set_value(("indicators", index, "actual"), value)
    # A report edited again after it was applied must not log the same news twice.
    if not any(update.date == report.day and update.text == report.text for update in program.updates):
        editor.append(("updates",), {"date": day, "text": report.text})
    if not editor.changed:
        return document.text
    if report.issue not in program.issues:
        editor.append(("issues",), report.issue)
    if program.reviewed is None or program.reviewed < report.day:
        editor.set_value(("reviewed",), day)
    return editor.result()
