"""The portal's pages: national figures, a card per region, regions compared, the regions' files.

Every figure is a sum of the regions' plans (`macros.data.portal.regions`). Links are relative to
the page (`base`), and a region's site is the folder `<slug>/` of the portal. The region
filter and the sortable tables are plain HTML first; `portal/assets/portal.js` adds the
controls that filter and sort them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urljoin

from macros.data.plan.assemble import Plan
from macros.data.plan.monitoring import programs_in
from macros.data.portal.regions import Portal, latest_index
from macros.data.portal.remote import RemoteSource
from macros.render.evaluation import score
from macros.render.html import esc, link, relative, table
from macros.render.text import budget_total, long_date, percent, years

REGION_TYPE_LABELS = {"kota": "Kota", "kabupaten": "Kabupaten"}
MISSING = "–"


def region_url(plan: Plan, path: str = "") -> str:
    """A page of the region's site, as a portal address ("mojokerto/data/")."""
    return f"{plan.slug}/{path}"


def region_href(portal: Portal, plan: Plan, base: str, path: str = "") -> str:
    """A link from the portal's page at `base` to a page of the region's site, wherever the site is."""
    remote = portal.remote.get(plan.slug)
    if remote is not None:
        return urljoin(remote.url, path)
    return relative(base, region_url(plan, path))


def _freshness(portal: Portal, plan: Plan) -> str:
    """For a region that publishes its own site: as of when its data is, and since when it is old."""
    remote = portal.remote.get(plan.slug)
    if remote is None:
        return ""
    built = f'<time datetime="{remote.built.isoformat()}">{esc(long_date(remote.built))}</time>'
    text = f"Data per {built}, dari situs daerah ini."
    if remote.stale_reason is not None:
        fetched = f'<time datetime="{remote.fetched.isoformat()}">{esc(long_date(remote.fetched))}</time>'
        text += (
            f" <strong>Data lama:</strong> situsnya tidak dapat dibaca pada pembaruan terakhir portal; "
            f"yang tampil adalah data yang berhasil diambil pada {fetched}."
        )
    css = "rc-region-card__fresh rc-region-card__fresh--stale" if remote.stale_reason else "rc-region-card__fresh"
    return f'<p class="{css}" data-rc-stale="{"true" if remote.stale_reason else "false"}">{text}</p>'


def _share(completed: int, programs: int) -> str:
    return percent(completed, programs) if programs else MISSING


def national_figures(portal: Portal) -> str:
    kinds = [plan.city.region_type for plan in portal.plans]
    split = ", ".join(
        f"{kinds.count(kind)} {label.lower()}" for kind, label in REGION_TYPE_LABELS.items() if kind in kinds
    )
    figures = [
        (str(len(portal.plans)), f"daerah ({split})"),
        (str(portal.programs), "program"),
        (budget_total(portal.total_budget, portal.budgeted, portal.programs), "total anggaran"),
        (_share(portal.completed, portal.programs), "program selesai"),
    ]
    tiles = "".join(
        f'<li><strong class="rc-figure__value">{value}</strong> <span class="rc-figure__label">{esc(label)}</span></li>'
        for value, label in figures
    )
    return f'<ul class="rc-list rc-figures">{tiles}</ul>'


def _region_filter(portal: Portal) -> str:
    """Province and type selects; hidden until the script that makes them work runs."""
    provinces = "".join(f'<option value="{esc(name)}">{esc(name)}</option>' for name in portal.provinces)
    types = "".join(f'<option value="{key}">{label}</option>' for key, label in REGION_TYPE_LABELS.items())
    return (
        '<form class="rc-region-filter" data-rc-region-filter hidden>'
        '<label class="rc-region-filter__field"><span>Provinsi</span>'
        f'<select name="provinsi"><option value="">Semua provinsi</option>{provinces}</select></label>'
        '<label class="rc-region-filter__field"><span>Jenis daerah</span>'
        f'<select name="jenis"><option value="">Kota dan kabupaten</option>{types}</select></label>'
        f'<p class="rc-region-filter__count" role="status">{len(portal.plans)} daerah</p></form>'
    )


