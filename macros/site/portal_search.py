"""The portal's search over regions that publish their own sites: records made from their data.

No page of a remote region is copied: each program becomes one Pagefind record (Pagefind's
Python API, `add_custom_record`) with the words it is found by (title, summary, dimension,
agencies, tags), the metadata a region's own result shows, the filters of a region's search plus
Daerah and Provinsi, and the address of its page on the region's own site, which Pagefind
keeps as it is. Regions in this repository are indexed from their built pages, as before,
into the same index.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import time
import zlib
from collections.abc import Awaitable, Callable, Iterable, Sequence
from pathlib import Path

from pagefind.index import PagefindIndex

from macros.data.plan.assemble import Plan
from macros.data.plan.model import Program
from macros.data.portal.remote import RemoteRegion
from macros.render.search import program_filters, region_filters
from macros.render.text import STATUS_LABELS, years
from macros.site.pagefind_service import PromptService
from macros.site.search_bundle import BundleFormatError, compact_fragment_names, stabilise
from macros.site.search_index import BUNDLE_DIR, EXCLUDED_SELECTORS, IndexReport, SearchIndexError
from macros.site.search_merge import Part, merge_bundles

LANGUAGE = "id"
# Records sent to Pagefind's service before waiting for their answers: the pipe stays busy.
BATCH = 256
# Records per Pagefind run: Pagefind holds about 44 KB a record until it has written its bundle,
# so 25,000 at once take 1.1 GB, and 6,000 about 270 MB (`macros.site.search_merge`).
PART_SIZE = 6_000
# Where the parts' bundles are written before they are joined, inside the site folder (one file system).
PARTS_FOLDER = ".pagefind-parts"
# Where the regions' bundles are joined before the portal's is put in their place (`join_region_bundles`).
JOINING_FOLDER = ".pagefind-joined"
ENTRY = "pagefind-entry.json"


async def _in_batches(requests: Sequence[Awaitable[object]]) -> None:
    for start in range(0, len(requests), BATCH):
        await asyncio.gather(*requests[start : start + BATCH])


def program_text(plan: Plan, program: Program) -> str:
    """The words a program is found by, as plain text: its id, title, summary, dimension and agencies.

    Not the whole page: the region's own search has that. The portal's index stays small enough
    for 25,000 programs (guide/portal.md, "Portal atas situs daerah"), and a result's excerpt
    comes from its summary.
    """
    parts = [
        program.id,
        program.title,
        program.summary,
        plan.dimensions[program.dimension].label,
        plan.element_label(program) or "",
        program.lead,
        *program.partners,
        *program.tags,
    ]
    return "\n".join(part for part in parts if part)


def program_meta(plan: Plan, program: Program) -> dict[str, str]:
    """What a result shows, with the keys of a region's own program pages (`macros.render.search`): the
    summary is in the words (the excerpt comes from it), the agency is `lead`. Nothing twice: Pagefind
    holds every record's metadata in memory until it writes the bundle."""
    return {
        "title": program.title,
        "kind": "Program",
        "program": program.id,
        "dimension": f"{plan.city.name} · {plan.dimensions[program.dimension].label}",
        "status": STATUS_LABELS[program.status],
        "status_key": program.status,
        "lead": program.lead,
        "years": years(program.period.start, program.period.end),
    }


def program_record_filters(plan: Plan, program: Program) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for name, value in program_filters(plan, program) + region_filters(plan):
        grouped.setdefault(name, []).append(value)
    return grouped


async def _index(
    out: Path,
    regions: Iterable[tuple[Plan, RemoteRegion]],
    glob: str | None,
    before_write: Callable[[], None],
    part_size: int,
) -> int:
    """Pagefind over the records, a part of about `part_size` of them at a time (whole regions), each
    part by a service of its own, whose memory is gone before the next starts; then one bundle."""
    parts_folder = out / PARTS_FOLDER
    shutil.rmtree(parts_folder, ignore_errors=True)
    parts: list[Path] = []
    remaining = iter(regions)
    count, done = 0, False
    while not done:
        service = await PromptService().launch()
        try:
            index: PagefindIndex = await service.create_index(
                {"exclude_selectors": list(EXCLUDED_SELECTORS), "force_language": LANGUAGE}
            )
            in_part = 0
            if glob is not None and not parts:
                added = await index.add_directory(str(out), glob=glob)
                in_part += int(added["page_count"])
            done = True
            for plan, remote in remaining:  # one region's plan at a time: 25,000 programs do not fit twice
                await _in_batches([_record(index, plan, remote, program) for program in plan.programs])
                in_part += len(plan.programs)
                if in_part >= part_size:
                    done = False
                    break
            count += in_part
            if in_part == 0 and parts:
                break
            if not parts:
                # Pagefind holds most memory as it writes: let the caller free its own first (in a
                # thread: the service's answers are read on this loop meanwhile).
                await asyncio.to_thread(before_write)
            folder = parts_folder / str(len(parts))
            await index.write_files(output_path=str(folder))
            # Pagefind answers before its files are all on disk, and closing the service stops it:
            # seen under load as an empty pagefind-entry.json. Wait until the bundle stops changing.
            await _written(folder)
            parts.append(folder)
        finally:
            await service.close()
    joined = out / JOINING_FOLDER
    shutil.rmtree(joined, ignore_errors=True)
    # Joined even when there is one part: the join numbers the pages for a smaller first search.
    merge_bundles(parts, joined)
    shutil.rmtree(parts_folder)
    return count


