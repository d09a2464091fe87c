"""Blocks that show many programs at once: the home page, dimension pages, the about page.

Each function takes the page's own URL (`base`) so that its links are relative and
work under any sub-path. They return HTML; the macros in `macros/__init__.py` and the
generated dimension pages call the same functions.
"""

from __future__ import annotations

from macros.data.plan.assemble import Plan
from macros.data.plan.model import Program
from macros.data.plan.monitoring import programs_in
from macros.render.charts import Bar, bar_list
from macros.render.html import bullet_list, esc, link, program_link, progress_bar, relative, status_badge
from macros.render.icons import icon_svg
from macros.render.richtext import render_markdown
from macros.render.standing import as_of, flags
from macros.render.text import (
    SOURCE_LABELS,
    STATUS_LABELS,
    budget_total,
    long_date,
    percent,
    programs_budget,
    rupiah,
    years,
)


def program_cards(plan: Plan, base: str, programs: tuple[Program, ...] | list[Program]) -> str:
    if not programs:
        return '<p class="rc-empty">Belum ada program.</p>'
    cards = [
        f'<li class="rc-card">'
        f'<h3 class="rc-card__title">{program_link(base, program)}</h3>'
        f'<p class="rc-card__meta">{esc(program.lead)} · '
        f'<span class="rc-nowrap">{years(program.period.start, program.period.end)}</span></p>'
        f'<div class="rc-card__state">{status_badge(program.status)}{flags(plan, program)}'
        f"{progress_bar(program.progress_percent)}</div>"
        f"</li>"
        for program in programs
    ]
    return f'<ul class="rc-list rc-cards">{"".join(cards)}</ul>'


def dimension_page(plan: Plan, dimension_key: str) -> str:
    base = f"{dimension_key}/"
    dimension = plan.dimensions[dimension_key]
    programs = plan.programs_in(dimension_key)
    reported = [p.progress_percent for p in programs if p.progress_percent is not None]
    average = round(sum(reported) / len(reported)) if reported else None
    # The average says what it covers: programs without a figure are not counted as 0.
    covers = (
        f'<p class="rc-dimension__covers">Progres tercatat untuk {len(reported)} dari {len(programs)} program '
        f"(rata-rata hanya dari yang tercatat); anggaran {esc(programs_budget(programs))}.</p>"
    )
    counts = {status: sum(1 for p in programs if p.status == status) for status in STATUS_LABELS}
    summary = ", ".join(f"{count} {STATUS_LABELS[status].lower()}" for status, count in counts.items() if count)
    groups = plan.element_groups(dimension_key)
    element_links = bullet_list(
        (
            f'<a href="#{esc(group.key or "lainnya")}">{esc(group.label)}</a> ({len(group.programs)})'
            for group in groups
        ),
        "rc-list rc-element-links",
    )
    body = "".join(
        f'<section class="rc-section" aria-labelledby="{esc(group.key or "lainnya")}">'
        f'<h2 id="{esc(group.key or "lainnya")}">{esc(group.label)}</h2>'
        f"{program_cards(plan, base, group.programs)}</section>"
        for group in groups
    )
    return (
        f'<div class="rc-dimension" style="--rc-accent:{esc(dimension.color)}">'
        f'<h1><span class="rc-dimension__icon">{icon_svg(dimension.icon)}</span> {esc(dimension.label)}</h1>'
        f'<p class="rc-summary">{esc(dimension.description)}</p>'
        f'<p class="rc-dimension__figures"><strong>{len(programs)} program</strong>'
        f"{': ' + esc(summary) if summary else ''}.</p>"
        f"{progress_bar(average, label='Rata-rata progres')}{covers}"
        f'<nav class="rc-elements" aria-label="Elemen"><h2 class="rc-elements__title">Elemen</h2>{element_links}</nav>'
        f"{body}</div>"
    )


def plan_intro(plan: Plan) -> str:
    city, facts = plan.city, plan.city.plan
    parts = [f'<p class="rc-summary">{esc(facts.title)}{" — " + esc(city.province) if city.province else ""}.</p>']
    if facts.legal_basis:
        parts.append(f"<p>Ditetapkan dengan {esc(facts.legal_basis)}.</p>")
    return "".join(parts) + vision_and_missions(plan)


def vision_and_missions(plan: Plan) -> str:
    city = plan.city
    parts = []
    if city.vision:
        parts.append(f'<h2 id="visi">Visi</h2><blockquote class="rc-vision">{esc(city.vision)}</blockquote>')
    if city.missions:
        parts.append(
            '<h2 id="misi">Misi</h2><ol class="rc-missions">'
            + "".join(f"<li>{esc(mission)}</li>" for mission in city.missions)
            + "</ol>"
        )
    return "".join(parts)


def key_figures(plan: Plan, base: str = "") -> str:
    total = len(plan.programs)
    completed = plan.status_counts["completed"]
    figures = [
        (str(total), "program"),
        (str(len(plan.quick_wins)), "quick win"),
        (esc(budget_total(plan.total_budget, plan.budgeted, total)), "total anggaran"),
        (percent(completed, total), "program selesai"),
    ]
    tiles = "".join(
        f'<li><strong class="rc-figure__value">{value}</strong> <span class="rc-figure__label">{label}</span></li>'
        for value, label in figures
    )
    statuses = "".join(
        f"<li>{status_badge(status)} <strong>{count}</strong></li>" for status, count in plan.status_counts.items()
    )
    return (
        f'<ul class="rc-list rc-figures">{tiles}</ul>{_watch(plan, base)}'
        f'<h3 class="rc-visually-hidden">Program per status</h3><ul class="rc-list rc-status-counts">{statuses}</ul>'
    )


