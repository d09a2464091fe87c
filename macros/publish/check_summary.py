"""The job summary of a check in GitHub Actions: the same lines `make check` prints, under a heading.

GitHub shows the Markdown appended to `$GITHUB_STEP_SUMMARY` on the run's page; a maintainer who
opens a failed Check or Publish run reads there, in the run's language, what to fix.
"""

from __future__ import annotations

from macros.data.language.catalog import Catalog
from macros.data.plan.problems import Problem, errors_in, summary

_SAY = Catalog(
    "publish.check_summary",
    {
        "failed": ("Pemeriksaan data: ada galat", "Data check: errors found"),
        "passed": ("Pemeriksaan data: lolos", "Data check: passed"),
        "how": (
            "Setiap baris menyebut berkas, baris, dan kolom, lalu apa yang harus ditulis; "
            "perbaiki berkasnya, lalu jalankan `make check` di komputer Anda atau kirim perubahan lagi.",
            "Each line names the file, line and column, then what to write instead; "
            "fix the files, then run `make check` on your computer or push again.",
        ),
    },
)


def check_summary(problems: list[Problem]) -> str:
    """Markdown for `$GITHUB_STEP_SUMMARY`; the lines sit in a fenced block, so no data reads as Markdown."""
    heading = _SAY.say("failed" if errors_in(problems) else "passed")
    lines = [str(problem) for problem in problems]
    fence = "`" * max(3, *(_longest_backtick_run(line) + 1 for line in lines)) if lines else "```"
    parts = [f"## {heading}", ""]
    if lines:
        parts += [_SAY.say("how"), "", fence, *lines, fence, ""]
    parts += [summary(problems), ""]
    return "\n".join(parts)


def _longest_backtick_run(line: str) -> int:
    longest = current = 0
    for character in line:
        current = current + 1 if character == "`" else 0
        longest = max(longest, current)
    return longest
