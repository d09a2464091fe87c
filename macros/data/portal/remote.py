"""Regions that publish their own sites: `data/regions.yml`, their cached data, and their plans.

A portal lists remote regions by the address of their site. `macros.data.portal.fetch` brings
each one's manifest and plan JSON into a cache folder; this module reads that folder back into
plans, validated by the same models as `make check`. Remote data is untrusted: a bad program
or field leaves that part out with a warning naming the region, the field and the reason, and
the text that remains is only ever shown escaped, like a region's own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from macros.data.plan.assemble import Plan, city_dimensions, natural_key
from macros.data.plan.key_words import english_key
from macros.data.plan.load import city_files
from macros.data.plan.manifest import Manifest
from macros.data.plan.model import City, Program
from macros.data.plan.problems import Problem
from macros.data.plan.read import Document, ReadFailed, field_name, read_document
from macros.data.portal.messages import REMOTE

REGIONS_FILE = "data/regions.yml"
# Kept between runs by the Publish workflow (actions/cache); one folder per region's address.
CACHE_FOLDER = ".cache/daerah"
MANIFEST_CACHE = "manifest.json"
PLAN_CACHE = "plan.json"
STATE_CACHE = "state.json"  # the address and the day of the last good fetch (`from`: where it came from)
DEPLOY = "deploy"  # `from` of data restored from the portal's published site, not from the region's
FAILURE_CACHE = "failure.json"  # why the latest fetch failed; absent when it succeeded


@dataclass(frozen=True)
class RemoteSource:
    """One entry of `data/regions.yml`."""

    url: str  # the region site's root, ending in `/`
    name: str | None


@dataclass(frozen=True)
class RemoteRegion:
    """Where a remote region's pages are, and how fresh its data on the portal is."""

    url: str  # the site's root
    manifest: Manifest  # as last fetched: the combined open data keeps it, for the next build to restore
    pages: dict[str, str]  # program id → its page's full address
    data: str  # its plan JSON's full address
    built: date  # the day the region's site was built (its data is as of then)
    fetched: date  # the day the portal last fetched it successfully
    stale_reason: str | None  # why this run's fetch failed; None when it succeeded


def site_root(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def cache_folder(cache: Path, url: str) -> Path:
    """The region's folder in the cache, named by its address (a region down has no known slug)."""
    return cache / hashlib.sha256(site_root(url).encode("utf-8")).hexdigest()[:16]


def _is_web_address(url: object) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in url)


def read_sources(root: Path) -> tuple[list[RemoteSource], list[Problem]]:
    """The remote regions listed in `data/regions.yml` (none without the file), and its mistakes."""
    path = root / REGIONS_FILE
    if not path.is_file():
        return [], []
    try:
        document = read_document(path, REGIONS_FILE)
    except ReadFailed as failed:
        return [], [failed.problem]
    return _sources(document)


_KEYS = ("url", "name")


def _written_for(key: str, entry: dict[object, object]) -> str | None:
    """The key of `entry` written as the Indonesian word for `key` (`alamat` for `url`), or None."""
    return next((str(written) for written in entry if english_key(str(written), _KEYS) == key), None)


def _unknown_key(key: str) -> str:
    english = english_key(key, _KEYS)
    return REMOTE.say("key_in_english", key=key, close=english) if english else REMOTE.say("unknown_key")


def _sources(document: Document) -> tuple[list[RemoteSource], list[Problem]]:
    entries = document.data
    if entries is None:
        return [], []
    if not isinstance(entries, list):
        return [], [document.problem((), REMOTE.say("not_a_list"))]
    sources, problems, seen = [], [], set()
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and "url" not in entry and (meant := _written_for("url", entry)):
            problems.append(document.problem((index, meant), _unknown_key(meant), at_key=True))  # `- alamat: …`
            continue
        if not isinstance(entry, dict) or "url" not in entry:
            problems.append(document.problem((index,), REMOTE.say("not_a_list")))
            continue
        unknown = sorted(str(key) for key in entry if key not in _KEYS)
        problems += [document.problem((index, key), _unknown_key(key), at_key=True) for key in unknown]
        url, name = entry["url"], entry.get("name")
        if not _is_web_address(url):
            problems.append(document.problem((index, "url"), REMOTE.say("bad_url")))
            continue
        if site_root(url) in seen:
            problems.append(document.problem((index, "url"), REMOTE.say("twice")))
            continue
        seen.add(site_root(url))
        sources.append(RemoteSource(site_root(url), str(name) if isinstance(name, str) and name.strip() else None))
    return sources, problems


# ------------------------------------------------------------------ plans from remote data


def _reason(error: ErrorDetails) -> tuple[str, str]:
    return field_name(tuple(error["loc"])), str(error["msg"])


