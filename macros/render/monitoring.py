"""Pemantauan: how the plan stands on the run's date, counted, and each count linked to its programs.

Every count is the length of one list of programs (`macros.data.plan.monitoring`); the
lists are on the same page, below the tables, so that a count leads to exactly the
programs it counts, without JavaScript.
"""

from __future__ import annotations

from macros.data.plan.assemble import Plan
from macros.data.plan.model import Program
from macros.data.plan.monitoring import CATEGORIES, Category, agency_reports, programs_in
from macros.render.agencies import agency_anchors
from macros.render.html import esc, link, program_link, section, status_badge, table
from macros.render.standing import as_of, flags
from macros.render.text import long_date


def _anchor(category: Category, scope: str = "") -> str:
    return f"{category.key}--{scope}" if scope else category.key


def _count_cell(found: tuple[Program, ...], anchor: str) -> str:
    """The count, linked to its list; a zero is a plain 0 (there is no list to open)."""
    return link(f"#{anchor}", str(len(found))) if found else "0"


def _summary(plan: Plan) -> str:
    rows = [
        [
            esc(category.label),
            _count_cell(programs_in(plan, category.key), _anchor(category)),
            esc(category.description),
        ]
        for category in CATEGORIES
    ]
    return table("Ringkasan pemantauan", ["Keadaan", "Program", "Artinya"], rows, numeric=[1])


def _by_dimension(plan: Plan) -> str:
    rows = []
    for key, dimension in plan.dimensions.items():
        among = plan.programs_in(key)
        cells = [_count_cell(programs_in(plan, c.key, among), _anchor(c, key)) for c in CATEGORIES]
        rows.append([esc(dimension.label), str(len(among)), *cells])
    head = ["Dimensi", "Program", *(esc(category.label) for category in CATEGORIES)]
    return table("Pemantauan per dimensi", head, rows, numeric=range(1, len(head)))


def _by_agency(plan: Plan, anchors: dict[str, str]) -> str:
    months = plan.city.report_months
    rows = []
    for name, among in plan.agencies.items():
        reports = agency_reports(plan, among)
        cells = [_count_cell(programs_in(plan, c.key, among), _anchor(c, "opd-" + anchors[name])) for c in CATEGORIES]
        last = long_date(reports.last_report) if reports.last_report else "belum ada"
        share = f"{reports.reported_lately} dari {reports.programs}"
        rows.append([esc(name), str(len(among)), *cells, last, share])
    head = [
        "OPD",
        "Program",
        *(esc(category.label) for category in CATEGORIES),
        "Laporan terakhir",
        f"Melapor dalam {months} bulan terakhir",
    ]
    return table("Pemantauan per OPD", head, rows, numeric=range(1, len(CATEGORIES) + 2))


def _list(plan: Plan, base: str, anchor: str, title: str, programs: tuple[Program, ...]) -> str:
    items = "".join(
        f"<li>{program_link(base, program)} {status_badge(program.status)}{flags(plan, program)}</li>"
        for program in programs
    )
    return (
        f'<section class="rc-monitoring__list" aria-labelledby="{anchor}">'
        f'<h3 id="{anchor}">{esc(title)} ({len(programs)})</h3><ul>{items}</ul></section>'
    )


def _lists(plan: Plan, base: str, anchors: dict[str, str]) -> str:
    parts = []
    for category in CATEGORIES:
        found = programs_in(plan, category.key)
        if not found:
            continue
        lists = [_list(plan, base, _anchor(category), f"{category.label}: semua program", found)]
        for key, dimension in plan.dimensions.items():
            part = programs_in(plan, category.key, plan.programs_in(key))
            if part:
                lists.append(_list(plan, base, _anchor(category, key), f"{category.label}: {dimension.label}", part))
        for name, among in plan.agencies.items():
            part = programs_in(plan, category.key, among)
            if part:
                anchor = _anchor(category, "opd-" + anchors[name])
                lists.append(_list(plan, base, anchor, f"{category.label}: {name}", part))
        parts.append(section(f"daftar-{category.key}", f"Daftar: {category.label}", "".join(lists)))
    return "".join(parts)


def monitoring_page(plan: Plan, base: str) -> str:
    """The body of the Pemantauan page."""
    if not plan.programs:
        return f'<p class="rc-as-of">{as_of(plan.today)}</p><p class="rc-empty">Belum ada program untuk dipantau.</p>'
    anchors = agency_anchors(list(plan.agencies))
    months = plan.city.report_months
    intro = (
        f'<p class="rc-as-of">{as_of(plan.today)}: semua keadaan di halaman ini dihitung pada tanggal itu.</p>'
        "<p>Sebuah program <strong>melewati jadwal</strong> bila masih direncanakan atau berjalan sesudah "
        "tahun terakhirnya, bila berstatus terlambat, atau bila salah satu tahapannya lewat dari rencana "
        f"dan belum tercapai. Program yang sedang berjalan <strong>tanpa laporan baru</strong> tidak punya "
        f"kabar perkembangan bertanggal dalam {months} bulan terakhir. Angka yang tidak dilaporkan tidak "
        "dihitung sebagai nol.</p>"
    )
    return (
        f'<div class="rc-monitoring">{intro}'
        f"{section('ringkasan', 'Ringkasan', _summary(plan))}"
        f"{section('per-dimensi', 'Per dimensi', _by_dimension(plan))}"
        f"{section('per-opd', 'Per OPD', _by_agency(plan, anchors))}"
        f"{_lists(plan, base, anchors)}</div>"
    )