def _record(index: PagefindIndex, plan: Plan, remote: RemoteRegion, program: Program) -> Awaitable[object]:
    return index.add_custom_record(
        url=remote.pages[program.id],
        content=program_text(plan, program),
        language=LANGUAGE,
        meta=program_meta(plan, program),
        filters=program_record_filters(plan, program),
    )


def _sizes(folder: Path) -> dict[Path, int]:
    return {path: path.stat().st_size for path in folder.rglob("*") if path.is_file()}


async def _written(folder: Path, settle: float = 0.2, patience: float = 60.0) -> None:
    """Return once the bundle's entry file reads and no file of the bundle changed for `settle` s."""
    deadline = time.monotonic() + patience
    before = _sizes(folder) if folder.is_dir() else {}
    while time.monotonic() < deadline:
        await asyncio.sleep(settle)
        after = _sizes(folder) if folder.is_dir() else {}
        entry = folder / "pagefind-entry.json"
        if after and after == before and entry.is_file():
            try:
                json.loads(entry.read_text(encoding="utf-8"))
                return
            except ValueError:
                pass
        before = after


# A region's page the portal's search covers: `<dimension>/<program>/`, as `*/*/*/index.html` from the
# portal's folder (macros.site.portal_build) finds it; never in a folder of dot-names.
_PROGRAM_ADDRESS = re.compile(r"/[^/.][^/]*/[^/.][^/]*/")


def _is_program_address(address: str) -> bool:
    return _PROGRAM_ADDRESS.fullmatch(address) is not None


def join_region_bundles(
    out: Path, regions: Sequence[str], check: Callable[[], None] = lambda: None
) -> IndexReport | None:
    """The portal's search bundle in `out/pagefind/`, joined from the local regions' own bundles (each
    region's pages of `_PROGRAM_ADDRESS`, their addresses behind the region's folder) instead of a
    second Pagefind run over the same pages (guide/performance.md); None, leaving nothing, when a
    region has no bundle or the bundles cannot be joined (then Pagefind runs over the pages as before).
    `check` is called between regions; what it raises stops the join, the joining folder left to the next."""
    started = time.perf_counter()
    if not regions or not all((out / region / BUNDLE_DIR / ENTRY).is_file() for region in regions):
        return None
    joined = out / JOINING_FOLDER
    shutil.rmtree(joined, ignore_errors=True)
    parts = [Part(out / region / BUNDLE_DIR, f"/{region}", _is_program_address) for region in regions]
    try:
        merge_bundles(parts, joined, check)
        stabilise(joined)
        compact_fragment_names(joined)  # a first search loads every page's name
    except (BundleFormatError, ValueError, KeyError, OSError, zlib.error):  # a bundle laid out otherwise
        shutil.rmtree(joined, ignore_errors=True)
        return None
    entry = json.loads((joined / ENTRY).read_text(encoding="utf-8"))
    _put_in_place(joined, out / BUNDLE_DIR)
    pages = sum(int(language.get("page_count", 0)) for language in entry["languages"].values())
    return IndexReport(pages=pages, seconds=time.perf_counter() - started)


def _put_in_place(joined: Path, bundle: Path) -> None:
    """The bundle in `joined` moved over the one in `bundle`, the entry file last, then what only the old
    one had removed: the preview serves the folder meanwhile, and its search always finds a whole bundle."""
    if not bundle.exists():  # a published build: nothing serves the folder yet, so one rename does it
        joined.rename(bundle)  # (moving 2,000 files one by one took 0.75 s of a portal of 40 × 50)
        return
    names = sorted(path.relative_to(joined) for path in joined.rglob("*") if path.is_file())
    for name in sorted(names, key=lambda name: name.as_posix() == ENTRY):
        (bundle / name).parent.mkdir(parents=True, exist_ok=True)
        os.replace(joined / name, bundle / name)
    kept = set(names)
    for path in sorted(bundle.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(bundle) not in kept:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    shutil.rmtree(joined, ignore_errors=True)


def build_portal_index(
    out: Path,
    regions: Iterable[tuple[Plan, RemoteRegion]],
    glob: str | None,
    before_write: Callable[[], None] = lambda: None,
    part_size: int = PART_SIZE,
) -> IndexReport:
    """The portal's search bundle in `out/pagefind/`: the local regions' pages matching `glob`
    (None: there are none) and a record per program of every remote region in `regions`;
    `before_write` is called once every record is in, before Pagefind builds and writes the index."""
    started = time.perf_counter()
    try:
        count = asyncio.run(_index(out, regions, glob, before_write, part_size))
        stabilise(out / JOINING_FOLDER)
        compact_fragment_names(out / JOINING_FOLDER)  # a first search loads every page's name
        _put_in_place(out / JOINING_FOLDER, out / BUNDLE_DIR)
    except BundleFormatError as error:
        raise SearchIndexError(f"unexpected search bundle (was Pagefind upgraded?): {error}") from None
    except Exception as error:  # the Pagefind service's failures come as assorted exceptions
        raise SearchIndexError(str(error)) from error
    return IndexReport(pages=count, seconds=time.perf_counter() - started)
