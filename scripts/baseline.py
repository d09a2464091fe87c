"""The benchmark's baseline: a city's plan as hand-written Markdown for plain MkDocs + Material.

What a maintainer would write without Rencana: one Markdown page per program with
the same fields as text and tables, an index page per dimension that lists its
programs, a home page, Material's own lunr search, and a nav of the dimension
pages only (programs out of the nav, as in Rencana). `make bench` builds it in
alternation with the Rencana site of the same data.

Usage: python -m scripts.baseline PROJECT OUT (PROJECT holds data/; OUT gets mkdocs.yml and docs/).
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.data.plan.assemble import Plan, load_plan
from macros.data.plan.model import Program
from macros.render.text import HORIZON_LABELS, SDG_NAMES, SOURCE_LABELS, STATUS_LABELS, number, rupiah, years

CONFIG = """\
site_name: {site_name}
theme:
  name: material
  language: id
plugins:
  - search
markdown_extensions:
  - toc:
      permalink: false
  - attr_list
  - tables
  - admonition
nav:
  - Beranda: index.md
{nav}
not_in_nav: |
  /*/*.md
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def program_markdown(plan: Plan, program: Program) -> str:
    dimension = plan.dimensions[program.dimension]
    badges = [
        dimension.label,
        plan.element_label(program) or "",
        HORIZON_LABELS[program.horizon],
        STATUS_LABELS[program.status],
    ]
    facts = [
        ["Penanggung jawab", program.lead],
        ["Tahun", years(program.period.start, program.period.end)],
        ["Progres", f"{program.progress_percent} %"],
    ]
    if program.partners:
        facts.insert(1, ["Mitra", ", ".join(program.partners)])
    if program.budget:
        facts.append(["Total anggaran", rupiah(program.total_budget)])
    parts = [
        f"# {program.id} {program.title}\n",
        f"[← {dimension.label}](index.md)\n",
        " · ".join(f"**{badge}**" for badge in badges if badge) + "\n",
        program.summary + "\n",
        _table(["Fakta", ""], facts),
    ]
    if program.problem:
        parts.append(f"## Masalah yang dijawab\n\n{program.problem}\n")
    if program.description:
        parts.append(f"## Deskripsi\n\n{program.description}\n")
    if program.objectives:
        parts.append("## Tujuan\n\n" + "".join(f"- {item}\n" for item in program.objectives))
    if program.indicators:
        rows = [
            [
                i.name,
                f"{number(i.baseline) + ' → ' if i.baseline is not None else ''}{number(i.target)} {i.unit} ({i.year})",
                f"{number(i.actual)} {i.unit}" if i.actual is not None else "belum diukur",
            ]
            for i in program.indicators
        ]
        parts.append(
            "## Indikator kinerja\n\n" + _table(["Indikator", "Awal → target (tahun)", "Capaian terakhir"], rows)
        )
    if program.budget:
        rows = [[str(line.year), SOURCE_LABELS[line.source], rupiah(line.amount)] for line in program.budget]
        rows.append(["Total", "", rupiah(program.total_budget)])
        parts.append("## Anggaran\n\n" + _table(["Tahun", "Sumber", "Jumlah"], rows))
    if program.milestones:
        parts.append(
            "## Tahapan\n\n"
            + "".join(
                f"- {m.name}: rencana {m.planned}" + (f", selesai {m.done}" if m.done else ", belum selesai") + "\n"
                for m in program.milestones
            )
        )
    if program.updates:
        parts.append(
            "## Perkembangan\n\n"
            + "".join(
                f"- **{update.date.isoformat()}**: {update.text}\n"
                for update in sorted(program.updates, key=lambda u: u.date, reverse=True)
            )
        )
    if program.related:
        related = [plan.program(item) for item in program.related]
        parts.append(
            "## Program terkait\n\n"
            + "".join(f"- [{other.id} {other.title}](../{other.dimension}/{other.slug}.md)\n" for other in related)
        )
    if program.sdgs:
        parts.append(
            "## Tujuan Pembangunan Berkelanjutan (SDGs)\n\n"
            + "".join(f"- SDG {goal}: {SDG_NAMES[goal]}\n" for goal in sorted(set(program.sdgs)))
        )
    if program.sources:
        parts.append("## Sumber\n\n" + "".join(f"- [{source.title}]({source.url})\n" for source in program.sources))
    if program.tags:
        parts.append("Kata kunci: " + ", ".join(program.tags) + "\n")
    if program.reviewed:
        parts.append(f"Terakhir ditinjau: {program.reviewed.isoformat()}\n")
    return "\n".join(parts)


def dimension_markdown(plan: Plan, key: str) -> str:
    dimension = plan.dimensions[key]
    parts = [f"# {dimension.label}\n", dimension.description + "\n"]
    for group in plan.element_groups(key):
        rows = [
            [
                f"[{p.id}]({p.slug}.md)",
                p.title,
                p.lead,
                years(p.period.start, p.period.end),
                STATUS_LABELS[p.status],
                f"{p.progress_percent} %",
            ]
            for p in group.programs
        ]
        parts.append(
            f"## {group.label}\n\n"
            + _table(["Kode", "Program", "Penanggung jawab", "Tahun", "Status", "Progres"], rows)
        )
    return "\n".join(parts)


def home_markdown(plan: Plan) -> str:
    city = plan.city
    lines = [f"# {city.name}\n", f"{city.plan.title}\n"]
    if city.vision:
        lines.append(f"## Visi\n\n{city.vision}\n")
    if city.missions:
        lines.append("## Misi\n\n" + "".join(f"1. {mission}\n" for mission in city.missions))
    lines.append(
        "## Dimensi\n\n"
        + "".join(
            f"- [{dimension.label}]({key}/index.md): {len(plan.programs_in(key))} program\n"
            for key, dimension in plan.dimensions.items()
        )
    )
    return "\n".join(lines)


def write_baseline(project: Path, out: Path) -> int:
    """Write the baseline site of `project`'s city into `out`; return the number of Markdown pages."""
    plan, _ = load_plan(project, None)
    docs = out / "docs"
    pages = {"index.md": home_markdown(plan)}
    for key in plan.dimensions:
        pages[f"{key}/index.md"] = dimension_markdown(plan, key)
    for program in plan.programs:
        pages[f"{program.dimension}/{program.slug}.md"] = program_markdown(plan, program)
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    nav = "\n".join(f"  - {dimension.label}: {key}/index.md" for key, dimension in plan.dimensions.items())
    (out / "mkdocs.yml").write_text(CONFIG.format(site_name=plan.city.plan.title, nav=nav), encoding="utf-8")
    return len(pages)


if __name__ == "__main__":
    write_baseline(Path(sys.argv[1]), Path(sys.argv[2]))
