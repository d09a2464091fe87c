"""`python -m macros report`: a progress report issue, applied to the data or answered.

The workflow `.github/workflows/progress-report.yml` runs this command on every report
issue that is opened or edited, and acts on what it writes into its output folder:

- `result`: `pull-request` (the program's file was changed and passes `make check`),
  `comment` (the report was not applied: `comment.md` says why, in Indonesian) or
  `ignore` (not a progress report, or a closed issue);
- `comment.md`, or `title.txt`, `body.md`, `commit.txt`, `branch.txt` and `files.txt`
  (the changed files, one per line) for the pull request.

The workflow passes these files to `gh` as files or quoted variables; nothing from the
issue is ever part of a command line it runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from macros.data.edit.editor import YamlEditError
from macros.data.language.catalog import Catalog
from macros.data.plan.assemble import check_data
from macros.data.plan.load import shown_path
from macros.data.plan.problems import Problem, errors_in
from macros.data.reports.form import ReportProblem, is_report
from macros.data.reports.report import (
    STATUS_OPTIONS,
    IssueEvent,
    ProgressReport,
    ReportCheck,
    apply_report,
    check_report,
    may_report,
)
from macros.publish.markdown_text import markdown_text

Result = Literal["pull-request", "comment", "ignore"]
BRANCH_PREFIX = "laporan-kemajuan/"
ACTIONS = ("opened", "edited")

# The one-line outcome the maintainer reads in the workflow's log (agencies read `comment.md`,
# always in Indonesian: they are citizens of the region, not maintainers of the site).
_SAY = Catalog(
    "publish.progress_report",
    {
        "applied": (
            "{path}: laporan di isu #{issue} diterapkan ke {program}",
            "{path}: the report of issue #{issue} applied to {program}",
        ),
        "ignored": (
            "isu #{issue}: bukan laporan kemajuan yang terbuka; tidak ada yang dikerjakan",
            "issue #{issue}: not an open progress report; nothing to do",
        ),
        "data_errors": ("data memuat galat: perbaiki lebih dulu", "the data has errors: fix them first"),
        "not_a_reporter": (
            "{author} (peran: {role}) tidak termasuk pelapor {city}",
            "{author} (role: {role}) is not among the reporters of {city}",
        ),
        "report_problems": ("{count} masalah dalam laporan", "{count} problem(s) in the report"),
        "cannot_edit": ("tidak dapat menyunting: {error}", "cannot edit: {error}"),
        "unchanged": (
            "data sudah menyatakan isi laporan ini",
            "the data already says what the report says",
        ),
        "edited_data_errors": ("data yang disunting memuat galat", "the edited data has errors"),
    },
)


@dataclass(frozen=True)
class Outcome:
    result: Result
    summary: str  # one line for the log
    comment: str = ""
    title: str = ""
    body: str = ""
    commit: str = ""
    branch: str = ""
    files: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())  # `path:line:column: field: message`, for the log

    @property
    def exit_status(self) -> int:
        """0: applied or nothing to do; 1: not applied, the comment says why."""
        return 1 if self.result == "comment" else 0


def _problem_line(event: IssueEvent, problem: ReportProblem) -> str:
    return f"issue#{event.number}:{problem.line}:1: {problem.field}: {problem.message}"


# ---------------------------------------------------------------- comments, in Indonesian


def _problems_comment(problems: list[ReportProblem]) -> str:
    items = "\n".join(f"- **{markdown_text(problem.label)}**: {problem.message}" for problem in problems)
    return (
        "Terima kasih atas laporannya. Laporan ini belum dapat diterapkan karena ada yang perlu diperbaiki:\n\n"
        f"{items}\n\n"
        "Sunting laporan ini (menu **···** di kanan atas laporan, lalu **Edit**), perbaiki isian di atas, "
        "lalu simpan. Pemeriksaan berjalan lagi setiap kali laporan disimpan.\n"
    )


def _not_listed_comment(author: str) -> str:
    return (
        f"Terima kasih, @{author}. Laporan kemajuan diterapkan otomatis ke data rencana hanya bila dikirim "
        "dari akun yang didaftarkan tim pengelola sebagai pelapor perangkat daerah. Akun ini belum terdaftar, "
        "jadi laporan ini tidak diubah menjadi usulan perubahan data.\n\n"
        "Laporan Anda tetap tersimpan di sini dan akan dibaca tim pengelola. Bila Anda mewakili perangkat daerah "
        "penanggung jawab program, mintalah tim pengelola menambahkan akun GitHub Anda ke daftar `reporters` "
        "pada berkas daerah; sesudah itu, sunting dan simpan laporan ini sekali lagi.\n"
    )


def _maintainers_comment(reason: str, lines: list[str]) -> str:
    details = "\n".join(lines)
    fence = "~~~~"
    return (
        f"Terima kasih atas laporannya. {reason} Tim pengelola perlu memperbaikinya lebih dulu; laporan ini "
        "akan diperiksa lagi bila Anda menyuntingnya sesudah itu.\n\n"
        f"Untuk tim pengelola:\n\n{fence}text\n{details}\n{fence}\n"
    )


def _unchanged_comment() -> str:
    return "Terima kasih. Data program sudah sesuai dengan laporan ini; tidak ada yang perlu diubah.\n"


# ---------------------------------------------------------------- the pull request


def _changes_table(report: ProgressReport) -> str:
    program = report.program
    rows = [("Status", STATUS_OPTIONS[program.status], STATUS_OPTIONS[report.status])]
    before_progress = program.progress_percent
    shown = "belum dilaporkan" if before_progress is None else f"{before_progress} %"
    rows.append(("Progres", shown, f"{report.progress} %"))
    for index, value in report.indicators:
        indicator = program.indicators[index]
        before = "belum dilaporkan" if indicator.actual is None else f"{indicator.actual}"
        rows.append((f"Capaian: {markdown_text(indicator.name)}", before, f"{value}"))
    for index in report.milestones:
        rows.append((f"Tahapan: {markdown_text(program.milestones[index].name)}", "belum", report.day.isoformat()))
    lines = ["| | Sebelum | Sesudah |", "|---|---|---|"]
    lines += [f"| {name} | {before} | {after} |" for name, before, after in rows]
    if before_progress is not None and report.progress < before_progress:
        lines.append(
            f"\n**Perhatian:** progres turun dari {before_progress} % menjadi {report.progress} %; "
            "pastikan angka ini benar sebelum menggabungkan."
        )
    return "\n".join(lines)


def _pull_request(report: ProgressReport, changed: str) -> Outcome:
    program = report.program
    title = f"Laporan kemajuan {program.id} (#{report.issue})"
    body = (
        f"Laporan kemajuan dari @{report.author} di #{report.issue} untuk "
        f"**{markdown_text(program.id)} {markdown_text(program.title)}**, tanggal {report.day.isoformat()}.\n\n"
        f"{_changes_table(report)}\n\n"
        f"Laporan ditambahkan ke `updates:` dan nomor #{report.issue} ke `issues:` pada `{changed}`; "
        "`reviewed:` menjadi tanggal laporan. Berkas ini lolos pemeriksaan `make check`.\n\n"
        "Periksa perubahannya, lalu gabungkan (*merge*) bila sudah benar; situs diperbarui sesudahnya.\n\n"
        f"Closes #{report.issue}\n"
    )
    commit = f"{title}\n\nDari laporan kemajuan di #{report.issue}.\n"
    return Outcome(
        "pull-request",
        _SAY.say("applied", path=changed, issue=report.issue, program=program.id),
        title=title,
        body=body,
        commit=commit,
        branch=f"{BRANCH_PREFIX}{report.issue}",
        files=(changed,),
    )


# ---------------------------------------------------------------- the command


def _validated(root: Path, report: ProgressReport, text: str, today: date) -> list[Problem]:
    """Write the edited file and check the city's data as `make check` does; on errors, put it back."""
    path = root / report.source.document.path
    original = path.read_bytes()
    path.write_text(text, encoding="utf-8", newline="")
    _, problems = check_data(root, report.slug, today)
    errors = errors_in(problems)
    if errors:
        path.write_bytes(original)
    return errors


