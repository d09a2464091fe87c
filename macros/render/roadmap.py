"""Peta Jalan: every program as a bar on the plan's year axis, one SVG per dimension.

Drawn at build time; the browser runs no chart code. Each row (label and bar) is a link
to the program, named by its visible text plus status and years, so keyboard and screen
reader users can walk the chart; a table under each chart gives the same facts. Status
shows as a colour, a fill pattern and a word, so no one needs colour to read it.
Colours come from CSS (`--rc-status-*`), which sets them for the light and dark schemes.
"""

from __future__ import annotations

from datetime import date

from macros.data.model import STATUSES, Program
from macros.data.plan import Plan
from macros.render.charts import svg_number
from macros.render.html import esc, program_link, program_url, relative, table
from macros.render.text import STATUS_LABELS, years

WIDTH = 720
PAD = 6
AXIS_HEIGHT = 26
ROW_HEIGHT = 44
FOOT_HEIGHT = 22
BAR_TOP, BAR_HEIGHT = 22, 14
TITLE_CHARS = 64  # beyond this a title is cut with "…" in the drawing (never in its link name or table)

# One set of fill patterns for the whole page, referenced by every chart and the legend.
PATTERNS = (
    '<svg class="rc-roadmap__defs" aria-hidden="true" focusable="false" width="0" height="0"><defs>'
    '<pattern id="rc-pattern-ongoing" patternUnits="userSpaceOnUse" width="8" height="8" '
    'patternTransform="rotate(45)"><rect class="rc-roadmap__fill--ongoing" width="8" height="8"/>'
    '<rect class="rc-roadmap__stripe" width="3" height="8"/></pattern>'
    '<pattern id="rc-pattern-delayed" patternUnits="userSpaceOnUse" width="7" height="7">'
    '<rect class="rc-roadmap__fill--delayed" width="7" height="7"/>'
    '<path class="rc-roadmap__hatch" d="M0 0L7 7M7 0L0 7"/></pattern>'
    "</defs></svg>"
)


def _x(year: float, first: int, last: int) -> float:
    span = last + 1 - first
    return PAD + (year - first) * (WIDTH - 2 * PAD) / span


def bar_shape(status: str, x: float, y: float, width: float, height: float) -> str:
    """A status bar: the CSS class sets colour and pattern; a stopped bar is also struck through."""
    shape = (
        f'<rect class="rc-roadmap__bar rc-roadmap__bar--{status}" x="{svg_number(x)}" y="{svg_number(y)}" '
        f'width="{svg_number(width)}" height="{svg_number(height)}" rx="3"/>'
    )
    if status == "stopped":
        middle = svg_number(y + height / 2)
        shape += (
            f'<line class="rc-roadmap__strike" x1="{svg_number(x + 2)}" y1="{middle}" '
            f'x2="{svg_number(x + width - 2)}" y2="{middle}"/>'
        )
    return shape


def _short(title: str) -> str:
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"


def link_name(program: Program) -> str:
    """What a screen reader says for a bar: the visible text first, then status and years."""
    return (
        f"{program.id} {program.title}, {STATUS_LABELS[program.status]}, "
        f"{years(program.period.start, program.period.end)}"
    )


def _axis(first: int, last: int, height: int) -> str:
    step = 1 if (WIDTH - 2 * PAD) / (last + 1 - first) >= 40 else 2  # keep year labels from touching
    parts = []
    for year in range(first, last + 2):
        x = svg_number(_x(year, first, last))
        parts.append(
            f'<line class="rc-roadmap__grid" x1="{x}" y1="{AXIS_HEIGHT - 6}" x2="{x}" y2="{height - FOOT_HEIGHT}"/>'
        )
        if year <= last and (year - first) % step == 0:
            middle = svg_number(_x(year + 0.5, first, last))
            parts.append(
                f'<text class="rc-roadmap__year" x="{middle}" y="{AXIS_HEIGHT - 10}" text-anchor="middle">{year}</text>'
            )
    return "".join(parts)


