"""OPD: the programs grouped by their responsible agency, with counts and budgets."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from macros.data.plan.assemble import Plan
from macros.data.plan.model import Program
from macros.render.history import agency_feed_path, follow_note
from macros.render.html import esc, link, program_link, relative, status_badge, table
from macros.render.standing import flags
from macros.render.text import NOT_RECORDED, STATUS_LABELS, programs_budget, rupiah, years


def agency_anchors(names: list[str]) -> dict[str, str]:
    """Agency name → a unique anchor ("Dinas Kesehatan" → "dinas-kesehatan")."""
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        anchor = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "opd"
        candidate, number = anchor, 2
        while candidate in used:
            candidate, number = f"{anchor}-{number}", number + 1
        used.add(candidate)
        anchors[name] = candidate
    return anchors


def _overview(plan: Plan, anchors: dict[str, str]) -> str:
    rows = [
        [link(f"#{anchors[name]}", esc(name)), str(len(programs)), esc(programs_budget(programs))]
        for name, programs in plan.agencies.items()
    ]
    foot = ["Jumlah", str(len(plan.programs)), esc(programs_budget(plan.programs))]
    return table("Program dan anggaran per OPD", ["OPD", "Program", "Anggaran"], rows, foot, numeric=[1, 2])


def _status_summary(programs: tuple[Program, ...]) -> str:
    counts = {status: sum(1 for program in programs if program.status == status) for status in STATUS_LABELS}
    return ", ".join(f"{count} {STATUS_LABELS[status].lower()}" for status, count in counts.items() if count)


def _program_item(plan: Plan, base: str, program: Program) -> str:
    facts = [
        link(relative(base, f"{program.dimension}/"), esc(plan.dimensions[program.dimension].label)),
        years(program.period.start, program.period.end),
    ]
    total = program.total_budget
    facts.append(rupiah(total) if total is not None else f"anggaran {NOT_RECORDED}")
    return (
        f'<li><span class="rc-agency__program">{program_link(base, program)}</span> '
        f'<span class="rc-agency__meta">{" · ".join(facts)}</span> {status_badge(program.status)}'
        f"{flags(plan, program)}</li>"
    )


def _agency(
    plan: Plan,
    base: str,
    name: str,
    anchor: str,
    programs: tuple[Program, ...],
    partnered: list[Program],
    has_feed: bool = False,
) -> str:
    items = "".join(_program_item(plan, base, program) for program in programs)
    names = plan.other_names(name)
    aka = (
        f'<p class="rc-agency__aka">Dikenal juga sebagai {", ".join(f"<strong>{esc(n)}</strong>" for n in names)}</p>'
        if names
        else ""
    )
    partner_block = ""
    if partnered:
        links = "".join(f"<li>{program_link(base, p)}</li>" for p in partnered)
        partner_block = (
            f'<details class="rc-agency__partner"><summary>Juga menjadi mitra di {len(partnered)} program'
            f"</summary><ul>{links}</ul></details>"
        )
    return (
        f'<section class="rc-agency" aria-labelledby="{anchor}"><h2 id="{anchor}">{esc(name)}</h2>{aka}'
        f'<p class="rc-agency__figures"><strong>{len(programs)} program</strong> ({esc(_status_summary(programs))}) · '
        f"anggaran {esc(programs_budget(programs))}</p>"
        f'<ul class="rc-agency__programs">{items}</ul>{partner_block}'
        f"{follow_note(base, agency_feed_path(anchor), 'program ' + name) if has_feed else ''}</section>"
    )


def agencies_page(plan: Plan, base: str, *, has_feed: bool = False) -> str:
    """The OPD page; `has_feed`: the build writes each agency's Atom feed, which its section links."""
    if not plan.agencies:
        return '<p class="rc-empty">Belum ada program.</p>'
    anchors = agency_anchors(list(plan.agencies))
    partner_in: dict[str, list[Program]] = defaultdict(list)
    for program in plan.programs:
        for partner in dict.fromkeys(program.partners):
            partner_in[partner].append(program)
    sections = "".join(
        _agency(plan, base, name, anchors[name], programs, partner_in[name], has_feed)
        for name, programs in plan.agencies.items()
    )
    return (
        f'<p class="rc-agency__intro">{len(plan.agencies)} perangkat daerah memimpin '
        f"{len(plan.programs)} program.</p>{_overview(plan, anchors)}{sections}"
    )
