"""A region site's manifest, `rencana.json` at its root: what a portal elsewhere reads first.

The manifest names the format and its version, the region's profile, the plan's years, the
build date and where the region's open data, pages and search bundle are. Addresses are
relative to the manifest itself, so the same site works at any address (a GitHub Pages
project site is under a sub-path). A portal reads versions up to its own and refuses a newer
one by name, keeping that region's last good data (guide/portal.md).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StrictStr

MANIFEST_FILE = "rencana.json"
MANIFEST_FORMAT = "rencana-manifest"
# Raised when a field's meaning changes or a required field is added; portals read every version up to theirs.
MANIFEST_VERSION = 1


def _inside_the_site(value: str) -> str:
    if value.startswith("/") or ".." in value.split("/"):
        raise ValueError("must stay inside the region's site: no leading `/`, no `..`")
    return value


# An address inside the region's site, relative to the manifest: no scheme (no `:`), no `..`, no leading `/`.
RelativeAddress = Annotated[
    StrictStr, Field(pattern=r"^[A-Za-z0-9_.~/-]*$", max_length=500), AfterValidator(_inside_the_site)
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ManifestProfile(_Strict):
    slug: Annotated[StrictStr, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=30)] = Field(
        description="The region's code: its data files are named by it (rencana-<slug>.json)."
    )
    name: Annotated[StrictStr, Field(min_length=1, max_length=200)] = Field(description='"Kota Mojokerto".')
    type: Literal["kota", "kabupaten"] = Field(description="kota (city) or kabupaten (regency).")
    province: Annotated[StrictStr, Field(max_length=200)] | None = Field(None, description="Province, if known.")


class ManifestPlan(_Strict):
    title: Annotated[StrictStr, Field(max_length=500)] = Field(description="Title of the master plan.")
    start: Annotated[StrictInt, Field(ge=1900, le=2200)] = Field(description="First year of the plan.")
    end: Annotated[StrictInt, Field(ge=1900, le=2200)] = Field(description="Last year of the plan.")


class ManifestAddresses(_Strict):
    home: RelativeAddress = Field(description="The region's home page (Beranda), relative to the manifest.")
    data: RelativeAddress = Field(
        description="The whole plan as JSON (city, dimensions, every program, each program's page)."
    )
    programs_csv: RelativeAddress = Field(description="One row per program, CSV.")
    budget_csv: RelativeAddress = Field(description="One row per budget line, CSV.")
    search: RelativeAddress = Field(description="The folder of the region's Pagefind search bundle.")


class Manifest(_Strict):
    format: Literal["rencana-manifest"] = Field(description="Always rencana-manifest.")
    version: Annotated[StrictInt, Field(ge=1)] = Field(
        description=f"Version of this format; this one is {MANIFEST_VERSION}. A portal refuses a newer one."
    )
    profile: ManifestProfile = Field(description="Who the region is.")
    plan: ManifestPlan = Field(description="The plan's title and years.")
    built: date = Field(description="The day the site was built (YYYY-MM-DD): its data is as of that day.")
    addresses: ManifestAddresses = Field(description="Where the region's files are, relative to the manifest.")
