"""Which pages the data makes, their addresses, titles and bodies."""

from __future__ import annotations

from dataclasses import dataclass

from macros.data.plan.assemble import Plan
from macros.data.plan.model import Program
from macros.render.html import program_url
from macros.render.overview import dimension_page
from macros.render.program_page import Rendered, render_program


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from data rather than written in `docs/`."""

    src_uri: str
    title: str
    description: str
    program: Program | None = None
    dimension: str | None = None
    data_file: str | None = None  # the YAML file behind the page, for its edit link

    def render(self, plan: Plan, feedback_html: str = "", report_html: str = "") -> Rendered:
        if self.program is not None:
            return render_program(plan, self.program, feedback_html, report_html)
        assert self.dimension is not None
        headings = [(group.key or "lainnya", group.label) for group in plan.element_groups(self.dimension)]
        return Rendered(dimension_page(plan, self.dimension), headings)


def program_src_uri(program: Program) -> str:
    return program_url(program).rstrip("/") + ".md"


def generated_pages(plan: Plan) -> list[GeneratedPage]:
    pages = [
        GeneratedPage(f"{key}/index.md", dimension.label, dimension.description, dimension=key)
        for key, dimension in plan.dimensions.items()
    ]
    pages += [
        GeneratedPage(
            program_src_uri(program),
            f"{program.id} {program.title}",
            program.summary,
            program=program,
            data_file=plan.source_path(program),
        )
        for program in plan.programs
    ]
    return pages