def _region_card(portal: Portal, plan: Plan, base: str) -> str:
    city = plan.city
    kind = city.region_type
    place = REGION_TYPE_LABELS[kind] + (f" · {esc(city.province)}" if city.province else "")
    evaluation = latest_index(plan)
    facts = [
        ("Masa rencana", years(city.plan.start, city.plan.end)),
        ("Program", str(len(plan.programs))),
        ("Anggaran", esc(budget_total(plan.total_budget, plan.budgeted, len(plan.programs)))),
        ("Selesai", _share(plan.status_counts["completed"], len(plan.programs))),
        ("Indeks evaluasi", f"{score(evaluation[1])} ({evaluation[0]})" if evaluation else "belum ada"),
        ("Melewati jadwal", _late_link(portal, plan, base)),
    ]
    items = "".join(f"<div><dt>{term}</dt> <dd>{value}</dd></div>" for term, value in facts)
    sample = '<p class="rc-region-card__sample">Data contoh</p>' if city.sample else ""
    return (
        f'<li class="rc-region-card" data-provinsi="{esc(city.province or "")}" data-jenis="{kind}">'
        f'<h3 class="rc-region-card__name">{link(region_href(portal, plan, base), esc(city.name))}</h3>'
        f'<p class="rc-region-card__place">{place}</p>{sample}{_freshness(portal, plan)}'
        f'<dl class="rc-region-card__facts">{items}</dl></li>'
    )


def _missing_card(source: RemoteSource) -> str:
    name = source.name or source.url
    return (
        '<li class="rc-region-card" data-provinsi="" data-jenis="">'
        f'<h3 class="rc-region-card__name">{link(source.url, esc(name))}</h3>'
        '<p class="rc-region-card__fresh rc-region-card__fresh--stale" data-rc-stale="true">'
        "Data daerah ini belum dapat diambil dari situsnya.</p></li>"
    )


def _late_link(portal: Portal, plan: Plan, base: str) -> str:
    """The region's late programs, counted and linked to their list on its Pemantauan page."""
    late = programs_in(plan, "melewati-jadwal")
    # The list exists only when it holds a program; a 0 leads to the page itself.
    anchor = "#melewati-jadwal" if late else ""
    return link(region_href(portal, plan, base, "pemantauan/") + anchor, f"{len(late)} program")


def region_cards(portal: Portal, base: str) -> str:
    """A card per region, and the province and type filters over them."""
    cards = "".join(_region_card(portal, plan, base) for plan in portal.plans)
    cards += "".join(_missing_card(source) for source in portal.missing)
    return f'{_region_filter(portal)}<ul class="rc-list rc-region-cards">{cards}</ul>'


# ------------------------------------------------------------------ Bandingkan


@dataclass(frozen=True)
class Cell:
    html: str
    sort: str  # the value the script sorts by: a number, or text; "" sorts last either way


def _number_cell(value: float | None, text: str) -> Cell:
    return Cell(text, "" if value is None else f"{value:g}")


def _budget_cell(total: int, budgeted: int, programs: int) -> Cell:
    """A budget that says what it covers; none recorded sorts with the missing values, not as 0."""
    return _number_cell(total if budgeted else None, esc(budget_total(total, budgeted, programs)))