def _comment(summary: str, comment: str, lines: list[str] | tuple[str, ...] = ()) -> Outcome:
    return Outcome("comment", summary, comment, problems=tuple(lines))


def run_report(root: Path, event: IssueEvent, role: str, today: date) -> Outcome:
    """Apply the report in `event` to the data under `root` (the file is changed only on success)."""
    if event.action not in ACTIONS or event.state != "open" or not is_report(event.body):
        return Outcome("ignore", _SAY.say("ignored", issue=event.number))
    check: ReportCheck = check_report(root, event, today)
    if check.data_errors:
        lines = [str(problem) for problem in check.data_errors]
        reason = "Data rencana saat ini tidak lolos pemeriksaan, jadi laporan belum dapat diterapkan."
        return _comment(_SAY.say("data_errors"), _maintainers_comment(reason, lines), lines)
    if check.city is not None and not may_report(check.city, event.author, role):
        summary = _SAY.say("not_a_reporter", author=event.author, role=role, city=check.city.name)
        return _comment(summary, _not_listed_comment(event.author))
    if check.report is None:
        lines = [_problem_line(event, problem) for problem in check.problems]
        return _comment(_SAY.say("report_problems", count=len(lines)), _problems_comment(check.problems), lines)
    report = check.report
    try:
        text = apply_report(report)
    except YamlEditError as error:
        reason = "Berkas data program ditulis dengan cara yang tidak dapat disunting otomatis."
        return _comment(_SAY.say("cannot_edit", error=error), _maintainers_comment(reason, [str(error)]), [str(error)])
    if text == report.source.document.text:
        return _comment(_SAY.say("unchanged"), _unchanged_comment())
    errors = _validated(root, report, text, today)
    if errors:
        lines = [str(problem) for problem in errors]
        reason = "Sesudah laporan diterapkan, data rencana tidak lolos pemeriksaan."
        return _comment(_SAY.say("edited_data_errors"), _maintainers_comment(reason, lines), lines)
    return _pull_request(report, shown_path(root / report.source.document.path, root))


def write_outcome(outcome: Outcome, folder: Path) -> None:
    """The files the workflow reads (see the module's docstring); a file that does not apply is left out."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "result": outcome.result + "\n",
        "comment.md": outcome.comment,
        # One-line files end with a line break: the workflow reads them with `read -r`.
        "title.txt": outcome.title and outcome.title + "\n",
        "body.md": outcome.body,
        "commit.txt": outcome.commit,
        "branch.txt": outcome.branch and outcome.branch + "\n",
        "files.txt": "".join(f"{name}\n" for name in outcome.files),
    }
    for name, text in files.items():
        target = folder / name
        if text:
            target.write_text(text, encoding="utf-8", newline="\n")
        elif target.exists():
            target.unlink()
