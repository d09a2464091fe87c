"""The "Laporkan kemajuan" link of a program page: the progress report form, pre-filled.

It is meant for the agency (OPD) that runs the program and stands apart from the
citizens' feedback block. GitHub fills each form field from the query parameter named
by its id (`macros.data.reports.form`): the program's code, its current status and
progress, its open milestones as unticked tasks, and one `Name: ` line per indicator.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from macros.data.plan.model import Program
from macros.data.reports.form import (
    INDICATORS,
    MILESTONES,
    PROGRAM,
    PROGRESS,
    REGION,
    REPORT_FORM_FILE,
    STATUS,
    indicators_prefill,
    milestones_prefill,
)
from macros.data.reports.report import STATUS_OPTIONS
from macros.render.html import esc


def report_url(repository: str, program: Program, region: str | None = None) -> str:
    """The report form of `repository` for `program`; `region` (its name) where the repository has several."""
    parameters = {"template": REPORT_FORM_FILE, "title": f"Laporan kemajuan {program.id}"}
    if region is not None:
        parameters[REGION.id] = region
    parameters[PROGRAM.id] = program.id
    parameters[STATUS.id] = STATUS_OPTIONS[program.status]
    if program.progress_percent is not None:  # an unknown figure is left for the agency to write
        parameters[PROGRESS.id] = str(program.progress_percent)
    for field, value in ((MILESTONES, milestones_prefill(program)), (INDICATORS, indicators_prefill(program))):
        if value:
            parameters[field.id] = value
    return f"https://github.com/{repository}/issues/new?{urlencode(parameters, quote_via=quote)}"


def report_link(repository: str | None, program: Program, region: str | None = None) -> str:
    """The agencies' line at the end of a program page; nothing without a GitHub repository."""
    if repository is None:
        return ""
    # Search skips it: the same words on every program page would make each a hit for "laporan".
    return (
        '<p class="rc-report" data-pagefind-ignore><span class="rc-report__who">Untuk perangkat daerah '
        "penanggung jawab:</span> "
        f'<a href="{esc(report_url(repository, program, region))}" rel="noopener noreferrer">Laporkan kemajuan'
        '<span class="rc-visually-hidden"> program ini (di GitHub)</span>'
        '<span class="rc-button__icon" aria-hidden="true">↗</span></a></p>'
    )