def plan_from_document(manifest: Manifest, document: object, today: date) -> tuple[Plan | None, list[tuple[str, str]]]:
    """The region's plan from its plan JSON, and (field, reason) of every part left out.

    The city must be valid (else there is no plan); a program that is not, or that names a
    dimension the city does not have, or repeats an id, is left out on its own.
    """
    left_out: list[tuple[str, str]] = []
    if not isinstance(document, dict) or not isinstance(document.get("city"), dict):
        return None, [("city", "missing")]
    city_data = {key: value for key, value in document["city"].items()}
    try:
        city = City.model_validate(city_data)
    except ValidationError as error:
        return None, [(f"city.{field}", reason) for field, reason in map(_reason, error.errors())]
    dimensions = city_dimensions(city)
    programs: list[Program] = []
    seen: set[str] = set()
    raw_programs = document.get("programs")
    for index, raw in enumerate(raw_programs if isinstance(raw_programs, list) else []):
        where = f"programs[{index}]"
        try:
            program = Program.model_validate(raw)
        except ValidationError as error:
            left_out += [(f"{where}.{field}", reason) for field, reason in map(_reason, error.errors())]
            continue
        if program.dimension not in dimensions:
            left_out.append((f"{where}.dimension", REMOTE.say("not_a_dimension", dimension=program.dimension)))
        elif program.id.lower() in seen:
            left_out.append((f"{where}.id", REMOTE.say("same_id", id=program.id)))
        else:
            seen.add(program.id.lower())
            programs.append(program)
    order = {key: index for index, key in enumerate(dimensions)}

    def sort_key(program: Program) -> tuple[object, ...]:
        elements = list(dimensions[program.dimension].elements)
        element_index = elements.index(program.element) if program.element in elements else len(elements)
        return (order[program.dimension], element_index, natural_key(program.id))

    ordered = tuple(sorted(programs, key=sort_key))
    plan = Plan(manifest.profile.slug, city, dimensions, ordered, {p.id: "" for p in ordered}, today)
    return plan, left_out


def program_pages(root_url: str, plan: Plan) -> dict[str, str]:
    """Each program's page on the region's site, where the format puts it under the address listed.

    The addresses the region's data states are not followed: a link on the portal goes only
    under the address its maintainer listed in data/regions.yml.
    """
    return {program.id: urljoin(root_url, f"{program.dimension}/{program.slug}/") for program in plan.programs}


@dataclass(frozen=True)
class CachedRegion:
    source: RemoteSource
    manifest: Manifest
    document: object
    fetched: date
    failure: str | None
    restored: bool  # taken from the portal's previous deploy, not fetched from the region


def read_cached(cache: Path, source: RemoteSource) -> CachedRegion | None:
    """The region's last good data in the cache, with why this run's fetch failed; None if never fetched."""
    folder = cache_folder(cache, source.url)
    try:
        manifest = Manifest.model_validate_json((folder / MANIFEST_CACHE).read_bytes())
        document = json.loads((folder / PLAN_CACHE).read_bytes())
        state = json.loads((folder / STATE_CACHE).read_bytes())
        fetched = date.fromisoformat(state["fetched"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    failure_file = folder / FAILURE_CACHE
    failure = json.loads(failure_file.read_bytes()).get("reason") if failure_file.is_file() else None
    restored = isinstance(state, dict) and state.get("from") == DEPLOY
    return CachedRegion(source, manifest, document, fetched, str(failure) if failure else None, restored)


def remote_regions(root: Path, today: date) -> Iterator[tuple[Plan, RemoteRegion] | RemoteSource]:
    """Each remote region in turn: its plan from the cache and where it lives, or its source when it was
    never fetched. One region at a time, so that a caller that needs one at a time holds one.

    A region whose code (slug) another region of the portal already has is left out: local regions
    take theirs first.
    """
    sources, _ = read_sources(root)
    taken = set(city_files(root))
    for source in sources:
        cached = read_cached(root / CACHE_FOLDER, source)
        if cached is None:
            yield source
            continue
        plan, _ = plan_from_document(cached.manifest, cached.document, today)
        if plan is None or plan.slug in taken:
            continue
        taken.add(plan.slug)
        yield (
            plan,
            RemoteRegion(
                url=source.url,
                manifest=cached.manifest,
                pages=program_pages(source.url, plan),
                data=urljoin(source.url, cached.manifest.addresses.data),
                built=cached.manifest.built,
                fetched=cached.fetched,
                stale_reason=cached.failure,
            ),
        )


def remote_plans(root: Path, today: date) -> tuple[list[Plan], dict[str, RemoteRegion], list[RemoteSource]]:
    """Every remote region's plan from the cache (those fetched at least once), where it lives, and
    the regions never fetched yet (the portal names them, without data)."""
    plans, regions, missing = [], {}, []
    for found in remote_regions(root, today):
        if isinstance(found, RemoteSource):
            missing.append(found)
        else:
            plan, region = found
            plans.append(plan)
            regions[plan.slug] = region
    return plans, regions, missing
