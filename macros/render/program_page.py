"""The page of one program: every field of the data, laid out for a citizen."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote

from macros.data.plan.assemble import Plan
from macros.data.plan.model import Milestone, Program
from macros.data.plan.standing import milestone_overdue
from macros.render.history import HISTORY_MARKER
from macros.render.html import (
    bullet_list,
    esc,
    external_link,
    link,
    other_names,
    program_link,
    program_url,
    progress_bar,
    relative,
    section,
    status_badge,
    table,
)
from macros.render.richtext import render_markdown
from macros.render.standing import AS_OF_SLOT, flags
from macros.render.text import (
    HORIZON_LABELS,
    NOT_RECORDED,
    NOT_REPORTED,
    SDG_NAMES,
    SOURCE_LABELS,
    long_date,
    month_or_day,
    number,
    rupiah,
    years,
)


@dataclass(frozen=True)
class Rendered:
    """A page body and the table of contents of its h2 sections."""

    html: str
    toc: list[tuple[str, str]] = field(default_factory=list)


def render_program(plan: Plan, program: Program, feedback_html: str = "", report_html: str = "") -> Rendered:
    """The page; `feedback_html` is the citizens' Masukan block, `report_html` the agencies' report link."""
    base = program_url(program)
    dimension = plan.dimensions[program.dimension]
    sections: list[tuple[str, str, str]] = []  # (anchor, title, body)

    if program.problem:
        sections.append(("masalah", "Masalah yang dijawab", render_markdown(program.problem)))
    if program.description:
        sections.append(("deskripsi", "Deskripsi", render_markdown(program.description)))
    if program.objectives:
        sections.append(("tujuan", "Tujuan", bullet_list(esc(item) for item in program.objectives)))
    if program.indicators:
        sections.append(("indikator", "Indikator kinerja", _indicators(program)))
    if program.budget:
        sections.append(("anggaran", "Anggaran", _budget(program)))
    if program.milestones:
        sections.append(("tahapan", "Tahapan", _milestones(program.milestones, plan.today)))
    if program.updates:
        sections.append(("perkembangan", "Perkembangan", _updates(program)))
    if program.related:
        related = [plan.program(item) for item in program.related]
        sections.append(("terkait", "Program terkait", bullet_list(program_link(base, p) for p in related)))
    if program.sdgs:
        sections.append(("sdgs", "Tujuan Pembangunan Berkelanjutan (SDGs)", _sdgs(program)))
    if program.sources:
        sections.append(
            ("sumber", "Sumber", bullet_list(external_link(source.url, source.title) for source in program.sources))
        )
    if plan.history_source is not None:  # filled in once the history is read (macros.render.history)
        sections.append(("riwayat", "Riwayat", HISTORY_MARKER))
    if feedback_html:
        sections.append(("masukan", "Masukan", feedback_html))

    element = plan.element_label(program)
    dimension_href = relative(base, f"{program.dimension}/")
    badges = [
        link(dimension_href, esc(dimension.label), "rc-badge rc-badge--dimension"),
        f'<span class="rc-badge">{esc(element)}</span>' if element else "",
        f'<span class="rc-badge rc-badge--horizon">{esc(HORIZON_LABELS[program.horizon])}</span>',
        status_badge(program.status) + flags(plan, program),
    ]
    body = "".join(section(anchor, title, content) for anchor, title, content in sections)
    html = (
        f'<article class="rc-program" style="--rc-accent:{esc(dimension.color)}">'
        f'<p class="rc-back">{link(dimension_href, "← " + esc(dimension.label))}</p>'
        f'<h1><span class="rc-id">{esc(program.id)}</span> {esc(program.title)}</h1>'
        f'<p class="rc-badges">{" ".join(badge for badge in badges if badge)}</p>'
        f'<p class="rc-summary">{esc(program.summary)}</p>'
        f'<div class="rc-overview">{progress_bar(program.progress_percent)}{_facts(plan, program)}</div>'
        f"{body}{_footer(plan, program)}{report_html}</article>"
        f"{_pager(plan, program)}"
    )
    return Rendered(html, [(anchor, title) for anchor, title, _ in sections])


def plan_inputs(plan: Plan) -> str:
    """What every program page takes from the plan as a whole, as text (macros.site.page_cache).

    The region, its settings and dimensions, and whether pages have a Riwayat section. The
    run's date is not here: a page shows it only in slots filled when it is written, and what
    it decides (late, overdue, silent) is in `program_page_inputs`.
    """
    dimensions = {key: dimension.model_dump(mode="json") for key, dimension in plan.dimensions.items()}
    return json.dumps(
        [plan.slug, plan.city.model_dump(mode="json"), dimensions, plan.history_source is not None],
        sort_keys=True,
        ensure_ascii=False,
    )


def program_page_inputs(plan: Plan, program: Program) -> str:
    """What `render_program` (and the page's search annotations) read of `program`'s plan, as text.

    Two equal texts, with equal `plan_inputs`, make the same page. Keep it in step with the
    page: a value read above and missing here would let a build reuse a stale page (the
    tests in tests/test_page_cache.py edit each kind of input and compare whole sites).
    """

    def brief(other: Program | None) -> list[str] | None:
        return None if other is None else [other.id, other.title, program_url(other)]

    return json.dumps(
        [
            program.model_dump(mode="json"),
            plan.source_path(program),
            [brief(plan.program(item)) for item in program.related],
            [brief(other) for other in plan.neighbours(program)],
            list(plan.other_names(program.lead)),
            repr(plan.standing(program)),
            [milestone_overdue(milestone, plan.today) for milestone in program.milestones],
        ],
        sort_keys=True,
        ensure_ascii=False,
    )


def _facts(plan: Plan, program: Program) -> str:
    facts = [("Penanggung jawab", esc(program.lead) + other_names(plan.other_names(program.lead)))]
    if program.partners:
        facts.append(("Mitra", ", ".join(esc(partner) for partner in program.partners)))
    facts.append(("Tahun", years(program.period.start, program.period.end)))
    facts.append(("Horizon", esc(HORIZON_LABELS[program.horizon])))
    total = program.total_budget
    facts.append(("Total anggaran", rupiah(total) if total is not None else NOT_RECORDED))
    last = plan.standing(program).last_report
    facts.append(("Laporan terakhir", long_date(last) if last else "belum ada"))
    items = "".join(f"<div><dt>{term}</dt> <dd>{value}</dd></div>" for term, value in facts)
    return f'<dl class="rc-facts">{items}</dl>'


def _indicators(program: Program) -> str:
    rows = []
    for indicator in program.indicators:
        unit = esc(indicator.unit)
        start = f"{number(indicator.baseline)} → " if indicator.baseline is not None else ""
        actual = f"{number(indicator.actual)} {unit}" if indicator.actual is not None else NOT_REPORTED
        rows.append([esc(indicator.name), f"{start}{number(indicator.target)} {unit} ({indicator.year})", actual])
    return table("Indikator kinerja", ["Indikator", "Awal → target (tahun)", "Capaian terakhir"], rows)


def _budget(program: Program) -> str:
    lines = sorted(program.budget, key=lambda line: (line.year, line.source))
    rows = [[str(line.year), esc(SOURCE_LABELS[line.source]), rupiah(line.amount)] for line in lines]
    return table(
        "Anggaran per tahun",
        ["Tahun", "Sumber", "Jumlah"],
        rows,
        ["Total", "", rupiah(sum(line.amount for line in lines))],
        numeric=[2],
    )


def _milestones(milestones: tuple[Milestone, ...], today: date) -> str:
    items = []
    for milestone in sorted(milestones, key=lambda m: m.planned):
        if milestone.done:
            state, css = f"Selesai {month_or_day(milestone.done)}", "done"
            if milestone.done[:7] > milestone.planned[:7]:
                state += " (lebih lambat dari rencana)"
        elif milestone_overdue(milestone, today):
            state, css = "Melewati jadwal: belum selesai", "late"
        else:
            state, css = "Belum selesai", "open"
        items.append(
            f'<li class="rc-milestone rc-milestone--{css}">'
            f'<span class="rc-milestone__name">{esc(milestone.name)}</span>'
            f' <span class="rc-milestone__when">Rencana {month_or_day(milestone.planned)}</span>'
            f' <span class="rc-milestone__state">{esc(state)}</span></li>'
        )
    return f'<ol class="rc-list rc-milestones">{"".join(items)}</ol>'


def _updates(program: Program) -> str:
    items = [
        f'<li><time datetime="{update.date.isoformat()}">{long_date(update.date)}</time>'
        f'<div class="rc-timeline__text">{render_markdown(update.text)}</div></li>'
        for update in sorted(program.updates, key=lambda u: u.date, reverse=True)
    ]
    return f'<ol class="rc-list rc-timeline">{"".join(items)}</ol>'


def _sdgs(program: Program) -> str:
    return bullet_list(
        (f'<span class="rc-sdg">{goal}</span> {esc(SDG_NAMES[goal])}' for goal in sorted(set(program.sdgs))),
        "rc-list rc-sdgs",
    )


def _footer(plan: Plan, program: Program) -> str:
    parts = []
    if program.tags:
        # Each keyword searches the site for itself (the Cari page reads `?q=`).
        search = relative(program_url(program), "cari/")
        parts.append(
            '<p class="rc-tags"><span class="rc-tags__label">Kata kunci:</span> '
            + " ".join(link(f"{search}?q={quote(tag)}", esc(tag), "rc-tag") for tag in dict.fromkeys(program.tags))
            + "</p>"
        )
    if program.reviewed:
        parts.append(f'<p class="rc-reviewed">Terakhir ditinjau: {long_date(program.reviewed)}</p>')
    # Late and silent are reckoned from this day; the page says which (filled in when written).
    parts.append(f'<p class="rc-as-of">{AS_OF_SLOT}</p>')
    return "".join(parts)


def _pager(plan: Plan, program: Program) -> str:
    base = program_url(program)
    previous, following = plan.neighbours(program)
    links = []
    if previous:
        links.append(
            f'<a class="rc-pager__prev" href="{esc(relative(base, program_url(previous)))}" rel="prev">'
            f'<span class="rc-pager__hint">← Sebelumnya</span> <span class="rc-id">{esc(previous.id)}</span> '
            f"{esc(previous.title)}</a>"
        )
    if following:
        links.append(
            f'<a class="rc-pager__next" href="{esc(relative(base, program_url(following)))}" rel="next">'
            f'<span class="rc-pager__hint">Berikutnya →</span> <span class="rc-id">{esc(following.id)}</span> '
            f"{esc(following.title)}</a>"
        )
    return f'<nav class="rc-pager" aria-label="Program sebelumnya dan berikutnya">{"".join(links)}</nav>'