def sortable_table(caption: str, head: list[str], rows: Iterable[list[Cell]], *, numeric: Iterable[int] = ()) -> str:
    """A captioned table that `portal/assets/portal.js` makes sortable by any column.

    Without the script it is a plain table in the order given; each cell carries the value it
    sorts by (`data-sort`), since "Rp 1,5 miliar" does not sort as text.
    """
    numeric_columns = set(numeric)

    def cell(index: int, value: Cell, tag: str) -> str:
        css = ' class="rc-num"' if index in numeric_columns else ""
        scope = ' scope="row"' if tag == "th" else ""
        return f'<{tag}{css}{scope} data-sort="{esc(value.sort)}">{value.html}</{tag}>'

    body = "".join(
        "<tr>" + "".join(cell(i, value, "th" if i == 0 else "td") for i, value in enumerate(row)) + "</tr>"
        for row in rows
    )
    numeric_heading = ' class="rc-num" data-type="number"'
    header = "".join(
        f'<th scope="col"{numeric_heading if i in numeric_columns else ""}>{esc(name)}</th>'
        for i, name in enumerate(head)
    )
    return (
        f'<div class="rc-table" role="region" aria-label="Tabel: {esc(caption)}" tabindex="0">'
        f'<table class="rc-sortable" data-rc-sortable>'
        f'<caption class="rc-visually-hidden">{esc(caption)}</caption>'
        f"<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _region_name(portal: Portal, plan: Plan, base: str) -> Cell:
    return Cell(link(region_href(portal, plan, base), esc(plan.city.name)), plan.city.name)


def _overall_table(portal: Portal, base: str) -> str:
    rows = []
    for plan in portal.plans:
        programs, completed = len(plan.programs), plan.status_counts["completed"]
        evaluation = latest_index(plan)
        rows.append(
            [
                _region_name(portal, plan, base),
                Cell(esc(plan.city.province or MISSING), plan.city.province or ""),
                _number_cell(programs, str(programs)),
                _budget_cell(plan.total_budget, plan.budgeted, programs),
                _number_cell(completed / programs if programs else None, _share(completed, programs)),
                _number_cell(evaluation[1] if evaluation else None, score(evaluation[1]) if evaluation else MISSING),
            ]
        )
    head = ["Daerah", "Provinsi", "Program", "Anggaran", "Selesai", "Indeks evaluasi terakhir"]
    return sortable_table("Semua dimensi, per daerah", head, rows, numeric=range(2, 6))


def _dimension_table(portal: Portal, base: str, key: str, label: str) -> str:
    rows = []
    for plan in portal.plans:
        figures = portal.dimension_figures(plan, key)
        if figures is None:
            continue  # the region has dimensions of its own, without this one
        rows.append(
            [
                _region_name(portal, plan, base),
                _number_cell(figures.programs, str(figures.programs)),
                _budget_cell(figures.budget, figures.budgeted, figures.programs),
                _number_cell(figures.share_completed, _share(figures.completed, figures.programs)),
                _number_cell(figures.score, score(figures.score) if figures.score is not None else MISSING),
            ]
        )
    head = ["Daerah", "Program", "Anggaran", "Selesai", "Skor evaluasi terakhir"]
    return sortable_table(f"{label}, per daerah", head, rows, numeric=range(1, 5))


def comparison_tables(portal: Portal, base: str) -> str:
    """The regions side by side: overall, then one table per dimension."""
    jump = "".join(f'<li><a href="#{esc(key)}">{esc(label)}</a></li>' for key, label in portal.dimensions.items())
    sections = "".join(
        f'<section class="rc-section" aria-labelledby="{esc(key)}"><h2 id="{esc(key)}">{esc(label)}</h2>'
        f"{_dimension_table(portal, base, key, label)}</section>"
        for key, label in portal.dimensions.items()
    )
    return (
        f'<nav class="rc-jump" aria-label="Dimensi"><ul>{jump}</ul></nav>'
        f'<section class="rc-section" aria-labelledby="semua-dimensi"><h2 id="semua-dimensi">Semua dimensi</h2>'
        f"{_overall_table(portal, base)}</section>{sections}"
    )


# ------------------------------------------------------------------ Data and Tentang


def region_data_links(
    portal: Portal, base: str, labels: tuple[str, ...], paths: Callable[[str], tuple[str, ...]]
) -> str:
    """A row per region with links to its own open data files: `paths(slug)`, one per label."""
    rows = [
        [link(region_href(portal, plan, base), esc(plan.city.name))]
        + [
            link(region_href(portal, plan, base, path), esc(label))
            for label, path in zip(labels, paths(plan.slug), strict=True)
        ]
        for plan in portal.plans
    ]
    return table("Berkas data setiap daerah", ["Daerah", *labels], rows)


def portal_about(portal: Portal, base: str) -> str:
    """Each region's plan: its document, years and legal basis."""
    rows = [
        [
            link(region_href(portal, plan, base), esc(plan.city.name)),
            esc(plan.city.plan.title),
            years(plan.city.plan.start, plan.city.plan.end),
            esc(plan.city.plan.legal_basis or MISSING),
        ]
        for plan in portal.plans
    ]
    return table("Rencana setiap daerah", ["Daerah", "Dokumen", "Masa berlaku", "Dasar hukum"], rows)


def portal_sample_notice(portal: Portal) -> str:
    """Said on every page of the portal when any region's data is illustrative."""
    samples = [plan.city.name for plan in portal.plans if plan.city.sample]
    if not samples:
        return ""
    if len(samples) == len(portal.plans):
        return "Isi portal ini bersifat ilustratif untuk memperagakan Rencana, bukan data resmi pemerintah daerah."
    return f"Data {', '.join(samples)} bersifat ilustratif, bukan data resmi pemerintah daerah."
