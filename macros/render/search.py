"""Search with Pagefind: what each page tells the index.

Pages tell Pagefind what to index through `data-pagefind-*` attributes, all added
here: the body of a page (`data-pagefind-body`), the filters a program is found by
(Dimensi, Elemen, Status, Horizon, OPD, Tahun, and Keadaan: late, silent, unknown) and the metadata a result shows
(program id, dimension, status, lead agency, years). `macros.site.search_index` runs Pagefind over the
built site; the browser side lives in `docs/assets/search.js`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from macros.data.plan.assemble import Plan
from macros.data.plan.model import Program
from macros.render.html import bullet_list, esc, link, relative
from macros.render.standing import LATE, OVERDUE, SILENT
from macros.render.text import HORIZON_LABELS, STATUS_LABELS, years

# Filter names as citizens read them, in the order the Cari page offers them.
FILTERS = ("Dimensi", "Elemen", "Status", "Horizon", "OPD", "Tahun", "Keadaan")
# The portal's Cari searches every region's programs: two filters more, first.
PORTAL_FILTERS = ("Daerah", "Provinsi", *FILTERS)

# Hand-written pages rank below programs and dimensions: words on them count for less
# (Pagefind weights are squared, so 0.5 makes a word worth a quarter of a program's).
PAGE_WEIGHT = 0.5


def _tag(kind: str, name: str, value: str) -> str:
    # The value is element text, not an attribute: data may hold commas and colons,
    # which Pagefind's inline `name:value` syntax would split.
    return f'<span data-pagefind-{kind}="{esc(name)}">{esc(value)}</span>'


def _annotations(meta: Mapping[str, str], filters: Iterable[tuple[str, str]]) -> str:
    """Metadata and filters in a hidden block: read by Pagefind, not indexed as words, never shown."""
    tags = [_tag("meta", key, value) for key, value in meta.items()]
    tags += [_tag("filter", name, value) for name, value in filters]
    return f"<div hidden data-pagefind-ignore>{''.join(tags)}</div>"


def _body(html: str, annotations: str = "", weight: float | None = None) -> str:
    attribute = f' data-pagefind-weight="{weight:g}"' if weight is not None else ""
    return f"<div data-pagefind-body{attribute}>{html}{annotations}</div>"


def program_filters(plan: Plan, program: Program) -> list[tuple[str, str]]:
    """(filter, value) pairs of a program; a program is found under every year it runs."""
    filters = [("Dimensi", plan.dimensions[program.dimension].label)]
    element = plan.element_label(program)
    if element:
        filters.append(("Elemen", element))
    filters += [
        ("Status", STATUS_LABELS[program.status]),
        ("Horizon", HORIZON_LABELS[program.horizon]),
        ("OPD", program.lead),
    ]
    filters += [("Tahun", str(year)) for year in range(program.period.start, program.period.end + 1)]
    return filters + [("Keadaan", value) for value in monitoring_values(plan, program)]


def monitoring_values(plan: Plan, program: Program) -> list[str]:
    """What the Keadaan filter finds a program by (the Pemantauan page's states), on the run's date."""
    standing = plan.standing(program)
    values = []
    if standing.late:
        values.append(LATE)
    if standing.overdue and program.status not in ("completed", "stopped"):
        values.append(OVERDUE)
    if standing.silent:
        values.append(SILENT)
    if program.progress_percent is None:
        values.append("Progres belum dilaporkan")
    if not program.budget:
        values.append("Anggaran tidak tercatat")
    return values


def region_filters(plan: Plan) -> list[tuple[str, str]]:
    """(filter, value) pairs that tell a region's programs apart in the portal's search."""
    filters = [("Daerah", plan.city.name)]
    if plan.city.province:
        filters.append(("Provinsi", plan.city.province))
    return filters


def program_body(plan: Plan, program: Program, html: str, *, in_portal: bool = False) -> str:
    """The indexed body of a program page; `in_portal`: the portal's search finds it too, by region."""
    dimension = plan.dimensions[program.dimension].label
    meta = {
        # The result shows the id as a badge beside the title, so the title goes without it.
        "title": program.title,
        "kind": "Program",
        "program": program.id,
        # In a portal a result names its region, on the line that names its dimension.
        "dimension": f"{plan.city.name} · {dimension}" if in_portal else dimension,
        "status": STATUS_LABELS[program.status],
        "status_key": program.status,
        "lead": program.lead,
        "years": years(program.period.start, program.period.end),
    }
    filters = program_filters(plan, program) + (region_filters(plan) if in_portal else [])
    return _body(html, _annotations(meta, filters))


def dimension_body(plan: Plan, dimension_key: str, html: str) -> str:
    label = plan.dimensions[dimension_key].label
    return _body(html, _annotations({"kind": "Dimensi", "dimension": label}, [("Dimensi", label)]))


def page_body(html: str, options: object) -> str:
    """A hand-written page, unless its front matter says `search: {exclude: true}`.

    The front matter keys are those of Material's own search: `exclude`, and `boost`
    (a Pagefind weight from 0 to 10, default 0.5) for a page that should rank higher.
    """
    settings = options if isinstance(options, Mapping) else {}
    if settings.get("exclude"):
        return html
    boost = settings.get("boost", PAGE_WEIGHT)
    if not isinstance(boost, (int, float)) or not 0 <= boost <= 10:
        raise ValueError(f"search.boost must be a number from 0 to 10, not {boost!r}")
    return _body(html, weight=float(boost))


def _search_interface(filters: tuple[str, ...], places: list[str], found_without_script: str) -> str:
    """The interface `docs/assets/search.js` fills in the browser; `filters` in the order offered.

    The field is in the page from the start (hidden until the script shows it), so that
    what a citizen types while Pagefind loads is kept. Without JavaScript the page links
    to `places`, where programs are listed instead.
    """
    return (
        f'<div class="rc-search" data-rc-search-page data-filters="{esc(json.dumps(filters))}">'
        '<div class="rc-search__form" role="search" data-rc-search-form hidden>'
        '<label for="rc-search-page-input" class="rc-visually-hidden">Cari program, kegiatan, atau OPD</label>'
        '<input type="search" id="rc-search-page-input" class="rc-search-field" placeholder="Cari program, '
        'kegiatan, OPD…" autocomplete="off" autocapitalize="none" spellcheck="false" enterkeyhint="search"></div>'
        '<p class="rc-search-status" data-rc-search-status role="status"></p>'
        "<noscript><p>Pencarian membutuhkan JavaScript. Tanpa JavaScript, temukan program "
        f"{found_without_script}:</p>{bullet_list(places)}</noscript></div>"
    )


def search_page(plan: Plan, base: str, portal_search: str | None = None) -> str:
    """A region's Cari page; `base` is its address, for the links shown without JavaScript.

    `portal_search`: the portal's Cari page, for a region inside a portal ("cari di semua
    daerah"; `portal/assets/portal.js` carries the words typed here over to it).
    """
    places = [link(relative(base, f"{key}/"), esc(dimension.label)) for key, dimension in plan.dimensions.items()]
    places.append(link(relative(base, "opd/"), "Program per OPD"))
    places.append(link(relative(base, "peta-jalan/"), "Peta Jalan"))
    elsewhere = (
        f'<p class="rc-search-elsewhere"><a href="{esc(portal_search)}" data-rc-portal-search>'
        "Cari di semua daerah</a></p>"
        if portal_search
        else ""
    )
    # Only filters some program has a value of: Pagefind tells a screen reader, in English, of a
    # filter it does not know (a plan where nothing is late, silent or unknown has no Keadaan).
    valued = {name for program in plan.programs for name, _ in program_filters(plan, program)}
    filters = tuple(name for name in FILTERS if name in valued)
    return _search_interface(filters, places, "dari halaman dimensinya atau dari daftar lengkapnya") + elsewhere


def portal_search_page(regions: list[tuple[str, str]]) -> str:
    """The portal's Cari page: every region's programs, with the Daerah and Provinsi filters first.

    `regions`: (name, address of its site) of each region, linked when JavaScript is off.
    """
    places = [link(address, esc(name)) for name, address in regions]
    return _search_interface(PORTAL_FILTERS, places, "di situs daerahnya")
