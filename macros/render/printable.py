"""Cetak: the whole plan on one page, laid out to be printed or saved as a PDF.

The print rules (page break per dimension, rows that never split, no navigation, the
date of the data and the site's address at the foot of every sheet) are in
`docs/assets/rencana.css` under `@media print`; the words of that foot come from
`print_footer_style`, in the head of every page.
"""

from __future__ import annotations

from datetime import date

from macros.data.plan.assemble import Plan
from macros.data.plan.monitoring import programs_in
from macros.render.html import esc, program_link
from macros.render.overview import sample_notice, vision_and_missions
from macros.render.standing import flag_texts
from macros.render.text import (
    NOT_RECORDED,
    STATUS_LABELS,
    budget_total,
    long_date,
    percent,
    programs_budget,
    progress_text,
    rupiah,
    years,
)


def _cover(plan: Plan) -> str:
    city, facts = plan.city, plan.city.plan
    place = esc(city.name) + (f", {esc(city.province)}" if city.province else "")
    parts = [f'<h1 class="rc-print__title">{esc(facts.title)}</h1>', f'<p class="rc-print__place">{place}</p>']
    notice = sample_notice(plan)
    if notice:
        # The site's banner carries this notice on screen but is not printed; paper needs it too.
        parts.append(f'<p class="rc-print__notice"><strong>Data contoh.</strong> {esc(notice)}</p>')
    facts_rows = [("Masa berlaku", years(facts.start, facts.end))]
    if facts.legal_basis:
        facts_rows.append(("Dasar hukum", esc(facts.legal_basis)))
    counts = ", ".join(
        f"{count} {STATUS_LABELS[status].lower()}" for status, count in plan.status_counts.items() if count
    )
    facts_rows += [
        ("Program", f"{len(plan.programs)} ({counts})" if counts else "0"),
        ("Quick win", str(len(plan.quick_wins))),
        ("Total anggaran", esc(budget_total(plan.total_budget, plan.budgeted, len(plan.programs)))),
        ("Program selesai", percent(plan.status_counts["completed"], len(plan.programs))),
        ("Melewati jadwal", f"{len(programs_in(plan, 'melewati-jadwal'))} program"),
        ("Data per", long_date(plan.today)),
    ]
    items = "".join(f"<div><dt>{term}</dt><dd>{value}</dd></div>" for term, value in facts_rows)
    parts.append(f'<dl class="rc-facts rc-facts--wide">{items}</dl>')
    parts.append(vision_and_missions(plan))
    return f'<section class="rc-print__cover">{"".join(parts)}</section>'


def _dimension(plan: Plan, base: str, key: str) -> str:
    dimension = plan.dimensions[key]
    programs = plan.programs_in(key)
    head = "".join(
        f'<th scope="col"{css}>{name}</th>'
        for name, css in (
            ("Program", ""),
            ("Penanggung jawab", ""),
            ("Tahun", ""),
            ("Status", ""),
            ("Anggaran", ' class="rc-num"'),
        )
    )
    groups = []
    for group in plan.element_groups(key):
        if not group.programs:
            continue
        # data-label: a phone shows each row as "column: value" lines (`rc-table--stack`).
        rows = "".join(
            f'<tr><td data-label="Program">{program_link(base, program)}'
            f'<span class="rc-print__summary">{esc(program.summary)}</span></td>'
            f'<td data-label="Penanggung jawab">{esc(program.lead)}</td>'
            f'<td data-label="Tahun">{years(program.period.start, program.period.end)}</td>'
            f'<td data-label="Status">{esc(STATUS_LABELS[program.status])}, progres '
            f"{progress_text(program.progress_percent).replace(' %', '&nbsp;%')}"
            f"{''.join(f'<br>{esc(words)}' for _, words in flag_texts(plan, program))}</td>"
            f'<td class="rc-num" data-label="Anggaran">'
            f"{esc(rupiah(program.total_budget) if program.total_budget is not None else NOT_RECORDED)}</td></tr>"
            for program in group.programs
        )
        groups.append(
            f'<tbody><tr class="rc-print__element"><th scope="colgroup" colspan="5">{esc(group.label)}'
            f"</th></tr>{rows}</tbody>"
        )
    caption = f"Program {esc(dimension.label)}"
    body = (
        (
            f'<div class="rc-table rc-table--stack" role="region" aria-label="{caption}" tabindex="0">'
            f"<table><caption>{caption}</caption>"
            f"<thead><tr>{head}</tr></thead>{''.join(groups)}</table></div>"
        )
        if programs
        else '<p class="rc-empty">Belum ada program.</p>'
    )
    return (
        f'<section class="rc-print__dimension" aria-labelledby="cetak-{esc(key)}">'
        f'<h2 id="cetak-{esc(key)}">{esc(dimension.label)}</h2><p>{esc(dimension.description)}</p>'
        f'<p class="rc-print__figures">{len(programs)} program · anggaran {esc(programs_budget(programs))}</p>'
        f"{body}</section>"
    )


def printable_plan(plan: Plan, base: str) -> str:
    dimensions = "".join(_dimension(plan, base, key) for key in plan.dimensions)
    # Every program again: their own pages are the search results, not this one's copy.
    return f'<div class="rc-print" data-pagefind-ignore="all">{_cover(plan)}{dimensions}</div>'


def css_string(text: str) -> str:
    """`text` as a CSS string, safe inside a <style> element (no quote, backslash, line break or `<` left)."""
    escaped = "".join(f"\\{ord(char):x} " if char in '"\\\n\r<>' else char for char in text)
    return f'"{escaped}"'


def print_footer(day: date, site_url: str | None) -> str:
    """What the foot of every printed sheet says: "Data per 2 Desember 2026 · https://…"."""
    return f"Data per {long_date(day)}" + (f" · {site_url}" if site_url else "")


# Where the head of every page takes `print_footer_style` (overrides/main.html): filled in when the
# page is written, so that a page kept from an earlier day's build (macros.site.page_cache) is reused.
PRINT_FOOTER_SLOT = "<!-- rc-print-footer -->"


def print_footer_style(day: date, site_url: str | None) -> str:
    """A <style> for the head of a page: the foot of its printed sheets (`--rc-print-footer` in rencana.css)."""
    return f"<style>:root{{--rc-print-footer:{css_string(print_footer(day, site_url))}}}</style>"
