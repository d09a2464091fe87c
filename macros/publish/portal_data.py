"""The portal's open data: every region's plan in one JSON file and two CSV files with a region column.

The columns are a region's own (`macros.publish.opendata`) with `region` (the region's slug)
in front, and a program's `url` is its page in its region's site, so that a row of the
combined file reads the same as the row of the region's file.
"""

from __future__ import annotations

import gzip
import io
import json

from macros.data.plan.assemble import Plan
from macros.data.portal.regions import Portal
from macros.publish.opendata import (
    BUDGET_COLUMNS,
    PROGRAM_COLUMNS,
    DataFile,
    budget_rows,
    csv_text,
    file_paths,
    plan_document,
    program_rows,
    schema_files,
)
from macros.render.html import absolute_url

REGION_COLUMN = ("region", "Kode daerah: bagian alamat situs daerah itu, misalnya mojokerto")
ALL_REGIONS = "semua-daerah"
# Every region's plan in one file, gzipped (`portal_json`). Level 6: level 9 is slower for a few per cent.
COMBINED_JSON = file_paths(ALL_REGIONS)[0] + ".gz"
COMPRESSION = 6


def region_site_url(site_url: str, slug: str) -> str:
    """The region's site address under the portal's (empty when the portal's is unknown)."""
    return absolute_url(site_url, f"{slug}/") or ""


def site_of(portal: Portal, site_url: str, slug: str) -> str:
    """The region's site address: its own for a remote region, else under the portal's."""
    remote = portal.remote.get(slug)
    return remote.url if remote is not None else region_site_url(site_url, slug)


def remote_entry(portal: Portal, plan: Plan) -> dict[str, object]:
    """A region with a site of its own: its whole plan as the portal validated it, like a local region's,
    then where it came from and when. With its manifest, this is what a later build restores the region
    from when its site is down and the cache is empty (`macros.data.portal.fetch`, "previous deploy")."""
    remote = portal.remote[plan.slug]
    return plan_document(plan, remote.url) | {
        "site": remote.url,
        "data": remote.data,
        "built": remote.built.isoformat(),
        "fetched": remote.fetched.isoformat(),
        "manifest": remote.manifest.model_dump(mode="json"),
    }


def portal_json(portal: Portal, site_url: str) -> bytes:
    """`{"regions": [...]}`, a region's whole plan a line, gzipped (`COMBINED_JSON`).

    Bulk data: 500 regions of 50 programs take 62.6 MB of JSON without indentation (86 MB indented),
    most of a portal's site, which is to stay within 100 MB of GitHub Pages' 1 GB; gzipped, about a
    tenth, which a phone can download too. Each region's document is encoded and compressed as soon
    as it is made: 25,000 programs' dictionaries at once, or the text as a Python string (two or four
    bytes a character once one is not ASCII), would take the portal's worker past 1 GB. `mtime=0`:
    the same portal gives the same bytes.
    """
    packed = io.BytesIO()
    with gzip.GzipFile(fileobj=packed, mode="wb", compresslevel=COMPRESSION, mtime=0) as out:
        out.write(b'{"regions": [')
        for index, plan in enumerate(portal.plans):
            document = (
                remote_entry(portal, plan)
                if plan.slug in portal.remote
                else plan_document(plan, site_of(portal, site_url, plan.slug))
            )
            out.write(b",\n" if index else b"\n")
            out.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        out.write(b"\n]}\n" if portal.plans else b"]}\n")
    return packed.getvalue()


def portal_programs_csv(portal: Portal, site_url: str) -> str:
    rows = [
        [plan.slug, *row] for plan in portal.plans for row in program_rows(plan, site_of(portal, site_url, plan.slug))
    ]
    return csv_text([REGION_COLUMN[0], *(column.name for column in PROGRAM_COLUMNS)], rows)


def portal_budget_csv(portal: Portal) -> str:
    rows = [[plan.slug, *row] for plan in portal.plans for row in budget_rows(plan)]
    return csv_text([REGION_COLUMN[0], *(name for name, _ in BUDGET_COLUMNS)], rows)


# The build writes the files and the Data page shows their sizes: make them once per portal.
_made: tuple[Portal, str, list[DataFile]] | None = None


def portal_data_files(portal: Portal, site_url: str) -> list[DataFile]:
    global _made
    if _made is None or _made[0] is not portal or _made[1] != site_url:
        _made = (portal, site_url, _make_files(portal, site_url))
    return _made[2]


def _make_files(portal: Portal, site_url: str) -> list[DataFile]:
    _, program_path, budget_path = file_paths(ALL_REGIONS)
    files = [
        DataFile(
            COMBINED_JSON,
            "Seluruh rencana semua daerah (JSON)",
            "JSON gzip",
            "Untuk setiap daerah: profilnya, dimensinya, dan setiap program dengan semua isiannya.",
            portal_json(portal, site_url),
        ),
        DataFile(
            program_path,
            "Daftar program semua daerah (CSV)",
            "CSV",
            "Satu baris per program, dengan kolom daerah di depan; anggaran dijumlahkan per program.",
            portal_programs_csv(portal, site_url),
        ),
        DataFile(
            budget_path,
            "Rincian anggaran semua daerah (CSV)",
            "CSV",
            "Satu baris per baris anggaran, dengan kolom daerah di depan.",
            portal_budget_csv(portal),
        ),
    ]
    return files + schema_files()
