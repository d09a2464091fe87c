"""Peta Jalan: every program as a bar on the plan's year axis, a list per dimension.

Drawn at build time as HTML that reflows: on a wide screen each program is one row,
its name on the left and its bar on the right; on a phone its name, then its status
and years in words, then its bar across the whole width. No chart ever needs a
sideways scroll, and the browser runs no chart code. Each row is a link whose name is
its visible text (code, title, status, years), so keyboard and screen reader users
walk the chart as a list; a table under each chart gives the same facts. Status
shows as a colour, a fill pattern and a word, so no one needs colour to read it; the
colours and patterns are in `docs/assets/rencana.css` (`--rc-status-*`), for the
light and dark schemes.
"""

from __future__ import annotations

from datetime import date

from macros.data.plan.assemble import Plan
from macros.data.plan.model import STATUSES, Program
from macros.render.html import esc, program_link, program_url, relative, table
from macros.render.standing import flags
from macros.render.text import STATUS_LABELS, progress_text, years

# Beyond this many years, a phone labels every other year of the axis (each row says its own years).
YEARS_LABELLED_ON_A_PHONE = 9


def _percent(value: float) -> str:
    """A position on the axis as CSS: at most two decimals, the same figures giving the same bytes."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return ("0" if text in ("-0", "") else text) + "%"


def bar_position(start: int, end: int, first: int, last: int) -> tuple[str, str]:
    """Left edge and width of the bar for the years `start`–`end` on the axis `first`–`last`, as percentages."""
    span = last + 1 - first
    return _percent(100 * (start - first) / span), _percent(100 * (end + 1 - start) / span)


def today_position(today: date, first: int, last: int) -> str | None:
    """Where today falls on the axis, or None outside it."""
    if not first <= today.year <= last:
        return None
    fraction = (today.timetuple().tm_yday - 1) / (366 if today.year % 4 == 0 else 365)
    return _percent(100 * (today.year + fraction - first) / (last + 1 - first))


def _bar(status: str, left: str = "", width: str = "") -> str:
    style = f' style="left:{left};width:{width}"' if left else ""
    return f'<span class="rc-roadmap__bar rc-roadmap__bar--{esc(status)}"{style}></span>'


def _row(base: str, program: Program, first: int, last: int) -> str:
    left, width = bar_position(program.period.start, program.period.end, first, last)
    href = esc(relative(base, program_url(program)))
    return (
        f'<li><a class="rc-roadmap__link" href="{href}">'
        f'<span class="rc-roadmap__name"><span class="rc-id">{esc(program.id)}</span> {esc(program.title)}</span>'
        f' <span class="rc-roadmap__when">{esc(STATUS_LABELS[program.status])} · '
        f"{years(program.period.start, program.period.end)}</span>"
        f'<span class="rc-roadmap__track" aria-hidden="true">{_bar(program.status, left, width)}</span>'
        f"</a></li>"
    )


def roadmap_chart(plan: Plan, base: str, dimension_key: str) -> str:
    """One dimension's programs on the shared year axis, as a list of linked rows."""
    programs = plan.programs_in(dimension_key)
    axis = plan.axis_years
    first, last = axis.start, axis.stop - 1
    label = plan.dimensions[dimension_key].label
    today = today_position(plan.today, first, last)
    style = f"--rc-years:{len(axis)}" + (f";--rc-today:{today}" if today else "")
    dense = " rc-roadmap__years--dense" if len(axis) > YEARS_LABELLED_ON_A_PHONE else ""
    labels = "".join(f"<span>{year}</span>" for year in axis)
    rows = "".join(_row(base, program, first, last) for program in programs)
    today_class = " rc-roadmap__chart--today" if today else ""
    return (
        f'<div class="rc-roadmap__chart{today_class}" style="{style}">'
        f'<div class="rc-roadmap__axis" aria-hidden="true"><span class="rc-roadmap__years{dense}">{labels}</span></div>'
        f'<ol class="rc-roadmap__rows" aria-label="Peta jalan {esc(label)}: {len(programs)} program, '
        f'{years(first, last)}">{rows}</ol></div>'
    )


def _table(plan: Plan, base: str, dimension_key: str) -> str:
    rows = [
        [
            program_link(base, program),
            years(program.period.start, program.period.end),
            esc(STATUS_LABELS[program.status]),
            progress_text(program.progress_percent),
            flags(plan, program).strip(),
        ]
        for program in plan.programs_in(dimension_key)
    ]
    caption = f"Program {plan.dimensions[dimension_key].label} per tahun"
    return table(caption, ["Program", "Tahun", "Status", "Progres", "Pemantauan"], rows, numeric=[3])


def legend() -> str:
    items = [
        f'<li><span class="rc-roadmap__swatch" aria-hidden="true">{_bar(status)}</span> '
        f"{esc(STATUS_LABELS[status])}</li>"
        for status in STATUSES
    ]
    return (
        f'<ul class="rc-roadmap__legend" aria-label="Arti warna dan pola">{"".join(items)}'
        f'<li><span class="rc-roadmap__today-swatch" aria-hidden="true"></span> Hari ini</li></ul>'
    )


def roadmap(plan: Plan, base: str) -> str:
    """The whole roadmap page body: legend, a jump list, and a chart and table per dimension."""
    jumps = "".join(
        f'<li><a href="#{esc(key)}">{esc(dimension.label)}</a></li>' for key, dimension in plan.dimensions.items()
    )
    sections = []
    for key, dimension in plan.dimensions.items():
        programs = plan.programs_in(key)
        if programs:
            body = (
                f"{roadmap_chart(plan, base, key)}"
                f'<details class="rc-roadmap__details"><summary>Tabel program {esc(dimension.label)}</summary>'
                f"{_table(plan, base, key)}</details>"
            )
        else:
            body = '<p class="rc-empty">Belum ada program.</p>'
        sections.append(
            f'<section class="rc-roadmap" aria-labelledby="{esc(key)}" style="--rc-accent:{esc(dimension.color)}">'
            f'<h2 id="{esc(key)}">{esc(dimension.label)} <span class="rc-roadmap__count">'
            f"{len(programs)} program</span></h2>{body}</section>"
        )
    return (
        f'<div class="rc-roadmap-page">{legend()}'
        # Not "Dimensi": the site's navigation already has a menu of that name.
        f'<nav class="rc-jump" aria-label="Loncat ke dimensi"><ul>{jumps}</ul></nav>{"".join(sections)}</div>'
    )
