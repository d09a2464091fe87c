"""The computed facts of a program in words: late, overdue milestones, silence, and the run's date.

One wording for every page kind (program page, cards, OPD, Cetak, roadmap, Pemantauan),
so that a program is "melewati jadwal" in the same words wherever it is listed.
"""

from __future__ import annotations

from datetime import date

from macros.data.plan.assemble import Plan
from macros.data.plan.model import Program
from macros.data.plan.standing import Standing
from macros.render.html import esc
from macros.render.text import long_date

LATE = "Melewati jadwal"
OVERDUE = "Tahapan melewati jadwal"
SILENT = "Belum ada laporan baru"


def late_text(program: Program) -> str:
    return f"{LATE}: tahun terakhirnya {program.period.end}"


def overdue_text(standing: Standing) -> str:
    count = len(standing.overdue)
    return f"{count} tahapan melewati jadwal"


def silent_text(program: Program, standing: Standing) -> str:
    """ "Belum ada laporan sejak 3 Maret 2024", or since the program's first year when it never reported."""
    if standing.last_report is not None:
        return f"Belum ada laporan sejak {long_date(standing.last_report)}"
    return f"Belum ada laporan sejak program dimulai ({program.period.start})"


def flag_texts(plan: Plan, program: Program) -> list[tuple[str, str]]:
    """(css modifier, words) of each computed fact that holds for `program`, in a fixed order."""
    standing = plan.standing(program)
    texts = []
    if standing.late:
        texts.append(("late", late_text(program)))
    if standing.overdue and program.status not in ("completed", "stopped"):
        texts.append(("overdue", overdue_text(standing)))
    if standing.silent:
        texts.append(("silent", silent_text(program, standing)))
    return texts


def flags(plan: Plan, program: Program) -> str:
    """The facts as small labels beside a status badge, or nothing."""
    texts = flag_texts(plan, program)
    if not texts:
        return ""
    items = "".join(f'<span class="rc-flag rc-flag--{css}">{esc(words)}</span>' for css, words in texts)
    # Not indexed as words (they would fill every result's excerpt): the Pemantauan filter finds them.
    return f' <span class="rc-flags" data-pagefind-ignore>{items}</span>'


# Where a cached page says "Data per …" (macros.site.page_cache): the run's date changes every
# day, the page does not, so the words are filled in when the page is written. An HTML comment:
# everything from the data is escaped, so data never forms it.
AS_OF_SLOT = "<!-- rc-data-per -->"


def as_of(day: date) -> str:
    """ "Data per 6 Desember 2026": the day late and silent are reckoned from."""
    return f"Data per {long_date(day)}"
