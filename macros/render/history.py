"""What changed, from the Git history: a program's Riwayat section, the Perubahan page, Beranda's link.

The progress of a program over time is a small step chart drawn at build time, and the
same figures stand in a table beside it (date and change, newest first), so that nothing
is said by the drawing alone. Dates are the commits' own, in the committer's time zone.

The history is read while the build runs (`macros.data.history.log`): a page first gets a
marker where its history goes, and the site's hooks put the HTML in once the page is
written, near the end of the build, when the reading is done.
"""

from __future__ import annotations

import functools
from datetime import date

from macros.data.history.log import Change, History
from macros.data.plan.assemble import Plan
from macros.data.plan.model import Program
from macros.render.charts import svg_number
from macros.render.html import esc, link, program_url, relative, table
from macros.render.richtext import render_markdown
from macros.render.text import NOT_REPORTED, STATUS_LABELS, long_date

CHANGES_PAGE = "perubahan/"
FEED_FILE = "feed.xml"
# The feeds of one program and of one agency's programs, beside feed.xml (macros.publish.feed).
FEED_FOLDER = "umpan"


def program_feed_path(program: Program) -> str:
    return f"{FEED_FOLDER}/program/{program.slug}.xml"


def agency_feed_path(anchor: str) -> str:
    """`anchor`: the agency's anchor on the OPD page (`macros.render.agencies.agency_anchors`)."""
    return f"{FEED_FOLDER}/opd/{anchor}.xml"


def follow_note(base: str, feed: str, what: str) -> str:
    """The short "Ikuti" explanation beside a feed: what it is, without assuming the reader knows."""
    return (
        f'<p class="rc-follow" data-pagefind-ignore><strong>Ikuti</strong> {esc(what)} lewat '
        f'<a href="{esc(relative(base, feed))}" type="application/atom+xml">umpan Atom</a>: tempelkan alamatnya '
        "di aplikasi pembaca berita (Feedly, Thunderbird, NetNewsWire…), yang memberi tahu Anda bila status, "
        "progres atau kabarnya berubah. Tanpa akun dan tanpa server.</p>"
    )


LATEST_CHANGES = 50
# Where a program's Riwayat and the Perubahan list go, until the history is read. Data never
# forms them: everything from the data is escaped, and these are HTML comments.
HISTORY_MARKER = "<!-- rc-riwayat -->"
CHANGES_MARKER = "<!-- rc-perubahan -->"

WIDTH, HEIGHT = 320, 130
LEFT, RIGHT, TOP, BOTTOM = 40, 16, 14, 24


def _status(key: str | None) -> str:
    return STATUS_LABELS.get(key or "", "tanpa status")


def _percent(value: int | None) -> str:
    if value is None:
        return NOT_REPORTED
    return f"{value}\u00a0%"  # a no-break space: "20 %" never splits over two lines


def change_parts(change: Change) -> list[str]:
    """The change in words, as plain text: `status Direncanakan → Berjalan`, `progres 0 → 20 %`…"""
    if change.added:
        return [f"program baru ({_status(change.status[1])}, progres {_percent(change.progress[1])})"]
    parts = []
    if change.status_changed:
        parts.append(f"status {_status(change.status[0])} → {_status(change.status[1])}")
    if change.progress_changed:
        before = change.progress[0]
        parts.append(f"progres {NOT_REPORTED if before is None else before} → {_percent(change.progress[1])}")
    if change.new_updates:
        parts.append(f"{len(change.new_updates)} kabar baru")
    if change.milestones_reached:
        parts.append(f"{change.milestones_reached} tahapan tercapai")
    return parts


def change_sentence(change: Change) -> str:
    """One sentence, capitalised: "Status Direncanakan → Berjalan, progres 0 → 20 %"."""
    text = ", ".join(change_parts(change))
    return text[:1].upper() + text[1:]


@functools.lru_cache(maxsize=4096)
def _long_day(iso_day: str) -> str:
    """Many changes share a day: each is written out once."""
    return long_date(date.fromisoformat(iso_day))


def _time(change: Change, anchor: bool = False) -> str:
    identifier = f' id="{change.anchor}"' if anchor else ""
    return f'<time{identifier} datetime="{change.when[:10]}">{_long_day(change.when[:10])}</time>'


# ---------------------------------------------------------------- the step chart