def _watch(plan: Plan, base: str) -> str:
    """Beranda's line on what is late or silent, linked to Pemantauan, with the day it is reckoned from."""
    late = len(programs_in(plan, "melewati-jadwal"))
    silent = len(programs_in(plan, "tanpa-laporan"))
    return (
        f'<p class="rc-as-of">{as_of(plan.today)}: {late} program melewati jadwal, {silent} tanpa laporan baru '
        f"({link(relative(base, 'pemantauan/'), 'Pemantauan')}).</p>"
    )


def programs_by_dimension(plan: Plan, base: str) -> str:
    bars = [
        Bar(
            link(relative(base, key + "/"), esc(plan.dimensions[key].label)),
            count,
            f"{count} program",
            plan.dimensions[key].color,
        )
        for key, count in plan.dimension_counts.items()
    ]
    return bar_list("Program per dimensi", bars)


def budget_by_source(plan: Plan) -> str:
    total = plan.total_budget
    bars = [
        Bar(esc(SOURCE_LABELS[source]), amount, f"{rupiah(amount)} ({percent(amount, total)})")
        for source, amount in plan.budget_by_source.items()
    ]
    return bar_list(
        "Anggaran per sumber dana", bars, empty="Belum ada anggaran yang tercatat.", note=budget_covers(plan)
    )


def budget_by_year(plan: Plan) -> str:
    bars = [Bar(str(year), amount, rupiah(amount)) for year, amount in plan.budget_by_year.items()]
    return bar_list("Anggaran per tahun", bars, empty="Belum ada anggaran yang tercatat.", note=budget_covers(plan))


def budget_covers(plan: Plan) -> str:
    """What a budget chart covers, after its title, when some programs have no budget recorded."""
    count = len(plan.programs)
    if 0 < plan.budgeted < count:
        return f"Hanya {plan.budgeted} dari {count} program yang anggarannya tercatat."
    return ""


def dimension_cards(plan: Plan, base: str) -> str:
    cards = []
    for key, dimension in plan.dimensions.items():
        programs = plan.programs_in(key)
        cards.append(
            f'<li class="rc-dimension-card" style="--rc-accent:{esc(dimension.color)}">'
            f'<span class="rc-dimension-card__icon">{icon_svg(dimension.icon)}</span>'
            f"<h3>{link(relative(base, key + '/'), esc(dimension.label))}</h3>"
            f"<p>{esc(dimension.description)}</p>"
            f'<p class="rc-dimension-card__count">{len(programs)} program</p></li>'
        )
    return f'<ul class="rc-list rc-dimension-cards">{"".join(cards)}</ul>'


def quick_wins(plan: Plan, base: str) -> str:
    return program_cards(plan, base, plan.quick_wins)


def latest_updates(plan: Plan, base: str, count: int = 5) -> str:
    items = [
        f'<li><time datetime="{item.update.date.isoformat()}">{long_date(item.update.date)}</time> '
        f'<span class="rc-timeline__program">{program_link(base, item.program)}</span>'
        f'<div class="rc-timeline__text">{render_markdown(item.update.text)}</div></li>'
        for item in plan.latest_updates(count)
    ]
    if not items:
        return '<p class="rc-empty">Belum ada kabar perkembangan.</p>'
    return f'<ol class="rc-list rc-timeline rc-timeline--latest">{"".join(items)}</ol>'


def program_table(plan: Plan, base: str, dimension: str) -> str:
    """Every program of a dimension as cards (for hand-written pages)."""
    return program_cards(plan, base, plan.programs_in(dimension))


def about_plan(plan: Plan) -> str:
    city, facts = plan.city, plan.city.plan
    rows = [
        ("Kota/kabupaten", esc(city.name)),
        ("Dokumen", esc(facts.title)),
        ("Masa berlaku", years(facts.start, facts.end)),
    ]
    if city.province:
        rows.insert(1, ("Provinsi", esc(city.province)))
    if facts.legal_basis:
        rows.append(("Dasar hukum", esc(facts.legal_basis)))
    rows.append(("Jumlah program", str(len(plan.programs))))
    items = "".join(f"<div><dt>{term}</dt> <dd>{value}</dd></div>" for term, value in rows)
    notice = (
        f'<div class="admonition warning"><p class="admonition-title">Data contoh</p><p>{esc(sample_notice(plan))}'
        " Angka, anggaran, dan kemajuan program dibuat untuk memperagakan cara kerja situs.</p></div>"
        if plan.city.sample
        else ""
    )
    return f'{notice}<dl class="rc-facts rc-facts--wide">{items}</dl>'


def sample_notice(plan: Plan) -> str:
    if not plan.city.sample:
        return ""
    return "Isi situs ini bersifat ilustratif untuk memperagakan Rencana, bukan data resmi pemerintah daerah."