def _today(today: date, first: int, last: int, height: int) -> str:
    """A dashed line where today falls, so that late and finished programs stand out (drawn under the rows)."""
    if not first <= today.year <= last:
        return ""
    fraction = (today.timetuple().tm_yday - 1) / (366 if today.year % 4 == 0 else 365)
    x = _x(today.year + fraction, first, last)
    anchor = "end" if x > WIDTH / 2 else "start"
    label_x = x - 4 if anchor == "end" else x + 4
    return (
        f'<line class="rc-roadmap__today" x1="{svg_number(x)}" y1="{AXIS_HEIGHT - 6}" '
        f'x2="{svg_number(x)}" y2="{height - 6}"/>'
        f'<text class="rc-roadmap__today-label" x="{svg_number(label_x)}" y="{height - 7}" '
        f'text-anchor="{anchor}">Hari ini</text>'
    )


def _row(base: str, program: Program, index: int, first: int, last: int) -> str:
    top = AXIS_HEIGHT + index * ROW_HEIGHT
    start, end = _x(program.period.start, first, last), _x(program.period.end + 1, first, last)
    href = esc(relative(base, program_url(program)))
    return (
        f'<a href="{href}" aria-label="{esc(link_name(program))}" class="rc-roadmap__link">'
        f'<rect class="rc-roadmap__row{" rc-roadmap__row--odd" if index % 2 else ""}" x="0" y="{top}" '
        f'width="{WIDTH}" height="{ROW_HEIGHT}"/>'
        f'<text class="rc-roadmap__label" x="{PAD}" y="{top + 16}">'
        f'<tspan class="rc-roadmap__id">{esc(program.id)}</tspan> {esc(_short(program.title))}'
        f'<tspan class="rc-roadmap__status"> · {esc(STATUS_LABELS[program.status])}</tspan></text>'
        f"{bar_shape(program.status, start, top + BAR_TOP, end - start, BAR_HEIGHT)}</a>"
    )


def roadmap_svg(plan: Plan, base: str, dimension_key: str) -> str:
    programs = plan.programs_in(dimension_key)
    axis = plan.axis_years
    first, last = axis.start, axis.stop - 1
    height = AXIS_HEIGHT + len(programs) * ROW_HEIGHT + FOOT_HEIGHT
    label = plan.dimensions[dimension_key].label
    title_id = f"rc-roadmap-{dimension_key}-title"
    rows = "".join(_row(base, program, index, first, last) for index, program in enumerate(programs))
    return (
        f'<svg class="rc-roadmap__chart" role="group" aria-labelledby="{title_id}" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{title_id}">Peta jalan {esc(label)}: {len(programs)} program, {years(first, last)}</title>'
        f"{_axis(first, last, height)}{_today(plan.today, first, last, height)}{rows}</svg>"
    )


def _table(plan: Plan, base: str, dimension_key: str) -> str:
    rows = [
        [
            program_link(base, program),
            years(program.period.start, program.period.end),
            esc(STATUS_LABELS[program.status]),
            f"{program.progress_percent} %",
        ]
        for program in plan.programs_in(dimension_key)
    ]
    caption = f"Program {plan.dimensions[dimension_key].label} per tahun"
    return table(caption, ["Program", "Tahun", "Status", "Progres"], rows, numeric=[3])


def legend() -> str:
    items = []
    for status in STATUSES:
        swatch = (
            f'<svg class="rc-roadmap__swatch" aria-hidden="true" focusable="false" viewBox="0 0 36 16" '
            f'width="36" height="16">{bar_shape(status, 1, 1, 34, 14)}</svg>'
        )
        items.append(f"<li>{swatch} {esc(STATUS_LABELS[status])}</li>")
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
                f'<div class="rc-roadmap__scroll" role="region" tabindex="0" '
                f'aria-label="Peta jalan {esc(dimension.label)}, geser ke samping di layar kecil">'
                f"{roadmap_svg(plan, base, key)}</div>"
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
    # A block element first, or Markdown would wrap the inline <svg> (and all that follows) in a <p>.
    return (
        f'<div class="rc-roadmap-page">{PATTERNS}{legend()}'
        # Not "Dimensi": the site's navigation already has a menu of that name.
        f'<nav class="rc-jump" aria-label="Loncat ke dimensi"><ul>{jumps}</ul></nav>{"".join(sections)}</div>'
    )
