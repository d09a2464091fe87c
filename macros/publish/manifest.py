"""`rencana.json`, the region site's manifest (`macros.data.plan.manifest`), written by every region's build."""

from __future__ import annotations

from macros.data.plan.assemble import Plan
from macros.data.plan.manifest import (
    MANIFEST_FILE,
    MANIFEST_FORMAT,
    MANIFEST_VERSION,
    Manifest,
    ManifestAddresses,
    ManifestPlan,
    ManifestProfile,
)
from macros.publish.opendata import file_paths

# Where `macros.site.search_index` writes the search bundle (BUNDLE_DIR there; this layer is below it).
SEARCH_BUNDLE = "pagefind"

__all__ = ["MANIFEST_FILE", "manifest", "manifest_json"]


def manifest(plan: Plan) -> Manifest:
    """The region's manifest; `plan.today` (the build's date, SOURCE_DATE_EPOCH) dates it, so builds repeat."""
    json_path, programs_path, budget_path = file_paths(plan.slug)
    city = plan.city
    return Manifest(
        format=MANIFEST_FORMAT,
        version=MANIFEST_VERSION,
        profile=ManifestProfile(slug=plan.slug, name=city.name, type=city.region_type, province=city.province),
        plan=ManifestPlan(title=city.plan.title, start=city.plan.start, end=city.plan.end),
        built=plan.today,
        addresses=ManifestAddresses(
            home="./",
            data=json_path,
            programs_csv=programs_path,
            budget_csv=budget_path,
            search=f"{SEARCH_BUNDLE}/",
        ),
    )


def manifest_json(plan: Plan) -> str:
    return manifest(plan).model_dump_json(indent=2) + "\n"