def step_chart(program: Program, changes: tuple[Change, ...], today: date) -> str:
    """Progress over time as steps: flat until a commit changed it. Its name reads every point.

    Only reported figures are points (a version without one is not drawn as 0); with fewer
    than two there is no chart."""
    points = [(change.day, percent) for change in changes if (percent := change.progress[1]) is not None]
    if len(points) < 2:
        return ""
    first = points[0][0]
    last = max(points[-1][0], today)
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return LEFT + (day - first).days * (WIDTH - LEFT - RIGHT) / span

    def y(percent: int) -> float:
        return TOP + (100 - percent) * (HEIGHT - TOP - BOTTOM) / 100

    parts = []
    for level in (0, 50, 100):
        parts.append(
            f'<line class="rc-step__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{svg_number(y(level))}" '
            f'y2="{svg_number(y(level))}"/><text class="rc-step__tick" x="{LEFT - 6}" '
            f'y="{svg_number(y(level) + 4)}" text-anchor="end">{level} %</text>'
        )
    for day, anchor in ((first, "start"), (last, "end")):
        parts.append(
            f'<text class="rc-step__tick" x="{svg_number(x(day))}" y="{HEIGHT - 6}" '
            f'text-anchor="{anchor}">{esc(long_date(day))}</text>'
        )
    path = f"M{svg_number(x(points[0][0]))} {svg_number(y(points[0][1]))}"
    for day, percent in points[1:]:
        path += f" H{svg_number(x(day))} V{svg_number(y(percent))}"
    path += f" H{svg_number(x(last))}"
    parts.append(f'<path class="rc-step__line" d="{path}"/>')
    for day, percent in points:
        parts.append(
            f'<circle class="rc-step__point" cx="{svg_number(x(day))}" cy="{svg_number(y(percent))}" r="3.5"/>'
        )
    name = f"Progres {program.id} dari waktu ke waktu: " + "; ".join(
        f"{long_date(day)} {percent} %" for day, percent in points
    )
    return (
        f'<svg class="rc-step" role="img" aria-label="{esc(name)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
    )


# ---------------------------------------------------------------- a program's Riwayat


def program_history(plan: Plan, program: Program, *, has_feed: bool = False) -> str:
    """The Riwayat section's body (a note when the program's file has no commit yet); with
    `has_feed`, the program's own feed and how to follow it."""
    history = plan.history
    changes = history.of(program.id) if history is not None else ()
    follow = follow_note(program_url(program), program_feed_path(program), "program ini") if has_feed else ""
    if not changes:
        return (
            '<p class="rc-history__about" data-pagefind-ignore>Program ini belum tercatat dalam riwayat '
            f"perubahan data rencana.</p>{follow}"
        )
    # Each date carries its change's anchor: the Perubahan page and the feed link to it.
    rows = [[_time(change, anchor=True), esc(change_sentence(change))] for change in reversed(changes)]
    chart = step_chart(program, changes, plan.today) if len(changes) > 1 else ""
    # Stacked on a phone: a long change beside a date in words leaves each column too narrow.
    body = table(f"Riwayat perubahan {program.id}", ["Tanggal", "Perubahan"], rows, stack=True)
    since = long_date(changes[0].day)
    # Search skips it: "Berjalan" in every program's past would make every page a hit.
    return (
        f'<div class="rc-history" data-pagefind-ignore>'
        f'<p class="rc-history__about">Dicatat dari riwayat perubahan data rencana sejak {since}.</p>'
        f"{chart}{body}{follow}</div>"
    )


# ---------------------------------------------------------------- the Perubahan page


def _news(program: Program, change: Change) -> str:
    texts = [update.text for update in program.updates if update.date.isoformat() in change.new_updates]
    return "".join(f'<div class="rc-change__news">{render_markdown(text)}</div>' for text in texts)


def recent_changes(plan: Plan, base: str, has_feed: bool, count: int = LATEST_CHANGES) -> str:
    """The latest changes across the plan, newest first, under a heading per day."""
    history: History | None = plan.history
    if history is None:
        return '<p class="rc-empty">Riwayat perubahan belum tersedia untuk situs ini.</p>'
    changes = history.latest(count)
    intro = f"Perubahan terbaru pada data rencana, dari yang paling baru ({len(changes)} perubahan terakhir)."
    if has_feed:
        intro += (
            f' Ikuti lewat <a href="{esc(relative(base, FEED_FILE))}" type="application/atom+xml">umpan Atom</a> '
            "di aplikasi pembaca berita."
        )
    parts = [f'<p class="rc-changes__about">{intro}</p>']
    if not changes:
        parts.append('<p class="rc-empty">Belum ada perubahan.</p>')
    day: date | None = None
    for change in changes:
        if change.day != day:
            if day is not None:
                parts.append("</ul>")
            day = change.day
            parts.append(f'<h2 id="tanggal-{day.isoformat()}">{long_date(day)}</h2><ul class="rc-changes">')
        program = plan.program(change.program_id)
        target = relative(base, program_url(program)) + f"#{change.anchor}"
        label = f'<span class="rc-id">{esc(program.id)}</span> {esc(program.title)}'
        parts.append(f"<li>{link(target, label)}: {esc(change_sentence(change))}.{_news(program, change)}</li>")
    if day is not None:
        parts.append("</ul>")
    return "".join(parts)


def follow_changes(plan: Plan, base: str, has_feed: bool) -> str:
    """Beranda's pointer to the Perubahan page and the feed; nothing without a history."""
    if plan.history_source is None:
        return ""
    feed = (
        f' atau lewat <a href="{esc(relative(base, FEED_FILE))}" type="application/atom+xml">umpan Atom</a>'
        if has_feed
        else ""
    )
    return (
        f'<p class="rc-follow">Ikuti setiap perubahan status dan progres program di halaman '
        f"{link(relative(base, CHANGES_PAGE), 'Perubahan')}{feed}.</p>"
    )
